// The Distributed Switch scripts. The govc script is run by the real /bin/sh with a stand-in
// `govc` on PATH that prints its arguments, so quoting is proven by the shell itself.

#include "plan/planjson.h"
#include "vsphere/vdsscriptwriter.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestVdsScript : public QObject
{
    Q_OBJECT

    // Runs the script with a fake govc that prints each argument on its own line, "--" between calls.
    QStringList runGovc(const QByteArray &script)
    {
        QTemporaryDir dir;
        QFile fake(dir.filePath(u"govc"_s));
        if (!fake.open(QIODevice::WriteOnly))
            return {u"cannot write the stand-in"_s};
        fake.write("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\necho --\n");
        fake.close();
        fake.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QFile file(dir.filePath(u"vds.sh"_s));
        if (!file.open(QIODevice::WriteOnly))
            return {u"cannot write the script"_s};
        file.write(script);
        file.close();
        QProcess sh;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"PATH"_s, dir.path() + u":/usr/bin:/bin"_s);
        sh.setProcessEnvironment(env);
        sh.start(u"/bin/sh"_s, {file.fileName()});
        if (!sh.waitForFinished(10000) || sh.exitCode() != 0)
            return {u"sh failed: "_s + QString::fromLocal8Bit(sh.readAllStandardError())};
        return QString::fromUtf8(sh.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    }

private Q_SLOTS:
    void govcArgumentsAsTheShellSeesThem()
    {
        LabPlan p = examplePlan();
        p.vds.name = u"Lab's \"DSwitch\" $HOME"_s; // quotes and a variable must stay literal
        p.vds.portGroups = {{u"Servers VLAN 10"_s, 10}, {u"it's; rm -rf /"_s, 0}};
        const Result<QByteArray> script = renderVdsScript(p, VdsScriptFormat::Govc, u"DC 1"_s);
        QVERIFY(script.ok());
        const QStringList args = runGovc(*script);
        const QStringList expected = {u"dvs.create"_s,
                                      u"-dc"_s,
                                      u"DC 1"_s,
                                      u"-mtu"_s,
                                      u"9000"_s,
                                      u"-num-uplinks"_s,
                                      u"2"_s,
                                      u"-product-version"_s,
                                      u"6.6.0"_s,
                                      p.vds.name,
                                      u"--"_s,
                                      u"dvs.portgroup.add"_s,
                                      u"-dc"_s,
                                      u"DC 1"_s,
                                      u"-dvs"_s,
                                      p.vds.name,
                                      u"-vlan"_s,
                                      u"10"_s,
                                      u"Servers VLAN 10"_s,
                                      u"--"_s,
                                      u"dvs.portgroup.add"_s,
                                      u"-dc"_s,
                                      u"DC 1"_s,
                                      u"-dvs"_s,
                                      p.vds.name,
                                      u"-vlan"_s,
                                      u"0"_s,
                                      u"it's; rm -rf /"_s,
                                      u"--"_s};
        QCOMPARE(args, expected);
    }

    // #14 finding 2: with chained arg() calls, a datacenter holding %4 received the version,
    // already quoted, inside its own quotes, so "$(...)" in vds.version ran.
    void placeholdersInValuesStayData()
    {
        QTemporaryDir canaryDir;
        const QString canary = canaryDir.filePath(u"canary"_s);
        LabPlan p = examplePlan();
        p.vds.version = u"$(touch "_s + canary + u")"_s;
        p.vds.name = u"%1 %2 %5"_s;
        const Result<QByteArray> script = renderVdsScript(p, VdsScriptFormat::Govc, u"DC %4 %5"_s);
        QVERIFY(script.ok());
        const QStringList args = runGovc(*script);
        QCOMPARE(
            args.mid(0, 11),
            (QStringList{u"dvs.create"_s, u"-dc"_s, u"DC %4 %5"_s, u"-mtu"_s, u"9000"_s, u"-num-uplinks"_s,
                         u"2"_s, u"-product-version"_s, p.vds.version, p.vds.name, u"--"_s}));
        QVERIFY(!QFileInfo::exists(canary));
        const Result<QByteArray> ps = renderVdsScript(p, VdsScriptFormat::PowerCli, u"DC %4 %5"_s);
        QVERIFY(ps.ok());
        QVERIFY(ps->contains("-Location (Get-Datacenter -Name 'DC %4 %5')"));
        QVERIFY(ps->contains("-Version '$(touch "));
    }

    // A line break in a value never leaves its quotes or its comment: the comment lines carry
    // '?' for it, and the script still runs as exactly the planned govc calls.
    void lineBreaksStayInsideQuotes()
    {
        QTemporaryDir canaryDir;
        const QString canary = canaryDir.filePath(u"canary"_s);
        LabPlan p = examplePlan();
        p.vds.name = u"DSwitch\ntouch "_s + canary + u"\n#"_s;
        p.lab.name = u"lab\ntouch "_s + canary;
        const Result<QByteArray> script = renderVdsScript(p, VdsScriptFormat::Govc);
        QVERIFY(script.ok());
        const QStringList args = runGovc(*script);
        QVERIFY2(args.contains(p.vds.name.section(u'\n', 0, 0)) || args.join(u'\n').contains(p.vds.name),
                 qPrintable(args.join(u'|')));
        QVERIFY(!QFileInfo::exists(canary));
        QVERIFY(script->contains("# Distributed Switch DSwitch?touch "));
        QVERIFY(renderVdsScript(p, VdsScriptFormat::Govc, u"DC\n1"_s).error().code == u"vds.datacenter"_s);
    }

    void powercliLines()
    {
        LabPlan p = examplePlan();
        p.vds.portGroups.append({u"O'Brien"_s, 30});
        const Result<QByteArray> script = renderVdsScript(p, VdsScriptFormat::PowerCli);
        QVERIFY(script.ok());
        const QStringList lines = QString::fromUtf8(*script).split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(lines.contains(
            u"$vds = New-VDSwitch -Name 'SSLAB-DSwitch' -Location (Get-Datacenter -Name 'Datacenter') "
            u"-Mtu 9000 -NumUplinkPorts 2 -Version '6.6.0'"_s));
        QVERIFY(lines.contains(u"New-VDPortgroup -VDSwitch $vds -Name 'Servers-VLAN10' -VlanId 10"_s));
        QVERIFY(lines.contains(u"New-VDPortgroup -VDSwitch $vds -Name 'O''Brien' -VlanId 30"_s));
    }

    void refusals_data()
    {
        QTest::addColumn<int>("mtu");
        QTest::addColumn<int>("vlan");
        QTest::addColumn<QString>("expected");
        QTest::newRow("MTU too large") << 9001 << 10 << u"vds.mtu"_s;
        QTest::newRow("VLAN too large") << 9000 << 4095 << u"vds.portGroups[0]"_s;
    }

    void refusals()
    {
        QFETCH(int, mtu);
        QFETCH(int, vlan);
        QFETCH(QString, expected);
        LabPlan p = examplePlan();
        p.vds.mtu = mtu;
        p.vds.portGroups[0].vlan = vlan;
        for (VdsScriptFormat f : {VdsScriptFormat::Govc, VdsScriptFormat::PowerCli}) {
            const Result<QByteArray> script = renderVdsScript(p, f);
            QVERIFY(!script.ok());
            QVERIFY2(script.error().message.contains(expected), qPrintable(script.error().message));
        }
    }
};

QTEST_GUILESS_MAIN(TestVdsScript)
#include "tst_vdsscript.moc"
