#pragma once
// LoginShellJob: the approved step that makes bash root's login shell on one appliance, so
// that SFTP works (remote/applianceshell.h). It changes the appliance; the undo command is in
// its evidence and shown to the user before it runs.

#include "jobs/threadedjob.h"
#include "remote/sshsession.h"

namespace vlab {

class LoginShellJob : public ThreadedJob
{
    Q_OBJECT
public:
    // `shellCommand` empty: the login shell (tests put a stand-in there).
    LoginShellJob(const QString &nodeName, const SshConnectOptions &connection,
                  const SshCredentials &credentials, const QString &shellCommand = {},
                  QObject *parent = nullptr);

protected:
    Work makeWork() override;

private:
    QString m_node;
    SshConnectOptions m_connection;
    SshCredentials m_credentials;
    QString m_shellCommand;
};

} // namespace vlab
