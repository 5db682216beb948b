// The rehearsal (issue 16, part 3): `vlab run PLAN --steps all`, all twelve steps in their order
// through the one queue and journal, against the real and stand-in peers the other tests use,
// all on this machine:
//  - precheck: dnsmasq with the lab's records and chronyd (precheckservers.h), the NITRO
//    stand-in's HTTPS port, and the deployment target's HTTPS port (a listener below);
//  - psc1, psc2, vcenter: the vcsa-deploy stand-in in a fake ISO tree (vcsafixture.h); a
//    "deployed" appliance is played by this test: once the stand-in reports an install
//    (VCSA_STANDIN_DEPLOYED), a listener on the appliance's address, port 443, serves a machine
//    certificate for its FQDN signed by the VMCA root, as a new PSC or vCenter does;
//  - certificate: the VMCA root made here with the openssl command (--ca-cert/--ca-key);
//  - apply-cert, endpoints: a real sshd (sshdfixture.h) on both PSC addresses running the
//    certificate-manager stand-in (which hands the new certificate to the PSC's listener) and
//    the stand-ins of VMware's endpoint scripts;
//  - netscaler: the NITRO stand-in; vcha, vds: govmomi's vCenter simulator with its VCHA
//    stand-in and switch shim;
//  - audit: every area (dns, certs, netscaler, psc over SSH with the vmafd-cli stand-in, on
//    the PSCs and the vCenter's address, vcenter, vcha, vds, tcp over SSH);
//  - runbook: runbook.md and runbook.pdf with the run's evidence.
// What is not real here, and why: the load balancer does not carry traffic (the NITRO
// stand-in keeps objects, it balances nothing), so the VIP's port 443 is played by a listener
// serving what PSC 1 serves (an SSL bridge to it); the vCenter the vcha, vds and audit steps
// talk to is the simulator, not the address the installer stand-in "deployed"; the PSCs'
// SSO domain and site (the audit's psc area) are the vmafd-cli stand-in's state written by
// this test as the installs would leave them; their lookup service location is set by the
// updateSSOConfig stand-in when the endpoints step runs it. The vCenter's lookup service
// location is written by this test as its install (pointed at the load-balancer name) leaves it.
//
// It checks: the run is killed (SIGKILL) while VCHA waits for a healthy cluster, after every
// appliance install, the certificate, the NetScaler and the SSH steps finished; the next run
// resumes and finishes without installing an appliance, replacing a certificate or creating a
// NetScaler object again (the installer stand-in's record, the certificate-manager stand-in's
// log, the NITRO object counts, the journal); `vlab audit` exits 0; the runbook's chapters
// carry the evidence; then PSC 2 serves its old machine certificate again behind the tool's
// back and `vlab audit` reports exactly that (exit 1).

#include "jobs/journal.h"

#include "nitrostandin.h"
#include "precheckservers.h"
#include "sshdfixture.h"
#include "vcsafixture.h"
#include "vcsimfixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using Host = PrecheckServers::Host;

namespace {

const QString kVcPassword = u"S3cret-Pass!42"_s;
const QString kSsoPassword = u"Canary-Sso-Rh7!"_s;

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QString both() const { return out + u"\n--- stderr ---\n"_s + err; }
};

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

// The configuration serving `certificateFile`'s first certificate with `keyFile`; empty when
// either cannot be read.
std::optional<QSslConfiguration> serving(const QString &certificateFile, const QString &keyFile)
{
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(certificateFile, QSsl::Pem);
    const QSslKey key(readAll(keyFile), QSsl::Rsa, QSsl::Pem);
    if (certs.isEmpty() || key.isNull())
        return std::nullopt;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(certs.constFirst());
    config.setPrivateKey(key);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    return config;
}

// Port 443 of one loopback address of the lab: what it serves is decided per connection
// (nothing: the connection is closed at once, as before an appliance exists).
class PeerListener : public QSslServer
{
public:
    std::function<std::optional<QSslConfiguration>()> pick;

