// `vlab psc apply-cert` and `vlab psc update-endpoints` end to end: the built vlab against a
// real sshd (sshdfixture.h) running the certificate-manager stand-in and the stand-in for the
// KB 2147014 scripts (tests/data/remote/), and a TLS listener in this process
// (tlslistener.h) standing in for the PSC's port 443, serving the new leaf or another
// certificate. Certificates are made at test time with the openssl command (certfixture.h).
// Also `vlab audit --only tcp` against the same sshd (its PSCs are this machine): the
// diagnostics' `ss -tan` over SSH sees this kernel's real TCP states, which the test drives
// with plain POSIX sockets on loopback. And `vlab audit --only psc` against the same sshd
// running the vmafd-cli stand-in (tests/data/remote/vmafd-cli-standin.sh), which answers for
// each loopback PSC, and for the plan's vCenter on a third loopback address, from the state this
// test writes.

#include "certfixture.h"
#include "sshdfixture.h"
#include "tlslistener.h"

#include "certs/csrrequest.h"
#include "diag/tcpstatereport.h"
#include "plan/planjson.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <utility>
#include <vector>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// An owned socket descriptor.
class Fd
{
public:
    explicit Fd(int fd = -1)
        : m_fd(fd)
    {
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    Fd(Fd &&other) noexcept
        : m_fd(std::exchange(other.m_fd, -1))
    {
    }
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    int get() const { return m_fd; }

private:
    int m_fd = -1;
};

sockaddr_in loopback(int port)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(quint16(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

// How many of this machine's sockets on `port` (local or peer) are in `state`, from /proc.
int countState(int port, TcpState state)
{
    const Result<TcpCapture> capture = readLocalTcpConnections();
    int n = 0;
    for (const TcpConnection &c : capture ? capture->connections : QList<TcpConnection>{}) {
        if (c.state == state && (c.localPort == port || c.peerPort == port))
            ++n;
    }
    return n;
}

} // namespace

class TestCliPsc : public QObject
{
    Q_OBJECT

private:
    SshdFixture m_sshd;
    QTemporaryDir m_work;
    std::unique_ptr<certtest::CertFixture> m_certs;
    TlsListener m_psc;     // both PSCs' port 443: the old certificate until the stand-in replaces it there
    QString m_store;       // where the stand-in puts the certificate a PSC serves from then on
    TlsListener m_newLeaf; // serves psc.cer, the new leaf, all along
    TlsListener m_oldCert; // serves another certificate: the old one still in place
    QString m_plan;        // the example plan with both PSCs at 127.0.0.1
    QString m_badCerts;    // files whose key does not belong to the certificate
    QString m_certManager;
    QString m_endpointScripts;
    QString m_vmafdCli;
    // Where the audit's vCenter answers SSH (the same sshd), and an address where nothing does.
    static QString vcenterAddress() { return u"127.0.0.3"_s; }
    static QString silentAddress() { return u"127.0.0.4"_s; }
    QString m_ssoPassword;  // canary
    QString m_rootPassword; // the fixture's password when it has one (a canary too)
    int m_runs = 0;

    bool writeSet(const QString &folder, const QString &keyName)
    {
        QDir().mkpath(folder);
        const QByteArray leaf = readAll(m_certs->path(u"psc.cer"_s));
        const QByteArray root = readAll(m_certs->path(u"vmca.cer"_s));
        const QByteArray key = readAll(m_certs->path(keyName + u".key"_s));
        if (leaf.isEmpty() || root.isEmpty() || key.isEmpty())
            return false;
        const auto write = [&](const char *name, const QByteArray &data) {
            QFile f(QDir(folder).filePath(QString::fromLatin1(name)));
            return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
        };
        return write(CertFiles::Chain, leaf + root) && write(CertFiles::CaChain, root)
            && write(CertFiles::Key, key);
    }

    // A fresh stand-in log (owned by the test user) and remote folder per run.
    QStringList live(const QString &node, quint16 tlsPort, const QString &knownHosts, QString *log,
                     const QString &standin = u"VLAB_STANDIN_MODE=success"_s)
    {
        ++m_runs;
        *log = m_sshd.path(u"cli-certmanager-%1.log"_s.arg(m_runs));
        QFile f(*log);
        if (f.open(QIODevice::WriteOnly))
            f.close();
        QFile::setPermissions(*log,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        m_sshd.giveToUser(*log);
        QStringList args{
            u"psc"_s,
            u"apply-cert"_s,
            m_plan,
            u"--node"_s,
            node,
            u"--user"_s,
            m_sshd.user(),
            u"--port"_s,
            QString::number(m_sshd.port()),
            u"--known-hosts"_s,
            knownHosts,
            u"--remote-folder"_s,
            m_sshd.remoteDir() + u"/cli-certs-%1"_s.arg(m_runs),
            u"--tls-port"_s,
            QString::number(tlsPort),
            u"--served-timeout"_s,
            u"20"_s,
            u"--timeout"_s,
            u"10"_s,
            u"--certificate-manager"_s,
            u"%1 VLAB_STANDIN_LOG=%2 VLAB_STANDIN_STORE=%3 %4"_s.arg(standin, *log, m_store, m_certManager)};
        if (m_rootPassword.isEmpty())
            args << u"--identity"_s << m_sshd.clientKeyFile();
        return args;
    }

    // vlab runs while this process's event loop serves the TLS listeners.
    Run runVlab(const QStringList &args, bool withPasswords = true)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"VLAB_ROOT_PASSWORD"_s);
        env.remove(u"VLAB_SSO_PASSWORD"_s);
        if (withPasswords) {
            if (!m_rootPassword.isEmpty())
                env.insert(u"VLAB_ROOT_PASSWORD"_s, m_rootPassword);
            env.insert(u"VLAB_SSO_PASSWORD"_s, m_ssoPassword);
        }
        p.setProcessEnvironment(env);
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(QStringLiteral(VLAB_CLI_PATH), args);
        if (!p.waitForStarted(10000))
            return {};
        if (finished.isEmpty() && !finished.wait(120000)) {
            p.kill();
            p.waitForFinished();
        }
        Run r{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
              QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
        verifyNoSecret(r.out + r.err);
        return r;
    }

    void verifyNoSecret(const QString &text)
    {
        QVERIFY2(!text.contains(m_ssoPassword), "the SSO password was printed");
        if (!m_rootPassword.isEmpty())
            QVERIFY2(!text.contains(m_rootPassword), "the root password was printed");
    }

    QString fingerprint() const { return m_sshd.hostKeyFingerprint(); }

    // Both PSCs back to their old certificate.
    void resetPscs() { QDir(m_store).removeRecursively(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        // README "Replacing the PSC certificate (live)": the files uploaded from certs/ next to
        // the plan (writeSet() writes them under these names).
        QCOMPARE(QString::fromLatin1(CertFiles::Chain), u"psc-ha-vip-chain.crt"_s);
        QCOMPARE(QString::fromLatin1(CertFiles::Key), u"psc-ha-vip.key"_s);
        QCOMPARE(QString::fromLatin1(CertFiles::CaChain), u"cachain.crt"_s);
        // The plan's vCenter, for the audit's psc area (its own lookup service location).
        m_sshd.setExtraAddresses({vcenterAddress()});
        const SshdStart s = m_sshd.start();
        if (s.outcome == SshdStart::Outcome::Unavailable)
            QSKIP(qPrintable(s.why));
        QVERIFY2(s.started(), qPrintable(s.why));
        m_rootPassword = m_sshd.password();
        m_ssoPassword = u"Canary-Sso-%1!"_s.arg(QRandomGenerator::global()->generate());
        m_certManager = m_sshd.installScript(QFINDTESTDATA("../data/remote/certificate-manager-standin.sh"));
        QVERIFY(!m_certManager.isEmpty());
        m_endpointScripts =
            m_sshd.installScript(QFINDTESTDATA("../data/remote/psc-endpoint-scripts-standin.sh"));
        QVERIFY(!m_endpointScripts.isEmpty());
        m_vmafdCli = m_sshd.installScript(QFINDTESTDATA("../data/remote/vmafd-cli-standin.sh"));
        QVERIFY(!m_vmafdCli.isEmpty());

        QVERIFY(QDir().mkpath(m_work.filePath(u"ca"_s)));
        m_certs = std::make_unique<certtest::CertFixture>(m_work.filePath(u"ca"_s));
        QVERIFY2(m_certs->setUp(), qPrintable(m_certs->lastError()));
        QVERIFY2(m_certs->makeRoot(u"vmca"_s, u"/CN=CA/DC=vsphere/DC=local/C=US/O=test VMCA"_s),
                 qPrintable(m_certs->lastError()));
        QVERIFY2(m_certs->makeLeaf(u"psc"_s, certtest::LeafSpec{}, u"vmca"_s),
                 qPrintable(m_certs->lastError()));
        QVERIFY2(m_certs->makeKey(u"other"_s, 2048), qPrintable(m_certs->lastError()));

        // The project: the example plan moved onto the loopback network, with the PSCs at the
        // two addresses the sshd and the TLS listeners answer on (a valid plan: every live
        // verb refuses one with errors), certs/ next to it.
        LabPlan plan = examplePlan();
        QVERIFY(plan.psc.size() == 2);
        m_plan = m_work.filePath(u"lab/lab.vlab.json"_s);
        QVERIFY(QDir().mkpath(m_work.filePath(u"lab"_s)));
        QVERIFY(savePlanFile(plan, m_plan));
        {
            QFile file(m_plan);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QByteArray json = file.readAll();
            file.close();
            json.replace(QByteArray(plan.psc[0].ip.toLatin1()).prepend('"').append('"'),
                         QByteArray(m_sshd.host().toLatin1()).prepend('"').append('"'));
            json.replace(QByteArray(plan.psc[1].ip.toLatin1()).prepend('"').append('"'),
                         QByteArray(m_sshd.secondHost().toLatin1()).prepend('"').append('"'));
            json.replace(QByteArray(plan.network.cidr.toLatin1()).prepend('"').append('"'),
                         "\"127.0.0.0/8\"");
            json.replace("\"192.168.1.", "\"127.0.1.");
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            QVERIFY(file.write(json) == json.size());
        }
        const Run valid = runVlab({u"validate"_s, m_plan});
        QVERIFY2(valid.code == 0, qPrintable(valid.out + valid.err));
        QVERIFY(writeSet(m_work.filePath(u"lab/certs"_s), u"psc"_s));
        m_badCerts = m_work.filePath(u"bad"_s);
        QVERIFY(writeSet(m_badCerts, u"other"_s));

        QVERIFY2(m_newLeaf.start(m_certs->path(u"psc.cer"_s), m_certs->path(u"psc.key"_s)),
                 qPrintable(m_newLeaf.lastError()));
        QVERIFY2(m_oldCert.start(m_certs->path(u"vmca.cer"_s), m_certs->path(u"vmca.key"_s)),
                 qPrintable(m_oldCert.lastError()));
        m_store = m_sshd.remoteDir() + u"/served"_s;
        QVERIFY2(m_psc.start(m_certs->path(u"vmca.cer"_s), m_certs->path(u"vmca.key"_s), m_store),
                 qPrintable(m_psc.lastError()));
    }

    // README "Replacing the PSC certificate (live)": exit 0 done (unknownHostKeyThenBothInTurn),
    // exit 1 refused or failed (refusesFilesThatFailTheChecks, servedCertificateMismatch, an
    // unknown host key), exit 2 bad input (badInput, noPlan).
    void badInput_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<bool>("passwords");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown node")
            << QStringList{u"--node"_s, u"psc07"_s} << true << u"no PSC \"psc07\""_s;
        QTest::newRow("bad port") << QStringList{u"--port"_s, u"0"_s} << true
                                  << u"--port must be a TCP port"_s;
        QTest::newRow("relative remote folder")
            << QStringList{u"--remote-folder"_s, u"certs"_s} << true << u"absolute path"_s;
        QTest::newRow("no passwords") << QStringList{} << false << u"VLAB_"_s;
        QTest::newRow("missing certificate files")
            << QStringList{u"--certs"_s, m_work.filePath(u"nowhere"_s)} << true << u"is missing"_s;
    }
    void badInput()
    {
        QFETCH(QStringList, extra);
        QFETCH(bool, passwords);
        QFETCH(QString, message);
        QString log;
        QStringList args = live(u"psc01"_s, m_newLeaf.port(), m_work.filePath(u"kh-bad"_s), &log);
        args += extra; // later options win for single-valued ones
        const Run r = runVlab(args, passwords);
        QVERIFY2(r.code == 2, qPrintable(r.err));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(readAll(log).isEmpty());
        QVERIFY(!QFile::exists(m_work.filePath(u"kh-bad"_s)));
    }

    void noPlan()
    {
        const Run r = runVlab({u"psc"_s, u"apply-cert"_s, u"--node"_s, u"all"_s});
        QCOMPARE(r.code, 2);
    }

    void refusesFilesThatFailTheChecks()
    {
        QString log;
        QStringList args = live(u"psc01"_s, m_newLeaf.port(), m_work.filePath(u"kh-refuse"_s), &log);
        args << u"--certs"_s << m_badCerts << u"--accept-host-key"_s << fingerprint();
        const Run r = runVlab(args);
        QVERIFY2(r.code == 1, qPrintable(r.err));
        QVERIFY2(r.err.contains(u"do not pass the checks, so nothing was sent to any PSC"_s),
                 qPrintable(r.err));
        QVERIFY(readAll(log).isEmpty());
        QVERIFY(!QFile::exists(m_work.filePath(u"kh-refuse"_s))); // not even a connection
    }

    void unknownHostKeyThenBothInTurn()
    {
        resetPscs();
        const QString knownHosts = m_work.filePath(u"known_hosts"_s);
        QString log;
        // An unknown host key: nothing happens, and vlab says which fingerprint to confirm.
        Run r = runVlab(live(u"all"_s, m_psc.port(), knownHosts, &log));
        QVERIFY2(r.code == 1, qPrintable(r.out + r.err));
        QVERIFY2(r.err.contains(u"--accept-host-key "_s + fingerprint()), qPrintable(r.err));
        QVERIFY(readAll(log).isEmpty());

        // Confirmed: psc01, then psc02, each serving the old certificate first, then answered,
        // then serving the new leaf: two looks at each.
        const int handshakes = m_psc.handshakes();
        QStringList args = live(u"all"_s, m_psc.port(), knownHosts, &log);
        args << u"--accept-host-key"_s << fingerprint();
        r = runVlab(args);
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(u"psc01"_s) && r.out.contains(u"psc02"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"serves the new certificate"_s), qPrintable(r.out));
        QCOMPARE(m_psc.handshakes() - handshakes, 4);
        const QStringList answers = QString::fromUtf8(readAll(log)).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(answers.count(u"option=1"_s), 2);
        QCOMPARE(answers.count(u"confirm=Y"_s), 2);
        QVERIFY(answers.contains(u"password-length=%1"_s.arg(m_ssoPassword.size())));
        QVERIFY(readAll(knownHosts).contains("ssh-ed25519"));

        // The journal holds both jobs by key, and no password.
        const QByteArray journal = readAll(m_work.filePath(u"lab/vlab-journal.json"_s));
        QVERIFY(journal.contains("psc.cert.psc01"));
        QVERIFY(journal.contains("psc.cert.psc02"));
        verifyNoSecret(QString::fromUtf8(journal));
        verifyNoSecret(QString::fromUtf8(readAll(knownHosts)));
        verifyNoSecret(QString::fromUtf8(readAll(log)));
    }

    void servedCertificateMismatch()
    {
        QString log;
        QStringList args = live(u"psc01"_s, m_oldCert.port(), m_work.filePath(u"kh-mismatch"_s), &log);
        args << u"--accept-host-key"_s << u"psc01="_s + fingerprint();
        const Run r = runVlab(args);
        QVERIFY2(r.code == 1, qPrintable(r.out + r.err));
        QVERIFY2(r.err.contains(u"serves a different certificate"_s), qPrintable(r.err));
        // certificate-manager itself ran to its end.
        QVERIFY(QString::fromUtf8(readAll(log)).contains(u"confirm=Y"_s));
        // Both fingerprints are named.
        const QString served = QString::fromLatin1(QSslCertificate::fromPath(m_certs->path(u"vmca.cer"_s))
                                                       .constFirst()
                                                       .digest(QCryptographicHash::Sha256)
                                                       .toHex(':')
                                                       .toUpper());
        const QString leaf = QString::fromLatin1(QSslCertificate::fromPath(m_certs->path(u"psc.cer"_s))
                                                     .constFirst()
                                                     .digest(QCryptographicHash::Sha256)
                                                     .toHex(':')
                                                     .toUpper());
        QVERIFY2(r.err.contains(served) && r.err.contains(leaf), qPrintable(r.err));
        const QByteArray journal = readAll(m_work.filePath(u"lab/vlab-journal.json"_s));
        QVERIFY(journal.contains(served.toLatin1()) && journal.contains(leaf.toLatin1()));
        verifyNoSecret(QString::fromUtf8(journal));
    }

    // psc02 fails and rolls back after psc01 was replaced: vlab says where each PSC stands and
    // how to go on. Going on with all: psc01 already serves the new certificate and is left
    // alone (nothing uploaded, certificate-manager not run), psc02 is replaced.
    void secondPscFailsThenAllAgain()
    {
        resetPscs();
        const QString knownHosts = m_work.filePath(u"kh-aftermath"_s);
        QString log;
        QStringList args =
            live(u"all"_s, m_psc.port(), knownHosts, &log,
                 u"VLAB_STANDIN_MODE=rollback VLAB_STANDIN_FAIL_ON=%1"_s.arg(m_sshd.secondHost()));
        args << u"--accept-host-key"_s << fingerprint();
        Run r = runVlab(args);
        QVERIFY2(r.code == 1, qPrintable(r.out + r.err));
        QCOMPARE(QString::fromUtf8(readAll(log)).count(u"confirm=Y"_s), 2);
        QVERIFY2(r.err.contains(u"certificate-manager on psc02 failed"_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"Where the PSCs stand now:\n  psc01: serves the new certificate"_s),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(u"\n  psc02: its previous certificate is in place again"_s),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(u"choose psc02 as the PSC on the Apply certificates page and press Run"_s),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(u"vlab psc apply-cert %1 --node psc02"_s.arg(m_plan)), qPrintable(r.err));
        QVERIFY(!r.err.contains(u"second PSC"_s));

        // All again: one look at psc01, which serves the new leaf already; psc02 replaced.
        const int handshakes = m_psc.handshakes();
        args = live(u"all"_s, m_psc.port(), knownHosts, &log);
        r = runVlab(args);
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(u"Replace the machine certificate on psc01: skipped, nothing to do\n"
                                u"  Already served: psc01 serves the new certificate"_s),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(u"Replace the machine certificate on psc02: done"_s), qPrintable(r.out));
        QVERIFY(!r.err.contains(u"Where the PSCs stand now"_s));
        QCOMPARE(m_psc.handshakes() - handshakes, 3);
        const QStringList answers = QString::fromUtf8(readAll(log)).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(answers.count(u"option=1"_s), 1);
        // The journal and so the runbook: psc01 skipped as already served, not replaced.
        const QByteArray journal = readAll(m_work.filePath(u"lab/vlab-journal.json"_s));
        QVERIFY(journal.contains("Already served: psc01 serves the new certificate"));
        verifyNoSecret(QString::fromUtf8(journal));
    }

