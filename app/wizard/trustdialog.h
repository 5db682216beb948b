#pragma once
// TrustDialog: the one question the wizard asks before it trusts a peer it has never seen: a
// NetScaler's management certificate (NITRO over HTTPS), a vCenter's certificate, or an SSH
// host key. It shows the host and port, what kind of key it is, the SHA-256 fingerprint to
// compare, and where the real one is read on the appliance itself. "Do not trust" is the
// default: Enter alone or Escape declines.
//
// TrustRequest is what a job that stopped at an untrusted peer asks, read from its error
// code ("http.tls.untrusted", "http.tls.changed", "hostkey.not-confirmed"), never from its
// message text.

#include <QDialog>

#include <optional>

namespace vlab {

class Job;
struct Error;

struct TrustRequest
{
    enum class Kind { NetScaler, VCenter, SshHostKey };
    Kind kind = Kind::VCenter;
    QString host;
    quint16 port = 0;
    QString keyType;     // SSH: "ssh-ed25519", ...; empty for TLS
    QString fingerprint; // as presented: "AB:CD:..." (TLS, SHA-256) or "SHA256:..." (SSH)
    // TLS: the fingerprint confirmed before, when the presented certificate is another one
    // ("http.tls.changed"): the dialog then warns that it changed. Empty the first time.
    QString previousFingerprint;

    // "host:port" ("[v6]:port" for an IPv6 address), the port always shown.
    QString hostPort() const;
    // "the NetScaler's certificate", "the vCenter's certificate", "the SSH host key".
    QString what() const;
};

// What `job` (stopped) asks the person to trust, from its error's code; nothing for any other
// failure (an expired certificate, a changed host key, a refused login...). A TLS refusal is of
// `tlsKind` (the page knows whether it talked to a NetScaler or a vCenter).
std::optional<TrustRequest> untrustedPeer(const Job *job, TrustRequest::Kind tlsKind);

class TrustDialog : public QDialog
{
    Q_OBJECT
public:
    explicit TrustDialog(const TrustRequest &request, QWidget *parent = nullptr);

    // Shows the dialog modally; true only when the person chose to trust.
    static bool ask(QWidget *parent, const TrustRequest &request);

    // The fingerprint as the dialog shows it: a TLS one in two lines of 16 pairs (the first
    // ending in ':'), an SSH one as ssh-keygen -lf prints it.
    static QString readable(const TrustRequest &request);
    // Where the person reads the real fingerprint on the appliance.
    static QString whereToFind(const TrustRequest &request);
};

} // namespace vlab
