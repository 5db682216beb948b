#include "audit/pscauditjob.h"

#include "audit/sshauditfailure.h"
#include "core/tr.h"
#include "remote/applianceshell.h"
#include "remote/hostkeys.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

constexpr qsizetype kMaxValueBytes = 4096;

// One vmafd-cli value: the first line of what it printed. Errors name the subcommand.
Result<QString> readValue(SshSession &session, const QString &vmafdCli, const QString &subcommand,
                          std::chrono::milliseconds timeout, const CancelCheck &cancelled)
{
    const QString command = PscAuditJob::command(vmafdCli, subcommand);
    const Result<ExecResult> run = session.exec(command, timeout, cancelled);
    if (!run)
        return run.error();
    const QByteArray output = run->standardOutput + run->standardError;
    if (looksLikeApplianceShell(output))
        return makeError(u"audit.psc.shell"_s,
                         Tr::tr("the login shell on the PSC is the appliance shell, which cannot run %1.")
                             .arg(subcommand));
    const QString value =
        QString::fromUtf8(run->standardOutput.left(kMaxValueBytes)).section(u'\n', 0, 0).trimmed();
    if (run->exitStatus != 0 || value.isEmpty()) {
        const QString said = QString::fromUtf8(output.left(kMaxValueBytes)).trimmed();
        return makeError(u"audit.psc.vmafd"_s,
                         Tr::tr("vmafd-cli %1 failed (exit status %2): %3")
                             .arg(subcommand, QString::number(run->exitStatus),
                                  said.isEmpty() ? Tr::tr("no output") : said),
                         command);
    }
    return value;
}

AuditResult item(const PscNode &node, const QString &what)
{
    AuditResult a;
    a.area = u"psc"_s;
    a.target = u"%1 (%2)"_s.arg(node.fqdn, what);
    return a;
}

} // namespace

PscAuditJob::PscAuditJob(PscAuditRequest request, QObject *parent)
    : ThreadedJob(request.lookupServiceOnly
                      ? Tr::tr("Lookup service location of %1").arg(request.node.fqdn)
                      : Tr::tr("SSO domain, site and lookup service of %1").arg(request.node.fqdn),
                  {}, parent)
    , m_request(std::move(request))
{
    mutableReport().description = m_request.lookupServiceOnly
        ? Tr::tr("Asks vmafd-cli on %1 where its lookup service is located.")
              .arg(m_request.connection.endpoint.toString())
        : Tr::tr("Asks vmafd-cli on %1 for its SSO domain, site and lookup service location.")
              .arg(m_request.connection.endpoint.toString());
    // The vCenter's: "audit.psc.vcenter.NAME", apart from any PSC's.
    setKey(m_request.lookupServiceOnly ? u"audit.psc.vcenter.%1"_s.arg(m_request.node.name)
                                       : u"audit.psc.%1"_s.arg(m_request.node.name));
    setTarget(m_request.connection.endpoint.toString());
}

QString PscAuditJob::command(const QString &vmafdCli, const QString &subcommand)
{
    return u"%1 %2 --server-name localhost"_s.arg(vmafdCli, subcommand);
}

ThreadedJob::Work PscAuditJob::makeWork()
{
    return [this, r = m_request](const WorkContext &ctx) -> Result<void> {
        const CancelCheck cancelled = [&ctx] {
            return ctx.isCancelled();
        };
        ctx.progress(0.1, Tr::tr("Connecting to %1").arg(r.connection.endpoint.toString()));
        SshSession session;
        const Result<HostKeyCheck> hostKey = session.connect(r.connection, cancelled);
        if (!hostKey)
            return hostKey.error();
        ctx.evidence(Evidence::Kind::Note,
                     Tr::tr("Connected to %1; host key %2 %3.")
                         .arg(r.connection.endpoint.toString(), hostKey->keyType, hostKey->fingerprint));
        if (Result<void> auth = session.authenticate(r.credentials); !auth)
            return auth;
        PscIdentity identity;
        const struct
        {
            const char *subcommand;
            QString *value;
        } reads[] = {{"get-domain-name", &identity.domain},
                     {"get-site-name", &identity.site},
                     {"get-ls-location", &identity.lsLocation}};
        qreal done = 0.2;
        for (const auto &read : reads) {
            if (r.lookupServiceOnly && read.value != &identity.lsLocation)
                continue;
            if (ctx.isCancelled())
                return makeError(u"job.cancelled"_s, Tr::tr("Cancelled."));
            const QString subcommand = QString::fromLatin1(read.subcommand);
            ctx.evidence(Evidence::Kind::Command, command(r.vmafdCli, subcommand));
            const Result<QString> value =
                readValue(session, r.vmafdCli, subcommand, r.connection.timeout, cancelled);
            if (!value)
                return value.error();
            ctx.evidence(Evidence::Kind::Received, *value);
            *read.value = *value;
            done += 0.25;
            ctx.progress(done);
        }
        // Hand the values to the job's thread; the job object itself is only touched there.
        QMetaObject::invokeMethod(
            this, [this, identity] { m_identity = identity; }, Qt::QueuedConnection);
        ctx.progress(1.0, Tr::tr("%1 answered").arg(r.node.fqdn));
        return {};
    };
}

