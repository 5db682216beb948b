// The vcsa-deploy templates: structure and values per role, the 6.5 key spelling, ASCII
// only, passwords only when given, and every key checked against the stock templates as
// transcribed in tests/data/vcsa/vcsa-template-schema.json (not against this code).

#include "plan/planjson.h"
#include "vsphere/vcsatemplatewriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <functional>

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
        // The stock template names the SSO domain next to the PSC.
        row("vcenter sso domain", VcsaRole::VCenter, u"new_vcsa/sso/domain_name"_s, u"vsphere.local"_s);
        // Both PSCs in the plan's one site.
        row("psc2 site", VcsaRole::Psc2, u"new_vcsa/sso/site_name"_s, u"SSLAB-Site1"_s);
        row("psc2 ceip off", VcsaRole::Psc2, u"ceip/settings/ceip_enabled"_s, false);
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
        QVERIFY(!at(vc, u"new_vcsa/sso"_s).toObject().contains(u"site_name"_s));
        // The CEIP choice is the PSCs'; the stock vCenter-with-external-PSC template has none.
        QVERIFY(!vc.contains(u"ceip"_s));
        QVERIFY(psc1.contains(u"ceip"_s));
    }

    void replicaSiteCanBeLeftOut()
    {
        VcsaTemplateOptions options;
        options.replicaSiteName = false;
        const Result<QByteArray> json =
            renderVcsaTemplate(examplePlan(), VcsaRole::Psc2, VcsaVersion::V67, {}, options);
        QVERIFY(json.ok());
        QVERIFY(!at(QJsonDocument::fromJson(*json).object(), u"new_vcsa/sso"_s)
                     .toObject()
                     .contains(u"site_name"_s));
        QVERIFY(vcsaTemplateVerifyNotes(VcsaRole::Psc2, VcsaVersion::V67, options)
                    .filter(u"site_name"_s)
                    .isEmpty());
        QCOMPARE(vcsaTemplateVerifyNotes(VcsaRole::Psc2, VcsaVersion::V67).filter(u"site_name"_s).size(), 1);
    }

    // What no stock template confirms is said in the template itself and by the notes.
    void unconfirmedKeysAreLabelledVerify()
    {
        const QJsonObject vc = render(examplePlan(), VcsaRole::VCenter, VcsaVersion::V67);
        const QString comments =
            QString::fromUtf8(QJsonDocument(vc.value(u"__comments"_s).toArray()).toJson());
        QVERIFY2(comments.contains(u"Verify: sso > domain_name"_s), qPrintable(comments));
        QVERIFY(comments.contains(u"Verify: os > ntp_servers"_s));
        QCOMPARE(vcsaTemplateVerifyNotes(VcsaRole::VCenter, VcsaVersion::V65).filter(u"domain"_s).size(), 0);
    }

    // Field by field against the stock templates' keys (tests/data/vcsa/vcsa-template-schema.json).
    void matchesTheStockTemplates_data()
    {
        QTest::addColumn<VcsaRole>("role");
        QTest::addColumn<VcsaVersion>("version");
        QTest::addColumn<QString>("target");
        for (const VcsaVersion v : {VcsaVersion::V67, VcsaVersion::V65}) {
            for (const QString &target : {u"esxi"_s, u"vcenter"_s}) {
                const QString suffix = (v == VcsaVersion::V67 ? u" 6.7 on "_s : u" 6.5 on "_s) + target;
                QTest::newRow(qPrintable(u"psc1"_s + suffix)) << VcsaRole::Psc1 << v << target;
                QTest::newRow(qPrintable(u"psc2"_s + suffix)) << VcsaRole::Psc2 << v << target;
                QTest::newRow(qPrintable(u"vcenter"_s + suffix)) << VcsaRole::VCenter << v << target;
            }
        }
    }
    void matchesTheStockTemplates()
    {
        QFETCH(VcsaRole, role);
        QFETCH(VcsaVersion, version);
        QFETCH(QString, target);
        QFile file(QStringLiteral(VLAB_TEST_DATA_DIR "/vcsa/vcsa-template-schema.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject schema = QJsonDocument::fromJson(file.readAll()).object();
        LabPlan p = examplePlan();
        if (target == u"vcenter"_s) {
            p.target.kind = u"vcenter"_s;
            p.target.datacenter = u"DC1"_s;
            p.target.cluster = u"Cluster1"_s;
        }
        const QJsonObject t = render(p, role, version);
        QVERIFY(!t.isEmpty());
        const QString kind = role == VcsaRole::Psc1 ? u"psc-first"_s
            : role == VcsaRole::Psc2                ? u"psc-replica"_s
                                                    : u"vcenter-external-psc"_s;
        const QJsonObject k = schema.value(u"versions"_s)
                                  .toObject()
                                  .value(t.value(u"__version"_s).toString())
                                  .toObject()
                                  .value(kind)
                                  .toObject();
        QVERIFY(!k.isEmpty());
        QList<QJsonArray> allowed;
        for (const QJsonValue &key : k.value(u"keys"_s).toArray())
            allowed << key.toObject().value(u"path"_s).toArray();
        const auto valueAt = [&](const QJsonArray &path) {
            QJsonValue v = t;
            for (const QJsonValue &name : path)
                v = v.toObject().value(name.toString());
            return v;
        };
        // Every key of the template is one the stock templates have.
        std::function<void(const QJsonObject &, QJsonArray)> walk = [&](const QJsonObject &o,
                                                                        QJsonArray path) {
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (it.key().startsWith(u"__"_s))
                    continue;
                QJsonArray here = path;
                here.append(it.key());
                if (it.value().isObject())
                    walk(it.value().toObject(), here);
                else
                    QVERIFY2(
                        allowed.contains(here),
                        qPrintable(QString::fromUtf8(QJsonDocument(here).toJson(QJsonDocument::Compact))));
            }
        };
        walk(t, {});
        // Every required key is there, with a value of the kind the stock templates give it.
        for (const QJsonValue &entry : k.value(u"keys"_s).toArray()) {
            const QJsonObject key = entry.toObject();
            const QJsonArray path = key.value(u"path"_s).toArray();
            const QString where = QString::fromUtf8(QJsonDocument(path).toJson(QJsonDocument::Compact));
            const QJsonValue v = valueAt(path);
            if (v.isUndefined()) {
                QVERIFY2(!key.value(u"required"_s).toBool(), qPrintable(where + u" missing"_s));
                continue;
            }
            const QString type = key.value(u"type"_s).toString();
            if (type == u"string"_s)
                QVERIFY2(v.isString(), qPrintable(where));
            else if (type == u"boolean"_s)
                QVERIFY2(v.isBool(), qPrintable(where));
            else if (type == u"integer"_s)
                QVERIFY2(v.isDouble(), qPrintable(where));
            else if (type == u"array"_s)
                QVERIFY2(v.isArray(), qPrintable(where));
            else
                QVERIFY2(v.isString() || v.isArray(), qPrintable(where));
            if (key.contains(u"values"_s))
                QVERIFY2(key.value(u"values"_s).toArray().contains(v), qPrintable(where));
        }
        for (const QJsonValue &group : k.value(u"oneOf"_s).toArray()) {
            const QJsonArray paths = group.toArray();
            QVERIFY(std::any_of(paths.begin(), paths.end(), [&](const QJsonValue &path) {
                return !valueAt(path.toArray()).isUndefined();
            }));
        }
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
