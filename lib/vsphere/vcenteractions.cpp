#include "vsphere/vcenteractions.h"

#include "net/trustedpins.h"
#include "validate/planvalidator.h"

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
constexpr std::chrono::minutes kDvsTimeout{10};
constexpr std::chrono::minutes kVchaDeployTimeout{90};
} // namespace

VCenterActions::VCenterActions(const QString &projectFolder)
    : m_projectFolder(projectFolder)
{
}

Result<QByteArray> VCenterActions::confirmedPin(const QUrl &url) const
{
    if (m_projectFolder.isEmpty())
        return QByteArray();
    const Result<TrustedPins> pins = TrustedPins::load(m_projectFolder);
    if (!pins)
        return pins.error();
    return pins->pin(url.host(), quint16(url.port(443)));
}

VCenterLoginJob *VCenterActions::createLoginJob(const VCenterEndpoint &endpoint) const
{
    return new VCenterLoginJob(endpoint);
}

Result<DvsCreateJob *> VCenterActions::createDvsJob(const VCenterEndpoint &endpoint, const LabPlan &plan,
                                                    const QString &datacenter) const
{
    if (plan.vds.name.isEmpty())
        return makeError(u"vds.missing"_s,
                         QStringLiteral("the plan has no Distributed Switch (vds.name is empty)"));
    auto *job =
        new DvsCreateJob(endpoint, plan.vds, datacenter.isEmpty() ? plan.target.datacenter : datacenter);
    job->setTimeout(kDvsTimeout);
    return job;
}

Result<DvsInspectJob *> VCenterActions::createDvsInspectJob(const VCenterEndpoint &endpoint,
                                                            const LabPlan &plan,
                                                            const QString &datacenter) const
{
    if (plan.vds.name.isEmpty())
        return makeError(u"vds.missing"_s,
                         QStringLiteral("the plan has no Distributed Switch (vds.name is empty)"));
    return new DvsInspectJob(endpoint, plan.vds, datacenter.isEmpty() ? plan.target.datacenter : datacenter);
}

VchaJob *VCenterActions::createVchaJob(VchaAction action, const VCenterEndpoint &endpoint,
                                       const LabPlan &plan) const
{
    auto *job = new VchaJob(action, endpoint, plan);
    if (action == VchaAction::Deploy)
        job->setTimeout(kVchaDeployTimeout);
    return job;
}

Findings VCenterActions::vchaBlockers(const LabPlan &plan)
{
    Findings blockers;
    for (const Finding &f : validatePlan(plan)) {
        if (f.severity == Severity::Error && (f.path.startsWith(u"vcha."_s) || f.path == u"vcenter.size"_s))
            blockers << f;
    }
    return blockers;
}

bool VCenterActions::loggedIn(const Job &job)
{
    if (job.result().ok())
        return true;
    // Without the VCHA REST API the job logged in and then found the call missing.
    const auto *vcha = qobject_cast<const VchaJob *>(&job);
    return vcha && vcha->restMissing();
}

Result<void> VCenterActions::keepFingerprint(const VCenterEndpoint &endpoint) const
{
    if (endpoint.pin.isEmpty() || m_projectFolder.isEmpty())
        return {};
    return TrustedPins::keep(m_projectFolder, endpoint.url.host(), quint16(endpoint.url.port(443)),
                             endpoint.pin);
}

} // namespace vlab
