#pragma once
// TlsListener: a TLS server on 127.0.0.1 and 127.0.0.2, one port (Qt's QSslServer, in the test's own event
// loop) that serves a given certificate and key and closes each connection after the handshake: the stand-in
// for a PSC's port 443 when a test checks which certificate is served.

#include <QList>
#include <QObject>
#include <QSslServer>

class TlsListener : public QObject
{
    Q_OBJECT
public:
    explicit TlsListener(QObject *parent = nullptr);
    // PEM files; returns false (see lastError()) when they cannot be read or nothing listens.
    bool start(const QString &certificateFile, const QString &keyFile);
    quint16 port() const { return m_server.serverPort(); }
    int handshakes() const { return m_handshakes; } // TLS handshakes started
    QString lastError() const { return m_error; }

private:
    void serve(QSslServer *server);

    QSslServer m_server; // 127.0.0.1
    QSslServer m_second; // 127.0.0.2, the same port
    int m_handshakes = 0;
    QString m_error;
};
