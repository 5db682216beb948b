// The Ansible export without Ansible: the YAML quoting function (exact escapes, folding of
// long values), inventory group names, and what the project holds for one and two labs.
// tests/integration/tst_ansible.cpp runs the result through Ansible itself.

#include "core/yamlquote.h"
#include "net/trustedpins.h"
#include "netscaler/lbconfig.h"
#include "netscaler/nitromodel.h"
#include "plan/planjson.h"
#include "project/ansibleexport.h"
#include "vsphere/vcsatemplatewriter.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

QByteArray fileOf(const QList<Artifact> &files, const QString &path)
{
    for (const Artifact &a : files) {
        if (a.path == path)
            return a.data;
    }
    return {};
}

// Reads a folded double-quoted scalar back the way YAML does (escaped line break + leading
// spaces dropped; the escapes this writer uses), for the round-trip rows.
QString unfold(const QString &quoted)
{
    QString s = quoted.mid(1, quoted.size() - 2);
    QString out;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s.at(i) != u'\\') {
            out += s.at(i);
            continue;
        }
        const QChar e = s.at(++i);
        if (e == u'\n') {
            while (i + 1 < s.size() && s.at(i + 1) == u' ')
                ++i;
        } else if (e == u'n') {
            out += u'\n';
        } else if (e == u'"' || e == u'\\') {
            out += e;
        } else if (e == u'x') {
            out += QChar(s.mid(i + 1, 2).toUShort(nullptr, 16));
            i += 2;
        } else {
            out += u'?'; // not used by the rows that round-trip
        }
    }
    return out;
}

} // namespace

class TestAnsibleExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void yamlString_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("yaml");
        QTest::newRow("plain") << u"sslab"_s << u"\"sslab\""_s;
        QTest::newRow("empty") << QString() << u"\"\""_s;
        QTest::newRow("quotes and backslash") << u"a\"b\\c'd"_s << u"\"a\\\"b\\\\c'd\""_s;
        QTest::newRow("newline, tab, CR") << u"a\nb\tc\rd"_s << u"\"a\\nb\\tc\\rd\""_s;
        QTest::newRow("jinja stays text")
            << u"{{ lookup('pipe', 'id') }}"_s << u"\"{{ lookup('pipe', 'id') }}\""_s;
        QTest::newRow("colon, hash, dash")
            << u"- key: value # not a comment"_s << u"\"- key: value # not a comment\""_s;
        QTest::newRow("control characters") << u"a\x01z\x7f"_s << u"\"a\\x01z\\x7F\""_s;
        QTest::newRow("NUL and ESC") << QString(QChar(0)) + QChar(0x1b) << u"\"\\0\\e\""_s;
        QTest::newRow("line separators") << u"a\u2028b\u2029c\u0085d"_s << u"\"a\\Lb\\Pc\\Nd\""_s;
        QTest::newRow("BOM") << u"\uFEFFx"_s << u"\"\\uFEFFx\""_s;
        QTest::newRow("unicode stays") << u"Hà Nội ✓"_s << u"\"Hà Nội ✓\""_s;
        // A lone surrogate is no character: it becomes U+FFFD (valid UTF-8, allowed raw).
        QTest::newRow("lone surrogate") << QString(QChar(0xD800)) << u"\"\uFFFD\""_s;
    }

    void yamlString()
    {
        QFETCH(QString, text);
        QFETCH(QString, yaml);
        QCOMPARE(vlab::yamlString(text), yaml);
        QCOMPARE(yamlUnsafe(text), u"!unsafe "_s + yaml);
    }

    void yamlStringFoldsLongValues()
    {
        // 500 characters with spaces where folds fall: no line over the limit, no raw space at
        // the start of a continuation line, and the value reads back unchanged.
        QString text;
        for (int i = 0; i < 50; ++i)
            text += u"word \"%1\" "_s.arg(i % 10);
        text += QString(300, u'x') + u"\nend"_s;
        const QString yaml = vlab::yamlString(text, 4);
        const QStringList lines = yaml.split(u'\n');
        QVERIFY2(lines.size() > 5, qPrintable(yaml));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QVERIFY2(lines.at(i).size() <= 80, qPrintable(lines.at(i)));
            if (i > 0) {
                QVERIFY(lines.at(i).startsWith(u"    "_s));
                QVERIFY2(lines.at(i).at(4) != u' ', qPrintable(lines.at(i)));
            }
            if (i + 1 < lines.size())
                QVERIFY(lines.at(i).endsWith(u'\\'));
        }
        QCOMPARE(unfold(yaml), text);
    }

    void groupName_data()
    {
        QTest::addColumn<QString>("lab");
        QTest::addColumn<QString>("group");
        QTest::newRow("plain") << u"sslab"_s << u"sslab"_s;
        QTest::newRow("upper and dash") << u"SS-Lab 2"_s << u"ss_lab_2"_s;
        QTest::newRow("digit first") << u"2024"_s << u"lab_2024"_s;
        QTest::newRow("reserved") << u"all"_s << u"lab_all"_s;
        QTest::newRow("only symbols") << u"{{ }}"_s << u"lab_"_s;
        QTest::newRow("hostile") << u"a: b\n# {{ c }}"_s << u"a_b_c"_s;
    }

    void groupName()
    {
        QFETCH(QString, lab);
        QFETCH(QString, group);
        QCOMPARE(ansibleGroupName(lab), group);
    }

    void exampleProject()
    {
        const LabPlan plan = examplePlan();
        const Result<QList<Artifact>> files =
            ansibleProject({{u"/plans/sslab.vlab.json"_s, plan}}, u"/out"_s);
        QVERIFY2(files, qPrintable(files ? QString() : files.error().message));

        for (const QString &role : ansibleRoles())
            QVERIFY2(!fileOf(*files, u"/out/roles/%1/tasks/main.yml"_s.arg(role)).isEmpty(),
                     qPrintable(role));
        for (const char *path :
             {"/out/site.yml", "/out/inventory.yml", "/out/.ansible-lint", "/out/ansible.cfg",
              "/out/collections/requirements.yml", "/out/group_vars/all.yml", "/out/group_vars/sslab.yml",
              "/out/labs/sslab/vcsa/vcsa-psc1.json", "/out/labs/sslab/vcsa/vcsa-vcenter.json",
              "/out/labs/sslab/vcha/vcha-deploy-spec.json", "/out/labs/sslab/netscaler/psc-lb.conf",
              "/out/labs/sslab/certs/psc_ha_csr_cfg.cfg"})
            QVERIFY2(!fileOf(*files, QString::fromLatin1(path)).isEmpty(), path);

        // site.yml imports the roles in the lab's order, each tagged with its name.
        const QString site = QString::fromUtf8(fileOf(*files, u"/out/site.yml"_s));
        qsizetype last = -1;
        for (const QString &role : ansibleRoles()) {
            const qsizetype at = site.indexOf(u"name: %1\n      tags: [%1]"_s.arg(role));
            QVERIFY2(at > last, qPrintable(role));
            last = at;
        }

        // Every NetScaler object of the engine, under its engine key (the name; the subnet IP's
        // address), in the lab's variables, and each type with the attribute it is keyed by.
        const QString vars = QString::fromUtf8(fileOf(*files, u"/out/group_vars/sslab.yml"_s));
        const Result<LbConfig> lb = LbConfig::fromPlan(plan);
        QVERIFY(lb);
        const QList<NitroObject> objects = nitroObjects(*lb);
        QVERIFY(std::any_of(objects.cbegin(), objects.cend(),
                            [](const NitroObject &o) { return o.type == u"nsip"_s; }));
        for (const NitroObject &o : objects) {
            const QString key = nitroKeyAttribute(o.type);
            QVERIFY2(vars.contains(u"%1: !unsafe \"%2\""_s.arg(key, o.name())), qPrintable(o.label()));
            QVERIFY2(vars.contains(u"type: !unsafe \"%1\"\n"_s.arg(o.type)), qPrintable(o.label()));
        }
        QVERIFY(vars.contains(u"key_attribute: !unsafe \"ipaddress\""_s));
        QVERIFY(vars.contains(u"key_attribute: !unsafe \"name\""_s));
        QVERIFY(vars.contains(u"vlab_lab_id: !unsafe \"sslab\""_s));
        QVERIFY(vars.contains(u"mtu: 9000"_s));
        QVERIFY(!vars.contains(u"password"_s, Qt::CaseInsensitive));

        const QString inventory = QString::fromUtf8(fileOf(*files, u"/out/inventory.yml"_s));
        QVERIFY(inventory.contains(u"        sslab:\n          hosts:\n            sslab-control: {}\n"_s));

        // The templates come from the engine's writer, passwords as placeholders.
        const QByteArray psc1 = fileOf(*files, u"/out/labs/sslab/vcsa/vcsa-psc1.json"_s);
        QCOMPARE(psc1, *renderVcsaTemplateForTest(plan));
    }

    void twoLabs()
    {
        LabPlan second = examplePlan();
        second.lab.name = u"Training Room 2"_s;
        const Result<QList<Artifact>> files =
            ansibleProject({{u"a.vlab.json"_s, examplePlan()}, {u"b.vlab.json"_s, second}}, u"/out"_s);
        QVERIFY(files);
        const QString inventory = QString::fromUtf8(fileOf(*files, u"/out/inventory.yml"_s));
        QVERIFY(inventory.contains(u"        sslab:\n"_s));
        QVERIFY(inventory.contains(u"        training_room_2:\n"_s));
        QVERIFY(!fileOf(*files, u"/out/group_vars/training_room_2.yml"_s).isEmpty());
        QVERIFY(fileOf(*files, u"/out/group_vars/training_room_2.yml"_s)
                    .contains("vlab_lab_name: !unsafe \"Training Room 2\""));
    }

    // README "Ansible export (many labs)": the fingerprints confirmed for the project
    // (vlab-trust.json next to the plan) become the lab's vlab_tls_pins.
    void confirmedPinsTravel()
    {
        QTemporaryDir dir;
        QVERIFY2(dir.isValid(), qPrintable(dir.errorString()));
        const QByteArray digest =
            QCryptographicHash::hash("the vCenter's certificate", QCryptographicHash::Sha256);
        QVERIFY(TrustedPins::keep(dir.path(), u"vcenter-vc01.sslab.com"_s, 443, digest));
        const Result<QList<Artifact>> files =
            ansibleProject({{dir.filePath(u"sslab.vlab.json"_s), examplePlan()}}, u"/out"_s);
        QVERIFY(files);
        const QString vars = QString::fromUtf8(fileOf(*files, u"/out/group_vars/sslab.yml"_s));
        const QString pin = QString::fromLatin1(digest.toHex(':').toUpper());
        const qsizetype at = vars.indexOf(u"vlab_tls_pins:"_s);
        QVERIFY2(at >= 0, qPrintable(vars));
        // Long values are folded (an escaped line break and the indent): read it back as YAML does.
        const QString section = vars.mid(at).remove(QRegularExpression(u"\\\\\n *"_s));
        QVERIFY2(section.contains(u"!unsafe \"vcenter-vc01.sslab.com:443\": !unsafe \"%1\""_s.arg(pin)),
                 qPrintable(section));

        // Without a trust file: no pins, and no error.
        QTemporaryDir empty;
        const Result<QList<Artifact>> bare =
            ansibleProject({{empty.filePath(u"sslab.vlab.json"_s), examplePlan()}}, u"/out"_s);
        QVERIFY(bare);
        QVERIFY(!fileOf(*bare, u"/out/group_vars/sslab.yml"_s).contains(pin.toLatin1()));
    }

    void refusesWhatCannotBeExported()
    {
        // Two labs that give one group.
        LabPlan same = examplePlan();
        same.lab.name = u"SSLAB"_s;
        Result<QList<Artifact>> files =
            ansibleProject({{u"a.vlab.json"_s, examplePlan()}, {u"b.vlab.json"_s, same}}, u"/out"_s);
        QVERIFY(!files);
        QCOMPARE(files.error().code, u"ansible.plan"_s);
        QVERIFY2(files.error().message.contains(u"lab.name"_s)
                     && files.error().message.contains(u"a.vlab.json"_s),
                 qPrintable(files.error().message));

        // A plan with validation errors, named by file and field.
        LabPlan broken = examplePlan();
        broken.vcenter.fqdn.clear();
        files = ansibleProject({{u"broken.vlab.json"_s, broken}}, u"/out"_s);
        QVERIFY(!files);
        QVERIFY2(files.error().message.contains(u"broken.vlab.json"_s)
                     && files.error().message.contains(u"vcenter.fqdn"_s),
                 qPrintable(files.error().message));

        files = ansibleProject({}, u"/out"_s);
        QVERIFY(!files);
    }

private:
    static Result<QByteArray> renderVcsaTemplateForTest(const LabPlan &plan)
    {
        return renderVcsaTemplate(plan, VcsaRole::Psc1, VcsaVersion::V67);
    }
};

QTEST_GUILESS_MAIN(TestAnsibleExport)
#include "tst_ansibleexport.moc"
