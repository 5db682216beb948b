#include "certs/ossl.h"

#include "core/tr.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/x509v3.h>

using namespace Qt::StringLiterals;

namespace vlab::ossl {

QString takeErrors()
{
    QStringList lines;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        lines << QString::fromLatin1(buffer);
    }
    return lines.join(u'\n');
}

Bio memoryBio(const QByteArray &data)
{
    return Bio(BIO_new_mem_buf(data.constData(), int(data.size())));
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QByteArray(data, size) : QByteArray();
}

Cert upRef(X509 *cert)
{
    X509_up_ref(cert);
    return Cert(cert);
}

namespace {

bool looksLikePem(const QByteArray &data)
{
    return data.contains("-----BEGIN ");
}

Certs fromPkcs7(PKCS7 *p7)
{
    Certs certs;
    if (!p7)
        return certs;
    STACK_OF(X509) *stack = nullptr;
    if (PKCS7_type_is_signed(p7) && p7->d.sign)
        stack = p7->d.sign->cert;
    else if (PKCS7_type_is_signedAndEnveloped(p7) && p7->d.signed_and_enveloped)
        stack = p7->d.signed_and_enveloped->cert;
    for (int i = 0; stack && i < sk_X509_num(stack); ++i)
        certs.push_back(upRef(sk_X509_value(stack, i)));
    PKCS7_free(p7);
    return certs;
}

} // namespace

Result<Certs> parseCertificates(const QByteArray &data, const QString &what)
{
    ERR_clear_error();
    Certs certs;
    if (data.trimmed().isEmpty())
        return makeError(u"cert.empty"_s, Tr::tr("%1 is empty.").arg(what));
    if (looksLikePem(data)) {
        if (data.contains("-----BEGIN PKCS7-----")) {
            Bio bio = memoryBio(data);
            certs = fromPkcs7(PEM_read_bio_PKCS7(bio.get(), nullptr, nullptr, nullptr));
        } else {
            Bio bio = memoryBio(data);
            // The _AUX reader also takes "TRUSTED CERTIFICATE" blocks (counted below); their
            // trust settings are dropped: trust comes from how the file is given, as for PEM output.
            while (X509 *cert = PEM_read_bio_X509_AUX(bio.get(), nullptr, nullptr, nullptr)) {
                X509_trust_clear(cert);
                X509_reject_clear(cert);
                certs.push_back(Cert(cert));
            }
            // The loop ends with a "no start line" error at the end of the data: expected.
            ERR_clear_error();
            const int blocks = int(data.count("-----BEGIN CERTIFICATE-----"))
                + int(data.count("-----BEGIN TRUSTED CERTIFICATE-----"))
                + int(data.count("-----BEGIN X509 CERTIFICATE-----"));
            if (blocks != int(certs.size())) {
                return makeError(u"cert.corrupt"_s,
                                 Tr::tr("%1 holds %2 certificate block(s), but only %3 could be read: "
                                        "the PEM text is damaged (a changed or missing character?).")
                                     .arg(what, QString::number(blocks), QString::number(int(certs.size()))));
            }
        }
        if (certs.empty()) {
            const bool isKey = data.contains("PRIVATE KEY-----");
            const bool isReq = data.contains("CERTIFICATE REQUEST-----");
            return makeError(
                u"cert.none"_s,
                isKey ? Tr::tr("%1 holds a private key, not a certificate.").arg(what)
                    : isReq
                    ? Tr::tr("%1 holds a certificate request (CSR), not a signed certificate.").arg(what)
                    : Tr::tr("%1 holds no certificate.").arg(what),
                takeErrors()); // a failed PKCS#7 read leaves its errors queued
        }
        return certs;
    }
    // DER: one certificate, or a PKCS#7 bundle.
    const auto *p = reinterpret_cast<const unsigned char *>(data.constData());
    if (X509 *cert = d2i_X509(nullptr, &p, long(data.size()))) {
        certs.push_back(Cert(cert));
        if (p != reinterpret_cast<const unsigned char *>(data.constData()) + data.size()) {
            return makeError(u"cert.corrupt"_s,
                             Tr::tr("%1 has extra data after its DER certificate.").arg(what));
        }
        return certs;
    }
    ERR_clear_error();
    p = reinterpret_cast<const unsigned char *>(data.constData());
    certs = fromPkcs7(d2i_PKCS7(nullptr, &p, long(data.size())));
    if (!certs.empty())
        return certs;
    return makeError(u"cert.unreadable"_s,
                     Tr::tr("%1 is not a certificate: neither PEM, DER nor PKCS#7.").arg(what), takeErrors());
}

