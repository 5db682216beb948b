// The As-built audit page on the shown window, driven by real key presses and clicks:
//  - against the NITRO stand-in (tests/tools/nitro-standin) with the plan's objects applied
//    and one service DOWN: the table shows the ok rows and the one drift row, the summary
//    counts them, audit-results.json holds them for the runbook; a binding removed behind the
//    tool's back shows after "Re-run problem areas" (a second login: it ran again); "Go to the
//    step that fixes it" on a drift row lands on the Load balancer page, and the wizard goes
//    on from there as usual;
//  - every area against the loopback lab where nothing answers (precheckservers.h's plan, no
//    server started; a closed SSH port; a closed vCenter port): each area gives rows that are
//    not ok, and each leads to its own step's page;
//  - a project whose folder holds audit-results.json (as `vlab audit` keeps it, two areas audited
//    at different times) opens with those results on the Results tab, each area's date shown,
//    nothing run; a new run replaces them;
//  - which step fixes which check (data-driven, the refinements of certs and psc).

#include "audit/auditresult.h"
#include "core/atomicfile.h"
#include "jobs/jobqueue.h"
#include "mainwindow.h"
#include "netscaler/lbconfig.h"
#include "netscaler/netscaleractions.h"
#include "netscaler/nitrojob.h"
#include "netscaler/nitromodel.h"
#include "nitrostandin.h"
#include "pages/auditpage.h"
#include "plan/planjson.h"
#include "precheckservers.h"
#include "project/plandocument.h"
#include "runpanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QWizard>

using namespace Qt::StringLiterals;
using namespace vlab;

Q_DECLARE_METATYPE(vlab::AuditResult)

class TestAuditPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    PrecheckServers m_loopback; // only its plan: no server is started

    // The loopback lab's plan, saved as the project's plan and opened in the window.
    QString writePlan(const QString &name)
    {
        const QString folder = m_dir.filePath(name);
        QDir().mkpath(folder);
        const QString file = QDir(folder).filePath(u"lab.vlab.json"_s);
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        QJsonObject plan = m_loopback.loopbackPlan(PrecheckServers::PlanKind::AllRecordsExist);
        // No NTP server runs: the server is named without a port (as in tst_audit).
        plan.insert(u"ntp"_s, QJsonObject{{u"servers"_s, QJsonArray{m_loopback.ntpHost()}}});
        f.write(QJsonDocument(plan).toJson());
        return file;
    }

    // Shows the window with the plan, active for key presses, and walks with Alt+N to the audit.
    static AuditPage *openAudit(MainWindow &w, const QString &planFile)
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
        if (!walkWithNext(w, u"page:audit"_s)) {
            qWarning().noquote() << "Next stopped on" << w.wizard()->currentPage()->objectName()
                                 << w.wizard()->button(QWizard::NextButton)->isEnabled()
                                 << (QApplication::focusWidget() ? QApplication::focusWidget()->objectName()
                                                                 : u"-"_s);
            for (const Finding &f : w.document()->findings())
                qWarning().noquote() << f.path << f.message;
            return nullptr;
        }
        return qobject_cast<AuditPage *>(w.currentStepPage());
    }

    // Alt+N until the page `name` shows (false when Next stops moving).
    static bool walkWithNext(MainWindow &w, const QString &name)
    {
        for (int steps = 0; steps < 20 && w.wizard()->currentPage()->objectName() != name; ++steps) {
            const int before = w.currentStepId();
            QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : &w;
            QTest::keyClick(target, Qt::Key_N, Qt::AltModifier);
            if (!QTest::qWaitFor([&] { return w.currentStepId() != before; }, 5000))
                return false;
        }
        return w.wizard()->currentPage()->objectName() == name;
    }

    static void alt(Qt::Key key)
    {
        QWidget *target =
            QApplication::focusWidget() ? QApplication::focusWidget() : QApplication::activeWindow();
        QTest::keyClick(target, key, Qt::AltModifier);
    }

    // Clicks into a field, selects what it holds and types `text` over it.
    static void type(QLineEdit *field, const QString &text)
    {
        QTest::mouseClick(field, Qt::LeftButton);
        QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(field, Qt::Key_Delete);
        QTest::keyClicks(field, text);
    }

    // Leaves only `areas` checked, with clicks on the boxes.
    static void choose(AuditPage *page, const QStringList &areas)
    {
        for (QCheckBox *box : page->findChildren<QCheckBox *>()) {
            const QString area = box->property("area").toString();
            if (!area.isEmpty() && box->isChecked() != areas.contains(area))
                QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(box->height() / 2, box->height() / 2));
        }
    }

    // Every row of the table: status (ok, drift, ...), area, target.
    struct Row
    {
        QString status, area, target;
    };
    static QList<Row> rows(const AuditPage *page)
    {
        auto *table = page->findChild<QTableWidget *>(u"auditTable"_s);
        QList<Row> out;
        for (int row = 0; row < table->rowCount(); ++row)
            out.append({table->item(row, 0)->data(Qt::UserRole).toString(),
                        table->item(row, 1)->data(Qt::UserRole).toString(), table->item(row, 2)->text()});
        return out;
    }

    // Clicks the first row of `area` whose status is not ok; false when there is none.
    static bool clickProblemRow(AuditPage *page, const QString &area)
    {
        auto *table = page->findChild<QTableWidget *>(u"auditTable"_s);
        for (int row = 0; row < table->rowCount(); ++row) {
            if (table->item(row, 1)->data(Qt::UserRole).toString() != area
                || table->item(row, 0)->data(Qt::UserRole).toString() == u"ok"_s)
                continue;
            table->scrollToItem(table->item(row, 2));
            QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                              table->visualItemRect(table->item(row, 2)).center());
            return table->currentRow() == row;
        }
        return false;
    }

    // Presses `key` with Alt and waits for the run it starts to end.
    static bool runWith(MainWindow &w, Qt::Key key)
    {
        QSignalSpy finished(w.runPanel(), &RunPanel::queueFinished);
        alt(key);
        return !finished.isEmpty() || finished.wait(60000);
    }

    static int logins(const NitroStandin &ns)
    {
        return int(ns.state().value(u"log"_s).toArray().toVariantList().count(
            QVariant(u"POST /nitro/v1/config/login"_s)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void netscalerDriftRerunAndGoToItsStep();
    void everyAreaLeadsToItsStep();
    void showsTheLastAuditOnOpen();
    void stepFixing_data();
    void stepFixing();
    void vcenterLookupServiceLeadsToTheVCenterStep();
};

void TestAuditPage::netscalerDriftRerunAndGoToItsStep()
{
    const QString planFile = writePlan(u"netscaler"_s);
    QVERIFY(!planFile.isEmpty());
    const Result<LabPlan> plan = parsePlan([&] {
        QFile f(planFile);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }());
    QVERIFY(plan);
    const Result<LbConfig> config = LbConfig::fromPlan(*plan);
    QVERIFY(config);
    const QList<NitroObject> objects = nitroObjects(*config);
    QString firstService, bindingVserver, bindingService;
    for (const NitroObject &o : objects) {
        if (o.type == u"service"_s && firstService.isEmpty())
            firstService = o.name();
        if (o.type == u"lbvserver_service_binding"_s && bindingVserver.isEmpty()) {
            bindingVserver = o.name();
            bindingService = o.boundTo();
        }
    }
    QVERIFY(!firstService.isEmpty() && !bindingVserver.isEmpty());

    // A NetScaler with the plan's objects (applied as the Load balancer step does) and one
    // service DOWN; its certificate confirmed in the project, as after that step.
    NitroStandin ns;
    const QString why = ns.start({u"--down"_s, firstService});
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QString project = QFileInfo(planFile).absolutePath();
    NetscalerActions actions(project);
    const Result<NitroTarget> target = actions.target(ns.address(), QString::fromLatin1(NitroStandin::kUser));
    QVERIFY(target);
    QVERIFY(actions.keepFingerprint(*target, ns.certificateSha256()));
    {
        const Result<NitroTarget> pinned =
            actions.target(ns.address(), QString::fromLatin1(NitroStandin::kUser));
        QVERIFY(pinned);
        const Result<NitroJob *> apply =
            actions.createJob(NitroAction::Apply, *plan, *pinned, NitroStandin::password());
        QVERIFY(apply);
        JobQueue queue;
        queue.addJob(*apply);
        QSignalSpy applied(&queue, &JobQueue::finished);
        queue.start();
        QVERIFY(!applied.isEmpty() || applied.wait(30000));
        const Result<void> &result = (*apply)->result();
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    }

    MainWindow w;
    AuditPage *page = openAudit(w, planFile);
    QVERIFY(page);
    auto *table = page->findChild<QTableWidget *>(u"auditTable"_s);
    auto *summary = page->findChild<QLabel *>(u"auditSummary"_s);
    auto *tabs = page->findChild<QTabWidget *>(u"auditTabs"_s);
    QCOMPARE(table->rowCount(), 0);
    QVERIFY(!page->findChild<QPushButton *>(u"auditRerun"_s)->isEnabled());

    // Only the NetScaler, at the stand-in's address, with its password: typed in Connections.
    choose(page, {u"netscaler"_s});
    alt(Qt::Key_C);
    QCOMPARE(tabs->currentIndex(), 1);
    type(page->findChild<QLineEdit *>(u"auditNsip"_s), ns.address());
    type(page->findChild<QLineEdit *>(u"auditNsPassword"_s), NitroStandin::password());
    QVERIFY(runWith(w, Qt::Key_R));
    // Started from Connections, the run ends showing what it found.
    QCOMPARE(tabs->currentIndex(), 0);
    alt(Qt::Key_U);
    QCOMPARE(tabs->currentIndex(), 0);

    // Every object as a row: the DOWN service is drift, the rest ok.
    QList<Row> found = rows(page);
    QCOMPARE(found.size(), objects.size());
    QStringList drift;
    int ok = 0;
    for (const Row &r : std::as_const(found)) {
        QCOMPARE(r.area, u"netscaler"_s);
        if (r.status == u"ok"_s)
            ++ok;
        else
            drift << r.status + u' ' + r.target;
    }
    QCOMPARE(drift, QStringList{u"drift service "_s + firstService});
    QCOMPARE(ok, objects.size() - 1);
    QVERIFY2(summary->text().startsWith(u"%1 ok, 1 drift, 0 unreachable, 0 skipped."_s.arg(ok)),
             qPrintable(summary->text()));
    QVERIFY2(!summary->text().contains(NitroStandin::password()), "no password on the page");

    // Kept for the runbook's As built chapter, as `vlab audit` keeps it.
    const QString recordFile = QDir(project).filePath(u"audit-results.json"_s);
    QVERIFY2(summary->text().contains(u"Kept in audit-results.json"_s), qPrintable(summary->text()));
    QCOMPARE(summary->toolTip(), QDir::toNativeSeparators(recordFile));
    const auto record = [&] {
        QFile f(recordFile);
        return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
    };
    QJsonObject kept = record();
    QCOMPARE(kept.value(u"areas"_s).toArray(), QJsonArray{u"netscaler"_s});
    QCOMPARE(kept.value(u"checks"_s).toArray().size(), objects.size());
    QCOMPARE(kept.value(u"summary"_s).toObject().value(u"drift"_s).toInt(), 1);
    {
        QFile f(recordFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains(NitroStandin::password().toUtf8()), "no password in the record");
    }

    // A binding removed behind the tool's back: Re-run audits the NetScaler again.
    const int loginsBefore = logins(ns);
    const auto removed =
        ns.request("DELETE",
                   u"/nitro/v1/config/lbvserver_service_binding/%1?args=servicename:%2"_s.arg(bindingVserver,
                                                                                              bindingService),
                   {});
    QCOMPARE(removed.first, 200);
    const int loginsAfterRemoval = logins(ns);
    QVERIFY(page->findChild<QPushButton *>(u"auditRerun"_s)->isEnabled());
    QVERIFY(runWith(w, Qt::Key_P));
    QVERIFY2(logins(ns) > loginsAfterRemoval, "Re-run logged in again");
    QVERIFY(loginsAfterRemoval >= loginsBefore);
    found = rows(page);
    QCOMPARE(found.size(), objects.size());
    drift.clear();
    for (const Row &r : std::as_const(found)) {
        if (r.status != u"ok"_s)
            drift << r.target;
    }
    QCOMPARE(drift.size(), 2);
    QVERIFY2(drift.contains(u"service "_s + firstService), qPrintable(drift.join(u'\n')));
    QVERIFY2(std::any_of(
                 drift.cbegin(), drift.cend(),
                 [&](const QString &t) { return t.contains(bindingVserver) && t.contains(bindingService); }),
             qPrintable(drift.join(u'\n')));
    QVERIFY2(summary->text().contains(u"2 drift"_s), qPrintable(summary->text()));
    kept = record();
    QCOMPARE(kept.value(u"summary"_s).toObject().value(u"drift"_s).toInt(), 2);

    // An ok row leads nowhere; a drift row to the Load balancer page.
    auto *goTo = page->findChild<QPushButton *>(u"auditGoTo"_s);
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0)->data(Qt::UserRole).toString() != u"ok"_s)
            continue;
        table->scrollToItem(table->item(row, 2));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          table->visualItemRect(table->item(row, 2)).center());
        QCOMPARE(table->currentRow(), row);
        QVERIFY(!goTo->isEnabled());
        break;
    }
    QVERIFY(clickProblemRow(page, u"netscaler"_s));
    QVERIFY(goTo->isEnabled());
    auto *details = page->findChild<QLabel *>(u"auditDetails"_s);
    QVERIFY2(details->text().contains(u"Load balancer"_s), qPrintable(details->text()));
    alt(Qt::Key_G);
    QTRY_COMPARE(w.wizard()->currentPage()->objectName(), u"page:netscaler"_s);

    // From there the wizard goes on as usual, and the audit is still there.
    QVERIFY(walkWithNext(w, u"page:audit"_s));
    QCOMPARE(rows(page).size(), objects.size());
    alt(Qt::Key_B);
    QTRY_COMPARE(w.wizard()->currentPage()->objectName(), u"page:diagnostics"_s);
}

