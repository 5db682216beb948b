// vlab vds ...: the Distributed Switch of the plan, as scripts for govc or PowerCLI.

#include "clicommon.h"

#include "vsphere/vdsscriptwriter.h"


using namespace Qt::StringLiterals;

namespace vlab::cli {

int cmdVds(const QStringList &args)
{
    const auto [sub, rest] = splitSubcommand(args);
    const QString usage = CliTr::tr("Usage: vlab vds script PLAN --format govc|powercli [--datacenter NAME] -o FILE\n");
    if (sub != u"script"_s) {
        if (sub == u"--help"_s || sub == u"-h"_s || sub == u"help"_s) {
            out(usage);
            return Ok;
        }
        err((sub.isEmpty() ? QString() : CliTr::tr("vlab: unknown vds command \"%1\".\n").arg(sub)) + usage);
        return BadInput;
    }
    QCommandLineParser parser;
    const QCommandLineOption format(u"format"_s, CliTr::tr("govc or powercli."), u"FORMAT"_s);
    const QCommandLineOption datacenter(u"datacenter"_s, CliTr::tr("Datacenter of the new vCenter (default Datacenter)."),
                                        u"NAME"_s, u"Datacenter"_s);
    const QCommandLineOption output({u"o"_s, u"output"_s}, CliTr::tr("The script to write."), u"FILE"_s);
    parser.addOptions({format, datacenter, output});
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    if (!parseVerb(parser, rest, usage.trimmed(), 1, &help))
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
    const std::optional<LabPlan> plan = loadPlanOrReport(parser.positionalArguments().constFirst());
    if (!plan)
        return BadInput;
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

} // namespace vlab::cli
