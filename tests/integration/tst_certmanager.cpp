// The certificate replacement over SSH (CertManagerJob) and the appliance-shell step, against
// a real sshd (sshdfixture.h) running stand-ins of certificate-manager and of the appliance
// shell (tests/data/remote/, each saying which documented behaviour it reproduces). The
// certificates are made at test time with the openssl command (tests/fixtures/certfixture.h).

#include "certfixture.h"
#include "sshdfixture.h"
#include "tlslistener.h"

#include "certs/csrrequest.h"
#include "core/quoting.h"
#include "jobs/jobqueue.h"
#include "jobs/outcomecheck.h"
#include "jobs/threadedjob.h"
#include "plan/planjson.h"
#include "remote/applianceshell.h"
#include "remote/certmanagerjob.h"
#include "remote/certreplacementplan.h"
#include "remote/loginshelljob.h"
#include "remote/sshsession.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace vlab;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int modeOf(const QString &path)
{
    struct stat st
    {
    };
    return ::stat(path.toLocal8Bit().constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

} // namespace

class TestCertManager : public QObject
{
    Q_OBJECT

private:
    SshdFixture m_sshd;
    QTemporaryDir m_work;
    std::unique_ptr<certtest::CertFixture> m_certs;
    QString m_goodFolder;  // psc-ha-vip-chain.crt, psc-ha-vip.key, cachain.crt that pass the checks
    QString m_badFolder;   // the same, but the key does not belong to the certificate
    QString m_certManager; // the installed stand-in
    QString m_applianceShell;
    TlsListener m_psc;     // the PSC's port 443: the old certificate until the stand-in replaces it
    QString m_store;       // where the stand-in puts the certificate the PSC serves from then on
    TlsListener m_newLeaf; // a PSC that serves psc.cer, the new leaf, all along
    TlsListener m_oldCert; // a PSC whose services keep the old certificate whatever happens
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

    CertReplacementRequest request(const QString &folder, const QString &mode, QString *log,
                                   QString *remoteFolder)
    {
        ++m_runs;
        *log = m_sshd.path(u"certmanager-%1.log"_s.arg(m_runs));
        *remoteFolder = m_sshd.remoteDir() + u"/certs-%1"_s.arg(m_runs);
        CertReplacementRequest r;
        r.nodeName = u"psc01"_s;
        r.connection.endpoint = SshEndpoint{m_sshd.user(), m_sshd.host(), int(m_sshd.port())};
        r.connection.knownHostsFile = m_work.filePath(u"known_hosts"_s);
        r.connection.acceptFingerprint = m_sshd.hostKeyFingerprint();
        r.connection.timeout = 10s;
        r.credentials.privateKeyFile = m_sshd.clientKeyFile();
        r.localFolder = folder;
        r.remoteFolder = *remoteFolder;
        r.certificateManager = u"VLAB_STANDIN_MODE=%1 VLAB_STANDIN_LOG=%2 VLAB_STANDIN_STORE=%3 %4"_s.arg(
            mode, *log, m_store, m_certManager);
        r.ssoPassword = u"Sso-%1!"_s.arg(QRandomGenerator::global()->generate());
        r.plan = examplePlan();
        r.promptTimeout = 20s;
        r.runTimeout = 30s;
        r.tlsHost = m_sshd.host();
        r.tlsPort = m_psc.port();
        r.tlsServerName = u"vcenter-psc01.sslab.com"_s;
        r.servedTimeout = 20s;
        // A PSC with its old certificate: whatever an earlier test replaced is forgotten.
        QDir(m_store).removeRecursively();
        // The stand-in runs as the test user and writes its log there.
        QFile f(*log);
        if (f.open(QIODevice::WriteOnly))
            f.close();
        QFile::setPermissions(*log,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        m_sshd.giveToUser(*log);
        return r;
    }

    static void run(Job &job)
    {
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(90000));
    }

    static void verifyNoSecret(const Job &job, const QString &secret)
    {
        for (const Evidence &e : job.report().evidence) {
            QVERIFY2(!e.text.contains(secret) && !e.detail.contains(secret), qPrintable(e.text));
        }
        QVERIFY(!job.result().ok() ? !job.result().error().message.contains(secret) : true);
        QVERIFY(!job.result().ok() ? !job.result().error().details.contains(secret) : true);
    }

    static QString evidenceText(const Job &job)
    {
        QString all;
        for (const Evidence &e : job.report().evidence)
            all += evidenceKindName(e.kind) + u": "_s + e.text + u" | "_s + e.detail + u"\n"_s;
        return all;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        const SshdStart s = m_sshd.start();
        if (s.outcome == SshdStart::Outcome::Unavailable)
            QSKIP(qPrintable(s.why));
        QVERIFY2(s.started(), qPrintable(s.why));
        m_certManager = m_sshd.installScript(QFINDTESTDATA("../data/remote/certificate-manager-standin.sh"));
        m_applianceShell = m_sshd.installScript(QFINDTESTDATA("../data/remote/appliancesh-standin.sh"));
        QVERIFY(!m_certManager.isEmpty() && !m_applianceShell.isEmpty());

        QVERIFY(QDir().mkpath(m_work.filePath(u"ca"_s)));
        m_certs = std::make_unique<certtest::CertFixture>(m_work.filePath(u"ca"_s));
        QVERIFY2(m_certs->setUp(), qPrintable(m_certs->lastError()));
        QVERIFY2(m_certs->makeRoot(u"vmca"_s, u"/CN=CA/DC=vsphere/DC=local/C=US/O=test VMCA"_s),
                 qPrintable(m_certs->lastError()));
        QVERIFY2(m_certs->makeLeaf(u"psc"_s, certtest::LeafSpec{}, u"vmca"_s),
                 qPrintable(m_certs->lastError()));
        QVERIFY2(m_certs->makeKey(u"other"_s, 2048), qPrintable(m_certs->lastError()));
        m_goodFolder = m_work.filePath(u"good"_s);
        m_badFolder = m_work.filePath(u"bad"_s);
        QVERIFY(writeSet(m_goodFolder, u"psc"_s));
        QVERIFY(writeSet(m_badFolder, u"other"_s));
        QVERIFY2(m_newLeaf.start(m_certs->path(u"psc.cer"_s), m_certs->path(u"psc.key"_s)),
                 qPrintable(m_newLeaf.lastError()));
        QVERIFY2(m_oldCert.start(m_certs->path(u"vmca.cer"_s), m_certs->path(u"vmca.key"_s)),
                 qPrintable(m_oldCert.lastError()));
        m_store = m_sshd.remoteDir() + u"/served"_s;
        QVERIFY2(m_psc.start(m_certs->path(u"vmca.cer"_s), m_certs->path(u"vmca.key"_s), m_store),
                 qPrintable(m_psc.lastError()));
    }

    static QString sha256Of(const QString &pem)
    {
        return QString::fromLatin1(
            QSslCertificate::fromPath(pem).value(0).digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    }

    void replacesCertificate()
    {
        QString log, remote;
        const CertReplacementRequest r = request(m_goodFolder, u"success"_s, &log, &remote);
        const int handshakesBefore = m_psc.handshakes();
        CertManagerJob job(r);
        run(job);
        QVERIFY2(job.state() == Job::State::Succeeded,
                 qPrintable(job.result().ok() ? QString()
                                              : job.result().error().message + u"\n"_s
                                    + job.result().error().details + u"\n"_s + evidenceText(job)));

        // The certificates are on the "PSC" with the right modes and content; the private key was
        // there for certificate-manager (its path is in the answers below) and is gone after.
        for (const char *name : {CertFiles::Chain, CertFiles::CaChain}) {
            const QString there = remote + u'/' + QString::fromLatin1(name);
            QCOMPARE(readAll(there), readAll(QDir(m_goodFolder).filePath(QString::fromLatin1(name))));
            QCOMPARE(modeOf(there), 0644);
        }
        QVERIFY(!QFile::exists(remote + u'/' + QString::fromLatin1(CertFiles::Key)));
        QCOMPARE(modeOf(remote), 0700);

        // certificate-manager got option 1, the default user, the password, option 2, the three
        // paths in the documented order, and Y.
        const QStringList answers = QString::fromUtf8(readAll(log)).split(u'\n', Qt::SkipEmptyParts);
        const QStringList expected = {
            u"option=1"_s,
            u"user=Administrator@vsphere.local"_s,
            u"password-length=%1"_s.arg(r.ssoPassword.size()),
            u"sub-option=2"_s,
            u"certificate=%1/psc-ha-vip-chain.crt"_s.arg(remote),
            u"key=%1/psc-ha-vip.key"_s.arg(remote),
            u"signing-certificate=%1/cachain.crt"_s.arg(remote),
            u"confirm=Y"_s,
        };
        QCOMPARE(answers, expected);

        // Evidence: the commands, the prompts answered, the files' SHA-256; never the password.
        verifyNoSecret(job, r.ssoPassword);
        const QString evidence = evidenceText(job);
        const QString chainHash = QString::fromLatin1(
            QCryptographicHash::hash(readAll(QDir(m_goodFolder).filePath(u"psc-ha-vip-chain.crt"_s)),
                                     QCryptographicHash::Sha256)
                .toHex());
        QVERIFY2(evidence.contains(chainHash), qPrintable(evidence));
        QVERIFY(evidence.contains(u"mkdir -p -m 0700 -- "_s + shellQuote(remote)));
        QVERIFY(evidence.contains(u"rm -f -- "_s + shellQuote(remote + u"/psc-ha-vip.key"_s)));
        QVERIFY(evidence.contains(u"Enter password: | ********"_s));
        QVERIFY(evidence.contains(u"Option[1 to 8]: | 1"_s));
        QVERIFY(evidence.contains(u"All tasks completed successfully"_s));
        QVERIFY(evidence.contains(m_sshd.hostKeyFingerprint()));
        for (const Evidence &e : job.report().evidence)
            QVERIFY(e.time.isValid());
        // The served certificate was read before (the old one: so the replacement went on) and
        // after (the new leaf); the evidence holds each side.
        QCOMPARE(m_psc.handshakes() - handshakesBefore, 2);
        const QString old = sha256Of(m_certs->path(u"vmca.cer"_s));
        QVERIFY2(evidence.contains(u"before the replacement | "_s + old), qPrintable(evidence));
        const QString leaf = sha256Of(m_certs->path(u"psc.cer"_s));
        QCOMPARE(chainLeafSha256(QDir(m_goodFolder).filePath(u"psc-ha-vip-chain.crt"_s)).value(), leaf);
        QVERIFY2(evidence.contains(u"SHA-256 of the new leaf"_s)
                     && evidence.contains(u"SHA-256 of the certificate served"_s),
                 qPrintable(evidence));
        QCOMPARE(evidence.count(leaf), 3); // new leaf, served, outcome
        QVERIFY(job.servesNewCertificate());
        QVERIFY2(job.standing().startsWith(u"psc01: serves the new certificate"_s),
                 qPrintable(job.standing()));
    }

    // The PSC serves the new leaf already: the job looks once, says so and ends skipped, with
    // both fingerprints as evidence; nothing is uploaded and certificate-manager does not run.
    void alreadyServedIsLeftAlone()
    {
        QString log, remote;
        CertReplacementRequest r = request(m_goodFolder, u"success"_s, &log, &remote);
        r.tlsPort = m_newLeaf.port();
        const int handshakes = m_newLeaf.handshakes();
        CertManagerJob job(r);
        QStringList logLines;
        connect(&job, &Job::logLine, this, [&logLines](const QString &line) { logLines << line; });
        run(job);
        QVERIFY2(job.state() == Job::State::Skipped, qPrintable(evidenceText(job)));
        QCOMPARE(job.report().outcome, u"skipped"_s);
        QCOMPARE(job.result().error().code, u"job.skipped"_s);
        const QString leaf = sha256Of(m_certs->path(u"psc.cer"_s));
        const QString message = job.result().error().message;
        QVERIFY2(message.startsWith(u"Already served: psc01 serves the new certificate"_s),
                 qPrintable(message));
        QVERIFY(message.contains(leaf));
        QVERIFY(message.contains(u"Nothing was uploaded and certificate-manager was not run"_s));
        QVERIFY(logLines.contains(message));
        // The evidence: the planned leaf, the served certificate, and the outcome with both.
        const Evidence &outcome = job.report().evidence.constLast();
        QCOMPARE(outcome.kind, Evidence::Kind::Outcome);
        QCOMPARE(outcome.text, message);
        QCOMPARE(outcome.detail, u"served: %1\nplanned leaf: %1"_s.arg(leaf));
        QVERIFY(evidenceText(job).contains(u"before the replacement | "_s + leaf));
        // One look, and nothing on the PSC: no folder, no answers to certificate-manager.
        QCOMPARE(m_newLeaf.handshakes() - handshakes, 1);
        QVERIFY(!QFileInfo::exists(remote));
        QVERIFY(readAll(log).isEmpty());
        QVERIFY(job.servesNewCertificate());
        QVERIFY2(job.standing().startsWith(u"psc01: already served the new certificate"_s),
                 qPrintable(job.standing()));
        verifyNoSecret(job, r.ssoPassword);
    }

    // After a replacement was cut off, the look made before a resume is offered (one handshake,
    // nothing over SSH): the new leaf served holds (skipping fits; running again is harmless, the
    // job looks first), another certificate is not done, no answer is unknown.
    void cutOffReplacementIsLookedAt()
    {
        QString log, remote;
        CertReplacementRequest r = request(m_goodFolder, u"success"_s, &log, &remote);
        const auto look = [](const CertReplacementRequest &request) {
            const CertManagerJob job(request);
            OutcomeProbe probe = job.outcomeProbe();
            if (!probe.isValid())
                return OutcomeCheck{OutcomeCheck::Verdict::Unknown, u"no probe"_s, false};
            std::unique_ptr<Job> owned(probe.job);
            run(*owned);
            return owned->state() == Job::State::Succeeded
                ? probe.read(*owned)
                : OutcomeCheck{OutcomeCheck::Verdict::Unknown, owned->result().error().message, false};
        };
        const QString leaf = sha256Of(m_certs->path(u"psc.cer"_s));

        r.tlsPort = m_newLeaf.port();
        OutcomeCheck check = look(r);
        QCOMPARE(check.verdict, OutcomeCheck::Verdict::Present);
        QVERIFY(check.repeatable);
        QVERIFY2(
            check.fact.startsWith(u"psc01 serves the new certificate on %1:%2 already (SHA-256 %3)"_s.arg(
                m_sshd.host(), QString::number(m_newLeaf.port()), leaf)),
            qPrintable(check.fact));

        r.tlsPort = m_oldCert.port();
        check = look(r);
        QCOMPARE(check.verdict, OutcomeCheck::Verdict::Absent);
        QVERIFY2(check.fact.contains(u"not the new one (%1)"_s.arg(leaf)), qPrintable(check.fact));

        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress(m_sshd.host())));
        r.tlsPort = closed.serverPort();
        closed.close();
        check = look(r);
        QCOMPARE(check.verdict, OutcomeCheck::Verdict::Unknown);
        QVERIFY2(check.fact.contains(u"does not answer"_s), qPrintable(check.fact));

        // Only looked: nothing reached the PSC over SSH.
        QVERIFY(!QFileInfo::exists(remote));
        QVERIFY(readAll(log).isEmpty());
    }

    void servedCertificateMismatch()
    {
        QString log, remote;
        CertReplacementRequest r = request(m_goodFolder, u"success"_s, &log, &remote);
        r.tlsPort = m_oldCert.port();
        CertManagerJob job(r);
        run(job);
        QCOMPARE(job.state(), Job::State::Failed);
        QCOMPARE(job.result().error().code, u"certmanager.served-mismatch"_s);
        const QString leaf = sha256Of(m_certs->path(u"psc.cer"_s));
        const QString served = sha256Of(m_certs->path(u"vmca.cer"_s));
        QVERIFY(job.result().error().message.contains(leaf));
        QVERIFY(job.result().error().message.contains(served));
        const QString evidence = evidenceText(job);
        QVERIFY(evidence.contains(leaf) && evidence.contains(served));
        verifyNoSecret(job, r.ssoPassword);
    }

    void servedCertificateUnreachable()
    {
        QString log, remote;
        CertReplacementRequest r = request(m_goodFolder, u"success"_s, &log, &remote);
        QTcpServer closed; // a port that was just free: nothing answers there
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        r.tlsPort = closed.serverPort();
        closed.close();
        r.servedTimeout = 2s;
        CertManagerJob job(r);
        QStringList logLines;
        connect(&job, &Job::logLine, this, [&logLines](const QString &line) { logLines << line; });
        run(job);
        QCOMPARE(job.state(), Job::State::Failed);
        QCOMPARE(job.result().error().code, u"certmanager.served"_s);
        // No answer before is no verdict: the log says so, and the replacement went on.
        QVERIFY2(logLines.filter(u"No answer on 127.0.0.1:%1 before the replacement"_s.arg(r.tlsPort)).size()
                     == 1,
                 qPrintable(logLines.join(u'\n')));
        QVERIFY(evidenceText(job).contains(u"did not answer before the replacement"_s));
        QVERIFY(QString::fromUtf8(readAll(log)).contains(u"confirm=Y"_s));
        QCOMPARE(job.reached(), CertManagerJob::Reached::Replaced);
    }

    void rollbackIsAFailure_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("standing");
        QTest::newRow("rolled back") << u"rollback"_s << u"certmanager.rolled-back"_s
                                     << u"psc02: its previous certificate is in place again"_s;
        QTest::newRow("rollback failed") << u"rollback-failed"_s << u"certmanager.rollback-failed"_s
                                         << u"psc02: unknown, services possibly down"_s;
    }
    // Run on the second PSC: every text names psc02, the PSC that failed, and no other.
    void rollbackIsAFailure()
    {
        QFETCH(QString, mode);
        QFETCH(QString, code);
        QFETCH(QString, standing);
        QString log, remote;
        CertReplacementRequest r = request(m_goodFolder, mode, &log, &remote);
        r.nodeName = u"psc02"_s;
        CertManagerJob job(r);
        run(job);
        QCOMPARE(job.state(), Job::State::Failed);
        QCOMPARE(job.result().error().code, code);
        // The tool's own error message is passed on.
        const QString message = job.result().error().message;
        QVERIFY2(message.contains(u"stand-in failure"_s), qPrintable(message));
        QVERIFY2(message.contains(u"certificate-manager on psc02 failed"_s), qPrintable(message));
        for (const QString &wrong : {u"psc01"_s, u"second PSC"_s, u"first PSC"_s})
            QVERIFY2(!message.contains(wrong) && !job.standing().contains(wrong), qPrintable(message));
        QVERIFY2(job.standing().startsWith(standing), qPrintable(job.standing()));
        QVERIFY(!job.servesNewCertificate());
        // certificate-manager is done with the key: it left the PSC again, and the message says so.
        QVERIFY(QFile::exists(remote + u"/psc-ha-vip-chain.crt"_s));
        QVERIFY(!QFile::exists(remote + u"/psc-ha-vip.key"_s));
        QVERIFY2(message.endsWith(u"The uploaded private key was removed from %1 again."_s.arg(remote)),
                 qPrintable(message));
        QVERIFY(evidenceText(job).contains(u"Error Code : 70034"_s));
        verifyNoSecret(job, r.ssoPassword);
    }

    // psc01 replaced, then psc02 failing: the summary says which PSC has which certificate now
    // and how to go on with psc02, in the wizard and on the command line.
    void aftermathNamesEachPsc_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("repairFirst");
        QTest::newRow("rolled back") << u"rollback"_s << false;
        QTest::newRow("rollback failed") << u"rollback-failed"_s << true;
    }
    void aftermathNamesEachPsc()
    {
        QFETCH(QString, mode);
        QFETCH(bool, repairFirst);
        QString log, remote, log2, remote2;
        const CertReplacementRequest first = request(m_goodFolder, u"success"_s, &log, &remote);
        CertReplacementRequest second = request(m_goodFolder, mode, &log2, &remote2);
        second.nodeName = u"psc02"_s;
        second.tlsPort = m_oldCert.port(); // its own port 443, with its old certificate
        CertReplacementRequest third = second;
        third.nodeName = u"psc03"_s;
        JobQueue queue;
        queue.addJob(new CertManagerJob(first));
        queue.addJob(new CertManagerJob(second));
        queue.addJob(new CertManagerJob(third));
        QSignalSpy finished(&queue, &JobQueue::finished);
        queue.start();
        QVERIFY(finished.wait(180000));
        QCOMPARE(finished.first().first().toBool(), false);
        const QList<Job *> jobs = queue.jobs();
        const QString text =
            certReplacementAftermath({jobs.cbegin(), jobs.cend()}, u"/labs/my lab.vlab.json"_s);
        const QStringList lines = text.split(u'\n');
        QVERIFY2(lines.size() >= 5, qPrintable(text));
        QCOMPARE(lines.at(0), u"Where the PSCs stand now:"_s);
        QVERIFY2(lines.at(1).startsWith(u"  psc01: serves the new certificate"_s), qPrintable(text));
        QVERIFY2(lines.at(2).startsWith(u"  psc02: "_s
                                        + (repairFirst ? u"unknown"_s : u"its previous certificate"_s)),
                 qPrintable(text));
        QVERIFY2(lines.at(3).startsWith(u"  psc03: not touched by this run"_s), qPrintable(text));
        QCOMPARE(text.contains(u"Repair psc02 first"_s), repairFirst);
        // Two PSCs to go: all of them again, since a PSC that serves the new one is left alone.
        QVERIFY2(
            text.contains(
                u"choose \"All, one after the other\" as the PSC on the Apply certificates page and press Run"_s),
            qPrintable(text));
        QVERIFY2(text.contains(u"vlab psc apply-cert '/labs/my lab.vlab.json' --node all"_s),
                 qPrintable(text));
        // psc01 was changed: no undo but the snapshot.
        QVERIFY2(text.contains(u"to go back on psc01 instead, restore it from a snapshot"_s),
                 qPrintable(text));
        QVERIFY(!text.contains(u"second PSC"_s));
    }

    // Cancelled while certificate-manager works (after the Y): the PSC's state is unknown, and
    // the texts say so for psc02, the PSC it ran on, with what to do first.
    void cancelAfterTheGoAheadLeavesTheStateUnknown()
    {
        QString log, remote;
        CertReplacementRequest r = request(m_goodFolder, u"hang"_s, &log, &remote);
        r.nodeName = u"psc02"_s;
        auto *job = new CertManagerJob(r);
        // Cancelled once certificate-manager says it stops the services.
        connect(job, &Job::progressChanged, job, [job](qreal, const QString &status) {
            if (status.contains(u"70%"_s))
                job->cancel();
        });
        JobQueue queue;
        queue.addJob(job);
        QSignalSpy finished(&queue, &JobQueue::finished);
        queue.start();
        QVERIFY(finished.wait(90000));
        QCOMPARE(job->state(), Job::State::Cancelled);
        QCOMPARE(job->reached(), CertManagerJob::Reached::Confirmed);
        const QString message = job->result().error().message;
        QVERIFY2(
            message.contains(u"certificate-manager on psc02 had been told to go ahead, and its end was not "
                             u"seen: psc02 may have the new certificate or the previous one"_s),
            qPrintable(message));
        QVERIFY(QString::fromUtf8(readAll(log)).contains(u"confirm=Y"_s));
        // The key stays while certificate-manager may still use it, and the message says where.
        QVERIFY(QFile::exists(remote + u"/psc-ha-vip.key"_s));
        QVERIFY2(message.contains(u"The uploaded private key is left at %1/psc-ha-vip.key"_s.arg(remote)),
                 qPrintable(message));
        const QList<Job *> jobs = queue.jobs();
        const QString text = certReplacementAftermath({jobs.cbegin(), jobs.cend()});
        QVERIFY2(text.contains(u"  psc02: unknown; certificate-manager was told to go ahead"_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"Repair psc02 first"_s), qPrintable(text));
        QVERIFY2(text.contains(u"vlab psc apply-cert PLAN --node psc02"_s), qPrintable(text));
        QVERIFY2(text.contains(u"to go back on psc02 instead"_s), qPrintable(text));
        for (const QString &wrong : {u"psc01"_s, u"second PSC"_s})
            QVERIFY2(!message.contains(wrong) && !text.contains(wrong), qPrintable(message + text));
    }

    // certificate-manager ends before its go-ahead (here: it is not there at all): the
    // certificate is unchanged, and the uploaded private key leaves the PSC again.
    void stopBeforeTheGoAheadTakesTheKeyAway()
    {
        QString log, remote;
        CertReplacementRequest r = request(m_goodFolder, u"success"_s, &log, &remote);
        r.certificateManager = u"exit 3"_s;
        CertManagerJob job(r);
        run(job);
        QCOMPARE(job.state(), Job::State::Failed);
        QCOMPARE(job.reached(), CertManagerJob::Reached::Folder);
        const QString message = job.result().error().message;
        QVERIFY2(message.endsWith(
                     u"The certificate of psc01 was not changed. The uploaded private key was removed "
                     u"from %1 again."_s.arg(remote)),
                 qPrintable(message));
        QVERIFY(QFile::exists(remote + u"/psc-ha-vip-chain.crt"_s));
        QVERIFY(!QFile::exists(remote + u"/psc-ha-vip.key"_s));
        QVERIFY2(job.standing().startsWith(u"psc01: certificate not changed"_s), qPrintable(job.standing()));
        QVERIFY(evidenceText(job).contains(u"rm -f -- "_s + shellQuote(remote + u"/psc-ha-vip.key"_s)));
    }

    void refusesFilesThatFailTheChecks()
    {
        QString log, remote;
        const CertReplacementRequest r = request(m_badFolder, u"success"_s, &log, &remote);
        CertManagerJob job(r);
        run(job);
        QCOMPARE(job.state(), Job::State::Failed);
        QCOMPARE(job.result().error().code, u"cert.verification"_s);
        // Nothing reached the server: no folder, and certificate-manager never ran.
        QVERIFY(!QFileInfo::exists(remote));
        QVERIFY(readAll(log).isEmpty());
        QVERIFY2(job.result().error().message.endsWith(
                     u"Nothing was changed on psc01: it keeps the certificate it had."_s),
                 qPrintable(job.result().error().message));
        QCOMPARE(job.reached(), CertManagerJob::Reached::Nothing);
    }

    void loginShellDetected()
    {
        SshSession session;
        QVERIFY(session.connect({SshEndpoint{m_sshd.user(), m_sshd.host(), int(m_sshd.port())},
                                 m_work.filePath(u"known_hosts"_s), m_sshd.hostKeyFingerprint(), 10s}));
        QVERIFY(session.authenticate(SshCredentials{{}, m_sshd.clientKeyFile(), {}}));
        const Result<LoginShell> shell = detectLoginShell(session);
        QVERIFY(shell);
        QCOMPARE(shell.value(), LoginShell::Bash);
        // What the appliance shell prints is recognised.
        const Result<ExecResult> banner = session.exec(u"printf 'exit\\n' | "_s + m_applianceShell, 10s);
        QVERIFY(banner);
        QVERIFY(looksLikeApplianceShell(banner->standardOutput));
        QVERIFY(!looksLikeApplianceShell("vlab-login-shell-probe\n"));
    }

    void applianceShellSwitchedToBash()
    {
        SshSession session;
        QVERIFY(session.connect({SshEndpoint{m_sshd.user(), m_sshd.host(), int(m_sshd.port())},
                                 m_work.filePath(u"known_hosts"_s), m_sshd.hostKeyFingerprint(), 10s}));
        QVERIFY(session.authenticate(SshCredentials{{}, m_sshd.clientKeyFile(), {}}));
        const QString log = m_sshd.path(u"appliancesh.log"_s);
        {
            QFile f(log);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        QFile::setPermissions(log, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        QVERIFY(m_sshd.giveToUser(log));
        const Result<LoginShellFixResult> fixed =
            switchLoginShellToBash(session, {}, u"VLAB_STANDIN_LOG=%1 %2"_s.arg(log, m_applianceShell), 20s);
        QVERIFY2(fixed,
                 qPrintable(fixed ? QString() : fixed.error().message + u"\n"_s + fixed.error().details));
        QVERIFY(!fixed->alreadyBash);
        QCOMPARE(fixed->undoCommand, u"chsh -s /bin/appliancesh root"_s);
        QCOMPARE(QString::fromUtf8(readAll(log)), u"chsh -s /bin/bash root\n"_s);
        QVERIFY(fixed->transcript.contains(u"Shell access is granted to root"_s));
        QCOMPARE(fixed->exchanges.size() >= 3, true);
        QCOMPARE(fixed->exchanges.at(0).answer, u"shell.set --enabled True"_s);
        QCOMPARE(fixed->exchanges.at(1).answer, u"shell"_s);
    }

    // The login-shell step before a replacement takes the same look: a PSC that serves the new
    // leaf already keeps its login shell (skipped, nothing run); one with the old certificate
    // gets bash (the appliance-shell stand-in records the chsh).
    void loginShellStepLooksFirst_data()
    {
        QTest::addColumn<bool>("served");
        QTest::newRow("new leaf served already") << true;
        QTest::newRow("old certificate served") << false;
    }
    void loginShellStepLooksFirst()
    {
        QFETCH(bool, served);
        QString certLog, remote;
        CertReplacementRequest r = request(m_goodFolder, u"success"_s, &certLog, &remote);
        if (served)
            r.tlsPort = m_newLeaf.port();
        const QString log = m_sshd.path(u"appliancesh-job-%1.log"_s.arg(m_runs));
        {
            QFile f(log);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        QFile::setPermissions(log, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        QVERIFY(m_sshd.giveToUser(log));
        LoginShellJob job(r.nodeName, r.connection, r.credentials,
                          u"VLAB_STANDIN_LOG=%1 %2"_s.arg(log, m_applianceShell));
        job.skipWhenServed(r);
        run(job);
        if (served) {
            QVERIFY2(job.state() == Job::State::Skipped, qPrintable(evidenceText(job)));
            QVERIFY2(
                job.result().error().message.startsWith(u"Already served: psc01 serves the new certificate"_s)
                    && job.result().error().message.endsWith(u"the login shell was left as it is."_s),
                qPrintable(job.result().error().message));
            QVERIFY(readAll(log).isEmpty());
        } else {
            QVERIFY2(job.state() == Job::State::Succeeded,
                     qPrintable(job.result().ok() ? QString() : job.result().error().message));
            QCOMPARE(QString::fromUtf8(readAll(log)), u"chsh -s /bin/bash root\n"_s);
        }
    }

    void bashLoginShellLeftAlone()
    {
        SshSession session;
        QVERIFY(session.connect({SshEndpoint{m_sshd.user(), m_sshd.host(), int(m_sshd.port())},
                                 m_work.filePath(u"known_hosts"_s), m_sshd.hostKeyFingerprint(), 10s}));
        QVERIFY(session.authenticate(SshCredentials{{}, m_sshd.clientKeyFile(), {}}));
        const Result<LoginShellFixResult> fixed =
            switchLoginShellToBash(session, {}, u"env PS1='bash$ ' bash --norc --noprofile -i"_s, 20s);
        QVERIFY2(fixed,
                 qPrintable(fixed ? QString() : fixed.error().message + u"\n"_s + fixed.error().details));
        QVERIFY(fixed->alreadyBash);
    }
};

QTEST_GUILESS_MAIN(TestCertManager)
#include "tst_certmanager.moc"
