#include "mainwindow.h"

#include "jobs/jobqueue.h"
#include "jobs/journal.h"
#include "jobs/writefilesjob.h"
#include "project/ansibleexport.h"
#include "project/plandocument.h"
#include "project/writeplanfilesjob.h"
#include "recentplans.h"
#include "runpanel.h"
#include "secrets/secretstore.h"
#include "startpage.h"
#include "stephost.h"
#include "stepregistry.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QColor>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QKeySequence>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>
#include <QWizard>
#include <QWizardPage>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
// The wizard step (StepInfo::id) whose page runs the job with this journal key (Job::key()),
// for runs journaled without their step (the `vlab` verbs).
QString stepOfJob(const QString &key)
{
    const QString group = key.section(u'.', 0, 0);
    if (group == u"vcsa"_s)
        return key.section(u'.', 1, 1) == u"vcenter"_s ? u"vcenter"_s : u"psc"_s;
    if (group == u"cert"_s)
        return u"certificates"_s;
    if (group == u"psc"_s) // psc.cert, psc.shell, psc.endpoint
        return u"applycerts"_s;
    if (group == u"diag"_s)
        return u"diagnostics"_s;
    for (const QString &id : {u"precheck"_s, u"netscaler"_s, u"vcenter"_s, u"vcha"_s, u"vds"_s, u"audit"_s}) {
        if (group == id)
            return id;
    }
    return {};
}

// A job that undoes its step's work (Roll back on the NetScaler, Remove VCHA): when it
// succeeds the step is no longer done, it is back to not run.
bool undoesStep(const QString &key)
{
    return key == u"netscaler.rollback"_s || key == u"vcha.undeploy"_s;
}

// The wizard is a page area inside the main window, not a dialog: nothing closes it. Escape
// (QDialog's reject) and accept would hide it and leave an empty window for good; the main
// window alone decides when the program ends (and asks about running work and unsaved edits).
class PageArea : public QWizard
{
public:
    void done(int) override { }

protected:
    // QWizard hides its page area for a moment whenever it updates its buttons (on every
    // completeChanged: a finding appears or goes, a run starts or ends). Hiding the area that
    // holds the focus makes Qt move the focus on, to the next button or the run panel's job
    // list, and the rest of what the user types lands there ("...com" + "abc" became
    // "...coma"). The area is shown again at once: keep the focus where it is. A page that is
    // really left (hidden itself) still passes the focus on as usual.
    bool focusNextPrevChild(bool next) override
    {
        const QWidget *focus = QApplication::focusWidget();
        const QWizardPage *page = currentPage();
        if (!updatesEnabled() && focus && page && !page->isHidden() && page->isAncestorOf(focus))
            return true;
        return QWizard::focusNextPrevChild(next);
    }
};

