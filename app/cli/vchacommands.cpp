// vlab vcha ...: vCenter High Availability: the deploy spec, and deploy / status over the
// REST API of 6.7 U1 and later (the manual steps where the target lacks it).

#include "clicommon.h"
#include "clirunner.h"
#include "vcenteroptions.h"

#include "jobs/jobqueue.h"
#include "validate/planvalidator.h"
#include "vsphere/vchajob.h"
#include "vsphere/vchaspecwriter.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace vlab::cli {

namespace {

// The VCHA prerequisites (size, a separate HA subnet, three distinct addresses); false when blocked.
bool vchaPrerequisitesMet(const LabPlan &plan)
{
    bool met = true;
    for (const Finding &f : validatePlan(plan)) {
        if (f.severity == Severity::Error && (f.path.startsWith(u"vcha."_s) || f.path == u"vcenter.size"_s)) {
            err(formatFinding(f) + u'\n');
            met = false;
        }
    }
    return met;
}

int vchaLive(VchaAction action, const QStringList &args, const QString &synopsis)
{
    QCommandLineParser parser;
    const VCenterOptions connection;
    connection.addTo(parser);
    const QCommandLineOption interval(
        u"poll-interval"_s, CliTr::tr("Seconds between state reads (default 10)."), u"SECONDS"_s, u"10"_s);
    parser.addOption(interval);
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    if (!parseVerb(parser, args, synopsis, 1, &help))
        return BadInput;
    if (help) {
        out(VCenterOptions::passwordHelp() + u'\n');
        return Ok;
    }
    const std::optional<LabPlan> plan = loadPlanOrReport(parser.positionalArguments().constFirst());
    if (!plan)
        return BadInput;
    if (action == VchaAction::Deploy && !vchaPrerequisitesMet(*plan))
        return BadInput;
    bool ok = false;
    const double seconds = parser.value(interval).toDouble(&ok);
    if (!ok || seconds < 0.01 || seconds > 600) {
        err(CliTr::tr("vlab: --poll-interval must be between 0.01 and 600 seconds.\n"));
        return BadInput;
    }
    const QString projectFolder = QFileInfo(parser.positionalArguments().constFirst()).absolutePath();
    const std::optional<VCenterEndpoint> endpoint = connection.endpoint(parser, projectFolder);
    if (!endpoint)
        return BadInput;
    JobQueue queue;
    auto *job = new VchaJob(action, *endpoint, *plan);
    job->setPollInterval(std::chrono::milliseconds(qint64(seconds * 1000)));
    if (action == VchaAction::Deploy)
        job->setTimeout(std::chrono::minutes(90));
    queue.addJob(job);
    CliRunner runner(&queue);
    runner.setQuiet(action == VchaAction::Status);
    const bool succeeded = runner.run();
    if (succeeded || job->restMissing()) // logged in with it either way
        connection.keepFingerprint(parser, *endpoint, projectFolder);
    if (job->restMissing()) {
        err(u"vlab: "_s + job->result().error().message + u'\n');
        out(vchaManualSteps(*plan));
        return Problems;
    }
    if (!succeeded) {
        err(u"vlab: "_s + job->result().error().message + u'\n');
        return Problems;
    }
    const VchaClusterState &state = job->clusterState();
    out(CliTr::tr("VCHA on %1: configuration %2, mode %3, health %4\n")
            .arg(endpoint->url.host(), state.configState, state.mode, state.healthState));
    for (const QString &w : state.warnings)
        out(CliTr::tr("  warning: %1\n").arg(w));
    return state.healthy() ? Ok : Problems;
}

} // namespace

int cmdVcha(const QStringList &args)
{
    const auto [sub, rest] = splitSubcommand(args);
    const QString usage =
        CliTr::tr("Usage: vlab vcha spec PLAN -o FILE\n"
                  "       vlab vcha deploy PLAN --host HOST[:PORT] --user USER [--fingerprint SHA256] "
                  "[--poll-interval S]\n"
                  "       vlab vcha status PLAN --host HOST[:PORT] --user USER [--fingerprint SHA256]\n"
                  "\n"
                  "deploy and status need the VCHA REST API of vSphere 6.7 U1 or later; without it they\n"
                  "print the manual steps and exit 1. status exits 0 only when VCHA is healthy.\n");
    if (sub == u"--help"_s || sub == u"-h"_s || sub == u"help"_s) {
        out(usage);
        return Ok;
    }
    if (sub == u"deploy"_s)
        return vchaLive(VchaAction::Deploy, rest, usage.section(u'\n', 1, 1).trimmed());
    if (sub == u"status"_s)
        return vchaLive(VchaAction::Status, rest, usage.section(u'\n', 2, 2).trimmed());
    if (sub != u"spec"_s) {
        err((sub.isEmpty() ? QString() : CliTr::tr("vlab: unknown vcha command \"%1\".\n").arg(sub)) + usage);
        return BadInput;
    }
    QCommandLineParser parser;
    const QCommandLineOption output({u"o"_s, u"output"_s}, CliTr::tr("The spec to write."), u"FILE"_s);
    parser.addOption(output);
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    if (!parseVerb(parser, rest, usage.section(u'\n', 0, 0), 1, &help))
        return BadInput;
    if (help)
        return Ok;
    if (!parser.isSet(output)) {
        err(CliTr::tr("vlab: vcha spec needs -o FILE\n") + usage);
        return BadInput;
    }
    const std::optional<LabPlan> plan = loadPlanOrReport(parser.positionalArguments().constFirst());
    if (!plan)
        return BadInput;
    // The VCHA prerequisites (size, a separate HA subnet, three distinct addresses) first.
    if (!vchaPrerequisitesMet(*plan))
        return BadInput;
    const Result<QByteArray> spec = renderVchaDeploySpec(*plan);
    if (!spec) {
        err(u"vlab: "_s + spec.error().message + u'\n');
        return BadInput;
    }
    QString path;
    if (!writeOutput(parser.value(output), *spec, {}, &path))
        return BadInput;
    out(CliTr::tr("Wrote %1\n").arg(path));
    return Ok;
}

} // namespace vlab::cli
