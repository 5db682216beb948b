// vlab psc ...: live work on the Platform Services Controllers over SSH. `apply-cert` replaces
// the machine SSL certificate on one or both PSCs in turn (certificate-manager option 1, then
// 2) and checks afterwards that each serves the new leaf on 443. `update-endpoints` then
// points SSO and the lookup service at the load-balancer name (KB 2147014; the commands are
// shown and run only after --yes).

#include "clicommon.h"
#include "clidispatch.h"
#include "clirunner.h"
#include "secretprompt.h"

#include "certs/certjobs.h"
#include "certs/csrrequest.h"
#include "jobs/jobqueue.h"
#include "jobs/journal.h"
#include "remote/applycertactions.h"
#include "remote/certreplacementplan.h"
#include "remote/pscendpointplan.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace vlab::cli {

namespace {

bool parsePort(const QCommandLineParser &parser, const QCommandLineOption &option, int *port)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const int value = parser.value(option).toInt(&ok);
    if (!ok || value < 1 || value > 65535) {
        err(CliTr::tr("vlab: --%1 must be a TCP port (1 to 65535), not \"%2\".\n")
                .arg(option.names().constFirst(), parser.value(option)));
        return false;
    }
    *port = value;
    return true;
}

// The files must pass the certificate step's checks before anything goes to a PSC. The job
// checks again, but saying so here, before any connection, is clearer.
int checkCertificateFiles(const QString &folder, const LabPlan &plan)
{
    const CertFilesCheck check = ApplyCertActions::checkFiles(folder, plan);
    for (const CertFileRead &file : check.files) {
        if (!file.exists)
            err(CliTr::tr(
                    "vlab: %1 is missing. Make the certificate files first (vlab cert csr, then vlab cert "
                    "sign-vmca or vlab cert chain), or name their folder with --certs.\n")
                    .arg(file.path));
        else if (!file.source)
            err(u"vlab: "_s + file.error + u'\n');
    }
    if (!check.allRead())
        return BadInput;
    if (!check.clean()) {
        err(CliTr::tr(
                "vlab: the certificate files in %1 do not pass the checks, so nothing was sent to any PSC.\n"
                "Fix what the report below names (vlab cert verify shows it again), then run this command "
                "again.\n\n")
                .arg(folder));
        err(check.report->toText());
        return Problems;
    }
    return Ok;
}

QString applyCertUsage()
{
    return CliTr::tr(
        "Usage: vlab psc apply-cert PLAN --node psc01|psc02|all [--user root] [--port N]\n"
        "                           [--accept-host-key [NODE=]SHA256:...] [--known-hosts FILE] [--certs "
        "DIR]\n"
        "                           [--identity KEYFILE] [--sso-user USER] [--switch-login-shell]\n"
        "                           [--remote-folder DIR] [--tls-port N] [--certificate-manager COMMAND]\n"
        "The root password comes from VLAB_ROOT_PASSWORD (unless --identity names a private key), the SSO\n"
        "administrator's password that certificate-manager asks for from VLAB_SSO_PASSWORD; either is\n"
        "asked for on the terminal when its variable is unset.\n");
}