// Help > User guide: how the steps fit together, plan only and live, where the files go, the
// keys. One guide per window, shown beside the wizard (not modal: the user reads and works).
void showUserGuide(QWidget *window, QWizard *wizard)
{
    auto *guide = window->findChild<QDialog *>(u"userGuideDialog"_s);
    if (!guide) {
        guide = new QDialog(window);
        guide->setObjectName(u"userGuideDialog"_s);
        guide->setWindowTitle(MainWindow::tr("vLab Wizard user guide"));
        auto *text = new QTextBrowser;
        text->setObjectName(u"userGuide"_s);
        text->setOpenLinks(false);
        QString steps;
        for (const int id : wizard->pageIds())
            steps += u"<li>"_s + wizard->page(id)->title().toHtmlEscaped() + u"</li>"_s;
        // The keys of the wizard's own buttons, as this language marks them.
        auto key = [wizard](QWizard::WizardButton button) {
            return QKeySequence::mnemonic(wizard->buttonText(button)).toString(QKeySequence::NativeText);
        };
        text->setHtml(
            MainWindow::tr(
                "<h3>How the steps fit together</h3>"
                "<p>The <b>Lab plan</b> describes the lab once; every later step is made from it, in this "
                "order:</p><ol>%1</ol>"
                "<p>A problem shows under the field it concerns, and Next waits until the page has no "
                "errors. The list on the left shows where you are and how each step's last run "
                "ended.</p>"
                "<h3>Plan only or live</h3>"
                "<p><b>Plan only</b> writes the exact files and commands of a step (request configs, "
                "NetScaler batch files, installer templates, scripts) for you to check or run by hand; "
                "nothing is changed on any machine. <b>Live</b> runs the step against the lab's "
                "machines from the run panel at the bottom, which shows progress, asks before anything "
                "is changed and can cancel the run.</p>"
                "<h3>Where files go</h3>"
                "<p>Everything of one lab goes into its <b>project folder</b>, the folder of its plan "
                "(a plan not saved yet is offered Documents/vlab/&lt;lab name&gt;):</p><ul>"
                "<li><code>&lt;lab name&gt;.vlab.json</code>: the plan</li>"
                "<li><code>vlab-journal.json</code>: every run, how it ended (read again on the next "
                "start)</li>"
                "<li><code>certs/</code>: certificate request, key, CSR and chain</li>"
                "<li><code>netscaler/</code>: the load-balancer batch files</li>"
                "<li><code>vcsa/</code>: the appliance installer templates</li>"
                "<li><code>logs/</code>: the installer's logs</li>"
                "<li><code>runbook.pdf</code>: the runbook of the lab, with the evidence of every "
                "run</li></ul>"
                "<h3>Keyboard</h3>"
                "<p>%2 goes to the next step, %3 back to the previous one; Alt with the underlined "
                "letter reaches any field or menu; Tab moves between fields.</p>")
                .arg(steps, key(QWizard::NextButton), key(QWizard::BackButton)));
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
        QObject::connect(buttons, &QDialogButtonBox::rejected, guide, &QDialog::close);
        auto *layout = new QVBoxLayout(guide);
        layout->addWidget(text);
        layout->addWidget(buttons);
        guide->resize(620, 560);
    }
    guide->show();
    guide->raise();
    guide->activateWindow();
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new PlanDocument(this))
    , m_wizard(new PageArea)
    , m_runPanel(new RunPanel)
    , m_steps(new QListWidget)
    , m_start(new StartPage)
    , m_central(new QStackedWidget)
{
    setObjectName(u"mainWindow"_s);
    m_document->loadExample();
    m_document->setRecoveryFile(QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
                                    .filePath(u"recovery.vlab-recovery.json"_s));

    m_wizard->setWindowFlags(Qt::Widget); // a page area inside the main window, not a dialog
    m_wizard->setWizardStyle(QWizard::ClassicStyle);
    m_wizard->setOption(QWizard::NoCancelButton);
    m_wizard->setOption(QWizard::NoBackButtonOnStartPage);
    m_wizard->setButtonLayout({QWizard::Stretch, QWizard::BackButton, QWizard::NextButton});
    m_steps->setObjectName(u"stepList"_s);
    m_steps->setFocusPolicy(Qt::NoFocus);
    m_steps->setSelectionMode(QAbstractItemView::NoSelection);
    m_steps->setFixedWidth(190);
    m_wizard->setSideWidget(m_steps);

    SecretStore *secrets = createSecretStore(this);
    connect(secrets, &SecretStore::fallbackActivated, m_runPanel, [this](const QString &reason) {
        m_runPanel->note(tr("No keychain: passwords are kept in memory only and asked for again next "
                            "time (%1).")
                             .arg(reason));
    });
    const StepContext context{m_document,
                              m_runPanel,
                              secrets,
                              [this](const QString &path) { return showField(path); },
                              [this] { return stepOutcomes(); },
                              [this](const QString &stepId) {
                                  return showStep(stepId);
                              }};
    for (const StepInfo &step : StepRegistry::steps()) {
        // Pages that can say their title are built when first shown (see StepHost).
        QWizardPage *page = step.title ? new StepHost(step, context) : step.create(context);
        page->setProperty("vlabStepId", QString::fromLatin1(step.id));
        m_wizard->setPage(step.order, page);
        m_steps->addItem(page->title());
    }

    // The run panel sits under the pages in a splitter (a dock widget's float and close
    // buttons cost a noticeable share of start-up for nothing users asked for).
    auto *split = new QSplitter(Qt::Vertical);
    split->setObjectName(u"runSplitter"_s);
    split->setChildrenCollapsible(false);
    split->addWidget(m_wizard);
    split->addWidget(m_runPanel);
    split->setStretchFactor(0, 1);
    // The start page (shown when the wizard starts without a plan) and the steps share the
    // window's middle.
    m_central->addWidget(m_start);
    m_central->addWidget(split);
    m_central->setCurrentWidget(split);
    setCentralWidget(m_central);
    connect(m_start, &StartPage::newLabRequested, this, &MainWindow::newLab);
    connect(m_start, &StartPage::openRequested, this, &MainWindow::open);
    connect(m_start, &StartPage::recentRequested, this, [this](const QString &fileName) {
        if (const Result<void> loaded = openFile(fileName); !loaded) {
            QMessageBox box(QMessageBox::Warning, tr("Cannot open the plan"), loaded.error().message,
                            QMessageBox::Ok, this);
            box.setDetailedText(loaded.error().details);
            box.exec();
            m_start->refresh();
        }
    });
    // The panel is one line until its first run or note; then it takes a fifth of the height.
    connect(m_runPanel, &RunPanel::detailsShown, split, [split] {
        const int total = split->height();
        const int panel = std::max(190, total / 5);
        split->setSizes({std::max(0, total - panel), panel});
    });

    // Every run is journaled in the project folder, so a crash can be resumed.
    auto journal = [this] {
        m_runPanel->setJournalPath(QDir(m_document->projectFolder()).filePath(RunJournal::fileName()));
    };
    journal();
    connect(m_document, &PlanDocument::projectFolderChanged, this, journal);
    connect(m_document, &PlanDocument::fileNameChanged, this, journal);
    // ... and the steps show how their last runs in this project ended (after a restart too).
    connect(m_document, &PlanDocument::projectFolderChanged, this, [this] {
        restoreStepStates();
        updateStepList(m_wizard->currentId());
    });

    buildMenus();
    connect(m_wizard, &QWizard::currentIdChanged, this, [this](int id) {
        stepLeft(m_lastId, id);
        m_lastId = id;
        updateStepList(id);
        // Work started from now on belongs to this step (in the journal too).
        if (const QWizardPage *page = m_wizard->page(id))
            m_runPanel->setStep(page->property("vlabStepId").toString());
        // Tab moves on from a table to the next control, as everywhere else on the page (a
        // table's default keeps Tab for going from cell to cell: a keyboard user was caught in
        // it); the arrow keys move between cells.
        if (QWizardPage *page = stepPage(id)) {
            for (QAbstractItemView *view : page->findChildren<QAbstractItemView *>())
                view->setTabKeyNavigation(false);
        }
    });
    // A run started from a page marks that page's step (the one it was started from).
    connect(m_runPanel, &RunPanel::queueFinished, this, [this](bool succeeded) {
        const int order = stepOrder(m_runPanel->runStep());
        // A run that only skipped jobs without running them (resumed with "skip", "Not now") did
        // nothing: it marks nothing. A job that ran and found nothing to do (a PSC serving the
        // new certificate already) ends Skipped too, but its step is done.
        const QList<Job *> jobs = m_runPanel->queue() ? m_runPanel->queue()->jobs() : QList<Job *>();
        const bool didSomething = std::any_of(jobs.cbegin(), jobs.cend(), [](const Job *j) {
            return j->state() != Job::State::Skipped || j->report().started.isValid();
        });
        const bool undone = succeeded && std::any_of(jobs.cbegin(), jobs.cend(), [](const Job *j) {
                                return undoesStep(j->key()) && j->state() == Job::State::Succeeded;
                            });
        if (didSomething)
            m_stepStates[order >= 0 ? order : m_wizard->currentId()] = undone ? StepState::None
                : succeeded                                                   ? StepState::Done
                : m_runPanel->wasCancelled()                                  ? StepState::Cancelled
                                                                              : StepState::Failed;
        updateStepList(m_wizard->currentId());
        // A close that cancelled the run goes on once its jobs have stopped.
        if (m_closeAfterRun) {
            m_closeAfterRun = false;
            QTimer::singleShot(0, this, &QWidget::close);
        }
    });
    connect(m_document, &PlanDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &PlanDocument::fileNameChanged, this, &MainWindow::updateTitle);
    connect(m_document, &PlanDocument::planChanged, this, &MainWindow::updateTitle);
    restoreStepStates();
    m_wizard->restart();
    updateTitle();
    updateStepList(m_wizard->currentId());
    // 1024x720 where the screen has room, never more than it offers (a 1024x700 screen).
    const QSize wanted(1024, 720);
    resize(screen() ? wanted.boundedTo(screen()->availableGeometry().size()) : wanted);
}

