#pragma once
// TlsCheck: looks at the certificate an HTTPS endpoint serves: subject, DNS names, issuer,
// validity, SHA-256 fingerprint, and whether it covers the name clients use. It only reads
// the certificate: nothing is sent over the connection, and whether this machine trusts the
// issuer is reported, not required (a fresh PSC serves a VMCA certificate nobody trusts yet).

#include "precheck/checkjob.h"

#include <QPointer>

class QSslSocket;

namespace vlab {

class TlsCheck : public CheckJob
{
    Q_OBJECT
public:
    // `name` is the DNS name clients use for this endpoint (may equal host).
    TlsCheck(const QString &host, quint16 port, const QString &name, const QString &node, int timeoutMs,
             QObject *parent = nullptr);

    static bool nameCovered(const QStringList &dnsNames, const QString &commonName, const QString &name);

protected:
    void begin() override;
    void timedOut() override;
    void abort() override;

private:
    void inspect();

    QString m_host;
    quint16 m_port;
    QString m_name;
    QPointer<QSslSocket> m_socket;
};

} // namespace vlab
