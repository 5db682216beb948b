#pragma once
// fetchServedCertificate: the certificate an HTTPS endpoint serves, read with a blocking TLS
// handshake for worker threads (a ThreadedJob's work function). Trust is not required: the
// caller compares the fingerprint with the one it expects (after a certificate replacement,
// the new leaf). Nothing is sent over the connection. A refused or reset connection is tried
// again until the deadline, because a PSC's services take minutes to come back after
// certificate-manager restarted them.

#include "core/result.h"

#include <QSslCertificate>
#include <QString>

#include <chrono>
#include <functional>

namespace vlab {

struct ServedCertificateRequest
{
    QString host; // address or name to connect to
    quint16 port = 443;
    QString serverName;                                          // SNI; empty or an address: none
    std::chrono::milliseconds timeout{std::chrono::minutes(10)}; // whole wait, retries included
    std::chrono::milliseconds retryInterval{std::chrono::seconds(5)};
    int maxAttempts = 0; // 0: try again until the deadline; 1: one handshake (an audit's look)
};

// Codes: "tls.served" (no handshake before the deadline), "tls.no-certificate",
// "tls.cancelled".
Result<QSslCertificate> fetchServedCertificate(const ServedCertificateRequest &request,
                                               const std::function<bool()> &cancelled = {});

} // namespace vlab
