#include "precheck/precheckplan.h"

#include "core/tr.h"
#include "jobs/jobqueue.h"
#include "net/hostport.h"
#include "net/netaddr.h"
#include "precheck/dnscheck.h"
#include "precheck/ntpcheck.h"
#include "precheck/portcheck.h"
#include "precheck/tlscheck.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace vlab {

Result<QStringList> parsePrecheckCategories(const QString &list)
{
    static const QStringList known = {u"dns"_s, u"ports"_s, u"ntp"_s, u"tls"_s};
    QStringList out;
    for (const QString &part : list.split(u',', Qt::SkipEmptyParts)) {
        const QString name = part.trimmed().toLower();
        if (!known.contains(name))
            return makeError(
                u"precheck.category"_s,
                Tr::tr("\"%1\" is not a pre-check; use dns, ports, ntp or tls.").arg(part.trimmed()));
        if (!out.contains(name))
            out << name;
    }
    if (out.isEmpty())
        return makeError(u"precheck.category"_s,
                         Tr::tr("Name at least one pre-check: dns, ports, ntp or tls."));
    return out;
}

QList<CheckJob *> createPrecheckJobs(const LabPlan &plan, const PrecheckOptions &o)
{
    QList<CheckJob *> jobs;
    const int t = o.timeoutMs;
    QList<QHostAddress> servers;
    for (const QString &s : plan.dns.servers) {
        if (parseIpv4(s))
            servers << QHostAddress(s);
    }
    const bool dns = o.categories.contains(u"dns"_s), ports = o.categories.contains(u"ports"_s),
               ntp = o.categories.contains(u"ntp"_s), tls = o.categories.contains(u"tls"_s);

    struct Node
    {
        QString label;
        QString fqdn;
        QString ip;
        QList<std::pair<quint16, QString>> ports;
        QString tlsName; // empty: no TLS endpoint
        quint16 tlsPort = 443;
    };
    const auto installed = [&o](const QString &fqdn) {
        return !o.notInstalledYet.contains(fqdn, Qt::CaseInsensitive);
    };
    QList<Node> nodes;
    const QList<std::pair<quint16, QString>> pscPorts = {
        {443, u"HTTPS"_s},     {389, u"LDAP"_s},
        {636, u"LDAPS"_s},     {2012, u"SSO control"_s},
        {2014, u"VMCA RPC"_s}, {2020, u"authentication framework"_s},
        {22, u"SSH"_s}};
    for (const PscNode &n : plan.psc) {
        const bool there = installed(n.fqdn);
        nodes << Node{Tr::tr("PSC %1").arg(n.name.isEmpty() ? n.fqdn : n.name), n.fqdn, n.ip,
                      there ? pscPorts : QList<std::pair<quint16, QString>>{}, there ? n.fqdn : QString()};
    }
    const LoadBalancer &lb = plan.loadBalancer;
    nodes << Node{Tr::tr("Load balancer"), lb.fqdn, lb.vip, {}, {}};
    const Result<HostPort> nsip = parseHostPort(o.nsip, 443);
    const QString nsHost = o.nsip.isEmpty() || !nsip ? lb.nsip : nsip->host;
    const quint16 nsPort = o.nsip.isEmpty() || !nsip ? quint16(443) : nsip->port;
    nodes << Node{Tr::tr("NetScaler management"), {}, nsHost, {{nsPort, u"NITRO API"_s}}, nsHost, nsPort};
    const bool vcenterThere = installed(plan.vcenter.fqdn);
    nodes << Node{Tr::tr("vCenter %1").arg(plan.vcenter.name), plan.vcenter.fqdn, plan.vcenter.ip,
                  vcenterThere ? QList<std::pair<quint16, QString>>{{443, u"HTTPS"_s},
                                                                    {5480, u"appliance management"_s}}
                               : QList<std::pair<quint16, QString>>{},
                  vcenterThere ? plan.vcenter.fqdn : QString()};
    // The deployment target: its address is whatever DNS says (or the plan gives an address).
    const bool targetIsAddress = bool(parseIpv4(plan.target.host));
    nodes << Node{Tr::tr("Deployment target"),
                  targetIsAddress ? QString() : plan.target.host,
                  targetIsAddress ? plan.target.host : QString(),
                  {{443, u"HTTPS"_s}},
                  plan.target.host};

    for (const Node &n : std::as_const(nodes)) {
        if (dns && !n.fqdn.isEmpty()) {
            jobs << new DnsCheck(DnsCheck::Mode::Forward, n.fqdn, n.ip, servers, n.label, t);
            if (!n.ip.isEmpty() && parseIpv4(n.ip))
                jobs << new DnsCheck(DnsCheck::Mode::Reverse, n.fqdn, n.ip, servers, n.label, t);
        }
        const QString host = n.ip.isEmpty() ? n.fqdn : n.ip;
        if (host.isEmpty())
            continue;
        if (ports) {
            for (const auto &[port, purpose] : n.ports)
                jobs << new PortCheck(host, port, purpose, n.label, t);
        }
        if (tls && !n.tlsName.isEmpty())
            jobs << new TlsCheck(host, n.tlsPort, n.tlsName, n.label, t);
    }
    if (ntp) {
        for (const QString &server : plan.ntp.servers) {
            // "host" or "host:port"; a server that does not parse is checked as written, so its
            // failure shows in the results (validation has said why already).
            const Result<HostPort> hostPort = parseHostPort(server, 123);
            jobs << new NtpCheck(hostPort ? hostPort->host : server, hostPort ? hostPort->port : quint16(123),
                                 o.ntpWarnOffsetMs, t);
        }
    }
    return jobs;
}

void addPrecheckJobs(JobQueue &queue, const QList<CheckJob *> &jobs, const PrecheckOptions &options)
{
    queue.addParallel({jobs.cbegin(), jobs.cend()}, JobQueue::ParallelOptions{options.maxInFlight, true});
}

PrecheckCounts countOutcomes(const QList<CheckResult> &results)
{
    PrecheckCounts c;
    for (const CheckResult &r : results) {
        switch (r.status) {
        case CheckStatus::Pass:
            ++c.passed;
            break;
        case CheckStatus::Warn:
            ++c.warnings;
            break;
        case CheckStatus::Fail:
            ++c.failed;
            break;
        case CheckStatus::NoAnswer:
            ++c.noAnswer;
            break;
        case CheckStatus::Cancelled:
            ++c.cancelled;
            break;
        case CheckStatus::NotRun:
            ++c.notRun;
            break;
        }
    }
    return c;
}

QByteArray precheckResultsJson(const QList<CheckResult> &results)
{
    QJsonArray items;
    for (const CheckResult &r : results)
        items.append(r.toJson());
    const PrecheckCounts c = countOutcomes(results);
    // The counts add up to "checks": every planned check is in exactly one of them.
    const QJsonObject root{{u"time"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                           {u"checks"_s, int(results.size())},
                           {u"passed"_s, c.passed},
                           {u"warnings"_s, c.warnings},
                           {u"failed"_s, c.failed},
                           {u"noAnswer"_s, c.noAnswer},
                           {u"cancelled"_s, c.cancelled},
                           {u"notRun"_s, c.notRun},
                           {u"results"_s, items}};
    return QJsonDocument(root).toJson();
}

} // namespace vlab
