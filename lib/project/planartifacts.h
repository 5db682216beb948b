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

// The runbook's files in the project folder.
inline constexpr char kRunbookPdfFile[] = "runbook.pdf";
inline constexpr char kRunbookMarkdownFile[] = "runbook.md";

// What writing the project files of `plan` into `folder` (the plan, its validation reports,
// the plan-only artifacts, the runbook) would replace: the files there that hold other bytes
// than would be written, in that order. Files not there yet, or the same, are not listed; the
// runbook counts as the same when its Markdown is, but for the line that says when it was made
// (the PDF is laid out from the same text, with the project's journal in `folder`).
QStringList projectFilesToReplace(const LabPlan &plan, const QString &folder,
                                  const QByteArray &precheckResultsJson);

// The other plans (*.vlab.json) in `folder`, besides the file `plan` is written to there.
QStringList otherPlansIn(const LabPlan &plan, const QString &folder);
// The plans in `folder` of another lab than `plan` (another lab name, or a file that does not
// read as a plan): a folder holding one is not this lab's project folder. A copy of this lab's
// plan under another name is not another lab.
QStringList otherLabsIn(const LabPlan &plan, const QString &folder);

} // namespace vlab
