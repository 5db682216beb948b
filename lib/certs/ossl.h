#pragma once
// Small RAII and error helpers over OpenSSL 3 for the certs module (internal: only
// lib/certs includes it). Everything here uses non-deprecated EVP/X509 APIs.

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <vector>

namespace vlab::ossl {

struct BioFree
{
    void operator()(BIO *p) const { BIO_free_all(p); }
};
struct PkeyFree
{
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
};
struct PkeyCtxFree
{
    void operator()(EVP_PKEY_CTX *p) const { EVP_PKEY_CTX_free(p); }
};
struct X509Free
{
    void operator()(X509 *p) const { X509_free(p); }
};
struct ReqFree
{
    void operator()(X509_REQ *p) const { X509_REQ_free(p); }
};
struct StoreFree
{
    void operator()(X509_STORE *p) const { X509_STORE_free(p); }
};
struct StoreCtxFree
{
    void operator()(X509_STORE_CTX *p) const { X509_STORE_CTX_free(p); }
};

using Bio = std::unique_ptr<BIO, BioFree>;
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using Cert = std::unique_ptr<X509, X509Free>;
using Req = std::unique_ptr<X509_REQ, ReqFree>;
using Store = std::unique_ptr<X509_STORE, StoreFree>;
using StoreCtx = std::unique_ptr<X509_STORE_CTX, StoreCtxFree>;
using Certs = std::vector<Cert>;

// The OpenSSL error queue as text (and cleared), for Error::details.
QString takeErrors();

Bio memoryBio(const QByteArray &data);
QByteArray bioContents(BIO *bio);

Cert upRef(X509 *cert);

// Certificates from PEM (any number, any order), DER (one) or PKCS#7 (.p7b, PEM or DER).
// `what` names the input in messages ("the leaf file psc.crt").
Result<Certs> parseCertificates(const QByteArray &data, const QString &what);
Result<Pkey> parsePrivateKey(const QByteArray &data, const QString &what);
Result<Req> parseRequest(const QByteArray &data, const QString &what);

QByteArray toPem(X509 *cert);
QByteArray toPem(X509_REQ *req);
QByteArray privateKeyToPem(EVP_PKEY *key); // PKCS#8, unencrypted

QString nameToString(const X509_NAME *name); // "C=AE, ST=State, ..., CN=host"
QString nameEntry(const X509_NAME *name, int nid);
QString serialHex(X509 *cert);
QByteArray fingerprint(X509 *cert, const EVP_MD *md); // raw digest
QString colonHex(const QByteArray &bytes);            // "AB:CD:..."
QStringList dnsNames(X509 *cert);
QStringList dnsNames(X509_REQ *req);
bool isSelfSigned(X509 *cert);
// Whether `issuer` plausibly issued `cert`: names match, key identifiers agree when both
// are present, and the signature verifies with the issuer's key.
bool issued(X509 *issuer, X509 *cert);

} // namespace vlab::ossl
