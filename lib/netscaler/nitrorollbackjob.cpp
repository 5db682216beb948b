#include "netscaler/nitrorollbackjob.h"

#include "core/tr.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vlab {

NitroRollbackJob::NitroRollbackJob(const NitroRecord &record, const NitroTarget &target,
                                   const QString &password, QObject *parent)
    : NitroJob(Tr::tr("Remove the load-balancing configuration"), target, password, parent)
    , m_record{removalOrder(record.objects), record.features}
    , m_remaining(m_record)
{
    setKey(u"netscaler.rollback"_s);
    QStringList changes = describeNitroChanges(m_record.objects, true);
    if (!m_record.features.isEmpty())
        changes
            << Tr::tr(
                   "Switch off the features Apply switched on (%1), unless another virtual server uses them")
                   .arg(m_record.features.join(u", "_s));
    changes << Tr::tr("Save the running configuration (save ns config)");
    setPlannedChanges(target.address(), changes);
}

void NitroRollbackJob::work()
{
    setProgress(0.1, Tr::tr("Removing %n object(s)", nullptr, int(m_record.objects.size())));
    removeObjects(m_record.objects, [this](const QList<NitroObject> &left) {
        m_remaining.objects = left;
        m_changed = std::any_of(results().cbegin(), results().cend(),
                                [](const NitroObjectResult &r) { return r.state == u"removed"_s; });
        if (isCancelRequested() || !left.isEmpty() || m_record.features.isEmpty()) {
            saveIfChanged();
            return;
        }
        undoFeatures();
    });
}

// The apply switched load balancing on. Switching it off is safe only when no virtual server is
// left that balances with it (someone may have added their own since).
void NitroRollbackJob::undoFeatures()
{
    setProgress(0.8, Tr::tr("Checking whether anything else uses load balancing"));
    call(
        "GET", nitroPath(u"lbvserver"_s, {}, u"count=yes"_s), {}, Tr::tr("Count the virtual servers"),
        [this](const Reply &reply) {
            const QJsonValue first = reply.json.value(u"lbvserver"_s).toArray().at(0);
            const int others = first.toObject().value(u"__count"_s).toVariant().toInt();
            if (others > 0) {
                m_featureNote = Tr::tr("Load balancing stays enabled: %n other virtual server(s) use it.",
                                       nullptr, others);
                log(m_featureNote);
                m_remaining.features.clear(); // not ours to undo any more
                saveIfChanged();
                return;
            }
            const QJsonObject body{
                {u"nsfeature"_s, QJsonObject{{u"feature"_s, QJsonArray::fromStringList(m_record.features)}}}};
            call("POST", nitroPath(u"nsfeature"_s, {}, u"action=disable"_s), body,
                 Tr::tr("Disable the features the apply enabled"), [this](const Reply &) {
                     m_featureNote =
                         Tr::tr("Feature(s) %1 disabled again.").arg(m_record.features.join(u", "_s));
                     log(m_featureNote);
                     m_remaining.features.clear();
                     m_changed = true;
                     saveIfChanged();
                 });
        });
}

void NitroRollbackJob::saveIfChanged()
{
    if (!m_changed || isCancelRequested()) {
        finishUp();
        return;
    }
    call("POST", nitroPath(u"nsconfig"_s, {}, u"action=save"_s), QJsonObject{{u"nsconfig"_s, QJsonObject{}}},
         Tr::tr("Save the configuration"), [this](const Reply &) { finishUp(); });
}

void NitroRollbackJob::finishUp()
{
    if (!m_remaining.objects.isEmpty()) {
        done(makeError(u"nitro.rollback"_s,
                       Tr::tr("%n object(s) could not be removed; see the results.", nullptr,
                              int(m_remaining.objects.size()))));
        return;
    }
    // Said as it happened: objects someone removed already are not counted as removed now.
    const auto count = [this](const QString &state) {
        return int(std::count_if(results().cbegin(), results().cend(),
                                 [&state](const NitroObjectResult &r) { return r.state == state; }));
    };
    const int removed = count(u"removed"_s);
    const int gone = count(u"gone"_s);
    QString summary = removed == 0
        ? Tr::tr("Nothing removed: the %n recorded object(s) were already gone.", nullptr, gone)
        : Tr::tr("Removed %n object(s)", nullptr, removed)
            + (gone > 0 ? u' ' + Tr::tr("(%n more were already gone)", nullptr, gone) : QString())
            + Tr::tr("; the NetScaler is as it was before Apply.");
    if (!m_featureNote.isEmpty())
        summary += u' ' + m_featureNote;
    setSummary(summary);
    setProgress(1.0);
    done({});
}

} // namespace vlab
