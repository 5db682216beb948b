#pragma once
// SshdFixture: a real OpenSSH server for the SSH tests and the SSH benchmark, started for one
// run and torn down with this object (it also dies with the test process: PR_SET_PDEATHSIG).
//  - /usr/sbin/sshd -D -e -f <generated config> on 127.0.0.1 at a free port, with a throwaway
//    ed25519 host key made by ssh-keygen at start, a throwaway client key in its own
//    authorized_keys file, SFTP through OpenSSH's sftp-server, no PAM;
//  - the user: as root with CI=true (or VLAB_TEST_SYSTEM_USER=1), the system user vlabtest,
//    created once by tests/tools/sshd-test-user.sh and given a new random password per run,
//    so password logins are tested too; otherwise the current user with the key only
//    (password tests skip and say why);
//  - readiness: sshd's own "Server listening on 127.0.0.1 port N." line, with a deadline.
// The password is handed to chpasswd on stdin and never printed.

#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QTemporaryDir>

struct SshdStart
{
    enum class Outcome { Started, Unavailable, Failed };
    Outcome outcome = Outcome::Failed;
    QString why;
    bool started() const { return outcome == Outcome::Started; }
};

class SshdFixture : public QObject
{
    Q_OBJECT
public:
    explicit SshdFixture(QObject *parent = nullptr);
    ~SshdFixture() override;

    // More loopback addresses the same sshd answers on (same port and host key), set before
    // start(): the PSC addresses of a plan on the pre-check servers' loopback lab.
    void setExtraAddresses(const QStringList &addresses) { m_extraAddresses = addresses; }
    SshdStart start();                 // first start makes the keys and the user
    SshdStart restartWithNewHostKey(); // same port, a new host key
    void stop();
    // Kills sshd and every process below it (the per-connection sshd processes, their
    // commands): every open connection drops at once. start() brings the server back.
    void killAll();
    bool isRunning() const;

    QString host() const { return QStringLiteral("127.0.0.1"); }
    // A second loopback address the same sshd answers on (same port, same host key): a plan's
    // second PSC, so that a plan with two PSCs on this machine stays valid.
    QString secondHost() const { return QStringLiteral("127.0.0.2"); }
    quint16 port() const { return m_port; }
    QString user() const { return m_user; }
    bool hasPassword() const { return !m_password.isEmpty(); }
    QString password() const { return m_password; } // empty without the system user
    QString noPasswordReason() const { return m_noPasswordReason; }
    QString clientKeyFile() const; // private key, OpenSSH format, no passphrase
    QString hostKeyFingerprint() const { return m_hostFingerprint; } // from ssh-keygen -lf
    QString hostPublicKey() const;              // "ssh-ed25519 AAAA...", as a known_hosts line takes it
    QString remoteDir() const;                  // a folder the user may write to
    QString path(const QString &name) const;    // a path inside the fixture's folder
    bool giveToUser(const QString &path) const; // chown to user(), as if the user made the file
    // Copies a script into the fixture's folder (readable by the test user), mode 0755.
    QString installScript(const QString &sourcePath, const QString &name = {});
    QString log() const { return m_log; }

    static QString findTool(const QString &name);

private:
    SshdStart prepare();
    SshdStart makeHostKey();
    SshdStart launch();
    SshdStart setUpUser();
    bool runTool(const QString &program, const QStringList &args, const QByteArray &input, QString *output);

    QTemporaryDir m_dir;
    QPointer<QProcess> m_sshd;
    quint16 m_port = 0;
    bool m_prepared = false;
    QString m_user;
    QString m_password;
    QString m_noPasswordReason;
    QString m_hostFingerprint;
    QString m_log;
    int m_hostKeyGeneration = 0;
    QStringList m_extraAddresses;
};
