// The "PSC install" and "vCenter" pages (offscreen): the templates from the plan without any
// lab, copy, the installer's expected path when the ISO folder is wrong, a password the
// policy refuses; then Install PSC1 and the vCenter precheck through the run panel against
// the vcsa-deploy STAND-IN (tests/data/vcsa/vcsa-deploy-standin.sh, see its header) in a
// fake ISO tree, and Check login without a password.

#include "approvalclicker.h"
#include "jobs/journal.h"
#include "jobs/stopsignals.h"
#include "mainwindow.h"
#include "project/plandocument.h"
#include "resumeclicker.h"
#include "runpanel.h"

#include "vcsafixture.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWizard>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestVcsaPages : public QObject
{
    Q_OBJECT

public:
    // The child process of killedWizardLeavesNothing: a wizard wired to the stop signals as
    // main() wires it, that starts Install PSC1 on `project` and runs until it is stopped.
    static int installUntilStopped(const QString &project, const QString &iso)
    {
        MainWindow w;
        w.show();
        StopSignals stopSignals;
        QObject::connect(&stopSignals, &StopSignals::stopRequested, &w,
                         [&w](int signal) { w.stopAndQuit(StopSignals::signalName(signal), 128 + signal); });
        ApprovalClicker approver;
        w.document()->setProjectFolder(project);
        QWizardPage *page = goTo(w, u"page:psc"_s);
        if (!page)
            return 3;
        fillInstaller(page, iso);
        QTimer::singleShot(0, page, [page] {
            QTest::mouseClick(page->findChild<QPushButton *>(u"pscInstall1"_s), Qt::LeftButton);
        });
        return QApplication::exec();
    }

private:
    // Clicks "Make these changes" in every approval dialog and keeps what each listed.
    ApprovalClicker m_approver;

    static QWizardPage *goTo(MainWindow &w, const QString &name)
    {
        while (w.wizard()->currentPage()->objectName() != name) {
            const int before = w.wizard()->currentId();
            w.wizard()->next();
            if (w.wizard()->currentId() == before)
                return nullptr;
        }
        return w.wizard()->currentPage();
    }

    // What the run panel's log shows.
    static QString runPanelText(MainWindow &w)
    {
        QString shown;
        for (const QPlainTextEdit *edit : w.runPanel()->findChildren<QPlainTextEdit *>())
            shown += edit->toPlainText();
        return shown;
    }

    // Answers the resume question with "resume, skip the cut-off changes", noting each asked.
    static void resumeSkippingCutOffChanges(MainWindow &w, QStringList *asked)
    {
        w.runPanel()->setResumeQuestion([asked](const QString &title, const ResumeState &state) {
            *asked << title + u": "_s + state.interruptedLabChanges.join(u',');
            return RunPanel::ResumeChoice{true, true};
        });
    }

    static void fillInstaller(QWizardPage *page, const QString &iso)
    {
        page->findChild<QLineEdit *>(u"vcsaIso"_s)->setText(iso);
        page->findChild<QLineEdit *>(u"vcsaTargetPassword"_s)->setText(VcsaFixture::targetPassword());
        page->findChild<QLineEdit *>(u"vcsaRootPassword"_s)->setText(VcsaFixture::rootPassword());
        page->findChild<QLineEdit *>(u"vcsaSsoPassword"_s)->setText(VcsaFixture::ssoPassword());
    }

private Q_SLOTS:
    void pscPlanOnly()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QWizardPage *page = goTo(w, u"page:psc"_s);
        QVERIFY(page);
        const LabPlan &plan = w.document()->plan();
        const QString psc1 = page->findChild<QPlainTextEdit *>(u"psc1Template"_s)->toPlainText();
        const QString psc2 = page->findChild<QPlainTextEdit *>(u"psc2Template"_s)->toPlainText();
        QVERIFY(psc1.contains(u"\"site_name\""_s) && psc1.contains(plan.psc.at(0).fqdn));
        QVERIFY(psc1.contains(u"<VLAB_SSO_PASSWORD>"_s));
        QVERIFY(psc2.contains(u"\"replication_partner_hostname\": \""_s + plan.psc.at(0).fqdn));
        QVERIFY(page->findChild<QLabel *>(u"pscSummary"_s)->text().contains(plan.sso.domain));
        page->findChild<QPushButton *>(u"psc2Copy"_s)->click();
        QCOMPARE(QApplication::clipboard()->text(), psc2);
        // The plan edits show at once.
        w.document()->edit([](LabPlan &p) { p.sso.site = u"Other-Site"_s; });
        QVERIFY(
            page->findChild<QPlainTextEdit *>(u"psc1Template"_s)->toPlainText().contains(u"Other-Site"_s));
        // Without an ISO: where the installer is expected; nothing runs.
        auto *status = page->findChild<QLabel *>(u"vcsaIsoStatus"_s);
        QVERIFY2(status->text().contains(u"vcsa-cli-installer/lin64/vcsa-deploy"_s),
                 qPrintable(status->text()));
        page->findChild<QPushButton *>(u"pscInstall1"_s)->click();
        QVERIFY(!w.runPanel()->isBusy());
        QVERIFY(page->findChild<QLabel *>(u"pscResult"_s)->text().contains(u"mounted"_s));
    }

    void vcenterPlanOnly()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // The run journal goes to a folder of this test's own, not the shared default one.
        QTemporaryDir project;
        w.document()->setProjectFolder(project.path());
        QWizardPage *page = goTo(w, u"page:vcenter"_s);
        QVERIFY(page);
        const LabPlan &plan = w.document()->plan();
        const QString text = page->findChild<QPlainTextEdit *>(u"vcenterTemplate"_s)->toPlainText();
        QVERIFY(text.contains(u"\"platform_services_controller\": \""_s + plan.loadBalancer.fqdn));
        QVERIFY(text.contains(u"management-"_s + plan.vcenter.size));
        QCOMPARE(page->findChild<QLineEdit *>(u"vcHost"_s)->text(), plan.vcenter.fqdn);
        // Check login goes through the run panel; nothing listens on port 1, so it fails at once.
        page->findChild<QLineEdit *>(u"vcHost"_s)->setText(u"127.0.0.1:1"_s);
        page->findChild<QLineEdit *>(u"vcPassword"_s)->setText(u"x"_s);
        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);
        page->findChild<QPushButton *>(u"vcenterCheckLogin"_s)->click();
        QVERIFY(done.wait(30000));
        QCOMPARE(done.first().first().toBool(), false);
        QVERIFY(!page->findChild<QLabel *>(u"vcenterResult"_s)->text().isEmpty());
    }

    void pscInstallAgainstStandIn()
    {
        VcsaFixture fx;
        const QString why = fx.setUp();
        QVERIFY2(why.isEmpty(), qPrintable(why));
        qputenv("TMPDIR", fx.tempFolder().toLocal8Bit());
        qputenv("VCSA_STANDIN_RECORD", fx.recordFile().toLocal8Bit());
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.document()->setProjectFolder(fx.path(u"project"_s));
        QWizardPage *page = goTo(w, u"page:psc"_s);
        QVERIFY(page);
        fillInstaller(page, fx.isoFolder());
        QVERIFY(page->findChild<QLabel *>(u"vcsaIsoStatus"_s)->text().startsWith(u"Installer found"_s));
        // A root password the appliance would refuse: said before anything runs.
        page->findChild<QLineEdit *>(u"vcsaRootPassword"_s)->setText(u"short"_s);
        page->findChild<QPushButton *>(u"pscInstall1"_s)->click();
        QVERIFY(!w.runPanel()->isBusy());
        QVERIFY(page->findChild<QLabel *>(u"pscResult"_s)->text().contains(u"password policy"_s));
        page->findChild<QLineEdit *>(u"vcsaRootPassword"_s)->setText(VcsaFixture::rootPassword());

        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);
        page->findChild<QPushButton *>(u"pscInstall1"_s)->click();
        QVERIFY(w.runPanel()->isBusy());
        QVERIFY(!page->findChild<QPushButton *>(u"pscInstall2"_s)->isEnabled());
        QVERIFY(done.wait(30000));
        QCOMPARE(done.takeFirst().first().toBool(), true);
        const QString result = page->findChild<QLabel *>(u"pscResult"_s)->text();
        QVERIFY2(result.contains(u"psc1 installed"_s) && result.contains(fx.logRoot()), qPrintable(result));
        QCOMPARE(fx.recorded().size(), 3);
        QVERIFY(fx.leftInTemp().isEmpty());
        // The run panel's log shows the installer's output, never a password.
        const QString shown = runPanelText(w);
        QVERIFY(shown.contains(u"Successfully completed VCSA deployment."_s));
        for (const QString &c : VcsaFixture::canaries())
            QVERIFY2(!shown.contains(c), qPrintable(c));
        qunsetenv("VCSA_STANDIN_RECORD");
        qunsetenv("TMPDIR");
    }

    // An install that was cut off (the wizard was killed while it ran): a new wizard on the
    // project says so at once, and resuming with "skip" installs nothing and says that it
    // did not install (never "psc1 installed").
    void cutOffInstallIsNamedAndSkipIsTruthful()
    {
        VcsaFixture fx;
        const QString why = fx.setUp();
        QVERIFY2(why.isEmpty(), qPrintable(why));
        qputenv("TMPDIR", fx.tempFolder().toLocal8Bit());
        qputenv("VCSA_STANDIN_RECORD", fx.recordFile().toLocal8Bit());
        const QString project = fx.path(u"project"_s);
        QVERIFY(QDir().mkpath(project));
        RunJournal journal;
        const QDateTime then = QDateTime::currentDateTimeUtc().addSecs(-600);
        journal.runs.append(JournalRun{u"r1"_s,
                                       u"Install psc1"_s,
                                       then,
                                       {},
                                       u"running"_s,
                                       {JournalJob{u"vcsa.psc1.install"_s,
                                                   u"Install psc1 with vcsa-deploy"_s,
                                                   u"running"_s,
                                                   true,
                                                   then,
                                                   {},
                                                   {},
                                                   {}}},
                                       {},
                                       {}});
        QVERIFY(journal.save(QDir(project).filePath(RunJournal::fileName())).ok());

        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.document()->setProjectFolder(project);
        const QString shown = runPanelText(w);
        QVERIFY2(shown.contains(u"Earlier run not finished: \"Install psc1\""_s)
                     && shown.contains(u"Install psc1 with vcsa-deploy (changes the lab)"_s),
                 qPrintable(shown));

        QStringList asked;
        resumeSkippingCutOffChanges(w, &asked);
        QWizardPage *page = goTo(w, u"page:psc"_s);
        QVERIFY(page);
        fillInstaller(page, fx.isoFolder());
        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);
        page->findChild<QPushButton *>(u"pscInstall1"_s)->click();
        QVERIFY(!done.isEmpty() || done.wait(30000)); // with nothing to run, it ends inside click()
        QCOMPARE(asked, QStringList{u"Install psc1: vcsa.psc1.install"_s});
        QVERIFY(fx.recorded().isEmpty()); // the installer never ran
        const QString result = page->findChild<QLabel *>(u"pscResult"_s)->text();
        QVERIFY2(result.contains(u"not installed by this run"_s) && !result.contains(u"psc1 installed"_s),
                 qPrintable(result));
        qunsetenv("VCSA_STANDIN_RECORD");
        qunsetenv("TMPDIR");
    }

    // The wizard itself is stopped during Install PSC1: by SIGTERM (a logout) it stops the
    // installer and records why; by SIGKILL (nothing can be handled) the installer's watchdog
    // ends it. Either way no installer runs afterwards and no password is left on disk, and a
    // new wizard on the project says at once what was interrupted, and offers a truthful resume.
    void killedWizardLeavesNothing_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGKILL") << int(SIGKILL);
    }
    void killedWizardLeavesNothing()
    {
        QFETCH(int, signal);
        VcsaFixture fx;
        const QString why = fx.setUp();
        QVERIFY2(why.isEmpty(), qPrintable(why));
        const QString project = fx.path(u"project"_s);
        QProcess child;
        child.setProgram(QCoreApplication::applicationFilePath());
        child.setArguments({u"--install-until-stopped"_s, project, fx.isoFolder()});
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"TMPDIR"_s, fx.tempFolder());
        // Qt makes its runtime folder in TMPDIR when XDG_RUNTIME_DIR is unset: not ours to count.
        const QString runtime = fx.path(u"runtime"_s);
        QVERIFY(QDir().mkpath(runtime));
        QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        env.insert(u"XDG_RUNTIME_DIR"_s, runtime);
        env.insert(u"VCSA_STANDIN_MODE"_s, u"hang"_s);
        env.insert(u"VCSA_STANDIN_PIDFILE"_s, fx.pidFile());
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start();
        QVERIFY(child.waitForStarted(30000));
        // The installer hangs in its install phase, its template with the passwords on disk.
        QTRY_VERIFY_WITH_TIMEOUT(fx.pids().size() == 2 || child.state() == QProcess::NotRunning, 60000);
        QVERIFY2(fx.pids().size() == 2, "the installer never started");
        const pid_t group = fx.pids().constFirst();
        QVERIFY(!VcsaFixture::filesHolding(fx.tempFolder(), {VcsaFixture::rootPassword()}).isEmpty());

        QCOMPARE(::kill(pid_t(child.processId()), signal), 0);
        QVERIFY(child.waitForFinished(60000));
        if (signal == SIGKILL) {
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        } else {
            QCOMPARE(child.exitStatus(), QProcess::NormalExit);
            QCOMPARE(child.exitCode(), 128 + SIGTERM);
        }
        QTRY_VERIFY2_WITH_TIMEOUT(VcsaFixture::groupGone(group), "an installer process still runs", 30000);
        for (pid_t pid : fx.pids())
            QVERIFY2(VcsaFixture::isGone(pid), qPrintable(u"process %1 still runs"_s.arg(pid)));
        QTRY_VERIFY2_WITH_TIMEOUT(fx.leftInTemp().isEmpty(), qPrintable(fx.leftInTemp().join(u' ')), 30000);
        const QStringList secrets{VcsaFixture::rootPassword(), VcsaFixture::ssoPassword(),
                                  VcsaFixture::targetPassword()};
        const QStringList holding =
            VcsaFixture::filesHolding(fx.tempFolder(), secrets) + VcsaFixture::filesHolding(project, secrets);
        QVERIFY2(holding.isEmpty(), qPrintable(holding.join(u'\n')));

        // The next start: the run panel names the interrupted install before anything is clicked.
        qputenv("TMPDIR", fx.tempFolder().toLocal8Bit());
        qputenv("VCSA_STANDIN_RECORD", fx.recordFile().toLocal8Bit());
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.document()->setProjectFolder(project);
        const QString shown = runPanelText(w);
        const QString how = signal == SIGKILL ? u"was cut off"_s : u"was interrupted by SIGTERM"_s;
        QVERIFY2(shown.contains(u"Earlier run not finished: \"Install psc1\""_s) && shown.contains(how)
                     && shown.contains(u"Install psc1 with vcsa-deploy (changes the lab)"_s),
                 qPrintable(shown));
        // Install PSC1 again: a cut-off install is offered for resuming once the lab was looked
        // at (no installer runs; PSC1 does not answer as itself: nothing listens at its planned
        // address, or something else does), with what was found and only what fits it: not
        // "skip", since it is not there. One stopped by SIGTERM finished its record and simply
        // runs again.
        ResumeClicker resumer;
        resumer.answer = u"Escape"_s; // Escape is "Not now": nothing runs
        QWizardPage *page = goTo(w, u"page:psc"_s);
        QVERIFY(page);
        fillInstaller(page, fx.isoFolder());
        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);
        page->findChild<QPushButton *>(u"pscInstall1"_s)->click();
        if (signal == SIGKILL) {
            QVERIFY(!done.isEmpty() || done.wait(30000));
            QCOMPARE(resumer.shown.size(), 1);
            const ResumeClicker::Shown asked = resumer.shown.constFirst();
            QVERIFY2(asked.text.contains(u"The last run of \"Install psc1\" stopped unexpectedly"_s),
                     qPrintable(asked.text));
            const QString fqdn = w.document()->plan().psc.at(0).fqdn;
            QVERIFY2(asked.informative.contains(u"What is true now:"_s) && asked.informative.contains(fqdn)
                         && (asked.informative.contains(u"does not answer on port 443"_s)
                             || asked.informative.contains(u"not for "_s + fqdn)),
                     qPrintable(asked.informative));
            QVERIFY2(!asked.informative.contains(u"installer still runs"_s), qPrintable(asked.informative));
            QStringList offered = asked.buttons;
            offered.sort();
            QCOMPARE(offered, (QStringList{u"resumeNotNow"_s, u"resumeRunAgain"_s, u"resumeStartOver"_s}));
            QCOMPARE(done.constFirst().first().toBool(), false);
            QVERIFY(fx.recorded().isEmpty()); // Escape: the installer did not run again
            const QString result = page->findChild<QLabel *>(u"pscResult"_s)->text();
            QVERIFY2(result.contains(u"Not run: you chose not to run it now"_s)
                         && !result.contains(u"installed"_s),
                     qPrintable(result));
            QVERIFY2(runPanelText(w).contains(u"Nothing was run or changed"_s), qPrintable(runPanelText(w)));
            // ... and recorded nothing: the cut-off run is still there to resume.
            const Result<RunJournal> journal =
                RunJournal::load(QDir(project).filePath(RunJournal::fileName()));
            QVERIFY(journal.ok());
            QCOMPARE(resumeState(*journal, u"Install psc1"_s).interruptedLabChanges,
                     QStringList{u"vcsa.psc1.install"_s});
        } else {
            QVERIFY(resumer.shown.isEmpty());
            QVERIFY(w.runPanel()->isBusy()); // a new install (its approval clicked by m_approver)
            QVERIFY(done.wait(60000));
            QVERIFY(fx.recorded().size() >= 1);
        }
        qunsetenv("VCSA_STANDIN_RECORD");
        qunsetenv("TMPDIR");
    }

    void vcenterPrecheckFailureAgainstStandIn()
    {
        VcsaFixture fx;
        const QString why = fx.setUp();
        QVERIFY2(why.isEmpty(), qPrintable(why));
        qputenv("TMPDIR", fx.tempFolder().toLocal8Bit());
        qputenv("VCSA_STANDIN_MODE", "precheck-fail");
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.document()->setProjectFolder(fx.path(u"project"_s));
        QWizardPage *page = goTo(w, u"page:vcenter"_s);
        QVERIFY(page);
        fillInstaller(page, fx.isoFolder());
        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);
        page->findChild<QPushButton *>(u"vcenterPrecheck"_s)->click();
        QVERIFY(done.wait(30000));
        QCOMPARE(done.takeFirst().first().toBool(), false);
        const QString result = page->findChild<QLabel *>(u"vcenterResult"_s)->text();
        QVERIFY2(result.contains(u"Precheck of vcenter failed"_s) && result.contains(u"PTR record"_s),
                 qPrintable(result));
        QVERIFY(fx.leftInTemp().isEmpty());
        qunsetenv("VCSA_STANDIN_MODE");
        qunsetenv("TMPDIR");
    }
};

// QTEST_MAIN, plus the child mode killedWizardLeavesNothing starts.
int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    if (argc == 4 && qstrcmp(argv[1], "--install-until-stopped") == 0)
        return TestVcsaPages::installUntilStopped(QString::fromLocal8Bit(argv[2]),
                                                  QString::fromLocal8Bit(argv[3]));
    TestVcsaPages tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&tc, argc, argv);
}
#include "tst_vcsapages.moc"
