#pragma once
// DvsSessionJob: what every Distributed Switch job does first over the vSphere SOAP API (6.7
// has no REST call for switches): RetrieveServiceContent, Login, the datacenter and its
// network folder from the property collector, then what that folder holds (a switch of the
// plan's name with its configuration, every port group with its switch and VLAN ID); Logout
// when the job ends, whatever the outcome (SessionJob). DvsCreateJob goes on to create what
// is missing; DvsInspectJob (the as-built audit) only keeps what it read. Every request (the
// password masked) and reply is evidence in the job's report.

#include "jobs/sessionjob.h"
#include "plan/labplan.h"
#include "vsphere/soapclient.h"

#include <QPointer>

#include <functional>
#include <optional>

namespace vlab {

class VCenterConnection;

// What the switch and port groups look like in vCenter, as read back.
struct DvsPortGroupState
{
    QString name;
    QString switchRef; // managed object id of its switch
    int vlan = -1;     // -1: no single VLAN ID (trunk, private VLAN, uplinks)
};

// The network folder of the datacenter as read: the plan's switch (when there is one of its
// name) and every distributed port group.
struct DvsNetworkState
{
    QString datacenter; // its name
    MoRef switchRef;    // null: no switch of the plan's name
    int maxMtu = -1;    // -1: not reported (govmomi's simulator does not keep maxMtu)
    QString version;    // config.productInfo.version; empty: not reported
    // config.uplinkPortPolicy.uplinkPortName; nullopt: no name-array policy reported.
    std::optional<QStringList> uplinkNames;
    QList<DvsPortGroupState> portGroups;
};

class DvsSessionJob : public SessionJob
{
    Q_OBJECT
public:
    // `datacenter`: the datacenter that holds (or is to hold) the switch; empty means the
    // only one there is.
    DvsSessionJob(const QString &title, const QString &description, const VCenterEndpoint &endpoint,
                  const DistributedSwitch &vds, const QString &datacenter, QObject *parent = nullptr);
    ~DvsSessionJob() override;
    // The endpoint this job uses (what a page keeps once the job succeeded).
    const VCenterEndpoint &endpoint() const { return m_endpoint; }
    // What the last read of the network folder found.
    const DvsNetworkState &network() const { return m_network; }
    const DistributedSwitch &plannedSwitch() const { return m_vds; }
    // Uses the SOAP session of `connection` (shared with other jobs, which logs out once the last
    // of them ends) instead of one of its own. Before start().
    void setConnection(VCenterConnection *connection);

protected:
    void run() override;
    void onCancel() override;
    // Called once the network folder has been read for the first time.
    virtual void networkRead() = 0;
    // Ends the job with `error`; a job that changed something says what (DvsCreateJob).
    virtual void fail(const Error &error);
    // endIfCancelled(), through fail(): a cancel says what it leaves in vCenter too.
    bool stopIfCancelled();
    // Reads the network folder again into network(), then calls `next`.
    void readNetworkFolder(qreal progress, std::function<void()> next);

    SoapClient *soap() const { return m_soap; }
    const MoRef &collector() const { return m_collector; }
    const MoRef &networkFolder() const { return m_networkFolder; }

private:
    void login();
    void findDatacenter();

    VCenterEndpoint m_endpoint;
    DistributedSwitch m_vds;
    QString m_datacenterName;
    QPointer<VCenterConnection> m_connection;
    QPointer<HttpClient> m_http; // its own, or the connection's
    SoapClient *m_soap = nullptr;
    MoRef m_rootFolder;
    MoRef m_collector;
    MoRef m_networkFolder;
    DvsNetworkState m_network;
};

} // namespace vlab
