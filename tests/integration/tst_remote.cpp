// lib/remote against a real OpenSSH sshd on 127.0.0.1 (tests/fixtures/sshdfixture.h):
// host keys (unknown, confirmed, wrong confirmation, changed), key and password logins,
// exec (output, exit status, timeout, cancel, a dropped connection), SFTP upload with mode and
// checksum checked on disk, and the PTY driver against small stand-in programs.

#include "sshdfixture.h"

#include "remote/hostkeys.h"
#include "remote/ptydriver.h"
#include "remote/sshsession.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace vlab;

class TestRemote : public QObject
{
    Q_OBJECT

private:
    SshdFixture m_sshd;
    QTemporaryDir m_work;
    int m_knownHostsCount = 0;

    QString freshKnownHosts() { return m_work.filePath(u"known_hosts-%1"_s.arg(++m_knownHostsCount)); }

    SshConnectOptions options(const QString &knownHosts, const QString &accept = {}) const
    {
        SshConnectOptions o;
        o.endpoint = SshEndpoint{m_sshd.user(), m_sshd.host(), int(m_sshd.port())};
        o.knownHostsFile = knownHosts;
        o.acceptFingerprint = accept;
        o.timeout = 10s;
        return o;
    }
    SshCredentials keyCredentials() const { return SshCredentials{{}, m_sshd.clientKeyFile(), {}}; }

    // A session logged in with the client key, the host key confirmed on the way.
    bool connectWithKey(SshSession &session)
    {
        const Result<HostKeyCheck> c =
            session.connect(options(freshKnownHosts(), m_sshd.hostKeyFingerprint()));
        if (!c) {
            qWarning().noquote() << c.error().message << m_sshd.log();
            return false;
        }
        const Result<void> a = session.authenticate(keyCredentials());
        if (!a)
            qWarning().noquote() << a.error().message;
        return a.ok();
    }
    void ensureRunning()
    {
        const SshdStart s = m_sshd.start();
        QVERIFY2(s.started(), qPrintable(s.why));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        const SshdStart s = m_sshd.start();
        if (s.outcome == SshdStart::Outcome::Unavailable)
            QSKIP(qPrintable(s.why));
        QVERIFY2(s.started(), qPrintable(s.why));
    }

