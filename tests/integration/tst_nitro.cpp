// The NITRO jobs against the NITRO stand-in (tests/tools/nitro-standin: a stand-in that
// follows the documented NITRO behaviour; no NetScaler runs here), over real TLS on loopback.

#include "nitrostandin.h"

#include "net/tlstrust.h"
#include "netscaler/nitroapplyjob.h"
#include "netscaler/nitrodiffjob.h"
#include "netscaler/nitrorecord.h"
#include "netscaler/nitrorollbackjob.h"
#include "netscaler/nitroverifyjob.h"
#include "plan/planjson.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

LbConfig exampleConfig()
{
    return *LbConfig::fromPlan(examplePlan());
}

LbConfig threePscConfig()
{
    LabPlan plan = examplePlan();
    plan.psc.append(PscNode{u"vcenter-psc03"_s, u"vcenter-psc03.sslab.com"_s, u"192.168.1.214"_s});
    return *LbConfig::fromPlan(plan);
}

// Waits for the job's finished signal (the deadline only guards against a hang).
bool runJob(Job *job)
{
    QSignalSpy spy(job, &Job::finished);
    job->start();
    return job->isFinished() || spy.wait(60000);
}

QStringList requestLog(const NitroStandin &ns)
{
    QStringList log;
    for (const QJsonValue &v : ns.state().value(u"log"_s).toArray())
        log << v.toString();
    log.removeAll(u"GET /standin/state"_s);
    return log;
}

// The writes among the logged requests (login and logout aside).
QStringList writes(const QStringList &log)
{
    QStringList out;
    for (const QString &line : log) {
        if (!line.startsWith(u"GET "_s) && !line.endsWith(u"/login"_s) && !line.endsWith(u"/logout"_s))
            out << line;
    }
    return out;
}

QStringList features(const NitroStandin &ns)
{
    QStringList out;
    for (const QJsonValue &v : ns.state().value(u"features"_s).toArray())
        out << v.toString();
    return out;
}

int countState(const QList<NitroObjectResult> &results, const QString &state)
{
    return int(std::count_if(results.cbegin(), results.cend(),
                             [&](const NitroObjectResult &r) { return r.state == state; }));
}

} // namespace

class TstNitro : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void freshApplyCreatesEverythingInTwelveRequests();
    void freshApplyWithLbOnAndSnipPresent();
    void reapplyWithRecordWritesNothing();
    void reapplyWithoutRecordStopsAtTheFirstRefusal();
    void diffBeforeAndAfter();
    void threePscs();
    void conflictsAreReportedNotOverwritten();
    void conflictLeavesTheDeviceAsItWas();
    void conflictFoundByReadingFirstWritesNothing();
    void conflictingSnipIsReportedNotChanged();
    void partialFailureRollsBack();
    void badCredentials();
    void unansweredRequestTimesOut();
    void cancelStopsAHangingRequest();
    void serverErrorRollsBack();
    void malformedReply();
    void tlsRefusedWithoutConfirmedFingerprint();
    void verifyReportsDownServices();
    void sessionExpired();
    void rollbackRemovesWhatApplyCreated();
    void rollbackKeepsLbWhenOthersUseIt();
    void requestBodiesOnTheWireMatchTheReference();
    void standinRefusesWhatNetScalerRefuses_data();
    void standinRefusesWhatNetScalerRefuses();
    void createdRecordRoundTrip();

private:
    NitroTarget target(const NitroStandin &ns, bool pinned = true) const
    {
        NitroTarget t = *NitroTarget::parseAddress(ns.address());
        t.user = QString::fromLatin1(NitroStandin::kUser);
        if (pinned)
            t.pinnedSha256 = ns.certificateSha256();
        t.requestTimeout = std::chrono::seconds(10);
        return t;
    }
};

