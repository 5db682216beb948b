#pragma once
// PscEndpointJob: runs one command of the PSC load-balancer endpoint step (pscendpointplan.h) on
// one PSC over SSH, after the person approved it: connects with the project's host-key policy,
// refuses the appliance shell as login shell (the documented fix is its own approved step),
// runs the command (in a terminal when it needs the SSO password, which is typed at a prompt
// without echo and masked in the transcript), and succeeds only on exit status 0.
// Evidence: the host, the command (with "$VLAB_SSO_PASSWORD", never the password), the
// output or the masked terminal transcript, the exit status.

#include "jobs/threadedjob.h"
#include "remote/pscendpointplan.h"

namespace vlab {

struct PscEndpointRequest
{
    PscEndpointStep step;
    SshConnectOptions connection;
    SshCredentials credentials;
    QString ssoPassword; // when step.needsSsoPassword
    std::chrono::milliseconds promptTimeout{std::chrono::seconds(60)};
    std::chrono::milliseconds runTimeout{std::chrono::minutes(10)};
};

class PscEndpointJob : public ThreadedJob
{
    Q_OBJECT
public:
    explicit PscEndpointJob(PscEndpointRequest request, QObject *parent = nullptr);

protected:
    Work makeWork() override;

private:
    PscEndpointRequest m_request;
};

} // namespace vlab
