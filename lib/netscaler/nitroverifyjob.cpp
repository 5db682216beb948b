#include "netscaler/nitroverifyjob.h"

#include "core/tr.h"

#include <QJsonArray>

#include <optional>

using namespace Qt::StringLiterals;

namespace vlab {

NitroVerifyJob::NitroVerifyJob(const LbConfig &config, const NitroTarget &target, const QString &password,
                               QObject *parent)
    : NitroJob(Tr::tr("Verify the load-balancing configuration"), target, password, parent)
    , m_config(config)
    , m_objects(nitroObjects(config))
{
    setKey(u"netscaler.verify"_s);
}

void NitroVerifyJob::work()
{
    setProgress(0.1, Tr::tr("Reading feature state"));
    call("GET", nitroPath(u"nsfeature"_s), {}, Tr::tr("Read the enabled features"),
         [this](const Reply &reply) {
             const bool lb = nitroLbEnabled(reply.json);
             setProgress(0.3, Tr::tr("Reading services, virtual servers and the persistency group"));
             readState(nitroTypeOrder(), [this, lb](const NitroState &state) { check(state, lb); });
         });
}

void NitroVerifyJob::check(const NitroState &state, bool lbEnabled)
{
    if (!lbEnabled) {
        ++m_problems;
        log(Tr::tr("The load-balancing feature is off: virtual servers exist but balance nothing. "
                   "Enable it with 'enable ns feature LB'."));
    }
    auto find = [&](const NitroObject &o) -> std::optional<QJsonObject> {
        for (const QJsonObject &r : state.value(o.type)) {
            if (r.value(nitroKeyAttribute(o.type)).toString() == o.name())
                return r;
        }
        return std::nullopt;
    };
    for (const NitroObject &o : std::as_const(m_objects)) {
        const NitroDiffItem d = diffObject(o, state);
        if (d.action == NitroDiffItem::Action::Create) {
            ++m_problems;
            addResult(o, u"missing"_s, Tr::tr("not on the NetScaler"));
            continue;
        }
        if (d.action == NitroDiffItem::Action::Conflict) {
            ++m_problems;
            addResult(o, u"differs"_s, d.reason);
            continue;
        }
        QString stateKey;
        if (o.type == u"service"_s)
            stateKey = u"svrstate"_s;
        else if (o.type == u"lbvserver"_s)
            stateKey = u"curstate"_s;
        if (stateKey.isEmpty()) {
            addResult(o, u"present"_s);
            continue;
        }
        const QString current = find(o).value_or(QJsonObject{}).value(stateKey).toString();
        if (current.compare(u"UP"_s, Qt::CaseInsensitive) == 0) {
            addResult(o, u"UP"_s);
        } else {
            ++m_problems;
            addResult(o, current.isEmpty() ? u"unknown"_s : current,
                      o.type == u"service"_s ? Tr::tr(
                          "the NetScaler cannot reach the PSC on this port: check the PSC and the SNIP's "
                          "route to it")
                                             : Tr::tr("no bound service is UP"));
        }
    }
    // Members of the group beyond the plan's are drift too.
    const QString group = m_config.group.name;
    for (const QJsonObject &r : state.value(u"lbgroup_lbvserver_binding"_s)) {
        if (r.value(u"name"_s).toString() == group
            && !m_config.group.vservers.contains(r.value(u"vservername"_s).toString())) {
            ++m_problems;
            addResult(NitroObject{u"lbgroup_lbvserver_binding"_s, r}, u"unexpected"_s,
                      Tr::tr("bound to the group but not in the plan"));
        }
    }
    setSummary(m_problems == 0 ? Tr::tr("Everything is UP and as planned.")
                               : Tr::tr("%n problem(s) found.", nullptr, m_problems));
    setProgress(1.0);
    if (m_problems == 0)
        done({});
    else
        done(makeError(u"nitro.verify"_s,
                       Tr::tr("Verification found %n problem(s); see the results.", nullptr, m_problems)));
}

} // namespace vlab
