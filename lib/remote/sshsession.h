#pragma once
// SshSession: one SSH connection, used from a worker thread (a ThreadedJob's work function):
// connect with a timeout and the project's host-key policy, authenticate with a password or a
// private key, run commands (timeout, cancel, stdout/stderr/exit status), and upload files over
// SFTP with a mode, progress and a check of the remote size and SHA-256 afterwards.
// Every call blocks, but none longer than its timeout, and each polls the caller's cancel
// check between short waits. A connection that drops is reported as such ("ssh.dropped").
// Passwords go to the server only: never into errors, logs or evidence.

#include "core/result.h"
#include "remote/hostkeys.h"

#include <QByteArray>
#include <QString>

#include <chrono>
#include <functional>
#include <optional>

struct ssh_session_struct;
struct ssh_channel_struct;

namespace vlab {

struct SshEndpoint
{
    QString user;
    QString host;
    int port = 22;

    QString toString() const; // "user@host" or "user@host:port"
    // "USER@HOST[:PORT]" ("[v6addr]:port" for IPv6 with a port); nullopt when malformed.
    static std::optional<SshEndpoint> parse(const QString &text);
};

struct SshCredentials
{
    QString password;       // password or keyboard-interactive authentication
    QString privateKeyFile; // tried first when set (OpenSSH or PEM private key file)
    QString keyPassphrase;
};

struct SshConnectOptions
{
    SshEndpoint endpoint;
    QString knownHostsFile;                   // the project's known_hosts (see defaultKnownHostsFile())
    QString acceptFingerprint;                // "SHA256:..." the person confirmed for a host not known yet
    std::chrono::milliseconds timeout{15000}; // connecting, and any single wait for the server
    // A command whose output (stdout and stderr together) passes this is stopped and fails
    // with "ssh.too-large": a capture or a log read on a busy appliance stays far below it,
    // and a runaway or hostile command cannot fill memory.
    qint64 maxOutputBytes = 64 * 1024 * 1024;
};

using CancelCheck = std::function<bool()>;

struct ExecResult
{
    QByteArray standardOutput;
    QByteArray standardError;
    int exitStatus = -1;
};

struct UploadResult
{
    QString remotePath;
    qint64 size = 0;
    QString sha256; // hex, of the local file, equal to the remote one
    int mode = 0;   // as set on the remote file, e.g. 0600
};

// Called during uploads with the bytes sent so far.
using UploadProgress = std::function<void(qint64 done, qint64 total)>;

class SshSession
{
public:
    SshSession();
    ~SshSession();
    SshSession(const SshSession &) = delete;
    SshSession &operator=(const SshSession &) = delete;

    // Connects and checks the host key (see acceptHostKey()); on success the check is returned
    // (Known, or Unknown and just recorded). Codes: "ssh.connect", "ssh.cancelled",
    // "hostkey.*".
    Result<HostKeyCheck> connect(const SshConnectOptions &options, const CancelCheck &cancelled = {});
    // Key first (when given), then password, then keyboard-interactive with the password.
    // Codes: "ssh.auth", "ssh.key".
    Result<void> authenticate(const SshCredentials &credentials);
    void disconnect();
    bool isConnected() const;
    const SshEndpoint &endpoint() const { return m_options.endpoint; }
    std::chrono::milliseconds timeout() const { return m_options.timeout; }

    // Runs `command` (by the user's login shell) without a terminal. Codes: "ssh.timeout",
    // "ssh.cancelled" (the channel is closed and the command sent SIGTERM), "ssh.dropped",
    // "ssh.channel". A non-zero exit status is a result, not an error.
    Result<ExecResult> exec(const QString &command, std::chrono::milliseconds timeout,
                            const CancelCheck &cancelled = {});

    // Copies a local file to remotePath over SFTP (the `sftp` subsystem) with the given mode
    // (set before any data is written), then checks the remote size and SHA-256
    // (`sha256sum` on the server, or by reading the file back). Codes: "sftp.start",
    // "sftp.open", "sftp.write", "upload.local", "upload.verify", "ssh.cancelled", "ssh.dropped".
    Result<UploadResult> upload(const QString &localPath, const QString &remotePath, int mode,
                                const UploadProgress &progress = {}, const CancelCheck &cancelled = {});

    // The SHA-256 (hex) of a remote file: `sha256sum`, or read back over SFTP if that fails.
    Result<QString> remoteSha256(const QString &remotePath, const CancelCheck &cancelled = {});

    // For the PTY driver: the raw session. Valid while connected.
    ssh_session_struct *handle() const { return m_session; }
    // Translates a libssh failure on this session into an Error ("ssh.dropped" when the
    // connection is gone, else `code`).
    Error failure(const QString &code, const QString &what) const;

private:
    Result<QString> readBackSha256(const QString &remotePath, const CancelCheck &cancelled);

    ssh_session_struct *m_session = nullptr;
    SshConnectOptions m_options;
    bool m_authenticated = false;
    bool m_shellChecked = false; // the login shell prints nothing on non-interactive sessions
};

} // namespace vlab
