#pragma once
// The `vcenter`, `vcha` and `vds` areas of the audit: the vCenter steps' own read-only jobs (a
// REST login that reads what the vCenter says of itself, the VCHA cluster's state over REST,
// the Distributed Switch read over SOAP), their outcome turned into audit items. TLS is verified or pinned to
// the fingerprint confirmed in the project (vlab-trust.json), as the `vlab vcenter|vcha` verbs do: without
// either, the password is never sent and the area is reported as not checked.

#include "audit/auditresult.h"

namespace vlab {

class DvsInspectJob;
class VCenterLoginJob;
class VchaJob;
class Job;
struct VCenterEndpoint;

// One item: the login works (ok, with the product and version found), is refused (drift),
// or nothing answered or vCenter's services are not ready yet (HTTP 503): unreachable, as in the
// vcha and vds areas.
QList<AuditResult> vcenterAuditResults(const VCenterLoginJob &job);
// One item: the cluster CONFIGURED, ENABLED and HEALTHY (ok; its health warnings shown), or
// what it is instead (drift); a vCenter without the VCHA REST API (6.7 GA) is skipped.
QList<AuditResult> vchaAuditResults(const VchaJob &job);

// One item per compared thing: the switch's version, MTU and uplink names ("NAME (version)",
// "NAME (MTU)", "NAME (uplinks)"), then each planned port group's VLAN ID ("PG (VLAN)"). A
// value vCenter does not report is skipped; a missing switch or port group is drift; a
// vCenter that does not answer is one unreachable item.
QList<AuditResult> dvsAuditResults(const DvsInspectJob &job);

} // namespace vlab
