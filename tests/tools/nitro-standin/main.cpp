// vlab-nitro-standin: a STAND-IN for a Citrix NetScaler's NITRO REST API, for the tests and the
// request-count benchmark. No NetScaler can run on a test machine; this program answers like one
// for the resources vLab Wizard uses. It is strict where NetScaler is: what it accepts is read
// from a definitions file transcribed from NetScaler's own reference
// (tests/data/netscaler/nitro-resources.json, made by transcribe-nitro-reference.py next to it),
// not from vLab Wizard's client.
//
// Primary sources (docs/sources.md, "NITRO"):
//  [R] Citrix NetScaler 12.0 NITRO API reference, as copied in the repository
//      subbendumajumder/netscaler-nitro-api (commit 66cca77): one page per resource (its
//      properties, each operation's method, URL and payload, mandatory keys in bold),
//      "Performing Basic NetScaler Operations", "Performing NetScaler Resource Operations"
//      (bulk, args, filter, count), "Error and Exception Handling" (errors, bulk 207/1243,
//      warnings 209), error-messages/* (the error codes and their texts).
//  [G] NetScaler's Go SDK netscaler/adc-nitro-go (commit 2342441): the login payload
//      (username, password, timeout), session expiry 444 answered with HTTP 401, GET nsfeature
//      read as an object, bindings added with POST.
//  [A] NetScaler's Ansible collection netscaler/ansible-collection-netscaleradc (commit
//      ad99f76): 404 for "no such resource", 409 for "resource exists", bindings also PUT.
//  [P] puppetlabs-netscaler pull request 117: an attribute a resource does not have is
//      answered "HTTP 599, {errorcode 278, Invalid argument [name]}" (NetScaler 10.5).
//
// Behaviour:
//  - HTTPS only (certificate and key on the command line).
//  - POST /nitro/v1/config/login {"login":{username,password[,timeout]}} -> 201 with "sessionid"
//    and Set-Cookie NITRO_AUTH_TOKEN [R]; a wrong user or password -> 401, 354 [G].
//  - Every other request needs Cookie NITRO_AUTH_TOKEN=<session>; without a valid one -> 401,
//    444 "Session expired or killed. Please login again" [G].
//  - POST logout {"logout":{}} -> 200 [R].
//  - Add: POST <type> {"<type>": {...}} for objects, PUT (as [R] documents) or POST ([G]) for
//    bindings. Every key must be in the transcribed add payload of that type, else HTTP 599,
//    278 "Invalid argument [key]" [P]; a mandatory key missing -> 599, 1095 "Required argument
//    missing [key]"; a value of the wrong JSON type -> 599, 1097 "Invalid argument value
//    [key]"; a value outside the transcribed "Possible values" -> 599, 1074 "Invalid value
//    [key, value]"; outside the transcribed minimum/maximum -> 599, 1108/1109; a malformed
//    IPv4 address or netmask -> 599, 1110/1111 (codes and texts from [R] error-messages).
//    Success -> 201. An existing object -> 409, 273 "Resource already exists" [A]; a missing
//    referenced object -> 404, 258 "No such resource" [A].
//  - Bulk add: {"<type>": [ ... ]} with X-NITRO-ONERROR continue (every item tried, one result
//    per item), exit (the default: stop at the first failure, the answer holds only that
//    failure) or rollback (undo this request's items on a failure) -> 201 when all succeeded,
//    else 207 with 1243 "Bulk operation failed" and "response" [R].
//  - ?warning=yes: adding a virtual server while load balancing is off succeeds with HTTP 209,
//    header X-NITRO-WARNING "1067 - Feature(s) not enabled [LB]" and that warning in the payload
//    [R, "Warnings in NITRO Operations"].
//  - GET <type> (all) -> 200 with "<type>": [records] (absent when there are none); query
//    parameters args=k:v,.. and filter=k:v,.. (exact match), count=yes -> [{"__count": N}];
//    binding types only per name (<type>/<name>, with filter) or all with bulkbindings=yes [R].
//    GET <type>/<name> -> 200 or 404/258; nsip has no GET by name in [R]. A query parameter
//    the type's page does not list -> 599, 278.
//  - DELETE <type>/<name> (bindings: ?args=servicename:X or vservername:X; nsip/<address>) ->
//    200 or 404/258. Removing an object removes its bindings, as NetScaler does.
//  - GET nsfeature -> {"nsfeature": {"feature": [enabled...], "lb": bool, ...}} (an object, as
//    [G] reads it; [R] prints its payload template as a one-element array). POST
//    nsfeature?action=enable|disable {"nsfeature":{"feature":[...]}} -> 200 [R].
//  - POST nsconfig?action=save {"nsconfig":{}} -> 200; the saved configuration is kept apart
//    from the running one [R].
//  - service "svrstate" is UP unless the service or its server is named by --down; lbvserver
//    "curstate" is UP when load balancing is enabled and a bound service is UP.
//  - An operation this stand-in does not serve -> 599, 1240 "Invalid nitro action or operation".
// Choices where the sources are silent (the client must not depend on them): a second server
// on one address and a second virtual server on one address and port -> 273; binding a virtual
// server that already is in another persistency group -> 599, 1074; HTTP 599 for every
// NetScaler error that [A] and [G] do not map to 404/409/401.
//
// Faults for tests: --fault METHOD:PATH=STATUS:html|garbage|empty answers that request so;
// --fail-add NAME fails the add of objects named NAME (or bound to NAME) with 1074;
// --hang-after N reads requests after the N-th but never answers (nor logs them); --expire-after N ends all
// sessions after N authorised requests. GET /standin/state (no session) returns the running
// and saved objects, features and the request log ("METHOD PATH?QUERY"), for the tests.

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRandomGenerator>
#include <QSet>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QUrl>
#include <QUrlQuery>

