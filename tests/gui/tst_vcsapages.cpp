// The "PSC install" and "vCenter" pages (offscreen): the templates from the plan without any
// lab, copy, the installer's expected path when the ISO folder is wrong, a password the
// policy refuses; then Install PSC1 and the vCenter precheck through the run panel against
// the vcsa-deploy STAND-IN (tests/data/vcsa/vcsa-deploy-standin.sh, see its header) in a
// fake ISO tree, and Check login without a password.

#include "approvalclicker.h"
#include "jobs/journal.h"
#include "mainwindow.h"
#include "project/plandocument.h"
#include "runpanel.h"

#include "vcsafixture.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWizard>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestVcsaPages : public QObject
{
    Q_OBJECT

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
        QString shown;
        for (const QPlainTextEdit *edit : w.runPanel()->findChildren<QPlainTextEdit *>())
            shown += edit->toPlainText();
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
        QString shown;
        for (const QPlainTextEdit *edit : w.runPanel()->findChildren<QPlainTextEdit *>())
            shown += edit->toPlainText();
        QVERIFY2(shown.contains(u"Earlier run not finished: \"Install psc1\""_s)
                     && shown.contains(u"Install psc1 with vcsa-deploy (changes the lab)"_s),
                 qPrintable(shown));

        QStringList asked;
        w.runPanel()->setResumeQuestion([&](const QString &title, const ResumeState &state) {
            asked << title + u": "_s + state.interruptedLabChanges.join(u',');
            return RunPanel::ResumeChoice{true, true}; // resume, skip the cut-off install
        });
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

QTEST_MAIN(TestVcsaPages)
#include "tst_vcsapages.moc"
