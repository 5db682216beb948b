#pragma once
// TLS trust for the lab's management endpoints (NetScaler NSIP, vCenter, PSC). A certificate
// is trusted when this machine's CA store verifies it for the host name, or when it is
// exactly the certificate whose SHA-256 fingerprint the user confirmed (pinning: lab
// appliances ship self-signed certificates). Errors are never ignored wholesale: only the
// trust errors a confirmed fingerprint answers, and only for that certificate.

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QSslError>

class QSslCertificate;

namespace vlab {

// "AB:CD:...": 32 upper-case hex pairs, the form browsers and `openssl x509 -fingerprint` show.
QString sha256Fingerprint(const QSslCertificate &certificate);
QString formatSha256(const QByteArray &digest);

// Accepts the colon form, plain hex (either case), and an optional "SHA256:"/"sha256="
// prefix. Fails with a message naming the expected form.
Result<QByteArray> parseSha256Fingerprint(const QString &text);

struct TlsVerdict
{
    bool accept = false;
    QString presentedFingerprint; // of the peer's leaf, colon form; empty when none was sent
    QString problem;              // why it was refused, for people
    // Refused only because no fingerprint was confirmed yet: the person may compare the
    // presented one and confirm it (never for a pin mismatch or a certificate no pin answers).
    bool confirmable = false;
    // Refused because the certificate is not the confirmed one (the pin): replaced on the
    // appliance, or another machine answers. The person may confirm the new one only after a
    // warning that says so, never as if it were the first time.
    bool pinChanged = false;
};

// Decides what to do with a TLS handshake's errors. `pin` is the confirmed SHA-256 digest
// (32 bytes) or empty.
TlsVerdict judgeTlsErrors(const QList<QSslError> &errors, const QSslCertificate &peer, const QByteArray &pin);

} // namespace vlab
