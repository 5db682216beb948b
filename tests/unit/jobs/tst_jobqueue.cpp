// Tests of Job, ThreadedJob and JobQueue: ordering, parallel groups, stop-on-failure,
// cleanup stages, cancellation, timeouts, unresponsive jobs, weighted progress, the report
// tree, and WritePlanFilesJob's evidence. Every wait is a QSignalSpy/QTRY wait with a guard;
// nothing sleeps to synchronise.

#include "jobs/jobqueue.h"
#include "jobs/threadedjob.h"
#include "plan/planjson.h"
#include "project/writeplanfilesjob.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <utility>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace jobtest {

using vlab::Evidence;
using vlab::Job;
using vlab::JobQueue;
using vlab::Result;

// Only reached when something is broken; generous so that a loaded CI machine never trips it.
constexpr int kGuardMs = 10000;

Result<void> failure(const QString &name)
{
    return vlab::makeError(u"test.failed"_s, u"%1 failed on purpose"_s.arg(name),
                           u"details of %1"_s.arg(name));
}

// An event-loop job the test controls: it finishes inside run(), on a zero timer, or when
// the test calls complete(); when cancelled it stops soon (as an aborted request would),
// stops late, or ignores the request.
class TestJob : public Job
{
    Q_OBJECT
public:
    enum class Finish { Manual, ZeroTimer, Synchronous };
    // Stop: at once (on a zero timer); StopLate: only after kStopLateMs, as a job that must
    // first wait for a remote side; Ignore: never.
    enum class OnCancel { Stop, StopLate, Ignore };
    static constexpr auto kStopLateMs = 150ms;

    TestJob(const QString &name, Finish how, Result<void> result = {}, OnCancel onCancel = OnCancel::Stop)
        : Job(name, u"Test job %1"_s.arg(name))
        , m_how(how)
        , m_result(std::move(result))
        , m_onCancel(onCancel)
    {
    }

    void complete(Result<void> result = {}) { finish(std::move(result)); }
    void reportProgress(qreal value)
    {
        setProgress(value, u"%1 at %2"_s.arg(title(), QString::number(value)));
    }
    void addEvidence(Evidence::Kind kind, const QString &text, const QString &detail = {})
    {
        mutableReport().add(kind, text, detail);
    }
    int runCalls() const { return m_runCalls; }
    int cancelCalls() const { return m_cancelCalls; }

protected:
    void run() override
    {
        ++m_runCalls;
        switch (m_how) {
        case Finish::Synchronous:
            finish(m_result);
            break;
        case Finish::ZeroTimer:
            QTimer::singleShot(0, this, [this] { finish(m_result); });
            break;
        case Finish::Manual:
            break;
        }
    }

    void onCancel() override
    {
        ++m_cancelCalls;
        if (m_onCancel == OnCancel::Ignore)
            return;
        QTimer::singleShot(m_onCancel == OnCancel::StopLate ? kStopLateMs : 0ms, this, [this] {
            finish(vlab::makeError(u"job.cancelled"_s, u"Stopped by the test."_s));
        });
    }

private:
    Finish m_how;
    Result<void> m_result;
    OnCancel m_onCancel;
    int m_runCalls = 0;
    int m_cancelCalls = 0;
};

// Shared between the test and a GatedThreadedJob's worker (the work holds its own copy).
struct Gate
{
    QSemaphore entered; // released by the worker as soon as the work begins
    QSemaphore proceed; // released by the test to let the work end
    std::atomic_bool sawCancel{false};
};

// A ThreadedJob whose work blocks until the test opens its gate, polling for cancellation
// between short waits as real blocking work must.
class GatedThreadedJob : public vlab::ThreadedJob
{
    Q_OBJECT
public:
    GatedThreadedJob(const QString &name, std::shared_ptr<Gate> gate, Result<void> result = {})
        : ThreadedJob(name, u"Threaded test job %1"_s.arg(name))
        , m_gate(std::move(gate))
        , m_result(std::move(result))
    {
    }

protected:
    Work makeWork() override
    {
        return [gate = m_gate, result = m_result](const vlab::WorkContext &ctx) -> Result<void> {
            gate->entered.release();
            ctx.progress(0.5, u"waiting for the test"_s);
            while (!gate->proceed.tryAcquire(1, 5)) {
                if (ctx.isCancelled()) {
                    gate->sawCancel = true;
                    return vlab::makeError(u"job.cancelled"_s, u"Stopped by the test."_s);
                }
            }
            ctx.evidence(Evidence::Kind::Note, u"worker done"_s);
            return result;
        };
    }

private:
    std::shared_ptr<Gate> m_gate;
    Result<void> m_result;
};

// How a job of a data row behaves.
enum class How {
    ZeroTimer,              // finishes on the event loop
    Synchronous,            // finishes inside run()
    Threaded,               // worker returns at once
    UntilCancelled,         // event-loop job that only ends when cancelled
    ThreadedUntilCancelled, // worker that only ends when cancelled
};

// The slow job of a timeout row.
enum class Slow {
    StopsWhenCancelled, // event-loop job that honours the cancel
    IgnoresCancel,      // event-loop job that never stops by itself
    ThreadedPolls,      // worker that polls ctx.isCancelled()
    FinishesInTime,     // quick job with a long limit
};

struct JobSpec
{
    QString name;
    How how = How::ZeroTimer;
    bool ok = true;
};

struct StageSpec
{
    QList<JobSpec> jobs;
    bool cleanup = false;
};

struct QueueCase
{
    QList<StageSpec> stages;
    QStringList expectedStates; // "name:state" in queue order
    bool expectedSuccess = true;
};

StageSpec single(const QString &name, How how = How::ZeroTimer, bool ok = true)
{
    return StageSpec{{JobSpec{name, how, ok}}, false};
}

StageSpec cleanup(const QString &name, How how = How::ZeroTimer, bool ok = true)
{
    return StageSpec{{JobSpec{name, how, ok}}, true};
}

StageSpec parallel(const QList<JobSpec> &jobs)
{
    return StageSpec{jobs, false};
}

