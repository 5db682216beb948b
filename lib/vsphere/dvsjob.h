#pragma once
// DvsCreateJob: creates the plan's Distributed Switch in a vCenter through the vSphere SOAP
// API (6.7 has no REST call for it): RetrieveServiceContent, Login, the datacenter and its
// network folder from the property collector, what already exists there (a switch or port
// group of the same name is reported, never duplicated), CreateDVS_Task with maxMtu and the
// uplink names, AddDVPortgroup_Task per port group with its VLAN ID, each task waited for
// with progress, a read-back of what the vCenter now holds, Logout. The start (connect, login,
// datacenter, network folder) is DvsSessionJob's. Every request (the password masked) and
// reply is evidence in the job's report.

#include "vsphere/dvssessionjob.h"

#include <QHash>
#include <QPointer>

#include <functional>

namespace vlab {

struct DvsOutcome
{
    bool switchExisted = false;
    QString switchRef;
    QString switchType; // DistributedVirtualSwitch or VmwareDistributedVirtualSwitch
    QStringList created;
    QStringList existing;
    QStringList mismatched;  // same name, other VLAN: reported, left alone
    int maxMtuReadBack = -1; // -1 when the vCenter did not report it
    QList<DvsPortGroupState> readBack;
};

// The uplink names the switch gets: "Uplink 1" ... "Uplink N", as the vSphere Client names them.
QStringList dvsUplinkNames(int count);

class DvsCreateJob : public DvsSessionJob
{
    Q_OBJECT
public:
    // `datacenter`: the datacenter to hold the switch; empty means the only one there is.
    DvsCreateJob(const VCenterEndpoint &endpoint, const DistributedSwitch &vds, const QString &datacenter,
                 QObject *parent = nullptr);
    ~DvsCreateJob() override;

    void setPollInterval(std::chrono::milliseconds interval) { m_pollInterval = interval; }
    const DvsOutcome &outcome() const { return m_outcome; }

protected:
    void networkRead() override;
    // Ends the job with `error`, adding what this run created and how to finish or remove it.
    void fail(const Error &error) override;

private:
    // Copies network() into the outcome's read-back.
    void takeReadBack();
    void createSwitch();
    void addPortGroup(qsizetype index);
    void verify();
    void waitForTask(const MoRef &task, const QString &what, qreal from, qreal to,
                     std::function<void(const XmlElement &info)> next);
    void pollTask(const MoRef &task, const QString &what, qreal from, qreal to,
                  std::function<void(const XmlElement &info)> next);

    std::chrono::milliseconds m_pollInterval{1000};
    MoRef m_switch;
    QList<PortGroup> m_toCreate;
    DvsOutcome m_outcome;
};

} // namespace vlab
