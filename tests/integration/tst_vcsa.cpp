// The VCSA installer runner (VcsaDeployJob) and `vlab vcsa run` against the vcsa-deploy
// STAND-IN (tests/data/vcsa/vcsa-deploy-standin.sh: documented output, log layout and exit
// code 0 of domain-facts.md "vcsa-deploy"; its failure codes are the commonly given,
// unverified ones) in a fake ISO tree. What is tested:
//  - the three phases with their arguments, progress and status from the output, the log
//    folder and the installer's workflow folder;
//  - every failure mode with its message (the installer's reason, or the ERROR lines of its
//    log) and the log path;
//  - cancel and timeout end the whole process tree (also when it ignores SIGTERM);
//  - the filled template was 0600 and is gone afterwards, and canary passwords appear in no
//    argument, environment, log line, evidence or CLI output.
// Synchronisation: signal spies and the stand-in's pid file; nothing sleeps.

#include "jobs/jobqueue.h"
#include "jobs/journal.h"
#include "plan/planjson.h"
#include "vsphere/vcsadeployjob.h"
#include "vsphere/vcsaoutputparser.h"
#include "vsphere/vcsatemplatewriter.h"

#include "vcsafixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <csignal>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

constexpr int kWaitMs = 30000;

LabPlan plan()
{
    const Result<LabPlan> p = parsePlan(examplePlanJson());
    return p ? *p : LabPlan{};
}

VcsaSecrets secrets()
{
    return {VcsaFixture::targetPassword(), VcsaFixture::rootPassword(), VcsaFixture::ssoPassword()};
}

// Every string value (and key) in a JSON value, decoded.
QStringList jsonStrings(const QJsonValue &value)
{
    QStringList out;
    if (value.isString()) {
        out << value.toString();
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            out += jsonStrings(item);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            out += QStringList{it.key()} + jsonStrings(it.value());
    }
    return out;
}

QString leakIn(const QString &text)
{
    for (const QString &c : VcsaFixture::canaries()) {
        if (text.contains(c))
            return c;
    }
    return {};
}

// The stand-in's settings for one test; restored afterwards.
class StandInEnv
{
public:
    StandInEnv(const char *name, const QByteArray &value, const char *name2 = nullptr,
               const QByteArray &value2 = {})
    {
        qputenv(name, value);
        m_names << name;
        if (name2) {
            qputenv(name2, value2);
            m_names << name2;
        }
    }
    StandInEnv(const StandInEnv &) = delete;
    StandInEnv &operator=(const StandInEnv &) = delete;
    ~StandInEnv()
    {
        for (const QByteArray &name : m_names)
            qunsetenv(name.constData());
    }

private:
    QList<QByteArray> m_names;
};

} // namespace

class TestVcsa : public QObject
{
    Q_OBJECT

    VcsaFixture *m_fx = nullptr;

    VcsaDeployRequest request(VcsaRole role = VcsaRole::Psc1, bool precheckOnly = false) const
    {
        VcsaDeployRequest r;
        r.role = role;
        const Result<QString> installer = findVcsaDeploy(m_fx->isoFolder());
        r.installer = installer ? *installer : QString();
        const Result<QByteArray> json = renderVcsaTemplate(plan(), role, VcsaVersion::V67);
        r.templateJson = json ? *json : QByteArray();
        r.secrets = secrets();
        r.logRoot = m_fx->logRoot();
        r.tempFolder = m_fx->tempFolder();
        r.precheckOnly = precheckOnly;
        return r;
    }

    struct Ran
    {
        QStringList logLines;
        QStringList statuses;
        int progressSignals = 0;
    };

    static Ran runToEnd(VcsaDeployJob &job)
    {
        Ran ran;
        QObject context;
        QObject::connect(&job, &Job::logLine, &context, [&ran](const QString &l) { ran.logLines << l; });
        QObject::connect(&job, &Job::progressChanged, &context, [&ran](qreal, const QString &s) {
            ++ran.progressSignals;
            if (ran.statuses.isEmpty() || ran.statuses.constLast() != s)
                ran.statuses << s;
        });
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        if (!job.isFinished())
            finished.wait(kWaitMs);
        return ran;
    }

    void verifyNoLeak(const VcsaDeployJob &job, const Ran &ran)
    {
        const QString report =
            job.report().toText() + QString::fromUtf8(QJsonDocument(job.report().toJson()).toJson());
        QVERIFY2(leakIn(report).isEmpty(), qPrintable(u"evidence holds "_s + leakIn(report)));
        const QString logs = ran.logLines.join(u'\n');
        QVERIFY2(leakIn(logs).isEmpty(), qPrintable(u"log holds "_s + leakIn(logs)));
        const QString recorded = m_fx->recorded().join(u'\n');
        QVERIFY2(leakIn(recorded).isEmpty(), qPrintable(u"arguments hold "_s + leakIn(recorded)));
        QVERIFY2(!recorded.contains(u"env_password=yes"_s),
                 "a VLAB_*PASSWORD variable reached the installer");
        if (!job.result().ok())
            QVERIFY(leakIn(job.result().error().message + job.result().error().details).isEmpty());
    }