// Makes the job of a spec; threaded jobs get a gate that is already open unless they are
// meant to run until cancelled.
Job *makeJob(const JobSpec &spec)
{
    const Result<void> result = spec.ok ? Result<void>() : failure(spec.name);
    switch (spec.how) {
    case How::ZeroTimer:
        return new TestJob(spec.name, TestJob::Finish::ZeroTimer, result);
    case How::Synchronous:
        return new TestJob(spec.name, TestJob::Finish::Synchronous, result);
    case How::UntilCancelled:
        return new TestJob(spec.name, TestJob::Finish::Manual, result);
    case How::Threaded: {
        auto gate = std::make_shared<Gate>();
        gate->proceed.release();
        return new GatedThreadedJob(spec.name, gate, result);
    }
    case How::ThreadedUntilCancelled:
        return new GatedThreadedJob(spec.name, std::make_shared<Gate>(), result);
    }
    return nullptr;
}

void addStages(JobQueue &queue, const QList<StageSpec> &stages)
{
    for (const StageSpec &stage : stages) {
        QList<Job *> jobs;
        for (const JobSpec &spec : stage.jobs)
            jobs.append(makeJob(spec));
        if (stage.cleanup)
            queue.addCleanup(jobs.constFirst());
        else if (jobs.size() == 1)
            queue.addJob(jobs.constFirst());
        else
            queue.addParallel(jobs);
    }
}

// Records "start:A" when a job starts and "<state>:A" when it finishes. `events` must outlive
// the queue (the queue's destructor may still finish jobs).
void recordEvents(JobQueue &queue, QStringList &events)
{
    QObject::connect(&queue, &JobQueue::jobStarted, &queue,
                     [&events](Job *job) { events << u"start:"_s + job->title(); });
    QObject::connect(&queue, &JobQueue::jobFinished, &queue, [&events](Job *job) {
        events << vlab::jobStateName(job->state()) + u':' + job->title();
    });
}

QStringList statesOf(const JobQueue &queue)
{
    QStringList states;
    for (const Job *job : queue.jobs())
        states << job->title() + u':' + vlab::jobStateName(job->state());
    return states;
}

} // namespace jobtest

Q_DECLARE_METATYPE(jobtest::QueueCase)
Q_DECLARE_METATYPE(jobtest::How)
Q_DECLARE_METATYPE(jobtest::Slow)

using namespace jobtest;

class TestJobQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void boundedParallelGroup();
    void independentGroupKeepsGoing();
    void cancelSkipsWaitingJobs();
    void workFindingNothingToDoIsSkipped_data();
    void workFindingNothingToDoIsSkipped();
    void outcomes_data();
    void outcomes();
    void sequentialOrder_data();
    void sequentialOrder();
    void sequentialStageWaitsForFinish();
    void parallelGroup_data();
    void parallelGroup();
    void parallelGroupRunsConcurrently();
    void cancelRunningJob_data();
    void cancelRunningJob();
    void timeout_data();
    void timeout();
    void unresponsiveJobIsGivenUp();
    void cancelledJobIsNotTimedOut_data();
    void cancelledJobIsNotTimedOut();
    void cancelBetweenStages();
    void weightedProgress_data();
    void weightedProgress();
    void finishInsideRun_data();
    void finishInsideRun();
    void cancelBeforeStart();
    void reportTree();
    void destroyingQueueStopsWorker();
    void writePlanFiles_data();
    void writePlanFiles();
    void writePlanFilesIntoAFile();
};

void TestJobQueue::outcomes_data()
{
    QTest::addColumn<QueueCase>("c");

    QTest::newRow("empty queue") << QueueCase{{}, {}, true};
    QTest::newRow("all succeed") << QueueCase{
        {single(u"A"_s), single(u"B"_s, How::Synchronous), single(u"C"_s, How::Threaded)},
        {u"A:succeeded"_s, u"B:succeeded"_s, u"C:succeeded"_s},
        true};
    QTest::newRow("first fails, the rest is skipped")
        << QueueCase{{single(u"A"_s, How::ZeroTimer, false), single(u"B"_s), single(u"C"_s)},
                     {u"A:failed"_s, u"B:skipped"_s, u"C:skipped"_s},
                     false};
    QTest::newRow("middle fails inside run()")
        << QueueCase{{single(u"A"_s), single(u"B"_s, How::Synchronous, false), single(u"C"_s)},
                     {u"A:succeeded"_s, u"B:failed"_s, u"C:skipped"_s},
                     false};
    QTest::newRow("threaded job fails")
        << QueueCase{{single(u"A"_s, How::Threaded, false), single(u"B"_s, How::Threaded)},
                     {u"A:failed"_s, u"B:skipped"_s},
                     false};
    QTest::newRow("last fails") << QueueCase{
        {single(u"A"_s), single(u"B"_s, How::ZeroTimer, false)}, {u"A:succeeded"_s, u"B:failed"_s}, false};
    QTest::newRow("parallel failure cancels the running sibling") << QueueCase{
        {parallel({{u"A"_s, How::ZeroTimer, false}, {u"B"_s, How::UntilCancelled}}), single(u"C"_s)},
        {u"A:failed"_s, u"B:cancelled"_s, u"C:skipped"_s},
        false};
    QTest::newRow("parallel failure cancels a running worker") << QueueCase{
        {parallel({{u"A"_s, How::ZeroTimer, false}, {u"B"_s, How::ThreadedUntilCancelled}}), single(u"C"_s)},
        {u"A:failed"_s, u"B:cancelled"_s, u"C:skipped"_s},
        false};
    // A sibling that had not started when A failed never runs: it is skipped, not cancelled.
    QTest::newRow("parallel failure inside run() skips the sibling before it starts") << QueueCase{
        {parallel({{u"A"_s, How::Synchronous, false}, {u"B"_s, How::ZeroTimer}}), single(u"C"_s)},
        {u"A:failed"_s, u"B:skipped"_s, u"C:skipped"_s},
        false};
    QTest::newRow("cleanup runs after success")
        << QueueCase{{single(u"A"_s), cleanup(u"Z"_s)}, {u"A:succeeded"_s, u"Z:succeeded"_s}, true};
    QTest::newRow("cleanup runs after a failure")
        << QueueCase{{single(u"A"_s, How::ZeroTimer, false), single(u"B"_s), cleanup(u"Z"_s), single(u"C"_s)},
                     {u"A:failed"_s, u"B:skipped"_s, u"Z:succeeded"_s, u"C:skipped"_s},
                     false};
    QTest::newRow("threaded cleanup runs after a failure inside run()")
        << QueueCase{{single(u"A"_s, How::Synchronous, false), cleanup(u"Z"_s, How::Threaded)},
                     {u"A:failed"_s, u"Z:succeeded"_s},
                     false};
    QTest::newRow("failed cleanup fails the queue") << QueueCase{
        {single(u"A"_s), cleanup(u"Z"_s, How::ZeroTimer, false)}, {u"A:succeeded"_s, u"Z:failed"_s}, false};
    QTest::newRow("failed cleanup does not stop the next cleanup")
        << QueueCase{{single(u"A"_s), cleanup(u"Y"_s, How::Synchronous, false), cleanup(u"Z"_s)},
                     {u"A:succeeded"_s, u"Y:failed"_s, u"Z:succeeded"_s},
                     false};
}

