#include "clicommon.h"

#include "core/atomicfile.h"
#include "plan/planjson.h"
#include "validate/planvalidator.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace vlab::cli {

void out(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stdout);
}

void err(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stderr);
}

// Parses a verb's own arguments. Returns false (and has printed why) on a usage error.
bool parseVerb(QCommandLineParser &parser, const QStringList &args, const QString &synopsis, int positionals,
               bool *helpShown)
{
    parser.setApplicationDescription(synopsis);
    const QCommandLineOption help({u"h"_s, u"help"_s}, CliTr::tr("Show this help."));
    parser.addOption(help);
    *helpShown = false;
    if (!parser.parse(args)) {
        err(CliTr::tr("vlab: %1\n%2\n").arg(parser.errorText(), synopsis));
        return false;
    }
    if (parser.isSet(help)) {
        // Qt's first line reads "Usage: <argv[0]> [options] ...", which lacks the verb; the
        // synopsis (the description line that follows) is the correct usage.
        QString text = parser.helpText();
        text.remove(0, text.indexOf(u'\n') + 1);
        out(text);
        *helpShown = true;
        return true;
    }
    // A negative count means "at least that many" (verbs that take several plans).
    if (positionals < 0 && parser.positionalArguments().size() < -positionals) {
        err(CliTr::tr("vlab: expected at least %n argument(s), got %1.\n%2\n", nullptr, -positionals)
                .arg(QString::number(parser.positionalArguments().size()), synopsis));
        return false;
    }
    if (positionals >= 0 && parser.positionalArguments().size() != positionals) {
        err(CliTr::tr("vlab: expected %n argument(s), got %1.\n%2\n", nullptr, positionals)
                .arg(QString::number(parser.positionalArguments().size()), synopsis));
        return false;
    }
    return true;
}

void printLoadError(const QString &file, const Error &error, bool json)
{
    if (json) {
        const QJsonObject o{
            {u"file"_s, file},
            {u"valid"_s, false},
            {u"loadError"_s,
             QJsonObject{{u"code"_s, error.code},
                         {u"message"_s, error.message},
                         {u"problems"_s,
                          QJsonArray::fromStringList(error.details.split(u'\n', Qt::SkipEmptyParts))}}}};
        out(QString::fromUtf8(QJsonDocument(o).toJson()));
        return;
    }
    err(u"vlab: "_s + error.message + u'\n');
    const QStringList problems = error.details.split(u'\n', Qt::SkipEmptyParts);
    if (problems.size() > 1) {
        for (const QString &p : problems)
            err(u"error   "_s + p + u'\n');
    }
}

QCommandLineOption ignoreFindingsOption()
{
    return QCommandLineOption(
        u"ignore-findings"_s,
        CliTr::tr("Write the files even though the plan has errors (they are still printed)."));
}

PlanCheck planOnlyCheck(const QCommandLineParser &parser)
{
    return parser.isSet(ignoreFindingsOption().names().constFirst()) ? PlanCheck::PlanOnlyIgnoringFindings
                                                                     : PlanCheck::PlanOnly;
}

std::optional<LabPlan> loadValidPlanOrReport(const QString &file, PlanCheck check, int *exitCode, bool json)
{
    Result<LabPlan> plan = loadPlanFile(file);
    if (!plan) {
        printLoadError(file, plan.error(), json);
        *exitCode = BadInput;
        return std::nullopt;
    }
    const Findings findings = validatePlan(*plan);
    const int errors = countSeverity(findings, Severity::Error);
    if (errors == 0) {
        *exitCode = Ok;
        return plan.value();
    }
    const bool ignore = check == PlanCheck::PlanOnlyIgnoringFindings;
    if (json && !ignore) {
        const QJsonObject o{{u"file"_s, file},
                            {u"valid"_s, false},
                            {u"errors"_s, errors},
                            {u"warnings"_s, countSeverity(findings, Severity::Warning)},
                            {u"findings"_s, findingsToJson(findings)}};
        out(QString::fromUtf8(QJsonDocument(o).toJson()));
    } else {
        for (const Finding &f : findings) {
            if (f.severity == Severity::Error)
                err(formatFinding(f) + u'\n');
        }
    }
    if (ignore) {
        err(CliTr::tr("vlab: %1 has %n error(s); written anyway, as --ignore-findings asks.\n", nullptr,
                      errors)
                .arg(file));
        *exitCode = Ok;
        return plan.value();
    }
    if (check == PlanCheck::Live)
        err(CliTr::tr(
                "vlab: %1 has %n error(s); nothing was done. Fix them first (vlab validate %1 shows every "
                "finding).\n",
                nullptr, errors)
                .arg(file));
    else
        err(CliTr::tr("vlab: %1 has %n error(s); nothing was written. Fix them (vlab validate %1 shows every "
                      "finding), or add --ignore-findings to write the plan-only files anyway.\n",
                      nullptr, errors)
                .arg(file));
    *exitCode = Problems;
    return std::nullopt;
}

bool writeOutput(const QString &target, const QByteArray &data, QFileDevice::Permissions permissions,
                 QString *path)
{
    if (!QDir().mkpath(QFileInfo(target).absolutePath())) {
        err(CliTr::tr("vlab: cannot create the folder of %1.\n").arg(target));
        return false;
    }
    const Result<WrittenFile> written = writeFileAtomically(target, data, permissions);
    if (!written) {
        err(u"vlab: "_s + written.error().message + u'\n');
        return false;
    }
    if (path)
        *path = written->path;
    return true;
}

} // namespace vlab::cli
