#pragma once
// DvsCreateJob: creates the plan's Distributed Switch in a vCenter through the vSphere SOAP
// API (6.7 has no REST call for it): RetrieveServiceContent, Login, the datacenter and its
// network folder from the property collector, what already exists there (a switch or port
// group of the same name is reported, never duplicated), CreateDVS_Task with maxMtu and the
// uplink names, AddDVPortgroup_Task per port group with its VLAN ID, each task waited for
// with progress, a read-back of what the vCenter now holds, Logout. Every request (the
// password masked) and reply is evidence in the job's report.

#include "jobs/sessionjob.h"
#include "plan/labplan.h"
#include "vsphere/soapclient.h"

#include <QHash>
#include <QPointer>

#include <functional>

namespace vlab {

// What the switch and port groups look like in vCenter, as read back.
struct DvsPortGroupState
{
    QString name;
    QString switchRef; // managed object id of its switch
    int vlan = -1;     // -1: no single VLAN ID (trunk, private VLAN, uplinks)
};

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

class DvsCreateJob : public SessionJob
{
    Q_OBJECT
public:
    // `datacenter`: the datacenter to hold the switch; empty means the only one there is.
    DvsCreateJob(const VCenterEndpoint &endpoint, const DistributedSwitch &vds, const QString &datacenter,
                 QObject *parent = nullptr);
    ~DvsCreateJob() override;
    // The endpoint this job uses (what a page keeps once the job succeeded).
    const VCenterEndpoint &endpoint() const { return m_endpoint; }

    void setPollInterval(std::chrono::milliseconds interval) { m_pollInterval = interval; }
    const DvsOutcome &outcome() const { return m_outcome; }

protected:
    void run() override;
    void onCancel() override;

private:
    void login();
    void findDatacenter();
    void readNetworkFolder(std::function<void()> next);
    void createSwitch();
    void addPortGroup(qsizetype index);
    void verify();
    void waitForTask(const MoRef &task, const QString &what, qreal from, qreal to,
                     std::function<void(const XmlElement &info)> next);
    void pollTask(const MoRef &task, const QString &what, qreal from, qreal to,
                  std::function<void(const XmlElement &info)> next);
    // Ends the job with `error`, adding what this run created and how to finish or remove it.
    void fail(const Error &error);
    // endIfCancelled(), through fail(): a cancel says what it leaves in vCenter too.
    bool stopIfCancelled();

    VCenterEndpoint m_endpoint;
    DistributedSwitch m_vds;
    QString m_datacenterName;
    std::chrono::milliseconds m_pollInterval{1000};
    HttpClient *m_http = nullptr;
    SoapClient *m_soap = nullptr;
    MoRef m_rootFolder;
    MoRef m_collector;
    MoRef m_networkFolder;
    MoRef m_switch;
    QList<PortGroup> m_toCreate;
    DvsOutcome m_outcome;
};

} // namespace vlab