void TstNitro::freshApplyCreatesEverythingInTwelveRequests()
{
    NitroStandin ns;
    QCOMPARE(ns.start(), QString());
    NitroApplyJob job(exampleConfig(), target(ns), NitroStandin::password());
    QSignalSpy recorded(&job, &NitroApplyJob::createdChanged);
    QVERIFY(runJob(&job));
    QVERIFY2(job.result().ok(), qPrintable(job.result() ? QString() : job.result().error().message));

    QCOMPARE(ns.count(u"nsip"_s), 1);
    QCOMPARE(ns.count(u"server"_s), 2);
    QCOMPARE(ns.count(u"service"_s), 12);
    QCOMPARE(ns.count(u"lbvserver"_s), 6);
    QCOMPARE(ns.count(u"lbvserver_service_binding"_s), 12);
    QCOMPARE(ns.count(u"lbgroup"_s), 1);
    QCOMPARE(ns.count(u"lbgroup_lbvserver_binding"_s), 6);
    const QJsonObject state = ns.state();
    QCOMPARE(state.value(u"saved"_s), state.value(u"running"_s)); // saved after the changes
    QCOMPARE(features(ns), QStringList{u"LB"_s});
    const QJsonObject running = state.value(u"running"_s).toObject();
    const QJsonObject snip = running.value(u"nsip"_s).toArray().at(0).toObject();
    QCOMPARE(snip.value(u"ipaddress"_s).toString(), examplePlan().loadBalancer.snip);
    QCOMPARE(snip.value(u"type"_s).toString(), u"SNIP"_s);
    QCOMPARE(snip.value(u"netmask"_s).toString(), u"255.255.255.0"_s);
    const QJsonObject group = running.value(u"lbgroup"_s).toArray().at(0).toObject();
    QCOMPARE(group.value(u"persistencetype"_s).toString(), u"SOURCEIP"_s);
    QCOMPARE(group.value(u"timeout"_s).toInt(), 1440);

    QCOMPARE(job.created().size(), 40);
    QCOMPARE(job.record().features, QStringList{u"LB"_s});
    QCOMPARE(countState(job.results(), u"created"_s), 40);
    // The NetScaler had no SNIP and load balancing was off: the SNIP is read, everything is
    // added type by type, the warning of the virtual-server add says LB is off, and LB goes on last.
    QCOMPARE(job.requestCount(), 12);
    QCOMPARE(requestLog(ns),
             (QStringList{
                 u"POST /nitro/v1/config/login"_s,
                 u"GET /nitro/v1/config/nsip"_s,
                 u"POST /nitro/v1/config/nsip"_s,
                 u"POST /nitro/v1/config/server"_s,
                 u"POST /nitro/v1/config/service"_s,
                 u"POST /nitro/v1/config/lbvserver?warning=yes"_s,
                 u"PUT /nitro/v1/config/lbvserver_service_binding"_s,
                 u"POST /nitro/v1/config/lbgroup"_s,
                 u"PUT /nitro/v1/config/lbgroup_lbvserver_binding"_s,
                 u"POST /nitro/v1/config/nsfeature?action=enable"_s,
                 u"POST /nitro/v1/config/nsconfig?action=save"_s,
                 u"POST /nitro/v1/config/logout"_s,
             }));
    // The record was kept after every change; its last state is the whole run.
    QVERIFY(recorded.size() >= 7);
    QCOMPARE(recorded.constLast().at(0).value<NitroRecord>(), job.record());
    // The password never reaches the evidence.
    const QByteArray evidence = QJsonDocument(job.report().toJson()).toJson();
    QVERIFY(!evidence.contains(NitroStandin::password().toUtf8()));
    QVERIFY(evidence.contains("password\\\":\\\"********"));
    QVERIFY(evidence.contains("POST /nitro/v1/config/lbvserver"));
}

void TstNitro::freshApplyWithLbOnAndSnipPresent()
{
    // A NetScaler after its set-up wizard: the SNIP exists and load balancing is on. No warning
    // comes with the virtual servers, so the feature is read once at the end; still 12 at most.
    const LbConfig config = exampleConfig();
    const QJsonObject existing{{u"features"_s, QJsonArray{u"LB"_s, u"SSL"_s}},
                               {u"nsip"_s,
                                QJsonArray{QJsonObject{{u"ipaddress"_s, config.snip.ip},
                                                       {u"netmask"_s, config.snip.netmask},
                                                       {u"type"_s, u"SNIP"_s}}}}};
    NitroStandin ns;
    QCOMPARE(ns.start({}, existing), QString());
    NitroApplyJob job(config, target(ns), NitroStandin::password());
    QVERIFY(runJob(&job));
    QVERIFY2(job.result().ok(), qPrintable(job.result() ? QString() : job.result().error().message));
    QCOMPARE(job.created().size(), 39);
    QVERIFY(job.record().features.isEmpty()); // it was on already: not ours to undo
    QCOMPARE(countState(job.results(), u"unchanged"_s), 1);
    QVERIFY(job.requestCount() <= 12);
    QCOMPARE(job.requestCount(), 11);
    QVERIFY(!writes(requestLog(ns)).contains(u"POST /nitro/v1/config/nsip"_s));
    QVERIFY(!writes(requestLog(ns)).contains(u"POST /nitro/v1/config/nsfeature?action=enable"_s));
    QCOMPARE(features(ns), (QStringList{u"LB"_s, u"SSL"_s}));
}