QList<AuditResult> pscAuditResults(const PscAuditJob &job, const LabPlan &plan)
{
    const PscNode &node = job.request().node;
    if (!job.result()) {
        AuditResult a;
        a.area = u"psc"_s;
        a.target = node.fqdn;
        a.expected = Tr::tr("SSO domain %1, site %2, lookup service at %3")
                         .arg(plan.sso.domain, plan.sso.site, plan.loadBalancer.fqdn);
        return {sshAuditFailure(a, job.result().error(), job.request().connection)};
    }
    const PscIdentity &found = job.identity();
    QList<AuditResult> items;

    AuditResult domain = item(node, Tr::tr("SSO domain"));
    domain.expected = plan.sso.domain;
    domain.found = found.domain;
    if (found.domain.compare(plan.sso.domain, Qt::CaseInsensitive) == 0) {
        domain.status = AuditStatus::Ok;
        domain.message = Tr::tr("%1 is in the SSO domain %2.").arg(node.fqdn, found.domain);
    } else {
        domain.status = AuditStatus::Drift;
        domain.message =
            Tr::tr("%1 is in the SSO domain %2, not %3.").arg(node.fqdn, found.domain, plan.sso.domain);
        domain.hint =
            Tr::tr("An SSO domain cannot be renamed: reinstall this PSC into %1 (vlab vcsa run), or "
                   "correct the plan if %2 is meant.")
                .arg(plan.sso.domain, found.domain);
    }
    items << domain;

    AuditResult site = item(node, Tr::tr("SSO site"));
    site.expected = plan.sso.site;
    site.found = found.site;
    if (found.site == plan.sso.site) {
        site.status = AuditStatus::Ok;
        site.message = Tr::tr("%1 is in the site %2.").arg(node.fqdn, found.site);
    } else {
        site.status = AuditStatus::Drift;
        site.message = Tr::tr("%1 is in the site %2, not %3.").arg(node.fqdn, found.site, plan.sso.site);
        site.hint = Tr::tr("Both PSCs behind the load balancer must be in one site: reinstall the replica "
                           "with the plan's site (vlab vcsa template writes it), or correct the plan.");
    }
    items << site;

    AuditResult ls = item(node, Tr::tr("lookup service"));
    ls.expected =
        Tr::tr("https://%1:443/lookupservice/sdk (the load-balancer name)").arg(plan.loadBalancer.fqdn);
    ls.found = found.lsLocation;
    const QUrl url(found.lsLocation, QUrl::StrictMode);
    const QString host = url.isValid() ? url.host() : QString();
    if (!host.isEmpty() && host.compare(plan.loadBalancer.fqdn, Qt::CaseInsensitive) == 0) {
        ls.status = AuditStatus::Ok;
        ls.message = Tr::tr("The lookup service of %1 is located at the load-balancer name.").arg(node.fqdn);
    } else {
        ls.status = AuditStatus::Drift;
        ls.message = host.isEmpty()
            ? Tr::tr("The lookup service location of %1 is not a URL.").arg(node.fqdn)
            : Tr::tr("The lookup service of %1 is located at %2, not at the load-balancer name %3.")
                  .arg(node.fqdn, host, plan.loadBalancer.fqdn);
        ls.hint =
            Tr::tr("Point SSO and the lookup service at the load-balancer name: vlab psc update-endpoints.");
    }
    items << ls;
    return items;
}

