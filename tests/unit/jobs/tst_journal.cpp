// The run journal: a queue that really crashes (abort() inside a job, in a child process)
// resumes after the last finished job, never repeats a finished one, and never silently
// repeats a lab-changing job that was cut off; damaged journals are reported, not trusted.

#include "jobs/journal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestJournal : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode = -1;
        bool crashed = false;
        QString out;
    };

    Run crasher(const QStringList &extra)
    {
        QProcess p;
        p.start(QStringLiteral(VLAB_JOURNAL_CRASHER), QStringList{m_journal, m_lab} + extra);
        if (!p.waitForFinished(30000))
            return {};
        return {p.exitCode(), p.exitStatus() == QProcess::CrashExit,
                QString::fromUtf8(p.readAllStandardOutput())};
    }

    QStringList lab() const
    {
        QFile f(m_lab);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(f.readAll()).split(u'\n', Qt::SkipEmptyParts);
    }

    QTemporaryDir m_dir;
    QString m_journal;
    QString m_lab;

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_journal = m_dir.filePath(u"project/vlab-journal.json"_s);
        m_lab = m_dir.filePath(u"lab.txt"_s);
        QFile::remove(m_journal);
        QFile::remove(m_lab);
    }

    void resumesAfterTheLastFinishedJob()
    {
        Run r = crasher({u"--crash-in"_s, u"c"_s});
        QVERIFY(r.crashed);
        QCOMPARE(lab(), (QStringList{u"start a"_s, u"done a"_s, u"start b"_s, u"done b"_s, u"start c"_s}));

        const Result<RunJournal> journal = RunJournal::load(m_journal);
        QVERIFY(journal.ok());
        const ResumeState state = resumeState(*journal, u"Six steps"_s);
        QCOMPARE(state.done, (QStringList{u"a"_s, u"b"_s}));
        QCOMPARE(state.interrupted, QStringList{u"c"_s});
        QVERIFY(state.interruptedLabChanges.isEmpty());

        // c did not change the lab: it simply runs again; a and b do not.
        r = crasher({u"--resume"_s});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(lab().mid(5),
                 (QStringList{u"start c"_s, u"done c"_s, u"start d"_s, u"done d"_s, u"start e"_s, u"done e"_s,
                              u"start f"_s, u"done f"_s}));
        // The finished run leaves nothing to resume.
        QVERIFY(!resumeState(*RunJournal::load(m_journal), u"Six steps"_s).canResume());
        r = crasher({u"--resume"_s});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(lab().filter(u"start a"_s).size(), 2); // a fresh run, not a resume
    }

    void interruptedLabChangeIsNeverRepeatedSilently()
    {
        QVERIFY(crasher({u"--crash-in"_s, u"c"_s, u"--lab-changing"_s, u"c"_s}).crashed);
        Run r = crasher({u"--resume"_s, u"--lab-changing"_s, u"c"_s});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.out.contains(u"lab-changing=c"_s), qPrintable(r.out));
        QCOMPARE(lab().size(), 5); // nothing ran

        r = crasher({u"--resume"_s, u"--lab-changing"_s, u"c"_s, u"--skip-interrupted"_s});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(lab().filter(u"c"_s).size(), 1); // c never ran again
        QCOMPARE(lab().constLast(), u"done f"_s);
    }

    // The command line's way (RunSession without a resume question): a run of the same work
    // after a cut-off one starts over from the first job and says what was cut off.
    void withoutAnAnswerACutOffRunStartsOverAndSaysSo()
    {
        QVERIFY(crasher({u"--crash-in"_s, u"c"_s, u"--lab-changing"_s, u"c"_s}).crashed);
        const Run r = crasher({u"--lab-changing"_s, u"c"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(u"cut off: done=a,b lab-changing=c"_s), qPrintable(r.out));
        QCOMPARE(lab().filter(u"start a"_s).size(), 2);
        QCOMPARE(lab().constLast(), u"done f"_s);
        // That run finished: nothing is left to resume.
        QVERIFY(!resumeState(*RunJournal::load(m_journal), u"Six steps"_s).canResume());
    }

    // Before the question, the cut-off lab change is looked at (its outcome probe): the
    // question gets what is true now and only what fits it is chosen.
    void resumeOffersOnlyWhatFitsTheLab()
    {
        QVERIFY(crasher({u"--crash-in"_s, u"c"_s, u"--lab-changing"_s, u"c"_s}).crashed);
        const QStringList resume{u"--resume"_s, u"--lab-changing"_s, u"c"_s, u"--probe"_s,
                                 u"--answer-what-fits"_s};

        // Started, not done: neither running it again (not repeatable) nor skipping fits.
        Run r = crasher(resume);
        QVERIFY2(r.out.contains(u"checked c=partial run-again=no skip=no"_s), qPrintable(r.out));
        QCOMPARE(r.exitCode, 1); // nothing ran
        QCOMPARE(lab().size(), 5);
        // "Not now" records nothing: the cut-off run can still be resumed.
        ResumeState state = resumeState(*RunJournal::load(m_journal), u"Six steps"_s);
        QCOMPARE(state.interruptedLabChanges, QStringList{u"c"_s});

        // Nothing of it is there (undone by hand): running it again fits, skipping does not.
        QStringList lines = lab();
        lines.removeAll(u"start c"_s);
        QFile f(m_lab);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(lines.join(u'\n').toUtf8() + '\n');
        f.close();
        r = crasher(resume + QStringList{u"--crash-in"_s, u"d"_s});
        QVERIFY2(r.out.contains(u"checked c=absent run-again=yes skip=no"_s), qPrintable(r.out));
        QVERIFY(r.crashed); // in d: c ran again, a and b did not
        QCOMPARE(lab().mid(4), (QStringList{u"start c"_s, u"done c"_s, u"start d"_s}));

        // Anew: cut off in c, whose change holds now (finished by hand): skipping fits,
        // running it again does not.
        QVERIFY(QFile::remove(m_journal) && QFile::remove(m_lab));
        QVERIFY(crasher({u"--crash-in"_s, u"c"_s, u"--lab-changing"_s, u"c"_s}).crashed);
        QVERIFY(f.open(QIODevice::Append));
        f.write("done c\n");
        f.close();
        r = crasher(resume);
        QVERIFY2(r.out.contains(u"checked c=present run-again=no skip=yes"_s), qPrintable(r.out));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(lab().filter(u"start c"_s).size(), 1); // not repeated
        QCOMPARE(lab().constLast(), u"done f"_s);
        // Skipped, not "succeeded": the journal says why.
        const Result<RunJournal> journal = RunJournal::load(m_journal);
        QVERIFY(journal.ok());
        const JournalJob &c = journal->runs.constLast().jobs.at(2);
        QCOMPARE(c.key, u"c"_s);
        QCOMPARE(c.state, u"skipped"_s);
        QVERIFY2(QJsonDocument(c.report).toJson().contains("it holds now: present"),
                 QJsonDocument(c.report).toJson().constData());
    }

    void aResumedRunThatCrashesResumesAgain()
    {
        QVERIFY(crasher({u"--crash-in"_s, u"b"_s}).crashed);
        QVERIFY(crasher({u"--resume"_s, u"--crash-in"_s, u"d"_s}).crashed);
        const ResumeState state = resumeState(*RunJournal::load(m_journal), u"Six steps"_s);
        QCOMPARE(state.done, (QStringList{u"a"_s, u"b"_s, u"c"_s}));
        QCOMPARE(state.interrupted, QStringList{u"d"_s});
        QCOMPARE(crasher({u"--resume"_s}).exitCode, 0);
        for (const QString &key : {u"a"_s, u"b"_s, u"c"_s, u"e"_s, u"f"_s})
            QCOMPARE(lab().filter(u"done "_s + key).size(), 1);
    }

    void journalHoldsReportsAndStates()
    {
        QCOMPARE(crasher({}).exitCode, 0);
        QFile f(m_journal);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(root.value(u"schema"_s).toString(), u"vlab.journal/1"_s);
        const QJsonObject run = root.value(u"runs"_s).toArray().last().toObject();
        QCOMPARE(run.value(u"state"_s).toString(), u"succeeded"_s);
        QVERIFY(!run.value(u"finished"_s).toString().isEmpty());
        const QJsonArray jobs = run.value(u"jobs"_s).toArray();
        QCOMPARE(jobs.size(), 6);
        QCOMPARE(jobs.at(0).toObject().value(u"report"_s).toObject().value(u"title"_s).toString(),
                 u"Step a"_s);
    }

    void damagedJournal()
    {
        QDir().mkpath(QFileInfo(m_journal).absolutePath());
        QFile f(m_journal);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"schema\": \"vlab.journal/1\", \"runs\": [");
        f.close();
        const Result<RunJournal> journal = RunJournal::load(m_journal);
        QVERIFY(!journal.ok());
        QVERIFY(journal.error().message.contains(u"damaged"_s));
        // A new run keeps the damaged file aside and starts a fresh journal.
        QCOMPARE(crasher({}).exitCode, 0);
        QVERIFY(QFile::exists(m_journal + u".damaged"_s));
        QVERIFY(RunJournal::load(m_journal).ok());
    }
};

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