void TstNitro::reapplyWithRecordWritesNothing()
{
    NitroStandin ns;
    QCOMPARE(ns.start(), QString());
    NitroApplyJob first(exampleConfig(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&first));
    QVERIFY(first.result().ok());
    const QJsonObject before = ns.state().value(u"running"_s).toObject();
    const int requestsBefore = int(requestLog(ns).size());

    // What the CLI and the page do when the project records objects on this NetScaler.
    NitroApplyJob second(exampleConfig(), target(ns), NitroStandin::password());
    second.setReadFirst(true);
    QVERIFY(runJob(&second));
    QVERIFY2(second.result().ok(), qPrintable(second.result() ? QString() : second.result().error().message));
    QVERIFY(second.record().isEmpty());
    QCOMPARE(countState(second.results(), u"unchanged"_s), 40);
    QCOMPARE(ns.state().value(u"running"_s).toObject(), before);
    const QStringList log = requestLog(ns).mid(requestsBefore);
    QCOMPARE(writes(log), QStringList()); // no write, no save: nothing for the audit log
    QCOMPARE(log.constFirst(), u"POST /nitro/v1/config/login"_s);
    QCOMPARE(log.at(1), u"GET /nitro/v1/config/nsfeature"_s); // reads before anything else
    QCOMPARE(second.requestCount(), 10);                      // login, features, 7 object types, logout
}

void TstNitro::reapplyWithoutRecordStopsAtTheFirstRefusal()
{
    // The lab was applied from another project folder (no record here): the first bulk add is
    // refused item by item, then everything is read and nothing else is written.
    NitroStandin ns;
    QCOMPARE(ns.start(), QString());
    NitroApplyJob first(exampleConfig(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&first));
    const int requestsBefore = int(requestLog(ns).size());
    NitroApplyJob second(exampleConfig(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&second));
    QVERIFY2(second.result().ok(), qPrintable(second.result() ? QString() : second.result().error().message));
    QVERIFY(second.record().isEmpty());
    QCOMPARE(countState(second.results(), u"unchanged"_s), 40);
    QCOMPARE(writes(requestLog(ns).mid(requestsBefore)), QStringList{u"POST /nitro/v1/config/server"_s});
}

void TstNitro::diffBeforeAndAfter()
{
    NitroStandin ns;
    QCOMPARE(ns.start(), QString());
    NitroDiffJob before(exampleConfig(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&before));
    QVERIFY(before.result().ok());
    QVERIFY(before.hasDrift());
    QCOMPARE(countState(before.results(), u"create"_s), 40);
    // Diff reads only.
    QCOMPARE(writes(requestLog(ns)), QStringList());

    NitroApplyJob apply(exampleConfig(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&apply));
    NitroDiffJob after(exampleConfig(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&after));
    QVERIFY(after.result().ok());
    QVERIFY(!after.hasDrift());
    QCOMPARE(countState(after.results(), u"correct"_s), 40);
}

void TstNitro::threePscs()
{
    NitroStandin ns;
    QCOMPARE(ns.start(), QString());
    NitroApplyJob job(threePscConfig(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&job));
    QVERIFY(job.result().ok());
    QCOMPARE(ns.count(u"server"_s), 3);
    QCOMPARE(ns.count(u"service"_s), 18);
    QCOMPARE(ns.count(u"lbvserver_service_binding"_s), 18);
    QCOMPARE(job.requestCount(), 12); // constant in the number of objects
}

namespace {

// Someone else's objects: a virtual server of our name on another address, and one of our
// virtual servers' names already in another persistency group; our first server exists as planned.
QJsonObject othersObjects(const LbConfig &config)
{
    const NsVserver ours = config.vservers.at(0);
    const NsVserver second = config.vservers.at(1);
    return QJsonObject{
        {u"server"_s,
         QJsonArray{
             QJsonObject{{u"name"_s, config.servers.at(0).name}, {u"ipaddress"_s, config.servers.at(0).ip}}}},
        {u"lbvserver"_s,
         QJsonArray{QJsonObject{{u"name"_s, ours.name},
                                {u"servicetype"_s, u"TCP"_s},
                                {u"ipv46"_s, u"192.168.1.99"_s},
                                {u"port"_s, ours.port}},
                    QJsonObject{{u"name"_s, second.name},
                                {u"servicetype"_s, u"TCP"_s},
                                {u"ipv46"_s, second.ip},
                                {u"port"_s, second.port}}}},
        {u"lbgroup"_s,
         QJsonArray{QJsonObject{
             {u"name"_s, u"other-group"_s}, {u"persistencetype"_s, u"COOKIEINSERT"_s}, {u"timeout"_s, 2}}}},
        {u"lbgroup_lbvserver_binding"_s,
         QJsonArray{QJsonObject{{u"name"_s, u"other-group"_s}, {u"vservername"_s, second.name}}}},
    };
}

} // namespace

