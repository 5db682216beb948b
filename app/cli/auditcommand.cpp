// vlab audit: the as-built audit from the command line. The checks are the engine's
// (audit/auditsession.h); this verb parses the options, runs them in the job queue and prints.
//
// Exit codes (issue 16): 0 the lab matches the plan, 1 any drift or anything that did not
// answer, 2 bad input: usage, a plan that cannot be loaded, and also a plan with errors (the
// other live verbs give 1 there; for the audit 1 means "the lab differs", so an invalid plan
// is bad input).

#include "clicommon.h"
#include "clirunner.h"

#include "audit/auditsession.h"
#include "core/atomicfile.h"
#include "jobs/jobqueue.h"
#include "netscaler/nitrojob.h"
#include "secretprompt.h"
#include "vsphere/vcenterclient.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace vlab::cli {

int cmdAudit(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption only(
        u"only"_s, CliTr::tr("Comma-separated subset of %1 (default: all).").arg(auditAreas().join(u","_s)),
        u"LIST"_s);
    const QCommandLineOption format(u"format"_s, CliTr::tr("text (default) or json."), u"text|json"_s,
                                    u"text"_s);
    const QCommandLineOption timeout(
        u"timeout"_s, CliTr::tr("Time limit of each check in ms (default 5000)."), u"MS"_s, u"5000"_s);
    const QCommandLineOption nsip(u"nsip"_s,
                                  CliTr::tr("netscaler: the NSIP to ask, if not the plan's (ADDR[:PORT])."),
                                  u"ADDR[:PORT]"_s);
    const QCommandLineOption nsUser(u"ns-user"_s, CliTr::tr("netscaler: the NITRO user (default nsroot)."),
                                    u"NAME"_s, u"nsroot"_s);
    const QCommandLineOption vcenter(
        u"vcenter"_s, CliTr::tr("vcenter, vcha, vds: the vCenter to ask, if not the plan's (HOST[:PORT])."),
        u"HOST[:PORT]"_s);
    const QCommandLineOption vcUser(u"vc-user"_s,
                                    CliTr::tr("vcenter, vcha, vds: the vCenter user (default "
                                              "administrator@vsphere.local)."),
                                    u"USER"_s, u"administrator@vsphere.local"_s);
    const QCommandLineOption sshUser(
        u"ssh-user"_s, CliTr::tr("tcp, psc: the SSH user on the PSCs (default root)."), u"USER"_s, u"root"_s);
    const QCommandLineOption sshPort(
        u"ssh-port"_s, CliTr::tr("tcp, psc: the SSH port of the PSCs (default 22)."), u"N"_s, u"22"_s);
    const QCommandLineOption identity(
        u"identity"_s, CliTr::tr("tcp, psc: a private key to log in with, instead of the password."),
        u"KEYFILE"_s);
    const QCommandLineOption knownHosts(
        u"known-hosts"_s,
        CliTr::tr("tcp, psc: the known_hosts file holding the PSCs' host keys (default: known_hosts next to "
                  "the plan); the audit records none."),
        u"FILE"_s);
    const QCommandLineOption vmafdCli(
        u"vmafd-cli"_s,
        CliTr::tr("psc: the vmafd-cli command on the PSCs (default %1).").arg(QString::fromLatin1(kVmafdCli)),
        u"COMMAND"_s, QString::fromLatin1(kVmafdCli));
    parser.addOptions({only, format, timeout, nsip, nsUser, vcenter, vcUser, sshUser, sshPort, identity,
                       knownHosts, vmafdCli});
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    const QString synopsis =
        CliTr::tr("Usage: vlab audit PLAN [--only dns,certs,netscaler,psc,vcenter,vcha,vds,tcp] "
                  "[--format text|json] [--timeout MS]");
    if (!parseVerb(parser, args, synopsis, 1, &help))
        return BadInput;
    if (help)
        return Ok;
    AuditOptions options;
    if (parser.isSet(only)) {
        const Result<QStringList> areas = parseAuditAreas(parser.value(only));
        if (!areas) {
            err(CliTr::tr("vlab: --only: %1\n").arg(areas.error().message));
            return BadInput;
        }
        options.areas = areas.value();
    }
    bool ok = false;
    options.timeoutMs = parser.value(timeout).toInt(&ok);
    if (!ok || options.timeoutMs < 100 || options.timeoutMs > 120000) {
        err(CliTr::tr("vlab: --timeout must be 100 to 120000 ms, not \"%1\".\n").arg(parser.value(timeout)));
        return BadInput;
    }
    const QString fmt = parser.value(format);
    if (fmt != u"text"_s && fmt != u"json"_s) {
        err(CliTr::tr("vlab: --format must be text or json, not \"%1\".\n").arg(fmt));
        return BadInput;
    }
    const bool json = fmt == u"json"_s;
    if (parser.isSet(nsip)) {
        if (const Result<NitroTarget> target = NitroTarget::parseAddress(parser.value(nsip)); !target) {
            err(u"vlab: --nsip: "_s + target.error().message + u'\n');
            return BadInput;
        }
        options.nsipAddress = parser.value(nsip);
    }
    if (parser.isSet(vcenter)) {
        if (const Result<QUrl> url = parseVCenterHost(parser.value(vcenter)); !url) {
            err(u"vlab: --vcenter: "_s + url.error().message + u'\n');
            return BadInput;
        }
        options.vcenterAddress = parser.value(vcenter);
    }
    options.vcUser = parser.value(vcUser).trimmed();
    if (options.vcUser.isEmpty()) {
        err(CliTr::tr("vlab: --vc-user needs a user name.\n"));
        return BadInput;
    }
    options.sshUser = parser.value(sshUser).trimmed();
    if (options.sshUser.isEmpty()) {
        err(CliTr::tr("vlab: --ssh-user needs a user name.\n"));
        return BadInput;
    }
    options.sshPort = parser.value(sshPort).toInt(&ok);
    if (!ok || options.sshPort < 1 || options.sshPort > 65535) {
        err(CliTr::tr("vlab: --ssh-port must be a TCP port (1 to 65535), not \"%1\".\n")
                .arg(parser.value(sshPort)));
        return BadInput;
    }
    options.knownHostsFile = parser.value(knownHosts);
    options.vmafdCli = parser.value(vmafdCli).trimmed();
    if (options.vmafdCli.isEmpty()) {
        err(CliTr::tr("vlab: --vmafd-cli needs a command.\n"));
        return BadInput;
    }
    options.sshCredentials.privateKeyFile = parser.value(identity);
    options.nsUser = parser.value(nsUser).trimmed();
    if (options.nsUser.isEmpty()) {
        err(CliTr::tr("vlab: --ns-user needs a user name.\n"));
        return BadInput;
    }
    const QString planFile = parser.positionalArguments().constFirst();
    int exitCode = Ok;
    const std::optional<LabPlan> plan = loadValidPlanOrReport(planFile, PlanCheck::Live, &exitCode, json);
    if (!plan)
        return BadInput; // also for a plan with errors: see the exit codes above
    options.projectFolder = QFileInfo(planFile).absolutePath();
    // Passwords as the live verbs read them, only for the areas that log in.
    const AuditLogins logins = auditLogins(*plan, options.areas);
    if (logins.netscaler) {
        const std::optional<QString> password = readSecret(
            kNsPasswordVar,
            CliTr::tr("Password of NetScaler user %1 at %2: ")
                .arg(options.nsUser,
                     options.nsipAddress.isEmpty() ? plan->loadBalancer.nsip : options.nsipAddress));
        if (!password)
            return BadInput;
        options.nsPassword = *password;
    }
    if (logins.vcenter) {
        const std::optional<QString> password = readSecret(
            kVcPasswordVar,
            CliTr::tr("Password of %1 on vCenter %2: ")
                .arg(options.vcUser,
                     options.vcenterAddress.isEmpty() ? plan->vcenter.fqdn : options.vcenterAddress));
        if (!password)
            return BadInput;
        options.vcPassword = *password;
    }

    if (logins.ssh && options.sshCredentials.privateKeyFile.isEmpty()) {
        const std::optional<QString> password = readSecret(
            kRootPasswordVar,
            CliTr::tr("Password of %1 on the PSCs (or use --identity KEYFILE): ").arg(options.sshUser));
        if (!password)
            return BadInput;
        options.sshCredentials.password = *password;
    }

    AuditSession session(*plan, options);
    JobQueue queue;
    session.addTo(queue);
    CliRunner runner(&queue, CliTr::tr("As-built audit"), options.projectFolder);
    runner.setQuiet(true); // the results follow on stdout; no per-job lines on stderr
    runner.run();
    const QList<AuditResult> results = session.results();
    const AuditSummary summary = summarizeAudit(results);
    // Kept in the project for the runbook's "As built" chapter (no password is in a result).
    const Result<WrittenFile> saved =
        keepAuditRecord(options.projectFolder, results, options.areas, QDateTime::currentDateTimeUtc());
    if (!saved)
        err(CliTr::tr("vlab: the results were not kept for the runbook: %1\n").arg(saved.error().message));
    if (json) {
        out(QString::fromUtf8(auditResultsJson(results)));
    } else {
        for (const AuditResult &r : results) {
            const QString mark = r.status == AuditStatus::Ok ? u"ok"_s : auditStatusName(r.status).toUpper();
            out(u"%1  %2  %3: %4\n"_s.arg(mark.leftJustified(11), r.area.leftJustified(9), r.target,
                                          r.message));
            if (r.status == AuditStatus::Ok)
                continue;
            if (!r.expected.isEmpty())
                out(CliTr::tr("             expected: %1\n").arg(r.expected));
            if (!r.found.isEmpty())
                out(CliTr::tr("             found:    %1\n").arg(r.found));
            if (!r.hint.isEmpty())
                out(CliTr::tr("             fix:      %1\n").arg(r.hint));
        }
        out(CliTr::tr("audit: %1 ok, %2 drift, %3 unreachable, %4 skipped\n")
                .arg(QString::number(summary.ok), QString::number(summary.drift),
                     QString::number(summary.unreachable), QString::number(summary.skipped)));
        if (saved)
            out(CliTr::tr("Kept in %1 for the runbook's As built chapter\n").arg(saved->path));
    }
    return summary.matches() && !queue.wasCancelled() ? Ok : Problems;
}

} // namespace vlab::cli
