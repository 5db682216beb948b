#include "netscaler/lbconfig.h"

#include "core/quoting.h"
#include "core/tr.h"
#include "net/netaddr.h"

#include <QHash>
#include <QSet>

using namespace Qt::StringLiterals;

namespace vlab {

QString netscalerName(const QString &text)
{
    QString out;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
            || u == u'_' || u == u'#' || u == u'.' || u == u':' || u == u'@' || u == u'=' || u == u'-';
        out += ok ? c : QChar(u'_');
    }
    if (out.isEmpty() || !(out.front().isLetterOrNumber() || out.front() == u'_'))
        out.prepend(u'_');
    return out.left(127);
}

namespace {

// Makes names unique by appending -2, -3 ... to repeats (after sanitising, two PSC names may
// collide, e.g. "psc 1" and "psc_1"). Linear in the number of names: each base name keeps the
// next suffix to try, so 20 000 PSCs of one name do not retry 2, 3, 4 ... for every one.
class UniqueNames
{
public:
    QString take(const QString &wanted)
    {
        QString name = netscalerName(wanted);
        if (!m_used.contains(name.toLower())) { // NetScaler names are case-insensitive
            m_used.insert(name.toLower());
            return name;
        }
        const QString base = name.left(120);
        int &next = m_next[base.toLower()];
        next = std::max(next, 2);
        do {
            name = base + u'-' + QString::number(next++);
        } while (m_used.contains(name.toLower()));
        m_used.insert(name.toLower());
        return name;
    }

private:
    QSet<QString> m_used;
    QHash<QString, int> m_next;
};

} // namespace

Result<LbConfig> LbConfig::fromPlan(const LabPlan &plan)
{
    const LoadBalancer &lb = plan.loadBalancer;
    if (plan.psc.isEmpty())
        return makeError(u"netscaler.no-psc"_s, Tr::tr("psc: the plan has no PSC to balance."));
    if (lb.ports.isEmpty())
        return makeError(u"netscaler.no-port"_s, Tr::tr("loadBalancer.ports: no port to balance."));
    if (!parseIpv4(lb.vip))
        return makeError(u"netscaler.vip"_s,
                         Tr::tr("loadBalancer.vip: \"%1\" is not an IPv4 address.").arg(lb.vip));
    for (qsizetype i = 0; i < plan.psc.size(); ++i) {
        if (!parseIpv4(plan.psc.at(i).ip))
            return makeError(u"netscaler.psc-ip"_s,
                             Tr::tr("psc[%1].ip: \"%2\" is not an IPv4 address.")
                                 .arg(QString::number(i), plan.psc.at(i).ip));
    }
    for (int port : lb.ports) {
        if (port < 1 || port > 65535)
            return makeError(u"netscaler.port"_s,
                             Tr::tr("loadBalancer.ports: %1 is not a TCP port.").arg(port));
    }
    const QString prefix = lb.namePrefix.isEmpty() ? u"psc"_s : lb.namePrefix;

    LbConfig c;
    if (!lb.snip.isEmpty()) {
        if (!parseIpv4(lb.snip))
            return makeError(u"netscaler.snip"_s,
                             Tr::tr("loadBalancer.snip: \"%1\" is not an IPv4 address.").arg(lb.snip));
        const std::optional<Ipv4Network> network = parseCidr(plan.network.cidr);
        if (!network)
            return makeError(u"netscaler.snip"_s,
                             Tr::tr("network.cidr: \"%1\" is not a network; the SNIP takes its mask from it.")
                                 .arg(plan.network.cidr));
        c.snip = NsSnip{lb.snip, formatIpv4(network->mask())};
    }
    UniqueNames names;
    QList<int> ports;
    QSet<int> seenPorts;
    for (int port : lb.ports) {
        if (!seenPorts.contains(port)) {
            seenPorts.insert(port);
            ports << port;
        }
    }
    QStringList serverNames;
    for (qsizetype i = 0; i < plan.psc.size(); ++i) {
        const PscNode &n = plan.psc.at(i);
        const QString id = n.name.isEmpty() ? u"psc%1"_s.arg(i + 1) : n.name;
        const QString name = names.take(prefix + u"-srv-"_s + id);
        c.servers << NsServer{name, n.ip};
        serverNames << id;
    }
    // Services per PSC (as the walk-through creates them: PSC 1's six, then PSC 2's), then one
    // virtual server per port with that port's services bound.
    QHash<QString, QString> serviceOf; // "server|port" -> service name
    for (qsizetype i = 0; i < c.servers.size(); ++i) {
        for (int port : std::as_const(ports)) {
            const QString service =
                names.take(prefix + u"-svc-"_s + serverNames.at(i) + u'-' + QString::number(port));
            c.services << NsService{service, c.servers.at(i).name, port};
            serviceOf.insert(c.servers.at(i).name + u'|' + QString::number(port), service);
        }
    }
    for (int port : std::as_const(ports)) {
        const QString vserver = names.take(prefix + u"-vs-"_s + QString::number(port));
        c.vservers << NsVserver{vserver, lb.vip, port};
        for (const NsServer &server : std::as_const(c.servers))
            c.bindings << NsBinding{vserver, serviceOf.value(server.name + u'|' + QString::number(port))};
    }
    c.group.name = names.take(prefix + u"-persist"_s);
    c.group.persistenceType = lb.persistence.type;
    c.group.timeoutMinutes = lb.persistence.timeoutMinutes;
    for (const NsVserver &v : std::as_const(c.vservers))
        c.group.vservers << v.name;
    return c;
}

