#include "vsphere/vcenterclient.h"

#include "core/tr.h"
#include "net/httpclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

const QString kSessionPath = u"/rest/com/vmware/cis/session"_s;
const QByteArray kSessionHeader = "vmware-api-session-id";

QString hostOf(const QUrl &url)
{
    return url.port() > 0 ? QString(url.host() + u':' + QString::number(url.port())) : url.host();
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

QString bodyText(const QByteArray &body)
{
    constexpr qsizetype kMax = 4000;
    QString text = QString::fromUtf8(body.left(kMax));
    if (body.size() > kMax)
        text += u"\n... (%1 bytes in all)"_s.arg(body.size());
    return text;
}

} // namespace

Result<QUrl> parseVCenterHost(const QString &text)
{
    QString t = text.trimmed();
    if (t.startsWith(u"https://"_s, Qt::CaseInsensitive))
        t = t.mid(8);
    while (t.endsWith(u'/'))
        t.chop(1);
    static const QRegularExpression form(uR"(^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?$)"_s);
    const QRegularExpressionMatch m = form.match(t);
    const int port = m.hasMatch() && !m.captured(2).isEmpty() ? m.captured(2).toInt() : 443;
    if (!m.hasMatch() || port < 1 || port > 65535)
        return makeError(u"vcenter.host"_s,
                         Tr::tr("\"%1\" is not a host: give a name or an address, optionally with :PORT "
                                "(for example vcenter-vc01.sslab.com or 192.168.1.213:443).")
                             .arg(text));
    QUrl url;
    url.setScheme(u"https"_s);
    QString host = m.captured(1);
    if (host.startsWith(u'['))
        host = host.mid(1, host.size() - 2);
    url.setHost(host);
    if (port != 443)
        url.setPort(port);
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
    const QString details = u"HTTP %1 %2"_s.arg(status).arg(vapiMessages(body));
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
                         ? Tr::tr("%1 failed with HTTP %2.").arg(what).arg(status)
                         : Tr::tr("%1 failed with HTTP %2: %3").arg(what).arg(status).arg(messages),
                     details);
}

VCenterClient::VCenterClient(const VCenterEndpoint &endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_http(makeHttpClient(endpoint, this))
{
    m_http->setDefaultHeader("Accept", "application/json");
}

VCenterClient::~VCenterClient() = default;

void VCenterClient::record(Evidence::Kind kind, const QString &text, const QString &detail) const
{
    if (m_sink)
        m_sink(kind, text, detail);
}

void VCenterClient::login(QObject *context, Done done)
{
    // An empty password is sent as it is: vCenter answers it like any wrong one (401).
    if (m_endpoint.user.isEmpty()) {
        done(makeError(u"vcenter.auth.missing"_s, Tr::tr("A user name is needed to log in to vCenter.")));
        return;
    }
    HttpRequest request;
    request.verb = "POST";
    request.path = kSessionPath;
    request.headers.append(
        HttpHeader{"Authorization",
                   "Basic " + QString(m_endpoint.user + u':' + m_endpoint.password).toUtf8().toBase64()});
    record(Evidence::Kind::Sent, u"POST "_s + kSessionPath,
           u"Authorization: Basic (user %1, password %2)"_s.arg(m_endpoint.user, QLatin1StringView(kMasked)));
    QPointer<QObject> guard(context);
    m_http->send(request, this, [this, guard, done = std::move(done)](Result<HttpResponse> reply) {
        if (guard.isNull())
            return;
        if (!reply) {
            record(Evidence::Kind::Received, reply.error().message, reply.error().details);
            done(reply.error());
            return;
        }
        record(Evidence::Kind::Received, u"HTTP %1"_s.arg(reply->status),
               reply->status / 100 == 2 ? u"{\"value\":\"%1\"}"_s.arg(QLatin1StringView(kMasked))
                                        : bodyText(reply->body));
        if (reply->status / 100 != 2) {
            done(restError(reply->status, reply->body, Tr::tr("Login to %1").arg(hostOf(m_endpoint.url))));
            return;
        }
        const QString id = QJsonDocument::fromJson(reply->body).object().value(u"value"_s).toString();
        if (id.isEmpty()) {
            done(makeError(u"vcenter.rest"_s,
                           Tr::tr("%1 answered the login without a session id; is it a "
                                  "vCenter?")
                               .arg(hostOf(m_endpoint.url)),
                           bodyText(reply->body)));
            return;
        }
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
    QPointer<QObject> guard(context);
    record(Evidence::Kind::Sent, u"DELETE "_s + kSessionPath, {});
    m_http->send(HttpRequest{"DELETE", kSessionPath, {}, {}}, this,
                 [this, guard, done = std::move(done)](Result<HttpResponse> reply) {
                     m_session.clear();
                     m_http->setDefaultHeader(kSessionHeader, {});
                     if (guard.isNull())
                         return;
                     if (!reply) {
                         record(Evidence::Kind::Received, reply.error().message, reply.error().details);
                         done(reply.error());
                         return;
                     }
                     record(Evidence::Kind::Received, u"HTTP %1"_s.arg(reply->status), bodyText(reply->body));
                     if (reply->status / 100 != 2) {
                         done(restError(reply->status, reply->body, Tr::tr("Logout")));
                         return;
                     }
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
    HttpRequest request;
    request.verb = verb;
    request.path = path;
    if (!body.isUndefined()) {
        request.body = body.isObject() ? QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact)
                                       : QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
        request.headers.append(HttpHeader{"Content-Type", "application/json"});
    }
    // Request bodies may carry passwords (the VCHA spec does): the evidence gets them masked.
    QString shown = QString::fromUtf8(request.body);
    if (!m_endpoint.password.isEmpty())
        shown.replace(m_endpoint.password, QLatin1StringView(kMasked));
    static const QRegularExpression passwordField(u"(\"password\"\\s*:\\s*\")[^\"]*\""_s);
    shown.replace(passwordField, u"\\1%1\""_s.arg(QLatin1StringView(kMasked)));
    record(Evidence::Kind::Sent, QString(QString::fromLatin1(verb) + u' ' + path), shown);

    QPointer<QObject> guard(context);
    const QString what = QString(QString::fromLatin1(verb) + u' ' + path.section(u'?', 0, 0));
    m_http->send(
        request, this, [this, guard, optional, what, done = std::move(done)](Result<HttpResponse> reply) {
            if (guard.isNull())
                return;
            if (!reply) {
                record(Evidence::Kind::Received, reply.error().message, reply.error().details);
                done(reply.error());
                return;
            }
            record(Evidence::Kind::Received, u"HTTP %1"_s.arg(reply->status), bodyText(reply->body));
            if (optional && reply->status == 404) {
                done(QJsonValue(QJsonValue::Undefined));
                return;
            }
            if (reply->status / 100 != 2) {
                done(restError(reply->status, reply->body, what));
                return;
            }
            if (reply->body.trimmed().isEmpty()) {
                done(QJsonValue());
                return;
            }
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(reply->body, &parseError);
            if (doc.isNull()) {
                done(makeError(u"vcenter.rest.syntax"_s, Tr::tr("%1: the reply is not JSON.").arg(what),
                               parseError.errorString()));
                return;
            }
            done(doc.isObject() ? doc.object().value(u"value"_s) : QJsonValue(doc.array()));
        });
}

void VCenterClient::cancel()
{
    m_http->cancelAll();
}

} // namespace vlab
