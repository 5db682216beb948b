#pragma once
// The live pre-checks a plan calls for: DNS forward and reverse records of every name, the
// TCP ports of every endpoint, every NTP server, and the certificate of every HTTPS endpoint.
// They run as independent jobs in one bounded parallel group: all at once, a failure never
// stops the others, and cancel stops them all.

#include "plan/labplan.h"
#include "precheck/checkjob.h"

namespace vlab {

class JobQueue;

struct PrecheckOptions
{
    QStringList categories = {QStringLiteral("dns"), QStringLiteral("ports"), QStringLiteral("ntp"),
                              QStringLiteral("tls")};
    int timeoutMs = 3000; // per check
    int maxInFlight = 24; // checks running at once
    int ntpWarnOffsetMs = 1000;
    // A whole-lab run checks before it installs: the nodes it installs itself (their FQDNs)
    // have their DNS records checked, not their ports and certificate (nothing answers yet).
    QStringList notInstalledYet;
    // The NetScaler management endpoint to check instead of the plan's NSIP on port 443
    // ("host" or "host:port", as `vlab run --nsip` takes it).
    QString nsip;
};

// "dns,ports" -> categories; an unknown name is an error naming it.
Result<QStringList> parsePrecheckCategories(const QString &list);

QList<CheckJob *> createPrecheckJobs(const LabPlan &plan, const PrecheckOptions &options);
void addPrecheckJobs(JobQueue &queue, const QList<CheckJob *> &jobs, const PrecheckOptions &options);

// How many checks ended in each outcome; they add up to the planned checks when `results`
// holds every job's outcome() (CheckJob::outcome: NotRun for those never started).
struct PrecheckCounts
{
    int passed = 0, warnings = 0, failed = 0, noAnswer = 0, cancelled = 0, notRun = 0;
    int problems() const { return failed + noAnswer + cancelled + notRun; }
};
PrecheckCounts countOutcomes(const QList<CheckResult> &results);

// The results as saved in the project for the runbook ("precheck-results.json").
QByteArray precheckResultsJson(const QList<CheckResult> &results);
inline constexpr auto kPrecheckResultsFile = "precheck-results.json";

} // namespace vlab
