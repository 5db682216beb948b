#include "net/tlstrust.h"

#include "core/tr.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSslCertificate>

using namespace Qt::StringLiterals;

namespace vlab {

QString formatSha256(const QByteArray &digest)
{
    return QString::fromLatin1(digest.toHex(':').toUpper());
}

QString sha256Fingerprint(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return formatSha256(certificate.digest(QCryptographicHash::Sha256));
}

Result<QByteArray> parseSha256Fingerprint(const QString &text)
{
    QString hex = text.trimmed();
    static const QRegularExpression prefix(u"^sha-?256[:=]"_s, QRegularExpression::CaseInsensitiveOption);
    hex.remove(prefix);
    hex.remove(u':');
    static const QRegularExpression hex64(u"^[0-9A-Fa-f]{64}$"_s);
    if (!hex64.match(hex).hasMatch())
        return makeError(u"tls.fingerprint.syntax"_s,
                         Tr::tr("'%1' is not a SHA-256 fingerprint: give 32 hex pairs, for example "
                                "AB:CD:...:EF (as shown by the browser or 'openssl x509 -noout -fingerprint "
                                "-sha256').")
                             .arg(text));
    return QByteArray::fromHex(hex.toLatin1());
}

namespace {

// The errors that say "nobody vouched for this certificate" or "it was issued for another
// name". A user-confirmed fingerprint answers exactly these; expiry, revocation or a broken
// signature are never waved through.
bool pinAnswers(QSslError::SslError error)
{
    switch (error) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
    case QSslError::HostNameMismatch:
        return true;
    default:
        return false;
    }
}

} // namespace

TlsVerdict judgeTlsErrors(const QList<QSslError> &errors, const QSslCertificate &peer, const QByteArray &pin)
{
    TlsVerdict verdict;
    verdict.presentedFingerprint = sha256Fingerprint(peer);
    if (errors.isEmpty()) {
        verdict.accept = true;
        return verdict;
    }
    QStringList reasons;
    bool onlyTrustErrors = true;
    for (const QSslError &error : errors) {
        reasons << error.errorString();
        if (!pinAnswers(error.error()))
            onlyTrustErrors = false;
    }
    reasons.removeDuplicates();
    const QString why = reasons.join(u"; "_s);
    if (peer.isNull()) {
        verdict.problem = Tr::tr("The server sent no certificate (%1).").arg(why);
        return verdict;
    }
    if (!onlyTrustErrors) {
        verdict.problem = Tr::tr("The certificate is not acceptable: %1. A confirmed fingerprint does not "
                                 "override this; renew or replace the certificate.")
                              .arg(why);
        return verdict;
    }
    if (pin.isEmpty()) {
        verdict.confirmable = true;
        verdict.problem =
            Tr::tr("This machine does not trust the certificate (%1). Its SHA-256 fingerprint is "
                   "%2. Compare it with the one the appliance shows (on its console or web page), then "
                   "confirm it: in the wizard where it is offered, or with --fingerprint for vlab.")
                .arg(why, verdict.presentedFingerprint);
        return verdict;
    }
    if (peer.digest(QCryptographicHash::Sha256) != pin) {
        verdict.pinChanged = true;
        verdict.problem = Tr::tr("The certificate's SHA-256 fingerprint %1 is not the confirmed one %2. The "
                                 "appliance's certificate was replaced or someone is in between; check with "
                                 "its administrator before confirming the new fingerprint (in the wizard "
                                 "where it is offered, or with --fingerprint for vlab).")
                              .arg(verdict.presentedFingerprint, formatSha256(pin));
        return verdict;
    }
    verdict.accept = true;
    return verdict;
}

} // namespace vlab
