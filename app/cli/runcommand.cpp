// vlab run: the whole lab in one run, in the order project/labrun.h gives, through one job
// queue and one journal. Each step's jobs come from the same engine calls its own verb uses
// (the steps' actions layers); this file gathers the input, shows the run and what it will
// change, asks once, and runs it.

#include "clicommon.h"
#include "clirunner.h"
#include "secretprompt.h"

#include "audit/auditresult.h"
#include "audit/auditsession.h"
#include "jobs/jobqueue.h"
#include "jobs/outcomesurvey.h"
#include "jobs/runsession.h"
#include "net/tlstrust.h"
#include "project/labbuild.h"
#include "project/labrun.h"
#include "remote/hostkeys.h"
#include "remote/pscendpointplan.h"
#include "vsphere/vcenterclient.h"
#include "vsphere/vcsadeployjob.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace vlab::cli {

namespace {

struct RunInput
{
    LabPlan plan;
    QString planFile;
    LabBuildSettings settings;
};

// The passwords the selected steps need, from the environment or asked for; false having said why.
bool readPasswords(RunInput &in, const QList<LabStep> &steps)
{
    LabBuildSettings &s = in.settings;
    const LabBuildNeeds needs = labBuildNeeds(in.plan, steps, s.auditAreas);
    if (needs.vcsaPasswords) {
        const std::optional<VcsaSecrets> secrets = vcsaSecretsFromEnvironment(in.plan);
        if (!secrets)
            return false;
        s.vcsa = *secrets;
        s.rootPassword = secrets->rootPassword;
        s.ssoPassword = secrets->ssoPassword;
    }
    if (needs.sshLogin && s.identity.isEmpty() && s.rootPassword.isEmpty()) {
        const std::optional<QString> root =
            readSecret(kRootPasswordVar,
                       CliTr::tr("Password of %1 on the PSCs (or use --identity KEYFILE): ").arg(s.sshUser));
        if (!root)
            return false;
        s.rootPassword = *root;
    }
    if (needs.ssoPassword && s.ssoPassword.isEmpty()) {
        const std::optional<QString> sso =
            readSecret(kSsoPasswordVar, CliTr::tr("Password of the SSO administrator: "));
        if (!sso)
            return false;
        s.ssoPassword = *sso;
    }
    if (needs.netscaler) {
        const std::optional<QString> ns = readSecret(
            kNsPasswordVar, CliTr::tr("Password of NetScaler user %1 at %2: ").arg(s.nsUser, s.nsip));
        if (!ns)
            return false;
        s.nsPassword = *ns;
    }
    if (needs.vcenter) {
        const std::optional<QString> vc =
            readSecret(kVcPasswordVar, CliTr::tr("Password of %1 on vCenter %2: ").arg(s.vcUser, s.vcenter));
        if (!vc)
            return false;
        s.vcPassword = *vc;
    }
    return true;
}

bool askYes(const QString &question)
{
#ifdef Q_OS_UNIX
    if (!::isatty(fileno(stdin)))
        return false;
#endif
    err(question);
    QTextStream in(stdin);
    const QString answer = in.readLine().trimmed().toLower();
    return answer == u"y"_s || answer == u"yes"_s;
}

// Looks, read-only, at whether each lab change already holds; those that do are skipped as
// already done. False when one is still going on outside this program (an installer runs),
// having said so.
bool skipWhatIsDone(const QList<Job *> &jobs)
{
    OutcomeSurvey survey;
    QObject::connect(&survey, &OutcomeSurvey::finished, &survey, [] { QCoreApplication::exit(0); });
    bool finished = false;
    QObject::connect(&survey, &OutcomeSurvey::finished, &survey, [&finished] { finished = true; });
    survey.start(jobs);
    if (!finished) {
        err(CliTr::tr("vlab: looking at what already holds in the lab (%n look(s))...\n", nullptr,
                      survey.looks()));
        QCoreApplication::exec();
    }
    for (const QString &done : survey.alreadyDone())
        err(CliTr::tr("vlab: already done, skipped: %1\n").arg(done));
    for (const QString &busy : survey.busy())
        err(CliTr::tr("vlab: not started: %1\n").arg(busy));
    return survey.busy().isEmpty();
}

QString runUsage()
{
    return CliTr::tr(
               "Usage: vlab run PLAN [--steps LIST|all] [--from STEP] [--yes] [--dry-run]\n"
               "                [--iso DIR] [--ca-cert FILE --ca-key FILE]\n"
               "                [--nsip ADDR[:PORT]] [--ns-user NAME] [--ns-fingerprint SHA256]\n"
               "                [--vcenter HOST[:PORT]] [--vc-user USER] [--vc-fingerprint SHA256]\n"
               "                [--ssh-user USER] [--ssh-port N] [--identity KEYFILE] [--known-hosts FILE]\n"
               "                [--audit-areas LIST] [--install-timeout MINUTES] [--vcha-poll-interval S]\n"
               "                [--certificate-manager COMMAND] [--remote-folder DIR] [--vmafd-cli COMMAND]\n"
               "                [--each-psc-command TEMPLATE] [--first-psc-command TEMPLATE]\n"
               "\n"
               "Builds the lab: the live steps in dependency order through one job queue and journal,\n"
               "what does not depend on each other at the same time. Steps: %1.\n"
               "It shows the stages and the critical path, looks at what already holds in the lab\n"
               "(those steps are skipped as already done), lists every change the run will make and\n"
               "asks once (--yes: do not ask; without a terminal --yes is needed). A run that was cut\n"
               "off (crash, Ctrl+C, power) resumes where it stopped: finished jobs are not repeated.\n"
               "--dry-run shows the run and its changes and touches nothing.\n"
               "\n"
               "What the steps need: psc1, psc2 and vcenter --iso (the mounted VCSA ISO) and\n"
               "VLAB_ROOT_PASSWORD, VLAB_SSO_PASSWORD, VLAB_TARGET_PASSWORD (see vlab vcsa --help);\n"
               "the certificate step --ca-cert and --ca-key (the VMCA root of PSC 1; it writes certs/\n"
               "next to the plan); apply-cert and endpoints SSH to the PSCs (host keys from known_hosts\n"
               "next to the plan); the NetScaler step --nsip (default: the plan's) and VLAB_NS_PASSWORD;\n"
               "vcha, vds and the audit --vcenter (default: the plan's) and VLAB_VC_PASSWORD.\n"
               "\n"
               "Exit codes: 0 the lab was built (or already stood), 1 a step failed, was refused or\n"
               "not approved, 2 bad input or usage.\n")
        .arg(labStepNames());
}

} // namespace

