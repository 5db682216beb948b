// The runbook's record of live runs (issue #20): every live job has a stable key (step and
// action, never its translated title or its host), and the runbook lists every run of every
// job from the project's journal in the chapter of its step, oldest first, with when, where,
// the outcome (succeeded, failed, cancelled, interrupted) and the files it wrote.

#include "jobs/journal.h"
#include "netscaler/lbconfig.h"
#include "netscaler/nitroapplyjob.h"
#include "netscaler/nitrodiffjob.h"
#include "netscaler/nitrorollbackjob.h"
#include "netscaler/nitroverifyjob.h"
#include "plan/planjson.h"
#include "precheck/portcheck.h"
#include "runbook/runbook.h"
#include "vsphere/dvsjob.h"
#include "vsphere/vcenterloginjob.h"
#include "vsphere/vchajob.h"
#include "vsphere/vcsadeployjob.h"
#include "vsphere/vcsatemplatewriter.h"

#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

// A live job of one step, made for the host `host`.
using JobFactory = std::function<Job *(const QString &host)>;

struct KeyCase
{
    JobFactory make;
    QString key;
    QString chapter;
};

VCenterEndpoint endpoint(const QString &host)
{
    return VCenterEndpoint{
        QUrl(u"https://%1:8989"_s.arg(host)), {}, u"administrator@vsphere.local"_s, {}, {}};
}

NitroTarget nsip(const QString &host)
{
    NitroTarget t;
    t.host = host;
    t.port = 8443;
    t.user = u"nsroot"_s;
    return t;
}

LbConfig lbConfig()
{
    return *LbConfig::fromPlan(examplePlan());
}

Job *vcsaJob(const QString &host, VcsaRole role)
{
    LabPlan plan = examplePlan();
    plan.target.host = host;
    VcsaDeployRequest request;
    request.role = role;
    request.templateJson = *renderVcsaTemplate(plan, role, VcsaVersion::V67);
    return new VcsaDeployJob(request);
}

// A journal entry of one job.
JournalJob job(const QString &key, const QString &title, const QString &state, const QDateTime &started,
               const QDateTime &finished, const QString &target, const QString &outcome = {},
               const QString &file = {})
{
    QJsonArray evidence{QJsonObject{{u"time"_s, started.toString(Qt::ISODateWithMs)},
                                    {u"kind"_s, u"sent"_s},
                                    {u"text"_s, QString(u"request of "_s + title)}}};
    if (!file.isEmpty())
        evidence.append(QJsonObject{
            {u"time"_s, started.toString(Qt::ISODateWithMs)}, {u"kind"_s, u"file"_s}, {u"text"_s, file}});
    if (!outcome.isEmpty())
        evidence.append(QJsonObject{{u"time"_s, finished.toString(Qt::ISODateWithMs)},
                                    {u"kind"_s, u"outcome"_s},
                                    {u"text"_s, outcome}});
    QJsonObject report{{u"title"_s, title}, {u"outcome"_s, state}, {u"evidence"_s, evidence}};
    if (state == u"running"_s)
        report = {}; // a job cut off never wrote its report
    return JournalJob{key, title, state, true, started, finished, report, target};
}

JournalRun run(const QString &title, const QDateTime &started, const QDateTime &finished,
               const QString &state, const QList<JournalJob> &jobs, const QString &interruptedBy = {})
{
    return JournalRun{title, title, started, finished, state, jobs, interruptedBy, {}};
}

// The rows of the "Recorded runs" table in the Markdown chapter `heading`, without the header.
QList<QStringList> recordedRows(const QString &md, const QString &heading)
{
    const qsizetype start = md.indexOf(u"\n## "_s + heading);
    if (start < 0)
        return {};
    const qsizetype end = md.indexOf(u"\n## "_s, start + 1);
    const QString chapter = md.mid(start, end < 0 ? -1 : end - start);
    const qsizetype table = chapter.indexOf(u"**Recorded runs**"_s);
    if (table < 0)
        return {};
    QList<QStringList> rows;
    const QStringList lines = chapter.mid(table).split(u'\n');
    // lines: the caption, an empty line, the header, the rule, then the rows.
    for (qsizetype i = 4; i < lines.size() && lines.at(i).startsWith(u'|'); ++i) {
        QStringList cells = lines.at(i).split(u" | "_s);
        cells.first().remove(0, 2);
        cells.last().chop(2);
        rows << cells;
    }
    return rows;
}

