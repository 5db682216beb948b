#include "netscaler/nitromodel.h"

#include "core/tr.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

const QString kNsip = u"nsip"_s;
const QString kServer = u"server"_s;
const QString kService = u"service"_s;
const QString kVserver = u"lbvserver"_s;
const QString kVsBinding = u"lbvserver_service_binding"_s;
const QString kGroup = u"lbgroup"_s;
const QString kGroupBinding = u"lbgroup_lbvserver_binding"_s;

// The attribute naming the bound end of a binding type.
QString boundAttribute(const QString &type)
{
    if (type == kVsBinding)
        return u"servicename"_s;
    if (type == kGroupBinding)
        return u"vservername"_s;
    return {};
}

// NITRO returns numbers sometimes as JSON numbers and sometimes as strings, and enums in
// upper case: compare the text, ignoring case.
QString text(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(value.toInteger());
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    return value.toString();
}

bool same(const QJsonValue &a, const QJsonValue &b)
{
    return text(a).compare(text(b), Qt::CaseInsensitive) == 0;
}

const QJsonObject *findByKey(const QList<QJsonObject> &records, const QString &key, const QString &value)
{
    for (const QJsonObject &r : records) {
        if (r.value(key).toString() == value)
            return &r;
    }
    return nullptr;
}

} // namespace

QString nitroKeyAttribute(const QString &type)
{
    return type == kNsip ? u"ipaddress"_s : u"name"_s;
}

QByteArray nitroAddVerb(const QString &type)
{
    return boundAttribute(type).isEmpty() ? QByteArrayLiteral("POST") : QByteArrayLiteral("PUT");
}

QString NitroObject::name() const
{
    return attributes.value(nitroKeyAttribute(type)).toString();
}

QString NitroObject::boundTo() const
{
    const QString attribute = boundAttribute(type);
    return attribute.isEmpty() ? QString() : attributes.value(attribute).toString();
}

QString NitroObject::label() const
{
    if (isBinding())
        return Tr::tr("binding %1 -> %2").arg(name(), boundTo());
    if (type == kNsip)
        return Tr::tr("subnet IP %1").arg(name());
    return type + u' ' + name();
}

QString nitroTypeDescription(const QString &type)
{
    if (type == kNsip)
        return Tr::tr("the subnet IP the NetScaler talks to the PSCs from");
    if (type == kServer)
        return Tr::tr("the PSCs as back-end servers");
    if (type == kService)
        return Tr::tr("one service per PSC and port");
    if (type == kVserver)
        return Tr::tr("the load-balanced virtual servers");
    if (type == kVsBinding)
        return Tr::tr("the services bound to their virtual servers");
    if (type == kGroup)
        return Tr::tr("the persistency group");
    if (type == kGroupBinding)
        return Tr::tr("the virtual servers in the persistency group");
    return type;
}

const QStringList &nitroTypeOrder()
{
    static const QStringList order{kNsip, kServer, kService, kVserver, kVsBinding, kGroup, kGroupBinding};
    return order;
}

QStringList describeNitroChanges(const QList<NitroObject> &objects, bool remove)
{
    QStringList order = nitroTypeOrder();
    if (remove)
        std::reverse(order.begin(), order.end());
    QStringList lines;
    for (const QString &type : std::as_const(order)) {
        QStringList names;
        for (const NitroObject &o : objects) {
            if (o.type == type)
                names << (o.isBinding() ? o.name() + u" -> "_s + o.boundTo() : o.name());
        }
        if (names.isEmpty())
            continue;
        // What a person recognises first, the NITRO resource type (what the NetScaler's own
        // CLI and GUI call it) in brackets.
        lines << (remove ? Tr::tr("Remove %1 (%2): %3") : Tr::tr("Create %1 (%2): %3"))
                     .arg(nitroTypeDescription(type), type, names.join(u", "_s));
    }
    return lines;
}

