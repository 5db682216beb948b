#include "certs/csrgenerator.h"

#include "certs/ossl.h"
#include "core/tr.h"

#include <openssl/err.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

int keygenCallback(EVP_PKEY_CTX *ctx)
{
    const auto *cancelled = static_cast<const std::function<bool()> *>(EVP_PKEY_CTX_get_app_data(ctx));
    return (cancelled && *cancelled && (*cancelled)()) ? 0 : 1;
}

Error opensslError(const QString &message)
{
    return makeError(u"cert.openssl"_s, message, ossl::takeErrors());
}

bool addExtension(STACK_OF(X509_EXTENSION) * exts, X509V3_CTX *ctx, int nid, const QByteArray &value)
{
    X509_EXTENSION *ext = X509V3_EXT_nconf_nid(nullptr, ctx, nid, value.constData());
    if (!ext)
        return false;
    sk_X509_EXTENSION_push(exts, ext);
    return true;
}

} // namespace

Result<KeyAndCsr> generateKeyAndCsr(const CsrRequest &request, const std::function<bool()> &cancelled)
{
    if (const QString problem = request.problem(); !problem.isEmpty())
        return makeError(u"cert.request"_s, problem);
    ERR_clear_error();

    ossl::PkeyCtx keyCtx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    if (!keyCtx || EVP_PKEY_keygen_init(keyCtx.get()) <= 0
        || EVP_PKEY_CTX_set_rsa_keygen_bits(keyCtx.get(), request.keyBits) <= 0)
        return opensslError(Tr::tr("OpenSSL cannot set up RSA key generation."));
    EVP_PKEY_CTX_set_app_data(keyCtx.get(), const_cast<std::function<bool()> *>(&cancelled));
    EVP_PKEY_CTX_set_cb(keyCtx.get(), keygenCallback);
    EVP_PKEY *rawKey = nullptr;
    if (EVP_PKEY_generate(keyCtx.get(), &rawKey) <= 0) {
        if (cancelled && cancelled()) {
            ERR_clear_error(); // the aborted prime search leaves errors queued
            return makeError(u"job.cancelled"_s, Tr::tr("Key generation was cancelled."));
        }
        return opensslError(Tr::tr("OpenSSL could not generate the %1-bit RSA key.").arg(request.keyBits));
    }
    ossl::Pkey key(rawKey);

    ossl::Req req(X509_REQ_new());
    X509_REQ_set_version(req.get(), 0); // the only defined version ("version 1")
    X509_NAME *name = X509_REQ_get_subject_name(req.get());
    const QList<std::pair<const char *, QString>> fields = {
        {"C", request.subject.country},           {"ST", request.subject.state},
        {"L", request.subject.locality},          {"O", request.subject.organization},
        {"OU", request.subject.organizationUnit}, {"CN", request.subject.commonName}};
    for (const auto &[field, value] : fields) {
        if (value.isEmpty())
            continue;
        const QByteArray utf8 = value.toUtf8();
        if (X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                       reinterpret_cast<const unsigned char *>(utf8.constData()),
                                       int(utf8.size()), -1, 0)
            != 1)
            return opensslError(Tr::tr("The subject field %1 = \"%2\" is not accepted by OpenSSL.")
                                    .arg(QString::fromLatin1(field), value));
    }

    X509V3_CTX extCtx;
    X509V3_set_ctx(&extCtx, nullptr, nullptr, req.get(), nullptr, 0);
    STACK_OF(X509_EXTENSION) *exts = sk_X509_EXTENSION_new_null();
    QStringList san;
    for (const QString &dns : request.dnsNames)
        san << u"DNS:"_s + dns;
    bool ok = addExtension(exts, &extCtx, NID_basic_constraints, "CA:FALSE")
        && addExtension(exts, &extCtx, NID_key_usage, "nonRepudiation, digitalSignature, keyEncipherment");
    if (ok && !san.isEmpty())
        ok = addExtension(exts, &extCtx, NID_subject_alt_name, san.join(u", "_s).toUtf8());
    ok = ok && X509_REQ_add_extensions(req.get(), exts) == 1;
    sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
    if (!ok)
        return opensslError(Tr::tr("OpenSSL rejected the request extensions (check the DNS names)."));

    if (X509_REQ_set_pubkey(req.get(), key.get()) != 1
        || X509_REQ_sign(req.get(), key.get(), EVP_sha256()) <= 0)
        return opensslError(Tr::tr("OpenSSL could not sign the certificate request."));

    // The PEM writers report failure only as empty output; an empty key file must not be written.
    KeyAndCsr made{ossl::privateKeyToPem(key.get()), ossl::toPem(req.get())};
    if (made.keyPem.isEmpty() || made.csrPem.isEmpty())
        return opensslError(Tr::tr("OpenSSL could not write the key or the request as PEM."));
    return made;
}

} // namespace vlab