void TstNitro::conflictsAreReportedNotOverwritten()
{
    const LbConfig config = exampleConfig();
    NitroStandin ns;
    QCOMPARE(ns.start({}, othersObjects(config)), QString());
    const QJsonObject before = ns.state().value(u"running"_s).toObject();

    NitroDiffJob diff(config, target(ns), NitroStandin::password());
    QVERIFY(runJob(&diff));
    QVERIFY(diff.result().ok());
    QStringList conflicts;
    for (const NitroDiffItem &item : diff.diff()) {
        if (item.action == NitroDiffItem::Action::Conflict)
            conflicts << item.object.label() + u": "_s + item.reason;
    }
    QCOMPARE(conflicts.size(), 2);
    QVERIFY2(conflicts.at(0).contains(config.vservers.at(0).name)
                 && conflicts.at(0).contains(u"192.168.1.99"_s),
             qPrintable(conflicts.at(0)));
    QVERIFY2(conflicts.at(1).contains(u"other-group"_s), qPrintable(conflicts.at(1)));
    QCOMPARE(countState(diff.results(), u"correct"_s), 2); // the matching server and vserver

    NitroApplyJob apply(config, target(ns), NitroStandin::password());
    QVERIFY(runJob(&apply));
    QVERIFY(!apply.result().ok());
    QCOMPARE(apply.result().error().code, u"nitro.apply"_s);
    QVERIFY2(apply.result().error().message.contains(u"192.168.1.99"_s),
             qPrintable(apply.result().error().message));
    QVERIFY(apply.result().error().message.contains(u"as it was"_s));
    // The first refusal (our server exists) made it read everything: both conflicts at once.
    QCOMPARE(countState(apply.results(), u"conflict"_s), 2);
    QVERIFY(apply.record().isEmpty());
    // Nothing of theirs changed, nothing of ours left behind (the SNIP and the second server it
    // had added are removed again), nothing saved.
    QCOMPARE(ns.state().value(u"running"_s).toObject(), before);
    QVERIFY(!requestLog(ns).contains(u"POST /nitro/v1/config/nsconfig?action=save"_s));
}

void TstNitro::conflictLeavesTheDeviceAsItWas()
{
    // #19: a conflict must not leave load balancing switched on when it was off before. Someone
    // else's virtual server serves our VIP on 443 under another name.
    const LbConfig config = exampleConfig();
    const QJsonObject existing{{u"lbvserver"_s,
                                QJsonArray{QJsonObject{{u"name"_s, u"theirs-443"_s},
                                                       {u"servicetype"_s, u"TCP"_s},
                                                       {u"ipv46"_s, config.vservers.at(0).ip},
                                                       {u"port"_s, 443}}}}};
    NitroStandin ns;
    QCOMPARE(ns.start({}, existing), QString());
    const QJsonObject before = ns.state();
    NitroApplyJob apply(config, target(ns), NitroStandin::password());
    QVERIFY(runJob(&apply));
    QVERIFY(!apply.result().ok());
    QVERIFY2(apply.result().error().message.contains(u"theirs-443"_s),
             qPrintable(apply.result().error().message));
    const QJsonObject after = ns.state();
    QCOMPARE(after.value(u"features"_s), before.value(u"features"_s)); // LB still off
    QCOMPARE(after.value(u"running"_s), before.value(u"running"_s));
    QCOMPARE(after.value(u"saved"_s), before.value(u"saved"_s));
    QVERIFY(apply.record().isEmpty());
}

void TstNitro::conflictFoundByReadingFirstWritesNothing()
{
    const LbConfig config = exampleConfig();
    NitroStandin ns;
    QCOMPARE(ns.start({}, othersObjects(config)), QString());
    NitroApplyJob apply(config, target(ns), NitroStandin::password());
    apply.setReadFirst(true);
    QVERIFY(runJob(&apply));
    QVERIFY(!apply.result().ok());
    QVERIFY(apply.result().error().message.contains(u"Nothing was changed"_s));
    QCOMPARE(writes(requestLog(ns)), QStringList());
}

void TstNitro::conflictingSnipIsReportedNotChanged()
{
    // The plan's SNIP address is a VIP on the NetScaler: reported, nothing written at all.
    const LbConfig config = exampleConfig();
    const QJsonObject existing{
        {u"nsip"_s,
         QJsonArray{QJsonObject{
             {u"ipaddress"_s, config.snip.ip}, {u"netmask"_s, config.snip.netmask}, {u"type"_s, u"VIP"_s}}}}};
    NitroStandin ns;
    QCOMPARE(ns.start({}, existing), QString());
    NitroApplyJob apply(config, target(ns), NitroStandin::password());
    QVERIFY(runJob(&apply));
    QVERIFY(!apply.result().ok());
    QVERIFY2(apply.result().error().message.contains(u"type is VIP, the plan wants SNIP"_s),
             qPrintable(apply.result().error().message));
    QCOMPARE(writes(requestLog(ns)), QStringList());
    QCOMPARE(ns.state().value(u"running"_s).toObject(), existing);
}

