#include "vsphere/recordedexchange.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace vlab {

QString shortenedBody(const QByteArray &body, qsizetype limit)
{
    QString text = QString::fromUtf8(body.left(limit));
    if (body.size() > limit)
        text += u"\n... (%1 bytes in all)"_s.arg(body.size());
    return text;
}

void sendRecorded(HttpClient *http, QObject *receiver, const EvidenceSink &sink,
                  const RecordedRequest &recorded, QObject *context,
                  std::function<void(Result<HttpResponse>)> done)
{
    if (sink)
        sink(Evidence::Kind::Sent, recorded.shownText, recorded.shownBody);
    QPointer<QObject> guard(context);
    http->send(
        recorded.request, receiver,
        [guard, sink, shownReply = recorded.shownReply, done = std::move(done)](Result<HttpResponse> reply) {
            if (guard.isNull())
                return;
            if (sink) {
                if (!reply)
                    sink(Evidence::Kind::Received, reply.error().message, reply.error().details);
                else
                    sink(Evidence::Kind::Received, u"HTTP %1"_s.arg(reply->status),
                         shownReply ? shownReply(*reply) : shortenedBody(reply->body));
            }
            done(std::move(reply));
        });
}

} // namespace vlab
