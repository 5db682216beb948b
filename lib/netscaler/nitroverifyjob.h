#pragma once
// NitroVerifyJob: checks the applied configuration on the NetScaler (read only).

#include "netscaler/nitrojob.h"

namespace vlab {

// Checks the applied configuration: LB feature on, services UP, virtual servers UP, bindings
// present, persistency group with the planned type, timeout and members. Fails when
// anything differs.
class NitroVerifyJob : public NitroJob
{
    Q_OBJECT
public:
    NitroVerifyJob(const LbConfig &config, const NitroTarget &target, const QString &password,
                   QObject *parent = nullptr);
    int problemCount() const { return m_problems; }

protected:
    void work() override;

private:
    void check(const NitroState &state, bool lbEnabled);

    LbConfig m_config;
    QList<NitroObject> m_objects;
    int m_problems = 0;
};

} // namespace vlab