void TstNitro::partialFailureRollsBack()
{
    const LbConfig config = exampleConfig();
    const QString failing = config.services.at(7).name;
    NitroStandin ns;
    QCOMPARE(ns.start({u"--fail-add"_s, failing}), QString());
    NitroApplyJob job(config, target(ns), NitroStandin::password());
    QVERIFY(runJob(&job));
    QVERIFY(!job.result().ok());
    const QString message = job.result().error().message;
    QVERIFY2(message.contains(failing) && message.contains(u"1074"_s), qPrintable(message));
    QVERIFY(message.contains(u"as it was"_s));
    QCOMPARE(countState(job.results(), u"failed"_s), 1);
    QCOMPARE(countState(job.results(), u"removed"_s),
             1 + 2 + 11); // the SNIP, the servers, the other services
    QVERIFY(job.record().isEmpty());
    const QJsonObject state = ns.state();
    QCOMPARE(state.value(u"running"_s).toObject(), QJsonObject());
    QCOMPARE(state.value(u"saved"_s).toObject(), QJsonObject());
    QCOMPARE(features(ns), QStringList());
}

void TstNitro::badCredentials()
{
    NitroStandin ns;
    QCOMPARE(ns.start(), QString());
    NitroApplyJob job(exampleConfig(), target(ns), u"Wrong-passw0rd"_s);
    QVERIFY(runJob(&job));
    QVERIFY(!job.result().ok());
    QCOMPARE(job.result().error().code, u"nitro.354"_s);
    QVERIFY(job.result().error().message.contains(u"VLAB_NS_PASSWORD"_s));
    QCOMPARE(ns.count(u"server"_s), 0);
    QVERIFY(!QJsonDocument(job.report().toJson()).toJson().contains("Wrong-passw0rd"));
}

void TstNitro::unansweredRequestTimesOut()
{
    NitroStandin ns;
    QCOMPARE(ns.start({u"--hang-after"_s, u"4"_s}), QString());
    NitroTarget t = target(ns);
    t.requestTimeout = std::chrono::milliseconds(800);
    NitroApplyJob job(exampleConfig(), t, NitroStandin::password());
    QVERIFY(runJob(&job));
    QVERIFY(!job.result().ok());
    QCOMPARE(job.result().error().code, u"http.timeout"_s);
    // login, SNIP read, SNIP and servers added; the services request is never answered. What it
    // made is named as left behind, for 'vlab netscaler rollback'.
    QCOMPARE(job.created().size(), 3);
    QVERIFY(job.result().error().message.contains(u"rollback"_s));
}

void TstNitro::cancelStopsAHangingRequest()
{
    NitroStandin ns;
    QCOMPARE(ns.start({u"--hang-after"_s, u"1"_s}), QString()); // answers the login only
    NitroTarget t = target(ns);
    t.requestTimeout = std::chrono::minutes(5); // only the cancel can end it
    NitroApplyJob job(exampleConfig(), t, NitroStandin::password());
    // Cancel as soon as the job logged in, while its next request waits for an answer.
    connect(&job, &Job::logLine, &job, [&job](const QString &line) {
        if (line.startsWith(u"Logged in"_s))
            QMetaObject::invokeMethod(
                &job, [&job] { job.cancel(); }, Qt::QueuedConnection);
    });
    QSignalSpy finished(&job, &Job::finished);
    job.start();
    QVERIFY(finished.wait(20000)); // far below the request timeout
    QCOMPARE(job.state(), Job::State::Cancelled);
    QVERIFY(job.created().isEmpty());
}

void TstNitro::serverErrorRollsBack()
{
    NitroStandin ns;
    QCOMPARE(ns.start({u"--fault"_s, u"POST:/nitro/v1/config/lbvserver=503:html"_s}), QString());
    NitroApplyJob job(exampleConfig(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&job));
    QVERIFY(!job.result().ok());
    QVERIFY2(job.result().error().message.contains(u"503"_s), qPrintable(job.result().error().message));
    QVERIFY(job.result().error().message.contains(u"as it was"_s));
    QCOMPARE(ns.state().value(u"running"_s).toObject(), QJsonObject());
    QCOMPARE(features(ns), QStringList());
}

void TstNitro::malformedReply()
{
    NitroStandin ns;
    QCOMPARE(ns.start({u"--fault"_s, u"GET:/nitro/v1/config/server=200:garbage"_s}), QString());
    NitroDiffJob job(exampleConfig(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&job));
    QVERIFY(!job.result().ok());
    QCOMPARE(job.result().error().code, u"nitro.reply"_s);
    QVERIFY(job.result().error().message.contains(u"not a NITRO reply"_s));
}

