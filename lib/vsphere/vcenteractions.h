#pragma once
// VCenterActions: the live work of the vCenter, VCHA and Distributed Switch steps for the
// wizard's pages and the `vlab vcenter|vcha|vds` verbs alike (Calamares' Config::createJobs()):
// the certificate fingerprint confirmed before in the project, the jobs with the same limits
// in both front ends (a VCHA deployment may take 90 minutes, a switch 10), what in the plan
// blocks VCHA, and keeping a fingerprint once a job logged in with it.

#include "core/finding.h"
#include "core/result.h"
#include "plan/labplan.h"
#include "vsphere/dvsinspectjob.h"
#include "vsphere/dvsjob.h"
#include "vsphere/vcenterclient.h"
#include "vsphere/vcenterloginjob.h"
#include "vsphere/vchajob.h"

namespace vlab {

class VCenterActions
{
public:
    explicit VCenterActions(const QString &projectFolder);

    // The SHA-256 fingerprint confirmed for `url` in the project (vlab-trust.json), or empty.
    Result<QByteArray> confirmedPin(const QUrl &url) const;

    VCenterLoginJob *createLoginJob(const VCenterEndpoint &endpoint) const;
    // `datacenter`: the one to hold the switch; empty: the plan's target.datacenter, else the
    // only one. Error "vds.missing" when the plan has no switch.
    Result<DvsCreateJob *> createDvsJob(const VCenterEndpoint &endpoint, const LabPlan &plan,
                                        const QString &datacenter = {}) const;
    // The read-only look at the plan's switch (the audit's), in the same datacenter as
    // createDvsJob() chooses. Error "vds.missing" when the plan has no switch.
    Result<DvsInspectJob *> createDvsInspectJob(const VCenterEndpoint &endpoint, const LabPlan &plan,
                                                const QString &datacenter = {}) const;
    VchaJob *createVchaJob(VchaAction action, const VCenterEndpoint &endpoint, const LabPlan &plan) const;

    // What in the plan keeps VCHA from being deployed (size, HA subnet, addresses): the error
    // findings of vcha.* and vcenter.size.
    static Findings vchaBlockers(const LabPlan &plan);

    // Whether `job` logged in with its endpoint (so its password and fingerprint worked).
    static bool loggedIn(const Job &job);
    // Keeps the endpoint's fingerprint (when it has one) as confirmed in the project.
    Result<void> keepFingerprint(const VCenterEndpoint &endpoint) const;

private:
    QString m_projectFolder;
};

} // namespace vlab
