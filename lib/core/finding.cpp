#include "core/finding.h"

#include "core/quoting.h"
#include "core/tr.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vlab {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return u"error"_s;
    case Severity::Warning:
        return u"warning"_s;
    case Severity::Info:
        return u"info"_s;
    }
    return u"error"_s;
}

bool hasErrors(const Findings &findings)
{
    return std::any_of(findings.cbegin(), findings.cend(),
                       [](const Finding &f) { return f.severity == Severity::Error; });
}

int countSeverity(const Findings &findings, Severity severity)
{
    return int(std::count_if(findings.cbegin(), findings.cend(),
                             [severity](const Finding &f) { return f.severity == severity; }));
}

QString formatFinding(const Finding &f)
{
    // One line whatever the plan holds: a value quoted in a message shows its control
    // characters as escapes (\n, \x1b), so it can neither break the line nor reach the terminal.
    QString line =
        severityName(f.severity).leftJustified(8) + printable(f.path) + u": "_s + printable(f.message);
    if (!f.hint.isEmpty())
        line += u" "_s + Tr::tr("Fix: %1").arg(printable(f.hint));
    return line;
}

QJsonArray findingsToJson(const Findings &findings)
{
    QJsonArray array;
    for (const Finding &f : findings) {
        array.append(QJsonObject{{u"severity"_s, severityName(f.severity)},
                                 {u"path"_s, f.path},
                                 {u"message"_s, f.message},
                                 {u"hint"_s, f.hint}});
    }
    return array;
}

} // namespace vlab