#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

struct Request
{
    QByteArray method;
    QString path;
    QUrlQuery query;
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

struct Response
{
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
};

QJsonObject status(int code, const QString &message, const QString &severity = {})
{
    return QJsonObject{{u"errorcode"_s, code},
                       {u"message"_s, message},
                       {u"severity"_s, severity.isEmpty() ? (code == 0 ? u"NONE"_s : u"ERROR"_s) : severity}};
}

Response json(int http, const QJsonObject &object)
{
    return Response{http, QJsonDocument(object).toJson(QJsonDocument::Compact), {}};
}

struct Outcome
{
    int http = 201;
    int code = 0;
    QString message = u"Done"_s;
};

Outcome fail(int http, int code, const QString &message)
{
    return Outcome{http, code, message};
}

Response reply(const Outcome &o)
{
    return json(o.http, status(o.code, o.message));
}

QString boundKey(const QString &type)
{
    if (type == u"lbvserver_service_binding"_s)
        return u"servicename"_s;
    if (type == u"lbgroup_lbvserver_binding"_s)
        return u"vservername"_s;
    return {};
}

QString keyOf(const QString &type)
{
    return type == u"nsip"_s ? u"ipaddress"_s : u"name"_s;
}

QString text(const QJsonValue &v)
{
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 16);
    return v.toString();
}

// The transcribed definitions of one resource ([R]).
struct Definition
{
    QJsonObject properties;
    QJsonObject operations;

    QJsonObject operation(const QString &name) const { return operations.value(name).toObject(); }
    bool has(const QString &name) const { return operations.contains(name); }
};

class Standin : public QObject
{
public:
    QMap<QString, Definition> definitions;
    QString user;
    QString password;
    QStringList failAdd;
    QStringList down;
    QMap<QString, Response> faults; // "METHOD PATH"
    int hangAfter = -1;
    int expireAfter = -1;

    QMap<QString, QList<QJsonObject>> objects;
    QMap<QString, QList<QJsonObject>> saved;
    QStringList features;
    QSet<QString> sessions;
    QStringList requestLog;
    int authorised = 0;

    Response handle(const Request &r);

private:
    Response config(const Request &r, const QString &type, const QString &name);
    Response get(const Request &r, const QString &type, const QString &name);
    Response add(const Request &r, const QString &type, const QJsonValue &payload);
    std::optional<Outcome> checkPayload(const QString &type, const QString &operation,
                                        const QJsonObject &a) const;
    Outcome addOne(const QString &type, const QJsonObject &attrs);
    int indexOf(const QString &type, const QString &name, const QString &bound = {}) const;
    bool exists(const QString &type, const QString &name) const { return indexOf(type, name) >= 0; }
    void removeReferences(const QString &type, const QString &name);
    QJsonObject withState(const QString &type, QJsonObject record) const;
    bool serviceUp(const QJsonObject &service) const;
};

int Standin::indexOf(const QString &type, const QString &name, const QString &bound) const
{
    const QList<QJsonObject> &list = objects[type];
    const QString key = boundKey(type);
    for (int i = 0; i < list.size(); ++i) {
        if (list[i].value(keyOf(type)).toString() != name)
            continue;
        if (!key.isEmpty() && !bound.isEmpty() && list[i].value(key).toString() != bound)
            continue;
        return i;
    }
    return -1;
}

bool isIpv4(const QString &s)
{
    QHostAddress a;
    return a.setAddress(s) && a.protocol() == QAbstractSocket::IPv4Protocol && s.count(u'.') == 3;
}

bool isNetmask(const QString &s)
{
    if (!isIpv4(s))
        return false;
    const quint32 m = QHostAddress(s).toIPv4Address();
    return (~m & (~m + 1)) == 0; // contiguous ones, then zeros
}