MainWindow::~MainWindow() = default;

int MainWindow::currentStepId() const
{
    return m_wizard->currentId();
}

QWidget *MainWindow::showField(const QString &path)
{
    for (const StepInfo &step : StepRegistry::steps()) {
        if (!step.ownsField || !step.ownsField(path))
            continue;
        if (!switchToPage(step.order))
            return nullptr; // the current page refused to be left (validatePage)
        QWidget *editor = nullptr;
        QMetaObject::invokeMethod(stepPage(step.order), "showField", Qt::DirectConnection,
                                  Q_RETURN_ARG(QWidget *, editor), Q_ARG(QString, path));
        if (!editor)
            return nullptr;
        // The page's own scroll area first, then the one around the whole page.
        for (QWidget *w = editor->parentWidget(); w; w = w->parentWidget()) {
            if (auto *scroll = qobject_cast<QScrollArea *>(w))
                scroll->ensureWidgetVisible(editor);
        }
        editor->setFocus(Qt::OtherFocusReason);
        return editor;
    }
    return nullptr;
}

bool MainWindow::switchToPage(int id)
{
    // Back to a page already passed: as many Backs, so that the wizard's history stays whole
    // (QWizard::setCurrentId() drops only the last page of it, and Next then refuses the pages
    // still listed: "Page 50 already met").
    const QList<int> passed = m_wizard->visitedIds();
    if (passed.contains(id)) {
        while (m_wizard->currentId() != id) {
            const int before = m_wizard->currentId();
            m_wizard->back();
            if (m_wizard->currentId() == before)
                return false;
        }
        return true;
    }
    m_wizard->setCurrentId(id); // forward, even past a page whose errors block Next
    return m_wizard->currentId() == id;
}

