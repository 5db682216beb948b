#include "vsphere/vchajob.h"

#include "core/tr.h"
#include "net/httpclient.h"
#include "net/netaddr.h"
#include "vsphere/vcenterconnection.h"
#include "vsphere/vchaspecwriter.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

const QString kClusterPath = u"/rest/vcenter/vcha/cluster"_s;

QStringList moRefList(const XmlElement *array)
{
    QStringList ids;
    if (array) {
        for (const XmlElement *e : array->all(u"ManagedObjectReference"_s))
            ids << e->text.trimmed();
    }
    return ids;
}

} // namespace

VchaClusterState parseVchaClusterState(const QJsonObject &value)
{
    VchaClusterState s;
    s.raw = value;
    s.configState = value.value(u"config_state"_s).toString();
    s.mode = value.value(u"mode"_s).toString();
    s.healthState = value.value(u"health_state"_s).toString();
    // Each warning is an ErrorCondition: {error: LocalizableMessage, recommendation: ...}.
    const auto text = [](const QJsonObject &message) {
        const QString t = message.value(u"default_message"_s).toString();
        return t.isEmpty() ? message.value(u"id"_s).toString() : t;
    };
    const QJsonArray warnings = value.value(u"health_warnings"_s).toArray();
    for (const QJsonValue &w : warnings) {
        const QString error = text(w.toObject().value(u"error"_s).toObject());
        const QString recommendation = text(w.toObject().value(u"recommendation"_s).toObject());
        if (recommendation.isEmpty())
            s.warnings << error;
        else
            s.warnings << Tr::tr("%1 Recommendation: %2").arg(error, recommendation);
    }
    return s;
}

Result<VchaClusterState> readVchaClusterState(const QJsonValue &value, const QString &host)
{
    if (!value.isObject())
        return makeError(
            u"vcha.reply"_s,
            Tr::tr("%1 answered the request for the VCHA state without one; is it a vCenter "
                   "6.7 U1 or later?")
                .arg(host),
            QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)).left(400));
    return parseVchaClusterState(value.toObject());
}

Result<VchaNetwork> resolveVchaNetwork(const QString &name, const QString &field,
                                       const QList<InventoryNetwork> &networks)
{
    QList<InventoryNetwork> found;
    for (const InventoryNetwork &n : networks) {
        if (n.name == name)
            found << n;
    }
    const auto type = [](const InventoryNetwork &n) -> QString {
        if (n.objectType == u"Network"_s)
            return u"STANDARD_PORTGROUP"_s;
        if (n.objectType == u"DistributedVirtualPortgroup"_s)
            return u"DISTRIBUTED_PORTGROUP"_s;
        return {};
    };
    if (found.isEmpty())
        return makeError(
            u"vcha.network"_s,
            Tr::tr("%1: vCenter has no port group \"%2\" in the datacenter. Create it (on every host "
                   "that will run a VCHA node, or on the Distributed Switch), or change %1.")
                .arg(field, name));
    if (found.size() > 1) {
        QStringList which;
        for (const InventoryNetwork &n : std::as_const(found))
            which << n.id + u" ("_s + n.objectType + u')';
        return makeError(
            u"vcha.network"_s,
            Tr::tr("%1: the datacenter has %2 networks named \"%3\" (%4); VCHA needs one it can tell "
                   "apart. Rename one of them, or change %1.")
                .arg(field, QString::number(found.size()), name, which.join(u", "_s)));
    }
    if (type(found.constFirst()).isEmpty())
        return makeError(u"vcha.network"_s,
                         Tr::tr("%1: \"%2\" is a %3; VCHA takes a standard or distributed port group.")
                             .arg(field, name, found.constFirst().objectType));
    return VchaNetwork{found.constFirst().id, type(found.constFirst())};
}

