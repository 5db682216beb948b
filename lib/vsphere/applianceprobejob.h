#pragma once
// ApplianceProbeJob: the read-only look at one appliance whose install was cut off half way
// (the program ended while vcsa-deploy ran), made before a resume is offered:
//  - Busy when a vcsa-deploy (the same installer program) still runs on this machine making
//    this appliance (its template names the appliance's FQDN) or one whose template cannot be
//    read: a second install would race it (Linux: /proc; elsewhere not checked);
//  - Present when the appliance answers on port 443 as itself: the certificate it serves names
//    its FQDN or address (a PSC or vCenter serves its machine certificate there from first
//    boot on), so it exists, finished or half made, and installing it again makes a second;
//  - Absent when nothing answers, or something else does (a certificate for another name).
// Nothing is sent over the connection (the TLS handshake only; no trust is needed to look).

#include "jobs/outcomecheck.h"
#include "jobs/threadedjob.h"

#include <chrono>
#include <memory>

namespace vlab {

struct ApplianceProbeRequest
{
    QString installer; // the vcsa-deploy executable the install ran
    QString name;      // the VM name
    QString fqdn;      // the appliance's system name
    QString ip;        // its address (empty: the FQDN is connected to)
    QString host;      // the ESXi host or vCenter it was deployed on
    quint16 port = 443;
    std::chrono::milliseconds timeout{3000};
};

class ApplianceProbeJob : public ThreadedJob
{
    Q_OBJECT
public:
    explicit ApplianceProbeJob(ApplianceProbeRequest request, QObject *parent = nullptr);
    // Valid once the job succeeded.
    OutcomeCheck outcome() const { return *m_outcome; }

protected:
    Work makeWork() override;

private:
    ApplianceProbeRequest m_request;
    std::shared_ptr<OutcomeCheck> m_outcome; // written by the worker, read after the finish
};

// The processes running `installer` (as the program or the script an interpreter runs), with
// the appliance FQDN their template names (empty when it cannot be read). Linux only (empty
// elsewhere); this process is left out.
struct RunningInstaller
{
    qint64 pid = 0;
    QString fqdn;
};
QList<RunningInstaller> runningInstallers(const QString &installer);

} // namespace vlab
