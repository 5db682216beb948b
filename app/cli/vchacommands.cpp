// vlab vcha ...: vCenter High Availability. Today the deploy spec; deploying and polling over
// REST come with the vCenter client.

#include "clicommon.h"

#include "validate/planvalidator.h"
#include "vsphere/vchaspecwriter.h"

using namespace Qt::StringLiterals;

namespace vlab::cli {

int cmdVcha(const QStringList &args)
{
    const auto [sub, rest] = splitSubcommand(args);
    const QString usage = CliTr::tr("Usage: vlab vcha spec PLAN -o FILE\n");
    if (sub == u"--help"_s || sub == u"-h"_s || sub == u"help"_s) {
        out(usage);
        return Ok;
    }
    if (sub == u"deploy"_s || sub == u"status"_s) {
        err(CliTr::tr("vlab: vcha %1 (over the vCenter REST API) is not part of this version yet. Write the spec "
                      "with 'vlab vcha spec PLAN -o FILE', or follow the runbook's manual steps.\n").arg(sub));
        return BadInput;
    }
    if (sub != u"spec"_s) {
        err((sub.isEmpty() ? QString() : CliTr::tr("vlab: unknown vcha command \"%1\".\n").arg(sub)) + usage);
        return BadInput;
    }
    QCommandLineParser parser;
    const QCommandLineOption output({u"o"_s, u"output"_s}, CliTr::tr("The spec to write."), u"FILE"_s);
    parser.addOption(output);
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    if (!parseVerb(parser, rest, usage.trimmed(), 1, &help))
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
    bool blocked = false;
    for (const Finding &f : validatePlan(*plan)) {
        if (f.severity == Severity::Error && (f.path.startsWith(u"vcha."_s) || f.path == u"vcenter.size"_s)) {
            err(formatFinding(f) + u'\n');
            blocked = true;
        }
    }
    if (blocked)
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
