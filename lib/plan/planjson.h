#pragma once
// Loading and saving "vlab.plan/1" JSON. Every problem names its JSON path ("psc[1].ip")
// or, for malformed JSON, the line and column. Unknown keys and wrong types are errors.

#include "core/result.h"
#include "plan/labplan.h"

#include <QByteArray>
#include <QJsonObject>

namespace vlab {

// A plan is a few kilobytes; anything past this is not a plan and is refused before parsing.
inline constexpr qint64 kMaxPlanBytes = 4 * 1024 * 1024;
// The longest lists a plan may hold; longer ones are refused when the plan is read (an error
// naming the list), so no table, check or generator ever spends time on them. Each is far
// above what a lab uses: VMware's configuration maximums allow 4 PSCs per site behind one
// load balancer, and a vCenter at most 10,000 distributed port groups (the wizard's tables
// stay quick at the limit below).
inline constexpr qsizetype kMaxPlanPscs = 64;
inline constexpr qsizetype kMaxPlanPortGroups = 1000;
inline constexpr qsizetype kMaxPlanServers = 16; // DNS, NTP
inline constexpr qsizetype kMaxPlanPorts = 64;
inline constexpr qsizetype kMaxPlanSan = 256;

namespace PlanErrors {
inline constexpr auto Io = "plan.io"; // cannot read or write the file
inline constexpr auto TooLarge = "plan.too-large";
inline constexpr auto NotText = "plan.not-text";
inline constexpr auto Syntax = "plan.syntax"; // malformed JSON
inline constexpr auto Schema = "plan.schema"; // wrong types, unknown keys, wrong schema id
} // namespace PlanErrors

// Parses plan JSON. On failure Error::message names the first problem and Error::details
// lists every problem found, one "path: message" per line.
Result<LabPlan> parsePlan(const QByteArray &json);
Result<LabPlan> loadPlanFile(const QString &fileName);

// Canonical JSON (indented, every key written) that parsePlan reads back unchanged.
QByteArray serializePlan(const LabPlan &plan);
// The same as a JSON object (every key, every string of the plan under its JSON path).
QJsonObject planToJson(const LabPlan &plan);
// Atomic: the old file stays intact until the new one is complete (QSaveFile).
Result<void> savePlanFile(const LabPlan &plan, const QString &fileName);

// The walk-through's lab, compiled into the binaries.
QByteArray examplePlanJson();
LabPlan examplePlan();
inline constexpr auto kExamplePlanFileName = "sslab.vlab.json";

} // namespace vlab