Result<QByteArray> completeVchaDeploySpec(const LabPlan &plan, const VchaPlacement &placement,
                                          const QString &sslThumbprint, const QString &password)
{
    const Result<QByteArray> rendered = renderVchaDeploySpec(plan);
    if (!rendered)
        return rendered.error();
    QJsonObject root = QJsonDocument::fromJson(*rendered).object();
    QJsonObject spec = root.value(u"spec"_s).toObject();
    QJsonObject vc = spec.value(u"vc_spec"_s).toObject();
    QJsonObject location = vc.value(u"active_location"_s).toObject();
    location.insert(u"ssl_thumbprint"_s, sslThumbprint);
    location.insert(u"password"_s, password);
    vc.insert(u"active_location"_s, location);
    spec.insert(u"vc_spec"_s, vc);
    const auto place = [&](const QString &node, const QString &host) {
        QJsonObject n = spec.value(node).toObject();
        QJsonObject p = n.value(u"placement"_s).toObject();
        p.insert(u"folder"_s, placement.folder);
        p.insert(u"host"_s, host);
        p.insert(u"resource_pool"_s, placement.resourcePool);
        p.insert(u"storage"_s, QJsonObject{{u"datastore"_s, placement.datastore}});
        p.insert(u"ha_network"_s, placement.haNetwork.id);
        p.insert(u"ha_network_type"_s, placement.haNetwork.type);
        p.insert(u"management_network"_s, placement.managementNetwork.id);
        p.insert(u"management_network_type"_s, placement.managementNetwork.type);
        n.insert(u"placement"_s, p);
        spec.insert(node, n);
    };
    QJsonObject active = spec.value(u"active"_s).toObject();
    active.insert(u"ha_network"_s, placement.haNetwork.id);
    active.insert(u"ha_network_type"_s, placement.haNetwork.type);
    spec.insert(u"active"_s, active);
    place(u"passive"_s, placement.passiveHost);
    place(u"witness"_s, placement.witnessHost);
    root.insert(u"spec"_s, spec);
    const QByteArray out = QJsonDocument(root).toJson(QJsonDocument::Compact);
    if (out.contains("<VLAB_"))
        return makeError(u"vcha.spec"_s, Tr::tr("The VCHA spec still has a placeholder."));
    return out;
}

QString vchaManualSteps(const LabPlan &plan)
{
    const auto net = parseCidr(plan.vcha.network.cidr);
    const QString mask = net ? formatIpv4(net->mask()) : plan.vcha.network.cidr;
    return Tr::
        tr("This vCenter has no VCHA REST API (it came with 6.7 Update 1). Configure VCHA by hand:\n"
           "1. On every ESXi host that will run a VCHA node, add the port group %1 for the HA network %2.\n"
           "2. In the vSphere Client, select the vCenter Server %3, then Configure > vCenter HA > Set Up "
           "(6.7 GA: Configure > vCenter HA > Configure, Basic).\n"
           "3. Active node: HA address %4, mask %5, HA port group %1.\n"
           "4. Passive node: HA address %6; witness node: HA address %7 (same mask, no gateway).\n"
           "5. Place the passive and witness nodes on different hosts and datastores from the active "
           "node, then Finish.\n"
           "6. Wait until Monitor > vCenter HA shows the cluster Healthy, with mode Enabled.\n")
            .arg(plan.vcha.network.portGroup, plan.vcha.network.cidr, plan.vcenter.fqdn, plan.vcha.activeIp,
                 mask, plan.vcha.passiveIp, plan.vcha.witnessIp);
}

namespace {

QString vchaJobTitle(VchaAction action, const QString &host)
{
    switch (action) {
    case VchaAction::Deploy:
        return Tr::tr("Deploy vCenter HA on %1").arg(host);
    case VchaAction::Undeploy:
        return Tr::tr("Remove vCenter HA from %1").arg(host);
    case VchaAction::Status:
        break;
    }
    return Tr::tr("Read the vCenter HA state of %1").arg(host);
}

QString vchaJobDescription(VchaAction action, const LabPlan &plan)
{
    switch (action) {
    case VchaAction::Deploy:
        return Tr::tr("Deploys the passive and witness nodes (HA addresses %1, %2, %3) over the REST API and "
                      "waits until the cluster is healthy.")
            .arg(plan.vcha.activeIp, plan.vcha.passiveIp, plan.vcha.witnessIp);
    case VchaAction::Undeploy:
        return Tr::tr("Destroys the VCHA cluster over the REST API, deletes the passive and witness VMs and "
                      "waits until vCenter reports VCHA as not configured.");
    case VchaAction::Status:
        break;
    }
    return Tr::tr("Reads the VCHA cluster state over the REST API.");
}

} // namespace

