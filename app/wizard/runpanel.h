#pragma once
// RunPanel: the wizard's one place where work runs. It shows any JobQueue: overall and
// per-job progress, each job's status, a log, and Cancel (after confirmation). Pages hand
// it a queue; they never run their own async loops.

#include "jobs/runsession.h"
#include "trustdialog.h"

#include <QElapsedTimer>
#include <QHash>
#include <QWidget>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;
class QVBoxLayout;

namespace vlab {

class Job;
class JobQueue;

class RunPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RunPanel(QWidget *parent = nullptr);

    bool isBusy() const;
    // Takes ownership of the queue and starts it as a RunSession (journal, resume). Refuses
    // while another queue is running, and a queue with jobs that change the lab starts only
    // once the person approved what they will change (see setApproval()); when it does not
    // start, the queue stays the caller's.
    enum class RunStart { Started, Busy, NotApproved };
    RunStart start(JobQueue *queue, const QString &title);
    // How a run goes on when one of its jobs stopped at a peer nobody confirmed yet (a TLS
    // certificate or an SSH host key; see untrustedPeer(), keyed by the error code). The panel
    // then shows the run as waiting for the person, never as failed, and asks in TrustDialog.
    // Trusted: `keep` stores the fingerprint (the project's trust store, or what the next run
    // records in known_hosts) and `decided(true, ...)` starts the run again, its changes
    // approved already (see approveNextRun()). Declined, or not kept: the run ends as "Not
    // trusted" and `decided(false, outcome)` gets the sentence the panel shows.
    struct TrustFlow
    {
        TrustRequest::Kind tlsKind = TrustRequest::Kind::VCenter;
        std::function<Result<void>(const TrustRequest &request, const Job *job)> keep;
        std::function<void(bool trusted, const QString &outcome)> decided;
    };
    RunStart start(JobQueue *queue, const QString &title, TrustFlow trust);
    // Whether the running (or last) run stopped at an untrusted peer and the person's answer
    // is still awaited (a page's own "finished" handler then leaves the outcome to `decided`).
    bool awaitsTrust() const { return m_trustState == TrustState::Waiting; }
    // "Waiting for your confirmation of ...", or the outcome once answered; empty otherwise.
    QString trustText() const { return m_trustText; }
    bool run(JobQueue *queue, const QString &title) { return start(queue, title) == RunStart::Started; }
    // What a page shows when start() did not start its run.
    static QString notStartedText(RunStart why);

    // Asked before a run with lab-changing jobs, with those jobs (their plannedChanges());
    // by default ApprovalDialog. Returns whether the person approved.
    using Approval = std::function<bool(const QString &title, const QList<const Job *> &jobs)>;
    void setApproval(Approval approval) { m_approve = std::move(approval); }
    // The next start(), if it has this title: its changes were approved for a run that stopped
    // before changing anything (a certificate the person then confirmed), so it is not asked twice.
    void approveNextRun(const QString &title) { m_preApproved = title; }
    JobQueue *queue() const { return m_queue; }

    // A notice from outside any run (for example: no keychain on this machine): one line under
    // the panel's title, elided to the width with the whole text as its tooltip, and a line in
    // the log. It does not open the job list and log: an idle panel stays small.
    void note(const QString &line);
    // Builds the job list, log and progress bar (a run does it by itself).
    void showDetails() { ensureDetails(); }

    // The wizard step that work started now comes from (recorded in the journal with the run).
    void setStep(const QString &step) { m_step = step; }
    // The step the running (or last) run was started from.
    QString runStep() const { return m_session ? m_session->step() : QString(); }
    // Whether the running (or last) run was cancelled (by the user or from outside).
    bool wasCancelled() const;
    // The running (or last) run's times as the progress bar shows them: "4:07 elapsed, about
    // 12:30 left" (the pace of the queue's weighted progress); empty before the first run.
    QString timesText() const { return m_timesText; }

    // Every run is journaled here (the project's vlab-journal.json); empty: no journal.
    // Runs the journal there records as cut off or interrupted, and not run since, are named in
    // the log at once (once per journal), so the person knows before starting anything.
    void setJournalPath(const QString &path);
    QString journalPath() const { return m_journalPath; }

    // Asked when the last run of the same work was cut off (crash, killed, power): resume
    // after its last finished job, or start over. A job that changes the lab and was running
    // then is never repeated without the user saying so. By default a question dialog.
    using ResumeChoice = RunSession::ResumeChoice;
    using ResumeQuestion = RunSession::ResumeQuestion;
    void setResumeQuestion(ResumeQuestion question) { m_resumeQuestion = std::move(question); }
    // The question the panel asks by default (a dialog over `parent`, objectName
    // "resumeQuestion"): it states what the checks of the lab found and offers only what fits.
    static ResumeChoice askResume(QWidget *parent, const QString &title, const ResumeState &state);

    // Asked before a running queue is cancelled; by default a Yes/No question.
    void setCancelConfirmation(std::function<bool()> confirm) { m_confirm = std::move(confirm); }
    // Cancels the running queue if the confirmation says yes; returns whether it did.
    bool requestCancel();
    // Cancels the running queue without asking because something outside stops the wizard
    // (`by`: "SIGTERM", ...); the journal records the run as interrupted. Returns whether a
    // queue was running (queueFinished() follows once its jobs have stopped).
    bool interrupt(const QString &by);

Q_SIGNALS:
    void busyChanged(bool busy);
    // The job list, log and progress bar were built (first run or note): the panel, one line
    // until then, now wants room.
    void detailsShown();
    void queueFinished(bool succeeded);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void ensureDetails();
    void updateNotice();
    void appendLog(const QString &line);
    void updateJob(Job *job);
    void onFinished(bool succeeded);
    void askTrust();
    bool stoppedForTrust(const Job *job) const;
    void showTimes();

    QLabel *m_title;
    QLabel *m_notice = nullptr; // the last note(), one line
    QString m_noticeText;
    QStringList m_pendingLog; // notes made before the log existed, with their times
    QVBoxLayout *m_layout;
    QProgressBar *m_overall = nullptr;
    QTreeWidget *m_jobs = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QPushButton *m_cancel = nullptr;
    RunSession *m_session = nullptr;
    JobQueue *m_queue = nullptr;
    QElapsedTimer m_clock; // since the running (or last) run started
    QTimer *m_tick = nullptr;
    QString m_timesText;
    QHash<Job *, QTreeWidgetItem *> m_items;
    std::function<bool()> m_confirm;
    Approval m_approve;
    QString m_preApproved;
    ResumeQuestion m_resumeQuestion;
    QString m_journalPath;
    QString m_notedJournal; // the journal whose interrupted runs were already named
    QString m_step;
    QString m_runTitle; // the running (or last) run's title
    TrustFlow m_trust;  // of the running (or last) run
    enum class TrustState { None, Waiting, Trusted, Declined } m_trustState = TrustState::None;
    std::optional<TrustRequest> m_trustRequest;
    Job *m_trustJob = nullptr; // the job that stopped at the untrusted peer (its queue is alive)
    QString m_trustText;
};

} // namespace vlab