void TestAuditPage::everyAreaLeadsToItsStep()
{
    const QString planFile = writePlan(u"silent"_s);
    QVERIFY(!planFile.isEmpty());
    // Ports where nothing listens: refused at once.
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        closedPort = probe.serverPort();
    }
    MainWindow w;
    AuditPage *page = openAudit(w, planFile);
    QVERIFY(page);
    alt(Qt::Key_C);
    page->findChild<QSpinBox *>(u"auditTimeout"_s)->setValue(1000);
    type(page->findChild<QLineEdit *>(u"auditNsip"_s), u"127.0.0.1:%1"_s.arg(closedPort));
    type(page->findChild<QLineEdit *>(u"auditNsPassword"_s), u"not-used"_s);
    type(page->findChild<QLineEdit *>(u"vcHost"_s), u"127.0.0.1:%1"_s.arg(closedPort));
    type(page->findChild<QLineEdit *>(u"vcPassword"_s), u"not-used"_s);
    auto *sshPort = page->findChild<QSpinBox *>(u"auditSshPort"_s);
    sshPort->setValue(closedPort);
    type(page->findChild<QLineEdit *>(u"auditSshPassword"_s), u"not-used"_s);
    QVERIFY(runWith(w, Qt::Key_R));
    alt(Qt::Key_U);

    const QList<std::pair<QString, QString>> expected = {{u"dns"_s, u"page:precheck"_s},
                                                         {u"certs"_s, u"page:applycerts"_s},
                                                         {u"netscaler"_s, u"page:netscaler"_s},
                                                         {u"psc"_s, u"page:psc"_s},
                                                         {u"vcenter"_s, u"page:vcenter"_s},
                                                         {u"vcha"_s, u"page:vcha"_s},
                                                         {u"vds"_s, u"page:vds"_s},
                                                         {u"tcp"_s, u"page:diagnostics"_s}};
    const QList<Row> found = rows(page);
    for (const auto &[area, pageName] : expected) {
        QVERIFY2(std::any_of(found.cbegin(), found.cend(),
                             [&](const Row &r) { return r.area == area && r.status != u"ok"_s; }),
                 qPrintable(area));
        QVERIFY2(clickProblemRow(page, area), qPrintable(area));
        alt(Qt::Key_G);
        QTRY_VERIFY2(w.wizard()->currentPage()->objectName() == pageName,
                     qPrintable(area + u": "_s + w.wizard()->currentPage()->objectName()));
        QVERIFY2(walkWithNext(w, u"page:audit"_s), qPrintable(area));
        QCOMPARE(rows(page).size(), found.size());
    }
}

