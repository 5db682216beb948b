#include "diag/tcpcaptureparser.h"

#include "core/atomicfile.h"
#include "core/tr.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
// /proc/net/tcp has one 150-byte line per socket: this is several hundred thousand sockets.
constexpr qint64 kMaxLocalTableBytes = 64 * 1024 * 1024;
} // namespace

QList<TcpState> allTcpStates()
{
    QList<TcpState> states;
    for (int i = 0; i < kTcpStateCount; ++i)
        states << TcpState(i);
    return states;
}

QString tcpStateName(TcpState state)
{
    switch (state) {
    case TcpState::Established:
        return u"ESTABLISHED"_s;
    case TcpState::SynSent:
        return u"SYN_SENT"_s;
    case TcpState::SynRecv:
        return u"SYN_RECV"_s;
    case TcpState::FinWait1:
        return u"FIN_WAIT_1"_s;
    case TcpState::FinWait2:
        return u"FIN_WAIT_2"_s;
    case TcpState::TimeWait:
        return u"TIME_WAIT"_s;
    case TcpState::Close:
        return u"CLOSE"_s;
    case TcpState::CloseWait:
        return u"CLOSE_WAIT"_s;
    case TcpState::LastAck:
        return u"LAST_ACK"_s;
    case TcpState::Listen:
        return u"LISTEN"_s;
    case TcpState::Closing:
        return u"CLOSING"_s;
    }
    return u"CLOSE"_s;
}

std::optional<TcpState> tcpStateFromName(QStringView name)
{
    // ss writes '-', netstat and the kernel '_'; FIN_WAIT2 (netstat) vs FIN-WAIT-2 (ss).
    QString key = name.trimmed().toString().toUpper();
    key.replace(u'-', u'_');
    key.remove(u'_');
    static const QHash<QString, TcpState> names{
        {u"ESTABLISHED"_s, TcpState::Established},
        {u"ESTAB"_s, TcpState::Established},
        {u"SYNSENT"_s, TcpState::SynSent},
        {u"SYNRECV"_s, TcpState::SynRecv},
        {u"SYNRCVD"_s, TcpState::SynRecv},
        {u"FINWAIT1"_s, TcpState::FinWait1},
        {u"FINWAIT2"_s, TcpState::FinWait2},
        {u"TIMEWAIT"_s, TcpState::TimeWait},
        {u"CLOSE"_s, TcpState::Close},
        {u"CLOSED"_s, TcpState::Close},
        {u"UNCONN"_s, TcpState::Close},
        {u"CLOSEWAIT"_s, TcpState::CloseWait},
        {u"LASTACK"_s, TcpState::LastAck},
        {u"LISTEN"_s, TcpState::Listen},
        {u"CLOSING"_s, TcpState::Closing},
    };
    const auto it = names.constFind(key);
    if (it == names.cend())
        return std::nullopt;
    return *it;
}

QString tcpCaptureFormatName(TcpCaptureFormat format)
{
    switch (format) {
    case TcpCaptureFormat::Ss:
        return u"ss"_s;
    case TcpCaptureFormat::Netstat:
        return u"netstat"_s;
    case TcpCaptureFormat::ProcNetTcp:
        return u"proc"_s;
    }
    return u"ss"_s;
}

namespace {

Error lineError(qsizetype lineNo, const QString &what, const QString &line)
{
    return makeError(u"diag.tcp.parse"_s, Tr::tr("Line %1: %2").arg(QString::number(lineNo), what),
                     line.left(200));
}

QStringList tokens(const QString &line)
{
    static const QRegularExpression space(u"\\s+"_s);
    return line.split(space, Qt::SkipEmptyParts);
}

bool isUnsigned(const QString &text)
{
    return !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit(); });
}

