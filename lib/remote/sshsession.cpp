#include "remote/sshsession.h"

#include "core/quoting.h"
#include "core/tr.h"
#include "net/hostport.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>

#include <libssh/libssh.h>
#include <libssh/sftp.h>

#include <fcntl.h>
#include <mutex>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

constexpr int kPollMs = 50;             // longest wait between two looks at cancel and deadline
constexpr qsizetype kChunk = 64 * 1024; // SFTP write size: well under every server's packet limit

void initLibssh()
{
    static std::once_flag once;
    std::call_once(once, [] { ssh_init(); });
}

// Frees a channel on every way out of a function.
struct ChannelGuard
{
    ssh_channel channel = nullptr;
    ~ChannelGuard()
    {
        if (channel) {
            if (ssh_channel_is_open(channel))
                ssh_channel_close(channel);
            ssh_channel_free(channel);
        }
    }
};

struct SftpGuard
{
    sftp_session sftp = nullptr;
    sftp_file file = nullptr;
    ~SftpGuard()
    {
        if (file)
            sftp_close(file);
        if (sftp)
            sftp_free(sftp);
    }
};

QString octal(int mode)
{
    return u"0%1"_s.arg(mode, 3, 8, QChar(u'0'));
}

QString sftpErrorText(int code)
{
    switch (code) {
    case SSH_FX_NO_SUCH_FILE:
        return u"no such file or folder"_s;
    case SSH_FX_PERMISSION_DENIED:
        return u"permission denied"_s;
    case SSH_FX_FAILURE:
        return u"failure"_s;
    case SSH_FX_NO_SUCH_PATH:
        return u"no such path"_s;
    default:
        return u"SFTP status %1"_s.arg(code);
    }
}

bool stillConnected(ssh_session session)
{
    return session && ssh_is_connected(session)
        && !(ssh_get_status(session) & (SSH_CLOSED | SSH_CLOSED_ERROR));
}

} // namespace

QString SshEndpoint::toString() const
{
    const QString hostPart = host.contains(u':') ? u"[%1]"_s.arg(host) : host;
    if (port == 22)
        return u"%1@%2"_s.arg(user, hostPart);
    return u"%1@%2:%3"_s.arg(user, hostPart, QString::number(port));
}

std::optional<SshEndpoint> SshEndpoint::parse(const QString &text)
{
    static const QRegularExpression user(uR"(^[A-Za-z0-9._][A-Za-z0-9._-]*$)"_s);
    const QString t = text.trimmed();
    const qsizetype at = t.indexOf(u'@');
    if (at < 0 || !user.match(t.left(at)).hasMatch())
        return std::nullopt;
    const Result<HostPort> hostPort = parseHostPort(t.mid(at + 1), 22);
    if (!hostPort)
        return std::nullopt;
    SshEndpoint e;
    e.user = t.left(at);
    e.host = hostPort->host;
    e.port = hostPort->port;
    return e;
}

SshSession::SshSession()
{
    initLibssh();
}

SshSession::~SshSession()
{
    disconnect();
}

void SshSession::disconnect()
{
    if (m_session) {
        if (ssh_is_connected(m_session))
            ssh_disconnect(m_session);
        ssh_free(m_session);
        m_session = nullptr;
    }
    m_authenticated = false;
}

bool SshSession::isConnected() const
{
    return stillConnected(m_session);
}

Error SshSession::failure(const QString &code, const QString &what) const
{
    const QString libsshError = m_session ? QString::fromUtf8(ssh_get_error(m_session)) : QString();
    if (m_session && !stillConnected(m_session)) {
        return makeError(u"ssh.dropped"_s,
                         Tr::tr("The connection to %1 was lost while %2. Check that the server is up and "
                                "reachable, then run the step again.")
                             .arg(m_options.endpoint.toString(), what),
                         libsshError);
    }
    return makeError(
        code, Tr::tr("SSH to %1 failed while %2: %3").arg(m_options.endpoint.toString(), what, libsshError),
        libsshError);
}