bool MainWindow::showStep(const QString &stepId)
{
    const int order = stepOrder(stepId);
    if (order < 0)
        return false;
    if (!switchToPage(order))
        return false; // the current page refused to be left (validatePage)
    if (QWizardPage *page = m_wizard->currentPage())
        page->setFocus(Qt::OtherFocusReason);
    return true;
}

QList<StepOutcome> MainWindow::stepOutcomes() const
{
    QList<StepOutcome> outcomes;
    const QList<int> ids = m_wizard->pageIds();
    for (qsizetype i = 0; i + 1 < ids.size(); ++i) { // the last page is the summary's own
        const QWizardPage *page = m_wizard->page(ids.at(i));
        StepOutcome outcome{page->property("vlabStepId").toString(), page->title()};
        switch (m_stepStates.value(ids.at(i))) {
        case StepState::Done:
            outcome.state = StepOutcome::State::Done;
            break;
        case StepState::Failed:
            outcome.state = StepOutcome::State::Failed;
            break;
        case StepState::Cancelled:
            outcome.state = StepOutcome::State::Cancelled;
            break;
        case StepState::Skipped:
            outcome.state = StepOutcome::State::Skipped;
            break;
        case StepState::None:
            break;
        }
        outcomes << outcome;
    }
    return outcomes;
}