void TestAuditPage::showsTheLastAuditOnOpen()
{
    const QString planFile = writePlan(u"kept"_s);
    QVERIFY(!planFile.isEmpty());
    const QString project = QFileInfo(planFile).absolutePath();
    // Kept as `vlab audit --only dns` and later `--only netscaler` keep it.
    const auto item = [](const QString &area, const QString &target, AuditStatus status,
                         const QString &hint) {
        AuditResult r;
        r.area = area;
        r.target = target;
        r.status = status;
        r.expected = u"as planned"_s;
        r.message = u"kept message of "_s + target;
        r.hint = hint;
        return r;
    };
    const QDateTime dnsTime = QDateTime::fromString(u"2026-11-30T08:15:00Z"_s, Qt::ISODate);
    const QDateTime nsTime = QDateTime::fromString(u"2026-12-01T10:30:00Z"_s, Qt::ISODate);
    QVERIFY(
        keepAuditRecord(project,
                        {item(u"dns"_s, u"kept-psc01 (A)"_s, AuditStatus::Ok, {}),
                         item(u"dns"_s, u"kept-psc01 (PTR)"_s, AuditStatus::Drift, u"Fix the PTR record."_s)},
                        {u"dns"_s}, dnsTime));
    QVERIFY(keepAuditRecord(project,
                            {item(u"netscaler"_s, u"NSIP kept"_s, AuditStatus::Unreachable, u"Start it."_s)},
                            {u"netscaler"_s}, nsTime));
    const QString recordFile = QDir(project).filePath(u"audit-results.json"_s);
    const auto readRecord = [&] {
        QFile f(recordFile);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    const QByteArray before = readRecord();
    const QString dnsWhen = dnsTime.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
    const QString nsWhen = nsTime.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);

    MainWindow w;
    AuditPage *page = openAudit(w, planFile);
    QVERIFY(page);
    auto *summary = page->findChild<QLabel *>(u"auditSummary"_s);
    auto *tabs = page->findChild<QTabWidget *>(u"auditTabs"_s);
    QCOMPARE(tabs->currentIndex(), 0);
    QList<Row> found = rows(page);
    QStringList shown;
    for (const Row &r : std::as_const(found))
        shown << r.status + u' ' + r.area + u' ' + r.target;
    QCOMPARE(shown,
             (QStringList{u"ok dns kept-psc01 (A)"_s, u"drift dns kept-psc01 (PTR)"_s,
                          u"unreachable netscaler NSIP kept"_s}));
    QVERIFY2(summary->text().contains(u"audit-results.json"_s), qPrintable(summary->text()));
    QVERIFY2(summary->text().contains(u"DNS on "_s + dnsWhen), qPrintable(summary->text()));
    QVERIFY2(summary->text().contains(u"NetScaler on "_s + nsWhen), qPrintable(summary->text()));
    QVERIFY2(summary->text().contains(u"1 ok, 1 drift, 1 unreachable, 0 skipped."_s),
             qPrintable(summary->text()));
    // Nothing ran: no run in the journal, the record as it was, the panel idle.
    QVERIFY(!QFileInfo::exists(QDir(project).filePath(u"vlab-journal.json"_s)));
    QCOMPARE(readRecord(), before);
    QVERIFY(!w.runPanel()->isBusy());
    // The kept rows are the page's own: in full with their date, and their areas can be re-run.
    QVERIFY(page->findChild<QPushButton *>(u"auditRerun"_s)->isEnabled());
    QVERIFY(clickProblemRow(page, u"dns"_s));
    auto *details = page->findChild<QLabel *>(u"auditDetails"_s);
    QVERIFY2(details->text().contains(u"Fix the PTR record."_s), qPrintable(details->text()));
    QVERIFY2(details->text().contains(u"Audited on "_s + dnsWhen), qPrintable(details->text()));
    QVERIFY(clickProblemRow(page, u"netscaler"_s));
    QVERIFY2(details->text().contains(u"Audited on "_s + nsWhen), qPrintable(details->text()));

    // A new run (the NetScaler only, on a port where nothing listens) replaces them.
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        closedPort = probe.serverPort();
    }
    choose(page, {u"netscaler"_s});
    alt(Qt::Key_C);
    page->findChild<QSpinBox *>(u"auditTimeout"_s)->setValue(1000);
    type(page->findChild<QLineEdit *>(u"auditNsip"_s), u"127.0.0.1:%1"_s.arg(closedPort));
    type(page->findChild<QLineEdit *>(u"auditNsPassword"_s), u"not-used"_s);
    QVERIFY(runWith(w, Qt::Key_R));
    QCOMPARE(tabs->currentIndex(), 0);
    found = rows(page);
    QVERIFY(!found.isEmpty());
    for (const Row &r : std::as_const(found)) {
        QCOMPARE(r.area, u"netscaler"_s);
        QVERIFY2(!r.target.startsWith(u"kept"_s) && r.target != u"NSIP kept"_s, qPrintable(r.target));
    }
    QVERIFY2(!summary->text().contains(u"last audit"_s) && !summary->text().contains(nsWhen),
             qPrintable(summary->text()));
    QVERIFY(clickProblemRow(page, u"netscaler"_s));
    QVERIFY2(!details->text().contains(u"Audited on "_s + nsWhen), qPrintable(details->text()));
}

