// vlab netscaler ...: the PSC load-balancing configuration for a Citrix NetScaler.

#include "clicommon.h"

#include "clirunner.h"
#include "core/atomicfile.h"
#include "jobs/jobqueue.h"
#include "jobs/journal.h"
#include "net/tlstrust.h"
#include "net/trustedpins.h"
#include "netscaler/lbconfig.h"
#include "netscaler/nitrojobs.h"
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
        "Usage: vlab netscaler batch PLAN -o FILE [--rollback FILE]\n"
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
        "\n"
        "Exit codes: 0 success, 1 failed or drift found, 2 bad input or usage.\n");
}

int netscalerBatch(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption output({u"o"_s, u"output"_s}, CliTr::tr("The batch file to write."), u"FILE"_s);
    const QCommandLineOption rollback(u"rollback"_s, CliTr::tr("Also write the rollback batch to FILE."),
                                      u"FILE"_s);
    parser.addOptions({output, rollback});
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    const QString synopsis = CliTr::tr("Usage: vlab netscaler batch PLAN -o FILE [--rollback FILE]");
    if (!parseVerb(parser, args, synopsis, 1, &help))
        return BadInput;
    if (help)
        return Ok;
    if (!parser.isSet(output)) {
        err(CliTr::tr("vlab: netscaler batch needs -o FILE\n%1\n").arg(synopsis));
        return BadInput;
    }
    const std::optional<LabPlan> plan = loadPlanOrReport(parser.positionalArguments().constFirst());
    if (!plan)
        return BadInput;
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
    LbConfig config;
    NitroTarget target;
    QString password;
    QString projectFolder;
    bool dryRun = false;
    bool pinGiven = false;
};

std::optional<LiveArgs> parseLive(const QString &verb, const QStringList &args)
{
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
    LiveArgs live;
    Result<NitroTarget> target = NitroTarget::parseAddress(parser.value(nsip));
    if (!target) {
        err(u"vlab: --nsip: "_s + target.error().message + u'\n');
        return std::nullopt;
    }
    live.target = *target;
    live.target.user = parser.value(user);
    bool ok = false;
    const int seconds = parser.value(timeout).toInt(&ok);
    if (!ok || seconds < 1 || seconds > 600) {
        err(CliTr::tr("vlab: --timeout must be 1 to 600 seconds, not \"%1\".\n").arg(parser.value(timeout)));
        return std::nullopt;
    }
    live.target.requestTimeout = std::chrono::seconds(seconds);
    live.dryRun = parser.isSet(dryRun);
    if (live.dryRun && verb != u"apply"_s) {
        err(CliTr::tr("vlab: --dry-run belongs to 'netscaler apply'.\n"));
        return std::nullopt;
    }

    const QString planFile = parser.positionalArguments().constFirst();
    const std::optional<LabPlan> plan = loadPlanOrReport(planFile);
    if (!plan)
        return std::nullopt;
    live.plan = *plan;
    const Result<LbConfig> config = LbConfig::fromPlan(*plan);
    if (!config) {
        err(u"vlab: "_s + config.error().message + u'\n');
        return std::nullopt;
    }
    live.config = *config;
    live.projectFolder = QFileInfo(planFile).absolutePath();

    const Result<TrustedPins> pins = TrustedPins::load(live.projectFolder);
    if (!pins) {
        err(u"vlab: "_s + pins.error().message + u'\n');
        return std::nullopt;
    }
    live.target.pinnedSha256 = pins->pin(live.target.host, live.target.port);
    if (parser.isSet(fingerprint)) {
        const Result<QByteArray> digest = parseSha256Fingerprint(parser.value(fingerprint));
        if (!digest) {
            err(u"vlab: --fingerprint: "_s + digest.error().message + u'\n');
            return std::nullopt;
        }
        live.target.pinnedSha256 = *digest;
        live.pinGiven = true;
    }

    const std::optional<QString> password = readSecret(
        kNsPasswordVar,
        CliTr::tr("Password of NetScaler user %1 at %2: ").arg(live.target.user, live.target.address()));
    if (!password)
        return std::nullopt;
    live.password = *password;
    return live;
}

