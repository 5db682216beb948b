#pragma once
// ThreadedJob: a Job whose work is a blocking function run on a worker thread (file I/O,
// OpenSSL, libssh). The work reports through WorkContext, which forwards everything to the
// job's own thread; the job object is never touched from the worker.

#include "jobs/job.h"

#include <functional>

class QThread;

namespace vlab {

class ThreadedJob;

class WorkContext
{
public:
    bool isCancelled() const;
    void progress(qreal value, const QString &status = {}) const;
    void log(const QString &line) const;
    void evidence(Evidence::Kind kind, const QString &text, const QString &detail = {}) const;

private:
    friend class ThreadedJob;
    explicit WorkContext(ThreadedJob *job)
        : m_job(job)
    {
    }
    ThreadedJob *m_job;
};

class ThreadedJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;
    ~ThreadedJob() override; // requests cancel and waits for the worker

protected:
    using Work = std::function<Result<void>(const WorkContext &ctx)>;
    // Called on the job's thread when it starts. Returns the work to run on the worker: a
    // self-contained function holding copies of the data it needs (never the job's members,
    // which a subclass destructor may already have destroyed). It must poll
    // ctx.isCancelled() between blocking steps.
    virtual Work makeWork() = 0;

private:
    friend class WorkContext;
    void run() final;

    QThread *m_thread = nullptr;
};

} // namespace vlab