// Runs a queue to its end and checks every job's final state, plus the invariants that hold
// for every queue: one finished signal, one jobFinished per job, started only for jobs that
// were not skipped, progress 1 at the end.
void TestJobQueue::outcomes()
{
    QFETCH(QueueCase, c);

    QStringList events;
    JobQueue queue;
    addStages(queue, c.stages);
    recordEvents(queue, events);
    QSignalSpy finishedSpy(&queue, &JobQueue::finished);

    queue.start();
    QTRY_COMPARE_WITH_TIMEOUT(finishedSpy.count(), 1, kGuardMs);
    QCOMPARE(finishedSpy.at(0).at(0).toBool(), c.expectedSuccess);
    QCOMPARE(statesOf(queue), c.expectedStates);
    QVERIFY(queue.isDone());
    QVERIFY(!queue.isRunning());
    QCOMPARE(queue.succeeded(), c.expectedSuccess);
    // The progress is what completed: every job that ran to its end, a cancelled one as far
    // as it got, none that the stopped queue skipped (it said 100% whatever happened).
    qreal completed = 0;
    for (const Job *job : queue.jobs()) {
        if (job->state() == Job::State::Succeeded || job->state() == Job::State::Failed)
            completed += 1;
        else if (job->state() == Job::State::Cancelled)
            completed += job->progress();
    }
    if (!queue.jobs().isEmpty())
        QCOMPARE(queue.progress(), completed / queue.jobs().size());
    if (c.expectedSuccess)
        QCOMPARE(queue.progress(), 1.0);
    else if (c.expectedStates.join(u' ').contains(u":skipped"_s))
        QVERIFY(queue.progress() < 1.0);

    for (const Job *job : queue.jobs()) {
        const QString name = job->title();
        QCOMPARE(int(events.count(u"start:"_s + name)), job->state() == Job::State::Skipped ? 0 : 1);
        QCOMPARE(int(events.count(vlab::jobStateName(job->state()) + u':' + name)), 1);
        QCOMPARE(job->result().ok(), job->state() == Job::State::Succeeded);
        if (job->state() == Job::State::Failed)
            QCOMPARE(job->result().error().code, u"test.failed"_s);
        if (job->state() == Job::State::Cancelled)
            QCOMPARE(job->result().error().code, u"job.cancelled"_s);
        if (job->state() == Job::State::Skipped)
            QCOMPARE(job->result().error().code, u"job.skipped"_s);
    }

    // Nothing more arrives once the queue has finished.
    QCoreApplication::processEvents();
    QCOMPARE(finishedSpy.count(), 1);
}

void TestJobQueue::sequentialOrder_data()
{
    QTest::addColumn<How>("how");
    QTest::newRow("zero-timer jobs") << How::ZeroTimer;
    QTest::newRow("jobs finishing inside run()") << How::Synchronous;
    QTest::newRow("threaded jobs") << How::Threaded;
}

void TestJobQueue::sequentialOrder()
{
    QFETCH(How, how);

    QStringList events;
    JobQueue queue;
    addStages(queue, {single(u"A"_s, how), single(u"B"_s, how), single(u"C"_s, how)});
    recordEvents(queue, events);
    QSignalSpy finishedSpy(&queue, &JobQueue::finished);

    queue.start();
    QTRY_COMPARE_WITH_TIMEOUT(finishedSpy.count(), 1, kGuardMs);
    QCOMPARE(finishedSpy.at(0).at(0).toBool(), true);
    QCOMPARE(events,
             (QStringList{u"start:A"_s, u"succeeded:A"_s, u"start:B"_s, u"succeeded:B"_s, u"start:C"_s,
                          u"succeeded:C"_s}));
}

// Job B is not started while A runs, however long the event loop spins, and is started (on
// the event loop, not inside A's finish) once A has finished.
void TestJobQueue::sequentialStageWaitsForFinish()
{
    JobQueue queue;
    auto *a = new TestJob(u"A"_s, TestJob::Finish::Manual);
    auto *b = new TestJob(u"B"_s, TestJob::Finish::Manual);
    queue.addJob(a);
    queue.addJob(b);
    QSignalSpy finishedSpy(&queue, &JobQueue::finished);
    QSignalSpy bStarted(b, &Job::started);

    queue.start();
    QVERIFY(queue.isRunning());
    QCOMPARE(a->state(), Job::State::Running);
    for (int i = 0; i < 10; ++i)
        QCoreApplication::processEvents();
    QCOMPARE(b->state(), Job::State::Pending);

    a->complete();
    QCOMPARE(a->state(), Job::State::Succeeded);
    QVERIFY(bStarted.wait(kGuardMs));
    QCOMPARE(b->state(), Job::State::Running);
    QCOMPARE(finishedSpy.count(), 0);

    b->complete();
    QTRY_COMPARE_WITH_TIMEOUT(finishedSpy.count(), 1, kGuardMs);
    QCOMPARE(finishedSpy.at(0).at(0).toBool(), true);
}

void TestJobQueue::parallelGroup_data()
{
    QTest::addColumn<How>("how");
    QTest::newRow("zero-timer jobs") << How::ZeroTimer;
    QTest::newRow("threaded jobs") << How::Threaded;
}

// Both jobs of the group start before either finishes; the next stage starts after both.
void TestJobQueue::parallelGroup()
{
    QFETCH(How, how);

    QStringList events;
    JobQueue queue;
    addStages(queue, {parallel({{u"A"_s, how}, {u"B"_s, how}}), single(u"C"_s, how)});
    recordEvents(queue, events);
    QSignalSpy finishedSpy(&queue, &JobQueue::finished);

    queue.start();
    QTRY_COMPARE_WITH_TIMEOUT(finishedSpy.count(), 1, kGuardMs);
    QCOMPARE(finishedSpy.at(0).at(0).toBool(), true);
    QCOMPARE(events.size(), 6);
    const qsizetype firstEnd = std::min(events.indexOf(u"succeeded:A"_s), events.indexOf(u"succeeded:B"_s));
    const qsizetype lastEnd = std::max(events.indexOf(u"succeeded:A"_s), events.indexOf(u"succeeded:B"_s));
    QVERIFY(firstEnd >= 0);
    QVERIFY2(events.indexOf(u"start:A"_s) < firstEnd, qPrintable(events.join(u", "_s)));
    QVERIFY2(events.indexOf(u"start:B"_s) < firstEnd, qPrintable(events.join(u", "_s)));
    QVERIFY2(events.indexOf(u"start:C"_s) > lastEnd, qPrintable(events.join(u", "_s)));
}