// Checks one payload against the transcribed operation of its type.
std::optional<Outcome> Standin::checkPayload(const QString &type, const QString &operation,
                                             const QJsonObject &a) const
{
    const Definition &d = definitions[type];
    const QJsonObject op = d.operation(operation);
    const QJsonArray keys = op.value(u"payloadKeys"_s).toArray();
    const QJsonObject types = op.value(u"payloadTypes"_s).toObject();
    for (auto it = a.begin(); it != a.end(); ++it) {
        if (!keys.contains(it.key()))
            return fail(599, 278, u"Invalid argument [%1]"_s.arg(it.key()));
    }
    for (const QJsonValue &m : op.value(u"mandatory"_s).toArray()) {
        if (!a.contains(m.toString()))
            return fail(599, 1095, u"Required argument missing [%1]"_s.arg(m.toString()));
    }
    for (auto it = a.begin(); it != a.end(); ++it) {
        const QString dataType = types.value(it.key()).toString();
        const QJsonValue v = it.value();
        bool numeric = v.isDouble();
        if (v.isString())
            v.toString().toDouble(&numeric);
        if ((dataType == u"Integer"_s || dataType == u"Double"_s) && !numeric)
            return fail(599, 1097, u"Invalid argument value [%1]"_s.arg(it.key()));
        if (dataType == u"String"_s && !v.isString())
            return fail(599, 1097, u"Invalid argument value [%1]"_s.arg(it.key()));
        if (dataType == u"Boolean"_s && !v.isBool())
            return fail(599, 1097, u"Invalid argument value [%1]"_s.arg(it.key()));
        const QJsonObject property = d.properties.value(it.key()).toObject();
        const QJsonArray values = property.value(u"values"_s).toArray();
        if (!values.isEmpty()) {
            bool known = false;
            for (const QJsonValue &allowed : values)
                known = known || allowed.toString().compare(v.toString(), Qt::CaseInsensitive) == 0;
            if (!known)
                return fail(599, 1074, u"Invalid value [%1, %2]"_s.arg(it.key(), text(v)));
        }
        if (numeric) {
            const double n = v.isDouble() ? v.toDouble() : v.toString().toDouble();
            if (property.contains(u"max"_s) && n > property.value(u"max"_s).toDouble())
                return fail(599, 1108, u"Integer value exceeds maximum [%1, %2]"_s.arg(it.key(), text(v)));
            if (property.contains(u"min"_s) && n < property.value(u"min"_s).toDouble())
                return fail(599, 1109, u"Integer value below minimum [%1, %2]"_s.arg(it.key(), text(v)));
        }
        if ((it.key() == u"ipaddress"_s || it.key() == u"ipv46"_s) && !isIpv4(v.toString()))
            return fail(599, 1110, u"Invalid IP address [%1, %2]"_s.arg(it.key(), v.toString()));
        if (it.key() == u"netmask"_s && !isNetmask(v.toString()))
            return fail(599, 1111, u"Invalid netmask [%1]"_s.arg(v.toString()));
    }
    return std::nullopt;
}

