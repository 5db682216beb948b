#pragma once
// VcsaOutputParser: reads the VCSA CLI installer's (vcsa-deploy) output line by line and
// keeps what the runner needs: a progress figure within the current phase, a status line
// for people, the failed task with its reason and hint, and the WorkFlow log directory.
// The line forms are those of reference/domain-facts.md "vcsa-deploy": "[START] Start
// executing Task: ...", "Task: <text>.(RUNNING 55/100)", "[FAILED] Task: <name> execution
// failed at ...", "Task '<name>' execution failed because [<reason>], possible resolution is
// [<hint>]", "Successfully completed VCSA deployment.", "WorkFlow log directory: <dir>",
// "Error occurred. See logs for details." (seen on 7.x/8.x; 6.7's exact form is unverified,
// so anything else is kept as plain output and never fails the parse).

#include <QString>

#include <optional>

namespace vlab {

class VcsaOutputParser
{
public:
    // Longer lines are kept as plain output and not parsed (the installer's lines are far shorter).
    static constexpr qsizetype kMaxParsedLineLength = 16384;

    // What one line changed; empty fields: no change.
    struct Update
    {
        std::optional<qreal> progress; // 0..1 within the running phase
        QString status;                // a line for people ("Install required RPMs ...")
    };

    Update feed(const QString &line);

    QString workflowLogDir() const { return m_workflowLogDir; }
    QString failedTask() const { return m_failedTask; }
    QString failureReason() const { return m_failureReason; }
    QString failureHint() const { return m_failureHint; }
    bool completed() const { return m_completed; }         // "Successfully completed VCSA deployment."
    bool errorOccurred() const { return m_errorOccurred; } // "Error occurred. See logs for details."

private:
    QString m_workflowLogDir;
    QString m_failedTask;
    QString m_failureReason;
    QString m_failureHint;
    bool m_completed = false;
    bool m_errorOccurred = false;
};

} // namespace vlab
