// Benchmark (not a test) of issue 8, point 9: the runbook of the example lab, time and size
// (aims: under 1 s, under 1 MB). In process: buildRunbook() + writeRunbookPdf() and the
// Markdown; as a user runs it: `vlab runbook` against `vlab --version` (process start-up,
// the baseline), both measured in the same run. Medians of N runs.
// Usage: bench_runbook VLAB [RUNS]

#include "plan/planjson.h"
#include "runbook/runbook.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double runProcess(const QString &program, const QStringList &args)
{
    QElapsedTimer t;
    t.start();
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return -1;
    return double(t.nsecsElapsed()) / 1e6;
}
} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_runbook VLAB [RUNS]\n");
        return 2;
    }
    const QString vlab = QString::fromLocal8Bit(argv[1]);
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 9;
    QTemporaryDir dir;
    const QString pdf = dir.filePath(u"runbook.pdf"_s);
    const vlab::LabPlan plan = vlab::examplePlan();

    std::vector<double> inProcess, markdown, cli, baseline;
    qint64 pdfSize = 0, mdSize = 0;
    const QString planFile = dir.filePath(u"lab.vlab.json"_s);
    if (!vlab::savePlanFile(plan, planFile))
        return 1;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        const vlab::Runbook rb = vlab::buildRunbook(plan);
        if (!vlab::writeRunbookPdf(rb, pdf))
            return 1;
        inProcess.push_back(double(t.nsecsElapsed()) / 1e6);
        pdfSize = QFileInfo(pdf).size();
        t.restart();
        const QByteArray md = vlab::runbookToMarkdown(rb);
        markdown.push_back(double(t.nsecsElapsed()) / 1e6);
        mdSize = md.size();
        cli.push_back(runProcess(vlab, {u"runbook"_s, planFile, u"-o"_s, dir.filePath(u"cli.pdf"_s)}));
        baseline.push_back(runProcess(vlab, {u"--version"_s}));
    }
    std::printf("runbook of the example lab (medians of %d runs)\n", runs);
    std::printf("  in process: build + PDF %.1f ms (%lld bytes), Markdown %.2f ms (%lld bytes)\n",
                median(inProcess), pdfSize, median(markdown), mdSize);
    std::printf(
        "  vlab runbook %.1f ms, vlab --version %.1f ms (process baseline): %.2fx; aims < 1000 ms, < 1 MB\n",
        median(cli), median(baseline), median(cli) / median(baseline));
    return 0;
}
