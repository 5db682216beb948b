// Benchmark (not a test) of issue 16, item 4: `vlab audit` of the example lab against local
// peers, all areas at once against each area alone, in the same run. The aim: all at once takes
// <= 1.3x the slowest single area (the areas' checks run in parallel).
// Peers: the NITRO stand-in (tests/tools/nitro-standin) for `netscaler`, and one govmomi vCenter
// simulator (tests/tools/vcsim with the VCHA stand-in and the Distributed Switch shim) for
// `vcenter`, `vcha` and `vds`; both start without root. The lab is first made as planned through
// the tools' own verbs and jobs (`vlab netscaler apply`, `vlab vds create`, the VCHA deploy job),
// so every audited item is ok (the runs must exit 0, else the figures are not printed).
// Left out: `dns` and `certs` (dnsmasq and listeners on port 443 need root), `psc` and `tcp`
// (they need the SSH tests' sshd with its shared test user; the SSH tests serialise on it).
// Each measurement is one `vlab audit` process (start-up included in every figure); the
// configurations alternate within a round; medians over the rounds, and the range of each round's
// own ratio. Then one more run of the three vCenter areas, with the logins the simulator counted
// (they share one REST and one SOAP session).
// Usage: bench_audit VLAB [ROUNDS]   (default 9)

#include "nitrostandin.h"
#include "vcsimfixture.h"
#include "vcsimlogins.h"

#include "plan/planjson.h"
#include "vsphere/vcenteractions.h"
#include "vsphere/vchajob.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

constexpr int kRunLimitMs = 60000;

struct Run
{
    int exitCode = -1;
    double ms = -1;
    QString out;
    QString err;
};

Run runVlab(const QString &vlab, const QStringList &args, const QProcessEnvironment &env)
{
    Run run;
    QProcess p;
    QProcessEnvironment e = env;
    e.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    p.setProcessEnvironment(e);
    p.setStandardInputFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    p.start(vlab, args);
    if (!p.waitForFinished(kRunLimitMs)) {
        p.kill();
        p.waitForFinished(5000);
        run.err = u"did not finish within %1 ms"_s.arg(kRunLimitMs);
        return run;
    }
    run.ms = double(timer.nsecsElapsed()) / 1e6;
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n % 2 ? v.at(n / 2) : (v.at(n / 2 - 1) + v.at(n / 2)) / 2;
}

