#pragma once
// The plan-only artifacts of every step built so far, made in memory from the plan: the
// OpenSSL request config, the NetScaler batch and its rollback, the three vcsa-deploy
// templates (passwords as placeholders), the VCHA deploy spec, and the Distributed Switch
// scripts. What `vlab
// generate` and the wizard write into the project folder; no secret is ever among them.

#include "jobs/writefilesjob.h"
#include "plan/labplan.h"

namespace vlab {

// Paths are inside `folder` (certs/, netscaler/, vcsa/, vds/). An artifact the plan cannot
// give yet (a field missing or wrong) is left out and named in *skipped with the reason.
QList<Artifact> planOnlyArtifacts(const LabPlan &plan, const QString &folder, QStringList *skipped);

} // namespace vlab
