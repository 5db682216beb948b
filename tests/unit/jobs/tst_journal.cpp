// The run journal: a queue that really crashes (abort() inside a job, in a child process)
// resumes after the last finished job, never repeats a finished one, and never silently
// repeats a lab-changing job that was cut off; damaged journals are reported, not trusted.

#include "jobs/job.h"
#include "jobs/jobqueue.h"
#include "jobs/journal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

// A job that ends when the test says so.
class ManualJob : public Job
{
public:
    ManualJob(const QString &key, bool changesLab)
        : Job(key, u"Job "_s + key)
    {
        setChangesLab(changesLab);
    }
    void complete() { finish({}); }

protected:
    void run() override { }
};

// The state of job `key` in the last run of the journal file, or "" if absent.
QString stateInFile(const QString &path, const QString &key)
{
    const Result<RunJournal> journal = RunJournal::load(path);
    if (!journal || journal->runs.isEmpty())
        return {};
    for (const JournalJob &j : journal->runs.constLast().jobs) {
        if (j.key == key)
            return j.state;
    }
    return {};
}

} // namespace

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

    static QList<QByteArray> readLines(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        QList<QByteArray> lines;
        for (const QByteArray &line : f.readAll().split('\n')) {
            if (!line.isEmpty())
                lines << line;
        }
        return lines;
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

    // A read-only job's end is not written at once (it needs no sync and is coalesced with the
    // next write), but it reaches the file soon while a lab-changing job is still running; the
    // lab-changing job's start is in the file as soon as it starts.
    void aReadOnlyJobsEndReachesTheFileWhileTheRunGoesOn()
    {
        JobQueue queue;
        auto *look = new ManualJob(u"look"_s, false);
        auto *change = new ManualJob(u"change"_s, true);
        queue.addParallel({look, change});
        JournalRecorder recorder(&queue, m_journal, u"Two at once"_s);
        QSignalSpy done(&queue, &JobQueue::finished);
        queue.start();
        QCOMPARE(stateInFile(m_journal, u"look"_s), u"running"_s);
        QCOMPARE(stateInFile(m_journal, u"change"_s), u"running"_s);
        look->complete();
        QTRY_COMPARE_WITH_TIMEOUT(stateInFile(m_journal, u"look"_s), u"succeeded"_s,
                                  JournalRecorder::kCoalesceMs * 8);
        QVERIFY(change->state() == Job::State::Running);
        change->complete();
        // The lab change's end is written at once, and the run's end as soon as the queue ends.
        QCOMPARE(stateInFile(m_journal, u"change"_s), u"succeeded"_s);
        QTRY_COMPARE(done.size(), 1);
        QCOMPARE(RunJournal::load(m_journal)->runs.constLast().state, u"succeeded"_s);
    }

    // Older runs are kept as they were (one per line), up to 50 with the new one.
    void olderRunsAreKeptLineForLine()
    {
        RunJournal before;
        for (int i = 0; i < 60; ++i)
            before.runs.append(JournalRun{u"id%1"_s.arg(i),
                                          u"Run %1"_s.arg(i),
                                          QDateTime::currentDateTimeUtc(),
                                          QDateTime::currentDateTimeUtc(),
                                          u"succeeded"_s,
                                          {},
                                          {},
                                          {}});
        QVERIFY(before.save(m_journal).ok());
        const QList<QByteArray> saved = readLines(m_journal);
        QCOMPARE(saved.size(), 50 + 2); // the head, 50 runs, the tail

        JobQueue queue;
        queue.addJob(new ManualJob(u"one"_s, false));
        JournalRecorder recorder(&queue, m_journal, u"New"_s);
        QSignalSpy done(&queue, &JobQueue::finished);
        queue.start();
        static_cast<ManualJob *>(queue.jobs().constFirst())->complete();
        QTRY_COMPARE(done.size(), 1);
        const QList<QByteArray> after = readLines(m_journal);
        QCOMPARE(after.size(), 50 + 2);
        // Runs 11 to 59 byte for byte (59 was the last, without a comma).
        QCOMPARE(after.mid(1, 48), saved.mid(2, 48));
        QCOMPARE(after.at(49), saved.at(50) + ',');
        const Result<RunJournal> loaded = RunJournal::load(m_journal);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->runs.size(), 50);
        QCOMPARE(loaded->runs.constFirst().id, u"id11"_s);
        QCOMPARE(loaded->runs.constLast().title, u"New"_s);
        QCOMPARE(loaded->runs.constLast().jobs.constFirst().state, u"succeeded"_s);
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
