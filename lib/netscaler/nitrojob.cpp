#include "netscaler/nitrojob.h"

#include "core/tr.h"
#include "net/hostport.h"
#include "net/httpclient.h"
#include "net/netaddr.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

constexpr qsizetype kEvidenceLimit = 8192;

QString evidenceBody(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(kEvidenceLimit));
    if (body.size() > kEvidenceLimit)
        text += Tr::tr("\n... (%1 bytes in all)").arg(body.size());
    return text;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString typeQuery(const QString &type)
{
    return type.endsWith(u"_binding"_s) ? u"bulkbindings=yes"_s : QString();
}

} // namespace

bool NitroJob::isTransportError(const Error &error)
{
    return error.code.startsWith(u"http."_s);
}

Result<NitroTarget> NitroTarget::parseAddress(const QString &text)
{
    const Result<HostPort> parsed = parseHostPort(text, 443);
    if (!parsed && parsed.error().code == u"hostport.port"_s)
        return makeError(u"nitro.address"_s,
                         Tr::tr("'%1' is not a valid NSIP: the port after ':' must be 1-65535.").arg(text));
    // A name must be fully qualified (or localhost): a NetScaler is not found by a short name.
    if (!parsed
        || (!parsed->isIpv6() && !parseIpv4(parsed->host) && !fqdnProblem(parsed->host).isEmpty()
            && parsed->host != u"localhost"_s))
        return makeError(
            u"nitro.address"_s,
            Tr::tr("'%1' is not a valid NSIP: give an IPv4 or IPv6 address or a host name, optionally "
                   "with :PORT (an IPv6 address in brackets then).")
                .arg(text));
    NitroTarget target;
    target.host = parsed->host;
    target.port = parsed->port;
    return target;
}

QString NitroTarget::address() const
{
    return formatHostPort(host, port, 443);
}

NitroJob::NitroJob(const QString &title, const NitroTarget &target, const QString &password, QObject *parent)
    : SessionJob(title, Tr::tr("NetScaler %1 over NITRO").arg(target.address()), parent)
    , m_target(target)
    , m_password(password)
{
    setTarget(target.address());
    QUrl base;
    base.setScheme(u"https"_s);
    base.setHost(target.host);
    base.setPort(target.port);
    m_http = new HttpClient(base, this);
    m_http->setPinnedSha256(target.pinnedSha256);
    m_http->setTimeout(target.requestTimeout);
    // After a transport failure or a cancel the NetScaler may not answer; the session then
    // ends by its own timeout.
    addSession(
        [this](const Result<void> &outcome) {
            return m_loggedIn && !isCancelRequested() && (outcome || !isTransportError(outcome.error()));
        },
        [this](LoggedOut loggedOut) { logout(std::move(loggedOut)); });
}

NitroJob::~NitroJob() = default;

int NitroJob::requestCount() const
{
    return m_http ? m_http->requestsSent() : 0;
}

QString NitroJob::presentedFingerprint() const
{
    return m_http ? m_http->presentedFingerprint() : QString();
}

void NitroJob::onCancel()
{
    if (m_http)
        m_http->cancelAll();
}

QList<NitroObjectResult> nitroResultsFromReport(const QJsonObject &report)
{
    QList<NitroObjectResult> results;
    for (const QJsonValue &v : report.value(u"children"_s).toArray()) {
        const QJsonObject child = v.toObject();
        const QJsonObject note =
            child.value(u"evidence"_s).toArray().at(0).toObject(); // Undefined when absent
        NitroObject object{note.value(u"text"_s).toString(),
                           QJsonDocument::fromJson(note.value(u"detail"_s).toString().toUtf8()).object()};
        if (object.type.isEmpty() || object.name().isEmpty())
            continue; // not an object's result
        results.append(
            {object, child.value(u"outcome"_s).toString(), child.value(u"description"_s).toString()});
    }
    return results;
}

void NitroJob::addResult(const NitroObject &object, const QString &state, const QString &detail)
{
    m_results.append({object, state, detail});
    // One child per object in the report: the runbook lists them, and a restarted wizard reads
    // the objects' last known states back from the journal (nitroResultsFromReport()).
    ReportNode child;
    child.title = object.label();
    child.outcome = state;
    child.description = detail;
    child.add(Evidence::Kind::Note, object.type,
              QString::fromUtf8(QJsonDocument(object.attributes).toJson(QJsonDocument::Compact)));
    mutableReport().children.push_back(std::move(child));
    log(detail.isEmpty() ? Tr::tr("%1: %2").arg(object.label(), state)
                         : Tr::tr("%1: %2 (%3)").arg(object.label(), state, detail));
    Q_EMIT objectResult(m_results.constLast());
}