int cmdRun(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption stepsOption(u"steps"_s, CliTr::tr("Comma-separated steps, or all (default)."),
                                         u"LIST"_s, u"all"_s);
    const QCommandLineOption from(u"from"_s, CliTr::tr("Start at this step (the earlier ones are not run)."),
                                  u"STEP"_s);
    const QCommandLineOption yes(u"yes"_s, CliTr::tr("Make the changes listed without asking."));
    const QCommandLineOption dryRun(u"dry-run"_s, CliTr::tr("Show the run and its changes; touch nothing."));
    const QCommandLineOption iso(u"iso"_s, CliTr::tr("The folder where the VCSA ISO is mounted."), u"DIR"_s);
    const QCommandLineOption caCert(u"ca-cert"_s, CliTr::tr("The VMCA root certificate (root.cer)."),
                                    u"FILE"_s);
    const QCommandLineOption caKey(u"ca-key"_s, CliTr::tr("The VMCA root key (privatekey.pem)."), u"FILE"_s);
    const QCommandLineOption nsip(u"nsip"_s, CliTr::tr("The NetScaler management address."),
                                  u"ADDR[:PORT]"_s);
    const QCommandLineOption nsUser(u"ns-user"_s, CliTr::tr("The NITRO user (default nsroot)."), u"NAME"_s,
                                    u"nsroot"_s);
    const QCommandLineOption nsFingerprint(
        u"ns-fingerprint"_s, CliTr::tr("The SHA-256 fingerprint of the NSIP's certificate."), u"SHA256"_s);
    const QCommandLineOption vcenter(u"vcenter"_s, CliTr::tr("The vCenter, if not the plan's."),
                                     u"HOST[:PORT]"_s);
    const QCommandLineOption vcUser(
        u"vc-user"_s, CliTr::tr("The vCenter user (default administrator@<SSO domain>)."), u"USER"_s);
    const QCommandLineOption vcFingerprint(
        u"vc-fingerprint"_s, CliTr::tr("The SHA-256 fingerprint of the vCenter's certificate."), u"SHA256"_s);
    const QCommandLineOption sshUser(u"ssh-user"_s, CliTr::tr("The SSH user on the PSCs (default root)."),
                                     u"USER"_s, u"root"_s);
    const QCommandLineOption sshPort(u"ssh-port"_s, CliTr::tr("The SSH port of the PSCs (default 22)."),
                                     u"N"_s, u"22"_s);
    const QCommandLineOption identity(u"identity"_s, CliTr::tr("A private key to log in to the PSCs with."),
                                      u"KEYFILE"_s);
    const QCommandLineOption knownHosts(
        u"known-hosts"_s, CliTr::tr("The known_hosts file (default: known_hosts next to the plan)."),
        u"FILE"_s);
    const QCommandLineOption certificateManager(
        u"certificate-manager"_s, CliTr::tr("certificate-manager on the PSCs, if not VMware's path."),
        u"COMMAND"_s);
    const QCommandLineOption vmafdCli(
        u"vmafd-cli"_s, CliTr::tr("vmafd-cli on the PSCs, if not VMware's path."), u"COMMAND"_s);
    const QCommandLineOption remoteFolder(
        u"remote-folder"_s, CliTr::tr("The folder on the PSCs for the certificate files (default /certs)."),
        u"DIR"_s, u"/certs"_s);
    const PscEndpointTemplates endpointDefaults = PscEndpointTemplates::defaults();
    const QCommandLineOption eachPsc(u"each-psc-command"_s,
                                     CliTr::tr("The endpoints step's command on every PSC (as vlab psc "
                                               "update-endpoints)."),
                                     u"TEMPLATE"_s, endpointDefaults.eachPsc);
    const QCommandLineOption firstPsc(u"first-psc-command"_s,
                                      CliTr::tr("The endpoints step's command then on the first PSC."),
                                      u"TEMPLATE"_s, endpointDefaults.onePsc);
    const QCommandLineOption auditAreasOption(
        u"audit-areas"_s, CliTr::tr("The audit's areas (default: all of them)."), u"LIST"_s);
    const QCommandLineOption installTimeout(u"install-timeout"_s,
                                            CliTr::tr("Give up an appliance install after this many minutes "
                                                      "(default 120)."),
                                            u"MINUTES"_s, u"120"_s);
    const QCommandLineOption vchaPoll(u"vcha-poll-interval"_s,
                                      CliTr::tr("Seconds between looks at the VCHA cluster (default 10)."),
                                      u"S"_s, u"10"_s);
    parser.addOptions({stepsOption,   from,
                       yes,           dryRun,
                       iso,           caCert,
                       caKey,         nsip,
                       nsUser,        nsFingerprint,
                       vcenter,       vcUser,
                       vcFingerprint, sshUser,
                       sshPort,       identity,
                       knownHosts,    certificateManager,
                       vmafdCli,      auditAreasOption,
                       installTimeout});
    parser.addOptions({vchaPoll, remoteFolder, eachPsc, firstPsc});
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    const QString usage = runUsage();
    if (!parseVerb(parser, args, usage.trimmed(), 1, &help))
        return BadInput;
    if (help)
        return Ok;
    const Result<QList<LabStep>> selected = selectLabSteps(parser.value(stepsOption), parser.value(from));
    if (!selected) {
        err(u"vlab: "_s + selected.error().message + u'\n');
        return BadInput;
    }
    const QList<LabStep> steps = *selected;

    RunInput in;
    in.planFile = parser.positionalArguments().constFirst();
    int exitCode = Ok;
    const std::optional<LabPlan> plan = loadValidPlanOrReport(in.planFile, PlanCheck::Live, &exitCode);
    if (!plan)
        return exitCode;
    in.plan = *plan;
    LabBuildSettings &s = in.settings;
    s.projectFolder = QFileInfo(in.planFile).absolutePath();
    s.knownHosts =
        parser.isSet(knownHosts) ? parser.value(knownHosts) : defaultKnownHostsFile(s.projectFolder);
    s.certificateManager = parser.value(certificateManager);
    s.vmafdCli = parser.value(vmafdCli);
    s.remoteFolder = parser.value(remoteFolder);
    if (!s.remoteFolder.startsWith(u'/')) {
        err(CliTr::tr("vlab: --remote-folder must be an absolute path on the PSC, not \"%1\".\n")
                .arg(s.remoteFolder));
        return BadInput;
    }
    s.endpointCommands = PscEndpointTemplates{parser.value(eachPsc), parser.value(firstPsc)};

    // Each selected step's input, checked before anything is asked or run.
    const LabBuildNeeds needs = labBuildNeeds(in.plan, steps, {});
    if (needs.iso) {
        if (!parser.isSet(iso)) {
            err(CliTr::tr(
                "vlab: run: the steps psc1, psc2 and vcenter need --iso DIR (the mounted VCSA ISO).\n"));
            return BadInput;
        }
        s.iso = parser.value(iso);
        if (const Result<QString> installer = findVcsaDeploy(s.iso); !installer) {
            err(u"vlab: --iso: "_s + installer.error().message + u'\n');
            return BadInput;
        }
    }
    bool number = false;
    const int minutes = parser.value(installTimeout).toInt(&number);
    if (!number || minutes < 1 || minutes > 24 * 60) {
        err(CliTr::tr("vlab: --install-timeout must be 1 to 1440 minutes, not \"%1\".\n")
                .arg(parser.value(installTimeout)));
        return BadInput;
    }
    s.installTimeout = std::chrono::minutes(minutes);
    const double pollSeconds = parser.value(vchaPoll).toDouble(&number);
    if (!number || pollSeconds < 0.1 || pollSeconds > 600) {
        err(CliTr::tr("vlab: --vcha-poll-interval must be 0.1 to 600 seconds, not \"%1\".\n")
                .arg(parser.value(vchaPoll)));
        return BadInput;
    }
    s.vchaPollInterval = std::chrono::milliseconds(qint64(pollSeconds * 1000));
    if (needs.caFiles) {
        for (const QCommandLineOption &required : {caCert, caKey}) {
            if (!parser.isSet(required) || !QFileInfo(parser.value(required)).isFile()) {
                err(CliTr::tr("vlab: run: the step certificate needs --%1 FILE (an existing file): the VMCA "
                              "root of PSC 1.\n")
                        .arg(required.names().constFirst()));
                return BadInput;
            }
        }
        s.caCert = parser.value(caCert);
        s.caKey = parser.value(caKey);
    }
    s.nsip = parser.isSet(nsip) ? parser.value(nsip) : in.plan.loadBalancer.nsip;
    s.nsUser = parser.value(nsUser).trimmed();
    s.vcenter = parser.isSet(vcenter) ? parser.value(vcenter) : in.plan.vcenter.fqdn;
    s.vcUser =
        parser.isSet(vcUser) ? parser.value(vcUser).trimmed() : u"administrator@"_s + in.plan.sso.domain;
    s.sshUser = parser.value(sshUser).trimmed();
    s.identity = parser.value(identity);
    s.sshPort = parser.value(sshPort).toInt(&number);
    if (!number || s.sshPort < 1 || s.sshPort > 65535) {
        err(CliTr::tr("vlab: --ssh-port must be a TCP port (1 to 65535), not \"%1\".\n")
                .arg(parser.value(sshPort)));
        return BadInput;
    }
    if (s.nsUser.isEmpty() || s.vcUser.isEmpty() || s.sshUser.isEmpty()) {
        err(CliTr::tr("vlab: --ns-user, --vc-user and --ssh-user need a user name.\n"));
        return BadInput;
    }
    if (const Result<QUrl> url = parseVCenterHost(s.vcenter); !url) {
        err(u"vlab: --vcenter: "_s + url.error().message + u'\n');
        return BadInput;
    }
    for (const auto &[option, pin] :
         {std::pair{&nsFingerprint, &s.nsPin}, std::pair{&vcFingerprint, &s.vcPin}}) {
        if (!parser.isSet(*option))
            continue;
        const Result<QByteArray> digest = parseSha256Fingerprint(parser.value(*option));
        if (!digest) {
            err(u"vlab: --"_s + option->names().constFirst() + u": "_s + digest.error().message + u'\n');
            return BadInput;
        }
        *pin = *digest;
    }
    s.auditAreas = auditAreas();
    if (parser.isSet(auditAreasOption)) {
        const Result<QStringList> areas = parseAuditAreas(parser.value(auditAreasOption));
        if (!areas) {
            err(CliTr::tr("vlab: --audit-areas: %1\n").arg(areas.error().message));
            return BadInput;
        }
        s.auditAreas = *areas;
    }

    out(describeLabRun(steps));
    const bool dry = parser.isSet(dryRun);
    if (!dry && !readPasswords(in, steps))
        return BadInput;

    // The jobs, stage by stage (the engine's whole-lab run), through one queue and journal.
    LabBuild build(in.plan, s);
    QObject::connect(&build, &LabBuild::notice, &build,
                     [](const QString &message) { err(u"vlab: "_s + message + u'\n'); });
    JobQueue queue;
    if (const Result<void> added = build.addTo(queue, steps); !added) {
        err(u"vlab: run: "_s + added.error().message + u'\n');
        return BadInput;
    }
    const QList<Job *> all = queue.jobs();

    const QString runTitle = LabBuild::title();
    if (!dry) {
        const QString continued =
            skipWhatTheLastRunDid(all, RunSession::journalPathIn(s.projectFolder), runTitle);
        if (!continued.isEmpty())
            err(u"vlab: "_s + continued + u'\n');
    }
    if (!dry && !skipWhatIsDone(all))
        return Problems;
    const QStringList changes = plannedChangeLines(all);
    if (changes.isEmpty()) {
        out(CliTr::tr("The run changes nothing in the lab.\n"));
    } else {
        out(CliTr::tr("The run will change the lab:\n"));
        out(changes.join(u'\n') + u'\n');
    }
    if (dry) {
        out(CliTr::tr("Dry run: nothing was run.\n"));
        return Ok;
    }
    if (!changes.isEmpty() && !parser.isSet(yes) && !askYes(CliTr::tr("Make these changes? [y/N] "))) {
        err(CliTr::tr("vlab: nothing was run: the changes were not approved (give --yes to approve them "
                      "without a terminal).\n"));
        return Problems;
    }

    CliRunner runner(&queue, runTitle, s.projectFolder);
    runner.setResumes(true);
    runner.setShowTimes(true);
    const bool ok = runner.run();
    if (build.audit()) {
        const QList<AuditResult> results = build.audit()->results();
        for (const AuditResult &r : results) {
            if (r.status == AuditStatus::Ok)
                continue;
            out(u"%1  %2  %3: %4\n"_s.arg(auditStatusName(r.status).toUpper().leftJustified(11),
                                          r.area.leftJustified(9), r.target, r.message));
            if (!r.hint.isEmpty())
                out(CliTr::tr("             fix:      %1\n").arg(r.hint));
        }
        const AuditSummary summary = summarizeAudit(results);
        out(CliTr::tr("audit: %1 ok, %2 drift, %3 unreachable, %4 skipped\n")
                .arg(QString::number(summary.ok), QString::number(summary.drift),
                     QString::number(summary.unreachable), QString::number(summary.skipped)));
    }
    int done = 0;
    int skipped = 0;
    for (const Job *job : queue.jobs()) {
        if (job->state() == Job::State::Succeeded)
            ++done;
        else if (job->state() == Job::State::Skipped)
            ++skipped;
        if (job->state() == Job::State::Failed)
            err(CliTr::tr("vlab: %1: %2\n").arg(job->title(), job->result().error().message));
    }
    out(CliTr::tr("Build the lab: %1 job(s) done, %2 skipped (already done or not reached), of %3.\n")
            .arg(QString::number(done), QString::number(skipped), QString::number(queue.jobs().size())));
    return ok ? Ok : Problems;
}

} // namespace vlab::cli
