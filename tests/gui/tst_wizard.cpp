// The wizard as a user meets it, on the offscreen platform: inline findings next to the
// field, Next blocked while errors remain, the run panel running and cancelling work.

#include "approvaldialog.h"
#include "jobs/jobqueue.h"
#include "jobs/journal.h"
#include "mainwindow.h"
#include "pages/labplanpage.h"
#include "plan/planjson.h"
#include "project/plandocument.h"
#include "rememberedpassword.h"
#include "runpanel.h"
#include "secrets/memorysecretstore.h"
#include "stepregistry.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QWizard>
#include <QWizardPage>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {
// A job that runs until it is cancelled: stands in for long live work.
class UntilCancelledJob : public Job
{
public:
    UntilCancelledJob()
        : Job(u"Wait for cancel"_s)
    {
    }

protected:
    void run() override { setProgress(0.5, u"waiting"_s); }
    void onCancel() override
    {
        QMetaObject::invokeMethod(
            this, [this] { finish(makeError(u"job.cancelled"_s, u"stopped"_s)); }, Qt::QueuedConnection);
    }
};
} // namespace

class TestWizard : public QObject
{
    Q_OBJECT

private:
    QAbstractButton *nextButton(MainWindow &w) { return w.wizard()->button(QWizard::NextButton); }

    LabPlanPage *planPage(MainWindow &w) { return qobject_cast<LabPlanPage *>(w.stepPage(0)); }

    // The Lab plan page shows its sections one at a time: bring up the one holding "field:PATH".
    template<typename T>
    T *planField(MainWindow &w, const QString &objectName)
    {
        const QString path = objectName.mid(objectName.indexOf(u':') + 1);
        auto *field = qobject_cast<T *>(planPage(w)->showField(path));
        if (!field)
            qWarning("no plan field %s", qPrintable(path));
        return field;
    }

    int sectionIndex(MainWindow &w, const QString &name)
    {
        QTabWidget *tabs = planPage(w)->sections();
        return tabs->indexOf(tabs->findChild<QWidget *>(u"section:"_s + name));
    }

    template<typename T>
    T *find(MainWindow &w, const QString &name)
    {
        T *widget = w.findChild<T *>(name);
        if (!widget)
            qWarning("no widget named %s", qPrintable(name));
        return widget;
    }

    void retype(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }

    // Runs answer(dialog) on the next modal dialog of type T once it is open (the action that
    // opens it runs its own event loop), and tells whether one came.
    template<typename T>
    std::shared_ptr<bool> onNextDialog(QObject *context, std::function<void(T *)> answer)
    {
        auto seen = std::make_shared<bool>(false);
        auto *poll = new QTimer(context);
        poll->setInterval(10);
        QObject::connect(poll, &QTimer::timeout, context, [poll, seen, answer] {
            if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget())) {
                poll->deleteLater();
                poll->stop();
                *seen = true;
                answer(dialog);
            }
        });
        poll->start();
        return seen;
    }

    QAction *action(MainWindow &w, const QString &name) { return find<QAction>(w, u"action:"_s + name); }

    // The example mark: in the title and as a notice on the Lab plan page.
    bool markedAsExample(MainWindow &w)
    {
        auto *notice = find<QLabel>(w, u"exampleNotice"_s);
        const bool inTitle = w.windowTitle().contains(u"(example, not saved)"_s);
        if (!notice || inTitle != notice->isVisible())
            qWarning("title %s, notice %s", qPrintable(w.windowTitle()),
                     notice && notice->isVisible() ? "shown" : "hidden");
        return inTitle && notice && notice->isVisible();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // recovery files go to a test location
        QTemporaryDir probe;
        QVERIFY(probe.isValid());
    }

    void cleanup()
    {
        MainWindow w;
        w.document()->discardRecovery();
    }

    void opensTheExampleWithNextEnabled()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.document()->plan(), examplePlan());
        QCOMPARE(w.wizard()->currentPage()->objectName(), u"page:plan"_s);
        QVERIFY(nextButton(w)->isEnabled());
        QVERIFY(w.windowTitle().contains(u"sslab"_s));
    }

    // The side list after a restart, from the journal: a step whose run only found nothing to
    // do (a PSC serving the new certificate already: skipped after it ran) is done; one whose
    // run skipped its jobs without running them (a resume's "skip") is left unmarked.
    void stepMarksFromTheJournalTellRanFromNotRun()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QDateTime then = QDateTime::currentDateTimeUtc().addSecs(-600);
        RunJournal journal;
        journal.runs.append(JournalRun{u"r1"_s,
                                       u"Replace the PSC certificates"_s,
                                       then,
                                       then.addSecs(20),
                                       u"succeeded"_s,
                                       {JournalJob{u"psc.cert.psc01"_s,
                                                   u"Replace on psc01"_s,
                                                   u"skipped"_s,
                                                   true,
                                                   then.addSecs(1),
                                                   then.addSecs(11),
                                                   {},
                                                   u"psc01"_s}},
                                       {},
                                       u"applycerts"_s});
        journal.runs.append(JournalRun{u"r2"_s,
                                       u"Install psc1"_s,
                                       then.addSecs(30),
                                       then.addSecs(31),
                                       u"succeeded"_s,
                                       {JournalJob{u"vcsa.psc1.install"_s,
                                                   u"Install psc1 with vcsa-deploy"_s,
                                                   u"skipped"_s,
                                                   true,
                                                   {},
                                                   {},
                                                   {},
                                                   u"esxi"_s}},
                                       {},
                                       u"psc"_s});
        // A step whose work was undone afterwards (Roll back, Remove VCHA) is not done any more;
        // one whose undo came first and whose work came after is.
        const auto run = [&](int at, const QString &step, const QString &key) {
            journal.runs.append(JournalRun{u"r%1"_s.arg(at),
                                           key,
                                           then.addSecs(at),
                                           then.addSecs(at + 5),
                                           u"succeeded"_s,
                                           {JournalJob{key,
                                                       key,
                                                       u"succeeded"_s,
                                                       true,
                                                       then.addSecs(at + 1),
                                                       then.addSecs(at + 4),
                                                       {},
                                                       u"lab"_s}},
                                           {},
                                           step});
        };
        run(40, u"netscaler"_s, u"netscaler.apply"_s);
        run(50, u"netscaler"_s, u"netscaler.rollback"_s);
        run(60, u"vcha"_s, u"vcha.undeploy"_s);
        run(70, u"vcha"_s, u"vcha.deploy"_s);
        run(80, u"vds"_s, u"vds.create"_s);
        QVERIFY(journal.save(dir.filePath(RunJournal::fileName())).ok());
        MainWindow w;
        w.document()->setProjectFolder(dir.path());
        auto *list = w.findChild<QListWidget *>(u"stepList"_s);
        QVERIFY(list);
        QMap<QString, QString> marks;
        for (int i = 0; i < list->count(); ++i)
            marks.insert(list->item(i)->text().mid(2).trimmed(),
                         list->item(i)->data(Qt::UserRole).toString());
        QCOMPARE(marks.value(u"Apply certificates"_s), u"done"_s);
        QVERIFY(marks.contains(u"PSC install"_s));
        QCOMPARE(marks.value(u"PSC install"_s), QString());
        QVERIFY(marks.contains(u"Load balancer"_s));
        QCOMPARE(marks.value(u"Load balancer"_s), QString());
        QCOMPARE(marks.value(u"vCenter HA"_s), u"done"_s);
        QCOMPARE(marks.value(u"Distributed Switch"_s), u"done"_s);
    }

    void everyRegisteredStepHasAPage()
    {
        MainWindow w;
        const QList<StepInfo> steps = StepRegistry::steps();
        QVERIFY(steps.size() >= 2);
        QCOMPARE(w.wizard()->pageIds().size(), steps.size());
        for (const StepInfo &step : steps)
            QVERIFY2(w.wizard()->page(step.order), step.id);
    }

    void badAddressShowsFindingAndBlocksNext_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("expected");
        QTest::newRow("vCenter address out of range") << u"field:vcenter.ip"_s << u"192.168.1.300"_s
                                                      << u"finding:vcenter.ip"_s << u"not an IPv4 address"_s;
        QTest::newRow("vCenter outside the management network")
            << u"field:vcenter.ip"_s << u"10.0.0.5"_s << u"finding:vcenter.ip"_s
            << u"outside the management network"_s;
        QTest::newRow("second PSC address") << u"field:psc[1].ip"_s << u"192.168.1.211"_s
                                            << u"finding:psc[1]"_s << u"already used by psc[0].ip"_s;
        QTest::newRow("gateway") << u"field:network.gateway"_s << u"192.168.2.1"_s
                                 << u"finding:network.gateway"_s << u"outside the management network"_s;
        QTest::newRow("DNS domain") << u"field:dns.domain"_s << u"sslab_com"_s << u"finding:dns.domain"_s
                                    << u"contains \"_\""_s;
    }

    void badAddressShowsFindingAndBlocksNext()
    {
        QFETCH(QString, field);
        QFETCH(QString, typed);
        QFETCH(QString, label);
        QFETCH(QString, expected);
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *edit = planField<QLineEdit>(w, field);
        auto *message = find<QLabel>(w, label);
        QVERIFY(edit && message);
        QVERIFY(!message->isVisible());
        const QString original = edit->text();

        retype(edit, typed);
        QVERIFY2(message->isVisible(), qPrintable(message->text()));
        QVERIFY2(message->text().contains(expected.toHtmlEscaped()), qPrintable(message->text()));
        QVERIFY(!nextButton(w)->isEnabled());
        QVERIFY(w.document()->isModified());
        QVERIFY(w.windowTitle().contains(u"sslab"_s));

        // The tab holding the field counts the error, and the summary names that tab.
        QTabWidget *tabs = planPage(w)->sections();
        QVERIFY2(tabs->tabText(tabs->currentIndex()).endsWith(u" (1 error)"_s),
                 qPrintable(tabs->tabText(tabs->currentIndex())));
        const QString summary = find<QLabel>(w, u"planSummary"_s)->text();
        QVERIFY2(
            summary.contains(u"in "_s
                             + planPage(w)->sections()->tabText(tabs->currentIndex()).section(u" ("_s, 0, 0)),
            qPrintable(summary));

        retype(edit, original); // fixing the field clears the finding and frees Next
        QVERIFY(!message->isVisible());
        QVERIFY(nextButton(w)->isEnabled());
        QVERIFY(!tabs->tabText(tabs->currentIndex()).contains(u"error"_s));
    }

    void sectionsAreBuiltWhenFirstShown()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // The window opens on the first section; the others have no widgets yet.
        QCOMPARE(planPage(w)->sections()->currentIndex(), 0);
        QVERIFY(w.findChild<QLineEdit *>(u"field:lab.name"_s));
        QVERIFY(!w.findChild<QLineEdit *>(u"field:vcenter.ip"_s));
        QVERIFY(!w.findChild<QWidget *>(u"topologyView"_s));
        const int nodes = sectionIndex(w, u"nodes"_s);
        QVERIFY(nodes > 0);
        planPage(w)->sections()->setCurrentIndex(nodes);
        auto *ip = w.findChild<QLineEdit *>(u"field:vcenter.ip"_s);
        QVERIFY(ip);
        QCOMPARE(ip->text(), examplePlan().vcenter.ip); // filled from the plan when built
        QCOMPARE(w.findChild<QLineEdit *>(u"field:psc[1].fqdn"_s)->text(), examplePlan().psc.at(1).fqdn);
        QVERIFY(!w.document()->isModified()); // filling the fields is not an edit
    }

    void unbuiltSectionsStillCountTheirFindings()
    {
        // An opened plan whose errors sit on sections never shown: each tab says how many,
        // the summary names them, Next is blocked, and other findings are listed under the tabs.
        QTemporaryDir dir;
        LabPlan plan = examplePlan();
        plan.vcenter.ip = u"192.168.1.300"_s;
        plan.psc[1].ip = plan.psc[0].ip;
        plan.target.host = u"bad_host"_s;
        plan.certificate.validityDays = 0;
        const QString file = dir.filePath(u"errors.vlab.json"_s);
        QVERIFY(savePlanFile(plan, file));
        MainWindow w;
        QVERIFY(w.openFile(file));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTabWidget *tabs = planPage(w)->sections();
        QCOMPARE(tabs->currentIndex(), sectionIndex(w, u"nodes"_s)); // opens where the first error is
        QVERIFY(!w.findChild<QLineEdit *>(u"field:target.host"_s));  // not built
        QVERIFY2(tabs->tabText(sectionIndex(w, u"nodes"_s)).endsWith(u" (2 errors)"_s),
                 qPrintable(tabs->tabText(sectionIndex(w, u"nodes"_s))));
        QVERIFY2(tabs->tabText(sectionIndex(w, u"target"_s)).endsWith(u" (1 error)"_s),
                 qPrintable(tabs->tabText(sectionIndex(w, u"target"_s))));
        QVERIFY(!tabs->tabText(0).contains(u"error"_s));
        QCOMPARE(tabs->tabBar()->tabTextColor(sectionIndex(w, u"nodes"_s)), QColor(0xB0, 0x00, 0x20));
        const QString summary = find<QLabel>(w, u"planSummary"_s)->text();
        QVERIFY2(summary.contains(u"Nodes"_s) && summary.contains(u"Deployment target"_s),
                 qPrintable(summary));
        QVERIFY(!nextButton(w)->isEnabled());
        auto *other = find<QLabel>(w, u"finding:other"_s);
        QVERIFY(other->isVisible());
        QVERIFY2(other->text().contains(u"certificate.validityDays"_s), qPrintable(other->text()));
        QVERIFY(!other->text().contains(u"vcenter.ip"_s)); // shown on its own tab instead

        auto *message = find<QLabel>(w, u"finding:vcenter.ip"_s);
        QVERIFY(message && message->isVisible());
        QVERIFY(message->text().contains(u"not an IPv4 address"_s));

        // Showing a field builds its section with the finding under it.
        QVERIFY(planField<QLineEdit>(w, u"field:target.host"_s));
        QCOMPARE(tabs->currentIndex(), sectionIndex(w, u"target"_s));
        message = find<QLabel>(w, u"finding:target.host"_s);
        QVERIFY(message && message->isVisible());
        QVERIFY2(message->text().contains(u"bad_host"_s), qPrintable(message->text()));
    }

    void topologyFollowsThePlanAndExports()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.document()->setProjectFolder(dir.path());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        planPage(w)->sections()->setCurrentIndex(sectionIndex(w, u"topology"_s));
        auto *view = find<QWidget>(w, u"topologyView"_s);
        QVERIFY(view);
        view->resize(600, 400);
        const QImage before = view->grab().toImage();
        w.document()->edit([](LabPlan &p) { p.vcenter.ip = u"192.168.1.99"_s; });
        QVERIFY(view->grab().toImage() != before); // redrawn from the edited plan
        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);
        find<QPushButton>(w, u"exportTopology"_s)->click();
        QVERIFY(done.wait(10000));
        QVERIFY(QImage(dir.filePath(u"topology.png"_s)).width() > 0);
        QFile svg(dir.filePath(u"topology.svg"_s));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("192.168.1.99"));
    }

    void removingAPscIsAnError()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(planField<QLineEdit>(w, u"field:psc[1].ip"_s));
        auto *remove = find<QToolButton>(w, u"removePsc1"_s);
        QVERIFY(remove);
        remove->click();
        QCOMPARE(w.document()->plan().psc.size(), 1);
        auto *message = find<QLabel>(w, u"finding:psc"_s);
        QVERIFY(message);
        QTRY_VERIFY(message->isVisible());
        QVERIFY(message->text().contains(u"at least two"_s));
        QVERIFY(!nextButton(w)->isEnabled());
        // The SAN rule still names the removed PSC's FQDN as "other" (certificate page).
        find<QPushButton>(w, u"addPsc"_s)->click();
        QCOMPARE(w.document()->plan().psc.size(), 2);
        QTRY_VERIFY(find<QLineEdit>(w, u"field:psc[1].ip"_s) != nullptr);
    }

    // A plan never saved is offered a place in its project folder (beside its journal and
    // generated files), not the home folder.
    void saveAsSuggestsTheProjectFolder()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTemporaryDir project;
        w.document()->setProjectFolder(project.path());
        QAction *saveAs = nullptr;
        for (QAction *a : w.findChildren<QAction *>()) {
            if (a->text() == u"Save &As..."_s)
                saveAs = a;
        }
        QVERIFY(saveAs);
        QString offered;
        QTimer::singleShot(0, &w, [&offered] {
            auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            offered = dialog->directory().absolutePath() + u'/'
                + dialog->selectedFiles().value(0).section(u'/', -1);
            dialog->reject();
        });
        saveAs->trigger();
        QCOMPARE(offered, QDir(project.path()).filePath(u"sslab.vlab.json"_s));
    }

    // File > New starts a new lab from the example, after asking about unsaved edits; the
    // example is marked as such until it is saved under a name.
    void newLabAsksFirstThenShowsTheExampleMarked()
    {
        QTemporaryDir dir;
        LabPlan plan = examplePlan();
        plan.lab.name = u"other"_s;
        const QString file = dir.filePath(u"other.vlab.json"_s);
        QVERIFY(savePlanFile(plan, file));
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openFile(file));
        QVERIFY(!w.windowTitle().contains(u"example"_s));
        QTRY_VERIFY(!find<QLabel>(w, u"exampleNotice"_s)->isVisible());
        retype(planField<QLineEdit>(w, u"field:vcenter.ip"_s), u"192.168.1.98"_s);
        QVERIFY(w.document()->isModified());
        QAction *newLab = action(w, u"new"_s);
        QVERIFY(newLab);
        QCOMPARE(newLab->shortcut(), QKeySequence(QKeySequence::New));

        // Cancel keeps the edited plan.
        auto asked = onNextDialog<QMessageBox>(
            &w, [](QMessageBox *box) { box->button(QMessageBox::Cancel)->click(); });
        newLab->trigger();
        QVERIFY(*asked);
        QCOMPARE(w.document()->plan().vcenter.ip, u"192.168.1.98"_s);
        QCOMPARE(w.document()->fileName(), QFileInfo(file).absoluteFilePath());

        // Discard gives the example, marked as such.
        asked = onNextDialog<QMessageBox>(
            &w, [](QMessageBox *box) { box->button(QMessageBox::Discard)->click(); });
        newLab->trigger();
        QVERIFY(*asked);
        QCOMPARE(w.document()->plan(), examplePlan());
        QVERIFY(!w.document()->isModified());
        QCOMPARE(w.wizard()->currentPage()->objectName(), u"page:plan"_s);
        QVERIFY(w.windowTitle().startsWith(u"sslab (example, not saved)"_s));
        QVERIFY(markedAsExample(w));
    }

    // Saving the example under a name makes it the user's lab: the mark goes.
    void savingUnderANameRemovesTheExampleMark()
    {
        QTemporaryDir project;
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(markedAsExample(w));
        w.document()->setProjectFolder(project.path());
        const QString file = project.filePath(u"mylab.vlab.json"_s);
        auto saved = onNextDialog<QFileDialog>(&w, [file](QFileDialog *dialog) {
            dialog->selectFile(file);
            static_cast<QDialog *>(dialog)->accept(); // as the Save button does
        });
        QTest::keyClick(&w, Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY(*saved);
        QTRY_COMPARE(w.document()->fileName(), file);
        QVERIFY(QFileInfo::exists(file));
        QVERIFY2(!w.windowTitle().contains(u"example"_s), qPrintable(w.windowTitle()));
        QVERIFY(w.windowTitle().startsWith(u"mylab.vlab.json"_s));
        QVERIFY(!find<QLabel>(w, u"exampleNotice"_s)->isVisible());
    }

    // The first save of a plan proposes Documents/vlab/<lab name>/<lab name>.vlab.json: a folder
    // of its own per lab, made for the dialog and gone again when the user cancels.
    void firstSaveProposesAFolderPerLab()
    {
        QTemporaryDir home;
        const QByteArray oldHome = qgetenv("HOME");
        qputenv("HOME", QFile::encodeName(home.path()));
        auto restore = qScopeGuard([&oldHome] { qputenv("HOME", oldHome); });
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.document()->edit([](LabPlan &p) { p.lab.name = u"mylab"_s; });
        const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        QVERIFY2(documents.startsWith(home.path()), qPrintable(documents));
        const QString folder = QDir(documents).filePath(u"vlab/mylab"_s);
        QVERIFY(!QFileInfo::exists(folder));

        QString offered;
        bool folderThere = false;
        auto asked = onNextDialog<QFileDialog>(&w, [&](QFileDialog *dialog) {
            offered = dialog->directory().absolutePath() + u'/'
                + dialog->selectedFiles().value(0).section(u'/', -1);
            folderThere = QFileInfo(folder).isDir();
            dialog->reject();
        });
        action(w, u"saveAs"_s)->trigger();
        QVERIFY(*asked);
        QCOMPARE(offered, QDir(folder).filePath(u"mylab.vlab.json"_s));
        QVERIFY(folderThere);
        QVERIFY2(!QFileInfo::exists(QDir(documents).filePath(u"vlab"_s)),
                 "a cancelled save leaves no folder");
        QVERIFY(w.document()->fileName().isEmpty());

        asked = onNextDialog<QFileDialog>(
            &w, [](QFileDialog *dialog) { static_cast<QDialog *>(dialog)->accept(); });
        action(w, u"save"_s)->trigger();
        QVERIFY(*asked);
        QCOMPARE(w.document()->fileName(), QDir(folder).filePath(u"mylab.vlab.json"_s));
        QVERIFY(QFileInfo::exists(w.document()->fileName()));
    }

    // Help > User guide explains the steps and names the files of a project folder.
    void userGuideNamesTheProjectFiles()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QAction *guideAction = action(w, u"userGuide"_s);
        QVERIFY(guideAction);
        guideAction->trigger();
        auto *guide = find<QTextBrowser>(w, u"userGuide"_s);
        QVERIFY(guide);
        QTRY_VERIFY(guide->isVisible());
        const QString text = guide->toPlainText();
        for (const QString &name :
             {u"vlab-journal.json"_s, u"certs/"_s, u"netscaler/"_s, u"vcsa/"_s, u"logs/"_s, u"runbook.pdf"_s,
              u".vlab.json"_s, u"Plan only"_s, u"Live"_s, u"Alt+N"_s, u"Alt+B"_s})
            QVERIFY2(text.contains(name), qPrintable(name));
        for (const int id : w.wizard()->pageIds())
            QVERIFY2(text.contains(w.wizard()->page(id)->title()), qPrintable(w.wizard()->page(id)->title()));
        // Asked again, the same guide comes forward.
        guideAction->trigger();
        QCOMPARE(w.findChildren<QTextBrowser *>(u"userGuide"_s).size(), 1);
    }

    void openingABadPlanKeepsTheCurrentOne()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString bad = dir.filePath(u"bad.vlab.json"_s);
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ \"schema\": \"vlab.plan/1\", \"psc\": [ { \"ip\": 5 } ] }");
        f.close();
        MainWindow w;
        const Result<void> opened = w.openFile(bad);
        QVERIFY(!opened);
        QVERIFY(opened.error().message.contains(u"psc[0].ip"_s));
        QCOMPARE(w.document()->plan(), examplePlan());
    }

    void noOtherPlanWhileWorkRuns()
    {
        // A run keeps what it used (passwords, fingerprints, its journal) for its own plan:
        // no other plan is opened under it.
        QTemporaryDir dir;
        LabPlan plan = examplePlan();
        plan.lab.name = u"other"_s;
        const QString file = dir.filePath(u"other.vlab.json"_s);
        QVERIFY(savePlanFile(plan, file));
        MainWindow w;
        auto *queue = new JobQueue;
        queue->addJob(new UntilCancelledJob);
        QVERIFY(w.runPanel()->run(queue, u"Long work"_s));
        const Result<void> opened = w.openFile(file);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, u"plan.busy"_s);
        QCOMPARE(w.document()->plan().lab.name, examplePlan().lab.name);
        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);
        w.runPanel()->setCancelConfirmation([] { return true; });
        QVERIFY(w.runPanel()->requestCancel());
        QVERIFY(done.wait(5000));
        QVERIFY(w.openFile(file));
        QCOMPARE(w.document()->plan().lab.name, u"other"_s);
    }

    // Closing the wizard while a run goes on cancels the run first (after confirmation) and
    // closes only once its jobs have stopped, so that their cancel can stop processes and
    // remove temporary files; interrupting (as SIGTERM does) journals the run as interrupted.
    void closingCancelsTheRunFirst()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.runPanel()->setJournalPath(dir.filePath(RunJournal::fileName()));
        auto *queue = new JobQueue;
        queue->addJob(new UntilCancelledJob);
        QVERIFY(w.runPanel()->run(queue, u"Long work"_s));
        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);
        bool asked = false;
        w.runPanel()->setCancelConfirmation([&asked] { return asked = true; });
        QVERIFY(!w.close()); // not yet: the run is being cancelled
        QVERIFY(asked);
        QVERIFY(w.isVisible());
        QVERIFY(done.wait(5000));
        QTRY_VERIFY(!w.isVisible());
        const Result<RunJournal> journal = RunJournal::load(dir.filePath(RunJournal::fileName()));
        QVERIFY(journal.ok());
        QCOMPARE(journal->runs.constLast().state, u"cancelled"_s);
    }

    void interruptJournalsTheRun()
    {
        QTemporaryDir dir;
        RunPanel panel;
        panel.setJournalPath(dir.filePath(RunJournal::fileName()));
        QVERIFY(!panel.interrupt(u"SIGTERM"_s)); // nothing runs
        auto *queue = new JobQueue;
        queue->addJob(new UntilCancelledJob);
        QVERIFY(panel.run(queue, u"Long work"_s));
        QSignalSpy done(&panel, &RunPanel::queueFinished);
        panel.setCancelConfirmation([] {
            qWarning("an interruption must not ask");
            return false;
        });
        QVERIFY(panel.interrupt(u"SIGTERM"_s));
        QVERIFY(done.wait(5000));
        QCOMPARE(done.constFirst().constFirst().toBool(), false);
        const Result<RunJournal> journal = RunJournal::load(panel.journalPath());
        QVERIFY(journal.ok());
        QCOMPARE(journal->runs.constLast().state, u"interrupted"_s);
        QCOMPARE(journal->runs.constLast().interruptedBy, u"SIGTERM"_s);
        QCOMPARE(journal->runs.constLast().jobs.constFirst().state, u"cancelled"_s);
    }

    void openedPlanStaysOnASectionWithErrors()
    {
        // The section shown has errors of its own: opening keeps it, rather than jumping.
        QTemporaryDir dir;
        LabPlan plan = examplePlan();
        plan.dns.domain = u"bad_domain"_s;
        plan.vcenter.ip = u"192.168.1.300"_s;
        const QString file = dir.filePath(u"errors.vlab.json"_s);
        QVERIFY(savePlanFile(plan, file));
        MainWindow w;
        QVERIFY(w.openFile(file));
        QCOMPARE(planPage(w)->sections()->currentIndex(), 0); // Lab and network has the first error
        LabPlan second = plan;
        second.dns.domain = examplePlan().dns.domain; // now only Nodes has errors...
        const QString file2 = dir.filePath(u"errors2.vlab.json"_s);
        QVERIFY(savePlanFile(second, file2));
        planPage(w)->sections()->setCurrentIndex(sectionIndex(w, u"target"_s)); // ...and a clean tab is shown
        QVERIFY(w.openFile(file2));
        QCOMPARE(planPage(w)->sections()->currentIndex(), sectionIndex(w, u"nodes"_s));
        plan.target.host = u"bad_host"_s; // errors on Nodes and Deployment target; Nodes is shown
        const QString file3 = dir.filePath(u"errors3.vlab.json"_s);
        QVERIFY(savePlanFile(plan, file3));
        QVERIFY(w.openFile(file3));
        QCOMPARE(planPage(w)->sections()->currentIndex(), sectionIndex(w, u"nodes"_s));
    }

    void showFieldFindsTheEditorOfAnyFindingPath()
    {
        MainWindow w;
        LabPlanPage *page = planPage(w);
        QCOMPARE(page->showField(u"dns.servers[1]"_s)->objectName(), u"field:dns.servers"_s);
        QCOMPARE(page->showField(u"psc[1]"_s)->objectName(), u"field:psc[1].name"_s);
        QCOMPARE(page->showField(u"psc"_s)->objectName(), u"field:psc[0].name"_s);
        QCOMPARE(page->showField(u"target.cluster"_s)->objectName(), u"field:target.cluster"_s);
        QVERIFY(!page->showField(u"certificate.validityDays"_s)); // edited on the Certificates page
    }

    void vcenterTargetFindingsBelongToTheirSection()
    {
        // Deploying through a vCenter needs its datacenter and cluster: the Deployment target
        // section edits them and counts their findings.
        MainWindow w;
        w.document()->edit([](LabPlan &p) {
            p.target.kind = u"vcenter"_s;
            p.target.datacenter.clear();
            p.target.cluster.clear();
        });
        QTabWidget *tabs = planPage(w)->sections();
        QVERIFY2(tabs->tabText(sectionIndex(w, u"target"_s)).endsWith(u" (2 errors)"_s),
                 qPrintable(tabs->tabText(sectionIndex(w, u"target"_s))));
        QVERIFY(!find<QLabel>(w, u"finding:other"_s)->text().contains(u"target."_s));
        QVERIFY(planField<QLineEdit>(w, u"field:target.datacenter"_s));
        QVERIFY(find<QLabel>(w, u"finding:target.datacenter"_s)->isVisibleTo(planPage(w)));
    }

    void openedPlanFillsTheFields()
    {
        QTemporaryDir dir;
        LabPlan plan = examplePlan();
        plan.vcenter.ip = u"192.168.1.99"_s;
        plan.lab.name = u"other"_s;
        const QString file = dir.filePath(u"other.vlab.json"_s);
        QVERIFY(savePlanFile(plan, file));
        MainWindow w;
        QVERIFY(w.openFile(file));
        QCOMPARE(planField<QLineEdit>(w, u"field:vcenter.ip"_s)->text(), u"192.168.1.99"_s);
        QCOMPARE(planField<QLineEdit>(w, u"field:lab.name"_s)->text(), u"other"_s);
        QVERIFY(!w.document()->isModified());
        QVERIFY(w.windowTitle().contains(u"other.vlab.json"_s));
    }

    void planFilesPageWritesThroughTheRunPanel()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        while (w.wizard()->currentPage()->objectName() != u"page:files"_s) {
            const int before = w.wizard()->currentId();
            w.wizard()->next();
            QVERIFY(w.wizard()->currentId() != before);
        }
        auto *folder = find<QLineEdit>(w, u"projectFolder"_s);
        QVERIFY(folder && !folder->text().isEmpty());
        folder->setText(dir.filePath(u"project"_s));
        folder->editingFinished(); // as when the user leaves the field
        QCOMPARE(w.document()->projectFolder(), dir.filePath(u"project"_s));
        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);
        find<QPushButton>(w, u"writeFiles"_s)->click();
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().first().toBool(), true);
        QVERIFY(QFile::exists(dir.filePath(u"project/sslab.vlab.json"_s)));
        QVERIFY(QFile::exists(dir.filePath(u"project/validation.txt"_s)));
        QVERIFY(QFile::exists(dir.filePath(u"project/netscaler/psc-lb.conf"_s)));
        QVERIFY(QFile::exists(dir.filePath(u"project/vcsa/vcsa-vcenter.json"_s)));
        QVERIFY(find<QLabel>(w, u"writeResult"_s)->text().contains(u"validation.json"_s));
        // The last step ends with the runbook, ready to open.
        QVERIFY(QFile::exists(dir.filePath(u"project/runbook.pdf"_s)));
        QVERIFY(find<QPushButton>(w, u"openRunbook"_s)->isEnabled());
    }

    void netscalerPageShowsObjectsAndSaves()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.document()->setProjectFolder(dir.path());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        while (w.wizard()->currentPage()->objectName() != u"page:netscaler"_s) {
            const int before = w.wizard()->currentId();
            w.wizard()->next();
            QVERIFY(w.wizard()->currentId() != before);
        }
        auto *table = find<QTableWidget>(w, u"nsObjects"_s);
        QCOMPARE(table->rowCount(), 2 + 12 + 6 + 1);
        const QString batch = find<QPlainTextEdit>(w, u"nsBatch"_s)->toPlainText();
        QVERIFY(batch.contains(u"set lb group psc-persist -persistenceType SOURCEIP -timeout 1440"_s));
        // The page follows the plan.
        w.document()->edit([](LabPlan &p) { p.loadBalancer.persistence.timeoutMinutes = 60; });
        QVERIFY(find<QPlainTextEdit>(w, u"nsBatch"_s)->toPlainText().contains(u"-timeout 60"_s));
        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);
        find<QPushButton>(w, u"saveBatch"_s)->click();
        QVERIFY(done.wait(10000));
        QFile saved(dir.filePath(u"netscaler/psc-lb.conf"_s));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(saved.readAll()), find<QPlainTextEdit>(w, u"nsBatch"_s)->toPlainText());
        QVERIFY(QFile::exists(dir.filePath(u"netscaler/psc-lb-rollback.conf"_s)));
    }

    // A notice (no keychain) is one line under the panel's title, not the open job list and log
    // (issue #15: it took a quarter of every page while nothing ran); the log gets it once a run
    // opens the panel.
    void runPanelNoteIsOneLine()
    {
        RunPanel panel;
        panel.resize(400, panel.sizeHint().height());
        QSignalSpy detailsShown(&panel, &RunPanel::detailsShown);
        const QString text = u"No keychain: passwords are kept in memory only and asked for again next "
                             "time (a long reason given by the system's keychain service)."_s;
        panel.note(text);
        QCOMPARE(detailsShown.size(), 0);
        QVERIFY(!panel.findChild<QTreeWidget *>());
        QVERIFY(!panel.findChild<QPlainTextEdit *>());
        auto *notice = panel.findChild<QLabel *>(u"runNotice"_s);
        QVERIFY(notice);
        QCOMPARE(notice->toolTip(), text);
        // Elided to the panel's width, one line.
        QVERIFY2(notice->text().startsWith(u"\u26A0 No keychain"_s) && notice->text().endsWith(QChar(0x2026)),
                 qPrintable(notice->text()));
        QVERIFY(notice->sizeHint().height() < 2 * notice->fontMetrics().lineSpacing());

        auto *queue = new JobQueue;
        queue->addJob(new UntilCancelledJob);
        QVERIFY(panel.run(queue, u"Work"_s));
        QCOMPARE(detailsShown.size(), 1);
        QVERIFY(panel.findChild<QPlainTextEdit *>()->toPlainText().contains(text));
        panel.interrupt(u"test"_s);
        QTRY_VERIFY(!panel.isBusy());
    }

    // The approval dialog wraps a long change (a NetScaler command with a long name, a URL) to its
    // width: nothing scrolls sideways, and the whole text is there.
    void approvalDialogWrapsLongChanges()
    {
        UntilCancelledJob job;
        const QString longChange = u"add lb vserver "_s + QString(u'x').repeated(60)
            + u" TCP 192.168.1.210 443 "_s + u"-persistenceType SOURCEIP -timeout 1440 -comment "_s
            + QString(u"word "_s).repeated(40) + u"https://vcenter-psc-lb.sslab.com/lookupservice/sdk/"_s
            + QString(u'y').repeated(80);
        job.setPlannedChanges(u"192.168.1.200"_s, {longChange, u"save ns config"_s});
        ApprovalDialog dialog(u"Apply"_s, {&job});
        dialog.resize(640, 420);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *list = dialog.findChild<QTreeWidget *>(u"approvalChanges"_s);
        QVERIFY(list);
        QTRY_VERIFY(list->viewport()->width() > 0);
        QCOMPARE(list->horizontalScrollBar()->maximum(), 0);
        QTreeWidgetItem *change = list->topLevelItem(0)->child(0);
        QCOMPARE(change->text(0), u"\u2022 "_s + longChange);
        QTRY_VERIFY2(list->visualItemRect(change).height() > 3 * list->fontMetrics().lineSpacing(),
                     qPrintable(QString::number(list->visualItemRect(change).height())));
        QVERIFY(list->visualItemRect(change).right() <= list->viewport()->width());
        // ... and again when the dialog is made narrower.
        const int tall = list->visualItemRect(change).height();
        dialog.resize(480, 420);
        QTRY_VERIFY(list->visualItemRect(change).height() > tall);
        QCOMPARE(list->horizontalScrollBar()->maximum(), 0);
    }

    void runPanelCancelAsksFirst()
    {
        RunPanel panel;
        QSignalSpy detailsShown(&panel, &RunPanel::detailsShown);
        QVERIFY(!panel.findChild<QTreeWidget *>()); // one line until there is work to show
        auto *queue = new JobQueue;
        queue->addJob(new UntilCancelledJob);
        queue->addJob(new UntilCancelledJob);
        QVERIFY(panel.run(queue, u"Long work"_s));
        QCOMPARE(detailsShown.size(), 1);
        QCOMPARE(panel.findChild<QTreeWidget *>()->topLevelItemCount(), 2);
        QVERIFY(panel.isBusy());
        QVERIFY(!panel.run(new JobQueue(&panel), u"Second"_s)); // one queue at a time

        int asked = 0;
        panel.setCancelConfirmation([&] {
            ++asked;
            return false;
        });
        QVERIFY(!panel.requestCancel());
        QCOMPARE(asked, 1);
        QVERIFY(panel.isBusy());

        QSignalSpy done(&panel, &RunPanel::queueFinished);
        panel.setCancelConfirmation([&] {
            ++asked;
            return true;
        });
        QVERIFY(panel.requestCancel());
        QVERIFY(done.wait(5000));
        QCOMPARE(done.first().first().toBool(), false);
        QCOMPARE(asked, 2);
        QCOMPARE(queue->jobs().at(0)->state(), Job::State::Cancelled);
        QCOMPARE(queue->jobs().at(1)->state(), Job::State::Skipped);
        QVERIFY(!panel.isBusy());
        // Said as a cancel, not as a problem.
        const QString said = panel.findChild<QPlainTextEdit *>()->toPlainText();
        QVERIFY2(said.contains(u"Cancelled: "_s) && !said.contains(u"Stopped with problems"_s),
                 qPrintable(said));

        // The run ends while the question is open (seen under Xvfb: a 3 s pre-check run
        // finished before "Yes"): the answer cancels nothing and says nothing of cancelling.
        auto *second = new JobQueue;
        second->addJob(new UntilCancelledJob);
        QVERIFY(panel.run(second, u"Short work"_s));
        panel.setCancelConfirmation([&] {
            QSignalSpy ended(&panel, &RunPanel::queueFinished);
            second->cancel(); // the run ends on its own while the user reads the question
            return ended.wait(5000);
        });
        QVERIFY(!panel.requestCancel());
        QVERIFY(!panel.isBusy());
        const QString log = panel.findChild<QPlainTextEdit *>()->toPlainText();
        QVERIFY2(!log.section(u"Short work"_s, -1).contains(u"Cancelling"_s), qPrintable(log));
    }

    void passwordsThatWorkedComeBack()
    {
        MemorySecretStore store;
        const QString vc01 = passwordAccount(u"administrator@vsphere.local"_s, u"vc01.sslab.com"_s);
        keepPassword(&store, u"Vc-pass-1"_s, u"sslab"_s, SecretRole::VCenter, vc01);
        keepPassword(&store, QString(), u"sslab"_s, SecretRole::Sso); // nothing to keep
        QLineEdit again;
        recallPassword(&store, &again, u"sslab"_s, SecretRole::VCenter, vc01);
        QVERIFY(again.text().isEmpty()); // answered later, on the event loop
        QTRY_COMPARE(again.text(), u"Vc-pass-1"_s);

        QLineEdit typedFirst, typedMeanwhile, otherLab, otherHost, sso;
        typedFirst.setText(u"typed"_s);
        recallPassword(&store, &typedFirst, u"sslab"_s, SecretRole::VCenter,
                       vc01); // never over what was typed
        recallPassword(&store, &typedMeanwhile, u"sslab"_s, SecretRole::VCenter, vc01);
        typedMeanwhile.setText(u"typed while the store was asked"_s); // before the answer arrives
        recallPassword(&store, &otherLab, u"otherlab"_s, SecretRole::VCenter, vc01);
        recallPassword(&store, &otherHost, u"sslab"_s, SecretRole::VCenter,
                       passwordAccount(u"administrator@vsphere.local"_s, u"vc02.sslab.com"_s));
        recallPassword(&store, &sso, u"sslab"_s, SecretRole::Sso);
        QLineEdit probe; // a recall that does answer, asked last: the ones above had their turn
        recallPassword(&store, &probe, u"sslab"_s, SecretRole::VCenter, vc01);
        QTRY_COMPARE(probe.text(), u"Vc-pass-1"_s);
        QCOMPARE(typedFirst.text(), u"typed"_s);
        QCOMPARE(typedMeanwhile.text(), u"typed while the store was asked"_s);
        QVERIFY(otherLab.text().isEmpty());
        QVERIFY(otherHost.text().isEmpty());
        QVERIFY(sso.text().isEmpty());
    }

    void screenshotsEveryPage()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        std::optional<Result<QStringList>> result;
        w.screenshotPages(dir.path(), [&](Result<QStringList> r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        QVERIFY(result->ok());
        QCOMPARE(result->value().size(), w.wizard()->pageIds().size());
        for (const QString &file : result->value()) {
            QImage image(file);
            QVERIFY2(!image.isNull() && image.width() > 400, qPrintable(file));
        }
    }
};

QTEST_MAIN(TestWizard)
#include "tst_wizard.moc"
