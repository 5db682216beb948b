#pragma once
// AuditSession: the as-built audit of a lab against its plan (issue 16): builds the read-only
// checks of the chosen areas as jobs (reusing the pre-checks' DNS checks, the certificate
// verifier, ...), which run at once in one independent parallel group of the job queue, each
// with its own time limit (the vCenter areas' jobs share one login: VCenterConnection); then gathers every
// result in the plan's order. The wizard's audit page, `vlab audit` and the whole-lab run use it alike;
// nothing here changes the lab.
//
// Areas not chosen are left out of the results. "skipped" marks a chosen item that was not
// checked: an area not implemented yet, or a check the run never reached (cancelled).

#include "audit/auditresult.h"
#include "audit/pscauditjob.h"
#include "core/result.h"
#include "plan/labplan.h"
#include "precheck/checkjob.h"
#include "remote/sshsession.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

namespace vlab {

class CertAuditJob;
class Job;
class JobQueue;
class VCenterConnection;

// dns, certs, netscaler, psc, vcenter, vcha, vds, tcp: in this order in the results.
const QStringList &auditAreas();
// "dns,certs" -> areas (in auditAreas() order); an unknown name is an error naming it.
Result<QStringList> parseAuditAreas(const QString &list);

struct AuditOptions
{
    QStringList areas = auditAreas();
    int timeoutMs = 5000;       // per check
    quint16 httpsPort = 443;    // of the PSCs and the VIP
    int expiryWarningDays = 30; // a certificate expiring sooner is drift
    // The project folder: its certs/cachain.crt (what `vlab cert sign-vmca` / `chain` write)
    // is the plan's CA, which the served certificates must chain to. Empty or missing: the
    // chain is not checked (said so in the results).
    QString projectFolder;
    int maxInFlight = 32; // checks running at once

    // netscaler: the NSIP as ADDR[:PORT] (empty: the plan's), the NITRO user and password.
    // The password only goes to the NetScaler over verified or pinned TLS; never into a result.
    QString nsipAddress;
    QString nsUser = QStringLiteral("nsroot");
    QString nsPassword;
    // A fingerprint given for this run (`vlab run --ns-fingerprint`), used where the project
    // has none confirmed yet.
    QByteArray nsPin;

    // vcenter, vcha, vds: the vCenter as HOST[:PORT] (empty: the plan's FQDN), user and password.
    QString vcenterAddress;
    QString vcUser = QStringLiteral("administrator@vsphere.local");
    QString vcPassword;
    QByteArray vcPin; // as nsPin, for the vCenter

    // tcp, psc: SSH to each PSC's planned address (psc: and to the vCenter's, for its lookup
    // service location) as sshUser on sshPort. The host key must be
    // recorded in knownHostsFile (empty: known_hosts in the project folder); the audit records
    // none, so an unknown key sends nothing. The password or key only go to the PSCs.
    QString sshUser = QStringLiteral("root");
    int sshPort = 22;
    QString knownHostsFile;
    SshCredentials sshCredentials;
    // psc: the vmafd-cli command on the PSCs and the vCenter (tests put a stand-in here).
    QString vmafdCli = QString::fromLatin1(kVmafdCli);
};

class AuditSession : public QObject
{
    Q_OBJECT
public:
    AuditSession(const LabPlan &plan, const AuditOptions &options, QObject *parent = nullptr);

    // Adds every check as one independent parallel group (the queue owns the jobs). Once.
    void addTo(JobQueue &queue);
    // Every result, in the order of auditAreas() and the plan; a check that never finished
    // is "skipped" (not checked).
    QList<AuditResult> results() const;

private:
    struct Slot
    {
        enum class Kind { Check, Certificate, SameCertificate, PscSite, SameSite, Fixed };
        Kind kind = Kind::Fixed;
        QString area;
        QString target;             // for the "not checked" item
        QList<AuditResult> results; // once finished (Fixed: from the start)
        bool done = false;
        QString fingerprint; // Certificate: of the served leaf; empty: none served
        QString label;       // Certificate: the endpoint, for the comparison; PscSite: the FQDN
        QString site;        // PscSite: the site the PSC told; empty: it did not answer
    };
    void buildDns();
    void buildCerts();
    void buildNetscaler();
    void buildVCenter(const QString &area);
    void buildPsc();
    void buildVCenterLookupService();
    void buildTcp();
    void addFixed(const QString &area, const AuditResult &result);
    QList<AuditResult> sameCertificate() const;
    AuditResult sameSite() const;
    QString knownHostsFile() const;

    LabPlan m_plan;
    AuditOptions m_options;
    QList<Slot> m_slots;
    QList<Job *> m_jobs; // handed to the queue by addTo()
    // The vcenter, vcha and vds areas' one login to the vCenter (created with the first of them).
    VCenterConnection *m_vcenterConnection = nullptr;
};

// The logins the chosen areas need with this plan: the NetScaler (netscaler), the vCenter
// (vcenter; vcha when the plan has VCHA; vds when it has a switch), SSH to the PSCs (psc, tcp,
// when the plan has PSCs). What `vlab audit` and the wizard's audit page ask passwords for.
struct AuditLogins
{
    bool netscaler = false;
    bool vcenter = false;
    bool ssh = false;
};
AuditLogins auditLogins(const LabPlan &plan, const QStringList &areas);

// A check of the pre-checks as an audit item (pass -> ok, fail -> drift, no answer ->
// unreachable, cancelled or not run -> skipped).
AuditResult auditResultOf(const QString &area, const CheckResult &check);

} // namespace vlab
