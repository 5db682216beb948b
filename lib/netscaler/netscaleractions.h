#pragma once
// NetscalerActions: the NetScaler step's live work for the wizard's page and the
// `vlab netscaler` verbs alike (Calamares' Config::createJobs()). It reads the NSIP as typed
// with the fingerprint confirmed before in the project, builds the job of an action, and keeps
// the project's records around it: what Apply created (saved after every change, so a crash
// never forgets an object), what a rollback left, and a certificate fingerprint the user
// confirmed. The front ends gather input, show results and hand the job to a run session.

#include "core/result.h"
#include "netscaler/lbconfig.h"
#include "netscaler/nitrojob.h"
#include "netscaler/nitrorecord.h"
#include "plan/labplan.h"

#include <QObject>

namespace vlab {

enum class NitroAction { Diff, Apply, Verify, Rollback };

class NetscalerActions : public QObject
{
    Q_OBJECT
public:
    explicit NetscalerActions(const QString &projectFolder, QObject *parent = nullptr);

    QString projectFolder() const { return m_projectFolder; }
    // The wizard's project folder may change between runs (a job keeps the one it began with).
    void setProjectFolder(const QString &folder) { m_projectFolder = folder; }

    // The NSIP as typed ("ADDR[:PORT]", IPv6 in brackets with a port), the user, and the
    // fingerprint confirmed for it before in the project (vlab-trust.json), if any.
    Result<NitroTarget> target(const QString &address, const QString &user) const;

    // Where the record of what Apply created on `target` is kept.
    QString recordPath(const NitroTarget &target) const;
    // What Apply recorded as created on `target` (empty when nothing is).
    Result<NitroRecord> recorded(const NitroTarget &target) const;
    // What is known of each object on `target` without asking it (for a page opened again,
    // after a restart too): the objects the record holds ("created"), then, in the order they
    // began, what every NITRO job journaled for this NetScaler found or did per object (Apply's
    // created, Verify's UP or DOWN, Roll back's removed ...). The latest word on an object counts.
    QList<NitroObjectResult> lastKnownResults(const NitroTarget &target) const;

    // The job of `action` with its bookkeeping connected (Apply: the record follows every
    // change, and it reads before it writes when objects of ours may exist: recorded, or the
    // journal shows an apply that was cut off; Rollback: the record keeps what could not be
    // removed). Errors: the plan gives no
    // load-balancer configuration; the record cannot be read; Rollback with nothing recorded
    // ("nitro.record.empty"). The caller owns the job (normally through a JobQueue).
    Result<NitroJob *> createJob(NitroAction action, const LabPlan &plan, const NitroTarget &target,
                                 const QString &password);

    // Keeps `sha256` as the confirmed certificate of `target` in the project.
    Result<void> keepFingerprint(const NitroTarget &target, const QByteArray &sha256) const;
    // A fingerprint given for this run (pinned in `target`) worked: the job reached the
    // NetScaler with it and the failure, if any, was not the connection's. Keep it then.
    Result<void> keepFingerprintIfItWorked(const NitroJob &job, const NitroTarget &target) const;

Q_SIGNALS:
    // A record could not be saved while a job ran (the job goes on).
    void recordProblem(const QString &message);

private:
    QString m_projectFolder;
};

} // namespace vlab
