#include "planfilespage.h"

#include "audit/auditresult.h"
#include "core/atomicfile.h"
#include "jobs/jobqueue.h"
#include "jobs/journal.h"
#include "jobs/writefilesjob.h"
#include "precheck/precheckplan.h"
#include "project/planartifacts.h"
#include "project/plandocument.h"
#include "project/writeplanfilesjob.h"
#include "runbook/runbookjob.h"
#include "runpanel.h"

#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QWizard>

using namespace Qt::StringLiterals;

namespace vlab {

QString PlanFilesPage::stepTitle()
{
    return tr("Project files");
}

PlanFilesPage::PlanFilesPage(const StepContext &context)
    : m_context(context)
    , m_folder(new QLineEdit)
    , m_write(new QPushButton(tr("&Write plan files")))
    , m_result(new QLabel)
    , m_open(new QPushButton(tr("&Open the runbook")))
    , m_opened(new QLabel)
    , m_summaryHead(new QLabel)
    , m_summary(new QGridLayout)
{
    setObjectName(u"page:files"_s);
    setTitle(stepTitle());
    setSubTitle(tr("Write the plan, its validation report, every plan-only file (request config, "
                   "NetScaler batches, installer templates, vDS scripts) and the runbook (PDF and "
                   "Markdown, with the results of every live run) into the project folder, then open "
                   "the runbook. Nothing here touches the lab."));
    m_folder->setObjectName(u"projectFolder"_s);
    m_write->setObjectName(u"writeFiles"_s);
    m_result->setObjectName(u"writeResult"_s);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *browse = new QPushButton(tr("Brow&se..."));
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Project folder:")));
    row->addWidget(m_folder, 1);
    row->addWidget(browse);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    m_open->setObjectName(u"openRunbook"_s);
    m_open->setEnabled(false);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_write);
    buttons->addWidget(m_open);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    // What became of "Open the runbook": where the file is, and whether a viewer was found.
    m_opened->setObjectName(u"openRunbookResult"_s);
    m_opened->setWordWrap(true);
    m_opened->setTextFormat(Qt::PlainText); // a path is data, never markup
    m_opened->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_opened->hide();
    layout->addWidget(m_opened);

    // The end of the wizard: what was done on each step, and what is left.
    auto *summaryBox = new QGroupBox(tr("What was done, what is left"));
    summaryBox->setObjectName(u"finishSummary"_s);
    auto *summaryLayout = new QVBoxLayout(summaryBox);
    m_summaryHead->setObjectName(u"finishSummaryHead"_s);
    m_summaryHead->setWordWrap(true);
    summaryLayout->addWidget(m_summaryHead);
    m_summary->setColumnStretch(1, 1);
    m_summary->setHorizontalSpacing(12);
    summaryLayout->addLayout(m_summary);
    layout->addWidget(summaryBox);
    // What was written goes under the summary (a long list of files).
    layout->addWidget(m_result);
    layout->addStretch(1);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Project folder"), m_folder->text());
        if (!dir.isEmpty()) {
            m_folder->setText(QDir::toNativeSeparators(dir));
            m_context.document->setProjectFolder(dir);
        }
    });
    connect(m_write, &QPushButton::clicked, this, &PlanFilesPage::writeFiles);
    connect(m_open, &QPushButton::clicked, this, &PlanFilesPage::openRunbook);
    connect(m_folder, &QLineEdit::editingFinished, this, [this] {
        m_context.document->setProjectFolder(QDir::fromNativeSeparators(m_folder->text().trimmed()));
    });
    connect(m_context.runPanel, &RunPanel::busyChanged, this,
            [this](bool busy) { m_write->setEnabled(!busy); });
    // After a run the main window marks its step first; then the summary follows.
    connect(m_context.runPanel, &RunPanel::queueFinished, this,
            [this] { QMetaObject::invokeMethod(this, &PlanFilesPage::showSummary, Qt::QueuedConnection); });
}

