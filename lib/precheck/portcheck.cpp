#include "precheck/portcheck.h"

#include "core/tr.h"

#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace vlab {

PortCheck::PortCheck(const QString &host, quint16 port, const QString &purpose, const QString &node,
                     int timeoutMs, QObject *parent)
    : CheckJob(u"ports"_s, node, u"%1:%2"_s.arg(host, QString::number(port)), timeoutMs, parent)
    , m_host(host)
    , m_port(port)
    , m_purpose(purpose)
{
}

void PortCheck::begin()
{
    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        m_socket->abort();
        conclude(CheckStatus::Pass, Tr::tr("Port %1 (%2) is open.").arg(QString::number(m_port), m_purpose));
    });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        const QString reason = m_socket->errorString();
        m_socket->abort();
        switch (error) {
        case QAbstractSocket::ConnectionRefusedError:
            conclude(CheckStatus::Fail,
                     Tr::tr("Port %1 (%2) refused the connection.").arg(QString::number(m_port), m_purpose),
                     Tr::tr("The host answered but nothing accepts on %1: start the service, or open the "
                            "port in the host's firewall.")
                         .arg(m_port),
                     reason);
            break;
        case QAbstractSocket::HostNotFoundError:
            conclude(CheckStatus::Fail, Tr::tr("%1 cannot be resolved.").arg(m_host),
                     Tr::tr("Fix the DNS record (see the DNS checks) or use the address."), reason);
            break;
        default:
            conclude(
                CheckStatus::Fail,
                Tr::tr("Port %1 (%2) is not reachable: %3").arg(QString::number(m_port), m_purpose, reason),
                Tr::tr("Check routing from this machine to %1.").arg(m_host), reason);
        }
    });
    m_socket->connectToHost(m_host, m_port);
}

void PortCheck::abort()
{
    if (m_socket)
        m_socket->abort();
}

void PortCheck::timedOut()
{
    abort();
    conclude(CheckStatus::NoAnswer,
             Tr::tr("Port %1 (%2): no answer within %3 ms.")
                 .arg(QString::number(m_port), m_purpose, QString::number(timeoutMs())),
             Tr::tr("Packets to %1:%2 are dropped (a firewall filters the port) or the host is down.")
                 .arg(m_host, QString::number(m_port)));
}

} // namespace vlab
