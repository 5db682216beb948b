// `vlab netscaler diff|apply|verify|rollback` end to end against the NITRO stand-in (a
// stand-in for a NetScaler's NITRO API, see tests/tools/nitro-standin/main.cpp): exit codes,
// output, the confirmed fingerprint kept in the project, the record of created objects.

#include "nitrostandin.h"

#include "netscaler/nitrorecord.h"
#include "plan/planjson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runVlab(const QStringList &args, const QString &password = NitroStandin::password())
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"VLAB_NS_PASSWORD"_s);
    if (!password.isNull())
        env.insert(u"VLAB_NS_PASSWORD"_s, password);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(VLAB_CLI_PATH), args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    Run r{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
          QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    return r;
}

} // namespace

class TstCliNetscaler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void badInput_data();
    void badInput();
    void untrustedCertificateNamesTheFingerprint();
    void applyVerifyDiffRollback();
    void dryRunAndConflicts();
    void resumedApplyReadsBeforeWriting();
    void twoNetScalersOnOneAddressKeepTheirOwnRecords();
    void runbookCarriesTheEvidenceButNoPassword();

private:
    QStringList live(const QString &verb, const QStringList &extra = {}) const
    {
        return QStringList{u"netscaler"_s,
                           verb,
                           m_plan,
                           u"--nsip"_s,
                           m_ns->address(),
                           u"--user"_s,
                           QString::fromLatin1(NitroStandin::kUser),
                           u"--timeout"_s,
                           u"10"_s}
        + extra;
    }
    QString fingerprint() const
    {
        return QString::fromLatin1(m_ns->certificateSha256().toHex(':').toUpper());
    }
    QString record(const NitroStandin &ns) const
    {
        return vlab::nitroRecordPath(m_dir->path(), ns.address());
    }
    static QStringList log(const NitroStandin &ns)
    {
        QStringList out;
        for (const QJsonValue &v : ns.state().value(u"log"_s).toArray()) {
            if (v.toString() != u"GET /standin/state"_s)
                out << v.toString();
        }
        return out;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<NitroStandin> m_ns;
    QString m_plan;
};

void TstCliNetscaler::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_plan = m_dir->filePath(u"lab.vlab.json"_s);
    QFile plan(m_plan);
    QVERIFY(plan.open(QIODevice::WriteOnly));
    plan.write(vlab::examplePlanJson());
    plan.close();
    m_ns = std::make_unique<NitroStandin>();
}

void TstCliNetscaler::badInput_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<bool>("withPassword");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no --nsip") << QStringList{u"--user"_s, u"nsroot"_s} << true << u"needs --nsip"_s;
    QTest::newRow("no --user") << QStringList{u"--nsip"_s, u"10.0.0.1"_s} << true << u"needs --user"_s;
    QTest::newRow("bad port") << QStringList{u"--nsip"_s, u"10.0.0.1:70000"_s, u"--user"_s, u"nsroot"_s}
                              << true << u"port"_s;
    QTest::newRow("bad address") << QStringList{u"--nsip"_s, u"not an address"_s, u"--user"_s, u"nsroot"_s}
                                 << true << u"not a valid NSIP"_s;
    QTest::newRow("bad fingerprint") << QStringList{u"--nsip"_s, u"10.0.0.1"_s,      u"--user"_s,
                                                    u"nsroot"_s, u"--fingerprint"_s, u"AB:CD"_s}
                                     << true << u"32 hex pairs"_s;
    QTest::newRow("no password") << QStringList{u"--nsip"_s, u"10.0.0.1"_s, u"--user"_s, u"nsroot"_s} << false
                                 << u"VLAB_NS_PASSWORD"_s;
    QTest::newRow("bad timeout") << QStringList{u"--nsip"_s, u"10.0.0.1"_s,  u"--user"_s,
                                                u"nsroot"_s, u"--timeout"_s, u"0"_s}
                                 << true << u"--timeout"_s;
    QTest::newRow("unknown option") << QStringList{u"--nsip"_s, u"10.0.0.1"_s,   u"--user"_s,
                                                   u"nsroot"_s, u"--password"_s, u"x"_s}
                                    << true << u"password"_s;
}

