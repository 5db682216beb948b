#pragma once
// VchaSpecWriter: the vCenter High Availability deploy spec of vSphere 6.7 U1 and later
// (body of POST /rest/vcenter/vcha/cluster?vmw-task=true&action=deploy) built from the plan:
// the active node's HA address, the passive and witness nodes' placement and HA addresses,
// and the failover (management) address. What the plan cannot know offline (the vCenter's
// SSL thumbprint, inventory identifiers of host, folder, resource pool and datastore, the SSO
// password) is written as a <VLAB_...> placeholder that the live step fills in.

#include "core/result.h"
#include "plan/labplan.h"

#include <QByteArray>

namespace vlab {

// Fails, naming the field, when VCHA is off or its addresses are not usable.
Result<QByteArray> renderVchaDeploySpec(const LabPlan &plan);

} // namespace vlab
