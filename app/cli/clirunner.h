#pragma once
// CliRunner: runs a step's work from the command line as a RunSession, like the wizard's run
// panel: journaled in the project folder, with one text progress line on stderr (rewritten
// in place on a terminal, one line per change otherwise) and the jobs' log lines. A run of
// the same work that was cut off is not resumed on the command line: after the lab was
// checked (RunSession), the run starts over and says so where running the cut-off change
// again fits what was found, and otherwise runs nothing and says why (exit 1).

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

private:
    void printProgress(const QString &status);

    JobQueue *m_queue;
    RunSession *m_session;
    bool m_tty;
    bool m_quiet = false;
    bool m_stopping = false;
    QString m_lastLine;
};

} // namespace vlab
