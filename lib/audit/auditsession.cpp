#include "audit/auditsession.h"

#include "audit/certauditjob.h"
#include "audit/nitroaudit.h"
#include "audit/tcpaudit.h"
#include "audit/vcenteraudit.h"
#include "certs/csrrequest.h"
#include "core/atomicfile.h"
#include "core/tr.h"
#include "diag/diagactions.h"
#include "jobs/jobqueue.h"
#include "netscaler/netscaleractions.h"
#include "netscaler/nitroverifyjob.h"
#include "precheck/precheckplan.h"
#include "vsphere/vcenteractions.h"
#include "vsphere/vcenterconnection.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

constexpr qint64 kMaxCaFileBytes = 1024 * 1024;

} // namespace

const QStringList &auditAreas()
{
    static const QStringList areas = {u"dns"_s,     u"certs"_s, u"netscaler"_s, u"psc"_s,
                                      u"vcenter"_s, u"vcha"_s,  u"vds"_s,       u"tcp"_s};
    return areas;
}

Result<QStringList> parseAuditAreas(const QString &list)
{
    QStringList chosen;
    for (const QString &part : list.split(u',', Qt::SkipEmptyParts)) {
        const QString name = part.trimmed().toLower();
        if (!auditAreas().contains(name))
            return makeError(u"audit.area"_s,
                             Tr::tr("\"%1\" is not an audit area; use %2.")
                                 .arg(part.trimmed(), auditAreas().join(u", "_s)));
        chosen << name;
    }
    if (chosen.isEmpty())
        return makeError(u"audit.area"_s,
                         Tr::tr("Name at least one audit area: %1.").arg(auditAreas().join(u", "_s)));
    QStringList ordered;
    for (const QString &area : auditAreas()) {
        if (chosen.contains(area))
            ordered << area;
    }
    return ordered;
}

AuditLogins auditLogins(const LabPlan &plan, const QStringList &areas)
{
    AuditLogins logins;
    logins.netscaler = areas.contains(u"netscaler"_s);
    logins.vcenter = areas.contains(u"vcenter"_s) || (areas.contains(u"vcha"_s) && plan.vcha.enabled)
        || (areas.contains(u"vds"_s) && !plan.vds.name.isEmpty());
    logins.ssh = (areas.contains(u"tcp"_s) || areas.contains(u"psc"_s)) && !plan.psc.isEmpty();
    return logins;
}

AuditResult auditResultOf(const QString &area, const CheckResult &check)
{
    AuditResult a;
    a.area = area;
    a.target = check.target;
    a.expected = check.expected;
    a.found = check.found;
    a.message = check.message;
    switch (check.status) {
    case CheckStatus::Pass:
    case CheckStatus::Warn:
        a.status = AuditStatus::Ok;
        break;
    case CheckStatus::Fail:
        a.status = AuditStatus::Drift;
        a.hint = check.hint;
        break;
    case CheckStatus::NoAnswer:
        a.status = AuditStatus::Unreachable;
        a.hint = check.hint;
        break;
    case CheckStatus::Cancelled:
    case CheckStatus::NotRun:
        a.status = AuditStatus::Skipped;
        a.message =
            Tr::tr("Not checked: the audit ended before this check (%1).").arg(checkStatusName(check.status));
        break;
    }
    return a;
}

AuditSession::AuditSession(const LabPlan &plan, const AuditOptions &options, QObject *parent)
    : QObject(parent)
    , m_plan(plan)
    , m_options(options)
{
    for (const QString &area : m_options.areas) {
        if (area == u"dns"_s) {
            buildDns();
        } else if (area == u"certs"_s) {
            buildCerts();
        } else if (area == u"netscaler"_s) {
            buildNetscaler();
        } else if (area == u"vcenter"_s || area == u"vcha"_s || area == u"vds"_s) {
            buildVCenter(area);
        } else if (area == u"psc"_s) {
            buildPsc();
        } else if (area == u"tcp"_s) {
            buildTcp();
        } else {
            AuditResult a;
            a.area = area;
            a.target = area;
            a.status = AuditStatus::Skipped;
            a.message = Tr::tr("Not checked: the %1 audit is not implemented yet.").arg(area);
            addFixed(area, a);
        }
    }
}

