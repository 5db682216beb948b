// `vlab run`, the whole lab in one run, as a person runs it, against the peers the other tests
// use: the NITRO stand-in (tests/tools/nitro-standin) and govmomi's vCenter simulator with its
// VCHA stand-in and switch shim (tests/tools/vcsim). The steps that need appliances, SSH or
// DNS (psc1, psc2, vcenter, apply-cert, endpoints, precheck) are shown and refused here; the
// whole run with every step against every local peer is tst_rehearsal.
//
// It checks: the stages and the changes are shown before anything runs; nothing runs without
// approval; a run builds the NetScaler, VCHA and the switch, audits them (exit 0) and writes
// the runbook; a run killed in the middle resumes without repeating a finished job; a second
// run finds everything already done; a change behind the tool's back is found by the audit.

#include "jobs/journal.h"
#include "net/trustedpins.h"

#include "nitrostandin.h"
#include "vcsimfixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QString both() const { return out + u"\n--- stderr ---\n"_s + err; }
};

const QString kVcPassword = u"S3cret-Pass!42"_s;

} // namespace

class TestRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void badInput_data();
    void badInput();
    void dryRunShowsStagesAndChangesAndTouchesNothing();
    void nothingRunsWithoutApproval();
    void wholeRunKilledResumedAuditedAndDriftFound();
    void stoppedRunContinuesWithoutRepeatingItsChanges();

private:
    QString writePlan(const QString &name);
    QStringList peers() const;
    QProcessEnvironment environment() const;
    Run run(const QStringList &args, const QProcessEnvironment &env) const;

    QTemporaryDir m_dir;
    NitroStandin m_ns;
    VcSimFixture m_sim;
    QString m_simAddress;
    QString m_skip;
};

void TestRun::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString why = m_ns.start();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    if (QStringLiteral(VLAB_VCSIM_PATH).isEmpty()) {
        m_skip =
            u"The vCenter simulator was not built: install golang-go and golang-github-vmware-govmomi-dev."_s;
        return;
    }
    why = m_sim.makeCertificate();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    // VCHA answers DEGRADED for a few polls after the deploy, so the run is still going when
    // it is killed below.
    m_simAddress = m_sim.start(QStringLiteral(VLAB_VCSIM_PATH),
                               {u"-vcha-standin"_s, u"-vcha-polls"_s, u"12"_s, u"-dvs-shim"_s}, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

// The example lab (`vlab init`), on the simulator's inventory names.
QString TestRun::writePlan(const QString &name)
{
    const QString folder = m_dir.filePath(name);
    if (!QDir().mkpath(folder))
        return {};
    QProcess init;
    init.start(QStringLiteral(VLAB_CLI_PATH), {u"init"_s, folder});
    if (!init.waitForFinished(30000) || init.exitCode() != 0)
        return {};
    const QString file = QDir(folder).filePath(u"sslab.vlab.json"_s);
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QJsonObject plan = QJsonDocument::fromJson(f.readAll()).object();
    f.close();
    QJsonObject vcha = plan.value(u"vcha"_s).toObject();
    QJsonObject network = vcha.value(u"network"_s).toObject();
    network.insert(u"portGroup"_s, u"DC0_DVPG0"_s);
    vcha.insert(u"network"_s, network);
    plan.insert(u"vcha"_s, vcha);
    QJsonObject target = plan.value(u"target"_s).toObject();
    target.insert(u"datastore"_s, u"LocalDS_0"_s);
    plan.insert(u"target"_s, target);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(QJsonDocument(plan).toJson());
    return file;
}

QStringList TestRun::peers() const
{
    return {u"--nsip"_s,
            m_ns.address(),
            u"--ns-fingerprint"_s,
            QString::fromLatin1(m_ns.certificateSha256().toHex(':').toUpper()),
            u"--vcenter"_s,
            m_simAddress,
            u"--vc-user"_s,
            u"administrator@vsphere.local"_s,
            u"--vc-fingerprint"_s,
            QString::fromLatin1(m_sim.pin().toHex(':').toUpper()),
            u"--audit-areas"_s,
            u"netscaler,vcenter,vcha,vds"_s,
            u"--vcha-poll-interval"_s,
            u"0.2"_s};
}

QProcessEnvironment TestRun::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"VLAB_NS_PASSWORD"_s, NitroStandin::password());
    env.insert(u"VLAB_VC_PASSWORD"_s, kVcPassword);
    return env;
}