// "::ffff:1.2.3.4" -> "1.2.3.4"; "127.0.0.53%lo" -> "127.0.0.53".
QString normaliseAddress(QString host)
{
    const qsizetype scope = host.indexOf(u'%');
    if (scope >= 0)
        host.truncate(scope);
    if (host.startsWith(u"::ffff:"_s, Qt::CaseInsensitive) && host.count(u'.') == 3)
        host.remove(0, 7);
    return host;
}

bool plausibleHost(const QString &host)
{
    if (host == u"*"_s)
        return true;
    if (host.isEmpty())
        return false;
    return std::all_of(host.cbegin(), host.cend(), [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F') || u == u':'
            || u == u'.';
    });
}

// "1.2.3.4:443", "*:443", "[::ffff:1.2.3.4]:443", "[::]:*", ":::22", "127.0.0.53%lo:53".
bool splitHostPort(const QString &token, QString *host, int *port)
{
    QString h;
    QString p;
    if (token.startsWith(u'[')) {
        const qsizetype close = token.indexOf(u"]:"_s);
        if (close < 0)
            return false;
        h = token.mid(1, close - 1);
        p = token.mid(close + 2);
    } else {
        const qsizetype colon = token.lastIndexOf(u':');
        if (colon <= 0)
            return false;
        h = token.left(colon);
        p = token.mid(colon + 1);
    }
    h = normaliseAddress(h);
    if (!plausibleHost(h))
        return false;
    if (p == u"*"_s) {
        *port = 0;
    } else {
        if (!isUnsigned(p) || p.size() > 5)
            return false;
        const int value = p.toInt();
        if (value > 65535)
            return false;
        *port = value;
    }
    *host = h;
    return true;
}

std::optional<int> finTimeoutFromLine(const QString &line)
{
    static const QRegularExpression sysctl(u"^\\s*net\\.ipv4\\.tcp_fin_timeout\\s*=\\s*(\\d+)\\s*$"_s);
    const QRegularExpressionMatch m = sysctl.match(line);
    if (!m.hasMatch())
        return std::nullopt;
    return m.captured(1).toInt();
}

bool isSsHeader(const QString &line)
{
    const QString t = line.trimmed();
    return (t.startsWith(u"State"_s) || t.startsWith(u"Netid"_s)) && t.contains(u"Recv-Q"_s);
}

bool isNetstatHeader(const QString &line)
{
    const QString t = line.trimmed();
    return t.startsWith(u"Active Internet connections"_s)
        || (t.startsWith(u"Proto"_s) && t.contains(u"Recv-Q"_s));
}

bool isProcHeader(const QString &line)
{
    const QString t = line.trimmed();
    return t.startsWith(u"sl "_s) && t.contains(u"local_address"_s);
}

bool looksLikeProcLine(const QString &line)
{
    static const QRegularExpression proc(
        u"^\\s*\\d+:\\s+[0-9A-Fa-f]{8}([0-9A-Fa-f]{24})?:[0-9A-Fa-f]{4}\\s"_s);
    return proc.match(line).hasMatch();
}

// Splits a capture into lines (\n, \r\n) and hands each meaningful one, with its 1-based
// number, to `parseLine`; sysctl lines set the fin timeout.
template<typename LineParser>
Result<TcpCapture> parseLines(const QByteArray &text, TcpCaptureFormat format, LineParser parseLine)
{
    TcpCapture capture;
    capture.format = format;
    const QStringList lines = QString::fromUtf8(text).split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        if (const std::optional<int> fin = finTimeoutFromLine(line)) {
            capture.finTimeoutSeconds = fin;
            continue;
        }
        std::optional<TcpConnection> connection;
        if (Result<void> r = parseLine(line, i + 1, &connection); !r)
            return r.error();
        if (connection)
            capture.connections << *connection;
    }
    return capture;
}

