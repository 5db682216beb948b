#pragma once
// OutcomeCheck: what is true in the lab now about a lab-changing job that was cut off half way
// (the program ended while it ran), found by a read-only look before a resume is offered: is
// its installer still running, does the appliance answer as itself, which NetScaler objects
// exist. The run session asks each such job for an OutcomeProbe (Job::outcomeProbe()), runs the
// probes, and the resume question offers only what fits the answers (see resumeOptions()).

#include <QString>

#include <functional>

namespace vlab {

class Job;

struct OutcomeCheck
{
    enum class Verdict {
        Unknown, // could not be checked (no probe, no answer from the peer, not trusted)
        Absent,  // nothing of the change is there
        Partial, // some of it is there
        Present, // the change holds
        Busy,    // the work is still going on outside this program (an installer still runs)
    };
    Verdict verdict = Verdict::Unknown;
    QString fact;            // for people: what was found, and where
    bool repeatable = false; // running the job again on top of what is there is harmless
};

// A read-only job that finds the outcome, and how its finished state reads as a check.
struct OutcomeProbe
{
    Job *job = nullptr; // owned by whoever runs it
    std::function<OutcomeCheck(const Job &finished)> read;
    bool isValid() const { return job && read; }
};

} // namespace vlab
