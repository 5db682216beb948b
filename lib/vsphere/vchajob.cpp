#include "vsphere/vchajob.h"

#include "core/tr.h"
#include "net/httpclient.h"
#include "net/netaddr.h"
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
    const QJsonArray warnings = value.value(u"health_warnings"_s).toArray();
    for (const QJsonValue &w : warnings) {
        const QString text = w.toObject().value(u"default_message"_s).toString();
        s.warnings << (text.isEmpty() ? w.toObject().value(u"id"_s).toString() : text);
    }
    return s;
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
        n.insert(u"placement"_s, p);
        spec.insert(node, n);
    };
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

VchaJob::VchaJob(VchaAction action, const VCenterEndpoint &endpoint, const LabPlan &plan, QObject *parent)
    : SessionJob(
        action == VchaAction::Deploy ? Tr::tr("Deploy vCenter HA on %1").arg(endpoint.url.host())
                                     : Tr::tr("Read the vCenter HA state of %1").arg(endpoint.url.host()),
        action == VchaAction::Deploy
            ? Tr::tr("Deploys the passive and witness nodes (HA addresses %1, %2, %3) over the REST API and "
                     "waits until the cluster is healthy.")
                  .arg(plan.vcha.activeIp, plan.vcha.passiveIp, plan.vcha.witnessIp)
            : Tr::tr("Reads the VCHA cluster state over the REST API."),
        parent)
    , m_action(action)
    , m_endpoint(endpoint)
    , m_plan(plan)
{
}

VchaJob::~VchaJob() = default;