Outcome Standin::addOne(const QString &type, const QJsonObject &a)
{
    if (const std::optional<Outcome> bad = checkPayload(type, u"add"_s, a))
        return *bad;
    const QString name = a.value(keyOf(type)).toString();
    const QString key = boundKey(type);
    const QString bound = key.isEmpty() ? QString() : a.value(key).toString();
    if (failAdd.contains(name) || (!bound.isEmpty() && failAdd.contains(bound)))
        return fail(599, 1074, u"Invalid value [name, %1]"_s.arg(failAdd.contains(name) ? name : bound));
    if (!key.isEmpty() && bound.isEmpty())
        return fail(599, 1095, u"Required argument missing [%1]"_s.arg(key));

    if (type == u"nsip"_s) {
        if (exists(type, name))
            return fail(409, 273, u"Resource already exists [ipaddress, %1]"_s.arg(name));
    } else if (type == u"server"_s) {
        if (exists(type, name))
            return fail(409, 273, u"Resource already exists [name, %1]"_s.arg(name));
        for (const QJsonObject &s : objects[type]) {
            if (s.value(u"ipaddress"_s) == a.value(u"ipaddress"_s))
                return fail(
                    409, 273,
                    u"Resource already exists [ipaddress, %1]"_s.arg(a.value(u"ipaddress"_s).toString()));
        }
    } else if (type == u"service"_s) {
        if (exists(type, name))
            return fail(409, 273, u"Resource already exists [name, %1]"_s.arg(name));
        if (!a.contains(u"servername"_s) && !a.contains(u"ip"_s))
            return fail(599, 1095, u"Required argument missing [serverName]"_s);
        if (a.contains(u"servername"_s) && !exists(u"server"_s, a.value(u"servername"_s).toString()))
            return fail(404, 258,
                        u"No such resource [serverName, %1]"_s.arg(a.value(u"servername"_s).toString()));
    } else if (type == u"lbvserver"_s) {
        if (exists(type, name))
            return fail(409, 273, u"Resource already exists [name, %1]"_s.arg(name));
        for (const QJsonObject &v : objects[type]) {
            if (v.value(u"ipv46"_s) == a.value(u"ipv46"_s)
                && text(v.value(u"port"_s)) == text(a.value(u"port"_s)))
                return fail(409, 273,
                            u"Resource already exists [ipv46, %1]"_s.arg(a.value(u"ipv46"_s).toString()));
        }
    } else if (type == u"lbvserver_service_binding"_s) {
        if (!exists(u"lbvserver"_s, name))
            return fail(404, 258, u"No such resource [name, %1]"_s.arg(name));
        if (!exists(u"service"_s, bound))
            return fail(404, 258, u"No such resource [serviceName, %1]"_s.arg(bound));
        if (indexOf(type, name, bound) >= 0)
            return fail(409, 273, u"Resource already exists [serviceName, %1]"_s.arg(bound));
    } else if (type == u"lbgroup"_s) {
        if (exists(type, name))
            return fail(409, 273, u"Resource already exists [name, %1]"_s.arg(name));
    } else if (type == u"lbgroup_lbvserver_binding"_s) {
        if (!exists(u"lbgroup"_s, name))
            return fail(404, 258, u"No such resource [name, %1]"_s.arg(name));
        if (!exists(u"lbvserver"_s, bound))
            return fail(404, 258, u"No such resource [vServerName, %1]"_s.arg(bound));
        if (indexOf(type, name, bound) >= 0)
            return fail(409, 273, u"Resource already exists [vServerName, %1]"_s.arg(bound));
        for (const QJsonObject &b : objects[type]) {
            if (b.value(u"vservername"_s).toString() == bound)
                return fail(599, 1074,
                            u"Invalid value [vServerName, %1 is bound to persistency group %2]"_s.arg(
                                bound, b.value(u"name"_s).toString()));
        }
    }
    QJsonObject record = a;
    // Defaults the reference documents ([R]: lbgroup persistencetype NONE, timeout 2; nsip type SNIP).
    if (type == u"lbgroup"_s) {
        record.insert(u"persistencetype"_s, a.value(u"persistencetype"_s).toString(u"NONE"_s));
        record.insert(u"timeout"_s, a.contains(u"timeout"_s) ? text(a.value(u"timeout"_s)).toInt() : 2);
    } else if (type == u"nsip"_s) {
        record.insert(u"type"_s, a.value(u"type"_s).toString(u"SNIP"_s).toUpper());
    }
    objects[type].append(record);
    return {};
}

void Standin::removeReferences(const QString &type, const QString &name)
{
    auto drop = [&](const QString &t, const QString &key) {
        objects[t].removeIf([&](const QJsonObject &o) { return o.value(key).toString() == name; });
    };
    if (type == u"server"_s) {
        QStringList services;
        for (const QJsonObject &s : objects[u"service"_s]) {
            if (s.value(u"servername"_s).toString() == name)
                services << s.value(u"name"_s).toString();
        }
        drop(u"service"_s, u"servername"_s);
        for (const QString &s : services)
            removeReferences(u"service"_s, s);
    } else if (type == u"service"_s) {
        drop(u"lbvserver_service_binding"_s, u"servicename"_s);
    } else if (type == u"lbvserver"_s) {
        drop(u"lbvserver_service_binding"_s, u"name"_s);
        drop(u"lbgroup_lbvserver_binding"_s, u"vservername"_s);
    } else if (type == u"lbgroup"_s) {
        drop(u"lbgroup_lbvserver_binding"_s, u"name"_s);
    }
}

bool Standin::serviceUp(const QJsonObject &service) const
{
    return !down.contains(service.value(u"name"_s).toString())
        && !down.contains(service.value(u"servername"_s).toString());
}

QJsonObject Standin::withState(const QString &type, QJsonObject record) const
{
    if (type == u"service"_s) {
        record.insert(u"svrstate"_s, serviceUp(record) ? u"UP"_s : u"DOWN"_s);
    } else if (type == u"lbvserver"_s) {
        bool up = false;
        if (features.contains(u"LB"_s)) {
            for (const QJsonObject &b : objects[u"lbvserver_service_binding"_s]) {
                if (b.value(u"name"_s) != record.value(u"name"_s))
                    continue;
                for (const QJsonObject &s : objects[u"service"_s]) {
                    if (s.value(u"name"_s) == b.value(u"servicename"_s) && serviceUp(s))
                        up = true;
                }
            }
        }
        record.insert(u"curstate"_s, up ? u"UP"_s : u"DOWN"_s);
    }
    return record;
}