// Two workers are inside their work at the same time: each waits for the other to arrive
// before the test lets either end. Finishing out of order still waits for the whole group.
void TestJobQueue::parallelGroupRunsConcurrently()
{
    JobQueue queue;
    auto gateA = std::make_shared<Gate>();
    auto gateB = std::make_shared<Gate>();
    auto *a = new GatedThreadedJob(u"A"_s, gateA);
    auto *b = new GatedThreadedJob(u"B"_s, gateB);
    auto *c = new TestJob(u"C"_s, TestJob::Finish::Manual);
    queue.addParallel({a, b});
    queue.addJob(c);
    QSignalSpy finishedSpy(&queue, &JobQueue::finished);
    QSignalSpy bFinished(b, &Job::finished);
    QSignalSpy cStarted(c, &Job::started);

    queue.start();
    QCOMPARE(a->state(), Job::State::Running);
    QCOMPARE(b->state(), Job::State::Running);
    QVERIFY(gateA->entered.tryAcquire(1, kGuardMs));
    QVERIFY(gateB->entered.tryAcquire(1, kGuardMs));

    gateB->proceed.release();
    QVERIFY(bFinished.wait(kGuardMs));
    QCOMPARE(b->state(), Job::State::Succeeded);
    QCOMPARE(a->state(), Job::State::Running);
    QCoreApplication::processEvents();
    QCOMPARE(c->state(), Job::State::Pending);

    gateA->proceed.release();
    QVERIFY(cStarted.wait(kGuardMs));
    QCOMPARE(a->state(), Job::State::Succeeded);
    c->complete();
    QTRY_COMPARE_WITH_TIMEOUT(finishedSpy.count(), 1, kGuardMs);
    QCOMPARE(finishedSpy.at(0).at(0).toBool(), true);
    // The worker's evidence arrived before the job finished.
    QCOMPARE(a->report().evidence.constFirst().text, u"worker done"_s);
}

void TestJobQueue::cancelRunningJob_data()
{
    QTest::addColumn<How>("how");
    QTest::newRow("event-loop job") << How::UntilCancelled;
    QTest::newRow("threaded job") << How::ThreadedUntilCancelled;
}

// Cancelling the queue stops the running job cooperatively (Cancelled, not given up), skips
// the later jobs and still runs the cleanup stage.
void TestJobQueue::cancelRunningJob()
{
    QFETCH(How, how);

    QStringList events;
    JobQueue queue;
    addStages(queue, {single(u"A"_s), single(u"B"_s, how), single(u"C"_s), cleanup(u"Z"_s)});
    recordEvents(queue, events);
    Job *b = queue.jobs().at(1);
    QSignalSpy bStarted(b, &Job::started);
    QSignalSpy finishedSpy(&queue, &JobQueue::finished);

    queue.start();
    QVERIFY(bStarted.count() == 1 || bStarted.wait(kGuardMs));
    QCOMPARE(b->state(), Job::State::Running);
    if (qobject_cast<GatedThreadedJob *>(b)) {
        // The worker is inside its work before the cancel arrives: its progress report
        // proves the work began.
        QTRY_COMPARE_WITH_TIMEOUT(b->progress(), 0.5, kGuardMs);
    }

    queue.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finishedSpy.count(), 1, kGuardMs);
    QCOMPARE(finishedSpy.at(0).at(0).toBool(), false);
    QCOMPARE(statesOf(queue),
             (QStringList{u"A:succeeded"_s, u"B:cancelled"_s, u"C:skipped"_s, u"Z:succeeded"_s}));
    QCOMPARE(b->result().error().code, u"job.cancelled"_s);
    QVERIFY(!events.contains(u"start:C"_s));
    QVERIFY(events.contains(u"start:Z"_s));
    QVERIFY(!queue.succeeded());

    // A second cancel after the end changes nothing.
    queue.cancel();
    QCoreApplication::processEvents();
    QCOMPARE(finishedSpy.count(), 1);
}

void TestJobQueue::timeout_data()
{
    QTest::addColumn<Slow>("kind");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QString>("expectedState");
    QTest::addColumn<QString>("expectedCode");

    QTest::newRow("event-loop job stops when timed out")
        << Slow::StopsWhenCancelled << 50 << u"failed"_s << u"job.timeout"_s;
    QTest::newRow("job ignoring the cancel still times out")
        << Slow::IgnoresCancel << 50 << u"failed"_s << u"job.timeout"_s;
    QTest::newRow("threaded job stops when timed out")
        << Slow::ThreadedPolls << 50 << u"failed"_s << u"job.timeout"_s;
    QTest::newRow("job within its limit succeeds")
        << Slow::FinishesInTime << 60000 << u"succeeded"_s << QString();
}