    void verifyTreeGone()
    {
        const QList<pid_t> pids = m_fx->pids();
        QCOMPARE(pids.size(), 2);
        for (pid_t pid : pids)
            QVERIFY2(VcsaFixture::isGone(pid), qPrintable(u"process %1 still runs"_s.arg(pid)));
    }

    void waitForHang() { QTRY_VERIFY_WITH_TIMEOUT(m_fx->pids().size() == 2, kWaitMs); }

    // `vlab vcsa run` for PSC1 with the stand-in hanging in the install phase, once it hangs.
    void startHangingInstall(QProcess &p, bool ignoreTerm)
    {
        p.setProgram(QStringLiteral(VLAB_CLI_PATH));
        p.setArguments(
            {u"vcsa"_s, u"run"_s, planFile(), u"--role"_s, u"psc1"_s, u"--iso"_s, m_fx->isoFolder()});
        p.setProcessEnvironment(cliEnv({{u"VCSA_STANDIN_MODE"_s, u"hang"_s},
                                        {u"VCSA_STANDIN_IGNORE_TERM"_s, ignoreTerm ? u"1"_s : u"0"_s}}));
        p.start();
        QVERIFY(p.waitForStarted(kWaitMs));
        waitForHang();
    }

    // None of the three passwords is in a file of the temporary folder or the project.
    void verifyNoPasswordOnDisk()
    {
        const QStringList secrets{VcsaFixture::rootPassword(), VcsaFixture::ssoPassword(),
                                  VcsaFixture::targetPassword()};
        QStringList holding = VcsaFixture::filesHolding(m_fx->tempFolder(), secrets);
        holding += VcsaFixture::filesHolding(m_fx->path(u"project"_s), secrets);
        QVERIFY2(holding.isEmpty(), qPrintable(holding.join(u'\n')));
    }

private Q_SLOTS:
    void init()
    {
        m_fx = new VcsaFixture;
        const QString why = m_fx->setUp();
        QVERIFY2(why.isEmpty(), qPrintable(why));
        qputenv("VCSA_STANDIN_RECORD", m_fx->recordFile().toLocal8Bit());
        qputenv("VCSA_STANDIN_PIDFILE", m_fx->pidFile().toLocal8Bit());
    }
    void cleanup()
    {
        qunsetenv("VCSA_STANDIN_RECORD");
        qunsetenv("VCSA_STANDIN_PIDFILE");
        delete m_fx;
        m_fx = nullptr;
    }

