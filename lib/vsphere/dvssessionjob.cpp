#include "vsphere/dvssessionjob.h"

#include "core/tr.h"
#include "net/httpclient.h"
#include "vsphere/vcenterconnection.h"

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

// The VLAN ID of a port setting (<val xsi:type="VMwareDVSPortSetting">), -1 when not a single ID.
int vlanOf(const XmlElement *portSetting)
{
    const XmlElement *vlan = portSetting ? portSetting->child(u"vlan"_s) : nullptr;
    if (!vlan || vlan->xsiType() != u"VmwareDistributedVirtualSwitchVlanIdSpec"_s)
        return -1;
    bool ok = false;
    const int id = vlan->childText(u"vlanId"_s).toInt(&ok);
    return ok ? id : -1;
}

bool isSwitchType(const QString &type)
{
    // vCenter creates VmwareDistributedVirtualSwitch; govmomi's simulator the base type.
    return type == u"VmwareDistributedVirtualSwitch"_s || type == u"DistributedVirtualSwitch"_s;
}

} // namespace

DvsSessionJob::DvsSessionJob(const QString &title, const QString &description,
                             const VCenterEndpoint &endpoint, const DistributedSwitch &vds,
                             const QString &datacenter, QObject *parent)
    : SessionJob(title, description, parent)
    , m_endpoint(endpoint)
    , m_vds(vds)
    , m_datacenterName(datacenter)
{
    setTarget(vcenterTarget(endpoint.url));
}

DvsSessionJob::~DvsSessionJob() = default;

void DvsSessionJob::run()
{
    m_http = m_connection ? m_connection->http() : makeHttpClient(m_endpoint, this);
    m_soap = new SoapClient(m_http, this);
    m_soap->setEvidenceSink(evidenceSink());
    if (m_connection) {
        m_connection->attach(this, evidenceSink());
        addSession([](const Result<void> &) { return true; },
                   VCenterConnection::detacher(m_connection, this));
    } else {
        addSession([this](const Result<void> &) { return m_soap->hasSession(); },
                   [this](LoggedOut loggedOut) { m_soap->logout(this, std::move(loggedOut)); });
    }
    setProgress(0.02, Tr::tr("Connecting to %1").arg(m_endpoint.url.host()));
    m_soap->retrieveServiceContent(this, [this](Result<ServiceContent> r) {
        if (!r)
            return fail(r.error());
        m_rootFolder = r->rootFolder;
        m_collector = r->propertyCollector;
        note(Tr::tr("Connected to %1 (API %2)").arg(r->fullName, r->apiVersion));
        if (r->apiType != u"VirtualCenter"_s)
            return fail(makeError(u"vds.target"_s,
                                  Tr::tr("%1 is an ESXi host, not a vCenter: a Distributed Switch "
                                         "needs vCenter.")
                                      .arg(m_endpoint.url.host())));
        login();
    });
}

void DvsSessionJob::login()
{
    if (stopIfCancelled())
        return;
    setProgress(0.06, Tr::tr("Logging in as %1").arg(m_endpoint.user));
    const auto loggedIn = [this](Result<void> r) {
        if (!r)
            return fail(r.error());
        findDatacenter();
    };
    if (m_connection)
        m_connection->openSoap(this, loggedIn);
    else
        m_soap->login(m_endpoint.user, m_endpoint.password, this, loggedIn);
}

