#include "jobs/job.h"

#include "core/tr.h"
#include "jobs/outcomecheck.h"

using namespace Qt::StringLiterals;

namespace vlab {

QString jobStateName(Job::State state)
{
    switch (state) {
    case Job::State::Pending:
        return u"pending"_s;
    case Job::State::Running:
        return u"running"_s;
    case Job::State::Succeeded:
        return u"succeeded"_s;
    case Job::State::Failed:
        return u"failed"_s;
    case Job::State::Cancelled:
        return u"cancelled"_s;
    case Job::State::Skipped:
        return u"skipped"_s;
    }
    return {};
}

Error skippedResult(const QString &reason, const QString &details)
{
    return makeError(u"job.skipped"_s, reason, details);
}

Job::Job(QString title, QString description, QObject *parent)
    : QObject(parent)
{
    m_report.title = std::move(title);
    m_report.description = std::move(description);
    m_timeoutTimer.setSingleShot(true);
    m_graceTimer.setSingleShot(true);
    connect(&m_timeoutTimer, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        log(u"Timed out after %1 s"_s.arg(double(m_timeout.count()) / 1000.0));
        cancel();
    });
    connect(&m_graceTimer, &QTimer::timeout, this, &Job::giveUp);
}

Job::~Job() = default;

OutcomeProbe Job::outcomeProbe() const
{
    return {};
}

void Job::start()
{
    if (m_state != State::Pending)
        return;
    m_state = State::Running;
    m_report.started = QDateTime::currentDateTimeUtc();
    Q_EMIT started();
    if (m_timeout.count() > 0)
        m_timeoutTimer.start(m_timeout);
    if (m_cancelRequested.load()) {
        finish(makeError(u"job.cancelled"_s, Tr::tr("Cancelled before it started.")));
        return;
    }
    run();
}

void Job::cancel()
{
    if (isFinished() || m_cancelRequested.exchange(true))
        return;
    // From here on the cancel grace governs: a job still winding down when its time limit
    // passes was cancelled, not timed out. (A timeout cancels through here, too.)
    m_timeoutTimer.stop();
    if (m_state == State::Running) {
        m_graceTimer.start(m_cancelGrace);
        onCancel();
    }
}

void Job::markSkipped(const QString &reason)
{
    if (m_state != State::Pending)
        return;
    m_state = State::Skipped;
    m_result = makeError(u"job.skipped"_s, reason);
    m_report.outcome = jobStateName(m_state);
    m_report.add(Evidence::Kind::Outcome, reason);
    m_progress = 1.0;
    Q_EMIT finished();
}

void Job::setProgress(qreal progress, const QString &status)
{
    if (isFinished())
        return;
    m_progress = qBound(0.0, progress, 1.0);
    if (!status.isEmpty())
        m_status = status;
    Q_EMIT progressChanged(m_progress, m_status);
}

void Job::log(const QString &line)
{
    Q_EMIT logLine(line);
}

void Job::finish(Result<void> result)
{
    if (m_state != State::Running)
        return; // a late result after the job was given up, or a second call: ignored
    m_timeoutTimer.stop();
    m_graceTimer.stop();
    if (m_timedOut) {
        result = makeError(u"job.timeout"_s,
                           Tr::tr("\"%1\" did not finish within %2 s.")
                               .arg(title(), QString::number(double(m_timeout.count()) / 1000.0)),
                           result.ok() ? QString() : result.error().details);
        m_state = State::Failed;
    } else if (result.ok()) {
        m_state = State::Succeeded;
        m_progress = 1.0;
    } else if (result.error().code == u"job.skipped"_s && !m_cancelRequested.load()) {
        m_state = State::Skipped; // nothing to do: the work found the lab as planned
        m_progress = 1.0;
    } else {
        m_state = m_cancelRequested.load() ? State::Cancelled : State::Failed;
    }
    m_result = std::move(result);
    m_report.finished = QDateTime::currentDateTimeUtc();
    m_report.outcome = jobStateName(m_state);
    m_report.add(Evidence::Kind::Outcome, m_result.ok() ? Tr::tr("Succeeded") : m_result.error().message,
                 m_result.ok() ? QString() : m_result.error().details);
    if (!m_result.ok())
        log(m_result.error().message);
    Q_EMIT progressChanged(m_progress, m_status);
    Q_EMIT finished();
}

void Job::giveUp()
{
    finish(makeError(u"job.unresponsive"_s,
                     Tr::tr("\"%1\" did not stop within %2 s of being cancelled; it was abandoned.")
                         .arg(title(), QString::number(double(m_cancelGrace.count()) / 1000.0))));
}

} // namespace vlab