void TstNitro::tlsRefusedWithoutConfirmedFingerprint()
{
    NitroStandin ns;
    QCOMPARE(ns.start(), QString());
    const QString fingerprint = QString::fromLatin1(ns.certificateSha256().toHex(':').toUpper());

    NitroDiffJob unpinned(exampleConfig(), target(ns, false), NitroStandin::password());
    QVERIFY(runJob(&unpinned));
    QVERIFY(!unpinned.result().ok());
    // Nobody confirmed it yet: the one refusal a confirmation answers.
    QCOMPARE(unpinned.result().error().code, u"http.tls.untrusted"_s);
    QCOMPARE(unpinned.result().error().details, fingerprint);
    QVERIFY2(unpinned.result().error().message.contains(fingerprint),
             qPrintable(unpinned.result().error().message));
    QCOMPARE(unpinned.presentedFingerprint(), fingerprint);

    NitroTarget wrong = target(ns);
    wrong.pinnedSha256 = QByteArray(32, '\x42');
    NitroDiffJob mismatch(exampleConfig(), wrong, NitroStandin::password());
    QVERIFY(runJob(&mismatch));
    QVERIFY(!mismatch.result().ok());
    // Another certificate than the confirmed one: stopped, and said to have changed, with the
    // presented and the confirmed fingerprints (the wizard asks again with a warning).
    QCOMPARE(mismatch.result().error().code, u"http.tls.changed"_s);
    QCOMPARE(mismatch.result().error().details,
             fingerprint + u"\nconfirmed: "_s + formatSha256(wrong.pinnedSha256));
    // Nothing was sent past the handshake: no login reached the stand-in.
    QVERIFY(!requestLog(ns).contains(u"POST /nitro/v1/config/login"_s));
}

void TstNitro::verifyReportsDownServices()
{
    const LbConfig config = exampleConfig();
    NitroStandin ns;
    QCOMPARE(ns.start({u"--down"_s, config.servers.at(1).name}), QString());
    NitroApplyJob apply(config, target(ns), NitroStandin::password());
    QVERIFY(runJob(&apply));
    QVERIFY(apply.result().ok());

    NitroVerifyJob verify(config, target(ns), NitroStandin::password());
    QVERIFY(runJob(&verify));
    QVERIFY(!verify.result().ok());
    QCOMPARE(verify.result().error().code, u"nitro.verify"_s);
    QCOMPARE(verify.problemCount(), 6);
    QCOMPARE(countState(verify.results(), u"DOWN"_s), 6);
    QCOMPARE(countState(verify.results(), u"UP"_s), 6 + 6); // psc01's services and every vserver
    for (const NitroObjectResult &r : verify.results()) {
        if (r.state == u"DOWN"_s)
            QCOMPARE(r.object.attributes.value(u"servername"_s).toString(), config.servers.at(1).name);
    }

    NitroStandin healthy;
    QCOMPARE(healthy.start(), QString());
    NitroApplyJob apply2(config, target(healthy), NitroStandin::password());
    QVERIFY(runJob(&apply2));
    NitroVerifyJob verify2(config, target(healthy), NitroStandin::password());
    QVERIFY(runJob(&verify2));
    QVERIFY2(verify2.result().ok(),
             qPrintable(verify2.result() ? QString() : verify2.result().error().message));
    QCOMPARE(countState(verify2.results(), u"UP"_s), 18);
}

void TstNitro::sessionExpired()
{
    NitroStandin ns;
    QCOMPARE(ns.start({u"--expire-after"_s, u"1"_s}), QString());
    NitroDiffJob job(exampleConfig(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&job));
    QVERIFY(!job.result().ok());
    QCOMPARE(job.result().error().code, u"nitro.444"_s);
    QVERIFY(job.result().error().message.contains(u"session"_s));
}

void TstNitro::rollbackRemovesWhatApplyCreated()
{
    // The server for psc01 existed before: apply creates the rest and switches LB on; rollback
    // removes exactly that and switches LB off again (#19: it undoes the feature it enabled).
    const LbConfig config = exampleConfig();
    const QJsonObject existing{{u"server"_s,
                                QJsonArray{QJsonObject{{u"name"_s, config.servers.at(0).name},
                                                       {u"ipaddress"_s, config.servers.at(0).ip}}}}};
    NitroStandin ns;
    QCOMPARE(ns.start({}, existing), QString());
    NitroApplyJob apply(config, target(ns), NitroStandin::password());
    QVERIFY(runJob(&apply));
    QVERIFY(apply.result().ok());
    QCOMPARE(apply.created().size(), 39);
    QCOMPARE(apply.record().features, QStringList{u"LB"_s});
    QCOMPARE(features(ns), QStringList{u"LB"_s});

    NitroRollbackJob rollback(apply.record(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&rollback));
    QVERIFY2(rollback.result().ok(),
             qPrintable(rollback.result() ? QString() : rollback.result().error().message));
    QVERIFY(rollback.remaining().isEmpty());
    const QJsonObject state = ns.state();
    QCOMPARE(state.value(u"running"_s).toObject(), existing);
    QCOMPARE(state.value(u"saved"_s).toObject(), existing);
    QCOMPARE(features(ns), QStringList());
}

