#include "vsphere/dvsjob.h"

#include "core/tr.h"

#include <QTimer>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
const QString kXsiNs = QString::fromLatin1(kXsiNamespace);
} // namespace

QStringList dvsUplinkNames(int count)
{
    QStringList names;
    for (int i = 1; i <= count; ++i)
        names << u"Uplink %1"_s.arg(i);
    return names;
}

DvsCreateJob::DvsCreateJob(const VCenterEndpoint &endpoint, const DistributedSwitch &vds,
                           const QString &datacenter, QObject *parent)
    : DvsSessionJob(
        Tr::tr("Create the Distributed Switch %1").arg(vds.name),
        Tr::tr("Creates the switch (MTU %1, %2 uplinks) and its %3 port group(s) in %4 over the vSphere API.")
            .arg(QString::number(vds.mtu), QString::number(vds.uplinks),
                 QString::number(vds.portGroups.size()), endpoint.url.host()),
        endpoint, vds, datacenter, parent)
{
    QStringList groups;
    for (const PortGroup &g : vds.portGroups)
        groups << Tr::tr("%1 (VLAN %2)").arg(g.name, QString::number(g.vlan));
    setPlannedChanges(endpoint.url.authority(),
                      {Tr::tr("Create the Distributed Switch %1 (version %2, MTU %3, %4 uplinks) in %5")
                           .arg(vds.name, vds.version, QString::number(vds.mtu), QString::number(vds.uplinks),
                                datacenter.isEmpty() ? Tr::tr("the only datacenter")
                                                     : Tr::tr("the datacenter %1").arg(datacenter)),
                       Tr::tr("Add the port groups %1").arg(groups.join(u", "_s)),
                       Tr::tr("A switch or port group that exists already is left as it is")});
    setKey(u"vds.create"_s);
}

DvsCreateJob::~DvsCreateJob() = default;

void DvsCreateJob::networkRead()
{
    takeReadBack();
    createSwitch();
}

void DvsCreateJob::takeReadBack()
{
    const DvsNetworkState &state = network();
    if (!state.switchRef.isNull())
        m_switch = state.switchRef;
    m_outcome.maxMtuReadBack = state.maxMtu;
    m_outcome.readBack = state.portGroups;
}

void DvsCreateJob::createSwitch()
{
    if (stopIfCancelled())
        return;
    // Decide everything before changing anything: a port group name used by another switch
    // stops the job here, with nothing created.
    m_toCreate.clear();
    m_outcome.switchExisted = !m_switch.isNull();
    QStringList conflicts;
    for (const PortGroup &pg : std::as_const(plannedSwitch().portGroups)) {
        const auto it = std::find_if(m_outcome.readBack.cbegin(), m_outcome.readBack.cend(),
                                     [&](const DvsPortGroupState &s) { return s.name == pg.name; });
        if (it == m_outcome.readBack.cend()) {
            m_toCreate.append(pg);
        } else if (m_switch.isNull() || it->switchRef != m_switch.value) {
            conflicts << pg.name;
        } else if (it->vlan != pg.vlan) {
            m_outcome.mismatched << pg.name;
            note(Tr::tr("Port group %1 already exists with VLAN %2, not %3: left as it is; change it in the "
                        "vSphere Client if the plan is right.")
                     .arg(pg.name, QString::number(it->vlan), QString::number(pg.vlan)));
        } else {
            m_outcome.existing << pg.name;
            note(Tr::tr("Port group %1 (VLAN %2) already exists: not created again.")
                     .arg(pg.name, QString::number(pg.vlan)));
        }
    }
    if (!conflicts.isEmpty())
        return fail(
            makeError(u"vds.conflict"_s,
                      Tr::tr("The datacenter already has port group(s) named %1 on another switch; port "
                             "group names are unique per datacenter. Rename them in the plan or in "
                             "vCenter. Nothing was created.")
                          .arg(conflicts.join(u", "_s))));
    if (!m_switch.isNull()) {
        m_outcome.switchRef = m_switch.value;
        m_outcome.switchType = m_switch.type;
        note(Tr::tr("The switch %1 already exists (%2): not created again.")
                 .arg(plannedSwitch().name, m_switch.value));
        return addPortGroup(0);
    }

    setProgress(0.2, Tr::tr("Creating the switch %1").arg(plannedSwitch().name));
    const DistributedSwitch vds = plannedSwitch();
    soap()->call(
        u"CreateDVS_Task"_s, networkFolder(),
        [vds](QXmlStreamWriter &w, bool) {
            // Element order follows the WSDL (DVSCreateSpec, VMwareDVSConfigSpec): vCenter checks it.
            w.writeStartElement(u"spec"_s);
            w.writeStartElement(u"configSpec"_s);
            w.writeAttribute(kXsiNs, u"type"_s, u"VMwareDVSConfigSpec"_s);
            w.writeTextElement(u"name"_s, vds.name);
            w.writeStartElement(u"uplinkPortPolicy"_s);
            w.writeAttribute(kXsiNs, u"type"_s, u"DVSNameArrayUplinkPortPolicy"_s);
            for (const QString &uplink : dvsUplinkNames(vds.uplinks))
                w.writeTextElement(u"uplinkPortName"_s, uplink);
            w.writeEndElement();
            w.writeTextElement(u"maxMtu"_s, QString::number(vds.mtu));
            w.writeEndElement();
            if (!vds.version.isEmpty()) {
                w.writeStartElement(u"productInfo"_s);
                w.writeTextElement(u"version"_s, vds.version);
                w.writeEndElement();
            }
            w.writeEndElement();
        },
        this,
        [this](Result<XmlElement> r) {
            if (!r)
                return fail(r.error());
            waitForTask(moRefOf(&*r), Tr::tr("Creating the switch %1").arg(plannedSwitch().name), 0.2, 0.45,
                        [this](const XmlElement &info) {
                            m_switch = moRefOf(info.child(u"result"_s));
                            if (m_switch.isNull())
                                return fail(makeError(u"vds.task"_s,
                                                      Tr::tr("vCenter created the switch "
                                                             "but did not say which it is.")));
                            m_outcome.switchRef = m_switch.value;
                            m_outcome.switchType = m_switch.type;
                            note(Tr::tr("Created the switch %1 (%2, MTU %3, %4 uplinks)")
                                     .arg(plannedSwitch().name, m_switch.value,
                                          QString::number(plannedSwitch().mtu),
                                          QString::number(plannedSwitch().uplinks)));
                            addPortGroup(0);
                        });
        });
}

