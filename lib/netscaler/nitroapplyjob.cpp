#include "netscaler/nitroapplyjob.h"

#include "core/tr.h"
#include "jobs/journal.h"
#include "jobs/outcomecheck.h"
#include "netscaler/nitrodiffjob.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

const QString kNsip = u"nsip"_s;
const QString kVserver = u"lbvserver"_s;
const QString kLb = u"LB"_s;

QJsonObject featureBody(const QStringList &features)
{
    return QJsonObject{{u"nsfeature"_s, QJsonObject{{u"feature"_s, QJsonArray::fromStringList(features)}}}};
}

} // namespace

NitroApplyJob::NitroApplyJob(const LbConfig &config, const NitroTarget &target, const QString &password,
                             QObject *parent)
    : NitroJob(Tr::tr("Apply the load-balancing configuration"), target, password, parent)
    , m_objects(nitroObjects(config))
{
    setKey(u"netscaler.apply"_s);
    QStringList changes = describeNitroChanges(m_objects, false);
    changes << Tr::tr("Enable the load-balancing feature (LB) if it is off")
            << Tr::tr("Save the running configuration (save ns config)");
    // What exists already is left alone; a conflicting object stops the run before any change.
    setPlannedChanges(target.address(), changes);
}

OutcomeProbe NitroApplyJob::outcomeProbe() const
{
    if (password().isEmpty())
        return {};
    const QString where = m_target.address();
    return {
        new NitroDiffJob(m_objects, m_target, password()), [where](const Job &finished) {
            using V = OutcomeCheck::Verdict;
            const auto &diff = static_cast<const NitroDiffJob &>(finished).diff();
            qsizetype creates = 0;
            QStringList conflicts;
            for (const NitroDiffItem &item : diff) {
                creates += item.action == NitroDiffItem::Action::Create;
                if (item.action == NitroDiffItem::Action::Conflict)
                    conflicts << item.object.name();
            }
            const QString total = QString::number(diff.size());
            if (!conflicts.isEmpty())
                return OutcomeCheck{
                    V::Partial,
                    Tr::tr("On %1, %2 of the plan's %3 objects differ from the plan (%4): "
                           "Apply stops on them without a change; correct or remove them first.")
                        .arg(where, QString::number(conflicts.size()), total, conflicts.join(u", "_s)),
                    true};
            if (creates == 0)
                return OutcomeCheck{
                    V::Present,
                    Tr::tr("All %1 of the plan's objects exist on %2 and match the plan.").arg(total, where),
                    true};
            if (creates == diff.size())
                return OutcomeCheck{
                    V::Absent, Tr::tr("None of the plan's %1 objects exists on %2.").arg(total, where), true};
            return OutcomeCheck{
                V::Partial,
                Tr::tr("%1 of the plan's %2 objects exist on %3 and match the plan; %4 are "
                       "missing. Apply again creates only the missing ones.")
                    .arg(QString::number(diff.size() - creates), total, where, QString::number(creates)),
                true};
        }};
}

void NitroApplyJob::work()
{
    m_pending = m_objects;
    if (m_readFirst) {
        log(Tr::tr(
            "Objects of this plan may exist already: reading the NetScaler before changing anything."));
        readEverything();
        return;
    }
    checkSnipThenAdd();
}

// A NetScaler without our objects: only the SNIP is read first (it often exists from the
// NetScaler's own set-up), everything else is added at once.
void NitroApplyJob::checkSnipThenAdd()
{
    const auto snip = std::find_if(m_pending.cbegin(), m_pending.cend(),
                                   [](const NitroObject &o) { return o.type == kNsip; });
    if (snip == m_pending.cend()) {
        addType(0);
        return;
    }
    setProgress(0.05, Tr::tr("Reading the NetScaler's subnet IPs"));
    const NitroObject object = *snip;
    readState({kNsip}, [this, object](const NitroState &state) {
        const NitroDiffItem item = diffObject(object, state);
        if (item.action == NitroDiffItem::Action::Conflict) {
            addResult(object, u"conflict"_s, item.reason);
            failWithoutChanges({item.reason});
            return;
        }
        if (item.action == NitroDiffItem::Action::Correct) {
            addResult(object, u"unchanged"_s, Tr::tr("already as planned"));
            m_pending.removeAll(object);
        }
        addType(0);
    });
}

void NitroApplyJob::readEverything()
{
    setProgress(0.05, Tr::tr("Reading the NetScaler's features and objects"));
    call(
        "GET", nitroPath(u"nsfeature"_s), {}, Tr::tr("Read the enabled features"),
        [this](const Reply &reply) {
            m_lb = nitroLbEnabled(reply.json) ? Lb::On : Lb::Off;
            readState(
                nitroTypeOrder(), [this](const NitroState &state) { planFromState(state); },
                [this](const Error &e) { rollBackAndFail(e); });
        },
        false, [this](const Error &e) { rollBackAndFail(e); });
}