void TestJobQueue::timeout()
{
    QFETCH(Slow, kind);
    QFETCH(int, timeoutMs);
    QFETCH(QString, expectedState);
    QFETCH(QString, expectedCode);

    auto gate = std::make_shared<Gate>();
    Job *job = nullptr;
    switch (kind) {
    case Slow::StopsWhenCancelled:
        job = new TestJob(u"Slow"_s, TestJob::Finish::Manual);
        break;
    case Slow::IgnoresCancel:
        job = new TestJob(u"Slow"_s, TestJob::Finish::Manual, {}, TestJob::OnCancel::Ignore);
        job->setCancelGrace(50ms);
        break;
    case Slow::ThreadedPolls:
        job = new GatedThreadedJob(u"Slow"_s, gate);
        break;
    case Slow::FinishesInTime:
        job = new TestJob(u"Slow"_s, TestJob::Finish::ZeroTimer);
        break;
    }
    job->setTimeout(std::chrono::milliseconds(timeoutMs));
    QCOMPARE(job->timeout(), std::chrono::milliseconds(timeoutMs));

    JobQueue queue;
    queue.addJob(job);
    queue.addJob(new TestJob(u"Next"_s, TestJob::Finish::ZeroTimer));
    queue.addCleanup(new TestJob(u"Cleanup"_s, TestJob::Finish::ZeroTimer));
    QSignalSpy finishedSpy(&queue, &JobQueue::finished);
    QElapsedTimer clock;
    clock.start();

    queue.start();
    QTRY_COMPARE_WITH_TIMEOUT(finishedSpy.count(), 1, kGuardMs);
    QCOMPARE(vlab::jobStateName(job->state()), expectedState);
    QCOMPARE(job->result().ok() ? QString() : job->result().error().code, expectedCode);
    if (expectedCode.isEmpty()) {
        QCOMPARE(finishedSpy.at(0).at(0).toBool(), true);
        QCOMPARE(statesOf(queue).mid(1), (QStringList{u"Next:succeeded"_s, u"Cleanup:succeeded"_s}));
        return;
    }
    // The limit was honoured, not undercut (timers may fire a little early, hence the slack).
    QVERIFY2(clock.elapsed() >= timeoutMs - 10, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(job->result().error().message.contains(u"Slow"_s));
    QCOMPARE(finishedSpy.at(0).at(0).toBool(), false);
    QCOMPARE(statesOf(queue).mid(1), (QStringList{u"Next:skipped"_s, u"Cleanup:succeeded"_s}));
    if (kind == Slow::ThreadedPolls)
        QVERIFY(gate->sawCancel.load());
}

// A job that ignores the cancel is abandoned once its grace period is over; a result it
// delivers afterwards is ignored.
void TestJobQueue::unresponsiveJobIsGivenUp()
{
    auto *stubborn = new TestJob(u"Stubborn"_s, TestJob::Finish::Manual, {}, TestJob::OnCancel::Ignore);
    stubborn->setCancelGrace(50ms);
    JobQueue queue;
    queue.addJob(stubborn);
    queue.addJob(new TestJob(u"Next"_s, TestJob::Finish::ZeroTimer));
    queue.addCleanup(new TestJob(u"Cleanup"_s, TestJob::Finish::ZeroTimer));
    QSignalSpy finishedSpy(&queue, &JobQueue::finished);
    QSignalSpy stubbornFinished(stubborn, &Job::finished);

    queue.start();
    QCOMPARE(stubborn->state(), Job::State::Running);
    QElapsedTimer clock;
    clock.start();
    queue.cancel();
    QCOMPARE(stubborn->cancelCalls(), 1);
    QCOMPARE(stubborn->state(), Job::State::Running); // still within its grace period

    QVERIFY(stubbornFinished.wait(kGuardMs));
    QVERIFY2(clock.elapsed() >= 40, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(stubborn->state(), Job::State::Cancelled);
    QCOMPARE(stubborn->result().error().code, u"job.unresponsive"_s);
    QTRY_COMPARE_WITH_TIMEOUT(finishedSpy.count(), 1, kGuardMs);
    QCOMPARE(finishedSpy.at(0).at(0).toBool(), false);
    QCOMPARE(statesOf(queue),
             (QStringList{u"Stubborn:cancelled"_s, u"Next:skipped"_s, u"Cleanup:succeeded"_s}));

    stubborn->complete(); // too late
    QCOMPARE(stubborn->state(), Job::State::Cancelled);
    QCOMPARE(stubborn->result().error().code, u"job.unresponsive"_s);
    QCOMPARE(stubbornFinished.count(), 1);
    QCOMPARE(finishedSpy.count(), 1);
}

void TestJobQueue::cancelledJobIsNotTimedOut_data()
{
    QTest::addColumn<bool>("stopsLate");
    QTest::addColumn<QString>("expectedCode");
    QTest::newRow("job that stops after its time limit") << true << u"job.cancelled"_s;
    QTest::newRow("job given up after its time limit") << false << u"job.unresponsive"_s;
}

// A job the user cancelled stays cancelled, even when its time limit passes while it is
// winding down: the report must not claim it timed out.
void TestJobQueue::cancelledJobIsNotTimedOut()
{
    QFETCH(bool, stopsLate);
    QFETCH(QString, expectedCode);

    auto *job = new TestJob(u"Winding down"_s, TestJob::Finish::Manual, {},
                            stopsLate ? TestJob::OnCancel::StopLate : TestJob::OnCancel::Ignore);
    job->setTimeout(50ms);
    // The late job stops well within its grace; the other is given up after the same delay.
    job->setCancelGrace(stopsLate ? std::chrono::milliseconds(kGuardMs) : TestJob::kStopLateMs);
    JobQueue queue;
    queue.addJob(job);
    queue.addCleanup(new TestJob(u"Cleanup"_s, TestJob::Finish::ZeroTimer));
    QStringList logLines;
    connect(job, &Job::logLine, this, [&logLines](const QString &line) { logLines << line; });
    QSignalSpy finishedSpy(&queue, &JobQueue::finished);

    queue.start();
    queue.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finishedSpy.count(), 1, kGuardMs);
    QCOMPARE(finishedSpy.at(0).at(0).toBool(), false);
    QCOMPARE(job->state(), Job::State::Cancelled);
    QCOMPARE(job->result().error().code, expectedCode);
    for (const QString &line : std::as_const(logLines))
        QVERIFY2(!line.contains(u"Timed out"_s), qPrintable(line));
    QCOMPARE(statesOf(queue).constLast(), u"Cleanup:succeeded"_s);
}

// A cancel that arrives after one stage finished and before the next started skips the
// remaining stages but still runs the cleanup.
void TestJobQueue::cancelBetweenStages()
{
    JobQueue queue;
    addStages(queue, {single(u"A"_s), single(u"B"_s), cleanup(u"Z"_s)});
    connect(&queue, &JobQueue::jobFinished, this, [&queue](Job *job) {
        if (job->title() == u"A"_s)
            queue.cancel();
    });
    QSignalSpy finishedSpy(&queue, &JobQueue::finished);

    queue.start();
    QTRY_COMPARE_WITH_TIMEOUT(finishedSpy.count(), 1, kGuardMs);
    QCOMPARE(finishedSpy.at(0).at(0).toBool(), false);
    QCOMPARE(statesOf(queue), (QStringList{u"A:succeeded"_s, u"B:skipped"_s, u"Z:succeeded"_s}));
    // The progress says what completed: A and the clean-up Z, not B (issue #15: the bar
    // showed 100% after a cancel).
    QCOMPARE(queue.progress(), 2.0 / 3.0);
}

void TestJobQueue::weightedProgress_data()
{
    QTest::addColumn<qreal>("firstWeight");
    QTest::addColumn<qreal>("secondWeight");
    QTest::addColumn<qreal>("afterFirst");

    QTest::newRow("1 and 3") << qreal(1) << qreal(3) << qreal(0.25);
    QTest::newRow("3 and 1") << qreal(3) << qreal(1) << qreal(0.75);
    QTest::newRow("equal weights") << qreal(2) << qreal(2) << qreal(0.5);
}

void TestJobQueue::weightedProgress()
{
    QFETCH(qreal, firstWeight);
    QFETCH(qreal, secondWeight);
    QFETCH(qreal, afterFirst);

    auto *a = new TestJob(u"A"_s, TestJob::Finish::Manual);
    auto *b = new TestJob(u"B"_s, TestJob::Finish::Manual);
    a->setWeight(firstWeight);
    b->setWeight(secondWeight);
    QCOMPARE(a->weight(), firstWeight);
    JobQueue queue;
    queue.addJob(a);
    queue.addJob(b);
    QSignalSpy progressSpy(&queue, &JobQueue::progressChanged);
    QSignalSpy finishedSpy(&queue, &JobQueue::finished);
    QSignalSpy bStarted(b, &Job::started);

    QCOMPARE(queue.progress(), 0.0);
    queue.start();
    a->reportProgress(0.5);
    QCOMPARE(queue.progress(), afterFirst / 2);
    QVERIFY(!progressSpy.isEmpty());
    QCOMPARE(progressSpy.last().at(0).toReal(), afterFirst / 2);

    a->complete();
    QCOMPARE(queue.progress(), afterFirst);
    QCOMPARE(progressSpy.last().at(0).toReal(), afterFirst);
    QVERIFY(bStarted.wait(kGuardMs));
    QCOMPARE(queue.progress(), afterFirst);

    b->reportProgress(0.5);
    QCOMPARE(queue.progress(), afterFirst + (1 - afterFirst) / 2);
    b->complete();
    QTRY_COMPARE_WITH_TIMEOUT(finishedSpy.count(), 1, kGuardMs);
    QCOMPARE(queue.progress(), 1.0);
    QCOMPARE(progressSpy.last().at(0).toReal(), 1.0);

    // Overall progress never goes backwards.
    qreal previous = 0;
    for (const QList<QVariant> &args : std::as_const(progressSpy)) {
        const qreal value = args.at(0).toReal();
        QVERIFY2(value >= previous,
                 qPrintable(u"%1 after %2"_s.arg(QString::number(value), QString::number(previous))));
        previous = value;
    }
}

void TestJobQueue::finishInsideRun_data()
{
    QTest::addColumn<bool>("ok");
    QTest::newRow("succeeds") << true;
    QTest::newRow("fails") << false;
}

// A job may call finish() inside run(): start() returns with the job finished and every
// signal already emitted, in order.
void TestJobQueue::finishInsideRun()
{
    QFETCH(bool, ok);

    TestJob job(u"Quick"_s, TestJob::Finish::Synchronous, ok ? Result<void>() : failure(u"Quick"_s));
    QStringList signalOrder;
    connect(&job, &Job::started, this, [&signalOrder] { signalOrder << u"started"_s; });
    connect(&job, &Job::finished, this, [&signalOrder] { signalOrder << u"finished"_s; });

    QCOMPARE(job.state(), Job::State::Pending);
    QVERIFY(!job.isFinished());
    job.start();
    QCOMPARE(signalOrder, (QStringList{u"started"_s, u"finished"_s}));
    QVERIFY(job.isFinished());
    QCOMPARE(job.state(), ok ? Job::State::Succeeded : Job::State::Failed);
    QCOMPARE(job.result().ok(), ok);
    if (ok)
        QCOMPARE(job.progress(), 1.0);
    else
        QCOMPARE(job.result().error().code, u"test.failed"_s);
    const vlab::ReportNode &report = job.report();
    QCOMPARE(report.outcome, ok ? u"succeeded"_s : u"failed"_s);
    QVERIFY(report.started.isValid());
    QVERIFY(report.finished >= report.started);

    // Starting again is a no-op.
    job.start();
    QCOMPARE(job.runCalls(), 1);
    QCOMPARE(signalOrder.size(), 2);
}

// A job cancelled while pending finishes as Cancelled when started, without running.
void TestJobQueue::cancelBeforeStart()
{
    TestJob job(u"Never"_s, TestJob::Finish::ZeroTimer);
    QSignalSpy finishedSpy(&job, &Job::finished);
    job.cancel();
    QVERIFY(job.isCancelRequested());
    QCOMPARE(job.state(), Job::State::Pending);
    QCOMPARE(job.cancelCalls(), 0); // nothing to abort yet
    job.start();
    QCOMPARE(finishedSpy.count(), 1);
    QCOMPARE(job.state(), Job::State::Cancelled);
    QCOMPARE(job.result().error().code, u"job.cancelled"_s);
    QCOMPARE(job.runCalls(), 0);
}

// JobQueue::report holds every job's node in queue order with its outcome and evidence.
void TestJobQueue::reportTree()
{
    JobQueue queue;
    auto *a = new TestJob(u"Send request"_s, TestJob::Finish::ZeroTimer);
    a->addEvidence(Evidence::Kind::Sent, u"POST /api"_s, u"{\"x\":1}"_s);
    a->addEvidence(Evidence::Kind::Received, u"200 OK"_s);
    auto *b = new TestJob(u"Check answer"_s, TestJob::Finish::ZeroTimer, failure(u"Check answer"_s));
    auto *c = new TestJob(u"Never reached"_s, TestJob::Finish::ZeroTimer);
    auto *z = new TestJob(u"Roll back"_s, TestJob::Finish::Synchronous);
    queue.addJob(a);
    queue.addJob(b);
    queue.addJob(c);
    queue.addCleanup(z);
    QSignalSpy finishedSpy(&queue, &JobQueue::finished);

    QCOMPARE(queue.report(u"Lab plan"_s).outcome, QString()); // not done yet
    queue.start();
    QTRY_COMPARE_WITH_TIMEOUT(finishedSpy.count(), 1, kGuardMs);

    const vlab::ReportNode root = queue.report(u"Lab plan"_s);
    QCOMPARE(root.title, u"Lab plan"_s);
    QCOMPARE(root.outcome, u"failed"_s);
    QCOMPARE(root.children.size(), size_t(4));
    QStringList titles, outcomes;
    for (const vlab::ReportNode &child : root.children) {
        titles << child.title;
        outcomes << child.outcome;
    }
    QCOMPARE(titles, (QStringList{u"Send request"_s, u"Check answer"_s, u"Never reached"_s, u"Roll back"_s}));
    QCOMPARE(outcomes, (QStringList{u"succeeded"_s, u"failed"_s, u"skipped"_s, u"succeeded"_s}));

    const vlab::ReportNode &sent = root.children.at(0);
    QCOMPARE(sent.description, u"Test job Send request"_s);
    QCOMPARE(sent.evidence.size(), 3);
    QCOMPARE(sent.evidence.at(0).kind, Evidence::Kind::Sent);
    QCOMPARE(sent.evidence.at(0).text, u"POST /api"_s);
    QCOMPARE(sent.evidence.at(0).detail, u"{\"x\":1}"_s);
    QVERIFY(sent.evidence.at(0).time.isValid());
    QCOMPARE(sent.evidence.at(1).kind, Evidence::Kind::Received);
    QCOMPARE(sent.evidence.at(2).kind, Evidence::Kind::Outcome);
    QVERIFY(sent.started.isValid());
    QVERIFY(sent.finished >= sent.started);

    const vlab::ReportNode &failed = root.children.at(1);
    QCOMPARE(failed.evidence.constLast().kind, Evidence::Kind::Outcome);
    QCOMPARE(failed.evidence.constLast().text, u"Check answer failed on purpose"_s);
    QCOMPARE(failed.evidence.constLast().detail, u"details of Check answer"_s);

    const vlab::ReportNode &skipped = root.children.at(2);
    QVERIFY(!skipped.started.isValid());
    QCOMPARE(skipped.evidence.size(), 1);
    QCOMPARE(skipped.evidence.at(0).kind, Evidence::Kind::Outcome);
    QVERIFY2(skipped.evidence.at(0).text.contains(u"Check answer"_s),
             qPrintable(skipped.evidence.at(0).text));

    QCOMPARE(root.started, sent.started);
    QCOMPARE(root.finished, root.children.at(3).finished);

    // The renderings carry the same tree.
    const QJsonObject json = root.toJson();
    QCOMPARE(json.value(u"outcome"_s).toString(), u"failed"_s);
    const QJsonArray children = json.value(u"children"_s).toArray();
    QCOMPARE(children.size(), 4);
    QCOMPARE(children.at(2).toObject().value(u"outcome"_s).toString(), u"skipped"_s);
    QCOMPARE(
        children.at(0).toObject().value(u"evidence"_s).toArray().at(0).toObject().value(u"kind"_s).toString(),
        u"sent"_s);
    const QString text = root.toText();
    QVERIFY(text.startsWith(u"Lab plan [failed]\n"_s));
    QVERIFY(text.contains(u"  Never reached [skipped]\n"_s));
}

// Destroying a queue while a worker runs cancels the work and waits for it, instead of
// leaving a thread behind or hanging.
void TestJobQueue::destroyingQueueStopsWorker()
{
    auto gate = std::make_shared<Gate>();
    auto queue = std::make_unique<JobQueue>();
    queue->addJob(new GatedThreadedJob(u"Worker"_s, gate));
    queue->start();
    QVERIFY(gate->entered.tryAcquire(1, kGuardMs));
    queue.reset();
    QVERIFY(gate->sawCancel.load());
}

void TestJobQueue::writePlanFiles_data()
{
    QTest::addColumn<QString>("subfolder");
    QTest::newRow("existing folder") << QString();
    QTest::newRow("folder created on the way") << u"projects/sslab"_s;
}

// The three files land in the folder, and each has a File evidence entry whose SHA-256 is
// that of the bytes on disk.
void TestJobQueue::writePlanFiles()
{
    QFETCH(QString, subfolder);

    QTemporaryDir tmp;
    QVERIFY2(tmp.isValid(), qPrintable(tmp.errorString()));
    const QString folder = subfolder.isEmpty() ? tmp.path() : tmp.filePath(subfolder);
    const vlab::LabPlan plan = vlab::examplePlan();
    QCOMPARE(vlab::WritePlanFilesJob::planFileName(plan), u"sslab.vlab.json"_s);

    JobQueue queue;
    auto *job = new vlab::WritePlanFilesJob(plan, folder);
    queue.addJob(job);
    QSignalSpy finishedSpy(&queue, &JobQueue::finished);
    queue.start();
    QVERIFY(finishedSpy.wait(kGuardMs));
    QCOMPARE(finishedSpy.at(0).at(0).toBool(), true);
    QVERIFY2(job->result().ok(), qPrintable(job->result().ok() ? QString() : job->result().error().message));
    QCOMPARE(job->state(), Job::State::Succeeded);

    const QDir dir(folder);
    const QStringList expected{u"sslab.vlab.json"_s, u"validation.txt"_s, u"validation.json"_s};
    QStringList recorded;
    for (const Evidence &e : job->report().evidence) {
        if (e.kind != Evidence::Kind::File)
            continue;
        const QFileInfo info(e.text);
        recorded << info.fileName();
        QCOMPARE(info.absoluteDir(), dir);
        QFile file(e.text);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(e.text));
        const QByteArray bytes = file.readAll();
        QVERIFY(!bytes.isEmpty());
        QCOMPARE(e.detail,
                 QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
    }
    QCOMPARE(recorded, expected);
    for (const QString &name : expected)
        QVERIFY2(dir.exists(name), qPrintable(name));
    // Nothing else (no leftover temporary files of the atomic writes).
    QCOMPARE(dir.entryList(QDir::Files, QDir::Name),
             (QStringList{u"sslab.vlab.json"_s, u"validation.json"_s, u"validation.txt"_s}));

    // The written plan reads back as the same plan.
    const Result<vlab::LabPlan> reloaded = vlab::loadPlanFile(dir.filePath(u"sslab.vlab.json"_s));
    QVERIFY(reloaded.ok());
    QVERIFY(*reloaded == plan);
}

// A folder that cannot be created fails the job with a clear error and writes nothing.
void TestJobQueue::writePlanFilesIntoAFile()
{
    QTemporaryDir tmp;
    QVERIFY2(tmp.isValid(), qPrintable(tmp.errorString()));
    const QString blocker = tmp.filePath(u"not-a-folder"_s);
    {
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write("x") == 1);
    }

    JobQueue queue;
    auto *job = new vlab::WritePlanFilesJob(vlab::examplePlan(), blocker + u"/inside"_s);
    queue.addJob(job);
    QSignalSpy finishedSpy(&queue, &JobQueue::finished);
    queue.start();
    QVERIFY(finishedSpy.wait(kGuardMs));
    QCOMPARE(finishedSpy.at(0).at(0).toBool(), false);
    QCOMPARE(job->state(), Job::State::Failed);
    QCOMPARE(job->result().error().code, u"file.mkdir"_s);
    for (const Evidence &e : job->report().evidence)
        QVERIFY(e.kind != Evidence::Kind::File);
}