Result<HostKeyCheck> SshSession::connect(const SshConnectOptions &options, const CancelCheck &cancelled)
{
    disconnect();
    m_options = options;
    if (cancelled && cancelled())
        return makeError(u"ssh.cancelled"_s,
                         Tr::tr("Cancelled before connecting to %1.").arg(options.endpoint.toString()));
    if (options.knownHostsFile.isEmpty())
        return makeError(u"hostkey.no-file"_s,
                         Tr::tr("No known hosts file was given for %1; host keys could not be "
                                "checked, so no connection was made.")
                             .arg(options.endpoint.toString()));
    m_session = ssh_new();
    if (!m_session)
        return makeError(u"ssh.connect"_s, Tr::tr("Cannot create an SSH session (out of memory?)."));

    const QByteArray host = options.endpoint.host.toUtf8();
    const QByteArray user = options.endpoint.user.toUtf8();
    const QByteArray knownHosts = options.knownHostsFile.toUtf8();
    const int port = options.endpoint.port;
    const long ms = long(qMax<qint64>(options.timeout.count(), 1));
    const long seconds = ms / 1000;
    const long micros = (ms % 1000) * 1000;
    bool processConfig = false; // ~/.ssh/config must not change what the project does
    // SFTP waits for a small status reply after every write: without TCP_NODELAY, Nagle's
    // algorithm and delayed ACKs add tens of milliseconds to each of them.
    int noDelay = 1;
    ssh_options_set(m_session, SSH_OPTIONS_HOST, host.constData());
    ssh_options_set(m_session, SSH_OPTIONS_PORT, &port);
    ssh_options_set(m_session, SSH_OPTIONS_USER, user.constData());
    ssh_options_set(m_session, SSH_OPTIONS_TIMEOUT, &seconds);
    ssh_options_set(m_session, SSH_OPTIONS_TIMEOUT_USEC, &micros);
    ssh_options_set(m_session, SSH_OPTIONS_PROCESS_CONFIG, &processConfig);
    ssh_options_set(m_session, SSH_OPTIONS_NODELAY, &noDelay);
    // libssh prefers the key types recorded here when it negotiates; the check itself is ours.
    ssh_options_set(m_session, SSH_OPTIONS_KNOWNHOSTS, knownHosts.constData());
    ssh_options_set(m_session, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, knownHosts.constData());

    if (ssh_connect(m_session) != SSH_OK) {
        const QString why = QString::fromUtf8(ssh_get_error(m_session));
        disconnect();
        return makeError(
            u"ssh.connect"_s,
            Tr::tr("Cannot connect to %1 (port %2): %3. Check the host name, that SSH is enabled "
                   "on the appliance, and that nothing blocks the port.")
                .arg(options.endpoint.host, QString::number(port), why),
            why);
    }
    ssh_key serverKey = nullptr;
    if (ssh_get_server_publickey(m_session, &serverKey) != SSH_OK || !serverKey) {
        const Error e = failure(u"hostkey.key"_s, Tr::tr("reading its host key"));
        disconnect();
        return e;
    }
    Result<HostKeyCheck> check = checkHostKey(options.knownHostsFile, options.endpoint.host, port, serverKey);
    if (check) {
        const Result<void> accepted = acceptHostKey(check.value(), serverKey, options.acceptFingerprint);
        if (!accepted) {
            ssh_key_free(serverKey);
            disconnect();
            return accepted.error();
        }
    }
    ssh_key_free(serverKey);
    if (!check) {
        disconnect();
        return check.error();
    }
    return check;
}

