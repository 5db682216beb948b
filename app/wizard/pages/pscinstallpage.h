#pragma once
// PscInstallPage (step 2, "PSC install"): the vcsa-deploy templates of the two external
// Platform Services Controllers (the first makes the SSO domain and site, the second
// replicates with it), with copy and save, all plan-only; live, the installer from the
// mounted ISO through the run panel: a precheck of the shown PSC, Install PSC1, Install PSC2.

#include "stepregistry.h"

#include <QWizardPage>

class QLabel;
class QPushButton;
class QTabWidget;

namespace vlab {

class VcsaInstallerBox;
class VcsaTemplateView;
enum class VcsaRole;

class PscInstallPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit PscInstallPage(const StepContext &context);
    static QString stepTitle(); // built when first shown (StepHost)
    void initializePage() override;

private:
    void refresh();
    void run(VcsaRole role, bool precheckOnly);

    StepContext m_context;
    QLabel *m_summary;
    QTabWidget *m_tabs;
    VcsaTemplateView *m_psc1;
    VcsaTemplateView *m_psc2;
    VcsaInstallerBox *m_installer;
    QPushButton *m_precheck;
    QPushButton *m_install1;
    QPushButton *m_install2;
    QLabel *m_result;
};

} // namespace vlab
