#pragma once
// The appliance installs (PSC 1, PSC 2, the vCenter) made once for the wizard's PSC install
// page, `vlab vcsa run` and the whole-lab run (project/labbuild): the installer found under
// the mounted ISO, the template rendered from the plan, the logs under the project folder,
// and the same time limit in every front end. What each front end still does itself is
// getting the passwords (fields, the environment or a prompt) and saying the outcome.

#include "core/result.h"
#include "plan/labplan.h"
#include "vsphere/vcsadeployjob.h"

#include <chrono>

namespace vlab {

struct VcsaInstallSettings
{
    QString isoFolder;     // the mounted VCSA ISO (or its vcsa-cli-installer folder)
    VcsaSecrets secrets;   // memory only
    QString projectFolder; // the run's logs go to <projectFolder>/logs
    bool precheckOnly = false;
    bool noSslVerification = false;
    VcsaTemplateOptions templateOptions;
    // An install of a 6.7 appliance takes 30-60 minutes; two hours leaves room for a slow
    // datastore without waiting forever on a hung installer.
    std::chrono::milliseconds timeout = std::chrono::hours(2);
};

// The request for `role`: fails when the installer is not under the ISO folder
// ("vcsa.installer.*") or the plan cannot make the role's template (naming the plan field).
Result<VcsaDeployRequest> vcsaDeployRequest(const LabPlan &plan, VcsaRole role,
                                            const VcsaInstallSettings &settings);

// The install job of `role`, with the settings' time limit (the caller owns it).
Result<VcsaDeployJob *> createVcsaDeployJob(const LabPlan &plan, VcsaRole role,
                                            const VcsaInstallSettings &settings);

} // namespace vlab
