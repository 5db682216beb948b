// The strict IPv4, CIDR and host-name parsers behind the plan validation: the forms people
// mean in a lab plan are accepted, everything QHostAddress would tolerate besides is not.
// And the one "host[:port]" parser every NSIP, vCenter, SSH target and NTP server goes
// through, IPv6 included.

#include "net/hostport.h"
#include "net/netaddr.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vlab;

Q_DECLARE_METATYPE(vlab::CidrProblem)

namespace {
struct HostPortCase
{
    QString text;
    QString host; // empty: refused
    int port = 0; // with the default 443
    bool portGiven = false;
    QString code;  // the error code when refused
    QString shown; // toString(443)
};
} // namespace
Q_DECLARE_METATYPE(HostPortCase)

class TestNetAddr : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseIpv4_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<quint32>("address");

        QTest::newRow("lab address") << u"192.168.1.10"_s << true << quint32(0xc0a8010a);
        QTest::newRow("all zero") << u"0.0.0.0"_s << true << quint32(0);
        QTest::newRow("all ones") << u"255.255.255.255"_s << true << quint32(0xffffffff);
        QTest::newRow("single zero parts") << u"10.0.0.1"_s << true << quint32(0x0a000001);
        QTest::newRow("leading zero") << u"192.168.1.010"_s << false << quint32(0);
        QTest::newRow("double zero") << u"192.168.1.00"_s << false << quint32(0);
        QTest::newRow("leading zero first part") << u"01.2.3.4"_s << false << quint32(0);
        QTest::newRow("256") << u"192.168.1.256"_s << false << quint32(0);
        QTest::newRow("four digits") << u"1000.1.1.1"_s << false << quint32(0);
        QTest::newRow("three parts") << u"192.168.1"_s << false << quint32(0);
        QTest::newRow("five parts") << u"1.2.3.4.5"_s << false << quint32(0);
        QTest::newRow("one number") << u"3232235786"_s << false << quint32(0);
        QTest::newRow("letters") << u"a.b.c.d"_s << false << quint32(0);
        QTest::newRow("hexadecimal") << u"0x7f.0.0.1"_s << false << quint32(0);
        QTest::newRow("empty part") << u"1..2.3"_s << false << quint32(0);
        QTest::newRow("trailing dot") << u"1.2.3.4."_s << false << quint32(0);
        QTest::newRow("leading blank") << u" 1.2.3.4"_s << false << quint32(0);
        QTest::newRow("trailing blank") << u"1.2.3.4 "_s << false << quint32(0);
        QTest::newRow("plus sign") << u"+1.2.3.4"_s << false << quint32(0);
        QTest::newRow("minus sign") << u"1.2.3.-4"_s << false << quint32(0);
        QTest::newRow("Arabic-Indic digits") << u"١.٢.٣.٤"_s << false << quint32(0);
        QTest::newRow("full-width digits") << u"１.２.３.４"_s << false << quint32(0);
        QTest::newRow("with prefix") << u"1.2.3.4/32"_s << false << quint32(0);
        QTest::newRow("empty") << QString() << false << quint32(0);
    }

    void parseIpv4()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(quint32, address);

        const std::optional<quint32> parsed = vlab::parseIpv4(text);
        QCOMPARE(parsed.has_value(), valid);
        if (valid) {
            QCOMPARE(*parsed, address);
            QCOMPARE(formatIpv4(*parsed), text);
        }
    }

    void parseCidr_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<CidrProblem>("problem");
        QTest::addColumn<quint32>("network");
        QTest::addColumn<int>("prefix");

        QTest::newRow("/24") << u"192.168.1.0/24"_s << CidrProblem::None << quint32(0xc0a80100) << 24;
        QTest::newRow("/0") << u"0.0.0.0/0"_s << CidrProblem::None << quint32(0) << 0;
        QTest::newRow("/32") << u"10.0.0.1/32"_s << CidrProblem::None << quint32(0x0a000001) << 32;
        QTest::newRow("/8") << u"10.0.0.0/8"_s << CidrProblem::None << quint32(0x0a000000) << 8;
        QTest::newRow("/31") << u"10.0.0.2/31"_s << CidrProblem::None << quint32(0x0a000002) << 31;
        QTest::newRow("host bits set") << u"192.168.1.5/24"_s << CidrProblem::HostBitsSet << quint32(0) << 0;
        QTest::newRow("host bits set in /0") << u"0.0.0.1/0"_s << CidrProblem::HostBitsSet << quint32(0) << 0;
        QTest::newRow("/33") << u"192.168.1.0/33"_s << CidrProblem::Syntax << quint32(0) << 0;
        QTest::newRow("/-1") << u"192.168.1.0/-1"_s << CidrProblem::Syntax << quint32(0) << 0;
        QTest::newRow("/-0") << u"0.0.0.0/-0"_s << CidrProblem::Syntax << quint32(0) << 0;
        QTest::newRow("/+8") << u"10.0.0.0/+8"_s << CidrProblem::Syntax << quint32(0) << 0;
        QTest::newRow("/024") << u"192.168.1.0/024"_s << CidrProblem::Syntax << quint32(0) << 0;
        QTest::newRow("/08") << u"10.0.0.0/08"_s << CidrProblem::Syntax << quint32(0) << 0;
        QTest::newRow("blank before prefix") << u"10.0.0.0/ 8"_s << CidrProblem::Syntax << quint32(0) << 0;
        QTest::newRow("blank after prefix") << u"10.0.0.0/8 "_s << CidrProblem::Syntax << quint32(0) << 0;
        QTest::newRow("tab before prefix") << u"10.0.0.0/\t8"_s << CidrProblem::Syntax << quint32(0) << 0;
        QTest::newRow("blank before slash") << u"10.0.0.0 /8"_s << CidrProblem::Syntax << quint32(0) << 0;
        QTest::newRow("no prefix") << u"192.168.1.0"_s << CidrProblem::Syntax << quint32(0) << 0;
        QTest::newRow("empty prefix") << u"192.168.1.0/"_s << CidrProblem::Syntax << quint32(0) << 0;
        QTest::newRow("two prefixes") << u"192.168.1.0/24/8"_s << CidrProblem::Syntax << quint32(0) << 0;
        QTest::newRow("bad address") << u"192.168.1.256/24"_s << CidrProblem::Syntax << quint32(0) << 0;
        QTest::newRow("letters in prefix") << u"192.168.1.0/2a"_s << CidrProblem::Syntax << quint32(0) << 0;
        QTest::newRow("Arabic-Indic prefix") << u"10.0.0.0/٨"_s << CidrProblem::Syntax << quint32(0) << 0;
        QTest::newRow("only a slash") << u"/"_s << CidrProblem::Syntax << quint32(0) << 0;
        QTest::newRow("empty") << QString() << CidrProblem::Syntax << quint32(0) << 0;
    }

    void parseCidr()
    {
        QFETCH(QString, text);
        QFETCH(CidrProblem, problem);
        QFETCH(quint32, network);
        QFETCH(int, prefix);

        CidrProblem reported = problem == CidrProblem::None ? CidrProblem::Syntax : CidrProblem::None;
        const std::optional<Ipv4Network> parsed = vlab::parseCidr(text, &reported);
        QCOMPARE(reported, problem);
        QCOMPARE(parsed.has_value(), problem == CidrProblem::None);
        if (parsed) {
            QCOMPARE(parsed->network, network);
            QCOMPARE(parsed->prefix, prefix);
        }
        QCOMPARE(vlab::parseCidr(text).has_value(), parsed.has_value()); // the problem is optional
    }

    void networkArithmetic_data()
    {
        QTest::addColumn<QString>("cidr");
        QTest::addColumn<quint32>("mask");
        QTest::addColumn<quint32>("broadcast");

        QTest::newRow("/0") << u"0.0.0.0/0"_s << quint32(0) << quint32(0xffffffff);
        QTest::newRow("/1") << u"128.0.0.0/1"_s << quint32(0x80000000) << quint32(0xffffffff);
        QTest::newRow("/24") << u"192.168.1.0/24"_s << quint32(0xffffff00) << quint32(0xc0a801ff);
        QTest::newRow("/29") << u"192.168.1.208/29"_s << quint32(0xfffffff8) << quint32(0xc0a801d7);
        QTest::newRow("/31") << u"10.0.0.2/31"_s << quint32(0xfffffffe) << quint32(0x0a000003);
        QTest::newRow("/32") << u"10.0.0.1/32"_s << quint32(0xffffffff) << quint32(0x0a000001);
    }

    void networkArithmetic()
    {
        QFETCH(QString, cidr);
        QFETCH(quint32, mask);
        QFETCH(quint32, broadcast);

        const auto net = vlab::parseCidr(cidr);
        QVERIFY(net);
        QCOMPARE(net->mask(), mask);
        QCOMPARE(net->broadcast(), broadcast);
        QVERIFY(net->contains(net->network));
        QVERIFY(net->contains(broadcast));
        if (net->prefix > 0) {
            QVERIFY(!net->contains(net->network - 1) || net->network == 0);
            QVERIFY(!net->contains(broadcast + 1) || broadcast == 0xffffffff);
        }
    }

    void overlaps_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("overlap");

        QTest::newRow("same") << u"192.168.1.0/24"_s << u"192.168.1.0/24"_s << true;
        QTest::newRow("adjacent") << u"192.168.1.0/24"_s << u"192.168.2.0/24"_s << false;
        QTest::newRow("inside") << u"192.168.1.128/25"_s << u"192.168.1.0/24"_s << true;
        QTest::newRow("containing") << u"192.168.0.0/16"_s << u"192.168.100.0/24"_s << true;
        QTest::newRow("everything") << u"0.0.0.0/0"_s << u"10.0.0.0/8"_s << true;
        QTest::newRow("separate halves") << u"192.168.1.0/25"_s << u"192.168.1.128/25"_s << false;
        QTest::newRow("single hosts") << u"10.0.0.1/32"_s << u"10.0.0.2/32"_s << false;
        QTest::newRow("host in network") << u"10.0.0.1/32"_s << u"10.0.0.0/30"_s << true;
    }

    void overlaps()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, overlap);

        const auto first = vlab::parseCidr(a);
        const auto second = vlab::parseCidr(b);
        QVERIFY(first && second);
        QCOMPARE(first->overlaps(*second), overlap);
        QCOMPARE(second->overlaps(*first), overlap);
    }

    void fqdnProblem_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("requireDot");
        QTest::addColumn<bool>("valid");

        const QString label63(63, u'a');
        QTest::newRow("lab name") << u"vcenter-psc01.sslab.com"_s << true << true;
        QTest::newRow("two labels") << u"a.b"_s << true << true;
        QTest::newRow("upper case") << u"VC01.SSLAB.COM"_s << true << true;
        QTest::newRow("punycode") << u"xn--bcher-kva.example"_s << true << true;
        QTest::newRow("digits only label") << u"123.sslab.com"_s << true << true;
        QTest::newRow("label of 63") << QString(label63 + u".com"_s) << true << true;
        QTest::newRow("label of 64") << QString(label63 + u"a.com"_s) << true << false;
        QTest::newRow("253 characters")
            << QString(label63 + u'.' + label63 + u'.' + label63 + u'.' + QString(61, u'b')) << true << true;
        QTest::newRow("254 characters")
            << QString(label63 + u'.' + label63 + u'.' + label63 + u'.' + QString(62, u'b')) << true << false;
        QTest::newRow("underscore") << u"vcenter_psc01.sslab.com"_s << true << false;
        QTest::newRow("leading hyphen") << u"-psc.sslab.com"_s << true << false;
        QTest::newRow("trailing hyphen") << u"psc-.sslab.com"_s << true << false;
        QTest::newRow("hyphen-only label") << u"-.sslab.com"_s << true << false;
        QTest::newRow("trailing dot") << u"psc.sslab.com."_s << true << false;
        QTest::newRow("leading dot") << u".sslab.com"_s << true << false;
        QTest::newRow("two dots") << u"psc..sslab.com"_s << true << false;
        QTest::newRow("only a dot") << u"."_s << true << false;
        QTest::newRow("single label, dot required") << u"psc01"_s << true << false;
        QTest::newRow("single label, dot optional") << u"psc01"_s << false << true;
        QTest::newRow("IP address") << u"192.168.1.10"_s << true << false;
        QTest::newRow("IP address, dot optional") << u"192.168.1.10"_s << false << false;
        QTest::newRow("space") << u"psc 01.sslab.com"_s << true << false;
        QTest::newRow("non-ASCII") << u"bücher.de"_s << true << false;
        QTest::newRow("wildcard") << u"*.sslab.com"_s << true << false;
        QTest::newRow("empty") << QString() << true << false;
        QTest::newRow("empty, dot optional") << QString() << false << false;
    }

    void fqdnProblem()
    {
        QFETCH(QString, name);
        QFETCH(bool, requireDot);
        QFETCH(bool, valid);

        const QString problem = vlab::fqdnProblem(name, requireDot);
        QVERIFY2(problem.isEmpty() == valid, qPrintable(u"\"%1\": %2"_s.arg(name, problem)));
    }

    void hostPort_data()
    {
        QTest::addColumn<HostPortCase>("c");
        const auto ok = [](const char *row, const QString &text, const QString &host, int port, bool given,
                           const QString &shown) {
            QTest::newRow(row) << HostPortCase{text, host, port, given, {}, shown};
        };
        const auto refused = [](const char *row, const QString &text, const QString &code) {
            QTest::newRow(row) << HostPortCase{text, {}, 0, false, code, {}};
        };
        ok("name", u"vcenter-vc01.sslab.com"_s, u"vcenter-vc01.sslab.com"_s, 443, false,
           u"vcenter-vc01.sslab.com"_s);
        ok("short name", u"localhost"_s, u"localhost"_s, 443, false, u"localhost"_s);
        ok("name and port", u"ns01.sslab.com:8443"_s, u"ns01.sslab.com"_s, 8443, true,
           u"ns01.sslab.com:8443"_s);
        ok("IPv4", u"192.168.1.10"_s, u"192.168.1.10"_s, 443, false, u"192.168.1.10"_s);
        ok("IPv4, default port written", u"192.168.1.10:443"_s, u"192.168.1.10"_s, 443, true,
           u"192.168.1.10"_s);
        ok("IPv4 and port", u"192.168.1.10:2222"_s, u"192.168.1.10"_s, 2222, true, u"192.168.1.10:2222"_s);
        ok("IPv6 in brackets with port", u"[::1]:443"_s, u"::1"_s, 443, true, u"::1"_s);
        ok("IPv6 in brackets, other port", u"[fd00::5]:9443"_s, u"fd00::5"_s, 9443, true,
           u"[fd00::5]:9443"_s);
        ok("IPv6 in brackets without port", u"[fd00::5]"_s, u"fd00::5"_s, 443, false, u"fd00::5"_s);
        ok("bare IPv6", u"fd00::5"_s, u"fd00::5"_s, 443, false, u"fd00::5"_s);
        ok("bare IPv6 loopback", u"::1"_s, u"::1"_s, 443, false, u"::1"_s);
        ok("lowest port", u"h.example.com:1"_s, u"h.example.com"_s, 1, true, u"h.example.com:1"_s);
        ok("highest port", u"h.example.com:65535"_s, u"h.example.com"_s, 65535, true,
           u"h.example.com:65535"_s);
        ok("blanks around", u"  192.168.1.10:80 "_s, u"192.168.1.10"_s, 80, true, u"192.168.1.10:80"_s);
        refused("empty", QString(), u"hostport.empty"_s);
        refused("blank", u"   "_s, u"hostport.empty"_s);
        refused("port 0", u"h.example.com:0"_s, u"hostport.port"_s);
        refused("port too big", u"h.example.com:65536"_s, u"hostport.port"_s);
        refused("port far too big", u"h.example.com:99999999999"_s, u"hostport.port"_s);
        refused("port not a number", u"h.example.com:https"_s, u"hostport.port"_s);
        refused("empty port", u"h.example.com:"_s, u"hostport.port"_s);
        refused("signed port", u"h.example.com:+443"_s, u"hostport.port"_s);
        refused("IPv6 port too big", u"[::1]:70000"_s, u"hostport.port"_s);
        refused("IPv6 with port, no brackets", u"fd00::5:443:x"_s, u"hostport.syntax"_s);
        refused("unclosed bracket", u"[::1:443"_s, u"hostport.syntax"_s);
        refused("name in brackets", u"[vc.example.com]:443"_s, u"hostport.syntax"_s);
        refused("junk after bracket", u"[::1]443"_s, u"hostport.syntax"_s);
        refused("bad IPv4", u"192.168.1.300"_s, u"hostport.syntax"_s);
        refused("IPv4 with three parts", u"192.168.1:443"_s, u"hostport.syntax"_s);
        refused("space inside", u"a b"_s, u"hostport.syntax"_s);
        refused("underscore", u"vc_01.example.com"_s, u"hostport.syntax"_s);
        refused("only a port", u":443"_s, u"hostport.syntax"_s);
        refused("URL", u"https://vc.example.com"_s, u"hostport.syntax"_s);
    }

    void hostPort()
    {
        QFETCH(HostPortCase, c);
        const Result<HostPort> parsed = parseHostPort(c.text, 443);
        if (c.host.isEmpty()) {
            QVERIFY2(!parsed, qPrintable(parsed ? parsed->host : QString()));
            QCOMPARE(parsed.error().code, c.code);
            // The message names what was typed, so the user sees which field is wrong.
            if (!c.text.trimmed().isEmpty())
                QVERIFY2(parsed.error().message.contains(c.text), qPrintable(parsed.error().message));
            return;
        }
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->host, c.host);
        QCOMPARE(int(parsed->port), c.port);
        QCOMPARE(parsed->portGiven, c.portGiven);
        QCOMPARE(parsed->toString(443), c.shown);
        // What toString writes reads back the same.
        const Result<HostPort> again = parseHostPort(parsed->toString(443), 443);
        QVERIFY(again);
        QCOMPARE(again->host, parsed->host);
        QCOMPARE(again->port, parsed->port);
    }
};

QTEST_GUILESS_MAIN(TestNetAddr)
#include "tst_netaddr.moc"