void AuditSession::addFixed(const QString &area, const AuditResult &result)
{
    Slot slot;
    slot.kind = Slot::Kind::Fixed;
    slot.area = area;
    slot.target = result.target;
    slot.results = {result};
    slot.done = true;
    m_slots << slot;
}

void AuditSession::buildDns()
{
    // The pre-checks' own DNS checks: forward and reverse records of every planned name.
    PrecheckOptions precheck;
    precheck.categories = {u"dns"_s};
    precheck.timeoutMs = m_options.timeoutMs;
    const QList<CheckJob *> checks = createPrecheckJobs(m_plan, precheck);
    for (CheckJob *check : checks) {
        check->setKey(u"audit.%1"_s.arg(check->key()));
        Slot slot;
        slot.kind = Slot::Kind::Check;
        slot.area = u"dns"_s;
        slot.target = check->checkResult().target;
        const qsizetype index = m_slots.size();
        m_slots << slot;
        connect(check, &CheckJob::checked, this, [this, index](const CheckResult &result) {
            m_slots[index].results = {auditResultOf(u"dns"_s, result)};
            m_slots[index].done = true;
        });
        m_jobs << check;
    }
}

void AuditSession::buildCerts()
{
    std::optional<CertSource> caChain;
    QString caProblem;
    if (!m_options.projectFolder.isEmpty()) {
        const QString file =
            QDir(m_options.projectFolder).filePath(u"certs/"_s + QString::fromLatin1(CertFiles::CaChain));
        if (QFileInfo::exists(file)) {
            const Result<QByteArray> data = readFileLimited(file, kMaxCaFileBytes);
            if (data)
                caChain = CertSource{file, *data};
            else
                caProblem = data.error().message;
        }
    }
    if (!caProblem.isEmpty()) {
        AuditResult a;
        a.area = u"certs"_s;
        a.target = u"certs/"_s + QString::fromLatin1(CertFiles::CaChain);
        a.status = AuditStatus::Skipped;
        a.message = Tr::tr("The chain is not checked: %1").arg(caProblem);
        a.hint = Tr::tr("Make the project's CA file readable, or remove it.");
        addFixed(u"certs"_s, a);
    }

    struct Endpoint
    {
        QString label, host, name;
    };
    QList<Endpoint> endpoints;
    for (const PscNode &node : std::as_const(m_plan.psc))
        endpoints << Endpoint{node.fqdn, node.ip, node.fqdn};
    const LoadBalancer &lb = m_plan.loadBalancer;
    endpoints << Endpoint{Tr::tr("VIP %1").arg(lb.fqdn), lb.vip, lb.fqdn};
    for (const Endpoint &e : std::as_const(endpoints)) {
        CertAuditRequest request;
        request.label = e.label;
        request.host = e.host;
        request.port = m_options.httpsPort;
        request.serverName = e.name;
        request.plan = m_plan;
        request.caChain = caChain;
        request.timeoutMs = m_options.timeoutMs;
        request.expiryWarningDays = m_options.expiryWarningDays;
        auto *job = new CertAuditJob(request);
        // The worker's own limit is the check's; the job's limit only stops a hang.
        job->setTimeout(std::chrono::milliseconds(m_options.timeoutMs * 2 + 1000));
        Slot slot;
        slot.kind = Slot::Kind::Certificate;
        slot.area = u"certs"_s;
        slot.label = e.label;
        slot.target = u"%1 %2 tls"_s.arg(e.label, job->endpoint());
        const qsizetype index = m_slots.size();
        m_slots << slot;
        connect(job, &CertAuditJob::audited, this, [this, index, job](const QList<AuditResult> &results) {
            m_slots[index].results = results;
            m_slots[index].fingerprint = job->fingerprint();
            m_slots[index].done = true;
        });
        m_jobs << job;
    }
    Slot same;
    same.kind = Slot::Kind::SameCertificate;
    same.area = u"certs"_s;
    m_slots << same;
}