void NitroApplyJob::planFromState(const NitroState &state)
{
    m_stateRead = true;
    m_pending.clear();
    QStringList conflicts;
    for (const NitroObject &o : std::as_const(m_objects)) {
        if (m_record.objects.contains(o))
            continue; // this run made it
        const NitroDiffItem item = diffObject(o, state);
        switch (item.action) {
        case NitroDiffItem::Action::Correct:
            if (std::none_of(results().cbegin(), results().cend(),
                             [&](const NitroObjectResult &r) { return r.object == o; }))
                addResult(o, u"unchanged"_s, Tr::tr("already as planned"));
            break;
        case NitroDiffItem::Action::Conflict:
            addResult(o, u"conflict"_s, item.reason);
            conflicts << item.reason;
            break;
        case NitroDiffItem::Action::Create:
            m_pending.append(o);
            break;
        }
    }
    if (!conflicts.isEmpty()) {
        if (m_record.isEmpty())
            failWithoutChanges(conflicts);
        else
            rollBackAndFail(
                makeError(u"nitro.apply"_s,
                          Tr::tr("%n object(s) conflict with the plan: %1", nullptr, int(conflicts.size()))
                              .arg(conflicts.join(u" | "_s))));
        return;
    }
    addType(0);
}

void NitroApplyJob::addType(int index)
{
    const QStringList &types = nitroTypeOrder();
    if (index == types.size()) {
        finishFeatures();
        return;
    }
    const QString type = types.at(index);
    QList<NitroObject> batch;
    QJsonArray items;
    for (const NitroObject &o : std::as_const(m_pending)) {
        if (o.type == type) {
            batch.append(o);
            items.append(o.attributes);
        }
    }
    if (batch.isEmpty()) {
        addType(index + 1);
        return;
    }
    setProgress(0.1 + 0.75 * index / types.size(),
                Tr::tr("Adding %n %1 object(s)", nullptr, int(batch.size())).arg(type));
    // Adding a virtual server while load balancing is off is done with warning 1067 "Feature(s)
    // not enabled [LB]", which tells this run whether it has to switch LB on (NITRO reference,
    // "Error and Exception Handling", warnings).
    const QString query = type == kVserver && m_lb == Lb::Unknown ? u"warning=yes"_s : QString();
    call(
        nitroAddVerb(type), nitroPath(type, {}, query), QJsonObject{{type, items}},
        Tr::tr("Add %1 objects").arg(type),
        [this, index, batch](const Reply &reply) { addedType(index, batch, reply); }, true,
        [this](const Error &e) { rollBackAndFail(e); });
}

void NitroApplyJob::addedType(int index, const QList<NitroObject> &batch, const Reply &reply)
{
    if (batch.constFirst().type == kVserver && m_lb == Lb::Unknown && isLbNotEnabledWarning(reply.warning))
        m_lb = Lb::Off;
    const QList<NitroStatus> statuses = bulkItemResults(reply.status, reply.json, int(batch.size()));
    QList<NitroObject> existing;
    QStringList problems;
    bool createdAny = false;
    for (int i = 0; i < batch.size(); ++i) {
        const NitroStatus &s = statuses.at(i);
        if (s.errorcode == 0) {
            markCreated(batch.at(i));
            createdAny = true;
        } else if (s.errorcode == NitroCode::ResourceExists && !m_stateRead) {
            existing.append(batch.at(i));
        } else {
            const QString why = s.errorcode == NitroCode::ResourceExists
                ? Tr::tr("%1: the NetScaler says it exists but did not list it.").arg(batch.at(i).label())
                : nitroError(Tr::tr("Add %1").arg(batch.at(i).label()), reply.status, s).message;
            addResult(batch.at(i), u"failed"_s, why);
            problems << why;
        }
    }
    if (createdAny)
        Q_EMIT createdChanged(m_record);
    if (!problems.isEmpty()) {
        rollBackAndFail(
            makeError(u"nitro.apply"_s,
                      Tr::tr("%n object(s) could not be applied: %1", nullptr, int(problems.size()))
                          .arg(problems.join(u" | "_s))));
        return;
    }
    if (!existing.isEmpty()) {
        // Objects of ours without a record (applied from elsewhere, or the record was lost):
        // no further blind write; read everything and go on with the difference.
        log(Tr::tr("%n object(s) exist already; reading the NetScaler before going on.", nullptr,
                   int(existing.size())));
        readEverything();
        return;
    }
    addType(index + 1);
}

void NitroApplyJob::markCreated(const NitroObject &object)
{
    m_record.objects.append(object);
    m_pending.removeAll(object);
    addResult(object, u"created"_s);
}

