// The NITRO jobs against the NITRO stand-in (tests/tools/nitro-standin: a stand-in that
// follows the documented NITRO behaviour; no NetScaler runs here), over real TLS on loopback.

#include "nitrostandin.h"

#include "netscaler/nitrojobs.h"
#include "plan/planjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

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
    void freshApplyCreatesEverythingInTenRequests();
    void secondApplyChangesNothing();
    void diffBeforeAndAfter();
    void threePscs();
    void conflictsAreReportedNotOverwritten();
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

void TstNitro::freshApplyCreatesEverythingInTenRequests()
{
    NitroStandin ns;
    QCOMPARE(ns.start(), QString());
    NitroApplyJob job(exampleConfig(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&job));
    QVERIFY2(job.result().ok(), qPrintable(job.result() ? QString() : job.result().error().message));

    QCOMPARE(ns.count(u"server"_s), 2);
    QCOMPARE(ns.count(u"service"_s), 12);
    QCOMPARE(ns.count(u"lbvserver"_s), 6);
    QCOMPARE(ns.count(u"lbvserver_service_binding"_s), 12);
    QCOMPARE(ns.count(u"lbgroup"_s), 1);
    QCOMPARE(ns.count(u"lbgroup_lbvserver_binding"_s), 6);
    const QJsonObject state = ns.state();
    QCOMPARE(state.value(u"saved"_s), state.value(u"running"_s)); // saved after the changes
    QVERIFY(state.value(u"features"_s).toArray().contains(u"LB"_s));
    const QJsonObject group =
        state.value(u"running"_s).toObject().value(u"lbgroup"_s).toArray().at(0).toObject();
    QCOMPARE(group.value(u"persistencetype"_s).toString(), u"SOURCEIP"_s);
    QCOMPARE(group.value(u"timeout"_s).toInt(), 1440);

    QCOMPARE(job.created().size(), 39);
    QCOMPARE(countState(job.results(), u"created"_s), 39);
    QCOMPARE(job.requestCount(), 10);
    QCOMPARE(requestLog(ns),
             (QStringList{
                 u"POST /nitro/v1/config/login"_s,
                 u"POST /nitro/v1/config/nsfeature"_s,
                 u"POST /nitro/v1/config/server"_s,
                 u"POST /nitro/v1/config/service"_s,
                 u"POST /nitro/v1/config/lbvserver"_s,
                 u"POST /nitro/v1/config/lbvserver_service_binding"_s,
                 u"POST /nitro/v1/config/lbgroup"_s,
                 u"POST /nitro/v1/config/lbgroup_lbvserver_binding"_s,
                 u"POST /nitro/v1/config/nsconfig"_s,
                 u"POST /nitro/v1/config/logout"_s,
             }));
    // The password never reaches the evidence.
    const QByteArray evidence = QJsonDocument(job.report().toJson()).toJson();
    QVERIFY(!evidence.contains(NitroStandin::password().toUtf8()));
    QVERIFY(evidence.contains("password\\\":\\\"********"));
    QVERIFY(evidence.contains("POST /nitro/v1/config/lbvserver"));
}

void TstNitro::secondApplyChangesNothing()
{
    NitroStandin ns;
    QCOMPARE(ns.start(), QString());
    NitroApplyJob first(exampleConfig(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&first));
    QVERIFY(first.result().ok());
    const QJsonObject before = ns.state().value(u"running"_s).toObject();
    const int requestsBefore = int(requestLog(ns).size());

    NitroApplyJob second(exampleConfig(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&second));
    QVERIFY2(second.result().ok(), qPrintable(second.result() ? QString() : second.result().error().message));
    QVERIFY(second.created().isEmpty());
    QCOMPARE(countState(second.results(), u"unchanged"_s), 39);
    QCOMPARE(ns.state().value(u"running"_s).toObject(), before);
    // No save when nothing changed.
    QVERIFY(!requestLog(ns).mid(requestsBefore).contains(u"POST /nitro/v1/config/nsconfig"_s));
}

void TstNitro::diffBeforeAndAfter()
{
    NitroStandin ns;
    QCOMPARE(ns.start(), QString());
    NitroDiffJob before(exampleConfig(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&before));
    QVERIFY(before.result().ok());
    QVERIFY(before.hasDrift());
    QCOMPARE(countState(before.results(), u"create"_s), 39);
    // Diff reads only.
    for (const QString &line : requestLog(ns))
        QVERIFY2(line.startsWith(u"GET "_s) || line.endsWith(u"/login"_s) || line.endsWith(u"/logout"_s),
                 qPrintable(line));

    NitroApplyJob apply(exampleConfig(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&apply));
    NitroDiffJob after(exampleConfig(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&after));
    QVERIFY(after.result().ok());
    QVERIFY(!after.hasDrift());
    QCOMPARE(countState(after.results(), u"correct"_s), 39);
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
    QCOMPARE(job.requestCount(), 10); // constant in the number of objects
}