void TstCliNetscaler::badInput()
{
    QFETCH(QStringList, extra);
    QFETCH(bool, withPassword);
    QFETCH(QString, expected);
    const Run r = runVlab(QStringList{u"netscaler"_s, u"apply"_s, m_plan} + extra,
                          withPassword ? NitroStandin::password() : QString());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(expected), qPrintable(r.err));
}

void TstCliNetscaler::untrustedCertificateNamesTheFingerprint()
{
    QCOMPARE(m_ns->start(), QString());
    const Run r = runVlab(live(u"diff"_s));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"--fingerprint "_s + fingerprint()), qPrintable(r.err));
    QVERIFY(!QFile::exists(m_dir->filePath(u"vlab-trust.json"_s))); // nothing confirmed, nothing kept
}

// README "NetScaler": diff and verify exit 0 when all is as planned; exit 1 when anything is
// missing (diff on an empty NetScaler) or drifted (verify); rollback of nothing recorded fails.
void TstCliNetscaler::applyVerifyDiffRollback()
{
    QCOMPARE(m_ns->start(), QString());
    const QString record = this->record(*m_ns);

    Run r = runVlab(live(u"apply"_s, {u"--fingerprint"_s, fingerprint()}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"netscaler apply: 40 created, 0 already as planned (12 requests)"_s),
             qPrintable(r.out));
    QCOMPARE(m_ns->count(u"service"_s), 12);
    // README "NetScaler": the record is netscaler-created-ADDRESS.json next to the plan, ADDRESS
    // the NSIP with its port (not 443) percent-encoded.
    QCOMPARE(QFileInfo(record).dir(), QDir(m_dir->path()));
    QCOMPARE(QFileInfo(record).fileName(),
             u"netscaler-created-"_s + QString(m_ns->address()).replace(u':', u"%3A"_s) + u".json"_s);
    QVERIFY(QFile::exists(record));
    QVERIFY2(r.out.contains(QDir::toNativeSeparators(record)), qPrintable(r.out));
    // The confirmed fingerprint is kept in the project: no --fingerprint needed from now on.
    QFile trust(m_dir->filePath(u"vlab-trust.json"_s));
    QVERIFY(trust.open(QIODevice::ReadOnly));
    QVERIFY(trust.readAll().contains(fingerprint().toLatin1()));

    // The record says our objects are there: the re-apply reads first and writes nothing.
    const qsizetype before = log(*m_ns).size();
    r = runVlab(live(u"apply"_s));
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"0 created, 40 already as planned (10 requests)"_s), qPrintable(r.out));
    for (const QString &line : log(*m_ns).mid(before))
        QVERIFY2(line.startsWith(u"GET "_s) || line.endsWith(u"/login"_s) || line.endsWith(u"/logout"_s),
                 qPrintable(line));

    r = runVlab(live(u"diff"_s));
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(u"0 to create, 40 correct, 0 conflicting"_s));

    r = runVlab(live(u"verify"_s));
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(u"everything UP and as planned"_s));

    r = runVlab(live(u"rollback"_s));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"Removed 40 object(s); the NetScaler is as it was before Apply."_s),
             qPrintable(r.out));
    QVERIFY(!QFile::exists(record));
    QCOMPARE(m_ns->state().value(u"running"_s).toObject(), QJsonObject());
    QCOMPARE(m_ns->state().value(u"features"_s).toArray(), QJsonArray()); // LB off again, as before

    // Nothing recorded any more: rollback says so and fails.
    r = runVlab(live(u"rollback"_s));
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(u"nothing is recorded"_s));

    // Verify on an empty NetScaler: drift.
    r = runVlab(live(u"verify"_s));
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.contains(u"missing"_s));
    // Diff of the same: everything is missing again.
    r = runVlab(live(u"diff"_s));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains(u"40 to create, 0 correct, 0 conflicting"_s), qPrintable(r.out));
    // The password was never printed.
    QVERIFY(!r.out.contains(NitroStandin::password()) && !r.err.contains(NitroStandin::password()));
}

