#include "netscaler/nitrojobs.h"

#include "core/tr.h"
#include "net/hostport.h"
#include "net/httpclient.h"
#include "net/netaddr.h"

#include "core/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

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

bool isTransportError(const Error &error)
{
    return error.code.startsWith(u"http."_s);
}

QString typeQuery(const QString &type)
{
    return type.endsWith(u"_binding"_s) ? u"bulkbindings=yes"_s : QString();
}

} // namespace

// --- NitroTarget ---------------------------------------------------------------------------

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

// --- NitroJob ------------------------------------------------------------------------------

NitroJob::NitroJob(const QString &title, const NitroTarget &target, const QString &password, QObject *parent)
    : SessionJob(title, Tr::tr("NetScaler %1 over NITRO").arg(target.address()), parent)
    , m_target(target)
    , m_password(password)
{
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

void NitroJob::addResult(const NitroObject &object, const QString &state, const QString &detail)
{
    m_results.append({object, state, detail});
    log(detail.isEmpty() ? Tr::tr("%1: %2").arg(object.label(), state)
                         : Tr::tr("%1: %2 (%3)").arg(object.label(), state, detail));
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
    if (verb == "POST" && !body.isEmpty() && body.constBegin()->isArray())
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
                     const bool failed = response->status / 100 != 2 || status.errorcode != 0;
                     if (failed && (!anyStatus || response->status == 401 || response->status >= 500)) {
                         onError(nitroError(what, response->status, status));
                         return;
                     }
                     onReply(Reply{response->status, std::move(json).value()});
                 });
}

void NitroJob::readState(const QStringList &types, std::function<void(const NitroState &)> then,
                         OnError onError)
{
    auto state = std::make_shared<NitroState>();
    auto next = std::make_shared<std::function<void(int)>>();
    *next = [this, types, state, then = std::move(then), onError, next](int i) {
        if (i == types.size()) {
            then(*state);
            *next = nullptr; // breaks the cycle
            return;
        }
        const QString type = types.at(i);
        call(
            "GET", nitroPath(type, {}, typeQuery(type)), {}, Tr::tr("Read %1 objects").arg(type),
            [state, type, next, i](const Reply &reply) {
                QList<QJsonObject> records;
                // An empty collection has no member of that name; "no such resource" means
                // the same for some types.
                for (const QJsonValue &v : reply.json.value(type).toArray())
                    records.append(v.toObject());
                state->insert(type, records);
                (*next)(i + 1);
            },
            true,
            [this, onError, next](const Error &error) {
                *next = nullptr;
                if (onError)
                    onError(error);
                else
                    done(error);
            });
    };
    (*next)(0);
}

void NitroJob::removeObjects(QList<NitroObject> objects, std::function<void(QList<NitroObject>)> then)
{
    auto left = std::make_shared<QList<NitroObject>>();
    auto step = std::make_shared<std::function<void(int)>>();
    *step = [this, objects, left, then = std::move(then), step](int i) {
        if (i == objects.size() || isCancelRequested()) {
            for (int j = i; j < objects.size(); ++j)
                left->append(objects.at(j));
            then(*left);
            *step = nullptr;
            return;
        }
        const NitroObject object = objects.at(i);
        call(
            "DELETE", nitroDeletePath(object), {}, Tr::tr("Remove %1").arg(object.label()),
            [this, object, left, step, i](const Reply &reply) {
                const NitroStatus status = nitroStatus(reply.json);
                if (reply.status / 100 == 2 && status.errorcode == 0)
                    addResult(object, u"removed"_s);
                else if (status.errorcode == NitroCode::NoSuchResource)
                    addResult(object, u"gone"_s, Tr::tr("already removed"));
                else {
                    addResult(
                        object, u"failed"_s,
                        nitroError(Tr::tr("Remove %1").arg(object.label()), reply.status, status).message);
                    left->append(object);
                }
                (*step)(i + 1);
            },
            true,
            [this, object, objects, left, step, i](const Error &error) {
                // The NetScaler stopped answering: everything not yet removed stays.
                addResult(object, u"failed"_s, error.message);
                for (int j = i; j < objects.size(); ++j)
                    left->append(objects.at(j));
                auto then = std::move(*step);
                *step = nullptr;
                then(int(objects.size())); // reports `left` through the normal end
            });
    };
    (*step)(0);
}

