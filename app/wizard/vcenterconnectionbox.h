#pragma once
// VCenterConnectionBox: where a page asks how to reach a vCenter (host, user, password). A
// certificate this machine does not trust is confirmed in the run panel's TrustDialog only
// (trustFlow()), and kept in the project's confirmed fingerprints (vlab-trust.json). Once work
// succeeded, the password is kept in the secret store (the keychain, or this process's memory;
// never the plan or the project) and the host in the project, so the other vCenter pages, and
// the next session, start with the host and the fingerprint that worked.

#include "runpanel.h"
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
    // and its confirmed fingerprint for its host in the project folder.
    void rememberWhatWorked(const VCenterEndpoint &used, const QString &lab, const QString &projectFolder);
    // The endpoint, or an Error that says which field to fix; with the fingerprint confirmed
    // for this host in the project.
    Result<VCenterEndpoint> endpoint() const;
    // For a run of this page: a vCenter certificate nobody confirmed yet is asked about in the
    // run panel, kept for its host in the project once confirmed, and then `rerun` starts the
    // page's work again; the outcome sentence goes to `show`.
    RunPanel::TrustFlow trustFlow(std::function<void()> rerun,
                                  std::function<void(const QString &)> show) const;

private:
    // Fills an empty password field with the one kept for this user on this host.
    void recall();

    QLineEdit *m_host;
    QLineEdit *m_user;
    QLineEdit *m_password;
    SecretStore *m_secrets = nullptr;
    PlanDocument *m_document = nullptr;
};

} // namespace vlab
