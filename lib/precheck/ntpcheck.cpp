#include "precheck/ntpcheck.h"

#include "core/tr.h"

#include <QDateTime>
#include <QUdpSocket>

#include <cmath>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
constexpr quint64 kNtpToUnixSeconds = 2208988800ULL; // 1900-01-01 to 1970-01-01

quint64 readU64(const QByteArray &p, int at)
{
    quint64 v = 0;
    for (int i = 0; i < 8; ++i)
        v = (v << 8) | quint8(p.at(at + i));
    return v;
}

double ntpToUnixMs(quint64 ntp)
{
    const double seconds = double(ntp >> 32) - double(kNtpToUnixSeconds);
    const double fraction = double(ntp & 0xffffffffULL) / 4294967296.0;
    return (seconds + fraction) * 1000.0;
}

QByteArray unixMsToNtp(qint64 ms)
{
    const quint64 seconds = quint64(ms / 1000) + kNtpToUnixSeconds;
    const quint64 fraction = quint64((double(ms % 1000) / 1000.0) * 4294967296.0);
    const quint64 v = (seconds << 32) | fraction;
    QByteArray out(8, '\0');
    for (int i = 0; i < 8; ++i)
        out[i] = char((v >> (56 - 8 * i)) & 0xff);
    return out;
}
} // namespace

QByteArray makeSntpRequest(qint64 nowMs)
{
    QByteArray packet(48, '\0');
    packet[0] = char((0 << 6) | (4 << 3) | 3); // LI 0, version 4, mode 3 (client)
    packet.replace(40, 8, unixMsToNtp(nowMs));
    return packet;
}

Result<SntpReply> parseSntpReply(const QByteArray &packet, qint64 t1Ms, qint64 t4Ms,
                                 const QByteArray &sentTransmitTimestamp)
{
    if (packet.size() < 48)
        return makeError(u"ntp.short"_s,
                         Tr::tr("The reply has %1 bytes; an NTP reply has 48.").arg(packet.size()));
    const int mode = quint8(packet.at(0)) & 0x7;
    if (mode != 4 && mode != 5)
        return makeError(u"ntp.mode"_s, Tr::tr("The reply is not from an NTP server (mode %1).").arg(mode));
    if (packet.mid(24, 8) != sentTransmitTimestamp)
        return makeError(u"ntp.origin"_s,
                         Tr::tr("The reply does not answer this request (originate time differs)."));
    SntpReply r;
    r.leap = (quint8(packet.at(0)) >> 6) & 0x3;
    r.stratum = quint8(packet.at(1));
    const double t2 = ntpToUnixMs(readU64(packet, 32));
    const double t3 = ntpToUnixMs(readU64(packet, 40));
    r.offsetMs = ((t2 - double(t1Ms)) + (t3 - double(t4Ms))) / 2.0;
    r.delayMs = (double(t4Ms) - double(t1Ms)) - (t3 - t2);
    return r;
}

NtpCheck::NtpCheck(const QString &server, quint16 port, int warnOffsetMs, int timeoutMs, QObject *parent)
    : CheckJob(u"ntp"_s, Tr::tr("Time (NTP)"),
               port == 123 ? server : u"%1:%2"_s.arg(server, QString::number(port)), timeoutMs, parent)
    , m_server(server)
    , m_port(port)
    , m_warnOffsetMs(warnOffsetMs)
{
}

void NtpCheck::begin()
{
    m_socket = new QUdpSocket(this);
    const auto socketFailed = [this](QAbstractSocket::SocketError error) {
        const QString reason = m_socket->errorString();
        conclude(CheckStatus::Fail,
                 error == QAbstractSocket::ConnectionRefusedError
                     ? Tr::tr("%1 refused the NTP query (nothing listens on UDP %2).")
                           .arg(m_server, QString::number(m_port))
                     : Tr::tr("NTP query to %1 failed: %2").arg(m_server, reason),
                 Tr::tr("Check the NTP service on %1 and that UDP port %2 is open.")
                     .arg(m_server, QString::number(m_port)),
                 reason);
    };
    connect(m_socket, &QUdpSocket::connected, this, [this] {
        m_sentMs = QDateTime::currentMSecsSinceEpoch();
        m_request = makeSntpRequest(m_sentMs);
        m_socket->write(m_request);
    });
    connect(m_socket, &QUdpSocket::readyRead, this, [this, socketFailed] {
        const qint64 receivedMs = QDateTime::currentMSecsSinceEpoch();
        const QByteArray packet = m_socket->read(1024);
        // An ICMP "port unreachable" wakes the socket too: the read fails, and Qt records the
        // error (on Linux a NetworkError reading "Connection refused") without emitting
        // errorOccurred. Not a short reply.
        if (packet.isEmpty() && m_socket->error() != QAbstractSocket::UnknownSocketError) {
            socketFailed(m_socket->error());
            return;
        }
        const Result<SntpReply> reply = parseSntpReply(packet, m_sentMs, receivedMs, m_request.mid(40, 8));
        if (!reply) {
            conclude(CheckStatus::Fail, reply.error().message, Tr::tr("Point the plan at an NTP server."));
            return;
        }
        const QString detail =
            Tr::tr("stratum %1, offset %2 ms, round trip %3 ms")
                .arg(QString::number(reply->stratum), QString::number(reply->offsetMs, 'f', 1),
                     QString::number(reply->delayMs, 'f', 1));
        if (reply->stratum == 0 || reply->stratum > 15 || reply->leap == 3) {
            conclude(CheckStatus::Fail,
                     Tr::tr("%1 answers but is not synchronised (stratum %2).")
                         .arg(m_server, QString::number(reply->stratum)),
                     Tr::tr("Let the NTP server synchronise with a reliable source first."), detail);
        } else if (std::abs(reply->offsetMs) > m_warnOffsetMs) {
            conclude(
                CheckStatus::Warn,
                Tr::tr("%1 is %2 ms away from this machine's clock (stratum %3).")
                    .arg(m_server, QString::number(reply->offsetMs, 'f', 0), QString::number(reply->stratum)),
                Tr::tr("Synchronise this machine too, or the offsets seen here mislead; the lab's hosts "
                       "must use this server."),
                detail);
        } else {
            conclude(
                CheckStatus::Pass,
                Tr::tr("%1 answers: stratum %2, offset %3 ms.")
                    .arg(m_server, QString::number(reply->stratum), QString::number(reply->offsetMs, 'f', 1)),
                {}, detail);
        }
    });
    connect(m_socket, &QUdpSocket::errorOccurred, this, socketFailed);
    m_socket->connectToHost(m_server, m_port);
}

void NtpCheck::abort()
{
    if (m_socket)
        m_socket->abort();
}

void NtpCheck::timedOut()
{
    abort();
    conclude(
        CheckStatus::NoAnswer,
        Tr::tr("%1 did not answer the NTP query within %2 ms.").arg(m_server, QString::number(timeoutMs())),
        Tr::tr("Check the NTP service on %1 and that UDP port %2 is open.")
            .arg(m_server, QString::number(m_port)));
}

} // namespace vlab
