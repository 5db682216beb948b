#include "precheck/tlscheck.h"

#include "core/tr.h"
#include "net/netaddr.h"

#include <QSslCertificate>
#include <QSslCertificateExtension>
#include <QSslSocket>

using namespace Qt::StringLiterals;

namespace vlab {

TlsCheck::TlsCheck(const QString &host, quint16 port, const QString &name, const QString &node, int timeoutMs,
                   QObject *parent)
    : CheckJob(u"tls"_s, node, u"https://%1:%2"_s.arg(name, QString::number(port)), timeoutMs, parent)
    , m_host(host)
    , m_port(port)
    , m_name(name)
{
}

bool TlsCheck::nameCovered(const QStringList &dnsNames, const QString &commonName, const QString &name)
{
    // RFC 6125: the DNS names decide when there are any; the CN only when there are none.
    const QStringList candidates = dnsNames.isEmpty() ? QStringList{commonName} : dnsNames;
    for (const QString &pattern : candidates) {
        if (pattern.compare(name, Qt::CaseInsensitive) == 0)
            return true;
        if (pattern.startsWith(u"*."_s)) {
            const qsizetype dot = name.indexOf(u'.');
            if (dot > 0 && name.mid(dot).compare(pattern.mid(1), Qt::CaseInsensitive) == 0)
                return true;
        }
    }
    return false;
}

void TlsCheck::begin()
{
    if (!QSslSocket::supportsSsl()) {
        conclude(CheckStatus::Fail, Tr::tr("TLS is not available in this build of Qt."),
                 Tr::tr("Install Qt's OpenSSL backend."));
        return;
    }
    m_socket = new QSslSocket(this);
    // Read the served certificate whatever its trust: the check reports trust, it does not
    // rely on it, and nothing is sent over this connection.
    m_socket->setPeerVerifyMode(QSslSocket::QueryPeer);
    connect(m_socket, &QSslSocket::encrypted, this, &TlsCheck::inspect);
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (isConcluded())
            return;
        const QString reason = m_socket->errorString();
        m_socket->abort();
        conclude(CheckStatus::Fail,
                 error == QAbstractSocket::ConnectionRefusedError
                     ? Tr::tr("Nothing accepts HTTPS on %1:%2.").arg(m_host, QString::number(m_port))
                     : Tr::tr("No TLS handshake with %1:%2: %3").arg(m_host, QString::number(m_port), reason),
                 Tr::tr("Check that the service on %1 is up and speaks HTTPS on port %2.")
                     .arg(m_host, QString::number(m_port)),
                 reason);
    });
    // SNI and the name to compare: the name clients use, unless that is an address.
    if (parseIpv4(m_name))
        m_socket->connectToHostEncrypted(m_host, m_port);
    else
        m_socket->connectToHostEncrypted(m_host, m_port, m_name);
}

void TlsCheck::inspect()
{
    const QSslCertificate cert = m_socket->peerCertificate();
    const QList<QSslError> trustErrors = m_socket->sslHandshakeErrors();
    m_socket->abort();
    if (cert.isNull()) {
        conclude(CheckStatus::Fail,
                 Tr::tr("%1:%2 served no certificate.").arg(m_host, QString::number(m_port)),
                 Tr::tr("Check the HTTPS configuration of the endpoint."));
        return;
    }
    const QStringList dns = cert.subjectAlternativeNames().values(QSsl::DnsEntry);
    const QString cn = cert.subjectInfo(QSslCertificate::CommonName).value(0);
    const QString fingerprint =
        QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    QStringList trust;
    for (const QSslError &e : trustErrors)
        trust << e.errorString();
    const QString detail =
        Tr::tr("subject: %1\nDNS names: %2\nissuer: %3\nvalid: %4 to %5\nSHA-256: %6\ntrusted here: %7")
            .arg(cert.subjectDisplayName(), dns.join(u", "_s), cert.issuerDisplayName(),
                 cert.effectiveDate().toString(Qt::ISODate), cert.expiryDate().toString(Qt::ISODate),
                 fingerprint, trust.isEmpty() ? Tr::tr("yes") : trust.join(u"; "_s));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (now > cert.expiryDate() || now < cert.effectiveDate()) {
        conclude(CheckStatus::Fail,
                 Tr::tr("The certificate of %1 is outside its validity (%2 to %3).")
                     .arg(m_name, cert.effectiveDate().toString(Qt::ISODate),
                          cert.expiryDate().toString(Qt::ISODate)),
                 Tr::tr("Replace the certificate (see the Certificates step)."), detail);
        return;
    }
    if (!parseIpv4(m_name) && !nameCovered(dns, cn, m_name)) {
        conclude(CheckStatus::Fail,
                 Tr::tr("The certificate served by %1 does not cover %2 (it names: %3).")
                     .arg(m_host, m_name, dns.isEmpty() ? cn : dns.join(u", "_s)),
                 Tr::tr("Replace it with one whose DNS names include %1.").arg(m_name), detail);
        return;
    }
    conclude(CheckStatus::Pass,
             Tr::tr("Serves \"%1\" issued by \"%2\", valid until %3.")
                 .arg(cn, cert.issuerDisplayName(), cert.expiryDate().date().toString(Qt::ISODate)),
             {}, detail);
}

void TlsCheck::abort()
{
    if (m_socket)
        m_socket->abort();
}

void TlsCheck::timedOut()
{
    abort();
    conclude(CheckStatus::NoAnswer,
             Tr::tr("No TLS answer from %1:%2 within %3 ms.")
                 .arg(m_host, QString::number(m_port), QString::number(timeoutMs())),
             Tr::tr("Packets are dropped on the way, or the host is down."));
}

} // namespace vlab
