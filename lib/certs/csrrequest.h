#pragma once
// CsrRequest: what goes into the PSC machine certificate request (subject, DNS names, key
// size), taken from the plan, and the OpenSSL request config equivalent to the walk-through's
// psc_ha_csr_cfg.cfg, so a person can run `openssl req` by hand with the same content.

#include "core/result.h"
#include "plan/labplan.h"

#include <QByteArray>

namespace vlab {

struct CsrRequest
{
    CertificateSubject subject;
    QStringList dnsNames; // subjectAltName entries, in plan order
    int keyBits = 2048;

    static CsrRequest fromPlan(const LabPlan &plan);
    // Empty when the request can be made; otherwise what is wrong with it.
    QString problem() const;
};

// The OpenSSL config text ([ req ], [ v3_req ], [ req_distinguished_name ]).
QByteArray renderRequestConfig(const CsrRequest &request);

// The file names the walk-through and certificate-manager use.
namespace CertFiles {
inline constexpr auto Config = "psc_ha_csr_cfg.cfg";
inline constexpr auto Key = "psc-ha-vip.key";
inline constexpr auto Csr = "psc-ha-vip.csr";
inline constexpr auto Leaf = "psc-ha-vip.crt";
inline constexpr auto Chain = "psc-ha-vip-chain.crt";
inline constexpr auto CaChain = "cachain.crt";
} // namespace CertFiles

} // namespace vlab
