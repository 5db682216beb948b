// The vCenter HA page (offscreen): prerequisites, the deploy spec and the manual steps from
// the plan without any lab; then Deploy against the simulator's VCHA stand-in (see
// tests/tools/vcsim/main.go, which follows domain-facts.md "vCenter REST (6.7)") and Status
// against the simulator without it, where the page falls back to the manual steps.

#include "approvalclicker.h"
#include "mainwindow.h"
#include "project/plandocument.h"
#include "runpanel.h"

#include "vcsimfixture.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
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

    static QWizardPage *goToVcha(MainWindow &w)
    {
        while (w.wizard()->currentPage()->objectName() != u"page:vcha"_s) {
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
        QWizardPage *page = goToVcha(w);
        QVERIFY(page);
        page->findChild<QLineEdit *>(u"vcHost"_s)->setText(standIn);
        page->findChild<QLineEdit *>(u"vcPassword"_s)->setText(u"Pass-1234"_s);
        page->findChild<QLineEdit *>(u"vcFingerprint"_s)->setText(QString::fromLatin1(fixture.pin().toHex()));
        auto *result = page->findChild<QLabel *>(u"vchaResult"_s);
        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);

        page->findChild<QPushButton *>(u"vchaDeploy"_s)->click();
        QVERIFY(done.wait(VcSimFixture::kWaitMs));
        QCOMPARE(done.takeFirst().first().toBool(), true);
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

        // A vCenter without VCHA REST (6.7 GA): the page points at the manual steps.
        page->findChild<QLineEdit *>(u"vcHost"_s)->setText(ga);
        page->findChild<QPushButton *>(u"vchaStatus"_s)->click();
        QVERIFY(done.wait(VcSimFixture::kWaitMs));
        QCOMPARE(done.takeFirst().first().toBool(), false);
        QVERIFY2(result->text().contains(u"manual steps"_s), qPrintable(result->text()));
    }
};

QTEST_MAIN(TestVchaPage)
#include "tst_vchapage.moc"