void DvsCreateJob::addPortGroup(qsizetype index)
{
    if (stopIfCancelled())
        return;
    if (index >= m_toCreate.size())
        return readNetworkFolder(0.92, [this] {
            takeReadBack();
            verify();
        });
    const PortGroup pg = m_toCreate.at(index);
    const qreal share = 0.45 / qreal(m_toCreate.size());
    const qreal from = 0.45 + share * qreal(index);
    setProgress(from, Tr::tr("Adding port group %1 (VLAN %2)").arg(pg.name, QString::number(pg.vlan)));
    soap()->call(
        u"AddDVPortgroup_Task"_s, m_switch,
        [pg](QXmlStreamWriter &w, bool) {
            w.writeStartElement(u"spec"_s);
            w.writeTextElement(u"name"_s, pg.name);
            w.writeTextElement(u"numPorts"_s, u"8"_s);
            w.writeStartElement(u"defaultPortConfig"_s);
            w.writeAttribute(kXsiNs, u"type"_s, u"VMwareDVSPortSetting"_s);
            w.writeStartElement(u"vlan"_s);
            w.writeAttribute(kXsiNs, u"type"_s, u"VmwareDistributedVirtualSwitchVlanIdSpec"_s);
            w.writeTextElement(u"inherited"_s, u"false"_s);
            w.writeTextElement(u"vlanId"_s, QString::number(pg.vlan));
            w.writeEndElement();
            w.writeEndElement();
            // Static binding with elastic ports, as the vSphere Client creates them.
            w.writeTextElement(u"type"_s, u"earlyBinding"_s);
            w.writeTextElement(u"autoExpand"_s, u"true"_s);
            w.writeEndElement();
        },
        this,
        [this, pg, index, from, share](Result<XmlElement> r) {
            if (!r)
                return fail(r.error());
            waitForTask(
                moRefOf(&*r), Tr::tr("Adding port group %1").arg(pg.name), from, from + share,
                [this, pg, index](const XmlElement &) {
                    m_outcome.created << pg.name;
                    note(Tr::tr("Added port group %1 (VLAN %2)").arg(pg.name, QString::number(pg.vlan)));
                    addPortGroup(index + 1);
                });
        });
}

