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
    // Fills the empty fields from the plan (vCenter FQDN, administrator@<SSO domain>) and the
    // password from the secret store.
    void suggestFrom(const LabPlan &plan);
    // Work with this endpoint succeeded: keep the password for the plan's lab and the typed
    // fingerprint (the user compared it and ran again) for this host in the project.
    void rememberWhatWorked(const LabPlan &plan);
    // The endpoint, or an Error that says which field to fix. Without a fingerprint typed, the
    // one confirmed for this host in the project is used.
    Result<VCenterEndpoint> endpoint() const;
    // After a TLS refusal: offers the presented fingerprint for the user to compare and confirm.
    void offerFingerprint(const QString &fingerprint);

private:
    QLineEdit *m_host;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_fingerprint;
    SecretStore *m_secrets = nullptr;
    PlanDocument *m_document = nullptr;
};

} // namespace vlab
