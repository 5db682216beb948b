#pragma once
// Finding: one thing the offline validation (or a later check) has to say about a plan
// field, addressed by its JSON path so the wizard can show it next to that field.

#include <QList>
#include <QString>

class QJsonArray;

namespace vlab {

enum class Severity { Error, Warning, Info };

struct Finding
{
    Severity severity = Severity::Error;
    QString path;    // JSON path of the field, "psc[1].ip"
    QString message; // what is wrong, for people
    QString hint;    // how to fix it, for people

    bool operator==(const Finding &) const = default;
};

using Findings = QList<Finding>;

QString severityName(Severity severity); // "error", "warning", "info" (stable, untranslated)
bool hasErrors(const Findings &findings);
int countSeverity(const Findings &findings, Severity severity);

// "error   psc[1].ip: ... Fix: ..." (severity and path first, one line).
QString formatFinding(const Finding &finding);
QJsonArray findingsToJson(const Findings &findings);

} // namespace vlab
