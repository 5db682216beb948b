// vlab: the command-line front end. Every verb is a thin wrapper over vlabcore calls, so the
// wizard and the CLI give the same answers.
//
// Exit codes: 0 success, 1 the plan (or the work) has problems, 2 bad input or usage.

#include "clicommon.h"

#include "audit/auditresult.h"
#include "clidispatch.h"
#include "clirunner.h"
#include "core/atomicfile.h"

#include "i18n/translations.h"

#include "jobs/jobqueue.h"
#include "jobs/journal.h"
#include "jobs/writefilesjob.h"
#include "net/opensslexit.h"
#include "plan/planjson.h"
#include "project/planartifacts.h"
#include "project/writeplanfilesjob.h"
#include "runbook/runbookjob.h"
#include "validate/planvalidator.h"
#include "validate/quickfix.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace vlab::cli {

Verb commandTable();

QString usage()
{
    return CliTr::tr("Usage: vlab <command> [options]\n"
                     "\n"
                     "Commands:\n")
        + helpLines(commandTable())
        + CliTr::tr("\n"
                    "Options for every command:\n"
                    "  --lang LANG                          language of the texts (vi), instead of the "
                    "system's\n"
                    "\n"
                    "Exit codes: 0 success, 1 problems found, 2 bad input or usage.\n"
                    "The live vCenter verbs read the password from VLAB_VC_PASSWORD; the psc verbs read\n"
                    "VLAB_ROOT_PASSWORD and VLAB_SSO_PASSWORD.\n"
                    "Run 'vlab COMMAND --help' for a command's options.\n");
}

int cmdValidate(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption format(u"format"_s, CliTr::tr("Output format: text (default) or json."),
                                    u"text|json"_s, u"text"_s);
    parser.addOption(format);
    const QCommandLineOption fix(u"fix"_s,
                                 CliTr::tr("Apply every fix the findings offer to PLAN, keeping the "
                                           "original as PLAN.bak, and report what changed."));
    parser.addOption(fix);
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file to check."));
    bool help = false;
    if (!parseVerb(parser, args, CliTr::tr("Usage: vlab validate PLAN [--fix] [--format text|json]"), 1,
                   &help))
        return BadInput;
    if (help)
        return Ok;
    const QString fmt = parser.value(format);
    if (fmt != u"text"_s && fmt != u"json"_s) {
        err(CliTr::tr("vlab: --format must be text or json, not \"%1\".\n").arg(fmt));
        return BadInput;
    }
    const bool json = fmt == u"json"_s;
    const QString file = parser.positionalArguments().constFirst();
    const Result<LabPlan> plan = loadPlanFile(file);
    if (!plan) {
        printLoadError(file, plan.error(), json);
        return BadInput;
    }
    LabPlan checked = *plan;
    QList<AppliedFix> applied;
    QString backup;
    if (parser.isSet(fix)) {
        const Result<LabPlan> fixed = applyFixes(*plan, &applied);
        if (!fixed) {
            err(CliTr::tr("vlab: %1\n").arg(fixed.error().message));
            return BadInput;
        }
        if (!applied.isEmpty()) {
            // The original bytes first, as they were; then the fixed plan, each written whole.
            backup = file + u".bak"_s;
            const Result<QByteArray> original = readFileLimited(file, kMaxPlanBytes);
            Result<WrittenFile> kept =
                original ? writeFileAtomically(backup, *original) : Result<WrittenFile>(original.error());
            if (!kept) {
                err(CliTr::tr("vlab: cannot keep the original as %1: %2 Nothing was changed.\n")
                        .arg(backup, kept.error().message));
                return Problems;
            }
            if (const Result<void> saved = savePlanFile(*fixed, file); !saved) {
                err(CliTr::tr("vlab: cannot write %1: %2 The original is kept as %3.\n")
                        .arg(file, saved.error().message, backup));
                return Problems;
            }
            checked = *fixed;
        }
    }
    auto compact = [](const QJsonValue &v) -> QString {
        if (v.isArray())
            return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
        if (v.isObject())
            return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        return v.toVariant().toString();
    };
    const Findings findings = validatePlan(checked);
    const int errors = countSeverity(findings, Severity::Error);
    const int warnings = countSeverity(findings, Severity::Warning);
    if (json) {
        QJsonObject o{{u"file"_s, file},
                      {u"valid"_s, errors == 0},
                      {u"errors"_s, errors},
                      {u"warnings"_s, warnings},
                      {u"findings"_s, findingsToJson(findings)}};
        // A finding's obvious fix, as data: the new value of its path.
        QJsonArray listed = o.value(u"findings"_s).toArray();
        for (qsizetype i = 0; i < findings.size() && i < listed.size(); ++i) {
            if (const QJsonValue value = fixFor(checked, findings.at(i)); !value.isUndefined()) {
                QJsonObject entry = listed.at(i).toObject();
                entry.insert(u"fix"_s, value);
                listed.replace(i, entry);
            }
        }
        o.insert(u"findings"_s, listed);
        if (parser.isSet(fix)) {
            QJsonArray fixed;
            for (const AppliedFix &a : std::as_const(applied))
                fixed.append(
                    QJsonObject{{u"path"_s, a.path}, {u"before"_s, a.before}, {u"after"_s, a.after}});
            o.insert(u"fixed"_s, fixed);
            if (!backup.isEmpty())
                o.insert(u"backup"_s, backup);
        }
        out(QString::fromUtf8(QJsonDocument(o).toJson()));
    } else {
        for (const AppliedFix &a : std::as_const(applied))
            out(CliTr::tr("fixed   %1: %2 -> %3\n").arg(a.path, compact(a.before), compact(a.after)));
        if (!backup.isEmpty())
            out(CliTr::tr("%1: %n fix(es) applied; the original is kept as %2\n", nullptr,
                          int(applied.size()))
                    .arg(file, backup));
        else if (parser.isSet(fix))
            out(CliTr::tr("%1: nothing to fix automatically\n").arg(file));
        for (const Finding &f : findings)
            out(formatFinding(f) + u'\n');
        out(CliTr::tr("%1: %2 error(s), %3 warning(s)\n")
                .arg(file, QString::number(errors), QString::number(warnings)));
    }
    return errors > 0 ? Problems : Ok;
}

