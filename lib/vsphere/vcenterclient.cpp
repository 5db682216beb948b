#include "vsphere/vcenterclient.h"

#include "core/secretmask.h"
#include "core/tr.h"
#include "net/hostport.h"
#include "net/httpclient.h"
#include "vsphere/recordedexchange.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

const QString kSessionPath = u"/rest/com/vmware/cis/session"_s;
const QByteArray kSessionHeader = "vmware-api-session-id";

QString hostOf(const QUrl &url)
{
    return formatHostPort(url.host(), quint16(url.port(443)), 443);
}

// The "default_message"s of a vAPI error body ({"type": ..., "value": {"messages": [...]}}).
QString vapiMessages(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    QStringList messages;
    const QJsonArray list = o.value(u"value"_s).toObject().value(u"messages"_s).toArray();
    for (const QJsonValue &m : list) {
        const QString text = m.toObject().value(u"default_message"_s).toString();
        if (!text.isEmpty())
            messages << text;
    }
    const QString type = o.value(u"type"_s).toString();
    if (!type.isEmpty())
        messages.prepend(type);
    return messages.join(u"; "_s);
}

// REST replies are shown up to this size in the evidence.
constexpr qsizetype kEvidenceLimit = 4000;

} // namespace

QString vcenterTarget(const QUrl &url)
{
    return formatHostPort(url.host(), quint16(url.port(443)), 443);
}

Result<QUrl> parseVCenterHost(const QString &text)
{
    QString t = text.trimmed();
    if (t.startsWith(u"https://"_s, Qt::CaseInsensitive))
        t = t.mid(8);
    while (t.endsWith(u'/'))
        t.chop(1);
    const Result<HostPort> parsed = parseHostPort(t, 443);
    if (!parsed)
        return makeError(
            u"vcenter.host"_s,
            parsed.error().code == u"hostport.port"_s
                ? parsed.error().message
                : Tr::tr("\"%1\" is not a host: give a name or an address, optionally with :PORT "
                         "(for example vcenter-vc01.sslab.com or 192.168.1.213:443).")
                      .arg(text));
    QUrl url;
    url.setScheme(u"https"_s);
    url.setHost(parsed->host);
    if (parsed->port != 443)
        url.setPort(parsed->port);
    return url;
}

HttpClient *makeHttpClient(const VCenterEndpoint &endpoint, QObject *parent)
{
    auto *http = new HttpClient(endpoint.url, parent);
    http->setPinnedSha256(endpoint.pin);
    http->setTimeout(endpoint.timeout);
    return http;
}

Error restError(int status, const QByteArray &body, const QString &what)
{
    const QString details = u"HTTP %1 %2"_s.arg(QString::number(status), vapiMessages(body));
    switch (status) {
    case 401:
        return makeError(u"vcenter.auth"_s,
                         Tr::tr("%1: vCenter refused the user name or password (HTTP 401). Check the user "
                                "(for example administrator@vsphere.local) and the password.")
                             .arg(what),
                         details);
    case 403:
        return makeError(u"vcenter.forbidden"_s,
                         Tr::tr("%1: the user may not do this (HTTP 403). Use an administrator of the SSO "
                                "domain.")
                             .arg(what),
                         details);
    case 404:
        return makeError(u"vcenter.notfound"_s,
                         Tr::tr("%1: this vCenter does not offer the call (HTTP 404); its version may be too "
                                "old.")
                             .arg(what),
                         details);
    case 503:
        return makeError(u"vcenter.unavailable"_s,
                         Tr::tr("%1: vCenter's services are not available yet (HTTP 503). Wait until the "
                                "appliance has finished starting, then try again.")
                             .arg(what),
                         details);
    default:
        break;
    }
    const QString messages = vapiMessages(body);
    return makeError(u"vcenter.rest"_s,
                     messages.isEmpty()
                         ? Tr::tr("%1 failed with HTTP %2.").arg(what, QString::number(status))
                         : Tr::tr("%1 failed with HTTP %2: %3").arg(what, QString::number(status), messages),
                     details);
}

Result<QJsonValue> parseRestReply(int status, const QByteArray &body, bool optional, const QString &what)
{
    if (optional && status == 404)
        return QJsonValue(QJsonValue::Undefined);
    if (status / 100 != 2)
        return restError(status, body, what);
    if (body.trimmed().isEmpty())
        return QJsonValue();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (doc.isNull())
        return makeError(u"vcenter.rest.syntax"_s, Tr::tr("%1: the reply is not JSON.").arg(what),
                         parseError.errorString());
    if (!doc.isObject())
        return QJsonValue(doc.array());
    // Undefined means "404 to an optional read" to the caller: a 2xx object without a value
    // (whatever answered) is null, never that.
    const QJsonValue value = doc.object().value(u"value"_s);
    return value.isUndefined() ? QJsonValue() : value;
}

