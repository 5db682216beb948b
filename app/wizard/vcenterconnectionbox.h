#pragma once
// VCenterConnectionBox: where a page asks how to reach a vCenter (host, user, the confirmed
// certificate fingerprint, the password). The password is never saved with the plan or the
// project; once a login with it worked, it is kept in the secret store (the keychain, or this
// process's memory) and the other vCenter pages start with it.

#include "vsphere/vcenterclient.h"

#include <QGroupBox>

class QLabel;
class QLineEdit;

namespace vlab {

struct LabPlan;
class SecretStore;

class VCenterConnectionBox : public QGroupBox
{
    Q_OBJECT
public:
    explicit VCenterConnectionBox(QWidget *parent = nullptr);

    // Where passwords that worked are kept (none: asked each time).
    void setSecretStore(SecretStore *store);
    // Fills the empty fields from the plan (vCenter FQDN, administrator@<SSO domain>) and the
    // password from the secret store.
    void suggestFrom(const LabPlan &plan);
    // The login worked: keep the password for the plan's lab.
    void keepPassword(const LabPlan &plan);
    // The endpoint, or an Error that says which field to fix.
    Result<VCenterEndpoint> endpoint() const;
    // After a TLS refusal: offers the presented fingerprint for the user to compare and confirm.
    void offerFingerprint(const QString &fingerprint);

private:
    QLineEdit *m_host;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_fingerprint;
    SecretStore *m_secrets = nullptr;
};

} // namespace vlab
