#include "project/labbuild.h"

#include "audit/auditresult.h"
#include "audit/auditsession.h"
#include "certs/certactions.h"
#include "core/atomicfile.h"
#include "core/tr.h"
#include "jobs/jobqueue.h"
#include "jobs/journal.h"
#include "netscaler/netscaleractions.h"
#include "precheck/checkjob.h"
#include "precheck/precheckplan.h"
#include "remote/certreplacementplan.h"
#include "remote/hostkeys.h"
#include "remote/pscendpointplan.h"
#include "runbook/runbookjob.h"
#include "vsphere/vcenteractions.h"
#include "vsphere/vcsaactions.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <functional>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

// A job whose work is one check of what came before it (the pre-checks passed, the audit kept).
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

bool usesAny(const QList<LabStep> &steps, std::initializer_list<LabStep> any)
{
    return std::any_of(any.begin(), any.end(), [&steps](LabStep s) { return steps.contains(s); });
}

QString nsipOf(const LabPlan &plan, const LabBuildSettings &s)
{
    return s.nsip.isEmpty() ? plan.loadBalancer.nsip : s.nsip;
}

QString vcenterOf(const LabPlan &plan, const LabBuildSettings &s)
{
    return s.vcenter.isEmpty() ? plan.vcenter.fqdn : s.vcenter;
}

QString vcUserOf(const LabPlan &plan, const LabBuildSettings &s)
{
    return s.vcUser.isEmpty() ? u"administrator@"_s + plan.sso.domain : s.vcUser;
}

QString knownHostsOf(const LabBuildSettings &s)
{
    return s.knownHosts.isEmpty() ? defaultKnownHostsFile(s.projectFolder) : s.knownHosts;
}

QString rootPasswordOf(const LabBuildSettings &s)
{
    return s.rootPassword.isEmpty() ? s.vcsa.rootPassword : s.rootPassword;
}

QString ssoPasswordOf(const LabBuildSettings &s)
{
    return s.ssoPassword.isEmpty() ? s.vcsa.ssoPassword : s.ssoPassword;
}

SshCredentials sshCredentialsOf(const LabBuildSettings &s)
{
    SshCredentials credentials;
    credentials.privateKeyFile = s.identity;
    credentials.password = s.identity.isEmpty() ? rootPasswordOf(s) : QString();
    return credentials;
}

} // namespace

QString LabBuildSettings::certFolder() const
{
    return QDir(projectFolder).filePath(u"certs"_s);
}

LabBuildNeeds labBuildNeeds(const LabPlan &plan, const QList<LabStep> &steps, const QStringList &auditAreas)
{
    LabBuildNeeds needs;
    const bool appliance = usesAny(steps, {LabStep::Psc1, LabStep::Psc2, LabStep::VCenter});
    needs.iso = appliance;
    needs.vcsaPasswords = appliance;
    needs.caFiles = steps.contains(LabStep::Certificate);
    const bool psc = usesAny(steps, {LabStep::ApplyCertificate, LabStep::Endpoints});
    needs.ssoPassword = psc;
    const AuditLogins audit = steps.contains(LabStep::Audit)
        ? auditLogins(plan, auditAreas.isEmpty() ? vlab::auditAreas() : auditAreas)
        : AuditLogins{};
    needs.sshLogin = psc || audit.ssh;
    needs.netscaler = steps.contains(LabStep::Netscaler) || audit.netscaler;
    needs.vcenter = usesAny(steps, {LabStep::Vcha, LabStep::Vds}) || audit.vcenter;
    return needs;
}