VCenterClient::VCenterClient(const VCenterEndpoint &endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_http(makeHttpClient(endpoint, this))
{
    m_http->setDefaultHeader("Accept", "application/json");
}

VCenterClient::VCenterClient(const VCenterEndpoint &endpoint, HttpClient *http, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_http(http)
    , m_ownsHttp(false)
{
    m_http->setDefaultHeader("Accept", "application/json");
}

VCenterClient::~VCenterClient() = default;

void VCenterClient::login(QObject *context, Done done)
{
    // An empty password is sent as it is: vCenter answers it like any wrong one (401).
    if (m_endpoint.user.isEmpty()) {
        done(makeError(u"vcenter.auth.missing"_s, Tr::tr("A user name is needed to log in to vCenter.")));
        return;
    }
    RecordedRequest r;
    r.request.verb = "POST";
    r.request.path = kSessionPath;
    r.request.headers.append(
        HttpHeader{"Authorization",
                   "Basic " + QString(m_endpoint.user + u':' + m_endpoint.password).toUtf8().toBase64()});
    r.shownText = u"POST "_s + kSessionPath;
    r.shownBody =
        u"Authorization: Basic (user %1, password %2)"_s.arg(m_endpoint.user, QLatin1StringView(kMasked));
    // The session id is a credential: the evidence keeps it masked.
    r.shownReply = [](const HttpResponse &reply) {
        return reply.status / 100 == 2 ? u"{\"value\":\"%1\"}"_s.arg(QLatin1StringView(kMasked))
                                       : shortenedBody(reply.body, kEvidenceLimit);
    };
    sendRecorded(
        m_http, this, m_sink, r, context, [this, done = std::move(done)](Result<HttpResponse> reply) {
            if (!reply)
                return done(reply.error());
            if (reply->status / 100 != 2)
                return done(
                    restError(reply->status, reply->body, Tr::tr("Login to %1").arg(hostOf(m_endpoint.url))));
            const QString id = QJsonDocument::fromJson(reply->body).object().value(u"value"_s).toString();
            if (id.isEmpty())
                return done(makeError(u"vcenter.rest"_s,
                                      Tr::tr("%1 answered the login without a session id; is it a "
                                             "vCenter?")
                                          .arg(hostOf(m_endpoint.url)),
                                      shortenedBody(reply->body, kEvidenceLimit)));
            m_session = id.toUtf8();
            m_http->setDefaultHeader(kSessionHeader, m_session);
            done({});
        });
}

void VCenterClient::logout(QObject *context, Done done)
{
    if (m_session.isEmpty()) {
        done({});
        return;
    }
    RecordedRequest r{HttpRequest{"DELETE", kSessionPath, {}, {}}, u"DELETE "_s + kSessionPath, {}, {}};
    r.shownReply = [](const HttpResponse &reply) {
        return shortenedBody(reply.body, kEvidenceLimit);
    };
    sendRecorded(m_http, this, m_sink, r, context,
                 [this, done = std::move(done)](Result<HttpResponse> reply) {
                     m_session.clear();
                     m_http->setDefaultHeader(kSessionHeader, {});
                     if (!reply)
                         return done(reply.error());
                     if (reply->status / 100 != 2)
                         return done(restError(reply->status, reply->body, Tr::tr("Logout")));
                     done({});
                 });
}

void VCenterClient::call(const QByteArray &verb, const QString &path, const QJsonValue &body,
                         QObject *context, JsonDone done)
{
    send(verb, path, body, false, context, std::move(done));
}

void VCenterClient::callOptional(const QByteArray &verb, const QString &path, const QJsonValue &body,
                                 QObject *context, JsonDone done)
{
    send(verb, path, body, true, context, std::move(done));
}

void VCenterClient::send(const QByteArray &verb, const QString &path, const QJsonValue &body, bool optional,
                         QObject *context, JsonDone done)
{
    RecordedRequest r;
    r.request.verb = verb;
    r.request.path = path;
    if (!body.isUndefined()) {
        r.request.body = body.isObject() ? QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact)
                                         : QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
        r.request.headers.append(HttpHeader{"Content-Type", "application/json"});
    }
    // Request bodies may carry passwords (the VCHA spec does): the evidence gets them masked.
    QString shown = QString::fromUtf8(r.request.body);
    if (!m_endpoint.password.isEmpty())
        shown = maskSecrets(shown, {m_endpoint.password}, 1);
    static const QRegularExpression passwordField(u"(\"password\"\\s*:\\s*\")[^\"]*\""_s);
    shown.replace(passwordField, u"\\1%1\""_s.arg(QLatin1StringView(kMasked)));
    r.shownText = QString::fromLatin1(verb) + u' ' + path;
    r.shownBody = shown;
    r.shownReply = [](const HttpResponse &reply) {
        return shortenedBody(reply.body, kEvidenceLimit);
    };

    const QString what = QString(QString::fromLatin1(verb) + u' ' + path.section(u'?', 0, 0));
    sendRecorded(m_http, this, m_sink, r, context,
                 [optional, what, done = std::move(done)](Result<HttpResponse> reply) {
                     if (!reply)
                         return done(reply.error());
                     done(parseRestReply(reply->status, reply->body, optional, what));
                 });
}

void VCenterClient::cancel()
{
    if (m_ownsHttp)
        m_http->cancelAll();
    else
        m_http->cancel(this);
}

} // namespace vlab
