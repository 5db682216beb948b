#pragma once
// Field names for people: what the wizard shows for a finding's path. Rows are counted from
// 1 and named by what the user typed there ("PSC 2 (vcenter-psc02): IP address" for
// "psc[1].ip"). The JSON path stays what the CLI and JSON output print.

#include "plan/labplan.h"

namespace vlab {

// The field's name for people; the path itself for a path no rule uses.
QString fieldDisplayName(const LabPlan &plan, const QString &path);

} // namespace vlab