// The options of `vlab psc apply-cert`.
struct ApplyCertOptions
{
    const QCommandLineOption node{
        u"node"_s, CliTr::tr("Which PSC: psc01, psc02 (plan order) or all (in turn)."), u"NODE"_s};
    const QCommandLineOption user{u"user"_s, CliTr::tr("The SSH user (default root)."), u"USER"_s, u"root"_s};
    const QCommandLineOption port{u"port"_s, CliTr::tr("The SSH port (default 22)."), u"N"_s};
    const QCommandLineOption acceptHostKey{u"accept-host-key"_s,
                                           CliTr::tr("The SHA-256 fingerprint you confirmed for a PSC whose "
                                                     "host key is not known yet; NODE=SHA256:... "
                                                     "for one node. May be repeated."),
                                           u"[NODE=]SHA256:..."_s};
    const QCommandLineOption knownHosts{
        u"known-hosts"_s, CliTr::tr("The known_hosts file (default: known_hosts next to the plan)."),
        u"FILE"_s};
    const QCommandLineOption certs{
        u"certs"_s,
        CliTr::tr("The folder with psc-ha-vip-chain.crt, psc-ha-vip.key and cachain.crt "
                  "(default: certs next to the plan)."),
        u"DIR"_s};
    const QCommandLineOption identity{u"identity"_s, CliTr::tr("A private key to log in with."),
                                      u"KEYFILE"_s};
    const QCommandLineOption ssoUser{u"sso-user"_s,
                                     CliTr::tr("The SSO administrator (default: certificate-manager's own, "
                                               "Administrator@vsphere.local)."),
                                     u"USER"_s};
    const QCommandLineOption switchShell{
        u"switch-login-shell"_s,
        CliTr::tr("First make bash root's login shell (chsh -s /bin/bash root; undo "
                  "with chsh -s /bin/appliancesh root) so that SFTP works.")};
    const QCommandLineOption remoteFolder{u"remote-folder"_s,
                                          CliTr::tr("The folder on the PSC for the files (default /certs)."),
                                          u"DIR"_s, u"/certs"_s};
    const QCommandLineOption tlsPort{
        u"tls-port"_s,
        CliTr::tr("The port whose certificate is compared with the new leaf afterwards "
                  "(default 443)."),
        u"N"_s};
    const QCommandLineOption certManager{
        u"certificate-manager"_s,
        CliTr::tr("The command that runs certificate-manager on the PSC (default "
                  "/usr/lib/vmware-vmca/bin/certificate-manager)."),
        u"COMMAND"_s};
    const QCommandLineOption timeout{
        u"timeout"_s, CliTr::tr("SSH connect and single-wait time limit in seconds (default 30)."),
        u"SECONDS"_s, u"30"_s};
    const QCommandLineOption servedTimeout{
        u"served-timeout"_s,
        CliTr::tr("How long to wait for the PSC to serve HTTPS again after the "
                  "replacement, in seconds (default 600)."),
        u"SECONDS"_s, u"600"_s};

    QList<QCommandLineOption> all() const
    {
        return {node,    user,        port,         acceptHostKey, knownHosts,  certs,   identity,
                ssoUser, switchShell, remoteFolder, tlsPort,       certManager, timeout, servedTimeout};
    }
};

// --port, --tls-port, --timeout and --served-timeout into `settings`; false (said why) when one is bad.
bool parseLimits(const QCommandLineParser &parser, const ApplyCertOptions &o,
                 CertReplacementSettings *settings)
{
    if (!parsePort(parser, o.port, &settings->sshPort))
        return false;
    int served = settings->tlsPort;
    if (!parsePort(parser, o.tlsPort, &served))
        return false;
    settings->tlsPort = quint16(served);
    const auto seconds = [&](const QCommandLineOption &option) -> std::optional<int> {
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        if (!ok || value < 1) {
            err(CliTr::tr("vlab: --%1 must be a number of seconds, not \"%2\".\n")
                    .arg(option.names().constFirst(), parser.value(option)));
            return std::nullopt;
        }
        return value;
    };
    const std::optional<int> connectSeconds = seconds(o.timeout);
    const std::optional<int> servedSeconds = seconds(o.servedTimeout);
    if (!connectSeconds || !servedSeconds)
        return false;
    settings->connectTimeout = std::chrono::seconds(*connectSeconds);
    settings->servedTimeout = std::chrono::seconds(*servedSeconds);
    return true;
}

