#include "precheck/checkjob.h"

#include "core/tr.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace vlab {

QString checkStatusName(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pass:
        return u"pass"_s;
    case CheckStatus::Warn:
        return u"warn"_s;
    case CheckStatus::Fail:
        return u"fail"_s;
    case CheckStatus::NoAnswer:
        return u"no-answer"_s;
    case CheckStatus::Cancelled:
        return u"cancelled"_s;
    case CheckStatus::NotRun:
        return u"not-run"_s;
    }
    return u"fail"_s;
}

bool isProblem(CheckStatus status)
{
    return status != CheckStatus::Pass && status != CheckStatus::Warn;
}

CheckResult CheckJob::outcome() const
{
    if (m_concluded)
        return m_check;
    CheckResult notRun = m_check;
    notRun.status = CheckStatus::NotRun;
    notRun.message = Tr::tr("Not run: the run ended before this check started.");
    return notRun;
}

QJsonObject CheckResult::toJson() const
{
    return QJsonObject{{u"category"_s, category}, {u"node"_s, node},
                       {u"target"_s, target},     {u"status"_s, checkStatusName(status)},
                       {u"message"_s, message},   {u"hint"_s, hint},
                       {u"detail"_s, detail},     {u"elapsedMs"_s, elapsedMs}};
}

CheckJob::CheckJob(const QString &category, const QString &node, const QString &target, int timeoutMs,
                   QObject *parent)
    : Job(Tr::tr("%1: %2").arg(category, target), node, parent)
    , m_timeoutMs(timeoutMs)
{
    m_check.category = category;
    m_check.node = node;
    m_check.target = target;
    setKey(u"precheck.%1.%2"_s.arg(category, target)); // the category is a stable name ("dns")
    m_timer.setSingleShot(true);
    // The time limit is the outcome ("no answer within N ms"): a coarse timer may fire up to
    // 5% early.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!m_concluded)
            timedOut();
    });
}

void CheckJob::run()
{
    m_elapsed.start();
    m_timer.start(m_timeoutMs);
    setProgress(0.1, Tr::tr("Checking %1").arg(m_check.target));
    begin();
}

void CheckJob::onCancel()
{
    m_timer.stop();
    abort();
    if (m_concluded)
        return;
    // Stopped while waiting for an answer: cancelled, not failed and not missing.
    m_concluded = true;
    m_check.status = CheckStatus::Cancelled;
    m_check.elapsedMs = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
    m_check.message =
        Tr::tr("Cancelled after %1 ms, before an answer.").arg(QString::number(m_check.elapsedMs));
    m_check.hint.clear();
    mutableReport().add(Evidence::Kind::Note, m_check.message);
    Q_EMIT checked(m_check);
    finish(makeError(u"job.cancelled"_s, Tr::tr("Cancelled.")));
}

void CheckJob::conclude(CheckStatus status, const QString &message, const QString &hint,
                        const QString &detail)
{
    if (m_concluded)
        return;
    m_concluded = true;
    m_timer.stop();
    m_check.status = status;
    m_check.message = message;
    m_check.hint = hint;
    m_check.detail = detail;
    m_check.elapsedMs = m_elapsed.elapsed();
    mutableReport().add(Evidence::Kind::Received, message, detail);
    Q_EMIT checked(m_check);
    if (isProblem(status))
        finish(makeError(status == CheckStatus::NoAnswer ? u"precheck.noanswer"_s : u"precheck.failed"_s,
                         message, hint));
    else
        finish({});
}

} // namespace vlab
