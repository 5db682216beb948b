#pragma once
// The `vcenter` and `vcha` areas of the audit: the vCenter step's own read-only jobs (a REST
// login that reads what the vCenter says of itself, and the VCHA cluster's state over REST),
// their outcome turned into audit items. TLS is verified or pinned to the fingerprint
// confirmed in the project (vlab-trust.json), as the `vlab vcenter|vcha` verbs do: without
// either, the password is never sent and the area is reported as not checked.

#include "audit/auditresult.h"

namespace vlab {

class VCenterLoginJob;
class VchaJob;
class Job;
struct VCenterEndpoint;

// One item: the login works (ok, with the product and version found), is refused (drift),
// or nothing answered (unreachable).
QList<AuditResult> vcenterAuditResults(const VCenterLoginJob &job);
// One item: the cluster CONFIGURED, ENABLED and HEALTHY (ok; its health warnings shown), or
// what it is instead (drift); a vCenter without the VCHA REST API (6.7 GA) is skipped.
QList<AuditResult> vchaAuditResults(const VchaJob &job);

} // namespace vlab
