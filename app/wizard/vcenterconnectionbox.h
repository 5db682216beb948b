#pragma once
// VCenterConnectionBox: where a page asks how to reach a vCenter (host, user, the confirmed
// certificate fingerprint, the password). The password stays in the widget's memory only:
// it is never saved with the plan or the project. Pages that talk to vCenter share it.

#include "vsphere/vcenterclient.h"

#include <QGroupBox>

class QLabel;
class QLineEdit;

namespace vlab {

struct LabPlan;

class VCenterConnectionBox : public QGroupBox
{
    Q_OBJECT
public:
    explicit VCenterConnectionBox(QWidget *parent = nullptr);

    // Fills the empty fields from the plan (vCenter FQDN, administrator@<SSO domain>).
    void suggestFrom(const LabPlan &plan);
    // The endpoint, or an Error that says which field to fix.
    Result<VCenterEndpoint> endpoint() const;
    // After a TLS refusal: offers the presented fingerprint for the user to compare and confirm.
    void offerFingerprint(const QString &fingerprint);

private:
    QLineEdit *m_host;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_fingerprint;
};

} // namespace vlab
