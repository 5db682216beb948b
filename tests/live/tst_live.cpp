// The live-lab kit (`ctest -L live`): the read-only operations of vLab Wizard against a real
// lab described by a plan, so that what was only ever tested against stand-ins can be tried
// where it matters. NONE of these tests changes anything: they read DNS, ports, NTP and TLS
// (pre-checks), compare and verify the NetScaler (NITRO GETs, login and logout only: the test
// fails should any other request be sent), log in to vCenter, read the VCHA state, read the
// Distributed Switch over SOAP, collect TCP states over SSH and read the certificates served.
//
// Set VLAB_LIVE_PLAN to the lab's .vlab.json (its project folder holds vlab-trust.json and
// known_hosts with the fingerprints confirmed by earlier runs of the wizard or the CLI). Each
// test needs its password and is skipped, saying which variable is missing, without it:
// VLAB_NS_PASSWORD (NetScaler), VLAB_VC_PASSWORD (vCenter), VLAB_ROOT_PASSWORD (root on the
// PSCs). Optional: VLAB_LIVE_NS_USER (nsroot), VLAB_LIVE_VC_HOST (vcenter.fqdn),
// VLAB_LIVE_VC_USER (administrator@<sso domain>), VLAB_LIVE_TIMEOUT (seconds per wait, 30).

#include "diag/remotetcpcapture.h"
#include "jobs/jobqueue.h"
#include "net/httpclient.h"
#include "net/servedcertificate.h"
#include "net/trustedpins.h"
#include "netscaler/nitrodiffjob.h"
#include "netscaler/nitroverifyjob.h"
#include "plan/planjson.h"
#include "precheck/checkjob.h"
#include "precheck/precheckplan.h"
#include "remote/hostkeys.h"
#include "vsphere/soapclient.h"
#include "vsphere/vcenterloginjob.h"
#include "vsphere/vchajob.h"

#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTest>
#include <QXmlStreamWriter>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

QString env(const char *name, const QString &fallback = {})
{
    const QString v = qEnvironmentVariable(name);
    return v.isEmpty() ? fallback : v;
}

std::chrono::seconds waitLimit()
{
    const int s = env("VLAB_LIVE_TIMEOUT", u"30"_s).toInt();
    return std::chrono::seconds(s > 0 ? s : 30);
}

bool runJob(Job *job, int ms)
{
    QSignalSpy spy(job, &Job::finished);
    job->start();
    return job->isFinished() || spy.wait(ms);
}

QString failure(const Job &job)
{
    return job.result() ? QString() : job.result().error().message + u' ' + job.result().error().details;
}

} // namespace

class TstLive : public QObject
{
    Q_OBJECT

private:
    LabPlan m_plan;
    QString m_folder;

    // Skips unless the variable is set; returns its value.
    QString need(const char *variable)
    {
        const QString value = qEnvironmentVariable(variable);
        if (value.isEmpty())
            QTest::qSkip(
                qPrintable(u"set %1 to run this read-only check"_s.arg(QString::fromLatin1(variable))),
                __FILE__, __LINE__);
        return value;
    }

    VCenterEndpoint vcenter(const QString &password) const
    {
        const QString host = env("VLAB_LIVE_VC_HOST", m_plan.vcenter.fqdn);
        VCenterEndpoint e;
        e.url = *parseVCenterHost(host);
        e.user = env("VLAB_LIVE_VC_USER", u"administrator@"_s + m_plan.sso.domain);
        e.password = password;
        e.timeout = waitLimit();
        if (const Result<TrustedPins> pins = TrustedPins::load(m_folder); pins)
            e.pin = pins->pin(e.url.host(), quint16(e.url.port(443)));
        return e;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString path = qEnvironmentVariable("VLAB_LIVE_PLAN");
        const Result<LabPlan> plan = loadPlanFile(path);
        QVERIFY2(plan.ok(), qPrintable(plan ? QString() : plan.error().message));
        m_plan = *plan;
        m_folder = QFileInfo(path).absolutePath();
        qInfo("Live lab %s from %s: read-only checks.", qPrintable(m_plan.lab.name), qPrintable(path));
    }

    // DNS both ways, ports, NTP, TLS: every check of `vlab precheck` passes.
    void prechecks()
    {
        PrecheckOptions options;
        options.timeoutMs = int(std::chrono::milliseconds(waitLimit()).count());
        JobQueue queue;
        const QList<CheckJob *> jobs = createPrecheckJobs(m_plan, options);
        QVERIFY(!jobs.isEmpty());
        addPrecheckJobs(queue, jobs, options);
        QSignalSpy done(&queue, &JobQueue::finished);
        queue.start();
        QVERIFY(done.wait(int(jobs.size()) * options.timeoutMs + 60000));
        QStringList failed;
        for (const CheckJob *job : jobs) {
            const CheckResult &r = job->checkResult();
            qInfo("%s %s %s: %s",
                  r.status == CheckStatus::Pass       ? "pass"
                      : r.status == CheckStatus::Warn ? "warn"
                                                      : "FAIL",
                  qPrintable(r.category), qPrintable(r.target), qPrintable(r.message));
            if (r.status == CheckStatus::Fail)
                failed << r.category + u' ' + r.target + u": "_s + r.message;
        }
        QVERIFY2(failed.isEmpty(), qPrintable(failed.join(u'\n')));
    }

