// The Pre-checks page (offscreen): results stream into the tree grouped by node, the results
// are saved in the project, and "Re-run failed" runs exactly the failed checks again.
// Only loopback addresses are contacted: the plan is rewritten to 127.0.0.x.

#include "jobs/jobqueue.h"
#include "mainwindow.h"
#include "plan/planjson.h"
#include "precheck/precheckplan.h"
#include "project/plandocument.h"
#include "runpanel.h"

#include <QCheckBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QWizard>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestPrecheckPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void portsStreamSaveAndRerun()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        MainWindow w;
        w.document()->setProjectFolder(dir.path());
        w.document()->edit([](LabPlan &p) {
            p.network.cidr = u"127.0.0.0/8"_s;
            p.network.gateway = u"127.0.0.1"_s;
            p.psc[0].ip = u"127.0.0.11"_s;
            p.psc[1].ip = u"127.0.0.12"_s;
            p.vcenter.ip = u"127.0.0.13"_s;
            p.loadBalancer.vip = u"127.0.0.20"_s;
            p.loadBalancer.nsip = u"127.0.0.21"_s;
            p.loadBalancer.snip = u"127.0.0.22"_s;
            p.target.host = u"127.0.0.30"_s;
        });
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        while (w.wizard()->currentPage()->objectName() != u"page:precheck"_s) {
            const int before = w.wizard()->currentId();
            w.wizard()->next();
            QVERIFY(w.wizard()->currentId() != before);
        }
        QWizardPage *page = w.wizard()->currentPage();
        {
            // Before anything runs, the page lists what would be checked (plan-only view).
            auto *tree = page->findChild<QTreeWidget *>(u"checkTree"_s);
            int planned = 0;
            for (int i = 0; i < tree->topLevelItemCount(); ++i)
                planned += tree->topLevelItem(i)->childCount();
            const QList<CheckJob *> all = createPrecheckJobs(w.document()->plan(), PrecheckOptions{});
            const qsizetype count = all.size();
            qDeleteAll(all);
            QCOMPARE(qsizetype(planned), count);
        }
        for (const char *off : {"category:dns", "category:ntp", "category:tls"})
            page->findChild<QCheckBox *>(QString::fromLatin1(off))->setChecked(false);

        PrecheckOptions options;
        options.categories = {u"ports"_s};
        const QList<CheckJob *> portJobs = createPrecheckJobs(w.document()->plan(), options);
        const qsizetype expected = portJobs.size();
        qDeleteAll(portJobs);
        QCOMPARE(expected, qsizetype(2 * 7 + 1 + 2 + 1)); // PSCs 7 ports each, NSIP, vCenter 2, target

        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);
        page->findChild<QPushButton *>(u"runChecks"_s)->click();
        QVERIFY(done.wait(30000));
        auto *tree = page->findChild<QTreeWidget *>(u"checkTree"_s);
        int rows = 0, failed = 0;
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            QTreeWidgetItem *node = tree->topLevelItem(i);
            for (int c = 0; c < node->childCount(); ++c) {
                ++rows;
                failed += node->child(c)->data(0, Qt::UserRole + 1).toString() == u"fail"_s ? 1 : 0;
            }
        }
        QCOMPARE(rows, int(expected));
        QVERIFY(tree->topLevelItemCount() >= 4); // grouped by node: PSCs, NetScaler, vCenter, target
        QVERIFY(failed > 0);                     // nothing listens on most of these loopback ports

        // README "Pre-checks": the page saves precheck-results.json in the project folder.
        QCOMPARE(QString::fromLatin1(kPrecheckResultsFile), u"precheck-results.json"_s);
        QFile saved(dir.filePath(QString::fromLatin1(kPrecheckResultsFile)));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(saved.readAll()).object();
        QCOMPARE(json.value(u"checks"_s).toInt(), int(expected));
        QCOMPARE(json.value(u"failed"_s).toInt(), failed);
        QVERIFY(page->findChild<QLabel *>(u"checkSummary"_s)->text().contains(u"%1 failed"_s.arg(failed)));

        // For the README: VLAB_SCREENSHOT_DIR=DIR renders this state to DIR/precheck.png.
        if (const QString shots = qEnvironmentVariable("VLAB_SCREENSHOT_DIR"); !shots.isEmpty())
            QVERIFY(w.grab().save(shots + u"/precheck.png"_s));

        auto *rerun = page->findChild<QPushButton *>(u"rerunFailed"_s);
        QVERIFY(rerun->isEnabled());
        done.clear();
        rerun->click();
        QVERIFY(done.wait(30000));
        QCOMPARE(int(w.runPanel()->queue()->jobs().size()), failed); // exactly the failed ones again
    }
};

QTEST_MAIN(TestPrecheckPage)
#include "tst_precheckpage.moc"
