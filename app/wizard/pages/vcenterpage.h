#pragma once
// VCenterPage (step 5, "vCenter"): the vcsa-deploy template of vCenter Server with the
// external PSCs behind the load-balancer name, with copy and save, plan-only; live, the
// installer's precheck and Install through the run panel, then "Check login": a vCenter REST
// session (VCenterLoginJob) that shows what the new vCenter says about itself.

#include "runpanel.h"
#include "stepregistry.h"

#include <QWizardPage>

class QLabel;
class QPushButton;

namespace vlab {

class Job;
class VCenterConnectionBox;
class VcsaInstallerBox;
class VcsaTemplateView;

class VCenterPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit VCenterPage(const StepContext &context);
    static QString stepTitle(); // built when first shown (StepHost)
    void initializePage() override;

private:
    void refresh();
    void runInstaller(bool precheckOnly);
    void checkLogin();
    // `trust`: how a login that meets an unconfirmed certificate goes on (the login only).
    void runJob(Job *job, const QString &title, RunPanel::TrustFlow trust = {});

    StepContext m_context;
    QLabel *m_summary;
    VcsaTemplateView *m_template;
    VcsaInstallerBox *m_installer;
    VCenterConnectionBox *m_connection;
    QPushButton *m_precheck;
    QPushButton *m_install;
    QPushButton *m_login;
    QLabel *m_result;
};

} // namespace vlab
