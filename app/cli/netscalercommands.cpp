// vlab netscaler ...: the PSC load-balancing configuration for a Citrix NetScaler.

#include "clicommon.h"

#include "netscaler/lbconfig.h"


using namespace Qt::StringLiterals;

namespace vlab::cli {

namespace {

QString netscalerUsage()
{
    return CliTr::tr("Usage: vlab netscaler batch PLAN -o FILE [--rollback FILE]\n"
                     "\n"
                     "  batch    write the NetScaler CLI batch file (servers, services, virtual servers,\n"
                     "           bindings, persistency group, save ns config) and optionally the\n"
                     "           batch that removes the same objects again\n"
                     "\n"
                     "Exit codes: 0 success, 2 bad input or usage.\n");
}

int netscalerBatch(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption output({u"o"_s, u"output"_s}, CliTr::tr("The batch file to write."), u"FILE"_s);
    const QCommandLineOption rollback(u"rollback"_s, CliTr::tr("Also write the rollback batch to FILE."), u"FILE"_s);
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

} // namespace

int cmdNetscaler(const QStringList &args)
{
    const auto [sub, rest] = splitSubcommand(args);
    if (sub == u"batch"_s)
        return netscalerBatch(rest);
    if (sub == u"diff"_s || sub == u"apply"_s || sub == u"verify"_s || sub == u"rollback"_s) {
        err(CliTr::tr("vlab: netscaler %1 (over the NITRO API) is not part of this version yet. Write the "
                      "batch file with 'vlab netscaler batch PLAN -o FILE' and import it on the NetScaler "
                      "with 'batch -fileName FILE'.\n").arg(sub));
        return BadInput;
    }
    if (sub == u"--help"_s || sub == u"-h"_s || sub == u"help"_s) {
        out(netscalerUsage());
        return Ok;
    }
    err((sub.isEmpty() ? QString() : CliTr::tr("vlab: unknown netscaler command \"%1\".\n\n").arg(sub)) + netscalerUsage());
    return BadInput;
}

} // namespace vlab::cli