    // NITRO diff and verify: reads only (login, GETs, logout).
    void netscalerDiffAndVerify()
    {
        const QString password = need("VLAB_NS_PASSWORD");
        const Result<LbConfig> config = LbConfig::fromPlan(m_plan);
        QVERIFY2(config.ok(), qPrintable(config ? QString() : config.error().message));
        const Result<NitroTarget> parsed = NitroTarget::parseAddress(m_plan.loadBalancer.nsip);
        QVERIFY(parsed.ok());
        NitroTarget target = *parsed;
        target.user = env("VLAB_LIVE_NS_USER", u"nsroot"_s);
        target.requestTimeout = waitLimit();
        if (const Result<TrustedPins> pins = TrustedPins::load(m_folder); pins)
            target.pinnedSha256 = pins->pin(target.host, target.port);
        NitroDiffJob diff(*config, target, password);
        QVERIFY(runJob(&diff, 120000));
        QVERIFY2(diff.result().ok(), qPrintable(failure(diff)));
        for (const NitroObjectResult &r : diff.results())
            qInfo("%s %s %s", qPrintable(r.state), qPrintable(r.object.label()), qPrintable(r.detail));
        NitroVerifyJob verify(*config, target, password);
        QVERIFY(runJob(&verify, 120000));
        for (const Job *job : {static_cast<const Job *>(&diff), static_cast<const Job *>(&verify)}) {
            for (const Evidence &e : job->report().evidence) {
                if (e.kind == Evidence::Kind::Sent)
                    QVERIFY2(e.text.startsWith(u"GET "_s) || e.text.endsWith(u"/login"_s)
                                 || e.text.endsWith(u"/logout"_s),
                             qPrintable(u"a read-only check sent "_s + e.text));
            }
        }
        QVERIFY2(!diff.hasDrift(), "the NetScaler differs from the plan (see the lines above)");
        QVERIFY2(verify.result().ok(), qPrintable(failure(verify)));
    }

    void vcenterLogin()
    {
        VCenterLoginJob job(vcenter(need("VLAB_VC_PASSWORD")));
        QVERIFY(runJob(&job, 120000));
        QVERIFY2(job.result().ok(), qPrintable(failure(job)));
        qInfo("vCenter: %s (API %s)", qPrintable(job.info().product), qPrintable(job.info().apiVersion));
    }

    void vchaStatus()
    {
        if (!m_plan.vcha.enabled)
            QSKIP("the plan has no VCHA");
        VchaJob job(VchaAction::Status, vcenter(need("VLAB_VC_PASSWORD")), m_plan);
        QVERIFY(runJob(&job, 120000));
        if (job.restMissing())
            QSKIP("this vCenter has no VCHA REST API (6.7 GA)");
        const VchaClusterState &s = job.clusterState();
        qInfo("VCHA: %s %s %s", qPrintable(s.configState), qPrintable(s.mode), qPrintable(s.healthState));
        for (const QString &w : s.warnings)
            qInfo("  warning: %s", qPrintable(w));
        QVERIFY2(job.result().ok(), qPrintable(failure(job)));
        QVERIFY2(s.healthy(), "VCHA is not configured and healthy");
    }