// Each --accept-host-key, "SHA256:..." for any node or "psc01=SHA256:..." for one; false (said
// why) when it names a node the plan does not have.
bool parseAcceptedHostKeys(const QStringList &values, const LabPlan &plan, CertReplacementSettings *settings)
{
    for (const QString &value : values) {
        const qsizetype eq = value.indexOf(u'=');
        // "psc01=SHA256:..." names a node; base64 fingerprints may end in '=' but never start a node name.
        const QString head = eq > 0 ? value.left(eq) : QString();
        if (!head.isEmpty() && !head.contains(u':')) {
            const Result<QList<qsizetype>> which = selectPscNodes(plan, head);
            if (!which) {
                err(CliTr::tr(
                        "vlab: --accept-host-key names the node \"%1\", which the plan does not have.\n")
                        .arg(head));
                return false;
            }
            for (const qsizetype i : which.value())
                settings->acceptFingerprints.insert(pscNodeId(i), value.mid(eq + 1));
        } else {
            settings->acceptFingerprints.insert(QString(), value);
        }
    }
    return true;
}

// The root password (unless a key is named) and the SSO administrator's: from the variables,
// or asked for on the terminal without echo; never an argument.
bool readPasswords(CertReplacementSettings *settings)
{
    if (settings->credentials.privateKeyFile.isEmpty()) {
        const std::optional<QString> root = readSecret(
            kRootPasswordVar,
            CliTr::tr("Password of %1 on the PSCs (or use --identity KEYFILE): ").arg(settings->user));
        if (!root)
            return false;
        settings->credentials.password = *root;
    }
    const std::optional<QString> sso = readSecret(
        kSsoPasswordVar, CliTr::tr("Password of the SSO administrator (certificate-manager asks for it): "));
    if (!sso)
        return false;
    settings->ssoPassword = *sso;
    return true;
}

// What `vlab psc apply-cert` was asked for, checked.
struct ApplyCertArgs
{
    QString planFile;
    LabPlan plan;
    QList<qsizetype> nodes;
    CertReplacementSettings settings;
};

// Sets *exitCode when it returns nothing: 2 bad input or usage (0 after --help), 1 a plan with errors.
std::optional<ApplyCertArgs> parseApplyCert(const QStringList &args, int *exitCode)
{
    *exitCode = BadInput;
    const QString usage = applyCertUsage();
    const ApplyCertOptions o;
    QCommandLineParser parser;
    parser.addOptions(o.all());
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    if (!parseVerb(parser, args, usage.trimmed(), 1, &help))
        return std::nullopt;
    if (help) {
        *exitCode = Ok;
        return std::nullopt;
    }
    if (!parser.isSet(o.node)) {
        err(CliTr::tr("vlab: psc apply-cert needs --node psc01, psc02 or all.\n") + usage);
        return std::nullopt;
    }
    ApplyCertArgs a;
    a.planFile = parser.positionalArguments().constFirst();
    std::optional<LabPlan> plan = loadValidPlanOrReport(a.planFile, PlanCheck::Live, exitCode);
    if (!plan)
        return std::nullopt;
    *exitCode = BadInput;
    a.plan = std::move(*plan);
    const Result<QList<qsizetype>> nodes = selectPscNodes(a.plan, parser.value(o.node));
    if (!nodes) {
        err(u"vlab: "_s + nodes.error().message + u'\n');
        return std::nullopt;
    }
    a.nodes = nodes.value();

    CertReplacementSettings &settings = a.settings;
    settings.user = parser.value(o.user);
    if (!parseLimits(parser, o, &settings)
        || !parseAcceptedHostKeys(parser.values(o.acceptHostKey), a.plan, &settings))
        return std::nullopt;
    const ApplyCertActions actions(QFileInfo(a.planFile).absolutePath());
    settings.knownHostsFile =
        parser.isSet(o.knownHosts) ? parser.value(o.knownHosts) : actions.knownHostsFile();
    settings.certFolder = parser.isSet(o.certs) ? parser.value(o.certs) : actions.certFolder();
    settings.remoteFolder = parser.value(o.remoteFolder);
    if (!settings.remoteFolder.startsWith(u'/')) {
        err(CliTr::tr("vlab: --remote-folder must be an absolute path on the PSC, not \"%1\".\n")
                .arg(settings.remoteFolder));
        return std::nullopt;
    }
    if (parser.isSet(o.certManager))
        settings.certificateManager = parser.value(o.certManager);
    settings.ssoUser = parser.value(o.ssoUser);
    settings.switchLoginShell = parser.isSet(o.switchShell);
    settings.credentials.privateKeyFile = parser.value(o.identity);
    if (!readPasswords(&settings))
        return std::nullopt;
    return a;
}

