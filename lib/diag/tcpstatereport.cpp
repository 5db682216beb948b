#include "diag/tcpstatereport.h"

#include "core/tr.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vlab {

TcpThresholds::TcpThresholds()
{
    for (TcpState s :
         {TcpState::SynSent, TcpState::SynRecv, TcpState::FinWait1, TcpState::LastAck, TcpState::Closing})
        set(s, 20);
    set(TcpState::CloseWait, 10);
    set(TcpState::FinWait2, 10);
    set(TcpState::TimeWait, 1000);
}

namespace {

// The explanation and the advice for a pile-up of `count` sockets in `state` on `port`.
Finding pileUpFinding(TcpState state, int port, int count, int threshold, std::optional<int> finTimeout)
{
    Finding f;
    f.severity = Severity::Warning;
    f.path = u"tcp.%1:%2"_s.arg(tcpStateName(state), QString::number(port));
    const QString head = Tr::tr("%n connection(s) on port %1 in %2 (threshold %3): ", nullptr, count)
                             .arg(QString::number(port), tcpStateName(state), QString::number(threshold));
    switch (state) {
    case TcpState::CloseWait:
        f.message = head
            + Tr::tr("the peer has closed its side, but the program on this machine has not closed its "
                     "socket. No kernel timer ends this state.");
        f.hint = Tr::tr(
            "find the program that owns the port (ss -tanp) and fix it so it closes connections the peer "
            "has finished with; restarting it releases the sockets for now.");
        break;
    case TcpState::FinWait2: {
        const QString bound = finTimeout
            ? Tr::tr("net.ipv4.tcp_fin_timeout is %1 s here").arg(*finTimeout)
            : Tr::tr("net.ipv4.tcp_fin_timeout was not read; Linux defaults to 60 s");
        f.message = head
            + Tr::tr("this machine has closed, but the peer has not closed its side yet. The kernel drops "
                     "such sockets once they are closed here after tcp_fin_timeout (%1).")
                  .arg(bound);
        f.hint =
            Tr::tr("look at the peer: a client, monitor or load balancer that keeps half-closed connections "
                   "open. Lowering tcp_fin_timeout only shortens the symptom.");
        break;
    }
    case TcpState::TimeWait:
        f.message = head
            + Tr::tr("TIME_WAIT is the normal end of a connection this machine closed first; each one "
                     "lasts twice the maximum segment lifetime. Only counts this large matter, because they "
                     "tie up ports.");
        f.hint = Tr::tr(
            "reuse connections (keep-alive, pooling) instead of opening a new one per request, or let the "
            "peer close first.");
        break;
    case TcpState::SynSent:
        f.message = head + Tr::tr("connection attempts from this machine get no answer.");
        f.hint = Tr::tr(
            "check that the peer is up and listening, and that no firewall or load balancer drops the SYN.");
        break;
    case TcpState::SynRecv:
        f.message =
            head + Tr::tr("handshakes started by peers are not completed: their final ACK does not arrive.");
        f.hint = Tr::tr("look for asymmetric routing, a firewall dropping return traffic, or a SYN flood.");
        break;
    case TcpState::FinWait1:
        f.message = head + Tr::tr("this machine's FIN is not acknowledged by the peer.");
        f.hint = Tr::tr("check that the peer is still reachable and reads its data (a full receive window "
                        "stalls the close).");
        break;
    case TcpState::LastAck:
        f.message = head
            + Tr::tr("this machine closed after the peer did and waits for a final ACK that does not come.");
        f.hint =
            Tr::tr("check the path to the peer for packet loss or a firewall dropping the last packets.");
        break;
    case TcpState::Closing:
        f.message = head + Tr::tr("both sides closed at once and the last acknowledgement is missing.");
        f.hint = Tr::tr("check the path to the peer for packet loss.");
        break;
    case TcpState::Established:
    case TcpState::Close:
    case TcpState::Listen:
        f.message = head + Tr::tr("more connections than the threshold set for this state.");
        f.hint = Tr::tr("check whether this load is expected.");
        break;
    }
    return f;
}

QJsonObject statesJson(const TcpStateCounts &counts, bool includeZero)
{
    QJsonObject o;
    for (TcpState s : allTcpStates()) {
        const int n = counts.at(size_t(s));
        if (n != 0 || includeZero)
            o.insert(tcpStateName(s), n);
    }
    return o;
}

// The service side of a connection when every port is looked at: the local port of a
// listening socket and of connections to a port that listens here; otherwise (a capture
// without its LISTEN lines, or an outgoing connection) the lower of the two ports. The other
// side's port is an ephemeral one, taken from the top of the range (Linux 32768-60999, IANA
// and Windows 49152-65535), while services listen on well-known or registered ports below
// it: 10.0.0.1:443 <- 10.0.0.9:51000 counts under 443 whichever side the capture was taken on.
int servicePort(const TcpConnection &c, const QSet<int> &listening)
{
    if (c.peerPort == 0 || listening.contains(c.localPort))
        return c.localPort;
    if (listening.contains(c.peerPort))
        return c.peerPort;
    return std::min(c.localPort, c.peerPort);
}

} // namespace