void AuditSession::buildNetscaler()
{
    const QString address =
        m_options.nsipAddress.isEmpty() ? m_plan.loadBalancer.nsip : m_options.nsipAddress;
    // The NetScaler step's own Verify job, with the fingerprint confirmed in the project.
    auto *actions = new NetscalerActions(m_options.projectFolder, this);
    Result<NitroTarget> target = actions->target(address, m_options.nsUser);
    if (target) {
        target.value().requestTimeout = std::chrono::milliseconds(m_options.timeoutMs);
        if (target.value().pinnedSha256.isEmpty())
            target.value().pinnedSha256 = m_options.nsPin;
    }
    Result<NitroJob *> job = target
        ? actions->createJob(NitroAction::Verify, m_plan, *target, m_options.nsPassword)
        : Result<NitroJob *>(target.error());
    if (!job) {
        AuditResult a;
        a.area = u"netscaler"_s;
        a.target = u"NSIP %1"_s.arg(address);
        a.status = AuditStatus::Skipped;
        a.message = Tr::tr("Not checked: %1").arg(job.error().message);
        addFixed(u"netscaler"_s, a);
        return;
    }
    auto *verify = static_cast<NitroVerifyJob *>(*job);
    verify->setKey(u"audit.netscaler"_s);
    Slot slot;
    slot.kind = Slot::Kind::Check;
    slot.area = u"netscaler"_s;
    slot.target = u"NSIP %1"_s.arg(target->address());
    const qsizetype index = m_slots.size();
    m_slots << slot;
    connect(verify, &Job::finished, this, [this, index, verify, t = *target] {
        m_slots[index].results = nitroAuditResults(*verify, t);
        m_slots[index].done = true;
    });
    m_jobs << verify;
}

void AuditSession::buildVCenter(const QString &area)
{
    const QString address =
        m_options.vcenterAddress.isEmpty() ? m_plan.vcenter.fqdn : m_options.vcenterAddress;
    const auto notChecked = [&](const QString &why) {
        AuditResult a;
        a.area = area;
        a.target = address;
        a.status = AuditStatus::Skipped;
        a.message = Tr::tr("Not checked: %1").arg(why);
        addFixed(area, a);
    };
    if (area == u"vcha"_s && !m_plan.vcha.enabled) {
        notChecked(Tr::tr("the plan has no VCHA (vcha.enabled is false)."));
        return;
    }
    if (area == u"vds"_s && m_plan.vds.name.isEmpty()) {
        notChecked(Tr::tr("the plan has no Distributed Switch (vds.name is empty)."));
        return;
    }
    const Result<QUrl> url = parseVCenterHost(address);
    if (!url) {
        notChecked(url.error().message);
        return;
    }
    // The vCenter step's own read-only jobs, with the fingerprint confirmed in the project.
    const VCenterActions actions(m_options.projectFolder);
    const Result<QByteArray> pin = actions.confirmedPin(*url);
    if (!pin) {
        notChecked(pin.error().message);
        return;
    }
    VCenterEndpoint endpoint;
    endpoint.url = *url;
    endpoint.pin = pin->isEmpty() ? m_options.vcPin : *pin;
    endpoint.user = m_options.vcUser;
    endpoint.password = m_options.vcPassword;
    endpoint.timeout = std::chrono::milliseconds(m_options.timeoutMs);
    // One login for the vcenter, vcha and vds areas, not one each; each area still judges the
    // login's outcome on its own (a refused one is drift in each, no answer unreachable in each).
    if (!m_vcenterConnection)
        m_vcenterConnection = new VCenterConnection(endpoint, this);
    Slot slot;
    slot.kind = Slot::Kind::Check;
    slot.area = area;
    slot.target = address;
    const qsizetype index = m_slots.size();
    m_slots << slot;
    Job *job = nullptr;
    if (area == u"vcenter"_s) {
        VCenterLoginJob *login = actions.createLoginJob(endpoint);
        login->setConnection(m_vcenterConnection);
        connect(login, &Job::finished, this, [this, index, login] {
            m_slots[index].results = vcenterAuditResults(*login);
            m_slots[index].done = true;
        });
        job = login;
    } else if (area == u"vds"_s) {
        // The Distributed Switch step's own start (connect, login, datacenter), reading only.
        DvsInspectJob *inspect = actions.createDvsInspectJob(endpoint, m_plan).value();
        inspect->setConnection(m_vcenterConnection);
        connect(inspect, &Job::finished, this, [this, index, inspect] {
            m_slots[index].results = dvsAuditResults(*inspect);
            m_slots[index].done = true;
        });
        job = inspect;
    } else {
        VchaJob *status = actions.createVchaJob(VchaAction::Status, endpoint, m_plan);
        status->setConnection(m_vcenterConnection);
        connect(status, &Job::finished, this, [this, index, status] {
            m_slots[index].results = vchaAuditResults(*status);
            m_slots[index].done = true;
        });
        job = status;
    }
    job->setKey(u"audit.%1"_s.arg(area));
    m_jobs << job;
}