Result<void> checkLabBuildSettings(const LabBuildSettings &settings, const QList<LabStep> &steps)
{
    if (usesAny(steps, {LabStep::Psc1, LabStep::Psc2, LabStep::VCenter})) {
        if (settings.iso.isEmpty())
            return makeError(u"run.input"_s,
                             Tr::tr("The steps psc1, psc2 and vcenter need the folder where the VCSA ISO is "
                                    "mounted."));
        if (const Result<QString> installer = findVcsaDeploy(settings.iso); !installer)
            return makeError(u"run.input"_s, Tr::tr("VCSA ISO: %1").arg(installer.error().message));
    }
    if (steps.contains(LabStep::Certificate)) {
        for (const QString &file : {settings.caCert, settings.caKey}) {
            if (file.isEmpty() || !QFileInfo(file).isFile())
                return makeError(u"run.input"_s,
                                 Tr::tr("The step certificate needs the VMCA root certificate and its key "
                                        "(root.cer and privatekey.pem of PSC 1) as existing files; \"%1\" "
                                        "is not one.")
                                     .arg(file));
        }
    }
    if (settings.sshPort < 1 || settings.sshPort > 65535)
        return makeError(u"run.input"_s,
                         Tr::tr("The SSH port must be 1 to 65535, not %1.").arg(settings.sshPort));
    if (settings.installTimeout < std::chrono::minutes(1))
        return makeError(u"run.input"_s, Tr::tr("The install timeout must be at least one minute."));
    return {};
}

LabBuild::LabBuild(const LabPlan &plan, const LabBuildSettings &settings, QObject *parent)
    : QObject(parent)
    , m_plan(plan)
    , m_settings(settings)
{
    if (m_settings.auditAreas.isEmpty())
        m_settings.auditAreas = auditAreas();
}

LabBuild::~LabBuild() = default;

QString LabBuild::title()
{
    return Tr::tr("Build the lab");
}

Result<QList<Job *>> LabBuild::installJobs(VcsaRole role) const
{
    VcsaInstallSettings install;
    install.isoFolder = m_settings.iso;
    install.secrets = m_settings.vcsa;
    install.projectFolder = m_settings.projectFolder;
    install.noSslVerification = m_settings.vcsaNoSslVerification;
    install.timeout = m_settings.installTimeout;
    const Result<VcsaDeployJob *> job = createVcsaDeployJob(m_plan, role, install);
    if (!job)
        return job.error();
    return QList<Job *>{*job};
}

// As the vCenter verbs and pages: a fingerprint given for the run that worked is kept.
void LabBuild::keepVCenterPinOnLogin(Job *job)
{
    if (m_settings.vcPin.isEmpty())
        return;
    const QString folder = m_settings.projectFolder;
    VCenterEndpoint endpoint;
    endpoint.url = parseVCenterHost(vcenterOf(m_plan, m_settings)).value();
    endpoint.pin = m_settings.vcPin;
    connect(job, &Job::finished, this, [this, folder, endpoint, job] {
        if (!VCenterActions::loggedIn(*job))
            return;
        if (const Result<void> kept = VCenterActions(folder).keepFingerprint(endpoint); !kept)
            Q_EMIT notice(Tr::tr("The confirmed fingerprint was not kept: %1").arg(kept.error().message));
    });
}