// README "NetScaler": exit 1 on a conflict (apply --dry-run, apply); nothing changed.
void TstCliNetscaler::dryRunAndConflicts()
{
    const QJsonObject existing{
        {u"server"_s,
         QJsonArray{QJsonObject{{u"name"_s, u"someone-else"_s}, {u"ipaddress"_s, u"192.168.1.211"_s}}}}};
    QCOMPARE(m_ns->start({}, existing), QString());
    Run r = runVlab(live(u"apply"_s, {u"--fingerprint"_s, fingerprint(), u"--dry-run"_s}));
    QCOMPARE(r.exitCode, 1); // apply would fail on the conflict
    QVERIFY2(r.out.contains(u"conflict"_s) && r.out.contains(u"someone-else"_s), qPrintable(r.out));
    QVERIFY(r.out.contains(u"39 to create, 0 correct, 1 conflicting"_s));

    r = runVlab(live(u"apply"_s));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"someone-else"_s), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"as it was"_s), qPrintable(r.err));
    QCOMPARE(m_ns->state().value(u"running"_s).toObject(), existing);
    QCOMPARE(m_ns->state().value(u"features"_s).toArray(), QJsonArray());
    QVERIFY(!QFile::exists(record(*m_ns)));
}

// #19: after an apply was killed half way, the next one reads what exists before it changes
// anything (README, "Run journal and resume").
void TstCliNetscaler::resumedApplyReadsBeforeWriting()
{
    // This NetScaler answers the login and the SNIP read, then never again.
    NitroStandin hanging;
    QCOMPARE(hanging.start({u"--hang-after"_s, u"2"_s}), QString());
    QProcess cutOff;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"VLAB_NS_PASSWORD"_s, NitroStandin::password());
    cutOff.setProcessEnvironment(env);
    cutOff.start(QStringLiteral(VLAB_CLI_PATH),
                 {u"netscaler"_s, u"apply"_s, m_plan, u"--nsip"_s, hanging.address(), u"--user"_s,
                  QString::fromLatin1(NitroStandin::kUser), u"--timeout"_s, u"600"_s, u"--fingerprint"_s,
                  QString::fromLatin1(hanging.certificateSha256().toHex(':'))});
    QVERIFY(cutOff.waitForStarted());
    // Its first write (the SNIP) is on the wire and unanswered: kill it there.
    QTRY_VERIFY_WITH_TIMEOUT(log(hanging).size() == 2, 60000);
    cutOff.kill();
    QVERIFY(cutOff.waitForFinished());
    QVERIFY(!QFile::exists(record(hanging))); // nothing acknowledged, nothing recorded

    QCOMPARE(m_ns->start(), QString());
    const Run r = runVlab(live(u"apply"_s, {u"--fingerprint"_s, fingerprint()}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(u"was cut off"_s), qPrintable(r.err));
    // Before anything, a read-only look at what the cut-off apply left: a comparison.
    QVERIFY2(r.err.contains(u"checking what is true now: Compare the NetScaler with the plan"_s),
             qPrintable(r.err));
    QVERIFY2(
        r.err.contains(u"vlab: found: None of the plan's 40 objects exists on %1."_s.arg(m_ns->address())),
        qPrintable(r.err));
    QStringList requests = log(*m_ns);
    const qsizetype applyLogin = requests.indexOf(u"POST /nitro/v1/config/login"_s, 1);
    QVERIFY(applyLogin > 0);
    for (const QString &looked : requests.mid(1, applyLogin - 1))
        QVERIFY2(looked.startsWith(u"GET "_s) || looked == u"POST /nitro/v1/config/logout"_s,
                 qPrintable(looked));
    requests = requests.mid(applyLogin);
    QCOMPARE(requests.value(0), u"POST /nitro/v1/config/login"_s);
    QCOMPARE(requests.value(1), u"GET /nitro/v1/config/nsfeature"_s);
    QCOMPARE(requests.mid(1, 8).filter(u"GET "_s).size(), 8); // features and every type read first
    QCOMPARE(m_ns->count(u"service"_s), 12);
}

