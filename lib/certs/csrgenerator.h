#pragma once
// Generates the RSA key and the certificate request for the PSC machine certificate with
// OpenSSL 3's EVP and X509_REQ APIs: RSA of the planned size, SHA-256, subject from the plan,
// and the v3_req extensions (CA:false; nonRepudiation, digitalSignature, keyEncipherment;
// the DNS names).

#include "certs/csrrequest.h"
#include "core/result.h"

#include <functional>

namespace vlab {

struct KeyAndCsr
{
    QByteArray keyPem; // PKCS#8, unencrypted: certificate-manager reads no pass phrase
    QByteArray csrPem;
};

// `cancelled` is polled during the prime search; returning true aborts with "job.cancelled".
Result<KeyAndCsr> generateKeyAndCsr(const CsrRequest &request, const std::function<bool()> &cancelled = {});

} // namespace vlab