void TstNitro::conflictsAreReportedNotOverwritten()
{
    const LbConfig config = exampleConfig();
    // Someone else's objects: a virtual server of our name on another address, and one of our
    // virtual servers' names already in another persistency group.
    const NsVserver ours = config.vservers.at(0);
    const NsVserver second = config.vservers.at(1);
    const QJsonObject existing{
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
    NitroStandin ns;
    QCOMPARE(ns.start({}, existing), QString());
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
    QVERIFY2(conflicts.at(0).contains(ours.name) && conflicts.at(0).contains(u"192.168.1.99"_s),
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
    QCOMPARE(countState(apply.results(), u"conflict"_s), 1); // stops at the virtual servers
    QVERIFY(apply.created().isEmpty());
    // Nothing of theirs changed, nothing of ours left behind, nothing saved.
    QCOMPARE(ns.state().value(u"running"_s).toObject(), before);
    QVERIFY(!requestLog(ns).contains(u"POST /nitro/v1/config/nsconfig"_s));
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
    QCOMPARE(countState(job.results(), u"removed"_s), 2 + 11); // the servers and the other services
    QVERIFY(job.created().isEmpty());
    const QJsonObject state = ns.state();
    QCOMPARE(state.value(u"running"_s).toObject(), QJsonObject());
    QCOMPARE(state.value(u"saved"_s).toObject(), QJsonObject());
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
    QCOMPARE(ns.start({u"--hang-after"_s, u"3"_s}), QString());
    NitroTarget t = target(ns);
    t.requestTimeout = std::chrono::milliseconds(800);
    NitroApplyJob job(exampleConfig(), t, NitroStandin::password());
    QVERIFY(runJob(&job));
    QVERIFY(!job.result().ok());
    QCOMPARE(job.result().error().code, u"http.timeout"_s);
    // login, enable, servers answered; the services request never is. The servers it made
    // are named as left behind, for 'vlab netscaler rollback'.
    QCOMPARE(job.created().size(), 2);
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
    QCOMPARE(unpinned.result().error().code, u"http.tls"_s);
    QVERIFY2(unpinned.result().error().message.contains(fingerprint),
             qPrintable(unpinned.result().error().message));
    QCOMPARE(unpinned.presentedFingerprint(), fingerprint);

    NitroTarget wrong = target(ns);
    wrong.pinnedSha256 = QByteArray(32, '\x42');
    NitroDiffJob mismatch(exampleConfig(), wrong, NitroStandin::password());
    QVERIFY(runJob(&mismatch));
    QVERIFY(!mismatch.result().ok());
    QCOMPARE(mismatch.result().error().code, u"http.tls"_s);
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
    // The server for psc01 existed before: apply creates the rest, rollback removes exactly that.
    const LbConfig config = exampleConfig();
    const QJsonObject existing{{u"server"_s,
                                QJsonArray{QJsonObject{{u"name"_s, config.servers.at(0).name},
                                                       {u"ipaddress"_s, config.servers.at(0).ip}}}}};
    NitroStandin ns;
    QCOMPARE(ns.start({}, existing), QString());
    NitroApplyJob apply(config, target(ns), NitroStandin::password());
    QVERIFY(runJob(&apply));
    QVERIFY(apply.result().ok());
    QCOMPARE(apply.created().size(), 38);

    NitroRollbackJob rollback(apply.created(), target(ns), NitroStandin::password());
    QVERIFY(runJob(&rollback));
    QVERIFY2(rollback.result().ok(),
             qPrintable(rollback.result() ? QString() : rollback.result().error().message));
    QVERIFY(rollback.remaining().isEmpty());
    const QJsonObject state = ns.state();
    QCOMPARE(state.value(u"running"_s).toObject(), existing);
    QCOMPARE(state.value(u"saved"_s).toObject(), existing);
}

void TstNitro::createdRecordRoundTrip()
{
    const QList<NitroObject> objects = nitroObjects(exampleConfig());
    const QByteArray record = nitroCreatedRecord(u"10.0.0.1"_s, objects);
    const Result<QList<NitroObject>> back = parseNitroCreatedRecord(record, u"10.0.0.1"_s);
    QVERIFY(back.ok());
    QCOMPARE(*back, objects);
    QVERIFY(!parseNitroCreatedRecord(record, u"10.0.0.2"_s).ok());
    QVERIFY(!parseNitroCreatedRecord("{\"schema\":\"x\"}", u"10.0.0.1"_s).ok());
    QVERIFY(!parseNitroCreatedRecord("not json", u"10.0.0.1"_s).ok());
    const QList<NitroObject> order = removalOrder(objects);
    QCOMPARE(order.constFirst().type, u"lbgroup_lbvserver_binding"_s);
    QCOMPARE(order.constLast().type, u"server"_s);
}

QTEST_GUILESS_MAIN(TstNitro)
#include "tst_nitro.moc"
