#pragma once
// LabRun: the order of a whole-lab run (`vlab run`, the wizard's "Build the lab"). The live
// steps depend on each other as the lab does: the second PSC joins the first one's SSO domain,
// the certificate is applied once both PSCs stand, the vCenter points at the load-balanced PSC
// name, VCHA and the Distributed Switch need the vCenter. What does not depend on each other
// runs at the same time: the certificate request and the NetScaler configuration while PSC 2
// installs, the switch while VCHA clones. Pure functions over the step table; the front ends
// build each step's jobs (the steps' actions layers) and run them as one queue and journal.

#include "core/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace vlab {

enum class LabStep {
    Precheck,
    Psc1,
    Psc2,
    Certificate,
    ApplyCertificate,
    Endpoints,
    Netscaler,
    VCenter,
    Vcha,
    Vds,
    Audit,
    Runbook,
};

struct LabStepInfo
{
    LabStep step;
    QString name;         // as typed in --steps and --from: "psc1", "apply-cert"
    QList<LabStep> after; // the steps whose outcome it needs
    bool changesLab;
    // A typical duration, for the critical path and the first estimate of the time left
    // (VMware: an appliance install takes 20 to 40 minutes; a VCHA clone about as long).
    int typicalMinutes;
};

// Every step, in the order a person would do them one after another.
const QList<LabStepInfo> &labSteps();
const LabStepInfo &labStepInfo(LabStep step);
QString labStepName(LabStep step);
// The step names, comma-separated, for help and error messages.
QString labStepNames();

// The steps to run: `list` is "all" (or empty) or comma-separated names, `from` (optional)
// drops the steps before it in the plan order. Errors name the unknown step and list the known
// ones ("run.steps.unknown"), or say that --from leaves nothing ("run.steps.empty").
Result<QList<LabStep>> selectLabSteps(const QString &list, const QString &from = {});

// The selected steps in stages: each stage holds the steps whose dependencies (among the
// selected ones) all ran in an earlier stage, so a stage's steps may run at the same time. A
// dependency that is not selected is taken as done already.
QList<QList<LabStep>> labRunStages(const QList<LabStep> &selected);

// The chain of selected steps that sets the run's length (by typical duration), first to
// last, and its total minutes.
QList<LabStep> labCriticalPath(const QList<LabStep> &selected, int *minutes = nullptr);

} // namespace vlab
