// The start page, as a user meets it on a real X server with the keyboard alone: without a
// plan the wizard starts there; Escape leaves it alone; Alt+N starts a new lab from the
// example; the recent plans (opened or saved last, newest first) open with Alt+R and Enter;
// one that is gone shows as not found and cannot be chosen; one that cannot be read says why and
// keeps the start page. Help > About names the version and the licence.

#include "mainwindow.h"
#include "project/plandocument.h"
#include "recentplans.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWizard>

#include <functional>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

// Keeps the text of each message box the application shows, and closes it with Escape.
class BoxWatcher : public QObject
{
public:
    BoxWatcher() { qApp->installEventFilter(this); }
    ~BoxWatcher() override { qApp->removeEventFilter(this); }
    QStringList texts;

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        auto *box = qobject_cast<QMessageBox *>(watched);
        if (event->type() != QEvent::Show || !box)
            return false;
        texts << box->windowTitle() + u'\n' + box->text() + u'\n' + box->informativeText();
        QTimer::singleShot(0, box, [box] {
            box->activateWindow();
            if (!QTest::qWaitForWindowActive(box))
                qWarning("the message did not become active");
            QTest::keyClick(box, Qt::Key_Escape);
        });
        return false;
    }
};

bool writePlan(const QString &path, const QString &labName)
{
    PlanDocument document;
    document.loadExample();
    document.edit([&](LabPlan &p) { p.lab.name = labName; });
    return document.saveAs(path).ok();
}

bool activate(MainWindow &w)
{
    w.show();
    if (!QTest::qWaitForWindowExposed(&w))
        return false;
    w.activateWindow();
    return QTest::qWaitForWindowActive(&w);
}

} // namespace

class TestStartPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settings;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_settings.isValid());
        QCoreApplication::setOrganizationName(u"vLab"_s);
        QCoreApplication::setApplicationName(u"vLab Wizard"_s);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    }

    void init() { QSettings().clear(); }

    void escapeKeepsItAndAltNStartsTheExample()
    {
        MainWindow w;
        w.showStartPage();
        QVERIFY(activate(w));
        QVERIFY(w.isOnStartPage());
        auto *start = w.findChild<QWidget *>(u"startPage"_s);
        QVERIFY(start && start->isVisible());
        QVERIFY(!w.wizard()->isVisible());
        QCOMPARE(w.windowTitle(), u"vLab Wizard"_s);
        // Nothing to save before a plan is open.
        QVERIFY(!w.findChild<QAction *>(u"action:save"_s)->isEnabled());
        auto *recent = w.findChild<QListWidget *>(u"recentPlans"_s);
        QCOMPARE(recent->count(), 1);
        QVERIFY(!(recent->item(0)->flags() & Qt::ItemIsEnabled)); // "No plan opened or saved yet."
        QVERIFY(!w.findChild<QPushButton *>(u"startOpenRecent"_s)->isEnabled());

        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QVERIFY(w.isVisible());
        QVERIFY(start->isVisible());

        // A button's Alt key clicks it as a user sees it: pressed, then released a moment later.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_N, Qt::AltModifier);
        QTRY_VERIFY(!w.isOnStartPage());
        QVERIFY(w.wizard()->isVisible());
        QCOMPARE(w.document()->plan().lab.name, u"sslab"_s);
        QVERIFY(w.document()->fileName().isEmpty());
        QVERIFY2(w.windowTitle().contains(u"example, not saved"_s), qPrintable(w.windowTitle()));
        QVERIFY(w.findChild<QAction *>(u"action:save"_s)->isEnabled());
        // Escape on the first step does not bring anything down either.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QVERIFY(w.wizard()->isVisible());
    }

    void recentPlansOpenByKeyboard()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString first = dir.filePath(u"first.vlab.json"_s);
        const QString second = dir.filePath(u"second.vlab.json"_s);
        const QString gone = dir.filePath(u"gone.vlab.json"_s);
        QVERIFY(writePlan(first, u"first"_s));
        QVERIFY(writePlan(second, u"second"_s));
        QVERIFY(writePlan(gone, u"gone"_s));
        {
            // Opening plans makes them the recent ones, newest first, each once.
            MainWindow opener;
            QVERIFY(opener.openFile(first).ok());
            QVERIFY(opener.openFile(gone).ok());
            QVERIFY(opener.openFile(second).ok());
            QVERIFY(opener.openFile(first).ok());
            QCOMPARE(RecentPlans::load(), QStringList({first, second, gone}));
        }
        QVERIFY(QFile::remove(gone));

        MainWindow w;
        w.showStartPage();
        QVERIFY(activate(w));
        auto *recent = w.findChild<QListWidget *>(u"recentPlans"_s);
        QCOMPARE(recent->count(), 3);
        QVERIFY(recent->item(0)->text().startsWith(u"first.vlab.json"_s));
        QVERIFY(recent->item(1)->text().startsWith(u"second.vlab.json"_s));
        QVERIFY(recent->item(2)->text().contains(u"(not found)"_s));
        QVERIFY(!(recent->item(2)->flags() & Qt::ItemIsEnabled));
        QCOMPARE(recent->currentRow(), 0);

        // Alt+R goes to the list, Down to the second plan, Enter opens it.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_R, Qt::AltModifier);
        QCOMPARE(QApplication::focusWidget(), recent);
        QTest::keyClick(recent, Qt::Key_Down);
        QCOMPARE(recent->currentRow(), 1);
        QTest::keyClick(recent, Qt::Key_Down); // the plan that is gone cannot be chosen
        QCOMPARE(recent->currentRow(), 1);
        QTest::keyClick(recent, Qt::Key_Return);
        QVERIFY(!w.isOnStartPage());
        QCOMPARE(w.document()->fileName(), second);
        QCOMPARE(w.document()->plan().lab.name, u"second"_s);
        QVERIFY2(w.windowTitle().startsWith(u"second"_s), qPrintable(w.windowTitle()));
        QCOMPARE(RecentPlans::load().constFirst(), second);
    }

    void aRecentPlanThatCannotBeReadKeepsTheStartPage()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString broken = dir.filePath(u"broken.vlab.json"_s);
        QVERIFY(writePlan(broken, u"broken"_s));
        RecentPlans::add(broken);
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{ not json");
        file.close();

        MainWindow w;
        w.showStartPage();
        QVERIFY(activate(w));
        BoxWatcher boxes;
        QTest::mouseClick(w.findChild<QPushButton *>(u"startOpenRecent"_s), Qt::LeftButton);
        QCOMPARE(boxes.texts.size(), 1);
        QVERIFY2(boxes.texts.constFirst().startsWith(u"Cannot open the plan\n"_s),
                 qPrintable(boxes.texts.constFirst()));
        QVERIFY2(boxes.texts.constFirst().contains(u"broken.vlab.json"_s),
                 qPrintable(boxes.texts.constFirst()));
        QVERIFY(w.isOnStartPage());
        QVERIFY(w.document()->fileName().isEmpty());
    }

    void aboutNamesTheVersionAndTheLicence()
    {
        QCoreApplication::setApplicationVersion(u"9.8.7"_s);
        MainWindow w;
        QVERIFY(activate(w));
        BoxWatcher boxes;
        w.findChild<QAction *>(u"action:about"_s)->trigger();
        QCOMPARE(boxes.texts.size(), 1);
        const QString about = boxes.texts.constFirst();
        QVERIFY2(about.contains(u"vLab Wizard 9.8.7"_s), qPrintable(about));
        QVERIFY2(about.contains(u"MIT License"_s), qPrintable(about));
        QVERIFY2(about.contains(QString::fromLatin1(qVersion())), qPrintable(about));
        // The licence it names is the one in the repository (and in the packages).
        QFile licence(QStringLiteral(VLAB_SOURCE_DIR "/LICENSE"));
        QVERIFY(licence.open(QIODevice::ReadOnly));
        QVERIFY(licence.readLine().startsWith("MIT License"));
    }
};

QTEST_MAIN(TestStartPage)
#include "tst_startpage.moc"
