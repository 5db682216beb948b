// vlab run: the whole lab in one run, in the order project/labrun.h gives, through one job
// queue and one journal. Each step's jobs come from the same engine calls its own verb uses
// (the steps' actions layers); this file gathers the input, shows the run and what it will
// change, asks once, and runs it.

#include "clicommon.h"
#include "clirunner.h"
#include "secretprompt.h"

#include "audit/auditresult.h"
#include "audit/auditsession.h"
#include "certs/certjobs.h"
#include "certs/csrrequest.h"
#include "core/atomicfile.h"
#include "jobs/jobqueue.h"
#include "jobs/journal.h"
#include "jobs/outcomecheck.h"
#include "jobs/runsession.h"
#include "net/tlstrust.h"
#include "netscaler/netscaleractions.h"
#include "precheck/checkjob.h"
#include "precheck/precheckplan.h"
#include "project/labrun.h"
#include "remote/certreplacementplan.h"
#include "remote/hostkeys.h"
#include "remote/pscendpointplan.h"
#include "runbook/runbookjob.h"
#include "vsphere/vcenteractions.h"
#include "vsphere/vcsadeployjob.h"
#include "vsphere/vcsatemplatewriter.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

#include <cstdio>
#include <functional>
#include <map>
#include <memory>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace vlab::cli {

namespace {

// A job whose work is one check of what came before it (the pre-checks passed).
class GateJob : public Job
{
public:
    GateJob(const QString &title, std::function<Result<void>()> check)
        : Job(title)
        , m_check(std::move(check))
    {
    }

protected:
    void run() override { finish(m_check()); }

private:
    std::function<Result<void>()> m_check;
};

struct RunInput
{
    LabPlan plan;
    QString planFile;
    QString projectFolder;
    QString certFolder;
    QString iso;
    QString caCert;
    QString caKey;
    QString nsip;
    QString nsUser;
    QByteArray nsPin;
    QString vcenter;
    QString vcUser;
    QByteArray vcPin;
    QString sshUser;
    int sshPort = 22;
    QString identity;
    QString knownHosts;
    QString certificateManager;
    QString vmafdCli;
    QStringList auditAreas;
    std::chrono::minutes installTimeout{120};
    std::chrono::milliseconds vchaPollInterval{10000};