QByteArray vchaUndeployBody(const LabPlan &plan, const QString &sslThumbprint, const QString &password)
{
    // Cluster.UndeploySpec (API 6.7.1): vc_spec names the vCenter that manages the active node,
    // here the lab's self-managed vCenter, as the deploy spec names it; force_delete deletes the
    // passive and witness VMs of an automatic deployment (vms is then ignored).
    const QJsonObject location{{u"hostname"_s, plan.vcenter.fqdn},
                               {u"port"_s, 443},
                               {u"ssl_thumbprint"_s, sslThumbprint},
                               {u"username"_s, QString(u"administrator@"_s + plan.sso.domain)},
                               {u"password"_s, password}};
    const QJsonObject spec{{u"vc_spec"_s, QJsonObject{{u"active_location"_s, location}}},
                           {u"force_delete"_s, true}};
    return QJsonDocument(QJsonObject{{u"spec"_s, spec}}).toJson(QJsonDocument::Compact);
}

VchaJob::VchaJob(VchaAction action, const VCenterEndpoint &endpoint, const LabPlan &plan, QObject *parent)
    : SessionJob(vchaJobTitle(action, endpoint.url.host()), vchaJobDescription(action, plan), parent)
    , m_action(action)
    , m_endpoint(endpoint)
    , m_plan(plan)
{
    setKey(action == VchaAction::Deploy         ? u"vcha.deploy"_s
               : action == VchaAction::Undeploy ? u"vcha.undeploy"_s
                                                : u"vcha.status"_s);
    setTarget(vcenterTarget(endpoint.url));
    if (action == VchaAction::Undeploy) {
        setPlannedChanges(
            endpoint.url.authority(),
            {Tr::tr("Destroy the vCenter HA cluster: this vCenter goes on alone, as a standalone vCenter"),
             Tr::tr("Delete the passive node %1 and the witness %2 (the VMs of an automatic deployment)")
                 .arg(vchaPassiveVmName(plan), vchaWitnessVmName(plan)),
             Tr::tr("Nothing is changed when VCHA is not configured")});
        return;
    }
    if (action != VchaAction::Deploy)
        return;
    setPlannedChanges(
        endpoint.url.authority(),
        {Tr::tr("Give this vCenter a second network adapter on the port group %1 (HA address %2)")
             .arg(plan.vcha.network.portGroup, plan.vcha.activeIp),
         Tr::tr("Clone this vCenter into a passive node (HA address %1) and a witness (HA address %2) on the "
                "datastore %3")
             .arg(plan.vcha.passiveIp, plan.vcha.witnessIp, plan.target.datastore),
         Tr::tr(
             "Turn on vCenter High Availability once the nodes answer; a cluster that is already configured "
             "is left as it is")});
}

VchaJob::~VchaJob() = default;

