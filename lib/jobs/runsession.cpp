#include "jobs/runsession.h"

#include "jobs/jobqueue.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace vlab {

RunSession::RunSession(JobQueue *queue, const QString &title, const QString &journalPath, QObject *parent)
    : QObject(parent)
    , m_queue(queue)
    , m_title(title)
    , m_journalPath(journalPath)
{
    connect(queue, &JobQueue::finished, this, &RunSession::finished);
}

RunSession::~RunSession() = default;

QString RunSession::journalPathIn(const QString &folder)
{
    return folder.isEmpty() ? QString() : QDir(folder).filePath(RunJournal::fileName());
}

void RunSession::start()
{
    if (!m_journalPath.isEmpty()) {
        const Result<RunJournal> journal = RunJournal::load(m_journalPath);
        const ResumeState state = journal ? resumeState(*journal, m_title) : ResumeState{};
        if (state.canResume()) {
            if (m_resumeQuestion) {
                const ResumeChoice choice = m_resumeQuestion(m_title, state);
                if (choice.resume)
                    applyResume(m_queue, state,
                                choice.skipInterrupted ? state.interruptedLabChanges : QStringList());
            } else {
                Q_EMIT previousRunCutOff(state);
            }
        }
        auto *recorder = new JournalRecorder(m_queue, m_journalPath, m_title, m_step);
        m_recorder = recorder;
        connect(recorder, &JournalRecorder::writeFailed, this, &RunSession::journalProblem);
        if (!journal)
            Q_EMIT journalProblem(journal.error().message);
    }
    m_queue->start();
}

void RunSession::cancel()
{
    m_queue->cancel();
}

void RunSession::interrupt(const QString &by)
{
    if (m_recorder)
        m_recorder->recordInterruption(by);
    m_queue->cancel();
}

} // namespace vlab