Result<QList<Job *>> LabBuild::jobsOf(LabStep step)
{
    const LabBuildSettings &s = m_settings;
    const auto vcenterEndpoint = [this, &s]() -> Result<VCenterEndpoint> {
        const Result<QUrl> url = parseVCenterHost(vcenterOf(m_plan, s));
        if (!url)
            return url.error();
        VCenterEndpoint endpoint;
        endpoint.url = *url;
        endpoint.user = vcUserOf(m_plan, s);
        endpoint.password = s.vcPassword;
        endpoint.pin = s.vcPin;
        if (endpoint.pin.isEmpty()) {
            if (const Result<QByteArray> pin = VCenterActions(s.projectFolder).confirmedPin(endpoint.url);
                pin)
                endpoint.pin = *pin;
        }
        return endpoint;
    };
    switch (step) {
    case LabStep::Precheck: {
        // Before the installs: the appliances this run makes do not answer yet (only their DNS
        // records are looked at), and the NetScaler looked at is the one the run configures.
        PrecheckOptions options;
        for (const auto &[installs, fqdn] : {std::pair{LabStep::Psc1, m_plan.psc.value(0).fqdn},
                                             std::pair{LabStep::Psc2, m_plan.psc.value(1).fqdn},
                                             std::pair{LabStep::VCenter, m_plan.vcenter.fqdn}}) {
            if (m_steps.contains(installs) && !fqdn.isEmpty())
                options.notInstalledYet << fqdn;
        }
        options.nsip = nsipOf(m_plan, s);
        m_prechecks = createPrecheckJobs(m_plan, options);
        const QList<CheckJob *> checks = m_prechecks;
        auto *gate = new GateJob(Tr::tr("Pre-checks passed"), [checks]() -> Result<void> {
            QList<CheckResult> results;
            for (const CheckJob *c : checks)
                results << c->outcome();
            const PrecheckCounts counts = countOutcomes(results);
            if (counts.problems() == 0)
                return {};
            return makeError(u"run.precheck"_s,
                             Tr::tr("%n pre-check(s) found a problem; the lab is not touched. The "
                                    "pre-checks step shows each with its fix.",
                                    nullptr, counts.problems()));
        });
        gate->setKey(u"run.precheck.gate"_s);
        return QList<Job *>{gate};
    }
    case LabStep::Psc1:
        return installJobs(VcsaRole::Psc1);
    case LabStep::Psc2:
        return installJobs(VcsaRole::Psc2);
    case LabStep::VCenter:
        return installJobs(VcsaRole::VCenter);
    case LabStep::Certificate: {
        const CertActions certs(m_plan, s.certFolder());
        GenerateCsrJob *csr = certs.createCsrJob(ExistingKey::Refuse);
        SignWithCaJob *sign = certs.createVmcaSignJob(s.caCert, s.caKey);
        // Made by an earlier run (and perhaps applied since): a new key would not match.
        if (const std::optional<QString> why = certs.alreadyDone()) {
            csr->markSkipped(*why);
            sign->markSkipped(*why);
        }
        return QList<Job *>{csr, sign};
    }
    case LabStep::ApplyCertificate: {
        CertReplacementSettings settings;
        settings.user = s.sshUser;
        settings.sshPort = s.sshPort;
        settings.credentials = sshCredentialsOf(s);
        // No host key is accepted here: the PSCs' keys must be known already (the apply
        // certificates step records one after the person compared it).
        settings.knownHostsFile = knownHostsOf(s);
        settings.certFolder = s.certFolder();
        settings.remoteFolder = s.remoteFolder;
        if (!s.certificateManager.isEmpty())
            settings.certificateManager = s.certificateManager;
        settings.ssoPassword = ssoPasswordOf(s);
        const Result<QList<qsizetype>> nodes = selectPscNodes(m_plan, u"all"_s);
        if (!nodes)
            return nodes.error();
        return makeCertReplacementJobs(m_plan, *nodes, settings);
    }
    case LabStep::Endpoints: {
        const Result<QList<PscEndpointStep>> steps = pscEndpointSteps(m_plan, s.endpointCommands);
        if (!steps)
            return steps.error();
        PscEndpointSettings settings;
        settings.user = s.sshUser;
        settings.sshPort = s.sshPort;
        settings.credentials = sshCredentialsOf(s);
        settings.knownHostsFile = knownHostsOf(s);
        settings.ssoPassword = ssoPasswordOf(s);
        return makePscEndpointJobs(*steps, settings);
    }
    case LabStep::Netscaler: {
        m_netscaler = std::make_unique<NetscalerActions>(s.projectFolder);
        const Result<NitroTarget> found = m_netscaler->target(nsipOf(m_plan, s), s.nsUser);
        if (!found)
            return found.error();
        NitroTarget target = *found;
        if (!s.nsPin.isEmpty())
            target.pinnedSha256 = s.nsPin;
        const Result<NitroJob *> apply =
            m_netscaler->createJob(NitroAction::Apply, m_plan, target, s.nsPassword);
        if (!apply)
            return apply.error();
        // A fingerprint given for this run that worked is kept in the project at once, as the
        // step's own page and verb keep it, so a later run and the audit need none.
        NetscalerActions *actions = m_netscaler.get();
        NitroJob *job = *apply;
        connect(job, &Job::finished, this, [this, actions, job, target] {
            if (const Result<void> kept = actions->keepFingerprintIfItWorked(*job, target); !kept)
                Q_EMIT notice(Tr::tr("The confirmed fingerprint was not kept: %1").arg(kept.error().message));
        });
        return QList<Job *>{job};
    }
    case LabStep::Vcha: {
        const Result<VCenterEndpoint> endpoint = vcenterEndpoint();
        if (!endpoint)
            return endpoint.error();
        VchaJob *job = VCenterActions(s.projectFolder).createVchaJob(VchaAction::Deploy, *endpoint, m_plan);
        job->setPollInterval(s.vchaPollInterval);
        keepVCenterPinOnLogin(job);
        return QList<Job *>{job};
    }
    case LabStep::Vds: {
        const Result<VCenterEndpoint> endpoint = vcenterEndpoint();
        if (!endpoint)
            return endpoint.error();
        const Result<DvsCreateJob *> job = VCenterActions(s.projectFolder).createDvsJob(*endpoint, m_plan);
        if (!job)
            return job.error();
        keepVCenterPinOnLogin(*job);
        return QList<Job *>{*job};
    }
    case LabStep::Audit: {
        AuditOptions options;
        options.areas = s.auditAreas;
        options.projectFolder = s.projectFolder;
        options.nsipAddress = nsipOf(m_plan, s);
        options.nsUser = s.nsUser;
        options.nsPassword = s.nsPassword;
        options.vcenterAddress = vcenterOf(m_plan, s);
        options.vcUser = vcUserOf(m_plan, s);
        options.vcPassword = s.vcPassword;
        options.sshUser = s.sshUser;
        options.sshPort = s.sshPort;
        options.knownHostsFile = knownHostsOf(s);
        options.sshCredentials = sshCredentialsOf(s);
        options.nsPin = s.nsPin;
        options.vcPin = s.vcPin;
        if (!s.vmafdCli.isEmpty())
            options.vmafdCli = s.vmafdCli;
        m_audit = std::make_unique<AuditSession>(m_plan, options);
        return QList<Job *>{}; // added to the queue as the audit's own parallel group
    }
    case LabStep::Runbook: {
        const QDir folder(s.projectFolder);
        auto *runbook =
            new RunbookJob(m_plan, {}, folder.filePath(u"runbook.pdf"_s), folder.filePath(u"runbook.md"_s));
        runbook->setJournalPath(folder.filePath(RunJournal::fileName()));
        runbook->setAuditPath(folder.filePath(QString::fromLatin1(kAuditResultsFile)));
        return QList<Job *>{runbook};
    }
    }
    return QList<Job *>{};
}