    // Asked for once, before anything runs; never printed.
    VcsaSecrets vcsa;
    QString rootPassword;
    QString ssoPassword;
    QString nsPassword;
    QString vcPassword;
};

bool uses(const QList<LabStep> &steps, std::initializer_list<LabStep> any)
{
    for (const LabStep s : any) {
        if (steps.contains(s))
            return true;
    }
    return false;
}

bool auditUses(const RunInput &in, const QList<LabStep> &steps, std::initializer_list<const char *> areas)
{
    if (!steps.contains(LabStep::Audit))
        return false;
    for (const char *a : areas) {
        if (in.auditAreas.contains(QString::fromLatin1(a)))
            return true;
    }
    return false;
}

// The passwords the selected steps need, from the environment or asked for; false having said why.
bool readPasswords(RunInput &in, const QList<LabStep> &steps)
{
    if (uses(steps, {LabStep::Psc1, LabStep::Psc2, LabStep::VCenter})) {
        const std::optional<VcsaSecrets> secrets = vcsaSecretsFromEnvironment(in.plan);
        if (!secrets)
            return false;
        in.vcsa = *secrets;
        in.rootPassword = secrets->rootPassword;
        in.ssoPassword = secrets->ssoPassword;
    }
    const bool ssh =
        uses(steps, {LabStep::ApplyCertificate, LabStep::Endpoints}) || auditUses(in, steps, {"psc", "tcp"});
    if (ssh && in.identity.isEmpty() && in.rootPassword.isEmpty()) {
        const std::optional<QString> root =
            readSecret(kRootPasswordVar,
                       CliTr::tr("Password of %1 on the PSCs (or use --identity KEYFILE): ").arg(in.sshUser));
        if (!root)
            return false;
        in.rootPassword = *root;
    }
    if (uses(steps, {LabStep::ApplyCertificate, LabStep::Endpoints}) && in.ssoPassword.isEmpty()) {
        const std::optional<QString> sso =
            readSecret(kSsoPasswordVar, CliTr::tr("Password of the SSO administrator: "));
        if (!sso)
            return false;
        in.ssoPassword = *sso;
    }
    if (steps.contains(LabStep::Netscaler) || auditUses(in, steps, {"netscaler"})) {
        const std::optional<QString> ns = readSecret(
            kNsPasswordVar, CliTr::tr("Password of NetScaler user %1 at %2: ").arg(in.nsUser, in.nsip));
        if (!ns)
            return false;
        in.nsPassword = *ns;
    }
    if (uses(steps, {LabStep::Vcha, LabStep::Vds}) || auditUses(in, steps, {"vcenter", "vcha", "vds"})) {
        const std::optional<QString> vc = readSecret(
            kVcPasswordVar, CliTr::tr("Password of %1 on vCenter %2: ").arg(in.vcUser, in.vcenter));
        if (!vc)
            return false;
        in.vcPassword = *vc;
    }
    return true;
}

// Every job of the run, by step, in the order each step runs them.
struct RunJobs
{
    std::map<LabStep, QList<Job *>> byStep;
    QList<CheckJob *> prechecks;
    PrecheckOptions precheckOptions;
    std::unique_ptr<AuditSession> audit;
    std::unique_ptr<NetscalerActions> netscaler;
};

Result<QList<Job *>> installJobs(const RunInput &in, VcsaRole role)
{
    const Result<QString> installer = findVcsaDeploy(in.iso);
    if (!installer)
        return installer.error();
    const Result<QByteArray> json = renderVcsaTemplate(in.plan, role, VcsaVersion::V67, std::nullopt, {});
    if (!json)
        return json.error();
    VcsaDeployRequest request;
    request.role = role;
    request.installer = *installer;
    request.templateJson = *json;
    request.secrets = in.vcsa;
    request.logRoot = QDir(in.projectFolder).filePath(u"logs"_s);
    auto *job = new VcsaDeployJob(request);
    job->setTimeout(in.installTimeout);
    return QList<Job *>{job};
}

VCenterEndpoint vcenterEndpoint(const RunInput &in)
{
    VCenterEndpoint endpoint;
    endpoint.url = parseVCenterHost(in.vcenter).value();
    endpoint.user = in.vcUser;
    endpoint.password = in.vcPassword;
    endpoint.pin = in.vcPin;
    if (endpoint.pin.isEmpty()) {
        if (const Result<QByteArray> pin = VCenterActions(in.projectFolder).confirmedPin(endpoint.url); pin)
            endpoint.pin = *pin;
    }
    return endpoint;
}

// As the vCenter verbs: a --vc-fingerprint that worked is kept in the project.
void keepVCenterPinOnLogin(const RunInput &in, Job *job)
{
    if (in.vcPin.isEmpty())
        return;
    const QString folder = in.projectFolder;
    const VCenterEndpoint endpoint = vcenterEndpoint(in);
    QObject::connect(job, &Job::finished, job, [folder, endpoint, job] {
        if (!VCenterActions::loggedIn(*job))
            return;
        if (const Result<void> kept = VCenterActions(folder).keepFingerprint(endpoint); !kept)
            err(CliTr::tr("vlab: the confirmed fingerprint was not kept: %1\n").arg(kept.error().message));
    });
}

Result<QList<Job *>> jobsOf(LabStep step, const RunInput &in, RunJobs &run)
{
    switch (step) {
    case LabStep::Precheck: {
        run.prechecks = createPrecheckJobs(in.plan, run.precheckOptions);
        const QList<CheckJob *> checks = run.prechecks;
        auto *gate = new GateJob(CliTr::tr("Pre-checks passed"), [checks]() -> Result<void> {
            QList<CheckResult> results;
            for (const CheckJob *c : checks)
                results << c->outcome();
            const PrecheckCounts counts = countOutcomes(results);
            if (counts.problems() == 0)
                return {};
            return makeError(u"run.precheck"_s,
                             CliTr::tr("%n pre-check(s) found a problem; the lab is not touched. See `vlab "
                                       "precheck` for each with its fix.",
                                       nullptr, counts.problems()));
        });
        gate->setKey(u"run.precheck.gate"_s);
        return QList<Job *>{gate};
    }
    case LabStep::Psc1:
        return installJobs(in, VcsaRole::Psc1);
    case LabStep::Psc2:
        return installJobs(in, VcsaRole::Psc2);
    case LabStep::VCenter:
        return installJobs(in, VcsaRole::VCenter);
    case LabStep::Certificate: {
        const QString folder = in.certFolder;
        const QDir dir(folder);
        auto *csr = new GenerateCsrJob(CsrRequest::fromPlan(in.plan), folder, ExistingKey::Refuse);
        auto *sign = new SignWithCaJob(dir.filePath(u"psc-ha-vip.csr"_s), in.caCert, in.caKey, 730, folder);
        // Made by an earlier run (and perhaps applied since): a new key would not match.
        if (QFileInfo::exists(dir.filePath(u"psc-ha-vip.key"_s))
            && QFileInfo::exists(dir.filePath(u"psc-ha-vip-chain.crt"_s))) {
            const QString why = CliTr::tr("Already done: %1 holds the key and the signed chain.").arg(folder);
            csr->markSkipped(why);
            sign->markSkipped(why);
        }
        return QList<Job *>{csr, sign};
    }
    case LabStep::ApplyCertificate: {
        CertReplacementSettings settings;
        settings.user = in.sshUser;
        settings.sshPort = in.sshPort;
        settings.credentials.privateKeyFile = in.identity;
        settings.credentials.password = in.identity.isEmpty() ? in.rootPassword : QString();
        settings.knownHostsFile = in.knownHosts;
        // No host key is accepted here: the PSCs' keys must be in known_hosts (vlab psc apply-cert
        // --accept-host-key records one after the person compared it).
        settings.certFolder = in.certFolder;
        if (!in.certificateManager.isEmpty())
            settings.certificateManager = in.certificateManager;
        settings.ssoPassword = in.ssoPassword;
        const Result<QList<qsizetype>> nodes = selectPscNodes(in.plan, u"all"_s);
        if (!nodes)
            return nodes.error();
        return makeCertReplacementJobs(in.plan, *nodes, settings);
    }
    case LabStep::Endpoints: {
        const Result<QList<PscEndpointStep>> steps =
            pscEndpointSteps(in.plan, PscEndpointTemplates::defaults());
        if (!steps)
            return steps.error();
        PscEndpointSettings settings;
        settings.user = in.sshUser;
        settings.sshPort = in.sshPort;
        settings.credentials.privateKeyFile = in.identity;
        settings.credentials.password = in.identity.isEmpty() ? in.rootPassword : QString();
        settings.knownHostsFile = in.knownHosts;
        settings.ssoPassword = in.ssoPassword;
        return makePscEndpointJobs(*steps, settings);
    }
    case LabStep::Netscaler: {
        run.netscaler = std::make_unique<NetscalerActions>(in.projectFolder);
        const Result<NitroTarget> found = run.netscaler->target(in.nsip, in.nsUser);
        if (!found)
            return found.error();
        NitroTarget target = *found;
        if (!in.nsPin.isEmpty())
            target.pinnedSha256 = in.nsPin;
        const Result<NitroJob *> apply =
            run.netscaler->createJob(NitroAction::Apply, in.plan, target, in.nsPassword);
        if (!apply)
            return apply.error();
        // A fingerprint given for this run that worked is kept in the project at once, as the
        // step's own verb keeps it, so a later run and the audit need none.
        NetscalerActions *actions = run.netscaler.get();
        NitroJob *job = *apply;
        QObject::connect(job, &Job::finished, actions, [actions, job, target] {
            if (const Result<void> kept = actions->keepFingerprintIfItWorked(*job, target); !kept)
                err(CliTr::tr("vlab: the confirmed fingerprint was not kept: %1\n")
                        .arg(kept.error().message));
        });
        return QList<Job *>{job};
    }
    case LabStep::Vcha: {
        VchaJob *job =
            VCenterActions(in.projectFolder).createVchaJob(VchaAction::Deploy, vcenterEndpoint(in), in.plan);
        job->setPollInterval(in.vchaPollInterval);
        keepVCenterPinOnLogin(in, job);
        return QList<Job *>{job};
    }
    case LabStep::Vds: {
        const Result<DvsCreateJob *> job =
            VCenterActions(in.projectFolder).createDvsJob(vcenterEndpoint(in), in.plan);
        if (!job)
            return job.error();
        keepVCenterPinOnLogin(in, *job);
        return QList<Job *>{*job};
    }
    case LabStep::Audit: {
        AuditOptions options;
        options.areas = in.auditAreas;
        options.projectFolder = in.projectFolder;
        options.nsipAddress = in.nsip;
        options.nsUser = in.nsUser;
        options.nsPassword = in.nsPassword;
        options.vcenterAddress = in.vcenter;
        options.vcUser = in.vcUser;
        options.vcPassword = in.vcPassword;
        options.sshUser = in.sshUser;
        options.sshPort = in.sshPort;
        options.knownHostsFile = in.knownHosts;
        options.sshCredentials.privateKeyFile = in.identity;
        options.sshCredentials.password = in.identity.isEmpty() ? in.rootPassword : QString();
        options.nsPin = in.nsPin;
        options.vcPin = in.vcPin;
        if (!in.vmafdCli.isEmpty())
            options.vmafdCli = in.vmafdCli;
        run.audit = std::make_unique<AuditSession>(in.plan, options);
        return QList<Job *>{}; // added to the queue as the audit's own parallel group
    }
    case LabStep::Runbook: {
        auto *runbook = new RunbookJob(in.plan, {}, QDir(in.projectFolder).filePath(u"runbook.pdf"_s),
                                       QDir(in.projectFolder).filePath(u"runbook.md"_s));
        runbook->setJournalPath(QDir(in.projectFolder).filePath(RunJournal::fileName()));
        runbook->setAuditPath(QDir(in.projectFolder).filePath(QString::fromLatin1(kAuditResultsFile)));
        return QList<Job *>{runbook};
    }
    }
    return QList<Job *>{};
}

// The run as people read it: the stages, what runs at the same time, the critical path.
QString describeRun(const QList<LabStep> &steps)
{
    QString text;
    const QList<QList<LabStep>> stages = labRunStages(steps);
    int minutes = 0;
    const QList<LabStep> path = labCriticalPath(steps, &minutes);
    int serial = 0;
    for (const LabStep s : steps)
        serial += labStepInfo(s).typicalMinutes;
    text += CliTr::tr("Whole-lab run: %n stage(s)\n", nullptr, int(stages.size()));
    for (qsizetype i = 0; i < stages.size(); ++i) {
        QStringList names;
        for (const LabStep s : stages.at(i))
            names << labStepName(s);
        text +=
            QStringLiteral("  %1. %2").arg(QString::number(i + 1).rightJustified(2), names.join(u" | "_s));
        if (names.size() > 1)
            text += CliTr::tr("   (at the same time)");
        text += u'\n';
    }
    QStringList pathNames;
    for (const LabStep s : path)
        pathNames << labStepName(s);
    text += CliTr::tr("Critical path: %1 (typically %2 min; %3 min one after another)\n")
                .arg(pathNames.join(u" > "_s), QString::number(minutes), QString::number(serial));
    return text;
}

// Every change the run will make, by job, for the one approval.
QStringList plannedChangeLines(const QList<Job *> &jobs)
{
    QStringList lines;
    for (const Job *job : jobs) {
        if (!job->changesLab() || job->isFinished())
            continue;
        lines << QStringLiteral("  %1%2").arg(
            job->title(), job->changeHost().isEmpty() ? QString() : u" ("_s + job->changeHost() + u')');
        for (const QString &change : job->plannedChanges())
            lines << u"    - "_s + change;
    }
    return lines;
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

// Looks, read-only, at whether each lab change already holds (the PSC installed and answering,
// the certificate served, the NITRO objects there); those that do are skipped as already done.
// False when one is still going on outside this program (an installer runs), having said so.
bool skipWhatIsDone(const QList<Job *> &jobs)
{
    JobQueue looks;
    QList<Job *> probes;
    std::map<Job *, std::pair<Job *, std::function<OutcomeCheck(const Job &)>>> readers;
    for (Job *job : jobs) {
        if (!job->changesLab() || job->isFinished())
            continue;
        OutcomeProbe probe = job->outcomeProbe();
        if (!probe.isValid())
            continue;
        probes << probe.job;
        readers[probe.job] = {job, std::move(probe.read)};
    }
    if (probes.isEmpty())
        return true;
    err(CliTr::tr("vlab: looking at what already holds in the lab (%n look(s))...\n", nullptr,
                  int(probes.size())));
    looks.addParallel(probes, JobQueue::ParallelOptions{0, true});
    QObject::connect(&looks, &JobQueue::finished, &looks, [] { QCoreApplication::exit(0); });
    looks.start();
    if (!looks.isDone())
        QCoreApplication::exec();
    bool fine = true;
    for (Job *probe : std::as_const(probes)) {
        const auto &[job, read] = readers.at(probe);
        if (probe->state() != Job::State::Succeeded)
            continue;
        const OutcomeCheck check = read(*probe);
        if (check.verdict == OutcomeCheck::Verdict::Present) {
            job->markSkipped(CliTr::tr("Already done: %1").arg(check.fact));
            err(CliTr::tr("vlab: already done, skipped: %1: %2\n").arg(job->title(), check.fact));
        } else if (check.verdict == OutcomeCheck::Verdict::Busy) {
            err(CliTr::tr("vlab: not started: %1: %2\n").arg(job->title(), check.fact));
            fine = false;
        }
    }
    return fine;
}

// The last whole-lab run ended (failed, cancelled, stopped by a signal) without finishing: the
// lab changes it made are not made again. (A run cut off without an end, a crash, is resumed
// by the run session itself.)
void skipWhatTheLastRunDid(const QList<Job *> &jobs, const QString &journalPath, const QString &title)
{
    const Result<RunJournal> journal = RunJournal::load(journalPath);
    if (!journal)
        return;
    const JournalRun *last = journal->lastRun(title);
    if (!last || !last->finished.isValid() || last->state == u"succeeded"_s)
        return;
    QStringList done;
    for (const JournalJob &j : last->jobs) {
        if (j.changesLab && (j.state == u"succeeded"_s || j.state == u"done-earlier"_s))
            done << j.key;
    }
    int skipped = 0;
    for (Job *job : jobs) {
        if (job->changesLab() && !job->isFinished() && done.contains(job->key())) {
            job->markSkipped(
                CliTr::tr("Done by the last run (%1), which ended %2.")
                    .arg(last->started.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s), last->state));
            ++skipped;
        }
    }
    if (skipped > 0)
        err(CliTr::tr("vlab: continuing the last \"%1\" (it ended %2): %n lab change(s) it made are not "
                      "made again.\n",
                      nullptr, skipped)
                .arg(title, last->state));
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
    parser.addOption(vchaPoll);
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
    in.projectFolder = QFileInfo(in.planFile).absolutePath();
    in.certFolder = QDir(in.projectFolder).filePath(u"certs"_s);
    in.knownHosts =
        parser.isSet(knownHosts) ? parser.value(knownHosts) : defaultKnownHostsFile(in.projectFolder);
    in.certificateManager = parser.value(certificateManager);
    in.vmafdCli = parser.value(vmafdCli);

    // Each selected step's input, checked before anything is asked or run.
    if (uses(steps, {LabStep::Psc1, LabStep::Psc2, LabStep::VCenter})) {
        if (!parser.isSet(iso)) {
            err(CliTr::tr(
                "vlab: run: the steps psc1, psc2 and vcenter need --iso DIR (the mounted VCSA ISO).\n"));
            return BadInput;
        }
        in.iso = parser.value(iso);
        if (const Result<QString> installer = findVcsaDeploy(in.iso); !installer) {
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
    in.installTimeout = std::chrono::minutes(minutes);
    const double pollSeconds = parser.value(vchaPoll).toDouble(&number);
    if (!number || pollSeconds < 0.1 || pollSeconds > 600) {
        err(CliTr::tr("vlab: --vcha-poll-interval must be 0.1 to 600 seconds, not \"%1\".\n")
                .arg(parser.value(vchaPoll)));
        return BadInput;
    }
    in.vchaPollInterval = std::chrono::milliseconds(qint64(pollSeconds * 1000));
    if (steps.contains(LabStep::Certificate)) {
        for (const QCommandLineOption &required : {caCert, caKey}) {
            if (!parser.isSet(required) || !QFileInfo(parser.value(required)).isFile()) {
                err(CliTr::tr("vlab: run: the step certificate needs --%1 FILE (an existing file): the VMCA "
                              "root of PSC 1.\n")
                        .arg(required.names().constFirst()));
                return BadInput;
            }
        }
        in.caCert = parser.value(caCert);
        in.caKey = parser.value(caKey);
    }
    in.nsip = parser.isSet(nsip) ? parser.value(nsip) : in.plan.loadBalancer.nsip;
    in.nsUser = parser.value(nsUser).trimmed();
    in.vcenter = parser.isSet(vcenter) ? parser.value(vcenter) : in.plan.vcenter.fqdn;
    in.vcUser =
        parser.isSet(vcUser) ? parser.value(vcUser).trimmed() : u"administrator@"_s + in.plan.sso.domain;
    in.sshUser = parser.value(sshUser).trimmed();
    in.identity = parser.value(identity);
    in.sshPort = parser.value(sshPort).toInt(&number);
    if (!number || in.sshPort < 1 || in.sshPort > 65535) {
        err(CliTr::tr("vlab: --ssh-port must be a TCP port (1 to 65535), not \"%1\".\n")
                .arg(parser.value(sshPort)));
        return BadInput;
    }
    if (in.nsUser.isEmpty() || in.vcUser.isEmpty() || in.sshUser.isEmpty()) {
        err(CliTr::tr("vlab: --ns-user, --vc-user and --ssh-user need a user name.\n"));
        return BadInput;
    }
    if (const Result<QUrl> url = parseVCenterHost(in.vcenter); !url) {
        err(u"vlab: --vcenter: "_s + url.error().message + u'\n');
        return BadInput;
    }
    for (const auto &[option, pin] :
         {std::pair{&nsFingerprint, &in.nsPin}, std::pair{&vcFingerprint, &in.vcPin}}) {
        if (!parser.isSet(*option))
            continue;
        const Result<QByteArray> digest = parseSha256Fingerprint(parser.value(*option));
        if (!digest) {
            err(u"vlab: --"_s + option->names().constFirst() + u": "_s + digest.error().message + u'\n');
            return BadInput;
        }
        *pin = *digest;
    }
    in.auditAreas = auditAreas();
    if (parser.isSet(auditAreasOption)) {
        const Result<QStringList> areas = parseAuditAreas(parser.value(auditAreasOption));
        if (!areas) {
            err(CliTr::tr("vlab: --audit-areas: %1\n").arg(areas.error().message));
            return BadInput;
        }
        in.auditAreas = *areas;
    }

    out(describeRun(steps));
    const bool dry = parser.isSet(dryRun);
    if (!dry && !readPasswords(in, steps))
        return BadInput;

    // The jobs, stage by stage. A stage's steps run at the same time; a step's own jobs one
    // after another (its second job beside the others' second ones). Each job weighs its
    // step's typical minutes, so the progress and the time left follow the lab's pace.
    RunJobs run;
    JobQueue queue;
    QList<Job *> all;
    for (const QList<LabStep> &stage : labRunStages(steps)) {
        QList<QList<Job *>> sequences;
        for (const LabStep step : stage) {
            const Result<QList<Job *>> jobs = jobsOf(step, in, run);
            if (!jobs) {
                err(CliTr::tr("vlab: run: step %1: %2\n").arg(labStepName(step), jobs.error().message));
                qDeleteAll(all);
                return BadInput;
            }
            for (Job *job : *jobs)
                job->setWeight(qreal(labStepInfo(step).typicalMinutes) / qreal(jobs->size()));
            sequences << *jobs;
            all << *jobs;
        }
        if (stage == QList<LabStep>{LabStep::Precheck}) {
            addPrecheckJobs(queue, run.prechecks, run.precheckOptions);
            for (CheckJob *check : std::as_const(run.prechecks))
                check->setWeight(0.01);
        }
        if (stage == QList<LabStep>{LabStep::Audit}) {
            run.audit->addTo(queue);
            // Kept before the runbook is written, for its "As built" chapter (no password in it).
            AuditSession *session = run.audit.get();
            const QString folder = in.projectFolder;
            const QStringList areas = in.auditAreas;
            auto *keep = new GateJob(
                CliTr::tr("Keep the audit's results"), [session, folder, areas]() -> Result<void> {
                    const QList<AuditResult> results = session->results();
                    const Result<WrittenFile> saved =
                        keepAuditRecord(folder, results, areas, QDateTime::currentDateTimeUtc());
                    if (!saved)
                        return saved.error();
                    if (!summarizeAudit(results).matches())
                        return makeError(u"run.audit"_s,
                                         CliTr::tr("The lab does not match the plan: see the audit below."));
                    return {};
                });
            keep->setKey(u"run.audit.record"_s);
            keep->setWeight(0.01);
            queue.addJob(keep);
            continue;
        }
        for (qsizetype k = 0;; ++k) {
            QList<Job *> now;
            for (const QList<Job *> &sequence : std::as_const(sequences)) {
                if (k < sequence.size())
                    now << sequence.at(k);
            }
            if (now.isEmpty())
                break;
            if (now.size() == 1)
                queue.addJob(now.constFirst());
            else
                queue.addParallel(now);
        }
    }
    all = queue.jobs();

    const QString runTitle = CliTr::tr("Build the lab");
    if (!dry)
        skipWhatTheLastRunDid(all, RunSession::journalPathIn(in.projectFolder), runTitle);
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

    CliRunner runner(&queue, runTitle, in.projectFolder);
    runner.setResumes(true);
    runner.setShowTimes(true);
    const bool ok = runner.run();
    if (run.audit) {
        const QList<AuditResult> results = run.audit->results();
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