int cmdInit(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption force(u"force"_s, CliTr::tr("Overwrite an existing plan file."));
    parser.addOption(force);
    parser.addPositionalArgument(u"DIR"_s, CliTr::tr("Folder for the new lab (created if missing)."));
    bool help = false;
    if (!parseVerb(parser, args, CliTr::tr("Usage: vlab init DIR [--force]"), 1, &help))
        return BadInput;
    if (help)
        return Ok;
    const QString dir = parser.positionalArguments().constFirst();
    if (QFileInfo(dir).exists() && !QFileInfo(dir).isDir()) {
        err(CliTr::tr("vlab: %1 exists and is not a folder.\n").arg(dir));
        return BadInput;
    }
    if (!QDir().mkpath(dir)) {
        err(CliTr::tr("vlab: cannot create the folder %1.\n").arg(dir));
        return BadInput;
    }
    const QString file = QDir(dir).filePath(QString::fromLatin1(kExamplePlanFileName));
    if (QFileInfo::exists(file) && !parser.isSet(force)) {
        err(CliTr::tr("vlab: %1 already exists; use --force to overwrite it.\n").arg(file));
        return BadInput;
    }
    if (const Result<void> saved = savePlanFile(examplePlan(), file); !saved) {
        err(u"vlab: "_s + saved.error().message + u'\n');
        return BadInput;
    }
    out(CliTr::tr("Wrote %1\nNext: vlab validate %1\n").arg(file));
    return Ok;
}

