// The vCenter HA page (offscreen): prerequisites, the deploy spec and the manual steps from
// the plan without any lab; then Deploy against the simulator's VCHA stand-in (see
// tests/tools/vcsim/main.go, which follows domain-facts.md "vCenter REST (6.7)") and Status
// against the simulator without it, where the page falls back to the manual steps. The
// simulator's certificate is confirmed once, on the vCenter page, in the trust dialog (real
// clicks); the VCHA and Distributed Switch pages then use the host and fingerprint that worked.

#include "approvalclicker.h"
#include "mainwindow.h"
#include "pages/vchapage.h"
#include "project/plandocument.h"
#include "runpanel.h"
#include "trustclicker.h"

#include "net/trustedpins.h"
#include "vcsimfixture.h"
#include "vsphere/vchaspecwriter.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QWizard>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestVchaPage : public QObject
{
    Q_OBJECT

    // Clicks "Make these changes" in every approval dialog and keeps what each listed.
    ApprovalClicker m_approver;

    static QWizardPage *goToVcha(MainWindow &w) { return goTo(w, u"page:vcha"_s); }
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

private Q_SLOTS:
    void planOnly()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QWizardPage *page = goToVcha(w);
        QVERIFY(page);
        const LabPlan &plan = w.document()->plan();
        QVERIFY(page->findChild<QPlainTextEdit *>(u"vchaSpec"_s)
                    ->toPlainText()
                    .contains(u"<VLAB_VC_SSL_THUMBPRINT>"_s));
        QVERIFY(
            page->findChild<QPlainTextEdit *>(u"vchaManual"_s)->toPlainText().contains(plan.vcha.witnessIp));
        QVERIFY(page->findChild<QLabel *>(u"vchaPrerequisites"_s)->text().contains(u"Prerequisites met"_s));
        QVERIFY(page->findChild<QPushButton *>(u"vchaDeploy"_s)->isEnabled());
        // A tiny vCenter cannot have VCHA: said, and Deploy is off.
        w.document()->edit([](LabPlan &p) { p.vcenter.size = u"tiny"_s; });
        QVERIFY(page->findChild<QLabel *>(u"vchaPrerequisites"_s)->text().contains(u"vcenter.size"_s));
        QVERIFY(!page->findChild<QPushButton *>(u"vchaDeploy"_s)->isEnabled());
    }

    void deployAndStatusAgainstSimulator()
    {
        if (QStringLiteral(VLAB_VCSIM_PATH).isEmpty())
            QSKIP("The vCenter simulator was not built: install golang-go and "
                  "golang-github-vmware-govmomi-dev.");
        VcSimFixture fixture;
        const QString why = fixture.makeCertificate();
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        QString failed;
        const QString standIn = fixture.start(QStringLiteral(VLAB_VCSIM_PATH),
                                              {u"-vcha-standin"_s, u"-vcha-polls"_s, u"0"_s}, &failed);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        const QString ga = fixture.start(QStringLiteral(VLAB_VCSIM_PATH), {}, &failed);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));

        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // The HA network as a port group the simulator's inventory has (a distributed one; the
        // management network "VM Network" is its standard one): the job sends their ids.
        w.document()->edit([](LabPlan &p) {
            p.vcha.network.portGroup = u"DC0_DVPG0"_s;
            p.target.datastore = u"LocalDS_0"_s; // the simulator's only datastore
        });
        TrustClicker truster;
        truster.runPanel = w.runPanel();
        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);

        // The vCenter page: its certificate is not trusted yet. The run panel asks before it
        // shows anything as failed; the fingerprint is the one openssl reads from the file.
        QWizardPage *vcenter = goTo(w, u"page:vcenter"_s);
        QVERIFY(vcenter);
        QVERIFY(!vcenter->findChild<QLineEdit *>(u"vcFingerprint"_s)); // no field to click through
        vcenter->findChild<QLineEdit *>(u"vcHost"_s)->setText(standIn);
        vcenter->findChild<QLineEdit *>(u"vcPassword"_s)->setText(u"Pass-1234"_s);
        auto *loginResult = vcenter->findChild<QLabel *>(u"vcenterResult"_s);
        const QString fingerprint = TrustClicker::opensslSha256(fixture.certificatePath());
        QCOMPARE(fingerprint, QString::fromLatin1(fixture.pin().toHex(':').toUpper()));

        // Escape declines: nothing is trusted, and the run says so (not a generic failure).
        truster.answer = TrustClicker::Answer::Escape;
        vcenter->findChild<QPushButton *>(u"vcenterCheckLogin"_s)->click();
        QVERIFY(done.wait(VcSimFixture::kWaitMs));
        QCOMPARE(done.takeFirst().first().toBool(), false);
        QCOMPARE(truster.shown.size(), 1);
        QCOMPARE(truster.unanswered, 0);
        const TrustClicker::Shown asked = truster.shown.constFirst();
        QCOMPARE(TrustClicker::compact(asked.fingerprint), fingerprint);
        QVERIFY2(asked.host.endsWith(standIn), qPrintable(asked.host));
        QVERIFY2(asked.kind.contains(u"vCenter certificate"_s), qPrintable(asked.kind));
        QVERIFY2(asked.where.contains(u"vecs-cli entry getcert --store MACHINE_SSL_CERT"_s),
                 qPrintable(asked.where));
        QVERIFY(asked.declineIsDefault);
        QVERIFY(!asked.trustIsDefault);
        QVERIFY2(asked.panelTitle.startsWith(u"Waiting for your confirmation"_s),
                 qPrintable(asked.panelTitle));
        QVERIFY2(!asked.panelStates.contains(u"Failed"_s), qPrintable(asked.panelStates.join(u',')));
        QVERIFY2(loginResult->text().startsWith(u"Not trusted"_s)
                     && loginResult->text().contains(u"nothing was changed"_s),
                 qPrintable(loginResult->text()));
        QVERIFY(w.runPanel()->findChild<QLabel *>(u"runTitle"_s)->text().startsWith(u"Not trusted"_s));
        const QUrl url = QUrl(u"https://"_s + standIn);
        {
            const Result<TrustedPins> pins = TrustedPins::load(w.document()->projectFolder());
            QVERIFY(!pins || pins->pin(url.host(), quint16(url.port(443))).isEmpty());
        }

        // A mouse click on "Trust": pinned, logged in on the run that follows by itself.
        truster.answer = TrustClicker::Answer::Trust;
        vcenter->findChild<QPushButton *>(u"vcenterCheckLogin"_s)->click();
        QVERIFY(done.wait(VcSimFixture::kWaitMs));
        QCOMPARE(done.takeFirst().first().toBool(), true);
        QCOMPARE(truster.shown.size(), 2);
        QVERIFY2(!truster.shown.constLast().panelStates.contains(u"Failed"_s),
                 qPrintable(truster.shown.constLast().panelStates.join(u',')));
        QVERIFY2(loginResult->text().startsWith(u"Logged in"_s), qPrintable(loginResult->text()));
        {
            const Result<TrustedPins> pins = TrustedPins::load(w.document()->projectFolder());
            QVERIFY(pins.ok());
            QCOMPARE(pins->pin(url.host(), quint16(url.port(443))), fixture.pin());
        }
        // The wizard's own words never send the person to the command line's options.
        for (const QPlainTextEdit *log : w.runPanel()->findChildren<QPlainTextEdit *>())
            QVERIFY2(!log->toPlainText().contains(u"--fingerprint"_s), qPrintable(log->toPlainText()));

        // The VCHA page starts with the vCenter that worked, and its fingerprint: no question.
        QWizardPage *page = goToVcha(w);
        QVERIFY(page);
        QCOMPARE(page->findChild<QLineEdit *>(u"vcHost"_s)->text(), standIn);
        page->findChild<QLineEdit *>(u"vcPassword"_s)->setText(u"Pass-1234"_s);
        auto *result = page->findChild<QLabel *>(u"vchaResult"_s);
        const qsizetype approvalsBefore = m_approver.asked.size();

        page->findChild<QPushButton *>(u"vchaDeploy"_s)->click();
        QVERIFY(done.wait(VcSimFixture::kWaitMs));
        QCOMPARE(done.takeFirst().first().toBool(), true);
        QCOMPARE(truster.shown.size(), 2);
        QCOMPARE(m_approver.asked.size(), approvalsBefore + 1);
        // Approved first, with the vCenter, the clones' addresses and the planned datastore.
        QVERIFY(!m_approver.asked.isEmpty());
        const QString approved = m_approver.asked.constLast();
        QVERIFY2(approved.contains(standIn) && approved.contains(w.document()->plan().vcha.passiveIp)
                     && approved.contains(u"LocalDS_0"_s),
                 qPrintable(approved));
        QVERIFY2(result->text().contains(u"health HEALTHY"_s), qPrintable(result->text()));
        // The password worked: the next vCenter page starts with it (this run's memory store).
        w.wizard()->next();
        QCOMPARE(w.wizard()->currentPage()->objectName(), u"page:vds"_s);
        auto *dvsHost = w.wizard()->currentPage()->findChild<QLineEdit *>(u"vcHost"_s);
        auto *dvsPassword = w.wizard()->currentPage()->findChild<QLineEdit *>(u"vcPassword"_s);
        // Issue #20: the vCenter that worked here is the next page's, not the plan's (vlab-state.json).
        QCOMPARE(dvsHost->text(), standIn);
        dvsHost->setText(standIn); // the same vCenter and user as on this page
        Q_EMIT dvsHost->editingFinished();
        QTRY_COMPARE(dvsPassword->text(), u"Pass-1234"_s);
        w.wizard()->back();

        // Issue #20: the undo of Deploy is on the page, asked before anything changes, and the
        // step is no longer done once it is removed.
        // The mark of the step, as the side list shows it once the page is left.
        const auto vchaMark = [&w] {
            w.wizard()->back();
            const auto restore = qScopeGuard([&w] { w.wizard()->next(); });
            const auto *list = w.findChild<QListWidget *>(u"stepList"_s);
            for (int i = 0; list && i < list->count(); ++i) {
                if (list->item(i)->text().mid(2).trimmed() == VchaPage::stepTitle())
                    return list->item(i)->data(Qt::UserRole).toString();
            }
            return u"(no step)"_s;
        };
        QCOMPARE(vchaMark(), u"done"_s);
        page->findChild<QPushButton *>(u"vchaUndeploy"_s)->click();
        QVERIFY(done.wait(VcSimFixture::kWaitMs));
        QCOMPARE(done.takeFirst().first().toBool(), true);
        QCOMPARE(m_approver.asked.size(), approvalsBefore + 2);
        const QString removal = m_approver.asked.constLast();
        QVERIFY2(removal.contains(standIn) && removal.contains(vchaPassiveVmName(w.document()->plan()))
                     && removal.contains(vchaWitnessVmName(w.document()->plan())),
                 qPrintable(removal));
        QVERIFY2(result->text().startsWith(u"vCenter HA removed"_s), qPrintable(result->text()));
        QCOMPARE(vchaMark(), QString());
        // Removed again: nothing configured, nothing changed, and the page says so.
        page->findChild<QPushButton *>(u"vchaUndeploy"_s)->click();
        QVERIFY(done.wait(VcSimFixture::kWaitMs));
        QCOMPARE(done.takeFirst().first().toBool(), true);
        QVERIFY2(result->text().contains(u"not configured"_s), qPrintable(result->text()));

        // A vCenter without VCHA REST (6.7 GA), on another port: its certificate is asked about
        // (confirmed), then the page points at the manual steps.
        page->findChild<QLineEdit *>(u"vcHost"_s)->setText(ga);
        page->findChild<QPushButton *>(u"vchaStatus"_s)->click();
        QVERIFY(done.wait(VcSimFixture::kWaitMs));
        QCOMPARE(done.takeFirst().first().toBool(), false);
        QVERIFY2(result->text().contains(u"manual steps"_s), qPrintable(result->text()));
        QCOMPARE(truster.shown.size(), 3);
        QVERIFY2(truster.shown.constLast().host.endsWith(ga), qPrintable(truster.shown.constLast().host));
    }
};

QTEST_MAIN(TestVchaPage)
#include "tst_vchapage.moc"
