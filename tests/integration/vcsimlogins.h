#pragma once
// The vCenter simulator's count of the sessions clients opened and closed (GET /vlab/logins of
// tests/tools/vcsim, see logins.go), read over the same pinned TLS the clients use. For tests
// and the audit benchmark that check how many times a run logs in.

#include "net/httpclient.h"
#include "vsphere/vcenterclient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <chrono>
#include <optional>

struct VcSimLogins
{
    int restLogins = 0;
    int restLogouts = 0;
    int soapLogins = 0;
    int soapLogouts = 0;
    QString error; // empty: read

    VcSimLogins operator-(const VcSimLogins &before) const
    {
        return {restLogins - before.restLogins, restLogouts - before.restLogouts,
                soapLogins - before.soapLogins, soapLogouts - before.soapLogouts,
                error.isEmpty() ? before.error : error};
    }
    QString text() const
    {
        using namespace Qt::StringLiterals;
        return error.isEmpty() ? u"REST %1 logins, %2 logouts; SOAP %3 logins, %4 logouts"_s.arg(
                   QString::number(restLogins), QString::number(restLogouts), QString::number(soapLogins),
                   QString::number(soapLogouts))
                               : error;
    }
};

// `hostPort` as VcSimFixture::start() returns it; `pin` the fixture's.
inline VcSimLogins readVcSimLogins(const QString &hostPort, const QByteArray &pin)
{
    using namespace Qt::StringLiterals;
    VcSimLogins counts;
    const vlab::Result<QUrl> url = vlab::parseVCenterHost(hostPort);
    if (!url) {
        counts.error = url.error().message;
        return counts;
    }
    vlab::HttpClient http(*url);
    http.setPinnedSha256(pin);
    http.setTimeout(std::chrono::milliseconds(10000));
    std::optional<vlab::Result<vlab::HttpResponse>> reply;
    QEventLoop loop;
    // The client's own time limit ends the wait.
    http.send(vlab::HttpRequest{"GET", u"/vlab/logins"_s, {}, {}}, &loop,
              [&](vlab::Result<vlab::HttpResponse> r) {
                  reply = std::move(r);
                  loop.quit();
              });
    if (!reply)
        loop.exec();
    if (!*reply) {
        counts.error = reply->error().message;
        return counts;
    }
    if ((*reply)->status != 200) {
        counts.error = u"GET /vlab/logins: HTTP %1"_s.arg((*reply)->status);
        return counts;
    }
    const QJsonObject o = QJsonDocument::fromJson((*reply)->body).object();
    const QJsonObject rest = o.value(u"rest"_s).toObject();
    const QJsonObject soap = o.value(u"soap"_s).toObject();
    counts.restLogins = rest.value(u"login"_s).toInt();
    counts.restLogouts = rest.value(u"logout"_s).toInt();
    counts.soapLogins = soap.value(u"login"_s).toInt();
    counts.soapLogouts = soap.value(u"logout"_s).toInt();
    return counts;
}