    void findsInstaller()
    {
        const Result<QString> found = findVcsaDeploy(m_fx->isoFolder());
        QVERIFY(found);
        QVERIFY(found->endsWith(u"vcsa-cli-installer/lin64/vcsa-deploy"_s));
        // Pointing at the vcsa-cli-installer folder itself works too.
        QVERIFY(findVcsaDeploy(m_fx->isoFolder() + u"/vcsa-cli-installer"_s));
        const Result<QString> missing = findVcsaDeploy(m_fx->emptyIso());
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, u"vcsa.installer.missing"_s);
        QVERIFY2(
            missing.error().message.contains(m_fx->emptyIso() + u"/vcsa-cli-installer/lin64/vcsa-deploy"_s),
            qPrintable(missing.error().message));
        QFile::setPermissions(*found, QFileDevice::ReadOwner);
        QCOMPARE(findVcsaDeploy(m_fx->isoFolder()).error().code, u"vcsa.installer.notexec"_s);
    }

    void fillsPlaceholdersAsJson()
    {
        const Result<QByteArray> json = renderVcsaTemplate(plan(), VcsaRole::Psc1, VcsaVersion::V67);
        QVERIFY(json);
        const Result<QByteArray> filled = fillVcsaTemplate(*json, secrets());
        QVERIFY(filled);
        const QJsonObject o = QJsonDocument::fromJson(*filled).object();
        const QJsonObject vcsa = o.value(u"new_vcsa"_s).toObject();
        QCOMPARE(vcsa.value(u"esxi"_s).toObject().value(u"password"_s).toString(),
                 VcsaFixture::targetPassword());
        QCOMPARE(vcsa.value(u"os"_s).toObject().value(u"password"_s).toString(), VcsaFixture::rootPassword());
        QCOMPARE(vcsa.value(u"sso"_s).toObject().value(u"password"_s).toString(), VcsaFixture::ssoPassword());
        QVERIFY(!QString::fromUtf8(*filled).contains(QRegularExpression(u"<VLAB_[A-Z_]*>"_s)));
        VcsaSecrets partial = secrets();
        partial.ssoPassword.clear();
        const Result<QByteArray> unfilled = fillVcsaTemplate(*json, partial);
        QVERIFY(!unfilled);
        QCOMPARE(unfilled.error().code, u"vcsa.template.placeholder"_s);
        QVERIFY(unfilled.error().message.contains(u"<VLAB_SSO_PASSWORD>"_s));
    }

    void parsesOutput_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<double>("progress"); // -1: none
        QTest::addColumn<QString>("status");
        QTest::newRow("start") << u"[START] Start executing Task: To validate CLI options at 10:11:12"_s
                               << -1.0 << u"To validate CLI options"_s;
        QTest::newRow("running") << u"Task: Install required RPMs for the appliance.(RUNNING 55/100)"_s
                                 << 0.55 << u"Install required RPMs for the appliance"_s;
        QTest::newRow("succeeded") << u"Task: Start the services.(SUCCEEDED 100/100)"_s << 1.0
                                   << u"Start the services"_s;
        QTest::newRow("completed") << u"Successfully completed VCSA deployment."_s << 1.0
                                   << u"Successfully completed VCSA deployment."_s;
        QTest::newRow("other") << u"Some unknown line"_s << -1.0 << QString();
    }
    void parsesOutput()
    {
        QFETCH(QString, line);
        QFETCH(double, progress);
        QFETCH(QString, status);
        VcsaOutputParser parser;
        const VcsaOutputParser::Update u = parser.feed(line);
        QCOMPARE(u.progress.has_value(), progress >= 0);
        if (u.progress)
            QCOMPARE(*u.progress, progress);
        QCOMPARE(u.status, status);
    }
    void parsesFailure()
    {
        VcsaOutputParser parser;
        (void)parser.feed(u"[FAILED] Task: PrecheckTask execution failed at 10:11:12"_s);
        (void)parser.feed(
            u"Task 'PrecheckTask' execution failed because [No PTR record], possible resolution is [Add one]"_s);
        (void)parser.feed(u"Error occurred. See logs for details."_s);
        (void)parser.feed(u"WorkFlow log directory: /tmp/x/workflow_1700000000000"_s);
        QCOMPARE(parser.failedTask(), u"PrecheckTask"_s);
        QCOMPARE(parser.failureReason(), u"No PTR record"_s);
        QCOMPARE(parser.failureHint(), u"Add one"_s);
        QVERIFY(parser.errorOccurred());
        QCOMPARE(parser.workflowLogDir(), u"/tmp/x/workflow_1700000000000"_s);
    }

    void installSucceeds()
    {
        VcsaDeployJob job(request());
        QCOMPARE(job.key(), u"vcsa.psc1.install"_s);
        QVERIFY(job.changesLab());
        const Ran ran = runToEnd(job);
        QVERIFY2(job.result().ok(), qPrintable(job.result().ok() ? QString() : job.result().error().message));
        QCOMPARE(job.state(), Job::State::Succeeded);
        QCOMPARE(job.progress(), 1.0);
        QVERIFY(ran.progressSignals >= 6);
        QVERIFY2(ran.statuses.contains(u"Install: Install required RPMs for the appliance"_s),
                 qPrintable(ran.statuses.join(u" | "_s)));
        // The log folder of this run, under the project, and the installer's workflow folder in it.
        QVERIFY(job.logDir().startsWith(m_fx->logRoot() + u"/vcsa-psc1-"_s));
        QVERIFY2(job.workflowLogDir().startsWith(job.logDir() + u"/workflow_"_s),
                 qPrintable(job.workflowLogDir()));
        QVERIFY(QFileInfo::exists(job.workflowLogDir() + u"/vcsa-cli-installer.log"_s));
        // Three phases, each with the 0600 template from the private temporary folder.
        const QStringList rec = m_fx->recorded();
        QCOMPARE(rec.size(), 3);
        QVERIFY(rec.at(0).startsWith(u"phase=verify mode=600 "_s));
        QVERIFY(rec.at(1).startsWith(u"phase=precheck mode=600 "_s));
        QVERIFY(rec.at(2).startsWith(u"phase=install mode=600 "_s));
        // The template check with the EULA and CEIP flags, as the stock examples run it.
        QVERIFY(rec.at(0).contains(
            u"args=install --accept-eula --acknowledge-ceip --verify-template-only --terse --log-dir "_s));
        QVERIFY(
            rec.at(1).contains(u"args=install --accept-eula --acknowledge-ceip --precheck-only --terse"_s));
        QVERIFY(rec.at(2).contains(u"args=install --accept-eula --acknowledge-ceip --terse --log-dir "_s
                                   + job.logDir()));
        QVERIFY(!rec.join(u'\n').contains(u"--no-ssl-certificate-verification"_s));
        const QString templatePath = rec.at(2).section(u" template="_s, 1).section(u' ', 0, 0);
        QVERIFY(templatePath.startsWith(m_fx->tempFolder() + u"/vlab-vcsa-"_s));
        QVERIFY(!QFileInfo::exists(templatePath));
        QVERIFY2(m_fx->leftInTemp().isEmpty(), qPrintable(m_fx->leftInTemp().join(u", "_s)));
        QVERIFY(job.templatePath().isEmpty());
        // Evidence: the commands with the template path, the outputs, the log folder.
        const QString report =
            job.report().toText() + QString::fromUtf8(QJsonDocument(job.report().toJson()).toJson());
        QVERIFY(report.contains(templatePath));
        QVERIFY(report.contains(u"Successfully completed VCSA deployment."_s));
        QVERIFY(report.contains(job.workflowLogDir()));
        verifyNoLeak(job, ran);
    }

    void precheckOnlyWithoutSslVerification()
    {
        VcsaDeployRequest r = request(VcsaRole::VCenter, true);
        r.noSslVerification = true;
        VcsaDeployJob job(r);
        QCOMPARE(job.key(), u"vcsa.vcenter.precheck"_s);
        QVERIFY(!job.changesLab());
        const Ran ran = runToEnd(job);
        QVERIFY(job.result().ok());
        const QStringList rec = m_fx->recorded();
        QCOMPARE(rec.size(), 2);
        QVERIFY(!rec.at(0).contains(u"--no-ssl-certificate-verification"_s));
        QVERIFY(rec.at(1).contains(u"--precheck-only --no-ssl-certificate-verification --terse"_s));
        QVERIFY(m_fx->leftInTemp().isEmpty());
        verifyNoLeak(job, ran);
    }

    void failures_data()
    {
        QTest::addColumn<QByteArray>("mode");
        QTest::addColumn<bool>("workflowLine");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QStringList>("inMessage");
        QTest::newRow("template error")
            << "template-error"_ba << true << u"vcsa.template"_s
            << QStringList{u"Template check of psc1 failed"_s, u"Invalid value for section 'new_vcsa'"_s,
                           u"/workflow_"_s};
        QTest::newRow("precheck failure")
            << "precheck-fail"_ba << true << u"vcsa.precheck"_s
            << QStringList{u"Precheck of psc1 failed"_s, u"does not return its FQDN"_s, u"Add a PTR record"_s,
                           u"/workflow_"_s};
        QTest::newRow("install failure, ERROR lines of the log")
            << "install-fail"_ba << true << u"vcsa.install"_s
            << QStringList{u"Install of psc1 failed"_s, u"No space left on device"_s, u"/workflow_"_s,
                           u"A half-made appliance \"vcenter-psc01\" may be left on"_s};
        QTest::newRow("install failure, newest log found without the WorkFlow line")
            << "install-fail"_ba << false << u"vcsa.install"_s
            << QStringList{u"No space left on device"_s, u"/vcsa-cli-installer.log"_s};
    }
    void failures()
    {
        QFETCH(QByteArray, mode);
        QFETCH(bool, workflowLine);
        QFETCH(QString, code);
        QFETCH(QStringList, inMessage);
        StandInEnv env("VCSA_STANDIN_MODE", mode, "VCSA_STANDIN_NO_WORKFLOW_LINE", workflowLine ? "0" : "1");
        VcsaDeployJob job(request());
        const Ran ran = runToEnd(job);
        QCOMPARE(job.state(), Job::State::Failed);
        const Error &e = job.result().error();
        QCOMPARE(e.code, code);
        for (const QString &part : inMessage)
            QVERIFY2(e.message.contains(part), qPrintable(e.message));
        QVERIFY(e.message.contains(job.logDir()));
        QVERIFY(e.details.contains(u"exit code: "_s));
        QVERIFY(m_fx->leftInTemp().isEmpty());
        verifyNoLeak(job, ran);
    }

    void installerThatCannotStart()
    {
        VcsaDeployRequest r = request();
        r.installer = m_fx->path(u"no-such/vcsa-deploy"_s);
        VcsaDeployJob job(r);
        const Ran ran = runToEnd(job);
        QCOMPARE(job.state(), Job::State::Failed);
        QCOMPARE(job.result().error().code, u"vcsa.start"_s);
        QVERIFY(job.result().error().message.contains(r.installer));
        QVERIFY(m_fx->leftInTemp().isEmpty());
        verifyNoLeak(job, ran);
    }

    void cancelEndsProcessTree_data()
    {
        QTest::addColumn<bool>("ignoreTerm");
        QTest::newRow("TERM") << false;
        QTest::newRow("TERM ignored, then KILL") << true;
    }
    void cancelEndsProcessTree()
    {
        QFETCH(bool, ignoreTerm);
        StandInEnv env("VCSA_STANDIN_MODE", "hang", "VCSA_STANDIN_IGNORE_TERM", ignoreTerm ? "1" : "0");
        VcsaDeployJob job(request());
        job.setKillGrace(std::chrono::milliseconds(300));
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        waitForHang();
        QCOMPARE(job.phase(), VcsaDeployJob::Phase::Install);
        QVERIFY(QFileInfo::exists(job.templatePath()));
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(job.templatePath()).constData(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0600));
        job.cancel();
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(job.state(), Job::State::Cancelled);
        QVERIFY2(job.result().error().message.contains(u"Install"_s),
                 qPrintable(job.result().error().message));
        verifyTreeGone();
        QVERIFY(m_fx->leftInTemp().isEmpty());
    }

    void timeoutEndsProcessTree()
    {
        // The run hangs as it starts: the time limit never races the stand-in's own work (on a
        // loaded machine the template check and precheck runs before a later hang could outlast
        // it, and the tree to check would not exist yet).
        StandInEnv env("VCSA_STANDIN_MODE", "hang", "VCSA_STANDIN_HANG_PHASE", "verify");
        VcsaDeployJob job(request());
        job.setTimeout(std::chrono::milliseconds(1500));
        const Ran ran = runToEnd(job);
        QCOMPARE(job.state(), Job::State::Failed);
        QCOMPARE(job.result().error().code, u"job.timeout"_s);
        QCOMPARE(job.phase(), VcsaDeployJob::Phase::VerifyTemplate);
        verifyTreeGone();
        QVERIFY(m_fx->leftInTemp().isEmpty());
        verifyNoLeak(job, ran);
    }

    void destroyedWhileRunningCleansUp()
    {
        StandInEnv env("VCSA_STANDIN_MODE", "hang");
        {
            auto *queue = new JobQueue;
            queue->addJob(new VcsaDeployJob(request()));
            queue->start();
            waitForHang();
            delete queue;
        }
        verifyTreeGone();
        QVERIFY(m_fx->leftInTemp().isEmpty());
    }

    // ---- the CLI -------------------------------------------------------------------------
