#pragma once
// PortCheck: can this machine open a TCP connection to host:port? Tells open, refused (the
// host answered: nothing listens, or a firewall rejects) and no answer (packets dropped, or
// the host is down) apart.

#include "precheck/checkjob.h"

#include <QPointer>

class QTcpSocket;

namespace vlab {

class PortCheck : public CheckJob
{
    Q_OBJECT
public:
    PortCheck(const QString &host, quint16 port, const QString &purpose, const QString &node, int timeoutMs,
              QObject *parent = nullptr);

protected:
    void begin() override;
    void timedOut() override;
    void abort() override;

private:
    QString m_host;
    quint16 m_port;
    QString m_purpose;
    QPointer<QTcpSocket> m_socket;
};

} // namespace vlab