void NitroJob::setSummary(const QString &summary)
{
    m_summary = summary;
    mutableReport().add(Evidence::Kind::Outcome, summary);
}

void NitroJob::run()
{
    if (m_password.isEmpty()) {
        finish(makeError(u"nitro.password"_s,
                         Tr::tr("No password for NetScaler user %1. Set VLAB_NS_PASSWORD "
                                "or enter it when asked.")
                             .arg(m_target.user)));
        return;
    }
    setProgress(0.0, Tr::tr("Logging in to %1").arg(m_target.address()));
    const QJsonObject login{
        {u"login"_s,
         QJsonObject{{u"username"_s, m_target.user}, {u"password"_s, m_password}, {u"timeout"_s, 900}}}};
    const QByteArray body = compact(login);
    m_password.fill(u'\0');
    m_password.clear();

    mutableReport().add(Evidence::Kind::Sent, u"POST /nitro/v1/config/login"_s,
                        QString::fromUtf8(compact(QJsonObject{{u"login"_s,
                                                               QJsonObject{{u"username"_s, m_target.user},
                                                                           {u"password"_s, u"********"_s},
                                                                           {u"timeout"_s, 900}}}})));
    HttpRequest request{"POST", u"/nitro/v1/config/login"_s, body, {{"Content-Type", "application/json"}}};
    m_http->send(request, this, [this](Result<HttpResponse> response) {
        if (!response) {
            finish(response.error());
            return;
        }
        const Result<QJsonObject> json = parseNitroReply(response->status, response->body);
        if (!json) {
            finish(json.error());
            return;
        }
        const NitroStatus status = nitroStatus(*json);
        // The session id is a credential: the evidence keeps only the outcome.
        mutableReport().add(Evidence::Kind::Received, Tr::tr("HTTP %1").arg(response->status),
                            QString::fromUtf8(compact(QJsonObject{{u"errorcode"_s, status.errorcode},
                                                                  {u"message"_s, status.message}})));
        const QString session = json->value(u"sessionid"_s).toString();
        if (response->status / 100 != 2 || status.errorcode != 0 || session.isEmpty()) {
            finish(nitroError(
                Tr::tr("Login as %1 to %2").arg(m_target.user, m_target.address()), response->status,
                status.errorcode ? status : NitroStatus{NitroCode::BadLogin, Tr::tr("no session id"), {}}));
            return;
        }
        m_loggedIn = true;
        m_loggedInOnce = true;
        m_http->setDefaultHeader("Cookie", "NITRO_AUTH_TOKEN=" + session.toUtf8());
        log(Tr::tr("Logged in to %1 as %2").arg(m_target.address(), m_target.user));
        work();
    });
}

void NitroJob::logout(LoggedOut loggedOut)
{
    const QJsonObject body{{u"logout"_s, QJsonObject{}}};
    mutableReport().add(Evidence::Kind::Sent, u"POST /nitro/v1/config/logout"_s,
                        QString::fromUtf8(compact(body)));
    m_http->send(
        {"POST", u"/nitro/v1/config/logout"_s, compact(body), {{"Content-Type", "application/json"}}}, this,
        [this, loggedOut = std::move(loggedOut)](Result<HttpResponse> response) {
            m_loggedIn = false;
            m_http->setDefaultHeader("Cookie", {});
            if (!response)
                return loggedOut(response.error());
            mutableReport().add(Evidence::Kind::Received, Tr::tr("HTTP %1").arg(response->status),
                                evidenceBody(response->body));
            loggedOut({});
        });
}

