#pragma once
// The one reply-handling path of the vSphere clients (REST in vcenterclient.cpp, SOAP in
// soapclient.cpp): a request goes out and into the evidence as shown (secrets masked by the
// caller); the reply comes back only while the caller's context still exists; a transport
// failure is recorded and handed on as the error; an answer is recorded (its body shortened,
// or as the caller shows it when it carries a secret) before the caller reads it.

#include "jobs/reportnode.h"
#include "net/httpclient.h"

#include <functional>

namespace vlab {

struct RecordedRequest
{
    HttpRequest request;
    QString shownText; // what the evidence calls it: "POST /rest/com/vmware/cis/session", "SOAP Login"
    QString shownBody; // the request body as the evidence shows it, secrets masked
    // The reply as the evidence shows it; without one, "HTTP <status>" and the body shortened.
    std::function<QString(const HttpResponse &)> shownReply;
};

// The first `limit` bytes of a body as text, with the full size when it was longer.
QString shortenedBody(const QByteArray &body, qsizetype limit = 6000);

// Sends `recorded.request` with `http` and calls `done` with the reply (already recorded in
// `sink`), or with the transport error (recorded too); never once `receiver` (the client
// whose state `done` touches) or `context` (the caller's object) is gone.
void sendRecorded(HttpClient *http, QObject *receiver, const EvidenceSink &sink,
                  const RecordedRequest &recorded, QObject *context,
                  std::function<void(Result<HttpResponse>)> done);

} // namespace vlab
