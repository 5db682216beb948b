// vlab vds ...: the Distributed Switch of the plan, as scripts for govc or PowerCLI, or created
// in a vCenter over the vSphere API.

#include "clicommon.h"
#include "clidispatch.h"
#include "clirunner.h"
#include "vcenteroptions.h"

#include "jobs/jobqueue.h"
#include "vsphere/vcenteractions.h"
#include "vsphere/vdsscriptwriter.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace vlab::cli {

namespace {

int vdsCreate(const QStringList &args, const QString &usage)
{
    QCommandLineParser parser;
    const VCenterOptions connection;
    connection.addTo(parser);
    const QCommandLineOption datacenter(
        u"datacenter"_s,
        CliTr::tr("Datacenter to hold the switch (default: target.datacenter of the "
                  "plan, or the only one)."),
        u"NAME"_s);
    parser.addOption(datacenter);
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    if (!parseVerb(parser, args, usage.section(u'\n', 1, 1), 1, &help))
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
    const QString projectFolder = QFileInfo(parser.positionalArguments().constFirst()).absolutePath();
    const VCenterActions actions(projectFolder);
    if (plan->vds.name.isEmpty()) {
        err(CliTr::tr("vlab: the plan has no Distributed Switch (vds.name is empty).\n"));
        return BadInput;
    }
    const std::optional<VCenterEndpoint> endpoint = connection.endpoint(parser, projectFolder);
    if (!endpoint)
        return BadInput;
    const Result<DvsCreateJob *> created = actions.createDvsJob(*endpoint, *plan, parser.value(datacenter));
    if (!created) {
        err(u"vlab: "_s + created.error().message + u'\n');
        return BadInput;
    }
    DvsCreateJob *job = *created;
    JobQueue queue;
    queue.addJob(job);
    CliRunner runner(&queue, job->title(), projectFolder);
    const bool ok = runner.run();
    const DvsOutcome &o = job->outcome();
    if (!ok) {
        err(u"vlab: "_s + job->result().error().message + u'\n');
        return Problems;
    }
    connection.keepFingerprint(parser, *endpoint, projectFolder);
    out(o.switchExisted ? CliTr::tr("Switch %1 already exists (%2): not created again.\n")
                              .arg(plan->vds.name, o.switchRef)
                        : CliTr::tr("Created switch %1 (%2, MTU %3, %4 uplinks).\n")
                              .arg(plan->vds.name, o.switchRef, QString::number(plan->vds.mtu),
                                   QString::number(plan->vds.uplinks)));
    for (const QString &name : o.created)
        out(CliTr::tr("Created port group %1.\n").arg(name));
    for (const QString &name : o.existing)
        out(CliTr::tr("Port group %1 already exists: not created again.\n").arg(name));
    for (const QString &name : o.mismatched)
        out(CliTr::tr("Port group %1 exists with another VLAN: left as it is.\n").arg(name));
    return Ok;
}

QString vdsUsage()
{
    return CliTr::tr("Usage: vlab vds script PLAN --format govc|powercli [--datacenter NAME] -o FILE "
                     "[--ignore-findings]\n"
                     "       vlab vds create PLAN --host HOST[:PORT] --user USER [--fingerprint SHA256] "
                     "[--datacenter NAME]\n");
}

int vdsScript(const QStringList &rest)
{
    const QString usage = vdsUsage();
    QCommandLineParser parser;
    const QCommandLineOption format(u"format"_s, CliTr::tr("govc or powercli."), u"FORMAT"_s);
    const QCommandLineOption datacenter(u"datacenter"_s,
                                        CliTr::tr("Datacenter of the new vCenter (default Datacenter)."),
                                        u"NAME"_s, u"Datacenter"_s);
    const QCommandLineOption output({u"o"_s, u"output"_s}, CliTr::tr("The script to write."), u"FILE"_s);
    parser.addOptions({format, datacenter, output, ignoreFindingsOption()});
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    if (!parseVerb(parser, rest, usage.section(u'\n', 0, 0), 1, &help))
        return BadInput;
    if (help)
        return Ok;
    if (!parser.isSet(format) || !parser.isSet(output)) {
        err(CliTr::tr("vlab: vds script needs --format and -o\n") + usage);
        return BadInput;
    }
    const Result<VdsScriptFormat> fmt = parseVdsScriptFormat(parser.value(format));
    if (!fmt) {
        err(u"vlab: "_s + fmt.error().message + u'\n');
        return BadInput;
    }
    int exitCode = Ok;
    const std::optional<LabPlan> plan =
        loadValidPlanOrReport(parser.positionalArguments().constFirst(), planOnlyCheck(parser), &exitCode);
    if (!plan)
        return exitCode;
    const Result<QByteArray> script = renderVdsScript(*plan, *fmt, parser.value(datacenter));
    if (!script) {
        err(u"vlab: "_s + script.error().message + u'\n');
        return BadInput;
    }
    QString path;
    if (!writeOutput(parser.value(output), *script, {}, &path))
        return BadInput;
    out(CliTr::tr("Wrote %1\n").arg(path));
    return Ok;
}

} // namespace

Verb vdsVerbs()
{
    return verbGroup(
        u"vds"_s,
        {Verb{{u"script"_s},
              u"vds script PLAN --format govc|powercli -o FILE"_s,
              CliTr::tr("the Distributed Switch as a govc or PowerCLI script"),
              [](const QString &, const QStringList &args) { return vdsScript(args); },
              {},
              {}},
         Verb{{u"create"_s},
              u"vds create PLAN --host HOST[:PORT] --user USER [--fingerprint SHA256]"_s,
              CliTr::tr("create the Distributed Switch in vCenter (SOAP API)"),
              [](const QString &, const QStringList &args) { return vdsCreate(args, vdsUsage()); },
              {},
              {}}},
        vdsUsage);
}

} // namespace vlab::cli