Result<void> LabBuild::addTo(JobQueue &queue, const QList<LabStep> &steps)
{
    m_steps = steps;
    // Every step's jobs first, so an error adds nothing.
    const QList<QList<LabStep>> stages = labRunStages(steps);
    QList<QList<QList<Job *>>> byStage;
    QList<Job *> made;
    for (const QList<LabStep> &stage : stages) {
        QList<QList<Job *>> sequences;
        for (const LabStep step : stage) {
            Result<QList<Job *>> jobs = jobsOf(step);
            if (!jobs) {
                qDeleteAll(made);
                qDeleteAll(m_prechecks);
                m_prechecks.clear();
                m_audit.reset();
                Error e = jobs.error();
                e.message = Tr::tr("Step %1: %2").arg(labStepName(step), e.message);
                return e;
            }
            // Each job weighs its step's typical minutes, so the progress and the time left
            // follow the lab's pace.
            for (Job *job : std::as_const(*jobs))
                job->setWeight(qreal(labStepInfo(step).typicalMinutes) / qreal(jobs->size()));
            sequences << *jobs;
            made << *jobs;
        }
        byStage << sequences;
    }

    for (qsizetype i = 0; i < stages.size(); ++i) {
        const QList<LabStep> &stage = stages.at(i);
        if (stage == QList<LabStep>{LabStep::Precheck}) {
            addPrecheckJobs(queue, m_prechecks, PrecheckOptions{});
            for (CheckJob *check : std::as_const(m_prechecks))
                check->setWeight(0.01);
        }
        if (stage == QList<LabStep>{LabStep::Audit}) {
            m_audit->addTo(queue);
            // Kept before the runbook is written, for its "As built" chapter (no password in it).
            AuditSession *session = m_audit.get();
            const QString folder = m_settings.projectFolder;
            const QStringList areas = m_settings.auditAreas;
            auto *keep =
                new GateJob(Tr::tr("Keep the audit's results"), [session, folder, areas]() -> Result<void> {
                    const QList<AuditResult> results = session->results();
                    const Result<WrittenFile> saved =
                        keepAuditRecord(folder, results, areas, QDateTime::currentDateTimeUtc());
                    if (!saved)
                        return saved.error();
                    if (!summarizeAudit(results).matches())
                        return makeError(u"run.audit"_s,
                                         Tr::tr("The lab does not match the plan: see the audit."));
                    return {};
                });
            keep->setKey(u"run.audit.record"_s);
            keep->setWeight(0.01);
            queue.addJob(keep);
            continue;
        }
        // A stage's steps side by side; a step's second job beside the others' second ones.
        const QList<QList<Job *>> &sequences = byStage.at(i);
        for (qsizetype k = 0;; ++k) {
            QList<Job *> now;
            for (const QList<Job *> &sequence : sequences) {
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
    return {};
}

QString describeLabRun(const QList<LabStep> &steps)
{
    QString text;
    const QList<QList<LabStep>> stages = labRunStages(steps);
    int minutes = 0;
    const QList<LabStep> path = labCriticalPath(steps, &minutes);
    int serial = 0;
    for (const LabStep s : steps)
        serial += labStepInfo(s).typicalMinutes;
    text += Tr::tr("Whole-lab run: %n stage(s)\n", nullptr, int(stages.size()));
    for (qsizetype i = 0; i < stages.size(); ++i) {
        QStringList names;
        for (const LabStep s : stages.at(i))
            names << labStepName(s);
        text +=
            QStringLiteral("  %1. %2").arg(QString::number(i + 1).rightJustified(2), names.join(u" | "_s));
        if (names.size() > 1)
            text += Tr::tr("   (at the same time)");
        text += u'\n';
    }
    QStringList pathNames;
    for (const LabStep s : path)
        pathNames << labStepName(s);
    text += Tr::tr("Critical path: %1 (typically %2 min; %3 min one after another)\n")
                .arg(pathNames.join(u" > "_s), QString::number(minutes), QString::number(serial));
    return text;
}

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

QString skipWhatTheLastRunDid(const QList<Job *> &jobs, const QString &journalPath, const QString &title)
{
    const Result<RunJournal> journal = RunJournal::load(journalPath);
    if (!journal)
        return {};
    const JournalRun *last = journal->lastRun(title);
    if (!last || !last->finished.isValid() || last->state == u"succeeded"_s)
        return {};
    QStringList done;
    for (const JournalJob &j : last->jobs) {
        if (j.changesLab && (j.state == u"succeeded"_s || j.state == u"done-earlier"_s))
            done << j.key;
    }
    int skipped = 0;
    for (Job *job : jobs) {
        if (job->changesLab() && !job->isFinished() && done.contains(job->key())) {
            job->markSkipped(
                Tr::tr("Done by the last run (%1), which ended %2.")
                    .arg(last->started.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s), last->state));
            ++skipped;
        }
    }
    if (skipped == 0)
        return {};
    return Tr::tr("Continuing the last \"%1\" (it ended %2): %n lab change(s) it made are not made again.",
                  nullptr, skipped)
        .arg(title, last->state);
}

} // namespace vlab
