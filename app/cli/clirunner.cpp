#include "clirunner.h"

#include "clicommon.h"

#include "jobs/jobqueue.h"
#include "jobs/journal.h"
#include "jobs/runclock.h"
#include "jobs/runsession.h"
#include "jobs/stopsignals.h"

#include <QCoreApplication>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
void printErr(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}
} // namespace

CliRunner::CliRunner(JobQueue *queue, const QString &title, const QString &projectFolder, QObject *parent)
    : QObject(parent)
    , m_queue(queue)
    , m_session(new RunSession(queue, title, RunSession::journalPathIn(projectFolder), this))
{
    connect(m_session, &RunSession::journalProblem, this,
            [](const QString &message) { printErr(u"vlab: "_s + message + u'\n'); });
    connect(m_session, &RunSession::checkingLab, this, [this](const QStringList &looks) {
        printErr(cli::CliTr::tr("vlab: the previous \"%1\" was cut off while it changed the lab; checking "
                                "what is true now: %2\n")
                     .arg(m_session->title(), looks.join(u"; "_s)));
    });
    connect(m_session, &RunSession::labChecked, this, [](const QString &, const OutcomeCheck &check) {
        printErr(cli::CliTr::tr("vlab: found: %1\n").arg(check.fact));
    });
    // The command line does not resume: it starts over where that fits what the checks found,
    // and otherwise runs nothing and says why.
    m_session->setResumeQuestion([this](const QString &, const ResumeState &state) {
        if (m_resumes)
            return resumeChoice(state);
        if (state.interruptedLabChanges.isEmpty())
            return RunSession::ResumeChoice{false, false, false};
        if (!state.runAgainFits()) {
            printErr(cli::CliTr::tr("vlab: not started: running %1 again would not fit what is in the lab "
                                    "now (see above). Deal with it in the lab first (wait for the "
                                    "installer, or delete the half-made appliance), or resume in the "
                                    "wizard.\n")
                         .arg(state.interruptedLabChanges.join(u", "_s)));
            return RunSession::ResumeChoice{false, false, true};
        }
        printErr(cli::CliTr::tr("vlab: note: the previous \"%1\" was cut off (last recorded %2) while it "
                                "changed the lab (%3); this run starts over.\n")
                     .arg(m_session->title(),
                          state.stoppedAfter.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s),
                          state.interruptedLabChanges.join(u", "_s)));
        return RunSession::ResumeChoice{false, false, false};
    });
#ifdef Q_OS_UNIX
    m_tty = ::isatty(fileno(stderr));
#else
    m_tty = false;
#endif
    connect(m_queue, &JobQueue::jobStarted, this, [this](Job *job) { printProgress(job->title()); });
    connect(m_queue, &JobQueue::jobProgress, this,
            [this](Job *, qreal, const QString &status) { printProgress(status); });
    connect(m_queue, &JobQueue::logLine, this, [this](Job *job, const QString &line) {
        if (m_quiet)
            return;
        if (m_tty && !m_lastLine.isEmpty())
            printErr(u"\r\033[K"_s);
        m_lastLine.clear();
        printErr(u"  ["_s + job->title() + u"] "_s + line + u'\n');
    });
    connect(m_queue, &JobQueue::jobFinished, this, [this](Job *job) {
        if (m_quiet) {
            if (m_tty && !m_lastLine.isEmpty())
                printErr(u"\r\033[K"_s);
            m_lastLine.clear();
            return;
        }
        if (m_tty && !m_lastLine.isEmpty())
            printErr(u"\r\033[K"_s);
        m_lastLine.clear();
        printErr(QStringLiteral("%1 %2\n").arg(jobStateName(job->state()).leftJustified(10), job->title()));
    });
}

CliRunner::~CliRunner() = default;

RunSession::ResumeChoice CliRunner::resumeChoice(const ResumeState &state) const
{
    const QString when = state.stoppedAfter.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
    if (state.interruptedLabChanges.isEmpty()) {
        printErr(cli::CliTr::tr("vlab: resuming the \"%1\" that was cut off (last recorded %2): %n job(s) "
                                "done then are skipped.\n",
                                nullptr, int(state.done.size()))
                     .arg(m_session->title(), when));
        return RunSession::ResumeChoice{true, false, false};
    }
    bool allHold = true;
    for (const QString &key : state.interruptedLabChanges)
        allHold = allHold && state.check(key).verdict == OutcomeCheck::Verdict::Present;
    if (allHold) {
        printErr(cli::CliTr::tr("vlab: resuming the \"%1\" that was cut off (last recorded %2): what was "
                                "running then holds in the lab (%3) and is skipped too.\n")
                     .arg(m_session->title(), when, state.interruptedLabChanges.join(u", "_s)));
        return RunSession::ResumeChoice{true, true, false};
    }
    if (state.runAgainFits()) {
        printErr(cli::CliTr::tr("vlab: resuming the \"%1\" that was cut off (last recorded %2); %3 ran "
                                "then and runs again.\n")
                     .arg(m_session->title(), when, state.interruptedLabChanges.join(u", "_s)));
        return RunSession::ResumeChoice{true, false, false};
    }
    printErr(cli::CliTr::tr("vlab: not started: running %1 again would not fit what is in the lab now (see "
                            "above). Deal with it in the lab first (wait for the installer, or delete the "
                            "half-made appliance), then run again.\n")
                 .arg(state.interruptedLabChanges.join(u", "_s)));
    return RunSession::ResumeChoice{false, false, true};
}

void CliRunner::printProgress(const QString &status)
{
    if (m_quiet && !m_tty)
        return;
    const qreal done = m_queue->progress();
    QString times;
    if (m_showTimes && m_clock.isValid()) {
        times = runTimesText(m_clock.elapsed(), done);
        times = u" ("_s + times + u')';
    }
    const QString line =
        QStringLiteral("[%1%]%2 %3").arg(QString::number(int(done * 100)).rightJustified(3), times, status);
    if (line == m_lastLine)
        return;
    m_lastLine = line;
    printErr(m_tty ? QString(u"\r\033[K"_s + line) : QString(line + u'\n'));
}

bool CliRunner::run()
{
    // This is the CLI's main loop (called from main), not a nested one.
    connect(m_queue, &JobQueue::finished, this, [] { QCoreApplication::exit(0); });
    // SIGINT, SIGTERM and SIGHUP cancel the run the way Cancel does (the installer's process
    // group stopped, its temporary template removed) and the journal records the
    // interruption; the run then ends normally, unsuccessfully.
    StopSignals stopSignals;
    connect(&stopSignals, &StopSignals::stopRequested, this, [this](int signal) {
        if (m_stopping || m_queue->isDone())
            return;
        m_stopping = true;
        if (m_tty && !m_lastLine.isEmpty())
            printErr(u"\r\033[K"_s);
        m_lastLine.clear();
        printErr(cli::CliTr::tr("\nvlab: %1 received, stopping the run...\n")
                     .arg(StopSignals::signalName(signal)));
        m_session->interrupt(StopSignals::signalName(signal));
    });
    m_clock.start();
    m_session->start();
    if (!m_queue->isDone())
        QCoreApplication::exec();
    return m_queue->succeeded();
}

} // namespace vlab