    PeerListener()
    {
        connect(this, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                socket->disconnectFromHost();
                connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        const std::optional<QSslConfiguration> config = pick();
        if (!config) {
            QTcpSocket closed;
            closed.setSocketDescriptor(descriptor);
            closed.abort();
            return;
        }
        setSslConfiguration(*config);
        QSslServer::incomingConnection(descriptor);
    }
};

} // namespace

class TestRehearsal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void wholeLabKilledResumedAuditedAndDriftFound();

private:
    QString openssl(const QStringList &args);
    QString makeCa();
    QString makeServerCertificate(const QString &name, const QString &fqdn, const QString &address);
    std::optional<QSslConfiguration> servedBy(const QString &address) const;
    QString listen(const QString &address);
    QString writePlan();
    QStringList runArguments() const;
    QProcessEnvironment environment() const;
    Run vlab(const QStringList &args);
    int installs() const;

    QTemporaryDir m_dir;
    PrecheckServers m_lab;
    SshdFixture m_sshd;
    NitroStandin m_ns;
    VcSimFixture m_sim;
    VcsaFixture m_vcsa;
    QString m_simAddress;
    QString m_skip;
    QString m_plan;
    QString m_store;    // the certificates the PSCs serve after a replacement (certificate-manager stand-in)
    QString m_deployed; // the appliances the installer stand-in installed
    QString m_certLog;  // the certificate-manager stand-in's log
    QString m_endpointLog;
    QString m_certManager;
    QString m_endpointScripts;
    QString m_vmafdCli;
    QString m_vmafdState;
    std::vector<std::unique_ptr<PeerListener>> m_listeners;
};

QString TestRehearsal::openssl(const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(u"openssl"_s, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return u"openssl %1: %2"_s.arg(args.join(u' '), QString::fromUtf8(p.readAllStandardError()));
    return {};
}

// The VMCA root of PSC 1 (what --ca-cert and --ca-key name).
QString TestRehearsal::makeCa()
{
    return openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                    m_dir.filePath(u"vmca.key"_s), u"-out"_s, m_dir.filePath(u"vmca.cer"_s), u"-days"_s,
                    u"3650"_s, u"-subj"_s, u"/CN=CA/DC=vsphere/DC=local/C=US/O=rehearsal VMCA"_s,
                    u"-addext"_s, u"basicConstraints=critical,CA:TRUE"_s, u"-addext"_s,
                    u"keyUsage=critical,keyCertSign,cRLSign"_s});
}

// name.crt and name.key: a server certificate for `fqdn` (and `address`), signed by the root.
QString TestRehearsal::makeServerCertificate(const QString &name, const QString &fqdn, const QString &address)
{
    const QString key = m_dir.filePath(name + u".key"_s);
    const QString csr = m_dir.filePath(name + u".csr"_s);
    const QString ext = m_dir.filePath(name + u".ext"_s);
    if (!writeFile(ext, u"subjectAltName=DNS:%1,IP:%2\n"_s.arg(fqdn, address).toUtf8()))
        return u"cannot write "_s + ext;
    if (QString why = openssl({u"req"_s, u"-new"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                               key, u"-out"_s, csr, u"-subj"_s, u"/CN="_s + fqdn});
        !why.isEmpty())
        return why;
    return openssl({u"x509"_s, u"-req"_s, u"-in"_s, csr, u"-CA"_s, m_dir.filePath(u"vmca.cer"_s), u"-CAkey"_s,
                    m_dir.filePath(u"vmca.key"_s), u"-CAcreateserial"_s, u"-days"_s, u"3650"_s, u"-extfile"_s,
                    ext, u"-out"_s, m_dir.filePath(name + u".crt"_s)});
}