QWizardPage *MainWindow::stepPage(int id) const
{
    QWizardPage *page = m_wizard->page(id);
    if (auto *host = qobject_cast<StepHost *>(page))
        return host->page();
    return page;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    // A new lab starts from the built-in example (every field filled, valid as it is); it is
    // marked as not saved until it is saved under a name.
    file->addAction(tr("&New lab"), QKeySequence::New, this, &MainWindow::newLab)
        ->setObjectName(u"action:new"_s);
    file->addAction(tr("&Open..."), QKeySequence::Open, this, &MainWindow::open);
    file->addSeparator();
    QAction *saveAction = file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    saveAction->setObjectName(u"action:save"_s);
    QAction *saveAsAction =
        file->addAction(tr("Save &As..."), QKeySequence::SaveAs, this, &MainWindow::saveAs);
    saveAsAction->setObjectName(u"action:saveAs"_s);
    file->addSeparator();
    QMenu *exportMenu = file->addMenu(tr("&Export"));
    // Nothing to save or export while the start page shows: no plan is open yet.
    m_planActions = {saveAction, saveAsAction, exportMenu->menuAction()};
    exportMenu->addAction(tr("&Ansible project..."), this, &MainWindow::exportAnsible)
        ->setObjectName(u"action:exportAnsible"_s);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&User guide"), QKeySequence::HelpContents, this,
                    [this] { showUserGuide(this, m_wizard); })
        ->setObjectName(u"action:userGuide"_s);
    help->addAction(tr("&About vLab Wizard"), this,
                    [this] {
                        QMessageBox::about(
                            this, tr("About vLab Wizard"),
                            tr("<b>vLab Wizard %1</b><p>Builds a highly available vSphere 6.7 lab: "
                               "two PSCs behind a NetScaler, vCenter with VCHA, a Distributed "
                               "Switch, and a runbook of every step.</p>"
                               "<p>Copyright (c) 2026 vLab Wizard developers. Free software under "
                               "the MIT License: use, copy, change and share it; it comes with no "
                               "warranty (the LICENSE file has the whole text).</p>"
                               "<p>Built with Qt %2 (LGPL-3.0), OpenSSL (Apache-2.0), libssh "
                               "(LGPL-2.1) and QtKeychain (BSD-3-Clause).</p>")
                                .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
                    })
        ->setObjectName(u"action:about"_s);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setObjectName(u"action:aboutQt"_s);
}

QString MainWindow::busyMessage()
{
    return tr(
        "Work is running on this plan. Wait for it to finish, or cancel it, before you open another plan.");
}

Result<void> MainWindow::openFile(const QString &fileName)
{
    // A run uses the plan it started with; what it keeps (passwords, fingerprints, the
    // journal) belongs to that plan's project.
    if (m_runPanel->isBusy())
        return makeError(u"plan.busy"_s, busyMessage());
    Result<void> loaded = m_document->load(fileName);
    if (loaded) {
        m_lastId = -1;
        restoreStepStates();
        m_wizard->restart();
        RecentPlans::add(fileName);
        showSteps();
    }
    return loaded;
}

void MainWindow::open()
{
    if (!mayLeavePlan())
        return;
    const QString fileName = QFileDialog::getOpenFileName(
        this, tr("Open lab plan"),
        m_document->fileName().isEmpty() ? QFileInfo(m_document->projectFolder()).absolutePath()
                                         : QFileInfo(m_document->fileName()).absolutePath(),
        tr("Lab plans (*.vlab.json);;JSON files (*.json);;All files (*)"));
    if (fileName.isEmpty())
        return;
    if (const Result<void> loaded = openFile(fileName); !loaded) {
        QMessageBox box(QMessageBox::Warning, tr("Cannot open the plan"), loaded.error().message,
                        QMessageBox::Ok, this);
        box.setDetailedText(loaded.error().details);
        box.exec();
    }
}

bool MainWindow::save()
{
    if (m_document->fileName().isEmpty())
        return saveAs();
    if (const Result<void> saved = m_document->saveAs(m_document->fileName()); !saved) {
        QMessageBox::warning(this, tr("Cannot save the plan"), saved.error().message);
        return false;
    }
    return true;
}

