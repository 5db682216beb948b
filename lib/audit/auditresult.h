#pragma once
// AuditResult: one item of the as-built audit (`vlab audit`, the wizard's audit page, the
// runbook's "As built" chapter): what the plan expects of one target, what the lab showed,
// and the verdict. "unreachable" (nothing answered within the limit) is kept apart from
// "drift" (an answer that differs from the plan) everywhere: a silent host is never reported
// as a missing record or a wrong certificate.

#include "core/result.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace vlab {

enum class AuditStatus { Ok, Drift, Unreachable, Skipped };

QString auditStatusName(AuditStatus status); // "ok", "drift", "unreachable", "skipped"
// The status of a name auditStatusName() gives; false for any other name.
bool auditStatusFromName(const QString &name, AuditStatus *status);

struct AuditResult
{
    QString area;   // "dns", "certs", "netscaler", ... (auditAreas())
    QString target; // what was looked at: "vcenter-psc01.sslab.com (A)", "192.168.1.211:443"
    AuditStatus status = AuditStatus::Skipped;
    QString expected; // what the plan says, in words
    QString found;    // what the lab showed; empty when nothing answered
    QString message;  // the verdict, for people
    QString hint;     // what to do when it is not ok

    QJsonObject toJson() const;
};

struct AuditSummary
{
    int ok = 0, drift = 0, unreachable = 0, skipped = 0;
    // The lab matches the plan as far as it was checked: nothing drifted, everything answered.
    bool matches() const { return drift == 0 && unreachable == 0; }
};

AuditSummary summarizeAudit(const QList<AuditResult> &results);

// {"checks":[{area,target,status,expected,found,message,hint}...],
//  "summary":{"ok","drift","unreachable","skipped"}}
QByteArray auditResultsJson(const QList<AuditResult> &results);

// What `vlab audit` keeps in the project folder for the runbook's "As built" chapter: the same
// object with "time" (UTC, ISO 8601) and "areas" (those audited). The results hold what the
// lab answered and the plan's names, never a password.
QByteArray auditRecordJson(const QList<AuditResult> &results, const QStringList &areas,
                           const QDateTime &time);
// The record kept after an audit of some areas (`vlab audit --only`), merged with the one kept
// before (`previous`, empty or unreadable: none): the new results replace the audited areas'
// items (an area a result is of counts as audited too), the other areas' items stay, in the
// order of auditAreas(); "areas" lists every area in
// the record, "areaTimes" when each was audited last ({"dns": time, ...}), "time" the newest of
// them, "summary" counts every item. A record from before "areaTimes" gives its areas its "time".
QByteArray mergeAuditRecordJson(const QByteArray &previous, const QList<AuditResult> &results,
                                const QStringList &areas, const QDateTime &time);
inline constexpr auto kAuditResultsFile = "audit-results.json";
inline constexpr qint64 kMaxAuditRecordBytes = 16 * 1024 * 1024; // a larger file is not read

// A record as kept in the project (what mergeAuditRecordJson writes): its items in their order,
// the areas it holds and when each was audited last (UTC; a record without "areaTimes" gives
// every area its "time").
struct AuditRecord
{
    QList<AuditResult> results;
    QStringList areas;
    QHash<QString, QDateTime> areaTimes;
    bool isEmpty() const { return results.isEmpty() && areas.isEmpty(); }
};
// Reads a record; anything that is not one (no "checks" array, an item without area or with an
// unknown status) is an error "audit.record".
Result<AuditRecord> parseAuditRecord(const QByteArray &json);

struct WrittenFile;
// Keeps the record as kAuditResultsFile in the project folder, merged per area with the one
// kept there before (mergeAuditRecordJson; an unreadable one is replaced), written atomically:
// what `vlab audit` and the wizard's audit page do after a run.
Result<WrittenFile> keepAuditRecord(const QString &projectFolder, const QList<AuditResult> &results,
                                    const QStringList &areas, const QDateTime &time);
// The record kept in the project folder (empty when there is none): what the wizard's audit page
// shows when a project is opened.
Result<AuditRecord> loadAuditRecord(const QString &projectFolder);

} // namespace vlab
