// The live vCenter verbs against a real vCenter simulator: govmomi's own (the program in
// tests/tools/vcsim, built by CMake from Debian's golang-github-vmware-govmomi-dev), started
// here on 127.0.0.1 at a free port with TLS and a certificate made by openssl at test time, so
// that trust and pinning are exercised for real. What is tested:
//  - REST session: login and logout, 401 for an empty password, TLS refused without a pin,
//    accepted with the right pin, refused with a wrong one (the simulator accepts any other
//    non-empty user and password);
//  - the Distributed Switch over SOAP: created for real and read back through the SOAP API
//    (names, VLAN IDs; maxMtu on the request, since the simulator does not keep it, see
//    domain-facts.md "govmomi simulator from Debian (0.24) versus a real vCenter"), a second
//    run that creates nothing, a name conflict that creates nothing;
//  - VCHA against the program's -vcha-standin routes (tests/tools/vcsim/vcha.go), a STAND-IN that
//    checks bodies against the vSphere Automation SDK's VCHA types and identifiers against the
//    simulator's inventory, with the request body also checked here field by field against the
//    transcribed types (tests/data/vsphere/vcha-types.json); and the 404 of a target without
//    VCHA REST (a 6.7 GA vCenter; the simulator itself has none) that leads to manual steps;
//  - the CLI verbs' exit codes.
// Readiness: the simulator prints its URL once it serves; nothing sleeps.

#include "jobs/job.h"
#include "jobs/jobqueue.h"
#include "jobs/journal.h"
#include "jobs/runsession.h"
#include "net/httpclient.h"
#include "net/tlstrust.h"
#include "plan/planjson.h"
#include "vsphere/dvsjob.h"
#include "vsphere/soapclient.h"
#include "vsphere/vcenterclient.h"
#include "vsphere/vcenterloginjob.h"
#include "vsphere/vchajob.h"
#include "vsphere/vchaspecwriter.h"

#include "../unit/vsphere/vchatypes.h"
#include "vcsimfixture.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

constexpr int kWaitMs = VcSimFixture::kWaitMs;
const QString kPassword = u"S3cret-Pass!42"_s; // must never show up in evidence or output

struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

template<typename T>
bool waitFor(const T &done)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < kWaitMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    return done();
}

bool runJob(Job &job)
{
    QSignalSpy finished(&job, &Job::finished);
    job.start();
    return job.isFinished() || finished.wait(kWaitMs);
}

QString evidenceText(const Job &job)
{
    return QString::fromUtf8(QJsonDocument(job.report().toJson()).toJson());
}

QStringList sentDetails(const Job &job, const QString &text)
{
    QStringList found;
    for (const Evidence &e : job.report().evidence) {
        if (e.kind == Evidence::Kind::Sent && e.text == text)
            found << e.detail;
    }
    return found;
}

} // namespace

class TestVCenter : public QObject
{
    Q_OBJECT

private:
    VCenterEndpoint endpoint(const QString &hostPort, bool pinned = true) const
    {
        VCenterEndpoint e;
        e.url = *parseVCenterHost(hostPort);
        e.pin = pinned ? m_pin : QByteArray();
        e.user = u"administrator@vsphere.local"_s;
        e.password = kPassword;
        e.timeout = std::chrono::milliseconds(kWaitMs);
        return e;
    }
    // The rows' placeholders filled in: the simulators' addresses, the plan, the fingerprint.
    QStringList expanded(QStringList args) const
    {
        for (QString &a : args) {
            a.replace(u"{sim}"_s, m_sim.hostPort);
            a.replace(u"{ga}"_s, m_simGa.hostPort);
            a.replace(u"{plan}"_s, m_planFile);
            a.replace(u"{fp}"_s, m_fingerprint);
        }
        return args;
    }
    CliRun cli(const QStringList &args, const std::optional<QString> &password) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"VLAB_VC_PASSWORD"_s);
        if (password)
            env.insert(u"VLAB_VC_PASSWORD"_s, *password);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(VLAB_CLI_PATH), args);
        p.closeWriteChannel();
        CliRun run;
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return run;
        }
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        run.out = QString::fromLocal8Bit(p.readAllStandardOutput());
        run.err = QString::fromLocal8Bit(p.readAllStandardError());
        return run;
    }

    // What the network folder of DC0 holds, read through the SOAP API independently of the job.
    struct Network
    {
        QHash<QString, MoRef> switches;           // name -> ref
        QHash<QString, DvsPortGroupState> groups; // name -> state
    };
    Network readNetwork(const QString &hostPort)
    {
        Network net;
        HttpClient http(endpoint(hostPort).url);
        http.setPinnedSha256(m_pin);
        SoapClient soap(&http);
        std::optional<Result<XmlElement>> content;
        soap.call(u"RetrieveServiceContent"_s, MoRef{u"ServiceInstance"_s, u"ServiceInstance"_s}, {}, this,
                  [&](Result<XmlElement> r) { content = std::move(r); });
        if (!waitFor([&] { return content.has_value(); }) || !*content)
            return net;
        const MoRef collector = moRefOf((*content)->child(u"propertyCollector"_s));
        const MoRef root = moRefOf((*content)->child(u"rootFolder"_s));
        const MoRef sessions = moRefOf((*content)->child(u"sessionManager"_s));
        std::optional<Result<XmlElement>> login;
        soap.call(
            u"Login"_s, sessions,
            [](QXmlStreamWriter &w, bool) {
                w.writeTextElement(u"userName"_s, u"reader"_s);
                w.writeTextElement(u"password"_s, u"reader"_s);
            },
            this, [&](Result<XmlElement> r) { login = std::move(r); });
        if (!waitFor([&] { return login.has_value(); }) || !*login)
            return net;
        // DC0's network folder, found as the job finds it (Datacenter.networkFolder).
        std::optional<Result<QList<ObjectContent>>> dcs;
        soap.retrieve(collector, root, true, {{u"Datacenter"_s, {u"name"_s, u"networkFolder"_s}}}, this,
                      [&](Result<QList<ObjectContent>> r) { dcs = std::move(r); });
        if (!waitFor([&] { return dcs.has_value(); }) || !*dcs)
            return net;
        MoRef networkFolder;
        for (const ObjectContent &dc : **dcs) {
            if (dc.prop(u"name"_s) && dc.prop(u"name"_s)->text == u"DC0"_s)
                networkFolder = moRefOf(dc.prop(u"networkFolder"_s));
        }
        std::optional<Result<QList<ObjectContent>>> objects;
        soap.retrieve(collector, networkFolder, true,
                      {{u"DistributedVirtualSwitch"_s, {u"name"_s}},
                       {u"DistributedVirtualPortgroup"_s,
                        {u"name"_s, u"config.distributedVirtualSwitch"_s, u"config.defaultPortConfig"_s}}},
                      this, [&](Result<QList<ObjectContent>> r) { objects = std::move(r); });
        if (!waitFor([&] { return objects.has_value(); }) || !*objects)
            return net;
        for (const ObjectContent &o : **objects) {
            const XmlElement *name = o.prop(u"name"_s);
            if (!name)
                continue;
            if (o.obj.type.endsWith(u"DistributedVirtualSwitch"_s)) {
                net.switches.insert(name->text, o.obj);
            } else {
                const XmlElement *setting = o.prop(u"config.defaultPortConfig"_s);
                const XmlElement *vlan = setting ? setting->child(u"vlan"_s) : nullptr;
                net.groups.insert(name->text,
                                  {name->text, moRefOf(o.prop(u"config.distributedVirtualSwitch"_s)).value,
                                   vlan && vlan->xsiType() == u"VmwareDistributedVirtualSwitchVlanIdSpec"_s
                                       ? vlan->childText(u"vlanId"_s).toInt()
                                       : -1});
            }
        }
        std::optional<Result<XmlElement>> logout;
        soap.call(u"Logout"_s, sessions, {}, this, [&](Result<XmlElement> r) { logout = std::move(r); });
        waitFor([&] { return logout.has_value(); });
        return net;
    }

    DistributedSwitch testSwitch() const
    {
        DistributedSwitch vds;
        vds.name = u"VLAB-Test-DSwitch"_s;
        vds.mtu = 9000;
        vds.uplinks = 2;
        vds.portGroups = {{u"PG-Servers"_s, 10}, {u"PG-vMotion"_s, 20}};
        return vds;
    }

    QTemporaryDir m_dir;
    VcSimFixture m_fixture;
    QByteArray m_pin;
    QString m_fingerprint;
    QString m_sha1;
    struct
    {
        QString hostPort;
    } m_sim, m_simGa; // with the VCHA stand-in; without (VCHA REST answers 404, as on 6.7 GA)
    QString m_planFile;