bool MainWindow::saveAs()
{
    // A plan not saved yet goes into its project folder by default, beside its journal, records
    // and generated files (not into the home folder). The dialog can only show a folder that
    // exists: one made for it goes again unless the plan is saved there.
    const bool unsaved = m_document->fileName().isEmpty();
    const QString folder = m_document->projectFolder();
    QStringList made; // the folders made for the dialog, innermost first
    if (unsaved) {
        for (QDir dir(folder); !dir.exists(); dir.setPath(QFileInfo(dir.path()).absolutePath()))
            made.append(dir.absolutePath());
        QDir().mkpath(folder);
    }
    const QString suggested = unsaved
        ? QDir(folder).filePath(WritePlanFilesJob::planFileName(m_document->plan()))
        : m_document->fileName();
    QString fileName =
        QFileDialog::getSaveFileName(this, tr("Save lab plan"), suggested, tr("Lab plans (*.vlab.json)"));
    if (!fileName.isEmpty() && !fileName.endsWith(u".json"_s))
        fileName += u".vlab.json"_s;
    const QString savedIn = fileName.isEmpty() ? QString() : QFileInfo(fileName).absolutePath();
    for (const QString &dir : std::as_const(made)) {
        if (dir == savedIn || savedIn.startsWith(dir + u'/') || !QDir().rmdir(dir))
            break;
    }
    if (fileName.isEmpty())
        return false;
    if (const Result<void> saved = m_document->saveAs(fileName); !saved) {
        QMessageBox::warning(this, tr("Cannot save the plan"), saved.error().message);
        return false;
    }
    RecentPlans::add(fileName);
    return true;
}

void MainWindow::newLab()
{
    if (!mayLeavePlan())
        return;
    m_document->loadExample();
    m_lastId = -1;
    restoreStepStates();
    m_wizard->restart();
    showSteps();
}

void MainWindow::showStartPage()
{
    m_central->setCurrentWidget(m_start);
    for (QAction *action : std::as_const(m_planActions))
        action->setEnabled(false);
    updateTitle();
}

void MainWindow::showSteps()
{
    if (!isOnStartPage())
        return;
    m_central->setCurrentIndex(1);
    for (QAction *action : std::as_const(m_planActions))
        action->setEnabled(true);
    updateTitle();
    if (QWizardPage *page = m_wizard->currentPage())
        page->setFocus(Qt::OtherFocusReason);
}

bool MainWindow::isOnStartPage() const
{
    return m_central->currentWidget() == m_start;
}

void MainWindow::exportAnsible()
{
    if (m_runPanel->isBusy()) {
        QMessageBox::information(this, tr("Work is running"), busyMessage());
        return;
    }
    // Offered in a folder of its own inside the lab's project folder (made for the dialog, and
    // removed again when left empty), not among the plan-only files.
    const QString project = m_document->projectFolder();
    const bool inProject = !project.isEmpty() && QDir(project).exists();
    const QString suggested = inProject ? QDir(project).filePath(u"ansible"_s) : QDir::homePath();
    const bool made = inProject && !QFileInfo::exists(suggested) && QDir().mkdir(suggested);
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Export the lab as an Ansible project"), suggested);
    if (made && QDir::cleanPath(folder) != QDir::cleanPath(suggested))
        QDir().rmdir(suggested); // only when empty
    if (folder.isEmpty())
        return;
    // The engine builds every file; the run panel writes them (one queue, one log).
    const Result<QList<Artifact>> files =
        ansibleProject({AnsibleLab{m_document->fileName(), m_document->plan()}}, folder);
    if (!files) {
        QMessageBox::warning(this, tr("Cannot export the lab"), files.error().message);
        return;
    }
    auto *queue = new JobQueue;
    queue->addJob(new WriteFilesJob(tr("Write the Ansible project"), *files));
    if (!m_runPanel->run(queue, tr("Export the Ansible project")))
        delete queue;
}

bool MainWindow::mayLeavePlan()
{
    if (m_runPanel->isBusy()) {
        QMessageBox::information(this, tr("Work is running"), busyMessage());
        return false;
    }
    return confirmDiscard();
}

