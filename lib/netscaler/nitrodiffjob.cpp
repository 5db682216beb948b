#include "netscaler/nitrodiffjob.h"

#include "core/tr.h"

using namespace Qt::StringLiterals;

namespace vlab {

NitroDiffJob::NitroDiffJob(const LbConfig &config, const NitroTarget &target, const QString &password,
                           QObject *parent)
    : NitroDiffJob(nitroObjects(config), target, password, parent)
{
}

NitroDiffJob::NitroDiffJob(QList<NitroObject> objects, const NitroTarget &target, const QString &password,
                           QObject *parent)
    : NitroJob(Tr::tr("Compare the NetScaler with the plan"), target, password, parent)
    , m_objects(std::move(objects))
{
    setKey(u"netscaler.diff"_s);
}

bool NitroDiffJob::hasDrift() const
{
    return std::any_of(m_diff.cbegin(), m_diff.cend(),
                       [](const NitroDiffItem &i) { return i.action != NitroDiffItem::Action::Correct; });
}

void NitroDiffJob::work()
{
    setProgress(0.2, Tr::tr("Reading the NetScaler's objects"));
    readState(nitroTypeOrder(), [this](const NitroState &state) {
        m_diff = diffObjects(m_objects, state);
        int creates = 0, conflicts = 0;
        for (const NitroDiffItem &item : std::as_const(m_diff)) {
            addResult(item.object, diffActionName(item.action), item.reason);
            creates += item.action == NitroDiffItem::Action::Create;
            conflicts += item.action == NitroDiffItem::Action::Conflict;
        }
        setSummary(Tr::tr("%1 to create, %2 correct, %3 conflicting")
                       .arg(QString::number(creates), QString::number(m_diff.size() - creates - conflicts),
                            QString::number(conflicts)));
        setProgress(1.0);
        done({});
    });
}

} // namespace vlab
