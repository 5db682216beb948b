// The last page, Project files, as a user meets it on a real X server: writing over files that
// hold something else asks first (one question listing them; Escape and Enter keep them, the
// Overwrite key replaces them) while identical files are written again without a question; and
// "Open the runbook" on a system without a PDF viewer says so in the window, with the path; and
// the page sums up what was done on each step and what is left, readable in a 1024x700 window.

#include "jobs/journal.h"
#include "mainwindow.h"
#include "project/plandocument.h"
#include "runpanel.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWizard>

#include <functional>
#include <utility>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

// Answers each question box of the application once it is shown, from its own event loop, and
// keeps what it asked.
class QuestionAnswerer : public QObject
{
public:
    explicit QuestionAnswerer(std::function<void(QMessageBox *)> answer)
        : m_answer(std::move(answer))
    {
        qApp->installEventFilter(this);
    }
    ~QuestionAnswerer() override { qApp->removeEventFilter(this); }

    struct Asked
    {
        QString name;
        QString text;
        QString informative;
    };
    QList<Asked> asked;

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        auto *box = qobject_cast<QMessageBox *>(watched);
        if (event->type() != QEvent::Show || !box)
            return false;
        asked << Asked{box->objectName(), box->text(), box->informativeText()};
        QTimer::singleShot(0, box, [this, box] {
            // Keys reach the active window only (no window manager activates it here), and
            // only a window on screen can be activated.
            if (!QTest::qWaitForWindowExposed(box))
                qWarning("the question did not show");
            box->activateWindow();
            if (!QTest::qWaitForWindowActive(box))
                qWarning("the question did not become active");
            m_answer(box);
        });
        return false;
    }

private:
    std::function<void(QMessageBox *)> m_answer;
};

// Handles the first file dialog the application shows, from its own event loop.
class DialogCloser : public QObject
{
public:
    explicit DialogCloser(std::function<void(QFileDialog *)> handle)
        : m_handle(std::move(handle))
    {
        qApp->installEventFilter(this);
    }
    ~DialogCloser() override { qApp->removeEventFilter(this); }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        auto *dialog = qobject_cast<QFileDialog *>(watched);
        if (event->type() == QEvent::Show && dialog && m_handle) {
            QTimer::singleShot(0, dialog, [dialog, handle = std::exchange(m_handle, {})] { handle(dialog); });
        }
        return false;
    }

private:
    std::function<void(QFileDialog *)> m_handle;
};

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

} // namespace

class TestProjectFiles : public QObject
{
    Q_OBJECT

private:
    template<typename T>
    static T *find(QWidget &w, const QString &name)
    {
        T *widget = w.findChild<T *>(name);
        if (!widget)
            qWarning("no widget named %s", qPrintable(name));
        return widget;
    }

    // The main window shown and active, on the Project files page, writing into `folder`.
    static bool openFilesPage(MainWindow &w, const QString &folder)
    {
        w.document()->setProjectFolder(folder);
        w.show();
        if (!QTest::qWaitForWindowExposed(&w))
            return false;
        w.activateWindow();
        if (!QTest::qWaitForWindowActive(&w))
            return false;
        w.wizard()->setCurrentId(w.wizard()->pageIds().constLast());
        return w.wizard()->currentPage()->objectName() == u"page:files"_s
            && find<QLineEdit>(w, u"projectFolder"_s)
            && find<QLineEdit>(w, u"projectFolder"_s)->text() == QDir::toNativeSeparators(folder);
    }

    // Clicks "Write plan files" (a real click); true when a run started and ended well.
    static bool write(MainWindow &w)
    {
        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);
        QTest::mouseClick(find<QPushButton>(w, u"writeFiles"_s), Qt::LeftButton);
        return done.wait(20000) && done.constFirst().constFirst().toBool();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void cleanup()
    {
        MainWindow w;
        w.document()->discardRecovery();
    }