// --- Diff ----------------------------------------------------------------------------------

NitroDiffJob::NitroDiffJob(const LbConfig &config, const NitroTarget &target, const QString &password,
                           QObject *parent)
    : NitroJob(Tr::tr("Compare the NetScaler with the plan"), target, password, parent)
    , m_objects(nitroObjects(config))
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

// --- Apply ---------------------------------------------------------------------------------

NitroApplyJob::NitroApplyJob(const LbConfig &config, const NitroTarget &target, const QString &password,
                             QObject *parent)
    : NitroJob(Tr::tr("Apply the load-balancing configuration"), target, password, parent)
    , m_objects(nitroObjects(config))
{
    setKey(u"netscaler.apply"_s);
    setChangesLab(true);
}

void NitroApplyJob::work()
{
    setProgress(0.05, Tr::tr("Enabling load balancing"));
    const QJsonObject feature{{u"nsfeature"_s, QJsonObject{{u"feature"_s, QJsonArray{u"LB"_s}}}}};
    call(
        "POST", nitroPath(u"nsfeature"_s, {}, u"action=enable"_s), feature, Tr::tr("Enable load balancing"),
        [this](const Reply &) { applyType(0); }, false, [this](const Error &e) { rollBackAndFail(e); });
}

void NitroApplyJob::applyType(int index)
{
    const QStringList &types = nitroTypeOrder();
    if (index == types.size()) {
        if (m_created.isEmpty()) {
            setSummary(Tr::tr("Nothing to change: every object is as planned."));
            setProgress(1.0);
            done({});
            return;
        }
        setProgress(0.95, Tr::tr("Saving the configuration"));
        call("POST", nitroPath(u"nsconfig"_s, {}, u"action=save"_s),
             QJsonObject{{u"nsconfig"_s, QJsonObject{}}}, Tr::tr("Save the configuration"),
             [this](const Reply &) {
                 setSummary(Tr::tr("Created %n object(s) and saved the configuration.", nullptr,
                                   int(m_created.size())));
                 setProgress(1.0);
                 done({});
             });
        return;
    }
    const QString type = types.at(index);
    QList<NitroObject> batch;
    QJsonArray items;
    for (const NitroObject &o : std::as_const(m_objects)) {
        if (o.type == type) {
            batch.append(o);
            items.append(o.attributes);
        }
    }
    if (batch.isEmpty()) {
        applyType(index + 1);
        return;
    }
    setProgress(0.1 + 0.8 * index / types.size(),
                Tr::tr("Adding %n %1 object(s)", nullptr, int(batch.size())).arg(type));
    call(
        "POST", nitroPath(type), QJsonObject{{type, items}}, Tr::tr("Add %1 objects").arg(type),
        [this, index, type, batch](const Reply &reply) {
            const QList<NitroStatus> statuses = bulkItemResults(reply.status, reply.json, int(batch.size()));
            QList<NitroObject> existing;
            QStringList problems;
            for (int i = 0; i < batch.size(); ++i) {
                const NitroStatus &s = statuses.at(i);
                if (s.errorcode == 0) {
                    m_created.append(batch.at(i));
                    addResult(batch.at(i), u"created"_s);
                } else if (s.errorcode == NitroCode::ResourceExists) {
                    existing.append(batch.at(i));
                } else {
                    const QString why =
                        nitroError(Tr::tr("Add %1").arg(batch.at(i).label()), reply.status, s).message;
                    addResult(batch.at(i), u"failed"_s, why);
                    problems << why;
                }
            }
            if (std::any_of(statuses.cbegin(), statuses.cend(),
                            [](const NitroStatus &st) { return st.errorcode == 0; }))
                Q_EMIT createdChanged(m_created);
            if (existing.isEmpty()) {
                afterType(index, problems);
                return;
            }
            // Only what already existed is read back, to tell "already correct" from a conflict.
            readState(
                {type},
                [this, index, existing, problems](const NitroState &state) mutable {
                    for (const NitroObject &o : std::as_const(existing)) {
                        const NitroDiffItem d = diffObject(o, state);
                        if (d.action == NitroDiffItem::Action::Correct) {
                            addResult(o, u"unchanged"_s, Tr::tr("already as planned"));
                        } else {
                            const QString why = d.action == NitroDiffItem::Action::Conflict
                                ? d.reason
                                : Tr::tr("%1: the NetScaler says it exists but does not list it.")
                                      .arg(o.label());
                            addResult(o, u"conflict"_s, why);
                            problems << why;
                        }
                    }
                    afterType(index, problems);
                },
                [this](const Error &e) { rollBackAndFail(e); });
        },
        true, [this](const Error &e) { rollBackAndFail(e); });
}

