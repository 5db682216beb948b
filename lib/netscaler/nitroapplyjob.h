#pragma once
// NitroApplyJob: creates what the plan needs and the NetScaler lacks, then saves the
// configuration. It writes only the difference:
//  - When something of ours may already be there (the project's record of created objects is
//    not empty, or an earlier apply was cut off: setReadFirst), it reads everything first
//    (features, the SNIP, one request per object type) and writes only what is missing; an
//    unchanged lab costs no write at all.
//  - On a NetScaler without our objects it adds at once, one bulk request per object type, and
//    learns whether load balancing is off from the warning NITRO gives when a virtual server is
//    added without it (?warning=yes, 1067). Should an object turn out to exist after all, it
//    stops writing, reads everything and goes on with the difference.
// Load balancing is switched on last, only when every object is in place. A conflicting object
// is reported and never changed; before the job fails, everything this run created is removed
// again (and a feature it enabled disabled), so the NetScaler is as it was.

#include "netscaler/nitrojob.h"
#include "netscaler/nitrorecord.h"

namespace vlab {

struct RunJournal;

class NitroApplyJob : public NitroJob
{
    Q_OBJECT
public:
    NitroApplyJob(const LbConfig &config, const NitroTarget &target, const QString &password,
                  QObject *parent = nullptr);
    // Read the NetScaler before writing anything (the record says objects of ours exist, or a
    // previous apply was cut off).
    void setReadFirst(bool readFirst) { m_readFirst = readFirst; }
    bool readFirst() const { return m_readFirst; }

    // What this run created and that is still there (after a failure: what the automatic
    // rollback could not remove), and the features it enabled.
    const QList<NitroObject> &created() const { return m_record.objects; }
    const NitroRecord &record() const { return m_record; }

    // After an apply was cut off: which of the plan's objects exist on the NetScaler now
    // (a comparison, read only). Applying again is harmless: it writes only what is missing.
    OutcomeProbe outcomeProbe() const override;

Q_SIGNALS:
    // After every change on the NetScaler (objects added, a feature enabled, or either undone by
    // the automatic rollback): what this run has created so far, for a record that survives a
    // crash.
    void createdChanged(const vlab::NitroRecord &created);

protected:
    void work() override;

private:
    enum class Lb { Unknown, On, Off };

    void checkSnipThenAdd();
    void readEverything();
    void planFromState(const NitroState &state);
    void addType(int index);
    void addedType(int index, const QList<NitroObject> &batch, const Reply &reply);
    void finishFeatures();
    void enableLb();
    void save();
    void failWithoutChanges(const QStringList &conflicts);
    void rollBackAndFail(const Error &error);
    void disableFeaturesThenFail(const Error &error);
    void markCreated(const NitroObject &object);

    QList<NitroObject> m_objects; // the plan's, in dependency order
    QList<NitroObject> m_pending; // still to add
    NitroRecord m_record;         // what this run created
    bool m_readFirst = false;
    bool m_stateRead = false;
    Lb m_lb = Lb::Unknown;
};

// Whether the project's run journal shows an apply that was cut off half way (the last record
// of a "netscaler.apply" job says it was running): its objects may exist without a record, so the
// next apply reads first.
bool nitroApplyWasCutOff(const RunJournal &journal);

} // namespace vlab
