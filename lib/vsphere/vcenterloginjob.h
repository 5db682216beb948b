#pragma once
// VCenterLoginJob: the vCenter step's live check. Opens a REST session, reads what the
// target tells about itself (the appliance version where /rest/appliance offers it, the
// product line from the SOAP service content otherwise), and closes the session again.
// Absent reads are noted, not failures: a 6.7 appliance has them, a simulator may not.

#include "jobs/sessionjob.h"
#include "vsphere/vcenterclient.h"

#include <QPointer>

namespace vlab {

class SoapClient;
class VCenterConnection;

struct VCenterInfo
{
    QString sessionUser;      // as the session reports it; empty when not offered
    QString product;          // "VMware vCenter Server 6.7.0 build-..." (SOAP about.fullName)
    QString apiVersion;       // SOAP about.apiVersion
    QString applianceVersion; // /rest/appliance/system/version: version, empty when not offered
    QString applianceBuild;
    QString fingerprint; // SHA-256 of the certificate it presented
};

class VCenterLoginJob : public SessionJob
{
    Q_OBJECT
public:
    explicit VCenterLoginJob(const VCenterEndpoint &endpoint, QObject *parent = nullptr);
    // The endpoint this job uses (what a page keeps once the job succeeded).
    const VCenterEndpoint &endpoint() const { return m_endpoint; }
    ~VCenterLoginJob() override;

    const VCenterInfo &info() const { return m_info; }
    // Logs in through `connection` (shared with other jobs, which logs out once the last of them
    // ends) instead of opening and closing a session of its own. Before start().
    void setConnection(VCenterConnection *connection);

protected:
    void run() override;
    void onCancel() override;

private:
    void readSession();
    void readApplianceVersion();
    void readAbout();

    VCenterEndpoint m_endpoint;
    VCenterClient *m_client = nullptr;
    SoapClient *m_soap = nullptr;
    QPointer<VCenterConnection> m_connection;
    VCenterInfo m_info;
};

} // namespace vlab
