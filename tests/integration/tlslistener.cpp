#include "tlslistener.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>

using namespace Qt::StringLiterals;

TlsListener::TlsListener(QObject *parent)
    : QObject(parent)
{
    serve(&m_server);
    serve(&m_second);
}

void TlsListener::serve(QSslServer *server)
{
    // Counted when the handshake starts: a client that only reads the certificate may abort
    // before the server sees the handshake finish.
    connect(server, &QSslServer::startedEncryptionHandshake, this, [this] { ++m_handshakes; });
    connect(server, &QTcpServer::pendingConnectionAvailable, this, [server] {
        while (QTcpSocket *socket = server->nextPendingConnection()) {
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
    m_second.setSslConfiguration(config);
    if (!m_server.listen(QHostAddress::LocalHost, 0)) {
        m_error = m_server.errorString();
        return false;
    }
    if (!m_second.listen(QHostAddress(u"127.0.0.2"_s), m_server.serverPort())) {
        m_error = u"127.0.0.2: "_s + m_second.errorString();
        return false;
    }
    return true;
}