// What each job of the run did: done (with its outcomes), skipped, or why it failed.
void printApplyCertResults(const QList<Job *> &jobs)
{
    for (const Job *job : jobs) {
        if (job->state() == Job::State::Succeeded) {
            out(CliTr::tr("%1: done\n").arg(job->title()));
            for (const Evidence &e : job->report().evidence) {
                if (e.kind == Evidence::Kind::Outcome)
                    out(u"  "_s + e.text + u'\n');
            }
        } else if (job->state() == Job::State::Skipped && job->report().started.isValid()) {
            // It looked and found nothing to do (the PSC serves the new certificate already).
            out(CliTr::tr("%1: skipped, nothing to do\n").arg(job->title()));
            out(u"  "_s + job->result().error().message + u'\n');
        } else if (job->state() == Job::State::Failed || job->state() == Job::State::Cancelled) {
            err(u"vlab: "_s + job->result().error().message + u'\n');
            const QString fingerprint = fingerprintToConfirm(job->result().error());
            if (!fingerprint.isEmpty())
                err(CliTr::tr(
                        "vlab: after comparing it with the appliance's own (ssh-keygen -lf "
                        "/etc/ssh/ssh_host_*_key.pub on its console), run again with --accept-host-key %1\n")
                        .arg(fingerprint));
        }
    }
}

int cmdApplyCert(const QStringList &args)
{
    int exitCode = BadInput;
    const std::optional<ApplyCertArgs> a = parseApplyCert(args, &exitCode);
    if (!a)
        return exitCode;
    if (const int checked = checkCertificateFiles(a->settings.certFolder, a->plan); checked != Ok)
        return checked;
    JobQueue queue;
    const QList<Job *> jobs = ApplyCertActions::createJobs(a->plan, a->nodes, a->settings);
    for (Job *job : jobs)
        queue.addJob(job); // one after another: psc01 is done (and serves the new leaf) before psc02 starts
    CliRunner runner(&queue, CliTr::tr("Apply the machine certificate to the PSCs"),
                     QFileInfo(a->planFile).absolutePath());
    const bool ok = runner.run();
    printApplyCertResults(jobs);
    // After a failure or a cancel: where each PSC stands, and how to go on.
    if (const QString aftermath = certReplacementAftermath({jobs.cbegin(), jobs.cend()}, a->planFile);
        !aftermath.isEmpty())
        err(aftermath + u'\n');
    return ok ? Ok : Problems;
}

