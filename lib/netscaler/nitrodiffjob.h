#pragma once
// NitroDiffJob: reads the NetScaler and compares it with the plan (read only).

#include "netscaler/nitrojob.h"

namespace vlab {

// Reads the NetScaler and compares it with the plan. Succeeds when the comparison could be
// made; hasDrift() says whether anything is missing or conflicting.
class NitroDiffJob : public NitroJob
{
    Q_OBJECT
public:
    NitroDiffJob(const LbConfig &config, const NitroTarget &target, const QString &password,
                 QObject *parent = nullptr);
    // Compares the given objects (nitroObjects() of a configuration).
    NitroDiffJob(QList<NitroObject> objects, const NitroTarget &target, const QString &password,
                 QObject *parent = nullptr);
    const QList<NitroDiffItem> &diff() const { return m_diff; }
    bool hasDrift() const;

protected:
    void work() override;

private:
    QList<NitroObject> m_objects;
    QList<NitroDiffItem> m_diff;
};

} // namespace vlab
