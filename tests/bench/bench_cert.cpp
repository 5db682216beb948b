// Benchmark (not a test) of issue 3, point 9: making the PSC key and certificate request.
//   `vlab cert csr PLAN -o DIR --backup`  against
//   `openssl req -new -newkey rsa:2048 -nodes -keyout K -out C -config CFG`
// where CFG is what `vlab cert config PLAN -o CFG` writes, so both requests carry the same
// subject and DNS names (checked once before timing). Whole processes, alternating run by
// run; the RSA prime search makes single runs noisy, so median and minimum are printed.
// Also the in-process cost: generateKeyAndCsr() called directly in this process.
// Usage: bench_cert VLAB [RUNS]   (RUNS: at least 15, default 15; the bench target passes 31
// because of that noise; openssl is taken from PATH)

#include "certs/certinfo.h"
#include "certs/csrgenerator.h"
#include "certs/csrrequest.h"
#include "plan/planjson.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

// Wall time of one whole process in ms; -1 when it failed or did not finish.
double runOnce(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer timer;
    timer.start();
    p.start(program, args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(5000);
        return -1;
    }
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "%s %s failed (exit %d):\n%s\n", qPrintable(program),
                     qPrintable(args.join(u' ')), p.exitCode(), p.readAll().constData());
        return -1;
    }
    return ms;
}

struct Stats
{
    double median = -1, min = -1, max = -1;
};

Stats stats(QList<double> v)
{
    Stats s;
    if (v.isEmpty())
        return s;
    std::sort(v.begin(), v.end());
    s.median = v.size() % 2 ? v.at(v.size() / 2) : (v.at(v.size() / 2 - 1) + v.at(v.size() / 2)) / 2;
    s.min = v.constFirst();
    s.max = v.constLast();
    return s;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Subject and DNS names of a request, as `vlab cert show` reads them.
QString describeRequest(const QString &path)
{
    const auto infos = vlab::describeCertificates(readAll(path), path);
    if (!infos || infos->isEmpty())
        return {};
    return infos->constFirst().subject + u" | "_s + infos->constFirst().dnsNames.join(u", "_s) + u" | "_s
        + QString::number(infos->constFirst().keyBits);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_cert VLAB [RUNS]\n");
        return 2;
    }
    const QString vlab = args.at(1);
    const int runs = args.size() > 2 ? std::max(15, args.at(2).toInt()) : 15;
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty()) {
        std::printf("cert csr: FAILED: no openssl on PATH\n");
        return 1;
    }

    QTemporaryDir tmp;
    const QDir dir(tmp.path());
    const QString plan = dir.filePath(QString::fromLatin1(vlab::kExamplePlanFileName));
    const QString cfg = dir.filePath(u"psc_ha_csr_cfg.cfg"_s);
    const QString vlabOut = dir.filePath(u"vlab"_s);
    const QString osslKey = dir.filePath(u"openssl.key"_s);
    const QString osslCsr = dir.filePath(u"openssl.csr"_s);
    {
        QFile f(plan);
        if (!f.open(QIODevice::WriteOnly) || f.write(vlab::examplePlanJson()) < 0) {
            std::printf("cert csr: FAILED to write the plan\n");
            return 1;
        }
    }
    if (runOnce(vlab, {u"cert"_s, u"config"_s, plan, u"-o"_s, cfg}) < 0) {
        std::printf("cert csr: FAILED: vlab cert config\n");
        return 1;
    }

    const QStringList vlabArgs = {u"cert"_s, u"csr"_s, plan, u"-o"_s, vlabOut, u"--backup"_s};
    const QStringList osslArgs = {u"req"_s, u"-new"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                                  osslKey,  u"-out"_s, osslCsr,      u"-config"_s,  cfg};

    // One run each to warm the page cache, and to check that both make the same request.
    if (runOnce(vlab, vlabArgs) < 0 || runOnce(openssl, osslArgs) < 0) {
        std::printf("cert csr: FAILED to run one of the programs\n");
        return 1;
    }
    const QString vlabReq =
        describeRequest(QDir(vlabOut).filePath(QString::fromLatin1(vlab::CertFiles::Csr)));
    const QString osslReq = describeRequest(osslCsr);
    if (vlabReq.isEmpty() || vlabReq != osslReq) {
        std::printf("cert csr: FAILED: the requests differ\n  vlab:    %s\n  openssl: %s\n",
                    qPrintable(vlabReq), qPrintable(osslReq));
        return 1;
    }

    // Run by run: vlab, openssl, the in-process call and the bare process start, so drift on
    // the machine hits all four series alike.
    const vlab::CsrRequest request = vlab::CsrRequest::fromPlan(vlab::examplePlan());
    QList<double> vlabMs, osslMs, inProcessMs, versionMs;
    bool failed = false;
    for (int i = 0; i < runs; ++i) {
        const double v = runOnce(vlab, vlabArgs);
        const double o = runOnce(openssl, osslArgs);
        QElapsedTimer timer;
        timer.start();
        const auto made = vlab::generateKeyAndCsr(request); // no process start, no files
        const double in = double(timer.nsecsElapsed()) / 1e6;
        const double ver = runOnce(vlab, {u"--version"_s});
        if (!made)
            std::fprintf(stderr, "generateKeyAndCsr: %s\n", qPrintable(made.error().message));
        failed = failed || v < 0 || o < 0 || !made || ver < 0;
        if (v >= 0)
            vlabMs << v;
        if (o >= 0)
            osslMs << o;
        if (made)
            inProcessMs << in;
        if (ver >= 0)
            versionMs << ver;
    }

    if (failed || vlabMs.isEmpty() || osslMs.isEmpty() || inProcessMs.isEmpty()) {
        std::printf("cert csr: FAILED to run one of the programs\n");
        return 1;
    }
    const Stats v = stats(vlabMs), o = stats(osslMs), ver = stats(versionMs), in = stats(inProcessMs);
    std::printf("vlab cert csr vs openssl req (RSA %d, same subject and SAN, %d runs each, alternating)\n",
                request.keyBits, runs);
    std::printf("  request: %s\n", qPrintable(vlabReq));
    std::printf("                               median      min      max\n");
    std::printf("  vlab cert csr --backup     %7.1f ms %7.1f ms %7.1f ms\n", v.median, v.min, v.max);
    std::printf("  openssl req -newkey        %7.1f ms %7.1f ms %7.1f ms\n", o.median, o.min, o.max);
    std::printf("  vlab --version             %7.1f ms %7.1f ms %7.1f ms (process start)\n", ver.median,
                ver.min, ver.max);
    std::printf("  generateKeyAndCsr()        %7.1f ms %7.1f ms %7.1f ms (in process)\n", in.median, in.min,
                in.max);
    std::printf("  ratio vlab / openssl        %6.2fx median, %5.2fx min   (aim <= 1.2x)\n",
                o.median > 0 ? v.median / o.median : 0.0, o.min > 0 ? v.min / o.min : 0.0);
    std::printf("  ratio in-process / openssl  %6.2fx median, %5.2fx min\n",
                o.median > 0 ? in.median / o.median : 0.0, o.min > 0 ? in.min / o.min : 0.0);
    std::printf("  (the RSA prime search alone varies from run to run by the min..max above; both\n"
                "   programs use the same libcrypto, so the ratio moves around 1 by chance)\n");
    return 0;
}
