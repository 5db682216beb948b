// vlab diag ...: diagnostics of the PSCs' TCP connections (states per port and per peer,
// pile-ups with the advice that fits them), from a saved capture or this machine's sockets.

#include "clicommon.h"
#include "clidispatch.h"
#include "clirunner.h"
#include "secretprompt.h"

#include "core/regularfile.h"
#include "diag/diagactions.h"
#include "diag/tcpstatereport.h"
#include "jobs/jobqueue.h"
#include "remote/hostkeys.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace vlab::cli {

namespace {

bool parseThreshold(const QCommandLineParser &parser, const QCommandLineOption &option, TcpState state,
                    TcpThresholds *thresholds)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const int value = parser.value(option).toInt(&ok);
    if (!ok || value < 0) {
        err(CliTr::tr("vlab: --%1 must be a count (0 turns the check off), not \"%2\".\n")
                .arg(option.names().constFirst(), parser.value(option)));
        return false;
    }
    thresholds->set(state, value);
    return true;
}

QString diagTcpUsage()
{
    return CliTr::tr(
        "Usage: vlab diag tcp (--file FILE | --local | --ssh USER@HOST[:PORT]) [--ports LIST|all] [--plan "
        "PLAN]\n"
        "                     [--format text|json] [--close-wait N] [--fin-wait-2 N] [--time-wait N]\n"
        "                     [--fin-timeout SECONDS] [--known-hosts FILE] [--accept-host-key SHA256:...]\n"
        "                     [--identity KEYFILE]\n"
        "With --ssh, the password comes from VLAB_ROOT_PASSWORD or a prompt, unless --identity names a "
        "private key.\n");
}

// The options of `vlab diag tcp`.
struct DiagTcpOptions
{
    const QCommandLineOption file{
        u"file"_s, CliTr::tr("A saved capture: ss -tan, netstat -ant or /proc/net/tcp[6]."), u"FILE"_s};
    const QCommandLineOption local{u"local"_s, CliTr::tr("This machine's sockets (/proc/net/tcp and tcp6).")};
    const QCommandLineOption ssh{u"ssh"_s, CliTr::tr("Collect ss -tan from a host over SSH."),
                                 u"USER@HOST[:PORT]"_s};
    const QCommandLineOption knownHosts{
        u"known-hosts"_s,
        CliTr::tr("The known_hosts file to check and record host keys in (default: "
                  "known_hosts next to --plan, else in the current folder)."),
        u"FILE"_s};
    const QCommandLineOption acceptHostKey{
        u"accept-host-key"_s, CliTr::tr("The SHA-256 fingerprint you confirmed for a host not known yet."),
        u"SHA256:..."_s};
    const QCommandLineOption identity{u"identity"_s, CliTr::tr("A private key to log in with."),
                                      u"KEYFILE"_s};
    const QCommandLineOption sshTimeout{u"timeout"_s,
                                        CliTr::tr("SSH connect and command time limit in seconds "
                                                  "(default 30)."),
                                        u"SECONDS"_s, u"30"_s};
    const QCommandLineOption ports{
        u"ports"_s,
        CliTr::tr("Service ports to look at, comma-separated, or \"all\" (default: the "
                  "plan's loadBalancer.ports, else the PSC ports)."),
        u"LIST"_s};
    const QCommandLineOption plan{
        u"plan"_s, CliTr::tr("A .vlab.json plan whose loadBalancer.ports are the default."), u"PLAN"_s};
    const QCommandLineOption format{u"format"_s, CliTr::tr("Output format: text (default) or json."),
                                    u"text|json"_s, u"text"_s};
    const QCommandLineOption closeWait{
        u"close-wait"_s, CliTr::tr("CLOSE_WAIT pile-up threshold per port (default 10)."), u"N"_s};
    const QCommandLineOption finWait2{
        u"fin-wait-2"_s, CliTr::tr("FIN_WAIT_2 pile-up threshold per port (default 10)."), u"N"_s};
    const QCommandLineOption timeWait{
        u"time-wait"_s, CliTr::tr("TIME_WAIT pile-up threshold per port (default 1000)."), u"N"_s};
    const QCommandLineOption finTimeout{
        u"fin-timeout"_s, CliTr::tr("net.ipv4.tcp_fin_timeout of the captured machine, for the advice."),
        u"SECONDS"_s};

    QList<QCommandLineOption> all() const
    {
        return {file,     local,    ssh,        ports,      plan,          format,   closeWait,
                finWait2, timeWait, finTimeout, knownHosts, acceptHostKey, identity, sshTimeout};
    }
};