TcpStateReport TcpStateReport::build(const QList<TcpConnection> &connections, const TcpReportOptions &options)
{
    TcpStateReport r;
    r.m_options = options;
    const QSet<int> wanted(options.ports.cbegin(), options.ports.cend());
    QSet<int> listening;
    for (const TcpConnection &c : connections) {
        if (c.state == TcpState::Listen)
            listening.insert(c.localPort);
    }
    QMap<int, TcpPortRow> ports;
    QHash<QString, TcpPeerRow> peers;
    for (const TcpConnection &c : connections) {
        int port = -1;
        if (!wanted.isEmpty()) {
            if (wanted.contains(c.localPort))
                port = c.localPort;
            else if (wanted.contains(c.peerPort))
                port = c.peerPort;
        } else {
            port = servicePort(c, listening);
        }
        if (port < 0)
            continue;
        const size_t s = size_t(c.state);
        r.m_connections << c;
        ++r.m_counts.at(s);
        ++r.m_total;
        TcpPortRow &row = ports[port];
        row.port = port;
        ++row.counts.at(s);
        ++row.total;
        if (c.peerPort != 0 && c.peerAddress != u"*"_s) {
            TcpPeerRow &peer = peers[c.peerAddress];
            peer.address = c.peerAddress;
            ++peer.counts.at(s);
            ++peer.total;
        }
    }
    r.m_ports = ports.values();
    r.m_peers = peers.values();
    std::sort(r.m_peers.begin(), r.m_peers.end(), [](const TcpPeerRow &a, const TcpPeerRow &b) {
        return a.total != b.total ? a.total > b.total : a.address < b.address;
    });
    for (const TcpPortRow &row : std::as_const(r.m_ports)) {
        for (TcpState s : allTcpStates()) {
            const int threshold = options.thresholds.at(s);
            const int n = row.counts.at(size_t(s));
            if (threshold > 0 && n >= threshold)
                r.m_findings << pileUpFinding(s, row.port, n, threshold, options.finTimeoutSeconds);
        }
    }
    return r;
}

QString formatTcpStateCounts(const TcpStateCounts &counts)
{
    QStringList parts;
    for (TcpState s : allTcpStates()) {
        if (const int n = counts.at(size_t(s)))
            parts << u"%1 %2"_s.arg(tcpStateName(s), QString::number(n));
    }
    return parts.join(u", "_s);
}

QJsonObject TcpStateReport::toJson() const
{
    QJsonArray ports;
    for (const TcpPortRow &row : m_ports)
        ports.append(QJsonObject{
            {u"port"_s, row.port}, {u"total"_s, row.total}, {u"states"_s, statesJson(row.counts, false)}});
    QJsonArray peers;
    for (const TcpPeerRow &row : m_peers)
        peers.append(QJsonObject{{u"address"_s, row.address},
                                 {u"total"_s, row.total},
                                 {u"states"_s, statesJson(row.counts, false)}});
    QJsonArray filter;
    for (int p : m_options.ports)
        filter.append(p);
    QJsonObject thresholds;
    for (TcpState s : allTcpStates()) {
        if (m_options.thresholds.at(s) > 0)
            thresholds.insert(tcpStateName(s), m_options.thresholds.at(s));
    }
    return QJsonObject{
        {u"total"_s, m_total},
        {u"states"_s, statesJson(m_counts, true)},
        {u"ports"_s, ports},
        {u"peers"_s, peers},
        {u"portFilter"_s, filter},
        {u"finTimeoutSeconds"_s,
         m_options.finTimeoutSeconds ? QJsonValue(*m_options.finTimeoutSeconds) : QJsonValue()},
        {u"thresholds"_s, thresholds},
        {u"findings"_s, findingsToJson(m_findings)},
        {u"pileUp"_s, hasPileUp()},
    };
}

