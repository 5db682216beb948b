// Benchmarks (not tests): each figure is a ratio against a baseline measured in the same run.
//  1. Cold start of vlab-wizard to its first shown window, against a bare QWizard program
//     built in the same tree (aim: <= 2x), and its idle RSS (aim: <= 60 MB).
//  2. `vlab validate` of a generated plan with 200 PSCs, against `vlab --version` (the cost
//     of starting the process at all); the absolute time must stay well under a second.
// Usage: bench_runner WIZARD BARE_WIZARD VLAB [RUNS]

#include "plan/planjson.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    double wallMs = -1;
    double shownMs = -1;
    double rssKb = -1;
    int exitCode = -1;
};

Run runOnce(const QString &program, const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    p.setProcessEnvironment(env);
    QElapsedTimer timer;
    timer.start();
    p.start(program, args);
    Run run;
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(5000);
        return run;
    }
    run.wallMs = double(timer.nsecsElapsed()) / 1e6;
    run.exitCode = p.exitCode();
    static const QRegularExpression re(u"shown_ms=([0-9.]+) rss_kb=(\\d+)"_s);
    const auto m = re.match(QString::fromLocal8Bit(p.readAllStandardOutput()));
    if (m.hasMatch()) {
        run.shownMs = m.captured(1).toDouble();
        run.rssKb = m.captured(2).toDouble();
    }
    return run;
}

double median(QList<double> v)
{
    if (v.isEmpty())
        return -1;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v.at(v.size() / 2) : (v.at(v.size() / 2 - 1) + v.at(v.size() / 2)) / 2;
}

struct Series
{
    QList<double> wall, shown, rss;
    bool failed = false;
};

// Alternates the two programs run by run, so drift on the machine hits both alike.
std::pair<Series, Series> compare(const QString &a, const QStringList &aArgs, const QString &b,
                                  const QStringList &bArgs, int runs, bool expectZeroExit = true)
{
    Series sa, sb;
    runOnce(a, aArgs); // warm the page cache for both: we measure start-up, not the disk
    runOnce(b, bArgs);
    for (int i = 0; i < runs; ++i) {
        for (auto [program, args, series] : {std::tuple{a, aArgs, &sa}, std::tuple{b, bArgs, &sb}}) {
            const Run r = runOnce(program, args);
            if (r.wallMs < 0 || (expectZeroExit && r.exitCode != 0)) {
                series->failed = true;
                continue;
            }
            series->wall << r.wallMs;
            if (r.shownMs >= 0) {
                series->shown << r.shownMs;
                series->rss << r.rssKb;
            }
        }
    }
    return {sa, sb};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: bench_runner WIZARD BARE_WIZARD VLAB [RUNS]\n");
        return 2;
    }
    const QString wizard = args.at(1), bare = args.at(2), vlab = args.at(3);
    const int runs = args.size() > 4 ? std::max(3, args.at(4).toInt()) : 15;
    int failures = 0;

    std::printf("vLab Wizard benchmarks (%d runs each, medians, offscreen platform)\n\n", runs);

    // 1. Start-up.
    {
        const auto [w, b] = compare(wizard, {u"--bench-startup"_s}, bare, {}, runs);
        if (w.failed || b.failed || w.shown.isEmpty() || b.shown.isEmpty()) {
            std::printf("start-up: FAILED to run one of the programs\n");
            ++failures;
        } else {
            const double ws = median(w.shown), bs = median(b.shown);
            const double ww = median(w.wall), bw = median(b.wall);
            std::printf("start-up to first shown window:\n");
            std::printf("  vlab-wizard   %7.1f ms shown, %7.1f ms process\n", ws, ww);
            std::printf("  bare QWizard  %7.1f ms shown, %7.1f ms process\n", bs, bw);
            std::printf("  ratio         %7.2fx shown, %7.2fx process   (aim <= 2x)\n",
                        bs > 0 ? ws / bs : 0.0, bw > 0 ? ww / bw : 0.0);
            std::printf("idle RSS after first show:\n");
            std::printf("  vlab-wizard   %7.1f MB\n  bare QWizard  %7.1f MB   (aim <= 60 MB)\n\n",
                        median(w.rss) / 1024.0, median(b.rss) / 1024.0);
        }
    }

    // 2. Validation of a large plan.
    {
        QTemporaryDir dir;
        vlab::LabPlan plan = vlab::examplePlan();
        plan.network.cidr = u"10.20.0.0/16"_s;
        plan.network.gateway = u"10.20.0.1"_s;
        plan.psc.clear();
        plan.certificate.san = {plan.loadBalancer.fqdn};
        for (int i = 0; i < 200; ++i) {
            const QString name = u"psc%1"_s.arg(i + 1, 3, 10, QChar(u'0'));
            plan.psc.append(
                {name, name + u".sslab.com"_s,
                 u"10.20.%1.%2"_s.arg(QString::number(1 + i / 200), QString::number(10 + i % 200))});
            plan.certificate.san << name + u".sslab.com"_s;
        }
        plan.loadBalancer.vip = u"10.20.9.10"_s;
        plan.loadBalancer.nsip = u"10.20.9.11"_s;
        plan.loadBalancer.snip = u"10.20.9.12"_s;
        plan.vcenter.ip = u"10.20.9.13"_s;
        const QString big = dir.filePath(u"big.vlab.json"_s);
        const QString small = dir.filePath(u"sslab.vlab.json"_s);
        if (!vlab::savePlanFile(plan, big) || !vlab::savePlanFile(vlab::examplePlan(), small)) {
            std::printf("validate: FAILED to write the plans\n");
            return 1;
        }
        const auto [v200, version] = compare(vlab, {u"validate"_s, big}, vlab, {u"--version"_s}, runs, false);
        const auto [v2, unused] = compare(vlab, {u"validate"_s, small}, vlab, {u"--version"_s}, runs, false);
        Q_UNUSED(unused)
        if (v200.wall.isEmpty() || version.wall.isEmpty() || v2.wall.isEmpty()) {
            std::printf("validate: FAILED to run vlab\n");
            ++failures;
        } else {
            const double big200 = median(v200.wall), base = median(version.wall), ex = median(v2.wall);
            std::printf("vlab validate (whole process):\n");
            std::printf("  200 PSCs (%lld bytes)  %7.1f ms\n", static_cast<long long>(QFileInfo(big).size()),
                        big200);
            std::printf("  example plan          %7.1f ms\n", ex);
            std::printf("  vlab --version        %7.1f ms (process start baseline)\n", base);
            std::printf("  ratio 200 PSCs / baseline  %5.2fx; validation itself ~%.1f ms   (must stay well "
                        "under 1000 ms)\n",
                        base > 0 ? big200 / base : 0.0, big200 - base);
        }
    }
    return failures ? 1 : 0;
}