// Load balancing goes on last, once every object is in place: a run that fails before never
// touched it.
void NitroApplyJob::finishFeatures()
{
    switch (m_lb) {
    case Lb::Off:
        enableLb();
        return;
    case Lb::On:
        save();
        return;
    case Lb::Unknown:
        // No virtual server was added with the warning asked for (or no warning came): read it.
        call(
            "GET", nitroPath(u"nsfeature"_s), {}, Tr::tr("Read the enabled features"),
            [this](const Reply &reply) {
                m_lb = nitroLbEnabled(reply.json) ? Lb::On : Lb::Off;
                finishFeatures();
            },
            false, [this](const Error &e) { rollBackAndFail(e); });
        return;
    }
}

void NitroApplyJob::enableLb()
{
    setProgress(0.9, Tr::tr("Enabling load balancing"));
    call(
        "POST", nitroPath(u"nsfeature"_s, {}, u"action=enable"_s), featureBody({kLb}),
        Tr::tr("Enable load balancing"),
        [this](const Reply &) {
            m_lb = Lb::On;
            m_record.features.append(kLb);
            log(Tr::tr("Load balancing (feature LB) enabled."));
            Q_EMIT createdChanged(m_record);
            save();
        },
        false, [this](const Error &e) { rollBackAndFail(e); });
}

void NitroApplyJob::save()
{
    if (m_record.isEmpty()) {
        setSummary(Tr::tr("Nothing to change: every object is as planned."));
        setProgress(1.0);
        done({});
        return;
    }
    setProgress(0.95, Tr::tr("Saving the configuration"));
    call("POST", nitroPath(u"nsconfig"_s, {}, u"action=save"_s), QJsonObject{{u"nsconfig"_s, QJsonObject{}}},
         Tr::tr("Save the configuration"), [this](const Reply &) {
             const int created = int(m_record.objects.size());
             setSummary(
                 m_record.features.contains(kLb)
                     ? Tr::tr("Created %n object(s), enabled load balancing and saved the configuration.",
                              nullptr, created)
                     : Tr::tr("Created %n object(s) and saved the configuration.", nullptr, created));
             setProgress(1.0);
             done({});
         });
}

void NitroApplyJob::failWithoutChanges(const QStringList &conflicts)
{
    done(makeError(u"nitro.apply"_s,
                   Tr::tr("%n object(s) conflict with the plan: %1", nullptr, int(conflicts.size()))
                           .arg(conflicts.join(u" | "_s))
                       + u' ' + Tr::tr("Nothing was changed; the NetScaler is as it was.")));
}

void NitroApplyJob::rollBackAndFail(const Error &error)
{
    if (m_record.isEmpty()) {
        Error e = error;
        if (e.code == u"nitro.apply"_s)
            e.message += u' ' + Tr::tr("Nothing was changed; the NetScaler is as it was.");
        done(e);
        return;
    }
    if (isCancelRequested() || isTransportError(error)) {
        Error e = error;
        e.message += u' '
            + Tr::tr("%n object(s) this run created remain on the NetScaler (recorded). When it answers "
                     "again, remove them with Roll back on the Load balancer page, or with 'vlab netscaler "
                     "rollback PLAN --nsip ADDRESS' on the command line.",
                     nullptr, int(m_record.objects.size()));
        done(e);
        return;
    }
    setProgress(0.9, Tr::tr("Removing what this run created"));
    log(Tr::tr("Rolling back: removing the %n object(s) this run created", nullptr,
               int(m_record.objects.size())));
    removeObjects(removalOrder(m_record.objects), [this, error](const QList<NitroObject> &left) {
        m_record.objects = left;
        Q_EMIT createdChanged(m_record);
        disableFeaturesThenFail(error);
    });
}

void NitroApplyJob::disableFeaturesThenFail(const Error &error)
{
    const auto fail = [this, error] {
        Error e = error;
        e.message += u' '
            + (m_record.isEmpty()
                   ? Tr::tr("Everything this run created was removed again; the NetScaler is as it was.")
                   : Tr::tr("%n object(s) could not be removed and remain on the NetScaler (recorded; see "
                            "the results). Remove them with Roll back on the Load balancer page, or with "
                            "'vlab netscaler rollback PLAN --nsip ADDRESS' on the command line.",
                            nullptr, int(m_record.objects.size())));
        done(e);
    };
    if (m_record.features.isEmpty() || !m_record.objects.isEmpty()) {
        fail();
        return;
    }
    call(
        "POST", nitroPath(u"nsfeature"_s, {}, u"action=disable"_s), featureBody(m_record.features),
        Tr::tr("Disable what this run enabled"),
        [this, fail](const Reply &) {
            log(Tr::tr("Feature(s) %1 disabled again.").arg(m_record.features.join(u", "_s)));
            m_record.features.clear();
            Q_EMIT createdChanged(m_record);
            fail();
        },
        false, [fail](const Error &) { fail(); });
}

bool nitroApplyWasCutOff(const RunJournal &journal)
{
    for (auto run = journal.runs.crbegin(); run != journal.runs.crend(); ++run) {
        for (const JournalJob &job : run->jobs) {
            if (job.key == u"netscaler.apply"_s)
                return job.state == u"running"_s;
        }
    }
    return false;
}

} // namespace vlab