Result<void> SshSession::authenticate(const SshCredentials &credentials)
{
    if (!m_session)
        return makeError(u"ssh.auth"_s, Tr::tr("Not connected."));
    int rc = ssh_userauth_none(m_session, nullptr);
    if (rc == SSH_AUTH_SUCCESS) {
        m_authenticated = true;
        return {};
    }
    if (rc == SSH_AUTH_ERROR)
        return failure(u"ssh.auth"_s, Tr::tr("starting authentication"));
    const int methods = ssh_userauth_list(m_session, nullptr);
    QStringList tried;

    if (!credentials.privateKeyFile.isEmpty() && (methods & SSH_AUTH_METHOD_PUBLICKEY)) {
        ssh_key key = nullptr;
        const QByteArray path = credentials.privateKeyFile.toLocal8Bit();
        const QByteArray passphrase = credentials.keyPassphrase.toUtf8();
        if (ssh_pki_import_privkey_file(path.constData(),
                                        passphrase.isEmpty() ? nullptr : passphrase.constData(), nullptr,
                                        nullptr, &key)
            != SSH_OK) {
            return makeError(u"ssh.key"_s,
                             Tr::tr("Cannot read the private key %1: it is missing, not a private key, "
                                    "or its passphrase is wrong.")
                                 .arg(credentials.privateKeyFile));
        }
        rc = ssh_userauth_publickey(m_session, nullptr, key);
        ssh_key_free(key);
        if (rc == SSH_AUTH_SUCCESS) {
            m_authenticated = true;
            return {};
        }
        if (rc == SSH_AUTH_ERROR)
            return failure(u"ssh.auth"_s, Tr::tr("authenticating with a key"));
        tried << u"publickey"_s;
    }
    const QByteArray password = credentials.password.toUtf8();
    if (!password.isEmpty() && (methods & SSH_AUTH_METHOD_PASSWORD)) {
        rc = ssh_userauth_password(m_session, nullptr, password.constData());
        if (rc == SSH_AUTH_SUCCESS) {
            m_authenticated = true;
            return {};
        }
        if (rc == SSH_AUTH_ERROR)
            return failure(u"ssh.auth"_s, Tr::tr("authenticating with a password"));
        tried << u"password"_s;
    }
    if (!password.isEmpty() && (methods & SSH_AUTH_METHOD_INTERACTIVE)) {
        // PAM's password question, asked the keyboard-interactive way (appliances do this).
        rc = ssh_userauth_kbdint(m_session, nullptr, nullptr);
        while (rc == SSH_AUTH_INFO) {
            const int prompts = ssh_userauth_kbdint_getnprompts(m_session);
            for (int i = 0; i < prompts; ++i) {
                char echo = 0;
                ssh_userauth_kbdint_getprompt(m_session, unsigned(i), &echo);
                // Only hidden questions get the password; anything else gets an empty answer.
                ssh_userauth_kbdint_setanswer(m_session, unsigned(i), echo ? "" : password.constData());
            }
            rc = ssh_userauth_kbdint(m_session, nullptr, nullptr);
        }
        if (rc == SSH_AUTH_SUCCESS) {
            m_authenticated = true;
            return {};
        }
        if (rc == SSH_AUTH_ERROR)
            return failure(u"ssh.auth"_s, Tr::tr("authenticating with a password"));
        tried << u"keyboard-interactive"_s;
    }
    if (tried.isEmpty()) {
        return makeError(
            u"ssh.auth"_s,
            Tr::tr("%1 accepts none of the ways to log in that were given (it offers method mask %2). "
                   "Give the password (VLAB_ROOT_PASSWORD) or a private key it accepts.")
                .arg(m_options.endpoint.toString(), QString::number(methods)));
    }
    return makeError(u"ssh.auth"_s,
                     Tr::tr("%1 refused the login (tried: %2). Check the user name and the password or key; "
                            "on an appliance, the root password is the one set at deployment.")
                         .arg(m_options.endpoint.toString(), tried.join(u", "_s)));
}

