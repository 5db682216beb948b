// vlab-nitro-standin: a STAND-IN for a Citrix NetScaler's NITRO REST API, for the tests and
// the request-count benchmark. No NetScaler can run on a test machine; this program answers
// like one for the resources vLab Wizard uses, following the documented behaviour in
// ../shared/reference/domain-facts.md ("NITRO REST" and "NITRO errors"):
//
//  - HTTPS only (a certificate and key given on the command line).
//  - POST /nitro/v1/config/login {"login":{username,password,timeout}} -> 201 with "sessionid"
//    and Set-Cookie NITRO_AUTH_TOKEN; a wrong user or password -> 401, errorcode 354.
//  - Every other /nitro/v1/config request needs Cookie NITRO_AUTH_TOKEN=<session>; without a
//    valid one -> 401, errorcode 444 "Session expired or killed. Please login again".
//  - POST /nitro/v1/config/logout ends the session (201).
//  - Add = POST /nitro/v1/config/<type> {"<type>": {...}} -> 201; an existing resource -> 409,
//    errorcode 273 "Resource already exists [name, X]"; a missing referenced resource -> 404,
//    errorcode 258 "No such resource [<arg>, X]"; a missing or unknown argument -> 599,
//    errorcode 278 "Invalid argument"; a bad value -> 400, errorcode 1074 "Invalid value".
//  - Bulk add: {"<type>": [ ... ]} with X-NITRO-ONERROR: continue (every item is tried),
//    exit (stop at the first failure; the default) or rollback (undo this request's items on a
//    failure). All succeeded -> 201; otherwise HTTP 207, errorcode 1243 "Bulk operation
//    failed" with "response": one {errorcode, message, severity} per item, in order.
//  - GET /nitro/v1/config/<type> -> 200 with "<type>": [records] (the member is absent when
//    there are none); GET <type>/<name> -> 200 or 404/258. Binding types are read per name
//    (<type>/<name>) or all at once with ?bulkbindings=yes.
//  - DELETE /nitro/v1/config/<type>/<name> (bindings: ?args=servicename:X or vservername:X)
//    -> 200 or 404/258. Removing an object removes its bindings, as NetScaler does.
//  - service "svrstate" is UP unless the service or its server is named by --down; lbvserver
//    "curstate" is UP when load balancing is enabled and a bound service is UP.
//  - POST nsfeature?action=enable {"nsfeature":{"feature":["LB"]}}; GET nsfeature.
//  - POST nsconfig?action=save {"nsconfig":{}} -> 200 (the saved configuration is kept apart
//    from the running one, as on the appliance).
//  - Success bodies are {"errorcode":0,"message":"Done","severity":"NONE"}.
// Choices of this stand-in where the documentation is silent (the client must not depend on
// them): a second server on one address and a second virtual server on one address and port
// -> 273; binding a virtual server that already is in another persistency group -> 400,
// errorcode 1074 (a virtual server belongs to one group only; the real code is unverified).
//
// Faults for tests: --fault METHOD:PATH=STATUS:html|garbage|empty answers that request so;
// --fail-add NAME fails the add of objects named NAME (or bound to NAME) with 1074;
// --hang-after N reads requests after the N-th but never answers; --expire-after N ends all
// sessions after N authorised requests. GET /standin/state (no session) returns the running
// and saved objects, features and the request log, for the tests' assertions.

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QUrl>
#include <QUrlQuery>

#include <cstdio>

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

QJsonObject status(int code, const QString &message)
{
    return QJsonObject{
        {u"errorcode"_s, code}, {u"message"_s, message}, {u"severity"_s, code == 0 ? u"NONE"_s : u"ERROR"_s}};
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

const QStringList kTypes{u"server"_s,    u"service"_s,
                         u"lbvserver"_s, u"lbvserver_service_binding"_s,
                         u"lbgroup"_s,   u"lbgroup_lbvserver_binding"_s};

QString boundKey(const QString &type)
{
    if (type == u"lbvserver_service_binding"_s)
        return u"servicename"_s;
    if (type == u"lbgroup_lbvserver_binding"_s)
        return u"vservername"_s;
    return {};
}

class Standin : public QObject
{
public:
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
    Outcome add(const QString &type, const QJsonObject &attrs);
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
        if (list[i].value(u"name"_s).toString() != name)
            continue;
        if (!key.isEmpty() && !bound.isEmpty() && list[i].value(key).toString() != bound)
            continue;
        return i;
    }
    return -1;
}