bool MainWindow::confirmDiscard()
{
    if (!m_document->isModified())
        return true;
    QMessageBox box(QMessageBox::Question, tr("Unsaved changes"),
                    tr("The plan %1 has unsaved changes. Save them first?").arg(m_document->displayName()),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(u"unsavedQuestion"_s);
    // Our own texts: the platform's may give Discard no key (Alt + letter), in any language.
    box.button(QMessageBox::Save)->setText(tr("&Save"));
    box.button(QMessageBox::Discard)->setText(tr("&Discard changes"));
    box.button(QMessageBox::Cancel)->setText(tr("Cancel"));
    box.setDefaultButton(QMessageBox::Save);
    box.setEscapeButton(QMessageBox::Cancel);
    const int answer = box.exec();
    if (answer == QMessageBox::Save)
        return save();
    if (answer != QMessageBox::Discard)
        return false;
    m_document->discardRecovery();
    return true;
}

void MainWindow::offerRecovery()
{
    if (!m_document->hasRecovery())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Restore unsaved changes?"),
        tr("vLab Wizard did not close cleanly last time. Restore the unsaved changes of the plan "
           "you were editing?"),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer != QMessageBox::Yes) {
        m_document->discardRecovery();
        return;
    }
    if (const Result<void> restored = m_document->restoreRecovery(); !restored) {
        QMessageBox::warning(this, tr("Cannot restore"), restored.error().message);
        m_document->discardRecovery();
        return;
    }
    m_wizard->restart();
    showSteps();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // A running queue is cancelled first, and the window closes only once its jobs have
    // stopped: a job's cancel stops the processes it started and removes its temporary files
    // (the installer's template holds passwords), which an abrupt exit would leave behind.
    if (m_runPanel->isBusy()) {
        event->ignore();
        if (m_runPanel->requestCancel()) {
            m_closeAfterRun = true;
            return;
        }
        if (m_runPanel->isBusy())
            return; // the user keeps the run going
        // The run ended while the question was open: close as without a run.
    }
    if (!confirmDiscard()) {
        event->ignore();
        return;
    }
    event->accept();
}

void MainWindow::stopAndQuit(const QString &by, int exitCode)
{
    if (m_quitting)
        return;
    m_quitting = true;
    if (m_runPanel->interrupt(by)) {
        connect(
            m_runPanel, &RunPanel::queueFinished, this, [exitCode] { QCoreApplication::exit(exitCode); },
            Qt::SingleShotConnection);
        // A job that does not stop in time is not waited for: the jobs' destructors still end
        // their processes and remove their files when the window goes.
        QTimer::singleShot(std::chrono::seconds(30), this, [exitCode] { QCoreApplication::exit(exitCode); });
        return;
    }
    QCoreApplication::exit(exitCode);
}

void MainWindow::updateTitle()
{
    if (isOnStartPage()) {
        setWindowTitle(tr("vLab Wizard"));
        return;
    }
    setWindowModified(m_document->isModified());
    // A plan without a file is the built-in example, or a new lab started from it: say so
    // until it is saved under a name.
    setWindowTitle(m_document->fileName().isEmpty()
                       ? tr("%1 (example, not saved)[*] - vLab Wizard").arg(m_document->displayName())
                       : tr("%1[*] - vLab Wizard").arg(m_document->displayName()));
}

void MainWindow::stepLeft(int previousId, int currentId)
{
    // Moving on past a step that ran nothing: the first (plan) step is done, others skipped.
    if (previousId < 0 || currentId <= previousId || m_stepStates.value(previousId) != StepState::None)
        return;
    m_stepStates[previousId] =
        previousId == m_wizard->pageIds().value(0) ? StepState::Done : StepState::Skipped;
}

int MainWindow::stepOrder(const QString &stepId) const
{
    for (const StepInfo &step : StepRegistry::steps()) {
        if (QLatin1StringView(step.id) == stepId)
            return step.order;
    }
    return -1;
}

