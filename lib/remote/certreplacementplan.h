#pragma once
// CertReplacementPlan: turns the plan's PSCs into certificate replacement requests and jobs,
// the same way for the wizard's "Apply certificates" page and `vlab psc apply-cert`. Nodes
// are named psc01, psc02 ... in plan order (psc01 is the first instance, replaced first); the
// SSH and TLS connections go to a node's IP when the plan has one, else to its FQDN, and the
// FQDN is the TLS server name. It also describes, without touching the network, what a run
// will do: the files with their SHA-256 and modes, the commands, and certificate-manager's
// prompts with the answers that will be given (the password masked).

#include "remote/certmanagerjob.h"

#include <QList>
#include <QMap>

namespace vlab {

class Job;

struct CertReplacementSettings
{
    QString user = QStringLiteral("root");
    int sshPort = 22;
    SshCredentials credentials;
    QString knownHostsFile;
    // Fingerprints the person confirmed, by node id ("psc01"); the key "" applies to any node.
    QMap<QString, QString> acceptFingerprints;
    QString certFolder; // psc-ha-vip-chain.crt, psc-ha-vip.key, cachain.crt
    QString remoteFolder = QStringLiteral("/certs");
    QString certificateManager = QStringLiteral("/usr/lib/vmware-vmca/bin/certificate-manager");
    QString ssoUser;
    QString ssoPassword;
    quint16 tlsPort = 443;
    std::chrono::milliseconds connectTimeout{15000};
    std::chrono::milliseconds servedTimeout{std::chrono::minutes(10)};
    // The approved step before the replacement: make bash root's login shell (see
    // remote/applianceshell.h). `loginShellCommand` empty: the login shell (tests: a stand-in).
    bool switchLoginShell = false;
    QString loginShellCommand;
};

// "psc01" for index 0.
QString pscNodeId(qsizetype index);
// "psc01", "psc02" ..., a node's name or FQDN, or "all" -> plan indexes in plan order.
// Code: "psc.node".
Result<QList<qsizetype>> selectPscNodes(const LabPlan &plan, const QString &selector);

CertReplacementRequest makeCertReplacementRequest(const LabPlan &plan, qsizetype index,
                                                  const CertReplacementSettings &settings);

// One job per node (the login-shell step first when asked for), keys "psc.shell.psc01" and
// "psc.cert.psc01", each marked as changing the lab. The caller adds them to a JobQueue in
// this order, one after another.
QList<Job *> makeCertReplacementJobs(const LabPlan &plan, const QList<qsizetype> &indexes,
                                     const CertReplacementSettings &settings);

struct PlannedUpload
{
    QString name; // psc-ha-vip-chain.crt
    QString localPath;
    QString remotePath;
    QString sha256; // hex; empty for the private key (never shown) or a missing file
    int mode = 0644;
    bool secret = false;
    bool exists = false;
};

struct PlannedAnswer
{
    QString prompt; // as certificate-manager prints it
    QString answer; // "********" for the password, "(Enter)" for an empty answer
};

struct CertReplacementPreview
{
    QString nodeId;
    QString target; // user@host:port
    QString tls;    // host:port checked afterwards
    QList<PlannedUpload> uploads;
    QStringList commands;
    QList<PlannedAnswer> answers;
};

CertReplacementPreview previewCertReplacement(const CertReplacementRequest &request);

// After a run of makeCertReplacementJobs' jobs (any other jobs are ignored): one line per PSC
// of the run saying where it stands now (serves the new certificate, already did, previous
// certificate, unknown) and, when any PSC does not serve the new certificate, how to go on:
// with Run on the Apply certificates page and with `vlab psc apply-cert PLAN --node ...`.
// Empty when every PSC of the run serves the new certificate (or the list holds no such job).
// `planFile` is put into the command; "PLAN" when empty.
QString certReplacementAftermath(const QList<const Job *> &jobs, const QString &planFile = {});

} // namespace vlab
