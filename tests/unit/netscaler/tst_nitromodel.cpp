// NITRO's side of the configuration without a network: the plan as NITRO resources, the
// comparison with what a NetScaler returns (numbers as strings, upper-case enums, other
// people's objects), bulk replies and error messages.

#include "netscaler/nitromodel.h"
#include "plan/planjson.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestNitroModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void objectsInDependencyOrder()
    {
        const QList<NitroObject> objects = nitroObjects(*LbConfig::fromPlan(examplePlan()));
        QCOMPARE(objects.size(), 40);
        // The subnet IP first: the NetScaler reaches the PSCs from it.
        QCOMPARE(objects.constFirst().type, u"nsip"_s);
        QCOMPARE(objects.constFirst().attributes,
                 (QJsonObject{{u"ipaddress"_s, examplePlan().loadBalancer.snip},
                              {u"netmask"_s, u"255.255.255.0"_s},
                              {u"type"_s, u"SNIP"_s}}));
        QCOMPARE(objects.constFirst().label(), u"subnet IP "_s + examplePlan().loadBalancer.snip);
        qsizetype last = 0;
        for (const NitroObject &o : objects) {
            const qsizetype index = nitroTypeOrder().indexOf(o.type);
            QVERIFY2(index >= last, qPrintable(o.label()));
            last = index;
        }
        QCOMPARE(objects.constLast().label(), u"binding psc-persist -> psc-vs-2020"_s);
        QCOMPARE(nitroDeletePath(objects.constLast()),
                 u"/nitro/v1/config/lbgroup_lbvserver_binding/psc-persist?args=vservername:psc-vs-2020"_s);
        QCOMPARE(nitroDeletePath(objects.at(1)), u"/nitro/v1/config/server/psc-srv-vcenter-psc01"_s);
        QCOMPARE(nitroDeletePath(objects.constFirst()),
                 u"/nitro/v1/config/nsip/"_s + examplePlan().loadBalancer.snip);
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

    // Every request body the jobs build, checked field by field against NetScaler's own
    // reference as transcribed in tests/data/netscaler/nitro-resources.json (not against this
    // code): each key is in the documented add payload of its resource, every mandatory key is
    // there, values have the documented type, enumerations and ranges, addresses are IPv4 and
    // masks contiguous; the verb is the documented one.
    void objectsMatchTheNitroReference_data()
    {
        QTest::addColumn<int>("pscs");
        QTest::newRow("example lab") << 2;
        QTest::newRow("five PSCs") << 5;
    }
    void objectsMatchTheNitroReference()
    {
        QFETCH(int, pscs);
        const QJsonObject reference = nitroReference();
        QVERIFY(!reference.isEmpty());
        LabPlan plan = examplePlan();
        while (plan.psc.size() < pscs)
            plan.psc.append(PscNode{u"psc%1"_s.arg(plan.psc.size() + 1),
                                    u"psc%1.sslab.com"_s.arg(plan.psc.size() + 1),
                                    u"192.168.1.%1"_s.arg(220 + plan.psc.size())});
        const QList<NitroObject> objects = nitroObjects(*LbConfig::fromPlan(plan));
        QStringList types;
        for (const NitroObject &o : objects) {
            const QJsonObject resource = reference.value(o.type).toObject();
            QVERIFY2(!resource.isEmpty(), qPrintable(o.type));
            const QJsonObject add = resource.value(u"operations"_s).toObject().value(u"add"_s).toObject();
            const QJsonObject properties = resource.value(u"properties"_s).toObject();
            QCOMPARE(nitroAddVerb(o.type), add.value(u"method"_s).toString().toLatin1());
            QCOMPARE(add.value(u"url"_s).toString(), nitroPath(o.type));
            const QJsonArray keys = add.value(u"payloadKeys"_s).toArray();
            const QJsonObject keyTypes = add.value(u"payloadTypes"_s).toObject();
            for (const QJsonValue &m : add.value(u"mandatory"_s).toArray())
                QVERIFY2(o.attributes.contains(m.toString()),
                         qPrintable(o.label() + u" lacks "_s + m.toString()));
            for (auto it = o.attributes.begin(); it != o.attributes.end(); ++it) {
                const QString where = o.label() + u": "_s + it.key();
                QVERIFY2(keys.contains(it.key()), qPrintable(where + u" is not in the add payload"_s));
                const QString type = keyTypes.value(it.key()).toString();
                if (type == u"String"_s)
                    QVERIFY2(it.value().isString(), qPrintable(where));
                else if (type == u"Integer"_s || type == u"Double"_s)
                    QVERIFY2(it.value().isDouble() && it.value().toDouble() == it.value().toInteger(),
                             qPrintable(where));
                else
                    QFAIL(qPrintable(where + u": no documented type "_s + type));
                const QJsonObject property = properties.value(it.key()).toObject();
                QCOMPARE(property.value(u"access"_s).toString(), u"Read-write"_s);
                const QJsonArray values = property.value(u"values"_s).toArray();
                if (!values.isEmpty())
                    QVERIFY2(values.contains(it.value()),
                             qPrintable(where + u" = "_s + it.value().toVariant().toString()));
                if (property.contains(u"max"_s))
                    QVERIFY2(it.value().toDouble() <= property.value(u"max"_s).toDouble(), qPrintable(where));
                if (property.contains(u"min"_s))
                    QVERIFY2(it.value().toDouble() >= property.value(u"min"_s).toDouble(), qPrintable(where));
                if (it.key() == u"ipaddress"_s || it.key() == u"ipv46"_s || it.key() == u"netmask"_s)
                    QCOMPARE(QHostAddress(it.value().toString()).protocol(), QAbstractSocket::IPv4Protocol);
            }
            if (!types.contains(o.type))
                types << o.type;
        }
        QCOMPARE(types, nitroTypeOrder());
        // The bodies of the other writes, and the delete paths.
        const QJsonObject ns = reference.value(u"nsfeature"_s).toObject().value(u"operations"_s).toObject();
        QCOMPARE(ns.value(u"enable"_s).toObject().value(u"payloadKeys"_s).toArray(),
                 QJsonArray{u"feature"_s});
        QCOMPARE(ns.value(u"enable"_s).toObject().value(u"url"_s).toString(),
                 nitroPath(u"nsfeature"_s, {}, u"action=enable"_s));
        QCOMPARE(ns.value(u"disable"_s).toObject().value(u"url"_s).toString(),
                 nitroPath(u"nsfeature"_s, {}, u"action=disable"_s));
        const QJsonObject save = reference.value(u"nsconfig"_s)
                                     .toObject()
                                     .value(u"operations"_s)
                                     .toObject()
                                     .value(u"save"_s)
                                     .toObject();
        QCOMPARE(save.value(u"url"_s).toString(), nitroPath(u"nsconfig"_s, {}, u"action=save"_s));
        QCOMPARE(save.value(u"payloadKeys"_s).toArray(), QJsonArray{});
        for (const NitroObject &o : objects) {
            const QString documented = reference.value(o.type)
                                           .toObject()
                                           .value(u"operations"_s)
                                           .toObject()
                                           .value(u"delete"_s)
                                           .toObject()
                                           .value(u"url"_s)
                                           .toString();
            // ".../server/name_value<String>" -> ".../server/"
            const QString prefix = documented.left(documented.lastIndexOf(u'/') + 1);
            QVERIFY2(nitroDeletePath(o).startsWith(prefix
                                                   + QString::fromLatin1(QUrl::toPercentEncoding(o.name()))),
                     qPrintable(nitroDeletePath(o) + u" vs "_s + documented));
        }
    }

    void snipDiff()
    {
        const NitroObject snip{u"nsip"_s,
                               QJsonObject{{u"ipaddress"_s, u"10.0.0.9"_s},
                                           {u"netmask"_s, u"255.255.255.0"_s},
                                           {u"type"_s, u"SNIP"_s}}};
        QCOMPARE(diffObject(snip, {}).action, NitroDiffItem::Action::Create);
        // NITRO lists the NSIP and VIPs too; only the same address counts.
        NitroState state{{u"nsip"_s,
                          {QJsonObject{{u"ipaddress"_s, u"10.0.0.2"_s},
                                       {u"netmask"_s, u"255.255.255.0"_s},
                                       {u"type"_s, u"NSIP"_s}},
                           QJsonObject{{u"ipaddress"_s, u"10.0.0.9"_s},
                                       {u"netmask"_s, u"255.255.255.0"_s},
                                       {u"type"_s, u"SNIP"_s},
                                       {u"state"_s, u"ENABLED"_s}}}}};
        QCOMPARE(diffObject(snip, state).action, NitroDiffItem::Action::Correct);
        state[u"nsip"_s][1][u"type"_s] = u"VIP"_s;
        NitroDiffItem d = diffObject(snip, state);
        QCOMPARE(d.action, NitroDiffItem::Action::Conflict);
        QVERIFY2(d.reason.contains(u"type is VIP, the plan wants SNIP"_s), qPrintable(d.reason));
        state[u"nsip"_s][1][u"type"_s] = u"SNIP"_s;
        state[u"nsip"_s][1][u"netmask"_s] = u"255.255.0.0"_s;
        d = diffObject(snip, state);
        QCOMPARE(d.action, NitroDiffItem::Action::Conflict);
        QVERIFY2(d.reason.contains(u"netmask"_s) && d.reason.contains(u"loadBalancer.snip"_s),
                 qPrintable(d.reason));
    }

    void featureReplies()
    {
        // NITRO answers the singleton as an object (NetScaler's Go SDK reads it so); the reference
        // prints a one-element array. Both count.
        QVERIFY(nitroLbEnabled(QJsonObject{{u"nsfeature"_s, QJsonObject{{u"lb"_s, true}}}}));
        QVERIFY(nitroLbEnabled(
            QJsonObject{{u"nsfeature"_s, QJsonObject{{u"feature"_s, QJsonArray{u"CS"_s, u"LB"_s}}}}}));
        QVERIFY(nitroLbEnabled(QJsonObject{{u"nsfeature"_s, QJsonArray{QJsonObject{{u"lb"_s, true}}}}}));
        QVERIFY(!nitroLbEnabled(QJsonObject{
            {u"nsfeature"_s, QJsonObject{{u"lb"_s, false}, {u"feature"_s, QJsonArray{u"SSL"_s}}}}}));
        QVERIFY(!nitroLbEnabled(QJsonObject{}));
        QVERIFY(isLbNotEnabledWarning(u"1067 - Feature(s) not enabled [LB]"_s));
        QVERIFY(!isLbNotEnabledWarning(u"1067 - Feature(s) not enabled [CS]"_s));
        QVERIFY(!isLbNotEnabledWarning(QString()));
        // A 209 with the warning in its payload is a success for every item.
        const QList<NitroStatus> ok = bulkItemResults(
            209, QJsonObject{{u"errorcode"_s, 1067}, {u"message"_s, u"Feature(s) not enabled [LB]"_s}}, 3);
        QCOMPARE(ok.size(), 3);
        QVERIFY(std::all_of(ok.cbegin(), ok.cend(), [](const NitroStatus &s) { return s.errorcode == 0; }));
    }

private:
    static QJsonObject nitroReference()
    {
        QFile file(QStringLiteral(VLAB_TEST_DATA_DIR "/netscaler/nitro-resources.json"));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(file.readAll()).object().value(u"resources"_s).toObject();
    }
};

QTEST_GUILESS_MAIN(TestNitroModel)
#include "tst_nitromodel.moc"