    // The plan's Distributed Switch and port groups, read over SOAP (RetrieveProperties only).
    void distributedSwitch()
    {
        const VCenterEndpoint endpoint = vcenter(need("VLAB_VC_PASSWORD"));
        HttpClient *http = makeHttpClient(endpoint, this);
        SoapClient soap(http);
        const auto call = [&](auto &&start) {
            QEventLoop loop;
            bool finished = false;
            start([&] {
                finished = true;
                loop.quit();
            });
            if (!finished)
                loop.exec();
        };
        XmlElement content;
        call([&](auto quit) {
            soap.call(u"RetrieveServiceContent"_s, MoRef{u"ServiceInstance"_s, u"ServiceInstance"_s}, {},
                      this, [&, quit](Result<XmlElement> r) {
                          if (r)
                              content = *r;
                          quit();
                      });
        });
        const MoRef root = moRefOf(content.child(u"rootFolder"_s));
        const MoRef collector = moRefOf(content.child(u"propertyCollector"_s));
        const MoRef sessions = moRefOf(content.child(u"sessionManager"_s));
        QVERIFY2(!root.isNull(), "no service content");
        Result<XmlElement> login = makeError(u"none"_s, {});
        call([&](auto quit) {
            soap.call(
                u"Login"_s, sessions,
                [&](QXmlStreamWriter &w, bool redact) {
                    w.writeTextElement(u"userName"_s, endpoint.user);
                    w.writeTextElement(u"password"_s,
                                       redact ? QString::fromLatin1(kMasked) : endpoint.password);
                },
                this,
                [&, quit](Result<XmlElement> r) {
                    login = r;
                    quit();
                });
        });
        QVERIFY2(login.ok(), qPrintable(login ? QString() : login.error().message));
        Result<QList<ObjectContent>> found = makeError(u"none"_s, {});
        call([&](auto quit) {
            soap.retrieve(collector, root, true,
                          {{u"DistributedVirtualSwitch"_s, {u"name"_s}},
                           {u"DistributedVirtualPortgroup"_s, {u"name"_s}}},
                          this, [&, quit](Result<QList<ObjectContent>> r) {
                              found = r;
                              quit();
                          });
        });
        call([&](auto quit) {
            soap.call(u"Logout"_s, sessions, {}, this, [quit](Result<XmlElement>) { quit(); });
        });
        QVERIFY2(found.ok(), qPrintable(found ? QString() : found.error().message));
        QStringList names;
        for (const ObjectContent &o : *found) {
            if (const XmlElement *n = o.prop(u"name"_s))
                names << n->text;
        }
        QVERIFY2(names.contains(m_plan.vds.name), qPrintable(u"no switch "_s + m_plan.vds.name));
        for (const PortGroup &pg : m_plan.vds.portGroups)
            QVERIFY2(names.contains(pg.name), qPrintable(u"no port group "_s + pg.name));
    }

    // TCP states on every PSC over SSH (host keys from the project's known_hosts only).
    void tcpStatesOverSsh()
    {
        const QString password = need("VLAB_ROOT_PASSWORD");
        for (const PscNode &n : m_plan.psc) {
            SshSession session;
            SshConnectOptions options;
            options.endpoint = SshEndpoint{u"root"_s, n.ip.isEmpty() ? n.fqdn : n.ip, 22};
            options.knownHostsFile = defaultKnownHostsFile(m_folder);
            options.timeout = waitLimit();
            const Result<HostKeyCheck> connected = session.connect(options);
            QVERIFY2(connected.ok(), qPrintable(connected ? QString() : connected.error().message));
            const Result<void> auth = session.authenticate(SshCredentials{password, {}, {}});
            QVERIFY2(auth.ok(), qPrintable(auth ? QString() : auth.error().message));
            const Result<TcpCapture> capture = collectRemoteTcpCapture(session, waitLimit());
            QVERIFY2(capture.ok(), qPrintable(capture ? QString() : capture.error().message));
            qInfo("%s: %lld TCP connections (%s)", qPrintable(n.name), qlonglong(capture->connections.size()),
                  qPrintable(tcpCaptureFormatName(capture->format)));
            QVERIFY(!capture->connections.isEmpty()); // sshd's own connection at least
        }
    }

    // The certificate each PSC and the load-balancer name serve covers every name clients use.
    void servedCertificates()
    {
        QStringList names{m_plan.loadBalancer.fqdn};
        for (const PscNode &n : m_plan.psc)
            names << n.fqdn;
        for (const QString &host : std::as_const(names)) {
            ServedCertificateRequest request;
            request.host = host;
            request.serverName = host;
            request.timeout = waitLimit();
            const Result<QSslCertificate> cert = fetchServedCertificate(request);
            QVERIFY2(cert.ok(), qPrintable(host + u": "_s + (cert ? QString() : cert.error().message)));
            const QStringList dns = cert->subjectAlternativeNames().values(QSsl::DnsEntry);
            qInfo("%s serves %s (SHA-256 %s)", qPrintable(host), qPrintable(dns.join(u", "_s)),
                  cert->digest(QCryptographicHash::Sha256).toHex(':').toUpper().constData());
            for (const QString &name : std::as_const(names))
                QVERIFY2(dns.contains(name, Qt::CaseInsensitive),
                         qPrintable(host + u" does not cover "_s + name));
        }
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("VLAB_LIVE_PLAN")) {
        std::printf(
            "Skipped: set VLAB_LIVE_PLAN to a lab's .vlab.json (and VLAB_NS_PASSWORD, VLAB_VC_PASSWORD, "
            "VLAB_ROOT_PASSWORD for the checks that need them) to run the read-only live-lab checks.\n");
        return 77; // ctest: skipped (SKIP_RETURN_CODE)
    }
    TstLive test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_live.moc"
