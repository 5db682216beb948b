#include "project/planartifacts.h"

#include "certs/csrrequest.h"
#include "core/tr.h"
#include "netscaler/lbconfig.h"
#include "remote/pscendpointplan.h"
#include "runbook/topologypainter.h"
#include "vsphere/vchaspecwriter.h"
#include "vsphere/vcsatemplatewriter.h"
#include "vsphere/vdsscriptwriter.h"

#include <QDir>

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

} // namespace vlab