// At most maxInFlight jobs of a bounded group run at any moment, and all of them run.
void TestJobQueue::boundedParallelGroup()
{
    JobQueue queue;
    QList<TestJob *> jobs;
    for (int i = 0; i < 6; ++i)
        jobs << new TestJob(u"J%1"_s.arg(i), TestJob::Finish::Manual);
    queue.addParallel({jobs.begin(), jobs.end()}, JobQueue::ParallelOptions{2, false});
    int running = 0, maxRunning = 0;
    connect(&queue, &JobQueue::jobStarted, this, [&] { maxRunning = std::max(maxRunning, ++running); });
    connect(&queue, &JobQueue::jobFinished, this, [&] { --running; });
    QSignalSpy finished(&queue, &JobQueue::finished);
    queue.start();
    QCOMPARE(running, 2);
    // Finish them in reverse start order, one at a time: each finish lets exactly one more in.
    for (int done = 0; done < 6; ++done) {
        TestJob *next = nullptr;
        for (TestJob *j : std::as_const(jobs)) {
            if (j->state() == Job::State::Running)
                next = j;
        }
        QVERIFY(next);
        next->complete();
        QVERIFY(running <= 2);
    }
    QVERIFY(finished.wait(kGuardMs));
    QCOMPARE(maxRunning, 2);
    for (TestJob *j : std::as_const(jobs))
        QCOMPARE(j->state(), Job::State::Succeeded);
}

