#pragma once
// The `netscaler` area of the audit: the NetScaler step's own Verify job (read only: the
// NITRO diff of the plan's objects, every service and virtual server UP, the persistency
// group with the planned type, timeout and members, load balancing on), its outcome turned
// into audit items. TLS of the NSIP is verified or pinned to the fingerprint confirmed in the
// project (vlab-trust.json), as the `vlab netscaler` verbs do: without either, the password
// is never sent and the area is reported as not checked.

#include "audit/auditresult.h"

namespace vlab {

class NitroVerifyJob;
struct NitroTarget;

// The items of a finished Verify job against `target`: one per planned object (ok, or drift
// with what differs), one for the load-balancing feature when it is off, or one item for the
// whole NetScaler when the job could not read it (unreachable when nothing answered).
QList<AuditResult> nitroAuditResults(const NitroVerifyJob &job, const NitroTarget &target);

} // namespace vlab
