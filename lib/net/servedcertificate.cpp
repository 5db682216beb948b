#include "net/servedcertificate.h"

#include "core/tr.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QSslSocket>
#include <QThread>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

constexpr int kSliceMs = 200; // how often a wait looks at the cancel check

// One handshake attempt; empty certificate and *why set when it did not work.
QSslCertificate tryOnce(const ServedCertificateRequest &r, const QDeadlineTimer &deadline,
                        const std::function<bool()> &cancelled, QString *why)
{
    QSslSocket socket;
    // Read the certificate whatever its trust: the caller compares fingerprints.
    socket.setPeerVerifyMode(QSslSocket::QueryPeer);
    if (r.serverName.isEmpty() || !QHostAddress(r.serverName).isNull())
        socket.connectToHostEncrypted(r.host, r.port);
    else
        socket.connectToHostEncrypted(r.host, r.port, r.serverName);
    while (!deadline.hasExpired()) {
        if (cancelled && cancelled()) {
            socket.abort();
            *why = u"cancelled"_s;
            return QSslCertificate();
        }
        if (socket.waitForEncrypted(int(qMin<qint64>(kSliceMs, qMax<qint64>(deadline.remainingTime(), 1))))) {
            const QSslCertificate cert = socket.peerCertificate();
            socket.abort();
            if (cert.isNull())
                *why = u"no certificate"_s;
            return cert;
        }
        if (socket.state() == QAbstractSocket::UnconnectedState) {
            *why = socket.errorString();
            return QSslCertificate();
        }
    }
    *why = socket.errorString().isEmpty() ? u"timed out"_s : socket.errorString();
    socket.abort();
    return QSslCertificate();
}

} // namespace

Result<QSslCertificate> fetchServedCertificate(const ServedCertificateRequest &request,
                                               const std::function<bool()> &cancelled)
{
    if (!QSslSocket::supportsSsl())
        return makeError(u"tls.served"_s, Tr::tr("TLS is not available in this build of Qt."));
    const QDeadlineTimer deadline(request.timeout);
    QString why;
    int attempts = 0;
    for (;;) {
        ++attempts;
        const QSslCertificate cert = tryOnce(request, deadline, cancelled, &why);
        if (!cert.isNull())
            return cert;
        if (why == u"cancelled"_s)
            return makeError(u"tls.cancelled"_s,
                             Tr::tr("Cancelled while reading the certificate of %1:%2.")
                                 .arg(request.host, QString::number(request.port)));
        if (why == u"no certificate"_s)
            return makeError(u"tls.no-certificate"_s,
                             Tr::tr("%1:%2 completed a TLS handshake without a certificate.")
                                 .arg(request.host, QString::number(request.port)));
        if (request.maxAttempts > 0 && attempts >= request.maxAttempts)
            break;
        // Services may still be starting: wait a little and try again, until the deadline.
        QDeadlineTimer pause(request.retryInterval);
        while (!pause.hasExpired() && !deadline.hasExpired()) {
            if (cancelled && cancelled())
                return makeError(u"tls.cancelled"_s,
                                 Tr::tr("Cancelled while reading the certificate of %1:%2.")
                                     .arg(request.host, QString::number(request.port)));
            QThread::msleep(quint64(qMin<qint64>(kSliceMs, qMax<qint64>(pause.remainingTime(), 1))));
        }
        if (deadline.hasExpired())
            break;
    }
    return makeError(u"tls.served"_s,
                     Tr::tr("No TLS handshake with %1:%2 within %3 s (%4 attempts): %5")
                         .arg(request.host, QString::number(request.port),
                              QString::number(qint64(request.timeout.count() / 1000)),
                              QString::number(attempts), why),
                     why);
}

} // namespace vlab
