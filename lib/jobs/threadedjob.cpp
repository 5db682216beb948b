#include "jobs/threadedjob.h"

#include <QThread>

#include <openssl/crypto.h>

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
        // OpenSSL keeps per-thread state (the error queue, a random generator) for a thread that
        // used it. Free it here, while the thread is still ours: left to the thread's exit, it
        // races the end of a short program (`vlab cert chain` with a damaged file) and
        // LeakSanitizer reports it (.ci/sanitize).
        OPENSSL_thread_stop();
        // Queued after every progress/evidence call the work made, so they arrive first.
        QMetaObject::invokeMethod(
            this, [this, result] { finish(result); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(title());
    m_thread->start();
}

} // namespace vlab
