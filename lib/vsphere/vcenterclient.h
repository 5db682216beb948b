#pragma once
// VCenterClient: the vCenter REST API of vSphere 6.7 (/rest/...) over the shared HttpClient:
// a session from POST /rest/com/vmware/cis/session with Basic authentication, the
// vmware-api-session-id header on every later call, DELETE of the session at the end, and
// HTTP failures mapped to sentences people can act on (401 user or password, 503 services
// not up, TLS not trusted with the fingerprint to confirm). Every request and reply is
// handed to an evidence sink with the password and the session id masked.

#include "core/result.h"
#include "jobs/reportnode.h"

#include <QByteArray>
#include <QJsonValue>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <functional>

namespace vlab {

class HttpClient;

// Where and as whom to talk to a vCenter. The password lives in memory only.
struct VCenterEndpoint
{
    QUrl url;       // https://host[:port]
    QByteArray pin; // the user-confirmed SHA-256 digest of its certificate (32 bytes), or empty
    QString user;
    QString password;
    std::chrono::milliseconds timeout{30000}; // per request
};

// "HOST", "HOST:PORT", "[v6]:PORT" (an https:// prefix is accepted) -> https://HOST[:PORT].
Result<QUrl> parseVCenterHost(const QString &text);
// The vCenter of `url` as people write it (host, with ":PORT" when not 443): a job's target.
QString vcenterTarget(const QUrl &url);

// The mask written in evidence in place of passwords and session ids.
inline constexpr auto kMasked = "********";

// An HttpClient for the endpoint (base URL, pin, timeout), owned by `parent`.
HttpClient *makeHttpClient(const VCenterEndpoint &endpoint, QObject *parent);

// Maps a vCenter REST reply that is not 2xx to an Error ("vcenter.auth", "vcenter.unavailable",
// "vcenter.notfound", "vcenter.rest"). `what` names the call for people.
Error restError(int status, const QByteArray &body, const QString &what);

// Reads a vCenter REST reply as VCenterClient::call() and callOptional() do: a 2xx reply gives
// its "value" (null when the body is empty or has none; a top-level array as it is), a 404 to an
// `optional` read an undefined QJsonValue, a 2xx body that is not JSON "vcenter.rest.syntax", and
// any other status restError(). The reply is the vCenter's (or whoever answers on its address):
// every body is read as hostile (the fuzz target fuzz_vcha_reply).
Result<QJsonValue> parseRestReply(int status, const QByteArray &body, bool optional, const QString &what);

class VCenterClient : public QObject
{
    Q_OBJECT
public:
    explicit VCenterClient(const VCenterEndpoint &endpoint, QObject *parent = nullptr);
    // Talks over `http`, which others share (VCenterConnection) and this client does not own: the
    // session is the one `http` carries, cancel() aborts only this client's own requests.
    VCenterClient(const VCenterEndpoint &endpoint, HttpClient *http, QObject *parent = nullptr);
    ~VCenterClient() override;

    const VCenterEndpoint &endpoint() const { return m_endpoint; }
    HttpClient *http() const { return m_http; }
    void setEvidenceSink(EvidenceSink sink) { m_sink = std::move(sink); }
    bool hasSession() const { return !m_session.isEmpty(); }

    using Done = std::function<void(Result<void>)>;
    using JsonDone = std::function<void(Result<QJsonValue>)>;

    // POST /rest/com/vmware/cis/session; on success later calls carry the session.
    void login(QObject *context, Done done);
    // DELETE /rest/com/vmware/cis/session; forgets the session whatever the answer.
    void logout(QObject *context, Done done);
    // A REST call in the session. `body` is sent as JSON unless it is undefined. A 2xx reply
    // gives its "value" (null when there is none); anything else an Error from restError().
    void call(const QByteArray &verb, const QString &path, const QJsonValue &body, QObject *context,
              JsonDone done);
    // Like call(), but a 404 gives an undefined QJsonValue instead of an error: for reads the
    // target's version may not offer.
    void callOptional(const QByteArray &verb, const QString &path, const QJsonValue &body, QObject *context,
                      JsonDone done);

    void cancel();

private:
    void send(const QByteArray &verb, const QString &path, const QJsonValue &body, bool optional,
              QObject *context, JsonDone done);

    VCenterEndpoint m_endpoint;
    HttpClient *m_http;
    bool m_ownsHttp = true;
    QByteArray m_session;
    EvidenceSink m_sink;
};

} // namespace vlab
