// vlab netscaler ...: the PSC load-balancing configuration for a Citrix NetScaler.

#include "clicommon.h"
#include "clidispatch.h"

#include "clirunner.h"
#include "core/atomicfile.h"
#include "jobs/jobqueue.h"
#include "jobs/journal.h"
#include "net/tlstrust.h"
#include "net/trustedpins.h"
#include "netscaler/lbconfig.h"
#include "netscaler/netscaleractions.h"
#include "netscaler/nitroapplyjob.h"
#include "netscaler/nitrodiffjob.h"
#include "netscaler/nitrorecord.h"
#include "netscaler/nitrorollbackjob.h"
#include "netscaler/nitroverifyjob.h"
#include "secretprompt.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace vlab::cli {

namespace {

QString netscalerUsage()
{
    return CliTr::tr(
        "Usage: vlab netscaler batch PLAN -o FILE [--rollback FILE] [--ignore-findings]\n"
        "       vlab netscaler diff|apply|verify|rollback PLAN --nsip ADDR[:PORT] --user NAME\n"
        "                      [--fingerprint SHA256] [--dry-run] [--timeout SECONDS]\n"
        "\n"
        "  batch     write the NetScaler CLI batch file (servers, services, virtual servers,\n"
        "            bindings, persistency group, save ns config) and optionally the\n"
        "            batch that removes the same objects again\n"
        "  diff      compare the NetScaler with the plan over NITRO (read only)\n"
        "  apply     create what is missing (bulk requests), then save the configuration;\n"
        "            conflicting objects are reported and never changed; on a failure\n"
        "            everything this run created is removed again. --dry-run = diff\n"
        "  verify    check that services and virtual servers are UP and the persistency\n"
        "            group is as planned\n"
        "  rollback  remove what 'apply' recorded as created on that NetScaler\n"
        "\n"
        "The password comes from VLAB_NS_PASSWORD or a prompt, never from an argument. The NSIP's\n"
        "certificate must be trusted, or its SHA-256 fingerprint confirmed once with\n"
        "--fingerprint (kept in vlab-trust.json next to the plan). What apply created\n"
        "is recorded in netscaler-created-HOST.json next to the plan.\n"
        "Every verb refuses a plan with errors; batch writes it anyway with --ignore-findings.\n"
        "\n"
        "Exit codes: 0 success, 1 failed, drift found or a plan with errors, 2 bad input or usage.\n");
}

int netscalerBatch(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption output({u"o"_s, u"output"_s}, CliTr::tr("The batch file to write."), u"FILE"_s);
    const QCommandLineOption rollback(u"rollback"_s, CliTr::tr("Also write the rollback batch to FILE."),
                                      u"FILE"_s);
    parser.addOptions({output, rollback, ignoreFindingsOption()});
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    const QString synopsis =
        CliTr::tr("Usage: vlab netscaler batch PLAN -o FILE [--rollback FILE] [--ignore-findings]");
    if (!parseVerb(parser, args, synopsis, 1, &help))
        return BadInput;
    if (help)
        return Ok;
    if (!parser.isSet(output)) {
        err(CliTr::tr("vlab: netscaler batch needs -o FILE\n%1\n").arg(synopsis));
        return BadInput;
    }
    int exitCode = Ok;
    const std::optional<LabPlan> plan =
        loadValidPlanOrReport(parser.positionalArguments().constFirst(), planOnlyCheck(parser), &exitCode);
    if (!plan)
        return exitCode;
    const Result<LbConfig> config = LbConfig::fromPlan(*plan);
    if (!config) {
        err(u"vlab: "_s + config.error().message + u'\n');
        return BadInput;
    }
    // Both files are made in memory first; nothing is written unless both can be.
    const QByteArray batch = renderBatch(*config, plan->lab.name);
    const QByteArray undo = renderRollbackBatch(*config, plan->lab.name);
    QString path;
    if (!writeOutput(parser.value(output), batch, {}, &path))
        return BadInput;
    out(CliTr::tr("Wrote %1 (%n object(s))\n", nullptr, config->objectCount()).arg(path));
    if (parser.isSet(rollback)) {
        if (!writeOutput(parser.value(rollback), undo, {}, &path))
            return BadInput;
        out(CliTr::tr("Wrote %1\n").arg(path));
    }
    return Ok;
}

struct LiveArgs
{
    LabPlan plan;
    NitroTarget target;
    QString password;
    QString projectFolder;
    bool dryRun = false;
};

// Sets *exitCode when it returns nothing: 2 bad input or usage, 1 a plan with errors.
std::optional<LiveArgs> parseLive(const QString &verb, const QStringList &args, int *exitCode)
{
    *exitCode = BadInput;
    QCommandLineParser parser;
    const QCommandLineOption nsip(u"nsip"_s, CliTr::tr("The NetScaler management address (NSIP)."),
                                  u"ADDR[:PORT]"_s);
    const QCommandLineOption user(u"user"_s, CliTr::tr("The NetScaler user, for example nsroot."), u"NAME"_s);
    const QCommandLineOption fingerprint(u"fingerprint"_s,
                                         CliTr::tr("The SHA-256 fingerprint of the NSIP's certificate, as "
                                                   "checked by you."),
                                         u"SHA256"_s);
    const QCommandLineOption dryRun(u"dry-run"_s, CliTr::tr("Only show what would change (apply)."));
    const QCommandLineOption timeout(u"timeout"_s, CliTr::tr("Seconds to wait for each answer (default 30)."),
                                     u"SECONDS"_s, u"30"_s);
    parser.addOptions({nsip, user, fingerprint, dryRun, timeout});
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    const QString synopsis = CliTr::tr("Usage: vlab netscaler %1 PLAN --nsip ADDR[:PORT] --user NAME "
                                       "[--fingerprint SHA256] [--dry-run] [--timeout SECONDS]")
                                 .arg(verb);
    bool help = false;
    if (!parseVerb(parser, args, synopsis, 1, &help) || help)
        return std::nullopt;
    for (const QCommandLineOption &required : {nsip, user}) {
        if (!parser.isSet(required)) {
            err(CliTr::tr("vlab: netscaler %1 needs --%2\n%3\n")
                    .arg(verb, required.names().constFirst(), synopsis));
            return std::nullopt;
        }
    }
    if (const Result<NitroTarget> target = NitroTarget::parseAddress(parser.value(nsip)); !target) {
        err(u"vlab: --nsip: "_s + target.error().message + u'\n');
        return std::nullopt;
    }
    bool ok = false;
    const int seconds = parser.value(timeout).toInt(&ok);
    if (!ok || seconds < 1 || seconds > 600) {
        err(CliTr::tr("vlab: --timeout must be 1 to 600 seconds, not \"%1\".\n").arg(parser.value(timeout)));
        return std::nullopt;
    }
    LiveArgs live;
    live.dryRun = parser.isSet(dryRun);
    if (live.dryRun && verb != u"apply"_s) {
        err(CliTr::tr("vlab: --dry-run belongs to 'netscaler apply'.\n"));
        return std::nullopt;
    }

    const QString planFile = parser.positionalArguments().constFirst();
    const std::optional<LabPlan> plan = loadValidPlanOrReport(planFile, PlanCheck::Live, exitCode);
    if (!plan)
        return std::nullopt;
    *exitCode = BadInput;
    live.plan = *plan;
    if (const Result<LbConfig> config = LbConfig::fromPlan(*plan); !config) {
        err(u"vlab: "_s + config.error().message + u'\n');
        return std::nullopt;
    }
    live.projectFolder = QFileInfo(planFile).absolutePath();

    // The target with the fingerprint confirmed before in the project, or the one given now.
    const Result<NitroTarget> target =
        NetscalerActions(live.projectFolder).target(parser.value(nsip), parser.value(user));
    if (!target) {
        err(u"vlab: "_s + target.error().message + u'\n');
        return std::nullopt;
    }
    live.target = *target;
    live.target.requestTimeout = std::chrono::seconds(seconds);
    if (parser.isSet(fingerprint)) {
        const Result<QByteArray> digest = parseSha256Fingerprint(parser.value(fingerprint));
        if (!digest) {
            err(u"vlab: --fingerprint: "_s + digest.error().message + u'\n');
            return std::nullopt;
        }
        live.target.pinnedSha256 = *digest;
    }

    const std::optional<QString> password = readSecret(
        kNsPasswordVar,
        CliTr::tr("Password of NetScaler user %1 at %2: ").arg(live.target.user, live.target.address()));
    if (!password)
        return std::nullopt;
    live.password = *password;
    return live;
}

void printResults(const QList<NitroObjectResult> &results)
{
    for (const NitroObjectResult &r : results) {
        QString line = QStringLiteral("%1  %2").arg(r.state.leftJustified(9), r.object.label());
        if (!r.detail.isEmpty())
            line += u"  ("_s + r.detail + u')';
        out(line + u'\n');
    }
}

// Runs the job of `action` to its end, journaled in the project like the wizard's runs
// (evidence for the runbook, and a record of a lab change cut off half way); afterwards
// keeps a fingerprint given for this run once the connection with it worked.
int runNitroAction(NitroAction action, const LiveArgs &live)
{
    NetscalerActions actions(live.projectFolder);
    bool recordOk = true;
    QObject::connect(&actions, &NetscalerActions::recordProblem, &actions,
                     [&recordOk](const QString &message) {
                         err(u"vlab: "_s + message + u'\n');
                         recordOk = false;
                     });
    const QString nsip = live.target.address();
    const QString record = QDir::toNativeSeparators(actions.recordPath(live.target));
    Result<NitroJob *> created = actions.createJob(action, live.plan, live.target, live.password);
    if (!created) {
        if (created.error().code == u"nitro.record.empty"_s) {
            err(CliTr::tr(
                    "vlab: nothing is recorded as created by 'vlab netscaler apply' on %1 (no %2). To "
                    "remove the plan's objects regardless, import the rollback batch: 'vlab netscaler "
                    "batch PLAN -o FILE --rollback UNDO', then 'batch -fileName UNDO' on the NetScaler.\n")
                    .arg(nsip, record));
            return Problems;
        }
        err(u"vlab: "_s + created.error().message + u'\n');
        return BadInput;
    }
    NitroJob *job = *created;
    JobQueue queue;
    queue.addJob(job);
    CliRunner runner(&queue, job->title(), live.projectFolder);
    runner.setQuiet(true);
    const bool ok = runner.run();
    if (const Result<void> kept = actions.keepFingerprintIfItWorked(*job, live.target); !kept)
        err(u"vlab: "_s + kept.error().message + u'\n');
    if (!job->result().ok()) {
        err(u"vlab: "_s + job->result().error().message + u'\n');
        const QString code = job->result().error().code;
        if ((code == u"http.tls.untrusted"_s || code == u"http.tls.changed"_s)
            && !job->presentedFingerprint().isEmpty())
            err(CliTr::tr(
                    "vlab: after checking it on the NetScaler (Traffic Management > SSL > Certificates, "
                    "or 'show ssl certKey ns-server-certificate'), run again with --fingerprint %1\n")
                    .arg(job->presentedFingerprint()));
    }

    switch (action) {
    case NitroAction::Diff: {
        if (!ok)
            return Problems;
        auto *diff = static_cast<NitroDiffJob *>(job);
        printResults(diff->results());
        int creates = 0, conflicts = 0;
        for (const NitroDiffItem &item : diff->diff()) {
            creates += item.action == NitroDiffItem::Action::Create;
            conflicts += item.action == NitroDiffItem::Action::Conflict;
        }
        out(CliTr::tr("netscaler %1: %2 to create, %3 correct, %4 conflicting\n")
                .arg(live.dryRun ? u"apply --dry-run"_s : u"diff"_s, QString::number(creates),
                     QString::number(int(diff->diff().size()) - creates - conflicts),
                     QString::number(conflicts)));
        // A dry run fails only when apply would; diff fails on any drift.
        return (live.dryRun ? conflicts > 0 : diff->hasDrift()) ? Problems : Ok;
    }
    case NitroAction::Apply: {
        auto *apply = static_cast<NitroApplyJob *>(job);
        printResults(apply->results());
        if (!apply->record().isEmpty())
            out(CliTr::tr("Recorded %n created object(s) in %1 (for 'vlab netscaler rollback').\n", nullptr,
                          int(apply->created().size()))
                    .arg(record));
        if (!recordOk)
            return Problems;
        if (ok)
            out(CliTr::tr("netscaler apply: %1 created, %2 already as planned (%3 requests)\n")
                    .arg(QString::number(apply->created().size()),
                         QString::number(std::count_if(
                             apply->results().cbegin(), apply->results().cend(),
                             [](const NitroObjectResult &r) { return r.state == u"unchanged"_s; })),
                         QString::number(apply->requestCount())));
        return ok ? Ok : Problems;
    }
    case NitroAction::Verify:
        printResults(job->results());
        if (ok)
            out(CliTr::tr("netscaler verify: everything UP and as planned\n"));
        return ok ? Ok : Problems;
    case NitroAction::Rollback: {
        auto *rollback = static_cast<NitroRollbackJob *>(job);
        printResults(rollback->results());
        if (!recordOk)
            return Problems;
        if (rollback->requestCount() > 1 && rollback->remaining().isEmpty())
            out(CliTr::tr("netscaler rollback: %1 The record is cleared.\n").arg(rollback->summary()));
        return ok ? Ok : Problems;
    }
    }
    return Problems;
}

int netscalerLive(const QString &sub, const QStringList &rest)
{
    if (rest.contains(u"--help"_s) || rest.contains(u"-h"_s)) {
        out(netscalerUsage());
        return Ok;
    }
    int exitCode = BadInput;
    const std::optional<LiveArgs> live = parseLive(sub, rest, &exitCode);
    if (!live)
        return exitCode;
    if (sub == u"diff"_s || (sub == u"apply"_s && live->dryRun))
        return runNitroAction(NitroAction::Diff, *live);
    if (sub == u"apply"_s)
        return runNitroAction(NitroAction::Apply, *live);
    if (sub == u"verify"_s)
        return runNitroAction(NitroAction::Verify, *live);
    return runNitroAction(NitroAction::Rollback, *live);
}

} // namespace

Verb netscalerVerbs()
{
    return verbGroup(u"netscaler"_s,
                     {Verb{{u"batch"_s},
                           u"netscaler batch PLAN -o FILE [--rollback FILE]"_s,
                           CliTr::tr("the NetScaler batch file for the PSC load balancing"),
                           [](const QString &, const QStringList &args) { return netscalerBatch(args); },
                           {},
                           {}},
                      Verb{{u"diff"_s, u"apply"_s, u"verify"_s, u"rollback"_s},
                           u"netscaler diff|apply|verify|rollback PLAN --nsip ADDR[:PORT] --user NAME"_s,
                           CliTr::tr("compare, apply, verify or roll back the load balancing over NITRO"),
                           netscalerLive,
                           {},
                           {}}},
                     netscalerUsage);
}

} // namespace vlab::cli