// What `vlab diag tcp --ssh` connects with: the endpoint, the key or the password (read from
// VLAB_ROOT_PASSWORD or a prompt) and the time limit. Nothing when the input is bad (exit 2).
std::optional<SshConnectOptions> sshArgs(const QCommandLineParser &parser, const DiagTcpOptions &o,
                                         SshCredentials *credentials)
{
    const std::optional<SshEndpoint> endpoint = SshEndpoint::parse(parser.value(o.ssh));
    if (!endpoint) {
        err(CliTr::tr("vlab: --ssh needs USER@HOST or USER@HOST:PORT, not \"%1\".\n")
                .arg(parser.value(o.ssh)));
        return std::nullopt;
    }
    credentials->privateKeyFile = parser.value(o.identity);
    if (credentials->privateKeyFile.isEmpty()) {
        const std::optional<QString> password =
            readSecret(kRootPasswordVar,
                       CliTr::tr("Password of %1 on %2 (or use --identity KEYFILE): ")
                           .arg(endpoint->user, endpoint->host));
        if (!password)
            return std::nullopt;
        credentials->password = *password;
    }
    bool ok = false;
    const int timeoutSeconds = parser.value(o.sshTimeout).toInt(&ok);
    if (!ok || timeoutSeconds < 1) {
        err(CliTr::tr("vlab: --timeout must be a number of seconds, not \"%1\".\n")
                .arg(parser.value(o.sshTimeout)));
        return std::nullopt;
    }
    SshConnectOptions connection;
    connection.endpoint = *endpoint;
    connection.knownHostsFile = parser.value(o.knownHosts); // empty: the project's (DiagActions)
    connection.acceptFingerprint = parser.value(o.acceptHostKey);
    connection.timeout = std::chrono::seconds(timeoutSeconds);
    return connection;
}

// The ports (--ports, else the --plan's, else the PSC ports), thresholds and fin timeout.
// Sets *exitCode when it returns nothing: 2 bad input, 1 a plan with errors.
std::optional<TcpReportOptions> reportArgs(const QCommandLineParser &parser, const DiagTcpOptions &o,
                                           int *exitCode)
{
    *exitCode = BadInput;
    TcpReportOptions options;
    if (parser.isSet(o.ports)) {
        const std::optional<QList<int>> list = parseTcpPortList(parser.value(o.ports));
        if (!list) {
            err(CliTr::tr(
                    "vlab: --ports must list TCP ports (1 to 65535) separated by commas, or be \"all\"; "
                    "\"%1\" is not.\n")
                    .arg(parser.value(o.ports)));
            return std::nullopt;
        }
        options.ports = *list;
    } else if (parser.isSet(o.plan)) {
        const std::optional<LabPlan> labPlan =
            loadValidPlanOrReport(parser.value(o.plan), PlanCheck::Live, exitCode);
        if (!labPlan)
            return std::nullopt;
        options.ports = DiagActions::defaultPorts(*labPlan);
    } else {
        options.ports = standardPscPorts();
    }
    if (!parseThreshold(parser, o.closeWait, TcpState::CloseWait, &options.thresholds)
        || !parseThreshold(parser, o.finWait2, TcpState::FinWait2, &options.thresholds)
        || !parseThreshold(parser, o.timeWait, TcpState::TimeWait, &options.thresholds)) {
        *exitCode = BadInput;
        return std::nullopt;
    }
    if (parser.isSet(o.finTimeout)) {
        bool ok = false;
        const int seconds = parser.value(o.finTimeout).toInt(&ok);
        if (!ok || seconds < 0) {
            err(CliTr::tr("vlab: --fin-timeout must be a number of seconds, not \"%1\".\n")
                    .arg(parser.value(o.finTimeout)));
            *exitCode = BadInput;
            return std::nullopt;
        }
        options.finTimeoutSeconds = seconds;
    }
    return options;
}

// Unreadable input is bad input (exit 2), found before any work starts; a FIFO or a device is
// refused before open() (which would block on a FIFO).
bool captureFileReadable(const QString &file)
{
    if (const Result<void> regular = requireRegularFile(file); !regular && QFile::exists(file)) {
        err(u"vlab: "_s + regular.error().message + u'\n');
        return false;
    }
    if (QFile in(file); !in.open(QIODevice::ReadOnly)) {
        err(CliTr::tr("vlab: cannot read %1: %2\n").arg(file, in.errorString()));
        return false;
    }
    return true;
}

// What `vlab diag tcp` was asked for, checked.
struct DiagTcpArgs
{
    TcpDiagRequest request;
    QString source;        // as printed: "local", "ssh:USER@HOST[:PORT]" or the file
    QString projectFolder; // the --plan's folder (the journal's), else empty
    bool json = false;
};