    // The summary follows the step marks the main window keeps (from the project's journal
    // here): each step before the last page is done, failed, cancelled, passed or not run, and
    // all but done say what is left. In a 1024x700 window it shows whole, without scrolling.
    void finishSummarySaysWhatIsLeft()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QDateTime then = QDateTime::currentDateTimeUtc().addSecs(-600);
        RunJournal journal;
        auto run = [&](const QString &step, const QString &key, const QString &state, int at) {
            journal.runs.append(JournalRun{u"r"_s + QString::number(at),
                                           step,
                                           then.addSecs(at),
                                           then.addSecs(at + 5),
                                           state,
                                           {JournalJob{key,
                                                       key,
                                                       state == u"cancelled"_s    ? u"cancelled"_s
                                                           : state == u"failed"_s ? u"failed"_s
                                                                                  : u"succeeded"_s,
                                                       false,
                                                       then.addSecs(at + 1),
                                                       then.addSecs(at + 4),
                                                       {},
                                                       u"lab"_s}},
                                           {},
                                           step});
        };
        run(u"precheck"_s, u"precheck.dns"_s, u"succeeded"_s, 0);
        run(u"netscaler"_s, u"netscaler.apply"_s, u"failed"_s, 10);
        run(u"vcha"_s, u"vcha.deploy"_s, u"cancelled"_s, 20);
        QVERIFY(journal.save(dir.filePath(RunJournal::fileName())).ok());

        MainWindow w;
        w.resize(1024, 700);
        QVERIFY(openFilesPage(w, dir.path()));
        QCOMPARE(w.size(), QSize(1024, 700));
        // The marks of the side list, by title: the summary must say the same.
        auto *list = find<QListWidget>(w, u"stepList"_s);
        QVERIFY(list);
        const QList<StepOutcome> outcomes = w.stepOutcomes();
        QCOMPARE(outcomes.size(), list->count() - 1);
        auto mark = [](StepOutcome::State state) {
            switch (state) {
            case StepOutcome::State::Done:
                return u"done"_s;
            case StepOutcome::State::Failed:
                return u"failed"_s;
            case StepOutcome::State::Cancelled:
                return u"cancelled"_s;
            case StepOutcome::State::Skipped:
                return u"skipped"_s;
            case StepOutcome::State::NotRun:
                break;
            }
            return QString();
        };
        QHash<QString, StepOutcome::State> byId;
        for (qsizetype i = 0; i < outcomes.size(); ++i) {
            QCOMPARE(list->item(int(i))->data(Qt::UserRole).toString(), mark(outcomes.at(i).state));
            byId.insert(outcomes.at(i).id, outcomes.at(i).state);
        }
        QCOMPARE(byId.value(u"plan"_s), StepOutcome::State::Done); // passed with Next
        QCOMPARE(byId.value(u"precheck"_s), StepOutcome::State::Done);
        QCOMPARE(byId.value(u"netscaler"_s), StepOutcome::State::Failed);
        QCOMPARE(byId.value(u"vcha"_s), StepOutcome::State::Cancelled);
        QCOMPARE(byId.value(u"psc"_s), StepOutcome::State::NotRun);

        auto *box = find<QWidget>(w, u"finishSummary"_s);
        QVERIFY(box && box->isVisible());
        for (const StepOutcome &step : outcomes) {
            auto *title = find<QLabel>(w, u"outcomeStep:"_s + step.id);
            auto *said = find<QLabel>(w, u"outcome:"_s + step.id);
            QVERIFY(title && said && title->isVisible() && said->isVisible());
            QVERIFY(title->text().endsWith(step.title));
            // Whatever is not done says what is left.
            QCOMPARE(said->text().contains(u"Left:"_s), step.state != StepOutcome::State::Done);
        }
        QVERIFY(find<QLabel>(w, u"outcome:netscaler"_s)->text().startsWith(u"Failed"_s));
        QVERIFY(find<QLabel>(w, u"outcome:vcha"_s)->text().startsWith(u"Cancelled"_s));
        QVERIFY(find<QLabel>(w, u"outcome:psc"_s)->text().startsWith(u"Not run yet"_s));
        const int done = int(std::count_if(outcomes.cbegin(), outcomes.cend(), [](const StepOutcome &o) {
            return o.state == StepOutcome::State::Done;
        }));
        QVERIFY2(find<QLabel>(w, u"finishSummaryHead"_s)
                     ->text()
                     .startsWith(u"%1 of %2 steps done"_s.arg(QString::number(done),
                                                              QString::number(outcomes.size()))),
                 qPrintable(find<QLabel>(w, u"finishSummaryHead"_s)->text()));

