#include "audit/auditresult.h"

#include "audit/auditsession.h"
#include "core/atomicfile.h"
#include "core/tr.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace vlab {

QString auditStatusName(AuditStatus status)
{
    switch (status) {
    case AuditStatus::Ok:
        return u"ok"_s;
    case AuditStatus::Drift:
        return u"drift"_s;
    case AuditStatus::Unreachable:
        return u"unreachable"_s;
    case AuditStatus::Skipped:
        return u"skipped"_s;
    }
    return u"drift"_s;
}

bool auditStatusFromName(const QString &name, AuditStatus *status)
{
    for (const AuditStatus s :
         {AuditStatus::Ok, AuditStatus::Drift, AuditStatus::Unreachable, AuditStatus::Skipped}) {
        if (auditStatusName(s) == name) {
            *status = s;
            return true;
        }
    }
    return false;
}

QJsonObject AuditResult::toJson() const
{
    return QJsonObject{
        {u"area"_s, area},         {u"target"_s, target}, {u"status"_s, auditStatusName(status)},
        {u"expected"_s, expected}, {u"found"_s, found},   {u"message"_s, message},
        {u"hint"_s, hint}};
}

AuditSummary summarizeAudit(const QList<AuditResult> &results)
{
    AuditSummary s;
    for (const AuditResult &r : results) {
        switch (r.status) {
        case AuditStatus::Ok:
            ++s.ok;
            break;
        case AuditStatus::Drift:
            ++s.drift;
            break;
        case AuditStatus::Unreachable:
            ++s.unreachable;
            break;
        case AuditStatus::Skipped:
            ++s.skipped;
            break;
        }
    }
    return s;
}

namespace {

QJsonObject resultsObject(const QList<AuditResult> &results)
{
    QJsonArray checks;
    for (const AuditResult &r : results)
        checks.append(r.toJson());
    const AuditSummary s = summarizeAudit(results);
    const QJsonObject root{{u"checks"_s, checks},
                           {u"summary"_s,
                            QJsonObject{{u"ok"_s, s.ok},
                                        {u"drift"_s, s.drift},
                                        {u"unreachable"_s, s.unreachable},
                                        {u"skipped"_s, s.skipped}}}};
    return root;
}

} // namespace

QByteArray auditResultsJson(const QList<AuditResult> &results)
{
    return QJsonDocument(resultsObject(results)).toJson();
}

QByteArray auditRecordJson(const QList<AuditResult> &results, const QStringList &areas, const QDateTime &time)
{
    QJsonObject root = resultsObject(results);
    root.insert(u"time"_s, time.toUTC().toString(Qt::ISODate));
    root.insert(u"areas"_s, QJsonArray::fromStringList(areas));
    return QJsonDocument(root).toJson();
}

QByteArray mergeAuditRecordJson(const QByteArray &previous, const QList<AuditResult> &results,
                                const QStringList &areas, const QDateTime &time)
{
    const QString now = time.toUTC().toString(Qt::ISODate);
    // What was kept before, per area.
    const QJsonObject before = QJsonDocument::fromJson(previous).object();
    QMap<QString, QJsonArray> checksByArea;
    QMap<QString, QString> timeByArea;
    if (before.value(u"checks"_s).isArray()) {
        const QJsonObject times = before.value(u"areaTimes"_s).toObject();
        const QString beforeTime = before.value(u"time"_s).toString();
        for (const QJsonValue &area : before.value(u"areas"_s).toArray())
            timeByArea.insert(area.toString(), times.value(area.toString()).toString(beforeTime));
        for (const QJsonValue &check : before.value(u"checks"_s).toArray()) {
            const QString area = check.toObject().value(u"area"_s).toString();
            checksByArea[area].append(check);
            if (!timeByArea.contains(area))
                timeByArea.insert(area, times.value(area).toString(beforeTime));
        }
    }
    // The audited areas (those named, and any a result is of): this run's items only.
    QStringList audited = areas;
    for (const AuditResult &r : results) {
        if (!audited.contains(r.area))
            audited << r.area;
    }
    for (const QString &area : std::as_const(audited)) {
        checksByArea.insert(area, QJsonArray());
        timeByArea.insert(area, now);
    }
    for (const AuditResult &r : results)
        checksByArea[r.area].append(r.toJson());

    // The known areas in their order, then any other a record may hold.
    QStringList order = auditAreas();
    for (auto it = timeByArea.cbegin(); it != timeByArea.cend(); ++it) {
        if (!order.contains(it.key()))
            order << it.key();
    }
    QJsonArray checks;
    QJsonArray recordAreas;
    QJsonObject areaTimes;
    QString newest;
    QHash<QString, int> counts;
    for (const QString &area : std::as_const(order)) {
        if (!timeByArea.contains(area))
            continue;
        recordAreas.append(area);
        const QString when = timeByArea.value(area);
        areaTimes.insert(area, when);
        // ISO 8601 in UTC: the text order is the time order.
        if (when > newest)
            newest = when;
        for (const QJsonValue &check : checksByArea.value(area)) {
            checks.append(check);
            ++counts[check.toObject().value(u"status"_s).toString()];
        }
    }
    QJsonObject root{{u"checks"_s, checks},
                     {u"summary"_s,
                      QJsonObject{{u"ok"_s, counts.value(u"ok"_s)},
                                  {u"drift"_s, counts.value(u"drift"_s)},
                                  {u"unreachable"_s, counts.value(u"unreachable"_s)},
                                  {u"skipped"_s, counts.value(u"skipped"_s)}}},
                     {u"time"_s, newest},
                     {u"areas"_s, recordAreas},
                     {u"areaTimes"_s, areaTimes}};
    return QJsonDocument(root).toJson();
}