// "k:v,k:v" of args= and filter=.
QList<QPair<QString, QString>> pairs(const QString &value)
{
    QList<QPair<QString, QString>> out;
    for (const QString &item : value.split(u',', Qt::SkipEmptyParts))
        out.append({item.section(u':', 0, 0), QUrl::fromPercentEncoding(item.section(u':', 1).toUtf8())});
    return out;
}

Response Standin::get(const Request &r, const QString &type, const QString &name)
{
    const Definition &d = definitions[type];
    const bool binding = !boundKey(type).isEmpty();
    const QString operation = name.isEmpty() ? u"get (all)"_s : u"get"_s;
    if (!d.has(operation))
        return reply(fail(599, 1240, u"Invalid nitro action or operation"_s));
    QStringList allowed;
    for (const QJsonValue &q : d.operation(operation).value(u"queryParameters"_s).toArray())
        allowed << q.toString();
    if (d.has(u"count"_s))
        allowed << u"count"_s;
    for (const auto &item : r.query.queryItems()) {
        if (!allowed.contains(item.first))
            return reply(fail(599, 278, u"Invalid argument [%1]"_s.arg(item.first)));
    }
    if (binding && name.isEmpty() && r.query.queryItemValue(u"bulkbindings"_s) != u"yes"_s)
        return reply(fail(599, 278, u"Invalid argument [name]"_s));
    const auto conditions = pairs(r.query.queryItemValue(u"args"_s, QUrl::FullyDecoded))
        + pairs(r.query.queryItemValue(u"filter"_s, QUrl::FullyDecoded));
    QJsonArray records;
    for (const QJsonObject &o : objects[type]) {
        if (!name.isEmpty() && o.value(keyOf(type)).toString() != name)
            continue;
        const QJsonObject shown = withState(type, o);
        const bool match = std::all_of(conditions.cbegin(), conditions.cend(), [&](const auto &c) {
            return text(shown.value(c.first)).compare(c.second, Qt::CaseInsensitive) == 0;
        });
        if (match)
            records.append(shown);
    }
    if (!name.isEmpty() && records.isEmpty() && !binding)
        return reply(fail(404, 258, u"No such resource [%1, %2]"_s.arg(keyOf(type), name)));
    QJsonObject out = status(0, u"Done"_s);
    if (r.query.queryItemValue(u"count"_s) == u"yes"_s)
        out.insert(type, QJsonArray{QJsonObject{{u"__count"_s, records.size()}}});
    else if (!records.isEmpty())
        out.insert(type, records);
    return json(200, out);
}

Response Standin::add(const Request &r, const QString &type, const QJsonValue &payload)
{
    const bool warn = r.query.queryItemValue(u"warning"_s) == u"yes"_s;
    const auto succeeded = [&] {
        if (warn && type == u"lbvserver"_s && !features.contains(u"LB"_s)) {
            Response w = json(209, status(1067, u"Feature(s) not enabled [LB]"_s, u"WARNING"_s));
            w.headers.append(
                qMakePair(QByteArray("X-NITRO-WARNING"), QByteArray("1067 - Feature(s) not enabled [LB]")));
            return w;
        }
        return json(201, status(0, u"Done"_s));
    };
    if (payload.isObject()) {
        const Outcome o = addOne(type, payload.toObject());
        return o.code == 0 ? succeeded() : reply(o);
    }
    if (!payload.isArray())
        return reply(fail(599, 1233, u"Invalid JSON input"_s));
    const QByteArray onError = r.headers.value("x-nitro-onerror", "exit").toLower();
    if (onError != "continue" && onError != "exit" && onError != "rollback")
        return reply(fail(599, 278, u"Invalid argument [X-NITRO-ONERROR]"_s));
    const auto before = objects;
    QJsonArray items;
    QJsonObject firstFailure;
    bool failed = false;
    for (const QJsonValue &v : payload.toArray()) {
        if (failed && onError != "continue")
            break;
        const Outcome o = addOne(type, v.toObject());
        const QJsonObject s = status(o.code, o.message);
        items.append(s);
        if (o.code != 0 && !failed)
            firstFailure = s;
        failed = failed || o.code != 0;
    }
    if (!failed)
        return succeeded();
    if (onError == "rollback")
        objects = before;
    QJsonObject out = status(1243, u"Bulk operation failed"_s);
    // continue: one result per item; exit and rollback: only the failure ([R]).
    out.insert(u"response"_s, onError == "continue" ? items : QJsonArray{firstFailure});
    return json(207, out);
}