// #14: two NetScalers on one address (different ports) keep records of their own, so rolling
// one back leaves the other alone.
void TstCliNetscaler::twoNetScalersOnOneAddressKeepTheirOwnRecords()
{
    NitroStandin second;
    QCOMPARE(m_ns->start(), QString());
    QCOMPARE(second.start(), QString());
    QVERIFY(record(*m_ns) != record(second));
    Run r = runVlab(live(u"apply"_s, {u"--fingerprint"_s, fingerprint()}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QStringList other{u"netscaler"_s,
                            u"apply"_s,
                            m_plan,
                            u"--nsip"_s,
                            second.address(),
                            u"--user"_s,
                            QString::fromLatin1(NitroStandin::kUser),
                            u"--fingerprint"_s,
                            QString::fromLatin1(second.certificateSha256().toHex(':'))};
    r = runVlab(other);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(QFile::exists(record(*m_ns)) && QFile::exists(record(second)));

    r = runVlab(live(u"rollback"_s));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(m_ns->count(u"lbvserver"_s), 0);
    QCOMPARE(second.count(u"lbvserver"_s), 6);
    QVERIFY(QFile::exists(record(second)));
}

void TstCliNetscaler::runbookCarriesTheEvidenceButNoPassword()
{
    // The stand-in's password is random for this run: a canary that must appear nowhere.
    const QByteArray canary = NitroStandin::password().toUtf8();
    QCOMPARE(m_ns->start(), QString());
    Run apply = runVlab(live(u"apply"_s, {u"--fingerprint"_s, fingerprint()}));
    QCOMPARE(apply.exitCode, 0);
    Run verify = runVlab(live(u"verify"_s));
    QCOMPARE(verify.exitCode, 0);

    const QString journal = m_dir->filePath(u"vlab-journal.json"_s);
    QVERIFY(QFile::exists(journal));
    const QString pdf = m_dir->filePath(u"runbook.pdf"_s);
    const QString md = m_dir->filePath(u"runbook.md"_s);
    const Run book =
        runVlab({u"runbook"_s, m_plan, u"--journal"_s, journal, u"-o"_s, pdf, u"--markdown"_s, md});
    QVERIFY2(book.exitCode == 0, qPrintable(book.err));

    QProcess pdftotext;
    pdftotext.start(u"pdftotext"_s, {u"-layout"_s, pdf, u"-"_s});
    QVERIFY(pdftotext.waitForFinished(60000));
    const QByteArray text = pdftotext.readAllStandardOutput();
    QVERIFY(text.contains("Evidence: Apply the load-balancing configuration"));
    QVERIFY(text.contains("POST /nitro/v1/config/lbvserver"));
    QVERIFY(text.contains("Evidence: Verify the load-balancing configuration"));
    QVERIFY(text.contains("Recorded runs"));

    QFile mdFile(md), journalFile(journal);
    QVERIFY(mdFile.open(QIODevice::ReadOnly) && journalFile.open(QIODevice::ReadOnly));
    const QByteArray markdown = mdFile.readAll();
    QVERIFY(markdown.contains("POST /nitro/v1/config/lbvserver"));
    for (const QByteArray &where :
         {text, markdown, journalFile.readAll(), apply.out.toUtf8(), apply.err.toUtf8(), verify.out.toUtf8(),
          verify.err.toUtf8(), book.out.toUtf8(), book.err.toUtf8()})
        QVERIFY(!where.contains(canary));
    // Nor in the PDF's bytes (compressed streams aside, the text check above covers them).
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QVERIFY(!pdfFile.readAll().contains(canary));

    // A journal that does not exist is bad input.
    QCOMPARE(runVlab({u"runbook"_s, m_plan, u"--journal"_s, m_dir->filePath(u"none.json"_s), u"-o"_s, pdf})
                 .exitCode,
             2);
}

QTEST_GUILESS_MAIN(TstCliNetscaler)
#include "tst_cli_netscaler.moc"