void TestAuditPage::stepFixing_data()
{
    QTest::addColumn<AuditResult>("result");
    QTest::addColumn<QString>("step");
    const auto r = [](const QString &area, const QString &target, const QString &expected = {}) {
        AuditResult a;
        a.area = area;
        a.target = target;
        a.expected = expected;
        a.status = AuditStatus::Drift;
        return a;
    };
    QTest::newRow("dns record") << r(u"dns"_s, u"vcenter-psc01.sslab.com (A)"_s) << u"precheck"_s;
    QTest::newRow("certificate names")
        << r(u"certs"_s, u"vcenter-psc01.sslab.com 192.168.1.211:443 names"_s) << u"certificates"_s;
    QTest::newRow("certificate validity")
        << r(u"certs"_s, u"vcenter-psc01.sslab.com 192.168.1.211:443 validity"_s) << u"certificates"_s;
    QTest::newRow("certificate chain")
        << r(u"certs"_s, u"VIP lb 192.168.1.210:443 chain"_s) << u"certificates"_s;
    QTest::newRow("no handshake") << r(u"certs"_s, u"vcenter-psc01.sslab.com 192.168.1.211:443 tls"_s)
                                  << u"applycerts"_s;
    QTest::newRow("different certificates") << r(u"certs"_s, u"every PSC and the VIP"_s) << u"applycerts"_s;
    QTest::newRow("sso domain") << r(u"psc"_s, u"vcenter-psc01.sslab.com (SSO domain)"_s, u"vsphere.local"_s)
                                << u"psc"_s;
    QTest::newRow("lookup service") << r(
        u"psc"_s, u"vcenter-psc01.sslab.com (lookup service)"_s,
        u"https://vcenter-psc-lb.sslab.com:443/lookupservice/sdk (the load-balancer name)"_s)
                                    << u"applycerts"_s;
    QTest::newRow("netscaler object") << r(u"netscaler"_s, u"service psc-443-1"_s) << u"netscaler"_s;
    QTest::newRow("vcenter login") << r(u"vcenter"_s, u"vcenter-vc01.sslab.com"_s) << u"vcenter"_s;
    QTest::newRow("vcha health") << r(u"vcha"_s, u"vcenter-vc01.sslab.com"_s) << u"vcha"_s;
    QTest::newRow("switch mtu") << r(u"vds"_s, u"SSLAB-DSwitch (MTU)"_s) << u"vds"_s;
    QTest::newRow("tcp pile-up") << r(u"tcp"_s, u"vcenter-psc01.sslab.com"_s) << u"diagnostics"_s;
}