void VchaJob::run()
{
    m_client = new VCenterClient(m_endpoint, this);
    m_client->setEvidenceSink(evidenceSink());
    addSession([this](const Result<void> &) { return m_client->hasSession(); },
               [this](LoggedOut loggedOut) { m_client->logout(this, std::move(loggedOut)); });
    setProgress(0.02, Tr::tr("Logging in to %1").arg(m_endpoint.url.host()));
    m_client->login(this, [this](Result<void> r) {
        if (!r)
            return end(r);
        readState([this](const VchaClusterState &state) {
            note(Tr::tr("VCHA: configuration %1, mode %2, health %3")
                     .arg(state.configState, state.mode, state.healthState));
            if (m_action == VchaAction::Status)
                return end({});
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
                return end(r.error());
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
            m_state = parseVchaClusterState(r->toObject());
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
    placementStep(0);
}

void VchaJob::placementStep(int step)
{
    const auto failed = [this](const Error &e) {
        end(e);
    };
    if (endIfCancelled())
        return;
    switch (step) {
    case 0:
        m_soap->retrieveServiceContent(this, [this, failed](Result<ServiceContent> r) {
            if (!r)
                return failed(r.error());
            m_rootFolder = r->rootFolder;
            m_collector = r->propertyCollector;
            placementStep(1);
        });
        return;
    case 1:
        m_soap->login(m_endpoint.user, m_endpoint.password, this, [this, failed](Result<void> r) {
            if (!r)
                return failed(r.error());
            placementStep(2);
        });
        return;
    case 2:
        m_soap->retrieve(
            m_collector, m_rootFolder, true,
            {{u"Datacenter"_s, {u"name"_s, u"vmFolder"_s, u"hostFolder"_s, u"datastoreFolder"_s}}}, this,
            [this, failed](Result<QList<ObjectContent>> r) {
                if (!r)
                    return failed(r.error());
                const QString wanted = m_plan.target.datacenter;
                const ObjectContent *dc = nullptr;
                for (const ObjectContent &o : *r) {
                    const XmlElement *name = o.prop(u"name"_s);
                    if (wanted.isEmpty() ? !dc : (name && name->text == wanted))
                        dc = &o;
                }
                if (!dc)
                    return failed(makeError(u"vcha.placement"_s,
                                            Tr::tr("vCenter has no datacenter \"%1\".").arg(wanted)));
                m_placement.folder = moRefOf(dc->prop(u"vmFolder"_s)).value;
                m_hostFolder = moRefOf(dc->prop(u"hostFolder"_s));
                m_datastoreFolder = moRefOf(dc->prop(u"datastoreFolder"_s));
                placementStep(3);
            });
        return;
    case 3:
        m_soap->retrieve(
            m_collector, m_hostFolder, true,
            {{u"ClusterComputeResource"_s, {u"name"_s, u"host"_s, u"resourcePool"_s}},
             {u"ComputeResource"_s, {u"name"_s, u"host"_s, u"resourcePool"_s}}},
            this, [this, failed](Result<QList<ObjectContent>> r) {
                if (!r)
                    return failed(r.error());
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
                    return failed(makeError(
                        u"vcha.placement"_s,
                        m_plan.target.cluster.isEmpty()
                            ? Tr::tr("vCenter has no host to place the passive and witness nodes on.")
                            : Tr::tr("vCenter has no cluster \"%1\" with hosts.")
                                  .arg(m_plan.target.cluster)));
                // Passive and witness on hosts of their own where there are enough.
                m_placement.passiveHost = hosts.value(1 % hosts.size());
                m_placement.witnessHost = hosts.value(2 % hosts.size());
                m_placement.resourcePool = moRefOf(chosen->prop(u"resourcePool"_s)).value;
                if (hosts.size() < 3)
                    note(Tr::tr("Only %n host(s): VCHA nodes share hosts, which protects against less.",
                                nullptr, int(hosts.size())));
                placementStep(4);
            });
        return;
    case 4:
        m_soap->retrieve(
            m_collector, m_datastoreFolder, true, {{u"Datastore"_s, {u"name"_s}}}, this,
            [this, failed](Result<QList<ObjectContent>> r) {
                if (!r)
                    return failed(r.error());
                const QString wanted = m_plan.target.datastore;
                QStringList names;
                for (const ObjectContent &o : *r) {
                    const XmlElement *name = o.prop(u"name"_s);
                    names << (name ? name->text : QString());
                    if (name && name->text == wanted)
                        m_placement.datastore = o.obj.value;
                }
                if (m_placement.datastore.isEmpty() && !r->isEmpty()) {
                    m_placement.datastore = r->constFirst().obj.value;
                    note(Tr::tr("No datastore \"%1\"; using %2.").arg(wanted, names.constFirst()));
                }
                if (m_placement.datastore.isEmpty())
                    return failed(makeError(u"vcha.placement"_s, Tr::tr("vCenter has no datastore.")));
                note(Tr::tr(
                         "Placement: folder %1, resource pool %2, datastore %3, passive on %4, witness on %5")
                         .arg(m_placement.folder, m_placement.resourcePool, m_placement.datastore,
                              m_placement.passiveHost, m_placement.witnessHost));
                m_soap->logout(this, [this](Result<void>) { deploy(); });
            });
        return;
    default:
        return;
    }
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
                       note(Tr::tr("Deployment started (task %1)").arg(r->toString()));
                       poll();
                   });
}

void VchaJob::poll()
{
    QTimer::singleShot(m_polls == 0 ? std::chrono::milliseconds(0) : m_pollInterval, this, [this] {
        if (isEnding() || endIfCancelled())
            return;
        ++m_polls;
        readState([this](const VchaClusterState &state) {
            if (state.healthy()) {
                setProgress(1.0, Tr::tr("VCHA is healthy"));
                note(Tr::tr("VCHA: configured, mode %1, healthy").arg(state.mode));
                return end({});
            }
            if (state.configState == u"INVALID"_s)
                return end(
                    makeError(u"vcha.invalid"_s,
                              Tr::tr("The VCHA configuration is invalid; see Monitor > vCenter HA in the "
                                     "vSphere Client, fix it, then destroy and deploy again."),
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

void VchaJob::onCancel()
{
    if (m_client)
        m_client->cancel();
    if (m_soapHttp)
        m_soapHttp->cancelAll();
}

} // namespace vlab
