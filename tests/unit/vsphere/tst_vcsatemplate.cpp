// The vcsa-deploy templates: structure and values per role, the 6.5 key spelling, ASCII
// only, and passwords only when given.

#include "plan/planjson.h"
#include "vsphere/vcsatemplatewriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vlab;

Q_DECLARE_METATYPE(vlab::VcsaRole)
Q_DECLARE_METATYPE(vlab::VcsaVersion)

namespace {
// Walks "a.b.c" through nested objects.
QJsonValue at(const QJsonObject &root, const QString &path)
{
    QJsonValue v = root;
    for (const QString &key : path.split(u'/'))
        v = v.toObject().value(key);
    return v;
}

QStringList allKeys(const QJsonValue &v)
{
    QStringList keys;
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            keys << it.key() << allKeys(it.value());
    } else if (v.isArray()) {
        for (const QJsonValue &e : v.toArray())
            keys << allKeys(e);
    }
    return keys;
}

QJsonObject render(const LabPlan &plan, VcsaRole role, VcsaVersion version,
                   const std::optional<VcsaSecrets> &secrets = std::nullopt)
{
    const Result<QByteArray> json = renderVcsaTemplate(plan, role, version, secrets);
    if (!json)
        return {};
    return QJsonDocument::fromJson(*json).object();
}
} // namespace