    void endpointParsing_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::newRow("user@host") << u"root@vcenter-psc01.sslab.com"_s << true
                                   << u"vcenter-psc01.sslab.com"_s << 22;
        QTest::newRow("with port") << u"root@127.0.0.1:2222"_s << true << u"127.0.0.1"_s << 2222;
        QTest::newRow("ipv6 with port") << u"root@[::1]:2200"_s << true << u"::1"_s << 2200;
        QTest::newRow("bare ipv6") << u"root@fd00::5"_s << true << u"fd00::5"_s << 22;
        QTest::newRow("ipv6 port without brackets") << u"root@fd00::5:2200:x"_s << false << QString() << 0;
        QTest::newRow("no user") << u"vcenter-psc01"_s << false << QString() << 0;
        QTest::newRow("port too large") << u"root@h:70000"_s << false << QString() << 0;
    }
    void endpointParsing()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, host);
        QFETCH(int, port);
        const std::optional<SshEndpoint> e = SshEndpoint::parse(text);
        QCOMPARE(e.has_value(), valid);
        if (valid) {
            QCOMPARE(e->host, host);
            QCOMPARE(e->port, port);
            QCOMPARE(e->user, u"root"_s);
        }
    }

    void unknownHostKeyRefusedWithoutConfirmation()
    {
        ensureRunning();
        const QString knownHosts = freshKnownHosts();
        SshSession session;
        const Result<HostKeyCheck> c = session.connect(options(knownHosts));
        QVERIFY(!c);
        QCOMPARE(c.error().code, u"hostkey.not-confirmed"_s);
        // The message gives the fingerprint to compare (the same ssh-keygen prints).
        QVERIFY2(c.error().message.contains(m_sshd.hostKeyFingerprint()), qPrintable(c.error().message));
        // The details front ends read (never the message): host entry, fingerprint, key type.
        QCOMPARE(fingerprintToConfirm(c.error()), m_sshd.hostKeyFingerprint());
        QVERIFY2(c.error().details.contains(
                     u"\nhost: [%1]:%2\n"_s.arg(m_sshd.host(), QString::number(m_sshd.port()))),
                 qPrintable(c.error().details));
        QVERIFY2(c.error().details.contains(u"\ntype: ssh-"_s)
                     || c.error().details.contains(u"\ntype: ecdsa-"_s),
                 qPrintable(c.error().details));
        QVERIFY(!QFileInfo::exists(knownHosts));
        QVERIFY(!session.isConnected());
    }

    void wrongFingerprintRefused()
    {
        ensureRunning();
        const QString knownHosts = freshKnownHosts();
        SshSession session;
        const QString wrong = u"SHA256:"_s
            + QString::fromLatin1(QCryptographicHash::hash("not the key", QCryptographicHash::Sha256)
                                      .toBase64(QByteArray::OmitTrailingEquals));
        const Result<HostKeyCheck> c = session.connect(options(knownHosts, wrong));
        QVERIFY(!c);
        QCOMPARE(c.error().code, u"hostkey.mismatch"_s);
        QVERIFY(c.error().message.contains(m_sshd.hostKeyFingerprint()));
        QVERIFY(c.error().message.contains(wrong));
        QVERIFY(!QFileInfo::exists(knownHosts));
    }

    void confirmedKeyRecordedThenKnown()
    {
        ensureRunning();
        const QString knownHosts = freshKnownHosts();
        {
            SshSession session;
            const Result<HostKeyCheck> c = session.connect(options(knownHosts, m_sshd.hostKeyFingerprint()));
            QVERIFY2(c, qPrintable(c ? QString() : c.error().message));
            QCOMPARE(c->state, HostKeyState::Unknown); // it was unknown, and is recorded now
            QCOMPARE(c->fingerprint, m_sshd.hostKeyFingerprint());
            QCOMPARE(c->hostEntry, u"[127.0.0.1]:%1"_s.arg(m_sshd.port()));
        }
        // ssh-keygen finds the recorded line under OpenSSH's name for the host and port.
        QProcess keygen;
        keygen.start(SshdFixture::findTool(u"ssh-keygen"_s),
                     {u"-F"_s, u"[127.0.0.1]:%1"_s.arg(m_sshd.port()), u"-f"_s, knownHosts});
        QVERIFY(keygen.waitForFinished(10000));
        QCOMPARE(keygen.exitCode(), 0);
        QVERIFY(keygen.readAllStandardOutput().contains("ssh-ed25519"));

        SshSession again;
        const Result<HostKeyCheck> c = again.connect(options(knownHosts)); // no confirmation needed now
        QVERIFY2(c, qPrintable(c ? QString() : c.error().message));
        QCOMPARE(c->state, HostKeyState::Known);
        QCOMPARE(c->recorded.size(), 1);
    }

    void keyLoginAndExec()
    {
        ensureRunning();
        SshSession session;
        QVERIFY(connectWithKey(session));
        const Result<ExecResult> r =
            session.exec(u"printf 'out:%s' \"$(id -un)\"; printf 'err' >&2; exit 3"_s, 10s);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(QString::fromUtf8(r->standardOutput), u"out:"_s + m_sshd.user());
        QCOMPARE(r->standardError, QByteArray("err"));
        QCOMPARE(r->exitStatus, 3);
        // The same session runs more commands.
        const Result<ExecResult> second = session.exec(u"echo again"_s, 10s);
        QVERIFY(second);
        QCOMPARE(second->standardOutput, QByteArray("again\n"));
        QCOMPARE(second->exitStatus, 0);
    }

    void execLargeOutput()
    {
        ensureRunning();
        SshSession session;
        QVERIFY(connectWithKey(session));
        // More than any window or buffer: all of it must arrive, in order.
        const Result<ExecResult> r = session.exec(u"seq 1 200000"_s, 30s);
        QVERIFY(r);
        QCOMPARE(r->exitStatus, 0);
        QByteArray expected;
        for (int i = 1; i <= 200000; ++i)
            expected += QByteArray::number(i) + '\n';
        QCOMPARE(r->standardOutput.size(), expected.size());
        QVERIFY(r->standardOutput == expected);
    }

    void execOutputLimit()
    {
        ensureRunning();
        SshSession session;
        SshConnectOptions o = options(freshKnownHosts(), m_sshd.hostKeyFingerprint());
        o.maxOutputBytes = 100'000;
        QVERIFY(session.connect(o));
        QVERIFY(session.authenticate(keyCredentials()));
        // A command that would print 50 MB is stopped once it passes the limit.
        const Result<ExecResult> r = session.exec(u"head -c 50000000 /dev/zero | tr '\\0' x"_s, 30s);
        QVERIFY(!r);
        QCOMPARE(r.error().code, u"ssh.too-large"_s);
        QVERIFY2(r.error().message.contains(u"head -c"_s), qPrintable(r.error().message));
        // Output below the limit still arrives whole, on the same session.
        const Result<ExecResult> next = session.exec(u"head -c 90000 /dev/zero | tr '\\0' y"_s, 10s);
        QVERIFY2(next, qPrintable(next ? QString() : next.error().message));
        QCOMPARE(next->standardOutput, QByteArray(90000, 'y'));
    }

    void passwordLogin()
    {
        ensureRunning();
        if (!m_sshd.hasPassword())
            QSKIP(qPrintable(m_sshd.noPasswordReason()));
        SshSession session;
        QVERIFY(session.connect(options(freshKnownHosts(), m_sshd.hostKeyFingerprint())));
        const Result<void> a = session.authenticate(SshCredentials{m_sshd.password(), {}, {}});
        QVERIFY2(a, qPrintable(a ? QString() : a.error().message));
        const Result<ExecResult> r = session.exec(u"id -un"_s, 10s);
        QVERIFY(r);
        QCOMPARE(QString::fromUtf8(r->standardOutput).trimmed(), m_sshd.user());
    }

    void wrongPasswordRefused()
    {
        ensureRunning();
        if (!m_sshd.hasPassword())
            QSKIP(qPrintable(m_sshd.noPasswordReason()));
        SshSession session;
        QVERIFY(session.connect(options(freshKnownHosts(), m_sshd.hostKeyFingerprint())));
        const QString wrong = m_sshd.password() + u"x"_s;
        const Result<void> a = session.authenticate(SshCredentials{wrong, {}, {}});
        QVERIFY(!a);
        QCOMPARE(a.error().code, u"ssh.auth"_s);
        QVERIFY(a.error().message.contains(m_sshd.user()));
        QVERIFY(!a.error().message.contains(wrong));
        QVERIFY(!a.error().details.contains(wrong));
    }

    void hangingCommandTimesOut()
    {
        ensureRunning();
        SshSession session;
        QVERIFY(connectWithKey(session));
        const Result<ExecResult> r = session.exec(u"sleep 60"_s, 1s);
        QVERIFY(!r);
        QCOMPARE(r.error().code, u"ssh.timeout"_s);
        // The connection is still good for the next command.
        const Result<ExecResult> next = session.exec(u"echo alive"_s, 10s);
        QVERIFY2(next, qPrintable(next ? QString() : next.error().message));
        QCOMPARE(next->standardOutput, QByteArray("alive\n"));
    }

    void cancelStopsCommand()
    {
        ensureRunning();
        SshSession session;
        QVERIFY(connectWithKey(session));
        int polls = 0;
        const Result<ExecResult> r = session.exec(u"sleep 60"_s, 60s, [&polls] { return ++polls > 3; });
        QVERIFY(!r);
        QCOMPARE(r.error().code, u"ssh.cancelled"_s);
        QVERIFY(polls > 3);
    }

    void droppedConnectionReported()
    {
        ensureRunning();
        SshSession session;
        QVERIFY(connectWithKey(session));
        // The command is running when the server and its connection processes are killed.
        int polls = 0;
        const Result<ExecResult> r = session.exec(u"echo started; sleep 60"_s, 60s, [&] {
            if (++polls == 3)
                m_sshd.killAll();
            return false;
        });
        QVERIFY(!r);
        QCOMPARE(r.error().code, u"ssh.dropped"_s);
        QVERIFY(!session.isConnected());
        ensureRunning(); // for the tests that follow
    }

    void uploadWithModeAndChecksum_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("size");
        QTest::addColumn<bool>("existing");
        QTest::newRow("private key 0600") << 0600 << 3243 << false;
        QTest::newRow("certificate 0644") << 0644 << 1800 << false;
        QTest::newRow("0600 over an existing 0644 file") << 0600 << 5000 << true;
        QTest::newRow("3 MB, many chunks") << 0644 << 3 * 1024 * 1024 + 17 << false;
        QTest::newRow("empty") << 0600 << 0 << false;
    }
    void uploadWithModeAndChecksum()
    {
        QFETCH(int, mode);
        QFETCH(int, size);
        QFETCH(bool, existing);
        ensureRunning();
        QByteArray data(size, Qt::Uninitialized);
        for (int i = 0; i < size; ++i)
            data[i] = char(QRandomGenerator::global()->bounded(256));
        const QString local = m_work.filePath(
            u"upload-%1.bin"_s.arg(QString::fromLatin1(QTest::currentDataTag())).replace(u' ', u'_'));
        {
            QFile f(local);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(data);
        }
        const QString remote = m_sshd.remoteDir() + u"/upload-%1.bin"_s.arg(mode, 0, 8);
        QFile::remove(remote);
        if (existing) {
            QFile old(remote);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old content");
            old.close();
            QVERIFY(QFile::setPermissions(remote,
                                          QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                              | QFileDevice::ReadGroup | QFileDevice::ReadOther));
            QVERIFY(m_sshd.giveToUser(remote));
        }
        SshSession session;
        QVERIFY(connectWithKey(session));
        qint64 lastDone = -1;
        int calls = 0;
        const Result<UploadResult> up = session.upload(local, remote, mode, [&](qint64 done, qint64 total) {
            QCOMPARE(total, qint64(size));
            QVERIFY(done > lastDone);
            lastDone = done;
            ++calls;
        });
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message + u"\n"_s + up.error().details));
        const QString expectedHash =
            QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
        QCOMPARE(up->sha256, expectedHash);
        QCOMPARE(up->size, qint64(size));
        QCOMPARE(up->mode, mode);
        if (size > 0)
            QCOMPARE(lastDone, qint64(size));
        if (size > 1024 * 1024)
            QVERIFY(calls > 1);
        // On the server's disk, as the server's own file system sees it.
        struct stat st
        {
        };
        QCOMPARE(::stat(remote.toLocal8Bit().constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 07777), mode);
        QCOMPARE(qint64(st.st_size), qint64(size));
        QFile written(remote);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY(written.readAll() == data);
    }

    void uploadIntoMissingFolderFails()
    {
        ensureRunning();
        const QString local = m_work.filePath(u"small.txt"_s);
        QFile f(local);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
        f.close();
        SshSession session;
        QVERIFY(connectWithKey(session));
        const QString remote = m_sshd.remoteDir() + u"/no/such/folder/file.txt"_s;
        const Result<UploadResult> up = session.upload(local, remote, 0644);
        QVERIFY(!up);
        QCOMPARE(up.error().code, u"sftp.open"_s);
        QVERIFY(up.error().message.contains(remote));
    }

    // A login shell that prints text for every command (a noisy ~/.bashrc; the appliance
    // shell behaves alike) would corrupt SFTP and leave libssh waiting for ever: the upload
    // says so at once instead.
    void noisyLoginShellRefusesSftpClearly()
    {
        ensureRunning();
        const passwd *pw = ::getpwnam(m_sshd.user().toLocal8Bit().constData());
        QVERIFY(pw);
        const QString bashrc = QString::fromLocal8Bit(pw->pw_dir) + u"/.bashrc"_s;
        if (::geteuid() != pw->pw_uid && ::geteuid() != 0)
            QSKIP("needs to write the test user's ~/.bashrc");
        QFile original(bashrc);
        const QByteArray before = original.open(QIODevice::ReadOnly) ? original.readAll() : QByteArray();
        original.close();
        const bool existed = QFileInfo::exists(bashrc);
        auto restore = qScopeGuard([&] {
            if (!existed) {
                QFile::remove(bashrc);
                return;
            }
            QFile back(bashrc);
            if (back.open(QIODevice::WriteOnly | QIODevice::Truncate))
                back.write(before);
        });
        QFile noisy(bashrc);
        QVERIFY(noisy.open(QIODevice::WriteOnly | QIODevice::Truncate));
        // First, before Debian's "not interactive: return" guard.
        noisy.write("echo 'Welcome to the lab shell'\n" + before);
        noisy.close();

        const QString local = m_work.filePath(u"noisy.txt"_s);
        QFile f(local);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
        f.close();
        SshSession session;
        QVERIFY(connectWithKey(session));
        const Result<UploadResult> up = session.upload(local, m_sshd.remoteDir() + u"/noisy.txt"_s, 0644);
        QVERIFY(!up);
        QCOMPARE(up.error().code, u"sftp.shell"_s);
        QVERIFY2(up.error().message.contains(u"Welcome to the lab shell"_s), qPrintable(up.error().message));
        QVERIFY(up.error().message.contains(u"chsh -s /bin/bash"_s));
    }

    void ptyAnswersPromptsAndMasksSecrets()
    {
        ensureRunning();
        SshSession session;
        QVERIFY(connectWithKey(session));
        PtyDriver pty(session);
        const QString secret = u"S3cret-%1!"_s.arg(QRandomGenerator::global()->generate());
        // A stand-in that echoes the secret back on purpose: the transcript must still hide it.
        QVERIFY(pty.start(u"bash -c 'read -r -p \"Name: \" n; read -r -s -p \"Password: \" p; echo; "
                          "echo \"hello $n\"; echo \"you typed $p\"; exit 7'"_s));
        QVERIFY(pty.expect({QRegularExpression(u"Name: $"_s)}, 10s));
        QVERIFY(pty.send(u"vlab"_s));
        QVERIFY(pty.expect({QRegularExpression(u"Password: $"_s)}, 10s));
        QVERIFY(pty.send(secret, true));
        const Result<int> hello = pty.expect({QRegularExpression(u"hello (\\w+)"_s)}, 10s);
        QVERIFY(hello);
        QCOMPARE(pty.lastMatch().captured(1), u"vlab"_s);
        const Result<int> status = pty.finish(10s);
        QVERIFY(status);
        QCOMPARE(status.value(), 7);
        const QString transcript = pty.transcript();
        QVERIFY2(!transcript.contains(secret), qPrintable(transcript));
        QVERIFY(transcript.contains(u"you typed ********"_s));
        QVERIFY(transcript.contains(u"Name: vlab"_s)); // the echo of a normal answer stays
        QCOMPARE(pty.exchanges().size(), 2);
        QCOMPARE(pty.exchanges().at(1).answer, u"********"_s);
        QCOMPARE(pty.exchanges().at(1).prompt, u"Password:"_s);
    }

    void ptyStopsOnUnexpectedPrompt()
    {
        ensureRunning();
        SshSession session;
        QVERIFY(connectWithKey(session));
        PtyDriver pty(session);
        QVERIFY(pty.start(u"bash -c 'read -r -p \"Favourite colour? \" c; echo done'"_s));
        const Result<int> r = pty.expect({QRegularExpression(u"Password: $"_s)}, 20s);
        QVERIFY(!r);
        QCOMPARE(r.error().code, u"pty.unexpected-prompt"_s);
        QVERIFY2(r.error().message.contains(u"Favourite colour?"_s), qPrintable(r.error().message));
    }

    void ptyTimesOutOnSilence()
    {
        ensureRunning();
        SshSession session;
        QVERIFY(connectWithKey(session));
        PtyDriver pty(session);
        QVERIFY(pty.start(u"sleep 60"_s));
        const Result<int> r = pty.expect({QRegularExpression(u"Password: $"_s)}, 1s);
        QVERIFY(!r);
        QCOMPARE(r.error().code, u"pty.timeout"_s);
    }

    void ptyFailurePatternAndEarlyExit()
    {
        ensureRunning();
        SshSession session;
        QVERIFY(connectWithKey(session));
        {
            PtyDriver pty(session);
            pty.addFailurePattern(QRegularExpression(u"Error Message : ([^\r\n]*)"_s), u"tool.failed"_s,
                                  u"The tool failed: %1"_s);
            QVERIFY(pty.start(u"printf 'Error Message : disk full\\r\\n'; sleep 60"_s));
            const Result<int> r = pty.expect({QRegularExpression(u"Option: $"_s)}, 20s);
            QVERIFY(!r);
            QCOMPARE(r.error().code, u"tool.failed"_s);
            QCOMPARE(r.error().message, u"The tool failed: disk full"_s);
        }
        PtyDriver pty(session);
        QVERIFY(pty.start(u"echo bye"_s));
        const Result<int> r = pty.expect({QRegularExpression(u"Option: $"_s)}, 20s);
        QVERIFY(!r);
        QCOMPARE(r.error().code, u"pty.exited"_s);
    }

    // `vlab diag tcp --ssh`: the states of the sshd machine, collected over SSH. The CLI's own
    // connection is one ESTABLISHED socket on the sshd port, next to its LISTEN socket.
    void cliDiagTcpOverSsh()
    {
        ensureRunning();
        const QString knownHosts = freshKnownHosts();
        const QStringList base = {
            u"diag"_s,          u"tcp"_s,
            u"--ssh"_s,         u"%1@127.0.0.1:%2"_s.arg(m_sshd.user(), QString::number(m_sshd.port())),
            u"--identity"_s,    m_sshd.clientKeyFile(),
            u"--known-hosts"_s, knownHosts,
            u"--ports"_s,       QString::number(m_sshd.port()),
            u"--format"_s,      u"json"_s};
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"VLAB_ROOT_PASSWORD"_s);
        const auto runVlab = [&env](const QStringList &args, QByteArray *out, QByteArray *err) {
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(QStringLiteral(VLAB_CLI_PATH), args);
            if (!p.waitForFinished(60000))
                return -1;
            *out = p.readAllStandardOutput();
            *err = p.readAllStandardError();
            return p.exitCode();
        };
        QByteArray out, err;
        // Not known yet and not confirmed: refused, and the fingerprint is shown.
        QCOMPARE(runVlab(base, &out, &err), 1);
        QVERIFY2(err.contains(m_sshd.hostKeyFingerprint().toLatin1()), err.constData());
        QVERIFY(out.isEmpty());
        // Confirmed.
        const int code =
            runVlab(base + QStringList{u"--accept-host-key"_s, m_sshd.hostKeyFingerprint()}, &out, &err);
        QVERIFY2(code == 0 || code == 1, err.constData());
        const QJsonObject report = QJsonDocument::fromJson(out).object();
        QVERIFY2(!report.isEmpty(), out.constData());
        QCOMPARE(report.value(u"source"_s).toString(),
                 u"ssh:%1@127.0.0.1:%2"_s.arg(m_sshd.user(), QString::number(m_sshd.port())));
        const QJsonObject states = report.value(u"states"_s).toObject();
        QVERIFY2(states.value(u"LISTEN"_s).toInt() >= 1, out.constData());
        QVERIFY2(states.value(u"ESTABLISHED"_s).toInt() >= 1, out.constData());
        // Known now: no confirmation needed the second time.
        QVERIFY(runVlab(base, &out, &err) <= 1);
        QVERIFY2(
            QJsonDocument::fromJson(out).object().value(u"states"_s).toObject().value(u"LISTEN"_s).toInt()
                >= 1,
            err.constData());
    }

    // Last: the server gets a new host key.
    void changedHostKeyIsHardStop()
    {
        ensureRunning();
        const QString knownHosts = freshKnownHosts();
        const QString oldFingerprint = m_sshd.hostKeyFingerprint();
        {
            SshSession session;
            QVERIFY(session.connect(options(knownHosts, oldFingerprint)));
        }
        const SshdStart s = m_sshd.restartWithNewHostKey();
        QVERIFY2(s.started(), qPrintable(s.why));
        const QString newFingerprint = m_sshd.hostKeyFingerprint();
        QVERIFY(newFingerprint != oldFingerprint);
        SshSession session;
        // Even a confirmation of the new key does not override a recorded one.
        const Result<HostKeyCheck> c = session.connect(options(knownHosts, newFingerprint));
        QVERIFY(!c);
        QCOMPARE(c.error().code, u"hostkey.changed"_s);
        const QString message = c.error().message;
        QVERIFY2(message.contains(oldFingerprint) && message.contains(newFingerprint), qPrintable(message));
        QVERIFY(message.contains(knownHosts));
        QVERIFY(message.contains(u"[127.0.0.1]:%1"_s.arg(m_sshd.port())));
        QVERIFY(message.contains(u"remove line 1"_s));
        QVERIFY(!session.isConnected());
        // The file is left as it was: one line, the old key.
        QFile f(knownHosts);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().count('\n'), 1);
    }
};

QTEST_GUILESS_MAIN(TestRemote)
#include "tst_remote.moc"