private:
    struct CliRun
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    QProcessEnvironment cliEnv(const QList<std::pair<QString, QString>> &extra) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        env.insert(u"TMPDIR"_s, m_fx->tempFolder());
        env.insert(u"VLAB_ROOT_PASSWORD"_s, VcsaFixture::rootPassword());
        env.insert(u"VLAB_SSO_PASSWORD"_s, VcsaFixture::ssoPassword());
        env.insert(u"VLAB_TARGET_PASSWORD"_s, VcsaFixture::targetPassword());
        for (const auto &[name, value] : extra) {
            if (value.isNull())
                env.remove(name);
            else
                env.insert(name, value);
        }
        return env;
    }

    QString planFile() const
    {
        const QString path = m_fx->path(u"project/lab.vlab.json"_s);
        QDir().mkpath(QFileInfo(path).path());
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(examplePlanJson());
        return path;
    }

    CliRun runCli(const QStringList &args, const QList<std::pair<QString, QString>> &env = {}) const
    {
        CliRun run;
        QProcess p;
        p.setProgram(QStringLiteral(VLAB_CLI_PATH));
        p.setArguments(args);
        p.setProcessEnvironment(cliEnv(env));
        p.setStandardInputFile(QProcess::nullDevice());
        p.start();
        if (p.waitForFinished(kWaitMs) && p.exitStatus() == QProcess::NormalExit)
            run.exitCode = p.exitCode();
        else
            p.kill();
        run.out = QString::fromUtf8(p.readAllStandardOutput());
        run.err = QString::fromUtf8(p.readAllStandardError());
        return run;
    }

