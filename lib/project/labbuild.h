#pragma once
// LabBuild: the jobs of a whole-lab run, for `vlab run` and the wizard's "Build the lab" page
// alike. Each step's jobs come from the same engine calls as that step's own page and verb
// (pre-checks, vcsa-deploy, certificate jobs, certificate replacement, the PSC endpoint step,
// NetScaler, vCenter, audit, runbook); LabBuild puts them in one queue in the order
// labRunStages() gives, weighs them by their step's typical minutes, and keeps a confirmed
// fingerprint once a job logged in with it. The front ends gather the settings and the
// passwords, show the run, ask for approval and run the queue through one run session.

#include "core/result.h"
#include "plan/labplan.h"
#include "project/labrun.h"
#include "remote/pscendpointplan.h"
#include "vsphere/vcsatemplatewriter.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <memory>

namespace vlab {

class AuditSession;
class CheckJob;
class Job;
class JobQueue;
class NetscalerActions;

struct LabBuildSettings
{
    QString projectFolder;              // certs/, logs/, the journal, the runbook and the audit record
    QString iso;                        // psc1, psc2, vcenter: the folder where the VCSA ISO is mounted
    bool vcsaNoSslVerification = false; // the installer does not verify the target's certificate
    QString caCert;                     // certificate: the VMCA root (root.cer) and its key
    QString caKey;
    QString nsip; // empty: the plan's
    QString nsUser = QStringLiteral("nsroot");
    QByteArray nsPin; // SHA-256 of the NSIP's certificate, for this run; empty: the project's
    QString vcenter;  // empty: the plan's
    QString vcUser;   // empty: administrator@<SSO domain>
    QByteArray vcPin;
    QString sshUser = QStringLiteral("root");
    int sshPort = 22;
    QString identity;                                // a private key for the PSCs; empty: rootPassword
    QString knownHosts;                              // empty: known_hosts in the project folder
    QString certificateManager;                      // empty: VMware's path
    QString remoteFolder = QStringLiteral("/certs"); // apply-cert: the folder on the PSCs for the files
    PscEndpointTemplates endpointCommands = PscEndpointTemplates::defaults(); // endpoints
    QString vmafdCli;                                                         // empty: VMware's path
    QStringList auditAreas;                                                   // empty: every area
    std::chrono::minutes installTimeout{120};
    std::chrono::milliseconds vchaPollInterval{10000};

    // Memory only; never written anywhere.
    VcsaSecrets vcsa;     // psc1, psc2, vcenter (target, root and SSO passwords)
    QString rootPassword; // SSH to the PSCs when there is no identity; default vcsa.rootPassword
    QString ssoPassword;  // apply-cert, endpoints; default vcsa.ssoPassword
    QString nsPassword;
    QString vcPassword;

    QString certFolder() const;
};

// What the selected steps need from the person besides the plan, so a front end asks only for
// that (and checks it before anything runs).
struct LabBuildNeeds
{
    bool iso = false;           // psc1, psc2, vcenter
    bool caFiles = false;       // certificate
    bool vcsaPasswords = false; // psc1, psc2, vcenter: target, root, SSO
    bool sshLogin = false;      // apply-cert, endpoints, the audit's psc and tcp areas
    bool ssoPassword = false;   // apply-cert, endpoints
    bool netscaler = false;     // the NetScaler step or the audit's netscaler area
    bool vcenter = false;       // vcha, vds or the audit's vCenter areas
};
LabBuildNeeds labBuildNeeds(const LabPlan &plan, const QList<LabStep> &steps, const QStringList &auditAreas);

// The settings' problems for these steps, each naming what to give ("run.input"); the first.
Result<void> checkLabBuildSettings(const LabBuildSettings &settings, const QList<LabStep> &steps);

class LabBuild : public QObject
{
    Q_OBJECT
public:
    LabBuild(const LabPlan &plan, const LabBuildSettings &settings, QObject *parent = nullptr);
    ~LabBuild() override;

    // The run's title in the journal: a later run of the same title continues or resumes it.
    static QString title();

    // Adds the jobs of `steps` to `queue` (which owns them), stage by stage: a stage's steps
    // side by side, a step's own jobs one after another. Once. On error nothing is added and
    // the error names the step.
    Result<void> addTo(JobQueue &queue, const QList<LabStep> &steps);

    // The audit of this run, once addTo() added the audit step; else nullptr.
    AuditSession *audit() const { return m_audit.get(); }

Q_SIGNALS:
    // A fingerprint given for this run worked but could not be kept in the project.
    void notice(const QString &message);

private:
    Result<QList<Job *>> jobsOf(LabStep step);
    Result<QList<Job *>> installJobs(VcsaRole role) const;
    void keepVCenterPinOnLogin(Job *job);

    LabPlan m_plan;
    LabBuildSettings m_settings;
    QList<LabStep> m_steps; // those addTo() adds
    QList<CheckJob *> m_prechecks;
    std::unique_ptr<AuditSession> m_audit;
    std::unique_ptr<NetscalerActions> m_netscaler;
};

// The run as people read it: the stages, what runs at the same time, the critical path.
QString describeLabRun(const QList<LabStep> &steps);

// Every change the not yet finished lab-changing jobs will make, job by job (two-space indent,
// the changes under each with "- "), for the one approval.
QStringList plannedChangeLines(const QList<Job *> &jobs);

// After a run of `title` that ended without succeeding (failed, cancelled, stopped by a
// signal), marks the lab-changing jobs it finished as skipped, so they are not made again. The
// message for people, or empty when nothing was skipped. (A run cut off without an end is
// resumed by the run session itself.)
QString skipWhatTheLastRunDid(const QList<Job *> &jobs, const QString &journalPath, const QString &title);

} // namespace vlab