QString AuditSession::knownHostsFile() const
{
    return m_options.knownHostsFile.isEmpty() ? defaultKnownHostsFile(m_options.projectFolder)
                                              : m_options.knownHostsFile;
}

void AuditSession::buildPsc()
{
    // vmafd-cli on each PSC over SSH, with the host keys already recorded in the project; then
    // on the vCenter, for the lookup service location it uses.
    for (const PscNode &node : std::as_const(m_plan.psc)) {
        PscAuditRequest request;
        request.node = node;
        request.connection.endpoint = SshEndpoint{m_options.sshUser, node.ip, m_options.sshPort};
        request.connection.knownHostsFile = knownHostsFile();
        request.connection.timeout = std::chrono::milliseconds(m_options.timeoutMs);
        request.credentials = m_options.sshCredentials;
        request.vmafdCli = m_options.vmafdCli;
        auto *job = new PscAuditJob(request);
        // The connection and each of the three commands have the check's limit; the job's
        // only stops a hang.
        job->setTimeout(std::chrono::milliseconds(m_options.timeoutMs * 5 + 1000));
        Slot slot;
        slot.kind = Slot::Kind::PscSite;
        slot.area = u"psc"_s;
        slot.target = node.fqdn;
        slot.label = node.fqdn;
        const qsizetype index = m_slots.size();
        m_slots << slot;
        connect(job, &Job::finished, this, [this, index, job] {
            m_slots[index].results = pscAuditResults(*job, m_plan);
            m_slots[index].site = job->result() ? job->identity().site : QString();
            m_slots[index].done = true;
        });
        m_jobs << job;
    }
    if (m_plan.psc.size() >= 2) {
        Slot same;
        same.kind = Slot::Kind::SameSite;
        same.area = u"psc"_s;
        m_slots << same;
    }
    buildVCenterLookupService();
}

void AuditSession::buildVCenterLookupService()
{
    // The vCenter's own lookup service location, with vmafd-cli over SSH as on the PSCs (same
    // user, port, credentials and known hosts), at the plan's vCenter address.
    const VCenterPlan &vc = m_plan.vcenter;
    if (vc.fqdn.isEmpty())
        return;
    PscAuditRequest request;
    request.node =
        PscNode{vc.name.isEmpty() ? u"vcenter"_s : vc.name, vc.fqdn, vc.ip.isEmpty() ? vc.fqdn : vc.ip};
    request.connection.endpoint = SshEndpoint{m_options.sshUser, request.node.ip, m_options.sshPort};
    request.connection.knownHostsFile = knownHostsFile();
    request.connection.timeout = std::chrono::milliseconds(m_options.timeoutMs);
    request.credentials = m_options.sshCredentials;
    request.vmafdCli = m_options.vmafdCli;
    request.lookupServiceOnly = true;
    auto *job = new PscAuditJob(request);
    // The connection and the command have the check's limit; the job's only stops a hang.
    job->setTimeout(std::chrono::milliseconds(m_options.timeoutMs * 3 + 1000));
    Slot slot;
    slot.kind = Slot::Kind::Check;
    slot.area = u"psc"_s;
    slot.target = u"%1 (%2)"_s.arg(vc.fqdn, Tr::tr("lookup service"));
    const qsizetype index = m_slots.size();
    m_slots << slot;
    connect(job, &Job::finished, this, [this, index, job] {
        m_slots[index].results = {vcenterLookupServiceResult(*job, m_plan)};
        m_slots[index].done = true;
    });
    m_jobs << job;
}

AuditResult AuditSession::sameSite() const
{
    QList<QPair<QString, QString>> sites;
    QStringList silent;
    for (const Slot &s : m_slots) {
        if (s.kind != Slot::Kind::PscSite)
            continue;
        if (s.site.isEmpty())
            silent << s.label;
        else
            sites << qMakePair(s.label, s.site);
    }
    return pscSameSiteResult(sites, silent);
}

