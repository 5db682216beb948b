#pragma once
// VCenterConnectionBox: where a page asks how to reach a vCenter (host, user, the confirmed
// certificate fingerprint, the password). Once work with them succeeded, the password is kept
// in the secret store (the keychain, or this process's memory; never the plan or the
// project) and the fingerprint in the project's confirmed fingerprints (vlab-trust.json), so
// the other vCenter pages, and the next session, start with them.

#include "stepregistry.h"
#include "vsphere/vcenterclient.h"

#include <QGroupBox>

class QLabel;
class QLineEdit;

namespace vlab {

struct LabPlan;
class PlanDocument;
class SecretStore;

class VCenterConnectionBox : public QGroupBox
{
    Q_OBJECT
public:
    explicit VCenterConnectionBox(QWidget *parent = nullptr);

    // Where passwords (the context's secret store) and fingerprints (the document's project
    // folder) that worked are kept.
    void attach(const StepContext &context);
    // Fills the empty fields with the vCenter and user that worked last in the project
    // (vlab-state.json), else from the plan (vCenter FQDN, administrator@<SSO domain>), and the
    // password kept for that user on that host from the secret store.
    void suggestFrom(const LabPlan &plan);
    // Work with `used` (the endpoint as it was when the work started) succeeded: keep its
    // password for the lab, user and host, its host and user in the project (vlab-state.json),
    // and its fingerprint (typed after the user compared
    // it, or already confirmed) for its host in the project folder.
    void rememberWhatWorked(const VCenterEndpoint &used, const QString &lab, const QString &projectFolder);
    // The endpoint, or an Error that says which field to fix. Without a fingerprint typed, the
    // one confirmed for this host in the project is used.
    Result<VCenterEndpoint> endpoint() const;
    // After a TLS refusal: offers the presented fingerprint for the user to compare and confirm.
    void offerFingerprint(const QString &fingerprint);

private:
    // Fills an empty password field with the one kept for this user on this host.
    void recall();

    QLineEdit *m_host;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_fingerprint;
    SecretStore *m_secrets = nullptr;
    PlanDocument *m_document = nullptr;
};

} // namespace vlab
