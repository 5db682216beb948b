#pragma once
// ChainBuilder: orders a signed leaf and any number of CA certificates (PEM or DER, one per
// file or bundled, PKCS#7, in any order) into the files certificate-manager wants:
//   psc-ha-vip-chain.crt = leaf, intermediates from the leaf upward, root
//   cachain.crt          = intermediates from the leaf upward, root
// Issuers are matched by name and key identifiers and confirmed by checking the signature.

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace vlab {

struct CertSource
{
    QString name; // for messages: a file name, "the CA certificate" ...
    QByteArray data;
};

struct CertificateChain
{
    QByteArray leafPem;
    QList<QByteArray> intermediatesPem; // from the leaf upward
    QByteArray rootPem;
    QStringList notes; // what was ignored or rearranged, for people

    QByteArray chainPem() const;
    QByteArray caChainPem() const;
};

Result<CertificateChain> buildChain(const CertSource &leaf, const QList<CertSource> &cas);
// Everything the CA returned, in any order and grouping: the leaf is the one end-entity
// certificate among them (what a user drops onto the wizard).
Result<CertificateChain> buildChain(const QList<CertSource> &sources);
// Convenience for data without file names.
Result<CertificateChain> buildChain(const QByteArray &leafPem, const QList<QByteArray> &casPem);

} // namespace vlab