void VchaJob::run()
{
    m_client = m_connection ? new VCenterClient(m_endpoint, m_connection->http(), this)
                            : new VCenterClient(m_endpoint, this);
    m_client->setEvidenceSink(evidenceSink());
    if (m_connection) {
        m_connection->attach(this, evidenceSink());
        addSession([](const Result<void> &) { return true; },
                   VCenterConnection::detacher(m_connection, this));
    } else {
        addSession([this](const Result<void> &) { return m_client->hasSession(); },
                   [this](LoggedOut loggedOut) { m_client->logout(this, std::move(loggedOut)); });
    }
    setProgress(0.02, Tr::tr("Logging in to %1").arg(m_endpoint.url.host()));
    const auto login = [this](VCenterClient::Done done) {
        if (m_connection)
            m_connection->openRest(this, std::move(done));
        else
            m_client->login(this, std::move(done));
    };
    login([this](Result<void> r) {
        if (!r)
            return end(r);
        readState([this](const VchaClusterState &state) {
            note(state.mode.isEmpty() && state.healthState.isEmpty()
                     ? Tr::tr("VCHA: configuration %1").arg(state.configState)
                     : Tr::tr("VCHA: configuration %1, mode %2, health %3")
                           .arg(state.configState, state.mode, state.healthState));
            if (m_action == VchaAction::Status)
                return end({});
            if (m_action == VchaAction::Undeploy) {
                // Cluster.ConfigState: CONFIGURED, INVALID and PREPARED all hold VCHA
                // configuration an undeploy removes; NOTCONFIGURED (or no state) has none.
                if (state.configState.isEmpty() || state.configState == u"NOTCONFIGURED"_s)
                    return end(skippedResult(Tr::tr("VCHA is not configured on %1: nothing to remove.")
                                                 .arg(m_endpoint.url.host())));
                return undeploy();
            }
            if (state.configState == u"CONFIGURED"_s) {
                note(Tr::tr("VCHA is already configured: not deployed again; waiting until it is healthy."));
                return poll();
            }
            resolvePlacement();
        });
    });
}

void VchaJob::readState(std::function<void(const VchaClusterState &)> next)
{
    m_client->callOptional(
        "POST", kClusterPath + u"?action=get"_s, QJsonObject{{u"partial"_s, false}}, this,
        [this, next = std::move(next)](Result<QJsonValue> r) {
            if (!r)
                return stop(r.error());
            if (r->isUndefined()) {
                m_restMissing = true;
                const QString steps = vchaManualSteps(m_plan);
                mutableReport().add(Evidence::Kind::Note, Tr::tr("Manual steps"), steps);
                return end(makeError(u"vcha.norest"_s,
                                     Tr::tr("%1 has no VCHA REST API (HTTP 404: vSphere 6.7 GA or "
                                            "older). Follow the manual steps.")
                                         .arg(m_endpoint.url.host()),
                                     steps));
            }
            const Result<VchaClusterState> state = readVchaClusterState(*r, m_endpoint.url.host());
            if (!state)
                return end(state.error());
            m_state = *state;
            next(m_state);
        });
}

void VchaJob::resolvePlacement()
{
    setProgress(0.1, Tr::tr("Finding hosts, resource pool and datastore for the passive and witness nodes"));
    m_soapHttp = makeHttpClient(m_endpoint, this);
    m_soap = new SoapClient(m_soapHttp, this);
    m_soap->setEvidenceSink(evidenceSink());
    // Logged out before the deployment starts; end() closes it on the way out of a failure.
    addSession([this](const Result<void> &) { return m_soap->hasSession(); },
               [this](LoggedOut loggedOut) { m_soap->logout(this, std::move(loggedOut)); });
    readServiceContent();
}

// end() logs the SOAP session out (and the REST one) before the job finishes.
void VchaJob::placementFailed(const Error &error)
{
    end(error);
}

bool VchaJob::placementCancelled()
{
    return endIfCancelled();
}

void VchaJob::readServiceContent()
{
    if (placementCancelled())
        return;
    m_soap->retrieveServiceContent(this, [this](Result<ServiceContent> r) {
        if (!r)
            return placementFailed(r.error());
        m_rootFolder = r->rootFolder;
        m_collector = r->propertyCollector;
        soapLogin();
    });
}

void VchaJob::soapLogin()
{
    if (placementCancelled())
        return;
    m_soap->login(m_endpoint.user, m_endpoint.password, this, [this](Result<void> r) {
        if (!r)
            return placementFailed(r.error());
        findDatacenter();
    });
}