QString TcpStateReport::toText() const
{
    QStringList filter;
    for (int p : m_options.ports)
        filter << QString::number(p);
    QString text = filter.isEmpty()
        ? Tr::tr("TCP connections: %1 (every port)\n").arg(m_total)
        : Tr::tr("TCP connections: %1 (ports %2)\n").arg(QString::number(m_total), filter.join(u", "_s));
    text += m_options.finTimeoutSeconds
        ? Tr::tr("net.ipv4.tcp_fin_timeout: %1 s\n").arg(*m_options.finTimeoutSeconds)
        : Tr::tr("net.ipv4.tcp_fin_timeout: unknown\n");
    text += Tr::tr("\nState counts:\n");
    for (TcpState s : allTcpStates())
        text += u"  %1 %2\n"_s.arg(tcpStateName(s).leftJustified(12),
                                   QString::number(count(s)).rightJustified(6));
    if (!m_ports.isEmpty()) {
        text += Tr::tr("\nPer port:\n");
        for (const TcpPortRow &row : m_ports)
            text += u"  %1 %2  %3\n"_s.arg(QString::number(row.port).leftJustified(6),
                                           QString::number(row.total).rightJustified(6),
                                           formatTcpStateCounts(row.counts));
    }
    if (!m_peers.isEmpty()) {
        text += Tr::tr("\nPer peer:\n");
        for (const TcpPeerRow &row : m_peers)
            text += u"  %1 %2  %3\n"_s.arg(row.address.leftJustified(40),
                                           QString::number(row.total).rightJustified(6),
                                           formatTcpStateCounts(row.counts));
    }
    text += u'\n';
    if (m_findings.isEmpty())
        text += Tr::tr("No pile-up over the thresholds.\n");
    for (const Finding &f : m_findings)
        text += formatFinding(f) + u'\n';
    return text;
}

std::optional<QList<int>> parseTcpPortList(const QString &text)
{
    if (text.trimmed() == u"all"_s)
        return QList<int>{};
    QList<int> ports;
    const QStringList items = QString(text).replace(u' ', u',').split(u',', Qt::SkipEmptyParts);
    for (const QString &item : items) {
        bool ok = false;
        const int port = item.toInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return std::nullopt;
        if (!ports.contains(port))
            ports << port;
    }
    if (ports.isEmpty())
        return std::nullopt;
    return ports;
}

QString tcpStateExplanation(TcpState state)
{
    switch (state) {
    case TcpState::Established:
        return Tr::tr("An open connection carrying data. Many of them only mean much traffic.");
    case TcpState::SynSent:
        return Tr::tr(
            "This machine asked for a connection and waits for the answer. Should last milliseconds; many "
            "of them point to a peer that is down or a firewall that drops the request.");
    case TcpState::SynRecv:
        return Tr::tr(
            "A peer asked for a connection, this machine answered and waits for the final ACK. Many of "
            "them point to lost return traffic or a SYN flood.");
    case TcpState::FinWait1:
        return Tr::tr("This machine closed and waits for the peer to acknowledge. Should be short-lived.");
    case TcpState::FinWait2:
        return Tr::tr(
            "This machine closed and the peer acknowledged, but the peer has not closed its side. A "
            "pile-up means the peer does not close; net.ipv4.tcp_fin_timeout bounds how long they stay.");
    case TcpState::TimeWait:
        return Tr::tr(
            "The normal end of a connection this machine closed first, kept for twice the maximum segment "
            "lifetime. Worry only about very large counts.");
    case TcpState::Close:
        return Tr::tr("A socket that is not in use.");
    case TcpState::CloseWait:
        return Tr::tr(
            "The peer closed, but the program on this machine has not closed its socket. A pile-up means "
            "the program does not close; no kernel timeout ends it, fix or restart the program.");
    case TcpState::LastAck:
        return Tr::tr(
            "This machine closed after the peer did and waits for the last ACK. Should be short-lived.");
    case TcpState::Listen:
        return Tr::tr("A service waiting for connections on its port.");
    case TcpState::Closing:
        return Tr::tr(
            "Both sides closed at the same time and wait for the last acknowledgement. Should be rare and "
            "short-lived.");
    }
    return {};
}

} // namespace vlab
