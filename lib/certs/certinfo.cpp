#include "certs/certinfo.h"

#include "certs/ossl.h"
#include "core/tr.h"

#include <QTimeZone>

#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

QDateTime toDateTime(const ASN1_TIME *time)
{
    struct tm t = {};
    if (!time || ASN1_TIME_to_tm(time, &t) != 1)
        return {};
    return QDateTime(QDate(t.tm_year + 1900, t.tm_mon + 1, t.tm_mday), QTime(t.tm_hour, t.tm_min, t.tm_sec),
                     QTimeZone::utc());
}

QStringList keyUsageNames(X509 *cert)
{
    const uint32_t ku = X509_get_key_usage(cert);
    if (ku == UINT32_MAX)
        return {};
    static const QList<std::pair<uint32_t, const char16_t *>> names = {
        {KU_DIGITAL_SIGNATURE, u"digitalSignature"},
        {KU_NON_REPUDIATION, u"nonRepudiation"},
        {KU_KEY_ENCIPHERMENT, u"keyEncipherment"},
        {KU_DATA_ENCIPHERMENT, u"dataEncipherment"},
        {KU_KEY_AGREEMENT, u"keyAgreement"},
        {KU_KEY_CERT_SIGN, u"keyCertSign"},
        {KU_CRL_SIGN, u"cRLSign"}};
    QStringList out;
    for (const auto &[bit, name] : names) {
        if (ku & bit)
            out << QString::fromUtf16(name);
    }
    return out;
}

// A DER request carries no "CERTIFICATE REQUEST" marker; it cannot be mistaken for a DER
// certificate (the structures differ in their first fields).
bool isDerRequest(const QByteArray &data)
{
    if (data.contains("-----BEGIN "))
        return false;
    const auto *p = reinterpret_cast<const unsigned char *>(data.constData());
    X509_REQ *req = d2i_X509_REQ(nullptr, &p, long(data.size()));
    const bool isRequest = req != nullptr;
    X509_REQ_free(req);
    ERR_clear_error();
    return isRequest;
}

void describeKey(EVP_PKEY *key, CertInfo &info)
{
    if (!key)
        return;
    info.keyBits = EVP_PKEY_get_bits(key);
    info.keyType = QString::fromLatin1(EVP_PKEY_get0_type_name(key));
}

} // namespace

Result<QList<CertInfo>> describeCertificates(const QByteArray &data, const QString &what)
{
    QList<CertInfo> out;
    if (data.contains("CERTIFICATE REQUEST-----") || isDerRequest(data)) {
        Result<ossl::Req> req = ossl::parseRequest(data, what);
        if (!req)
            return req.error();
        CertInfo info;
        info.isRequest = true;
        const X509_NAME *subject = X509_REQ_get_subject_name(req->get());
        info.subject = ossl::nameToString(subject);
        info.commonName = ossl::nameEntry(subject, NID_commonName);
        info.dnsNames = ossl::dnsNames(req->get());
        describeKey(X509_REQ_get0_pubkey(req->get()), info);
        info.signatureAlgorithm = QString::fromLatin1(OBJ_nid2ln(X509_REQ_get_signature_nid(req->get())));
        out.append(info);
        return out;
    }
    Result<ossl::Certs> certs = ossl::parseCertificates(data, what);
    if (!certs)
        return certs.error();
    for (const ossl::Cert &cert : certs.value()) {
        CertInfo info;
        X509 *x = cert.get();
        info.subject = ossl::nameToString(X509_get_subject_name(x));
        info.commonName = ossl::nameEntry(X509_get_subject_name(x), NID_commonName);
        info.issuer = ossl::nameToString(X509_get_issuer_name(x));
        info.dnsNames = ossl::dnsNames(x);
        info.serial = ossl::serialHex(x);
        info.notBefore = toDateTime(X509_get0_notBefore(x));
        info.notAfter = toDateTime(X509_get0_notAfter(x));
        describeKey(X509_get0_pubkey(x), info);
        info.signatureAlgorithm = QString::fromLatin1(OBJ_nid2ln(X509_get_signature_nid(x)));
        info.isCa = X509_check_ca(x) > 0;
        info.selfSigned = ossl::isSelfSigned(x);
        info.keyUsage = keyUsageNames(x);
        info.sha256Fingerprint = ossl::colonHex(ossl::fingerprint(x, EVP_sha256()));
        info.sha1Fingerprint = ossl::colonHex(ossl::fingerprint(x, EVP_sha1()));
        out.append(info);
    }
    return out;
}

QString CertInfo::toText(const QDateTime &now) const
{
    QStringList lines;
    if (isRequest) {
        lines << Tr::tr("Certificate request for %1").arg(commonName.isEmpty() ? subject : commonName);
    } else {
        QString kind = isCa ? Tr::tr("CA certificate") : Tr::tr("Certificate");
        if (selfSigned)
            kind = Tr::tr("Self-signed %1").arg(isCa ? Tr::tr("root CA certificate") : Tr::tr("certificate"));
        lines << Tr::tr("%1 for %2").arg(kind, commonName.isEmpty() ? subject : commonName);
    }
    lines << Tr::tr("  Subject:     %1").arg(subject);
    if (!isRequest)
        lines << Tr::tr("  Issued by:   %1").arg(issuer);
    lines << Tr::tr("  DNS names:   %1").arg(dnsNames.isEmpty() ? Tr::tr("(none)") : dnsNames.join(u", "_s));
    if (!isRequest) {
        const qint64 days = now.daysTo(notAfter);
        QString state;
        if (now < notBefore)
            state = Tr::tr("not valid yet");
        else if (now > notAfter)
            state = Tr::tr("EXPIRED %n day(s) ago", nullptr, int(-days));
        else
            state = Tr::tr("valid, %n day(s) left", nullptr, int(days));
        lines << Tr::tr("  Valid:       %1 to %2 (%3)")
                     .arg(notBefore.toString(Qt::ISODate), notAfter.toString(Qt::ISODate), state);
        lines << Tr::tr("  Serial:      %1").arg(serial);
    }
    lines << Tr::tr("  Key:         %1 %2 bits").arg(keyType, QString::number(keyBits));
    lines << Tr::tr("  Signature:   %1").arg(signatureAlgorithm);
    if (!isRequest) {
        lines << Tr::tr("  Key usage:   %1")
                     .arg(keyUsage.isEmpty() ? Tr::tr("(not restricted)") : keyUsage.join(u", "_s));
        lines << Tr::tr("  SHA-256:     %1").arg(sha256Fingerprint);
        lines << Tr::tr("  SHA-1:       %1").arg(sha1Fingerprint);
    }
    return lines.join(u'\n') + u'\n';
}

} // namespace vlab