QString recordPath(const LiveArgs &live)
{
    return nitroRecordPath(live.projectFolder, live.target.host);
}

// Runs one NITRO job to its end; afterwards remembers a fingerprint the user gave once the
// connection with it worked.
// The queue owns the job and must outlive the caller's use of it.
bool runNitroJob(JobQueue &queue, NitroJob *job, const LiveArgs &live)
{
    queue.addJob(job);
    // Journaled in the project like the wizard's runs: evidence for the runbook, and a record
    // of a lab change cut off half way.
    const QString journalPath = QDir(live.projectFolder).filePath(RunJournal::fileName());
    if (job->changesLab()) {
        const Result<RunJournal> journal = RunJournal::load(journalPath);
        const ResumeState previous = journal ? resumeState(*journal, job->title()) : ResumeState{};
        if (!previous.interruptedLabChanges.isEmpty())
            err(CliTr::tr("vlab: note: the previous \"%1\" was cut off (last recorded %2); this run reads "
                          "what exists first and changes only what is missing.\n")
                    .arg(job->title(),
                         previous.stoppedAfter.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s)));
    }
    auto *recorder = new JournalRecorder(&queue, journalPath, job->title());
    QObject::connect(recorder, &JournalRecorder::writeFailed, &queue,
                     [](const QString &message) { err(u"vlab: "_s + message + u'\n'); });
    CliRunner runner(&queue);
    runner.setQuiet(true);
    const bool ok = runner.run();
    if (live.pinGiven && job->requestCount() > 0
        && (job->result().ok() || !job->result().error().code.startsWith(u"http."_s))) {
        if (const Result<void> kept = TrustedPins::keep(live.projectFolder, live.target.host,
                                                        live.target.port, live.target.pinnedSha256);
            !kept)
            err(u"vlab: "_s + kept.error().message + u'\n');
    }
    if (!job->result().ok()) {
        err(u"vlab: "_s + job->result().error().message + u'\n');
        if (job->result().error().code == u"http.tls"_s && !job->presentedFingerprint().isEmpty())
            err(CliTr::tr(
                    "vlab: after checking it on the NetScaler (Traffic Management > SSL > Certificates, "
                    "or 'show ssl certKey ns-server-certificate'), run again with --fingerprint %1\n")
                    .arg(job->presentedFingerprint()));
    }
    return ok;
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

int netscalerDiff(const LiveArgs &live, bool dryRun)
{
    JobQueue queue;
    auto *job = new NitroDiffJob(live.config, live.target, live.password);
    const bool ok = runNitroJob(queue, job, live);
    if (!ok)
        return Problems;
    printResults(job->results());
    int creates = 0, conflicts = 0;
    for (const NitroDiffItem &item : job->diff()) {
        creates += item.action == NitroDiffItem::Action::Create;
        conflicts += item.action == NitroDiffItem::Action::Conflict;
    }
    out(CliTr::tr("netscaler %1: %2 to create, %3 correct, %4 conflicting\n")
            .arg(dryRun ? u"apply --dry-run"_s : u"diff"_s)
            .arg(creates)
            .arg(int(job->diff().size()) - creates - conflicts)
            .arg(conflicts));
    // A dry run fails only when apply would; diff fails on any drift.
    return (dryRun ? conflicts > 0 : job->hasDrift()) ? Problems : Ok;
}

