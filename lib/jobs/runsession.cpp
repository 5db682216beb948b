#include "jobs/runsession.h"

#include "core/tr.h"
#include "jobs/jobqueue.h"

#include <QDir>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vlab {

RunSession::RunSession(JobQueue *queue, const QString &title, const QString &journalPath, QObject *parent)
    : QObject(parent)
    , m_queue(queue)
    , m_title(title)
    , m_journalPath(journalPath)
{
    connect(queue, &JobQueue::finished, this, &RunSession::finished);
}

RunSession::~RunSession() = default;

QString RunSession::journalPathIn(const QString &folder)
{
    return folder.isEmpty() ? QString() : QDir(folder).filePath(RunJournal::fileName());
}

void RunSession::start()
{
    if (m_journalPath.isEmpty()) {
        m_queue->start();
        return;
    }
    Result<RunJournal> journal = RunJournal::load(m_journalPath);
    const QString journalError = journal ? QString() : journal.error().message;
    ResumeState state = journal ? resumeState(*journal, m_title) : ResumeState{};
    if (journal)
        m_loaded = std::move(journal).value();
    if (!state.canResume()) {
        begin(journalError);
        return;
    }
    // The lab changes the cut-off run left half done: look at what is true now.
    auto *checks = new JobQueue(this);
    QList<Job *> probes;
    QStringList looks;
    QHash<const Job *, std::pair<QString, std::function<OutcomeCheck(const Job &)>>> readers;
    const QList<Job *> jobs = m_queue->jobs();
    for (const QString &key : std::as_const(state.interruptedLabChanges)) {
        const auto job =
            std::find_if(jobs.cbegin(), jobs.cend(), [&](const Job *j) { return j->key() == key; });
        if (job == jobs.cend())
            continue;
        OutcomeProbe probe = (*job)->outcomeProbe();
        if (!probe.isValid()) {
            delete probe.job;
            continue;
        }
        probes << probe.job;
        looks << probe.job->title();
        readers.insert(probe.job, {key, std::move(probe.read)});
    }
    if (probes.isEmpty()) {
        delete checks;
        decide(std::move(state), journalError);
        return;
    }
    checks->addParallel(probes, JobQueue::ParallelOptions{0, true});
    m_checks = checks;
    connect(checks, &JobQueue::finished, this,
            [this, checks, probes, readers, state = std::move(state), journalError]() mutable {
                for (const Job *probe : std::as_const(probes)) {
                    const auto &[key, read] = readers.value(probe);
                    OutcomeCheck check = probe->state() == Job::State::Succeeded
                        ? read(*probe)
                        : OutcomeCheck{OutcomeCheck::Verdict::Unknown,
                                       Tr::tr("%1: %2").arg(probe->title(),
                                                            probe->result().ok()
                                                                ? QString()
                                                                : probe->result().error().message),
                                       false};
                    state.checks.insert(key, check);
                    Q_EMIT labChecked(key, check);
                }
                m_checks = nullptr;
                checks->deleteLater();
                if (m_cancelled) {
                    m_queue->abandon(Tr::tr("Not run: cancelled while the lab was being checked."));
                    return;
                }
                decide(std::move(state), journalError);
            });
    Q_EMIT checkingLab(looks);
    checks->start();
}

void RunSession::decide(ResumeState state, const QString &journalError)
{
    if (m_resumeQuestion) {
        const ResumeChoice choice = m_resumeQuestion(m_title, state);
        if (choice.notNow) {
            // Nothing runs and nothing is recorded: the cut-off run can still be resumed.
            m_queue->abandon(Tr::tr("Not run: you chose not to run it now."));
            return;
        }
        if (choice.resume)
            applyResume(m_queue, state, choice.skipInterrupted ? state.interruptedLabChanges : QStringList());
    } else {
        Q_EMIT previousRunCutOff(state);
    }
    begin(journalError);
}

void RunSession::begin(const QString &journalError)
{
    // A damaged journal (not loaded) is read again by the recorder, which moves it aside.
    auto *recorder =
        new JournalRecorder(m_queue, m_journalPath, m_title, m_step, nullptr, std::move(m_loaded));
    m_loaded.reset();
    m_recorder = recorder;
    connect(recorder, &JournalRecorder::writeFailed, this, &RunSession::journalProblem);
    if (!journalError.isEmpty())
        Q_EMIT journalProblem(journalError);
    m_queue->start();
}

void RunSession::cancel()
{
    if (m_checks) {
        m_cancelled = true;
        m_checks->cancel();
        return;
    }
    m_queue->cancel();
}

void RunSession::interrupt(const QString &by)
{
    if (m_checks) {
        cancel(); // nothing of this run was recorded or run yet
        return;
    }
    if (m_recorder)
        m_recorder->recordInterruption(by);
    m_queue->cancel();
}

} // namespace vlab
