#include "vsphere/vchaspecwriter.h"

#include "core/tr.h"
#include "net/netaddr.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

// An IpSpec (vcenter.vcha.IpSpec): the gateway and the DNS servers are optional and left out
// when there are none (the SDK: "If None, gateway will not be used").
QJsonObject ipSpec(const QString &address, const Ipv4Network &net, const QString &gateway,
                   const QStringList &dns)
{
    QJsonObject spec{{u"ip_family"_s, u"IPV4"_s},
                     {u"ipv4"_s,
                      QJsonObject{{u"address"_s, address},
                                  {u"subnet_mask"_s, formatIpv4(net.mask())},
                                  {u"prefix"_s, net.prefix}}}};
    if (!gateway.isEmpty())
        spec.insert(u"default_gateway"_s, gateway);
    if (!dns.isEmpty())
        spec.insert(u"dns_servers"_s, QJsonArray::fromStringList(dns));
    return spec;
}

QJsonObject placement(const QString &name, const LabPlan &plan)
{
    return QJsonObject{{u"name"_s, name},
                       {u"folder"_s, u"<VLAB_FOLDER_ID>"_s},
                       {u"host"_s, u"<VLAB_HOST_ID>"_s},
                       {u"resource_pool"_s, u"<VLAB_RESOURCE_POOL_ID>"_s},
                       {u"ha_network_type"_s, vchaNetworkTypePlaceholder(plan.vcha.network.portGroup)},
                       {u"ha_network"_s, vchaNetworkIdPlaceholder(plan.vcha.network.portGroup)},
                       {u"management_network_type"_s, vchaNetworkTypePlaceholder(plan.network.portGroup)},
                       {u"management_network"_s, vchaNetworkIdPlaceholder(plan.network.portGroup)},
                       {u"storage"_s, QJsonObject{{u"datastore"_s, u"<VLAB_DATASTORE_ID>"_s}}}};
}

} // namespace

QString vchaNetworkIdPlaceholder(const QString &portGroup)
{
    return u"<VLAB_NETWORK_ID:"_s + portGroup + u'>';
}

QString vchaNetworkTypePlaceholder(const QString &portGroup)
{
    return u"<VLAB_NETWORK_TYPE:"_s + portGroup + u'>';
}

QString vchaPassiveVmName(const LabPlan &plan)
{
    return plan.vcenter.name + u"-passive"_s;
}

QString vchaWitnessVmName(const LabPlan &plan)
{
    return plan.vcenter.name + u"-witness"_s;
}

Result<QByteArray> renderVchaDeploySpec(const LabPlan &plan)
{
    const VchaPlan &h = plan.vcha;
    if (!h.enabled)
        return makeError(u"vcha.disabled"_s,
                         Tr::tr("vcha.enabled is false: the plan has no VCHA to deploy."));
    const auto ha = parseCidr(h.network.cidr);
    const auto mgmt = parseCidr(plan.network.cidr);
    if (!ha)
        return makeError(u"vcha.plan"_s,
                         Tr::tr("vcha.network.cidr \"%1\" is not a network.").arg(h.network.cidr));
    if (!mgmt)
        return makeError(u"vcha.plan"_s,
                         Tr::tr("network.cidr \"%1\" is not a network.").arg(plan.network.cidr));
    for (const auto &[field, value] :
         {std::pair{u"vcha.activeIp"_s, h.activeIp}, std::pair{u"vcha.passiveIp"_s, h.passiveIp},
          std::pair{u"vcha.witnessIp"_s, h.witnessIp}, std::pair{u"vcenter.ip"_s, plan.vcenter.ip}}) {
        if (!parseIpv4(value))
            return makeError(u"vcha.plan"_s, Tr::tr("%1 \"%2\" is not an IPv4 address.").arg(field, value));
    }
    if (h.network.portGroup.isEmpty())
        return makeError(u"vcha.plan"_s, Tr::tr("vcha.network.portGroup is empty."));
    if (plan.network.portGroup.isEmpty())
        return makeError(u"vcha.plan"_s, Tr::tr("network.portGroup is empty."));

    // The HA network has no gateway and no DNS (the HA NICs only talk to each other).
    const QJsonObject spec{
        {u"vc_spec"_s,
         QJsonObject{{u"active_location"_s,
                      QJsonObject{{u"hostname"_s, plan.vcenter.fqdn},
                                  {u"port"_s, 443},
                                  {u"ssl_thumbprint"_s, u"<VLAB_VC_SSL_THUMBPRINT>"_s},
                                  {u"username"_s, QString(u"administrator@"_s + plan.sso.domain)},
                                  {u"password"_s, u"<VLAB_SSO_PASSWORD>"_s}}}}},
        {u"deployment"_s, u"AUTO"_s},
        {u"active"_s,
         QJsonObject{{u"ha_network_type"_s, vchaNetworkTypePlaceholder(h.network.portGroup)},
                     {u"ha_network"_s, vchaNetworkIdPlaceholder(h.network.portGroup)},
                     {u"ha_ip"_s, ipSpec(h.activeIp, *ha, QString(), {})}}},
        {u"passive"_s,
         QJsonObject{
             {u"placement"_s, placement(vchaPassiveVmName(plan), plan)},
             {u"ha_ip"_s, ipSpec(h.passiveIp, *ha, QString(), {})},
             // Takes over the management address when the active node fails.
             {u"failover_ip"_s, ipSpec(plan.vcenter.ip, *mgmt, plan.network.gateway, plan.dns.servers)}}},
        {u"witness"_s,
         QJsonObject{{u"placement"_s, placement(vchaWitnessVmName(plan), plan)},
                     {u"ha_ip"_s, ipSpec(h.witnessIp, *ha, QString(), {})}}}};
    return QJsonDocument(QJsonObject{{u"spec"_s, spec}}).toJson(QJsonDocument::Indented);
}

} // namespace vlab
