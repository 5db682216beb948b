#include "precheck/dnscheck.h"

#include "core/tr.h"

#include <QDnsLookup>

using namespace Qt::StringLiterals;

namespace vlab {

DnsCheck::DnsCheck(Mode mode, const QString &fqdn, const QString &expectedAddress,
                   const QList<QHostAddress> &servers, const QString &node, int timeoutMs, QObject *parent)
    : CheckJob(u"dns"_s, node,
               mode == Mode::Forward ? Tr::tr("%1 (A)").arg(fqdn) : Tr::tr("%1 (PTR)").arg(expectedAddress),
               timeoutMs, parent)
    , m_mode(mode)
    , m_fqdn(fqdn)
    , m_address(expectedAddress)
    , m_servers(servers)
{
}

QString DnsCheck::reverseName(const QString &ipv4)
{
    QStringList parts = ipv4.split(u'.');
    std::reverse(parts.begin(), parts.end());
    return parts.join(u'.') + u".in-addr.arpa"_s;
}

void DnsCheck::begin()
{
    if (m_servers.isEmpty()) {
        conclude(CheckStatus::Fail, Tr::tr("The plan names no usable DNS server."),
                 Tr::tr("Add the lab's DNS server to dns.servers."));
        return;
    }
    ask();
}

void DnsCheck::ask()
{
    const QHostAddress server = m_servers.at(m_server);
    if (m_mode == Mode::Forward)
        m_lookup = new QDnsLookup(QDnsLookup::A, m_fqdn, server, this);
    else
        m_lookup = new QDnsLookup(QDnsLookup::PTR, reverseName(m_address), server, this);
    connect(m_lookup, &QDnsLookup::finished, this, &DnsCheck::answered);
    m_lookup->lookup();
}

void DnsCheck::abort()
{
    if (m_lookup)
        m_lookup->abort();
}

void DnsCheck::timedOut()
{
    abort();
    QStringList silent = m_silent;
    for (qsizetype i = m_server; i < m_servers.size(); ++i)
        silent << m_servers.at(i).toString();
    conclude(CheckStatus::Fail,
             Tr::tr("No answer from the DNS server(s) %1 within %2 ms.")
                 .arg(silent.join(u", "_s), QString::number(timeoutMs())),
             Tr::tr("Check that the DNS server runs and that UDP and TCP port 53 are open from here."));
}

void DnsCheck::answered()
{
    QDnsLookup *lookup = m_lookup;
    if (!lookup || isConcluded())
        return;
    lookup->deleteLater();
    const QString server = m_servers.at(m_server).toString();
    const QDnsLookup::Error error = lookup->error();
    const bool serverProblem = error == QDnsLookup::ResolverError || error == QDnsLookup::ServerFailureError
        || error == QDnsLookup::ServerRefusedError || error == QDnsLookup::InvalidReplyError;
    if (serverProblem) {
        m_silent << server;
        if (++m_server < m_servers.size())
            return ask(); // the next DNS server of the plan
        conclude(CheckStatus::Fail,
                 Tr::tr("The DNS server(s) %1 could not answer: %2")
                     .arg(m_silent.join(u", "_s), lookup->errorString()),
                 Tr::tr("Check the DNS server's health and that it serves the lab's zones."));
        return;
    }

    if (m_mode == Mode::Forward) {
        if (error == QDnsLookup::NotFoundError || lookup->hostAddressRecords().isEmpty()) {
            conclude(CheckStatus::Fail, Tr::tr("%1 has no A record on %2.").arg(m_fqdn, server),
                     m_address.isEmpty() ? Tr::tr("Create an A record for %1.").arg(m_fqdn)
                                         : Tr::tr("Create the record: %1. IN A %2").arg(m_fqdn, m_address));
            return;
        }
        QStringList found;
        for (const QDnsHostAddressRecord &r : lookup->hostAddressRecords())
            found << r.value().toString();
        const QString detail = Tr::tr("%1 answered: %2").arg(server, found.join(u", "_s));
        if (!m_address.isEmpty() && !found.contains(m_address)) {
            conclude(
                CheckStatus::Fail,
                Tr::tr("%1 points to %2, but the plan says %3.").arg(m_fqdn, found.join(u", "_s), m_address),
                Tr::tr("Correct the record: %1. IN A %2 (or correct the plan).").arg(m_fqdn, m_address),
                detail);
            return;
        }
        conclude(CheckStatus::Pass, Tr::tr("%1 resolves to %2.").arg(m_fqdn, found.join(u", "_s)), {},
                 detail);
        return;
    }

    const QString arpa = reverseName(m_address);
    if (error == QDnsLookup::NotFoundError || lookup->pointerRecords().isEmpty()) {
        conclude(CheckStatus::Fail, Tr::tr("%1 has no reverse (PTR) record on %2.").arg(m_address, server),
                 Tr::tr("Create the record: %1. IN PTR %2. (a missing reverse record breaks the installer)")
                     .arg(arpa, m_fqdn));
        return;
    }
    QStringList names;
    for (const QDnsDomainNameRecord &r : lookup->pointerRecords()) {
        QString name = r.value();
        if (name.endsWith(u'.'))
            name.chop(1);
        names << name;
    }
    const QString detail = Tr::tr("%1 answered: %2").arg(server, names.join(u", "_s));
    const bool matches = std::any_of(names.cbegin(), names.cend(), [&](const QString &n) {
        return n.compare(m_fqdn, Qt::CaseInsensitive) == 0;
    });
    if (!matches) {
        conclude(CheckStatus::Fail,
                 Tr::tr("%1 resolves back to %2, not to %3.").arg(m_address, names.join(u", "_s), m_fqdn),
                 Tr::tr("Correct the record: %1. IN PTR %2.").arg(arpa, m_fqdn), detail);
        return;
    }
    conclude(CheckStatus::Pass, Tr::tr("%1 resolves back to %2.").arg(m_address, m_fqdn), {}, detail);
}

} // namespace vlab