private Q_SLOTS:
    // README "Installer templates and the installer": exit 0 ok (cliInstall, cliPrecheckOnly),
    // exit 1 the installer failed (cliFailure), exit 2 bad input (cliBadInput).
    void cliInstall()
    {
        const CliRun r =
            runCli({u"vcsa"_s, u"run"_s, planFile(), u"--role"_s, u"psc2"_s, u"--iso"_s, m_fx->isoFolder()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"psc2: installed. Logs: "_s + m_fx->logRoot() + u"/vcsa-psc2-"_s),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(u"/workflow_"_s));
        QVERIFY2(r.err.contains(u"%] Install: Install required RPMs for the appliance"_s), qPrintable(r.err));
        QVERIFY2(leakIn(r.out + r.err).isEmpty(), qPrintable(leakIn(r.out + r.err)));
        const QStringList rec = m_fx->recorded();
        QCOMPARE(rec.size(), 3);
        QVERIFY(rec.at(2).startsWith(u"phase=install mode=600 "_s));
        QVERIFY(!rec.join(u'\n').contains(u"env_password=yes"_s));
        QVERIFY(leakIn(rec.join(u'\n')).isEmpty());
        QVERIFY(m_fx->leftInTemp().isEmpty());
    }

    void cliPrecheckOnly()
    {
        const CliRun r =
            runCli({u"vcsa"_s, u"run"_s, planFile(), u"--role"_s, u"vcenter"_s, u"--iso"_s, m_fx->isoFolder(),
                    u"--precheck-only"_s, u"--no-ssl-certificate-verification"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"vcenter: template check and precheck passed"_s));
        QCOMPARE(m_fx->recorded().size(), 2);
        QVERIFY(m_fx->recorded().at(1).contains(u"--no-ssl-certificate-verification"_s));
    }

    void cliBadInput_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<bool>("emptyIso");
        QTest::addColumn<QString>("unset");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bad role") << u"psc3"_s << false << QString() << QStringList() << u"is not a role"_s;
        QTest::newRow("no installer") << u"psc1"_s << true << QString() << QStringList()
                                      << u"vcsa-cli-installer/lin64/vcsa-deploy does not exist"_s;
        QTest::newRow("no SSO password") << u"psc1"_s << false << u"VLAB_SSO_PASSWORD"_s << QStringList()
                                         << u"Set VLAB_SSO_PASSWORD"_s; // no terminal to ask on either
        QTest::newRow("no target password (ESXi: the root one)")
            << u"psc1"_s << false << u"VLAB_TARGET_PASSWORD"_s << QStringList() << QString();
        QTest::newRow("bad timeout") << u"psc1"_s << false << QString()
                                     << QStringList{u"--timeout"_s, u"soon"_s} << u"--timeout"_s;
    }
    void cliBadInput()
    {
        QFETCH(QString, role);
        QFETCH(bool, emptyIso);
        QFETCH(QString, unset);
        QFETCH(QStringList, extra);
        QFETCH(QString, expected);
        QList<std::pair<QString, QString>> env;
        if (!unset.isEmpty())
            env.append({unset, QString()});
        const CliRun r = runCli(QStringList{u"vcsa"_s, u"run"_s, planFile(), u"--role"_s, role, u"--iso"_s,
                                            emptyIso ? m_fx->emptyIso() : m_fx->isoFolder()}
                                    + extra,
                                env);
        if (expected.isEmpty()) {
            // Without VLAB_TARGET_PASSWORD an ESXi target takes VLAB_ROOT_PASSWORD: it runs.
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            return;
        }
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY(m_fx->recorded().isEmpty());
        QVERIFY(leakIn(r.out + r.err).isEmpty());
    }

    void cliFailure()
    {
        const CliRun r =
            runCli({u"vcsa"_s, u"run"_s, planFile(), u"--role"_s, u"psc1"_s, u"--iso"_s, m_fx->isoFolder()},
                   {{u"VCSA_STANDIN_MODE"_s, u"install-fail"_s}});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"vlab: Install of psc1 failed: Failed to install RPM vmware-identity-sts"_s),
                 qPrintable(r.err));
        QVERIFY(r.err.contains(u"/workflow_"_s));
        QVERIFY(leakIn(r.out + r.err).isEmpty());
        QVERIFY(m_fx->leftInTemp().isEmpty());
    }

    // Masking covers the escaped forms: passwords holding " \ ' $ space & % / are echoed by
    // the stand-in JSON-escaped, shell-quoted, backslash-escaped and URL-encoded (by Python's
    // and bash's own encoders, not ours); none of these reaches the output or the journal
    // (which carries the evidence the runbook is made from).
    void cliMasksEscapedSecrets()
    {
        if (QStandardPaths::findExecutable(u"python3"_s).isEmpty())
            QSKIP("python3 is needed by the stand-in to echo the escaped forms");
        const QString root = u"Rt\"\\'$&%/9a"_s;
        const QString sso = u"So'$&%/\"\\8b"_s;
        const QString target = u"Tg\"\\'$ &%/x9"_s;
        const QString echoed = m_fx->path(u"echoed.txt"_s);
        QProcess p;
        p.setProgram(QStringLiteral(VLAB_CLI_PATH));
        p.setArguments(
            {u"vcsa"_s, u"run"_s, planFile(), u"--role"_s, u"psc1"_s, u"--iso"_s, m_fx->isoFolder()});
        p.setProcessEnvironment(cliEnv({{u"VLAB_ROOT_PASSWORD"_s, root},
                                        {u"VLAB_SSO_PASSWORD"_s, sso},
                                        {u"VLAB_TARGET_PASSWORD"_s, target},
                                        {u"VCSA_STANDIN_ECHO_SECRETS"_s, echoed}}));
        p.setStandardInputFile(QProcess::nullDevice());
        p.start();
        QVERIFY(p.waitForFinished(kWaitMs));
        const QString output =
            QString::fromUtf8(p.readAllStandardOutput()) + QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0, qPrintable(output));

        QFile echoedFile(echoed);
        QVERIFY(echoedFile.open(QIODevice::ReadOnly));
        const QStringList forms = QString::fromUtf8(echoedFile.readAll()).split(u'\n', Qt::SkipEmptyParts);
        // Three phases x three passwords x six forms, each printed by the installer.
        QCOMPARE(forms.size(), 3 * 3 * 6);
        QVERIFY2(output.contains(u"Setting echoed: password=********"_s), qPrintable(output));
        QVERIFY2(output.contains(u"Setting echoed: password='********'"_s),
                 qPrintable(output)); // shlex.quote

        QFile journalFile(m_fx->path(u"project/vlab-journal.json"_s));
        QVERIFY(journalFile.open(QIODevice::ReadOnly));
        const QByteArray journalBytes = journalFile.readAll();
        // Raw and decoded: a form JSON-escaped once more by the journal shows only decoded.
        const QString journal = QString::fromUtf8(journalBytes) + u'\n'
            + jsonStrings(QJsonDocument::fromJson(journalBytes).object()).join(u'\n');
        QVERIFY(journal.contains(u"Setting echoed: password=********"_s));
        for (const QString &secret : QStringList{root, sso, target} + forms) {
            QVERIFY2(!output.contains(secret), qPrintable(u"output holds "_s + secret));
            QVERIFY2(!journal.contains(secret), qPrintable(u"journal holds "_s + secret));
        }
    }

    void cliTimeout()
    {
        QProcess p;
        p.setProgram(QStringLiteral(VLAB_CLI_PATH));
        p.setArguments({u"vcsa"_s, u"run"_s, planFile(), u"--role"_s, u"psc1"_s, u"--iso"_s,
                        m_fx->isoFolder(), u"--timeout"_s, u"0.03"_s}); // 1.8 s
        // A run that hangs as it starts: the limit cannot run out before the hang (the test would
        // then wait for it).
        p.setProcessEnvironment(
            cliEnv({{u"VCSA_STANDIN_MODE"_s, u"hang"_s}, {u"VCSA_STANDIN_HANG_PHASE"_s, u"verify"_s}}));
        p.start();
        QVERIFY(p.waitForStarted(kWaitMs));
        waitForHang();
        QVERIFY(p.waitForFinished(kWaitMs));
        QCOMPARE(p.exitCode(), 1);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(u"did not finish within"_s), qPrintable(err));
        verifyTreeGone();
        QVERIFY(m_fx->leftInTemp().isEmpty());
        QVERIFY(leakIn(err).isEmpty());
    }

    // README "Installer templates and the installer": SIGINT (Ctrl-C), SIGTERM and SIGHUP
    // stop the run: exit 1, the installer's process group ended, no file left that holds a
    // password, and the journal records the run as interrupted by that signal.
    void cliStopSignals_data()
    {
        QTest::addColumn<int>("signal");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("ignoreTerm");
        QTest::newRow("SIGINT") << int(SIGINT) << u"SIGINT"_s << false;
        QTest::newRow("SIGTERM") << int(SIGTERM) << u"SIGTERM"_s << false;
        QTest::newRow("SIGHUP") << int(SIGHUP) << u"SIGHUP"_s << false;
        QTest::newRow("SIGTERM, installer ignores TERM") << int(SIGTERM) << u"SIGTERM"_s << true;
    }
    void cliStopSignals()
    {
        QFETCH(int, signal);
        QFETCH(QString, name);
        QFETCH(bool, ignoreTerm);
        QProcess p;
        startHangingInstall(p, ignoreTerm);
        if (QTest::currentTestFailed())
            return;
        const pid_t group = m_fx->pids().constFirst(); // the installer leads its own group
        QVERIFY(!VcsaFixture::groupGone(group));
        // While it runs, the filled template (with the passwords) is in the temporary folder.
        QVERIFY(!VcsaFixture::filesHolding(m_fx->tempFolder(), {VcsaFixture::rootPassword()}).isEmpty());
        QCOMPARE(::kill(pid_t(p.processId()), signal), 0);
        QVERIFY(p.waitForFinished(kWaitMs));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(name + u" received, stopping the run"_s), qPrintable(err));
        QVERIFY2(err.contains(u"stopped during the Install phase"_s), qPrintable(err));
        QVERIFY2(err.contains(u"A half-made appliance \"vcenter-psc01\" may be left on"_s), qPrintable(err));
        QVERIFY(leakIn(err + QString::fromUtf8(p.readAllStandardOutput())).isEmpty());
        QVERIFY2(VcsaFixture::groupGone(group), "a process of the installer's group still runs");
        verifyTreeGone();
        QVERIFY(m_fx->leftInTemp().isEmpty());
        verifyNoPasswordOnDisk();

        QFile journalFile(m_fx->path(u"project/vlab-journal.json"_s));
        QVERIFY(journalFile.open(QIODevice::ReadOnly));
        const QJsonArray runs =
            QJsonDocument::fromJson(journalFile.readAll()).object().value(u"runs"_s).toArray();
        QVERIFY(!runs.isEmpty());
        const QJsonObject run = runs.last().toObject();
        QCOMPARE(run.value(u"state"_s).toString(), u"interrupted"_s);
        QCOMPARE(run.value(u"interruptedBy"_s).toString(), name);
        QVERIFY(!run.value(u"finished"_s).toString().isEmpty());
        const QJsonObject job = run.value(u"jobs"_s).toArray().first().toObject();
        QCOMPARE(job.value(u"key"_s).toString(), u"vcsa.psc1.install"_s);
        QCOMPARE(job.value(u"state"_s).toString(), u"cancelled"_s);
    }

    // SIGKILL cannot be handled: the watchdog the installer's group carries ends it instead,
    // and deletes the filled template with the passwords (README "Installer templates and the
    // installer"). The installer that ignores TERM is killed after the grace.
    // README "Run journal and resume": exit 1 when running a cut-off install again does not fit
    // what is true now. The cut-off run's installer still runs (started here, as a watchdog
    // that failed would leave it): `vlab vcsa run` looks, says so, and runs nothing. Once it is
    // gone and PSC1 does not answer as itself, the run starts over.
    void cliCutOffInstallIsLookedAtFirst()
    {
        const QString plan = planFile();
        const QString fqdn = ::plan().psc.at(0).fqdn;
        const QString title = u"Install psc1 with vcsa-deploy"_s;
        RunJournal journal;
        const QDateTime then = QDateTime::currentDateTimeUtc().addSecs(-300);
        journal.runs.append(JournalRun{
            u"r1"_s,
            title,
            then,
            {},
            u"running"_s,
            {JournalJob{u"vcsa.psc1.install"_s, title, u"running"_s, true, then, {}, {}, u"esxi"_s}},
            {},
            {}});
        QVERIFY(journal.save(QFileInfo(plan).dir().filePath(RunJournal::fileName())).ok());

        // The cut-off run's installer, still at work on PSC1 (hanging in its template check).
        const QString tmpl = m_fx->path(u"cut-off-template.json"_s);
        QVERIFY(QDir().mkpath(m_fx->logRoot()));
        QFile t(tmpl);
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write(
            QJsonDocument(QJsonObject{{u"new_vcsa"_s,
                                       QJsonObject{{u"network"_s, QJsonObject{{u"system_name"_s, fqdn}}}}}})
                .toJson());
        t.close();
        const Result<QString> installer = findVcsaDeploy(m_fx->isoFolder());
        QVERIFY(installer.ok());
        QProcess left;
        left.setProcessEnvironment(
            cliEnv({{u"VCSA_STANDIN_MODE"_s, u"hang"_s}, {u"VCSA_STANDIN_HANG_PHASE"_s, u"verify"_s}}));
        left.start(*installer,
                   {u"install"_s, u"--accept-eula"_s, u"--acknowledge-ceip"_s, u"--verify-template-only"_s,
                    u"--terse"_s, u"--log-dir"_s, m_fx->logRoot(), tmpl});
        QVERIFY(left.waitForStarted(kWaitMs));
        waitForHang();
        const QList<pid_t> hanging = m_fx->pids();
        const qsizetype recordedBefore = m_fx->recorded().size();

        CliRun r = runCli({u"vcsa"_s, u"run"_s, plan, u"--role"_s, u"psc1"_s, u"--iso"_s, m_fx->isoFolder()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"checking what is true now: Look for "_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(
                     u"vlab: found: The installer still runs on this machine (process %1), for %2"_s.arg(
                         QString::number(left.processId()), fqdn)),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(u"vlab: not started: running vcsa.psc1.install again would not fit"_s),
                 qPrintable(r.err));
        QCOMPARE(m_fx->recorded().size(), recordedBefore); // no installer started
        QVERIFY(left.state() == QProcess::Running);

        for (pid_t pid : hanging)
            ::kill(pid, SIGKILL);
        QVERIFY(left.waitForFinished(kWaitMs));
        QTRY_VERIFY_WITH_TIMEOUT(VcsaFixture::isGone(hanging.constLast()), kWaitMs);
        r = runCli({u"vcsa"_s, u"run"_s, plan, u"--role"_s, u"psc1"_s, u"--iso"_s, m_fx->isoFolder()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // Nothing answers as PSC1 at its planned address (no answer, or another certificate).
        QVERIFY2(
            r.err.contains(QRegularExpression(u"vlab: found: [^\n]*"_s + QRegularExpression::escape(fqdn))),
            qPrintable(r.err));
        QVERIFY2(!r.err.contains(u"installer still runs"_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"this run starts over"_s), qPrintable(r.err));
        QVERIFY(m_fx->recorded().size() > recordedBefore);
    }

    void cliKilledLeavesNothing_data()
    {
        QTest::addColumn<bool>("ignoreTerm");
        QTest::newRow("installer stops on TERM") << false;
        QTest::newRow("installer ignores TERM") << true;
    }
    void cliKilledLeavesNothing()
    {
        QFETCH(bool, ignoreTerm);
        QProcess p;
        startHangingInstall(p, ignoreTerm);
        if (QTest::currentTestFailed())
            return;
        const pid_t group = m_fx->pids().constFirst();
        QVERIFY(!VcsaFixture::filesHolding(m_fx->tempFolder(), {VcsaFixture::rootPassword()}).isEmpty());
        QCOMPARE(::kill(pid_t(p.processId()), SIGKILL), 0);
        QVERIFY(p.waitForFinished(kWaitMs));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);
        // The watchdog reacts to the end of the program at once and kills after a 3 s grace.
        QTRY_VERIFY2_WITH_TIMEOUT(VcsaFixture::groupGone(group),
                                  "a process of the installer's group still runs", kWaitMs);
        verifyTreeGone();
        QTRY_VERIFY_WITH_TIMEOUT(m_fx->leftInTemp().isEmpty(), kWaitMs);
        verifyNoPasswordOnDisk();
    }
};

QTEST_GUILESS_MAIN(TestVcsa)
#include "tst_vcsa.moc"
