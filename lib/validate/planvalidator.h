#pragma once
// Offline validation of a lab plan: every rule that can be decided without touching the lab.
// Findings come back in plan order; the wizard shows each next to its field and the CLI
// prints them one per line.

#include "core/finding.h"
#include "plan/labplan.h"

namespace vlab {

Findings validatePlan(const LabPlan &plan);

} // namespace vlab