void DvsCreateJob::verify()
{
    if (stopIfCancelled())
        return;
    // What vCenter now holds, compared with the plan.
    QStringList missing;
    for (const PortGroup &pg : std::as_const(plannedSwitch().portGroups)) {
        const auto it = std::find_if(
            m_outcome.readBack.cbegin(), m_outcome.readBack.cend(),
            [&](const DvsPortGroupState &s) { return s.name == pg.name && s.switchRef == m_switch.value; });
        if (it == m_outcome.readBack.cend())
            missing << pg.name;
        else if (it->vlan != pg.vlan && !m_outcome.mismatched.contains(pg.name))
            missing << Tr::tr("%1 (VLAN %2 instead of %3)")
                           .arg(pg.name, QString::number(it->vlan), QString::number(pg.vlan));
    }
    QStringList seen;
    for (const DvsPortGroupState &s : std::as_const(m_outcome.readBack)) {
        if (s.switchRef == m_switch.value)
            seen << u"%1 (VLAN %2)"_s.arg(s.name, QString::number(s.vlan));
    }
    mutableReport().add(
        Evidence::Kind::Note, Tr::tr("Read back from vCenter"),
        u"switch %1 (%2), maxMtu %3; port groups: %4"_s.arg(
            plannedSwitch().name, m_switch.value,
            m_outcome.maxMtuReadBack < 0 ? u"not reported"_s : QString::number(m_outcome.maxMtuReadBack),
            seen.join(u", "_s)));
    if (!missing.isEmpty())
        return fail(makeError(u"vds.verify"_s,
                              Tr::tr("vCenter does not show the port group(s) %1 on %2 after "
                                     "creating them.")
                                  .arg(missing.join(u", "_s), plannedSwitch().name)));
    if (m_outcome.maxMtuReadBack >= 0 && m_outcome.maxMtuReadBack != plannedSwitch().mtu)
        note(Tr::tr("The switch reports MTU %1, the plan says %2.")
                 .arg(QString::number(m_outcome.maxMtuReadBack), QString::number(plannedSwitch().mtu)));
    end({});
}

void DvsCreateJob::waitForTask(const MoRef &task, const QString &what, qreal from, qreal to,
                               std::function<void(const XmlElement &info)> next)
{
    if (task.isNull())
        return fail(makeError(u"vds.task"_s, Tr::tr("%1: vCenter returned no task.").arg(what)));
    mutableReport().add(Evidence::Kind::Note, Tr::tr("Waiting for task %1").arg(task.value), what);
    pollTask(task, what, from, to, std::move(next));
}

void DvsCreateJob::pollTask(const MoRef &task, const QString &what, qreal from, qreal to,
                            std::function<void(const XmlElement &info)> next)
{
    soap()->retrieve(
        collector(), task, false, {{u"Task"_s, {u"info"_s}}}, this,
        [this, task, what, from, to, next = std::move(next)](Result<QList<ObjectContent>> r) {
            if (!r)
                return fail(r.error());
            const XmlElement *info = r->isEmpty() ? nullptr : r->constFirst().prop(u"info"_s);
            if (!info)
                return fail(
                    makeError(u"vds.task"_s, Tr::tr("%1: the task %2 vanished.").arg(what, task.value)));
            const QString state = info->childText(u"state"_s);
            if (state == u"success"_s) {
                setProgress(to, what);
                return next(*info);
            }
            if (state == u"error"_s) {
                const XmlElement *error = info->child(u"error"_s);
                const QString message = error ? error->childText(u"localizedMessage"_s) : QString();
                const XmlElement *fault = error ? error->child(u"fault"_s) : nullptr;
                const QString type = fault ? fault->xsiType() : QString();
                return fail(makeError(u"vds.task."_s + (type.isEmpty() ? u"error"_s : type),
                                      message.isEmpty() ? Tr::tr("%1 failed (%2).").arg(what, type)
                                                        : Tr::tr("%1 failed: %2").arg(what, message),
                                      u"task %1: %2 %3"_s.arg(task.value, type, message)));
            }
            const int percent = info->childText(u"progress"_s).toInt();
            setProgress(from + (to - from) * qBound(0, percent, 100) / 100.0,
                        u"%1 (%2%)"_s.arg(what, QString::number(percent)));
            QTimer::singleShot(m_pollInterval, this, [this, task, what, from, to, next] {
                if (isEnding() || stopIfCancelled())
                    return;
                pollTask(task, what, from, to, next);
            });
        });
}

void DvsCreateJob::fail(const Error &error)
{
    // What this run made stays in vCenter: say what, and the ways on (Create again reuses what
    // exists; the switch deleted takes its port groups with it).
    QStringList made;
    if (!m_outcome.switchExisted && !m_outcome.switchRef.isEmpty())
        made << Tr::tr("the switch %1 (%2)").arg(plannedSwitch().name, m_outcome.switchRef);
    if (!m_outcome.created.isEmpty())
        made << Tr::tr("the port group(s) %1").arg(m_outcome.created.join(u", "_s));
    Error e = error;
    if (!made.isEmpty())
        e.message += u' '
            + Tr::tr("This run created %1, which stay in vCenter. To finish, press \"Create the switch in "
                     "vCenter\" on the "
                     "Distributed Switch page again (or run vlab vds create): what exists is reused, not "
                     "made twice. To "
                     "remove it instead, delete the switch %2 in the vSphere Client (Networking, right-click "
                     "it, Delete), which removes its port groups too.")
                  .arg(made.join(Tr::tr(" and ")), plannedSwitch().name);
    end(e);
}

} // namespace vlab
