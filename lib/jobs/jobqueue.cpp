#include "jobs/jobqueue.h"

#include "core/tr.h"

#include <utility>

namespace vlab {

JobQueue::JobQueue(QObject *parent)
    : QObject(parent)
{
}

JobQueue::~JobQueue()
{
    // Whoever listens (a run panel, a journal) may be half destroyed already: the owner is
    // going away. Jobs are children and go with the queue; a ThreadedJob waits for its worker.
    disconnect(this, nullptr, nullptr, nullptr);
    for (Job *job : jobs())
        job->cancel();
}

void JobQueue::adopt(Job *job)
{
    Q_ASSERT(!m_running && !m_done);
    job->setParent(this);
    connect(job, &Job::finished, this, [this, job] { onJobFinished(job); });
    connect(job, &Job::started, this, [this, job] { Q_EMIT jobStarted(job); });
    connect(job, &Job::progressChanged, this, [this, job](qreal value, const QString &status) {
        Q_EMIT jobProgress(job, value, status);
        Q_EMIT progressChanged(progress());
    });
    connect(job, &Job::logLine, this, [this, job](const QString &line) { Q_EMIT logLine(job, line); });
}

void JobQueue::addJob(Job *job)
{
    adopt(job);
    m_stages.append(Stage{{job}, false, {}});
}

void JobQueue::addParallel(const QList<Job *> &jobs)
{
    addParallel(jobs, ParallelOptions{});
}

void JobQueue::addParallel(const QList<Job *> &jobs, ParallelOptions options)
{
    if (jobs.isEmpty())
        return;
    for (Job *job : jobs)
        adopt(job);
    m_stages.append(Stage{jobs, false, options});
}

void JobQueue::addCleanup(Job *job)
{
    adopt(job);
    m_stages.append(Stage{{job}, true, {}});
}

QList<Job *> JobQueue::jobs() const
{
    QList<Job *> all;
    for (const Stage &stage : m_stages)
        all += stage.jobs;
    return all;
}

qreal JobQueue::progress() const
{
    // What completed: a job that ran to its end counts whole; a cancelled one as far as it
    // got; one the queue skipped when it stopped (a cancel, a failure) not at all: a bar at
    // 100% after a cancel would say the work was done. Skipped before the start means done
    // earlier (a resumed run).
    qreal total = 0, done = 0;
    for (const Job *job : jobs()) {
        total += job->weight();
        qreal part = job->progress();
        switch (job->state()) {
        case Job::State::Succeeded:
        case Job::State::Failed: // ran to its end: a pre-check that found a problem, too
            part = 1.0;
            break;
        case Job::State::Skipped:
            part = m_notRun.contains(job) ? 0.0 : 1.0;
            break;
        default:
            break;
        }
        done += job->weight() * qBound(0.0, part, 1.0);
    }
    return total > 0 ? done / total : (m_done ? 1.0 : 0.0);
}

ReportNode JobQueue::report(const QString &title) const
{
    ReportNode root;
    root.title = title;
    root.outcome = !m_done ? QString()
        : m_succeeded      ? QStringLiteral("succeeded")
        : m_cancelled      ? QStringLiteral("cancelled")
                           : QStringLiteral("failed");
    for (const Job *job : jobs()) {
        root.children.push_back(job->report());
        if (!root.started.isValid()
            || (job->report().started.isValid() && job->report().started < root.started))
            root.started = job->report().started;
        if (job->report().finished > root.finished)
            root.finished = job->report().finished;
    }
    return root;
}

void JobQueue::start()
{
    if (m_running || m_done)
        return;
    m_running = true;
    m_current = -1;
    startStage();
}

void JobQueue::cancel()
{
    if (!m_running || m_stopping)
        return;
    m_succeeded = false;
    m_cancelled = true;
    m_stopping = true;
    const QString reason = Tr::tr("Not run: the queue was cancelled.");
    const QList<Job *> waiting = std::exchange(m_waiting, {});
    for (Job *job : waiting)
        skipForStop(job, reason);
    for (Job *job : std::as_const(m_stages[m_current].jobs))
        job->cancel();
    skipRemaining(reason);
}

void JobQueue::abandon(const QString &reason)
{
    if (m_running || m_done)
        return;
    m_running = true;
    m_succeeded = false;
    m_cancelled = true;
    m_stopping = true;
    for (Job *job : jobs())
        skipForStop(job, reason);
    m_current = m_stages.size() - 1;
    startStage(); // nothing left to run: finishes
}

void JobQueue::skipRemaining(const QString &reason)
{
    for (qsizetype i = m_current + 1; i < m_stages.size(); ++i) {
        if (m_stages.at(i).cleanup)
            continue;
        for (Job *job : std::as_const(m_stages[i].jobs))
            skipForStop(job, reason);
    }
}

void JobQueue::skipForStop(Job *job, const QString &reason)
{
    if (job->state() == Job::State::Pending)
        m_notRun.insert(job);
    job->markSkipped(reason);
}

void JobQueue::startStage()
{
    // Find the next stage with something to run (skipped jobs are already finished).
    for (++m_current; m_current < m_stages.size(); ++m_current) {
        const Stage &stage = m_stages.at(m_current);
        m_waiting.clear();
        for (Job *job : stage.jobs) {
            if (job->state() == Job::State::Pending)
                m_waiting.append(job);
        }
        if (m_waiting.isEmpty())
            continue;
        m_inFlight = 0;
        fillStage();
        return;
    }
    m_running = false;
    m_done = true;
    Q_EMIT progressChanged(progress());
    Q_EMIT finished(m_succeeded);
}

// Starts waiting jobs of the current stage up to its bound. A job may finish inside start();
// the loop (not recursion) then starts the next one.
void JobQueue::fillStage()
{
    if (m_filling)
        return;
    m_filling = true;
    const int limit = m_stages.at(m_current).options.maxInFlight;
    while (!m_waiting.isEmpty() && (limit <= 0 || m_inFlight < limit)) {
        Job *job = m_waiting.takeFirst();
        ++m_inFlight;
        job->start();
    }
    m_filling = false;
    if (m_waiting.isEmpty() && m_inFlight == 0)
        QMetaObject::invokeMethod(this, &JobQueue::startStage, Qt::QueuedConnection);
}

void JobQueue::onJobFinished(Job *job)
{
    Q_EMIT jobFinished(job);
    Q_EMIT progressChanged(progress());
    // Skipped without a start (markSkipped): not counted in the running stage. A job that ran
    // and found nothing to do (skippedResult) is no failure: the stage goes on.
    if (job->state() == Job::State::Skipped && !job->report().started.isValid())
        return;
    const Stage &stage = m_stages.at(m_current);
    const bool failed = job->state() != Job::State::Succeeded && job->state() != Job::State::Skipped;
    if (failed && !stage.cleanup && !stage.options.independent && !m_stopping) {
        m_succeeded = false;
        m_stopping = true;
        const QString reason = Tr::tr("Not run: \"%1\" failed.").arg(job->title());
        const QList<Job *> waiting = std::exchange(m_waiting, {});
        for (Job *other : waiting)
            skipForStop(other, reason);
        for (Job *other : std::as_const(stage.jobs)) {
            if (other != job)
                other->cancel();
        }
        skipRemaining(reason);
    } else if (failed) {
        m_succeeded = false;
    }
    --m_inFlight;
    if (!m_filling)
        fillStage();
}

} // namespace vlab
