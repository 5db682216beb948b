// Benchmark (not a test) of issue 4, point 7 and issue 17, point 6: HTTP requests and wall
// time of applying the PSC load-balancing configuration over NITRO, against the NITRO stand-in
// (tests/tools/nitro-standin: a strict stand-in for a NetScaler; TLS on loopback), for 2, 8
// and 32 PSCs. Baseline, measured in the same run on a fresh stand-in: the same objects added
// one request per object (what a client without bulk requests does). Then an unchanged re-apply
// (the project's record says the objects exist, so it reads first): its requests and writes.
// Aims: <= 12 requests for a fresh apply whatever the number of PSCs, and 0 writes for the
// re-apply.
// Usage: bench_nitro [ROUNDS]   (default 3; the best round is reported)

#include "nitrostandin.h"

#include "net/httpclient.h"
#include "netscaler/nitroapplyjob.h"
#include "plan/planjson.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

LbConfig configFor(int pscs)
{
    LabPlan plan = examplePlan();
    plan.psc.clear();
    for (int i = 0; i < pscs; ++i) {
        const QString name = u"psc%1"_s.arg(i + 1, 2, 10, QChar(u'0'));
        plan.psc.append(PscNode{name, name + u".sslab.com"_s, u"192.168.1.%1"_s.arg(20 + i)});
    }
    return *LbConfig::fromPlan(plan);
}

NitroTarget targetFor(const NitroStandin &ns)
{
    NitroTarget t = *NitroTarget::parseAddress(ns.address());
    t.user = QString::fromLatin1(NitroStandin::kUser);
    t.pinnedSha256 = ns.certificateSha256();
    return t;
}

struct Measure
{
    double ms = -1;
    int requests = 0;
    int writes = 0; // requests that change the NetScaler (not GET, login, logout)
};

int writesIn(const QJsonArray &log, qsizetype from)
{
    int writes = 0;
    for (qsizetype i = from; i < log.size(); ++i) {
        const QString line = log.at(i).toString();
        if (!line.startsWith(u"GET "_s) && !line.endsWith(u"/login"_s) && !line.endsWith(u"/logout"_s))
            ++writes;
    }
    return writes;
}

Measure runApply(const LbConfig &config, const NitroStandin &ns, bool readFirst)
{
    const qsizetype before = ns.state().value(u"log"_s).toArray().size();
    NitroApplyJob job(config, targetFor(ns), NitroStandin::password());
    job.setReadFirst(readFirst);
    QEventLoop loop;
    QObject::connect(&job, &Job::finished, &loop, &QEventLoop::quit);
    QElapsedTimer timer;
    timer.start();
    job.start();
    if (!job.isFinished())
        loop.exec();
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    if (!job.result().ok()) {
        std::fprintf(stderr, "apply failed: %s\n", qPrintable(job.result().error().message));
        return {};
    }
    QJsonArray log = ns.state().value(u"log"_s).toArray();
    return {ms, job.requestCount(), writesIn(log, before)};
}

// One POST per object, in order, on one kept-alive connection: the baseline.
Measure applyOneByOne(const LbConfig &config)
{
    NitroStandin ns;
    if (!ns.start().isEmpty())
        return {};
    QUrl base(u"https://"_s + ns.address());
    HttpClient http(base);
    http.setPinnedSha256(ns.certificateSha256());
    QList<HttpRequest> requests;
    const QJsonObject login{{u"login"_s,
                             QJsonObject{{u"username"_s, QString::fromLatin1(NitroStandin::kUser)},
                                         {u"password"_s, NitroStandin::password()}}}};
    requests.append(
        {"POST", u"/nitro/v1/config/login"_s, QJsonDocument(login).toJson(QJsonDocument::Compact), {}});
    requests.append(
        {"POST", u"/nitro/v1/config/nsfeature?action=enable"_s, R"({"nsfeature":{"feature":["LB"]}})", {}});
    for (const NitroObject &o : nitroObjects(config))
        requests.append({nitroAddVerb(o.type),
                         nitroPath(o.type),
                         QJsonDocument(QJsonObject{{o.type, o.attributes}}).toJson(QJsonDocument::Compact),
                         {}});
    requests.append({"POST", u"/nitro/v1/config/nsconfig?action=save"_s, R"({"nsconfig":{}})", {}});
    requests.append({"POST", u"/nitro/v1/config/logout"_s, R"({"logout":{}})", {}});

    QEventLoop loop;
    QElapsedTimer timer;
    timer.start();
    int next = 0;
    bool failed = false;
    std::function<void()> send = [&] {
        if (next == requests.size() || failed) {
            loop.quit();
            return;
        }
        http.send(requests.at(next++), &loop, [&](Result<HttpResponse> r) {
            if (!r || r->status / 100 != 2) {
                failed = true;
            } else if (next == 1) {
                const QString id = QJsonDocument::fromJson(r->body).object().value(u"sessionid"_s).toString();
                http.setDefaultHeader("Cookie", "NITRO_AUTH_TOKEN=" + id.toUtf8());
            }
            send();
        });
    };
    QTimer::singleShot(0, &loop, send);
    loop.exec();
    if (failed)
        return {};
    return {double(timer.nsecsElapsed()) / 1e6, http.requestsSent()};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    std::printf("NITRO apply against the NITRO stand-in (TLS, loopback), best of %d rounds\n", rounds);
    std::printf("%6s %8s | %9s %9s | %9s %9s | %8s %8s | %9s %9s %9s\n", "PSCs", "objects", "bulk req",
                "bulk ms", "1by1 req", "1by1 ms", "req x", "time x", "again req", "again wr", "again ms");
    bool aimsMet = true;
    for (int pscs : {2, 8, 32}) {
        const LbConfig config = configFor(pscs);
        Measure bulk, single, again;
        for (int r = 0; r < rounds; ++r) {
            NitroStandin ns;
            if (!ns.start().isEmpty())
                return 1;
            const Measure b = runApply(config, ns, false);
            const Measure a = runApply(config, ns, true); // unchanged lab, the record says ours exist
            const Measure s = applyOneByOne(config);
            if (b.ms < 0 || s.ms < 0 || a.ms < 0)
                return 1;
            if (bulk.ms < 0 || b.ms < bulk.ms)
                bulk = b;
            if (single.ms < 0 || s.ms < single.ms)
                single = s;
            if (again.ms < 0 || a.ms < again.ms)
                again = a;
        }
        aimsMet = aimsMet && bulk.requests <= 12 && again.writes == 0;
        std::printf("%6d %8d | %9d %9.1f | %9d %9.1f | %8.1f %8.2f | %9d %9d %9.1f\n", pscs,
                    config.objectCount(), bulk.requests, bulk.ms, single.requests, single.ms,
                    double(single.requests) / bulk.requests, single.ms / bulk.ms, again.requests,
                    again.writes, again.ms);
    }
    std::printf("aims (fresh <= 12 requests, unchanged re-apply 0 writes): %s\n",
                aimsMet ? "met" : "NOT met");
    return aimsMet ? 0 : 1;
}