Run TestRun::run(const QStringList &args, const QProcessEnvironment &env) const
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(QStringLiteral(VLAB_CLI_PATH), QStringList{u"run"_s} + args);
    Run r;
    if (!p.waitForFinished(180000)) {
        p.kill();
        p.waitForFinished();
        r.err = u"timed out"_s;
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void TestRun::badInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown step") << QStringList{u"--steps"_s, u"psc1,psc3"_s} << u"\"psc3\""_s;
    QTest::newRow("from after every step")
        << QStringList{u"--steps"_s, u"psc1,psc2"_s, u"--from"_s, u"vcha"_s} << u"No step is left"_s;
    QTest::newRow("install without the ISO") << QStringList{u"--steps"_s, u"psc1"_s} << u"--iso"_s;
    QTest::newRow("certificate without the CA")
        << QStringList{u"--steps"_s, u"certificate"_s, u"--ca-key"_s, u"/nonexistent"_s} << u"--ca-cert"_s;
    QTest::newRow("bad vCenter") << QStringList{u"--steps"_s, u"vds"_s, u"--vcenter"_s, u"[::1"_s}
                                 << u"--vcenter"_s;
    QTest::newRow("bad SSH port") << QStringList{u"--steps"_s, u"vds"_s, u"--ssh-port"_s, u"70000"_s}
                                  << u"--ssh-port"_s;
    QTest::newRow("bad audit area") << QStringList{u"--steps"_s, u"audit"_s, u"--audit-areas"_s,
                                                   u"dns,nope"_s}
                                    << u"nope"_s;
}

// README "Build the whole lab": exit 2 on bad input, nothing run and no journal written.
void TestRun::badInput()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const QString plan =
        writePlan(u"bad-"_s + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'));
    QVERIFY(!plan.isEmpty());
    const Run r = run(QStringList{plan} + args, environment());
    QVERIFY2(r.exitCode == 2, qPrintable(r.both()));
    QVERIFY2(r.err.contains(message), qPrintable(r.both()));
    QVERIFY(!QFileInfo::exists(QFileInfo(plan).dir().filePath(vlab::RunJournal::fileName())));
}

void TestRun::dryRunShowsStagesAndChangesAndTouchesNothing()
{
    const QString plan = writePlan(u"dry"_s);
    QVERIFY(!plan.isEmpty());
    const int before = m_ns.count(u"lbvserver"_s);
    const Run r =
        run(QStringList{plan, u"--steps"_s, u"netscaler,vcha,vds,audit,runbook"_s, u"--dry-run"_s} + peers(),
            environment());
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QVERIFY2(r.out.contains(u"vcha | vds   (at the same time)"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"Critical path: netscaler > vcha > audit > runbook"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"Create the persistency group (lbgroup): psc-persist"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"Create the Distributed Switch SSLAB-DSwitch"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"Dry run: nothing was run."_s), qPrintable(r.out));
    QCOMPARE(m_ns.count(u"lbvserver"_s), before);
    QVERIFY(!QFileInfo::exists(QFileInfo(plan).dir().filePath(vlab::RunJournal::fileName())));
}

// README "Build the whole lab": exit 1 when the changes are not approved.
void TestRun::nothingRunsWithoutApproval()
{
    const QString plan = writePlan(u"unapproved"_s);
    QVERIFY(!plan.isEmpty());
    const int before = m_ns.count(u"lbvserver"_s);
    const Run r = run(QStringList{plan, u"--steps"_s, u"netscaler"_s} + peers(), environment());
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    QVERIFY2(r.err.contains(u"not approved"_s), qPrintable(r.both()));
    QVERIFY2(r.out.contains(u"The run will change the lab:"_s), qPrintable(r.out));
    QCOMPARE(m_ns.count(u"lbvserver"_s), before);
    QVERIFY(!QFileInfo::exists(QFileInfo(plan).dir().filePath(vlab::RunJournal::fileName())));
}

