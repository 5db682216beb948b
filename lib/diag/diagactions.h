#pragma once
// DiagActions: the Diagnostics step's live work for the wizard's page, the `vlab diag tcp`
// verb and the audit's tcp area alike (Calamares' Config::createJobs()): the ports looked at
// by default, the project's known_hosts, the request and the TcpDiagJob of each source, and
// whose SSH password may be kept once it worked. The front ends gather input, show the report
// and hand the job to a run session (the run panel's, or the CLI runner's).

#include "diag/tcpdiagjob.h"
#include "plan/labplan.h"

namespace vlab {

class DiagActions
{
public:
    // `projectFolder` empty: no project (the known_hosts is the current folder's).
    explicit DiagActions(const QString &projectFolder);

    QString projectFolder() const { return m_projectFolder; }

    // The service ports looked at unless the user names others: the plan's
    // loadBalancer.ports, else the PSC ports.
    static QList<int> defaultPorts(const LabPlan &plan);
    // The known_hosts file SSH checks and records host keys in: the project's, else the
    // current folder's.
    QString knownHostsFile() const;
    // root on one of the plan's PSCs: the password is the PSC appliances' root password, kept
    // once it worked (another user's or another host's is asked each time).
    static bool isPscRoot(const LabPlan &plan, const SshEndpoint &endpoint);

    // This machine's sockets (/proc/net/tcp and tcp6).
    static TcpDiagRequest localRequest(const TcpReportOptions &options);
    // A saved capture (ss -tan, netstat -ant or /proc/net/tcp[6]).
    static TcpDiagRequest fileRequest(const QString &file, const TcpReportOptions &options);
    // A host over SSH. `connection.knownHostsFile` empty: knownHostsFile().
    TcpDiagRequest sshRequest(SshConnectOptions connection, const SshCredentials &credentials,
                              const TcpReportOptions &options) const;

    // The job of `request`; the caller owns it (normally through a JobQueue).
    static TcpDiagJob *createTcpJob(const TcpDiagRequest &request);

private:
    QString m_projectFolder;
};

} // namespace vlab
