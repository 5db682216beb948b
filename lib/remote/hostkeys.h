#pragma once
// Host keys: what this project knows about the SSH servers it talks to, kept in a
// known_hosts file of the project's own (by default next to the plan, never ~/.ssh unless
// asked). A server's key is Known (recorded), Unknown (never seen: accepted only when the
// person confirmed its SHA-256 fingerprint), Changed or OtherType (a different key, or a key
// of another type, than the one recorded: a hard stop until someone checks with the admin).
// Fingerprints are written as OpenSSH prints them: "SHA256:<base64 without padding>".

#include "core/result.h"

#include <QList>
#include <QString>

struct ssh_key_struct;

namespace vlab {

enum class HostKeyState { Known, Unknown, Changed, OtherType };
QString hostKeyStateName(HostKeyState state); // "known", "unknown", "changed", "other-type"

struct KnownHostEntry
{
    int line = 0;        // 1-based line number in the known_hosts file
    QString keyType;     // "ssh-ed25519", "ecdsa-sha2-nistp256", ...
    QString fingerprint; // "SHA256:..."
};

struct HostKeyCheck
{
    HostKeyState state = HostKeyState::Unknown;
    QString hostEntry;              // the name the file uses: "host", or "[host]:port" off port 22
    QString keyType;                // the server's key
    QString fingerprint;            // the server's key, "SHA256:..."
    QList<KnownHostEntry> recorded; // the file's entries for this host (any type)
    QString knownHostsFile;
};

// The project-local default: "<projectFolder>/known_hosts".
QString defaultKnownHostsFile(const QString &projectFolder);

// "host" on port 22, "[host]:port" elsewhere, as OpenSSH and libssh write it.
QString knownHostsName(const QString &host, int port);

// "SHA256:<base64, no padding>" of a public key blob (the SSH wire form).
QString sha256Fingerprint(const QByteArray &publicKeyBlob);
Result<QString> sha256Fingerprint(ssh_key_struct *key);

// Compares the server's key with the file. A missing file means every host is Unknown.
// Hashed host names (|1|...) are understood. Codes: "hostkey.read", "hostkey.key".
Result<HostKeyCheck> checkHostKey(const QString &knownHostsFile, const QString &host, int port,
                                  ssh_key_struct *serverKey);

// Records an Unknown key, but only when `confirmedFingerprint` is the key's fingerprint
// (the person compared it with the one the server's admin gave them). Appends one line,
// creating the file and its folder. Codes: "hostkey.not-confirmed", "hostkey.mismatch",
// "hostkey.changed", "hostkey.write".
Result<void> recordHostKey(const HostKeyCheck &check, ssh_key_struct *serverKey,
                           const QString &confirmedFingerprint);

// The decision the connection makes: Known passes; Unknown passes after recordHostKey() with
// the confirmed fingerprint; everything else is an error whose message says what to do.
Result<void> acceptHostKey(const HostKeyCheck &check, ssh_key_struct *serverKey,
                           const QString &confirmedFingerprint);

// The fingerprint a "hostkey.not-confirmed" error asks the person to confirm (from its
// details); empty for any other error. Front ends show it in their question.
QString fingerprintToConfirm(const Error &error);

} // namespace vlab