// README "Build the whole lab": exit 0 when the lab was built and the audit found it as planned;
// exit 1 when the audit finds drift.
void TestRun::wholeRunKilledResumedAuditedAndDriftFound()
{
    if (!m_skip.isEmpty())
        QSKIP(qPrintable(m_skip));
    const QString plan = writePlan(u"rehearsal"_s);
    QVERIFY(!plan.isEmpty());
    const QString folder = QFileInfo(plan).absolutePath();
    const QStringList args =
        QStringList{plan, u"--steps"_s, u"netscaler,vcha,vds,audit,runbook"_s, u"--yes"_s} + peers();
    QVERIFY(m_ns.count(u"lbvserver"_s) == 0);

    // 1. Killed (SIGKILL) while VCHA waits for its cluster to become healthy (the NetScaler is done by then).
    QProcess first;
    first.setProcessEnvironment(environment());
    first.setStandardInputFile(QProcess::nullDevice());
    first.setReadChannel(QProcess::StandardError); // the progress lines
    first.start(QStringLiteral(VLAB_CLI_PATH), QStringList{u"run"_s} + args);
    QVERIFY(first.waitForStarted());
    QByteArray firstErr;
    const QByteArray waiting = "DEGRADED";
    while (!firstErr.contains(waiting) && first.state() == QProcess::Running) {
        first.waitForReadyRead(30000);
        firstErr += first.readAllStandardError();
    }
    QVERIFY2(firstErr.contains(waiting), firstErr.constData());
    first.kill(); // SIGKILL: a crash, nothing of the run's end is recorded
    QVERIFY(first.waitForFinished(60000));
    const int vserversAfterKill = m_ns.count(u"lbvserver"_s);
    QCOMPARE(vserversAfterKill, 6);
    vlab::Result<vlab::RunJournal> journal =
        vlab::RunJournal::load(QDir(folder).filePath(u"vlab-journal.json"_s));
    QVERIFY(journal);
    QCOMPARE(journal->runs.size(), 1);
    QVERIFY(!journal->runs.constFirst().finished.isValid());

    // 2. Run again: it resumes; the NetScaler apply that finished is not repeated, VCHA (cut
    // off while it waited) runs again and finds its cluster configured.
    Run r = run(args, environment());
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QVERIFY2(r.err.contains(u"resuming the \"Build the lab\""_s), qPrintable(r.both()));
    QVERIFY2(r.out.contains(u"audit: "_s) && r.out.contains(u" 0 drift, 0 unreachable, 0 skipped"_s),
             qPrintable(r.both()));
    journal = vlab::RunJournal::load(QDir(folder).filePath(u"vlab-journal.json"_s));
    QVERIFY(journal);
    QCOMPARE(journal->runs.size(), 2);
    const vlab::JournalRun &resumed = journal->runs.constLast();
    QCOMPARE(resumed.state, u"succeeded"_s);
    QStringList ranAgain;
    for (const vlab::JournalJob &job : resumed.jobs) {
        if (job.key == u"netscaler.apply"_s)
            QVERIFY2(job.state == u"done-earlier"_s || job.state == u"skipped"_s, qPrintable(job.state));
        if (job.state == u"succeeded"_s)
            ranAgain << job.key;
    }
    QVERIFY2(!ranAgain.contains(u"netscaler.apply"_s), qPrintable(ranAgain.join(u", "_s)));
    // The audit's record (audit-results.json) was kept next to the plan before the runbook.
    QFile record(QDir(folder).filePath(u"audit-results.json"_s));
    QVERIFY(record.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(record.readAll())
                 .object()
                 .value(u"summary"_s)
                 .toObject()
                 .value(u"drift"_s)
                 .toInt(-1),
             0);
    QCOMPARE(m_ns.count(u"lbvserver"_s), vserversAfterKill);
    // The runbook carries the run's evidence and the audit.
    QVERIFY(QFileInfo(QDir(folder).filePath(u"runbook.pdf"_s)).size() > 0);
    QFile markdown(QDir(folder).filePath(u"runbook.md"_s));
    QVERIFY(markdown.open(QIODevice::ReadOnly));
    const QString book = QString::fromUtf8(markdown.readAll());
    QVERIFY2(book.contains(u"As built"_s), qPrintable(book.left(2000)));
    QVERIFY2(book.contains(u"psc-persist"_s), "the NetScaler's evidence is missing");
    QVERIFY2(!r.both().contains(kVcPassword) && !r.both().contains(NitroStandin::password()),
             "a password reached the output");

    // 3. Once more: everything holds, nothing is changed.
    r = run(args, environment());
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QVERIFY2(r.err.contains(u"already done, skipped: "_s), qPrintable(r.both()));
    QCOMPARE(m_ns.count(u"lbvserver"_s), vserversAfterKill);

    // 4. Behind the tool's back: one service of PSC 2 unbound from its virtual server. The audit names it.
    const auto removed = m_ns.request(
        "DELETE",
        u"/nitro/v1/config/lbvserver_service_binding/psc-vs-636?args=servicename:psc-svc-vcenter-psc02-636"_s,
        {});
    QVERIFY2(removed.first == 200, qPrintable(QString::fromUtf8(QJsonDocument(removed.second).toJson())));
    // The fingerprints given to the run were kept in the project: the audit needs none.
    QProcess audit;
    audit.setProcessEnvironment(environment());
    audit.start(QStringLiteral(VLAB_CLI_PATH),
                {u"audit"_s, plan, u"--only"_s, u"netscaler,vcenter,vcha,vds"_s, u"--nsip"_s, m_ns.address(),
                 u"--vcenter"_s, m_simAddress, u"--format"_s, u"json"_s});
    QVERIFY(audit.waitForFinished(60000));
    const QByteArray report = audit.readAllStandardOutput();
    QVERIFY2(audit.exitCode() == 1, report.constData());
    QStringList drift;
    for (const QJsonValue &check : QJsonDocument::fromJson(report).object().value(u"checks"_s).toArray()) {
        if (check[u"status"_s].toString() != u"ok"_s)
            drift << check[u"target"_s].toString() + u": "_s + check[u"message"_s].toString();
    }
    QVERIFY2(drift.size() == 1 && drift.constFirst().contains(u"psc-vs-636"_s),
             qPrintable(drift.join(u'\n')));
}