void VchaJob::findDatacenter()
{
    if (placementCancelled())
        return;
    m_soap->retrieve(
        m_collector, m_rootFolder, true,
        {{u"Datacenter"_s,
          {u"name"_s, u"vmFolder"_s, u"hostFolder"_s, u"datastoreFolder"_s, u"networkFolder"_s}}},
        this, [this](Result<QList<ObjectContent>> r) {
            if (!r)
                return placementFailed(r.error());
            const QString wanted = m_plan.target.datacenter;
            const ObjectContent *dc = nullptr;
            for (const ObjectContent &o : *r) {
                const XmlElement *name = o.prop(u"name"_s);
                if (wanted.isEmpty() ? !dc : (name && name->text == wanted))
                    dc = &o;
            }
            if (!dc)
                return placementFailed(
                    makeError(u"vcha.placement"_s, Tr::tr("vCenter has no datacenter \"%1\".").arg(wanted)));
            m_placement.folder = moRefOf(dc->prop(u"vmFolder"_s)).value;
            m_hostFolder = moRefOf(dc->prop(u"hostFolder"_s));
            m_datastoreFolder = moRefOf(dc->prop(u"datastoreFolder"_s));
            m_networkFolder = moRefOf(dc->prop(u"networkFolder"_s));
            findHosts();
        });
}

void VchaJob::findHosts()
{
    if (placementCancelled())
        return;
    m_soap->retrieve(
        m_collector, m_hostFolder, true,
        {{u"ClusterComputeResource"_s, {u"name"_s, u"host"_s, u"resourcePool"_s}},
         {u"ComputeResource"_s, {u"name"_s, u"host"_s, u"resourcePool"_s}}},
        this, [this](Result<QList<ObjectContent>> r) {
            if (!r)
                return placementFailed(r.error());
            // The plan's cluster, else the first cluster, else the first standalone host.
            const ObjectContent *chosen = nullptr;
            for (const ObjectContent &o : *r) {
                const XmlElement *name = o.prop(u"name"_s);
                const bool cluster = o.obj.type == u"ClusterComputeResource"_s;
                if (!m_plan.target.cluster.isEmpty()) {
                    if (name && name->text == m_plan.target.cluster)
                        chosen = &o;
                } else if (!chosen || (cluster && chosen->obj.type != u"ClusterComputeResource"_s)) {
                    chosen = &o;
                }
            }
            const QStringList hosts = chosen ? moRefList(chosen->prop(u"host"_s)) : QStringList();
            if (hosts.isEmpty())
                return placementFailed(makeError(
                    u"vcha.placement"_s,
                    m_plan.target.cluster.isEmpty()
                        ? Tr::tr("vCenter has no host to place the passive and witness nodes on.")
                        : Tr::tr("vCenter has no cluster \"%1\" with hosts.").arg(m_plan.target.cluster)));
            // Passive and witness on hosts of their own where there are enough.
            m_placement.passiveHost = hosts.value(1 % hosts.size());
            m_placement.witnessHost = hosts.value(2 % hosts.size());
            m_placement.resourcePool = moRefOf(chosen->prop(u"resourcePool"_s)).value;
            if (hosts.size() < 3)
                note(Tr::tr("Only %n host(s): VCHA nodes share hosts, which protects against less.", nullptr,
                            int(hosts.size())));
            findDatastore();
        });
}

void VchaJob::findDatastore()
{
    if (placementCancelled())
        return;
    m_soap->retrieve(
        m_collector, m_datastoreFolder, true, {{u"Datastore"_s, {u"name"_s}}}, this,
        [this](Result<QList<ObjectContent>> r) {
            if (!r)
                return placementFailed(r.error());
            const QString wanted = m_plan.target.datastore;
            QStringList names;
            for (const ObjectContent &o : *r) {
                const XmlElement *name = o.prop(u"name"_s);
                names << (name ? name->text : QString());
                if (name && name->text == wanted)
                    m_placement.datastore = o.obj.value;
            }
            // Never another datastore than the plan names: the clones would land
            // where nobody decided they should.
            if (m_placement.datastore.isEmpty() && !r->isEmpty()) {
                names.sort();
                return placementFailed(makeError(
                    u"vcha.datastore"_s,
                    Tr::tr("vCenter has no datastore \"%1\" (target.datastore in the plan); it has: "
                           "%2. Set target.datastore to the one the passive and witness nodes "
                           "should use.")
                        .arg(wanted, names.join(u", "_s))));
            }
            if (m_placement.datastore.isEmpty())
                return placementFailed(makeError(u"vcha.placement"_s, Tr::tr("vCenter has no datastore.")));
            findNetworks();
        });
}

