#include "precheck/dnscheck.h"

#include "core/tr.h"

#include <QNetworkDatagram>
#include <QRandomGenerator>
#include <QUdpSocket>

#include <algorithm>

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
    setExpected(mode == Mode::Forward ? expectedAddress : fqdn);
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
    // Each server has its share of the limit before the next one is asked too (an answer
    // from an earlier server still counts while later ones are asked).
    m_nextServer.setSingleShot(false);
    m_nextServer.setInterval(std::max(1, timeoutMs() / int(m_servers.size())));
    connect(&m_nextServer, &QTimer::timeout, this, &DnsCheck::askNext);
    askNext();
}

void DnsCheck::askNext()
{
    if (isConcluded())
        return;
    const qsizetype index = m_asked.size();
    if (index >= m_servers.size()) {
        m_nextServer.stop();
        return;
    }
    const QString name = m_mode == Mode::Forward ? m_fqdn : reverseName(m_address);
    Asked asked;
    asked.id = quint16(QRandomGenerator::global()->bounded(1, 0x10000));
    const QByteArray query = dnsQuery(asked.id, name, m_mode == Mode::Forward ? DnsType::A : DnsType::Ptr);
    asked.socket = new QUdpSocket(this);
    m_asked << asked;
    if (query.isEmpty()) {
        serverProblem(index, Tr::tr("%1 cannot be asked for in DNS").arg(name), false);
        return;
    }
    QUdpSocket *socket = asked.socket;
    connect(socket, &QUdpSocket::readyRead, this, [this, index] { readReplies(index); });
    // A connected UDP socket hears the ICMP "port unreachable" of a host where nothing listens.
    connect(socket, &QUdpSocket::errorOccurred, this,
            [this, index, socket](QAbstractSocket::SocketError error) {
                serverProblem(index,
                              error == QAbstractSocket::ConnectionRefusedError
                                  ? Tr::tr("nothing answers on its port 53")
                                  : socket->errorString(),
                              false);
            });
    socket->connectToHost(m_servers.at(index), 53);
    if (socket->write(query) != query.size())
        serverProblem(index, socket->errorString(), false);
    if (!m_nextServer.isActive() && m_asked.size() < m_servers.size())
        m_nextServer.start();
}

void DnsCheck::readReplies(qsizetype index)
{
    QUdpSocket *socket = m_asked.at(index).socket;
    while (!isConcluded() && socket->hasPendingDatagrams()) {
        const QByteArray datagram = socket->receiveDatagram().data();
        const std::optional<DnsReply> reply = parseDnsReply(datagram);
        if (!reply || reply->id != m_asked.at(index).id)
            continue; // not the answer to this query
        const QString server = m_servers.at(index).toString();
        switch (reply->rcode) {
        case 0: // NOERROR (an empty answer: the name exists, but not this record)
        case 3: // NXDOMAIN
            evaluate(server, *reply);
            return;
        case 2:
            return serverProblem(index, Tr::tr("server failure (SERVFAIL)"), true);
        case 5:
            return serverProblem(index, Tr::tr("the query was refused (REFUSED)"), true);
        default:
            return serverProblem(index, Tr::tr("response code %1").arg(QString::number(reply->rcode)), true);
        }
    }
}

void DnsCheck::serverProblem(qsizetype index, const QString &why, bool answered)
{
    if (isConcluded() || !m_asked.at(index).problem.isEmpty())
        return;
    m_asked[index].problem = why;
    m_asked[index].answered = answered;
    if (m_asked.size() < m_servers.size())
        return askNext(); // the next DNS server of the plan, at once
    const bool allDone =
        std::all_of(m_asked.cbegin(), m_asked.cend(), [](const Asked &a) { return !a.problem.isEmpty(); });
    if (!allDone)
        return; // an earlier server may still answer
    QStringList problems;
    bool anyAnswered = false;
    for (qsizetype i = 0; i < m_asked.size(); ++i) {
        problems << Tr::tr("%1: %2").arg(m_servers.at(i).toString(), m_asked.at(i).problem);
        anyAnswered = anyAnswered || m_asked.at(i).answered;
    }
    abort();
    if (!anyAnswered) {
        conclude(CheckStatus::NoAnswer, Tr::tr("No DNS server answered: %1.").arg(problems.join(u"; "_s)),
                 Tr::tr("Check that the DNS server runs and that UDP port 53 is open from here."));
        return;
    }
    conclude(CheckStatus::Fail, Tr::tr("The DNS server(s) could not answer: %1.").arg(problems.join(u"; "_s)),
             Tr::tr("Check the DNS server's health and that it serves the lab's zones."));
}

QString DnsCheck::silentServers() const
{
    QStringList silent;
    for (qsizetype i = 0; i < m_servers.size(); ++i) {
        if (i >= m_asked.size() || m_asked.at(i).problem.isEmpty())
            silent << m_servers.at(i).toString();
    }
    return silent.join(u", "_s);
}

void DnsCheck::abort()
{
    m_nextServer.stop();
    for (const Asked &a : std::as_const(m_asked)) {
        if (a.socket)
            a.socket->abort();
    }
}

void DnsCheck::timedOut()
{
    const QString silent = silentServers();
    abort();
    conclude(
        CheckStatus::NoAnswer,
        Tr::tr("No answer from the DNS server(s) %1 within %2 ms.").arg(silent, QString::number(timeoutMs())),
        Tr::tr("Check that the DNS server runs and that UDP port 53 is open from here."));
}

void DnsCheck::evaluate(const QString &server, const DnsReply &reply)
{
    abort();
    if (m_mode == Mode::Forward) {
        if (reply.addresses.isEmpty()) {
            conclude(CheckStatus::Fail, Tr::tr("%1 has no A record on %2.").arg(m_fqdn, server),
                     m_address.isEmpty() ? Tr::tr("Create an A record for %1.").arg(m_fqdn)
                                         : Tr::tr("Create the record: %1. IN A %2").arg(m_fqdn, m_address));
            return;
        }
        QStringList found;
        for (const QHostAddress &a : reply.addresses)
            found << a.toString();
        const QString detail = Tr::tr("%1 answered: %2").arg(server, found.join(u", "_s));
        setFound(found.join(u", "_s));
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
    if (reply.names.isEmpty()) {
        conclude(CheckStatus::Fail, Tr::tr("%1 has no reverse (PTR) record on %2.").arg(m_address, server),
                 Tr::tr("Create the record: %1. IN PTR %2. (a missing reverse record breaks the installer)")
                     .arg(arpa, m_fqdn));
        return;
    }
    const QStringList names = reply.names;
    const QString detail = Tr::tr("%1 answered: %2").arg(server, names.join(u", "_s));
    setFound(names.join(u", "_s));
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