int netscalerApply(const LiveArgs &live)
{
    JobQueue queue;
    auto *job = new NitroApplyJob(live.config, live.target, live.password);
    const QString target = live.target.address();
    const QString record = recordPath(live);
    const Result<QList<NitroObject>> previous = loadNitroCreatedRecord(record, target);
    if (!previous) {
        err(u"vlab: "_s + previous.error().message + u'\n');
        return BadInput;
    }
    const QList<NitroObject> recorded = *previous;
    // The record follows every change, so a crash or a lost connection never forgets what
    // this run created.
    bool recordOk = true;
    QObject::connect(job, &NitroApplyJob::createdChanged, &queue, [&](const QList<NitroObject> &created) {
        QList<NitroObject> all = recorded;
        for (const NitroObject &o : created) {
            if (!all.contains(o))
                all.append(o);
        }
        if (const Result<void> saved = saveNitroCreatedRecord(record, target, all); !saved) {
            err(u"vlab: "_s + saved.error().message + u'\n');
            recordOk = false;
        }
    });
    const bool ok = runNitroJob(queue, job, live);
    printResults(job->results());
    if (!job->created().isEmpty())
        out(CliTr::tr("Recorded %n created object(s) in %1 (for 'vlab netscaler rollback').\n", nullptr,
                      int(job->created().size()))
                .arg(QDir::toNativeSeparators(record)));
    if (!recordOk)
        return Problems;
    if (ok)
        out(CliTr::tr("netscaler apply: %1 created, %2 already as planned (%3 requests)\n")
                .arg(job->created().size())
                .arg(std::count_if(job->results().cbegin(), job->results().cend(),
                                   [](const NitroObjectResult &r) { return r.state == u"unchanged"_s; }))
                .arg(job->requestCount()));
    return ok ? Ok : Problems;
}

int netscalerVerify(const LiveArgs &live)
{
    JobQueue queue;
    auto *job = new NitroVerifyJob(live.config, live.target, live.password);
    const bool ok = runNitroJob(queue, job, live);
    printResults(job->results());
    if (ok)
        out(CliTr::tr("netscaler verify: everything UP and as planned\n"));
    return ok ? Ok : Problems;
}

int netscalerRollback(const LiveArgs &live)
{
    const QString record = recordPath(live);
    if (!QFile::exists(record)) {
        err(CliTr::tr(
                "vlab: nothing is recorded as created by 'vlab netscaler apply' on %1 (no %2). To remove "
                "the plan's objects regardless, import the rollback batch: 'vlab netscaler batch PLAN -o "
                "FILE --rollback UNDO', then 'batch -fileName UNDO' on the NetScaler.\n")
                .arg(live.target.address(), QDir::toNativeSeparators(record)));
        return Problems;
    }
    const Result<QList<NitroObject>> objects = loadNitroCreatedRecord(record, live.target.address());
    if (!objects) {
        err(u"vlab: "_s + objects.error().message + u'\n');
        return BadInput;
    }
    JobQueue queue;
    auto *job = new NitroRollbackJob(*objects, live.target, live.password);
    const bool ok = runNitroJob(queue, job, live);
    printResults(job->results());
    if (job->requestCount() > 1 && job->remaining().size() != objects->size()) {
        if (const Result<void> saved =
                saveNitroCreatedRecord(record, live.target.address(), job->remaining());
            !saved) {
            err(u"vlab: "_s + saved.error().message + u'\n');
            return Problems;
        }
        if (job->remaining().isEmpty())
            out(CliTr::tr("netscaler rollback: removed %n object(s); the record is cleared\n", nullptr,
                          int(objects->size())));
    }
    return ok ? Ok : Problems;
}

} // namespace

int cmdNetscaler(const QStringList &args)
{
    const auto [sub, rest] = splitSubcommand(args);
    if (sub == u"batch"_s)
        return netscalerBatch(rest);
    if (sub == u"diff"_s || sub == u"apply"_s || sub == u"verify"_s || sub == u"rollback"_s) {
        if (rest.contains(u"--help"_s) || rest.contains(u"-h"_s)) {
            out(netscalerUsage());
            return Ok;
        }
        const std::optional<LiveArgs> live = parseLive(sub, rest);
        if (!live)
            return BadInput;
        if (sub == u"diff"_s || (sub == u"apply"_s && live->dryRun))
            return netscalerDiff(*live, sub == u"apply"_s);
        if (sub == u"apply"_s)
            return netscalerApply(*live);
        if (sub == u"verify"_s)
            return netscalerVerify(*live);
        return netscalerRollback(*live);
    }
    if (sub == u"--help"_s || sub == u"-h"_s || sub == u"help"_s) {
        out(netscalerUsage());
        return Ok;
    }
    err((sub.isEmpty() ? QString() : CliTr::tr("vlab: unknown netscaler command \"%1\".\n\n").arg(sub))
        + netscalerUsage());
    return BadInput;
}

} // namespace vlab::cli