// Reads one ss socket line: [Netid] State Recv-Q Send-Q Local:Port Peer:Port [Process].
Result<void> parseSsLine(const QString &line, qsizetype lineNo, std::optional<TcpConnection> *out)
{
    if (isSsHeader(line))
        return {};
    QStringList t = tokens(line);
    if (!t.isEmpty() && !tcpStateFromName(t.constFirst())) {
        // `ss -an` puts the socket kind first; only TCP sockets count here.
        static const QStringList netids{u"udp"_s,   u"raw"_s, u"u_str"_s, u"u_dgr"_s, u"u_seq"_s, u"p_raw"_s,
                                        u"p_dgr"_s, u"nl"_s,  u"v_str"_s, u"v_dgr"_s, u"sctp"_s,  u"mptcp"_s};
        if (netids.contains(t.constFirst()))
            return {};
        if (t.constFirst() == u"tcp"_s)
            t.removeFirst();
    }
    if (t.size() < 5)
        return lineError(lineNo, Tr::tr("expected \"State Recv-Q Send-Q Local:Port Peer:Port\" (ss -tan)."),
                         line);
    const std::optional<TcpState> state = tcpStateFromName(t.at(0));
    if (!state)
        return lineError(lineNo, Tr::tr("\"%1\" is not a TCP state.").arg(t.at(0)), line);
    if (!isUnsigned(t.at(1)) || !isUnsigned(t.at(2)))
        return lineError(
            lineNo, Tr::tr("the queue sizes \"%1\" and \"%2\" are not numbers.").arg(t.at(1), t.at(2)), line);
    TcpConnection c;
    c.state = *state;
    if (!splitHostPort(t.at(3), &c.localAddress, &c.localPort))
        return lineError(lineNo, Tr::tr("\"%1\" is not an address:port.").arg(t.at(3)), line);
    if (!splitHostPort(t.at(4), &c.peerAddress, &c.peerPort))
        return lineError(lineNo, Tr::tr("\"%1\" is not an address:port.").arg(t.at(4)), line);
    *out = c;
    return {};
}

// Reads one netstat line: Proto Recv-Q Send-Q Local Foreign State [PID/Program].
Result<void> parseNetstatLine(const QString &line, qsizetype lineNo, std::optional<TcpConnection> *out)
{
    if (isNetstatHeader(line))
        return {};
    const QStringList t = tokens(line);
    static const QStringList otherProtos{u"udp"_s, u"udp6"_s, u"raw"_s, u"raw6"_s, u"unix"_s, u"udpl"_s};
    if (!t.isEmpty() && otherProtos.contains(t.constFirst()))
        return {};
    if (t.isEmpty() || (t.constFirst() != u"tcp"_s && t.constFirst() != u"tcp6"_s))
        return lineError(lineNo, Tr::tr("expected a tcp or tcp6 line (netstat -ant)."), line);
    if (t.size() < 6)
        return lineError(
            lineNo, Tr::tr("expected \"Proto Recv-Q Send-Q Local Foreign State\" (netstat -ant)."), line);
    if (!isUnsigned(t.at(1)) || !isUnsigned(t.at(2)))
        return lineError(
            lineNo, Tr::tr("the queue sizes \"%1\" and \"%2\" are not numbers.").arg(t.at(1), t.at(2)), line);
    const std::optional<TcpState> state = tcpStateFromName(t.at(5));
    if (!state)
        return lineError(lineNo, Tr::tr("\"%1\" is not a TCP state.").arg(t.at(5)), line);
    TcpConnection c;
    c.state = *state;
    if (!splitHostPort(t.at(3), &c.localAddress, &c.localPort))
        return lineError(lineNo, Tr::tr("\"%1\" is not an address:port.").arg(t.at(3)), line);
    if (!splitHostPort(t.at(4), &c.peerAddress, &c.peerPort))
        return lineError(lineNo, Tr::tr("\"%1\" is not an address:port.").arg(t.at(4)), line);
    *out = c;
    return {};
}