// Sets *exitCode when it returns nothing (0 after --help).
std::optional<DiagTcpArgs> parseDiagTcp(const QStringList &args, int *exitCode)
{
    *exitCode = BadInput;
    const QString usage = diagTcpUsage();
    const DiagTcpOptions o;
    QCommandLineParser parser;
    parser.addOptions(o.all());
    bool help = false;
    if (!parseVerb(parser, args, usage.trimmed(), 0, &help))
        return std::nullopt;
    if (help) {
        *exitCode = Ok;
        return std::nullopt;
    }
    const int sources = int(parser.isSet(o.file)) + int(parser.isSet(o.local)) + int(parser.isSet(o.ssh));
    if (sources != 1) {
        err(CliTr::tr("vlab: diag tcp needs exactly one of --file, --local and --ssh.\n") + usage);
        return std::nullopt;
    }
    std::optional<SshConnectOptions> connection;
    SshCredentials credentials;
    if (parser.isSet(o.ssh)) {
        connection = sshArgs(parser, o, &credentials);
        if (!connection)
            return std::nullopt;
    }
    DiagTcpArgs a;
    const QString fmt = parser.value(o.format);
    if (fmt != u"text"_s && fmt != u"json"_s) {
        err(CliTr::tr("vlab: --format must be text or json, not \"%1\".\n").arg(fmt));
        return std::nullopt;
    }
    a.json = fmt == u"json"_s;
    const std::optional<TcpReportOptions> options = reportArgs(parser, o, exitCode);
    if (!options)
        return std::nullopt;
    *exitCode = BadInput;
    if (parser.isSet(o.plan))
        a.projectFolder = QFileInfo(parser.value(o.plan)).absolutePath();
    const DiagActions actions(a.projectFolder);
    if (parser.isSet(o.local)) {
        a.source = u"local"_s;
        a.request = DiagActions::localRequest(*options);
    } else if (connection) {
        a.source = u"ssh:"_s + connection->endpoint.toString();
        a.request = actions.sshRequest(*connection, credentials, *options);
    } else {
        a.source = parser.value(o.file);
        if (!captureFileReadable(a.source))
            return std::nullopt;
        a.request = DiagActions::fileRequest(a.source, *options);
    }
    return a;
}

// The report as text or JSON on stdout; exit 1 with a pile-up.
int printDiagTcp(const TcpDiagJob &job, const DiagTcpArgs &a)
{
    if (const std::optional<HostKeyCheck> &hostKey = job.hostKey();
        hostKey && hostKey->state == HostKeyState::Unknown)
        err(CliTr::tr("vlab: recorded the host key %1 of %2 in %3.\n")
                .arg(hostKey->fingerprint, hostKey->hostEntry, a.request.connection.knownHostsFile));
    const TcpStateReport &report = job.tcpReport();
    if (a.json) {
        QJsonObject o = report.toJson();
        o.insert(u"source"_s, a.source);
        o.insert(u"format"_s, tcpCaptureFormatName(job.captureFormat()));
        out(QString::fromUtf8(QJsonDocument(o).toJson()));
    } else {
        out(CliTr::tr("Source: %1 (%2)\n").arg(a.source, tcpCaptureFormatName(job.captureFormat())));
        out(report.toText());
    }
    return report.hasPileUp() ? Problems : Ok;
}

// Why the run failed, on stderr. Over SSH anything that goes wrong is the lab's (exit 1); a
// file or this machine's sockets that cannot be read or parsed are bad input (exit 2).
int reportDiagTcpFailure(const TcpDiagJob &job, const DiagTcpArgs &a)
{
    const Error error =
        job.result() ? makeError(u"job.cancelled"_s, CliTr::tr("Cancelled.")) : job.result().error();
    if (a.request.source == TcpDiagRequest::Source::Ssh || error.code == u"job.cancelled"_s) {
        err(CliTr::tr("vlab: %1\n").arg(error.message));
        return Problems;
    }
    err(CliTr::tr("vlab: %1: %2\n").arg(a.source, error.message));
    if (!error.details.isEmpty())
        err(u"  "_s + error.details + u'\n');
    return BadInput;
}

int cmdDiagTcp(const QStringList &args)
{
    int exitCode = BadInput;
    const std::optional<DiagTcpArgs> a = parseDiagTcp(args, &exitCode);
    if (!a)
        return exitCode;
    // The collection runs as the Diagnostics step's job, in the queue, like the wizard's.
    JobQueue queue;
    TcpDiagJob *job = DiagActions::createTcpJob(a->request);
    queue.addJob(job);
    CliRunner runner(&queue, CliTr::tr("TCP connection states of %1").arg(job->sourceName()),
                     a->projectFolder);
    runner.setQuiet(true);
    if (!runner.run())
        return reportDiagTcpFailure(*job, *a);
    return printDiagTcp(*job, *a);
}

} // namespace

Verb diagVerbs()
{
    return verbGroup(
        u"diag"_s,
        {Verb{{u"tcp"_s},
              u"diag tcp (--file FILE | --local | --ssh USER@HOST) [--ports LIST] [--format text|json]"_s,
              CliTr::tr("TCP connection states and pile-ups on the PSC ports"),
              [](const QString &, const QStringList &args) { return cmdDiagTcp(args); },
              {},
              {}}},
        [] {
            return CliTr::tr("Usage: vlab diag tcp (--file FILE | --local | --ssh USER@HOST) [options]\n"
                             "Run 'vlab diag tcp --help' for the options.\n");
        });
}

} // namespace vlab::cli