void AuditSession::buildTcp()
{
    // The Diagnostics step's own job on each PSC, as `vlab diag tcp --ssh` runs it.
    const QString knownHosts = knownHostsFile();
    for (const PscNode &node : std::as_const(m_plan.psc)) {
        SshConnectOptions connection;
        connection.endpoint = SshEndpoint{m_options.sshUser, node.ip, m_options.sshPort};
        connection.knownHostsFile = knownHosts;
        connection.timeout = std::chrono::milliseconds(m_options.timeoutMs);
        TcpReportOptions options;
        options.ports = DiagActions::defaultPorts(m_plan);
        TcpDiagJob *job = DiagActions::createTcpJob(
            DiagActions(m_options.projectFolder).sshRequest(connection, m_options.sshCredentials, options));
        job->setKey(u"audit.tcp.%1"_s.arg(node.name));
        // The connection and the command each have the check's limit; the job's only stops a hang.
        job->setTimeout(std::chrono::milliseconds(m_options.timeoutMs * 3 + 1000));
        Slot slot;
        slot.kind = Slot::Kind::Check;
        slot.area = u"tcp"_s;
        slot.target = node.fqdn;
        const qsizetype index = m_slots.size();
        m_slots << slot;
        connect(job, &Job::finished, this, [this, index, job, node] {
            m_slots[index].results = tcpAuditResults(*job, node);
            m_slots[index].done = true;
        });
        m_jobs << job;
    }
}

void AuditSession::addTo(JobQueue &queue)
{
    if (m_jobs.isEmpty())
        return;
    queue.addParallel(m_jobs, JobQueue::ParallelOptions{m_options.maxInFlight, true});
    m_jobs.clear();
}

QList<AuditResult> AuditSession::sameCertificate() const
{
    AuditResult a;
    a.area = u"certs"_s;
    a.target = Tr::tr("every PSC and the VIP");
    QStringList labels, found, silent, fingerprints;
    for (const Slot &s : m_slots) {
        if (s.kind != Slot::Kind::Certificate)
            continue;
        labels << s.label;
        if (s.fingerprint.isEmpty()) {
            silent << s.label;
            continue;
        }
        found << Tr::tr("%1: %2").arg(s.label, s.fingerprint);
        if (!fingerprints.contains(s.fingerprint))
            fingerprints << s.fingerprint;
    }
    a.expected = Tr::tr("one certificate on %1").arg(labels.join(u", "_s));
    a.found = found.join(u"; "_s);
    if (fingerprints.size() > 1) {
        a.status = AuditStatus::Drift;
        a.message = Tr::tr("%n different certificates are served.", nullptr, int(fingerprints.size()));
        a.hint =
            Tr::tr("Replace the machine certificate where it differs (vlab psc apply-cert), so that every "
                   "PSC and the VIP serve the same one.");
    } else if (!silent.isEmpty()) {
        a.status = AuditStatus::Unreachable;
        a.message = fingerprints.isEmpty()
            ? Tr::tr("Not compared: no endpoint served a certificate.")
            : Tr::tr("Not fully compared: %1 served no certificate; the others serve the same one.")
                  .arg(silent.join(u", "_s));
        a.hint = Tr::tr("Bring the silent endpoints up and audit again.");
    } else {
        a.status = AuditStatus::Ok;
        a.message = Tr::tr("Every PSC and the VIP serve the same certificate.");
    }
    return {a};
}

QList<AuditResult> AuditSession::results() const
{
    QList<AuditResult> all;
    for (const Slot &s : m_slots) {
        if (s.kind == Slot::Kind::SameCertificate) {
            all << sameCertificate();
            continue;
        }
        if (s.kind == Slot::Kind::SameSite) {
            all << sameSite();
            continue;
        }
        if (s.done) {
            all << s.results;
            continue;
        }
        AuditResult a;
        a.area = s.area;
        a.target = s.target;
        a.status = AuditStatus::Skipped;
        a.message = Tr::tr("Not checked: the audit ended before this check.");
        all << a;
    }
    return all;
}

} // namespace vlab
