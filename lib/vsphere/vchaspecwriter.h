#pragma once
// VchaSpecWriter: the vCenter High Availability deploy spec of vSphere 6.7 U1 and later
// (body of POST /rest/vcenter/vcha/cluster?vmw-task=true&action=deploy) built from the plan:
// the active node's HA address, the passive and witness nodes' placement and HA addresses,
// and the failover (management) address. What the plan cannot know offline (the vCenter's
// SSL thumbprint, inventory identifiers of host, folder, resource pool, datastore and of the
// port groups with their type, the SSO password) is written as a <VLAB_...> placeholder that
// the live step fills in. The field names and which of them are optional follow the vSphere
// Automation SDK's com.vmware.vcenter.vcha types (docs/sources.md, "VCHA"): the networks are
// identifiers of Network objects (network-12, dvportgroup-34), not port-group names, and
// optional IP fields are left out rather than sent empty.

#include "core/result.h"
#include "plan/labplan.h"

#include <QByteArray>

namespace vlab {

// Fails, naming the field, when VCHA is off or its addresses are not usable.
Result<QByteArray> renderVchaDeploySpec(const LabPlan &plan);

// The names the spec gives the passive and witness VMs (what an undo deletes).
QString vchaPassiveVmName(const LabPlan &plan);
QString vchaWitnessVmName(const LabPlan &plan);

// The placeholders of a port group's identifier and type: "<VLAB_NETWORK_ID:VM Network>".
QString vchaNetworkIdPlaceholder(const QString &portGroup);
QString vchaNetworkTypePlaceholder(const QString &portGroup);

} // namespace vlab
