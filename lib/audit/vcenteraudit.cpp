#include "audit/vcenteraudit.h"

#include "core/tr.h"
#include "vsphere/dvsinspectjob.h"
#include "vsphere/dvsjob.h"
#include "vsphere/vcenterloginjob.h"
#include "vsphere/vchajob.h"

#include <algorithm>
#include <optional>

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
        a.found = e.details.section(u'\n', 0, 0); // the presented fingerprint
        a.hint = endpoint.pin.isEmpty()
            ? Tr::tr("Confirm the vCenter's certificate once: vlab vcenter login PLAN --host %1 --user %2 "
                     "--fingerprint SHA256 (kept in the project).")
                  .arg(vcenterTarget(endpoint.url), endpoint.user)
            : Tr::tr("The vCenter presents another certificate than the one confirmed: find out why before "
                     "confirming the new one.");
    } else if (e.code == u"http.cancelled"_s) {
        a.status = AuditStatus::Skipped;
    } else if (e.code == u"vcenter.unavailable"_s) {
        // HTTP 503: the appliance answers, but its services are still starting (or stopped).
        // Nothing about the lab could be compared: not a difference from the plan.
        a.status = AuditStatus::Unreachable;
        a.found = e.details.isEmpty() ? u"HTTP 503"_s : e.details;
        a.hint = Tr::tr("vCenter's services are not ready (HTTP 503): wait until %1 has finished starting "
                        "(the appliance's VAMI, port 5480, shows the services), then audit again.")
                     .arg(vcenterTarget(endpoint.url));
    } else if (e.code.startsWith(u"http."_s)) {
        a.status = AuditStatus::Unreachable;
        a.hint = Tr::tr("Check that the vCenter is up and that %1 is its address.")
                     .arg(vcenterTarget(endpoint.url));
    } else {
        a.status = AuditStatus::Drift;
        a.found = e.details;
        a.hint = e.code == u"vcenter.auth"_s || e.code == u"soap.fault.InvalidLogin"_s
            ? Tr::tr("Check the vCenter user and its password (VLAB_VC_PASSWORD).")
            : QString();
    }
    return a;
}

// One compared value of the switch: ok when equal, drift when not, skipped when not reported.
AuditResult switchValue(const QString &target, const QString &expected, const std::optional<QString> &found,
                        const QString &what, const QString &hint)
{
    AuditResult a;
    a.area = u"vds"_s;
    a.target = target;
    a.expected = expected;
    if (!found) {
        a.status = AuditStatus::Skipped;
        a.message = Tr::tr("Not checked: vCenter does not report the switch's %1.").arg(what);
        return a;
    }
    a.found = *found;
    if (*found == expected) {
        a.status = AuditStatus::Ok;
        a.message = Tr::tr("The switch's %1 is %2, as planned.").arg(what, expected);
    } else {
        a.status = AuditStatus::Drift;
        a.message = Tr::tr("The switch's %1 is %2, the plan says %3.").arg(what, *found, expected);
        a.hint = hint;
    }
    return a;
}