QList<NitroObject> nitroObjects(const LbConfig &config)
{
    QList<NitroObject> objects;
    if (!config.snip.ip.isEmpty())
        objects.append({kNsip,
                        QJsonObject{{u"ipaddress"_s, config.snip.ip},
                                    {u"netmask"_s, config.snip.netmask},
                                    {u"type"_s, u"SNIP"_s}}});
    for (const NsServer &s : config.servers)
        objects.append({kServer, QJsonObject{{u"name"_s, s.name}, {u"ipaddress"_s, s.ip}}});
    for (const NsService &s : config.services)
        objects.append({kService,
                        QJsonObject{{u"name"_s, s.name},
                                    {u"servername"_s, s.server},
                                    {u"servicetype"_s, u"TCP"_s},
                                    {u"port"_s, s.port}}});
    for (const NsVserver &v : config.vservers)
        objects.append({kVserver,
                        QJsonObject{{u"name"_s, v.name},
                                    {u"servicetype"_s, u"TCP"_s},
                                    {u"ipv46"_s, v.ip},
                                    {u"port"_s, v.port}}});
    for (const NsBinding &b : config.bindings)
        objects.append({kVsBinding, QJsonObject{{u"name"_s, b.vserver}, {u"servicename"_s, b.service}}});
    objects.append({kGroup,
                    QJsonObject{{u"name"_s, config.group.name},
                                {u"persistencetype"_s, config.group.persistenceType},
                                {u"timeout"_s, config.group.timeoutMinutes}}});
    for (const QString &vs : config.group.vservers)
        objects.append({kGroupBinding, QJsonObject{{u"name"_s, config.group.name}, {u"vservername"_s, vs}}});
    return objects;
}

QString diffActionName(NitroDiffItem::Action action)
{
    switch (action) {
    case NitroDiffItem::Action::Create:
        return u"create"_s;
    case NitroDiffItem::Action::Correct:
        return u"correct"_s;
    case NitroDiffItem::Action::Conflict:
        return u"conflict"_s;
    }
    return {};
}

