#include "net/httpclient.h"

#include "core/tr.h"
#include "net/tlstrust.h"

#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace vlab {

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const HttpHeader &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

struct HttpClient::Pending
{
    QNetworkReply *reply = nullptr;
    QPointer<QObject> context;
    Callback done;
    QTimer deadline;
    enum class Stop { None, Timeout, Cancel, TooLarge } stop = Stop::None;
    QString tlsProblem;
    bool tlsConfirmable = false; // refused only because nobody confirmed the certificate yet
    bool tlsPinChanged = false;  // refused because it is not the certificate confirmed before
};

HttpClient::HttpClient(const QUrl &base, QObject *parent)
    : QObject(parent)
    , m_base(base)
    , m_nam(new QNetworkAccessManager(this))
{
    // Redirects are not followed: a management API that redirects is misconfigured, and a
    // redirect must never carry credentials elsewhere.
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HttpClient::~HttpClient()
{
    // Replies are children of the manager; callbacks are not run during destruction.
    for (Pending *p : std::as_const(m_pending)) {
        p->reply->disconnect(this);
        p->reply->abort();
        delete p;
    }
    m_pending.clear();
}

void HttpClient::setDefaultHeader(const QByteArray &name, const QByteArray &value)
{
    m_defaultHeaders.removeIf(
        [&](const HttpHeader &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    if (!value.isEmpty())
        m_defaultHeaders.append({name, value});
}

void HttpClient::send(const HttpRequest &request, QObject *context, Callback done)
{
    QUrl url = m_base;
    const qsizetype q = request.path.indexOf(u'?');
    url.setPath(q < 0 ? request.path : request.path.left(q));
    if (q >= 0)
        url.setQuery(request.path.mid(q + 1));

    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    for (const HttpHeader &h : std::as_const(m_defaultHeaders))
        req.setRawHeader(h.first, h.second);
    for (const HttpHeader &h : request.headers)
        req.setRawHeader(h.first, h.second);

    auto *p = new Pending;
    p->context = context;
    p->done = std::move(done);
    p->reply = m_nam->sendCustomRequest(req, request.verb, request.body);
    ++m_sent;
    m_pending.append(p);

    QNetworkReply *reply = p->reply;
    connect(reply, &QNetworkReply::sslErrors, this, [this, p](const QList<QSslError> &errors) {
        const QSslCertificate peer = p->reply->sslConfiguration().peerCertificate();
        const TlsVerdict verdict = judgeTlsErrors(errors, peer, m_pin);
        m_presented = verdict.presentedFingerprint;
        m_presentedCertificate = peer;
        if (verdict.accept)
            p->reply->ignoreSslErrors(errors); // exactly these errors, for this pinned certificate
        else {
            p->tlsProblem = verdict.problem;
            p->tlsConfirmable = verdict.confirmable;
            p->tlsPinChanged = verdict.pinChanged;
        }
    });
    connect(reply, &QNetworkReply::encrypted, this, [this, p] {
        m_presentedCertificate = p->reply->sslConfiguration().peerCertificate();
        m_presented = sha256Fingerprint(m_presentedCertificate);
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { finished(reply); });
    // Both the announced length (Content-Length) and the bytes that arrived count, so neither
    // a large announcement nor an endless chunked body is read past the limit.
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, p] {
        const qint64 announced = p->reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (p->stop == Pending::Stop::None && announced > m_maxReplyBytes) {
            p->stop = Pending::Stop::TooLarge;
            p->reply->abort();
        }
    });
    connect(reply, &QNetworkReply::downloadProgress, this, [this, p](qint64 received, qint64 total) {
        if (p->stop == Pending::Stop::None && (received > m_maxReplyBytes || total > m_maxReplyBytes)) {
            p->stop = Pending::Stop::TooLarge;
            p->reply->abort();
        }
    });

    p->deadline.setSingleShot(true);
    connect(&p->deadline, &QTimer::timeout, this, [p] {
        p->stop = Pending::Stop::Timeout;
        p->reply->abort();
    });
    if (m_timeout.count() > 0)
        p->deadline.start(m_timeout);
}

void HttpClient::cancelAll()
{
    const QList<Pending *> pending = m_pending;
    for (Pending *p : pending) {
        p->stop = Pending::Stop::Cancel;
        p->reply->abort();
    }
}

void HttpClient::cancel(const QObject *context)
{
    const QList<Pending *> pending = m_pending;
    for (Pending *p : pending) {
        if (p->context != context)
            continue;
        p->stop = Pending::Stop::Cancel;
        p->reply->abort();
    }
}

void HttpClient::finished(QNetworkReply *reply)
{
    const auto it = std::find_if(m_pending.begin(), m_pending.end(),
                                 [reply](const Pending *p) { return p->reply == reply; });
    if (it == m_pending.end())
        return;
    Pending *p = *it;
    m_pending.erase(it);
    p->deadline.stop();
    reply->deleteLater();

    const QString where =
        m_base.host() + (m_base.port() > 0 ? u':' + QString::number(m_base.port()) : QString());
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    Result<HttpResponse> result = [&]() -> Result<HttpResponse> {
        if (p->stop == Pending::Stop::Timeout)
            return makeError(
                u"http.timeout"_s,
                Tr::tr("%1 did not answer within %2 s. Check that the address and port are right and "
                       "that the service is running.")
                    .arg(where, QString::number(double(m_timeout.count()) / 1000.0)),
                reply->url().toString());
        if (p->stop == Pending::Stop::Cancel)
            return makeError(u"http.cancelled"_s, Tr::tr("Cancelled."));
        if (p->stop == Pending::Stop::TooLarge)
            return makeError(u"http.too-large"_s,
                             Tr::tr("%1 sent a reply larger than %2; it was not read. Check that the "
                                    "address and port are those of the management service.")
                                 .arg(where, QLocale().formattedDataSize(m_maxReplyBytes, 1)),
                             reply->url().toString());
        // "http.tls.untrusted": a certificate nobody confirmed yet, which the person may compare
        // and confirm; "http.tls.changed": another certificate than the confirmed one (details:
        // the presented fingerprint, then "confirmed: " and the pinned one); "http.tls": one no
        // confirmation answers (expired, wrong name with a CA-trusted chain...).
        if (!p->tlsProblem.isEmpty()) {
            const QString message = Tr::tr("TLS check of %1 failed. %2").arg(where, p->tlsProblem);
            if (p->tlsPinChanged)
                return makeError(u"http.tls.changed"_s, message,
                                 m_presented + u"\nconfirmed: "_s + formatSha256(m_pin));
            return makeError(p->tlsConfirmable ? u"http.tls.untrusted"_s : u"http.tls"_s, message,
                             m_presented);
        }
        if (status > 0)
            return HttpResponse{status, reply->readAll(), reply->rawHeaderPairs()};
        switch (reply->error()) {
        case QNetworkReply::ConnectionRefusedError:
            return makeError(u"http.refused"_s,
                             Tr::tr("%1 refused the connection. Check the address and port, and that the "
                                    "management service listens there.")
                                 .arg(where));
        case QNetworkReply::HostNotFoundError:
            return makeError(u"http.host"_s,
                             Tr::tr("The host name %1 does not resolve. Check the name or use "
                                    "the address.")
                                 .arg(m_base.host()));
        case QNetworkReply::RemoteHostClosedError:
            return makeError(u"http.closed"_s,
                             Tr::tr("%1 closed the connection without an answer.").arg(where),
                             reply->errorString());
        default:
            return makeError(u"http.network"_s,
                             Tr::tr("Network error talking to %1: %2").arg(where, reply->errorString()));
        }
    }();

    Callback done = std::move(p->done);
    const bool alive = !p->context.isNull();
    delete p;
    if (alive)
        done(std::move(result));
}

} // namespace vlab