int LbConfig::objectCount() const
{
    return int((snip.ip.isEmpty() ? 0 : 1) + servers.size() + services.size() + vservers.size()
               + bindings.size() + 1 + group.vservers.size());
}

namespace {
// Every argument of a batch line goes through netscalerQuote(); comments through lineComment().
QString ns(const QString &text)
{
    return netscalerQuote(text);
}
QString ns(int number)
{
    return QString::number(number);
}
} // namespace

QByteArray renderBatch(const LbConfig &c, const QString &labName)
{
    QStringList lines;
    lines << lineComment(
        u"NetScaler load balancing of the PSCs of lab %1 (written by vLab Wizard)."_s.arg(labName))
          << u"# Import on the NetScaler CLI with: batch -fileName /var/tmp/psc-lb.conf"_s
          << u"enable ns feature LB"_s;
    if (!c.snip.ip.isEmpty())
        lines
            << u"# The subnet IP the NetScaler reaches the PSCs from; if it exists already, this line fails "_s
               u"harmlessly."_s
            << u"add ns ip %1 %2 -type SNIP"_s.arg(ns(c.snip.ip), ns(c.snip.netmask));
    for (const NsServer &s : c.servers)
        lines << u"add server %1 %2"_s.arg(ns(s.name), ns(s.ip));
    for (const NsService &s : c.services)
        lines << u"add service %1 %2 TCP %3"_s.arg(ns(s.name), ns(s.server), ns(s.port));
    for (const NsVserver &v : c.vservers)
        lines << u"add lb vserver %1 TCP %2 %3"_s.arg(ns(v.name), ns(v.ip), ns(v.port));
    for (const NsBinding &b : c.bindings)
        lines << u"bind lb vserver %1 %2"_s.arg(ns(b.vserver), ns(b.service));
    lines << u"add lb group %1"_s.arg(ns(c.group.name))
          << u"set lb group %1 -persistenceType %2 -timeout %3"_s.arg(
                 ns(c.group.name), ns(c.group.persistenceType), ns(c.group.timeoutMinutes));
    for (const QString &v : c.group.vservers)
        lines << u"bind lb group %1 %2"_s.arg(ns(c.group.name), ns(v));
    lines << u"save ns config"_s;
    return (lines.join(u'\n') + u'\n').toUtf8();
}

QByteArray renderRollbackBatch(const LbConfig &c, const QString &labName)
{
    QStringList lines;
    lines << lineComment(
        u"Removes the PSC load balancing of lab %1 again (written by vLab Wizard)."_s.arg(labName))
          << u"# Import on the NetScaler CLI with: batch -fileName /var/tmp/psc-lb-rollback.conf"_s;
    for (auto it = c.group.vservers.crbegin(); it != c.group.vservers.crend(); ++it)
        lines << u"unbind lb group %1 %2"_s.arg(ns(c.group.name), ns(*it));
    lines << u"rm lb group %1"_s.arg(ns(c.group.name));
    for (auto it = c.bindings.crbegin(); it != c.bindings.crend(); ++it)
        lines << u"unbind lb vserver %1 %2"_s.arg(ns(it->vserver), ns(it->service));
    for (auto it = c.vservers.crbegin(); it != c.vservers.crend(); ++it)
        lines << u"rm lb vserver %1"_s.arg(ns(it->name));
    for (auto it = c.services.crbegin(); it != c.services.crend(); ++it)
        lines << u"rm service %1"_s.arg(ns(it->name));
    for (auto it = c.servers.crbegin(); it != c.servers.crend(); ++it)
        lines << u"rm server %1"_s.arg(ns(it->name));
    // Both may have been there before the batch: undo them only after checking.
    if (!c.snip.ip.isEmpty())
        lines << lineComment(
            u"Only if the batch added the SNIP (it did not exist before): rm ns ip %1"_s.arg(ns(c.snip.ip)));
    lines << u"# Only if LB was off before the batch and nothing else balances: disable ns feature LB"_s
          << u"save ns config"_s;
    return (lines.join(u'\n') + u'\n').toUtf8();
}

} // namespace vlab
