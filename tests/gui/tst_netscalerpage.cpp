// The Load balancer page's live actions against the NITRO stand-in (a stand-in for a
// NetScaler's NITRO API, tests/tools/nitro-standin): certificate confirmation in the trust
// dialog (real clicks and key presses), Apply with per-object states in the table, Verify, Roll
// back, and refusals.

#include "approvalclicker.h"
#include "jobs/journal.h"
#include "mainwindow.h"
#include "net/tlstrust.h"
#include "netscaler/netscaleractions.h"
#include "netscaler/nitrorecord.h"
#include "nitrostandin.h"
#include "pages/netscalerpage.h"
#include "project/plandocument.h"
#include "runpanel.h"
#include "trustclicker.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QWizard>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestNetscalerPage : public QObject
{
    Q_OBJECT

    struct Fixture
    {
        QTemporaryDir dir;
        NitroStandin ns;
        ApprovalClicker approver; // clicks "Make these changes" unless told otherwise
        TrustClicker truster;     // clicks "Trust this certificate" unless told otherwise
        MainWindow window;
        NetscalerPage *page = nullptr;
    };

    // Shows the window and goes forward page by page (as Next does) to the page `name`.
    static bool walkTo(MainWindow &window, const QString &name)
    {
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            return false;
        while (window.wizard()->currentPage()->objectName() != name) {
            const int before = window.wizard()->currentId();
            window.wizard()->next();
            if (window.wizard()->currentId() == before)
                return false;
        }
        return true;
    }

    bool open(Fixture &f)
    {
        if (!f.dir.isValid() || !f.ns.start().isEmpty())
            return false;
        f.window.document()->setProjectFolder(f.dir.filePath(u"project"_s));
        if (!walkTo(f.window, u"page:netscaler"_s))
            return false;
        f.page = qobject_cast<NetscalerPage *>(f.window.currentStepPage());
        if (!f.page)
            return false;
        f.truster.runPanel = f.window.runPanel();
        f.page->findChild<QLineEdit *>(u"nsAddress"_s)->setText(f.ns.address());
        f.page->findChild<QLineEdit *>(u"nsPassword"_s)->setText(NitroStandin::password());
        return true;
    }

    // Every row of the objects table: name -> state.
    static QMap<QString, QString> states(const QWidget *page)
    {
        QMap<QString, QString> out;
        auto *table = page->findChild<QTableWidget *>(u"nsObjects"_s);
        for (int row = 0; row < table->rowCount(); ++row)
            out.insert(table->item(row, 1)->text(), table->item(row, 3)->text());
        return out;
    }

    // The side list: step title -> current, done, failed, cancelled, skipped or "".
    static QMap<QString, QString> stepStates(const MainWindow &window)
    {
        QMap<QString, QString> out;
        auto *list = window.findChild<QListWidget *>(u"stepList"_s);
        for (int i = 0; i < list->count(); ++i)
            out.insert(list->item(i)->text().mid(2).trimmed(), list->item(i)->data(Qt::UserRole).toString());
        return out;
    }

    // The State column of the row named `name`.
    static QString state(const Fixture &f, const QString &name)
    {
        auto *table = f.page->findChild<QTableWidget *>(u"nsObjects"_s);
        for (int row = 0; row < table->rowCount(); ++row) {
            if (table->item(row, 1)->text() == name)
                return table->item(row, 3)->text();
        }
        return {};
    }

    static QString status(const Fixture &f) { return f.page->findChild<QLabel *>(u"nsStatus"_s)->text(); }

    // The side list's state of the step with this title: current, done, failed, skipped or "".
    static QString stepState(const Fixture &f, const QString &title)
    {
        auto *list = f.window.findChild<QListWidget *>(u"stepList"_s);
        for (int i = 0; i < list->count(); ++i) {
            if (list->item(i)->text().endsWith(title))
                return list->item(i)->data(Qt::UserRole).toString();
        }
        return u"(no such step)"_s;
    }

    // Clicks a button and waits until the run panel is idle again with `expect` in a state.
    static bool click(Fixture &f, const QString &button)
    {
        auto *b = f.page->findChild<QPushButton *>(button);
        if (!b || !b->isEnabled())
            return false;
        QSignalSpy finished(f.window.runPanel(), &RunPanel::queueFinished);
        b->click();
        return !finished.isEmpty() || finished.wait(30000); // it may finish inside click()
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void applyAfterConfirmingTheCertificateThenVerifyAndRollBack();
    void interruptedApplyIsNotRepeatedWithoutAsking();
    void declinedCertificateChangesNothing();
    void changedCertificateIsAskedAboutWithAWarning();
    void declinedApprovalSendsNothing();
    void refusesWithoutPassword();
    void liveStateSurvivesARestart();
};

void TestNetscalerPage::applyAfterConfirmingTheCertificateThenVerifyAndRollBack()
{
    Fixture f;
    QVERIFY(open(f));
    const QString fingerprint = QString::fromLatin1(f.ns.certificateSha256().toHex(':').toUpper());
    QCOMPARE(state(f, u"psc-vs-443"_s), u"not applied yet"_s);

    QVERIFY(click(f, u"nsApply"_s));
    // Approval was asked once, before anything was sent, listing the host and the objects; the
    // run after the certificate was confirmed changed nothing more and was not asked again.
    QCOMPARE(f.approver.asked.size(), 1);
    const QString approved = f.approver.asked.constFirst();
    QVERIFY2(approved.contains(f.ns.address())
                 && approved.contains(u"Create the load-balanced virtual servers (lbvserver): psc-vs-443"_s)
                 && approved.contains(u"Create the PSCs as back-end servers (server):"_s)
                 && approved.contains(u"save ns config"_s),
             qPrintable(approved));
    // First attempt stopped at the certificate; the trust dialog showed it (the run panel
    // waiting, not failed, behind it); the user clicked Trust; the page ran again.
    QCOMPARE(f.truster.shown.size(), 1);
    const TrustClicker::Shown asked = f.truster.shown.constFirst();
    QCOMPARE(TrustClicker::compact(asked.fingerprint), fingerprint);
    QCOMPARE(TrustClicker::compact(asked.fingerprint), TrustClicker::opensslSha256(f.ns.certificatePath()));
    QCOMPARE(asked.host, u"Host: "_s + f.ns.address());
    QVERIFY2(asked.kind.contains(u"NetScaler"_s), qPrintable(asked.kind));
    QVERIFY2(asked.where.contains(u"/nsconfig/ssl/ns-server.cert"_s), qPrintable(asked.where));
    QVERIFY(asked.declineIsDefault && !asked.trustIsDefault);
    QVERIFY2(asked.panelTitle.startsWith(u"Waiting for your confirmation"_s), qPrintable(asked.panelTitle));
    QCOMPARE(asked.panelStates, QStringList{u"Waiting for you"_s});
    QVERIFY2(!f.window.runPanel()->findChild<QPlainTextEdit *>()->toPlainText().contains(u"--fingerprint"_s),
             qPrintable(f.window.runPanel()->findChild<QPlainTextEdit *>()->toPlainText()));
    QTRY_COMPARE_WITH_TIMEOUT(state(f, u"psc-vs-443"_s), u"created"_s, 30000);
    QCOMPARE(f.ns.count(u"lbvserver"_s), 6);
    QCOMPARE(state(f, u"psc-persist"_s), u"created"_s);
    QFile trust(f.dir.filePath(u"project/vlab-trust.json"_s));
    QVERIFY(trust.open(QIODevice::ReadOnly));
    QVERIFY(trust.readAll().contains(fingerprint.toLatin1()));
    QVERIFY(QFile::exists(vlab::nitroRecordPath(f.dir.filePath(u"project"_s), f.ns.address())));

    // The password that worked is kept (keychain, or memory without one) and comes back.
    auto *password = f.page->findChild<QLineEdit *>(u"nsPassword"_s);
    password->clear();
    f.window.wizard()->back();
    f.window.wizard()->next();
    QTRY_COMPARE_WITH_TIMEOUT(password->text(), NitroStandin::password(), 10000);

    // The State column follows the run: rows change as their objects are read, while the run
    // still goes on, not only once it has ended.
    QStringList changedWhileRunning;
    auto *table = f.page->findChild<QTableWidget *>(u"nsObjects"_s);
    const QMetaObject::Connection follow =
        connect(table->model(), &QAbstractItemModel::dataChanged, this, [&](const QModelIndex &changed) {
            if (changed.column() == 3 && f.window.runPanel()->isBusy())
                changedWhileRunning << table->item(changed.row(), 1)->text() + u": "_s
                        + changed.data().toString();
        });
    QVERIFY(click(f, u"nsVerify"_s));
    disconnect(follow);
    QVERIFY2(changedWhileRunning.contains(u"psc-vs-443: UP"_s), qPrintable(changedWhileRunning.join(u'\n')));
    QCOMPARE(state(f, u"psc-vs-443"_s), u"UP"_s);
    // For the README: VLAB_SCREENSHOT_DIR=... keeps a picture of the page after Verify.
    if (const QString dir = qEnvironmentVariable("VLAB_SCREENSHOT_DIR"); !dir.isEmpty()) {
        f.window.resize(1280, 860);
        QVERIFY(f.window.grab().save(dir + u"/loadbalancer-live.png"_s));
    }
    QVERIFY2(status(f).contains(u"UP and as planned"_s), qPrintable(status(f)));
    QCOMPARE(f.truster.shown.size(), 1); // kept in the project: not asked again

    QCOMPARE(f.approver.asked.size(), 1); // Verify changes nothing: nothing to approve
    QVERIFY(click(f, u"nsRollback"_s));
    QCOMPARE(state(f, u"psc-vs-443"_s), u"removed"_s);
    QCOMPARE(f.approver.asked.size(), 2);
    QVERIFY2(
        f.approver.asked.constLast().contains(u"Remove the load-balanced virtual servers (lbvserver): "_s),
        qPrintable(f.approver.asked.constLast()));

    // The side list: the plan step was passed (done), Certificates ran nothing (skipped),
    // this step is current and, once left, shows its last run: the Roll back undid the step's
    // work, so it is not done any more (issue #15: done only when its work is done).
    QCOMPARE(stepState(f, u"Lab plan"_s), u"done"_s);
    QCOMPARE(stepState(f, u"Certificates"_s), u"skipped"_s);
    QCOMPARE(stepState(f, u"Load balancer"_s), u"current"_s);
    f.window.wizard()->back();
    QCOMPARE(stepState(f, u"Load balancer"_s), QString());
    f.window.wizard()->next();
    QCOMPARE(f.ns.state().value(u"running"_s).toObject(), QJsonObject());
    QVERIFY(!QFile::exists(vlab::nitroRecordPath(f.dir.filePath(u"project"_s), f.ns.address())));

    // With nothing recorded, Roll back does not start.
    auto *rollback = f.page->findChild<QPushButton *>(u"nsRollback"_s);
    rollback->click();
    QVERIFY(!f.window.runPanel()->isBusy());
    QVERIFY(status(f).contains(u"Nothing is recorded"_s));
}

void TestNetscalerPage::interruptedApplyIsNotRepeatedWithoutAsking()
{
    Fixture f;
    QVERIFY(open(f));
    // A previous Apply was cut off (the process died while it ran): its journal says so.
    RunJournal journal;
    journal.runs.append(JournalRun{u"r1"_s,
                                   u"Apply the load-balancing configuration"_s,
                                   QDateTime::currentDateTimeUtc().addSecs(-60),
                                   {},
                                   u"running"_s,
                                   {JournalJob{u"netscaler.apply"_s,
                                               u"Apply"_s,
                                               u"running"_s,
                                               true,
                                               QDateTime::currentDateTimeUtc().addSecs(-59),
                                               {},
                                               {},
                                               {}}},
                                   {},
                                   {}});
    QVERIFY(journal.save(f.window.runPanel()->journalPath()).ok());
    QStringList asked;
    RunPanel::ResumeChoice choice{true, true};
    f.window.runPanel()->setResumeQuestion([&](const QString &title, const ResumeState &state) {
        asked << title + u": "_s + state.interruptedLabChanges.join(u',');
        return choice;
    });

    // Resume and skip it: nothing is sent to the NetScaler.
    QVERIFY(click(f, u"nsApply"_s));
    QCOMPARE(asked, QStringList{u"Apply the load-balancing configuration: netscaler.apply"_s});
    QCOMPARE(f.ns.count(u"server"_s), 0);
    QVERIFY(f.truster.shown.isEmpty()); // the job never connected

    // That run finished; the next Apply is a normal one and asks nothing.
    QVERIFY(click(f, u"nsApply"_s));
    QTRY_COMPARE_WITH_TIMEOUT(f.ns.count(u"server"_s), 2, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!f.window.runPanel()->isBusy(), 30000);
    QCOMPARE(asked.size(), 1);
    const Result<RunJournal> after = RunJournal::load(f.window.runPanel()->journalPath());
    QVERIFY(after.ok());
    QCOMPARE(after->runs.constLast().state, u"succeeded"_s);
    QCOMPARE(after->runs.constLast().jobs.constFirst().key, u"netscaler.apply"_s);
}

void TestNetscalerPage::declinedCertificateChangesNothing()
{
    Fixture f;
    QVERIFY(open(f));
    // Enter alone: the default button, "Do not trust".
    f.truster.answer = TrustClicker::Answer::Enter;
    QVERIFY(click(f, u"nsApply"_s));
    QCOMPARE(f.truster.shown.size(), 1);
    QCOMPARE(f.truster.unanswered, 0);
    QVERIFY2(!f.truster.shown.constFirst().panelStates.contains(u"Failed"_s),
             qPrintable(f.truster.shown.constFirst().panelStates.join(u',')));
    // Said as what it is: not trusted, nothing changed (not a generic failure).
    QVERIFY2(status(f).startsWith(u"Not trusted"_s) && status(f).contains(u"nothing was changed"_s),
             qPrintable(status(f)));
    QVERIFY(f.window.runPanel()->findChild<QLabel *>(u"runTitle"_s)->text().startsWith(u"Not trusted"_s));
    auto *jobs = f.window.runPanel()->findChild<QTreeWidget *>();
    QCOMPARE(jobs->topLevelItem(0)->text(1), u"Not trusted"_s);
    QCOMPARE(f.approver.asked.size(), 1); // approved once; nothing else was asked or sent
    QCOMPARE(f.ns.count(u"server"_s), 0);
    f.window.wizard()->back();
    QCOMPARE(stepState(f, u"Load balancer"_s), u"failed"_s);
    f.window.wizard()->next();
    QVERIFY(!QFile::exists(f.dir.filePath(u"project/vlab-trust.json"_s)));
    QCOMPARE(state(f, u"psc-vs-443"_s), u"not applied yet"_s);
}

// Issue #20, one trust flow: a NetScaler whose certificate is not the one confirmed before (it was
// replaced) is asked about in the same dialog, which says that it changed and shows both
// fingerprints, "Do not trust" the default; trusting the new one keeps it and the run goes on.
void TestNetscalerPage::changedCertificateIsAskedAboutWithAWarning()
{
    Fixture f;
    QVERIFY(open(f));
    const QString folder = f.dir.filePath(u"project"_s);
    const Result<NitroTarget> target = NetscalerActions(folder).target(f.ns.address(), u"nsroot"_s);
    QVERIFY(target.ok());
    const QByteArray old(32, '\x11');
    QVERIFY(NetscalerActions(folder).keepFingerprint(*target, old).ok());

    f.truster.answer = TrustClicker::Answer::Escape;
    QVERIFY(click(f, u"nsDiff"_s));
    QCOMPARE(f.truster.shown.size(), 1);
    const TrustClicker::Shown asked = f.truster.shown.constFirst();
    QVERIFY2(asked.title.contains(u"has changed"_s), qPrintable(asked.title));
    QCOMPARE(TrustClicker::compact(asked.previous.section(u'\n', 1)), formatSha256(old));
    QCOMPARE(TrustClicker::compact(asked.fingerprint), TrustClicker::opensslSha256(f.ns.certificatePath()));
    QVERIFY(asked.declineIsDefault);
    QVERIFY2(!asked.panelStates.contains(u"Failed"_s), qPrintable(asked.panelStates.join(u',')));
    // Declined: the old confirmation stays, nothing was sent past the handshake.
    QCOMPARE(NetscalerActions(folder).target(f.ns.address(), u"nsroot"_s)->pinnedSha256, old);
    QVERIFY2(status(f).startsWith(u"Not trusted"_s), qPrintable(status(f)));

    // Trusted: kept, and the Compare that follows by itself runs against it (as on a first
    // confirmation, the panel reports that run, not the stop before the question).
    f.truster.answer = TrustClicker::Answer::Trust;
    QSignalSpy finished(f.window.runPanel(), &RunPanel::queueFinished);
    f.page->findChild<QPushButton *>(u"nsDiff"_s)->click();
    QVERIFY(!finished.isEmpty() || finished.wait(30000));
    QCOMPARE(finished.takeFirst().first().toBool(), true);
    QCOMPARE(f.truster.shown.size(), 2);
    QCOMPARE(formatSha256(NetscalerActions(folder).target(f.ns.address(), u"nsroot"_s)->pinnedSha256),
             TrustClicker::opensslSha256(f.ns.certificatePath()));
}

// "Don't change anything": the run does not start, nothing reaches the NetScaler (not even a
// TLS handshake), and the page says so.
void TestNetscalerPage::declinedApprovalSendsNothing()
{
    Fixture f;
    QVERIFY(open(f));
    f.approver.approve = false;
    QSignalSpy started(f.window.runPanel(), &RunPanel::busyChanged);
    f.page->findChild<QPushButton *>(u"nsApply"_s)->click();
    QCOMPARE(f.approver.asked.size(), 1);
    QVERIFY(started.isEmpty());
    QVERIFY(!f.window.runPanel()->isBusy());
    QVERIFY2(status(f).contains(u"not approved"_s), qPrintable(status(f)));
    QVERIFY(f.truster.shown.isEmpty());
    QCOMPARE(f.ns.count(u"server"_s), 0);
    QCOMPARE(f.ns.count(u"lbvserver"_s), 0);
    QCOMPARE(state(f, u"psc-vs-443"_s), u"not applied yet"_s);
}

void TestNetscalerPage::refusesWithoutPassword()
{
    Fixture f;
    QVERIFY(open(f));
    f.page->findChild<QLineEdit *>(u"nsPassword"_s)->clear();
    QVERIFY(!f.page->runAction(NetscalerPage::Action::Apply));
    QVERIFY(status(f).contains(u"password"_s));
    f.page->findChild<QLineEdit *>(u"nsPassword"_s)->setText(u"x"_s);
    f.page->findChild<QLineEdit *>(u"nsAddress"_s)->setText(u"10.0.0.1:99999"_s);
    QVERIFY(!f.page->runAction(NetscalerPage::Action::Apply));
    QVERIFY2(status(f).contains(u"1-65535"_s), qPrintable(status(f)));
    QVERIFY(!f.window.runPanel()->isBusy());
}

// Issue #20: after Apply and Verify, a wizard closed and opened again on the same project shows
// the objects' states, the steps' marks, the NSIP with its port and the VCSA ISO folder as they
// were, rebuilt from the journal, the NetScaler record and the project's state file (which
// holds no password).
void TestNetscalerPage::liveStateSurvivesARestart()
{
    Fixture f;
    QVERIFY(open(f));
    // A folder that holds the VCSA installer, typed on the PSC page (built on the way here).
    const QString iso = f.dir.filePath(u"iso"_s);
    QFile installer(iso + u"/vcsa-cli-installer/lin64/vcsa-deploy"_s);
    QVERIFY(QDir().mkpath(QFileInfo(installer).absolutePath()));
    QVERIFY(installer.open(QIODevice::WriteOnly));
    installer.close();
    QVERIFY(installer.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    auto *isoField = f.window.stepPage(20)->findChild<QLineEdit *>(u"vcsaIso"_s);
    QVERIFY(isoField);
    isoField->setText(iso);

    QVERIFY(click(f, u"nsApply"_s));
    QTRY_COMPARE_WITH_TIMEOUT(state(f, u"psc-vs-443"_s), u"created"_s, 30000);
    // The rows change while the run goes on (after the certificate was confirmed, Apply runs a
    // second time): Verify's button is enabled again only once that run has ended.
    QTRY_VERIFY_WITH_TIMEOUT(!f.window.runPanel()->isBusy(), 30000);
    QVERIFY(click(f, u"nsVerify"_s));
    QCOMPARE(state(f, u"psc-vs-443"_s), u"UP"_s);
    const QMap<QString, QString> before = states(f.page);
    QCOMPARE(before.value(u"psc-persist"_s), u"present"_s);
    QVERIFY(!before.values().contains(u"not applied yet"_s));
    f.window.wizard()->next(); // leave the step: it shows its last run
    const QMap<QString, QString> marks = stepStates(f.window);
    QCOMPARE(marks.value(u"Load balancer"_s), u"done"_s);
    f.window.close();
    QVERIFY(!f.window.isVisible());

    // The state file holds the NSIP with its port and the ISO folder, never a password.
    const QString stateFile = f.dir.filePath(u"project/vlab-state.json"_s);
    QFile file(stateFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY2(saved.contains(f.ns.address().toUtf8()), saved.constData());
    QVERIFY(!saved.contains(NitroStandin::password().toUtf8()));
    QCOMPARE(file.permissions()
                 & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());

    // A new window on the same project.
    MainWindow again;
    again.document()->setProjectFolder(f.dir.filePath(u"project"_s));
    QVERIFY(walkTo(again, u"page:netscaler"_s));
    auto *page = again.currentStepPage();
    QCOMPARE(page->findChild<QLineEdit *>(u"nsAddress"_s)->text(), f.ns.address());
    QCOMPARE(states(page), before);
    QCOMPARE(again.stepPage(20)->findChild<QLineEdit *>(u"vcsaIso"_s)->text(), iso);
    again.wizard()->next();
    QCOMPARE(stepStates(again), marks);
    QVERIFY(!again.runPanel()->isBusy());
    QCOMPARE(f.ns.count(u"server"_s), 2); // the restart sent nothing
}

QTEST_MAIN(TestNetscalerPage)
#include "tst_netscalerpage.moc"