// RFC 5952 text of 16 bytes; IPv4-mapped addresses as plain IPv4 (as normaliseAddress does).
QString formatIpv6(const std::array<quint8, 16> &b)
{
    std::array<int, 8> g{};
    for (int i = 0; i < 8; ++i)
        g.at(size_t(i)) = (b.at(size_t(2 * i)) << 8) | b.at(size_t(2 * i + 1));
    if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff)
        return u"%1.%2.%3.%4"_s.arg(QString::number(int(b[12])), QString::number(int(b[13])),
                                    QString::number(int(b[14])), QString::number(int(b[15])));
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8;) {
        if (g.at(size_t(i)) != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && g.at(size_t(j)) == 0)
            ++j;
        if (j - i > bestLen && j - i >= 2) {
            bestStart = i;
            bestLen = j - i;
        }
        i = j;
    }
    QString text;
    for (int i = 0; i < 8; ++i) {
        if (i == bestStart) {
            text += u"::"_s;
            i += bestLen - 1;
            continue;
        }
        if (!text.isEmpty() && !text.endsWith(u':'))
            text += u':';
        text += QString::number(g.at(size_t(i)), 16);
    }
    return text;
}

// "0100007F:1F90" (IPv4) or 32 hex digits ":port" (IPv6), each 32-bit word little-endian.
bool parseProcAddress(const QString &token, QString *host, int *port)
{
    const qsizetype colon = token.indexOf(u':');
    if (colon != 8 && colon != 32)
        return false;
    const QString hex = token.left(colon);
    const QString portHex = token.mid(colon + 1);
    if (portHex.size() != 4)
        return false;
    bool ok = false;
    const int p = portHex.toInt(&ok, 16);
    if (!ok)
        return false;
    std::array<quint8, 16> bytes{};
    for (qsizetype word = 0; word < colon / 8; ++word) {
        const quint32 value = hex.mid(word * 8, 8).toUInt(&ok, 16);
        if (!ok)
            return false;
        for (int k = 0; k < 4; ++k)
            bytes.at(size_t(word * 4 + k)) = quint8((value >> (8 * k)) & 0xff);
    }
    if (colon == 8)
        *host = u"%1.%2.%3.%4"_s.arg(QString::number(int(bytes[0])), QString::number(int(bytes[1])),
                                     QString::number(int(bytes[2])), QString::number(int(bytes[3])));
    else
        *host = formatIpv6(bytes);
    *port = p;
    return true;
}

// Reads one /proc/net/tcp line: "sl: local rem st tx:rx tr:when retrnsmt uid timeout inode ...".
Result<void> parseProcLine(const QString &line, qsizetype lineNo, std::optional<TcpConnection> *out)
{
    if (isProcHeader(line))
        return {};
    const QStringList t = tokens(line);
    if (t.size() < 4 || !t.at(0).endsWith(u':') || !isUnsigned(t.at(0).chopped(1)))
        return lineError(lineNo, Tr::tr("expected \"sl: local_address rem_address st ...\" (/proc/net/tcp)."),
                         line);
    TcpConnection c;
    if (!parseProcAddress(t.at(1), &c.localAddress, &c.localPort))
        return lineError(lineNo, Tr::tr("\"%1\" is not a hexadecimal address:port.").arg(t.at(1)), line);
    if (!parseProcAddress(t.at(2), &c.peerAddress, &c.peerPort))
        return lineError(lineNo, Tr::tr("\"%1\" is not a hexadecimal address:port.").arg(t.at(2)), line);
    bool ok = false;
    const int code = t.at(3).toInt(&ok, 16);
    if (!ok || t.at(3).size() != 2 || code < 1 || code > kTcpStateCount)
        return lineError(lineNo, Tr::tr("\"%1\" is not a TCP state code (01 to 0B).").arg(t.at(3)), line);
    c.state = TcpState(code - 1);
    *out = c;
    return {};
}