// The API takes Network identifiers with their type, not port-group names: the datacenter's
// standard and distributed port groups, by name.
void VchaJob::findNetworks()
{
    if (placementCancelled())
        return;
    m_soap->retrieve(m_collector, m_networkFolder, true,
                     {{u"Network"_s, {u"name"_s}}, {u"DistributedVirtualPortgroup"_s, {u"name"_s}}}, this,
                     [this](Result<QList<ObjectContent>> r) {
                         if (!r)
                             return placementFailed(r.error());
                         QList<InventoryNetwork> networks;
                         QStringList seen;
                         for (const ObjectContent &o : *r) {
                             const XmlElement *name = o.prop(u"name"_s);
                             if (!name || seen.contains(o.obj.value))
                                 continue;
                             seen << o.obj.value;
                             networks.append({o.obj.value, o.obj.type, name->text});
                         }
                         const Result<VchaNetwork> ha = resolveVchaNetwork(
                             m_plan.vcha.network.portGroup, u"vcha.network.portGroup"_s, networks);
                         if (!ha)
                             return placementFailed(ha.error());
                         const Result<VchaNetwork> management =
                             resolveVchaNetwork(m_plan.network.portGroup, u"network.portGroup"_s, networks);
                         if (!management)
                             return placementFailed(management.error());
                         m_placement.haNetwork = *ha;
                         m_placement.managementNetwork = *management;
                         note(Tr::tr("Networks: HA %1 = %2 (%3), management %4 = %5 (%6)")
                                  .arg(m_plan.vcha.network.portGroup, ha->id, ha->type,
                                       m_plan.network.portGroup, management->id, management->type));
                         placementFound();
                     });
}

void VchaJob::placementFound()
{
    note(Tr::tr("Placement: folder %1, resource pool %2, datastore %3, passive on %4, witness on %5")
             .arg(m_placement.folder, m_placement.resourcePool, m_placement.datastore,
                  m_placement.passiveHost, m_placement.witnessHost));
    m_soap->logout(this, [this](Result<void>) { deploy(); });
}

void VchaJob::deploy()
{
    if (endIfCancelled())
        return;
    const QSslCertificate cert = m_client->http()->presentedCertificate();
    const QString thumbprint =
        QString::fromLatin1(cert.digest(QCryptographicHash::Sha1).toHex(':').toUpper());
    const Result<QByteArray> spec =
        completeVchaDeploySpec(m_plan, m_placement, thumbprint, m_endpoint.password);
    if (!spec)
        return end(spec.error());
    setProgress(0.2, Tr::tr("Starting the VCHA deployment"));
    m_client->call("POST", kClusterPath + u"?vmw-task=true&action=deploy"_s,
                   QJsonDocument::fromJson(*spec).object(), this, [this](Result<QJsonValue> r) {
                       if (!r)
                           return end(r.error());
                       m_taskStarted = true;
                       note(Tr::tr("Deployment started (task %1)").arg(r->toString()));
                       poll();
                   });
}

void VchaJob::undeploy()
{
    if (endIfCancelled())
        return;
    const QSslCertificate cert = m_client->http()->presentedCertificate();
    const QString thumbprint =
        QString::fromLatin1(cert.digest(QCryptographicHash::Sha1).toHex(':').toUpper());
    setProgress(0.2, Tr::tr("Removing vCenter HA"));
    m_client->call(
        "POST", kClusterPath + u"?vmw-task=true&action=undeploy"_s,
        QJsonDocument::fromJson(vchaUndeployBody(m_plan, thumbprint, m_endpoint.password)).object(), this,
        [this](Result<QJsonValue> r) {
            if (!r)
                return end(r.error());
            m_taskStarted = true;
            note(Tr::tr("Removal started (task %1)").arg(r->toString()));
            poll();
        });
}

