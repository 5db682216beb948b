#pragma once
// The run journal: after every job start and finish, the state of the run is written to a
// JSON file in the project folder (atomically: a new file renamed over the old one), so that
// after a crash, a killed process or a closed laptop a new start can see what finished, offer to
// resume after the last finished job, and knows which lab-changing job was cut off half way (it
// is never repeated silently). The journal also carries every job's evidence for the runbook.
// Like the reports it is made from, it holds no secret.
//
// What is synced to the disk (fsync) before the rename, so that it survives a power cut too: the
// start and the finish of every job that changes the lab (Job::changesLab()), an interruption,
// and the run's end. The start of a job that changes nothing is written at once (so a crash of
// the process inside it finds it "running") but not synced; its finish is written with the next
// write or at most kCoalesceMs later. What a power cut can cost is only such read-only records:
// on resume those jobs run again, which changes nothing. (ext4, by default, and btrfs write a
// renamed-over file's data before the rename: an unsynced write leaves the older or the newer journal.)
// Each write serialises only the current run; the older runs are serialised once.
//
// One run per line:
// {"schema": "vlab.journal/1", "runs": [{"id", "title", "step", "started", "finished", "state",
//   "interruptedBy", "jobs": [{"key", "title", "target", "state", "changesLab", "started",
//   "finished", "report"}]}]}
// A job's "key" is stable ("vcha.deploy", see Job::key()): every run of the same work is found by
// it, whatever language the titles were written in and whichever host it went to ("target").
// A run stopped by a signal (SIGTERM, SIGHUP, SIGINT) or by closing the wizard has the state
// "interrupted" and names what stopped it in "interruptedBy" (absent otherwise).

#include "core/result.h"
#include "jobs/outcomecheck.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

namespace vlab {

class Job;
class JobQueue;

struct JournalJob
{
    QString key;
    QString title;
    QString state; // pending, running, succeeded, failed, cancelled, skipped, done-earlier (resumed)
    bool changesLab = false;
    QDateTime started;
    QDateTime finished;
    QJsonObject report; // ReportNode::toJson()
    QString target;     // where it went (Job::target()); empty: this machine
};

struct JournalRun
{
    QString id;
    QString title;
    QDateTime started;
    QDateTime finished; // invalid while running (or when the run was cut off)
    QString state;      // running, succeeded, failed, cancelled, interrupted
    QList<JournalJob> jobs;
    QString interruptedBy; // "SIGTERM", "window closed" ...; empty unless interrupted
    QString step;          // the wizard step it was started from ("netscaler"); empty: the CLI
};

struct RunJournal
{
    QList<JournalRun> runs; // oldest first

    static QString fileName(); // "vlab-journal.json"
    // A missing file is an empty journal; a damaged one is an error naming the file.
    static Result<RunJournal> load(const QString &path);
    Result<void> save(const QString &path) const;
    // The latest run with this title, or nullptr.
    const JournalRun *lastRun(const QString &title) const;
};

// What a new run of `title` can resume: the keys that finished in the last run when that run
// was cut off (no finish recorded), and those that were running then.
struct ResumeState
{
    QDateTime stoppedAfter;            // the last thing the cut-off run recorded
    QStringList done;                  // succeeded or skipped then: safe to skip now
    QStringList interrupted;           // running when it stopped
    QStringList interruptedLabChanges; // ... of which change the lab: ask before repeating
    // What a look at the lab found about each interrupted lab change (by key; a key without an
    // entry could not be checked), filled by RunSession before it asks.
    QHash<QString, OutcomeCheck> checks;
    QHash<QString, QString> titles; // the jobs' titles in the cut-off run, by key (for people)
    bool canResume() const { return !done.isEmpty() || !interrupted.isEmpty(); }

    OutcomeCheck check(const QString &key) const { return checks.value(key); }
    // Whether running the interrupted lab changes again fits what is true now: none of them is
    // still going on elsewhere, and none that is (partly) there would be made twice.
    bool runAgainFits() const;
    // Whether skipping them fits: each holds now, or could not be checked (the person decides).
    bool skipFits() const;
};
ResumeState resumeState(const RunJournal &journal, const QString &title);

// Marks the queue's jobs that `resume` lists as done as skipped (with the time they finished),
// and those in `skipInterrupted` as skipped too. Call before the queue starts.
void applyResume(JobQueue *queue, const ResumeState &resume, const QStringList &skipInterrupted = {});

// Keeps the journal of one queue's run. It appends a run to the file at `path` and updates
// it after every job start and finish, and at the end. Write failures are reported through
// writeFailed() once; the run goes on.
class JournalRecorder : public QObject
{
    Q_OBJECT
public:
    // `step`: the wizard step the run was started from (empty: none). `loaded`: the journal at
    // `path` as just read by the caller (saves reading it again); without it, it is read here.
    JournalRecorder(JobQueue *queue, const QString &path, const QString &title, const QString &step = {},
                    QObject *parent = nullptr, std::optional<RunJournal> loaded = std::nullopt);
    ~JournalRecorder() override;
    QString path() const { return m_path; }
    // A finished read-only job is written at most this long after it finished.
    static constexpr int kCoalesceMs = 250;
    // Records at once that the run is being stopped from outside (`by`: what stopped it); the
    // run ends with the state "interrupted".
    void recordInterruption(const QString &by);

Q_SIGNALS:
    void writeFailed(const QString &message);

private:
    enum class Sync { No, Yes };
    void record(Job *job);
    void write(Sync sync);
    void writeLater();

    QPointer<JobQueue> m_queue;
    QString m_path;
    RunJournal m_journal;
    qsizetype m_run = -1;
    QByteArray m_olderRuns; // the runs kept before this one, serialised once
    QTimer m_later;         // coalesces the writes that need no sync
    bool m_failed = false;
};

} // namespace vlab
