#pragma once
// RunSession: one run of a step's work, the same in the wizard's run panel and in the `vlab`
// verbs: the queue of jobs, its journal in the project folder (vlab-journal.json, updated
// after every job start and finish), and the decision about a run of the same work that was
// cut off (crash, killed process, power): resume after its last finished job, or start
// over. A job that changes the lab and was running then is never skipped without the user
// saying so: the wizard asks; the command line starts over and says the last run was cut off.
// Before that decision, each such job's outcome probe (Job::outcomeProbe()) looks at the lab
// (read only): whether its installer still runs, whether the appliance answers, which objects
// exist. The answers go with the question, which offers only what fits them.

#include "jobs/journal.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace vlab {

class JobQueue;

class RunSession : public QObject
{
    Q_OBJECT
public:
    // Runs `queue` (which must outlive the session). An empty `journalPath` runs without a journal.
    RunSession(JobQueue *queue, const QString &title, const QString &journalPath, QObject *parent = nullptr);
    ~RunSession() override;

    JobQueue *queue() const { return m_queue; }
    QString title() const { return m_title; }
    QString journalPath() const { return m_journalPath; }

    // The journal of the project folder `folder` (empty: none).
    static QString journalPathIn(const QString &folder);

    struct ResumeChoice
    {
        bool resume = true;
        bool skipInterrupted = false; // the interrupted lab-changing jobs
        bool notNow = false;          // run nothing now; the cut-off run stays resumable
    };
    using ResumeQuestion = std::function<ResumeChoice(const QString &title, const ResumeState &state)>;
    // Asked before the start when the last run of the same title was cut off. Without a
    // question the run starts over and previousRunCutOff() says so.
    void setResumeQuestion(ResumeQuestion question) { m_resumeQuestion = std::move(question); }

    // The wizard step the run is started from, recorded in the journal (before start()).
    void setStep(const QString &step) { m_step = step; }
    QString step() const { return m_step; }

    // Reads the journal, checks the lab for what a cut-off run left half done (asynchronously,
    // a few seconds at most), decides about resuming, starts recording and then the queue.
    void start();
    // Whether the lab is being checked before the queue starts.
    bool isChecking() const { return m_checks != nullptr; }
    void cancel();
    // Cancels the run because something outside stopped it (`by`: "SIGTERM", "window closed"
    // ...): the journal records that at once, and the run ends as "interrupted".
    void interrupt(const QString &by);

Q_SIGNALS:
    // The journal cannot be read or written; the run goes on without it.
    void journalProblem(const QString &message);
    // The last run of this work was cut off and is started over (no question was set).
    void previousRunCutOff(const vlab::ResumeState &state);
    // Before the start: the lab is being checked for what the cut-off run left (one line per
    // look), and what each look found.
    void checkingLab(const QStringList &looks);
    void labChecked(const QString &key, const vlab::OutcomeCheck &check);
    void finished(bool succeeded);

private:
    void decide(ResumeState state, const QString &journalError);
    void begin(const QString &journalError);

    JobQueue *m_queue;
    JobQueue *m_checks = nullptr; // the outcome probes, while they run
    bool m_cancelled = false;     // cancelled before the queue started
    QString m_title;
    QString m_journalPath;
    QString m_step;
    ResumeQuestion m_resumeQuestion;
    QPointer<JournalRecorder> m_recorder;
    std::optional<RunJournal> m_loaded; // as start() read it, for the recorder (not read twice)
};

} // namespace vlab
