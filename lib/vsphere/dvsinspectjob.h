#pragma once
// DvsInspectJob: reads, and changes nothing, what a vCenter holds of the plan's Distributed
// Switch: the switch of the plan's name in the datacenter (its version, MTU and uplink names)
// and every distributed port group with its switch and VLAN ID, through DvsSessionJob's own
// SOAP start (the Distributed Switch step's). The comparison with the plan is the audit's
// (audit/dvsaudit.h); the job succeeds whenever it could read, also when the switch is missing.

#include "vsphere/dvssessionjob.h"

namespace vlab {

class DvsInspectJob : public DvsSessionJob
{
    Q_OBJECT
public:
    // `datacenter`: the one that should hold the switch; empty means the only one there is.
    DvsInspectJob(const VCenterEndpoint &endpoint, const DistributedSwitch &vds, const QString &datacenter,
                  QObject *parent = nullptr);

protected:
    void networkRead() override;
};

} // namespace vlab
