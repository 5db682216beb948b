// The Build the lab page on the shown window, driven by real key presses and clicks:
//  - the stages and the critical path follow the ticked steps;
//  - a step's missing input (the VMCA root, the NetScaler password) is said, and its field is
//    focused on its tab, before anything runs;
//  - a whole-lab run of certificate + netscaler + runbook against the NITRO stand-in (tests/
//    tools/nitro-standin) and a VMCA root made with the openssl command: approval is asked once
//    and lists the NITRO changes, the run is journaled as "Build the lab", the chain is signed,
//    every planned NITRO object exists, the runbook is written, the run panel shows the times;
//  - the same run again finds everything already done: no approval, nothing applied again.

#include "jobs/journal.h"
#include "mainwindow.h"
#include "netscaler/lbconfig.h"
#include "netscaler/netscaleractions.h"
#include "netscaler/nitromodel.h"
#include "nitrostandin.h"
#include "pages/buildlabpage.h"
#include "plan/planjson.h"
#include "project/plandocument.h"
#include "runpanel.h"

#include "approvalclicker.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QWizard>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestBuildLabPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // The example lab, saved as a project's plan.
    QString writePlan(const QString &name)
    {
        const QString folder = m_dir.filePath(name);
        QDir().mkpath(folder);
        const QString file = QDir(folder).filePath(u"lab.vlab.json"_s);
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(serializePlan(examplePlan()));
        return file;
    }

    static bool openssl(const QStringList &args, const QString &dir)
    {
        QProcess p;
        p.setWorkingDirectory(dir);
        p.start(u"openssl"_s, args);
        if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            qWarning("openssl %s: %s", qPrintable(args.join(u' ')), p.readAllStandardError().constData());
            return false;
        }
        return true;
    }

    // Shows the window with the plan, active for key presses, and goes to the page with Alt+N.
    static BuildLabPage *openBuild(MainWindow &w, const QString &planFile)
    {
        if (const Result<void> opened = w.openFile(planFile); !opened) {
            qWarning().noquote() << opened.error().message;
            return nullptr;
        }
        w.show();
        if (!QTest::qWaitForWindowExposed(&w))
            return nullptr;
        w.activateWindow();
        if (!QTest::qWaitForWindowActive(&w))
            return nullptr;
        for (int steps = 0; steps < 5 && w.wizard()->currentPage()->objectName() != u"page:build"_s;
             ++steps) {
            const int before = w.currentStepId();
            alt(Qt::Key_N);
            if (!QTest::qWaitFor([&] { return w.currentStepId() != before; }, 5000))
                return nullptr;
        }
        return qobject_cast<BuildLabPage *>(w.currentStepPage());
    }

    static void alt(Qt::Key key)
    {
        QWidget *target =
            QApplication::focusWidget() ? QApplication::focusWidget() : QApplication::activeWindow();
        QTest::keyClick(target, key, Qt::AltModifier);
    }

    static void type(QLineEdit *field, const QString &text)
    {
        QTest::mouseClick(field, Qt::LeftButton);
        QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(field, Qt::Key_Delete);
        QTest::keyClicks(field, text);
    }

    // Leaves only `steps` ticked, with clicks on the boxes (on the Steps tab).
    static void choose(BuildLabPage *page, const QStringList &steps)
    {
        page->findChild<QTabWidget *>(u"buildTabs"_s)->setCurrentIndex(0);
        for (QCheckBox *box : page->findChildren<QCheckBox *>()) {
            if (!box->objectName().startsWith(u"buildStep:"_s))
                continue;
            const QString step = box->objectName().section(u':', 1);
            if (box->isChecked() != steps.contains(step))
                QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(box->height() / 2, box->height() / 2));
        }
    }

    // The NITRO objects the stand-in holds now, as "type name".
    static QStringList standinObjects(const NitroStandin &ns)
    {
        QStringList out;
        const QJsonObject config = ns.state().value(u"running"_s).toObject();
        for (auto type = config.begin(); type != config.end(); ++type) {
            for (const QJsonValue &o : type.value().toArray())
                out << type.key() + u' ' + o.toObject().value(u"name"_s).toString();
        }
        return out;
    }

    // The requests that change the NetScaler's configuration (every POST, PUT and DELETE but
    // the login and logout).
    static int changes(const NitroStandin &ns)
    {
        int n = 0;
        for (const QJsonValue &value : ns.state().value(u"log"_s).toArray()) {
            const QString line = value.toString();
            if ((line.startsWith(u"POST "_s) || line.startsWith(u"PUT "_s) || line.startsWith(u"DELETE "_s))
                && !line.contains(u"/config/login"_s) && !line.contains(u"/config/logout"_s))
                ++n;
        }
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void stagesFollowTheTicks()
    {
        const QString planFile = writePlan(u"stages"_s);
        MainWindow w;
        BuildLabPage *page = openBuild(w, planFile);
        QVERIFY(page);
        auto *stages = page->findChild<QLabel *>(u"buildStages"_s);
        QVERIFY2(stages->text().contains(u"psc2 | certificate | netscaler"_s), qPrintable(stages->text()));
        QVERIFY(stages->text().contains(u"Critical path: precheck > psc1 > psc2"_s));
        choose(page, {u"vcha"_s, u"vds"_s});
        QVERIFY2(stages->text().startsWith(u"Whole-lab run: 1 stage(s)"_s), qPrintable(stages->text()));
        QVERIFY(stages->text().contains(u"vcha | vds"_s));
        choose(page, {});
        alt(Qt::Key_U);
        // (A mnemonic clicks the button animated, a moment later.)
        QTRY_COMPARE(page->findChild<QLabel *>(u"buildSummary"_s)->text(), u"Tick at least one step."_s);
        QVERIFY(!w.runPanel()->isBusy());
    }

    void missingInputIsFocusedOnItsTab()
    {
        const QString planFile = writePlan(u"missing"_s);
        MainWindow w;
        BuildLabPage *page = openBuild(w, planFile);
        QVERIFY(page);
        auto *tabs = page->findChild<QTabWidget *>(u"buildTabs"_s);
        auto *summary = page->findChild<QLabel *>(u"buildSummary"_s);
        choose(page, {u"certificate"_s, u"netscaler"_s});
        alt(Qt::Key_U);
        QTRY_COMPARE(tabs->currentIndex(), 1);
        QCOMPARE(QApplication::focusWidget(), page->findChild<QLineEdit *>(u"buildCaCert"_s));
        QVERIFY2(summary->text().contains(u"VMCA root certificate"_s), qPrintable(summary->text()));

        choose(page, {u"netscaler"_s});
        alt(Qt::Key_U);
        QTRY_COMPARE(tabs->currentIndex(), 2);
        QCOMPARE(QApplication::focusWidget(), page->findChild<QLineEdit *>(u"buildNsPassword"_s));
        QCOMPARE(summary->text(), u"Enter the NetScaler password."_s);
        QVERIFY(!w.runPanel()->isBusy());
        QVERIFY(!QFile::exists(QDir(QFileInfo(planFile).absolutePath()).filePath(RunJournal::fileName())));
    }

    void buildsTheTickedStepsThenFindsThemDone()
    {
        const QString planFile = writePlan(u"build"_s);
        const QString project = QFileInfo(planFile).absolutePath();
        QVERIFY(openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                         u"privatekey.pem"_s, u"-out"_s, u"root.cer"_s, u"-days"_s, u"365"_s, u"-subj"_s,
                         u"/CN=CA/DC=vsphere/DC=local"_s},
                        m_dir.path()));
        NitroStandin ns;
        const QString why = ns.start();
        QVERIFY2(why.isEmpty(), qPrintable(why));
        // The NSIP's certificate confirmed in the project, as the Load balancer step leaves it.
        NetscalerActions actions(project);
        const Result<NitroTarget> target =
            actions.target(ns.address(), QString::fromLatin1(NitroStandin::kUser));
        QVERIFY(target);
        QVERIFY(actions.keepFingerprint(*target, ns.certificateSha256()));
        const Result<LbConfig> config = LbConfig::fromPlan(examplePlan());
        QVERIFY(config);
        QStringList planned;
        for (const NitroObject &o : nitroObjects(*config)) {
            if (o.type == u"server"_s || o.type == u"service"_s || o.type == u"lbvserver"_s)
                planned << o.type + u' ' + o.name();
        }
        QVERIFY(planned.size() > 10);

        MainWindow w;
        ApprovalClicker approvals;
        BuildLabPage *page = openBuild(w, planFile);
        QVERIFY(page);
        auto *summary = page->findChild<QLabel *>(u"buildSummary"_s);
        choose(page, {u"certificate"_s, u"netscaler"_s, u"runbook"_s});
        alt(Qt::Key_A);
        type(page->findChild<QLineEdit *>(u"buildCaCert"_s), m_dir.filePath(u"root.cer"_s));
        type(page->findChild<QLineEdit *>(u"buildCaKey"_s), m_dir.filePath(u"privatekey.pem"_s));
        alt(Qt::Key_O);
        type(page->findChild<QLineEdit *>(u"buildNsip"_s), ns.address());
        type(page->findChild<QLineEdit *>(u"buildNsUser"_s), QString::fromLatin1(NitroStandin::kUser));
        type(page->findChild<QLineEdit *>(u"buildNsPassword"_s), NitroStandin::password());

        QSignalSpy finished(w.runPanel(), &RunPanel::queueFinished);
        alt(Qt::Key_U);
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.constFirst().constFirst().toBool(), true);
        QVERIFY2(summary->text().startsWith(u"4 job(s) done, 0 skipped"_s), qPrintable(summary->text()));
        // Asked once, for the NetScaler's changes.
        QCOMPARE(approvals.asked.size(), 1);
        QVERIFY2(approvals.asked.constFirst().contains(u"lbvserver"_s),
                 qPrintable(approvals.asked.join(u'\n')));
        // What the steps made.
        const QDir certs(QDir(project).filePath(u"certs"_s));
        QVERIFY(QFile::exists(certs.filePath(u"psc-ha-vip-chain.crt"_s)));
        QCOMPARE(QFile::permissions(certs.filePath(u"psc-ha-vip.key"_s))
                     & ~(QFile::ReadUser | QFile::WriteUser),
                 QFile::ReadOwner | QFile::WriteOwner);
        const QStringList made = standinObjects(ns);
        for (const QString &object : std::as_const(planned))
            QVERIFY2(made.contains(object), qPrintable(object));
        QVERIFY(QFile::exists(QDir(project).filePath(u"runbook.pdf"_s)));
        QVERIFY2(w.runPanel()->timesText().contains(u"elapsed"_s), qPrintable(w.runPanel()->timesText()));
        const Result<RunJournal> journal = RunJournal::load(QDir(project).filePath(RunJournal::fileName()));
        QVERIFY(journal);
        const JournalRun *run = journal->lastRun(u"Build the lab"_s);
        QVERIFY(run);
        QCOMPARE(run->state, u"succeeded"_s);
        QCOMPARE(run->jobs.size(), 4);
        QVERIFY2(!summary->text().contains(NitroStandin::password()), "no password on the page");

        // Again: the chain is there and every NITRO object holds; nothing to approve or apply.
        const int changed = changes(ns);
        QVERIFY(changed > 0); // bulk requests: one per object type
        finished.clear();
        alt(Qt::Key_U);
        QVERIFY(finished.wait(120000));
        QCOMPARE(approvals.asked.size(), 1);
        QCOMPARE(changes(ns), changed);
        QVERIFY2(summary->text().startsWith(u"1 job(s) done, 3 skipped"_s), qPrintable(summary->text()));
    }
};

QTEST_MAIN(TestBuildLabPage)
#include "tst_buildlabpage.moc"
