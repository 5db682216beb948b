#pragma once
// OutcomeSurvey: before a run, a read-only look at whether each of its lab changes already
// holds (the PSC installed and answering, the certificate served, the NITRO objects there),
// through each lab-changing job's outcome probe (Job::outcomeProbe()). Those that hold are
// marked skipped as already done, so a re-run after a failure continues where it stopped and
// the approval lists only what is left. Used by `vlab run` and the wizard's "Build the lab".

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace vlab {

class Job;
class JobQueue;

class OutcomeSurvey : public QObject
{
    Q_OBJECT
public:
    explicit OutcomeSurvey(QObject *parent = nullptr);
    ~OutcomeSurvey() override;

    // Starts the looks at the not yet finished lab-changing jobs of `jobs` (which must outlive
    // the survey). finished() follows, at once when there is nothing to look at.
    void start(const QList<Job *> &jobs);
    // The number of looks started (0: finished() was emitted already).
    int looks() const { return m_looks; }
    bool isRunning() const { return m_queue != nullptr; }
    void cancel();

    // Once finished: "title: fact" of each job marked already done, and of each whose work
    // still goes on outside this program (an installer runs): a run should not start then.
    QStringList alreadyDone() const { return m_done; }
    QStringList busy() const { return m_busy; }

Q_SIGNALS:
    void finished();

private:
    JobQueue *m_queue = nullptr;
    int m_looks = 0;
    QStringList m_done;
    QStringList m_busy;
};

} // namespace vlab