Outcome Standin::add(const QString &type, const QJsonObject &a)
{
    static const QMap<QString, QStringList> required{
        {u"server"_s, {u"name"_s, u"ipaddress"_s}},
        {u"service"_s, {u"name"_s, u"servername"_s, u"servicetype"_s, u"port"_s}},
        {u"lbvserver"_s, {u"name"_s, u"servicetype"_s, u"ipv46"_s, u"port"_s}},
        {u"lbvserver_service_binding"_s, {u"name"_s, u"servicename"_s}},
        {u"lbgroup"_s, {u"name"_s}},
        {u"lbgroup_lbvserver_binding"_s, {u"name"_s, u"vservername"_s}},
    };
    static const QStringList optional{u"persistencetype"_s, u"timeout"_s};
    if (!required.contains(type))
        return fail(599, 278, u"Invalid argument [%1]"_s.arg(type));
    for (const QString &key : required[type]) {
        if (!a.contains(key))
            return fail(599, 278, u"Invalid argument [%1]"_s.arg(key));
    }
    for (auto it = a.begin(); it != a.end(); ++it) {
        if (!required[type].contains(it.key()) && !(type == u"lbgroup"_s && optional.contains(it.key())))
            return fail(599, 278, u"Invalid argument [%1]"_s.arg(it.key()));
    }
    const QString name = a.value(u"name"_s).toString();
    const QString key = boundKey(type);
    const QString bound = key.isEmpty() ? QString() : a.value(key).toString();
    if (failAdd.contains(name) || (!bound.isEmpty() && failAdd.contains(bound)))
        return fail(400, 1074, u"Invalid value [name, %1]"_s.arg(failAdd.contains(name) ? name : bound));

    if (type == u"server"_s) {
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
        if (!exists(u"server"_s, a.value(u"servername"_s).toString()))
            return fail(404, 258,
                        u"No such resource [serverName, %1]"_s.arg(a.value(u"servername"_s).toString()));
    } else if (type == u"lbvserver"_s) {
        if (exists(type, name))
            return fail(409, 273, u"Resource already exists [name, %1]"_s.arg(name));
        for (const QJsonObject &v : objects[type]) {
            if (v.value(u"ipv46"_s) == a.value(u"ipv46"_s)
                && v.value(u"port"_s).toInt() == a.value(u"port"_s).toInt())
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
        const QString persistence = a.value(u"persistencetype"_s).toString(u"NONE"_s);
        if (!QStringList{u"SOURCEIP"_s, u"COOKIEINSERT"_s, u"RULE"_s, u"NONE"_s}.contains(persistence))
            return fail(400, 1074, u"Invalid value [persistenceType, %1]"_s.arg(persistence));
        const int timeout = a.value(u"timeout"_s).toInt(2);
        if (timeout < 0 || timeout > 1440)
            return fail(400, 1074, u"Invalid value [timeout, %1]"_s.arg(timeout));
    } else if (type == u"lbgroup_lbvserver_binding"_s) {
        if (!exists(u"lbgroup"_s, name))
            return fail(404, 258, u"No such resource [name, %1]"_s.arg(name));
        if (!exists(u"lbvserver"_s, bound))
            return fail(404, 258, u"No such resource [vServerName, %1]"_s.arg(bound));
        if (indexOf(type, name, bound) >= 0)
            return fail(409, 273, u"Resource already exists [vServerName, %1]"_s.arg(bound));
        for (const QJsonObject &b : objects[type]) {
            if (b.value(u"vservername"_s).toString() == bound)
                return fail(400, 1074,
                            u"Invalid value [vServerName, %1 is bound to persistency group %2]"_s.arg(
                                bound, b.value(u"name"_s).toString()));
        }
    }
    QJsonObject record = a;
    if (type == u"lbgroup"_s) {
        record.insert(u"persistencetype"_s, a.value(u"persistencetype"_s).toString(u"NONE"_s));
        record.insert(u"timeout"_s, a.value(u"timeout"_s).toInt(2));
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

Response Standin::config(const Request &r, const QString &type, const QString &name)
{
    const QByteArray done = QJsonDocument(status(0, u"Done"_s)).toJson(QJsonDocument::Compact);
    const QString action = r.query.queryItemValue(u"action"_s);
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();

    if (type == u"logout"_s && r.method == "POST") {
        const QByteArray cookie = r.headers.value("cookie");
        sessions.remove(QString::fromLatin1(cookie.mid(cookie.indexOf('=') + 1)));
        return Response{201, done, {}};
    }
    if (type == u"nsfeature"_s) {
        if (r.method == "GET") {
            QJsonArray list;
            for (const QString &f : features)
                list.append(f);
            return json(
                200,
                QJsonObject{{u"errorcode"_s, 0},
                            {u"message"_s, u"Done"_s},
                            {u"severity"_s, u"NONE"_s},
                            {u"nsfeature"_s,
                             QJsonObject{{u"lb"_s, features.contains(u"LB"_s)}, {u"feature"_s, list}}}});
        }
        if (r.method == "POST" && (action == u"enable"_s || action == u"disable"_s)) {
            for (const QJsonValue &f : body.value(u"nsfeature"_s).toObject().value(u"feature"_s).toArray()) {
                const QString feature = f.toString().toUpper();
                features.removeAll(feature);
                if (action == u"enable"_s)
                    features.append(feature);
            }
            return Response{200, done, {}};
        }
    }
    if (type == u"nsconfig"_s && r.method == "POST" && action == u"save"_s) {
        saved = objects;
        return Response{200, done, {}};
    }
    if (!kTypes.contains(type))
        return json(599, status(278, u"Invalid argument [%1]"_s.arg(type)));

    if (r.method == "GET") {
        QJsonArray records;
        const bool binding = !boundKey(type).isEmpty();
        if (binding && name.isEmpty() && r.query.queryItemValue(u"bulkbindings"_s) != u"yes"_s)
            return json(599, status(278, u"Invalid argument [name]"_s));
        for (const QJsonObject &o : objects[type]) {
            if (name.isEmpty() || o.value(u"name"_s).toString() == name)
                records.append(withState(type, o));
        }
        if (!name.isEmpty() && records.isEmpty() && !binding)
            return json(404, status(258, u"No such resource [name, %1]"_s.arg(name)));
        QJsonObject reply = status(0, u"Done"_s);
        if (!records.isEmpty())
            reply.insert(type, records);
        return json(200, reply);
    }
    if (r.method == "DELETE") {
        QString bound;
        const QString args = r.query.queryItemValue(u"args"_s, QUrl::FullyDecoded);
        if (!args.isEmpty())
            bound = args.section(u':', 1);
        const int i = indexOf(type, name, bound);
        if (name.isEmpty() || i < 0)
            return json(404, status(258, u"No such resource [name, %1]"_s.arg(name)));
        objects[type].removeAt(i);
        removeReferences(type, name);
        return Response{200, done, {}};
    }
    if (r.method == "POST" && action.isEmpty()) {
        const QJsonValue payload = body.value(type);
        if (payload.isObject()) {
            const Outcome o = add(type, payload.toObject());
            return o.code == 0 ? Response{201, done, {}} : json(o.http, status(o.code, o.message));
        }
        if (!payload.isArray())
            return json(599, status(278, u"Invalid argument [%1]"_s.arg(type)));
        const QByteArray onError = r.headers.value("x-nitro-onerror", "exit").toLower();
        const auto before = objects;
        QJsonArray items;
        bool failed = false;
        for (const QJsonValue &v : payload.toArray()) {
            if (failed && onError != "continue") {
                items.append(status(278, u"Not attempted"_s));
                continue;
            }
            const Outcome o = add(type, v.toObject());
            items.append(status(o.code, o.message));
            failed = failed || o.code != 0;
        }
        if (!failed)
            return Response{201, done, {}};
        if (onError == "rollback")
            objects = before;
        QJsonObject reply = status(1243, u"Bulk operation failed"_s);
        reply.insert(u"response"_s, items);
        return json(207, reply);
    }
    return json(599, status(278, u"Invalid argument [method]"_s));
}

Response Standin::handle(const Request &r)
{
    requestLog << QString::fromLatin1(r.method) + u' ' + r.path;
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
        if (login.value(u"username"_s).toString() != user || login.value(u"password"_s).toString() != password
            || password.isEmpty())
            return json(401, status(354, u"Invalid username or password"_s));
        const QString id = QString::number(QRandomGenerator::global()->generate64(), 16);
        sessions.insert(id);
        QJsonObject reply = status(0, u"Done"_s);
        reply.insert(u"sessionid"_s, id);
        Response response = json(201, reply);
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
            if (m_standin->hangAfter >= 0 && *m_served >= m_standin->hangAfter)
                continue; // read, never answered
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
    parser.addOptions(
        {certOpt, keyOpt, portOpt, userOpt, stateOpt, faultOpt, failOpt, downOpt, hangOpt, expireOpt});
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