NitroDiffItem diffObject(const NitroObject &object, const NitroState &state)
{
    NitroDiffItem item{object, NitroDiffItem::Action::Create, {}};
    const QList<QJsonObject> records = state.value(object.type);
    auto conflict = [&](const QString &reason) {
        item.action = NitroDiffItem::Action::Conflict;
        item.reason = reason;
        return item;
    };

    if (object.isBinding()) {
        const QString bound = boundAttribute(object.type);
        for (const QJsonObject &r : records) {
            if (r.value(bound).toString() != object.boundTo())
                continue;
            if (r.value(u"name"_s).toString() == object.name()) {
                item.action = NitroDiffItem::Action::Correct;
                return item;
            }
            if (object.type == kGroupBinding)
                return conflict(
                    Tr::tr("virtual server %1 is already in persistency group %2; a virtual server "
                           "belongs to one group only. Unbind it there first or change the plan's "
                           "namePrefix.")
                        .arg(object.boundTo(), r.value(u"name"_s).toString()));
        }
        return item;
    }

    // Which attributes must match, and which must not be used by another object.
    QStringList compared;
    if (object.type == kNsip)
        compared = {u"type"_s, u"netmask"_s};
    else if (object.type == kServer)
        compared = {u"ipaddress"_s};
    else if (object.type == kService)
        compared = {u"servername"_s, u"servicetype"_s, u"port"_s};
    else if (object.type == kVserver)
        compared = {u"servicetype"_s, u"ipv46"_s, u"port"_s};
    else if (object.type == kGroup)
        compared = {u"persistencetype"_s, u"timeout"_s};

    if (const QJsonObject *existing = findByKey(records, nitroKeyAttribute(object.type), object.name())) {
        QStringList differences;
        for (const QString &key : std::as_const(compared)) {
            const QJsonValue have = existing->value(key);
            const QJsonValue want = object.attributes.value(key);
            if (!same(have, want))
                differences << Tr::tr("%1 is %2, the plan wants %3")
                                   .arg(key, have.isUndefined() ? Tr::tr("(not set)") : text(have),
                                        text(want));
        }
        if (differences.isEmpty()) {
            item.action = NitroDiffItem::Action::Correct;
            return item;
        }
        if (object.type == kNsip)
            return conflict(
                Tr::tr("%1 already exists on the NetScaler with other settings: %2. It is left as it "
                       "is; the NetScaler needs a SNIP in the PSCs' network: change the address on the "
                       "NetScaler or the plan's loadBalancer.snip.")
                    .arg(object.label(), differences.join(u"; "_s)));
        return conflict(
            Tr::tr("%1 already exists with other settings: %2. It is left as it is; rename or remove "
                   "it on the NetScaler, or change the plan's namePrefix.")
                .arg(object.label(), differences.join(u"; "_s)));
    }

    // NetScaler refuses a second server for one address and a second virtual server on one
    // address and port.
    for (const QJsonObject &r : records) {
        if (object.type == kServer && same(r.value(u"ipaddress"_s), object.attributes.value(u"ipaddress"_s)))
            return conflict(Tr::tr("address %1 already belongs to server %2; NetScaler allows one server per "
                                   "address. Rename that server to %3 or remove it.")
                                .arg(text(object.attributes.value(u"ipaddress"_s)),
                                     r.value(u"name"_s).toString(), object.name()));
        if (object.type == kVserver && same(r.value(u"ipv46"_s), object.attributes.value(u"ipv46"_s))
            && same(r.value(u"port"_s), object.attributes.value(u"port"_s))
            && same(r.value(u"servicetype"_s), object.attributes.value(u"servicetype"_s)))
            return conflict(Tr::tr("%1:%2 is already served by virtual server %3.")
                                .arg(text(object.attributes.value(u"ipv46"_s)),
                                     text(object.attributes.value(u"port"_s)),
                                     r.value(u"name"_s).toString()));
    }
    return item;
}

QList<NitroDiffItem> diffObjects(const QList<NitroObject> &objects, const NitroState &state)
{
    QList<NitroDiffItem> items;
    items.reserve(objects.size());
    for (const NitroObject &o : objects)
        items.append(diffObject(o, state));
    return items;
}

Result<QJsonObject> parseNitroReply(int httpStatus, const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return QJsonObject{};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        const QString start = QString::fromUtf8(body.left(120)).simplified();
        return makeError(
            u"nitro.reply"_s,
            Tr::tr("The NetScaler answered HTTP %1 with something that is not a NITRO reply (%2 bytes, "
                   "starting '%3'). Check that the address is the NSIP and that nothing (a proxy, "
                   "another service) answers in its place.")
                .arg(QString::number(httpStatus), QString::number(body.size()), start),
            error.errorString());
    }
    return doc.object();
}

NitroStatus nitroStatus(const QJsonObject &reply)
{
    return NitroStatus{reply.value(u"errorcode"_s).toInt(), reply.value(u"message"_s).toString(),
                       reply.value(u"severity"_s).toString()};
}

