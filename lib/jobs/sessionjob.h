#pragma once
// SessionJob: a job that works inside login sessions on a remote API (a vCenter REST or SOAP
// session, a NITRO login). Every path that ends the work (success, an error, a cancel) goes
// through end(), which acts once: it logs out of the sessions that are open (the newest
// first; a failing logout is noted and never changes the outcome), then finishes the job.
// The clients the job drives write what they send and receive into its report through
// evidenceSink().

#include "jobs/job.h"

#include <QList>

#include <functional>

namespace vlab {

class SessionJob : public Job
{
    Q_OBJECT
public:
    using Job::Job;

protected:
    using LoggedOut = std::function<void(Result<void>)>;
    // A session end() closes: `isOpen` is asked with the outcome (a session may be left to
    // its own timeout after a transport failure); `logout` must call its argument once.
    void addSession(std::function<bool(const Result<void> &outcome)> isOpen,
                    std::function<void(LoggedOut loggedOut)> logout);
    // Logs out of the open sessions, then finishes with `result`. Later calls do nothing.
    void end(Result<void> result);
    bool isEnding() const { return m_ending; }
    // Ends with "job.cancelled" when a cancel was asked for; returns whether it did.
    bool endIfCancelled();
    // Writes into this job's report.
    EvidenceSink evidenceSink();
    // A line in the report and the log.
    void note(const QString &text);

private:
    struct Session
    {
        std::function<bool(const Result<void> &)> isOpen;
        std::function<void(LoggedOut)> logout;
    };
    void closeFrom(qsizetype index, Result<void> result);

    QList<Session> m_sessions;
    bool m_ending = false;
};

} // namespace vlab
