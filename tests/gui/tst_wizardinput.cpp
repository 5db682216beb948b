// The wizard under real input events on the shown window: keys and clicks as a user gives
// them (QTest key and mouse events go through the window's event handling, focus and
// shortcuts). Escape never empties the window; typing is never lost while the page changes
// around the field.

#include "mainwindow.h"
#include "pages/labplanpage.h"
#include "plan/planjson.h"
#include "project/plandocument.h"
#include "runpanel.h"
#include "validate/fieldnames.h"
#include "validate/planvalidator.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMap>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScreen>
#include <QSet>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QWizard>
#include <QWizardPage>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestWizardInput : public QObject
{
    Q_OBJECT

private:
    // Every finding path the validator emits for some plan, with the first plan that gives it:
    // every value of the example plan (and of the same plan deploying through a vCenter) is
    // broken in turn with values each rule family rejects (empty, bad syntax, out of range,
    // outside a network, used twice, lists emptied or with an entry repeated).
    static QMap<QString, LabPlan> findingPathsFromTheValidator()
    {
        static const QStringList badTexts = {u""_s,
                                             u"not valid!"_s,
                                             u"999.1.1.1"_s,
                                             u"10.9.9.9"_s,
                                             u"192.168.1.0"_s,
                                             u"192.168.1.1"_s,
                                             u"192.168.100.0"_s,
                                             u"vcenter-psc01.sslab.com"_s,
                                             u"192.168.1.0/24"_s,
                                             u"192.168.1.5/24"_s,
                                             u"ntp.sslab.com:99999"_s,
                                             u"x"_s};
        static const QList<int> badNumbers = {-1, 0, 1, 100000};
        QMap<QString, LabPlan> paths;
        auto collect = [&](const QJsonObject &json) {
            const Result<LabPlan> plan = parsePlan(QJsonDocument(json).toJson());
            if (!plan)
                return;
            for (const Finding &f : validatePlan(*plan)) {
                if (!paths.contains(f.path))
                    paths.insert(f.path, *plan);
            }
        };
        // Every leaf (and list) of root replaced in turn.
        QJsonObject root;
        auto setAt = [](QJsonValue node, const QStringList &keys, qsizetype depth, const QJsonValue &value) {
            std::function<QJsonValue(QJsonValue, qsizetype)> set = [&](QJsonValue n,
                                                                       qsizetype d) -> QJsonValue {
                if (d == keys.size())
                    return value;
                const QString &k = keys.at(d);
                if (n.isArray()) {
                    QJsonArray a = n.toArray();
                    a[k.toInt()] = set(a.at(k.toInt()), d + 1);
                    return a;
                }
                QJsonObject o = n.toObject();
                o[k] = set(o.value(k), d + 1);
                return o;
            };
            return set(node, depth).toObject();
        };
        std::function<void(const QJsonValue &, const QStringList &)> visit = [&](const QJsonValue &v,
                                                                                 const QStringList &keys) {
            if (v.isObject()) {
                const QJsonObject o = v.toObject();
                for (auto it = o.begin(); it != o.end(); ++it)
                    visit(it.value(), keys + QStringList{it.key()});
                return;
            }
            if (v.isArray()) {
                const QJsonArray a = v.toArray();
                collect(setAt(root, keys, 0, QJsonArray()));
                if (!a.isEmpty()) {
                    QJsonArray twice = a;
                    twice.append(a.first());
                    collect(setAt(root, keys, 0, twice));
                }
                for (qsizetype i = 0; i < a.size(); ++i)
                    visit(a.at(i), keys + QStringList{QString::number(i)});
                return;
            }
            if (v.isString()) {
                for (const QString &bad : badTexts)
                    collect(setAt(root, keys, 0, bad));
            } else if (v.isDouble()) {
                for (int bad : badNumbers)
                    collect(setAt(root, keys, 0, bad));
            } else if (v.isBool()) {
                collect(setAt(root, keys, 0, !v.toBool()));
            }
        };
        LabPlan throughVcenter = examplePlan();
        throughVcenter.target.kind = u"vcenter"_s;
        throughVcenter.target.datacenter = u"Datacenter"_s;
        throughVcenter.target.cluster = u"Cluster"_s;
        for (const LabPlan &base : {examplePlan(), throughVcenter}) {
            root = QJsonDocument::fromJson(serializePlan(base)).object();
            visit(root, {});
        }
        return paths;
    }

    // Whether a user can change the value in this editor.
    static bool isEditable(QWidget *editor)
    {
        if (!editor->isEnabled() || !editor->isVisible())
            return false;
        if (auto *edit = qobject_cast<QLineEdit *>(editor))
            return !edit->isReadOnly();
        if (auto *spin = qobject_cast<QAbstractSpinBox *>(editor))
            return !spin->isReadOnly();
        if (qobject_cast<QComboBox *>(editor))
            return true;
        if (auto *button = qobject_cast<QAbstractButton *>(editor)) // a choice, or "Add ..." to a list
            return button->isCheckable() || button->objectName().startsWith(u"add"_s);
        if (auto *view = qobject_cast<QAbstractItemView *>(editor))
            return view->editTriggers() != QAbstractItemView::NoEditTriggers
                && view->currentIndex().flags().testFlag(Qt::ItemIsEditable);
        return false;
    }

    static bool hasFocusIn(QWidget *editor)
    {
        QWidget *focus = QApplication::focusWidget();
        return focus && (focus == editor || editor->isAncestorOf(focus));
    }

    static QAbstractButton *nextButton(MainWindow &w) { return w.wizard()->button(QWizard::NextButton); }

    // The wizard, its current page, the step list and the buttons are all on screen.
    static bool wizardIsWhole(MainWindow &w)
    {
        auto *steps = w.findChild<QListWidget *>(u"stepList"_s);
        return w.isVisible() && w.wizard()->isVisible() && w.wizard()->currentPage()
            && w.wizard()->currentPage()->isVisible() && steps && steps->isVisible()
            && nextButton(w)->isVisible();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void cleanup()
    {
        MainWindow w;
        w.document()->discardRecovery();
    }

    // Every page by keyboard alone, from the start page to the last step: Tab reaches every
    // control a page shows (Right on a tab bar brings up its next tab, whose controls Tab must
    // then reach too), and Alt+N moves on. Nothing is clicked.
    void everyPageWorksByKeyboardAlone()
    {
        MainWindow w;
        w.showStartPage();
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_N, Qt::AltModifier); // New lab
        QTRY_VERIFY(!w.isOnStartPage());
        QVERIFY(wizardIsWhole(w));

        const auto describe = [](const QWidget *widget) {
            return widget->objectName().isEmpty() ? QString::fromLatin1(widget->metaObject()->className())
                                                  : widget->objectName();
        };
        QStringList unreachable;
        for (int pages = 0;; ++pages) {
            QVERIFY(pages < 20);
            QWidget *page = w.currentStepPage();
            QSet<QWidget *> shown, reached;
            const auto look = [&] {
                for (QWidget *widget : page->findChildren<QWidget *>()) {
                    // A radio button that is not checked is reached with the arrow keys from the
                    // checked one of its group, as everywhere in Qt, not with Tab.
                    const auto *radio = qobject_cast<QRadioButton *>(widget);
                    if (widget->isVisible() && widget->isEnabled() && (widget->focusPolicy() & Qt::TabFocus)
                        && !widget->focusProxy() && !(radio && !radio->isChecked()))
                        shown.insert(widget);
                }
            };
            look();
            // Tab, until a round brings nothing new (Ctrl+Tab where a text editor keeps Tab).
            const auto press = [&](Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
                QWidget *before = QApplication::focusWidget();
                QTest::keyClick(before, key, modifiers);
                if (key == Qt::Key_Tab && QApplication::focusWidget() == before)
                    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab, Qt::ControlModifier);
                look();
                QWidget *now = QApplication::focusWidget();
                const bool isNew = now && page->isAncestorOf(now) && !reached.contains(now);
                if (isNew)
                    reached.insert(now);
                return isNew;
            };
            const auto walk = [&] {
                for (int presses = 0, sinceNew = 0; presses < 400 && sinceNew < 60; ++presses)
                    sinceNew = press(Qt::Key_Tab) ? 0 : sinceNew + 1;
            };
            walk();
            // Then each tab of each tab bar the page shows (nested ones too, once shown): Tab to
            // the bar, Right for its next tab, and a walk through what that tab shows.
            QSet<QTabBar *> done;
            for (bool more = true; more;) {
                more = false;
                for (QTabBar *bar : page->findChildren<QTabBar *>()) {
                    if (done.contains(bar) || !bar->isVisible())
                        continue;
                    done.insert(bar);
                    more = true;
                    while (bar->currentIndex() + 1 < bar->count()) {
                        for (int presses = 0; presses < 400 && QApplication::focusWidget() != bar; ++presses)
                            press(Qt::Key_Tab);
                        if (QApplication::focusWidget() != bar) {
                            unreachable << page->objectName() + u": the tab bar with "_s + bar->tabText(0);
                            break;
                        }
                        press(Qt::Key_Right);
                        walk();
                    }
                }
            }
            for (QWidget *widget : std::as_const(shown)) {
                if (!reached.contains(widget))
                    unreachable << page->objectName() + u": "_s + describe(widget);
            }
            const int before = w.currentStepId();
            if (before == w.wizard()->pageIds().constLast())
                break;
            QVERIFY2(nextButton(w)->isEnabled(), qPrintable(page->objectName()));
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_N, Qt::AltModifier);
            QTRY_VERIFY2(w.currentStepId() != before, qPrintable(page->objectName()));
        }
        unreachable.sort();
        QVERIFY2(unreachable.isEmpty(), qPrintable(unreachable.join(u"\n"_s)));
    }

    void escapeKeepsTheWizard()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // Keys go to the active window (on X without a window manager nothing activates it).
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(wizardIsWhole(w));

        // On the plan page, from inside a field (a line edit passes Escape on to the wizard).
        auto *field =
            qobject_cast<QLineEdit *>(qobject_cast<LabPlanPage *>(w.stepPage(0))->showField(u"lab.name"_s));
        QVERIFY(field);
        field->setFocus();
        QTRY_VERIFY(field->hasFocus());
        QTest::keyClick(field, Qt::Key_Escape);
        QVERIFY(wizardIsWhole(w));
        QCOMPARE(w.currentStepId(), 0);
        QCOMPARE(field->text(), w.document()->plan().lab.name);

        // On several later pages, pressed wherever the focus is; Back and Next still work after.
        for (int visited = 0; visited < 4; ++visited) {
            const int before = w.currentStepId();
            QTest::mouseClick(nextButton(w), Qt::LeftButton);
            QVERIFY(w.currentStepId() != before);
            const int here = w.currentStepId();
            QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : w.wizard();
            QTest::keyClick(target, Qt::Key_Escape);
            QVERIFY2(wizardIsWhole(w), qPrintable(w.wizard()->currentPage()->title()));
            QCOMPARE(w.currentStepId(), here);
            QTest::keyClick(w.wizard(), Qt::Key_Escape); // on the wizard itself too
            QVERIFY(wizardIsWhole(w));
        }
        QTest::mouseClick(w.wizard()->button(QWizard::BackButton), Qt::LeftButton);
        QVERIFY(wizardIsWhole(w));
        QVERIFY(w.wizard()->currentPage()->isVisible());
    }

    // Keys typed go wherever the focus is at that moment (QTest::keyClicks without a widget
    // sends each key to the focus widget, as a keyboard does): a focus that moves away
    // mid-value loses the rest of it.
    static void typeAtFocus(const QString &text) { QTest::keyClicks(static_cast<QWidget *>(nullptr), text); }

    // Every page fits a 1024x700 screen: the window never has to grow wider than that, with
    // the run panel open or not (each page's own content scrolls where it must).
    // As opened, the window fits the screen it opens on: on the 1024x700 screen of the ctest
    // entry tst_wizardinput_1024x700 (tests/gui/CMakeLists.txt) it is not 20 px taller than it.
    void opensWithinTheScreen()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QRect screen = w.screen()->availableGeometry();
        qInfo("screen %dx%d, window %dx%d", screen.width(), screen.height(), w.frameGeometry().width(),
              w.frameGeometry().height());
        QVERIFY(screen.contains(w.frameGeometry()));
    }

    void everyPageFitsA1024Screen()
    {
        MainWindow w;
        w.resize(1024, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QStringList tooWide;
        for (int step = 0;; ++step) {
            QCoreApplication::processEvents();
            const QString page = w.wizard()->currentPage()->objectName();
            const int needed = w.minimumSizeHint().width();
            const int neededHeight = w.minimumSizeHint().height();
            qInfo("%s: window %dx%d px, needs at least %dx%d", qPrintable(page), w.width(), w.height(),
                  needed, neededHeight);
            if (w.width() > 1024 || needed > 1024)
                tooWide << u"%1 (%2 px wide)"_s.arg(page, QString::number(std::max(w.width(), needed)));
            if (w.height() > 700 || neededHeight > 700)
                tooWide << u"%1 (%2 px high)"_s.arg(page,
                                                    QString::number(std::max(w.height(), neededHeight)));
            if (step == 0)
                w.runPanel()->note(u"No keychain: passwords are kept in memory only."_s);
            const int before = w.wizard()->currentId();
            w.wizard()->next();
            if (w.wizard()->currentId() == before)
                break;
        }
        QVERIFY2(tooWide.isEmpty(), qPrintable(tooWide.join(u", "_s)));
    }

    void typingIsNeverLostWhileThePageChanges()
    {
        MainWindow w;
        w.resize(1024, 700);
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        // The run panel opens with its list and log (as with a first run), under a notice line:
        // the page shrinks, and there are focusable widgets after it.
        w.runPanel()->note(u"No keychain: passwords are kept in memory only."_s);
        w.runPanel()->showDetails();
        auto *page = qobject_cast<LabPlanPage *>(w.stepPage(0));

        // A finding line appears under the field and Next turns off on the first key.
        auto *ip = qobject_cast<QLineEdit *>(page->showField(u"vcenter.ip"_s));
        QVERIFY(ip);
        ip->setFocus();
        QTRY_VERIFY(ip->hasFocus());
        ip->end(false);
        const QString address = ip->text();
        QVERIFY(nextButton(w)->isEnabled());
        typeAtFocus(u"abc"_s);
        QCOMPARE(ip->text(), address + u"abc"_s);
        QVERIFY(ip->hasFocus());
        QVERIFY(!nextButton(w)->isEnabled());
        QVERIFY(w.findChild<QLabel *>(u"finding:vcenter.ip"_s)->isVisible());
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(static_cast<QWidget *>(nullptr), Qt::Key_Backspace);
        QCOMPARE(ip->text(), address);
        QVERIFY(ip->hasFocus());
        QVERIFY(nextButton(w)->isEnabled());

        // Renaming the load balancer, as in the report: the certificate follows, so the whole
        // name arrives and the plan stays valid.
        auto *lb = qobject_cast<QLineEdit *>(page->showField(u"loadBalancer.fqdn"_s));
        QVERIFY(lb);
        lb->setFocus();
        QTRY_VERIFY(lb->hasFocus());
        lb->end(false);
        const QString name = lb->text();
        typeAtFocus(u"abc"_s);
        QCOMPARE(lb->text(), name + u"abc"_s);
        QVERIFY(lb->hasFocus());
        QCOMPARE(w.document()->plan().certificate.subject.commonName, name + u"abc"_s);
        QVERIFY(!w.document()->hasErrors());

        // A certificate value changed by hand no longer follows: typing the name now makes
        // findings come and go in the list under the sections, mid-word.
        w.document()->edit([](LabPlan &p) { p.certificate.subject.commonName = u"custom.sslab.com"_s; });
        lb->setFocus();
        lb->selectAll();
        typeAtFocus(u"vcenter-psc-lb.sslab.com"_s);
        QCOMPARE(lb->text(), u"vcenter-psc-lb.sslab.com"_s);
        QVERIFY(lb->hasFocus());
        QVERIFY(w.findChild<QLabel *>(u"finding:other"_s)->isVisible());
    }

    void fixLinksApplyTheirFix()
    {
        // A plan renamed by hand in the file: the certificate is left behind.
        QTemporaryDir dir;
        LabPlan plan = examplePlan();
        plan.loadBalancer.fqdn = u"psc-vip.sslab.com"_s;
        const QString file = dir.filePath(u"renamed.vlab.json"_s);
        QVERIFY(savePlanFile(plan, file));
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openFile(file));
        QVERIFY(w.document()->hasErrors());
        QVERIFY(!nextButton(w)->isEnabled());
        auto *other = w.findChild<QLabel *>(u"finding:other"_s);
        QVERIFY(other && other->isVisible());
        static const QRegularExpression fixLink(u"href=\"(fix:\\d+)\""_s);
        for (int round = 0; round < 5 && fixLink.match(other->text()).hasMatch(); ++round)
            Q_EMIT other->linkActivated(fixLink.match(other->text()).captured(1));
        QVERIFY2(!w.document()->hasErrors(), qPrintable(other->text()));
        QVERIFY(nextButton(w)->isEnabled());
        QCOMPARE(w.document()->plan().certificate.subject.commonName, u"psc-vip.sslab.com"_s);
        QVERIFY(w.document()->plan().certificate.san.contains(u"psc-vip.sslab.com"_s));
    }

    void everyFindingPathHasAnEditableFocusedEditor()
    {
        const QMap<QString, LabPlan> paths = findingPathsFromTheValidator();
        // The generator reaches every rule family: if this drops, it broke, not the wizard.
        QVERIFY2(paths.size() >= 55, qPrintable(QStringList(paths.keys()).join(u' ')));
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        int n = 0;
        for (auto it = paths.begin(); it != paths.end(); ++it) {
            const QString &path = it.key();
            const QString file = dir.filePath(u"plan%1.vlab.json"_s.arg(n++));
            QVERIFY(savePlanFile(it.value(), file));
            QVERIFY(w.openFile(file)); // as it is: an edit would carry derived values along
            QVERIFY2(!w.document()->findingsFor(path).isEmpty(), qPrintable(path));
            QWidget *editor = w.showField(path);
            QVERIFY2(editor, qPrintable(u"no editor for "_s + path));
            QTRY_VERIFY2(isEditable(editor), qPrintable(path + u": "_s + editor->objectName()));
            QTRY_VERIFY2(hasFocusIn(editor), qPrintable(path + u": "_s + editor->objectName()));

            // Fields of later pages are listed on the plan page with their path as a link
            // that brings up the same editor.
            if (!LabPlanPage::ownsField(path)) {
                w.wizard()->setCurrentId(0);
                auto *other = w.findChild<QLabel *>(u"finding:other"_s);
                QVERIFY(other);
                QVERIFY2(other->text().contains(u"href=\"%1\""_s.arg(path.toHtmlEscaped())),
                         qPrintable(path));
                // ... named for people ("Certificate: common name (CN)"), not by the JSON path.
                const QString name = fieldDisplayName(w.document()->plan(), path);
                QVERIFY2(name != path, qPrintable(path));
                QVERIFY2(other->text().contains(name.toHtmlEscaped()), qPrintable(path));
                Q_EMIT other->linkActivated(path);
                QVERIFY2(w.currentStepId() != 0, qPrintable(path));
                QTRY_VERIFY2(hasFocusIn(editor), qPrintable(path));
            }
        }
    }
};

QTEST_MAIN(TestWizardInput)
#include "tst_wizardinput.moc"