Error nitroError(const QString &what, int httpStatus, const NitroStatus &status)
{
    QString advice;
    switch (status.errorcode) {
    case NitroCode::BadLogin:
        advice = Tr::tr("Check the user name and the password (VLAB_NS_PASSWORD).");
        break;
    case NitroCode::SessionExpired:
        advice = Tr::tr("The NITRO session ended (timeout or someone cleared it); run the step again.");
        break;
    case NitroCode::NotAuthorized:
        advice = Tr::tr("The user lacks the rights for this; use nsroot or a user with a superuser "
                        "command policy.");
        break;
    case NitroCode::ResourceExists:
        advice = Tr::tr("Run 'diff' to see how the existing object differs from the plan.");
        break;
    case NitroCode::NoSuchResource:
        advice = Tr::tr("An object it depends on is missing; run 'diff' to see the NetScaler's state.");
        break;
    case NitroCode::InvalidArgument:
    case NitroCode::InvalidValue:
        advice = Tr::tr("The NetScaler rejects a value from the plan; check the named field.");
        break;
    default:
        advice = httpStatus >= 500
            ? Tr::tr("The NetScaler had an internal problem; look at its ns.log and try again.")
            : Tr::tr("See the NetScaler's ns.log for details.");
        break;
    }
    const QString code = status.errorcode ? u"nitro."_s + QString::number(status.errorcode) : u"nitro.http"_s;
    const QString message = status.errorcode
        ? Tr::tr("%1: NetScaler said '%2' (NITRO error %3, HTTP %4). %5")
              .arg(what, status.message, QString::number(status.errorcode), QString::number(httpStatus),
                   advice)
        : Tr::tr("%1: the NetScaler answered HTTP %2. %3").arg(what, QString::number(httpStatus), advice);
    return makeError(code, message);
}

bool nitroLbEnabled(const QJsonObject &reply)
{
    const QJsonValue value = reply.value(u"nsfeature"_s);
    const QJsonObject feature = value.isArray() ? value.toArray().at(0).toObject() : value.toObject();
    const QJsonArray list = feature.value(u"feature"_s).toArray();
    return feature.value(u"lb"_s).toBool() || std::any_of(list.begin(), list.end(), [](const QJsonValue &v) {
               return v.toString().compare(u"LB"_s, Qt::CaseInsensitive) == 0
                   || v.toString().compare(u"LoadBalancing"_s, Qt::CaseInsensitive) == 0;
           });
}

bool isLbNotEnabledWarning(const QString &warning)
{
    return warning.contains(QString::number(NitroCode::FeatureNotEnabled)) && warning.contains(u"[LB]"_s);
}

QList<QJsonObject> nitroRecords(const QJsonObject &reply, const QString &type)
{
    QList<QJsonObject> records;
    for (const QJsonValue &v : reply.value(type).toArray())
        records.append(v.toObject());
    return records;
}

QList<NitroStatus> bulkItemResults(int httpStatus, const QJsonObject &reply, int itemCount)
{
    const NitroStatus overall = nitroStatus(reply);
    if (httpStatus >= 200 && httpStatus < 300 && (overall.errorcode == 0 || httpStatus == 209))
        return QList<NitroStatus>(itemCount, NitroStatus{0, overall.message, overall.severity});
    const QJsonArray items = reply.value(u"response"_s).toArray();
    // With X-NITRO-ONERROR: continue (what the jobs send) there is one result per item.
    if (overall.errorcode == NitroCode::BulkFailed && items.size() == itemCount) {
        QList<NitroStatus> results;
        for (const QJsonValue &v : items)
            results.append(nitroStatus(v.toObject()));
        return results;
    }
    return QList<NitroStatus>(
        itemCount, overall.errorcode ? overall : NitroStatus{-1, Tr::tr("HTTP %1").arg(httpStatus), {}});
}

QString nitroPath(const QString &type, const QString &name, const QString &query)
{
    QString path = u"/nitro/v1/config/"_s + type;
    if (!name.isEmpty())
        path += u'/' + QString::fromLatin1(QUrl::toPercentEncoding(name));
    if (!query.isEmpty())
        path += u'?' + query;
    return path;
}

QString nitroDeletePath(const NitroObject &object)
{
    // NITRO reference (nsip page): DELETE /nitro/v1/config/nsip/<ipaddress>.
    if (!object.isBinding())
        return nitroPath(object.type, object.name());
    return nitroPath(object.type, object.name(),
                     u"args="_s + boundAttribute(object.type) + u':'
                         + QString::fromLatin1(QUrl::toPercentEncoding(object.boundTo())));
}

} // namespace vlab