private Q_SLOTS:
    void initTestCase()
    {
        if (QStringLiteral(VLAB_VCSIM_PATH).isEmpty())
            QSKIP(
                "The vCenter simulator was not built: install golang-go and golang-github-vmware-govmomi-dev "
                "(.ci/setup does), then re-run cmake.");
        const QString why = m_fixture.makeCertificate();
        if (why.startsWith(u"the openssl command is missing"_s))
            QSKIP(qPrintable(why));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QVERIFY(m_dir.isValid());
        m_pin = m_fixture.pin();
        m_fingerprint = sha256Fingerprint(m_fixture.certificate());
        m_sha1 = m_fixture.sha1Thumbprint();

        const QString program = QStringLiteral(VLAB_VCSIM_PATH);
        QString failed;
        m_sim.hostPort = m_fixture.start(program, {u"-vcha-standin"_s, u"-vcha-polls"_s, u"2"_s}, &failed);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        m_simGa.hostPort = m_fixture.start(program, {}, &failed);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));

        m_planFile = m_dir.filePath(u"sslab.vlab.json"_s);
        QVERIFY(savePlanFile(examplePlan(), m_planFile).ok());
    }

    void restLogin_data()
    {
        QTest::addColumn<bool>("pinned");
        QTest::addColumn<QByteArray>("pin");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("right pin") << true << QByteArray() << kPassword << QString() << QString();
        QTest::newRow("empty password: 401")
            << true << QByteArray() << QString() << u"vcenter.auth"_s << u"401"_s;
        QTest::newRow("untrusted, no pin")
            << false << QByteArray() << kPassword << u"http.tls.untrusted"_s << u"--fingerprint"_s;
        QTest::newRow("wrong pin") << false << QByteArray(32, '\x11') << kPassword << u"http.tls.changed"_s
                                   << u"not the confirmed one"_s;
    }
    void restLogin()
    {
        QFETCH(bool, pinned);
        QFETCH(QByteArray, pin);
        QFETCH(QString, password);
        QFETCH(QString, code);
        QFETCH(QString, says);
        VCenterEndpoint e = endpoint(m_sim.hostPort, pinned);
        if (!pin.isEmpty())
            e.pin = pin;
        e.password = password;
        VCenterClient client(e);
        QStringList evidence;
        client.setEvidenceSink(
            [&](Evidence::Kind, const QString &text, const QString &detail) { evidence << text << detail; });
        std::optional<Result<void>> result;
        client.login(this, [&](Result<void> r) { result = std::move(r); });
        QVERIFY(waitFor([&] { return result.has_value(); }));
        if (code.isEmpty()) {
            QVERIFY2(result->ok(), qPrintable(result->error().message));
            QVERIFY(client.hasSession());
            QCOMPARE(client.http()->presentedFingerprint(), m_fingerprint);
            std::optional<Result<void>> out;
            client.logout(this, [&](Result<void> r) { out = std::move(r); });
            QVERIFY(waitFor([&] { return out.has_value(); }));
            QVERIFY(out->ok());
            QVERIFY(!client.hasSession());
        } else {
            QVERIFY(!result->ok());
            QCOMPARE(result->error().code, code);
            QVERIFY2(result->error().message.contains(says), qPrintable(result->error().message));
            if (code.startsWith(u"http.tls"_s))
                QVERIFY2(result->error().message.contains(m_fingerprint),
                         qPrintable(result->error().message));
        }
        const QString all = evidence.join(u'\n');
        QVERIFY(!password.isEmpty() ? !all.contains(password) : true);
        QVERIFY(all.contains(u"POST /rest/com/vmware/cis/session"_s));
    }

    void loginJob()
    {
        VCenterLoginJob job(endpoint(m_sim.hostPort));
        QVERIFY(runJob(job));
        QVERIFY2(job.state() == Job::State::Succeeded,
                 qPrintable(job.result().ok() ? QString() : job.result().error().message));
        // The simulator calls itself vCenter 6.5 and has no /rest/appliance: both tolerated.
        QVERIFY2(job.info().product.contains(u"vCenter Server"_s), qPrintable(job.info().product));
        QVERIFY(job.info().applianceVersion.isEmpty());
        QCOMPARE(job.info().fingerprint, m_fingerprint);
        const QString report = evidenceText(job);
        QVERIFY(!report.contains(kPassword));
        QVERIFY(report.contains(QLatin1StringView(kMasked)));
        QVERIFY(report.contains(u"DELETE /rest/com/vmware/cis/session"_s));
    }

    void dvsCreate()
    {
        const DistributedSwitch vds = testSwitch();
        QVERIFY(!readNetwork(m_sim.hostPort).switches.contains(vds.name));
        DvsCreateJob job(endpoint(m_sim.hostPort), vds, u"DC0"_s);
        job.setPollInterval(std::chrono::milliseconds(20));
        QVERIFY(runJob(job));
        QVERIFY2(job.state() == Job::State::Succeeded,
                 qPrintable(job.result().ok() ? QString() : job.result().error().message));
        QVERIFY(!job.outcome().switchExisted);
        QCOMPARE(job.outcome().created, (QStringList{u"PG-Servers"_s, u"PG-vMotion"_s}));

        // Read back for real, apart from the job.
        const Network net = readNetwork(m_sim.hostPort);
        QVERIFY(net.switches.contains(vds.name));
        const MoRef sw = net.switches.value(vds.name);
        QVERIFY2(sw.type == u"VmwareDistributedVirtualSwitch"_s || sw.type == u"DistributedVirtualSwitch"_s,
                 qPrintable(sw.type));
        QCOMPARE(sw.value, job.outcome().switchRef);
        for (const PortGroup &pg : vds.portGroups) {
            QVERIFY2(net.groups.contains(pg.name), qPrintable(pg.name));
            QCOMPARE(net.groups.value(pg.name).switchRef, sw.value);
            QCOMPARE(net.groups.value(pg.name).vlan, pg.vlan);
        }

        // maxMtu and the uplinks on the request (the simulator does not keep maxMtu).
        const QStringList create = sentDetails(job, u"SOAP CreateDVS_Task"_s);
        QCOMPARE(create.size(), 1);
        QVERIFY2(create.constFirst().contains(u"<maxMtu>9000</maxMtu>"_s), qPrintable(create.constFirst()));
        QVERIFY(create.constFirst().contains(u"<uplinkPortName>Uplink 2</uplinkPortName>"_s));
        QVERIFY(create.constFirst().contains(u"VMwareDVSConfigSpec"_s));
        const QStringList adds = sentDetails(job, u"SOAP AddDVPortgroup_Task"_s);
        QCOMPARE(adds.size(), 2);
        QVERIFY(adds.at(0).contains(u"<vlanId>10</vlanId>"_s));
        QVERIFY(adds.at(1).contains(u"<vlanId>20</vlanId>"_s));
        // Secrets: the password never, the Login request with the mask.
        const QString report = evidenceText(job);
        QVERIFY(!report.contains(kPassword));
        QVERIFY(sentDetails(job, u"SOAP Login"_s).constFirst().contains(QLatin1StringView(kMasked)));
        QVERIFY(!sentDetails(job, u"SOAP Logout"_s).isEmpty());
    }

    void dvsSecondRunCreatesNothing()
    {
        DvsCreateJob job(endpoint(m_sim.hostPort), testSwitch(), u"DC0"_s);
        job.setPollInterval(std::chrono::milliseconds(20));
        QVERIFY(runJob(job));
        QVERIFY(job.state() == Job::State::Succeeded);
        QVERIFY(job.outcome().switchExisted);
        QVERIFY(job.outcome().created.isEmpty());
        QCOMPARE(job.outcome().existing, (QStringList{u"PG-Servers"_s, u"PG-vMotion"_s}));
        QVERIFY(sentDetails(job, u"SOAP CreateDVS_Task"_s).isEmpty());
        QVERIFY(sentDetails(job, u"SOAP AddDVPortgroup_Task"_s).isEmpty());
        QVERIFY(evidenceText(job).contains(u"already exists"_s));
    }

    void dvsAddsOnlyWhatIsMissing()
    {
        DistributedSwitch vds = testSwitch();
        vds.portGroups.append({u"PG-Storage"_s, 30});
        vds.portGroups[0].vlan = 11; // differs from vCenter: reported, not changed
        DvsCreateJob job(endpoint(m_sim.hostPort), vds, u"DC0"_s);
        job.setPollInterval(std::chrono::milliseconds(20));
        QVERIFY(runJob(job));
        QVERIFY(job.state() == Job::State::Succeeded);
        QCOMPARE(job.outcome().created, QStringList{u"PG-Storage"_s});
        QCOMPARE(job.outcome().mismatched, QStringList{u"PG-Servers"_s});
        const Network net = readNetwork(m_sim.hostPort);
        QCOMPARE(net.groups.value(u"PG-Storage"_s).vlan, 30);
        QCOMPARE(net.groups.value(u"PG-Servers"_s).vlan, 10);
    }

    void dvsRefusesConflicts_data()
    {
        QTest::addColumn<QString>("switchName");
        QTest::addColumn<QString>("portGroup");
        QTest::addColumn<QString>("datacenter");
        QTest::addColumn<QString>("code");
        QTest::newRow("port group of another switch")
            << u"Other-DSwitch"_s << u"PG-Servers"_s << u"DC0"_s << u"vds.conflict"_s;
        QTest::newRow("no such datacenter")
            << u"Other-DSwitch"_s << u"PG-Other"_s << u"NoSuchDC"_s << u"vds.datacenter"_s;
    }
    void dvsRefusesConflicts()
    {
        QFETCH(QString, switchName);
        QFETCH(QString, portGroup);
        QFETCH(QString, datacenter);
        QFETCH(QString, code);
        DistributedSwitch vds;
        vds.name = switchName;
        vds.portGroups = {{portGroup, 5}};
        DvsCreateJob job(endpoint(m_sim.hostPort), vds, datacenter);
        QVERIFY(runJob(job));
        QVERIFY(job.state() == Job::State::Failed);
        QCOMPARE(job.result().error().code, code);
        QVERIFY(sentDetails(job, u"SOAP CreateDVS_Task"_s).isEmpty());
        QVERIFY(!sentDetails(job, u"SOAP Logout"_s).isEmpty());
        QVERIFY(!readNetwork(m_sim.hostPort).switches.contains(switchName));
    }

    void dvsCancelLogsOut()
    {
        DistributedSwitch vds = testSwitch();
        vds.name = u"Cancelled-DSwitch"_s;
        vds.portGroups = {{u"PG-Cancelled"_s, 7}};
        DvsCreateJob job(endpoint(m_sim.hostPort), vds, u"DC0"_s);
        // Cancelled between two requests, after the login: the next step stops, and logs out.
        connect(&job, &Job::progressChanged, this, [&job](qreal, const QString &status) {
            if (status.startsWith(u"Looking for the datacenter"_s))
                job.cancel();
        });
        QVERIFY(runJob(job));
        QCOMPARE(job.state(), Job::State::Cancelled);
        QCOMPARE(sentDetails(job, u"SOAP Logout"_s).size(), 1);
        QVERIFY(sentDetails(job, u"SOAP CreateDVS_Task"_s).isEmpty());
        QVERIFY(!readNetwork(m_sim.hostPort).switches.contains(vds.name));
    }

    // Cancelled once the switch exists: the message says what this run left in vCenter and the
    // ways on (create again, which reuses it; or delete the switch); creating again finishes.
    void dvsCancelAfterTheSwitchSaysWhatIsLeft()
    {
        DistributedSwitch vds = testSwitch();
        vds.name = u"Half-DSwitch"_s;
        vds.portGroups = {{u"PG-Half-1"_s, 11}, {u"PG-Half-2"_s, 12}};
        {
            DvsCreateJob job(endpoint(m_sim.hostPort), vds, u"DC0"_s);
            connect(&job, &Job::logLine, this, [&job](const QString &line) {
                if (line.startsWith(u"Created the switch Half-DSwitch"_s))
                    job.cancel();
            });
            QVERIFY(runJob(job));
            QCOMPARE(job.state(), Job::State::Cancelled);
            const QString message = job.result().error().message;
            QVERIFY2(message.contains(
                         u"This run created the switch Half-DSwitch (%1)"_s.arg(job.outcome().switchRef))
                         && message.contains(u"which stay in vCenter"_s)
                         && message.contains(u"vlab vds create"_s)
                         && message.contains(u"delete the switch Half-DSwitch"_s),
                     qPrintable(message));
            QVERIFY(readNetwork(m_sim.hostPort).switches.contains(vds.name));
        }
        DvsCreateJob again(endpoint(m_sim.hostPort), vds, u"DC0"_s);
        QVERIFY(runJob(again));
        QCOMPARE(again.state(), Job::State::Succeeded);
        QVERIFY(again.outcome().switchExisted);
        QCOMPARE(again.outcome().created, (QStringList{u"PG-Half-1"_s, u"PG-Half-2"_s}));
    }

    // The plan's port groups as the simulator has them: the HA network on the model's
    // distributed port group, management on the standard "VM Network".
    static LabPlan vchaPlan()
    {
        LabPlan plan = examplePlan();
        plan.vcha.network.portGroup = u"DC0_DVPG0"_s;
        plan.target.datastore = u"LocalDS_0"_s; // the simulator's only datastore
        return plan;
    }

    // Runs one request in a REST session of its own: the stand-in's own strictness.
    Result<QJsonValue> vchaRequest(const QString &path, const QJsonObject &body)
    {
        VCenterClient client(endpoint(m_sim.hostPort));
        Result<QJsonValue> out = makeError(u"none"_s, {});
        QEventLoop loop;
        client.login(this, [&](Result<void> r) {
            if (!r) {
                out = r.error();
                loop.quit();
                return;
            }
            client.call("POST", path, body, this, [&](Result<QJsonValue> v) {
                out = v;
                client.logout(this, [&](Result<void>) { loop.quit(); });
            });
        });
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        loop.exec();
        return out;
    }

    // Before any deploy: bodies that break the SDK's types or name what the inventory lacks are
    // refused, each problem named (#17: port-group names where Network ids belong, empty
    // optional fields, fields the structures do not have).
    void vchaStandInChecksTheSdkTypes_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("says");
        QTest::newRow("port-group name, not a Network id")
            << u"names"_s << u"spec.active.ha_network: \"DC0_DVPG0\" is not the identifier"_s;
        QTest::newRow("standard network given as distributed")
            << u"type"_s << u"is not a DistributedVirtualPortgroup (DISTRIBUTED_PORTGROUP)"_s;
        QTest::newRow("empty gateway")
            << u"gateway"_s << u"spec.active.ha_ip.default_gateway:  is not an IPv4 address"_s;
        QTest::newRow("unknown field")
            << u"field"_s << u"spec.passive.placement.ha_network_name: the structure has no such field"_s;
        QTest::newRow("folder missing")
            << u"folder"_s << u"spec.witness.placement.folder: required field missing"_s;
        QTest::newRow("host id of another type")
            << u"host"_s << u"spec.passive.placement.host: group-d1 is a Folder, not a HostSystem"_s;
    }
    void vchaStandInChecksTheSdkTypes()
    {
        QFETCH(QString, change);
        QFETCH(QString, says);
        // A body made by hand from the plan, as the 6.7 U1 bindings describe it.
        const auto ip = [](const QString &address, bool empties) {
            QJsonObject s{{u"ip_family"_s, u"IPV4"_s},
                          {u"ipv4"_s, QJsonObject{{u"address"_s, address}, {u"prefix"_s, 24}}}};
            if (empties) {
                s.insert(u"default_gateway"_s, u""_s);
                s.insert(u"dns_servers"_s, QJsonArray());
            }
            return s;
        };
        const QString network = change == u"names"_s ? u"DC0_DVPG0"_s : u"network-7"_s;
        QJsonObject placement{{u"name"_s, u"vc-passive"_s}, {u"folder"_s, u"group-d1"_s}};
        if (change == u"field"_s)
            placement.insert(u"ha_network_name"_s, u"DC0_DVPG0"_s);
        if (change == u"host"_s)
            placement.insert(u"host"_s, u"group-d1"_s); // the root folder
        QJsonObject witnessPlacement{{u"name"_s, u"vc-witness"_s}};
        if (change != u"folder"_s)
            witnessPlacement.insert(u"folder"_s, u"group-d1"_s);
        QJsonObject active{{u"ha_ip"_s, ip(u"192.168.100.11"_s, change == u"gateway"_s)}};
        active.insert(u"ha_network"_s, network);
        active.insert(u"ha_network_type"_s,
                      change == u"type"_s ? u"DISTRIBUTED_PORTGROUP"_s : u"STANDARD_PORTGROUP"_s);
        QJsonObject witness{{u"placement"_s, witnessPlacement}, {u"ha_ip"_s, ip(u"192.168.100.13"_s, false)}};
        const QJsonObject spec{
            {u"deployment"_s, u"AUTO"_s},
            {u"active"_s, active},
            {u"passive"_s,
             QJsonObject{{u"placement"_s, placement}, {u"ha_ip"_s, ip(u"192.168.100.12"_s, false)}}},
            {u"witness"_s, witness}};
        const Result<QJsonValue> r = vchaRequest(u"/rest/vcenter/vcha/cluster?vmw-task=true&action=deploy"_s,
                                                 QJsonObject{{u"spec"_s, spec}});
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(says) || r.error().details.contains(says),
                 qPrintable(r.error().message + u'\n' + r.error().details));
        // The shape of Cluster.Info before a deploy: a state only.
        const Result<QJsonValue> info =
            vchaRequest(u"/rest/vcenter/vcha/cluster?action=get"_s, QJsonObject{{u"partial"_s, false}});
        QVERIFY(info.ok());
        QCOMPARE(info->toObject().value(u"config_state"_s).toString(), u"NOTCONFIGURED"_s);
    }

    void vchaRefusesAPortGroupThatDoesNotExist()
    {
        LabPlan plan = vchaPlan();
        plan.vcha.network.portGroup = u"No-Such-PG"_s;
        VchaJob job(VchaAction::Deploy, endpoint(m_sim.hostPort), plan);
        QVERIFY(runJob(job));
        QVERIFY(job.state() == Job::State::Failed);
        QCOMPARE(job.result().error().code, u"vcha.network"_s);
        QVERIFY2(job.result().error().message.contains(u"vcha.network.portGroup"_s)
                     && job.result().error().message.contains(u"No-Such-PG"_s),
                 qPrintable(job.result().error().message));
        QVERIFY(sentDetails(job, u"POST /rest/vcenter/vcha/cluster?vmw-task=true&action=deploy"_s).isEmpty());
        QCOMPARE(sentDetails(job, u"SOAP Logout"_s).size(), 1);
    }

    // A datastore the plan does not name is never used instead: the step stops, names the
    // plan field and lists the datastores vCenter has, and deploys nothing.
    void vchaRefusesADatastoreThatDoesNotExist()
    {
        LabPlan plan = vchaPlan();
        plan.target.datastore = u"datastore1"_s;
        VchaJob job(VchaAction::Deploy, endpoint(m_sim.hostPort), plan);
        QVERIFY(runJob(job));
        QVERIFY(job.state() == Job::State::Failed);
        QCOMPARE(job.result().error().code, u"vcha.datastore"_s);
        const QString message = job.result().error().message;
        QVERIFY2(message.contains(u"\"datastore1\""_s) && message.contains(u"target.datastore"_s)
                     && message.contains(u"LocalDS_0"_s),
                 qPrintable(message));
        QVERIFY(sentDetails(job, u"POST /rest/vcenter/vcha/cluster?vmw-task=true&action=deploy"_s).isEmpty());
        QCOMPARE(sentDetails(job, u"SOAP Logout"_s).size(), 1);
    }

    void vchaDeployAgainstStandIn()
    {
        const LabPlan plan = vchaPlan();
        VchaJob job(VchaAction::Deploy, endpoint(m_sim.hostPort), plan);
        job.setPollInterval(std::chrono::milliseconds(20));
        QSignalSpy progress(&job, &Job::progressChanged);
        QVERIFY(runJob(job));
        QVERIFY2(job.state() == Job::State::Succeeded,
                 qPrintable(job.result().ok()
                                ? QString()
                                : job.result().error().message + u' ' + job.result().error().details));
        QVERIFY(job.clusterState().healthy());
        QCOMPARE(job.clusterState().mode, u"ENABLED"_s);
        QVERIFY(progress.size() >= 4); // placement, deploy, DEGRADED polls, healthy
        // The DEGRADED polls' warnings, read from the SDK's {error, recommendation} shape.
        bool warned = false;
        for (const QList<QVariant> &p : progress)
            warned =
                warned || p.value(1).toString().contains(u"Recommendation: Wait until the passive node"_s);
        QVERIFY(warned);
        const QStringList deploy =
            sentDetails(job, u"POST /rest/vcenter/vcha/cluster?vmw-task=true&action=deploy"_s);
        QCOMPARE(deploy.size(), 1);
        const QJsonObject spec =
            QJsonDocument::fromJson(deploy.constFirst().toUtf8()).object().value(u"spec"_s).toObject();
        QCOMPARE(spec.value(u"passive"_s)
                     .toObject()
                     .value(u"ha_ip"_s)
                     .toObject()
                     .value(u"ipv4"_s)
                     .toObject()
                     .value(u"address"_s)
                     .toString(),
                 plan.vcha.passiveIp);
        QCOMPARE(spec.value(u"vc_spec"_s)
                     .toObject()
                     .value(u"active_location"_s)
                     .toObject()
                     .value(u"ssl_thumbprint"_s)
                     .toString(),
                 m_sha1);
        QCOMPARE(spec.value(u"vc_spec"_s)
                     .toObject()
                     .value(u"active_location"_s)
                     .toObject()
                     .value(u"password"_s)
                     .toString(),
                 QString::fromLatin1(kMasked));
        // Network ids of the simulator's inventory with their type; no empty optional field.
        const QJsonObject active = spec.value(u"active"_s).toObject();
        QVERIFY2(active.value(u"ha_network"_s).toString().startsWith(u"dvportgroup-"_s),
                 qPrintable(deploy.constFirst()));
        QCOMPARE(active.value(u"ha_network_type"_s).toString(), u"DISTRIBUTED_PORTGROUP"_s);
        QVERIFY(!active.value(u"ha_ip"_s).toObject().contains(u"default_gateway"_s));
        QVERIFY(!active.value(u"ha_ip"_s).toObject().contains(u"dns_servers"_s));
        const QJsonObject placement = spec.value(u"witness"_s).toObject().value(u"placement"_s).toObject();
        QVERIFY(placement.value(u"management_network"_s).toString().startsWith(u"network-"_s));
        QCOMPARE(placement.value(u"management_network_type"_s).toString(), u"STANDARD_PORTGROUP"_s);
        // Field by field against the SDK's types as transcribed (the password is masked here).
        const VchaTypes types;
        QVERIFY(types.loaded());
        const QStringList problems =
            types.check(spec, u"com.vmware.vcenter.vcha.cluster.deploy_spec"_s, false);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QVERIFY(!deploy.constFirst().contains(u"<VLAB_"_s));
        QVERIFY(!job.placement().passiveHost.isEmpty());
        QVERIFY(job.placement().passiveHost
                != job.placement().witnessHost); // the simulator's cluster has 3 hosts
        QVERIFY(!evidenceText(job).contains(kPassword));

        // Configured: a second deploy does not deploy again.
        VchaJob again(VchaAction::Deploy, endpoint(m_sim.hostPort), plan);
        again.setPollInterval(std::chrono::milliseconds(20));
        QVERIFY(runJob(again));
        QVERIFY(again.state() == Job::State::Succeeded);
        QVERIFY(
            sentDetails(again, u"POST /rest/vcenter/vcha/cluster?vmw-task=true&action=deploy"_s).isEmpty());
    }

    // Issue #20, "clear aftermath": a deploy cut off after vCenter accepted it says what may be
    // left and both ways on (deploy again, or the undo: the Remove VCHA button / vlab vcha
    // undeploy); the undo destroys the cluster with a Cluster.UndeploySpec the SDK's types
    // accept, changes nothing where nothing is configured, and a deploy afterwards works.
    // Runs after vchaDeployAgainstStandIn and leaves the cluster deployed and healthy, as the
    // cli rows below expect.
    void vchaCutOffDeploySaysWhatIsLeftAndUndeployRemovesIt()
    {
        const LabPlan plan = vchaPlan();
        const QString undeployPost = u"POST /rest/vcenter/vcha/cluster?vmw-task=true&action=undeploy"_s;
        const QString deployPost = u"POST /rest/vcenter/vcha/cluster?vmw-task=true&action=deploy"_s;
        const auto readConfig = [this, &plan] {
            VchaJob status(VchaAction::Status, endpoint(m_sim.hostPort), plan);
            return runJob(status) && status.state() == Job::State::Succeeded
                ? status.clusterState().configState
                : u"(status failed)"_s;
        };
        QCOMPARE(readConfig(), u"CONFIGURED"_s);

        VchaJob undeploy(VchaAction::Undeploy, endpoint(m_sim.hostPort), plan);
        undeploy.setPollInterval(std::chrono::milliseconds(20));
        QVERIFY(!undeploy.plannedChanges().isEmpty()); // lab-changing: the wizard asks first
        QVERIFY(runJob(undeploy));
        QVERIFY2(undeploy.state() == Job::State::Succeeded,
                 qPrintable(undeploy.result().ok() ? QString() : undeploy.result().error().message));
        const QStringList sent = sentDetails(undeploy, undeployPost);
        QCOMPARE(sent.size(), 1);
        const QJsonObject spec =
            QJsonDocument::fromJson(sent.constFirst().toUtf8()).object().value(u"spec"_s).toObject();
        QCOMPARE(spec.value(u"force_delete"_s).toBool(), true);
        const QJsonObject location =
            spec.value(u"vc_spec"_s).toObject().value(u"active_location"_s).toObject();
        QCOMPARE(location.value(u"ssl_thumbprint"_s).toString(), m_sha1);
        QCOMPARE(location.value(u"password"_s).toString(), QString::fromLatin1(kMasked));
        const VchaTypes types;
        QVERIFY(types.loaded());
        const QStringList problems =
            types.check(spec, u"com.vmware.vcenter.vcha.cluster.undeploy_spec"_s, false);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QVERIFY(!evidenceText(undeploy).contains(kPassword));
        QCOMPARE(undeploy.clusterState().configState, u"NOTCONFIGURED"_s);
        QCOMPARE(readConfig(), u"NOTCONFIGURED"_s);

        // Nothing configured: nothing sent, the job ends skipped and says so.
        VchaJob again(VchaAction::Undeploy, endpoint(m_sim.hostPort), plan);
        QVERIFY(runJob(again));
        QVERIFY(again.state() == Job::State::Skipped);
        QVERIFY(sentDetails(again, undeployPost).isEmpty());
        QVERIFY2(again.result().error().message.contains(u"not configured"_s),
                 qPrintable(again.result().error().message));

        // A failure before vCenter accepted anything has nothing to undo, and says nothing of it.
        LabPlan missing = plan;
        missing.vcha.network.portGroup = u"No-Such-PG"_s;
        VchaJob early(VchaAction::Deploy, endpoint(m_sim.hostPort), missing);
        QVERIFY(runJob(early));
        QVERIFY(early.state() == Job::State::Failed);
        QVERIFY(!early.result().error().message.contains(u"vlab vcha undeploy"_s));

        // A deploy cancelled while vCenter syncs the nodes (the stand-in answers DEGRADED first).
        VchaJob cut(VchaAction::Deploy, endpoint(m_sim.hostPort), plan);
        cut.setPollInterval(std::chrono::milliseconds(20));
        connect(&cut, &Job::progressChanged, &cut, [&cut](qreal, const QString &status) {
            if (status.contains(u"DEGRADED"_s))
                cut.cancel();
        });
        QVERIFY(runJob(cut));
        QVERIFY(cut.state() == Job::State::Cancelled);
        QCOMPARE(sentDetails(cut, deployPost).size(), 1);
        const QString message = cut.result().error().message;
        for (const QString &says :
             {u"goes on with it on its own"_s, vchaPassiveVmName(plan), vchaWitnessVmName(plan),
              u"\"Deploy VCHA\""_s, u"vlab vcha deploy"_s, u"\"Remove VCHA\""_s, u"vlab vcha undeploy"_s})
            QVERIFY2(message.contains(says), qPrintable(says + u" not in: "_s + message));
        // The first way on: Deploy again waits for the cluster vCenter went on with.
        VchaJob finish(VchaAction::Deploy, endpoint(m_sim.hostPort), plan);
        finish.setPollInterval(std::chrono::milliseconds(20));
        QVERIFY(runJob(finish));
        QVERIFY(finish.state() == Job::State::Succeeded);
        QVERIFY(sentDetails(finish, deployPost).isEmpty());
        QVERIFY(finish.clusterState().healthy());
    }

    // The stand-in refuses an undeploy body the SDK's UndeploySpec does not describe.
    void vchaStandInChecksTheUndeploySpec()
    {
        const Result<QJsonValue> r = vchaRequest(
            u"/rest/vcenter/vcha/cluster?vmw-task=true&action=undeploy"_s,
            QJsonObject{{u"spec"_s,
                         QJsonObject{{u"force"_s, true},
                                     {u"vms"_s,
                                      QJsonObject{{u"passive"_s, QJsonObject{{u"vm"_s, u"group-d1"_s}}}}}}}});
        QVERIFY(!r.ok());
        const QString text = r.error().message + u'\n' + r.error().details;
        for (const QString &says :
             {u"spec.force: the structure has no such field"_s, u"spec.vms.witness: required field missing"_s,
              u"spec.vms.passive.bios_uuid: required field missing"_s,
              u"spec.vms.passive.vm: group-d1 is a Folder, not a VirtualMachine"_s})
            QVERIFY2(text.contains(says), qPrintable(says + u" not in: "_s + text));
    }

    void vchaWithoutRestGivesManualSteps()
    {
        VchaJob job(VchaAction::Status, endpoint(m_simGa.hostPort), examplePlan());
        QVERIFY(runJob(job));
        QVERIFY(job.state() == Job::State::Failed);
        QVERIFY(job.restMissing());
        QCOMPARE(job.result().error().code, u"vcha.norest"_s);
        QVERIFY(job.result().error().details.contains(examplePlan().vcha.passiveIp));
    }

    // README "vCenter: login, Distributed Switch, VCHA (live)": vcha status exits 0 only when
    // the cluster is healthy, and exits 1 with the manual steps on a 404 (no VCHA REST API);
    // login and vds create exit 1 on a refused certificate, 2 on bad input.
    void cli_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("hasPassword");
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("says");
        const QString fp = u"{fp}"_s;
        const QStringList login{u"vcenter"_s, u"login"_s,  u"--host"_s,
                                u"{sim}"_s,   u"--user"_s, u"administrator@vsphere.local"_s};
        const QStringList vds{u"vds"_s,    u"create"_s, u"{plan}"_s,        u"--host"_s, u"{sim}"_s,
                              u"--user"_s, u"admin"_s,  u"--fingerprint"_s, fp};
        QTest::newRow("login pinned") << (login + QStringList{u"--fingerprint"_s, fp}) << true << kPassword
                                      << 0 << u"Logged in to 127.0.0.1"_s;
        QTest::newRow("login untrusted") << login << true << kPassword << 1 << u"--fingerprint"_s;
        QTest::newRow("login wrong pin") << (login + QStringList{u"--fingerprint"_s, QString(64, u'a')})
                                         << true << kPassword << 1 << u"not the confirmed one"_s;
        QTest::newRow("login empty password")
            << (login + QStringList{u"--fingerprint"_s, fp}) << true << QString() << 1 << u"401"_s;
        QTest::newRow("login without VLAB_VC_PASSWORD") << (login + QStringList{u"--fingerprint"_s, fp})
                                                        << false << QString() << 2 << u"VLAB_VC_PASSWORD"_s;
        QTest::newRow("login bad host")
            << QStringList{u"vcenter"_s, u"login"_s, u"--host"_s, u"a b"_s, u"--user"_s, u"u"_s} << true
            << kPassword << 2 << u"not a host"_s;
        QTest::newRow("login bad fingerprint") << (login + QStringList{u"--fingerprint"_s, u"12:34"_s})
                                               << true << kPassword << 2 << u"SHA-256"_s;
        QTest::newRow("login without --user")
            << QStringList{u"vcenter"_s, u"login"_s, u"--host"_s, u"{sim}"_s} << true << kPassword << 2
            << u"--user"_s;
        QTest::newRow("vds create") << vds << true << kPassword << 0 << u"Created switch SSLAB-DSwitch"_s;
        QTest::newRow("vds create again") << vds << true << kPassword << 0 << u"already exists"_s;
        // The fingerprint that worked is kept next to the plan: no --fingerprint needed now
        // (these rows follow the ones above, which confirmed it).
        QTest::newRow("vds create, fingerprint kept")
            << vds.mid(0, vds.size() - 2) << true << kPassword << 0 << u"already exists"_s;
        QTest::newRow("vds create without --host")
            << QStringList{u"vds"_s, u"create"_s, u"{plan}"_s, u"--user"_s, u"admin"_s} << true << kPassword
            << 2 << u"--host"_s;
        QTest::newRow("vcha status, healthy")
            << QStringList{u"vcha"_s,   u"status"_s, u"{plan}"_s,        u"--host"_s, u"{sim}"_s,
                           u"--user"_s, u"admin"_s,  u"--fingerprint"_s, fp}
            << true << kPassword << 0 << u"health HEALTHY"_s;
        QTest::newRow("vcha status without VCHA REST")
            << QStringList{u"vcha"_s,   u"status"_s, u"{plan}"_s,        u"--host"_s, u"{ga}"_s,
                           u"--user"_s, u"admin"_s,  u"--fingerprint"_s, fp}
            << true << kPassword << 1 << u"Configure VCHA by hand"_s;
        QTest::newRow("vcha status, fingerprint kept")
            << QStringList{u"vcha"_s, u"status"_s, u"{plan}"_s, u"--host"_s,
                           u"{ga}"_s, u"--user"_s, u"admin"_s}
            << true << kPassword << 1 << u"Configure VCHA by hand"_s;
        QTest::newRow("vcha status, healthy, fingerprint kept")
            << QStringList{u"vcha"_s,   u"status"_s, u"{plan}"_s,    u"--host"_s, u"{sim}"_s,
                           u"--user"_s, u"admin"_s,  u"--timeout"_s, u"30"_s}
            << true << kPassword << 0 << u"health HEALTHY"_s;
    }
    void cli()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, hasPassword);
        QFETCH(QString, password);
        QFETCH(int, exitCode);
        QFETCH(QString, says);
        args = expanded(args);
        const CliRun run = cli(args, hasPassword ? std::optional<QString>(password) : std::nullopt);
        const QString all = run.out + run.err;
        QVERIFY2(run.exitCode == exitCode,
                 qPrintable(u"exit %1, wanted %2:\n%3"_s.arg(QString::number(run.exitCode),
                                                             QString::number(exitCode), all)));
        QVERIFY2(all.contains(says), qPrintable(all));
        QVERIFY(!all.contains(kPassword));
        // README "vCenter: login, Distributed Switch, VCHA (live)": a fingerprint that worked is
        // kept in vlab-trust.json next to the plan, which the "fingerprint kept" rows rely on.
        if (QByteArray(QTest::currentDataTag()).contains("fingerprint kept")) {
            QFile trust(QFileInfo(m_planFile).dir().filePath(u"vlab-trust.json"_s));
            QVERIFY2(trust.open(QIODevice::ReadOnly), qPrintable(trust.fileName()));
            const auto plain = [](QByteArray text) {
                return text.replace(':', QByteArray()).toLower();
            };
            QVERIFY(plain(trust.readAll()).contains(plain(m_fingerprint.toLatin1())));
        }
    }

    // README "Run journal and resume": every live verb is journaled next to the plan, the
    // Distributed Switch and VCHA verbs included, with each job's outcome and no password.
    // README "vCenter: login, Distributed Switch, VCHA (live)": vcha undeploy removes the
    // cluster and exits 0; with nothing configured it changes nothing and exits 0 too. Then the
    // cluster is deployed again for the rows that follow.
    void cliUndeploy()
    {
        const QStringList undeploy = expanded({u"vcha"_s, u"undeploy"_s, u"{plan}"_s, u"--host"_s, u"{sim}"_s,
                                               u"--user"_s, u"admin"_s, u"--poll-interval"_s, u"0.02"_s});
        const CliRun removed = cli(undeploy, kPassword);
        QVERIFY2(removed.exitCode == 0 && removed.out.contains(u"VCHA removed from 127.0.0.1"_s),
                 qPrintable(removed.out + removed.err));
        QVERIFY(!QString(removed.out + removed.err).contains(kPassword));
        const CliRun again = cli(undeploy, kPassword);
        QVERIFY2(again.exitCode == 0 && again.out.contains(u"not configured; nothing removed"_s),
                 qPrintable(again.out + again.err));
        VchaJob deploy(VchaAction::Deploy, endpoint(m_sim.hostPort), vchaPlan());
        deploy.setPollInterval(std::chrono::milliseconds(20));
        QVERIFY(runJob(deploy));
        QVERIFY(deploy.state() == Job::State::Succeeded);
    }

    void vdsAndVchaVerbsAreJournaled_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("state");
        QTest::newRow("vds create") << QStringList{u"vds"_s,    u"create"_s,        u"{plan}"_s,
                                                   u"--host"_s, u"{sim}"_s,         u"--user"_s,
                                                   u"admin"_s,  u"--fingerprint"_s, u"{fp}"_s}
                                    << 0 << u"succeeded"_s;
        QTest::newRow("vcha status") << QStringList{u"vcha"_s,   u"status"_s,        u"{plan}"_s,
                                                    u"--host"_s, u"{sim}"_s,         u"--user"_s,
                                                    u"admin"_s,  u"--fingerprint"_s, u"{fp}"_s}
                                     << 0 << u"succeeded"_s;
        QTest::newRow("vcha status, no VCHA REST")
            << QStringList{u"vcha"_s,   u"status"_s, u"{plan}"_s,        u"--host"_s, u"{ga}"_s,
                           u"--user"_s, u"admin"_s,  u"--fingerprint"_s, u"{fp}"_s}
            << 1 << u"failed"_s;
    }
    void vdsAndVchaVerbsAreJournaled()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, state);
        args = expanded(args);
        const QString journalFile = QFileInfo(m_planFile).dir().filePath(RunJournal::fileName());
        const Result<RunJournal> before = RunJournal::load(journalFile);
        QVERIFY2(before, qPrintable(before ? QString() : before.error().message));
        const QString lastBefore = before->runs.isEmpty() ? QString() : before->runs.constLast().id;

        const CliRun run = cli(args, kPassword);
        QVERIFY2(run.exitCode == exitCode, qPrintable(run.out + run.err));

        const Result<RunJournal> after = RunJournal::load(journalFile);
        QVERIFY2(after, qPrintable(after ? QString() : after.error().message));
        QVERIFY(!after->runs.isEmpty());
        const JournalRun &last = after->runs.constLast();
        QVERIFY2(last.id != lastBefore, "the verb added no run to the journal");
        QCOMPARE(last.state, state);
        QVERIFY(last.finished.isValid());
        QVERIFY(!last.jobs.isEmpty());
        QCOMPARE(last.jobs.constLast().state, state);
        QFile raw(journalFile);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        QVERIFY(!raw.readAll().contains(kPassword.toUtf8()));
    }

    // Issue #20: the runs above (vds create, vcha status through `vlab` with the plan) and a
    // vCenter login run as the wizard's run panel runs it (a RunSession journaled in the plan's
    // folder) reach chapters 6-8 of the runbook `vlab runbook --journal` writes, every run in
    // the order it ran, read back with pdftotext.
    void runbookCarriesTheLiveRuns()
    {
        const QString journal = QFileInfo(m_planFile).dir().filePath(RunJournal::fileName());
        {
            JobQueue queue;
            queue.addJob(new VCenterLoginJob(endpoint(m_sim.hostPort)));
            RunSession session(&queue, u"Check the vCenter login"_s, journal);
            QSignalSpy finished(&session, &RunSession::finished);
            session.start();
            QVERIFY(!finished.isEmpty() || finished.wait(kWaitMs));
            QCOMPARE(finished.constFirst().constFirst().toBool(), true);
        }
        const QString pdf = m_dir.filePath(u"runbook.pdf"_s);
        const CliRun run =
            cli({u"runbook"_s, m_planFile, u"-o"_s, pdf, u"--journal"_s, journal}, std::nullopt);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QProcess text;
        text.start(u"pdftotext"_s, {pdf, u"-"_s});
        QVERIFY(text.waitForFinished(kWaitMs));
        QCOMPARE(text.exitCode(), 0);
        // Table cells and long headings wrap: compare with the white space made single.
        const QString all = QString::fromUtf8(text.readAllStandardOutput()).simplified();
        QVERIFY(!all.contains(kPassword));
        const auto chapter = [&all](const QString &heading, const QString &next) {
            const qsizetype start = all.lastIndexOf(heading); // after the contents
            return all.mid(start, all.lastIndexOf(next) - start);
        };
        // The evidence headings of `job` in a chapter: "Evidence: TITLE (when, outcome...)".
        const auto runs = [](const QString &chapterText, const QString &job) {
            QStringList outcomes;
            const QRegularExpression heading(u"Evidence: "_s + QRegularExpression::escape(job)
                                             + u" \\((\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d), (\\w+)"_s);
            QString last;
            for (auto it = heading.globalMatch(chapterText); it.hasNext();) {
                const QRegularExpressionMatch m = it.next();
                if (m.captured(1) < last)
                    return QStringList{u"out of order: "_s + m.captured(1) + u" after "_s + last};
                last = m.captured(1);
                outcomes << m.captured(2);
            }
            return outcomes;
        };
        const QString vcenter = chapter(u"6. vCenter Server"_s, u"7. vCenter High Availability"_s);
        const QString vcha = chapter(u"7. vCenter High Availability"_s, u"8. Distributed Switch"_s);
        const QString vds = chapter(u"8. Distributed Switch"_s, u"9. TCP diagnostics"_s);
        QCOMPARE(runs(vcenter, u"Log in to vCenter 127.0.0.1"_s), QStringList{u"succeeded"_s});
        QVERIFY2(vcenter.contains(u"Recorded runs"_s), qPrintable(vcenter));
        // vcha status (cli, then vdsAndVchaVerbsAreJournaled): healthy, twice the simulator
        // without VCHA REST, healthy twice, once more without VCHA REST.
        QCOMPARE(runs(vcha, u"Read the vCenter HA state of 127.0.0.1"_s),
                 (QStringList{u"succeeded"_s, u"failed"_s, u"failed"_s, u"succeeded"_s, u"succeeded"_s,
                              u"failed"_s}));
        QVERIFY(vcha.contains(m_simGa.hostPort));
        // vds create: created, then three times found as it is.
        QCOMPARE(runs(vds, u"Create the Distributed Switch SSLAB-DSwitch"_s),
                 (QStringList{u"succeeded"_s, u"succeeded"_s, u"succeeded"_s, u"succeeded"_s}));
        QVERIFY(vds.contains(u"127.0.0.1"_s)); // where (the title names no host; the cell may wrap the port)
        // Nothing of these in other chapters.
        QVERIFY(!chapter(u"5. NetScaler load balancing"_s, u"6. vCenter Server"_s).contains(u"Evidence:"_s));
    }
};

QTEST_GUILESS_MAIN(TestVCenter)
#include "tst_vcenter.moc"
