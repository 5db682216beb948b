// vlab vcha ...: vCenter High Availability: the deploy spec, and deploy / status / undeploy over
// the REST API of 6.7 U1 and later (the manual steps where the target lacks it).

#include "clicommon.h"
#include "clidispatch.h"
#include "clirunner.h"
#include "vcenteroptions.h"

#include "jobs/jobqueue.h"
#include "vsphere/vcenteractions.h"
#include "vsphere/vchaspecwriter.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace vlab::cli {

namespace {

// The VCHA prerequisites (size, a separate HA subnet, three distinct addresses); false when blocked.
bool vchaPrerequisitesMet(const LabPlan &plan)
{
    const Findings blockers = VCenterActions::vchaBlockers(plan);
    for (const Finding &f : blockers)
        err(formatFinding(f) + u'\n');
    return blockers.isEmpty();
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
    int exitCode = Ok;
    const std::optional<LabPlan> plan =
        loadValidPlanOrReport(parser.positionalArguments().constFirst(), PlanCheck::Live, &exitCode);
    if (!plan)
        return exitCode;
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
    VchaJob *job = VCenterActions(projectFolder).createVchaJob(action, *endpoint, *plan);
    job->setPollInterval(std::chrono::milliseconds(qint64(seconds * 1000)));
    queue.addJob(job);
    CliRunner runner(&queue, job->title(), projectFolder);
    runner.setQuiet(action == VchaAction::Status);
    const bool succeeded = runner.run();
    if (VCenterActions::loggedIn(*job))
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
    if (action == VchaAction::Undeploy) {
        // Ended skipped: nothing was configured, nothing changed.
        out(job->state() == Job::State::Skipped
                ? CliTr::tr("VCHA on %1: not configured; nothing removed.\n").arg(endpoint->url.host())
                : CliTr::tr("VCHA removed from %1: it runs as a standalone vCenter.\n")
                      .arg(endpoint->url.host()));
        return Ok;
    }
    const VchaClusterState &state = job->clusterState();
    out(CliTr::tr("VCHA on %1: configuration %2, mode %3, health %4\n")
            .arg(endpoint->url.host(), state.configState, state.mode, state.healthState));
    for (const QString &w : state.warnings)
        out(CliTr::tr("  warning: %1\n").arg(w));
    return state.healthy() ? Ok : Problems;
}

QString vchaUsage()
{
    return CliTr::tr(
        "Usage: vlab vcha spec PLAN -o FILE [--ignore-findings]\n"
        "       vlab vcha deploy PLAN --host HOST[:PORT] --user USER [--fingerprint SHA256] "
        "[--poll-interval S]\n"
        "       vlab vcha status PLAN --host HOST[:PORT] --user USER [--fingerprint SHA256]\n"
        "       vlab vcha undeploy PLAN --host HOST[:PORT] --user USER [--fingerprint SHA256] "
        "[--poll-interval S]\n"
        "\n"
        "deploy, status and undeploy need the VCHA REST API of vSphere 6.7 U1 or later; without it\n"
        "they print the manual steps and exit 1. status exits 0 only when VCHA is healthy.\n"
        "undeploy (the undo of deploy) destroys the cluster and deletes the passive and witness\n"
        "VMs; with no cluster configured it changes nothing and exits 0.\n");
}

int vchaSpec(const QStringList &rest)
{
    const QString usage = vchaUsage();
    QCommandLineParser parser;
    const QCommandLineOption output({u"o"_s, u"output"_s}, CliTr::tr("The spec to write."), u"FILE"_s);
    parser.addOption(output);
    parser.addOption(ignoreFindingsOption());
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
    int exitCode = Ok;
    const std::optional<LabPlan> plan =
        loadValidPlanOrReport(parser.positionalArguments().constFirst(), planOnlyCheck(parser), &exitCode);
    if (!plan)
        return exitCode;
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

} // namespace

Verb vchaVerbs()
{
    return verbGroup(
        u"vcha"_s,
        {Verb{{u"spec"_s},
              u"vcha spec PLAN -o FILE"_s,
              CliTr::tr("the VCHA deploy spec (6.7 U1+ REST)"),
              [](const QString &, const QStringList &args) { return vchaSpec(args); },
              {},
              {}},
         Verb{{u"deploy"_s, u"status"_s, u"undeploy"_s},
              u"vcha deploy|status|undeploy PLAN --host HOST[:PORT] --user USER [--fingerprint SHA256]"_s,
              CliTr::tr("deploy VCHA over REST and wait until healthy, show its state, or remove it"),
              [](const QString &name, const QStringList &args) {
                  const VchaAction action = name == u"deploy"_s ? VchaAction::Deploy
                      : name == u"undeploy"_s                   ? VchaAction::Undeploy
                                                                : VchaAction::Status;
                  const int line = action == VchaAction::Deploy ? 1 : action == VchaAction::Status ? 2 : 3;
                  return vchaLive(action, args, vchaUsage().section(u'\n', line, line).trimmed());
              },
              {},
              {}}},
        vchaUsage);
}

} // namespace vlab::cli