AuditResult vcenterLookupServiceResult(const PscAuditJob &job, const LabPlan &plan)
{
    const PscNode &node = job.request().node;
    AuditResult ls = item(node, Tr::tr("lookup service"));
    ls.expected =
        Tr::tr("https://%1:443/lookupservice/sdk (the load-balancer name)").arg(plan.loadBalancer.fqdn);
    if (!job.result()) {
        const Error &e = job.result().error();
        const SshConnectOptions &connection = job.request().connection;
        ls = sshAuditFailure(ls, e, connection);
        // The hints of sshAuditFailure() speak of a PSC; this is the vCenter.
        if (e.code == u"hostkey.not-confirmed"_s) {
            const QString fingerprint = fingerprintToConfirm(e);
            ls.hint = Tr::tr("Compare the fingerprint %1 with the one the vCenter's administrator gives you, "
                             "then record it once: vlab diag tcp --ssh %2 --plan PLAN --accept-host-key %1.")
                          .arg(fingerprint.isEmpty() ? Tr::tr("(see vlab diag tcp)") : fingerprint,
                               connection.endpoint.toString());
        } else if (ls.status == AuditStatus::Unreachable) {
            ls.hint =
                Tr::tr("Check that the vCenter is up, that SSH is enabled on it and that %1 is its address.")
                    .arg(connection.endpoint.host);
        } else if (ls.status == AuditStatus::Drift && e.code.startsWith(u"hostkey."_s)) {
            ls.hint = Tr::tr("Find out why the vCenter's host key changed before recording the new one.");
        } else if (e.code == u"audit.psc.shell"_s) {
            ls.hint = Tr::tr("Make bash the login shell of %1 on the vCenter (chsh -s /bin/bash %1).")
                          .arg(connection.endpoint.user);
        }
        return ls;
    }
    const QString location = job.identity().lsLocation;
    ls.found = location;
    const QUrl url(location, QUrl::StrictMode);
    const QString host = url.isValid() ? url.host() : QString();
    if (!host.isEmpty() && host.compare(plan.loadBalancer.fqdn, Qt::CaseInsensitive) == 0) {
        ls.status = AuditStatus::Ok;
        ls.message =
            Tr::tr("The vCenter %1 finds its lookup service at the load-balancer name.").arg(node.fqdn);
        return ls;
    }
    ls.status = AuditStatus::Drift;
    ls.message = host.isEmpty()
        ? Tr::tr("The lookup service location of the vCenter %1 is not a URL.").arg(node.fqdn)
        : Tr::tr("The vCenter %1 finds its lookup service at %2, not at the load-balancer name %3.")
              .arg(node.fqdn, host, plan.loadBalancer.fqdn);
    ls.hint =
        Tr::tr("Repoint the vCenter at the load-balancer name: as root on the vCenter, cmsso-util repoint "
               "--repoint-psc %1.")
            .arg(plan.loadBalancer.fqdn);
    return ls;
}

AuditResult pscSameSiteResult(const QList<QPair<QString, QString>> &sites, const QStringList &silent)
{
    AuditResult a;
    a.area = u"psc"_s;
    a.target = Tr::tr("every PSC (one site)");
    QStringList labels, found, distinct;
    for (const auto &[fqdn, site] : sites) {
        labels << fqdn;
        found << Tr::tr("%1: %2").arg(fqdn, site);
        if (!distinct.contains(site))
            distinct << site;
    }
    a.expected = Tr::tr("one SSO site on %1").arg((labels + silent).join(u", "_s));
    a.found = found.join(u"; "_s);
    if (distinct.size() > 1) {
        a.status = AuditStatus::Drift;
        a.message = Tr::tr("The PSCs are in %n different sites.", nullptr, int(distinct.size()));
        a.hint = Tr::tr("Both PSCs behind the load balancer must be in one site: reinstall the replica with "
                        "the first PSC's site.");
    } else if (!silent.isEmpty()) {
        a.status = AuditStatus::Unreachable;
        a.message = distinct.isEmpty()
            ? Tr::tr("Not compared: no PSC told its site.")
            : Tr::tr("Not fully compared: %1 did not tell its site.").arg(silent.join(u", "_s));
        a.hint = Tr::tr("Make the PSCs answer and audit again.");
    } else {
        a.status = AuditStatus::Ok;
        a.message = Tr::tr("Every PSC is in the site %1.").arg(distinct.value(0));
    }
    return a;
}

} // namespace vlab
