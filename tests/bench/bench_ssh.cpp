// Benchmark (not a test) of issue 6, point 7: lib/remote against OpenSSH's own clients, on the
// same sshd (tests/fixtures/sshdfixture.h: 127.0.0.1, a throwaway ed25519 host key) with
// the same client key, both measured in this run, alternating run by run:
//  - command round trip: connect + log in + `true` with SshSession, against
//    `ssh -F /dev/null -o BatchMode=yes ... true` (a whole process, as a person or a script
//    runs it); also SshSession::exec on a session that is already open (how the jobs use it);
//  - upload of a 50 MB file: SshSession::upload (SFTP, mode set, then size and SHA-256
//    checked on the server), against `scp` (SFTP protocol by default since OpenSSH 9).
//    The check is part of what the product does; its share is printed separately.
// Medians of RUNS (default 15 round trips; uploads: RUNS / 3, at least 3).
// Usage: bench_ssh [RUNS]

#include "sshdfixture.h"

#include "remote/sshsession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace vlab;

namespace {

double median(QList<double> v)
{
    if (v.isEmpty())
        return -1;
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

// Wall time of one whole process in ms; -1 when it failed.
double runProcess(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer timer;
    timer.start();
    p.start(program, args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "%s failed: %s\n", qPrintable(program), p.readAll().constData());
        return -1;
    }
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? qMax(3, QString::fromLocal8Bit(argv[1]).toInt()) : 15;
    const int uploadRuns = qMax(3, runs / 3);

    SshdFixture sshd;
    const SshdStart started = sshd.start();
    if (!started.started()) {
        std::printf("bench_ssh: no sshd (%s); skipped\n", qPrintable(started.why));
        return started.outcome == SshdStart::Outcome::Unavailable ? 0 : 1;
    }
    QTemporaryDir work;
    const QString knownHosts = work.filePath(u"known_hosts"_s);
    SshConnectOptions options;
    options.endpoint = SshEndpoint{sshd.user(), sshd.host(), int(sshd.port())};
    options.knownHostsFile = knownHosts;
    options.acceptFingerprint = sshd.hostKeyFingerprint();
    options.timeout = 30s;
    const SshCredentials key{{}, sshd.clientKeyFile(), {}};
    {
        SshSession first; // records the host key, which the ssh client then reads too
        if (!first.connect(options) || !first.authenticate(key)) {
            std::printf("bench_ssh: cannot log in\n");
            return 1;
        }
    }
    options.acceptFingerprint.clear();
    const QString ssh = SshdFixture::findTool(u"ssh"_s);
    const QString scp = SshdFixture::findTool(u"scp"_s);
    const QStringList common = {u"-F"_s, u"/dev/null"_s,
                                u"-o"_s, u"BatchMode=yes"_s,
                                u"-o"_s, u"StrictHostKeyChecking=yes"_s,
                                u"-o"_s, u"UserKnownHostsFile="_s + knownHosts,
                                u"-o"_s, u"GlobalKnownHostsFile=/dev/null"_s,
                                u"-i"_s, sshd.clientKeyFile()};
    const QString target = u"%1@%2"_s.arg(sshd.user(), sshd.host());

    // Command round trips.
    QList<double> ours, theirs, open;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        SshSession s;
        if (!s.connect(options) || !s.authenticate(key)) {
            std::printf("bench_ssh: connect failed\n");
            return 1;
        }
        const Result<ExecResult> r = s.exec(u"true"_s, 30s);
        if (!r || r->exitStatus != 0) {
            std::printf("bench_ssh: exec failed\n");
            return 1;
        }
        s.disconnect();
        ours << double(timer.nsecsElapsed()) / 1e6;
        theirs << runProcess(ssh,
                             common + QStringList{u"-p"_s, QString::number(sshd.port()), target, u"true"_s});
    }
    {
        SshSession s;
        if (!s.connect(options) || !s.authenticate(key))
            return 1;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer timer;
            timer.start();
            const Result<ExecResult> r = s.exec(u"true"_s, 30s);
            if (!r)
                return 1;
            open << double(timer.nsecsElapsed()) / 1e6;
        }
    }
    if (theirs.contains(-1))
        return 1;

    // Uploads of 50 MB.
    const qint64 size = 50 * 1024 * 1024;
    const QString local = work.filePath(u"50mb.bin"_s);
    {
        QFile f(local);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        QByteArray block(1024 * 1024, Qt::Uninitialized);
        for (qint64 done = 0; done < size; done += block.size()) {
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(block.data()),
                                                  block.size() / 4);
            f.write(block);
        }
    }
    QList<double> up, scpTimes, verify;
    for (int i = 0; i < uploadRuns; ++i) {
        SshSession s;
        if (!s.connect(options) || !s.authenticate(key))
            return 1;
        const QString remote = sshd.remoteDir() + u"/bench-ours.bin"_s;
        QElapsedTimer timer;
        timer.start();
        const Result<UploadResult> r = s.upload(local, remote, 0644);
        if (!r) {
            std::printf("bench_ssh: upload failed: %s\n", qPrintable(r.error().message));
            return 1;
        }
        up << double(timer.nsecsElapsed()) / 1e6;
        timer.restart();
        if (!s.remoteSha256(remote))
            return 1;
        verify << double(timer.nsecsElapsed()) / 1e6;
        QFile::remove(remote);
        // scp connects as part of its run: count our connect in too, for the same work.
        scpTimes << runProcess(scp,
                               common
                                   + QStringList{u"-q"_s, u"-P"_s, QString::number(sshd.port()), local,
                                                 target + u":"_s + sshd.remoteDir() + u"/bench-scp.bin"_s});
        QFile::remove(sshd.remoteDir() + u"/bench-scp.bin"_s);
    }
    if (scpTimes.contains(-1))
        return 1;

    const double mb = double(size) / (1024.0 * 1024.0);
    const double oursMs = median(ours), sshMs = median(theirs), openMs = median(open);
    const double upMs = median(up), scpMs = median(scpTimes), verifyMs = median(verify);
    std::printf("SSH command round trip, median of %d (connect + log in + `true`):\n", runs);
    std::printf("  SshSession            %8.1f ms\n", oursMs);
    std::printf("  ssh client (process)  %8.1f ms\n", sshMs);
    std::printf("  ratio ssh/SshSession  %8.2fx (above 1: SshSession is faster)\n", sshMs / oursMs);
    std::printf("  exec on an open SshSession: %.2f ms\n", openMs);
    std::printf("SFTP upload of %.0f MB, median of %d:\n", mb, uploadRuns);
    std::printf("  SshSession::upload    %8.1f ms  %7.1f MB/s (incl. mode, size and SHA-256 check; the check "
                "alone: %.1f ms)\n",
                upMs, mb / (upMs / 1000.0), verifyMs);
    std::printf("  scp (process)         %8.1f ms  %7.1f MB/s\n", scpMs, mb / (scpMs / 1000.0));
    std::printf(
        "  throughput ratio      %8.2fx of scp with the check, %.2fx without it (aim: at least 0.5x)\n",
        scpMs / upMs, scpMs / qMax(1.0, upMs - verifyMs));
    return 0;
}
