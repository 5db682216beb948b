#include "audit/vcenteraudit.h"

#include "core/tr.h"
#include "vsphere/vcenterloginjob.h"
#include "vsphere/vchajob.h"

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

// A job that ended before it could judge anything: what its error means for the audit.
AuditResult failedJobResult(AuditResult a, const Error &e, const VCenterEndpoint &endpoint)
{
    a.message = e.message;
    if (e.code.startsWith(u"http.tls"_s)) {
        // An unconfirmed certificate: nothing was sent. A confirmed one that changed is drift.
        a.status = endpoint.pin.isEmpty() ? AuditStatus::Skipped : AuditStatus::Drift;
        a.found = e.details;
        a.hint = endpoint.pin.isEmpty()
            ? Tr::tr("Confirm the vCenter's certificate once: vlab vcenter login PLAN --host %1 --user %2 "
                     "--fingerprint SHA256 (kept in the project).")
                  .arg(vcenterTarget(endpoint.url), endpoint.user)
            : Tr::tr("The vCenter presents another certificate than the one confirmed: find out why before "
                     "confirming the new one.");
    } else if (e.code == u"http.cancelled"_s) {
        a.status = AuditStatus::Skipped;
    } else if (e.code.startsWith(u"http."_s)) {
        a.status = AuditStatus::Unreachable;
        a.hint = Tr::tr("Check that the vCenter is up and that %1 is its address.")
                     .arg(vcenterTarget(endpoint.url));
    } else {
        a.status = AuditStatus::Drift;
        a.found = e.details;
        a.hint = e.code == u"vcenter.auth"_s
            ? Tr::tr("Check the vCenter user and its password (VLAB_VC_PASSWORD).")
            : QString();
    }
    return a;
}

} // namespace

QList<AuditResult> vcenterAuditResults(const VCenterLoginJob &job)
{
    AuditResult a;
    a.area = u"vcenter"_s;
    a.target = Tr::tr("login %1 at %2").arg(job.endpoint().user, vcenterTarget(job.endpoint().url));
    a.expected = Tr::tr("the REST login works");
    if (!job.result())
        return {failedJobResult(a, job.result().error(), job.endpoint())};
    const VCenterInfo &info = job.info();
    QStringList found;
    if (!info.product.isEmpty())
        found << info.product;
    if (!info.applianceVersion.isEmpty())
        found << Tr::tr("appliance %1 build %2").arg(info.applianceVersion, info.applianceBuild);
    a.status = AuditStatus::Ok;
    a.found = found.isEmpty() ? Tr::tr("logged in") : found.join(u"; "_s);
    a.message = Tr::tr("Logged in to %1.").arg(vcenterTarget(job.endpoint().url));
    return {a};
}

QList<AuditResult> vchaAuditResults(const VchaJob &job)
{
    AuditResult a;
    a.area = u"vcha"_s;
    a.target = Tr::tr("VCHA cluster of %1").arg(vcenterTarget(job.endpoint().url));
    a.expected = u"CONFIGURED, ENABLED, HEALTHY"_s;
    if (job.restMissing()) {
        a.status = AuditStatus::Skipped;
        a.message = Tr::tr("Not checked: %1").arg(job.result() ? QString() : job.result().error().message);
        a.hint =
            Tr::tr("Look at the cluster in the vSphere Client (vCenter HA), as the runbook's manual steps "
                   "say.");
        return {a};
    }
    if (!job.result())
        return {failedJobResult(a, job.result().error(), job.endpoint())};
    const VchaClusterState &s = job.clusterState();
    a.found = QStringList{s.configState, s.mode, s.healthState}.join(u", "_s);
    const QString warnings = s.warnings.join(u"; "_s);
    const bool ok = s.healthy() && s.mode == u"ENABLED"_s;
    a.status = ok ? AuditStatus::Ok : AuditStatus::Drift;
    if (ok)
        a.message = warnings.isEmpty() ? Tr::tr("VCHA is enabled and healthy.")
                                       : Tr::tr("VCHA is enabled and healthy; warnings: %1").arg(warnings);
    else
        a.message = warnings.isEmpty() ? Tr::tr("VCHA is %1.").arg(a.found)
                                       : Tr::tr("VCHA is %1; warnings: %2").arg(a.found, warnings);
    if (!ok)
        a.hint = s.configState == u"CONFIGURED"_s
            ? Tr::tr("Follow the health warnings' recommendations; vlab vcha status shows the cluster.")
            : Tr::tr("Deploy VCHA (vlab vcha deploy).");
    return {a};
}

} // namespace vlab
