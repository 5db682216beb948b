#include "certs/chainbuilder.h"

#include "certs/ossl.h"
#include "core/tr.h"

#include <openssl/x509v3.h>

#include <QSet>

using namespace Qt::StringLiterals;

namespace vlab {

QByteArray CertificateChain::chainPem() const
{
    return leafPem + caChainPem();
}

QByteArray CertificateChain::caChainPem() const
{
    QByteArray out;
    for (const QByteArray &pem : intermediatesPem)
        out += pem;
    return out + rootPem;
}

namespace {

QString describe(X509 *cert)
{
    const QString cn = ossl::nameEntry(X509_get_subject_name(cert), NID_commonName);
    return cn.isEmpty() ? ossl::nameToString(X509_get_subject_name(cert)) : cn;
}

bool isCa(X509 *cert)
{
    return X509_check_ca(cert) > 0;
}

} // namespace

Result<CertificateChain> buildChain(const CertSource &leafSource, const QList<CertSource> &caSources)
{
    CertificateChain chain;
    Result<ossl::Certs> leafCerts = ossl::parseCertificates(leafSource.data, leafSource.name);
    if (!leafCerts)
        return leafCerts.error();

    ossl::Certs pool;
    QSet<QByteArray> seen;
    auto addToPool = [&](ossl::Cert cert) {
        const QByteArray fp = ossl::fingerprint(cert.get(), EVP_sha256());
        if (seen.contains(fp))
            return;
        seen.insert(fp);
        pool.push_back(std::move(cert));
    };

    // The leaf: the one end-entity certificate of the leaf file. A file holding a whole
    // chain is accepted here, but said so: certificate-manager wants the leaf alone.
    ossl::Cert leaf;
    for (ossl::Cert &cert : leafCerts.value()) {
        if (!leaf && !isCa(cert.get()))
            leaf = std::move(cert);
        else if (cert)
            addToPool(std::move(cert));
    }
    if (!leaf) {
        return makeError(u"chain.no-leaf"_s,
                         Tr::tr("%1 holds only CA certificates; give the signed PSC certificate as the leaf.")
                             .arg(leafSource.name));
    }
    if (leafCerts->size() > 1) {
        chain.notes << Tr::tr("%1 held %2 certificates; the PSC certificate (%3) was taken as the leaf "
                              "and the others as CA certificates.")
                           .arg(leafSource.name, QString::number(qsizetype(leafCerts->size())),
                                describe(leaf.get()));
    }
    seen.insert(ossl::fingerprint(leaf.get(), EVP_sha256()));
    for (const CertSource &source : caSources) {
        Result<ossl::Certs> certs = ossl::parseCertificates(source.data, source.name);
        if (!certs)
            return certs.error();
        for (ossl::Cert &cert : certs.value())
            addToPool(std::move(cert));
    }

    if (ossl::isSelfSigned(leaf.get())) {
        return makeError(u"chain.self-signed-leaf"_s,
                         Tr::tr("The leaf certificate (%1) is self-signed: no CA signed it. Have the CA "
                                "sign psc-ha-vip.csr and use the certificate it returns.")
                             .arg(describe(leaf.get())));
    }
    chain.leafPem = ossl::toPem(leaf.get());

    QSet<X509 *> used;
    X509 *current = leaf.get();
    for (int depth = 0; depth < 16; ++depth) {
        X509 *issuer = nullptr;
        for (const ossl::Cert &candidate : std::as_const(pool)) {
            if (!used.contains(candidate.get()) && ossl::issued(candidate.get(), current)) {
                issuer = candidate.get();
                break;
            }
        }
        if (!issuer) {
            return makeError(u"chain.missing-issuer"_s,
                             Tr::tr("The certificate of \"%1\", which signed \"%2\", is missing. Add that "
                                    "intermediate or root CA certificate.")
                                 .arg(ossl::nameToString(X509_get_issuer_name(current)), describe(current)));
        }
        used.insert(issuer);
        if (ossl::isSelfSigned(issuer)) {
            chain.rootPem = ossl::toPem(issuer);
            break;
        }
        chain.intermediatesPem.append(ossl::toPem(issuer));
        current = issuer;
    }
    if (chain.rootPem.isEmpty())
        return makeError(u"chain.too-long"_s,
                         Tr::tr("The chain is longer than 16 certificates; it is not a PSC chain."));

    for (const ossl::Cert &cert : std::as_const(pool)) {
        if (!used.contains(cert.get()))
            chain.notes << Tr::tr("%1 is not part of this chain and was left out.").arg(describe(cert.get()));
    }
    return chain;
}

Result<CertificateChain> buildChain(const QList<CertSource> &sources)
{
    // Find the file holding the end-entity certificate; it becomes the leaf source.
    qsizetype leafIndex = -1;
    for (qsizetype i = 0; i < sources.size(); ++i) {
        Result<ossl::Certs> certs = ossl::parseCertificates(sources.at(i).data, sources.at(i).name);
        if (!certs)
            return certs.error();
        const bool hasLeaf =
            std::any_of(certs->cbegin(), certs->cend(), [](const ossl::Cert &c) { return !isCa(c.get()); });
        if (!hasLeaf)
            continue;
        if (leafIndex >= 0) {
            return makeError(u"chain.two-leaves"_s,
                             Tr::tr("Both %1 and %2 hold an end-entity certificate; give the PSC certificate "
                                    "and its CA certificates only.")
                                 .arg(sources.at(leafIndex).name, sources.at(i).name));
        }
        leafIndex = i;
    }
    if (leafIndex < 0) {
        return makeError(u"chain.no-leaf"_s,
                         Tr::tr("None of the files holds the signed PSC certificate; add the certificate "
                                "the CA issued for psc-ha-vip.csr."));
    }
    QList<CertSource> cas = sources;
    const CertSource leaf = cas.takeAt(leafIndex);
    return buildChain(leaf, cas);
}

Result<CertificateChain> buildChain(const QByteArray &leafPem, const QList<QByteArray> &casPem)
{
    QList<CertSource> cas;
    for (const QByteArray &pem : casPem)
        cas.append({Tr::tr("the CA certificates"), pem});
    return buildChain(CertSource{Tr::tr("the leaf certificate"), leafPem}, cas);
}

} // namespace vlab
