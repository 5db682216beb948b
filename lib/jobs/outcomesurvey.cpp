#include "jobs/outcomesurvey.h"

#include "core/tr.h"
#include "jobs/job.h"
#include "jobs/jobqueue.h"
#include "jobs/outcomecheck.h"

#include <functional>
#include <map>
#include <utility>

using namespace Qt::StringLiterals;

namespace vlab {

OutcomeSurvey::OutcomeSurvey(QObject *parent)
    : QObject(parent)
{
}

OutcomeSurvey::~OutcomeSurvey() = default;

void OutcomeSurvey::start(const QList<Job *> &jobs)
{
    Q_ASSERT(!m_queue);
    m_done.clear();
    m_busy.clear();
    QList<Job *> probes;
    std::map<Job *, std::pair<Job *, std::function<OutcomeCheck(const Job &)>>> readers;
    for (Job *job : jobs) {
        if (!job->changesLab() || job->isFinished())
            continue;
        OutcomeProbe probe = job->outcomeProbe();
        if (!probe.isValid()) {
            delete probe.job;
            continue;
        }
        probes << probe.job;
        readers[probe.job] = {job, std::move(probe.read)};
    }
    m_looks = int(probes.size());
    if (probes.isEmpty()) {
        Q_EMIT finished();
        return;
    }
    m_queue = new JobQueue(this);
    m_queue->addParallel(probes, JobQueue::ParallelOptions{0, true});
    connect(m_queue, &JobQueue::finished, this, [this, probes, readers = std::move(readers)] {
        for (Job *probe : probes) {
            if (probe->state() != Job::State::Succeeded)
                continue; // no answer: nothing is known, the job runs
            const auto &[job, read] = readers.at(probe);
            const OutcomeCheck check = read(*probe);
            if (check.verdict == OutcomeCheck::Verdict::Present) {
                job->markSkipped(Tr::tr("Already done: %1").arg(check.fact));
                m_done << Tr::tr("%1: %2").arg(job->title(), check.fact);
            } else if (check.verdict == OutcomeCheck::Verdict::Busy) {
                m_busy << Tr::tr("%1: %2").arg(job->title(), check.fact);
            }
        }
        m_queue->deleteLater();
        m_queue = nullptr;
        Q_EMIT finished();
    });
    m_queue->start();
}

void OutcomeSurvey::cancel()
{
    if (m_queue)
        m_queue->cancel();
}

} // namespace vlab