void TestAuditPage::stepFixing()
{
    QFETCH(AuditResult, result);
    QFETCH(QString, step);
    QCOMPARE(AuditPage::stepFixing(result), step);
}

// The vCenter's own lookup service location (psc area, the plan's vCenter as target) is fixed
// where the vCenter was installed, not by the PSCs' endpoint step.
void TestAuditPage::vcenterLookupServiceLeadsToTheVCenterStep()
{
    AuditResult vc;
    vc.area = u"psc"_s;
    vc.target = u"vcenter-vc01.sslab.com (lookup service)"_s;
    vc.expected = u"https://vcenter-psc-lb.sslab.com:443/lookupservice/sdk (the load-balancer name)"_s;
    vc.status = AuditStatus::Drift;
    QCOMPARE(AuditPage::stepFixing(vc, u"vcenter-vc01.sslab.com"_s), u"vcenter"_s);
    // A PSC's item stays with the endpoint step, also when the plan's vCenter is known.
    AuditResult psc = vc;
    psc.target = u"vcenter-psc01.sslab.com (lookup service)"_s;
    QCOMPARE(AuditPage::stepFixing(psc, u"vcenter-vc01.sslab.com"_s), u"applycerts"_s);
}

QTEST_MAIN(TestAuditPage)
#include "tst_auditpage.moc"
