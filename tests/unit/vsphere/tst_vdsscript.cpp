// The Distributed Switch scripts. The govc script is run by the real /bin/sh with a stand-in
// `govc` on PATH that prints its arguments, so quoting is proven by the shell itself.

#include "plan/planjson.h"
#include "vsphere/vdsscriptwriter.h"

#include <QFile>
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