int fail(const QString &why)
{
    std::fprintf(stderr, "bench_audit: %s\n", qPrintable(why));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2)
        return fail(u"usage: bench_audit VLAB [ROUNDS]"_s);
    const QString vlab = args.at(1);
    const int rounds = args.size() > 2 ? std::max(1, args.at(2).toInt()) : 9;
    const QString vcsim = QStringLiteral(VLAB_VCSIM_PATH);
    if (vcsim.isEmpty())
        return fail(u"the vCenter simulator was not built (install golang-go and "
                    "golang-github-vmware-govmomi-dev)"_s);

    QTemporaryDir dir;
    if (!dir.isValid())
        return fail(u"no temporary folder"_s);

    // The peers.
    NitroStandin ns;
    QString why = ns.start();
    if (!why.isEmpty())
        return fail(u"NITRO stand-in: "_s + why);
    VcSimFixture fixture;
    why = fixture.makeCertificate();
    if (!why.isEmpty())
        return fail(u"vCenter simulator: "_s + why);
    const QString sim =
        fixture.start(vcsim, {u"-vcha-standin"_s, u"-vcha-polls"_s, u"0"_s, u"-dvs-shim"_s}, &why);
    if (!why.isEmpty())
        return fail(u"vCenter simulator: "_s + why);

    // The example lab, with VCHA on and the simulator's inventory names for its clone.
    QJsonObject plan = vlab::planToJson(vlab::examplePlan());
    QJsonObject vcha = plan.value(u"vcha"_s).toObject();
    vcha.insert(u"enabled"_s, true);
    QJsonObject haNetwork = vcha.value(u"network"_s).toObject();
    haNetwork.insert(u"portGroup"_s, u"DC0_DVPG0"_s);
    vcha.insert(u"network"_s, haNetwork);
    plan.insert(u"vcha"_s, vcha);
    QJsonObject target = plan.value(u"target"_s).toObject();
    target.insert(u"datastore"_s, u"LocalDS_0"_s);
    plan.insert(u"target"_s, target);
    const QByteArray planJson = QJsonDocument(plan).toJson();
    const vlab::Result<vlab::LabPlan> loaded = vlab::parsePlan(planJson);
    if (!loaded)
        return fail(u"the example plan: "_s + loaded.error().message);
    const QString file = dir.filePath(u"lab.vlab.json"_s);
    {
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly) || f.write(planJson) != planJson.size())
            return fail(u"cannot write "_s + file);
    }

    // The lab made as planned, by the tools' own verbs and jobs.
    const QString vcPassword = u"S3cret-Pass!42"_s;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"VLAB_NS_PASSWORD"_s, NitroStandin::password());
    env.insert(u"VLAB_VC_PASSWORD"_s, vcPassword);
    const QString nsFingerprint = QString::fromLatin1(ns.certificateSha256().toHex(':').toUpper());
    Run r = runVlab(vlab,
                    {u"netscaler"_s, u"apply"_s, file, u"--nsip"_s, ns.address(), u"--user"_s,
                     QString::fromLatin1(NitroStandin::kUser), u"--fingerprint"_s, nsFingerprint},
                    env);
    if (r.exitCode != 0)
        return fail(u"vlab netscaler apply: exit %1\n%2%3"_s.arg(QString::number(r.exitCode), r.out, r.err));
    vlab::VCenterEndpoint endpoint;
    endpoint.url = *vlab::parseVCenterHost(sim);
    endpoint.pin = fixture.pin();
    endpoint.user = u"administrator@vsphere.local"_s;
    endpoint.password = vcPassword;
    endpoint.timeout = std::chrono::milliseconds(30000);
    if (const auto kept = vlab::VCenterActions(dir.path()).keepFingerprint(endpoint); !kept)
        return fail(u"keeping the vCenter's fingerprint: "_s + kept.error().message);
    r = runVlab(vlab, {u"vds"_s, u"create"_s, file, u"--host"_s, sim, u"--user"_s, endpoint.user}, env);
    if (r.exitCode != 0)
        return fail(u"vlab vds create: exit %1\n%2%3"_s.arg(QString::number(r.exitCode), r.out, r.err));
    {
        vlab::VchaJob deploy(vlab::VchaAction::Deploy, endpoint, *loaded);
        deploy.setPollInterval(std::chrono::milliseconds(20));
        QEventLoop loop;
        QObject::connect(&deploy, &vlab::Job::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(kRunLimitMs, &loop, &QEventLoop::quit);
        deploy.start();
        if (!deploy.isFinished())
            loop.exec();
        if (deploy.state() != vlab::Job::State::Succeeded)
            return fail(u"VCHA deploy: "_s
                        + (deploy.result() ? u"not finished"_s : deploy.result().error().message));
    }

    // The measurements: all covered areas at once, then each alone, alternating in every round.
    const QStringList areas = {u"netscaler"_s, u"vcenter"_s, u"vcha"_s, u"vds"_s};
    // Also the three areas that share the one simulator, together: how much of the cost of all at
    // once is the shared peer.
    QStringList configs = {areas.join(u','), u"vcenter,vcha,vds"_s};
    configs += areas;
    QList<QList<double>> times(configs.size());
    QList<int> items(configs.size(), 0);
    for (int round = 0; round < rounds; ++round) {
        for (qsizetype i = 0; i < configs.size(); ++i) {
            // Alternate the order so that no configuration always runs first in a round.
            const qsizetype c = round % 2 ? configs.size() - 1 - i : i;
            r = runVlab(vlab,
                        {u"audit"_s, file, u"--only"_s, configs.at(c), u"--nsip"_s, ns.address(),
                         u"--vcenter"_s, sim, u"--format"_s, u"json"_s, u"--timeout"_s, u"5000"_s},
                        env);
            if (r.exitCode != 0)
                return fail(u"vlab audit --only %1: exit %2 (every item should be ok)\n%3%4"_s.arg(
                    configs.at(c), QString::number(r.exitCode), r.out, r.err));
            items[c] =
                int(QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"checks"_s).toArray().size());
            times[c].append(r.ms);
        }
    }

    // The logins of one more run of the three vCenter areas, as the simulator counts them: one
    // REST and one SOAP session (VCenterConnection), not one per area.
    const VcSimLogins loginsBefore = readVcSimLogins(sim, fixture.pin());
    r = runVlab(vlab,
                {u"audit"_s, file, u"--only"_s, u"vcenter,vcha,vds"_s, u"--vcenter"_s, sim, u"--format"_s,
                 u"json"_s, u"--timeout"_s, u"5000"_s},
                env);
    const VcSimLogins logins = readVcSimLogins(sim, fixture.pin()) - loginsBefore;
    if (r.exitCode != 0 || !logins.error.isEmpty())
        return fail(u"counting the logins: exit %1 %2"_s.arg(QString::number(r.exitCode), logins.error));

    // Each round's own ratio: how much the figure moves between rounds.
    QList<double> roundRatios;
    for (int round = 0; round < rounds; ++round) {
        double slowestThisRound = 0;
        for (qsizetype c = 2; c < configs.size(); ++c)
            slowestThisRound = std::max(slowestThisRound, times.at(c).at(round));
        roundRatios.append(times.at(0).at(round) / slowestThisRound);
    }
    std::sort(roundRatios.begin(), roundRatios.end());

    std::printf("vlab audit of the example lab against local peers, medians of %d runs\n", rounds);
    std::printf("  (netscaler: NITRO stand-in; vcenter, vcha, vds: govmomi's simulator; dns, certs,\n"
                "   psc, tcp left out: their peers need root or the SSH tests' shared sshd)\n");
    double slowest = 0, sum = 0;
    QString slowestArea;
    for (qsizetype c = 2; c < configs.size(); ++c) {
        const double m = median(times.at(c));
        std::printf("  %-28s %3d items  %8.1f ms\n", qPrintable(configs.at(c) + u" alone"_s), items.at(c), m);
        sum += m;
        if (m > slowest) {
            slowest = m;
            slowestArea = configs.at(c);
        }
    }
    const double all = median(times.at(0));
    std::printf("  %-28s %3d items  %8.1f ms\n", "vcenter,vcha,vds at once", items.at(1),
                median(times.at(1)));
    std::printf("  %-28s %3d items  %8.1f ms\n", "all four at once", items.at(0), all);
    std::printf("  all at once / slowest single area (%s): %.2fx (aim <= 1.3x)\n", qPrintable(slowestArea),
                all / slowest);
    std::printf("  each round's all at once / its slowest single area: %.2f-%.2fx (median %.2fx)\n",
                roundRatios.constFirst(), roundRatios.constLast(), median(roundRatios));
    std::printf("  all at once / sum of the single areas (one after another): %.2fx\n", all / sum);
    std::printf("  logins of one run of vcenter,vcha,vds: %s\n", qPrintable(logins.text()));
    return 0;
}