// Independent checks: one failing neither stops its siblings nor the next stage, but the
// queue as a whole reports failure.
void TestJobQueue::independentGroupKeepsGoing()
{
    JobQueue queue;
    auto *a = new TestJob(u"A"_s, TestJob::Finish::ZeroTimer);
    auto *b = new TestJob(u"B"_s, TestJob::Finish::Synchronous, failure(u"B"_s));
    auto *c = new TestJob(u"C"_s, TestJob::Finish::ZeroTimer);
    auto *d = new TestJob(u"D"_s, TestJob::Finish::ZeroTimer);
    queue.addParallel({a, b, c}, JobQueue::ParallelOptions{2, true});
    queue.addJob(d);
    QSignalSpy finished(&queue, &JobQueue::finished);
    queue.start();
    QVERIFY(finished.wait(kGuardMs));
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(a->state(), Job::State::Succeeded);
    QCOMPARE(b->state(), Job::State::Failed);
    QCOMPARE(c->state(), Job::State::Succeeded);
    QCOMPARE(d->state(), Job::State::Succeeded);
}

// Cancelling a bounded group cancels the running job and skips those still waiting.
void TestJobQueue::cancelSkipsWaitingJobs()
{
    JobQueue queue;
    auto *a = new TestJob(u"A"_s, TestJob::Finish::Manual);
    auto *b = new TestJob(u"B"_s, TestJob::Finish::Manual);
    auto *c = new TestJob(u"C"_s, TestJob::Finish::Manual);
    queue.addParallel({a, b, c}, JobQueue::ParallelOptions{1, true});
    QSignalSpy finished(&queue, &JobQueue::finished);
    queue.start();
    QCOMPARE(a->state(), Job::State::Running);
    QCOMPARE(b->state(), Job::State::Pending);
    queue.cancel();
    QVERIFY(finished.wait(kGuardMs));
    QCOMPARE(a->state(), Job::State::Cancelled);
    QCOMPARE(b->state(), Job::State::Skipped);
    QCOMPARE(c->state(), Job::State::Skipped);
    QCOMPARE(b->runCalls(), 0);
    QVERIFY(queue.wasCancelled());
}

