#pragma once
// LoginShellJob: the approved step that makes bash root's login shell on one appliance, so
// that SFTP works (remote/applianceshell.h). It changes the appliance; the undo command is in
// its evidence and shown to the user before it runs. Before a certificate replacement it can
// first take the replacement's look at the served certificate: a PSC that serves the new leaf
// already needs no file transfer, and its login shell is left as it is (the job ends skipped).

#include "jobs/threadedjob.h"
#include "remote/certmanagerjob.h"
#include "remote/sshsession.h"

#include <optional>

namespace vlab {

class LoginShellJob : public ThreadedJob
{
    Q_OBJECT
public:
    // `shellCommand` empty: the login shell (tests put a stand-in there).
    LoginShellJob(const QString &nodeName, const SshConnectOptions &connection,
                  const SshCredentials &credentials, const QString &shellCommand = {},
                  QObject *parent = nullptr);

    // Skip the change when the PSC of `replacement` serves its new leaf already.
    void skipWhenServed(const CertReplacementRequest &replacement) { m_replacement = replacement; }

protected:
    Work makeWork() override;

private:
    std::optional<CertReplacementRequest> m_replacement;
    QString m_node;
    SshConnectOptions m_connection;
    SshCredentials m_credentials;
    QString m_shellCommand;
};

} // namespace vlab
