// The VCHA deploy spec: addresses and networks from the plan, no gateway on the HA network,
// the failover address = vCenter's management address, placeholders for what only a live
// vCenter knows (the networks' ids and types among them), no password, and every field checked
// against the SDK's types as transcribed in tests/data/vsphere/vcha-types.json.

#include "vchatypes.h"

#include "plan/planjson.h"
#include "vsphere/vchaspecwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {
QJsonValue at(const QJsonObject &root, const QString &path)
{
    QJsonValue v = root;
    for (const QString &key : path.split(u'/'))
        v = v.toObject().value(key);
    return v;
}
} // namespace

class TestVchaSpec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void values_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("expected");
        QTest::newRow("active HA address")
            << u"spec/active/ha_ip/ipv4/address"_s << QJsonValue(u"192.168.100.11"_s);
        QTest::newRow("HA prefix") << u"spec/active/ha_ip/ipv4/prefix"_s << QJsonValue(24);
        QTest::newRow("HA mask") << u"spec/passive/ha_ip/ipv4/subnet_mask"_s
                                 << QJsonValue(u"255.255.255.0"_s);
        // Optional fields without a value are left out, not sent empty (SDK: "If None, gateway
        // will not be used").
        QTest::newRow("no gateway on HA")
            << u"spec/witness/ha_ip/default_gateway"_s << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("no DNS on HA")
            << u"spec/active/ha_ip/dns_servers"_s << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("passive HA address")
            << u"spec/passive/ha_ip/ipv4/address"_s << QJsonValue(u"192.168.100.12"_s);
        QTest::newRow("witness HA address")
            << u"spec/witness/ha_ip/ipv4/address"_s << QJsonValue(u"192.168.100.13"_s);
        QTest::newRow("failover = management address")
            << u"spec/passive/failover_ip/ipv4/address"_s << QJsonValue(u"192.168.1.213"_s);
        QTest::newRow("failover gateway")
            << u"spec/passive/failover_ip/default_gateway"_s << QJsonValue(u"192.168.1.1"_s);
        // Networks are Network ids with their type, which only the live vCenter knows.
        QTest::newRow("HA network id")
            << u"spec/active/ha_network"_s << QJsonValue(u"<VLAB_NETWORK_ID:VCHA-Network>"_s);
        QTest::newRow("HA network type")
            << u"spec/active/ha_network_type"_s << QJsonValue(u"<VLAB_NETWORK_TYPE:VCHA-Network>"_s);
        QTest::newRow("passive name")
            << u"spec/passive/placement/name"_s << QJsonValue(u"vcenter-vc01-passive"_s);
        QTest::newRow("witness name")
            << u"spec/witness/placement/name"_s << QJsonValue(u"vcenter-vc01-witness"_s);
        QTest::newRow("management network") << u"spec/passive/placement/management_network"_s
                                            << QJsonValue(u"<VLAB_NETWORK_ID:VM Network>"_s);
        QTest::newRow("failover DNS") << u"spec/passive/failover_ip/dns_servers"_s
                                      << QJsonValue(QJsonArray::fromStringList(examplePlan().dns.servers));
        QTest::newRow("active location")
            << u"spec/vc_spec/active_location/hostname"_s << QJsonValue(u"vcenter-vc01.sslab.com"_s);
        QTest::newRow("SSO user") << u"spec/vc_spec/active_location/username"_s
                                  << QJsonValue(u"administrator@vsphere.local"_s);
        QTest::newRow("password is a placeholder")
            << u"spec/vc_spec/active_location/password"_s << QJsonValue(u"<VLAB_SSO_PASSWORD>"_s);
        QTest::newRow("host is a placeholder")
            << u"spec/witness/placement/host"_s << QJsonValue(u"<VLAB_HOST_ID>"_s);
    }

    void values()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, expected);
        const Result<QByteArray> json = renderVchaDeploySpec(examplePlan());
        QVERIFY(json.ok());
        QCOMPARE(at(QJsonDocument::fromJson(*json).object(), path), expected);
    }

    void matchesTheSdkTypes()
    {
        const VchaTypes types;
        QVERIFY(types.loaded());
        const Result<QByteArray> json = renderVchaDeploySpec(examplePlan());
        QVERIFY(json.ok());
        const QJsonObject root = QJsonDocument::fromJson(*json).object();
        QCOMPARE(root.keys(), QStringList{u"spec"_s}); // the /rest operation input {spec}
        const QStringList problems =
            types.check(root.value(u"spec"_s), u"com.vmware.vcenter.vcha.cluster.deploy_spec"_s, true);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("expected");
        QTest::newRow("VCHA off") << u"off"_s << u"vcha.enabled"_s;
        QTest::newRow("bad HA network") << u"cidr"_s << u"vcha.network.cidr"_s;
        QTest::newRow("bad witness address") << u"witness"_s << u"vcha.witnessIp"_s;
    }

    void refusals()
    {
        QFETCH(QString, change);
        QFETCH(QString, expected);
        LabPlan p = examplePlan();
        if (change == u"off"_s)
            p.vcha.enabled = false;
        else if (change == u"cidr"_s)
            p.vcha.network.cidr = u"192.168.100.0"_s;
        else
            p.vcha.witnessIp = u"192.168.100"_s;
        const Result<QByteArray> json = renderVchaDeploySpec(p);
        QVERIFY(!json.ok());
        QVERIFY2(json.error().message.contains(expected), qPrintable(json.error().message));
    }
};

QTEST_GUILESS_MAIN(TestVchaSpec)
#include "tst_vchaspec.moc"
