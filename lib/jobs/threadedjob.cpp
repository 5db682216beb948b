#include "jobs/threadedjob.h"

#include <QThread>

namespace vlab {

bool WorkContext::isCancelled() const
{
    return m_job->isCancelRequested();
}

void WorkContext::progress(qreal value, const QString &status) const
{
    ThreadedJob *job = m_job;
    QMetaObject::invokeMethod(
        job, [job, value, status] { job->setProgress(value, status); }, Qt::QueuedConnection);
}

void WorkContext::log(const QString &line) const
{
    ThreadedJob *job = m_job;
    QMetaObject::invokeMethod(
        job, [job, line] { job->log(line); }, Qt::QueuedConnection);
}

void WorkContext::evidence(Evidence::Kind kind, const QString &text, const QString &detail) const
{
    ThreadedJob *job = m_job;
    QMetaObject::invokeMethod(
        job, [job, kind, text, detail] { job->mutableReport().add(kind, text, detail); },
        Qt::QueuedConnection);
}

ThreadedJob::~ThreadedJob()
{
    if (m_thread) {
        cancel();
        m_thread->wait();
        delete m_thread;
    }
}

void ThreadedJob::run()
{
    m_thread = QThread::create([this, work = makeWork()] {
        Result<void> result = work(WorkContext(this));
        // Queued after every progress/evidence call the work made, so they arrive first.
        QMetaObject::invokeMethod(
            this, [this, result] { finish(result); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(title());
    m_thread->start();
}

} // namespace vlab