// Makes an empty-handed parse a clear error rather than a silent empty report.
Result<TcpCapture> nonEmpty(const QByteArray &text, Result<TcpCapture> capture)
{
    if (capture && QString::fromUtf8(text).trimmed().isEmpty())
        return makeError(u"diag.tcp.empty"_s, Tr::tr("The capture is empty."));
    return capture;
}

} // namespace

Result<TcpCapture> parseSsOutput(const QByteArray &text)
{
    return nonEmpty(text, parseLines(text, TcpCaptureFormat::Ss, parseSsLine));
}

Result<TcpCapture> parseNetstatOutput(const QByteArray &text)
{
    return nonEmpty(text, parseLines(text, TcpCaptureFormat::Netstat, parseNetstatLine));
}

Result<TcpCapture> parseProcNetTcp(const QByteArray &text)
{
    return nonEmpty(text, parseLines(text, TcpCaptureFormat::ProcNetTcp, parseProcLine));
}

Result<TcpCaptureFormat> detectTcpCaptureFormat(const QByteArray &text)
{
    const QStringList lines = QString::fromUtf8(text).split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || finTimeoutFromLine(line))
            continue;
        if (isSsHeader(line))
            return TcpCaptureFormat::Ss;
        if (isNetstatHeader(line))
            return TcpCaptureFormat::Netstat;
        if (isProcHeader(line) || looksLikeProcLine(line))
            return TcpCaptureFormat::ProcNetTcp;
        const QStringList t = tokens(line);
        if (t.constFirst() == u"tcp6"_s
            || (t.constFirst() == u"tcp"_s && t.size() >= 6 && isUnsigned(t.at(1))))
            return TcpCaptureFormat::Netstat;
        if (tcpStateFromName(t.constFirst()) || t.constFirst() == u"tcp"_s)
            return TcpCaptureFormat::Ss;
        return makeError(
            u"diag.tcp.format"_s,
            Tr::tr("Line %1: this is not the output of ss -tan, netstat -ant or /proc/net/tcp.").arg(i + 1),
            line.left(200));
    }
    return makeError(u"diag.tcp.empty"_s, Tr::tr("The capture is empty."));
}

Result<TcpCapture> parseTcpCapture(const QByteArray &text)
{
    const Result<TcpCaptureFormat> format = detectTcpCaptureFormat(text);
    if (!format)
        return format.error();
    switch (*format) {
    case TcpCaptureFormat::Ss:
        return parseSsOutput(text);
    case TcpCaptureFormat::Netstat:
        return parseNetstatOutput(text);
    case TcpCaptureFormat::ProcNetTcp:
        return parseProcNetTcp(text);
    }
    return parseSsOutput(text);
}

Result<TcpCapture> readLocalTcpConnections(const QString &procNetDir)
{
    TcpCapture all;
    all.format = TcpCaptureFormat::ProcNetTcp;
    for (const QString &name : {u"tcp"_s, u"tcp6"_s}) {
        const QString path = QDir(procNetDir).filePath(name);
        if (name == u"tcp6"_s && !QFile::exists(path))
            continue; // IPv6 disabled
        // The kernel's tables are pseudo files of size 0: the read itself is capped.
        const Result<QByteArray> data = readFileLimited(path, kMaxLocalTableBytes);
        if (!data)
            return makeError(u"diag.tcp.local"_s, data.error().message);
        const Result<TcpCapture> part = parseProcNetTcp(*data);
        if (!part)
            return makeError(part.error().code, Tr::tr("%1: %2").arg(path, part.error().message),
                             part.error().details);
        all.connections << part->connections;
    }
    return all;
}

std::optional<int> readLocalFinTimeout(const QString &path)
{
    const Result<QByteArray> data = readFileLimited(path, 64);
    if (!data)
        return std::nullopt;
    bool ok = false;
    const int seconds = QString::fromLatin1(*data).trimmed().toInt(&ok);
    if (!ok)
        return std::nullopt;
    return seconds;
}

} // namespace vlab
