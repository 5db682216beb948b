// vlab vcenter ...: live checks of a vCenter over its REST API.

#include "clicommon.h"
#include "clidispatch.h"
#include "clirunner.h"
#include "vcenteroptions.h"

#include "jobs/jobqueue.h"
#include "vsphere/vcenteractions.h"

using namespace Qt::StringLiterals;

namespace vlab::cli {

namespace {

QString vcenterUsage()
{
    return CliTr::
        tr("Usage: vlab vcenter login --host HOST[:PORT] --user USER [--fingerprint SHA256] [--timeout S]\n"
           "\n"
           "  login    open a REST session, show the version, close the session\n"
           "\n"
           "%1\n"
           "Exit codes: 0 logged in, 1 failed (refused, unreachable, untrusted), 2 bad input or usage.\n")
            .arg(VCenterOptions::passwordHelp());
}

int vcenterLogin(const QStringList &args)
{
    QCommandLineParser parser;
    const VCenterOptions connection;
    connection.addTo(parser);
    bool help = false;
    if (!parseVerb(parser, args, vcenterUsage().section(u'\n', 0, 0), 0, &help))
        return BadInput;
    if (help) {
        out(VCenterOptions::passwordHelp() + u'\n');
        return Ok;
    }
    const std::optional<VCenterEndpoint> endpoint = connection.endpoint(parser);
    if (!endpoint)
        return BadInput;
    JobQueue queue;
    auto *job = VCenterActions({}).createLoginJob(*endpoint);
    queue.addJob(job);
    CliRunner runner(&queue, job->title(), {}); // no plan, no project folder: not journaled
    runner.setQuiet(true);
    if (!runner.run()) {
        err(u"vlab: "_s + job->result().error().message + u'\n');
        return Problems;
    }
    const VCenterInfo &info = job->info();
    out(CliTr::tr("Logged in to %1 as %2.\n")
            .arg(endpoint->url.host(), info.sessionUser.isEmpty() ? endpoint->user : info.sessionUser));
    if (!info.product.isEmpty())
        out(CliTr::tr("Product: %1 (API %2)\n").arg(info.product, info.apiVersion));
    out(CliTr::tr("Appliance version: %1\n")
            .arg(info.applianceVersion.isEmpty()
                     ? CliTr::tr("not offered by this server")
                     : QString(info.applianceVersion + u' ' + info.applianceBuild).trimmed()));
    out(CliTr::tr("Certificate SHA-256: %1\n").arg(info.fingerprint));
    return Ok;
}

} // namespace

Verb vcenterVerbs()
{
    return verbGroup(u"vcenter"_s,
                     {Verb{{u"login"_s},
                           u"vcenter login --host HOST[:PORT] --user USER [--fingerprint SHA256]"_s,
                           CliTr::tr("open and close a vCenter REST session, show the version"),
                           [](const QString &, const QStringList &args) { return vcenterLogin(args); },
                           {},
                           {}}},
                     vcenterUsage);
}

} // namespace vlab::cli
