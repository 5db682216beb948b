#pragma once
// CertManagerJob: replaces the machine SSL certificate of one PSC the way the walk-through
// does it by hand, over SSH: checks the local certificate files first (the verification report
// must be clean), then takes one short look at the certificate the PSC serves on 443: when it
// is already the new leaf, the job ends skipped ("already served") with both fingerprints as
// evidence, before anything is uploaded or run (no answer there is no verdict: the replacement
// goes on, and the log says so). Otherwise it creates the target folder on the PSC, uploads
// psc-ha-vip-chain.crt, cachain.crt (0644) and psc-ha-vip.key (0600), each checked by size and SHA-256 there,
// and drives certificate-manager in a terminal: option 1, the SSO administrator's user and password, option
// 2, the three file paths, the confirmation; then it follows the progress until "All tasks completed
// successfully" or the rollback's outcome. Evidence: the commands, every prompt with the answer given (the
// password masked), the uploaded files with their SHA-256 (the key only by name and mode), the masked
// transcript. Then it reads the certificate the PSC serves on 443 over TLS (retrying while the services come
// back) and compares its SHA-256 with the new leaf's; a different certificate fails the job, and the evidence
// holds both fingerprints. A failure or a cancel says in its message where this PSC stands now (unchanged,
// files left in the folder, rolled back, unknown); standing() says it in one line for the summary of a run
// over several PSCs (certReplacementAftermath() in remote/certreplacementplan.h). One job per PSC; the queue
// runs them in turn (psc01, then psc02).

#include "jobs/threadedjob.h"
#include "plan/labplan.h"
#include "remote/sshsession.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>

namespace vlab {

struct CertReplacementRequest
{
    QString nodeName;             // "psc01", for titles and evidence
    SshConnectOptions connection; // endpoint, known_hosts, confirmed fingerprint
    SshCredentials credentials;   // root's password or key
    QString localFolder;          // holds psc-ha-vip-chain.crt, psc-ha-vip.key, cachain.crt
    QString remoteFolder = QStringLiteral("/certs"); // the walk-through's folder on the PSC
    // The command that runs certificate-manager (tests point it at a stand-in).
    QString certificateManager = QStringLiteral("/usr/lib/vmware-vmca/bin/certificate-manager");
    QString ssoUser;             // empty: Enter, which takes certificate-manager's default
    QString ssoPassword;         // the SSO administrator's password (never in evidence)
    std::optional<LabPlan> plan; // the names the certificate must cover, for the check
    std::chrono::milliseconds promptTimeout{std::chrono::minutes(2)};
    // Replacing restarts every service on the PSC; 6.7 takes many minutes.
    std::chrono::milliseconds runTimeout{std::chrono::minutes(60)};
    // After a successful replacement: the certificate served on tlsHost:tlsPort must be the
    // new leaf (the first certificate of psc-ha-vip-chain.crt).
    bool checkServedCertificate = true;
    QString tlsHost;       // empty: the SSH host
    quint16 tlsPort = 443; // tests point it at a local listener
    QString tlsServerName; // SNI, the PSC's FQDN; empty: none
    std::chrono::milliseconds servedTimeout{std::chrono::minutes(10)};
    // Before anything is uploaded: one TLS handshake on tlsHost:tlsPort within this time; when
    // it shows the new leaf already, nothing is done. 0: no look before.
    std::chrono::milliseconds alreadyServedTimeout{std::chrono::seconds(10)};
};

// The SHA-256 of the leaf (first certificate) of a PEM chain file, colon form as
// net/tlstrust.h writes it. Codes: "upload.local", "cert.parse".
Result<QString> chainLeafSha256(const QString &chainFile);

// The look before a replacement: one TLS handshake on the PSC's tlsHost:tlsPort within
// alreadyServedTimeout, compared with the leaf of the chain file. It records the evidence (the
// planned leaf, what is served) and logs a missing answer. Errors: reading the chain file, and
// "tls.cancelled".
struct ServedLook
{
    enum class Verdict { NewLeaf, Other, NoAnswer, NotLooked };
    Verdict verdict = Verdict::NotLooked;
    QString where;    // host:port
    QString served;   // SHA-256 of the certificate served (NewLeaf, Other)
    QString expected; // SHA-256 of the new leaf
};
Result<ServedLook> lookAtServedCertificate(const CertReplacementRequest &request, const WorkContext &ctx);
// The skip of a job whose PSC serves the new leaf already ("Already served: ..."), naming what
// was not done.
Error alreadyServedResult(const CertReplacementRequest &request, const ServedLook &look,
                          const QString &notDone);

class CertManagerJob : public ThreadedJob
{
    Q_OBJECT
public:
    explicit CertManagerJob(CertReplacementRequest request, QObject *parent = nullptr);

    QString nodeName() const { return m_request.nodeName; }
    // Where the PSC stands after this job, in one translated line naming it ("psc02: its
    // previous certificate is in place again ..."); empty while pending or running.
    QString standing() const;
    // True when the PSC ended serving the new certificate: replaced and checked, or already so.
    bool servesNewCertificate() const;

    // How far the work got on the PSC; a failure or cancel is judged by it.
    enum class Reached {
        Nothing,    // nothing on the PSC changed (the checks, the connection)
        Folder,     // the folder exists and files may be in it; the certificate is unchanged
        Confirmed,  // certificate-manager was told Y: it replaces and restarts services
        RolledBack, // ... failed and put the previous certificate back
        RollbackFailed,
        Replaced, // ... reported success
    };
    Reached reached() const { return Reached(m_reached->load()); }

    // After a replacement was cut off: which certificate the PSC serves now (the new leaf: it
    // holds; another: not done; no answer: unknown). Running again is harmless either way: the
    // job looks first.
    OutcomeProbe outcomeProbe() const override;

protected:
    Work makeWork() override;

private:
    CertReplacementRequest m_request;
    // Written by the work (its own copy of the pointer), read here once the job has finished.
    std::shared_ptr<std::atomic_int> m_reached = std::make_shared<std::atomic_int>(0);
};

} // namespace vlab