int cmdUpdateEndpoints(const QStringList &args)
{
    const PscEndpointTemplates defaults = PscEndpointTemplates::defaults();
    const QString usage =
        CliTr::tr("Usage: vlab psc update-endpoints PLAN [--yes] [--user root] [--port N]\n"
                  "                           [--accept-host-key [NODE=]SHA256:...] [--known-hosts FILE] "
                  "[--identity KEYFILE]\n"
                  "                           [--each-psc-command TEMPLATE] [--first-psc-command TEMPLATE] "
                  "[--timeout SECONDS]\n"
                  "After the certificate replacement: points SSO and the lookup service of the PSCs at the\n"
                  "load-balancer name. It shows what will run on which PSC and runs it only with --yes.\n"
                  "Templates: {lb} the load-balancer FQDN, {user} the SSO administrator, {password} the SSO "
                  "password\n"
                  "(typed at a prompt on the PSC, never on a command line). Defaults (VERIFY them first):\n"
                  "  every PSC:  %1\n"
                  "  first PSC:  %2\n"
                  "The root password comes from VLAB_ROOT_PASSWORD (unless --identity), the SSO "
                  "administrator's from\n"
                  "VLAB_SSO_PASSWORD, or the terminal. Exit codes: 0 done, 1 not approved, failed or the "
                  "plan has errors, 2 bad "
                  "input.\n")
            .arg(defaults.eachPsc, defaults.onePsc);
    QCommandLineParser parser;
    const QCommandLineOption yes(u"yes"_s, CliTr::tr("Run the commands shown (after checking them)."));
    const QCommandLineOption user(u"user"_s, CliTr::tr("The SSH user (default root)."), u"USER"_s, u"root"_s);
    const QCommandLineOption port(u"port"_s, CliTr::tr("The SSH port (default 22)."), u"N"_s);
    const QCommandLineOption acceptHostKey(u"accept-host-key"_s,
                                           CliTr::tr("The SHA-256 fingerprint you confirmed for a PSC whose "
                                                     "host key is not known yet; NODE=SHA256:... "
                                                     "for one node. May be repeated."),
                                           u"[NODE=]SHA256:..."_s);
    const QCommandLineOption knownHosts(
        u"known-hosts"_s, CliTr::tr("The known_hosts file (default: known_hosts next to the plan)."),
        u"FILE"_s);
    const QCommandLineOption identity(u"identity"_s, CliTr::tr("A private key to log in with."),
                                      u"KEYFILE"_s);
    const QCommandLineOption each(u"each-psc-command"_s, CliTr::tr("The command run on every PSC."),
                                  u"TEMPLATE"_s, defaults.eachPsc);
    const QCommandLineOption first(u"first-psc-command"_s,
                                   CliTr::tr("The command then run on the first PSC."), u"TEMPLATE"_s,
                                   defaults.onePsc);
    const QCommandLineOption timeout(
        u"timeout"_s, CliTr::tr("SSH connect and single-wait time limit in seconds (default 30)."),
        u"SECONDS"_s, u"30"_s);
    parser.addOptions({yes, user, port, acceptHostKey, knownHosts, identity, each, first, timeout});
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    if (!parseVerb(parser, args, usage.trimmed(), 1, &help))
        return BadInput;
    if (help)
        return Ok;
    const QString planFile = parser.positionalArguments().constFirst();
    int exitCode = Ok;
    const std::optional<LabPlan> plan = loadValidPlanOrReport(planFile, PlanCheck::Live, &exitCode);
    if (!plan)
        return exitCode;
    const Result<QList<PscEndpointStep>> steps =
        pscEndpointSteps(*plan, PscEndpointTemplates{parser.value(each), parser.value(first)});
    if (!steps) {
        err(u"vlab: "_s + steps.error().message + u'\n');
        return BadInput;
    }
    PscEndpointSettings settings;
    settings.user = parser.value(user);
    if (!parsePort(parser, port, &settings.sshPort))
        return BadInput;
    bool ok = false;
    const int seconds = parser.value(timeout).toInt(&ok);
    if (!ok || seconds < 1) {
        err(CliTr::tr("vlab: --timeout must be a number of seconds, not \"%1\".\n")
                .arg(parser.value(timeout)));
        return BadInput;
    }
    settings.connectTimeout = std::chrono::seconds(seconds);
    for (const QString &value : parser.values(acceptHostKey)) {
        const qsizetype eq = value.indexOf(u'=');
        const QString head = eq > 0 ? value.left(eq) : QString();
        if (!head.isEmpty() && !head.contains(u':')) {
            const Result<QList<qsizetype>> which = selectPscNodes(*plan, head);
            if (!which) {
                err(CliTr::tr(
                        "vlab: --accept-host-key names the node \"%1\", which the plan does not have.\n")
                        .arg(head));
                return BadInput;
            }
            for (const qsizetype i : which.value())
                settings.acceptFingerprints.insert(pscNodeId(i), value.mid(eq + 1));
        } else {
            settings.acceptFingerprints.insert(QString(), value);
        }
    }
    const QString projectFolder = QFileInfo(planFile).absolutePath();
    settings.knownHostsFile =
        parser.isSet(knownHosts) ? parser.value(knownHosts) : defaultKnownHostsFile(projectFolder);

    // What will run where: shown every time, run only when approved.
    out(CliTr::tr("Source: %1\n").arg(pscEndpointSource()));
    for (const PscEndpointStep &s : *steps)
        out(CliTr::tr("  on %1 as %2@%3: %4\n").arg(s.nodeId, settings.user, s.host, s.command));
    if (!parser.isSet(yes)) {
        err(CliTr::tr(
            "vlab: nothing was run. Check the commands above against the article, then run again with "
            "--yes (or change them with --each-psc-command / --first-psc-command).\n"));
        return Problems;
    }
    settings.credentials.privateKeyFile = parser.value(identity);
    if (settings.credentials.privateKeyFile.isEmpty()) {
        const std::optional<QString> root = readSecret(
            kRootPasswordVar,
            CliTr::tr("Password of %1 on the PSCs (or use --identity KEYFILE): ").arg(settings.user));
        if (!root)
            return BadInput;
        settings.credentials.password = *root;
    }
    if (std::any_of(steps->cbegin(), steps->cend(),
                    [](const PscEndpointStep &s) { return s.needsSsoPassword; })) {
        const std::optional<QString> sso =
            readSecret(kSsoPasswordVar, CliTr::tr("Password of the SSO administrator: "));
        if (!sso)
            return BadInput;
        settings.ssoPassword = *sso;
    }

    JobQueue queue;
    const QList<Job *> jobs = makePscEndpointJobs(*steps, settings);
    for (Job *job : jobs)
        queue.addJob(job);
    CliRunner runner(&queue, CliTr::tr("Point the PSCs at the load-balancer name"), projectFolder);
    const bool done = runner.run();
    for (const Job *job : jobs) {
        if (job->state() == Job::State::Succeeded) {
            out(CliTr::tr("%1: done\n").arg(job->title()));
        } else if (job->state() == Job::State::Failed) {
            err(u"vlab: "_s + job->result().error().message + u'\n');
            if (!job->result().error().details.isEmpty())
                err(job->result().error().details + u'\n');
            const QString fingerprint = fingerprintToConfirm(job->result().error());
            if (!fingerprint.isEmpty())
                err(CliTr::tr(
                        "vlab: after comparing it with the appliance's own (ssh-keygen -lf "
                        "/etc/ssh/ssh_host_*_key.pub on its console), run again with --accept-host-key %1\n")
                        .arg(fingerprint));
        }
    }
    return done ? Ok : Problems;
}

} // namespace

Verb pscVerbs()
{
    return verbGroup(
        u"psc"_s,
        {Verb{{u"apply-cert"_s},
              u"psc apply-cert PLAN --node psc01|psc02|all [--user root] [--accept-host-key SHA256:...]"_s,
              CliTr::tr("replace the machine certificate on the PSCs over SSH"),
              [](const QString &, const QStringList &args) { return cmdApplyCert(args); },
              {},
              {}},
         Verb{{u"update-endpoints"_s},
              u"psc update-endpoints PLAN [--yes]"_s,
              CliTr::tr("then point SSO and the lookup service at the LB name"),
              [](const QString &, const QStringList &args) { return cmdUpdateEndpoints(args); },
              {},
              {}}},
        [] {
            return CliTr::tr("Usage: vlab psc apply-cert PLAN --node psc01|psc02|all [options]\n"
                             "       vlab psc update-endpoints PLAN [--yes] [options]\n"
                             "Run 'vlab psc apply-cert --help' or 'vlab psc update-endpoints --help' for the "
                             "options.\n");
        });
}

} // namespace vlab::cli