    // The commands of the endpoint step, pointed at the stand-in (same flags as the defaults).
    QStringList endpoints(const QString &knownHosts, QString *log, const QString &prefix = {})
    {
        ++m_runs;
        *log = m_sshd.path(u"cli-endpoints-%1.log"_s.arg(m_runs));
        QFile f(*log);
        if (f.open(QIODevice::WriteOnly))
            f.close();
        QFile::setPermissions(*log,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        m_sshd.giveToUser(*log);
        const QString run = prefix + u"VLAB_STANDIN_LOG=%1 sh %2 "_s.arg(*log, m_endpointScripts);
        QStringList args{u"psc"_s,
                         u"update-endpoints"_s,
                         m_plan,
                         u"--user"_s,
                         m_sshd.user(),
                         u"--port"_s,
                         QString::number(m_sshd.port()),
                         u"--known-hosts"_s,
                         knownHosts,
                         u"--timeout"_s,
                         u"10"_s,
                         u"--accept-host-key"_s,
                         fingerprint(),
                         u"--each-psc-command"_s,
                         run + u"updateSSOConfig --lb-fqdn={lb}"_s,
                         u"--first-psc-command"_s,
                         run + u"UpdateLsEndpoint --lb-fqdn={lb} --user={user} --password={password}"_s};
        if (m_rootPassword.isEmpty())
            args << u"--identity"_s << m_sshd.clientKeyFile();
        return args;
    }

    void updateEndpointsShowsBeforeItRuns()
    {
        QString log;
        const QString knownHosts = m_work.filePath(u"kh-endpoints-show"_s);
        const Run r = runVlab(endpoints(knownHosts, &log));
        QVERIFY2(r.code == 1, qPrintable(r.out + r.err));
        // What runs where, from one place, with its source; nothing ran, nothing connected.
        QVERIFY2(r.out.contains(u"KB 2147014"_s), qPrintable(r.out));
        // Plan values through shellQuote(), which leaves a plain name bare.
        QCOMPARE(r.out.count(u"updateSSOConfig --lb-fqdn=vcenter-psc-lb.sslab.com"_s), 2);
        QVERIFY(r.out.contains(u"--user=administrator@vsphere.local --password=\"$VLAB_SSO_PASSWORD\""_s));
        QVERIFY2(r.err.contains(u"nothing was run"_s), qPrintable(r.err));
        QVERIFY(readAll(log).isEmpty());
        QVERIFY(!QFile::exists(knownHosts));
        // The defaults (no template given) are shown the same way, as to verify.
        const Run d = runVlab({u"psc"_s, u"update-endpoints"_s, m_plan});
        QCOMPARE(d.code, 1);
        QVERIFY2(d.out.contains(u"python /usr/lib/vmware-sso/bin/UpdateLsEndpoint.py --lb-fqdn="_s),
                 qPrintable(d.out));
        QVERIFY(d.out.contains(u"verify"_s));
    }

    void updateEndpointsRunsOnEveryPscThenTheFirst()
    {
        QString log;
        QStringList args = endpoints(m_work.filePath(u"kh-endpoints"_s), &log);
        args << u"--yes"_s;
        const Run r = runVlab(args);
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        const QStringList lines = QString::fromUtf8(readAll(log)).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0), u"script=updateSSOConfig lb=vcenter-psc-lb.sslab.com"_s);
        QCOMPARE(lines.at(1), u"script=updateSSOConfig lb=vcenter-psc-lb.sslab.com"_s);
        // The password arrived (typed at the prompt), and only as the stand-in's checksum here.
        const QString sum = QString::fromLatin1(
            QCryptographicHash::hash(m_ssoPassword.toUtf8(), QCryptographicHash::Sha256).toHex());
        QCOMPARE(lines.at(2),
                 u"script=UpdateLsEndpoint lb=vcenter-psc-lb.sslab.com user=administrator@vsphere.local "
                 u"password-length=%1 password-sha256=%2"_s.arg(QString::number(m_ssoPassword.size()), sum));
        const QByteArray journal = readAll(m_work.filePath(u"lab/vlab-journal.json"_s));
        QVERIFY(journal.contains("psc.endpoint.1.psc01") && journal.contains("psc.endpoint.2.psc02")
                && journal.contains("psc.endpoint.3.psc01"));
        QVERIFY(journal.contains("SSO password: "));
        QVERIFY(journal.contains("********"));
        verifyNoSecret(QString::fromUtf8(journal));
    }

    void updateEndpointsFailureIsReported()
    {
        QString log;
        QStringList args =
            endpoints(m_work.filePath(u"kh-endpoints-fail"_s), &log, u"VLAB_STANDIN_FAIL=1 "_s);
        args << u"--yes"_s;
        const Run r = runVlab(args);
        QVERIFY2(r.code == 1, qPrintable(r.out + r.err));
        QVERIFY2(r.err.contains(u"exit status 1"_s) && r.err.contains(u"psc01"_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"the stand-in was told to fail"_s), qPrintable(r.err));
        // The queue stopped at the first failure.
        QCOMPARE(QString::fromUtf8(readAll(log)).count(u"script="_s), 1);
    }

    // README "As-built audit": the tcp area over SSH to both PSCs (this machine, at 127.0.0.1 and
    // 127.0.0.2), the plan balancing one port the test owns (so that no other program's sockets
    // count): an unknown host key sends nothing (skipped, the fingerprint to confirm named); once
    // `vlab diag tcp --accept-host-key` recorded it, no pile-up is ok (exit 0); ten connections
    // the peer closed and this side never did are a CLOSE_WAIT pile-up, their peers' ends a
    // FIN_WAIT_2 pile-up, on each PSC, with the diagnostics' advice (exit 1); a port where no
    // sshd answers is unreachable (exit 1).
    void auditTcp()
    {
        // The service port: a listener on an ephemeral loopback port.
        Fd listener(::socket(AF_INET, SOCK_STREAM, 0));
        QVERIFY(listener.get() >= 0);
        sockaddr_in address = loopback(0);
        QCOMPARE(::bind(listener.get(), reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        QCOMPARE(::listen(listener.get(), 32), 0);
        socklen_t length = sizeof address;
        QCOMPARE(::getsockname(listener.get(), reinterpret_cast<sockaddr *>(&address), &length), 0);
        const int port = ntohs(address.sin_port);

        QVERIFY(QDir().mkpath(m_work.filePath(u"audit"_s)));
        const QString plan = m_work.filePath(u"audit/lab.vlab.json"_s);
        {
            QFile in(m_plan);
            QVERIFY(in.open(QIODevice::ReadOnly));
            QJsonObject json = QJsonDocument::fromJson(in.readAll()).object();
            QJsonObject lb = json.value(u"loadBalancer"_s).toObject();
            lb.insert(u"ports"_s, QJsonArray{port});
            json.insert(u"loadBalancer"_s, lb);
            QFile out(plan);
            QVERIFY(out.open(QIODevice::WriteOnly));
            QVERIFY(out.write(QJsonDocument(json).toJson()) > 0);
        }
        const QString knownHosts = m_work.filePath(u"audit/known_hosts"_s);
        const QStringList psc{u"vcenter-psc01.sslab.com"_s, u"vcenter-psc02.sslab.com"_s};
        const auto audit = [&](int sshPort) {
            QStringList args{u"audit"_s,      plan,          u"--only"_s,     u"tcp"_s,
                             u"--ssh-user"_s, m_sshd.user(), u"--ssh-port"_s, QString::number(sshPort),
                             u"--format"_s,   u"json"_s,     u"--timeout"_s,  u"10000"_s};
            if (m_rootPassword.isEmpty())
                args << u"--identity"_s << m_sshd.clientKeyFile();
            return runVlab(args);
        };
        const auto items = [](const Run &r) {
            QMap<QString, QJsonObject> byTarget;
            for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8())[u"checks"_s].toArray())
                byTarget.insert(v[u"target"_s].toString(), v.toObject());
            return byTarget;
        };
        const auto statuses = [&](const Run &r) {
            QStringList found;
            const QMap<QString, QJsonObject> byTarget = items(r);
            for (auto it = byTarget.cbegin(); it != byTarget.cend(); ++it)
                found << it.key() + u'=' + it.value().value(u"status"_s).toString();
            return found;
        };

        // The host keys are not recorded yet: nothing is sent, each PSC is skipped.
        Run r = audit(m_sshd.port());
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(statuses(r), (QStringList{psc[0] + u"=skipped"_s, psc[1] + u"=skipped"_s}));
        QVERIFY2(items(r).value(psc[0]).value(u"hint"_s).toString().contains(u"--accept-host-key "_s
                                                                             + fingerprint()),
                 qPrintable(r.out));
        QVERIFY(!QFile::exists(knownHosts));

        // Recorded by the diagnostics' own verb, as the hint says.
        for (const QString &host : {m_sshd.host(), m_sshd.secondHost()}) {
            QStringList args{u"diag"_s,
                             u"tcp"_s,
                             u"--ssh"_s,
                             u"%1@%2:%3"_s.arg(m_sshd.user(), host, QString::number(m_sshd.port())),
                             u"--plan"_s,
                             plan,
                             u"--accept-host-key"_s,
                             fingerprint()};
            if (m_rootPassword.isEmpty())
                args << u"--identity"_s << m_sshd.clientKeyFile();
            const Run d = runVlab(args);
            QVERIFY2(d.code == 0, qPrintable(d.out + d.err));
        }
        QVERIFY(readAll(knownHosts).contains("ssh-ed25519"));

        // No pile-up on the planned port: one ok item per PSC.
        r = audit(m_sshd.port());
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(statuses(r), (QStringList{psc[0] + u"=ok"_s, psc[1] + u"=ok"_s}));

        // Ten connections whose peer closed while this side keeps them open: CLOSE_WAIT on the
        // service port (the threshold is 10), the clients' ends in FIN_WAIT_2 (shut down for
        // writing, not closed, so tcp_fin_timeout does not end them during the test).
        std::vector<Fd> keep;
        for (int i = 0; i < 10; ++i) {
            Fd client(::socket(AF_INET, SOCK_STREAM, 0));
            QVERIFY(client.get() >= 0);
            const sockaddr_in to = loopback(port);
            QCOMPARE(::connect(client.get(), reinterpret_cast<const sockaddr *>(&to), sizeof to), 0);
            Fd server(::accept(listener.get(), nullptr, nullptr));
            QVERIFY(server.get() >= 0);
            QCOMPARE(::shutdown(client.get(), SHUT_WR), 0);
            keep.push_back(std::move(client));
            keep.push_back(std::move(server));
        }
        QTRY_COMPARE_WITH_TIMEOUT(countState(port, TcpState::CloseWait), 10, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(countState(port, TcpState::FinWait2), 10, 10000);
        r = audit(m_sshd.port());
        QVERIFY2(r.code == 1, qPrintable(r.out + r.err));
        QStringList expected;
        for (const QString &name : psc) {
            expected << u"%1 port %2 CLOSE_WAIT=drift"_s.arg(name, QString::number(port))
                     << u"%1 port %2 FIN_WAIT_2=drift"_s.arg(name, QString::number(port));
        }
        QCOMPARE(statuses(r), expected);
        const QJsonObject closeWait =
            items(r).value(u"%1 port %2 CLOSE_WAIT"_s.arg(psc[0], QString::number(port)));
        QCOMPARE(closeWait.value(u"found"_s).toString(), u"10 in CLOSE_WAIT"_s);
        QCOMPARE(closeWait.value(u"expected"_s).toString(), u"fewer than 10 in CLOSE_WAIT"_s);
        QVERIFY2(closeWait.value(u"hint"_s).toString().contains(u"ss -tanp"_s), qPrintable(r.out));

        // Nothing answers SSH on the port: unreachable, not drift.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 closedPort = closed.serverPort();
        closed.close();
        r = audit(closedPort);
        QVERIFY2(r.code == 1, qPrintable(r.out + r.err));
        QCOMPARE(statuses(r), (QStringList{psc[0] + u"=unreachable"_s, psc[1] + u"=unreachable"_s}));
    }

    // What each loopback PSC's vmafd-cli stand-in answers: domain, site, lookup service location.
    bool writeVmafdState(const QString &folder, const QString &address, const QString &domain,
                         const QString &site, const QString &ls)
    {
        if (!QDir().mkpath(folder))
            return false;
        QFile::setPermissions(folder,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                  | QFileDevice::ReadOther | QFileDevice::ExeOther);
        QFile f(QDir(folder).filePath(address));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        const QByteArray text = u"domain=%1\nsite=%2\nls=%3\n"_s.arg(domain, site, ls).toUtf8();
        if (f.write(text) != text.size())
            return false;
        f.close();
        return QFile::setPermissions(
            f.fileName(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
    }

    // The audit's plan: m_plan with the vCenter at `address`.
    bool writeAuditPlan(const QString &plan, const QString &vcenterAddress)
    {
        QJsonObject json = QJsonDocument::fromJson(readAll(m_plan)).object();
        QJsonObject vcenter = json.value(u"vcenter"_s).toObject();
        vcenter.insert(u"ip"_s, vcenterAddress);
        json.insert(u"vcenter"_s, vcenter);
        QFile f(plan);
        const QByteArray data = QJsonDocument(json).toJson();
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
    }

    // README "As-built audit" psc: exit 0 ok, exit 1 drift (a wrong domain, two sites, a lookup
    // service not at the load-balancer name, on a PSC or the vCenter) or unreachable (connection
    // refused, to the PSCs and the vCenter or to the vCenter alone).
    void auditPsc()
    {
        QVERIFY(QDir().mkpath(m_work.filePath(u"audit-psc"_s)));
        const QString plan = m_work.filePath(u"audit-psc/lab.vlab.json"_s);
        const QString vcAddress = vcenterAddress();
        QVERIFY(writeAuditPlan(plan, vcAddress));
        const QString knownHosts = m_work.filePath(u"audit-psc/known_hosts"_s);
        for (const QString &host : {m_sshd.host(), m_sshd.secondHost(), vcAddress}) {
            QStringList args{u"diag"_s,
                             u"tcp"_s,
                             u"--ssh"_s,
                             u"%1@%2:%3"_s.arg(m_sshd.user(), host, QString::number(m_sshd.port())),
                             u"--plan"_s,
                             plan,
                             u"--accept-host-key"_s,
                             fingerprint()};
            if (m_rootPassword.isEmpty())
                args << u"--identity"_s << m_sshd.clientKeyFile();
            const Run d = runVlab(args);
            QVERIFY2(d.code == 0, qPrintable(d.out + d.err));
        }
        QVERIFY(readAll(knownHosts).contains("ssh-ed25519"));

        const QString state = m_sshd.path(u"vmafd-state"_s);
        const QString lsAtLb = u"https://vcenter-psc-lb.sslab.com:443/lookupservice/sdk"_s;
        const auto audit = [&](int sshPort) {
            QStringList args{u"audit"_s,       plan,
                             u"--only"_s,      u"psc"_s,
                             u"--ssh-user"_s,  m_sshd.user(),
                             u"--ssh-port"_s,  QString::number(sshPort),
                             u"--vmafd-cli"_s, u"VLAB_STANDIN_STATE=%1 %2"_s.arg(state, m_vmafdCli),
                             u"--format"_s,    u"json"_s,
                             u"--timeout"_s,   u"10000"_s};
            if (m_rootPassword.isEmpty())
                args << u"--identity"_s << m_sshd.clientKeyFile();
            return runVlab(args);
        };
        const auto items = [](const Run &r) {
            QMap<QString, QJsonObject> byTarget;
            for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8())[u"checks"_s].toArray())
                byTarget.insert(v[u"target"_s].toString(), v.toObject());
            return byTarget;
        };
        const auto statuses = [&](const Run &r) {
            QStringList found;
            const QMap<QString, QJsonObject> byTarget = items(r);
            for (auto it = byTarget.cbegin(); it != byTarget.cend(); ++it)
                found << it.key() + u'=' + it.value().value(u"status"_s).toString();
            return found;
        };
        const QString p1 = u"vcenter-psc01.sslab.com"_s, p2 = u"vcenter-psc02.sslab.com"_s;
        const QString vc = QJsonDocument::fromJson(readAll(plan))[u"vcenter"_s][u"fqdn"_s].toString();
        QVERIFY(!vc.isEmpty());
        const auto expect = [&](const QStringList &notOk) {
            QStringList all;
            const QStringList targets{p1 + u" (SSO domain)"_s,     p1 + u" (SSO site)"_s,
                                      p1 + u" (lookup service)"_s, p2 + u" (SSO domain)"_s,
                                      p2 + u" (SSO site)"_s,       p2 + u" (lookup service)"_s,
                                      u"every PSC (one site)"_s,   vc + u" (lookup service)"_s};
            for (const QString &target : targets)
                all << target + (notOk.contains(target) ? u"=drift"_s : u"=ok"_s);
            all.sort();
            return all;
        };

        // As planned: both in vsphere.local, site SSLAB-Site1, the lookup service at the LB name,
        // and the vCenter finds its lookup service there too (what a 6.7 appliance prints: the URL
        // without the port).
        const QString vcLsAtLb = u"https://vcenter-psc-lb.sslab.com/lookupservice/sdk"_s;
        QVERIFY(writeVmafdState(state, m_sshd.host(), u"vsphere.local"_s, u"SSLAB-Site1"_s, lsAtLb));
        QVERIFY(writeVmafdState(state, m_sshd.secondHost(), u"vsphere.local"_s, u"SSLAB-Site1"_s, lsAtLb));
        QVERIFY(writeVmafdState(state, vcAddress, u"vsphere.local"_s, u"SSLAB-Site1"_s, vcLsAtLb));
        Run r = audit(m_sshd.port());
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(statuses(r), expect({}));
        QCOMPARE(items(r).value(p2 + u" (SSO site)"_s).value(u"found"_s).toString(), u"SSLAB-Site1"_s);
        QCOMPARE(items(r).value(p1 + u" (lookup service)"_s).value(u"found"_s).toString(), lsAtLb);
        QCOMPARE(items(r).value(vc + u" (lookup service)"_s).value(u"found"_s).toString(), vcLsAtLb);

        // README "As-built audit" and README "Runbook": the results are kept in
        // audit-results.json beside the plan (no password in it), and vlab runbook ends with
        // the "As built" chapter made from it.
        const QString record = m_work.filePath(u"audit-psc/audit-results.json"_s);
        const QJsonObject kept = QJsonDocument::fromJson(readAll(record)).object();
        QCOMPARE(kept.value(u"checks"_s).toArray().size(), 8);
        QCOMPARE(kept.value(u"areas"_s).toArray(), (QJsonArray{u"psc"_s}));
        QVERIFY(QDateTime::fromString(kept.value(u"time"_s).toString(), Qt::ISODate).isValid());
        verifyNoSecret(QString::fromUtf8(readAll(record)));
        const QString pdf = m_work.filePath(u"audit-psc/runbook.pdf"_s);
        const Run book = runVlab({u"runbook"_s, plan, u"-o"_s, pdf});
        QVERIFY2(book.code == 0, qPrintable(book.out + book.err));
        QVERIFY2(book.out.contains(record), qPrintable(book.out));
        QProcess pdftotext;
        pdftotext.start(u"pdftotext"_s, {pdf, u"-"_s});
        QVERIFY(pdftotext.waitForFinished(30000));
        QCOMPARE(pdftotext.exitCode(), 0);
        const QString text = QString::fromUtf8(pdftotext.readAllStandardOutput()).simplified();
        QVERIFY2(text.contains(u"As built"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Audited on "_s + kept.value(u"time"_s).toString()), qPrintable(text));
        QVERIFY2(text.contains(u"8 ok, 0 drift, 0 unreachable, 0 skipped"_s), qPrintable(text));
        QVERIFY2(text.contains(u"ok psc, vcenter-psc02.sslab.com (SSO site): expected SSLAB-Site1, found "
                               u"SSLAB-Site1."_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"ok psc, every PSC (one site): expected one SSO site on "_s),
                 qPrintable(text));

        // PSC 2 in another domain and another site; PSC 1's lookup service at its own name.
        QVERIFY(writeVmafdState(state, m_sshd.host(), u"vsphere.local"_s, u"SSLAB-Site1"_s,
                                u"https://vcenter-psc01.sslab.com:443/lookupservice/sdk"_s));
        QVERIFY(
            writeVmafdState(state, m_sshd.secondHost(), u"other.local"_s, u"Default-First-Site"_s, lsAtLb));
        r = audit(m_sshd.port());
        QVERIFY2(r.code == 1, qPrintable(r.out + r.err));
        QCOMPARE(statuses(r),
                 expect({p1 + u" (lookup service)"_s, p2 + u" (SSO domain)"_s, p2 + u" (SSO site)"_s,
                         u"every PSC (one site)"_s}));
        const QJsonObject domain = items(r).value(p2 + u" (SSO domain)"_s);
        QCOMPARE(domain.value(u"expected"_s).toString(), u"vsphere.local"_s);
        QCOMPARE(domain.value(u"found"_s).toString(), u"other.local"_s);
        QVERIFY(!domain.value(u"hint"_s).toString().isEmpty());
        const QJsonObject sites = items(r).value(u"every PSC (one site)"_s);
        QVERIFY2(sites.value(u"found"_s).toString().contains(p2 + u": Default-First-Site"_s),
                 qPrintable(r.out));
        QVERIFY2(items(r)
                     .value(p1 + u" (lookup service)"_s)
                     .value(u"message"_s)
                     .toString()
                     .contains(u"vcenter-psc01.sslab.com, not at the load-balancer name"_s),
                 qPrintable(r.out));

        // Both in one site, but not the plan's: each PSC's site drifts, the comparison does not.
        QVERIFY(writeVmafdState(state, m_sshd.host(), u"vsphere.local"_s, u"Other-Site"_s, lsAtLb));
        QVERIFY(writeVmafdState(state, m_sshd.secondHost(), u"vsphere.local"_s, u"Other-Site"_s, lsAtLb));
        r = audit(m_sshd.port());
        QVERIFY2(r.code == 1, qPrintable(r.out + r.err));
        QCOMPARE(statuses(r), expect({p1 + u" (SSO site)"_s, p2 + u" (SSO site)"_s}));

        // The PSCs as planned, the vCenter pointed at PSC 1 itself: only the vCenter's item
        // drifts, with the repoint that fixes it.
        QVERIFY(writeVmafdState(state, m_sshd.host(), u"vsphere.local"_s, u"SSLAB-Site1"_s, lsAtLb));
        QVERIFY(writeVmafdState(state, m_sshd.secondHost(), u"vsphere.local"_s, u"SSLAB-Site1"_s, lsAtLb));
        QVERIFY(writeVmafdState(state, vcAddress, u"vsphere.local"_s, u"SSLAB-Site1"_s,
                                u"https://vcenter-psc01.sslab.com/lookupservice/sdk"_s));
        r = audit(m_sshd.port());
        QVERIFY2(r.code == 1, qPrintable(r.out + r.err));
        QCOMPARE(statuses(r), expect({vc + u" (lookup service)"_s}));
        const QJsonObject vcLs = items(r).value(vc + u" (lookup service)"_s);
        QCOMPARE(vcLs.value(u"found"_s).toString(), u"https://vcenter-psc01.sslab.com/lookupservice/sdk"_s);
        QVERIFY2(vcLs.value(u"expected"_s).toString().contains(u"vcenter-psc-lb.sslab.com"_s),
                 qPrintable(r.out));
        QVERIFY2(vcLs.value(u"message"_s)
                     .toString()
                     .contains(u"vcenter-psc01.sslab.com, not at the load-balancer name"_s),
                 qPrintable(r.out));
        QVERIFY2(vcLs.value(u"hint"_s).toString().contains(
                     u"cmsso-util repoint --repoint-psc vcenter-psc-lb.sslab.com"_s),
                 qPrintable(r.out));

        // The vCenter's SSH does not answer (nothing listens on its address): its item is
        // unreachable, the PSCs' are not touched by it.
        QVERIFY(writeAuditPlan(plan, silentAddress()));
        r = audit(m_sshd.port());
        QVERIFY2(r.code == 1, qPrintable(r.out + r.err));
        QStringList onlyVCenter = expect({});
        onlyVCenter.replaceInStrings(vc + u" (lookup service)=ok"_s, vc + u" (lookup service)=unreachable"_s);
        QCOMPARE(statuses(r), onlyVCenter);
        QVERIFY2(items(r)
                     .value(vc + u" (lookup service)"_s)
                     .value(u"hint"_s)
                     .toString()
                     .contains(u"vCenter is up"_s),
                 qPrintable(r.out));
        QVERIFY(writeAuditPlan(plan, vcAddress));

        // Nothing answers SSH on the port (connection refused): unreachable, not drift.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 closedPort = closed.serverPort();
        closed.close();
        r = audit(closedPort);
        QVERIFY2(r.code == 1, qPrintable(r.out + r.err));
        QStringList silent{u"every PSC (one site)=unreachable"_s, p1 + u"=unreachable"_s,
                           p2 + u"=unreachable"_s, vc + u" (lookup service)=unreachable"_s};
        silent.sort();
        QCOMPARE(statuses(r), silent);
    }

    void updateEndpointsRefusesAnUnknownPlaceholder()
    {
        const Run r = runVlab({u"psc"_s, u"update-endpoints"_s, m_plan, u"--each-psc-command"_s,
                               u"python x.py --lb={loadbalancer}"_s, u"--yes"_s});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"{loadbalancer}"_s), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliPsc)
#include "tst_cli_psc.moc"