// What a lab address serves on 443 now: a PSC the certificate it was given by the
// certificate-manager stand-in, else its machine certificate once the installer stand-in
// installed it; the VIP what PSC 1 serves; the deployment target always its own.
std::optional<QSslConfiguration> TestRehearsal::servedBy(const QString &address) const
{
    if (address == m_lab.address(Host::Esxi))
        return serving(m_dir.filePath(u"esxi.crt"_s), m_dir.filePath(u"esxi.key"_s));
    if (address == m_lab.address(Host::LoadBalancer))
        return servedBy(m_lab.address(Host::Psc01));
    const QDir replaced(QDir(m_store).filePath(address));
    if (replaced.exists(u"machine-ssl.crt"_s) && replaced.exists(u"machine-ssl.key"_s))
        return serving(replaced.filePath(u"machine-ssl.crt"_s), replaced.filePath(u"machine-ssl.key"_s));
    if (QFileInfo::exists(QDir(m_deployed).filePath(address)))
        return serving(m_dir.filePath(address + u".crt"_s), m_dir.filePath(address + u".key"_s));
    return std::nullopt;
}

QString TestRehearsal::listen(const QString &address)
{
    auto server = std::make_unique<PeerListener>();
    server->pick = [this, address] {
        return servedBy(address);
    };
    if (!server->listen(QHostAddress(address), 443))
        return u"%1:443: %2"_s.arg(address, server->errorString());
    m_listeners.push_back(std::move(server));
    return {};
}