QString local(const QDateTime &t)
{
    return t.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

// The "When" cell of a run that ended the same day.
QString span(const QDateTime &start, const QDateTime &end)
{
    return local(start) + u" \u2013 "_s + end.toLocalTime().toString(u"HH:mm:ss"_s);
}

} // namespace

Q_DECLARE_METATYPE(KeyCase)

class TestRunbookJournal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The key is the same whichever host the job goes to (the host is its target), names no
    // host, and leads to the chapter of the job's step.
    void liveJobsHaveStableKeys_data()
    {
        QTest::addColumn<KeyCase>("c");
        const LabPlan plan = examplePlan();
        QTest::newRow("vCenter login")
            << KeyCase{[](const QString &h) { return new VCenterLoginJob(endpoint(h)); }, u"vcenter.login"_s,
                       u"vcenter"_s};
        QTest::newRow("VCHA deploy") << KeyCase{
            [plan](const QString &h) { return new VchaJob(VchaAction::Deploy, endpoint(h), plan); },
            u"vcha.deploy"_s, u"vcha"_s};
        QTest::newRow("VCHA status") << KeyCase{
            [plan](const QString &h) { return new VchaJob(VchaAction::Status, endpoint(h), plan); },
            u"vcha.status"_s, u"vcha"_s};
        QTest::newRow("Distributed Switch")
            << KeyCase{[plan](const QString &h) { return new DvsCreateJob(endpoint(h), plan.vds, u"dc1"_s); },
                       u"vds.create"_s, u"vds"_s};
        QTest::newRow("install PSC1") << KeyCase{[](const QString &h) { return vcsaJob(h, VcsaRole::Psc1); },
                                                 u"vcsa.psc1.install"_s, u"psc"_s};
        QTest::newRow("install vCenter")
            << KeyCase{[](const QString &h) { return vcsaJob(h, VcsaRole::VCenter); },
                       u"vcsa.vcenter.install"_s, u"vcenter"_s};
        QTest::newRow("NetScaler compare")
            << KeyCase{[](const QString &h) { return new NitroDiffJob(lbConfig(), nsip(h), u"pw"_s); },
                       u"netscaler.diff"_s, u"netscaler"_s};
        QTest::newRow("NetScaler apply")
            << KeyCase{[](const QString &h) { return new NitroApplyJob(lbConfig(), nsip(h), u"pw"_s); },
                       u"netscaler.apply"_s, u"netscaler"_s};
        QTest::newRow("NetScaler verify")
            << KeyCase{[](const QString &h) { return new NitroVerifyJob(lbConfig(), nsip(h), u"pw"_s); },
                       u"netscaler.verify"_s, u"netscaler"_s};
        QTest::newRow("NetScaler roll back")
            << KeyCase{[](const QString &h) { return new NitroRollbackJob(NitroRecord{}, nsip(h), u"pw"_s); },
                       u"netscaler.rollback"_s, u"netscaler"_s};
    }
    void liveJobsHaveStableKeys()
    {
        QFETCH(KeyCase, c);
        const std::unique_ptr<Job> one(c.make(u"vc-a.lab.test"_s));
        const std::unique_ptr<Job> two(c.make(u"192.0.2.77"_s));
        QCOMPARE(one->key(), c.key);
        QCOMPARE(two->key(), c.key);
        QVERIFY(one->title() != one->key());
        QCOMPARE(runbookChapterForJob(one->key()), c.chapter);
        QVERIFY2(one->target().startsWith(u"vc-a.lab.test"_s), qPrintable(one->target()));
        QVERIFY2(two->target().startsWith(u"192.0.2.77"_s), qPrintable(two->target()));
    }

    // The audit's TCP capture is the diagnostics' evidence; its other checks stay in As built.
    void auditTcpCaptureIsDiagnosticsEvidence()
    {
        QCOMPARE(runbookChapterForJob(u"audit.tcp.psc01"_s), u"diag"_s);
        QCOMPARE(runbookChapterForJob(u"diag.tcp"_s), u"diag"_s);
        QCOMPARE(runbookChapterForJob(u"audit.netscaler"_s), QString());
        QCOMPARE(runbookChapterForJob(u"audit.vcha"_s), QString());
    }

    void precheckKeysNameTheCheckNotTheLanguage()
    {
        PortCheck check(u"psc1.lab.test"_s, 443, u"HTTPS"_s, u"PSC psc1"_s, 1000);
        QCOMPARE(check.key(), u"precheck.ports.psc1.lab.test:443"_s);
        QCOMPARE(runbookChapterForJob(check.key()), u"precheck"_s);
    }

    // A certificate job that looked and found the PSC serving the new certificate already is
    // "skipped, nothing to do" with its reason; one the stopped queue never started is "not run".
    void alreadyServedIsNothingToDo()
    {
        const QDateTime t0 = QDateTime::currentDateTimeUtc().addDays(-1).addMSecs(
            -QDateTime::currentDateTimeUtc().time().msec());
        const auto at = [&t0](int s) {
            return t0.addSecs(s);
        };
        RunJournal journal;
        journal.runs << run(
            u"Apply the machine certificate to the PSCs"_s, at(10), at(20), u"failed"_s,
            {job(u"psc.cert.psc01"_s, u"Replace the machine certificate on psc01"_s, u"skipped"_s, at(11),
                 at(12), u"root@192.0.2.1:22"_s, u"Already served: psc01 serves it"_s),
             job(u"psc.cert.psc02"_s, u"Replace the machine certificate on psc02"_s, u"failed"_s, at(12),
                 at(19), u"root@192.0.2.2:22"_s, u"certificate-manager failed"_s),
             job(u"psc.cert.psc03"_s, u"Replace the machine certificate on psc03"_s, u"skipped"_s, {}, at(19),
                 u"root@192.0.2.3:22"_s, u"Not run: it failed."_s)});
        Runbook book = buildRunbook(examplePlan());
        addJournalEvidence(book, journal);
        const QString md = QString::fromUtf8(runbookToMarkdown(book));
        const QList<QStringList> rows = recordedRows(md, u"4. Certificate of the PSCs"_s);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0).value(3), u"skipped, nothing to do: Already served: psc01 serves it"_s);
        QCOMPARE(rows.at(1).value(3), u"failed: certificate-manager failed"_s);
        QCOMPARE(rows.at(2).value(3), u"skipped (not run): Not run: it failed."_s);
    }

    // Several runs of one job (a success, then a cancel), kinds that alternate (roll back,
    // verify, roll back again), a run cut off by SIGTERM, and runs listed in the journal in
    // another order than they began: the runbook shows every one, oldest first, each in the
    // chapter of its step.
    void everyRunInTimeOrderInItsChapter()
    {
        const QDateTime t0 = QDateTime::currentDateTimeUtc().addDays(-1).addMSecs(
            -QDateTime::currentDateTimeUtc().time().msec());
        const auto at = [&t0](int s) {
            return t0.addSecs(s);
        };
        RunJournal journal;
        // NetScaler: roll back (t+100), verify (t+200), roll back (t+300). The journal holds the
        // second roll back's run before the verify's (a CLI run journaled in its own order).
        journal.runs << run(u"Roll back"_s, at(99), at(110), u"succeeded"_s,
                            {job(u"netscaler.rollback"_s, u"Remove the load-balancing configuration"_s,
                                 u"succeeded"_s, at(100), at(110), u"192.0.2.5:8443"_s)})
                     << run(u"Roll back"_s, at(299), at(310), u"failed"_s,
                            {job(u"netscaler.rollback"_s, u"Remove the load-balancing configuration"_s,
                                 u"failed"_s, at(300), at(310), u"192.0.2.5:8443"_s,
                                 u"2 objects were left"_s)})
                     << run(u"Verify"_s, at(199), at(210), u"succeeded"_s,
                            {job(u"netscaler.verify"_s, u"Verify the load-balancing configuration"_s,
                                 u"succeeded"_s, at(200), at(210), u"192.0.2.5:8443"_s)});
        // PSC1: installed, then a second install cancelled.
        journal.runs << run(u"Install psc1"_s, at(400), at(900), u"succeeded"_s,
                            {job(u"vcsa.psc1.install"_s, u"Install psc1 with vcsa-deploy"_s, u"succeeded"_s,
                                 at(401), at(900), u"esxi1.lab.test"_s, {}, u"/lab/logs/vcsa-psc1-1"_s)})
                     << run(u"Install psc1"_s, at(1000), at(1050), u"cancelled"_s,
                            {job(u"vcsa.psc1.install"_s, u"Install psc1 with vcsa-deploy"_s, u"cancelled"_s,
                                 at(1001), at(1050), u"esxi1.lab.test"_s, u"Cancelled by the user"_s,
                                 u"/lab/logs/vcsa-psc1-2"_s)});
        // vCenter, VCHA (cut off by SIGTERM while it deployed, then a status read) and vDS.
        journal.runs << run(u"Check the vCenter login"_s, at(1100), at(1105), u"succeeded"_s,
                            {job(u"vcenter.login"_s, u"Log in to vCenter vc.lab.test"_s, u"succeeded"_s,
                                 at(1101), at(1105), u"vc.lab.test"_s)})
                     << run(u"Deploy vCenter HA"_s, at(1200), {}, u"running"_s,
                            {job(u"vcha.deploy"_s, u"Deploy vCenter HA on vc.lab.test"_s, u"running"_s,
                                 at(1201), {}, u"vc.lab.test"_s)},
                            u"SIGTERM"_s)
                     << run(u"Read the vCenter HA state"_s, at(1300), at(1302), u"succeeded"_s,
                            {job(u"vcha.status"_s, u"Read the vCenter HA state of vc.lab.test"_s,
                                 u"succeeded"_s, at(1301), at(1302), u"vc.lab.test"_s)})
                     << run(u"Create the Distributed Switch"_s, at(1400), at(1410), u"failed"_s,
                            {job(u"vds.create"_s, u"Create the Distributed Switch DSwitch"_s, u"failed"_s,
                                 at(1401), at(1410), u"vc.lab.test"_s, u"No datacenter dc9"_s)});
        // A resumed run lists the job done earlier again; it is not a run of its own.
        journal.runs << run(u"Install psc1"_s, at(1500), at(1501), u"succeeded"_s,
                            {JournalJob{u"vcsa.psc1.install"_s,
                                        u"Install psc1 with vcsa-deploy"_s,
                                        u"done-earlier"_s,
                                        true,
                                        {},
                                        {},
                                        {},
                                        u"esxi1.lab.test"_s}});

        // Through the file, as the wizard and `vlab runbook` read it.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(RunJournal::fileName());
        QVERIFY(journal.save(path).ok());
        const Result<RunJournal> loaded = RunJournal::load(path);
        QVERIFY(loaded.ok());
        Runbook book = buildRunbook(examplePlan());
        addJournalEvidence(book, *loaded);
        const QString md = QString::fromUtf8(runbookToMarkdown(book));

        using Rows = QList<QStringList>;
        QCOMPARE(recordedRows(md, u"5. NetScaler load balancing"_s),
                 (Rows{{span(at(100), at(110)), u"Remove the load-balancing configuration"_s,
                        u"192.0.2.5:8443"_s, u"succeeded"_s},
                       {span(at(200), at(210)), u"Verify the load-balancing configuration"_s,
                        u"192.0.2.5:8443"_s, u"succeeded"_s},
                       {span(at(300), at(310)), u"Remove the load-balancing configuration"_s,
                        u"192.0.2.5:8443"_s, u"failed: 2 objects were left"_s}}));
        QCOMPARE(recordedRows(md, u"3. Platform Services Controllers"_s),
                 (Rows{{span(at(401), at(900)), u"Install psc1 with vcsa-deploy"_s, u"esxi1.lab.test"_s,
                        u"succeeded"_s},
                       {span(at(1001), at(1050)), u"Install psc1 with vcsa-deploy"_s, u"esxi1.lab.test"_s,
                        u"cancelled: Cancelled by the user"_s}}));
        QCOMPARE(recordedRows(md, u"6. vCenter Server"_s),
                 (Rows{{span(at(1101), at(1105)), u"Log in to vCenter vc.lab.test"_s, u"vc.lab.test"_s,
                        u"succeeded"_s}}));
        QCOMPARE(recordedRows(md, u"7. vCenter High Availability"_s),
                 (Rows{{local(at(1201)), u"Deploy vCenter HA on vc.lab.test"_s, u"vc.lab.test"_s,
                        u"interrupted (SIGTERM); what it did on the lab is unknown"_s},
                       {span(at(1301), at(1302)), u"Read the vCenter HA state of vc.lab.test"_s,
                        u"vc.lab.test"_s, u"succeeded"_s}}));
        QCOMPARE(recordedRows(md, u"8. Distributed Switch"_s),
                 (Rows{{span(at(1401), at(1410)), u"Create the Distributed Switch DSwitch"_s,
                        u"vc.lab.test"_s, u"failed: No datacenter dc9"_s}}));
        QVERIFY(recordedRows(md, u"4. Certificate of the PSCs"_s).isEmpty());

        // A chapter with a succeeded run drops its sign-off lines; one with only a failure keeps them.
        const auto chapterText = [&md](const QString &heading) {
            const qsizetype start = md.indexOf(u"\n## "_s + heading);
            return md.mid(start, md.indexOf(u"\n## "_s, start + 1) - start);
        };
        QVERIFY(!chapterText(u"3. Platform Services Controllers"_s).contains(u"- [ ] First PSC installed"_s));
        QVERIFY(chapterText(u"8. Distributed Switch"_s).contains(u"- [ ] Switch and port groups created"_s));
        // Each run has its evidence, headed by when it began and how it ended.
        QVERIFY(md.contains(
            u"Evidence: Install psc1 with vcsa-deploy (%1, cancelled: Cancelled by the user)"_s.arg(
                local(at(1001)))));
        QVERIFY(md.contains(u"request of Verify the load-balancing configuration"_s));
        // The files a run wrote head its evidence.
        QVERIFY(md.contains(u"File: /lab/logs/vcsa-psc1-2"_s));

        // The PDF carries the same, readable by pdftotext.
        const QString pdf = dir.filePath(u"runbook.pdf"_s);
        QVERIFY(writeRunbookPdf(book, pdf).ok());
        QProcess p;
        p.start(u"pdftotext"_s, {pdf, u"-"_s});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QString raw = QString::fromUtf8(p.readAllStandardOutput());
        // Cells wrap between words, never inside one ("succeede" / "d" was the bug).
        for (const QString &word : {u"succeeded"_s, u"cancelled:"_s, u"192.0.2.5:8443"_s, u"vc.lab.test"_s,
                                    u"esxi1.lab.test"_s, u"interrupted"_s}) {
            const QString head = word.left(word.size() - 1);
            QVERIFY2(raw.count(head) == raw.count(word), qPrintable(word + u" is broken inside the word"_s));
            QVERIFY2(raw.contains(word), qPrintable(word));
        }
        const QString text = raw.simplified(); // cells wrap
        for (const QString &s : {u"Log in to vCenter vc.lab.test"_s, u"Deploy vCenter HA on vc.lab.test"_s,
                                 u"interrupted (SIGTERM)"_s, u"Create the Distributed Switch DSwitch"_s,
                                 u"/lab/logs/vcsa-psc1-2"_s})
            QVERIFY2(text.contains(s), qPrintable(s));
        QVERIFY(text.indexOf(u"vCenter High Availability"_s)
                < text.lastIndexOf(u"Deploy vCenter HA on vc.lab.test"_s));
    }
};

QTEST_MAIN(TestRunbookJournal)
#include "tst_runbookjournal.moc"
