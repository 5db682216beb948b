#pragma once
// The `psc` area of the audit: over SSH to each PSC's planned address, vmafd-cli tells the SSO
// domain, the SSO site and the lookup service location the PSC itself uses
// (`vmafd-cli get-domain-name|get-site-name|get-ls-location --server-name localhost`, each
// printing one value and a newline: docs/sources.md). PscAuditJob only reads; pscAuditResults()
// compares with the plan: the plan's SSO domain, the plan's site, and a lookup service located
// at the load-balancer name. The same job on the plan's vCenter (lookupServiceOnly) reads only
// the lookup service location the vCenter itself uses (`get-ls-location`): it must be the
// load-balancer name too, or the vCenter does not go through the load balancer to SSO
// (vcenterLookupServiceResult()). The host key must already be recorded (the audit records none).

#include "audit/auditresult.h"
#include "jobs/threadedjob.h"
#include "plan/labplan.h"
#include "remote/sshsession.h"

namespace vlab {

inline constexpr auto kVmafdCli = "/usr/lib/vmware-vmafd/bin/vmafd-cli";

struct PscAuditRequest
{
    PscNode node;
    SshConnectOptions connection;
    SshCredentials credentials;
    // The command run with the subcommands appended (tests put a stand-in here).
    QString vmafdCli = QString::fromLatin1(kVmafdCli);
    // Only get-ls-location (the vCenter's own lookup service location); `node` is the vCenter.
    bool lookupServiceOnly = false;
};

// What one PSC reported (each value as printed, trimmed).
struct PscIdentity
{
    QString domain;
    QString site;
    QString lsLocation;
};

class PscAuditJob : public ThreadedJob
{
    Q_OBJECT
public:
    explicit PscAuditJob(PscAuditRequest request, QObject *parent = nullptr);
    const PscAuditRequest &request() const { return m_request; }
    // Valid once the job has succeeded.
    const PscIdentity &identity() const { return m_identity; }

    // The command line for one vmafd-cli subcommand ("get-site-name").
    static QString command(const QString &vmafdCli, const QString &subcommand);

protected:
    Work makeWork() override;

private:
    PscAuditRequest m_request;
    PscIdentity m_identity;
};

// Items "FQDN (SSO domain)", "FQDN (SSO site)", "FQDN (lookup service)" for a PSC that
// answered; one item "FQDN" (unreachable, drift or skipped) for one that did not.
QList<AuditResult> pscAuditResults(const PscAuditJob &job, const LabPlan &plan);

// The item "FQDN (lookup service)" of the vCenter (a job with lookupServiceOnly): ok when the
// location's host is the load-balancer name, drift otherwise (fixed with cmsso-util repoint on
// the vCenter), unreachable when the vCenter does not answer SSH, skipped when not checked.
AuditResult vcenterLookupServiceResult(const PscAuditJob &job, const LabPlan &plan);

// The item comparing the sites of every PSC that answered (`sites`: FQDN -> site; the PSCs
// that did not answer are named in `silent`).
AuditResult pscSameSiteResult(const QList<QPair<QString, QString>> &sites, const QStringList &silent);

} // namespace vlab
