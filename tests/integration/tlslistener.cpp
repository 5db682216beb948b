#include "tlslistener.h"

#include <QDir>
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

namespace {

// The configuration that serves the first certificate of `certificateFile` with `keyFile`; empty
// and *error set when either cannot be read.
QSslConfiguration serving(const QString &certificateFile, const QString &keyFile, QString *error)
{
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(certificateFile, QSsl::Pem);
    QFile keyIn(keyFile);
    if (certs.isEmpty() || !keyIn.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1 or %2"_s.arg(certificateFile, keyFile);
        return {};
    }
    const QSslKey key(keyIn.readAll(), QSsl::Rsa, QSsl::Pem);
    if (key.isNull()) {
        *error = u"cannot parse the key %1"_s.arg(keyFile);
        return {};
    }
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(certs.constFirst());
    config.setPrivateKey(key);
    config.setPeerVerifyMode(QSslSocket::VerifyNone); // clients present no certificate
    return config;
}

} // namespace

void TlsListener::Server::incomingConnection(qintptr socket)
{
    setSslConfiguration(m_owner->configurationFor(address));
    QSslServer::incomingConnection(socket);
}

QSslConfiguration TlsListener::configurationFor(const QString &address) const
{
    if (m_store.isEmpty())
        return m_initial;
    const QDir there(QDir(m_store).filePath(address));
    const QString cert = there.filePath(u"machine-ssl.crt"_s);
    const QString key = there.filePath(u"machine-ssl.key"_s);
    if (!QFile::exists(cert) || !QFile::exists(key))
        return m_initial;
    QString error;
    const QSslConfiguration replaced = serving(cert, key, &error);
    return replaced.localCertificate().isNull() ? m_initial : replaced;
}

bool TlsListener::start(const QString &certificateFile, const QString &keyFile, const QString &storeFolder)
{
    m_initial = serving(certificateFile, keyFile, &m_error);
    if (m_initial.localCertificate().isNull())
        return false;
    m_store = storeFolder;
    m_server.address = u"127.0.0.1"_s;
    m_second.address = u"127.0.0.2"_s;
    m_server.setSslConfiguration(m_initial);
    m_second.setSslConfiguration(m_initial);
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