void NitroApplyJob::afterType(int index, const QStringList &problems)
{
    if (problems.isEmpty()) {
        applyType(index + 1);
        return;
    }
    rollBackAndFail(makeError(u"nitro.apply"_s,
                              Tr::tr("%n object(s) could not be applied: %1", nullptr, int(problems.size()))
                                  .arg(problems.join(u" | "_s))));
}

void NitroApplyJob::rollBackAndFail(const Error &error)
{
    if (m_created.isEmpty() || isCancelRequested() || isTransportError(error)) {
        Error e = error;
        if (!m_created.isEmpty())
            e.message += u' '
                + Tr::tr("%n object(s) this run created remain on the NetScaler; remove them with "
                         "'vlab netscaler rollback' when it answers again.",
                         nullptr, int(m_created.size()));
        done(e);
        return;
    }
    setProgress(0.9, Tr::tr("Removing what this run created"));
    log(Tr::tr("Rolling back: removing the %n object(s) this run created", nullptr, int(m_created.size())));
    removeObjects(removalOrder(m_created), [this, error](const QList<NitroObject> &left) {
        m_created = left;
        Q_EMIT createdChanged(m_created);
        Error e = error;
        e.message += u' '
            + (left.isEmpty() ? Tr::tr("Everything this run created was removed again; the NetScaler is "
                                       "as it was.")
                              : Tr::tr("%n object(s) could not be removed; see the results and remove "
                                       "them with 'vlab netscaler rollback'.",
                                       nullptr, int(left.size())));
        done(e);
    });
}

// --- Verify --------------------------------------------------------------------------------

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
             const QJsonObject feature = reply.json.value(u"nsfeature"_s).toObject();
             const QJsonArray list = feature.value(u"feature"_s).toArray();
             const bool lb = feature.value(u"lb"_s).toBool()
                 || std::any_of(list.begin(), list.end(), [](const QJsonValue &v) {
                                 return v.toString().compare(u"LB"_s, Qt::CaseInsensitive) == 0;
                             });
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
            if (r.value(u"name"_s).toString() == o.name())
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

// --- Rollback ------------------------------------------------------------------------------

NitroRollbackJob::NitroRollbackJob(const QList<NitroObject> &objects, const NitroTarget &target,
                                   const QString &password, QObject *parent)
    : NitroJob(Tr::tr("Remove the load-balancing configuration"), target, password, parent)
    , m_objects(removalOrder(objects))
{
    setKey(u"netscaler.rollback"_s);
    setChangesLab(true);
}

void NitroRollbackJob::work()
{
    setProgress(0.1, Tr::tr("Removing %n object(s)", nullptr, int(m_objects.size())));
    removeObjects(m_objects, [this](const QList<NitroObject> &left) {
        m_remaining = left;
        const bool removedAny =
            std::any_of(results().cbegin(), results().cend(),
                        [](const NitroObjectResult &r) { return r.state == u"removed"_s; });
        auto finishUp = [this] {
            if (m_remaining.isEmpty()) {
                setSummary(Tr::tr("Removed %n object(s); the NetScaler is as it was before Apply.", nullptr,
                                  int(m_objects.size())));
                setProgress(1.0);
                done({});
            } else {
                done(makeError(u"nitro.rollback"_s,
                               Tr::tr("%n object(s) could not be removed; see the results.", nullptr,
                                      int(m_remaining.size()))));
            }
        };
        if (!removedAny || isCancelRequested()) {
            finishUp();
            return;
        }
        call("POST", nitroPath(u"nsconfig"_s, {}, u"action=save"_s),
             QJsonObject{{u"nsconfig"_s, QJsonObject{}}}, Tr::tr("Save the configuration"),
             [finishUp](const Reply &) { finishUp(); });
    });
}

