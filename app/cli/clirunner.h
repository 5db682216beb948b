#pragma once
// CliRunner: runs a JobQueue from the command line with one text progress line on stderr
// (rewritten in place on a terminal, one line per change otherwise) and the jobs' log lines.

#include <QObject>

namespace vlab {
class JobQueue;

class CliRunner : public QObject
{
    Q_OBJECT
public:
    explicit CliRunner(JobQueue *queue, QObject *parent = nullptr);
    // Runs the queue to its end in the application's event loop (SIGINT cancels it) and
    // returns whether it succeeded. Call from main(), before any other exec().
    bool run();
    // Quiet: only the progress line on a terminal, no per-job and log lines.
    void setQuiet(bool quiet) { m_quiet = quiet; }

private:
    void printProgress(const QString &status);

    JobQueue *m_queue;
    bool m_tty;
    bool m_quiet = false;
    QString m_lastLine;
};

} // namespace vlab