class TestVcsaTemplate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void values67_data()
    {
        QTest::addColumn<VcsaRole>("role");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("expected");
        const auto row = [](const char *name, VcsaRole role, const QString &path, const QJsonValue &v) {
            QTest::newRow(name) << role << path << v;
        };
        row("version", VcsaRole::Psc1, u"__version"_s, u"2.13.0"_s);
        row("psc1 option", VcsaRole::Psc1, u"new_vcsa/appliance/deployment_option"_s, u"infrastructure"_s);
        row("psc1 name", VcsaRole::Psc1, u"new_vcsa/appliance/name"_s, u"vcenter-psc01"_s);
        row("psc1 address", VcsaRole::Psc1, u"new_vcsa/network/ip"_s, u"192.168.1.211"_s);
        row("psc1 system name", VcsaRole::Psc1, u"new_vcsa/network/system_name"_s,
            u"vcenter-psc01.sslab.com"_s);
        row("psc1 prefix", VcsaRole::Psc1, u"new_vcsa/network/prefix"_s, u"24"_s);
        row("psc1 gateway", VcsaRole::Psc1, u"new_vcsa/network/gateway"_s, u"192.168.1.1"_s);
        row("psc1 dns", VcsaRole::Psc1, u"new_vcsa/network/dns_servers"_s, QJsonArray{u"192.168.1.10"_s});
        row("psc1 ntp added", VcsaRole::Psc1, u"new_vcsa/os/ntp_servers"_s, QJsonArray{u"192.168.1.10"_s});
        row("psc1 domain", VcsaRole::Psc1, u"new_vcsa/sso/domain_name"_s, u"vsphere.local"_s);
        row("psc1 site", VcsaRole::Psc1, u"new_vcsa/sso/site_name"_s, u"SSLAB-Site1"_s);
        row("psc1 esxi host", VcsaRole::Psc1, u"new_vcsa/esxi/hostname"_s, u"esxi01.sslab.com"_s);
        row("psc1 ceip off", VcsaRole::Psc1, u"ceip/settings/ceip_enabled"_s, false);
        row("psc2 replica", VcsaRole::Psc2, u"new_vcsa/sso/first_instance"_s, false);
        row("psc2 partner", VcsaRole::Psc2, u"new_vcsa/sso/replication_partner_hostname"_s,
            u"vcenter-psc01.sslab.com"_s);
        row("psc2 sso port", VcsaRole::Psc2, u"new_vcsa/sso/sso_port"_s, 443);
        row("psc2 address", VcsaRole::Psc2, u"new_vcsa/network/ip"_s, u"192.168.1.212"_s);
        row("vcenter option", VcsaRole::VCenter, u"new_vcsa/appliance/deployment_option"_s,
            u"management-small"_s);
        row("vcenter external psc = LB", VcsaRole::VCenter, u"new_vcsa/sso/platform_services_controller"_s,
            u"vcenter-psc-lb.sslab.com"_s);
        row("vcenter sso port", VcsaRole::VCenter, u"new_vcsa/sso/sso_port"_s, 443);
        row("vcenter address", VcsaRole::VCenter, u"new_vcsa/network/ip"_s, u"192.168.1.213"_s);
    }

    void values67()
    {
        QFETCH(VcsaRole, role);
        QFETCH(QString, path);
        QFETCH(QJsonValue, expected);
        const QJsonObject t = render(examplePlan(), role, VcsaVersion::V67);
        QVERIFY(!t.isEmpty());
        QCOMPARE(at(t, path), expected);
    }

    void roleSpecificKeysOnlyWhereTheyBelong()
    {
        const QJsonObject psc1 = render(examplePlan(), VcsaRole::Psc1, VcsaVersion::V67);
        const QJsonObject vc = render(examplePlan(), VcsaRole::VCenter, VcsaVersion::V67);
        QVERIFY(!at(psc1, u"new_vcsa/sso"_s).toObject().contains(u"first_instance"_s));
        QVERIFY(!at(psc1, u"new_vcsa/sso"_s).toObject().contains(u"platform_services_controller"_s));
        QVERIFY(!at(vc, u"new_vcsa/sso"_s).toObject().contains(u"domain_name"_s));
    }

    void onAManagingVcenter()
    {
        LabPlan p = examplePlan();
        p.target.kind = u"vcenter"_s;
        p.target.host = u"mgmt-vc.sslab.com"_s;
        p.target.datacenter = u"DC1"_s;
        p.target.cluster = u"Cluster1"_s;
        const QJsonObject t = render(p, VcsaRole::Psc1, VcsaVersion::V67);
        QVERIFY(!at(t, u"new_vcsa"_s).toObject().contains(u"esxi"_s));
        QCOMPARE(at(t, u"new_vcsa/vc/hostname"_s), QJsonValue(u"mgmt-vc.sslab.com"_s));
        QCOMPARE(at(t, u"new_vcsa/vc/datacenter"_s), QJsonValue(QJsonArray{u"DC1"_s}));
        QCOMPARE(at(t, u"new_vcsa/vc/target"_s), QJsonValue(QJsonArray{u"Cluster1"_s}));
    }

    void spelling65_data()
    {
        QTest::addColumn<VcsaRole>("role");
        QTest::newRow("psc1") << VcsaRole::Psc1;
        QTest::newRow("psc2") << VcsaRole::Psc2;
        QTest::newRow("vcenter") << VcsaRole::VCenter;
    }

    void spelling65()
    {
        QFETCH(VcsaRole, role);
        const QJsonObject t65 = render(examplePlan(), role, VcsaVersion::V65);
        const QJsonObject t67 = render(examplePlan(), role, VcsaVersion::V67);
        QCOMPARE(t65.value(u"__version"_s).toString(), u"2.3.0"_s);
        const QStringList keys65 = allKeys(t65), keys67 = allKeys(t67);
        QCOMPARE(keys65.size(), keys67.size()); // the same content, spelled differently
        for (const QString &k : keys65)
            QVERIFY2(k.startsWith(u"__"_s) || !k.contains(u'_'), qPrintable(k));
        QCOMPARE(at(t65, u"new.vcsa/network/system.name"_s), at(t67, u"new_vcsa/network/system_name"_s));
        QCOMPARE(at(t65, u"new.vcsa/appliance/deployment.option"_s),
                 at(t67, u"new_vcsa/appliance/deployment_option"_s));
        if (role == VcsaRole::Psc2)
            QCOMPARE(at(t65, u"new.vcsa/sso/replication-partner-hostname"_s),
                     QJsonValue(u"vcenter-psc01.sslab.com"_s));
        if (role == VcsaRole::VCenter)
            QCOMPARE(at(t65, u"new.vcsa/sso/platform.services.controller"_s),
                     QJsonValue(u"vcenter-psc-lb.sslab.com"_s));
    }

    void passwordsOnlyWhenGiven()
    {
        const Result<QByteArray> plain = renderVcsaTemplate(examplePlan(), VcsaRole::Psc1, VcsaVersion::V67);
        QVERIFY(plain.ok());
        QVERIFY(plain->contains(VcsaPlaceholders::Root));
        QVERIFY(plain->contains(VcsaPlaceholders::Sso));
        QVERIFY(plain->contains(VcsaPlaceholders::Target));
        const VcsaSecrets s{u"Esx!Pass1"_s, u"Root!Pass2"_s, u"Sso!Pass3"_s};
        const QJsonObject t = render(examplePlan(), VcsaRole::Psc1, VcsaVersion::V67, s);
        QCOMPARE(at(t, u"new_vcsa/esxi/password"_s).toString(), s.targetPassword);
        QCOMPARE(at(t, u"new_vcsa/os/password"_s).toString(), s.rootPassword);
        QCOMPARE(at(t, u"new_vcsa/sso/password"_s).toString(), s.ssoPassword);
        QVERIFY(!QJsonDocument(t).toJson().contains("<VLAB_"));
    }

    void refusals_data()
    {
        QTest::addColumn<VcsaRole>("role");
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("expected");
        QTest::newRow("non-ASCII site") << VcsaRole::Psc1 << u"site"_s << u"new_vcsa.sso.site_name"_s;
        QTest::newRow("no second PSC") << VcsaRole::Psc2 << u"onepsc"_s << u"psc[1]"_s;
        QTest::newRow("bad address") << VcsaRole::VCenter << u"ip"_s << u"IPv4 address"_s;
        QTest::newRow("no network") << VcsaRole::Psc1 << u"cidr"_s << u"network.cidr"_s;
    }

    void refusals()
    {
        QFETCH(VcsaRole, role);
        QFETCH(QString, change);
        QFETCH(QString, expected);
        LabPlan p = examplePlan();
        if (change == u"site"_s)
            p.sso.site = u"Zürich"_s;
        else if (change == u"onepsc"_s)
            p.psc.removeLast();
        else if (change == u"ip"_s)
            p.vcenter.ip = u"192.168.1"_s;
        else
            p.network.cidr.clear();
        const Result<QByteArray> json = renderVcsaTemplate(p, role, VcsaVersion::V67);
        QVERIFY(!json.ok());
        QVERIFY2(json.error().message.contains(expected), qPrintable(json.error().message));
    }

    void parsers()
    {
        QVERIFY(parseVcsaRole(u"psc1"_s).ok());
        QVERIFY(!parseVcsaRole(u"psc3"_s).ok());
        QVERIFY(parseVcsaVersion(u"6.5"_s).ok());
        QVERIFY(!parseVcsaVersion(u"7.0"_s).ok());
    }
};

QTEST_GUILESS_MAIN(TestVcsaTemplate)
#include "tst_vcsatemplate.moc"