Response Standin::config(const Request &r, const QString &type, const QString &name)
{
    const QString action = r.query.queryItemValue(u"action"_s);
    QJsonParseError parseError;
    const QJsonDocument document =
        r.body.isEmpty() ? QJsonDocument(QJsonObject{}) : QJsonDocument::fromJson(r.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return reply(fail(599, 1233, u"Invalid JSON input"_s));
    const QJsonObject body = document.object();
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != type && !body.isEmpty())
            return reply(fail(599, 1232, u"Invalid object name [%1]"_s.arg(it.key())));
    }

    if (type == u"logout"_s && r.method == "POST") {
        if (const auto bad = checkPayload(type, u"add"_s, body.value(type).toObject()))
            return reply(*bad);
        const QByteArray cookie = r.headers.value("cookie");
        sessions.remove(QString::fromLatin1(cookie.mid(cookie.indexOf('=') + 1)));
        return json(200, status(0, u"Done"_s));
    }
    if (type == u"nsfeature"_s) {
        if (r.method == "GET" && name.isEmpty() && r.query.isEmpty()) {
            QJsonObject feature{{u"feature"_s, QJsonArray::fromStringList(features)}};
            for (const char *f : {"wl", "sp", "lb", "cs", "cr", "cmp", "ssl", "gslb", "rewrite", "responder"})
                feature.insert(QString::fromLatin1(f), features.contains(QString::fromLatin1(f).toUpper()));
            QJsonObject out = status(0, u"Done"_s);
            out.insert(u"nsfeature"_s, feature);
            return json(200, out);
        }
        if (r.method == "POST" && (action == u"enable"_s || action == u"disable"_s)) {
            const QJsonObject payload = body.value(type).toObject();
            if (const auto bad = checkPayload(type, action, payload))
                return reply(*bad);
            const QJsonValue list = payload.value(u"feature"_s);
            if (!list.isArray() || list.toArray().isEmpty())
                return reply(fail(599, 1095, u"Required argument missing [feature]"_s));
            for (const QJsonValue &f : list.toArray()) {
                const QString feature = f.toString().toUpper();
                features.removeAll(feature);
                if (action == u"enable"_s)
                    features.append(feature);
            }
            return json(200, status(0, u"Done"_s));
        }
        return reply(fail(599, 1240, u"Invalid nitro action or operation"_s));
    }
    if (type == u"nsconfig"_s) {
        if (r.method == "POST" && action == u"save"_s) {
            if (const auto bad = checkPayload(type, u"save"_s, body.value(type).toObject()))
                return reply(*bad);
            saved = objects;
            return json(200, status(0, u"Done"_s));
        }
        return reply(fail(599, 1240, u"Invalid nitro action or operation"_s));
    }
    if (!definitions.contains(type) || type == u"login"_s || type == u"logout"_s)
        return reply(fail(599, 1232, u"Invalid object name [%1]"_s.arg(type)));

    const bool binding = !boundKey(type).isEmpty();
    if (r.method == "GET")
        return get(r, type, name);
    if (r.method == "DELETE") {
        if (!definitions[type].has(u"delete"_s))
            return reply(fail(599, 1240, u"Invalid nitro action or operation"_s));
        QString bound;
        const QString args = r.query.queryItemValue(u"args"_s, QUrl::FullyDecoded);
        if (!args.isEmpty()) {
            if (args.section(u':', 0, 0) != boundKey(type))
                return reply(fail(599, 278, u"Invalid argument [%1]"_s.arg(args.section(u':', 0, 0))));
            bound = args.section(u':', 1);
        }
        if (binding && bound.isEmpty())
            return reply(fail(599, 1095, u"Required argument missing [%1]"_s.arg(boundKey(type))));
        const int i = indexOf(type, name, bound);
        if (name.isEmpty() || i < 0)
            return reply(fail(404, 258, u"No such resource [%1, %2]"_s.arg(keyOf(type), name)));
        objects[type].removeAt(i);
        removeReferences(type, name);
        return json(200, status(0, u"Done"_s));
    }
    const bool addVerb = r.method == "POST" || (binding && r.method == "PUT");
    if (addVerb && action.isEmpty() && name.isEmpty())
        return add(r, type, body.value(type));
    return reply(fail(599, 1240, u"Invalid nitro action or operation"_s));
}

