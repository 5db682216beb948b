#pragma once
// NtpCheck: one SNTP (RFC 4330) query to an NTP server: does it answer, its stratum, and the
// offset between its clock and this machine's, with a warning above a threshold. The PSCs,
// vCenter and ESXi must agree on the time or SSO logins and replication fail.

#include "precheck/checkjob.h"

#include <QPointer>

class QUdpSocket;

namespace vlab {

struct SntpReply
{
    int stratum = 0;
    int leap = 0;
    double offsetMs = 0; // server clock minus this machine's
    double delayMs = 0;  // round trip
};

// Parses a 48-byte SNTP reply. t1 and t4: this machine's send and receive times (ms since
// the Unix epoch). Fails on a short packet, a wrong mode, or an originate time that is not ours.
Result<SntpReply> parseSntpReply(const QByteArray &packet, qint64 t1Ms, qint64 t4Ms,
                                 const QByteArray &sentTransmitTimestamp);
// A client request whose transmit timestamp is `nowMs`.
QByteArray makeSntpRequest(qint64 nowMs);

class NtpCheck : public CheckJob
{
    Q_OBJECT
public:
    NtpCheck(const QString &server, quint16 port, int warnOffsetMs, int timeoutMs, QObject *parent = nullptr);

protected:
    void begin() override;
    void timedOut() override;
    void abort() override;

private:
    QString m_server;
    quint16 m_port;
    int m_warnOffsetMs;
    QPointer<QUdpSocket> m_socket;
    QByteArray m_request;
    qint64 m_sentMs = 0;
};

} // namespace vlab
