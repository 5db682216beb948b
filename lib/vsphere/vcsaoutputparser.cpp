#include "vsphere/vcsaoutputparser.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vlab {

VcsaOutputParser::Update VcsaOutputParser::feed(const QString &rawLine)
{
    static const QRegularExpression start(
        u"^\\[START\\]\\s+Start executing Task:\\s*(.*?)(?:\\s+at\\s+\\d\\d:\\d\\d:\\d\\d)?\\s*$"_s);
    static const QRegularExpression progress(
        u"^Task:\\s*(.*?)\\.?\\s*\\((RUNNING|SUCCEEDED|FAILED)\\s+(\\d+)\\s*/\\s*(\\d+)\\)"_s);
    static const QRegularExpression failed(u"^\\[FAILED\\]\\s+Task:\\s*(.*?)\\s+execution failed"_s);
    static const QRegularExpression because(
        u"^Task\\s+'(.*)'\\s+execution failed because\\s+\\[(.*?)\\](?:,\\s*possible resolution is\\s+\\[(.*)\\])?\\s*$"_s);
    static const QRegularExpression workflow(u"^WorkFlow log directory:\\s*(.+?)\\s*$"_s);

    Update update;
    // The regular expressions take seconds on some very long lines ("Task:", 200,000 spaces and
    // no closing parenthesis: 6 to 12 s; found by fuzzing). The installer's own lines are short,
    // so a longer one is plain output.
    if (rawLine.size() > kMaxParsedLineLength)
        return update;
    const QString line = rawLine.trimmed();
    if (line.isEmpty())
        return update;
    if (const auto m = workflow.match(line); m.hasMatch()) {
        m_workflowLogDir = m.captured(1);
    } else if (const auto m = progress.match(line); m.hasMatch()) {
        const qreal total = m.captured(4).toDouble();
        if (total > 0)
            update.progress = qBound(0.0, m.captured(3).toDouble() / total, 1.0);
        update.status = m.captured(1);
    } else if (const auto m = start.match(line); m.hasMatch()) {
        update.status = m.captured(1);
    } else if (const auto m = because.match(line); m.hasMatch()) {
        m_failedTask = m.captured(1);
        m_failureReason = m.captured(2);
        m_failureHint = m.captured(3);
    } else if (const auto m = failed.match(line); m.hasMatch()) {
        if (m_failedTask.isEmpty())
            m_failedTask = m.captured(1);
    } else if (line.startsWith(u"Successfully completed VCSA deployment"_s)) {
        m_completed = true;
        update.progress = 1.0;
        update.status = line;
    } else if (line.startsWith(u"Error occurred. See logs for details"_s)) {
        m_errorOccurred = true;
    } else if (line == u"VCSA Deployment is still running"_s) {
        update.status = line;
    }
    return update;
}

} // namespace vlab