void PlanFilesPage::initializePage()
{
    m_folder->setText(QDir::toNativeSeparators(m_context.document->projectFolder()));
    showSummary();
    // The main window marks the step just left once the wizard has switched pages (after this):
    // the summary follows then too.
    QWidget *w = parentWidget();
    while (w && !qobject_cast<QWizard *>(w))
        w = w->parentWidget();
    if (auto *wizard = qobject_cast<QWizard *>(w); wizard && !m_followsWizard) {
        m_followsWizard = true;
        connect(wizard, &QWizard::currentIdChanged, this, [this] {
            if (isVisible())
                showSummary();
        });
    }
}

void PlanFilesPage::showSummary()
{
    const QList<StepOutcome> outcomes =
        m_context.stepOutcomes ? m_context.stepOutcomes() : QList<StepOutcome>();
    while (QLayoutItem *item = m_summary->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    int done = 0;
    for (qsizetype row = 0; row < outcomes.size(); ++row) {
        const StepOutcome &step = outcomes.at(row);
        QString mark;
        QString state;
        switch (step.state) {
        case StepOutcome::State::Done:
            ++done;
            mark = u"\u2713"_s;
            state = tr("Done.");
            break;
        case StepOutcome::State::Failed:
            mark = u"\u2717"_s;
            state = tr("Failed: its last run stopped with problems. Left: deal with the cause its log "
                       "names, then run it again from its page.");
            break;
        case StepOutcome::State::Cancelled:
            mark = u"\u2298"_s;
            state = tr("Cancelled: its last run was stopped or cut off. Left: run it again from its "
                       "page (a cut-off run offers to resume).");
            break;
        case StepOutcome::State::Skipped:
            mark = u"\u2013"_s;
            state = tr("Passed without a live run. Left: run it from its page, or do it by hand with "
                       "its plan-only files and the runbook.");
            break;
        case StepOutcome::State::NotRun:
            mark = u"\u2022"_s;
            state = tr("Not run yet. Left: run it from its page, or do it by hand with its plan-only "
                       "files and the runbook.");
            break;
        }
        if (step.id == u"plan"_s && step.state != StepOutcome::State::Done)
            state = tr("Not gone through yet. Left: check the plan on its page.");
        auto *title = new QLabel(mark + u' ' + step.title);
        title->setTextFormat(Qt::PlainText);
        title->setObjectName(u"outcomeStep:"_s + step.id);
        title->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        auto *text = new QLabel(state);
        text->setObjectName(u"outcome:"_s + step.id);
        text->setWordWrap(true);
        m_summary->addWidget(title, int(row), 0);
        m_summary->addWidget(text, int(row), 1);
        // At once, not on the next turn of the event loop as a layout shows new children.
        title->show();
        text->show();
    }
    m_summaryHead->setText(done == outcomes.size()
                               ? tr("Every step is done.")
                               : tr("%1 of %2 steps done; what is left is said under each step.")
                                     .arg(QString::number(done), QString::number(outcomes.size())));
}

void PlanFilesPage::openRunbook()
{
    const QString path = QDir::toNativeSeparators(m_runbook);
    // Without a program for PDF files the system opens nothing, and only the console said why.
    if (QDesktopServices::openUrl(QUrl::fromLocalFile(m_runbook)))
        m_opened->setText(tr("Asked the system to open the runbook, %1. If no window opens, no program "
                             "for PDF files is set up: open the file with a PDF viewer.")
                              .arg(path));
    else
        m_opened->setText(tr("The runbook could not be opened: no program for PDF files is set up on "
                             "this computer. It is %1; open it with a PDF viewer (install one first if "
                             "needed).")
                              .arg(path));
    m_opened->show();
}

bool PlanFilesPage::mayReplace(const QString &folder, const QByteArray &precheck)
{
    const QStringList replaced = projectFilesToReplace(m_context.document->plan(), folder, precheck);
    if (replaced.isEmpty())
        return true;
    QStringList names;
    for (const QString &file : replaced)
        names << QDir::toNativeSeparators(QDir(folder).relativeFilePath(file));
    QMessageBox box(QMessageBox::Question, tr("Replace files?"),
                    tr("%n file(s) in %1 differ from what this plan gives and would be replaced:", nullptr,
                       int(names.size()))
                        .arg(QDir::toNativeSeparators(folder)),
                    QMessageBox::NoButton, this);
    box.setObjectName(u"overwriteQuestion"_s);
    box.setTextFormat(Qt::PlainText); // the folder's name is data
    box.setInformativeText(names.join(u'\n'));
    QPushButton *replace = box.addButton(tr("&Overwrite"), QMessageBox::AcceptRole);
    replace->setObjectName(u"overwrite"_s);
    QPushButton *cancel = box.addButton(tr("Cancel"), QMessageBox::RejectRole);
    cancel->setObjectName(u"overwriteCancel"_s);
    // Enter alone replaces nothing; Escape is Cancel.
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    box.exec();
    return box.clickedButton() == replace;
}

void PlanFilesPage::writeFiles()
{
    const QString folder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    m_context.document->setProjectFolder(folder);
    if (folder.isEmpty()) {
        m_result->setText(tr("Choose a project folder first."));
        return;
    }
    if (m_context.runPanel->isBusy()) {
        m_result->setText(tr("Other work is still running; wait for it or cancel it."));
        return;
    }
    // The runbook includes the pre-check results when the Pre-checks page saved them.
    const Result<QByteArray> saved =
        readFileLimited(QDir(folder).filePath(QString::fromLatin1(kPrecheckResultsFile)), 4 * 1024 * 1024);
    const QByteArray precheck = saved ? *saved : QByteArray();
    // One folder per lab: the plan-only files, the runbook, certs/ and the journal of another
    // lab's project are not written over.
    if (const QStringList others = otherLabsIn(m_context.document->plan(), folder); !others.isEmpty()) {
        m_result->setText(tr("Nothing was written: %1 is the project folder of another lab (its plan: %2). "
                             "Each lab needs a folder of its own: choose another folder.")
                              .arg(QDir::toNativeSeparators(folder), others.join(u", "_s)));
        return;
    }
    if (!mayReplace(folder, precheck)) {
        m_result->setText(tr("Nothing was written: the files in the folder stay as they were."));
        return;
    }
    auto *queue = new JobQueue;
    QStringList skipped;
    const QList<Artifact> artifacts = planOnlyArtifacts(m_context.document->plan(), folder, &skipped);
    queue->addJob(new WritePlanFilesJob(m_context.document->plan(), folder));
    queue->addJob(new WriteFilesJob(tr("Write the plan-only artifacts of every step"), artifacts));
    auto *runbook = new RunbookJob(m_context.document->plan(), precheck,
                                   QDir(folder).filePath(QString::fromLatin1(kRunbookPdfFile)),
                                   QDir(folder).filePath(QString::fromLatin1(kRunbookMarkdownFile)));
    runbook->setJournalPath(QDir(folder).filePath(RunJournal::fileName())); // live results, when any
    runbook->setAuditPath(QDir(folder).filePath(QString::fromLatin1(kAuditResultsFile))); // "As built"
    queue->addJob(runbook);
    m_open->setEnabled(false);
    m_opened->hide();
    connect(queue, &JobQueue::finished, this, [this, queue, skipped](bool ok) {
        QStringList lines;
        QString failure;
        for (const Job *job : queue->jobs()) {
            for (const Evidence &e : job->report().evidence) {
                if (e.kind == Evidence::Kind::File)
                    lines << QDir::toNativeSeparators(e.text);
            }
            if (job->isFinished() && !job->result().ok() && failure.isEmpty())
                failure = job->result().error().message;
        }
        QString text = ok ? tr("Written:\n%1").arg(lines.join(u'\n')) : tr("Not written: %1").arg(failure);
        if (!skipped.isEmpty())
            text +=
                u"\n\n"_s + tr("Not written yet (the plan lacks something):\n%1").arg(skipped.join(u'\n'));
        m_result->setText(text);
        m_runbook = QDir(QDir::fromNativeSeparators(m_folder->text().trimmed()))
                        .filePath(QString::fromLatin1(kRunbookPdfFile));
        m_open->setEnabled(ok && QFileInfo::exists(m_runbook));
    });
    if (!m_context.runPanel->run(queue, tr("Write plan files"))) {
        delete queue;
        m_result->setText(tr("Other work is still running; wait for it or cancel it."));
    }
}

VLAB_REGISTER_STEP(900, "files", PlanFilesPage)

} // namespace vlab
