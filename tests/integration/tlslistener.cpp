#include "tlslistener.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>

using namespace Qt::StringLiterals;

TlsListener::TlsListener(QObject *parent)
    : QObject(parent)
{
    // Counted when the handshake starts: a client that only reads the certificate may abort
    // before the server sees the handshake finish.
    connect(&m_server, &QSslServer::startedEncryptionHandshake, this, [this] { ++m_handshakes; });
    connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->disconnectFromHost();
            connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

bool TlsListener::start(const QString &certificateFile, const QString &keyFile)
{
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(certificateFile, QSsl::Pem);
    QFile keyIn(keyFile);
    if (certs.isEmpty() || !keyIn.open(QIODevice::ReadOnly)) {
        m_error = u"cannot read %1 or %2"_s.arg(certificateFile, keyFile);
        return false;
    }
    const QSslKey key(keyIn.readAll(), QSsl::Rsa, QSsl::Pem);
    if (key.isNull()) {
        m_error = u"cannot parse the key %1"_s.arg(keyFile);
        return false;
    }
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(certs.constFirst());
    config.setPrivateKey(key);
    config.setPeerVerifyMode(QSslSocket::VerifyNone); // clients present no certificate
    m_server.setSslConfiguration(config);
    if (!m_server.listen(QHostAddress::LocalHost, 0)) {
        m_error = m_server.errorString();
        return false;
    }
    return true;
}
