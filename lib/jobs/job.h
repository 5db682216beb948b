#pragma once
// Job: one unit of work of a step (write a file, call an API, run a command). Jobs run
// asynchronously on the event loop (or on a worker, see ThreadedJob), report progress as one
// 0..1 figure plus a status line, stop cooperatively when cancelled, time out, and leave
// their evidence in a ReportNode for the runbook.

#include "core/result.h"
#include "jobs/reportnode.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <chrono>

namespace vlab {

struct OutcomeProbe;

class Job : public QObject
{
    Q_OBJECT
public:
    enum class State { Pending, Running, Succeeded, Failed, Cancelled, Skipped };
    Q_ENUM(State)

    explicit Job(QString title, QString description = {}, QObject *parent = nullptr);
    ~Job() override;

    QString title() const { return m_report.title; }
    QString description() const { return m_report.description; }

    // A stable name for the journal and the runbook, "<step>.<action>[.<item>]"
    // ("netscaler.apply", "vcha.deploy", "psc.cert.psc1"): never the translated title or a host,
    // so every run of the same work is found again. The title when not set.
    QString key() const { return m_key.isEmpty() ? m_report.title : m_key; }
    void setKey(const QString &key) { m_key = key; }
    // Where the work goes (host, host:port, user@host), for the journal and the runbook.
    QString target() const { return m_report.target; }
    void setTarget(const QString &target) { m_report.target = target; }
    // Whether the job changes the lab (creates objects, replaces certificates). A resumed run
    // never repeats such a job silently when it was interrupted half way.
    bool changesLab() const { return m_changesLab; }
    void setChangesLab(bool changes) { m_changesLab = changes; }
    // What a lab-changing job will change, for the person to approve before the run starts:
    // the host it acts on, and one line per change, including every answer it will give to a
    // consent prompt of the appliance's own tools. Setting it marks the job as changing the lab.
    QString changeHost() const { return m_changeHost; }
    QStringList plannedChanges() const { return m_plannedChanges; }
    void setPlannedChanges(const QString &host, const QStringList &changes)
    {
        m_changeHost = host;
        m_plannedChanges = changes;
        m_changesLab = true;
    }

    // For a lab-changing job: a read-only look at whether its change holds in the lab now,
    // run before a resume is offered after this job was cut off half way (RunSession). None by
    // default (the person is told it could not be checked).
    virtual OutcomeProbe outcomeProbe() const;

    // Share of the queue's overall progress (relative to the other jobs' weights).
    qreal weight() const { return m_weight; }
    void setWeight(qreal weight) { m_weight = weight; }

    // 0 means no limit. When the time is up the job is cancelled and fails with "job.timeout".
    std::chrono::milliseconds timeout() const { return m_timeout; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // How long a cancelled job may take to stop before it is given up as unresponsive.
    void setCancelGrace(std::chrono::milliseconds grace) { m_cancelGrace = grace; }

    State state() const { return m_state; }
    bool isFinished() const { return m_state != State::Pending && m_state != State::Running; }
    qreal progress() const { return m_progress; }
    QString status() const { return m_status; }
    // Valid once finished: success, or the error that stopped the job.
    const Result<void> &result() const { return m_result; }
    const ReportNode &report() const { return m_report; }

    void start();
    void cancel();
    // Ends a pending job as Skipped without running it (a resumed run, a stopped queue). A
    // running job whose work finds nothing to do ends Skipped, too: see skippedResult().
    void markSkipped(const QString &reason);
    bool isCancelRequested() const { return m_cancelRequested.load(); }

Q_SIGNALS:
    void started();
    void progressChanged(qreal progress, const QString &status);
    void logLine(const QString &line);
    void finished();

protected:
    // Starts the work; must lead to exactly one finish() call, now or later.
    virtual void run() = 0;
    // Called once when cancellation is requested: abort requests, kill processes.
    virtual void onCancel() { }

    void setProgress(qreal progress, const QString &status = {});
    void log(const QString &line);
    void finish(Result<void> result);
    ReportNode &mutableReport() { return m_report; }

private:
    void giveUp();

    ReportNode m_report;
    QString m_key;
    bool m_changesLab = false;
    QString m_changeHost;
    QStringList m_plannedChanges;
    Result<void> m_result;
    State m_state = State::Pending;
    qreal m_weight = 1.0;
    qreal m_progress = 0.0;
    QString m_status;
    std::chrono::milliseconds m_timeout{0};
    std::chrono::milliseconds m_cancelGrace{10000};
    std::atomic_bool m_cancelRequested{false};
    bool m_timedOut = false;
    QTimer m_timeoutTimer;
    QTimer m_graceTimer;
};

QString jobStateName(Job::State state); // "pending", "running", "succeeded", ...

// What a job's work returns when it finds the lab already as planned (nothing to do): the job
// ends Skipped, not Failed and not Succeeded, the reason is its outcome, and the queue goes on
// with the next job. A job that was cancelled or timed out meanwhile ends as that instead.
Error skippedResult(const QString &reason, const QString &details = {});

} // namespace vlab
