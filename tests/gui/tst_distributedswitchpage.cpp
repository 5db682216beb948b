// The Distributed Switch page (offscreen): the plan's port groups and scripts without any lab,
// then Run against govmomi's vCenter simulator (tests/fixtures/vcsimfixture.h): an untrusted
// certificate is asked about in the trust dialog (real key presses and clicks) before anything
// shows as failed; declined, nothing is trusted; confirmed, the switch is created through the
// run panel without a second approval; a second run reports it as already there.

#include "approvalclicker.h"
#include "mainwindow.h"
#include "net/trustedpins.h"
#include "project/plandocument.h"
#include "runpanel.h"
#include "trustclicker.h"

#include "vcsimfixture.h"
#include "vsphere/vcenterclient.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QWizard>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestDistributedSwitchPage : public QObject
{
    Q_OBJECT

    // Clicks "Make these changes" in every approval dialog and keeps what each listed.
    ApprovalClicker m_approver;

    static void goTo(MainWindow &w, const QString &page)
    {
        while (w.wizard()->currentPage()->objectName() != page) {
            const int before = w.wizard()->currentId();
            w.wizard()->next();
            QVERIFY(w.wizard()->currentId() != before);
        }
    }

private Q_SLOTS:
    void planOnly()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        goTo(w, u"page:vds"_s);
        QWizardPage *page = w.wizard()->currentPage();
        auto *groups = page->findChild<QTableWidget *>(u"vdsPortGroups"_s);
        QCOMPARE(groups->rowCount(), w.document()->plan().vds.portGroups.size());
        QCOMPARE(groups->item(1, 1)->text(), QString::number(w.document()->plan().vds.portGroups.at(1).vlan));
        QVERIFY(page->findChild<QPlainTextEdit *>(u"vdsGovc"_s)->toPlainText().contains(u"dvs.create"_s));
        QVERIFY(
            page->findChild<QPlainTextEdit *>(u"vdsPowerCli"_s)->toPlainText().contains(u"New-VDSwitch"_s));
        QCOMPARE(page->findChild<QLineEdit *>(u"vcHost"_s)->text(), w.document()->plan().vcenter.fqdn);
        QCOMPARE(page->findChild<QLineEdit *>(u"vcPassword"_s)->echoMode(), QLineEdit::Password);
        // The page follows the plan.
        w.document()->edit([](LabPlan &p) { p.vds.portGroups.append({u"Backup-VLAN40"_s, 40}); });
        QCOMPARE(groups->rowCount(), w.document()->plan().vds.portGroups.size());
        // A host that is no host: said on the page, nothing runs.
        page->findChild<QLineEdit *>(u"vcHost"_s)->setText(u"a b"_s);
        page->findChild<QPushButton *>(u"vdsCreate"_s)->click();
        QVERIFY(!w.runPanel()->isBusy());
        QVERIFY(page->findChild<QLabel *>(u"vdsStatus"_s)->text().contains(u"not a host"_s));
    }

    void runAgainstSimulator()
    {
        if (QStringLiteral(VLAB_VCSIM_PATH).isEmpty())
            QSKIP("The vCenter simulator was not built: install golang-go and "
                  "golang-github-vmware-govmomi-dev.");
        VcSimFixture fixture;
        const QString why = fixture.makeCertificate();
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        QString failed;
        const QString hostPort = fixture.start(QStringLiteral(VLAB_VCSIM_PATH), {}, &failed);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));

        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        goTo(w, u"page:vds"_s);
        QWizardPage *page = w.wizard()->currentPage();
        page->findChild<QLineEdit *>(u"vcHost"_s)->setText(hostPort);
        page->findChild<QLineEdit *>(u"vcPassword"_s)->setText(u"Pass-1234"_s);
        QVERIFY(!page->findChild<QLineEdit *>(u"vcFingerprint"_s)); // confirmed in the dialog only
        auto *status = page->findChild<QLabel *>(u"vdsStatus"_s);
        auto *create = page->findChild<QPushButton *>(u"vdsCreate"_s);
        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);
        TrustClicker truster;
        truster.runPanel = w.runPanel();
        const QString fingerprint = TrustClicker::opensslSha256(fixture.certificatePath());
        QVERIFY(!fingerprint.isEmpty());
        const QUrl url = parseVCenterHost(hostPort).value();

        // Untrusted: asked before anything shows as failed. Enter does not trust, not even with
        // the focus on the Trust button.
        const qsizetype approvalsBefore = m_approver.asked.size();
        truster.answer = TrustClicker::Answer::EnterOnTrust;
        create->click();
        QVERIFY(done.wait(VcSimFixture::kWaitMs));
        QCOMPARE(done.takeFirst().first().toBool(), false);
        QCOMPARE(truster.shown.size(), 1);
        QCOMPARE(truster.unanswered, 0);
        QCOMPARE(TrustClicker::compact(truster.shown.constFirst().fingerprint), fingerprint);
        QVERIFY2(truster.shown.constFirst().host.endsWith(hostPort),
                 qPrintable(truster.shown.constFirst().host));
        QVERIFY2(truster.shown.constFirst().panelTitle.startsWith(u"Waiting for your confirmation"_s),
                 qPrintable(truster.shown.constFirst().panelTitle));
        QVERIFY2(!truster.shown.constFirst().panelStates.contains(u"Failed"_s),
                 qPrintable(truster.shown.constFirst().panelStates.join(u',')));
        QVERIFY2(status->text().startsWith(u"Not trusted"_s)
                     && status->text().contains(u"nothing was changed"_s),
                 qPrintable(status->text()));
        {
            const Result<TrustedPins> none = TrustedPins::load(w.document()->projectFolder());
            QVERIFY(!none || none->pin(url.host(), quint16(url.port(443))).isEmpty());
        }

        // Confirmed with a click: kept, and the switch created on the run that follows by itself.
        truster.answer = TrustClicker::Answer::Trust;
        create->click();
        QVERIFY(done.wait(VcSimFixture::kWaitMs));
        QCOMPARE(done.takeFirst().first().toBool(), true);
        QCOMPARE(truster.shown.size(), 2);
        QVERIFY2(status->text().contains(u"Switch created"_s), qPrintable(status->text()));
        // Each click was approved first, with the host, the switch and its port groups; the run
        // after the confirmation was not asked again.
        QCOMPARE(m_approver.asked.size(), approvalsBefore + 2);
        const QString approved = m_approver.asked.constLast();
        const DistributedSwitch &vds = w.document()->plan().vds;
        QVERIFY2(approved.contains(hostPort) && approved.contains(vds.name)
                     && approved.contains(vds.portGroups.constFirst().name),
                 qPrintable(approved));

        // Not approved: nothing runs, and the page says so.
        m_approver.approve = false;
        create->click();
        QVERIFY(!w.runPanel()->isBusy());
        QVERIFY2(status->text().contains(u"not approved"_s), qPrintable(status->text()));
        m_approver.approve = true;

        // Again: nothing new.
        create->click();
        QVERIFY(done.wait(VcSimFixture::kWaitMs));
        QCOMPARE(done.takeFirst().first().toBool(), true);
        QVERIFY2(status->text().contains(u"already existed"_s), qPrintable(status->text()));

        // The fingerprint that worked is kept in the project: the next session trusts exactly
        // that certificate without it being typed again.
        const Result<TrustedPins> pins = TrustedPins::load(w.document()->projectFolder());
        QVERIFY(pins.ok());
        QCOMPARE(pins->pin(url.host(), quint16(url.port(443))), fixture.pin());
        MainWindow next;
        next.show();
        QVERIFY(QTest::qWaitForWindowExposed(&next));
        goTo(next, u"page:vds"_s);
        QWizardPage *nextPage = next.wizard()->currentPage();
        nextPage->findChild<QLineEdit *>(u"vcHost"_s)->setText(hostPort);
        nextPage->findChild<QLineEdit *>(u"vcPassword"_s)->setText(u"Pass-1234"_s);
        QSignalSpy nextDone(next.runPanel(), &RunPanel::queueFinished);
        nextPage->findChild<QPushButton *>(u"vdsCreate"_s)->click();
        QVERIFY(nextDone.wait(VcSimFixture::kWaitMs));
        auto *nextStatus = nextPage->findChild<QLabel *>(u"vdsStatus"_s);
        QCOMPARE(nextDone.takeFirst().first().toBool(), true);
        QVERIFY2(nextStatus->text().contains(u"already existed"_s), qPrintable(nextStatus->text()));
        QCOMPARE(truster.shown.size(), 2); // the kept fingerprint: not asked again
    }
};

QTEST_MAIN(TestDistributedSwitchPage)
#include "tst_distributedswitchpage.moc"
