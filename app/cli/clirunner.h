#pragma once
// CliRunner: runs a step's work from the command line as a RunSession, like the wizard's run
// panel: journaled in the project folder, with one text progress line on stderr (rewritten
// in place on a terminal, one line per change otherwise) and the jobs' log lines. A run of
// the same work that was cut off is not resumed on the command line: after the lab was
// checked (RunSession), the run starts over and says so where running the cut-off change
// again fits what was found, and otherwise runs nothing and says why (exit 1).

#include "jobs/runsession.h"

#include <QElapsedTimer>
#include <QObject>

namespace vlab {
class JobQueue;
class RunSession;

class CliRunner : public QObject
{
    Q_OBJECT
public:
    // Runs `queue` as the work `title`, journaled in `projectFolder` (empty: not journaled).
    CliRunner(JobQueue *queue, const QString &title, const QString &projectFolder, QObject *parent = nullptr);
    ~CliRunner() override;
    // Runs the queue to its end in the application's event loop and returns whether it
    // succeeded. SIGINT, SIGTERM and SIGHUP cancel it (journaled as interrupted). Call from
    // main(), before any other exec().
    bool run();
    // Quiet: only the progress line on a terminal, no per-job and log lines.
    void setQuiet(bool quiet) { m_quiet = quiet; }
    // Resumes a cut-off run of the same work instead of starting over (`vlab run`): the jobs
    // the journal shows done are skipped; a lab change that was running then is skipped when
    // the look at the lab found it holds, run again when that fits what was found, and
    // otherwise nothing runs (exit 1, why said).
    void setResumes(bool resumes) { m_resumes = resumes; }
    // Elapsed time and an estimate of the time left on the progress line.
    void setShowTimes(bool show) { m_showTimes = show; }

private:
    void printProgress(const QString &status);
    RunSession::ResumeChoice resumeChoice(const ResumeState &state) const;

    JobQueue *m_queue;
    RunSession *m_session;
    bool m_tty;
    bool m_quiet = false;
    bool m_resumes = false;
    bool m_showTimes = false;
    QElapsedTimer m_clock;
    bool m_stopping = false;
    QString m_lastLine;
};

} // namespace vlab