        // Readable at 1024x700: the whole summary inside the page's view, nothing sideways.
        auto *scroll =
            qobject_cast<QScrollArea *>(w.wizard()->currentPage()->findChild<QScrollArea *>(u"stepScroll"_s));
        QVERIFY(scroll);
        QVERIFY(!scroll->horizontalScrollBar()->isVisible());
        const QRect inView(box->mapTo(scroll->viewport(), QPoint(0, 0)), box->size());
        QVERIFY2(
            scroll->viewport()->rect().contains(inView),
            qPrintable(u"summary at %1,%2 %3x%4 in a view of %5x%6"_s.arg(
                QString::number(inView.x()), QString::number(inView.y()), QString::number(inView.width()),
                QString::number(inView.height()), QString::number(scroll->viewport()->width()),
                QString::number(scroll->viewport()->height()))));
    }

    void overwritingAsksFirst()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QDir project(dir.filePath(u"project"_s));
        MainWindow w;
        QVERIFY(openFilesPage(w, project.path()));
        auto *result = find<QLabel>(w, u"writeResult"_s);

        // Into an empty folder, and again with nothing changed: no question.
        QSignalSpy runs(w.runPanel(), &RunPanel::queueFinished);
        QByteArray batch; // as generated
        {
            QuestionAnswerer escape([](QMessageBox *box) { QTest::keyClick(box, Qt::Key_Escape); });
            QVERIFY(write(w));
            batch = readAll(project.filePath(u"netscaler/psc-lb.conf"_s));
            QVERIFY(!batch.isEmpty());
            QVERIFY(QFile::exists(project.filePath(u"runbook.pdf"_s)));
            QVERIFY(write(w));
            QVERIFY2(escape.asked.isEmpty(), qPrintable(escape.asked.value(0).informative));

            // Two files changed by hand, and a copy of this lab's plan under another name: one
            // question names the changed files (and the runbook made from them), not the
            // identical ones; the copy is not another lab's plan.
            QVERIFY(writeAll(project.filePath(u"netscaler/psc-lb.conf"_s), "# changed by hand\n"));
            QVERIFY(writeAll(project.filePath(u"runbook.md"_s), "# my notes\n"));
            QVERIFY(
                QFile::copy(project.filePath(u"sslab.vlab.json"_s), project.filePath(u"copy.vlab.json"_s)));
            runs.clear();
            QTest::mouseClick(find<QPushButton>(w, u"writeFiles"_s), Qt::LeftButton);
            QCOMPARE(escape.asked.size(), 1);
            QCOMPARE(escape.asked.constFirst().name, u"overwriteQuestion"_s);
            QVERIFY(escape.asked.constFirst().text.contains(QDir::toNativeSeparators(project.path())));
            const QStringList listed =
                escape.asked.constFirst().informative.split(u"\n\n"_s).constFirst().split(u'\n');
            QCOMPARE(listed,
                     QStringList({QDir::toNativeSeparators(u"netscaler/psc-lb.conf"_s), u"runbook.md"_s,
                                  u"runbook.pdf"_s}));
            // Escape: nothing is run or written.
            QCOMPARE(runs.size(), 0);
            QCOMPARE(readAll(project.filePath(u"netscaler/psc-lb.conf"_s)),
                     QByteArray("# changed by hand\n"));
            QVERIFY(result->text().contains(u"Nothing was written"_s));
        }

        // Enter alone does not overwrite either.
        {
            QuestionAnswerer enter([](QMessageBox *box) { QTest::keyClick(box, Qt::Key_Return); });
            QTest::mouseClick(find<QPushButton>(w, u"writeFiles"_s), Qt::LeftButton);
            QCOMPARE(enter.asked.size(), 1);
            QCOMPARE(runs.size(), 0);
            QCOMPARE(readAll(project.filePath(u"netscaler/psc-lb.conf"_s)),
                     QByteArray("# changed by hand\n"));
        }

        // The Overwrite button's key (Alt + its underlined letter) replaces them.
        QuestionAnswerer overwrite([](QMessageBox *box) {
            auto *button = box->findChild<QAbstractButton *>(u"overwrite"_s);
            QVERIFY(button);
            const QKeySequence key = QKeySequence::mnemonic(button->text());
            QVERIFY(!key.isEmpty());
            QTest::keySequence(box, key);
        });
        QVERIFY(write(w));
        QCOMPARE(overwrite.asked.size(), 1);
        QCOMPARE(readAll(project.filePath(u"netscaler/psc-lb.conf"_s)), batch);
        QVERIFY(readAll(project.filePath(u"runbook.md"_s)).startsWith("# "));
        QVERIFY(readAll(project.filePath(u"runbook.md"_s)) != QByteArray("# my notes\n"));
    }

    // A folder holding another lab's plan is that lab's project folder: nothing is written into
    // it, and the page says why (each lab's files, runbook, certs/ and journal stay apart).
    void anotherLabsFolderIsRefused()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QDir project(dir.path());
        QVERIFY(writeAll(project.filePath(u"other.vlab.json"_s), "{}")); // not even a plan
        MainWindow w;
        QVERIFY(openFilesPage(w, project.path()));
        QuestionAnswerer escape([](QMessageBox *box) { QTest::keyClick(box, Qt::Key_Escape); });
        QSignalSpy runs(w.runPanel(), &RunPanel::queueFinished);
        QTest::mouseClick(find<QPushButton>(w, u"writeFiles"_s), Qt::LeftButton);
        QCOMPARE(runs.size(), 0);
        QVERIFY(escape.asked.isEmpty());
        const QString said = find<QLabel>(w, u"writeResult"_s)->text();
        QVERIFY2(said.contains(u"another lab"_s) && said.contains(u"other.vlab.json"_s), qPrintable(said));
        QCOMPARE(project.entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
                 QStringList{u"other.vlab.json"_s});

        // Another lab by name, a real plan: the same.
        PlanDocument other;
        other.loadExample();
        other.edit([](LabPlan &p) { p.lab.name = u"otherlab"_s; });
        QVERIFY(other.saveAs(project.filePath(u"other.vlab.json"_s)).ok());
        QTest::mouseClick(find<QPushButton>(w, u"writeFiles"_s), Qt::LeftButton);
        QCOMPARE(runs.size(), 0);
        QVERIFY(!QFile::exists(project.filePath(u"runbook.pdf"_s)));
    }

    // File > Export > Ansible project offers a folder of its own in the lab's project folder, and
    // leaves nothing behind when the export is cancelled.
    void ansibleExportOffersAFolderOfItsOwn()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        MainWindow w;
        QVERIFY(openFilesPage(w, dir.path()));
        QString offered;
        DialogCloser closer([&](QFileDialog *dialog) {
            offered = dialog->directory().absolutePath();
            dialog->reject();
        });
        w.findChild<QAction *>(u"action:exportAnsible"_s)->trigger();
        QCOMPARE(offered, QDir(dir.path()).filePath(u"ansible"_s));
        QVERIFY(!QFileInfo::exists(offered)); // cancelled: the folder made for the dialog is gone
    }

    // The runbook written from the wizard (a screen with its own resolution, unlike the CLI)
    // draws the topology picture at the same resolution across and down: it once came out
    // squashed, 240 ppi across and 96 ppi down (pdfimages -list), from this path only.
    void runbookPictureKeepsItsProportions()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        MainWindow w;
        QVERIFY(openFilesPage(w, dir.path()));
        QVERIFY(write(w));
        QProcess pdfimages;
        pdfimages.start(
            u"pdfimages"_s,
            {u"-list"_s, u"-f"_s, u"1"_s, u"-l"_s, u"1"_s, QDir(dir.path()).filePath(u"runbook.pdf"_s)});
        QVERIFY2(pdfimages.waitForFinished(20000) && pdfimages.exitCode() == 0,
                 "pdfimages failed (poppler-utils installed?)");
        const QString images = QString::fromUtf8(pdfimages.readAllStandardOutput());
        const QStringList lines = images.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(lines.size() >= 3, qPrintable(images)); // header, rule, the title page's picture
        // page num type width height color comp bpc enc interp object ID x-ppi y-ppi ...
        const QStringList columns = lines.at(2).split(u' ', Qt::SkipEmptyParts);
        QVERIFY2(columns.size() >= 14, qPrintable(images));
        QVERIFY2(columns.at(12).toInt() > 0 && columns.at(12) == columns.at(13), qPrintable(images));
    }

    // Without a program for PDF files (no launcher on the PATH: xdg-open or a browser), the page
    // says that the runbook could not be opened and where it is; with one, that it was handed
    // to it (a stand-in xdg-open records what it was given).
    void openingTheRunbookWithoutAViewerSaysWhereItIs()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString bin = dir.filePath(u"bin"_s);
        QVERIFY(QDir().mkpath(bin));
        const QByteArray oldPath = qgetenv("PATH");
        qputenv("PATH", QFile::encodeName(bin));
        auto restore = qScopeGuard([&oldPath] { qputenv("PATH", oldPath); });

        const QString folder = dir.filePath(u"project"_s);
        MainWindow w;
        QVERIFY(openFilesPage(w, folder));
        auto *open = find<QPushButton>(w, u"openRunbook"_s);
        auto *said = find<QLabel>(w, u"openRunbookResult"_s);
        QVERIFY(open && said);
        QVERIFY(!said->isVisible());
        QVERIFY(write(w));
        QVERIFY(open->isEnabled());
        const QString runbook = QDir::toNativeSeparators(QDir(folder).filePath(u"runbook.pdf"_s));

        // From the keyboard: the button focused, Space presses it.
        open->setFocus();
        QTest::keyClick(open, Qt::Key_Space);
        QVERIFY(said->isVisible());
        QVERIFY2(said->text().contains(u"could not be opened"_s), qPrintable(said->text()));
        QVERIFY2(said->text().contains(runbook), qPrintable(said->text()));
        QVERIFY(w.wizard()->currentPage()->isAncestorOf(said));

        // A viewer launcher on the PATH: the runbook is handed to it, and the page says so.
        const QString handed = dir.filePath(u"handed.txt"_s);
        QFile launcher(QDir(bin).filePath(u"xdg-open"_s));
        QVERIFY(launcher.open(QIODevice::WriteOnly));
        launcher.write("#!/bin/sh\nprintf '%s\\n' \"$1\" > '" + QFile::encodeName(handed) + "'\n");
        launcher.close();
        QVERIFY(launcher.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QTest::mouseClick(open, Qt::LeftButton);
        QVERIFY2(said->text().contains(u"Asked the system to open the runbook"_s), qPrintable(said->text()));
        QVERIFY(said->text().contains(runbook));
        QTRY_VERIFY(QFile::exists(handed));
        QTRY_COMPARE(readAll(handed).trimmed(),
                     QUrl::fromLocalFile(QDir(folder).filePath(u"runbook.pdf"_s))
                         .toString(QUrl::FullyEncoded)
                         .toUtf8());
    }
};

QTEST_MAIN(TestProjectFiles)
#include "tst_projectfiles.moc"
