#pragma once
// CertAuditJob: the `certs` area of the audit for one HTTPS endpoint (a PSC's planned address,
// or the load-balancer VIP): one TLS handshake, sending the planned name as SNI so that a DNS
// fault cannot hide a certificate fault, then the served leaf judged with the certificate
// verifier's own rules (certs/certverifier.h): CN = the load-balancer name and the DNS names
// cover every planned name; valid now and for the warning period; chaining to the project's
// CA files where they are known. Reading the served certificate is the point of the check,
// so it is read whatever its trust; nothing is sent over the connection (no credentials).

#include "audit/auditresult.h"
#include "certs/chainbuilder.h"
#include "jobs/threadedjob.h"
#include "plan/labplan.h"

#include <optional>

namespace vlab {

struct CertAuditRequest
{
    QString label;                     // "vcenter-psc01.sslab.com", "load balancer vcenter-psc-lb.sslab.com"
    QString host;                      // the planned address to connect to
    quint16 port = 443;                // HTTPS
    QString serverName;                // SNI: the planned name of this endpoint
    LabPlan plan;                      // the names the certificate must carry
    std::optional<CertSource> caChain; // the project's CA files (cachain.crt), when known
    int timeoutMs = 5000;
    int expiryWarningDays = 30;
};

class CertAuditJob : public ThreadedJob
{
    Q_OBJECT
public:
    explicit CertAuditJob(CertAuditRequest request, QObject *parent = nullptr);

    const CertAuditRequest &request() const { return m_request; }
    // Valid once the job has finished: the results of this endpoint, and the SHA-256 of the
    // served leaf (empty when nothing was served).
    QList<AuditResult> results() const { return m_results; }
    QString fingerprint() const { return m_fingerprint; }
    QString endpoint() const; // "host:port"

Q_SIGNALS:
    void audited(const QList<vlab::AuditResult> &results);

protected:
    Work makeWork() override;

private:
    CertAuditRequest m_request;
    QList<AuditResult> m_results;
    QString m_fingerprint;
};

} // namespace vlab
