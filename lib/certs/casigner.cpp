#include "certs/casigner.h"

#include "certs/chainbuilder.h"
#include "certs/ossl.h"
#include "core/tr.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
Error opensslError(const QString &message)
{
    return makeError(u"cert.openssl"_s, message, ossl::takeErrors());
}
} // namespace

Result<SignedCertificate> signWithCa(const QByteArray &csrData, const QByteArray &caData,
                                     const QByteArray &keyData, int validityDays)
{
    if (validityDays < 1 || validityDays > 3650)
        return makeError(u"cert.days"_s,
                         Tr::tr("A validity of %1 days is out of range; use 1 to 3650.").arg(validityDays));
    Result<ossl::Req> req = ossl::parseRequest(csrData, Tr::tr("The request"));
    if (!req)
        return req.error();
    Result<ossl::Certs> caCerts = ossl::parseCertificates(caData, Tr::tr("The CA certificate"));
    if (!caCerts)
        return caCerts.error();
    Result<ossl::Pkey> caKey = ossl::parsePrivateKey(keyData, Tr::tr("The CA key"));
    if (!caKey)
        return caKey.error();
    // The signing CA is the certificate that belongs to the key, wherever it sits in the file.
    X509 *ca = caCerts->front().get();
    for (const ossl::Cert &candidate : caCerts.value()) {
        if (EVP_PKEY_eq(X509_get0_pubkey(candidate.get()), caKey->get()) == 1) {
            ca = candidate.get();
            break;
        }
    }
    ERR_clear_error();

    EVP_PKEY *requestKey = X509_REQ_get0_pubkey(req->get());
    if (!requestKey || X509_REQ_verify(req->get(), requestKey) != 1) {
        return makeError(u"csr.signature"_s,
                         Tr::tr("The request's own signature does not verify: it was changed after it "
                                "was made, or is damaged."),
                         ossl::takeErrors());
    }
    if (X509_check_private_key(ca, caKey->get()) != 1) {
        ERR_clear_error();
        return makeError(u"ca.key-mismatch"_s,
                         Tr::tr("The CA key does not belong to the CA certificate (%1). Copy root.cer "
                                "and privatekey.pem from the same PSC.")
                             .arg(ossl::nameEntry(X509_get_subject_name(ca), NID_commonName)));
    }
    if (X509_check_ca(ca) <= 0) {
        return makeError(u"ca.not-ca"_s,
                         Tr::tr("The CA certificate (%1) is not a CA certificate: it cannot sign others.")
                             .arg(ossl::nameToString(X509_get_subject_name(ca))));
    }

    ossl::Cert leaf(X509_new());
    X509 *x = leaf.get();
    // A random positive 159-bit serial, as RFC 5280 asks of CAs.
    BIGNUM *serial = BN_new();
    const bool serialOk = BN_rand(serial, 159, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1
        && BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(x)) != nullptr;
    BN_free(serial);
    if (!serialOk || X509_set_version(x, X509_VERSION_3) != 1
        || X509_set_issuer_name(x, X509_get_subject_name(ca)) != 1
        || X509_set_subject_name(x, X509_REQ_get_subject_name(req->get())) != 1
        || X509_set_pubkey(x, requestKey) != 1
        // Back-dated a minute so a PSC whose clock runs slightly behind accepts it at once.
        || !X509_gmtime_adj(X509_getm_notBefore(x), -60)
        || !X509_time_adj_ex(X509_getm_notAfter(x), validityDays, 0, nullptr))
        return opensslError(Tr::tr("OpenSSL could not fill in the certificate."));

    // Carry over the request's extensions (what openssl's copy_extensions does), refusing a
    // request for a CA certificate.
    STACK_OF(X509_EXTENSION) *exts = X509_REQ_get_extensions(req->get());
    for (int i = 0; exts && i < sk_X509_EXTENSION_num(exts); ++i) {
        X509_EXTENSION *ext = sk_X509_EXTENSION_value(exts, i);
        const int nid = OBJ_obj2nid(X509_EXTENSION_get_object(ext));
        if (nid == NID_basic_constraints) {
            auto *bc = static_cast<BASIC_CONSTRAINTS *>(X509V3_EXT_d2i(ext));
            const bool wantsCa = bc && bc->ca;
            BASIC_CONSTRAINTS_free(bc);
            if (wantsCa) {
                sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
                return makeError(u"csr.wants-ca"_s,
                                 Tr::tr("The request asks for a CA certificate (CA:true); a PSC machine "
                                        "certificate must not be a CA."));
            }
        }
        if (nid == NID_subject_key_identifier || nid == NID_authority_key_identifier)
            continue;                        // set below from the actual keys
        if (X509_add_ext(x, ext, -1) != 1) { // a dropped SAN or key usage must not go unnoticed
            sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
            return opensslError(Tr::tr("OpenSSL could not copy the request's extensions."));
        }
    }
    sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);

    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, ca, x, nullptr, nullptr, 0);
    // "keyid,issuer": the CA's key identifier, or its name and serial when the CA certificate
    // has no subjectKeyIdentifier ("keyid:always" refuses to sign with such a CA).
    for (const auto &[nid, value] : {std::pair{NID_subject_key_identifier, "hash"},
                                     std::pair{NID_authority_key_identifier, "keyid,issuer"}}) {
        X509_EXTENSION *ext = X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value);
        const bool added = ext && X509_add_ext(x, ext, -1) == 1;
        X509_EXTENSION_free(ext);
        if (!added)
            return opensslError(Tr::tr("OpenSSL could not add the key identifiers."));
    }
    if (X509_sign(x, caKey->get(), EVP_sha256()) <= 0)
        return opensslError(Tr::tr("OpenSSL could not sign the certificate with the CA key."));

    // The CA file may carry the CA's own chain; order it with the chain builder.
    QByteArray casPem;
    for (const ossl::Cert &cert : caCerts.value())
        casPem += ossl::toPem(cert.get());
    const QByteArray leafPem = ossl::toPem(x);
    Result<CertificateChain> chain = buildChain(leafPem, {casPem});
    if (!chain)
        return chain.error();
    return SignedCertificate{leafPem, chain->chainPem(), chain->caChainPem()};
}

} // namespace vlab
