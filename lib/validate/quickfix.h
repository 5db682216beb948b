#pragma once
// Quick fixes: a finding with one obvious fix offers it as data, the new value of the
// finding's path: the load-balancer name for a wrong CN, the SAN list with the missing names
// added, the network address of a CIDR with host bits set. applyFixes() applies them, as
// `vlab validate --fix` and the wizard's "Apply the fix" links do.

#include "core/finding.h"
#include "core/result.h"
#include "plan/labplan.h"

#include <QJsonValue>

namespace vlab {

struct AppliedFix
{
    QString path;
    QJsonValue before;
    QJsonValue after;
};

// The fix a finding of validatePlan(plan) offers, or an undefined value when it has none
// (a wrong address has no single obvious fix).
QJsonValue fixFor(const LabPlan &plan, const Finding &finding);

// Sets one value of the plan by its JSON path ("certificate.san", "psc[1].ip"); the value must
// have the type the schema gives that key. `before` receives the value it replaced.
Result<LabPlan> setPlanValue(const LabPlan &plan, const QString &path, const QJsonValue &value,
                             QJsonValue *before = nullptr);

// Applies every fix the validator offers, then again on the result, until none is left.
Result<LabPlan> applyFixes(const LabPlan &plan, QList<AppliedFix> *applied = nullptr);

} // namespace vlab