void VchaJob::poll()
{
    QTimer::singleShot(m_polls == 0 ? std::chrono::milliseconds(0) : m_pollInterval, this, [this] {
        if (isEnding())
            return;
        if (isCancelRequested())
            return stop(makeError(u"job.cancelled"_s, Tr::tr("Cancelled.")));
        ++m_polls;
        readState([this](const VchaClusterState &state) {
            if (m_action == VchaAction::Undeploy) {
                if (state.configState.isEmpty() || state.configState == u"NOTCONFIGURED"_s) {
                    setProgress(1.0, Tr::tr("vCenter HA removed"));
                    note(Tr::tr("VCHA: not configured; %1 runs as a standalone vCenter.")
                             .arg(m_endpoint.url.host()));
                    return end({});
                }
                setProgress(0.2 + qMin(0.7, 0.05 * m_polls),
                            Tr::tr("VCHA: %1 (removal in progress)").arg(state.configState));
                return poll();
            }
            if (state.healthy()) {
                setProgress(1.0, Tr::tr("VCHA is healthy"));
                note(Tr::tr("VCHA: configured, mode %1, healthy").arg(state.mode));
                return end({});
            }
            if (state.configState == u"INVALID"_s)
                return stop(
                    makeError(u"vcha.invalid"_s,
                              Tr::tr("The VCHA configuration is invalid; see Monitor > vCenter HA in the "
                                     "vSphere Client for the reason."),
                              state.warnings.join(u"; "_s)));
            // Not configured yet: the clones are being made; configured but not healthy: syncing.
            const qreal progress =
                state.configState == u"CONFIGURED"_s ? 0.7 : 0.3 + qMin(0.35, 0.01 * m_polls);
            const QString status = state.warnings.isEmpty()
                ? Tr::tr("VCHA: %1, %2").arg(state.configState, state.healthState)
                : Tr::tr("VCHA: %1, %2 (%3)")
                      .arg(state.configState, state.healthState, state.warnings.join(u"; "_s));
            setProgress(progress, status);
            poll();
        });
    });
}

void VchaJob::stop(Error error)
{
    if (m_action == VchaAction::Undeploy && m_taskStarted) {
        error.message +=
            u' '
            + Tr::tr(
                "vCenter accepted the removal and goes on with it on its own. Press \"Read the state\" "
                "on the vCenter HA page (or run vlab vcha status) to see when VCHA is no longer configured; "
                "press \"Remove VCHA\" again (vlab vcha undeploy) if it is still configured then.");
    }
    if (m_action == VchaAction::Deploy && m_taskStarted) {
        // vCenter runs the deployment as its own task: stopping here does not stop it, and
        // whatever it made so far stays.
        const QString what = error.code == u"vcha.invalid"_s
            ? Tr::tr(
                "The deployment may have left a second network adapter on %1 and the VMs %2 (passive) and "
                "%3 (witness).")
            : Tr::tr("vCenter accepted the deployment and goes on with it on its own: it may leave a second "
                     "network adapter on %1 and the VMs %2 (passive) and %3 (witness).");
        error.message +=
            u' ' + what.arg(m_plan.vcenter.fqdn, vchaPassiveVmName(m_plan), vchaWitnessVmName(m_plan)) + u' '
            + Tr::tr(
                "To finish, press "
                "\"Deploy VCHA\" on the vCenter HA page again (or run vlab vcha deploy): a configured "
                "cluster is not deployed twice, the run waits until it is healthy. To undo it, press "
                "\"Remove VCHA\" on the vCenter HA page (or run vlab vcha undeploy), which destroys the "
                "cluster and deletes the passive and witness VMs; VMs it leaves (a deployment that "
                "never finished) are deleted in the vSphere Client (right-click the VM, Delete from Disk).");
    }
    end(error);
}

void VchaJob::onCancel()
{
    if (m_connection)
        m_connection->abandon(this);
    if (m_client)
        m_client->cancel();
    if (m_soapHttp)
        m_soapHttp->cancelAll();
}

void VchaJob::setConnection(VCenterConnection *connection)
{
    m_connection = connection;
}

} // namespace vlab