// A job that ran and found the lab already as planned (skippedResult) ends Skipped with its
// reason as the outcome: no failure, so the queue goes on, succeeds and counts it as done.
void TestJobQueue::workFindingNothingToDoIsSkipped_data()
{
    QTest::addColumn<How>("how");
    QTest::newRow("inside run()") << How::Synchronous;
    QTest::newRow("on the event loop") << How::ZeroTimer;
    QTest::newRow("on a worker") << How::Threaded;
}
void TestJobQueue::workFindingNothingToDoIsSkipped()
{
    QFETCH(How, how);
    const Result<void> skip = vlab::skippedResult(u"already as planned"_s, u"evidence"_s);
    Job *a = nullptr;
    if (how == How::Threaded) {
        auto gate = std::make_shared<Gate>();
        gate->proceed.release();
        a = new GatedThreadedJob(u"A"_s, gate, skip);
    } else {
        a = new TestJob(u"A"_s,
                        how == How::Synchronous ? TestJob::Finish::Synchronous : TestJob::Finish::ZeroTimer,
                        skip);
    }
    auto *b = new TestJob(u"B"_s, TestJob::Finish::ZeroTimer);
    JobQueue queue;
    queue.addJob(a);
    queue.addJob(b);
    QStringList events;
    recordEvents(queue, events);
    QSignalSpy finished(&queue, &JobQueue::finished);
    queue.start();
    QVERIFY(finished.wait(kGuardMs));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(events, (QStringList{u"start:A"_s, u"skipped:A"_s, u"start:B"_s, u"succeeded:B"_s}));
    QCOMPARE(a->state(), Job::State::Skipped);
    QCOMPARE(a->result().error().code, u"job.skipped"_s);
    QCOMPARE(a->report().outcome, u"skipped"_s);
    QVERIFY(a->report().started.isValid() && a->report().finished.isValid());
    QCOMPARE(a->report().evidence.constLast().kind, Evidence::Kind::Outcome);
    QCOMPARE(a->report().evidence.constLast().text, u"already as planned"_s);
    QCOMPARE(a->report().evidence.constLast().detail, u"evidence"_s);
    QCOMPARE(queue.progress(), 1.0);
}

QTEST_GUILESS_MAIN(TestJobQueue)
#include "tst_jobqueue.moc"
