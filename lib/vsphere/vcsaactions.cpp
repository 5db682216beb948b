#include "vsphere/vcsaactions.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace vlab {

Result<VcsaDeployRequest> vcsaDeployRequest(const LabPlan &plan, VcsaRole role,
                                            const VcsaInstallSettings &settings)
{
    const Result<QString> installer = findVcsaDeploy(settings.isoFolder);
    if (!installer)
        return installer.error();
    const Result<QByteArray> json =
        renderVcsaTemplate(plan, role, VcsaVersion::V67, std::nullopt, settings.templateOptions);
    if (!json)
        return json.error();
    VcsaDeployRequest request;
    request.role = role;
    request.installer = *installer;
    request.templateJson = *json;
    request.secrets = settings.secrets;
    request.logRoot = QDir(settings.projectFolder).filePath(u"logs"_s);
    request.precheckOnly = settings.precheckOnly;
    request.noSslVerification = settings.noSslVerification;
    return request;
}

Result<VcsaDeployJob *> createVcsaDeployJob(const LabPlan &plan, VcsaRole role,
                                            const VcsaInstallSettings &settings)
{
    const Result<VcsaDeployRequest> request = vcsaDeployRequest(plan, role, settings);
    if (!request)
        return request.error();
    auto *job = new VcsaDeployJob(*request);
    job->setTimeout(settings.timeout);
    return job;
}

} // namespace vlab
