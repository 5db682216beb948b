// The protocol pieces of the vCenter clients without a server: host parsing, REST errors
// mapped to sentences, SOAP replies read by namespace URI whatever the prefixes (govmomi's
// simulator and vCenter choose different ones), faults named after their type, the VCHA spec
// completed without placeholders.

#include "vchatypes.h"

#include "plan/planjson.h"
#include "vsphere/soapclient.h"
#include "vsphere/vcenterclient.h"
#include "vsphere/vchajob.h"
#include "vsphere/vcsaoutputparser.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestVCenterProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void host_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("url"); // empty: refused
        QTest::newRow("name") << u"vcenter-vc01.sslab.com"_s << u"https://vcenter-vc01.sslab.com"_s;
        QTest::newRow("name and port") << u"vc:8443"_s << u"https://vc:8443"_s;
        QTest::newRow("address, 443 dropped") << u"192.168.1.213:443"_s << u"https://192.168.1.213"_s;
        QTest::newRow("https prefix and slash") << u"https://vc/"_s << u"https://vc"_s;
        QTest::newRow("IPv6") << u"[fd00::5]:9443"_s << u"https://[fd00::5]:9443"_s;
        QTest::newRow("space") << u"a b"_s << QString();
        QTest::newRow("port too big") << u"vc:70000"_s << QString();
        QTest::newRow("empty") << QString() << QString();
    }
    void host()
    {
        QFETCH(QString, text);
        QFETCH(QString, url);
        const Result<QUrl> parsed = parseVCenterHost(text);
        QCOMPARE(parsed.ok(), !url.isEmpty());
        if (parsed)
            QCOMPARE(parsed->toString(), url);
        else
            QCOMPARE(parsed.error().code, u"vcenter.host"_s);
    }

    void restErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("401") << 401 << QByteArray("{\"type\":\"com.vmware.vapi.std.errors.unauthenticated\"}")
                             << u"vcenter.auth"_s << u"user name or password"_s;
        QTest::newRow("403") << 403 << QByteArray() << u"vcenter.forbidden"_s << u"administrator"_s;
        QTest::newRow("404") << 404 << QByteArray() << u"vcenter.notfound"_s << u"version"_s;
        QTest::newRow("503") << 503 << QByteArray() << u"vcenter.unavailable"_s << u"not available yet"_s;
        QTest::newRow("400 with vAPI messages")
            << 400
            << QByteArray("{\"type\":\"com.vmware.vapi.std.errors.invalid_argument\",\"value\":{\"messages\":"
                          "[{\"id\":\"x\",\"default_message\":\"ha_ip is missing\"}]}}")
            << u"vcenter.rest"_s << u"ha_ip is missing"_s;
    }
    void restErrors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(QString, says);
        const Error e = restError(status, body, u"Login"_s);
        QCOMPARE(e.code, code);
        QVERIFY2(e.message.contains(says), qPrintable(e.message));
        QVERIFY(e.details.contains(QString::number(status)));
    }

    // What a REST call hands its caller. "undefined" is kept for a 404 to an optional read: the
    // VCHA job takes it for "no VCHA REST API" (6.7 GA). Found while writing fuzz_vcha_reply: a
    // 2xx object without "value" came back undefined too, so whatever answered {} on the vCenter
    // address made the job report a 6.7 GA vCenter and print the manual steps.
    void restReplies_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("optional");
        QTest::addColumn<QString>("value"); // "undefined", "null", JSON, or "error <code>"
        QTest::newRow("value") << 200 << QByteArray(R"({"value":{"config_state":"CONFIGURED"}})") << true
                               << uR"({"config_state":"CONFIGURED"})"_s;
        QTest::newRow("task id") << 200 << QByteArray(R"({"value":"task-12"})") << false << uR"("task-12")"_s;
        QTest::newRow("empty body") << 200 << QByteArray(" \r\n") << false << u"null"_s;
        QTest::newRow("object without value") << 200 << QByteArray("{}") << true << u"null"_s;
        QTest::newRow("object with other keys") << 200 << QByteArray(R"({"Value":1})") << true << u"null"_s;
        QTest::newRow("array") << 200 << QByteArray(R"([1,"a"])") << false << uR"([1,"a"])"_s;
        QTest::newRow("not JSON") << 200 << QByteArray("<html>") << true << u"error vcenter.rest.syntax"_s;
        QTest::newRow("404 optional") << 404 << QByteArray("{}") << true << u"undefined"_s;
        QTest::newRow("404 required") << 404 << QByteArray("{}") << false << u"error vcenter.notfound"_s;
        QTest::newRow("503") << 503 << QByteArray() << true << u"error vcenter.unavailable"_s;
        QTest::newRow("204") << 204 << QByteArray() << true << u"null"_s;
    }
    void restReplies()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, optional);
        QFETCH(QString, value);
        const Result<QJsonValue> r = parseRestReply(status, body, optional, u"POST /rest/x"_s);
        if (value.startsWith(u"error "_s)) {
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, value.mid(6));
            QVERIFY(r.error().message.contains(u"POST /rest/x"_s));
            return;
        }
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        if (value == u"undefined"_s) {
            QVERIFY(r->isUndefined());
        } else if (value == u"null"_s) {
            QVERIFY(r->isNull());
        } else {
            const QJsonValue expected =
                QJsonDocument::fromJson(u"[%1]"_s.arg(value).toUtf8()).array().first();
            QCOMPARE(*r, expected);
        }
    }

    // Found by fuzz_soap_reply (tests/fuzz/regressions/fuzz_soap_reply): a reply nested 20,000
    // elements deep overflowed the stack when its tree was copied. Deep nesting is refused; the
    // deepest reply allowed still parses and copies.
    void deeplyNestedXmlRefused()
    {
        const auto nested = [](int depth) -> QByteArray {
            return "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body>"
                   "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>"
                + QByteArray("<a>").repeated(depth) + QByteArray("</a>").repeated(depth)
                + "</returnval></RetrievePropertiesExResponse></e:Body></e:Envelope>";
        };
        const Result<XmlElement> deep = parseXml(nested(100000));
        QVERIFY(!deep.ok());
        QCOMPARE(deep.error().code, u"soap.xml"_s);
        QVERIFY2(deep.error().details.contains(QString::number(kMaxXmlDepth)),
                 qPrintable(deep.error().details));
        const Result<XmlElement> reply = parseSoapReply(u"RetrievePropertiesEx"_s, 200, nested(100000));
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().code, u"soap.xml"_s);

        // Envelope, Body, the response and returnval are four levels of the limit.
        const Result<XmlElement> deepest =
            parseSoapReply(u"RetrievePropertiesEx"_s, 200, nested(kMaxXmlDepth - 4));
        QVERIFY2(deepest.ok(), qPrintable(deepest.ok() ? QString() : deepest.error().details));
        const XmlElement copy = *deepest;
        int depth = 0;
        for (const XmlElement *e = &copy; !e->children.empty(); e = &e->children.front())
            ++depth;
        QCOMPARE(depth, kMaxXmlDepth - 4);
        QVERIFY(!parseXml(nested(kMaxXmlDepth - 3)).ok());
    }

    // Found by fuzzing the vcsa-deploy output parser (tests/fuzz/regressions/fuzz_vcsa_output):
    // a "Task:" line with 200,000 spaces and no closing parenthesis kept the regular expressions
    // busy for 6 to 12 seconds (100,000 spaces: 33 ms). Such a line is plain output now; a long
    // line within the limit is still read.
    void vcsaOutputLongLines()
    {
        VcsaOutputParser parser;
        const QString huge = u"Task: "_s + QString(1000000, u' ') + u"x(RUNNING 1/2"_s;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 5; ++i) {
            const VcsaOutputParser::Update ignored = parser.feed(huge);
            QVERIFY(!ignored.progress);
            QVERIFY(ignored.status.isEmpty());
        }
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));

        const QString task(VcsaOutputParser::kMaxParsedLineLength - 100, u'a');
        const VcsaOutputParser::Update read = parser.feed(u"Task: "_s + task + u".(RUNNING 50/100)"_s);
        QVERIFY(read.progress);
        QCOMPARE(*read.progress, 0.5);
        QCOMPARE(read.status, task);
    }

    void xmlByNamespaceUri()
    {
        // The schema-instance namespace under another prefix, as govmomi's simulator writes it.
        const QByteArray reply =
            "<?xml version=\"1.0\"?>\n"
            "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body>\n"
            "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval><objects><obj "
            "type=\"DistributedVirtualPortgroup\">dvportgroup-9</obj>\n"
            "<propSet><name>config.defaultPortConfig</name><val "
            "xmlns:XMLSchema-instance=\"http://www.w3.org/2001/XMLSchema-instance\" "
            "XMLSchema-instance:type=\"VMwareDVSPortSetting\">\n"
            "<vlan "
            "XMLSchema-instance:type=\"VmwareDistributedVirtualSwitchVlanIdSpec\"><inherited>false</"
            "inherited><vlanId>20</vlanId></vlan></val></propSet>\n"
            "</objects></returnval></RetrievePropertiesExResponse></e:Body></e:Envelope>";
        const Result<XmlElement> xml = parseXml(reply);
        QVERIFY(xml.ok());
        QCOMPARE(xml->ns, QString::fromLatin1(kSoapEnvNamespace));
        const XmlElement *val = xml->at(u"Body/RetrievePropertiesExResponse/returnval/objects/propSet/val"_s);
        QVERIFY(val);
        QCOMPARE(val->xsiType(), u"VMwareDVSPortSetting"_s);
        QCOMPARE(val->child(u"vlan"_s)->xsiType(), u"VmwareDistributedVirtualSwitchVlanIdSpec"_s);
        QCOMPARE(val->at(u"vlan/vlanId"_s)->text, u"20"_s);
        const MoRef obj = moRefOf(xml->at(u"Body/RetrievePropertiesExResponse/returnval/objects/obj"_s));
        QCOMPARE(obj.type, u"DistributedVirtualPortgroup"_s);
        QCOMPARE(obj.value, u"dvportgroup-9"_s);
        // An attribute named "type" without the namespace is not xsi:type.
        QVERIFY(xml->at(u"Body/RetrievePropertiesExResponse/returnval/objects/obj"_s)->xsiType().isEmpty());
    }

    void faults_data()
    {
        QTest::addColumn<QByteArray>("detail");
        QTest::addColumn<QString>("code");
        QTest::newRow("InvalidLogin by xsi:type")
            << QByteArray("<InvalidLoginFault xmlns=\"urn:vim25\" "
                          "xmlns:x=\"http://www.w3.org/2001/XMLSchema-instance\" x:type=\"InvalidLogin\"/>")
            << u"soap.fault.InvalidLogin"_s;
        QTest::newRow("DuplicateName by element name")
            << QByteArray("<DuplicateNameFault xmlns=\"urn:vim25\"><name>x</name></DuplicateNameFault>")
            << u"soap.fault.DuplicateName"_s;
    }
    void faults()
    {
        QFETCH(QByteArray, detail);
        QFETCH(QString, code);
        const QByteArray reply =
            "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
            "<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>nope</faultstring><detail>"
            + detail + "</detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>";
        const Result<XmlElement> xml = parseXml(reply);
        QVERIFY(xml.ok());
        const Error e = SoapClient::faultError(*xml->at(u"Body/Fault"_s), u"Login"_s);
        QCOMPARE(e.code, code);
    }

    void malformedXml()
    {
        const Result<XmlElement> xml = parseXml("<a><b></a>");
        QVERIFY(!xml.ok());
        QCOMPARE(xml.error().code, u"soap.xml"_s);
    }

    void vchaSpecCompleted()
    {
        VchaPlacement p{u"group-v3"_s,
                        u"resgroup-8"_s,
                        u"datastore-11"_s,
                        u"host-21"_s,
                        u"host-22"_s,
                        VchaNetwork{u"dvportgroup-34"_s, u"DISTRIBUTED_PORTGROUP"_s},
                        VchaNetwork{u"network-12"_s, u"STANDARD_PORTGROUP"_s}};
        const Result<QByteArray> spec = completeVchaDeploySpec(examplePlan(), p, u"AA:BB"_s, u"pw"_s);
        QVERIFY(spec.ok());
        QVERIFY(!spec->contains("<VLAB_"));
        // Field by field against the SDK's types, no placeholder left.
        const VchaTypes types;
        QVERIFY(types.loaded());
        const QJsonObject root = QJsonDocument::fromJson(*spec).object();
        const QStringList problems =
            types.check(root.value(u"spec"_s), u"com.vmware.vcenter.vcha.cluster.deploy_spec"_s, false);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        const QJsonObject s = root.value(u"spec"_s).toObject();
        QCOMPARE(s.value(u"active"_s).toObject().value(u"ha_network"_s).toString(), u"dvportgroup-34"_s);
        QCOMPARE(s.value(u"active"_s).toObject().value(u"ha_network_type"_s).toString(),
                 u"DISTRIBUTED_PORTGROUP"_s);
        const QJsonObject witness = s.value(u"witness"_s).toObject().value(u"placement"_s).toObject();
        QCOMPARE(witness.value(u"management_network"_s).toString(), u"network-12"_s);
        QCOMPARE(witness.value(u"management_network_type"_s).toString(), u"STANDARD_PORTGROUP"_s);
        QCOMPARE(witness.value(u"ha_network"_s).toString(), u"dvportgroup-34"_s);
        QCOMPARE(
            s.value(u"passive"_s).toObject().value(u"placement"_s).toObject().value(u"host"_s).toString(),
            u"host-21"_s);
        QCOMPARE(
            s.value(u"witness"_s).toObject().value(u"placement"_s).toObject().value(u"host"_s).toString(),
            u"host-22"_s);
        QCOMPARE(s.value(u"witness"_s)
                     .toObject()
                     .value(u"placement"_s)
                     .toObject()
                     .value(u"storage"_s)
                     .toObject()
                     .value(u"datastore"_s)
                     .toString(),
                 u"datastore-11"_s);
        LabPlan off = examplePlan();
        off.vcha.enabled = false;
        QVERIFY(!completeVchaDeploySpec(off, p, u"AA"_s, u"pw"_s).ok());
    }

    void vchaNetworksByName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("id");   // expected, or empty for an error
        QTest::addColumn<QString>("type"); // expected type, or the text the error must contain
        QTest::newRow("standard") << u"VM Network"_s << u"network-7"_s << u"STANDARD_PORTGROUP"_s;
        QTest::newRow("distributed") << u"VCHA-Network"_s << u"dvportgroup-34"_s
                                     << u"DISTRIBUTED_PORTGROUP"_s;
        QTest::newRow("missing") << u"HA"_s << QString() << u"no port group \"HA\""_s;
        QTest::newRow("twice")
            << u"Lab"_s << QString()
            << u"2 networks named \"Lab\" (network-9 (Network), dvportgroup-40 (DistributedVirtualPortgroup))"_s;
        QTest::newRow("opaque") << u"NSX"_s << QString() << u"is a OpaqueNetwork"_s;
        QTest::newRow("case matters") << u"vm network"_s << QString() << u"no port group"_s;
    }
    void vchaNetworksByName()
    {
        QFETCH(QString, name);
        QFETCH(QString, id);
        QFETCH(QString, type);
        const QList<InventoryNetwork> networks{
            {u"network-7"_s, u"Network"_s, u"VM Network"_s},
            {u"dvportgroup-34"_s, u"DistributedVirtualPortgroup"_s, u"VCHA-Network"_s},
            {u"network-9"_s, u"Network"_s, u"Lab"_s},
            {u"dvportgroup-40"_s, u"DistributedVirtualPortgroup"_s, u"Lab"_s},
            {u"network-o1"_s, u"OpaqueNetwork"_s, u"NSX"_s}};
        const Result<VchaNetwork> r = resolveVchaNetwork(name, u"vcha.network.portGroup"_s, networks);
        if (id.isEmpty()) {
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, u"vcha.network"_s);
            QVERIFY2(r.error().message.contains(type)
                         && r.error().message.contains(u"vcha.network.portGroup"_s),
                     qPrintable(r.error().message));
        } else {
            QVERIFY(r.ok());
            QCOMPARE(r->id, id);
            QCOMPARE(r->type, type);
        }
    }

    void vchaWarningsInTheSdkShape()
    {
        // Cluster.Info.health_warnings: ErrorCondition {error, recommendation} of LocalizableMessages.
        const QJsonObject info{
            {u"config_state"_s, u"CONFIGURED"_s},
            {u"mode"_s, u"ENABLED"_s},
            {u"health_state"_s, u"DEGRADED"_s},
            {u"health_warnings"_s,
             QJsonArray{QJsonObject{{u"error"_s,
                                     QJsonObject{{u"id"_s, u"a"_s},
                                                 {u"default_message"_s, u"Passive is down."_s},
                                                 {u"args"_s, QJsonArray{}}}},
                                    {u"recommendation"_s,
                                     QJsonObject{{u"id"_s, u"b"_s},
                                                 {u"default_message"_s, u"Power it on."_s},
                                                 {u"args"_s, QJsonArray{}}}}},
                        QJsonObject{{u"error"_s,
                                     QJsonObject{{u"id"_s, u"only.an.id"_s},
                                                 {u"default_message"_s, u""_s},
                                                 {u"args"_s, QJsonArray{}}}}}}}};
        const VchaClusterState s = parseVchaClusterState(info);
        QCOMPARE(s.warnings,
                 (QStringList{u"Passive is down. Recommendation: Power it on."_s, u"only.an.id"_s}));
        QVERIFY(!s.healthy());
    }

    // A 2xx reply without a Cluster.Info (null from "{}", a string, an array) is refused: the
    // job used to take it for an unconfigured cluster and go on to deploy.
    void vchaStateNeedsAnObject()
    {
        for (const QJsonValue &value :
             {QJsonValue(), QJsonValue(u"CONFIGURED"_s), QJsonValue(QJsonArray{1})}) {
            const Result<VchaClusterState> s = readVchaClusterState(value, u"vc.example"_s);
            QVERIFY(!s.ok());
            QCOMPARE(s.error().code, u"vcha.reply"_s);
            QVERIFY2(s.error().message.contains(u"vc.example"_s), qPrintable(s.error().message));
        }
        const Result<VchaClusterState> s =
            readVchaClusterState(QJsonObject{{u"config_state"_s, u"NOTCONFIGURED"_s}}, u"vc.example"_s);
        QVERIFY(s.ok());
        QCOMPARE(s->configState, u"NOTCONFIGURED"_s);
    }

    void vchaManualStepsFromPlan()
    {
        const QString steps = vchaManualSteps(examplePlan());
        QVERIFY(steps.contains(u"192.168.100.11"_s));
        QVERIFY(steps.contains(u"255.255.255.0"_s));
        QVERIFY(steps.contains(u"VCHA-Network"_s));
    }
};

QTEST_GUILESS_MAIN(TestVCenterProtocol)
#include "tst_vcenterprotocol.moc"