Result<AuditRecord> parseAuditRecord(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(json, &error).object();
    const auto notARecord = [](const QString &why) {
        return makeError(u"audit.record"_s, Tr::tr("This is not an audit record: %1").arg(why));
    };
    if (error.error != QJsonParseError::NoError)
        return notARecord(error.errorString());
    if (!root.value(u"checks"_s).isArray())
        return notARecord(Tr::tr("it has no \"checks\" list."));
    AuditRecord record;
    for (const QJsonValue &v : root.value(u"checks"_s).toArray()) {
        const QJsonObject check = v.toObject();
        AuditResult r;
        r.area = check.value(u"area"_s).toString();
        if (r.area.isEmpty())
            return notARecord(Tr::tr("an item has no area."));
        const QString status = check.value(u"status"_s).toString();
        if (!auditStatusFromName(status, &r.status))
            return notARecord(Tr::tr("\"%1\" is not an audit status.").arg(status));
        r.target = check.value(u"target"_s).toString();
        r.expected = check.value(u"expected"_s).toString();
        r.found = check.value(u"found"_s).toString();
        r.message = check.value(u"message"_s).toString();
        r.hint = check.value(u"hint"_s).toString();
        record.results << r;
    }
    const QString recordTime = root.value(u"time"_s).toString();
    const QJsonObject times = root.value(u"areaTimes"_s).toObject();
    QStringList areas;
    for (const QJsonValue &area : root.value(u"areas"_s).toArray())
        areas << area.toString();
    for (const AuditResult &r : std::as_const(record.results)) {
        if (!areas.contains(r.area))
            areas << r.area;
    }
    for (const QString &area : std::as_const(areas)) {
        if (area.isEmpty())
            continue;
        record.areas << area;
        const QDateTime when = QDateTime::fromString(times.value(area).toString(recordTime), Qt::ISODate);
        if (when.isValid())
            record.areaTimes.insert(area, when.toUTC());
    }
    return record;
}

Result<AuditRecord> loadAuditRecord(const QString &projectFolder)
{
    const QString file = QDir(projectFolder).filePath(QString::fromLatin1(kAuditResultsFile));
    if (projectFolder.isEmpty() || !QFileInfo::exists(file))
        return AuditRecord{};
    const Result<QByteArray> data = readFileLimited(file, kMaxAuditRecordBytes);
    if (!data)
        return data.error();
    return parseAuditRecord(*data);
}

Result<WrittenFile> keepAuditRecord(const QString &projectFolder, const QList<AuditResult> &results,
                                    const QStringList &areas, const QDateTime &time)
{
    // Merged per area with what earlier audits kept: an audit of some areas (--only, the page's
    // re-run of problem areas) replaces those areas' items only. A record that cannot be read is
    // replaced.
    const QString file = QDir(projectFolder).filePath(QString::fromLatin1(kAuditResultsFile));
    const Result<QByteArray> kept = QFileInfo::exists(file) ? readFileLimited(file, kMaxAuditRecordBytes)
                                                            : Result<QByteArray>(QByteArray());
    return writeFileAtomically(file, mergeAuditRecordJson(kept ? *kept : QByteArray(), results, areas, time));
}

} // namespace vlab