Result<Pkey> parsePrivateKey(const QByteArray &data, const QString &what)
{
    ERR_clear_error();
    Bio bio = memoryBio(data);
    EVP_PKEY *key = nullptr;
    if (looksLikePem(data)) {
        if (data.contains("ENCRYPTED PRIVATE KEY") || data.contains("Proc-Type: 4,ENCRYPTED"))
            return makeError(u"key.encrypted"_s,
                             Tr::tr("%1 is encrypted with a pass phrase; certificate-manager needs an "
                                    "unencrypted key (openssl pkey -in KEY -out PLAIN.key).")
                                 .arg(what));
        key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    } else {
        key = d2i_PrivateKey_bio(bio.get(), nullptr);
    }
    if (!key) {
        return makeError(u"key.unreadable"_s,
                         data.contains("CERTIFICATE-----")
                             ? Tr::tr("%1 holds a certificate, not a private key.").arg(what)
                             : Tr::tr("%1 is not a readable private key.").arg(what),
                         takeErrors());
    }
    return Pkey(key);
}

Result<Req> parseRequest(const QByteArray &data, const QString &what)
{
    ERR_clear_error();
    X509_REQ *req = nullptr;
    Bio bio = memoryBio(data);
    if (looksLikePem(data))
        req = PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr);
    else
        req = d2i_X509_REQ_bio(bio.get(), nullptr);
    if (!req) {
        return makeError(u"csr.unreadable"_s,
                         data.contains("BEGIN CERTIFICATE-----")
                             ? Tr::tr("%1 holds a certificate, not a certificate request.").arg(what)
                             : Tr::tr("%1 is not a readable certificate request (CSR).").arg(what),
                         takeErrors());
    }
    return Req(req);
}

QByteArray toPem(X509 *cert)
{
    Bio bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), cert);
    return bioContents(bio.get());
}

QByteArray toPem(X509_REQ *req)
{
    Bio bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509_REQ(bio.get(), req);
    return bioContents(bio.get());
}

QByteArray privateKeyToPem(EVP_PKEY *key)
{
    Bio bio(BIO_new(BIO_s_secmem()));
    if (!bio)
        bio.reset(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    return bioContents(bio.get());
}

QString nameToString(const X509_NAME *name)
{
    Bio bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB);
    return QString::fromUtf8(bioContents(bio.get()));
}

QString nameEntry(const X509_NAME *name, int nid)
{
    const int index = X509_NAME_get_index_by_NID(name, nid, -1);
    if (index < 0)
        return {};
    const ASN1_STRING *value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char *utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, value);
    if (length < 0)
        return {};
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
    OPENSSL_free(utf8);
    return text;
}

QString serialHex(X509 *cert)
{
    BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr);
    if (!bn)
        return {};
    char *hex = BN_bn2hex(bn);
    const QString text = QString::fromLatin1(hex);
    OPENSSL_free(hex);
    BN_free(bn);
    return text;
}

QByteArray fingerprint(X509 *cert, const EVP_MD *md)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(cert, md, digest, &length) != 1)
        return {};
    return QByteArray(reinterpret_cast<const char *>(digest), int(length));
}

QString colonHex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex(':').toUpper());
}

namespace {
QStringList namesFrom(GENERAL_NAMES *names)
{
    QStringList out;
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names, i);
        if (name->type != GEN_DNS)
            continue;
        const ASN1_IA5STRING *dns = name->d.dNSName;
        out << QString::fromLatin1(reinterpret_cast<const char *>(ASN1_STRING_get0_data(dns)),
                                   ASN1_STRING_length(dns));
    }
    GENERAL_NAMES_free(names);
    return out;
}
} // namespace

QStringList dnsNames(X509 *cert)
{
    return namesFrom(
        static_cast<GENERAL_NAMES *>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
}

QStringList dnsNames(X509_REQ *req)
{
    STACK_OF(X509_EXTENSION) *exts = X509_REQ_get_extensions(req);
    QStringList out;
    for (int i = 0; exts && i < sk_X509_EXTENSION_num(exts); ++i) {
        X509_EXTENSION *ext = sk_X509_EXTENSION_value(exts, i);
        if (OBJ_obj2nid(X509_EXTENSION_get_object(ext)) == NID_subject_alt_name)
            out += namesFrom(static_cast<GENERAL_NAMES *>(X509V3_EXT_d2i(ext)));
    }
    sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
    return out;
}

bool isSelfSigned(X509 *cert)
{
    // Not X509_check_issued(cert, cert): that also asks for keyCertSign, which a self-signed
    // leaf (keyUsage digitalSignature, keyEncipherment) lacks; it was reported as "issuer missing".
    const bool ok = X509_self_signed(cert, 1) == 1;
    ERR_clear_error(); // a failed X509_verify queues errors that would show up in later details
    return ok;
}

bool issued(X509 *issuer, X509 *cert)
{
    // X509_check_issued compares names, the key identifiers and key usage (keyCertSign).
    if (X509_check_issued(issuer, cert) != X509_V_OK)
        return false;
    const bool ok = X509_verify(cert, X509_get0_pubkey(issuer)) == 1;
    ERR_clear_error();
    return ok;
}

} // namespace vlab::ossl