Response Standin::handle(const Request &r)
{
    const QString query = r.query.toString(QUrl::FullyDecoded);
    requestLog << QString::fromLatin1(r.method) + u' ' + r.path
            + (query.isEmpty() ? QString() : u'?' + query);
    const QString key = QString::fromLatin1(r.method) + u' ' + r.path;
    if (faults.contains(key))
        return faults.value(key);

    if (r.path == u"/standin/state"_s) {
        auto dump = [](const QMap<QString, QList<QJsonObject>> &map) {
            QJsonObject out;
            for (auto it = map.begin(); it != map.end(); ++it) {
                QJsonArray list;
                for (const QJsonObject &o : it.value())
                    list.append(o);
                if (!list.isEmpty())
                    out.insert(it.key(), list);
            }
            return out;
        };
        return json(200,
                    QJsonObject{{u"running"_s, dump(objects)},
                                {u"saved"_s, dump(saved)},
                                {u"features"_s, QJsonArray::fromStringList(features)},
                                {u"log"_s, QJsonArray::fromStringList(requestLog)}});
    }
    const QString prefix = u"/nitro/v1/config/"_s;
    if (!r.path.startsWith(prefix))
        return Response{404, "<html><body>Not Found</body></html>", {{"Content-Type", "text/html"}}};
    const QStringList parts = r.path.mid(prefix.size()).split(u'/');
    const QString type = parts.value(0);
    const QString name = QUrl::fromPercentEncoding(parts.value(1).toUtf8());

    if (type == u"login"_s && r.method == "POST") {
        const QJsonObject login = QJsonDocument::fromJson(r.body).object().value(u"login"_s).toObject();
        if (const auto bad = checkPayload(type, u"add"_s, login))
            return reply(*bad);
        if (login.value(u"username"_s).toString() != user || login.value(u"password"_s).toString() != password
            || password.isEmpty())
            return json(401, status(354, u"Invalid username or password"_s));
        const QString id = QString::number(QRandomGenerator::global()->generate64(), 16);
        sessions.insert(id);
        QJsonObject out = status(0, u"Done"_s);
        out.insert(u"sessionid"_s, id);
        Response response = json(201, out);
        response.headers.append(
            qMakePair(QByteArray("Set-Cookie"), "NITRO_AUTH_TOKEN=" + id.toLatin1() + "; path=/nitro/v1"));
        return response;
    }
    const QByteArray cookie = r.headers.value("cookie");
    const QString token =
        cookie.startsWith("NITRO_AUTH_TOKEN=") ? QString::fromLatin1(cookie.mid(17)) : QString();
    if (token.isEmpty() || !sessions.contains(token))
        return json(401, status(444, u"Session expired or killed. Please login again"_s));
    if (expireAfter >= 0 && ++authorised > expireAfter) {
        sessions.clear();
        return json(401, status(444, u"Session expired or killed. Please login again"_s));
    }
    return config(r, type, name);
}

