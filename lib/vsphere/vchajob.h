#pragma once
// VchaJob: vCenter High Availability over the REST API of vSphere 6.7 U1 and later.
//  - Status: POST /rest/vcenter/vcha/cluster?action=get -> config_state, mode, health_state,
//    health warnings, nodes.
//  - Deploy: the same read first (a cluster already configured is not deployed again); the
//    placement of the passive and witness nodes (folder, host, resource pool, datastore) and
//    the identifiers of the HA and management port groups (standard or distributed, checked to
//    exist exactly once) from the inventory over SOAP; the plan's spec (vchaspecwriter.h)
//    with its placeholders filled (the vCenter's SHA-1 thumbprint, the inventory ids, the
//    password, which never reaches the evidence); POST ...?vmw-task=true&action=deploy; then
//    the state polled until the cluster is configured and healthy, with progress.
//  - Undeploy (the undo of Deploy): the same read first (a cluster not configured is left
//    alone: the job ends skipped); POST ...?vmw-task=true&action=undeploy with the
//    Cluster.UndeploySpec {vc_spec, force_delete: true} (vSphere API 6.7.1: the VCHA
//    configuration is removed, the passive and witness VMs are deleted when VCHA was deployed
//    automatically, the active node goes on as a standalone vCenter); then the state polled
//    until it reads NOTCONFIGURED.
// A deploy that fails or is cancelled after vCenter accepted it says what may be left (the
// deployment goes on in vCenter; the HA adapter, the passive and witness VMs) and the ways on:
// Deploy again (a configured cluster is not deployed twice) or Remove (Undeploy).
// When the target has no VCHA REST (HTTP 404: 6.7 GA and older) the job fails with
// "vcha.norest" and the manual steps (vchaManualSteps) in its report.

#include "jobs/sessionjob.h"
#include "plan/labplan.h"
#include "vsphere/soapclient.h"
#include "vsphere/vcenterclient.h"

#include <QJsonObject>
#include <QPointer>

namespace vlab {

class HttpClient;
class VCenterConnection;

enum class VchaAction { Deploy, Status, Undeploy };

// Cluster.Info of the SDK (com.vmware.vcenter.vcha.cluster): every field optional.
struct VchaClusterState
{
    QString configState; // CONFIGURED, NOTCONFIGURED, INVALID, PREPARED
    QString mode;        // ENABLED, DISABLED, MAINTENANCE
    QString healthState; // HEALTHY, DEGRADED, ISOLATED
    // health_warnings: each an ErrorCondition {error, recommendation} of LocalizableMessages,
    // as "<error> Recommendation: <recommendation>".
    QStringList warnings;
    QJsonObject raw;
    bool healthy() const { return configState == u"CONFIGURED" && healthState == u"HEALTHY"; }
};
VchaClusterState parseVchaClusterState(const QJsonObject &value);
// The "value" of a reply to POST .../vcha/cluster?action=get (VCenterClient::callOptional): a
// Cluster.Info object, else "vcha.reply" (a 2xx reply without one is no VCHA state to act on).
Result<VchaClusterState> readVchaClusterState(const QJsonValue &value, const QString &host);

// A port group as the VCHA API names it: the Network object's identifier and its type.
struct VchaNetwork
{
    QString id;   // network-12 | dvportgroup-34
    QString type; // STANDARD_PORTGROUP | DISTRIBUTED_PORTGROUP
    bool operator==(const VchaNetwork &) const = default;
};

// One Network object of a datacenter, as the inventory lists it.
struct InventoryNetwork
{
    QString id;
    QString objectType; // Network, DistributedVirtualPortgroup, OpaqueNetwork ...
    QString name;
};

// Finds the port group `name` (the plan field `field`) among a datacenter's networks: exactly
// one standard or distributed port group of that name, else an error naming the field, the
// name and what was found.
Result<VchaNetwork> resolveVchaNetwork(const QString &name, const QString &field,
                                       const QList<InventoryNetwork> &networks);

// Inventory ids of where the passive and witness nodes go, and of the networks.
struct VchaPlacement
{
    QString folder;
    QString resourcePool;
    QString datastore;
    QString passiveHost;
    QString witnessHost;
    VchaNetwork haNetwork;         // vcha.network.portGroup
    VchaNetwork managementNetwork; // network.portGroup
};

// The plan's deploy spec with every <VLAB_...> placeholder filled.
Result<QByteArray> completeVchaDeploySpec(const LabPlan &plan, const VchaPlacement &placement,
                                          const QString &sslThumbprint, const QString &password);

// The body of the undeploy operation: {"spec": Cluster.UndeploySpec} with the vCenter's own
// location (as the deploy spec names it) and force_delete, so the passive and witness VMs go too.
QByteArray vchaUndeployBody(const LabPlan &plan, const QString &sslThumbprint, const QString &password);

// The steps for a vCenter without the VCHA REST API (6.7 GA), from the plan.
QString vchaManualSteps(const LabPlan &plan);

class VchaJob : public SessionJob
{
    Q_OBJECT
public:
    VchaJob(VchaAction action, const VCenterEndpoint &endpoint, const LabPlan &plan,
            QObject *parent = nullptr);
    // The endpoint this job uses (what a page keeps once the job succeeded).
    const VCenterEndpoint &endpoint() const { return m_endpoint; }
    ~VchaJob() override;

    void setPollInterval(std::chrono::milliseconds interval) { m_pollInterval = interval; }
    // Uses the REST session of `connection` (shared with other jobs, which logs out once the last
    // of them ends) instead of one of its own. Before start().
    void setConnection(VCenterConnection *connection);
    const VchaClusterState &clusterState() const { return m_state; }
    bool restMissing() const { return m_restMissing; }
    const VchaPlacement &placement() const { return m_placement; }

protected:
    void run() override;
    void onCancel() override;

private:
    void readState(std::function<void(const VchaClusterState &)> next);
    // The placement over SOAP, one step after the other; each ends the job on a failure
    // (logging the SOAP session out first).
    void resolvePlacement();
    void readServiceContent();
    void soapLogin();
    void findDatacenter();
    void findHosts();
    void findDatastore();
    void findNetworks();
    void placementFound();
    void placementFailed(const Error &error);
    bool placementCancelled(); // ends the job when cancelled
    void deploy();
    void undeploy();
    void poll();
    // Ends the job; after a task vCenter accepted, the error says what is left and the ways on.
    void stop(Error error);

    VchaAction m_action;
    VCenterEndpoint m_endpoint;
    LabPlan m_plan;
    std::chrono::milliseconds m_pollInterval{10000};
    VCenterClient *m_client = nullptr;
    QPointer<VCenterConnection> m_connection;
    HttpClient *m_soapHttp = nullptr;
    SoapClient *m_soap = nullptr;
    VchaClusterState m_state;
    VchaPlacement m_placement;
    MoRef m_collector;
    MoRef m_rootFolder;
    MoRef m_hostFolder;
    MoRef m_datastoreFolder;
    MoRef m_networkFolder;
    bool m_restMissing = false;
    bool m_taskStarted = false; // vCenter accepted the deploy or undeploy: it goes on without us
    int m_polls = 0;
};

} // namespace vlab
