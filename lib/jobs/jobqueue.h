#pragma once
// JobQueue: runs a step's jobs in stages. A stage is one job (sequential) or a group that
// runs in parallel. The first failure stops the rest (running jobs of the stage are
// cancelled, later stages are skipped), but cleanup stages still run, like Calamares'
// "emergency" jobs. Overall progress is the weighted mean of the jobs' progress.

#include "jobs/job.h"

#include <QList>
#include <QObject>

namespace vlab {

class JobQueue : public QObject
{
    Q_OBJECT
public:
    explicit JobQueue(QObject *parent = nullptr);
    ~JobQueue() override;

    // The queue takes ownership of the jobs. Adding is only possible before start().
    void addJob(Job *job);
    void addParallel(const QList<Job *> &jobs);
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
    };

    void adopt(Job *job);
    void startStage();
    void onJobFinished(Job *job);
    void skipRemaining(const QString &reason);

    QList<Stage> m_stages;
    qsizetype m_current = -1;
    int m_runningInStage = 0;
    bool m_running = false;
    bool m_done = false;
    bool m_succeeded = true;
    bool m_stopping = false;
    bool m_cancelled = false;
};

} // namespace vlab
