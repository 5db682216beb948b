#pragma once
// HttpClient: asynchronous HTTPS requests to one management endpoint (NITRO, vCenter REST
// and SOAP) on Qt Network. Every request has a deadline and can be cancelled; TLS is
// verified or pinned (net/tlstrust.h); transport failures become Errors that say what to
// check. The client counts the requests it sends, for the request-count benchmarks.

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace vlab {

using HttpHeader = QPair<QByteArray, QByteArray>;

struct HttpRequest
{
    QByteArray verb = "GET";
    QString path; // with the query, for example "/nitro/v1/config/server?bulkbindings=yes"
    QByteArray body;
    QList<HttpHeader> headers; // in addition to the client's default headers
};

struct HttpResponse
{
    int status = 0;
    QByteArray body;
    QList<HttpHeader> headers;

    QByteArray header(const QByteArray &name) const; // case-insensitive, first match
};

class HttpClient : public QObject
{
    Q_OBJECT
public:
    // `base` is scheme://host[:port]; paths of requests are appended.
    explicit HttpClient(const QUrl &base, QObject *parent = nullptr);
    ~HttpClient() override;

    QUrl baseUrl() const { return m_base; }
    // The user-confirmed SHA-256 digest of the endpoint's certificate (32 bytes), or empty.
    void setPinnedSha256(const QByteArray &digest) { m_pin = digest; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }
    // A reply whose body would exceed this is aborted ("http.too-large") as soon as its
    // announced length or the bytes received pass it, so a wrong endpoint or a hostile peer
    // cannot fill memory. The default is far above any NITRO, REST or SOAP answer of a lab.
    static constexpr qint64 kDefaultMaxReplyBytes = 64 * 1024 * 1024;
    void setMaxReplyBytes(qint64 bytes) { m_maxReplyBytes = bytes; }
    qint64 maxReplyBytes() const { return m_maxReplyBytes; }
    // Sent with every request; an empty value removes the header.
    void setDefaultHeader(const QByteArray &name, const QByteArray &value);

    using Callback = std::function<void(Result<HttpResponse>)>;
    // `done` runs once on this client's thread, unless `context` is destroyed first.
    // Any HTTP status is a response; only transport failures (refused, timeout, TLS,
    // cancel, a reply over the size limit) are errors, with codes "http.*".
    void send(const HttpRequest &request, QObject *context, Callback done);

    // Aborts every request in flight; their callbacks get "http.cancelled".
    void cancelAll();
    // Aborts the requests in flight sent with `context`, leaving the others of a shared client.
    void cancel(const QObject *context);

    int requestsSent() const { return m_sent; }
    // The SHA-256 fingerprint of the last certificate the endpoint presented (colon form).
    QString presentedFingerprint() const { return m_presented; }
    // The last certificate the endpoint presented (for thumbprints other APIs ask for).
    QSslCertificate presentedCertificate() const { return m_presentedCertificate; }

private:
    struct Pending;
    void finished(QNetworkReply *reply);

    QUrl m_base;
    QByteArray m_pin;
    std::chrono::milliseconds m_timeout{30000};
    qint64 m_maxReplyBytes = kDefaultMaxReplyBytes;
    QList<HttpHeader> m_defaultHeaders;
    QNetworkAccessManager *m_nam = nullptr;
    QList<Pending *> m_pending;
    QString m_presented;
    QSslCertificate m_presentedCertificate;
    int m_sent = 0;
};

} // namespace vlab
