#include "jobs/sessionjob.h"

#include "core/tr.h"

using namespace Qt::StringLiterals;

namespace vlab {

void SessionJob::addSession(std::function<bool(const Result<void> &)> isOpen,
                            std::function<void(LoggedOut)> logout)
{
    m_sessions.append({std::move(isOpen), std::move(logout)});
}

void SessionJob::end(Result<void> result)
{
    if (m_ending)
        return;
    m_ending = true;
    closeFrom(m_sessions.size() - 1, std::move(result));
}

void SessionJob::closeFrom(qsizetype index, Result<void> result)
{
    for (; index >= 0; --index) {
        const Session &session = m_sessions.at(index);
        if (!session.isOpen(result))
            continue;
        setProgress(progress(), Tr::tr("Closing the session"));
        session.logout([this, index, result = std::move(result)](Result<void> loggedOut) mutable {
            if (!loggedOut) {
                mutableReport().add(Evidence::Kind::Note, Tr::tr("Logout failed"), loggedOut.error().message);
                log(Tr::tr("Logout failed (%1); the session ends by its own timeout.")
                        .arg(loggedOut.error().message));
            }
            closeFrom(index - 1, std::move(result));
        });
        return;
    }
    finish(std::move(result));
}

bool SessionJob::endIfCancelled()
{
    // A cancel between two requests (none in flight to abort) is seen by the next step.
    if (!isCancelRequested())
        return false;
    end(makeError(u"job.cancelled"_s, Tr::tr("Cancelled.")));
    return true;
}

EvidenceSink SessionJob::evidenceSink()
{
    return [this](Evidence::Kind kind, const QString &text, const QString &detail) {
        mutableReport().add(kind, text, detail);
    };
}

void SessionJob::note(const QString &text)
{
    mutableReport().add(Evidence::Kind::Note, text);
    log(text);
}

} // namespace vlab
