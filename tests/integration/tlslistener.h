#pragma once
// TlsListener: a TLS server on 127.0.0.1 and 127.0.0.2, one port (Qt's QSslServer, in the test's own event
// loop) that serves a given certificate and key and closes each connection after the handshake: the stand-in
// for a PSC's port 443 when a test checks which certificate is served.
// With a store folder it plays a PSC whose certificate gets replaced: a connection to address A is served
// <store>/A/machine-ssl.crt and machine-ssl.key once both are there (the certificate-manager stand-in,
// tests/data/remote/certificate-manager-standin.sh, puts them there when it "replaces" the certificate on the
// PSC at A), and the certificate given to start() before that.

#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QSslServer>

class TlsListener : public QObject
{
    Q_OBJECT
public:
    explicit TlsListener(QObject *parent = nullptr);
    // PEM files; returns false (see lastError()) when they cannot be read or nothing listens.
    bool start(const QString &certificateFile, const QString &keyFile, const QString &storeFolder = {});
    quint16 port() const { return m_server.serverPort(); }
    int handshakes() const { return m_handshakes; } // TLS handshakes started
    QString lastError() const { return m_error; }

private:
    // Picks the certificate for each connection just before its handshake.
    class Server : public QSslServer
    {
    public:
        explicit Server(TlsListener *owner)
            : m_owner(owner)
        {
        }
        QString address;

    protected:
        void incomingConnection(qintptr socket) override;

    private:
        TlsListener *m_owner;
    };

    void serve(QSslServer *server);
    QSslConfiguration configurationFor(const QString &address) const;

    Server m_server{this}; // 127.0.0.1
    Server m_second{this}; // 127.0.0.2, the same port
    QSslConfiguration m_initial;
    QString m_store;
    int m_handshakes = 0;
    QString m_error;
};
