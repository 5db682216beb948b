#include "planfilespage.h"

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
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

QString PlanFilesPage::stepTitle()
{
    return tr("Project files");
}

PlanFilesPage::PlanFilesPage(const StepContext &context)
    : m_context(context)
    , m_folder(new QLineEdit)
    , m_write(new QPushButton(tr("Write plan files")))
    , m_result(new QLabel)
    , m_open(new QPushButton(tr("Open the runbook")))
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

    auto *browse = new QPushButton(tr("Browse..."));
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
    connect(m_open, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_runbook)); });
    connect(m_folder, &QLineEdit::editingFinished, this, [this] {
        m_context.document->setProjectFolder(QDir::fromNativeSeparators(m_folder->text().trimmed()));
    });
    connect(m_context.runPanel, &RunPanel::busyChanged, this,
            [this](bool busy) { m_write->setEnabled(!busy); });
}

void PlanFilesPage::initializePage()
{
    m_folder->setText(QDir::toNativeSeparators(m_context.document->projectFolder()));
}

void PlanFilesPage::writeFiles()
{
    const QString folder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    m_context.document->setProjectFolder(folder);
    if (folder.isEmpty()) {
        m_result->setText(tr("Choose a project folder first."));
        return;
    }
    auto *queue = new JobQueue;
    QStringList skipped;
    const QList<Artifact> artifacts = planOnlyArtifacts(m_context.document->plan(), folder, &skipped);
    queue->addJob(new WritePlanFilesJob(m_context.document->plan(), folder));
    queue->addJob(new WriteFilesJob(tr("Write the plan-only artifacts of every step"), artifacts));
    // The runbook includes the pre-check results when the Pre-checks page saved them.
    const Result<QByteArray> saved =
        readFileLimited(QDir(folder).filePath(QString::fromLatin1(kPrecheckResultsFile)), 4 * 1024 * 1024);
    const QByteArray precheck = saved ? *saved : QByteArray();
    auto *runbook =
        new RunbookJob(m_context.document->plan(), precheck, QDir(folder).filePath(u"runbook.pdf"_s),
                       QDir(folder).filePath(u"runbook.md"_s));
    runbook->setJournalPath(QDir(folder).filePath(RunJournal::fileName())); // live results, when any
    queue->addJob(runbook);
    m_open->setEnabled(false);
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
        m_runbook = QDir(QDir::fromNativeSeparators(m_folder->text().trimmed())).filePath(u"runbook.pdf"_s);
        m_open->setEnabled(ok && QFileInfo::exists(m_runbook));
    });
    if (!m_context.runPanel->run(queue, tr("Write plan files"))) {
        delete queue;
        m_result->setText(tr("Other work is still running; wait for it or cancel it."));
    }
}

VLAB_REGISTER_STEP(900, "files", PlanFilesPage)

} // namespace vlab
