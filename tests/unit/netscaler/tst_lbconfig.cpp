// The NetScaler configuration derived from the plan: object sets, names, and the batch and
// rollback files line by line (the example lab against reviewed golden files in tests/data).
// And the NSIP as typed (IPv6 included) and the file name of the created-objects record.

#include "netscaler/lbconfig.h"
#include "netscaler/nitrojob.h"
#include "netscaler/nitrorecord.h"
#include "plan/planjson.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <limits>

#include <time.h>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {
QStringList lines(const QByteArray &text)
{
    return QString::fromUtf8(text).split(u'\n', Qt::SkipEmptyParts);
}

QStringList golden(const char *name)
{
    QFile f(QStringLiteral(VLAB_TEST_DATA_DIR "/netscaler/") + QLatin1StringView(name));
    if (!f.open(QIODevice::ReadOnly))
        return {u"cannot read golden file"_s};
    return lines(f.readAll());
}

LabPlan threePscs()
{
    LabPlan p = examplePlan();
    p.psc.append(PscNode{u"vcenter-psc03"_s, u"vcenter-psc03.sslab.com"_s, u"192.168.1.214"_s});
    return p;
}
} // namespace

class TestLbConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exampleBatchMatchesGoldenLineByLine()
    {
        const Result<LbConfig> c = LbConfig::fromPlan(examplePlan());
        QVERIFY(c.ok());
        const QStringList actual = lines(renderBatch(*c, u"sslab"_s));
        const QStringList expected = golden("sslab-batch.conf");
        QCOMPARE(actual.size(), expected.size());
        for (qsizetype i = 0; i < actual.size(); ++i)
            QCOMPARE(actual.at(i), expected.at(i));
    }

    void exampleRollbackMatchesGoldenLineByLine()
    {
        const Result<LbConfig> c = LbConfig::fromPlan(examplePlan());
        QVERIFY(c.ok());
        const QStringList actual = lines(renderRollbackBatch(*c, u"sslab"_s));
        const QStringList expected = golden("sslab-rollback.conf");
        QCOMPARE(actual.size(), expected.size());
        for (qsizetype i = 0; i < actual.size(); ++i)
            QCOMPARE(actual.at(i), expected.at(i));
    }

    // Reviewed: the example's files plus exactly psc03's server, services and bindings.
    void threePscFilesMatchGoldenLineByLine()
    {
        const Result<LbConfig> c = LbConfig::fromPlan(threePscs());
        QVERIFY(c.ok());
        for (const auto &[actualText, file] :
             {std::pair{renderBatch(*c, u"sslab"_s), "sslab-3psc-batch.conf"},
              std::pair{renderRollbackBatch(*c, u"sslab"_s), "sslab-3psc-rollback.conf"}}) {
            const QStringList actual = lines(actualText);
            const QStringList expected = golden(file);
            QCOMPARE(actual.size(), expected.size());
            for (qsizetype i = 0; i < actual.size(); ++i)
                QCOMPARE(actual.at(i), expected.at(i));
        }
    }

    void objectCounts_data()
    {
        QTest::addColumn<int>("pscs");
        QTest::addColumn<int>("ports");
        QTest::newRow("example: 2 PSCs, 6 ports") << 2 << 6;
        QTest::newRow("3 PSCs, 6 ports") << 3 << 6;
        QTest::newRow("8 PSCs, 2 ports") << 8 << 2;
        QTest::newRow("1 PSC, 1 port") << 1 << 1;
    }

    void objectCounts()
    {
        QFETCH(int, pscs);
        QFETCH(int, ports);
        LabPlan p = examplePlan();
        p.psc.clear();
        for (int i = 0; i < pscs; ++i)
            p.psc.append(
                PscNode{u"node%1"_s.arg(i), u"node%1.sslab.com"_s.arg(i), u"192.168.1.%1"_s.arg(100 + i)});
        p.loadBalancer.ports = standardPscPorts().mid(0, ports);
        const Result<LbConfig> c = LbConfig::fromPlan(p);
        QVERIFY(c.ok());
        QCOMPARE(c->servers.size(), pscs);
        QCOMPARE(c->services.size(), pscs * ports);
        QCOMPARE(c->vservers.size(), ports);
        QCOMPARE(c->bindings.size(), pscs * ports);
        QCOMPARE(c->group.vservers.size(), ports);
        // Every binding joins a virtual server and a service of the same port.
        for (const NsBinding &b : c->bindings) {
            const auto vs = std::find_if(c->vservers.cbegin(), c->vservers.cend(),
                                         [&](const NsVserver &v) { return v.name == b.vserver; });
            const auto svc = std::find_if(c->services.cbegin(), c->services.cend(),
                                          [&](const NsService &s) { return s.name == b.service; });
            QVERIFY(vs != c->vservers.cend() && svc != c->services.cend());
            QCOMPARE(vs->port, svc->port);
        }
    }

    void threePscBatch()
    {
        const Result<LbConfig> c = LbConfig::fromPlan(threePscs());
        QVERIFY(c.ok());
        const QStringList batch = lines(renderBatch(*c, u"sslab"_s));
        QVERIFY(batch.contains(u"add server psc-srv-vcenter-psc03 192.168.1.214"_s));
        QVERIFY(batch.contains(u"add service psc-svc-vcenter-psc03-2014 psc-srv-vcenter-psc03 TCP 2014"_s));
        QVERIFY(batch.contains(u"bind lb vserver psc-vs-636 psc-svc-vcenter-psc03-636"_s));
        QCOMPARE(batch.filter(QRegularExpression(u"^add server "_s)).size(), 3);
        QCOMPARE(batch.filter(QRegularExpression(u"^add service "_s)).size(), 18);
        QCOMPARE(batch.filter(QRegularExpression(u"^add lb vserver .* TCP 192\\.168\\.1\\.210 "_s)).size(),
                 6);
        QCOMPARE(batch.filter(QRegularExpression(u"^bind lb vserver "_s)).size(), 18);
        QCOMPARE(batch.filter(QRegularExpression(u"^bind lb group psc-persist "_s)).size(), 6);
        QCOMPARE(batch.constLast(), u"save ns config"_s);
        // Dependency order: every object is added before anything refers to it.
        QSet<QString> known;
        for (const QString &line : batch) {
            const QStringList w = line.split(u' ');
            if (line.startsWith(u"add server "_s))
                known.insert(w.at(2));
            else if (line.startsWith(u"add lb group "_s))
                known.insert(w.at(3));
            else if (line.startsWith(u"add service "_s)) {
                QVERIFY2(known.contains(w.at(3)), qPrintable(line));
                known.insert(w.at(2));
            } else if (line.startsWith(u"add lb vserver "_s))
                known.insert(w.at(3));
            else if (line.startsWith(u"bind lb "_s) || line.startsWith(u"set lb group "_s)) {
                QVERIFY2(known.contains(w.at(3)), qPrintable(line));
                if (w.size() > 4 && !w.at(4).startsWith(u'-'))
                    QVERIFY2(known.contains(w.at(4)), qPrintable(line));
            }
        }
    }

    void rollbackUndoesExactlyTheBatch()
    {
        const Result<LbConfig> c = LbConfig::fromPlan(threePscs());
        QVERIFY(c.ok());
        // The SNIP may have existed before the batch: the rollback names it only as a comment.
        const QStringList batch = lines(renderBatch(*c, u"sslab"_s))
                                      .filter(QRegularExpression(u"^(add|bind) "_s))
                                      .filter(QRegularExpression(u"^(?!add ns ip )"_s));
        const QStringList all = lines(renderRollbackBatch(*c, u"sslab"_s));
        QStringList undo = all.filter(QRegularExpression(u"^(rm|unbind) "_s));
        QVERIFY(all.contains(
            u"# Only if the batch added the SNIP (it did not exist before): rm ns ip 192.168.1.201"_s));
        QCOMPARE(undo.size(), batch.size());
        // Reversed, each undo line is the inverse of the batch line at the same place.
        std::reverse(undo.begin(), undo.end());
        for (qsizetype i = 0; i < batch.size(); ++i) {
            QString inverse = batch.at(i);
            if (inverse.startsWith(u"add "_s)) {
                inverse.replace(0, 4, u"rm "_s);
                // "rm server NAME", "rm service NAME", "rm lb vserver NAME", "rm lb group NAME"
                const QStringList w = inverse.split(u' ');
                inverse = w.at(1) == u"lb"_s ? w.mid(0, 4).join(u' ') : w.mid(0, 3).join(u' ');
            } else {
                inverse.prepend(u"un"_s);
            }
            QCOMPARE(undo.at(i), inverse);
        }
    }

    void namesAreValidAndUnique_data()
    {
        QTest::addColumn<QStringList>("pscNames");
        QTest::addColumn<QString>("prefix");
        QTest::newRow("spaces and slashes") << QStringList{u"psc 1"_s, u"psc/2"_s} << u"psc"_s;
        QTest::newRow("collide after cleaning") << QStringList{u"a b"_s, u"a_b"_s, u"A_B"_s} << u"x"_s;
        QTest::newRow("empty names") << QStringList{QString(), QString()} << u"lab"_s;
        QTest::newRow("very long") << QStringList{QString(200, u'n'), QString(200, u'n')} << u"p"_s;
        QTest::newRow("non-ASCII") << QStringList{u"pße1"_s, u"pße2"_s} << u"ns"_s;
    }

    void namesAreValidAndUnique()
    {
        QFETCH(QStringList, pscNames);
        QFETCH(QString, prefix);
        LabPlan p = examplePlan();
        p.loadBalancer.namePrefix = prefix;
        p.psc.clear();
        for (qsizetype i = 0; i < pscNames.size(); ++i)
            p.psc.append(PscNode{pscNames.at(i), u"n%1.sslab.com"_s.arg(i), u"192.168.1.%1"_s.arg(100 + i)});
        const Result<LbConfig> c = LbConfig::fromPlan(p);
        QVERIFY(c.ok());
        QStringList all;
        for (const NsServer &s : c->servers)
            all << s.name;
        for (const NsService &s : c->services)
            all << s.name;
        for (const NsVserver &v : c->vservers)
            all << v.name;
        all << c->group.name;
        static const QRegularExpression valid(u"^[A-Za-z0-9_][A-Za-z0-9_#.:@=-]{0,126}$"_s);
        QSet<QString> seen;
        for (const QString &name : std::as_const(all)) {
            QVERIFY2(valid.match(name).hasMatch(), qPrintable(name));
            QVERIFY2(!seen.contains(name.toLower()),
                     qPrintable(name)); // NetScaler compares names case-insensitively
            seen.insert(name.toLower());
        }
    }

    // #14 finding 1 and 5: a line break in the lab name (a comment) or in the persistence
    // type (an argument) made the next line a NetScaler command. Every line of both batch files
    // is one command or one comment, whatever the plan holds.
    void batchLinesStayCommands()
    {
        LabPlan p = examplePlan();
        p.lab.name = u"sslab\nadd system user evil Evil#Pass1\n#"_s;
        p.loadBalancer.persistence.type = u"SOURCEIP\nadd system user evil2 Evil#Pass2"_s;
        p.psc[0].name = u"psc\n\"01\" add system user"_s;
        const Result<LbConfig> c = LbConfig::fromPlan(p);
        QVERIFY(c.ok());
        static const QRegularExpression command(
            u"^(# [^\n]*|enable ns feature LB|add (server|service|lb vserver|lb group|ns ip) .+|bind lb "
            u"(vserver|group) .+|"
            u"set lb group .+|unbind lb (vserver|group) .+|rm (server|service|lb vserver|lb group) .+|save ns config)$"_s);
        for (const QByteArray &file : {renderBatch(*c, p.lab.name), renderRollbackBatch(*c, p.lab.name)}) {
            const QStringList all = lines(file);
            for (const QString &line : all)
                QVERIFY2(command.match(line).hasMatch() && !line.startsWith(u"add system"_s),
                         qPrintable(line));
        }
        QVERIFY(lines(renderBatch(*c, p.lab.name))
                    .contains(u"set lb group psc-persist -persistenceType \"SOURCEIP?add system user evil2 "
                              u"Evil#Pass2\" "
                              u"-timeout 1440"_s));
    }

    // 20 000 PSCs of one name took 61 s (each new name retried every suffix from 2 up). The
    // cost is compared with a tenth of the PSCs in the same run, so a slow or loaded machine
    // (or a sanitizer build) does not matter: linear work grows about 10 times, the old
    // quadratic one 100 times.
    void manySameNamesAreLinear()
    {
        const auto plan = [](int count) {
            LabPlan p = examplePlan();
            p.psc.clear();
            for (int i = 0; i < count; ++i)
                p.psc.append(
                    PscNode{u"psc"_s, u"n%1.sslab.com"_s.arg(i),
                            u"10.%1.%2.%3"_s.arg(QString::number(i / 65536), QString::number(i / 256 % 256),
                                                 QString::number(i % 256))});
            p.loadBalancer.ports = {443};
            return p;
        };
        // The CPU time of this thread (time other processes take is not counted), the least of
        // three runs: what the work costs, not what else the machine did.
        const auto cpuNs = [] {
            timespec t{};
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
            return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
        };
        const auto cost = [&cpuNs](const LabPlan &p, Result<LbConfig> *last) {
            qint64 best = std::numeric_limits<qint64>::max();
            for (int run = 0; run < 3; ++run) {
                const qint64 start = cpuNs();
                *last = LbConfig::fromPlan(p);
                best = std::min(best, cpuNs() - start);
            }
            return best;
        };
        Result<LbConfig> small = Error{};
        Result<LbConfig> large = Error{};
        const qint64 smallNs = cost(plan(2000), &small);
        const qint64 largeNs = cost(plan(20000), &large);
        QVERIFY(small.ok() && large.ok());
        QCOMPARE(large->servers.size(), qsizetype(20000));
        QCOMPARE(large->servers.at(19999).name, u"psc-srv-psc-20000"_s);
        const double ratio = double(largeNs) / double(std::max<qint64>(smallNs, 1));
        QVERIFY2(ratio < 35.0,
                 qPrintable(u"10x the PSCs cost %1x the time (%2 ms vs %3 ms)"_s.arg(
                     QString::number(ratio, 'f', 1), QString::number(largeNs / 1e6, 'f', 1),
                     QString::number(smallNs / 1e6, 'f', 1))));
    }

    void refusesPlansItCannotBalance_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no PSC") << u"psc"_s << u"no PSC"_s;
        QTest::newRow("no port") << u"ports"_s << u"no port"_s;
        QTest::newRow("bad VIP") << u"vip"_s << u"loadBalancer.vip"_s;
        QTest::newRow("bad PSC address") << u"pscip"_s << u"psc[1].ip"_s;
    }

    void refusesPlansItCannotBalance()
    {
        QFETCH(QString, field);
        QFETCH(QString, expected);
        LabPlan p = examplePlan();
        if (field == u"psc"_s)
            p.psc.clear();
        else if (field == u"ports"_s)
            p.loadBalancer.ports.clear();
        else if (field == u"vip"_s)
            p.loadBalancer.vip = u"192.168.1"_s;
        else
            p.psc[1].ip = u"x"_s;
        const Result<LbConfig> c = LbConfig::fromPlan(p);
        QVERIFY(!c.ok());
        QVERIFY2(c.error().message.contains(expected), qPrintable(c.error().message));
    }

    void nsipAddress_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("host"); // empty: refused
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("address");
        QTest::newRow("IPv4") << u"192.168.1.20"_s << u"192.168.1.20"_s << 443 << u"192.168.1.20"_s;
        QTest::newRow("IPv4 and port")
            << u"192.168.1.20:8443"_s << u"192.168.1.20"_s << 8443 << u"192.168.1.20:8443"_s;
        QTest::newRow("name") << u"ns01.sslab.com"_s << u"ns01.sslab.com"_s << 443 << u"ns01.sslab.com"_s;
        QTest::newRow("localhost") << u"localhost:9443"_s << u"localhost"_s << 9443 << u"localhost:9443"_s;
        QTest::newRow("IPv6 with port")
            << u"[fd00::20]:8443"_s << u"fd00::20"_s << 8443 << u"[fd00::20]:8443"_s;
        QTest::newRow("IPv6 loopback, 443") << u"[::1]:443"_s << u"::1"_s << 443 << u"::1"_s;
        QTest::newRow("bare IPv6") << u"fd00::20"_s << u"fd00::20"_s << 443 << u"fd00::20"_s;
        QTest::newRow("short name") << u"ns01"_s << QString() << 0 << QString();
        QTest::newRow("port 0") << u"192.168.1.20:0"_s << QString() << 0 << QString();
        QTest::newRow("two double colons") << u"fd00::20::8443"_s << QString() << 0 << QString();
    }
    void nsipAddress()
    {
        QFETCH(QString, text);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, address);
        const Result<NitroTarget> target = NitroTarget::parseAddress(text);
        QCOMPARE(target.ok(), !host.isEmpty());
        if (!target) {
            QCOMPARE(target.error().code, u"nitro.address"_s);
            QVERIFY2(target.error().message.contains(u"not a valid NSIP"_s),
                     qPrintable(target.error().message));
            return;
        }
        QCOMPARE(target->host, host);
        QCOMPARE(int(target->port), port);
        QCOMPARE(target->address(), address);
    }

    void recordFileNameHasNoColon()
    {
        // An IPv6 address has colons, which some file systems refuse in a name.
        QCOMPARE(nitroRecordPath(u"/lab"_s, u"fd00::20"_s), u"/lab/netscaler-created-fd00%3A%3A20.json"_s);
        QCOMPARE(nitroRecordPath(u"/lab"_s, u"[fd00::20]:8443"_s),
                 u"/lab/netscaler-created-%5Bfd00%3A%3A20%5D%3A8443.json"_s);
    }
};

QTEST_GUILESS_MAIN(TestLbConfig)
#include "tst_lbconfig.moc"
