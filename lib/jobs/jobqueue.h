#pragma once
// JobQueue: runs a step's jobs in stages. A stage is one job (sequential) or a group that
// runs in parallel, optionally with a bound on how many run at once. The first failure stops
// the rest (running jobs of the stage are cancelled, later stages are skipped), unless the
// group's jobs are independent (checks that each report on their own); cleanup stages still
// run, like Calamares' "emergency" jobs. Overall progress is the weighted mean of the jobs'.

#include "jobs/job.h"

#include <QList>
#include <QObject>
#include <QSet>

namespace vlab {

class JobQueue : public QObject
{
    Q_OBJECT
public:
    explicit JobQueue(QObject *parent = nullptr);
    ~JobQueue() override;

    // The queue takes ownership of the jobs. Adding is only possible before start().
    void addJob(Job *job);
    struct ParallelOptions
    {
        int maxInFlight = 0;      // 0: all at once
        bool independent = false; // a failure neither cancels the others nor skips later stages
    };
    void addParallel(const QList<Job *> &jobs);
    void addParallel(const QList<Job *> &jobs, ParallelOptions options);
    void addCleanup(Job *job);

    QList<Job *> jobs() const;
    bool isRunning() const { return m_running; }
    bool isDone() const { return m_done; }
    bool succeeded() const { return m_done && m_succeeded; }
    bool wasCancelled() const { return m_cancelled; }
    qreal progress() const;
    // A root node holding every job's report, in queue order.
    ReportNode report(const QString &title = {}) const;

    void start();
    // Cancels running jobs and skips the remaining ones; cleanup stages still run.
    void cancel();
    // Ends a queue that never started without running anything: every job is skipped as not
    // run with `reason`, and the queue finishes as cancelled (finished(false)).
    void abandon(const QString &reason);

Q_SIGNALS:
    void jobStarted(vlab::Job *job);
    void jobFinished(vlab::Job *job);
    void jobProgress(vlab::Job *job, qreal progress, const QString &status);
    void logLine(vlab::Job *job, const QString &line);
    void progressChanged(qreal progress);
    void finished(bool succeeded);

private:
    struct Stage
    {
        QList<Job *> jobs;
        bool cleanup = false;
        ParallelOptions options;
    };

    void adopt(Job *job);
    void startStage();
    void fillStage();
    void onJobFinished(Job *job);
    void skipRemaining(const QString &reason);
    void skipForStop(Job *job, const QString &reason);

    QList<Stage> m_stages;
    qsizetype m_current = -1;
    QList<Job *> m_waiting; // of the current stage, not started yet
    int m_inFlight = 0;
    bool m_filling = false;
    bool m_running = false;
    bool m_done = false;
    bool m_succeeded = true;
    bool m_stopping = false;
    bool m_cancelled = false;
    QSet<const Job *> m_notRun; // skipped because the queue stopped (not done earlier)
};

} // namespace vlab
