// Benchmark (not a test) of issue 7, point 9: the live pre-checks all at once.
// 30 checks with a 2 s time limit each, 5 of which never answer (NTP queries to a UDP socket
// that never replies), the rest answered by real servers on loopback (dnsmasq, chronyd, TCP
// and TLS listeners, closed ports; see tests/fixtures/precheckservers.h). They run through
// addPrecheckJobs() as one bounded parallel group, as `vlab precheck` and the wizard run
// them, and again one after another (each alone in its own queue), in the same process. The
// aim: all at once takes <= 1.3x the slowest single check.
// Without root, dnsmasq and chronyd cannot start: their checks are replaced by port checks.
// Usage: bench_precheck [ROUNDS]   (all-at-once rounds, default 3; one sequential round)

#include "precheckservers.h"

#include "jobs/jobqueue.h"
#include "precheck/dnscheck.h"
#include "precheck/ntpcheck.h"
#include "precheck/portcheck.h"
#include "precheck/precheckplan.h"
#include "precheck/tlscheck.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using Host = PrecheckServers::Host;

namespace {

constexpr int kChecks = 30;
constexpr int kSilent = 5;
constexpr int kLimitMs = 2000;
constexpr int kQueueDeadlineMs = 120000; // a round that takes this long has hung

struct Round
{
    double wallMs = -1;
    QList<double> checkMs; // wall time of each check, when run alone
    QList<vlab::CheckStatus> statuses;
    QList<QString> messages;
};

// The 30 checks, fresh each time; the never-answering ones spread through the list.
QList<vlab::CheckJob *> makeChecks(const PrecheckServers &s, bool dns, bool ntp, bool tls, QStringList *mix)
{
    QList<vlab::CheckJob *> answered;
    int nDns = 0, nNtp = 0, nTls = 0, nPorts = 0;
    if (dns) {
        const QList<QHostAddress> servers = {s.dnsServer()};
        for (Host h : {Host::Psc01, Host::Psc02, Host::LoadBalancer, Host::VCenter01}) {
            answered << new vlab::DnsCheck(vlab::DnsCheck::Mode::Forward, s.fqdn(h), s.address(h), servers,
                                           u"bench"_s, kLimitMs)
                     << new vlab::DnsCheck(vlab::DnsCheck::Mode::Reverse, s.fqdn(h), s.address(h), servers,
                                           u"bench"_s, kLimitMs);
            nDns += 2;
        }
    }
    if (ntp) {
        for (int i = 0; i < 2; ++i, ++nNtp)
            answered << new vlab::NtpCheck(s.ntpHost(), s.ntpPort(), 1000, kLimitMs);
    }
    if (tls) {
        for (Host h : {Host::Psc01, Host::LoadBalancer, Host::Psc02}) {
            answered << new vlab::TlsCheck(s.tcpHost(), s.tlsPort(), s.fqdn(h), u"bench"_s, kLimitMs);
            ++nTls;
        }
    }
    for (int i = 0; answered.size() < kChecks - kSilent; ++i, ++nPorts) {
        const quint16 port = i % 2 ? s.closedTcpPort() : s.openTcpPort();
        answered << new vlab::PortCheck(s.tcpHost(), port, u"bench"_s, u"bench"_s, kLimitMs);
    }
    QList<vlab::CheckJob *> all;
    const int every = kChecks / kSilent; // one silent check in every 6
    for (int i = 0, a = 0; i < kChecks; ++i) {
        if (i % every == every - 1)
            all << new vlab::NtpCheck(s.tcpHost(), s.silentUdpPort(), 1000, kLimitMs);
        else
            all << answered.at(a++);
    }
    if (mix) {
        *mix = QStringList{u"%1 never answer (NTP to a silent UDP socket)"_s.arg(kSilent)};
        if (nDns)
            *mix << u"%1 DNS (dnsmasq)"_s.arg(nDns);
        if (nNtp)
            *mix << u"%1 NTP (chronyd)"_s.arg(nNtp);
        if (nTls)
            *mix << u"%1 TLS"_s.arg(nTls);
        *mix << u"%1 TCP ports (open, refused)"_s.arg(nPorts);
    }
    return all;
}

// Runs the checks as one queue's parallel group; false when it did not finish in time.
bool runQueue(const QList<vlab::CheckJob *> &jobs, int maxInFlight)
{
    vlab::JobQueue queue;
    vlab::PrecheckOptions options;
    options.maxInFlight = maxInFlight;
    vlab::addPrecheckJobs(queue, jobs, options);
    QEventLoop loop;
    QObject::connect(&queue, &vlab::JobQueue::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(kQueueDeadlineMs, &loop, &QEventLoop::quit);
    queue.start();
    if (!queue.isDone())
        loop.exec();
    const bool done = queue.isDone();
    for (vlab::CheckJob *job : jobs)
        job->setParent(nullptr); // the caller reads them after the queue is gone
    return done;
}

void collect(Round &round, const QList<vlab::CheckJob *> &jobs)
{
    for (const vlab::CheckJob *job : jobs) {
        round.statuses << job->checkResult().status;
        round.messages << job->checkResult().message;
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 3;

    PrecheckServers servers;
    const ServerStart tcp = servers.startTcp();
    if (!tcp.started()) {
        std::printf("precheck: FAILED: %s\n", qPrintable(tcp.why));
        return 1;
    }
    const ServerStart tls = servers.startTls(), dns = servers.startDns(), ntp = servers.startNtp();
    for (const auto &[name, start] :
         {std::pair{"tls", tls}, std::pair{"dnsmasq", dns}, std::pair{"chronyd", ntp}}) {
        if (!start.started())
            std::printf("precheck: without %s (%s)\n", name, qPrintable(start.why));
    }
    const vlab::PrecheckOptions defaults;
    QStringList mix;
    qDeleteAll(makeChecks(servers, dns.started(), ntp.started(), tls.started(), &mix));

    // One after another: each check alone in its own queue, timed on its own.
    Round sequential;
    {
        const QList<vlab::CheckJob *> jobs =
            makeChecks(servers, dns.started(), ntp.started(), tls.started(), nullptr);
        QElapsedTimer total;
        total.start();
        for (vlab::CheckJob *job : jobs) {
            QElapsedTimer one;
            one.start();
            if (!runQueue({job}, defaults.maxInFlight)) {
                std::printf("precheck: FAILED: %s did not finish\n", qPrintable(job->title()));
                return 1;
            }
            sequential.checkMs << double(one.nsecsElapsed()) / 1e6;
        }
        sequential.wallMs = double(total.nsecsElapsed()) / 1e6;
        collect(sequential, jobs);
        qDeleteAll(jobs);
    }

    // All at once, as `vlab precheck` runs them.
    QList<Round> parallel;
    for (int r = 0; r < rounds; ++r) {
        Round round;
        const QList<vlab::CheckJob *> jobs =
            makeChecks(servers, dns.started(), ntp.started(), tls.started(), nullptr);
        QElapsedTimer total;
        total.start();
        if (!runQueue(jobs, defaults.maxInFlight)) {
            std::printf("precheck: FAILED: the parallel group did not finish\n");
            return 1;
        }
        round.wallMs = double(total.nsecsElapsed()) / 1e6;
        collect(round, jobs);
        qDeleteAll(jobs);
        parallel << round;
    }

    const double slowest = *std::max_element(sequential.checkMs.cbegin(), sequential.checkMs.cend());
    const auto passed =
        std::count(sequential.statuses.cbegin(), sequential.statuses.cend(), vlab::CheckStatus::Pass);
    const auto noAnswer = std::count_if(sequential.messages.cbegin(), sequential.messages.cend(),
                                        [](const QString &m) { return m.contains(u"did not answer"_s); });
    bool agree = true;
    double worst = 0;
    for (const Round &round : std::as_const(parallel)) {
        agree = agree && round.statuses == sequential.statuses;
        worst = std::max(worst, round.wallMs);
    }

    std::printf("precheck: %d checks, %d ms limit each, at most %d in flight\n", kChecks, kLimitMs,
                defaults.maxInFlight);
    std::printf("  mix: %s\n", qPrintable(mix.join(u", "_s)));
    std::printf("  outcomes: %lld pass, %lld fail (%lld of them no answer); all-at-once rounds agree: %s\n",
                static_cast<long long>(passed), static_cast<long long>(kChecks - passed),
                static_cast<long long>(noAnswer), agree ? "yes" : "NO");
    std::printf("  one after another:  %8.1f ms in all, slowest single check %.1f ms\n", sequential.wallMs,
                slowest);
    for (int r = 0; r < parallel.size(); ++r)
        std::printf("  all at once, run %d: %8.1f ms = %.3fx the slowest single check\n", r + 1,
                    parallel.at(r).wallMs, parallel.at(r).wallMs / slowest);
    std::printf("  ratio all at once (worst of %d) / slowest single check: %.3fx  (aim <= 1.3x: %s)\n",
                int(parallel.size()), worst / slowest, worst / slowest <= 1.3 ? "met" : "MISSED");
    std::printf("  speed-up over one after another: %.1fx\n", sequential.wallMs / worst);
    return agree && noAnswer == kSilent ? 0 : 1;
}
