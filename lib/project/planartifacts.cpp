#include "project/planartifacts.h"

#include "audit/auditresult.h"
#include "certs/csrrequest.h"
#include "core/atomicfile.h"
#include "core/tr.h"
#include "jobs/journal.h"
#include "netscaler/lbconfig.h"
#include "plan/planjson.h"
#include "project/writeplanfilesjob.h"
#include "remote/pscendpointplan.h"
#include "runbook/runbook.h"
#include "runbook/topologypainter.h"
#include "vsphere/vchaspecwriter.h"
#include "vsphere/vcsatemplatewriter.h"
#include "vsphere/vdsscriptwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vlab {

QList<Artifact> planOnlyArtifacts(const LabPlan &plan, const QString &folder, QStringList *skipped)
{
    const QDir dir(folder);
    QList<Artifact> out;
    auto skip = [skipped](const QString &what, const QString &why) {
        if (skipped)
            skipped->append(Tr::tr("%1: %2").arg(what, why));
    };

    const CsrRequest request = CsrRequest::fromPlan(plan);
    if (const QString problem = request.problem(); problem.isEmpty())
        out << Artifact{dir.filePath(u"certs/"_s + QString::fromLatin1(CertFiles::Config)),
                        renderRequestConfig(request),
                        {}};
    else
        skip(QString::fromLatin1(CertFiles::Config), problem);

    // After the certificate: the PSCs pointed at the load-balancer name (commands to verify).
    if (const Result<QByteArray> script = renderPscEndpointScript(plan, PscEndpointTemplates::defaults());
        script)
        out << Artifact{dir.filePath(u"certs/psc-update-endpoints.sh"_s), *script, {}};
    else
        skip(u"certs/psc-update-endpoints.sh"_s, script.error().message);

    if (const Result<LbConfig> lb = LbConfig::fromPlan(plan); lb) {
        out << Artifact{dir.filePath(u"netscaler/psc-lb.conf"_s), renderBatch(*lb, plan.lab.name), {}}
            << Artifact{dir.filePath(u"netscaler/psc-lb-rollback.conf"_s),
                        renderRollbackBatch(*lb, plan.lab.name),
                        {}};
    } else {
        skip(u"netscaler/psc-lb.conf"_s, lb.error().message);
    }

    for (VcsaRole role : {VcsaRole::Psc1, VcsaRole::Psc2, VcsaRole::VCenter}) {
        const QString name = vcsaTemplateFileName(role);
        if (const Result<QByteArray> json = renderVcsaTemplate(plan, role, VcsaVersion::V67); json)
            out << Artifact{dir.filePath(u"vcsa/"_s + name), *json, {}};
        else
            skip(name, json.error().message);
    }

    if (plan.vcha.enabled) {
        if (const Result<QByteArray> spec = renderVchaDeploySpec(plan); spec)
            out << Artifact{dir.filePath(u"vcha/vcha-deploy-spec.json"_s), *spec, {}};
        else
            skip(u"vcha-deploy-spec.json"_s, spec.error().message);
    }

    // The topology picture (the runbook's Markdown refers to topology.png next to it).
    const TopologyPainter topology(plan);
    out << Artifact{dir.filePath(u"topology.png"_s), topology.toPng(1600), {}}
        << Artifact{dir.filePath(u"topology.svg"_s), topology.toSvg(), {}};

    for (VdsScriptFormat format : {VdsScriptFormat::Govc, VdsScriptFormat::PowerCli}) {
        const QString name = vdsScriptFileName(format);
        if (const Result<QByteArray> script = renderVdsScript(plan, format); script)
            out << Artifact{dir.filePath(u"vds/"_s + name), *script, {}};
        else
            skip(name, script.error().message);
    }
    return out;
}

namespace {
// Whether the file at path holds other bytes than data (false when it does not exist).
bool differs(const QString &path, const QByteArray &data)
{
    const QFileInfo info(path);
    if (!info.exists())
        return false;
    if (info.size() != data.size())
        return true;
    QFile file(path);
    return !file.open(QIODevice::ReadOnly) || file.readAll() != data;
}
} // namespace

QStringList projectFilesToReplace(const LabPlan &plan, const QString &folder,
                                  const QByteArray &precheckResultsJson)
{
    QStringList replaced;
    QList<Artifact> files = WritePlanFilesJob::files(plan, folder);
    files << planOnlyArtifacts(plan, folder, nullptr);
    for (const Artifact &file : std::as_const(files)) {
        if (differs(file.path, file.data))
            replaced << file.path;
    }

    // The runbook is the same when its Markdown is, but for the line that says when it was made
    // (the PDF is laid out from the same text).
    const QDir dir(folder);
    const QString pdf = dir.filePath(QString::fromLatin1(kRunbookPdfFile));
    const QString markdown = dir.filePath(QString::fromLatin1(kRunbookMarkdownFile));
    const QDateTime marker = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
    Runbook runbook = buildRunbook(plan, precheckResultsJson, marker);
    if (const Result<RunJournal> journal = RunJournal::load(dir.filePath(RunJournal::fileName())); journal)
        addJournalEvidence(runbook, *journal);
    if (const Result<QByteArray> audit =
            readFileLimited(dir.filePath(QString::fromLatin1(kAuditResultsFile)), 16 * 1024 * 1024);
        audit)
        addAuditChapter(runbook, *audit);
    QStringList now = QString::fromUtf8(runbookToMarkdown(runbook)).split(u'\n');
    const Result<QByteArray> before = readFileLimited(markdown, 64 * 1024 * 1024);
    bool same = false;
    if (before) {
        const QStringList then = QString::fromUtf8(*before).split(u'\n');
        const QString made = marker.toString(Qt::ISODate);
        const qsizetype line = std::distance(
            now.cbegin(),
            std::find_if(now.cbegin(), now.cend(), [&made](const QString &l) { return l.contains(made); }));
        if (then.size() == now.size() && line < now.size()) {
            now[line] = then.at(line);
            same = now == then;
        }
    }
    if (!same) {
        if (QFileInfo::exists(markdown))
            replaced << markdown;
        if (QFileInfo::exists(pdf))
            replaced << pdf;
    }
    return replaced;
}

QStringList otherPlansIn(const LabPlan &plan, const QString &folder)
{
    QStringList others = QDir(folder).entryList({u"*.vlab.json"_s}, QDir::Files, QDir::Name);
    others.removeAll(WritePlanFilesJob::planFileName(plan));
    return others;
}

QStringList otherLabsIn(const LabPlan &plan, const QString &folder)
{
    QStringList others = otherPlansIn(plan, folder);
    others.removeIf([&](const QString &name) {
        const Result<LabPlan> other = loadPlanFile(QDir(folder).filePath(name));
        return other && other->lab.name == plan.lab.name;
    });
    return others;
}

} // namespace vlab
