#pragma once
// CheckJob: one live pre-check (a DNS record, a TCP port, an NTP server, a TLS endpoint).
// Checks are event-loop jobs built on Qt Network; each has its own time limit, after which
// "no answer" is its outcome. A check that finds a problem fails as a job, so the queue
// reports it; warnings still succeed.

#include "jobs/job.h"

#include <QElapsedTimer>
#include <QTimer>

class QJsonObject;

namespace vlab {

// What a check found, kept apart everywhere (page, CLI text and JSON, precheck-results.json,
// runbook): Fail means an answer showed a problem; NoAnswer that nothing answered within the
// limit (never "the record is missing"); Cancelled that the run was stopped while the check
// waited; NotRun that it never started (a cancelled or failed run ended first).
enum class CheckStatus { Pass, Warn, Fail, NoAnswer, Cancelled, NotRun };

struct CheckResult
{
    QString category; // "dns", "ports", "ntp", "tls"
    QString node;     // the group it belongs to: "PSC vcenter-psc01", "vCenter", "NTP" ...
    QString target;   // what was checked: "vcenter-psc01.sslab.com", "192.168.1.211:443"
    CheckStatus status = CheckStatus::Fail;
    QString message;  // the outcome, for people
    QString hint;     // what to do when it is not a pass
    QString detail;   // raw facts (records, fingerprints, offsets) for the runbook
    QString expected; // what the plan calls for ("192.168.1.211", the name a PTR should give)
    QString found;    // what the answer held, empty without one
    qint64 elapsedMs = 0;

    QJsonObject toJson() const;
};

QString checkStatusName(CheckStatus status); // "pass", "warn", "fail", "no-answer", "cancelled", "not-run"
bool isProblem(CheckStatus status);          // anything but pass and warn

class CheckJob : public Job
{
    Q_OBJECT
public:
    CheckJob(const QString &category, const QString &node, const QString &target, int timeoutMs,
             QObject *parent = nullptr);

    const CheckResult &checkResult() const { return m_check; }
    // The result when the check has one (checked() was emitted), otherwise NotRun: what a
    // summary lists for a check the run never reached.
    CheckResult outcome() const;
    int timeoutMs() const { return m_timeoutMs; }

Q_SIGNALS:
    void checked(const vlab::CheckResult &result);

protected:
    // Subclasses start their request in begin(), and call conclude() once; on the time limit,
    // timedOut() is called (it must abort the request and conclude).
    virtual void begin() = 0;
    virtual void timedOut() = 0;
    virtual void abort() { }

    void conclude(CheckStatus status, const QString &message, const QString &hint = {},
                  const QString &detail = {});
    bool isConcluded() const { return m_concluded; }
    // What the answer held, for a comparison with the plan (call before conclude()).
    void setFound(const QString &found) { m_check.found = found; }
    void setExpected(const QString &expected) { m_check.expected = expected; }

private:
    void run() final;
    void onCancel() final;

    CheckResult m_check;
    int m_timeoutMs;
    QTimer m_timer;
    QElapsedTimer m_elapsed;
    bool m_concluded = false;
};

} // namespace vlab
