#include "project/writeplanfilesjob.h"

#include "core/atomicfile.h"
#include "core/tr.h"
#include "plan/planjson.h"
#include "validate/planvalidator.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace vlab {

WritePlanFilesJob::WritePlanFilesJob(const LabPlan &plan, const QString &folder, QObject *parent)
    : ThreadedJob(Tr::tr("Write the plan and its validation report"),
                  Tr::tr("Saves the lab plan and the offline validation findings to %1.").arg(folder), parent)
    , m_plan(plan)
    , m_folder(folder)
{
}

QString WritePlanFilesJob::planFileName(const LabPlan &plan)
{
    QString base;
    for (QChar c : plan.lab.name) {
        const bool safe = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || c == u'-' || c == u'_' || c == u'.';
        base += safe ? c : u'_';
    }
    while (base.startsWith(u'.'))
        base.remove(0, 1);
    if (base.isEmpty())
        base = u"lab"_s;
    return base + u".vlab.json"_s;
}

QList<Artifact> WritePlanFilesJob::files(const LabPlan &plan, const QString &folder)
{
    const QDir dir(folder);
    const Findings findings = validatePlan(plan);
    QString text;
    for (const Finding &f : findings)
        text += formatFinding(f) + u'\n';
    text += Tr::tr("%1 error(s), %2 warning(s)\n")
                .arg(QString::number(countSeverity(findings, Severity::Error)),
                     QString::number(countSeverity(findings, Severity::Warning)));
    const QJsonObject json{{u"plan"_s, planFileName(plan)},
                           {u"errors"_s, countSeverity(findings, Severity::Error)},
                           {u"warnings"_s, countSeverity(findings, Severity::Warning)},
                           {u"findings"_s, findingsToJson(findings)}};
    return {Artifact{dir.filePath(planFileName(plan)), serializePlan(plan), {}},
            Artifact{dir.filePath(reportTextFileName()), text.toUtf8(), {}},
            Artifact{dir.filePath(reportJsonFileName()), QJsonDocument(json).toJson(), {}}};
}

ThreadedJob::Work WritePlanFilesJob::makeWork()
{
    return [plan = m_plan, folder = m_folder](const WorkContext &ctx) -> Result<void> {
        if (!QDir().mkpath(folder))
            return makeError(u"file.mkdir"_s, Tr::tr("Cannot create the folder %1.").arg(folder));

        ctx.progress(0.1, Tr::tr("Validating the plan"));
        const QList<Artifact> files = WritePlanFilesJob::files(plan, folder);
        for (qsizetype i = 0; i < files.size(); ++i) {
            if (ctx.isCancelled())
                return makeError(u"job.cancelled"_s, Tr::tr("Cancelled."));
            const Artifact &file = files.at(i);
            ctx.progress(0.2 + 0.8 * qreal(i) / qreal(files.size()), Tr::tr("Writing %1").arg(file.path));
            const Result<WrittenFile> written = writeFileAtomically(file.path, file.data);
            if (!written)
                return written.error();
            ctx.evidence(Evidence::Kind::File, written->path, written->sha256);
            ctx.log(Tr::tr("Wrote %1 (%2 bytes)").arg(written->path, QString::number(written->size)));
        }
        ctx.progress(1.0, Tr::tr("Done"));
        return {};
    };
}

} // namespace vlab