void DvsSessionJob::findDatacenter()
{
    if (stopIfCancelled())
        return;
    setProgress(0.1, Tr::tr("Looking for the datacenter"));
    m_soap->retrieve(
        m_collector, m_rootFolder, true, {{u"Datacenter"_s, {u"name"_s, u"networkFolder"_s}}}, this,
        [this](Result<QList<ObjectContent>> r) {
            if (!r)
                return fail(r.error());
            QStringList names;
            const ObjectContent *chosen = nullptr;
            for (const ObjectContent &dc : *r) {
                const XmlElement *name = dc.prop(u"name"_s);
                names << (name ? name->text : dc.obj.value);
                if (m_datacenterName.isEmpty() ? r->size() == 1 : (name && name->text == m_datacenterName))
                    chosen = &dc;
            }
            if (!chosen) {
                if (m_datacenterName.isEmpty())
                    return fail(makeError(
                        u"vds.datacenter"_s,
                        names.isEmpty() ? Tr::tr("vCenter has no datacenter yet; create one first.")
                                        : Tr::tr("vCenter has %1 datacenters (%2); name the one "
                                                 "for the switch (target.datacenter in the plan).")
                                              .arg(QString::number(names.size()), names.join(u", "_s))));
                return fail(makeError(
                    u"vds.datacenter"_s,
                    Tr::tr("vCenter has no datacenter \"%1\" (it has: %2).")
                        .arg(m_datacenterName, names.isEmpty() ? Tr::tr("none") : names.join(u", "_s))));
            }
            const XmlElement *folder = chosen->prop(u"networkFolder"_s);
            m_networkFolder = moRefOf(folder);
            if (m_networkFolder.isNull())
                return fail(makeError(u"vds.datacenter"_s, Tr::tr("The datacenter has no network folder.")));
            const XmlElement *name = chosen->prop(u"name"_s);
            m_network.datacenter = name ? name->text : chosen->obj.value;
            note(Tr::tr("Datacenter %1 (%2), network folder %3")
                     .arg(m_network.datacenter, chosen->obj.value, m_networkFolder.value));
            readNetworkFolder(0.14, [this] { networkRead(); });
        });
}

void DvsSessionJob::readNetworkFolder(qreal progress, std::function<void()> next)
{
    if (stopIfCancelled())
        return;
    setProgress(progress, Tr::tr("Reading the network folder"));
    m_soap->retrieve(m_collector, m_networkFolder, true,
                     {{u"DistributedVirtualSwitch"_s, {u"name"_s, u"config"_s}},
                      {u"DistributedVirtualPortgroup"_s,
                       {u"name"_s, u"config.distributedVirtualSwitch"_s, u"config.defaultPortConfig"_s}}},
                     this, [this, next = std::move(next)](Result<QList<ObjectContent>> r) {
                         if (!r)
                             return fail(r.error());
                         DvsNetworkState state;
                         state.datacenter = m_network.datacenter;
                         for (const ObjectContent &o : *r) {
                             const XmlElement *name = o.prop(u"name"_s);
                             if (!name)
                                 continue;
                             if (isSwitchType(o.obj.type) && name->text == m_vds.name) {
                                 state.switchRef = o.obj;
                                 const XmlElement *config = o.prop(u"config"_s);
                                 if (!config)
                                     continue;
                                 // 0 or absent: not reported (govmomi's simulator does not keep maxMtu).
                                 const int mtu = config->childText(u"maxMtu"_s).toInt();
                                 state.maxMtu = mtu > 0 ? mtu : -1;
                                 state.version = config->at(u"productInfo/version"_s)
                                     ? config->at(u"productInfo/version"_s)->text.trimmed()
                                     : QString();
                                 const XmlElement *uplinks = config->child(u"uplinkPortPolicy"_s);
                                 // DVSNameArrayUplinkPortPolicy, the only kind of uplink policy there is.
                                 if (uplinks) {
                                     QStringList names;
                                     for (const XmlElement *n : uplinks->all(u"uplinkPortName"_s))
                                         names << n->text;
                                     state.uplinkNames = names;
                                 }
                             } else if (o.obj.type == u"DistributedVirtualPortgroup"_s) {
                                 state.portGroups.append(
                                     {name->text, moRefOf(o.prop(u"config.distributedVirtualSwitch"_s)).value,
                                      vlanOf(o.prop(u"config.defaultPortConfig"_s))});
                             }
                         }
                         m_network = std::move(state);
                         next();
                     });
}

void DvsSessionJob::fail(const Error &error)
{
    end(error);
}

bool DvsSessionJob::stopIfCancelled()
{
    if (!isCancelRequested())
        return false;
    fail(makeError(u"job.cancelled"_s, Tr::tr("Cancelled.")));
    return true;
}

void DvsSessionJob::onCancel()
{
    // The request in flight fails with "http.cancelled", which leads to end(): logout, finish.
    // A task poll waiting for its timer sees the request on its next turn.
    if (m_connection) {
        m_connection->abandon(this);
        m_http->cancel(m_soap); // the others' requests go on
    } else if (m_http) {
        m_http->cancelAll();
    }
}

void DvsSessionJob::setConnection(VCenterConnection *connection)
{
    m_connection = connection;
}

} // namespace vlab