void MainWindow::restoreStepStates()
{
    m_stepStates.clear();
    const Result<RunJournal> journal = RunJournal::load(m_runPanel->journalPath());
    if (!journal)
        return; // the run panel names a damaged journal when work starts
    QList<const JournalRun *> runs;
    for (const JournalRun &run : journal->runs)
        runs.append(&run);
    std::stable_sort(runs.begin(), runs.end(),
                     [](const JournalRun *a, const JournalRun *b) { return a->started < b->started; });
    for (const JournalRun *run : std::as_const(runs)) {
        QString step = run->step;
        for (qsizetype i = 0; step.isEmpty() && i < run->jobs.size(); ++i)
            step = stepOfJob(run->jobs.at(i).key);
        const int order = stepOrder(step);
        // A run that only skipped jobs without running them did nothing: it marks nothing (one
        // that ran and found nothing to do has a start time).
        const bool didSomething = std::any_of(run->jobs.cbegin(), run->jobs.cend(), [](const JournalJob &j) {
            return (j.state != u"skipped"_s && j.state != u"pending"_s)
                || (j.state == u"skipped"_s && j.started.isValid());
        });
        if (order < 0 || !didSomething)
            continue;
        // A run still "running" in the journal was cut off (killed, power): not done.
        const bool undone = run->state == u"succeeded"_s
            && std::any_of(run->jobs.cbegin(), run->jobs.cend(), [](const JournalJob &j) {
                                return undoesStep(j.key) && j.state == u"succeeded"_s;
                            });
        m_stepStates[order] = undone       ? StepState::None
            : run->state == u"succeeded"_s ? StepState::Done
            : run->state == u"failed"_s    ? StepState::Failed
                                           : StepState::Cancelled;
    }
}

void MainWindow::updateStepList(int currentId)
{
    const QList<int> ids = m_wizard->pageIds();
    for (int i = 0; i < ids.size() && i < m_steps->count(); ++i) {
        QListWidgetItem *item = m_steps->item(i);
        const bool current = ids.at(i) == currentId;
        QFont font = item->font();
        font.setBold(current);
        item->setFont(font);
        QString mark = u"   "_s;
        QString state;
        switch (m_stepStates.value(ids.at(i))) {
        case StepState::Done:
            mark = u"\u2713 "_s;
            state = tr("done");
            break;
        case StepState::Failed:
            mark = u"\u2717 "_s;
            state = tr("failed");
            item->setForeground(QColor(0xB0, 0x1E, 0x1E));
            break;
        case StepState::Cancelled:
            mark = u"\u2298 "_s;
            state = tr("cancelled");
            break;
        case StepState::Skipped:
            mark = u"\u2013 "_s;
            state = tr("skipped");
            break;
        case StepState::None:
            break;
        }
        if (m_stepStates.value(ids.at(i)) != StepState::Failed)
            item->setForeground(QBrush());
        if (current)
            mark = u"\u25B6 "_s;
        item->setText(mark + m_wizard->page(ids.at(i))->title());
        item->setToolTip(current ? tr("current step") : state);
        item->setData(Qt::UserRole, current ? u"current"_s : state);
    }
}

void MainWindow::screenshotPages(const QString &dir, std::function<void(Result<QStringList>)> done)
{
    if (!QDir().mkpath(dir)) {
        done(makeError(u"screenshot.mkdir"_s, tr("Cannot create the folder %1.").arg(dir)));
        return;
    }
    struct Shooter
    {
        QString dir;
        QStringList written;
        int index = 0;
        std::function<void(Result<QStringList>)> done;
    };
    auto state = std::make_shared<Shooter>(Shooter{dir, {}, 0, std::move(done)});
    m_wizard->restart();
    // Each turn grabs the current page, then moves on; the timer lets the event loop lay
    // out the page that was just shown before it is grabbed.
    auto step = std::make_shared<std::function<void()>>();
    *step = [this, state, step] {
        const QString id = m_wizard->currentPage()->property("vlabStepId").toString();
        const QString path =
            QDir(state->dir)
                .filePath(u"%1-%2.png"_s.arg(QString::number(state->index).rightJustified(2, u'0'), id));
        if (!grab().save(path)) {
            state->done(makeError(u"screenshot.write"_s, tr("Cannot write %1.").arg(path)));
            *step = nullptr;
            return;
        }
        state->written << path;
        ++state->index;
        if (state->index >= m_wizard->pageIds().size()) {
            m_wizard->restart();
            state->done(state->written);
            *step = nullptr; // breaks the self-reference
            return;
        }
        const int before = m_wizard->currentId();
        m_wizard->next();
        if (m_wizard->currentId() == before) { // a page refused to be left (validatePage)
            state->done(makeError(u"screenshot.blocked"_s,
                                  tr("Page \"%1\" cannot be left.").arg(m_wizard->currentPage()->title())));
            *step = nullptr;
            return;
        }
        QTimer::singleShot(0, this, *step);
    };
    QTimer::singleShot(0, this, *step);
}

} // namespace vlab