void TstNitro::rollbackKeepsLbWhenOthersUseIt()
{
    const LbConfig config = exampleConfig();
    NitroStandin ns;
    QCOMPARE(ns.start(), QString());
    NitroApplyJob apply(config, target(ns), NitroStandin::password());
    QVERIFY(runJob(&apply));
    QVERIFY(apply.result().ok());
    // Someone adds a virtual server of their own after the apply.
    QCOMPARE(ns.request("POST", u"/nitro/v1/config/lbvserver"_s,
                        QJsonObject{{u"lbvserver"_s,
                                     QJsonObject{{u"name"_s, u"theirs"_s},
                                                 {u"servicetype"_s, u"HTTP"_s},
                                                 {u"ipv46"_s, u"192.168.1.77"_s},
                                                 {u"port"_s, 80}}}})
                 .first,
             201);
    NitroRollbackJob rollback(apply.record(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&rollback));
    QVERIFY(rollback.result().ok());
    QVERIFY2(rollback.summary().contains(u"stays enabled"_s), qPrintable(rollback.summary()));
    QCOMPARE(features(ns), QStringList{u"LB"_s});
    QCOMPARE(ns.count(u"lbvserver"_s), 1);
}

// The bodies the jobs really sent (from their evidence), checked against NetScaler's reference
// as transcribed in tests/data/netscaler/nitro-resources.json.
void TstNitro::requestBodiesOnTheWireMatchTheReference()
{
    QFile file(QStringLiteral(VLAB_TEST_DATA_DIR "/netscaler/nitro-resources.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject reference =
        QJsonDocument::fromJson(file.readAll()).object().value(u"resources"_s).toObject();
    NitroStandin ns;
    QCOMPARE(ns.start(), QString());
    NitroApplyJob apply(exampleConfig(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&apply));
    QVERIFY(apply.result().ok());
    NitroRollbackJob rollback(apply.record(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&rollback));
    QVERIFY(rollback.result().ok());

    int checked = 0;
    for (const Job *job : {static_cast<const Job *>(&apply), static_cast<const Job *>(&rollback)}) {
        for (const Evidence &e : job->report().evidence) {
            if (e.kind != Evidence::Kind::Sent || e.detail.isEmpty())
                continue;
            const QString verb = e.text.section(u' ', 0, 0);
            const QUrl url(u"https://ns"_s + e.text.section(u' ', 1));
            const QString type = url.path().section(u'/', 4, 4);
            const QString action = QUrlQuery(url).queryItemValue(u"action"_s);
            const QString operation = action.isEmpty() ? u"add"_s : action;
            const QJsonObject op = reference.value(type)
                                       .toObject()
                                       .value(u"operations"_s)
                                       .toObject()
                                       .value(operation)
                                       .toObject();
            QVERIFY2(!op.isEmpty(), qPrintable(e.text));
            QCOMPARE(verb, op.value(u"method"_s).toString());
            const QJsonObject body = QJsonDocument::fromJson(e.detail.toUtf8()).object();
            QCOMPARE(body.keys(), QStringList{type});
            const QJsonValue payload = body.value(type);
            const QJsonArray items = payload.isArray() ? payload.toArray() : QJsonArray{payload};
            const QJsonArray keys = op.value(u"payloadKeys"_s).toArray();
            for (const QJsonValue &item : items) {
                for (const QString &key : item.toObject().keys())
                    QVERIFY2(keys.contains(key), qPrintable(e.text + u": "_s + key));
                for (const QJsonValue &m : op.value(u"mandatory"_s).toArray())
                    QVERIFY2(item.toObject().contains(m.toString()),
                             qPrintable(e.text + u" lacks "_s + m.toString()));
            }
            ++checked;
        }
    }
    QVERIFY(checked >= 11); // login, SNIP, 6 adds, enable, save, logout ... and the rollback's
}

void TstNitro::standinRefusesWhatNetScalerRefuses_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("http");
    QTest::addColumn<int>("errorcode");
    const QJsonObject server{{u"name"_s, u"s1"_s}, {u"ipaddress"_s, u"10.0.0.1"_s}};
    QJsonObject bogus = server;
    bogus.insert(u"servername"_s, u"x"_s); // a service attribute, not a server's
    QTest::newRow("attribute the resource lacks") << QByteArray("POST") << u"/nitro/v1/config/server"_s
                                                  << QJsonObject{{u"server"_s, bogus}} << 599 << 278;
    QTest::newRow("mandatory missing")
        << QByteArray("POST") << u"/nitro/v1/config/service"_s
        << QJsonObject{{u"service"_s,
                        QJsonObject{{u"name"_s, u"v"_s}, {u"port"_s, 443}, {u"servername"_s, u"s1"_s}}}}
        << 599 << 1095;
    QTest::newRow("enumeration")
        << QByteArray("POST") << u"/nitro/v1/config/lbgroup"_s
        << QJsonObject{{u"lbgroup"_s, QJsonObject{{u"name"_s, u"g"_s}, {u"persistencetype"_s, u"STICKY"_s}}}}
        << 599 << 1074;
    QTest::newRow("range") << QByteArray("POST") << u"/nitro/v1/config/lbgroup"_s
                           << QJsonObject{{u"lbgroup"_s,
                                           QJsonObject{{u"name"_s, u"g"_s}, {u"timeout"_s, 1441}}}}
                           << 599 << 1108;
    QTest::newRow("number as text where a string is due")
        << QByteArray("POST") << u"/nitro/v1/config/server"_s
        << QJsonObject{{u"server"_s, QJsonObject{{u"name"_s, 5}}}} << 599 << 1097;
    QTest::newRow("bad netmask") << QByteArray("POST") << u"/nitro/v1/config/nsip"_s
                                 << QJsonObject{{u"nsip"_s,
                                                 QJsonObject{{u"ipaddress"_s, u"10.0.0.9"_s},
                                                             {u"netmask"_s, u"255.0.255.0"_s}}}}
                                 << 599 << 1111;
    QTest::newRow("binding added with an object's attribute")
        << QByteArray("PUT") << u"/nitro/v1/config/lbgroup_lbvserver_binding"_s
        << QJsonObject{{u"lbgroup_lbvserver_binding"_s,
                        QJsonObject{{u"name"_s, u"g"_s}, {u"vservername"_s, u"v"_s}, {u"timeout"_s, 2}}}}
        << 599 << 278;
    QTest::newRow("update not served") << QByteArray("PUT") << u"/nitro/v1/config/server"_s
                                       << QJsonObject{{u"server"_s, server}} << 599 << 1240;
    QTest::newRow("unknown resource") << QByteArray("POST") << u"/nitro/v1/config/lbvservers"_s
                                      << QJsonObject{{u"lbvservers"_s, server}} << 599 << 1232;
    QTest::newRow("no such resource")
        << QByteArray("GET") << u"/nitro/v1/config/server/none"_s << QJsonObject() << 404 << 258;
    QTest::newRow("unknown query parameter")
        << QByteArray("GET") << u"/nitro/v1/config/server?sort=name"_s << QJsonObject() << 599 << 278;
}

void TstNitro::standinRefusesWhatNetScalerRefuses()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(QJsonObject, body);
    QFETCH(int, http);
    QFETCH(int, errorcode);
    NitroStandin ns;
    QCOMPARE(ns.start(), QString());
    const auto [status, reply] = ns.request(verb, path, body);
    QCOMPARE(status, http);
    QCOMPARE(reply.value(u"errorcode"_s).toInt(), errorcode);
    QCOMPARE(reply.value(u"severity"_s).toString(), u"ERROR"_s);
}