int cmdGenerate(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption output({u"o"_s, u"output"_s}, CliTr::tr("Folder for the artifacts."), u"DIR"_s);
    parser.addOption(output);
    parser.addOption(ignoreFindingsOption());
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    if (!parseVerb(parser, args, CliTr::tr("Usage: vlab generate PLAN -o DIR [--ignore-findings]"), 1, &help))
        return BadInput;
    if (help)
        return Ok;
    if (!parser.isSet(output)) {
        err(CliTr::tr("vlab: generate needs an output folder: -o DIR\n"));
        return BadInput;
    }
    const QString planFile = parser.positionalArguments().constFirst();
    int exitCode = Ok;
    const std::optional<LabPlan> plan = loadValidPlanOrReport(planFile, planOnlyCheck(parser), &exitCode);
    if (!plan)
        return exitCode;
    const QString folder = parser.value(output);
    // DIR may hold another plan under the name this one is saved as (another lab's, or another
    // version of this lab): it is never overwritten (#14, finding 7). The plan itself, or a copy
    // that loads as the same plan, is written again as usual.
    const QString planTarget = QDir(folder).filePath(WritePlanFilesJob::planFileName(*plan));
    const QFileInfo target(planTarget);
    if (target.exists() && target.canonicalFilePath() != QFileInfo(planFile).canonicalFilePath()) {
        const Result<LabPlan> there = loadPlanFile(planTarget);
        if (!there || *there != *plan) {
            err(CliTr::tr("vlab: %1 holds another plan, which generate would overwrite; nothing was written. "
                          "Write into another folder, or move that plan away first.\n")
                    .arg(QDir::toNativeSeparators(planTarget)));
            return BadInput;
        }
    }
    if (!QDir().mkpath(folder)) {
        err(CliTr::tr("vlab: cannot create the output folder %1.\n").arg(folder));
        return BadInput;
    }
    JobQueue queue;
    queue.addJob(new WritePlanFilesJob(*plan, folder));
    QStringList skipped;
    const QList<Artifact> artifacts = planOnlyArtifacts(*plan, folder, &skipped);
    queue.addJob(new WriteFilesJob(CliTr::tr("Write the plan-only artifacts of every step"), artifacts));
    auto *runbook = new RunbookJob(*plan, {}, QDir(folder).filePath(u"runbook.pdf"_s),
                                   QDir(folder).filePath(u"runbook.md"_s));
    // When DIR is the project folder, the live runs journaled there go into the runbook too.
    runbook->setJournalPath(QDir(folder).filePath(RunJournal::fileName()));
    runbook->setAuditPath(QDir(folder).filePath(QString::fromLatin1(kAuditResultsFile)));
    queue.addJob(runbook);
    CliRunner runner(&queue, CliTr::tr("Write plan files"), QFileInfo(planFile).absolutePath());
    if (!runner.run())
        return Problems;
    for (const QString &reason : std::as_const(skipped))
        err(CliTr::tr("not written: %1\n").arg(reason));
    out(CliTr::tr("Wrote %n artifact(s) into %1\n", nullptr, int(artifacts.size() + 5)).arg(folder));
    return Ok;
}

