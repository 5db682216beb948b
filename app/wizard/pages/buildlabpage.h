#pragma once
// BuildLabPage (after the Lab plan): the whole lab in one run, as `vlab run` does it. The
// engine's LabBuild makes every selected step's jobs with the same calls as the step pages,
// in the order of project/labrun.h; the page shows the stages, what runs at the same time and
// the critical path, gathers only what the chosen steps need (the VCSA ISO and passwords, the
// VMCA root, the NetScaler, vCenter and SSH logins), looks at what already holds in the lab
// (skipped as already done), and hands the queue to the run panel, which asks for approval
// once with every change listed, journals the run and resumes it after a crash.

#include "core/result.h"
#include "stepregistry.h"

#include <QPointer>
#include <QWizardPage>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace vlab {

class JobQueue;
class LabBuild;
class OutcomeSurvey;
class NetScalerLoginBox;
class SshLoginBox;
class VCenterConnectionBox;
class VcsaInstallerBox;
struct LabBuildSettings;
enum class LabStep;

class BuildLabPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit BuildLabPage(const StepContext &context);
    static QString stepTitle(); // built when first shown (StepHost)
    void initializePage() override;

    // Starts the whole-lab run of the ticked steps; false having said why (a field to fill is
    // focused, on its tab).
    bool build();

private:
    QList<LabStep> chosenSteps() const;
    Result<LabBuildSettings> settings(const QList<LabStep> &steps);
    void showStages();
    void surveyed(OutcomeSurvey *survey, LabBuild *build, JobQueue *queue);
    void finished(LabBuild *build, JobQueue *queue);
    void updateButtons();

    StepContext m_context;
    QList<QCheckBox *> m_steps;
    QLabel *m_stages;
    QLabel *m_summary;
    QPushButton *m_run;
    QTabWidget *m_tabs;
    VcsaInstallerBox *m_installer;
    QLineEdit *m_caCert;
    QLineEdit *m_caKey;
    NetScalerLoginBox *m_netscaler;
    VCenterConnectionBox *m_vcenter;
    SshLoginBox *m_ssh;
    QPointer<OutcomeSurvey> m_survey; // while the lab is looked at before the run
    QPointer<LabBuild> m_build;       // of the running (or last) run
};

} // namespace vlab
