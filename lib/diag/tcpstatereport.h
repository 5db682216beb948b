#pragma once
// TcpStateReport: what the TCP connection states of a machine say about its services. The
// connections come from a saved `ss -tan` or `netstat -ant` capture, or from this machine's
// own /proc/net/tcp and /proc/net/tcp6 (the parsers: tcpcaptureparser.h); the report counts
// them per state, per service port and per peer, and flags pile-ups (CLOSE_WAIT, FIN_WAIT_2,
// TIME_WAIT, stuck handshakes and closes) over adjustable thresholds, with the explanation
// and advice that fit the state.
// Qt Core only: the same calls serve the CLI (`vlab diag tcp`) and the wizard.

#include "core/finding.h"
#include "core/result.h"
#include "diag/tcpcaptureparser.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <array>
#include <optional>

class QJsonObject;

namespace vlab {

// Pile-up thresholds per state; a state is flagged for a port when its count there reaches
// the threshold. 0 means the state is never flagged (ESTABLISHED, LISTEN, CLOSE by default).
class TcpThresholds
{
public:
    TcpThresholds(); // CLOSE_WAIT 10, FIN_WAIT_2 10, TIME_WAIT 1000, other transient states 20
    int at(TcpState state) const { return m_values.at(size_t(state)); }
    void set(TcpState state, int threshold) { m_values.at(size_t(state)) = threshold; }

private:
    std::array<int, kTcpStateCount> m_values{};
};

struct TcpReportOptions
{
    QList<int> ports; // the service ports to look at; empty: every port
    TcpThresholds thresholds;
    std::optional<int> finTimeoutSeconds;
};

using TcpStateCounts = std::array<int, kTcpStateCount>;

struct TcpPortRow
{
    int port = 0;
    TcpStateCounts counts{};
    int total = 0;
};

struct TcpPeerRow
{
    QString address;
    TcpStateCounts counts{};
    int total = 0;
};

class TcpStateReport
{
public:
    // A connection belongs to a service port: its local port when that is one of
    // options.ports, else its peer port when that is (an outgoing connection to the service).
    // With no port list, the local port of listening sockets and of connections to them, else
    // the lower of the two ports (an ephemeral port is the higher one), so ephemeral ports
    // never form a row, also in a capture without LISTEN lines.
    static TcpStateReport build(const QList<TcpConnection> &connections,
                                const TcpReportOptions &options = {});

    int count(TcpState state) const { return m_counts.at(size_t(state)); }
    int total() const { return m_total; }
    const QList<TcpConnection> &connections() const { return m_connections; } // after the port filter
    const QList<TcpPortRow> &ports() const { return m_ports; }                // by port
    const QList<TcpPeerRow> &peers() const { return m_peers; }                // most connections first
    const Findings &findings() const { return m_findings; }
    bool hasPileUp() const { return !m_findings.isEmpty(); }
    const TcpReportOptions &options() const { return m_options; }

    // {"total", "states" (all eleven names), "ports" [{port,total,states}], "peers"
    // [{address,total,states}] (per-row states list only the non-zero ones), "portFilter",
    // "finTimeoutSeconds" (null when unknown), "thresholds", "findings", "pileUp"}.
    QJsonObject toJson() const;
    QString toText() const;

private:
    TcpReportOptions m_options;
    QList<TcpConnection> m_connections;
    TcpStateCounts m_counts{};
    int m_total = 0;
    QList<TcpPortRow> m_ports;
    QList<TcpPeerRow> m_peers;
    Findings m_findings;
};

// "443,389 636" -> {443, 389, 636}; "all" -> {} (every port); nullopt on a bad entry or an
// empty list.
std::optional<QList<int>> parseTcpPortList(const QString &text);

// One or two sentences for people: what the state means and when a pile-up of it matters.
QString tcpStateExplanation(TcpState state);

// "CLOSE_WAIT 12, ESTABLISHED 3" (non-zero states only, in state order).
QString formatTcpStateCounts(const TcpStateCounts &counts);

} // namespace vlab
