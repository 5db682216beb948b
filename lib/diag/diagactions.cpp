#include "diag/diagactions.h"

#include "remote/hostkeys.h"

#include <QDir>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vlab {

DiagActions::DiagActions(const QString &projectFolder)
    : m_projectFolder(projectFolder)
{
}

QList<int> DiagActions::defaultPorts(const LabPlan &plan)
{
    return plan.loadBalancer.ports.isEmpty() ? standardPscPorts() : plan.loadBalancer.ports;
}

QString DiagActions::knownHostsFile() const
{
    return defaultKnownHostsFile(m_projectFolder.isEmpty() ? QDir::currentPath() : m_projectFolder);
}

bool DiagActions::isPscRoot(const LabPlan &plan, const SshEndpoint &endpoint)
{
    if (endpoint.user != u"root"_s)
        return false;
    return std::any_of(plan.psc.begin(), plan.psc.end(), [&](const PscNode &node) {
        return endpoint.host.compare(node.fqdn, Qt::CaseInsensitive) == 0 || endpoint.host == node.ip;
    });
}

TcpDiagRequest DiagActions::localRequest(const TcpReportOptions &options)
{
    TcpDiagRequest request;
    request.source = TcpDiagRequest::Source::Local;
    request.options = options;
    return request;
}

TcpDiagRequest DiagActions::fileRequest(const QString &file, const TcpReportOptions &options)
{
    TcpDiagRequest request;
    request.source = TcpDiagRequest::Source::File;
    request.file = file;
    request.options = options;
    return request;
}

TcpDiagRequest DiagActions::sshRequest(SshConnectOptions connection, const SshCredentials &credentials,
                                       const TcpReportOptions &options) const
{
    TcpDiagRequest request;
    request.source = TcpDiagRequest::Source::Ssh;
    if (connection.knownHostsFile.isEmpty())
        connection.knownHostsFile = knownHostsFile();
    request.connection = std::move(connection);
    request.credentials = credentials;
    request.options = options;
    return request;
}

TcpDiagJob *DiagActions::createTcpJob(const TcpDiagRequest &request)
{
    return new TcpDiagJob(request);
}

} // namespace vlab