// Every verb of vlab, in the order `vlab help` lists them.
Verb commandTable()
{
    const auto verb = [](const QString &name, const QString &synopsis, const QString &summary,
                         int (*run)(const QStringList &)) {
        return Verb{{name},  synopsis,
                    summary, [run](const QString &, const QStringList &args) { return run(args); },
                    {},      {}};
    };
    Verb root = verbGroup(QString(), {}, usage);
    root.verbs = {
        verb(u"validate"_s, u"validate PLAN [--fix] [--format text|json]"_s,
             CliTr::tr(
                 "check a lab plan offline; --fix applies the obvious fixes (original kept as PLAN.bak)"),
             cmdValidate),
        verb(u"init"_s, u"init DIR [--force]"_s, CliTr::tr("write the example lab plan into DIR"), cmdInit),
        verb(u"generate"_s, u"generate PLAN -o DIR [--ignore-findings]"_s,
             CliTr::tr("write every plan-only artifact into DIR"), cmdGenerate),
        certVerbs(),
        verb(u"precheck"_s, u"precheck PLAN [--only dns,ports,ntp,tls] [--format text|json] [--timeout MS]"_s,
             CliTr::tr("live checks of DNS, ports, NTP and TLS"), cmdPrecheck),
        netscalerVerbs(),
        vcsaVerbs(),
        vdsVerbs(),
        vcenterVerbs(),
        vchaVerbs(),
        verb(u"runbook"_s, u"runbook PLAN -o FILE.pdf [--markdown FILE.md] [--precheck FILE]"_s,
             CliTr::tr("the whole lab as a runbook to follow or file"), cmdRunbook),
        diagVerbs(),
        pscVerbs(),
        verb(
            u"audit"_s,
            u"audit PLAN [--only dns,certs,netscaler,psc,vcenter,vcha,vds,tcp] [--format text|json] [--timeout MS] [--nsip ADDR[:PORT]] [--ns-user NAME] [--vcenter HOST[:PORT]] [--vc-user USER]"_s,
            CliTr::tr("read-only: does the built lab still match the plan?"), cmdAudit),
        exportVerbs(),
        verb(
            u"run"_s,
            u"run PLAN [--steps LIST|all] [--from STEP] [--yes] [--dry-run] [--iso DIR] [--nsip ADDR[:PORT]] [--vcenter HOST[:PORT]]"_s,
            CliTr::tr("build the whole lab: every live step in order, at the same time where the lab allows"),
            cmdRun),
        verb(u"help"_s, u"help [COMMAND]"_s, CliTr::tr("show help"),
             [](const QStringList &) {
                 out(usage());
                 return int(Ok);
             }),
    };
    return root;
}

} // namespace vlab::cli

int main(int argc, char *argv[])
{
    using namespace vlab::cli;
    // Before anything uses OpenSSL: Qt's HTTP thread may still be ending when main() returns.
    vlab::skipOpenSslCleanupAtExit();
    // The runbook lays out text with fonts, which needs a QGuiApplication; without a display it
    // uses the offscreen platform. Every other verb stays a plain QCoreApplication.
    // The first two arguments other than --lang decide (the verb, or "help VERB").
    bool needsFonts = false;
    for (int i = 1, seen = 0; i < argc && seen < 2; ++i) {
        if (qstrcmp(argv[i], "--lang") == 0) {
            ++i;
            continue;
        }
        if (qstrncmp(argv[i], "--lang=", 7) == 0)
            continue;
        ++seen;
        // `vlab run` writes the runbook at its end; `vlab vcsa run` is another verb.
        needsFonts = needsFonts || qstrcmp(argv[i], "runbook") == 0 || qstrcmp(argv[i], "generate") == 0
            || (seen == 1 && qstrcmp(argv[i], "run") == 0);
    }
    if (needsFonts && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app(needsFonts ? new QGuiApplication(argc, argv)
                                                     : new QCoreApplication(argc, argv));
    QCoreApplication::setApplicationName(u"vlab"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(VLAB_VERSION));

    // --lang may stand anywhere; the verbs' own parsers never see it.
    QStringList args = QCoreApplication::arguments();
    const std::optional<QString> language = vlab::languageOption(args);
    if (language && language->isEmpty()) {
        err(CliTr::tr("vlab: --lang needs a language, for example --lang vi.\n"));
        return BadInput;
    }
    if (vlab::installTranslations(language.value_or(QString())).isEmpty() && language
        && !language->startsWith(u"en"_s))
        err(CliTr::tr("vlab: there is no translation for \"%1\"; the texts stay in English.\n")
                .arg(*language));
    args = vlab::withoutLanguageOption(args);
    if (args.size() > 1 && (args.at(1) == u"--version"_s || args.at(1) == u"-v"_s)) {
        out(u"vlab "_s + QCoreApplication::applicationVersion() + u'\n');
        return Ok;
    }
    const int code = dispatch(commandTable(), args);
    // A report that could not be written (full disk, closed pipe) is not a success.
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
        err(CliTr::tr("vlab: cannot write the output.\n"));
        return BadInput;
    }
    return code;
}
