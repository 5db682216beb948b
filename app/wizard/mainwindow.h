#pragma once
// MainWindow: the wizard shell. A File menu (new, open, save, save as, export as an Ansible
// project), a start page, the QWizard built from every registered step, a side list of the
// steps, and the one run panel at the bottom.

#include "core/result.h"
#include "stepregistry.h"

#include <QHash>
#include <QMainWindow>

#include <functional>

class QAction;
class QListWidget;
class QStackedWidget;
class QWizard;
class QWizardPage;

namespace vlab {

class PlanDocument;
class RunPanel;
class StartPage;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    PlanDocument *document() const { return m_document; }
    QWizard *wizard() const { return m_wizard; }
    // The page of a step (built if it was not yet), whether or not a StepHost stands for it.
    QWizardPage *stepPage(int id) const;
    QWizardPage *currentStepPage() const { return stepPage(currentStepId()); }
    int currentStepId() const;
    RunPanel *runPanel() const { return m_runPanel; }
    // Every step before the last page, in order, with how it stands (as the side list marks it).
    QList<StepOutcome> stepOutcomes() const;
    // Brings up the editor of the plan field a finding names ("certificate.san[2]"): switches
    // to the page and section that edit it, scrolls it into view and focuses it. Returns the
    // editor, or nullptr when no page edits that path (or the current page cannot be left).
    QWidget *showField(const QString &path);
    // Switches to the page of the step with this id (StepInfo::id), as showField() does; false
    // when no step has that id or the current page refused to be left.
    bool showStep(const QString &stepId);

    // Opens a plan file and shows its steps; the file becomes the newest of the recent plans.
    Result<void> openFile(const QString &fileName);
    // The start page: a new lab from the example, a plan to open, the recent plans. Shown by
    // main() when no plan is given; any plan opened or started leaves it for the steps.
    void showStartPage();
    bool isOnStartPage() const;
    // Asks whether to restore the plan left unsaved by a crash, if there is one.
    void offerRecovery();
    // Renders every page to DIR/NN-<id>.png, one page per event-loop turn so layouts settle,
    // then calls done with the files written.
    void screenshotPages(const QString &dir, std::function<void(Result<QStringList>)> done);
    // The process is asked to stop (SIGTERM, SIGHUP, SIGINT; `by` names it): the running
    // jobs are cancelled without asking (their cancel stops the installer's process group and
    // removes its temporary template; the journal records the interruption), then the
    // application exits with `exitCode`. Unsaved plan changes stay in the recovery file.
    void stopAndQuit(const QString &by, int exitCode);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    static QString busyMessage();
    void buildMenus();
    void newLab();
    void open();
    void showSteps();
    bool save();
    bool saveAs();
    void exportAnsible();
    // No run going on, and the unsaved changes saved or given up: another plan may be opened.
    bool mayLeavePlan();
    bool confirmDiscard();
    void updateTitle();
    void updateStepList(int currentId);
    // Marks the steps as the project's journal says their last runs ended (a new start, another
    // project): done, failed, cancelled or interrupted.
    void restoreStepStates();
    int stepOrder(const QString &stepId) const; // -1 when no step has that id
    // Shows the page with this id, back through the pages passed or forward past those between;
    // false when the current page refused to be left.
    bool switchToPage(int id);
    void stepLeft(int previousId, int currentId);

    PlanDocument *m_document;
    QWizard *m_wizard;
    RunPanel *m_runPanel;
    QListWidget *m_steps;
    StartPage *m_start;
    QStackedWidget *m_central;
    QList<QAction *> m_planActions; // disabled while the start page shows
    // What happened on each step: done (its last run succeeded, or a plan step passed),
    // failed (its last run failed), cancelled (its last run was cancelled or cut off),
    // skipped (passed without running anything).
    enum class StepState { None, Done, Failed, Cancelled, Skipped };
    QHash<int, StepState> m_stepStates;
    bool m_closeAfterRun = false; // closing waits for the cancelled run to stop
    bool m_quitting = false;
    int m_lastId = -1;
};

} // namespace vlab
