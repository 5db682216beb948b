#pragma once
// Shared pieces of the vlab verbs: exit codes, output, per-verb argument parsing.

#include "core/result.h"
#include "plan/labplan.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileDevice>
#include <QString>

#include <optional>
#include <utility>

namespace vlab {
struct VcsaSecrets;
}

namespace vlab::cli {

struct Verb;

// 0 success, 1 problems found (validation, verification, failed work), 2 bad input or usage.
enum Exit { Ok = 0, Problems = 1, BadInput = 2 };

struct CliTr
{
    Q_DECLARE_TR_FUNCTIONS(vlab_cli)
};

void out(const QString &text);
void err(const QString &text);

// Parses a verb's own arguments (args[0] is the program). Returns false, having printed why,
// on a usage error; sets *helpShown when --help was asked for (and printed). `positionals`
// is the exact number of positional arguments, or minus the least number.
bool parseVerb(QCommandLineParser &parser, const QStringList &args, const QString &synopsis, int positionals,
               bool *helpShown);

// Prints a plan that could not be loaded: the message, then every problem on its own line.
void printLoadError(const QString &file, const Error &error, bool json);

// Every verb that takes a PLAN validates it first. Live verbs and generators refuse a plan with
// errors (exit 1, the errors printed, nothing written, nothing sent); a generator of plan-only
// files writes them anyway when a person asks for it knowingly with --ignore-findings (the
// errors are still printed).
enum class PlanCheck {
    Live,                    // refuse: nothing is done, nothing sent
    PlanOnly,                // refuse: nothing is written; --ignore-findings is offered
    PlanOnlyIgnoringFindings // written anyway, the errors printed as a warning
};

// Loads and validates a plan. Returns it when it may be used; otherwise prints why (as JSON on
// stdout when `json`) and sets *exitCode: 2 the file cannot be loaded, 1 the plan has errors.
std::optional<LabPlan> loadValidPlanOrReport(const QString &file, PlanCheck check, int *exitCode,
                                             bool json = false);

// --ignore-findings, for the verbs that write plan-only files, and what it asks for.
QCommandLineOption ignoreFindingsOption();
PlanCheck planOnlyCheck(const QCommandLineParser &parser);

// Writes an output file atomically, creating its folder; prints the error and returns false
// when it cannot. On success *path (if given) holds the written path.
bool writeOutput(const QString &target, const QByteArray &data, QFileDevice::Permissions permissions = {},
                 QString *path = nullptr);

// The passwords vcsa-deploy needs (VLAB_ROOT_PASSWORD, VLAB_SSO_PASSWORD, VLAB_TARGET_PASSWORD or
// the target's own), from the environment or asked for; nullopt having said what is wrong.
std::optional<VcsaSecrets> vcsaSecretsFromEnvironment(const LabPlan &plan);

// The verbs (clidispatch.h): single verbs, and the groups with their tables.
int cmdPrecheck(const QStringList &args);
int cmdRunbook(const QStringList &args);
int cmdAudit(const QStringList &args);
int cmdRun(const QStringList &args);
Verb certVerbs();
Verb netscalerVerbs();
Verb vcsaVerbs();
Verb vdsVerbs();
Verb vcenterVerbs();
Verb vchaVerbs();
Verb diagVerbs();
Verb pscVerbs();
Verb exportVerbs();

} // namespace vlab::cli
