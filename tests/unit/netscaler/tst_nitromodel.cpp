// NITRO's side of the configuration without a network: the plan as NITRO resources, the
// comparison with what a NetScaler returns (numbers as strings, upper-case enums, other
// people's objects), bulk replies and error messages.

#include "netscaler/nitromodel.h"
#include "plan/planjson.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestNitroModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void objectsInDependencyOrder()
    {
        const QList<NitroObject> objects = nitroObjects(*LbConfig::fromPlan(examplePlan()));
        QCOMPARE(objects.size(), 39);
        qsizetype last = 0;
        for (const NitroObject &o : objects) {
            const qsizetype index = nitroTypeOrder().indexOf(o.type);
            QVERIFY2(index >= last, qPrintable(o.label()));
            last = index;
        }
        QCOMPARE(objects.constLast().label(), u"binding psc-persist -> psc-vs-2020"_s);
        QCOMPARE(nitroDeletePath(objects.constLast()),
                 u"/nitro/v1/config/lbgroup_lbvserver_binding/psc-persist?args=vservername:psc-vs-2020"_s);
        QCOMPARE(nitroDeletePath(objects.constFirst()), u"/nitro/v1/config/server/psc-srv-vcenter-psc01"_s);
    }

    void diffToleratesNitroSpelling()
    {
        const NitroObject vs{u"lbvserver"_s,
                             QJsonObject{{u"name"_s, u"vs"_s},
                                         {u"servicetype"_s, u"TCP"_s},
                                         {u"ipv46"_s, u"10.0.0.5"_s},
                                         {u"port"_s, 443}}};
        // NITRO returns numbers as strings and adds attributes of its own.
        NitroState state{{u"lbvserver"_s,
                          {QJsonObject{{u"name"_s, u"vs"_s},
                                       {u"servicetype"_s, u"tcp"_s},
                                       {u"ipv46"_s, u"10.0.0.5"_s},
                                       {u"port"_s, u"443"_s},
                                       {u"curstate"_s, u"UP"_s}}}}};
        QCOMPARE(diffObject(vs, state).action, NitroDiffItem::Action::Correct);
        state[u"lbvserver"_s][0][u"port"_s] = 444;
        const NitroDiffItem d = diffObject(vs, state);
        QCOMPARE(d.action, NitroDiffItem::Action::Conflict);
        QVERIFY2(d.reason.contains(u"port is 444, the plan wants 443"_s), qPrintable(d.reason));
        // Another name on the same address and port.
        state[u"lbvserver"_s][0] = QJsonObject{{u"name"_s, u"theirs"_s},
                                               {u"servicetype"_s, u"TCP"_s},
                                               {u"ipv46"_s, u"10.0.0.5"_s},
                                               {u"port"_s, 443}};
        QCOMPARE(diffObject(vs, state).action, NitroDiffItem::Action::Conflict);
        QVERIFY(diffObject(vs, state).reason.contains(u"theirs"_s));
        QCOMPARE(diffObject(vs, {}).action, NitroDiffItem::Action::Create);
    }

    void groupBindingInAnotherGroup()
    {
        const NitroObject binding{u"lbgroup_lbvserver_binding"_s,
                                  QJsonObject{{u"name"_s, u"ours"_s}, {u"vservername"_s, u"vs"_s}}};
        NitroState state{{u"lbgroup_lbvserver_binding"_s,
                          {QJsonObject{{u"name"_s, u"theirs"_s}, {u"vservername"_s, u"vs"_s}}}}};
        QCOMPARE(diffObject(binding, state).action, NitroDiffItem::Action::Conflict);
        state[u"lbgroup_lbvserver_binding"_s][0][u"name"_s] = u"ours"_s;
        QCOMPARE(diffObject(binding, state).action, NitroDiffItem::Action::Correct);
    }

    void bulkResults()
    {
        QCOMPARE(bulkItemResults(201, QJsonObject{{u"errorcode"_s, 0}}, 3).size(), 3);
        const QJsonObject partial{
            {u"errorcode"_s, 1243},
            {u"message"_s, u"Bulk operation failed"_s},
            {u"response"_s,
             QJsonArray{QJsonObject{{u"errorcode"_s, 0}},
                        QJsonObject{{u"errorcode"_s, 273}, {u"message"_s, u"Resource already exists"_s}}}}};
        const QList<NitroStatus> items = bulkItemResults(207, partial, 2);
        QCOMPARE(items.at(0).errorcode, 0);
        QCOMPARE(items.at(1).errorcode, 273);
        // A whole-request error applies to every item; an HTTP error without a body too.
        QCOMPARE(bulkItemResults(409, QJsonObject{{u"errorcode"_s, 273}}, 2).at(1).errorcode, 273);
        QVERIFY(bulkItemResults(500, {}, 2).at(0).errorcode != 0);
        // A 1243 whose response does not match the items is not trusted item by item.
        QVERIFY(bulkItemResults(207, partial, 5).at(0).errorcode != 0);
    }

    void replies()
    {
        QVERIFY(parseNitroReply(200, "").ok());
        QVERIFY(parseNitroReply(200, R"({"errorcode":0})").ok());
        const Result<QJsonObject> html =
            parseNitroReply(503, "<html><body>Service Unavailable</body></html>");
        QVERIFY(!html.ok());
        QVERIFY(html.error().message.contains(u"HTTP 503"_s));
        QVERIFY(html.error().message.contains(u"Service Unavailable"_s));
        QVERIFY(!parseNitroReply(200, "[1,2]").ok());
        const Error login =
            nitroError(u"Login"_s, 401, NitroStatus{354, u"Invalid username or password"_s, {}});
        QCOMPARE(login.code, u"nitro.354"_s);
        QVERIFY(login.message.contains(u"Invalid username or password"_s));
        QVERIFY(login.message.contains(u"VLAB_NS_PASSWORD"_s));
        QCOMPARE(nitroError(u"x"_s, 502, {}).code, u"nitro.http"_s);
    }

    void pathsAreEncoded()
    {
        QCOMPARE(nitroPath(u"server"_s, u"a b/c"_s), u"/nitro/v1/config/server/a%20b%2Fc"_s);
        QCOMPARE(nitroPath(u"lbvserver_service_binding"_s, {}, u"bulkbindings=yes"_s),
                 u"/nitro/v1/config/lbvserver_service_binding?bulkbindings=yes"_s);
    }
};

QTEST_GUILESS_MAIN(TestNitroModel)
#include "tst_nitromodel.moc"