void TstNitro::createdRecordRoundTrip()
{
    const NitroRecord record{nitroObjects(exampleConfig()), {u"LB"_s}};
    const QByteArray json = nitroRecordJson(u"10.0.0.1"_s, record);
    const Result<NitroRecord> back = parseNitroRecord(json, u"10.0.0.1"_s);
    QVERIFY(back.ok());
    QCOMPARE(*back, record);
    QVERIFY(!parseNitroRecord(json, u"10.0.0.2"_s).ok());
    QVERIFY(!parseNitroRecord(json, u"10.0.0.1:8443"_s).ok());
    QVERIFY(!parseNitroRecord("{\"schema\":\"x\"}", u"10.0.0.1"_s).ok());
    QVERIFY(!parseNitroRecord("not json", u"10.0.0.1"_s).ok());
    // Records written before the SNIP and features existed are still read.
    const QByteArray old =
        R"({"schema":"vlab.nitro-created/1","nsip":"10.0.0.1","objects":[{"type":"server","attributes":{"name":"a","ipaddress":"10.0.0.5"}}]})";
    QCOMPARE(parseNitroRecord(old, u"10.0.0.1"_s)->objects.size(), 1);
    const QList<NitroObject> order = removalOrder(record.objects);
    QCOMPARE(order.constFirst().type, u"lbgroup_lbvserver_binding"_s);
    QCOMPARE(order.constLast().type, u"nsip"_s);
    // #14: two NetScalers on one address, different ports, have records of their own.
    QCOMPARE(nitroRecordPath(u"/p"_s, u"10.0.0.1"_s), u"/p/netscaler-created-10.0.0.1.json"_s);
    QVERIFY(nitroRecordPath(u"/p"_s, u"10.0.0.1:8443"_s) != nitroRecordPath(u"/p"_s, u"10.0.0.1"_s));
    QVERIFY(nitroRecordPath(u"/p"_s, u"10.0.0.1:8443"_s) != nitroRecordPath(u"/p"_s, u"10.0.0.1:9443"_s));
    QVERIFY(!QFileInfo(nitroRecordPath(u"/p"_s, u"[fd00::1]:8443"_s)).fileName().contains(u':'));
}

QTEST_GUILESS_MAIN(TstNitro)
#include "tst_nitro.moc"
