#include "audit/auditresult.h"

#include "core/atomicfile.h"

#include <QDir>
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

Result<WrittenFile> keepAuditRecord(const QString &projectFolder, const QList<AuditResult> &results,
                                    const QStringList &areas, const QDateTime &time)
{
    const QString file = QDir(projectFolder).filePath(QString::fromLatin1(kAuditResultsFile));
    return writeFileAtomically(file, auditRecordJson(results, areas, time));
}

} // namespace vlab