QString uplinkText(const QStringList &names)
{
    return Tr::tr("%1: %2").arg(QString::number(names.size()), names.join(u", "_s));
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

QList<AuditResult> dvsAuditResults(const DvsInspectJob &job)
{
    const DistributedSwitch &vds = job.plannedSwitch();
    const DvsNetworkState &net = job.network();
    AuditResult sw;
    sw.area = u"vds"_s;
    sw.target = vds.name;
    sw.expected = Tr::tr("the switch %1 in vCenter %2").arg(vds.name, vcenterTarget(job.endpoint().url));
    if (!job.result()) {
        const Error &e = job.result().error();
        if (e.code != u"vds.datacenter"_s && e.code != u"vds.target"_s)
            return {failedJobResult(sw, e, job.endpoint())};
        // vCenter answered, but has not the datacenter the plan names (or is an ESXi host).
        sw.status = AuditStatus::Drift;
        sw.found = e.message;
        sw.message = e.message;
        sw.hint = Tr::tr("Check target.datacenter in the plan against the datacenters vCenter has.");
        return {sw};
    }
    const QString createHint =
        Tr::tr("Create what is missing: vlab vds create PLAN (or the Distributed Switch page); what exists "
               "is kept.");
    QList<AuditResult> items;
    if (net.switchRef.isNull()) {
        sw.status = AuditStatus::Drift;
        sw.found = Tr::tr("no switch %1 in the datacenter %2").arg(vds.name, net.datacenter);
        sw.message = Tr::tr("The Distributed Switch %1 is missing.").arg(vds.name);
        sw.hint = createHint;
        items << sw;
    } else {
        items << switchValue(Tr::tr("%1 (version)").arg(vds.name), vds.version,
                             net.version.isEmpty() ? std::nullopt : std::optional<QString>(net.version),
                             Tr::tr("version"),
                             Tr::tr("Upgrade the switch in the vSphere Client (Upgrade, Upgrade Distributed "
                                    "Switch), or correct vds.version in the plan."));
        items << switchValue(
            Tr::tr("%1 (MTU)").arg(vds.name), QString::number(vds.mtu),
            net.maxMtu < 0 ? std::nullopt : std::optional<QString>(QString::number(net.maxMtu)),
            Tr::tr("MTU"),
            Tr::tr("Set the MTU in the vSphere Client (the switch's Settings, Edit Settings, Advanced), or "
                   "correct vds.mtu in the plan."));
        items << switchValue(Tr::tr("%1 (uplinks)").arg(vds.name), uplinkText(dvsUplinkNames(vds.uplinks)),
                             net.uplinkNames ? std::optional<QString>(uplinkText(*net.uplinkNames))
                                             : std::nullopt,
                             Tr::tr("uplinks"),
                             Tr::tr("Set the number of uplinks and their names in the vSphere Client (the "
                                    "switch's Settings, Edit Settings, Uplinks), or correct vds.uplinks in "
                                    "the plan."));
    }
    for (const PortGroup &pg : vds.portGroups) {
        AuditResult a;
        a.area = u"vds"_s;
        a.target = Tr::tr("%1 (VLAN)").arg(pg.name);
        a.expected = Tr::tr("VLAN %1 on %2").arg(QString::number(pg.vlan), vds.name);
        const auto it = std::find_if(net.portGroups.cbegin(), net.portGroups.cend(),
                                     [&](const DvsPortGroupState &s) { return s.name == pg.name; });
        if (it == net.portGroups.cend()) {
            a.status = AuditStatus::Drift;
            a.found = Tr::tr("no port group %1").arg(pg.name);
            a.message = Tr::tr("The port group %1 is missing.").arg(pg.name);
            a.hint = createHint;
        } else {
            const QString vlan = it->vlan < 0 ? Tr::tr("no single VLAN (trunk or private VLAN)")
                                              : Tr::tr("VLAN %1").arg(it->vlan);
            const bool onSwitch = !net.switchRef.isNull() && it->switchRef == net.switchRef.value;
            a.found = onSwitch ? Tr::tr("%1 on %2").arg(vlan, vds.name)
                               : Tr::tr("%1 on another switch (%2)").arg(vlan, it->switchRef);
            if (!onSwitch) {
                a.status = AuditStatus::Drift;
                a.message = Tr::tr("The port group %1 belongs to another switch.").arg(pg.name);
                a.hint = Tr::tr("Port group names are unique per datacenter: rename one of them, in the plan "
                                "or in vCenter.");
            } else if (it->vlan != pg.vlan) {
                a.status = AuditStatus::Drift;
                a.message = Tr::tr("The port group %1 has %2, the plan says VLAN %3.")
                                .arg(pg.name, vlan, QString::number(pg.vlan));
                a.hint = Tr::tr("Set the VLAN ID in the vSphere Client (the port group's Settings, Edit "
                                "Settings, VLAN), or correct the plan.");
            } else {
                a.status = AuditStatus::Ok;
                a.message = Tr::tr("The port group %1 has VLAN %2, as planned.")
                                .arg(pg.name, QString::number(pg.vlan));
            }
        }
        items << a;
    }
    return items;
}

} // namespace vlab