Result<ExecResult> SshSession::exec(const QString &command, std::chrono::milliseconds timeout,
                                    const CancelCheck &cancelled)
{
    if (!m_session || !m_authenticated)
        return makeError(u"ssh.channel"_s, Tr::tr("Not connected."));
    ChannelGuard guard{ssh_channel_new(m_session)};
    if (!guard.channel || ssh_channel_open_session(guard.channel) != SSH_OK)
        return failure(u"ssh.channel"_s, Tr::tr("opening a channel"));
    const QByteArray cmd = command.toUtf8();
    if (ssh_channel_request_exec(guard.channel, cmd.constData()) != SSH_OK)
        return failure(u"ssh.channel"_s, Tr::tr("starting \"%1\"").arg(command));

    ExecResult result;
    const QDeadlineTimer deadline(timeout);
    char buffer[16384];
    for (;;) {
        const bool isCancelled = cancelled && cancelled();
        if (isCancelled || deadline.hasExpired()) {
            // Ask the command to stop as well: closing the channel alone may leave it running.
            ssh_channel_request_send_signal(guard.channel, "TERM");
            ssh_channel_close(guard.channel);
            if (isCancelled)
                return makeError(
                    u"ssh.cancelled"_s,
                    Tr::tr("\"%1\" on %2 was cancelled.").arg(command, m_options.endpoint.toString()));
            return makeError(
                u"ssh.timeout"_s,
                Tr::tr("\"%1\" on %2 did not finish within %3 s; it was stopped. Run it by hand to "
                       "see whether it waits for input, or allow it more time.")
                    .arg(command, m_options.endpoint.toString(),
                         QString::number(double(timeout.count()) / 1000.0)),
                QString::fromUtf8(result.standardOutput.right(2000) + result.standardError.right(2000)));
        }
        const int n = ssh_channel_read_timeout(guard.channel, buffer, sizeof buffer, 0, kPollMs);
        if (n == SSH_ERROR)
            return failure(u"ssh.channel"_s, Tr::tr("running \"%1\"").arg(command));
        if (n > 0)
            result.standardOutput.append(buffer, n);
        const int e = ssh_channel_read_nonblocking(guard.channel, buffer, sizeof buffer, 1);
        if (e == SSH_ERROR)
            return failure(u"ssh.channel"_s, Tr::tr("running \"%1\"").arg(command));
        if (e > 0)
            result.standardError.append(buffer, e);
        if (result.standardOutput.size() + result.standardError.size() > m_options.maxOutputBytes) {
            ssh_channel_request_send_signal(guard.channel, "TERM");
            ssh_channel_close(guard.channel);
            return makeError(u"ssh.too-large"_s,
                             Tr::tr("\"%1\" on %2 printed more than %3; it was stopped and its output was "
                                    "not kept. Run it by hand to see why it prints so much.")
                                 .arg(command, m_options.endpoint.toString(),
                                      QLocale().formattedDataSize(m_options.maxOutputBytes, 1)));
        }
        if (n <= 0 && e <= 0 && ssh_channel_is_eof(guard.channel))
            break;
        if (n <= 0 && e <= 0 && !stillConnected(m_session))
            return failure(u"ssh.channel"_s, Tr::tr("running \"%1\"").arg(command));
    }
    result.exitStatus = ssh_channel_get_exit_status(guard.channel);
    if (result.exitStatus < 0 && !stillConnected(m_session))
        return failure(u"ssh.channel"_s, Tr::tr("running \"%1\"").arg(command));
    return result;
}

