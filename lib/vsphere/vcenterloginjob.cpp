#include "vsphere/vcenterloginjob.h"

#include "core/tr.h"
#include "net/httpclient.h"
#include "vsphere/soapclient.h"
#include "vsphere/vcenterconnection.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace vlab {

VCenterLoginJob::VCenterLoginJob(const VCenterEndpoint &endpoint, QObject *parent)
    : SessionJob(
        Tr::tr("Log in to vCenter %1").arg(endpoint.url.host()),
        Tr::tr("Opens a REST session as %1, reads the version, closes the session.").arg(endpoint.user),
        parent)
    , m_endpoint(endpoint)
{
    setKey(u"vcenter.login"_s);
    setTarget(vcenterTarget(endpoint.url));
}

VCenterLoginJob::~VCenterLoginJob() = default;

void VCenterLoginJob::run()
{
    m_client = m_connection ? new VCenterClient(m_endpoint, m_connection->http(), this)
                            : new VCenterClient(m_endpoint, this);
    m_client->setEvidenceSink(evidenceSink());
    m_soap = new SoapClient(m_client->http(), this);
    m_soap->setEvidenceSink(evidenceSink());
    setProgress(0.1, Tr::tr("Logging in to %1 as %2").arg(m_endpoint.url.host(), m_endpoint.user));
    const auto loggedIn = [this](Result<void> r) {
        m_info.fingerprint = m_client->http()->presentedFingerprint();
        if (!r)
            return end(r);
        mutableReport().add(Evidence::Kind::Note, Tr::tr("Session opened as %1").arg(m_endpoint.user),
                            Tr::tr("certificate SHA-256 %1").arg(m_info.fingerprint));
        readSession();
    };
    if (m_connection) {
        m_connection->attach(this, evidenceSink());
        addSession([](const Result<void> &) { return true; },
                   VCenterConnection::detacher(m_connection, this));
        m_connection->openRest(this, loggedIn);
        return;
    }
    addSession([this](const Result<void> &) { return m_client->hasSession(); },
               [this](LoggedOut loggedOut) { m_client->logout(this, std::move(loggedOut)); });
    m_client->login(this, loggedIn);
}

void VCenterLoginJob::readSession()
{
    if (endIfCancelled())
        return;
    setProgress(0.3, Tr::tr("Reading the session"));
    // 6.7: POST /rest/com/vmware/cis/session?~action=get -> {"value": {"user": ..., ...}}
    m_client->callOptional("POST", u"/rest/com/vmware/cis/session?~action=get"_s,
                           QJsonValue(QJsonValue::Undefined), this, [this](Result<QJsonValue> r) {
                               if (!r)
                                   return end(r.error());
                               m_info.sessionUser = r->toObject().value(u"user"_s).toString();
                               readApplianceVersion();
                           });
}

void VCenterLoginJob::readApplianceVersion()
{
    if (endIfCancelled())
        return;
    setProgress(0.5, Tr::tr("Reading the appliance version"));
    m_client->callOptional("GET", u"/rest/appliance/system/version"_s, QJsonValue(QJsonValue::Undefined),
                           this, [this](Result<QJsonValue> r) {
                               // Absent (404) or refused: this read is optional; note why.
                               if (!r || r->isUndefined()) {
                                   mutableReport().add(Evidence::Kind::Note,
                                                       Tr::tr("The appliance version is not offered here."),
                                                       r ? QString() : r.error().message);
                               } else {
                                   const QJsonObject v = r->toObject();
                                   m_info.applianceVersion = v.value(u"version"_s).toString();
                                   m_info.applianceBuild = v.value(u"build"_s).toString();
                               }
                               readAbout();
                           });
}

void VCenterLoginJob::readAbout()
{
    if (endIfCancelled())
        return;
    setProgress(0.7, Tr::tr("Reading the product version"));
    m_soap->retrieveServiceContent(this, [this](Result<ServiceContent> r) {
        if (r) {
            m_info.product = r->fullName;
            m_info.apiVersion = r->apiVersion;
        } else {
            mutableReport().add(Evidence::Kind::Note, Tr::tr("The SOAP service content is not offered here."),
                                r.error().message);
        }
        mutableReport().add(Evidence::Kind::Note, Tr::tr("vCenter"),
                            u"product %1, API %2, appliance %3 %4, session user %5"_s.arg(
                                m_info.product, m_info.apiVersion, m_info.applianceVersion,
                                m_info.applianceBuild, m_info.sessionUser));
        end({});
    });
}

void VCenterLoginJob::onCancel()
{
    if (m_connection) {
        m_connection->abandon(this);
        m_connection->http()->cancel(m_soap);
    }
    if (m_client)
        m_client->cancel();
}

void VCenterLoginJob::setConnection(VCenterConnection *connection)
{
    m_connection = connection;
}

} // namespace vlab