void TestRehearsal::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (QStringLiteral(VLAB_VCSIM_PATH).isEmpty()) {
        m_skip =
            u"The vCenter simulator was not built: install golang-go and golang-github-vmware-govmomi-dev."_s;
        return;
    }
    for (const ServerStart &start : {m_lab.startDns(), m_lab.startNtp()}) {
        if (start.outcome == ServerStart::Outcome::Unavailable) {
            m_skip = start.why;
            return;
        }
        QVERIFY2(start.started(), qPrintable(start.why));
    }
    const QString psc1 = m_lab.address(Host::Psc01);
    const QString psc2 = m_lab.address(Host::Psc03);
    const QString vcenter = m_lab.address(Host::VCenter02);
    // And the vCenter's: the audit's psc area asks it for its own lookup service location.
    m_sshd.setExtraAddresses({psc1, psc2, vcenter});
    const SshdStart ssh = m_sshd.start();
    if (ssh.outcome == SshdStart::Outcome::Unavailable) {
        m_skip = ssh.why;
        return;
    }
    QVERIFY2(ssh.started(), qPrintable(ssh.why));
    QString why = m_ns.start();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    why = m_sim.makeCertificate();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    // VCHA answers DEGRADED for a few polls after the deploy: the run is killed then.
    m_simAddress = m_sim.start(QStringLiteral(VLAB_VCSIM_PATH),
                               {u"-vcha-standin"_s, u"-vcha-polls"_s, u"12"_s, u"-dvs-shim"_s}, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    why = m_vcsa.setUp();
    QVERIFY2(why.isEmpty(), qPrintable(why));

    // The VMCA root, the machine certificates new appliances serve, the deployment target's.
    why = makeCa();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    for (const Host h : {Host::Psc01, Host::Psc03, Host::VCenter02}) {
        why = makeServerCertificate(m_lab.address(h), PrecheckServers::fqdn(h), m_lab.address(h));
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }
    why = makeServerCertificate(u"esxi"_s, PrecheckServers::fqdn(Host::Esxi), m_lab.address(Host::Esxi));
    QVERIFY2(why.isEmpty(), qPrintable(why));

    // Folders and logs the stand-ins write, owned by the SSH test user where it writes them.
    m_store = m_sshd.remoteDir() + u"/served"_s;
    m_deployed = m_dir.filePath(u"deployed"_s);
    QVERIFY(QDir().mkpath(m_deployed));
    m_certLog = m_sshd.path(u"certificate-manager.log"_s);
    m_endpointLog = m_sshd.path(u"endpoint-scripts.log"_s);
    for (const QString &log : {m_certLog, m_endpointLog}) {
        QVERIFY(writeFile(log, {}));
        QFile::setPermissions(log, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        QVERIFY(m_sshd.giveToUser(log));
    }
    m_certManager = m_sshd.installScript(QFINDTESTDATA("../data/remote/certificate-manager-standin.sh"));
    m_endpointScripts = m_sshd.installScript(QFINDTESTDATA("../data/remote/psc-endpoint-scripts-standin.sh"));
    m_vmafdCli = m_sshd.installScript(QFINDTESTDATA("../data/remote/vmafd-cli-standin.sh"));
    QVERIFY(!m_certManager.isEmpty() && !m_endpointScripts.isEmpty() && !m_vmafdCli.isEmpty());
    // What each PSC's vmafd-cli answers: the plan's domain and site (as installed), and the
    // lookup service at the PSC's own name until the endpoints step's updateSSOConfig stand-in
    // points it at the load-balancer name.
    m_vmafdState = m_sshd.path(u"vmafd-state"_s);
    QVERIFY(QDir().mkpath(m_vmafdState));
    QFile::setPermissions(m_vmafdState,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ReadOther | QFileDevice::ExeOther);
    QVERIFY(m_sshd.giveToUser(m_vmafdState));

    m_plan = writePlan();
    QVERIFY(!m_plan.isEmpty());
    for (const Host h : {Host::Psc01, Host::Psc03}) {
        const QString state = QDir(m_vmafdState).filePath(m_lab.address(h));
        QVERIFY(writeFile(state,
                          u"domain=vsphere.local\nsite=%1\nls=https://%2:443/lookupservice/sdk\n"_s
                              .arg(QJsonDocument::fromJson(readAll(m_plan))[u"sso"_s][u"site"_s].toString(),
                                   PrecheckServers::fqdn(h))
                              .toUtf8()));
        QFile::setPermissions(state,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        QVERIFY(m_sshd.giveToUser(state));
    }
    // The vCenter's own lookup service location (the audit's psc area asks it too): the
    // load-balancer name it was installed against, as a 6.7 appliance prints it.
    {
        const QString state = QDir(m_vmafdState).filePath(vcenter);
        QVERIFY(writeFile(
            state,
            u"ls=https://%1/lookupservice/sdk\n"_s.arg(PrecheckServers::fqdn(Host::LoadBalancer)).toUtf8()));
        QFile::setPermissions(state,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
    }

    for (const Host h : {Host::Psc01, Host::Psc03, Host::VCenter02, Host::Esxi, Host::LoadBalancer}) {
        why = listen(m_lab.address(h));
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }
}

// The loopback lab where every record exists (PSC 1, PSC "03" as the second PSC, vCenter
// "02"), on the simulator's inventory names, deployed on the target by address; known_hosts
// next to it holds the sshd's host key for both PSCs and the vCenter (the run records none).
QString TestRehearsal::writePlan()
{
    QJsonObject plan = m_lab.loopbackPlan(PrecheckServers::PlanKind::AllRecordsExist);
    QJsonObject vcha = plan.value(u"vcha"_s).toObject();
    QJsonObject network = vcha.value(u"network"_s).toObject();
    network.insert(u"portGroup"_s, u"DC0_DVPG0"_s);
    vcha.insert(u"network"_s, network);
    plan.insert(u"vcha"_s, vcha);
    QJsonObject target = plan.value(u"target"_s).toObject();
    target.insert(u"host"_s, m_lab.address(Host::Esxi));
    target.insert(u"datastore"_s, u"LocalDS_0"_s);
    plan.insert(u"target"_s, target);
    const QString folder = m_dir.filePath(u"lab"_s);
    if (!QDir().mkpath(folder))
        return {};
    const QString file = QDir(folder).filePath(u"lab.vlab.json"_s);
    if (!writeFile(file, QJsonDocument(plan).toJson()))
        return {};
    QByteArray knownHosts;
    for (const Host h : {Host::Psc01, Host::Psc03, Host::VCenter02})
        knownHosts +=
            u"[%1]:%2 %3\n"_s.arg(m_lab.address(h), QString::number(m_sshd.port()), m_sshd.hostPublicKey())
                .toUtf8();
    if (!writeFile(QDir(folder).filePath(u"known_hosts"_s), knownHosts))
        return {};
    return file;
}

QStringList TestRehearsal::runArguments() const
{
    const QString endpoints = u"VLAB_STANDIN_LOG=%1 VLAB_STANDIN_STATE=%2 sh %3 "_s.arg(
        m_endpointLog, m_vmafdState, m_endpointScripts);
    return {m_plan,
            u"--steps"_s,
            u"all"_s,
            u"--yes"_s,
            u"--iso"_s,
            m_vcsa.isoFolder(),
            u"--ca-cert"_s,
            m_dir.filePath(u"vmca.cer"_s),
            u"--ca-key"_s,
            m_dir.filePath(u"vmca.key"_s),
            u"--nsip"_s,
            m_ns.address(),
            u"--ns-fingerprint"_s,
            QString::fromLatin1(m_ns.certificateSha256().toHex(':').toUpper()),
            u"--vcenter"_s,
            m_simAddress,
            u"--vc-user"_s,
            u"administrator@vsphere.local"_s,
            u"--vc-fingerprint"_s,
            QString::fromLatin1(m_sim.pin().toHex(':').toUpper()),
            u"--ssh-user"_s,
            m_sshd.user(),
            u"--ssh-port"_s,
            QString::number(m_sshd.port()),
            u"--identity"_s,
            m_sshd.clientKeyFile(),
            u"--certificate-manager"_s,
            u"VLAB_STANDIN_LOG=%1 VLAB_STANDIN_STORE=%2 %3"_s.arg(m_certLog, m_store, m_certManager),
            u"--remote-folder"_s,
            m_sshd.remoteDir() + u"/certs"_s,
            u"--each-psc-command"_s,
            endpoints + u"updateSSOConfig --lb-fqdn={lb}"_s,
            u"--first-psc-command"_s,
            endpoints + u"UpdateLsEndpoint --lb-fqdn={lb} --user={user} --password={password}"_s,
            u"--vmafd-cli"_s,
            u"VLAB_STANDIN_STATE=%1 %2"_s.arg(m_vmafdState, m_vmafdCli),
            u"--vcha-poll-interval"_s,
            u"0.2"_s};
}

QProcessEnvironment TestRehearsal::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"VLAB_ROOT_PASSWORD"_s, VcsaFixture::rootPassword());
    env.insert(u"VLAB_SSO_PASSWORD"_s, kSsoPassword);
    env.insert(u"VLAB_TARGET_PASSWORD"_s, VcsaFixture::targetPassword());
    env.insert(u"VLAB_NS_PASSWORD"_s, NitroStandin::password());
    env.insert(u"VLAB_VC_PASSWORD"_s, kVcPassword);
    env.insert(u"VCSA_STANDIN_RECORD"_s, m_vcsa.recordFile());
    env.insert(u"VCSA_STANDIN_DEPLOYED"_s, m_deployed);
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    return env;
}

// vlab runs while this process's event loop serves the lab's port 443 listeners.
Run TestRehearsal::vlab(const QStringList &args)
{
    QProcess p;
    p.setProcessEnvironment(environment());
    p.setStandardInputFile(QProcess::nullDevice());
    QEventLoop loop;
    connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer limit;
    limit.setSingleShot(true);
    connect(&limit, &QTimer::timeout, &loop, &QEventLoop::quit);
    p.start(QStringLiteral(VLAB_CLI_PATH), args);
    Run r;
    if (!p.waitForStarted(10000))
        return r;
    limit.start(240000);
    loop.exec();
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished();
        r.err = u"timed out\n"_s;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err += QString::fromUtf8(p.readAllStandardError());
    return r;
}

// Appliance installs the installer stand-in ran (its verify and precheck phases not counted).
int TestRehearsal::installs() const
{
    return int(m_vcsa.recorded().filter(u"phase=install "_s).size());
}

// README "Build the whole lab": exit 0 when the whole lab was built against the local peers
// and the audit found it as planned; README "As-built audit": exit 1 on the drift planted here.
void TestRehearsal::wholeLabKilledResumedAuditedAndDriftFound()
{
    if (!m_skip.isEmpty())
        QSKIP(qPrintable(m_skip));
    QElapsedTimer clock;
    clock.start();
    const QString folder = QFileInfo(m_plan).absolutePath();
    const QString journalPath = QDir(folder).filePath(vlab::RunJournal::fileName());
    const QStringList args = QStringList{u"run"_s} + runArguments();

    // 1. The whole run, killed (SIGKILL) while VCHA waits for its cluster to become healthy:
    // by then the appliances, the certificate, the NetScaler and the SSH steps are done.
    QProcess first;
    first.setProcessEnvironment(environment());
    first.setStandardInputFile(QProcess::nullDevice());
    QByteArray firstErr;
    QEventLoop loop;
    connect(&first, &QProcess::readyReadStandardError, &loop, [&] {
        firstErr += first.readAllStandardError();
        if (firstErr.contains("DEGRADED"))
            loop.quit();
    });
    connect(&first, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer limit;
    limit.setSingleShot(true);
    connect(&limit, &QTimer::timeout, &loop, &QEventLoop::quit);
    first.start(QStringLiteral(VLAB_CLI_PATH), args);
    QVERIFY(first.waitForStarted());
    limit.start(240000);
    loop.exec();
    firstErr += first.readAllStandardError();
    const QByteArray firstOut = first.readAllStandardOutput();
    QVERIFY2(firstErr.contains("DEGRADED"), firstErr.right(3000).constData());
    first.kill(); // a crash: nothing of the run's end is recorded
    QVERIFY(first.waitForFinished(60000));
    QVERIFY2(firstOut.contains("Whole-lab run: 9 stage(s)"), firstOut.constData());
    QCOMPARE(installs(), 3); // PSC 1, PSC 2, vCenter
    for (const Host h : {Host::Psc01, Host::Psc03, Host::VCenter02})
        QVERIFY2(QFileInfo::exists(QDir(m_deployed).filePath(m_lab.address(h))),
                 qPrintable(PrecheckServers::fqdn(h)));
    for (const Host h : {Host::Psc01, Host::Psc03})
        QVERIFY(readAll(QDir(m_vmafdState).filePath(m_lab.address(h)))
                    .contains(u"ls=https://%1:443/lookupservice/sdk"_s
                                  .arg(PrecheckServers::fqdn(Host::LoadBalancer))
                                  .toUtf8()));
    const QString endpointRuns = QString::fromUtf8(readAll(m_endpointLog));
    QCOMPARE(int(endpointRuns.count(u"script=updateSSOConfig"_s)), 2);
    QCOMPARE(int(endpointRuns.count(u"script=UpdateLsEndpoint"_s)), 1);
    const int replacements = int(QString::fromUtf8(readAll(m_certLog)).count(u"option=1"_s));
    QCOMPARE(replacements, 2);
    const int vservers = m_ns.count(u"lbvserver"_s);
    QCOMPARE(vservers, 6);
    QVERIFY(QFileInfo::exists(QDir(folder).filePath(u"certs/psc-ha-vip-chain.crt"_s)));
    const QByteArray chain = readAll(QDir(folder).filePath(u"certs/psc-ha-vip-chain.crt"_s));
    vlab::Result<vlab::RunJournal> journal = vlab::RunJournal::load(journalPath);
    QVERIFY(journal);
    QCOMPARE(journal->runs.size(), 1);
    QVERIFY(!journal->runs.constFirst().finished.isValid());
    QStringList finishedChanges;
    for (const vlab::JournalJob &job : journal->runs.constFirst().jobs) {
        if (job.changesLab && job.state == u"succeeded"_s)
            finishedChanges << job.key;
    }

    // 2. Run again: it resumes; no appliance is installed again, no certificate replaced or
    // made again, no NetScaler object created again; VCHA (cut off while it waited) runs again.
    Run r = vlab(args);
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QVERIFY2(r.err.contains(u"resuming the \"Build the lab\""_s), qPrintable(r.both()));
    QVERIFY2(r.out.contains(u"audit: "_s) && r.out.contains(u" 0 drift, 0 unreachable, 0 skipped"_s),
             qPrintable(r.both()));
    QCOMPARE(installs(), 3);
    QCOMPARE(QString::fromUtf8(readAll(m_endpointLog)), endpointRuns);
    QCOMPARE(int(QString::fromUtf8(readAll(m_certLog)).count(u"option=1"_s)), replacements);
    QCOMPARE(m_ns.count(u"lbvserver"_s), vservers);
    QCOMPARE(readAll(QDir(folder).filePath(u"certs/psc-ha-vip-chain.crt"_s)), chain);
    journal = vlab::RunJournal::load(journalPath);
    QVERIFY(journal);
    QCOMPARE(journal->runs.size(), 2);
    const vlab::JournalRun &resumed = journal->runs.constLast();
    QCOMPARE(resumed.state, u"succeeded"_s);
    QStringList ranAgain;
    for (const vlab::JournalJob &job : resumed.jobs) {
        if (job.state == u"succeeded"_s && finishedChanges.contains(job.key))
            ranAgain << job.key;
    }
    QVERIFY2(ranAgain.isEmpty(), qPrintable(ranAgain.join(u", "_s)));
    QVERIFY2(finishedChanges.size() >= 8, qPrintable(finishedChanges.join(u", "_s)));
    QVERIFY2(!r.both().contains(kVcPassword) && !r.both().contains(NitroStandin::password())
                 && !r.both().contains(kSsoPassword) && !r.both().contains(VcsaFixture::rootPassword()),
             "a password reached the output");

    // The runbook: each live step's chapter carries the evidence the run recorded, and the
    // audit is the "As built" chapter. (Chapter 1 is the plan; chapter 9, TCP diagnostics,
    // holds the audit's TCP capture on each PSC: the run has no diagnostics step of its own.)
    QVERIFY(QFileInfo(QDir(folder).filePath(u"runbook.pdf"_s)).size() > 0);
    const QString book = QString::fromUtf8(readAll(QDir(folder).filePath(u"runbook.md"_s)));
    const auto chapter = [&book](const QString &title) {
        const qsizetype at =
            book.indexOf(QRegularExpression(u"^## \\d+\\. "_s + QRegularExpression::escape(title) + u"$"_s,
                                            QRegularExpression::MultilineOption));
        if (at < 0)
            return QString();
        const qsizetype next = book.indexOf(u"\n## "_s, at + 1);
        return book.mid(at, next < 0 ? -1 : next - at);
    };
    const QList<std::pair<QString, QStringList>> evidence = {
        {u"Pre-checks"_s, {u"Evidence: dns: "_s, u"Evidence: ntp: "_s, u"Evidence: tls: "_s}},
        {u"Platform Services Controllers"_s,
         {u"Evidence: Install psc1 with vcsa-deploy"_s, u"Evidence: Install psc2 with vcsa-deploy"_s}},
        {u"Certificate of the PSCs"_s,
         {u"Evidence: Sign the request with the VMCA root"_s,
          u"Evidence: Replace the machine certificate on psc01"_s,
          u"Evidence: Replace the machine certificate on psc02"_s,
          u"Evidence: Point psc02 at the load-balancer name"_s}},
        {u"NetScaler load balancing"_s,
         {u"Evidence: Apply the load-balancing configuration"_s, u"psc-persist"_s}},
        {u"vCenter Server"_s, {u"Evidence: Install vcenter with vcsa-deploy"_s}},
        {u"vCenter High Availability"_s,
         {u"Evidence: Deploy vCenter HA"_s, u"\"health_state\":\"HEALTHY\""_s}},
        {u"Distributed Switch"_s, {u"Evidence: Create the Distributed Switch SSLAB-DSwitch"_s}},
        {u"TCP diagnostics on the PSCs"_s, {u"Evidence: TCP connection states"_s}},
        {u"As built"_s,
         {u"0 drift, 0 unreachable, 0 skipped"_s,
          u"areas: dns, certs, netscaler, psc, vcenter, vcha, vds, tcp"_s}},
    };
    for (const auto &[title, needles] : evidence) {
        const QString text = chapter(title);
        QVERIFY2(!text.isEmpty(), qPrintable(u"no chapter "_s + title));
        for (const QString &needle : needles)
            QVERIFY2(text.contains(needle), qPrintable(title + u": no \""_s + needle + u"\""_s));
    }
    for (const QString &secret :
         {kVcPassword, kSsoPassword, NitroStandin::password(), VcsaFixture::rootPassword()})
        QVERIFY2(!book.contains(secret), "a password reached the runbook");

    // 3. Once more: what holds is looked at and skipped as already done (the appliances
    // answer as themselves, the PSCs serve the new certificate, the NITRO objects exist).
    r = vlab(args);
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    for (const QString &done : {u"already done, skipped: Install psc1 with vcsa-deploy"_s,
                                u"already done, skipped: Install psc2 with vcsa-deploy"_s,
                                u"already done, skipped: Install vcenter with vcsa-deploy"_s,
                                u"already done, skipped: Replace the machine certificate on psc02"_s,
                                u"already done, skipped: Apply the load-balancing configuration"_s})
        QVERIFY2(r.err.contains(done), qPrintable(done + u"\n"_s + r.err));
    QCOMPARE(installs(), 3);
    QCOMPARE(int(QString::fromUtf8(readAll(m_certLog)).count(u"option=1"_s)), replacements);
    QCOMPARE(m_ns.count(u"lbvserver"_s), vservers);

    // 4. `vlab audit` on its own, every area: as planned.
    const QStringList audit = {u"audit"_s,       m_plan,
                               u"--nsip"_s,      m_ns.address(),
                               u"--vcenter"_s,   m_simAddress,
                               u"--vc-user"_s,   u"administrator@vsphere.local"_s,
                               u"--ssh-user"_s,  m_sshd.user(),
                               u"--ssh-port"_s,  QString::number(m_sshd.port()),
                               u"--identity"_s,  m_sshd.clientKeyFile(),
                               u"--vmafd-cli"_s, u"VLAB_STANDIN_STATE=%1 %2"_s.arg(m_vmafdState, m_vmafdCli),
                               u"--format"_s,    u"json"_s};
    r = vlab(audit);
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));

    // 5. Behind the tool's back: PSC 2 serves its old machine certificate again. The audit
    // names exactly that: PSC 2's certificate, and PSC 2 as the one endpoint whose certificate
    // differs (the old one, by fingerprint); nothing in any other area or on another endpoint.
    const QString psc2 = PrecheckServers::fqdn(Host::Psc03);
    QVERIFY(QDir(QDir(m_store).filePath(m_lab.address(Host::Psc03))).removeRecursively());
    const QList<QSslCertificate> old =
        QSslCertificate::fromPath(m_dir.filePath(m_lab.address(Host::Psc03) + u".crt"_s));
    QVERIFY(!old.isEmpty());
    const QString oldFingerprint =
        QString::fromLatin1(old.constFirst().digest(QCryptographicHash::Sha256).toHex());
    r = vlab(audit);
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    QStringList drift;
    QStringList elsewhere;
    bool psc2Named = false;
    for (const QJsonValue &check : QJsonDocument::fromJson(r.out.toUtf8())[u"checks"_s].toArray()) {
        if (check[u"status"_s].toString() == u"ok"_s)
            continue;
        const QString target = check[u"target"_s].toString();
        const QString line = check[u"area"_s].toString() + u' ' + target + u": "_s
            + check[u"message"_s].toString() + u" (found: "_s + check[u"found"_s].toString() + u')';
        drift << line;
        if (check[u"area"_s].toString() != u"certs"_s) {
            elsewhere << line;
        } else if (target.contains(psc2)) {
            psc2Named = true;
        } else if (target == u"every PSC and the VIP"_s) {
            // "label: fingerprint; ...": only PSC 2 serves the old certificate.
            QStringList odd;
            QSet<QString> others;
            for (const QString &entry : check[u"found"_s].toString().split(u"; "_s)) {
                const QString fingerprint = entry.section(u": "_s, 1).remove(u':').toLower();
                if (fingerprint == oldFingerprint)
                    odd << entry.section(u": "_s, 0, 0);
                else
                    others << fingerprint;
            }
            if (odd != QStringList{psc2} || others.size() != 1)
                elsewhere << line;
        } else {
            elsewhere << line;
        }
    }
    QVERIFY2(psc2Named && elsewhere.isEmpty(), qPrintable(drift.join(u'\n')));
    qInfo("rehearsal: %lld ms", qint64(clock.elapsed()));
}

QTEST_GUILESS_MAIN(TestRehearsal)
#include "tst_rehearsal.moc"
