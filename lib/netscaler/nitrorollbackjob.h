#pragma once
// NitroRollbackJob: undoes what an apply recorded: removes its objects in reverse dependency
// order, disables a feature it enabled (load balancing) when no other virtual server is left
// to use it, then saves the configuration.

#include "netscaler/nitrojob.h"
#include "netscaler/nitrorecord.h"

namespace vlab {

class NitroRollbackJob : public NitroJob
{
    Q_OBJECT
public:
    NitroRollbackJob(const NitroRecord &record, const NitroTarget &target, const QString &password,
                     QObject *parent = nullptr);
    // What is still to undo after the run (everything, when it never got to work).
    const NitroRecord &remaining() const { return m_remaining; }

protected:
    void work() override;

private:
    void undoFeatures();
    void saveIfChanged();
    void finishUp();

    NitroRecord m_record;
    NitroRecord m_remaining;
    bool m_changed = false;
    QString m_featureNote;
};

} // namespace vlab
