#include "vsphere/dvsinspectjob.h"

#include "core/tr.h"

using namespace Qt::StringLiterals;

namespace vlab {

DvsInspectJob::DvsInspectJob(const VCenterEndpoint &endpoint, const DistributedSwitch &vds,
                             const QString &datacenter, QObject *parent)
    : DvsSessionJob(Tr::tr("Read the Distributed Switch %1").arg(vds.name),
                    Tr::tr("Reads the switch and its port groups in %1 over the vSphere API; changes "
                           "nothing.")
                        .arg(endpoint.url.host()),
                    endpoint, vds, datacenter, parent)
{
    setKey(u"vds.inspect"_s);
}

void DvsInspectJob::networkRead()
{
    const DvsNetworkState &state = network();
    QStringList groups;
    for (const DvsPortGroupState &g : state.portGroups) {
        if (!state.switchRef.isNull() && g.switchRef == state.switchRef.value)
            groups << u"%1 (VLAN %2)"_s.arg(g.name, QString::number(g.vlan));
    }
    mutableReport().add(Evidence::Kind::Note, Tr::tr("Read from vCenter"),
                        state.switchRef.isNull()
                            ? u"datacenter %1: no switch %2"_s.arg(state.datacenter, plannedSwitch().name)
                            : u"switch %1 (%2), version %3, maxMtu %4, uplinks %5; port groups: %6"_s.arg(
                                plannedSwitch().name, state.switchRef.value,
                                state.version.isEmpty() ? u"not reported"_s : state.version,
                                state.maxMtu < 0 ? u"not reported"_s : QString::number(state.maxMtu),
                                state.uplinkNames ? state.uplinkNames->join(u", "_s) : u"not reported"_s,
                                groups.join(u", "_s)));
    end({});
}

} // namespace vlab