namespace {

// A login shell that prints text on non-interactive sessions (a noisy ~/.bashrc, the
// appliance shell) corrupts the SFTP stream, and libssh's sftp_init() then waits for a
// version packet without a deadline. Looked at with a command that has one.
Result<void> checkQuietShell(SshSession &session, const CancelCheck &cancelled)
{
    const Result<ExecResult> probe = session.exec(u"true"_s, std::chrono::seconds(20), cancelled);
    if (!probe)
        return probe.error();
    if (!probe->standardOutput.isEmpty())
        return makeError(
            u"sftp.shell"_s,
            Tr::tr("SFTP cannot work on %1: the login shell prints text even for a plain command "
                   "(\"%2\"), which corrupts the file transfer. Remove that output from the shell's "
                   "start-up files (for example ~/.bashrc) or, on a vCenter or PSC appliance, make "
                   "bash the login shell first (chsh -s /bin/bash root; undo with chsh -s "
                   "/bin/appliancesh root).")
                .arg(session.endpoint().toString(),
                     QString::fromUtf8(probe->standardOutput.left(80)).simplified()));
    return {};
}

// Starts the SFTP subsystem into guard.sftp.
Result<void> startSftp(const SshSession &session, SftpGuard &guard)
{
    guard.sftp = sftp_new(session.handle());
    if (!guard.sftp)
        return session.failure(u"sftp.start"_s, Tr::tr("starting SFTP"));
    if (sftp_init(guard.sftp) == SSH_OK)
        return {};
    const Error e = session.failure(u"sftp.start"_s, Tr::tr("starting SFTP"));
    if (e.code == u"ssh.dropped"_s)
        return e;
    // A login shell that prints text (the VCSA appliance shell) corrupts the SFTP stream.
    return makeError(
        u"sftp.start"_s,
        Tr::tr("SFTP does not start on %1: %2. On a vCenter or PSC appliance this means the login "
               "shell is the appliance shell; make bash the login shell first (the \"switch the "
               "login shell to bash\" step: chsh -s /bin/bash root; undo with chsh -s "
               "/bin/appliancesh root).")
            .arg(session.endpoint().toString(), e.details),
        e.details);
}

// Creates (or truncates) the remote file into guard.file, with `mode` set before any data is
// written: an existing file keeps its old mode on open.
Result<void> openForWriting(const SshSession &session, SftpGuard &guard, const QString &remotePath, int mode)
{
    const QByteArray remote = remotePath.toUtf8();
    guard.file = sftp_open(guard.sftp, remote.constData(), O_WRONLY | O_CREAT | O_TRUNC, mode_t(mode));
    if (!guard.file) {
        const int code = sftp_get_error(guard.sftp);
        if (!stillConnected(session.handle()))
            return session.failure(u"sftp.open"_s, Tr::tr("creating %1").arg(remotePath));
        return makeError(
            u"sftp.open"_s,
            Tr::tr("Cannot create %1 on %2: %3. Check that the folder exists and that %4 may write "
                   "there.")
                .arg(remotePath, session.endpoint().toString(), sftpErrorText(code),
                     session.endpoint().user));
    }
    // An existing file keeps its old mode on open: set it before any secret byte arrives.
    if (sftp_chmod(guard.sftp, remote.constData(), mode_t(mode)) != SSH_OK)
        return makeError(u"sftp.chmod"_s,
                         Tr::tr("Cannot set mode %1 on %2 on %3: %4.")
                             .arg(octal(mode), remotePath, session.endpoint().toString(),
                                  sftpErrorText(sftp_get_error(guard.sftp))));
    return {};
}

struct SentFile
{
    qint64 bytes = 0;
    QString sha256; // hex, of what was sent
};

// Sends `local` to guard.file in chunks and closes it; a cancel removes the half-written file.
Result<SentFile> writeFile(const SshSession &session, SftpGuard &guard, QFile &local,
                           const QString &remotePath, const UploadProgress &progress,
                           const CancelCheck &cancelled)
{
    const qint64 total = local.size();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    SentFile sent;
    QByteArray chunk;
    while (!local.atEnd()) {
        if (cancelled && cancelled()) {
            sftp_close(guard.file);
            guard.file = nullptr;
            sftp_unlink(guard.sftp, remotePath.toUtf8().constData()); // no half file left behind
            return makeError(u"ssh.cancelled"_s,
                             Tr::tr("The upload of %1 was cancelled.").arg(local.fileName()));
        }
        chunk = local.read(kChunk);
        if (chunk.isEmpty() && local.error() != QFileDevice::NoError)
            return makeError(u"upload.local"_s,
                             Tr::tr("Cannot read %1: %2.").arg(local.fileName(), local.errorString()));
        hash.addData(chunk);
        const ssize_t written = sftp_write(guard.file, chunk.constData(), size_t(chunk.size()));
        if (written != ssize_t(chunk.size())) {
            if (!stillConnected(session.handle()))
                return session.failure(u"sftp.write"_s, Tr::tr("uploading %1").arg(remotePath));
            return makeError(u"sftp.write"_s,
                             Tr::tr("Writing %1 on %2 failed after %3 bytes: %4.")
                                 .arg(remotePath, session.endpoint().toString(), QString::number(sent.bytes),
                                      sftpErrorText(sftp_get_error(guard.sftp))));
        }
        sent.bytes += chunk.size();
        if (progress)
            progress(sent.bytes, total);
    }
    const int closed = sftp_close(guard.file);
    guard.file = nullptr;
    if (closed != SSH_OK)
        return session.failure(u"sftp.write"_s, Tr::tr("closing %1").arg(remotePath));
    sent.sha256 = QString::fromLatin1(hash.result().toHex());
    return sent;
}

// After the upload: the remote file's size and mode, then its SHA-256, must be what was sent.
Result<UploadResult> verifyUpload(SshSession &session, const SftpGuard &guard, const QString &localPath,
                                  qint64 total, const QString &remotePath, int mode, const SentFile &sent,
                                  const CancelCheck &cancelled)
{
    UploadResult result;
    result.remotePath = remotePath;
    result.sha256 = sent.sha256;
    sftp_attributes attributes = sftp_stat(guard.sftp, remotePath.toUtf8().constData());
    if (!attributes)
        return session.failure(u"upload.verify"_s, Tr::tr("reading back the size of %1").arg(remotePath));
    const qint64 remoteSize = qint64(attributes->size);
    result.mode = int(attributes->permissions & 07777);
    sftp_attributes_free(attributes);
    result.size = remoteSize;
    if (remoteSize != sent.bytes || sent.bytes != total) {
        return makeError(
            u"upload.verify"_s,
            Tr::tr("%1 on %2 has %3 bytes, but %4 has %5. Upload it again; check the free space there.")
                .arg(remotePath, session.endpoint().toString(), QString::number(remoteSize), localPath,
                     QString::number(total)));
    }
    if (result.mode != mode) {
        return makeError(
            u"upload.verify"_s,
            Tr::tr("%1 on %2 has mode %3 instead of %4.")
                .arg(remotePath, session.endpoint().toString(), octal(result.mode), octal(mode)));
    }
    Result<QString> remoteHash = session.remoteSha256(remotePath, cancelled);
    if (!remoteHash)
        return remoteHash.error();
    if (remoteHash.value() != result.sha256) {
        return makeError(u"upload.verify"_s,
                         Tr::tr("%1 on %2 differs from %3 (SHA-256 %4 there, %5 here). Upload it again.")
                             .arg(remotePath, session.endpoint().toString(), localPath, remoteHash.value(),
                                  result.sha256));
    }
    return result;
}

} // namespace