// --- Records -------------------------------------------------------------------------------

QList<NitroObject> removalOrder(QList<NitroObject> objects)
{
    const QStringList &order = nitroTypeOrder();
    std::stable_sort(objects.begin(), objects.end(), [&](const NitroObject &a, const NitroObject &b) {
        return order.indexOf(a.type) > order.indexOf(b.type);
    });
    return objects;
}

QByteArray nitroCreatedRecord(const QString &nsip, const QList<NitroObject> &objects)
{
    QJsonArray list;
    for (const NitroObject &o : objects)
        list.append(QJsonObject{{u"type"_s, o.type}, {u"attributes"_s, o.attributes}});
    return QJsonDocument(
               QJsonObject{{u"schema"_s, u"vlab.nitro-created/1"_s}, {u"nsip"_s, nsip}, {u"objects"_s, list}})
        .toJson();
}

Result<QList<NitroObject>> parseNitroCreatedRecord(const QByteArray &data, const QString &nsip)
{
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(data, &error).object();
    if (error.error != QJsonParseError::NoError
        || root.value(u"schema"_s).toString() != u"vlab.nitro-created/1"_s)
        return makeError(
            u"nitro.record"_s,
            Tr::tr("The record of created objects is damaged (%1).")
                .arg(error.error != QJsonParseError::NoError ? error.errorString() : Tr::tr("wrong schema")));
    if (root.value(u"nsip"_s).toString() != nsip)
        return makeError(u"nitro.record"_s,
                         Tr::tr("The record of created objects is for NetScaler %1, not %2.")
                             .arg(root.value(u"nsip"_s).toString(), nsip));
    QList<NitroObject> objects;
    for (const QJsonValue &v : root.value(u"objects"_s).toArray()) {
        const QJsonObject o = v.toObject();
        const NitroObject object{o.value(u"type"_s).toString(), o.value(u"attributes"_s).toObject()};
        if (!nitroTypeOrder().contains(object.type) || object.name().isEmpty())
            return makeError(u"nitro.record"_s,
                             Tr::tr("The record of created objects holds an unknown object."));
        objects.append(object);
    }
    return objects;
}

QString nitroRecordPath(const QString &projectFolder, const QString &host)
{
    // An IPv6 address has colons, which some file systems refuse in a name.
    QString name = netscalerName(host);
    name.replace(u':', u'_');
    return QDir(projectFolder).filePath(u"netscaler-created-"_s + name + u".json"_s);
}

Result<QList<NitroObject>> loadNitroCreatedRecord(const QString &path, const QString &nsip)
{
    if (!QFile::exists(path))
        return QList<NitroObject>();
    const Result<QByteArray> data = readFileLimited(path, 16 * 1024 * 1024);
    if (!data)
        return data.error();
    Result<QList<NitroObject>> objects = parseNitroCreatedRecord(*data, nsip);
    if (!objects)
        return makeError(objects.error().code,
                         QDir::toNativeSeparators(path) + u": "_s + objects.error().message);
    return objects;
}

Result<void> saveNitroCreatedRecord(const QString &path, const QString &nsip,
                                    const QList<NitroObject> &objects)
{
    if (objects.isEmpty()) {
        if (QFile::exists(path) && !QFile::remove(path))
            return makeError(u"file.write"_s,
                             Tr::tr("Cannot remove %1.").arg(QDir::toNativeSeparators(path)));
        return {};
    }
    if (const Result<void> folder = makePrivateFolder(QFileInfo(path).absolutePath()); !folder)
        return folder.error();
    const Result<WrittenFile> written =
        writeFileAtomically(path, nitroCreatedRecord(nsip, objects), privateFilePermissions());
    if (!written)
        return written.error();
    return {};
}

} // namespace vlab
