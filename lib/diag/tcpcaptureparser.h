#pragma once
// The TCP capture parsers: the connections of a machine from a saved `ss -tan` or `netstat
// -ant` capture, or from its own /proc/net/tcp and /proc/net/tcp6, with the kernel's TCP
// states and their names. TcpStateReport (tcpstatereport.h) counts what they read.
// Qt Core only.

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace vlab {

// The kernel's TCP states, in the order of the Linux state codes 01..0B.
enum class TcpState {
    Established,
    SynSent,
    SynRecv,
    FinWait1,
    FinWait2,
    TimeWait,
    Close,
    CloseWait,
    LastAck,
    Listen,
    Closing
};
inline constexpr int kTcpStateCount = 11;

QList<TcpState> allTcpStates();
// Canonical, stable name: ESTABLISHED, SYN_SENT, ..., FIN_WAIT_1, FIN_WAIT_2, ..., CLOSING.
QString tcpStateName(TcpState state);
// Accepts the canonical names and the spellings of ss (ESTAB, CLOSE-WAIT, FIN-WAIT-2,
// UNCONN ...) and netstat (ESTABLISHED, FIN_WAIT2, CLOSE_WAIT ...), case-insensitively.
std::optional<TcpState> tcpStateFromName(QStringView name);

// One socket. Addresses are as the tool printed them, minus an interface scope ("%lo"), with
// IPv4-mapped IPv6 addresses (::ffff:1.2.3.4) written as plain IPv4; "*" and port 0 stand for
// the wildcard of a listening socket.
struct TcpConnection
{
    TcpState state = TcpState::Established;
    QString localAddress;
    int localPort = 0;
    QString peerAddress;
    int peerPort = 0;

    bool operator==(const TcpConnection &) const = default;
};

enum class TcpCaptureFormat { Ss, Netstat, ProcNetTcp };
QString tcpCaptureFormatName(TcpCaptureFormat format); // "ss", "netstat", "proc" (stable)

struct TcpCapture
{
    TcpCaptureFormat format = TcpCaptureFormat::Ss;
    QList<TcpConnection> connections;
    // From a `net.ipv4.tcp_fin_timeout = N` line (sysctl output) in the capture, if any.
    std::optional<int> finTimeoutSeconds;
};

// The parsers. Header lines and blank lines are skipped; anything else that is not a socket
// line of that format fails with an error whose message names the line number. /proc lines
// are read as written by a little-endian kernel (each 32-bit word of an address reversed).
Result<TcpCapture> parseSsOutput(const QByteArray &text);
Result<TcpCapture> parseNetstatOutput(const QByteArray &text);
Result<TcpCapture> parseProcNetTcp(const QByteArray &text); // tcp and tcp6 lines, or both files joined
// Recognises the format from the first meaningful line (header or socket line).
Result<TcpCaptureFormat> detectTcpCaptureFormat(const QByteArray &text);
Result<TcpCapture> parseTcpCapture(const QByteArray &text);

// This machine's sockets: <procNetDir>/tcp and, when present (IPv6 may be disabled), tcp6.
Result<TcpCapture> readLocalTcpConnections(const QString &procNetDir = QStringLiteral("/proc/net"));
// net.ipv4.tcp_fin_timeout of this machine, in seconds; nullopt when it cannot be read.
std::optional<int>
readLocalFinTimeout(const QString &path = QStringLiteral("/proc/sys/net/ipv4/tcp_fin_timeout"));

} // namespace vlab
