#pragma once
// CaSigner: signs the PSC certificate request with a CA key held locally, the walk-through's
// option 1 (the VMCA root.cer and privatekey.pem copied from a PSC). The request's v3_req
// extensions are carried over (a request that asks for CA:true is refused), key identifiers
// are added, and the signature is SHA-256.

#include "core/result.h"

#include <QByteArray>

namespace vlab {

struct SignedCertificate
{
    QByteArray leafPem;    // psc-ha-vip.crt
    QByteArray chainPem;   // psc-ha-vip-chain.crt: leaf, then the CA (and its own chain)
    QByteArray caChainPem; // cachain.crt: the CA (and its own chain, upward)
};

// caCert may hold the signing CA followed by its own issuers (a VMCA that is a subordinate).
Result<SignedCertificate> signWithCa(const QByteArray &csr, const QByteArray &caCert, const QByteArray &caKey,
                                     int validityDays);

} // namespace vlab