// A run stopped by SIGTERM ends as "interrupted" (its end is recorded, so the run session does
// not resume it): the next run still does not make the lab changes it finished again. Peers of
// its own, so VCHA is deployed anew and the run is stopped while it waits.
void TestRun::stoppedRunContinuesWithoutRepeatingItsChanges()
{
    if (!m_skip.isEmpty())
        QSKIP(qPrintable(m_skip));
    NitroStandin ns;
    QString why = ns.start();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    VcSimFixture sim;
    why = sim.makeCertificate();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QString simAddress =
        sim.start(QStringLiteral(VLAB_VCSIM_PATH), {u"-vcha-standin"_s, u"-vcha-polls"_s, u"12"_s}, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QString plan = writePlan(u"stopped"_s);
    QVERIFY(!plan.isEmpty());
    const QString folder = QFileInfo(plan).absolutePath();
    const QStringList args = QStringList{plan,
                                         u"--steps"_s,
                                         u"netscaler,vcha"_s,
                                         u"--yes"_s,
                                         u"--nsip"_s,
                                         ns.address(),
                                         u"--ns-fingerprint"_s,
                                         QString::fromLatin1(ns.certificateSha256().toHex(':').toUpper()),
                                         u"--vcenter"_s,
                                         simAddress,
                                         u"--vc-user"_s,
                                         u"administrator@vsphere.local"_s,
                                         u"--vc-fingerprint"_s,
                                         QString::fromLatin1(sim.pin().toHex(':').toUpper()),
                                         u"--vcha-poll-interval"_s,
                                         u"0.5"_s};
    QProcess first;
    first.setProcessEnvironment(environment());
    first.setStandardInputFile(QProcess::nullDevice());
    first.setReadChannel(QProcess::StandardError);
    first.start(QStringLiteral(VLAB_CLI_PATH), QStringList{u"run"_s} + args);
    QVERIFY(first.waitForStarted());
    QByteArray firstErr;
    while (!firstErr.contains("DEGRADED") && first.state() == QProcess::Running) {
        first.waitForReadyRead(30000);
        firstErr += first.readAllStandardError();
    }
    QVERIFY2(firstErr.contains("DEGRADED"), firstErr.constData());
    first.terminate(); // SIGTERM: the run stops cleanly and records it
    QVERIFY(first.waitForFinished(60000));
    firstErr += first.readAllStandardError();
    QVERIFY2(first.exitStatus() == QProcess::NormalExit && first.exitCode() == 1,
             firstErr.right(2000).constData());
    vlab::Result<vlab::RunJournal> journal =
        vlab::RunJournal::load(QDir(folder).filePath(u"vlab-journal.json"_s));
    QVERIFY(journal);
    QCOMPARE(journal->runs.constLast().state, u"interrupted"_s);
    const int vservers = ns.count(u"lbvserver"_s);
    QCOMPARE(vservers, 6);

    const Run r = run(args, environment());
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QVERIFY2(
        r.err.contains(u"Continuing the last \"Build the lab\" (it ended interrupted): 1 lab change(s)"_s),
        qPrintable(r.err));
    journal = vlab::RunJournal::load(QDir(folder).filePath(u"vlab-journal.json"_s));
    QVERIFY(journal);
    QCOMPARE(journal->runs.size(), 2);
    for (const vlab::JournalJob &job : journal->runs.constLast().jobs) {
        if (job.key == u"netscaler.apply"_s)
            QCOMPARE(job.state, u"skipped"_s);
        if (job.key == u"vcha.deploy"_s)
            QCOMPARE(job.state, u"succeeded"_s);
    }
    QCOMPARE(ns.count(u"lbvserver"_s), vservers);
}

QTEST_GUILESS_MAIN(TestRun)
#include "tst_run.moc"
