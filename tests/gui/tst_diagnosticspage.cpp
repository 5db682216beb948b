// The Diagnostics page (offscreen): the state explanations and the defaults from the plan
// without any lab; a run on this machine's own sockets (a loopback connection the test opens
// must be counted); a saved capture with a CLOSE_WAIT pile-up, with the finding and advice.

#include "mainwindow.h"
#include "pages/diagnosticspage.h"
#include "project/plandocument.h"
#include "runpanel.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWizard>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestDiagnosticsPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_project; // the run panel's journal goes here, never into the shared default folder

    DiagnosticsPage *open(MainWindow &w)
    {
        w.document()->setProjectFolder(m_project.path());
        w.show();
        if (!QTest::qWaitForWindowExposed(&w))
            return nullptr;
        while (w.wizard()->currentPage()->objectName() != u"page:diagnostics"_s) {
            const int before = w.wizard()->currentId();
            w.wizard()->next();
            if (w.wizard()->currentId() == before)
                return nullptr;
        }
        return qobject_cast<DiagnosticsPage *>(w.currentStepPage());
    }

    static QString cell(const DiagnosticsPage *page, const QString &table, int row, int column)
    {
        const QTableWidgetItem *item = page->findChild<QTableWidget *>(table)->item(row, column);
        return item ? item->text() : QString();
    }

    static int stateCount(const DiagnosticsPage *page, const QString &state)
    {
        auto *t = page->findChild<QTableWidget *>(u"diagStates"_s);
        for (int row = 0; row < t->rowCount(); ++row) {
            if (t->item(row, 0)->text() == state)
                return t->item(row, 1)->text().toInt();
        }
        return -1;
    }

private Q_SLOTS:
    void planOnly()
    {
        MainWindow w;
        DiagnosticsPage *page = open(w);
        QVERIFY(page);
        auto *explanations = page->findChild<QTableWidget *>(u"diagExplanations"_s);
        QCOMPARE(explanations->rowCount(), 11);
        bool closeWait = false;
        for (int row = 0; row < explanations->rowCount(); ++row) {
            if (explanations->item(row, 0)->text() == u"CLOSE_WAIT"_s)
                closeWait = explanations->item(row, 1)->text().contains(u"does not close"_s);
        }
        QVERIFY(closeWait);
        QCOMPARE(page->findChild<QLineEdit *>(u"diagPorts"_s)->text(), u"443, 389, 636, 2012, 2014, 2020"_s);
        QCOMPARE(page->findChild<QLineEdit *>(u"diagSshTarget"_s)->text(), u"root@vcenter-psc01.sslab.com"_s);
        // The source decides which fields apply.
        auto *source = page->findChild<QComboBox *>(u"diagSource"_s);
        source->setCurrentIndex(0);
        QVERIFY(!page->findChild<QLineEdit *>(u"diagSshTarget"_s)->isEnabled());
        source->setCurrentIndex(2);
        QVERIFY(page->findChild<QLineEdit *>(u"diagSshTarget"_s)->isEnabled());
        QVERIFY(page->findChild<QLineEdit *>(u"diagPassword"_s)->isEnabled());
        QVERIFY(!page->findChild<QLineEdit *>(u"diagFile"_s)->isEnabled());
        // Without a password nothing starts.
        QVERIFY(!page->runDiagnostics());
        QVERIFY(page->findChild<QLabel *>(u"diagStatus"_s)->text().contains(u"password"_s));
        // A bad port list is refused.
        page->findChild<QLineEdit *>(u"diagPorts"_s)->setText(u"443, 70000"_s);
        QVERIFY(!page->runDiagnostics());
    }

    void localMachine()
    {
        // One loopback connection whose listening port the page must count.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QVERIFY(client.waitForConnected(5000));
        QTRY_VERIFY(server.hasPendingConnections());

        MainWindow w;
        DiagnosticsPage *page = open(w);
        QVERIFY(page);
        page->findChild<QComboBox *>(u"diagSource"_s)->setCurrentIndex(0);
        page->findChild<QLineEdit *>(u"diagPorts"_s)->setText(QString::number(server.serverPort()));
        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);
        page->findChild<QPushButton *>(u"diagRun"_s)->click();
        QVERIFY(done.wait(30000));
        QCOMPARE(done.takeFirst().first().toBool(), true);
        QCOMPARE(page->findChild<QTableWidget *>(u"diagStates"_s)->rowCount(), 11);
        QVERIFY(stateCount(page, u"LISTEN"_s) >= 1);
        QVERIFY(stateCount(page, u"ESTABLISHED"_s) >= 2); // both ends
        QCOMPARE(cell(page, u"diagPortTable"_s, 0, 0), QString::number(server.serverPort()));
        QVERIFY(page->findChild<QTableWidget *>(u"diagPeerTable"_s)->rowCount() >= 1);
        QVERIFY(
            page->findChild<QPlainTextEdit *>(u"diagFindings"_s)->toPlainText().contains(u"No pile-up"_s));
    }

    void savedCaptureWithPileUp()
    {
        MainWindow w;
        DiagnosticsPage *page = open(w);
        QVERIFY(page);
        page->findChild<QComboBox *>(u"diagSource"_s)->setCurrentIndex(1);
        page->findChild<QLineEdit *>(u"diagFile"_s)
            ->setText(QFINDTESTDATA("../data/diag/ss-psc-closewait.txt"));
        page->findChild<QSpinBox *>(u"diagCloseWait"_s)->setValue(5);
        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);
        QVERIFY(page->runDiagnostics());
        QVERIFY(done.wait(30000));
        QCOMPARE(done.takeFirst().first().toBool(), true);
        QCOMPARE(stateCount(page, u"CLOSE_WAIT"_s), 12);
        const QString findings = page->findChild<QPlainTextEdit *>(u"diagFindings"_s)->toPlainText();
        QVERIFY2(findings.contains(u"CLOSE_WAIT"_s) && findings.contains(u"Advice"_s), qPrintable(findings));
        QVERIFY(page->findChild<QLabel *>(u"diagStatus"_s)->text().contains(u"pile-up"_s));
    }
};

QTEST_MAIN(TestDiagnosticsPage)
#include "tst_diagnosticspage.moc"