void NitroJob::call(const QByteArray &verb, const QString &path, const QJsonObject &body, const QString &what,
                    OnReply onReply, bool anyStatus, OnError onError)
{
    if (!onError)
        onError = [this](const Error &error) {
            done(error);
        };
    const QByteArray payload = body.isEmpty() ? QByteArray() : compact(body);
    mutableReport().add(Evidence::Kind::Sent, QString::fromLatin1(verb) + u' ' + path, evidenceBody(payload));
    HttpRequest request{verb, path, payload, {}};
    if (!payload.isEmpty())
        request.headers.append(HttpHeader("Content-Type", "application/json"));
    // Bulk requests: every item is tried and answered (NITRO reference, "Performing Bulk
    // Operations"); the jobs read the per-item results.
    if ((verb == "POST" || verb == "PUT") && !body.isEmpty() && body.constBegin()->isArray())
        request.headers.append(HttpHeader("X-NITRO-ONERROR", "continue"));
    m_http->send(request, this,
                 [this, what, onReply = std::move(onReply), anyStatus,
                  onError = std::move(onError)](Result<HttpResponse> response) {
                     if (!response) {
                         onError(response.error());
                         return;
                     }
                     mutableReport().add(Evidence::Kind::Received, Tr::tr("HTTP %1").arg(response->status),
                                         evidenceBody(response->body));
                     Result<QJsonObject> json = parseNitroReply(response->status, response->body);
                     if (!json) {
                         onError(json.error());
                         return;
                     }
                     const NitroStatus status = nitroStatus(*json);
                     // 209: done, with a warning (asked for with ?warning=yes) in the X-NITRO-WARNING
                     // header and the payload.
                     QString warning;
                     if (response->status == 209) {
                         warning = QString::fromUtf8(response->header("X-NITRO-WARNING"));
                         if (warning.isEmpty())
                             warning = QString::number(status.errorcode) + u" - "_s + status.message;
                         log(Tr::tr("NetScaler warning: %1").arg(warning));
                     }
                     const bool failed =
                         response->status / 100 != 2 || (status.errorcode != 0 && warning.isEmpty());
                     if (failed && (!anyStatus || response->status == 401 || response->status >= 500)
                         && !(anyStatus && response->status == 599)) {
                         onError(nitroError(what, response->status, status));
                         return;
                     }
                     onReply(Reply{response->status, std::move(json).value(), warning});
                 });
}

void NitroJob::readState(const QStringList &types, StateDone then, OnError onError)
{
    readNext(types, 0, {}, std::move(then), std::move(onError));
}

void NitroJob::readNext(const QStringList &types, int index, NitroState state, StateDone then,
                        OnError onError)
{
    if (index == types.size()) {
        then(state);
        return;
    }
    const QString type = types.at(index);
    if (!onError)
        onError = [this](const Error &error) {
            done(error);
        };
    // Each step holds its own copies: nothing refers to itself, so a job that ends half way
    // (cancel, a lost connection) leaves nothing behind.
    call(
        "GET", nitroPath(type, {}, typeQuery(type)), {}, Tr::tr("Read %1 objects").arg(type),
        [this, types, index, state, then, onError, type](const Reply &reply) mutable {
            if (reply.status / 100 != 2) {
                const NitroStatus status = nitroStatus(reply.json);
                // "No such resource" for an empty binding collection is an empty list.
                if (status.errorcode != NitroCode::NoSuchResource) {
                    onError(nitroError(Tr::tr("Read %1 objects").arg(type), reply.status, status));
                    return;
                }
            }
            state.insert(type, nitroRecords(reply.json, type));
            readNext(types, index + 1, std::move(state), std::move(then), std::move(onError));
        },
        true, onError);
}

void NitroJob::removeObjects(QList<NitroObject> objects, RemoveDone then)
{
    removeNext(std::move(objects), 0, {}, std::move(then));
}

void NitroJob::removeNext(const QList<NitroObject> &objects, int index, QList<NitroObject> left,
                          RemoveDone then)
{
    if (index == objects.size() || isCancelRequested()) {
        left.append(objects.mid(index));
        then(left);
        return;
    }
    const NitroObject object = objects.at(index);
    const QString what = Tr::tr("Remove %1").arg(object.label());
    call(
        "DELETE", nitroDeletePath(object), {}, what,
        [this, objects, index, left, then, object, what](const Reply &reply) mutable {
            const NitroStatus status = nitroStatus(reply.json);
            if (reply.status / 100 == 2 && status.errorcode == 0) {
                addResult(object, u"removed"_s);
            } else if (status.errorcode == NitroCode::NoSuchResource) {
                addResult(object, u"gone"_s, Tr::tr("already removed"));
            } else {
                addResult(object, u"failed"_s, nitroError(what, reply.status, status).message);
                left.append(object);
            }
            removeNext(objects, index + 1, std::move(left), std::move(then));
        },
        true,
        [this, objects, index, left, then, object](const Error &error) mutable {
            // The NetScaler stopped answering: everything not yet removed stays.
            addResult(object, u"failed"_s, error.message);
            left.append(objects.mid(index));
            then(left);
        });
}

} // namespace vlab
