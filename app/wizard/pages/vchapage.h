#pragma once
// VchaPage (step 6, "vCenter HA"): the prerequisites the plan must meet, the deploy spec of
// 6.7 U1 and later (placeholders for what only the live vCenter knows) and the manual steps
// for 6.7 GA, all plan-only; live, Deploy and Status through the run panel (VchaJob), which
// fall back to the manual steps when the vCenter has no VCHA REST API.

#include "stepregistry.h"

#include <QWizardPage>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace vlab {

class PlanForm;

class VCenterConnectionBox;
enum class VchaAction;

class VchaPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit VchaPage(const StepContext &context);
    static QString stepTitle(); // built when first shown (StepHost)
    void initializePage() override;
    static bool ownsField(const QString &path);
    Q_INVOKABLE QWidget *showField(const QString &path);

private:
    void refresh();
    void run(VchaAction action);

    StepContext m_context;
    PlanForm *m_network = nullptr;
    QLabel *m_prerequisites;
    QPlainTextEdit *m_spec;
    QPlainTextEdit *m_manual;
    VCenterConnectionBox *m_connection;
    QPushButton *m_deploy;
    QPushButton *m_status;
    QPushButton *m_undeploy;
    QLabel *m_result;
};

} // namespace vlab
