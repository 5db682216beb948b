#include "validate/fieldnames.h"

#include "core/tr.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
QString namedField(const char *source)
{
    return Tr::tr(source);
}

// "%1: %2", the way a group and its field are joined.
QString inGroup(const QString &group, const QString &field)
{
    return Tr::tr("%1: %2").arg(group, field);
}
} // namespace

QString fieldDisplayName(const LabPlan &plan, const QString &path)
{
    struct Name
    {
        const char *path;
        const char *name;
    };
    static const Name names[] = {
        {"lab.name", QT_TRANSLATE_NOOP("vlab", "Lab name")},
        {"dns.domain", QT_TRANSLATE_NOOP("vlab", "DNS domain")},
        {"dns.servers", QT_TRANSLATE_NOOP("vlab", "DNS servers")},
        {"ntp.servers", QT_TRANSLATE_NOOP("vlab", "NTP servers")},
        {"network.cidr", QT_TRANSLATE_NOOP("vlab", "Management network")},
        {"network.gateway", QT_TRANSLATE_NOOP("vlab", "Gateway")},
        {"network.portGroup", QT_TRANSLATE_NOOP("vlab", "Management port group")},
        {"target.kind", QT_TRANSLATE_NOOP("vlab", "Deploy on")},
        {"target.host", QT_TRANSLATE_NOOP("vlab", "Deployment host")},
        {"target.user", QT_TRANSLATE_NOOP("vlab", "Deployment user")},
        {"target.datastore", QT_TRANSLATE_NOOP("vlab", "Datastore")},
        {"target.network", QT_TRANSLATE_NOOP("vlab", "Target network")},
        {"target.datacenter", QT_TRANSLATE_NOOP("vlab", "Datacenter")},
        {"target.cluster", QT_TRANSLATE_NOOP("vlab", "Cluster")},
        {"sso.domain", QT_TRANSLATE_NOOP("vlab", "SSO domain")},
        {"sso.site", QT_TRANSLATE_NOOP("vlab", "SSO site")},
        {"psc", QT_TRANSLATE_NOOP("vlab", "PSCs")},
        {"loadBalancer.kind", QT_TRANSLATE_NOOP("vlab", "Load balancer: kind")},
        {"loadBalancer.nsip", QT_TRANSLATE_NOOP("vlab", "Load balancer: management IP (NSIP)")},
        {"loadBalancer.snip", QT_TRANSLATE_NOOP("vlab", "Load balancer: subnet IP (SNIP)")},
        {"loadBalancer.vip", QT_TRANSLATE_NOOP("vlab", "Load balancer: virtual IP (VIP)")},
        {"loadBalancer.fqdn", QT_TRANSLATE_NOOP("vlab", "Load balancer: name")},
        {"loadBalancer.ports", QT_TRANSLATE_NOOP("vlab", "Load balancer: ports")},
        {"loadBalancer.persistence.type", QT_TRANSLATE_NOOP("vlab", "Load balancer: persistence")},
        {"loadBalancer.persistence.timeoutMinutes",
         QT_TRANSLATE_NOOP("vlab", "Load balancer: persistence timeout")},
        {"loadBalancer.namePrefix", QT_TRANSLATE_NOOP("vlab", "Load balancer: object name prefix")},
        {"certificate.subject.C", QT_TRANSLATE_NOOP("vlab", "Certificate: country (C)")},
        {"certificate.subject.ST", QT_TRANSLATE_NOOP("vlab", "Certificate: state (ST)")},
        {"certificate.subject.L", QT_TRANSLATE_NOOP("vlab", "Certificate: locality (L)")},
        {"certificate.subject.O", QT_TRANSLATE_NOOP("vlab", "Certificate: organization (O)")},
        {"certificate.subject.OU", QT_TRANSLATE_NOOP("vlab", "Certificate: organizational unit (OU)")},
        {"certificate.subject.CN", QT_TRANSLATE_NOOP("vlab", "Certificate: common name (CN)")},
        {"certificate.san", QT_TRANSLATE_NOOP("vlab", "Certificate: subject alternative names")},
        {"certificate.keyBits", QT_TRANSLATE_NOOP("vlab", "Certificate: RSA key size")},
        {"certificate.signer", QT_TRANSLATE_NOOP("vlab", "Certificate: signer")},
        {"certificate.validityDays", QT_TRANSLATE_NOOP("vlab", "Certificate: validity")},
        {"vcenter.name", QT_TRANSLATE_NOOP("vlab", "vCenter: VM name")},
        {"vcenter.fqdn", QT_TRANSLATE_NOOP("vlab", "vCenter: FQDN")},
        {"vcenter.ip", QT_TRANSLATE_NOOP("vlab", "vCenter: IP address")},
        {"vcenter.size", QT_TRANSLATE_NOOP("vlab", "vCenter: size")},
        {"vcha.enabled", QT_TRANSLATE_NOOP("vlab", "vCenter HA")},
        {"vcha.network.cidr", QT_TRANSLATE_NOOP("vlab", "vCenter HA: network")},
        {"vcha.network.portGroup", QT_TRANSLATE_NOOP("vlab", "vCenter HA: port group")},
        {"vcha.activeIp", QT_TRANSLATE_NOOP("vlab", "vCenter HA: active node address")},
        {"vcha.passiveIp", QT_TRANSLATE_NOOP("vlab", "vCenter HA: passive node address")},
        {"vcha.witnessIp", QT_TRANSLATE_NOOP("vlab", "vCenter HA: witness address")},
        {"vds.name", QT_TRANSLATE_NOOP("vlab", "Distributed Switch: name")},
        {"vds.version", QT_TRANSLATE_NOOP("vlab", "Distributed Switch: version")},
        {"vds.mtu", QT_TRANSLATE_NOOP("vlab", "Distributed Switch: MTU")},
        {"vds.uplinks", QT_TRANSLATE_NOOP("vlab", "Distributed Switch: uplinks")},
    };
    for (const Name &n : names) {
        if (path == QLatin1StringView(n.path))
            return namedField(n.name);
    }

    // Rows: "psc[1]...", "vds.portGroups[0]...", list items "dns.servers[2]".
    static const QRegularExpression row(u"^(psc|vds\\.portGroups)\\[(\\d+)\\](?:\\.(\\w+))?$"_s);
    if (const auto m = row.match(path); m.hasMatch()) {
        const int i = m.captured(2).toInt();
        const QString field = m.captured(3);
        if (m.captured(1) == u"psc"_s) {
            const QString vm = plan.psc.value(i).name;
            const QString node = vm.isEmpty() ? Tr::tr("PSC %1").arg(i + 1)
                                              : Tr::tr("PSC %1 (%2)").arg(QString::number(i + 1), vm);
            if (field == u"name"_s)
                return inGroup(node, Tr::tr("VM name"));
            if (field == u"fqdn"_s)
                return inGroup(node, Tr::tr("FQDN"));
            if (field == u"ip"_s)
                return inGroup(node, Tr::tr("IP address"));
            return node;
        }
        const QString name = plan.vds.portGroups.value(i).name;
        const QString group = name.isEmpty() ? Tr::tr("Port group %1").arg(i + 1)
                                             : Tr::tr("Port group %1 (%2)").arg(QString::number(i + 1), name);
        if (field == u"vlan"_s)
            return inGroup(group, Tr::tr("VLAN"));
        if (field == u"name"_s)
            return inGroup(group, Tr::tr("name"));
        return group;
    }
    static const QRegularExpression item(u"^(.+)\\[(\\d+)\\]$"_s);
    if (const auto m = item.match(path); m.hasMatch()) {
        const QString list = fieldDisplayName(plan, m.captured(1));
        if (list != m.captured(1))
            return Tr::tr("%1, entry %2").arg(list, QString::number(m.captured(2).toInt() + 1));
    }
    return path;
}

} // namespace vlab