class Connection : public QObject
{
public:
    Connection(QSslSocket *socket, Standin *standin, int *served)
        : m_socket(socket)
        , m_standin(standin)
        , m_served(served)
    {
        connect(socket, &QSslSocket::readyRead, this, &Connection::read);
        connect(socket, &QSslSocket::disconnected, this, &QObject::deleteLater);
        connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
    }

private:
    void read()
    {
        m_buffer += m_socket->readAll();
        while (true) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = m_buffer.left(end).split('\n');
            Request r;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            r.method = first.value(0);
            const QUrl url(QString::fromLatin1(first.value(1)));
            r.path = url.path();
            r.query = QUrlQuery(url.query());
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    r.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                     lines[i].mid(colon + 1).trimmed());
            }
            const qsizetype length = r.headers.value("content-length", "0").toLongLong();
            if (m_buffer.size() < end + 4 + length)
                return;
            r.body = m_buffer.mid(end + 4, length);
            m_buffer.remove(0, end + 4 + length);
            // The tests' own state requests are always answered and never counted.
            const bool own = r.path == u"/standin/state"_s;
            if (!own && m_standin->hangAfter >= 0 && *m_served >= m_standin->hangAfter)
                continue; // read, never answered
            if (!own)
                ++*m_served;
            const Response response = m_standin->handle(r);
            QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " NITRO\r\n";
            bool typed = false;
            for (const auto &h : response.headers) {
                out += h.first + ": " + h.second + "\r\n";
                typed = typed || h.first.compare("Content-Type", Qt::CaseInsensitive) == 0;
            }
            if (!typed)
                out += "Content-Type: application/json\r\n";
            out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n" + response.body;
            m_socket->write(out);
        }
    }

    QSslSocket *m_socket;
    Standin *m_standin;
    int *m_served;
    QByteArray m_buffer;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A stand-in for the NetScaler NITRO API, for tests (see the source)."_s);
    const QCommandLineOption certOpt(u"cert"_s, u"PEM certificate."_s, u"FILE"_s);
    const QCommandLineOption keyOpt(u"key"_s, u"PEM private key."_s, u"FILE"_s);
    const QCommandLineOption portOpt(u"port"_s, u"Port (0: any free)."_s, u"PORT"_s, u"0"_s);
    const QCommandLineOption userOpt(u"user"_s, u"NITRO user (password from VLAB_STANDIN_NS_PASSWORD)."_s,
                                     u"NAME"_s, u"nsroot"_s);
    const QCommandLineOption stateOpt(u"state"_s, u"JSON file with objects present at start."_s, u"FILE"_s);
    const QCommandLineOption faultOpt(u"fault"_s, u"METHOD:PATH=STATUS:html|garbage|empty"_s, u"SPEC"_s);
    const QCommandLineOption failOpt(u"fail-add"_s, u"Fail adding objects of this name."_s, u"NAME"_s);
    const QCommandLineOption downOpt(u"down"_s, u"Service or server that is DOWN."_s, u"NAME"_s);
    const QCommandLineOption hangOpt(u"hang-after"_s, u"Stop answering after N requests."_s, u"N"_s);
    const QCommandLineOption expireOpt(u"expire-after"_s, u"End sessions after N requests."_s, u"N"_s);
    const QCommandLineOption resourcesOpt(
        u"resources"_s, u"The transcribed NITRO definitions (tests/data/netscaler/nitro-resources.json)."_s,
        u"FILE"_s);
    parser.addOptions({certOpt, keyOpt, portOpt, userOpt, stateOpt, faultOpt, failOpt, downOpt, hangOpt,
                       expireOpt, resourcesOpt});
    parser.addHelpOption();
    parser.process(app);

    QFile certFile(parser.value(certOpt));
    QFile keyFile(parser.value(keyOpt));
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "vlab-nitro-standin: --cert and --key must name readable PEM files\n");
        return 2;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(certFile.readAll()));
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Ec);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Rsa);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // the server does not ask for client certificates

    Standin standin;
    QFile resources(parser.value(resourcesOpt));
    if (!resources.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "vlab-nitro-standin: --resources must name the transcribed NITRO definitions\n");
        return 2;
    }
    const QJsonObject defined =
        QJsonDocument::fromJson(resources.readAll()).object().value(u"resources"_s).toObject();
    for (auto it = defined.begin(); it != defined.end(); ++it) {
        const QJsonObject d = it.value().toObject();
        standin.definitions.insert(
            it.key(), Definition{d.value(u"properties"_s).toObject(), d.value(u"operations"_s).toObject()});
    }
    if (standin.definitions.size() < 9) {
        std::fprintf(stderr, "vlab-nitro-standin: %s holds too few resources\n",
                     qPrintable(resources.fileName()));
        return 2;
    }
    standin.user = parser.value(userOpt);
    standin.password = qEnvironmentVariable("VLAB_STANDIN_NS_PASSWORD");
    standin.failAdd = parser.values(failOpt);
    standin.down = parser.values(downOpt);
    standin.hangAfter = parser.isSet(hangOpt) ? parser.value(hangOpt).toInt() : -1;
    standin.expireAfter = parser.isSet(expireOpt) ? parser.value(expireOpt).toInt() : -1;
    for (const QString &spec : parser.values(faultOpt)) {
        const QString target = spec.section(u'=', 0, 0);
        const QString what = spec.section(u'=', 1);
        Response response{what.section(u':', 0, 0).toInt(), {}, {}};
        const QString kind = what.section(u':', 1);
        if (kind == u"html"_s) {
            response.body = "<html><head><title>Service Unavailable</title></head><body>busy</body></html>";
            response.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("text/html")));
        } else if (kind == u"garbage"_s) {
            response.body = "{\"errorcode\": 0, \"message\": \"Done\", \"server\": [{\"name\": ";
        }
        standin.faults.insert(target.section(u':', 0, 0) + u' ' + target.section(u':', 1), response);
    }
    if (parser.isSet(stateOpt)) {
        QFile state(parser.value(stateOpt));
        if (!state.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "vlab-nitro-standin: cannot read --state\n");
            return 2;
        }
        const QJsonObject root = QJsonDocument::fromJson(state.readAll()).object();
        for (auto it = root.begin(); it != root.end(); ++it) {
            if (it.key() == u"features"_s) {
                for (const QJsonValue &f : it.value().toArray())
                    standin.features.append(f.toString());
                continue;
            }
            for (const QJsonValue &v : it.value().toArray())
                standin.objects[it.key()].append(v.toObject());
        }
        standin.saved = standin.objects;
    }

    QSslServer server;
    server.setSslConfiguration(tls);
    int served = 0;
    QObject::connect(&server, &QSslServer::pendingConnectionAvailable, &server, [&] {
        while (QTcpSocket *socket = server.nextPendingConnection())
            new Connection(static_cast<QSslSocket *>(socket), &standin, &served);
    });
    if (!server.listen(QHostAddress::LocalHost, quint16(parser.value(portOpt).toUInt()))) {
        std::fprintf(stderr, "vlab-nitro-standin: cannot listen: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    std::printf("listening https://127.0.0.1:%u\n", unsigned(server.serverPort()));
    std::fflush(stdout);
    return app.exec();
}