Result<UploadResult> SshSession::upload(const QString &localPath, const QString &remotePath, int mode,
                                        const UploadProgress &progress, const CancelCheck &cancelled)
{
    if (!m_session || !m_authenticated)
        return makeError(u"sftp.start"_s, Tr::tr("Not connected."));
    QFile local(localPath);
    if (!local.open(QIODevice::ReadOnly))
        return makeError(u"upload.local"_s,
                         Tr::tr("Cannot read %1: %2.").arg(localPath, local.errorString()));
    const qint64 total = local.size();
    // Once per session: SFTP needs a login shell that prints nothing.
    if (!m_shellChecked) {
        if (const Result<void> quiet = checkQuietShell(*this, cancelled); !quiet)
            return quiet.error();
        m_shellChecked = true;
    }
    SftpGuard guard;
    if (const Result<void> started = startSftp(*this, guard); !started)
        return started.error();
    if (const Result<void> opened = openForWriting(*this, guard, remotePath, mode); !opened)
        return opened.error();
    const Result<SentFile> sent = writeFile(*this, guard, local, remotePath, progress, cancelled);
    if (!sent)
        return sent.error();
    return verifyUpload(*this, guard, localPath, total, remotePath, mode, *sent, cancelled);
}

Result<QString> SshSession::remoteSha256(const QString &remotePath, const CancelCheck &cancelled)
{
    Result<ExecResult> run =
        exec(u"sha256sum -- "_s + shellQuote(remotePath), m_options.timeout * 4, cancelled);
    if (!run) {
        if (run.error().code != u"ssh.channel"_s)
            return run.error();
    } else if (run->exitStatus == 0) {
        static const QRegularExpression hex(u"^([0-9a-f]{64})\\s"_s);
        const QRegularExpressionMatch m = hex.match(QString::fromLatin1(run->standardOutput));
        if (m.hasMatch())
            return m.captured(1);
    }
    // No sha256sum (or a shell that does not run it): read the file back instead.
    return readBackSha256(remotePath, cancelled);
}

Result<QString> SshSession::readBackSha256(const QString &remotePath, const CancelCheck &cancelled)
{
    SftpGuard guard;
    guard.sftp = sftp_new(m_session);
    if (!guard.sftp || sftp_init(guard.sftp) != SSH_OK)
        return failure(u"upload.verify"_s, Tr::tr("starting SFTP to read back %1").arg(remotePath));
    const QByteArray remote = remotePath.toUtf8();
    guard.file = sftp_open(guard.sftp, remote.constData(), O_RDONLY, 0);
    if (!guard.file)
        return failure(u"upload.verify"_s, Tr::tr("reading back %1").arg(remotePath));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buffer(kChunk, Qt::Uninitialized);
    for (;;) {
        if (cancelled && cancelled())
            return makeError(u"ssh.cancelled"_s, Tr::tr("Reading back %1 was cancelled.").arg(remotePath));
        const ssize_t n = sftp_read(guard.file, buffer.data(), size_t(buffer.size()));
        if (n < 0)
            return failure(u"upload.verify"_s, Tr::tr("reading back %1").arg(remotePath));
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), qsizetype(n)));
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace vlab
