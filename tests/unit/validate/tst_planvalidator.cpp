// Every rule of the offline plan validation, one data-driven test per part of the plan. Each
// row mutates the embedded example (which has no findings) and says which finding the rule
// must produce (path and severity) or, for a good row, that the field stays quiet.

#include "core/finding.h"
#include "plan/planjson.h"
#include "validate/planvalidator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

struct RuleCase
{
    std::function<void(LabPlan &)> mutate;
    QString path; // the field the finding is reported on
    Severity severity = Severity::Error;
    bool expectFinding = true; // false: the mutation must keep that field quiet
};

// Row helpers, the mutation last so that each row reads "name, field, change".
void bad(const char *name, const QString &path, std::function<void(LabPlan &)> mutate)
{
    QTest::newRow(name) << RuleCase{std::move(mutate), path, Severity::Error, true};
}

void warning(const char *name, const QString &path, std::function<void(LabPlan &)> mutate)
{
    QTest::newRow(name) << RuleCase{std::move(mutate), path, Severity::Warning, true};
}

void good(const char *name, const QString &path, std::function<void(LabPlan &)> mutate)
{
    QTest::newRow(name) << RuleCase{std::move(mutate), path, Severity::Error, false};
}

QString describe(const Findings &findings)
{
    if (findings.isEmpty())
        return u"(no findings)"_s;
    QStringList lines;
    for (const Finding &f : findings)
        lines << formatFinding(f);
    return lines.join(u'\n');
}

// "aaa...a" labels joined with dots, so lengths can be set exactly.
QString labels(std::initializer_list<int> sizes)
{
    QStringList parts;
    char16_t letter = u'a';
    for (int size : sizes)
        parts << QString(size, QChar(letter++));
    return parts.join(u'.');
}

void useVcenterTarget(LabPlan &p)
{
    p.target.kind = u"vcenter"_s;
    p.target.host = u"mgmt-vc.sslab.com"_s;
    p.target.user = u"administrator@vsphere.local"_s;
    p.target.datacenter = u"DC1"_s;
    p.target.cluster = u"Cluster1"_s;
}

void moveVchaTo(LabPlan &p, const QString &prefix /* "192.168.2" */, int bits = 24)
{
    p.vcha.network.cidr = prefix + u".0/"_s + QString::number(bits);
    p.vcha.activeIp = prefix + u".11"_s;
    p.vcha.passiveIp = prefix + u".12"_s;
    p.vcha.witnessIp = prefix + u".13"_s;
}

} // namespace

Q_DECLARE_METATYPE(RuleCase)

class TestPlanValidator : public QObject
{
    Q_OBJECT

    // Runs the current row: the expected finding is there (path and severity), or for a good
    // row no finding names the path. Every finding must explain itself.
    void verifyRule()
    {
        QFETCH(RuleCase, rule);
        LabPlan plan = examplePlan();
        rule.mutate(plan);
        const Findings findings = validatePlan(plan);

        for (const Finding &f : findings) {
            QVERIFY2(!f.path.isEmpty(), qPrintable(formatFinding(f)));
            QVERIFY2(!f.message.trimmed().isEmpty(), qPrintable(formatFinding(f)));
            QVERIFY2(!f.hint.trimmed().isEmpty(), qPrintable(formatFinding(f)));
        }

        const bool present = std::any_of(findings.cbegin(), findings.cend(), [&](const Finding &f) {
            return f.path == rule.path && f.severity == rule.severity;
        });
        const bool anyAtPath = std::any_of(findings.cbegin(), findings.cend(),
                                           [&](const Finding &f) { return f.path == rule.path; });
        if (rule.expectFinding) {
            QVERIFY2(present,
                     qPrintable(u"expected %1 at %2, got:\n%3"_s.arg(severityName(rule.severity), rule.path,
                                                                     describe(findings))));
        } else {
            QVERIFY2(!anyAtPath,
                     qPrintable(u"expected nothing at %1, got:\n%2"_s.arg(rule.path, describe(findings))));
        }
    }

private Q_SLOTS:
    void exampleHasNoFindings()
    {
        const Findings findings = validatePlan(examplePlan());
        QVERIFY2(findings.isEmpty(), qPrintable(describe(findings)));
    }

    void defaultPlanIsRejected()
    {
        // An empty plan must not pass: every required field is reported, each explained.
        const Findings findings = validatePlan(LabPlan{});
        QVERIFY(hasErrors(findings));
        for (const Finding &f : findings) {
            QVERIFY2(!f.message.isEmpty() && !f.hint.isEmpty(), qPrintable(formatFinding(f)));
        }
        for (const QString &path : {u"lab.name"_s, u"dns.domain"_s, u"dns.servers"_s, u"network.cidr"_s,
                                    u"network.gateway"_s, u"target.host"_s, u"sso.domain"_s, u"psc"_s,
                                    u"loadBalancer.vip"_s, u"vcenter.fqdn"_s, u"vds.name"_s}) {
            QVERIFY2(std::any_of(findings.cbegin(), findings.cend(),
                                 [&](const Finding &f) { return f.path == path; }),
                     qPrintable(path));
        }
    }

    void lab_data()
    {
        QTest::addColumn<RuleCase>("rule");
        good("short name", u"lab.name"_s, [](LabPlan &p) { p.lab.name = u"lab2"_s; });
        bad("empty name", u"lab.name"_s, [](LabPlan &p) { p.lab.name.clear(); });
        bad("blank name", u"lab.name"_s, [](LabPlan &p) { p.lab.name = u"   "_s; });
    }
    void lab() { verifyRule(); }

    void dns_data()
    {
        QTest::addColumn<RuleCase>("rule");
        good("sub-domain", u"dns.domain"_s, [](LabPlan &p) { p.dns.domain = u"lab.sslab.com"_s; });
        bad("domain of one label", u"dns.domain"_s, [](LabPlan &p) { p.dns.domain = u"sslab"_s; });
        bad("empty domain", u"dns.domain"_s, [](LabPlan &p) { p.dns.domain.clear(); });
        bad("domain with trailing dot", u"dns.domain"_s, [](LabPlan &p) { p.dns.domain = u"sslab.com."_s; });
        good("two servers", u"dns.servers[1]"_s, [](LabPlan &p) { p.dns.servers << u"192.168.1.11"_s; });
        bad("no server", u"dns.servers"_s, [](LabPlan &p) { p.dns.servers.clear(); });
        bad("server given by name", u"dns.servers[0]"_s,
            [](LabPlan &p) { p.dns.servers[0] = u"dns01.sslab.com"_s; });
        bad("second server with leading zero", u"dns.servers[1]"_s,
            [](LabPlan &p) { p.dns.servers << u"192.168.1.011"_s; });
        bad("empty server", u"dns.servers[0]"_s, [](LabPlan &p) { p.dns.servers[0].clear(); });
    }
    void dns() { verifyRule(); }

    void ntp_data()
    {
        QTest::addColumn<RuleCase>("rule");
        good("host name", u"ntp.servers[0]"_s, [](LabPlan &p) { p.ntp.servers[0] = u"pool.ntp.org"_s; });
        good("address", u"ntp.servers[0]"_s, [](LabPlan &) {});
        good("at least one server", u"ntp.servers"_s, [](LabPlan &) {});
        warning("no server is a warning", u"ntp.servers"_s, [](LabPlan &p) { p.ntp.servers.clear(); });
        bad("name of one label", u"ntp.servers[0]"_s, [](LabPlan &p) { p.ntp.servers[0] = u"ntp"_s; });
        bad("mistyped address", u"ntp.servers[0]"_s,
            [](LabPlan &p) { p.ntp.servers[0] = u"192.168.1.300"_s; });
        bad("address with leading zero", u"ntp.servers[0]"_s,
            [](LabPlan &p) { p.ntp.servers[0] = u"192.168.01.10"_s; });
        bad("empty entry", u"ntp.servers[1]"_s, [](LabPlan &p) { p.ntp.servers << QString(); });
    }
    void ntp() { verifyRule(); }

    // FQDN syntax, on vCenter's name (the same check guards every name in the plan).
    void fqdnSyntax_data()
    {
        QTest::addColumn<RuleCase>("rule");
        const QString at = u"vcenter.fqdn"_s;
        good("label of 63", at, [](LabPlan &p) { p.vcenter.fqdn = QString(63, u'v') + u".sslab.com"_s; });
        bad("label of 64", at, [](LabPlan &p) { p.vcenter.fqdn = QString(64, u'v') + u".sslab.com"_s; });
        good("253 characters", at, [](LabPlan &p) { p.vcenter.fqdn = labels({63, 63, 63, 61}); });
        bad("254 characters", at, [](LabPlan &p) { p.vcenter.fqdn = labels({63, 63, 63, 62}); });
        bad("underscore", at, [](LabPlan &p) { p.vcenter.fqdn = u"vcenter_vc01.sslab.com"_s; });
        bad("leading hyphen", at, [](LabPlan &p) { p.vcenter.fqdn = u"-vcenter-vc01.sslab.com"_s; });
        bad("trailing hyphen in a label", at,
            [](LabPlan &p) { p.vcenter.fqdn = u"vcenter-vc01-.sslab.com"_s; });
        bad("trailing dot", at, [](LabPlan &p) { p.vcenter.fqdn = u"vcenter-vc01.sslab.com."_s; });
        bad("single label", at, [](LabPlan &p) { p.vcenter.fqdn = u"vcenter-vc01"_s; });
        bad("two dots in a row", at, [](LabPlan &p) { p.vcenter.fqdn = u"vcenter-vc01..sslab.com"_s; });
        bad("an IP address", at, [](LabPlan &p) { p.vcenter.fqdn = u"192.168.1.213"_s; });
        bad("empty", at, [](LabPlan &p) { p.vcenter.fqdn.clear(); });
        bad("non-ASCII letter", at, [](LabPlan &p) { p.vcenter.fqdn = u"vcénter-vc01.sslab.com"_s; });
        bad("space", at, [](LabPlan &p) { p.vcenter.fqdn = u"vcenter vc01.sslab.com"_s; });
        good("upper case", at, [](LabPlan &p) { p.vcenter.fqdn = u"VCENTER-VC01.SSLAB.COM"_s; });
        good("digits and hyphens", at, [](LabPlan &p) { p.vcenter.fqdn = u"vc-01.lab-2.sslab.com"_s; });
        bad("PSC name with underscore", u"psc[1].fqdn"_s,
            [](LabPlan &p) { p.psc[1].fqdn = u"vcenter_psc02.sslab.com"_s; });
        bad("load-balancer name of one label", u"loadBalancer.fqdn"_s,
            [](LabPlan &p) { p.loadBalancer.fqdn = u"psc-lb"_s; });
    }
    void fqdnSyntax() { verifyRule(); }

    // IPv4 syntax, on vCenter's address and the load balancer's three addresses.
    void ipv4Syntax_data()
    {
        QTest::addColumn<RuleCase>("rule");
        const QString at = u"vcenter.ip"_s;
        good("host address", at, [](LabPlan &p) { p.vcenter.ip = u"192.168.1.250"_s; });
        bad("leading zero", at, [](LabPlan &p) { p.vcenter.ip = u"192.168.1.013"_s; });
        bad("256", at, [](LabPlan &p) { p.vcenter.ip = u"192.168.1.256"_s; });
        bad("three parts", at, [](LabPlan &p) { p.vcenter.ip = u"192.168.1"_s; });
        bad("five parts", at, [](LabPlan &p) { p.vcenter.ip = u"192.168.1.213.1"_s; });
        bad("letters", at, [](LabPlan &p) { p.vcenter.ip = u"192.168.one.213"_s; });
        bad("hexadecimal", at, [](LabPlan &p) { p.vcenter.ip = u"0xc0.168.1.213"_s; });
        bad("surrounding blank", at, [](LabPlan &p) { p.vcenter.ip = u" 192.168.1.213"_s; });
        bad("empty", at, [](LabPlan &p) { p.vcenter.ip.clear(); });
        bad("PSC address with leading zero", u"psc[0].ip"_s,
            [](LabPlan &p) { p.psc[0].ip = u"192.168.1.0211"_s; });
        bad("NSIP of three parts", u"loadBalancer.nsip"_s,
            [](LabPlan &p) { p.loadBalancer.nsip = u"192.168.1"_s; });
        bad("SNIP with letters", u"loadBalancer.snip"_s,
            [](LabPlan &p) { p.loadBalancer.snip = u"192.168.1.x"_s; });
        bad("VIP of 256", u"loadBalancer.vip"_s,
            [](LabPlan &p) { p.loadBalancer.vip = u"192.168.256.210"_s; });
        bad("empty VIP", u"loadBalancer.vip"_s, [](LabPlan &p) { p.loadBalancer.vip.clear(); });
    }
    void ipv4Syntax() { verifyRule(); }

    void network_data()
    {
        QTest::addColumn<RuleCase>("rule");
        const QString cidr = u"network.cidr"_s;
        good("/16", cidr, [](LabPlan &p) { p.network.cidr = u"192.168.0.0/16"_s; });
        good("/29", cidr, [](LabPlan &p) { p.network.cidr = u"192.168.1.208/29"_s; });
        bad("/30 is too small", cidr, [](LabPlan &p) { p.network.cidr = u"192.168.1.0/30"_s; });
        bad("/32 is too small", cidr, [](LabPlan &p) { p.network.cidr = u"192.168.1.1/32"_s; });
        bad("host bits set", cidr, [](LabPlan &p) { p.network.cidr = u"192.168.1.5/24"_s; });
        bad("no prefix", cidr, [](LabPlan &p) { p.network.cidr = u"192.168.1.0"_s; });
        bad("prefix 33", cidr, [](LabPlan &p) { p.network.cidr = u"192.168.1.0/33"_s; });
        bad("blank after the prefix", cidr, [](LabPlan &p) { p.network.cidr = u"192.0.0.0/8 "_s; });
        bad("bad address", cidr, [](LabPlan &p) { p.network.cidr = u"192.168.1.256/24"_s; });
        bad("empty", cidr, [](LabPlan &p) { p.network.cidr.clear(); });

        const QString gateway = u"network.gateway"_s;
        good("gateway .254", gateway, [](LabPlan &p) { p.network.gateway = u"192.168.1.254"_s; });
        bad("gateway outside", gateway, [](LabPlan &p) { p.network.gateway = u"192.168.2.1"_s; });
        bad("gateway is the network address", gateway,
            [](LabPlan &p) { p.network.gateway = u"192.168.1.0"_s; });
        bad("gateway is the broadcast address", gateway,
            [](LabPlan &p) { p.network.gateway = u"192.168.1.255"_s; });
        bad("gateway given by name", gateway, [](LabPlan &p) { p.network.gateway = u"gw.sslab.com"_s; });
        bad("empty gateway", gateway, [](LabPlan &p) { p.network.gateway.clear(); });

        bad("empty port group", u"network.portGroup"_s, [](LabPlan &p) { p.network.portGroup.clear(); });
        good("port group", u"network.portGroup"_s, [](LabPlan &) {});
    }
    void network() { verifyRule(); }

    void hostBitsHintNamesTheNetwork()
    {
        LabPlan plan = examplePlan();
        plan.network.cidr = u"192.168.1.5/24"_s;
        const Findings findings = validatePlan(plan);
        const auto it = std::find_if(findings.cbegin(), findings.cend(),
                                     [](const Finding &f) { return f.path == u"network.cidr"_s; });
        QVERIFY2(it != findings.cend(), qPrintable(describe(findings)));
        QVERIFY2(it->hint.contains(u"192.168.1.0/24"_s), qPrintable(it->hint));
    }

    // PSCs, vCenter and the SNIP must be inside network.cidr; VIP and NSIP may be routed.
    void addressPlacement_data()
    {
        QTest::addColumn<RuleCase>("rule");
        bad("PSC outside", u"psc[0].ip"_s, [](LabPlan &p) { p.psc[0].ip = u"192.168.2.211"_s; });
        bad("PSC on the network address", u"psc[1].ip"_s, [](LabPlan &p) { p.psc[1].ip = u"192.168.1.0"_s; });
        bad("PSC on the broadcast address", u"psc[1].ip"_s,
            [](LabPlan &p) { p.psc[1].ip = u"192.168.1.255"_s; });
        good("PSC inside a /16", u"psc[0].ip"_s, [](LabPlan &p) {
            p.network.cidr = u"192.168.0.0/16"_s;
            p.psc[0].ip = u"192.168.2.211"_s;
        });
        good("PSC .1.255 inside a /16 is a host address", u"psc[1].ip"_s, [](LabPlan &p) {
            p.network.cidr = u"192.168.0.0/16"_s;
            p.psc[1].ip = u"192.168.1.255"_s;
        });
        bad("vCenter outside", u"vcenter.ip"_s, [](LabPlan &p) { p.vcenter.ip = u"10.0.0.213"_s; });
        bad("SNIP outside", u"loadBalancer.snip"_s,
            [](LabPlan &p) { p.loadBalancer.snip = u"10.0.0.201"_s; });
        warning("VIP outside is a warning", u"loadBalancer.vip"_s,
                [](LabPlan &p) { p.loadBalancer.vip = u"10.0.0.210"_s; });
        warning("NSIP outside is a warning", u"loadBalancer.nsip"_s,
                [](LabPlan &p) { p.loadBalancer.nsip = u"10.0.0.200"_s; });
        bad("VIP on the broadcast address", u"loadBalancer.vip"_s,
            [](LabPlan &p) { p.loadBalancer.vip = u"192.168.1.255"_s; });
        bad("NSIP on the network address", u"loadBalancer.nsip"_s,
            [](LabPlan &p) { p.loadBalancer.nsip = u"192.168.1.0"_s; });
        good("VIP elsewhere inside", u"loadBalancer.vip"_s,
             [](LabPlan &p) { p.loadBalancer.vip = u"192.168.1.220"_s; });
    }
    void addressPlacement() { verifyRule(); }

    // An address or a DNS name used twice is reported on the second use.
    void uniqueness_data()
    {
        QTest::addColumn<RuleCase>("rule");
        bad("vCenter takes PSC 1's address", u"vcenter.ip"_s, [](LabPlan &p) { p.vcenter.ip = p.psc[0].ip; });
        bad("PSC 2 takes PSC 1's address", u"psc[1].ip"_s, [](LabPlan &p) { p.psc[1].ip = p.psc[0].ip; });
        bad("PSC 1 takes the gateway", u"psc[0].ip"_s, [](LabPlan &p) { p.psc[0].ip = p.network.gateway; });
        bad("VIP takes the gateway", u"loadBalancer.vip"_s,
            [](LabPlan &p) { p.loadBalancer.vip = p.network.gateway; });
        bad("SNIP takes the NSIP", u"loadBalancer.snip"_s,
            [](LabPlan &p) { p.loadBalancer.snip = p.loadBalancer.nsip; });
        bad("vCenter takes the VIP", u"vcenter.ip"_s, [](LabPlan &p) { p.vcenter.ip = p.loadBalancer.vip; });
        bad("VCHA passive takes the active address", u"vcha.passiveIp"_s,
            [](LabPlan &p) { p.vcha.passiveIp = p.vcha.activeIp; });
        bad("VCHA witness takes the passive address", u"vcha.witnessIp"_s,
            [](LabPlan &p) { p.vcha.witnessIp = p.vcha.passiveIp; });
        good("all addresses distinct", u"vcenter.ip"_s, [](LabPlan &) {});

        bad("vCenter takes PSC 1's name (other case)", u"vcenter.fqdn"_s,
            [](LabPlan &p) { p.vcenter.fqdn = p.psc[0].fqdn.toUpper(); });
        bad("PSC 2 takes PSC 1's name", u"psc[1].fqdn"_s, [](LabPlan &p) { p.psc[1].fqdn = p.psc[0].fqdn; });
        bad("load balancer takes PSC 2's name (mixed case)", u"loadBalancer.fqdn"_s,
            [](LabPlan &p) { p.loadBalancer.fqdn = u"Vcenter-PSC02.sslab.COM"_s; });
        bad("deployment host takes vCenter's name", u"target.host"_s,
            [](LabPlan &p) { p.target.host = p.vcenter.fqdn.toUpper(); });
        good("deployment host given by address", u"target.host"_s,
             [](LabPlan &p) { p.target.host = u"192.168.1.50"_s; });
        good("all names distinct", u"vcenter.fqdn"_s, [](LabPlan &) {});
    }
    void uniqueness() { verifyRule(); }

    void psc_data()
    {
        QTest::addColumn<RuleCase>("rule");
        good("two PSCs", u"psc"_s, [](LabPlan &) {});
        good("three PSCs", u"psc"_s, [](LabPlan &p) {
            p.psc.append(PscNode{u"vcenter-psc03"_s, u"vcenter-psc03.sslab.com"_s, u"192.168.1.214"_s});
            p.certificate.san << u"vcenter-psc03.sslab.com"_s;
        });
        bad("one PSC", u"psc"_s, [](LabPlan &p) { p.psc.removeLast(); });
        bad("no PSC", u"psc"_s, [](LabPlan &p) { p.psc.clear(); });
        bad("PSC 2 without a VM name", u"psc[1].name"_s, [](LabPlan &p) { p.psc[1].name.clear(); });
        bad("PSC 1 without a name", u"psc[0].fqdn"_s, [](LabPlan &p) { p.psc[0].fqdn.clear(); });
        bad("PSC 2 without an address", u"psc[1].ip"_s, [](LabPlan &p) { p.psc[1].ip.clear(); });
    }
    void psc() { verifyRule(); }

    void ports_data()
    {
        QTest::addColumn<RuleCase>("rule");
        good("the six PSC ports", u"loadBalancer.ports"_s, [](LabPlan &) {});
        good("an extra port", u"loadBalancer.ports"_s, [](LabPlan &p) { p.loadBalancer.ports << 80; });
        good("port 1", u"loadBalancer.ports[6]"_s, [](LabPlan &p) { p.loadBalancer.ports << 1; });
        good("port 65535", u"loadBalancer.ports[6]"_s, [](LabPlan &p) { p.loadBalancer.ports << 65535; });
        bad("port 0", u"loadBalancer.ports[6]"_s, [](LabPlan &p) { p.loadBalancer.ports << 0; });
        bad("port 65536", u"loadBalancer.ports[6]"_s, [](LabPlan &p) { p.loadBalancer.ports << 65536; });
        bad("negative port", u"loadBalancer.ports[6]"_s, [](LabPlan &p) { p.loadBalancer.ports << -443; });
        bad("duplicate port", u"loadBalancer.ports[6]"_s, [](LabPlan &p) { p.loadBalancer.ports << 443; });
        bad("duplicate in the middle", u"loadBalancer.ports[3]"_s,
            [](LabPlan &p) { p.loadBalancer.ports[3] = 389; });
        bad("no port", u"loadBalancer.ports"_s, [](LabPlan &p) { p.loadBalancer.ports.clear(); });
        warning("2020 missing is a warning", u"loadBalancer.ports"_s,
                [](LabPlan &p) { p.loadBalancer.ports.removeAll(2020); });
        warning("443 missing is a warning", u"loadBalancer.ports"_s,
                [](LabPlan &p) { p.loadBalancer.ports.removeAll(443); });
    }
    void ports() { verifyRule(); }

    void persistence_data()
    {
        QTest::addColumn<RuleCase>("rule");
        const QString type = u"loadBalancer.persistence.type"_s;
        for (const char *t : {"SOURCEIP", "COOKIEINSERT", "RULE", "NONE"}) {
            good(t, type, [t](LabPlan &p) { p.loadBalancer.persistence.type = QString::fromLatin1(t); });
        }
        bad("lower case", type, [](LabPlan &p) { p.loadBalancer.persistence.type = u"sourceip"_s; });
        bad("unknown type", type, [](LabPlan &p) { p.loadBalancer.persistence.type = u"STICKY"_s; });
        bad("empty type", type, [](LabPlan &p) { p.loadBalancer.persistence.type.clear(); });

        const QString timeout = u"loadBalancer.persistence.timeoutMinutes"_s;
        bad("timeout 0", timeout, [](LabPlan &p) { p.loadBalancer.persistence.timeoutMinutes = 0; });
        bad("timeout 1", timeout, [](LabPlan &p) { p.loadBalancer.persistence.timeoutMinutes = 1; });
        good("timeout 2", timeout, [](LabPlan &p) { p.loadBalancer.persistence.timeoutMinutes = 2; });
        good("timeout 1440", timeout, [](LabPlan &p) { p.loadBalancer.persistence.timeoutMinutes = 1440; });
        bad("timeout 1441", timeout, [](LabPlan &p) { p.loadBalancer.persistence.timeoutMinutes = 1441; });
        bad("negative timeout", timeout, [](LabPlan &p) { p.loadBalancer.persistence.timeoutMinutes = -5; });
    }
    void persistence() { verifyRule(); }

    void loadBalancerKindAndPrefix_data()
    {
        QTest::addColumn<RuleCase>("rule");
        const QString kind = u"loadBalancer.kind"_s;
        good("netscaler", kind, [](LabPlan &) {});
        bad("f5", kind, [](LabPlan &p) { p.loadBalancer.kind = u"f5"_s; });
        bad("NetScaler (case)", kind, [](LabPlan &p) { p.loadBalancer.kind = u"NetScaler"_s; });

        const QString prefix = u"loadBalancer.namePrefix"_s;
        good("psc", prefix, [](LabPlan &) {});
        good("starts with underscore", prefix, [](LabPlan &p) { p.loadBalancer.namePrefix = u"_psc"_s; });
        good("digits, dot and hyphen", prefix,
             [](LabPlan &p) { p.loadBalancer.namePrefix = u"psc-lb.01"_s; });
        good("40 characters", prefix, [](LabPlan &p) { p.loadBalancer.namePrefix = QString(40, u'p'); });
        bad("41 characters", prefix, [](LabPlan &p) { p.loadBalancer.namePrefix = QString(41, u'p'); });
        bad("empty", prefix, [](LabPlan &p) { p.loadBalancer.namePrefix.clear(); });
        bad("starts with hyphen", prefix, [](LabPlan &p) { p.loadBalancer.namePrefix = u"-psc"_s; });
        bad("starts with dot", prefix, [](LabPlan &p) { p.loadBalancer.namePrefix = u".psc"_s; });
        bad("space", prefix, [](LabPlan &p) { p.loadBalancer.namePrefix = u"psc lb"_s; });
        bad("non-ASCII", prefix, [](LabPlan &p) { p.loadBalancer.namePrefix = u"pséc"_s; });
        bad("slash", prefix, [](LabPlan &p) { p.loadBalancer.namePrefix = u"psc/lb"_s; });
    }
    void loadBalancerKindAndPrefix() { verifyRule(); }

    void certificate_data()
    {
        QTest::addColumn<RuleCase>("rule");
        const QString cn = u"certificate.subject.CN"_s;
        good("CN in capitals", cn,
             [](LabPlan &p) { p.certificate.subject.commonName = p.loadBalancer.fqdn.toUpper(); });
        bad("CN names a PSC", cn, [](LabPlan &p) { p.certificate.subject.commonName = p.psc[0].fqdn; });
        bad("CN empty", cn, [](LabPlan &p) { p.certificate.subject.commonName.clear(); });
        bad("LB renamed, CN not", cn, [](LabPlan &p) {
            p.loadBalancer.fqdn = u"psc-vip.sslab.com"_s;
            p.certificate.san << u"psc-vip.sslab.com"_s;
        });

        const QString san = u"certificate.san"_s;
        good("the three names", san, [](LabPlan &) {});
        good("names in another case", san, [](LabPlan &p) {
            for (QString &name : p.certificate.san)
                name = name.toUpper();
        });
        good("an extra name", san, [](LabPlan &p) { p.certificate.san << u"psc.sslab.com"_s; });
        bad("PSC 2 missing", san, [](LabPlan &p) { p.certificate.san.removeAll(p.psc[1].fqdn); });
        bad("load balancer missing", san,
            [](LabPlan &p) { p.certificate.san.removeAll(p.loadBalancer.fqdn); });
        bad("no names", san, [](LabPlan &p) { p.certificate.san.clear(); });
        bad("a third PSC missing", san, [](LabPlan &p) {
            p.psc.append(PscNode{u"vcenter-psc03"_s, u"vcenter-psc03.sslab.com"_s, u"192.168.1.214"_s});
        });
        bad("entry with underscore", u"certificate.san[3]"_s,
            [](LabPlan &p) { p.certificate.san << u"psc_lb.sslab.com"_s; });
        bad("empty entry", u"certificate.san[3]"_s, [](LabPlan &p) { p.certificate.san << QString(); });

        const QString bits = u"certificate.keyBits"_s;
        bad("1024 bits", bits, [](LabPlan &p) { p.certificate.keyBits = 1024; });
        good("2048 bits", bits, [](LabPlan &p) { p.certificate.keyBits = 2048; });
        good("3072 bits", bits, [](LabPlan &p) { p.certificate.keyBits = 3072; });
        good("4096 bits", bits, [](LabPlan &p) { p.certificate.keyBits = 4096; });
        bad("8192 bits", bits, [](LabPlan &p) { p.certificate.keyBits = 8192; });
        bad("0 bits", bits, [](LabPlan &p) { p.certificate.keyBits = 0; });

        const QString signer = u"certificate.signer"_s;
        good("signer vmca", signer, [](LabPlan &p) { p.certificate.signer = u"vmca"_s; });
        good("signer external", signer, [](LabPlan &p) { p.certificate.signer = u"external"_s; });
        bad("signer VMCA (case)", signer, [](LabPlan &p) { p.certificate.signer = u"VMCA"_s; });
        bad("signer empty", signer, [](LabPlan &p) { p.certificate.signer.clear(); });

        const QString days = u"certificate.validityDays"_s;
        bad("valid 0 days", days, [](LabPlan &p) { p.certificate.validityDays = 0; });
        good("valid 1 day", days, [](LabPlan &p) { p.certificate.validityDays = 1; });
        good("valid 3650 days", days, [](LabPlan &p) { p.certificate.validityDays = 3650; });
        bad("valid 3651 days", days, [](LabPlan &p) { p.certificate.validityDays = 3651; });
        bad("valid -1 days", days, [](LabPlan &p) { p.certificate.validityDays = -1; });

        const QString country = u"certificate.subject.C"_s;
        good("country DE", country, [](LabPlan &p) { p.certificate.subject.country = u"DE"_s; });
        bad("country of one letter", country, [](LabPlan &p) { p.certificate.subject.country = u"A"_s; });
        bad("country in lower case", country, [](LabPlan &p) { p.certificate.subject.country = u"ae"_s; });
        bad("country mixed case", country, [](LabPlan &p) { p.certificate.subject.country = u"Ae"_s; });
        bad("country of three letters", country,
            [](LabPlan &p) { p.certificate.subject.country = u"ARE"_s; });
        bad("country empty", country, [](LabPlan &p) { p.certificate.subject.country.clear(); });
        bad("country with a digit", country, [](LabPlan &p) { p.certificate.subject.country = u"A1"_s; });
        bad("country with umlaut", country, [](LabPlan &p) { p.certificate.subject.country = u"ÄE"_s; });
    }
    void certificate() { verifyRule(); }

    void sso_data()
    {
        QTest::addColumn<RuleCase>("rule");
        const QString domain = u"sso.domain"_s;
        good("vsphere.local", domain, [](LabPlan &) {});
        good("sub-domain of the DNS domain", domain, [](LabPlan &p) { p.sso.domain = u"sso.sslab.com"_s; });
        bad("no dot", domain, [](LabPlan &p) { p.sso.domain = u"vsphere"_s; });
        bad("empty", domain, [](LabPlan &p) { p.sso.domain.clear(); });
        bad("trailing dot", domain, [](LabPlan &p) { p.sso.domain = u"vsphere.local."_s; });
        warning("equal to the DNS domain is a warning", domain,
                [](LabPlan &p) { p.sso.domain = p.dns.domain; });
        warning("equal to the DNS domain in capitals is a warning", domain,
                [](LabPlan &p) { p.sso.domain = p.dns.domain.toUpper(); });

        const QString site = u"sso.site"_s;
        good("site of 63", site, [](LabPlan &p) { p.sso.site = QString(63, u's'); });
        bad("site of 64", site, [](LabPlan &p) { p.sso.site = QString(64, u's'); });
        bad("site empty", site, [](LabPlan &p) { p.sso.site.clear(); });
        bad("site blank", site, [](LabPlan &p) { p.sso.site = u"  "_s; });
    }
    void sso() { verifyRule(); }

    void vcenter_data()
    {
        QTest::addColumn<RuleCase>("rule");
        const QString size = u"vcenter.size"_s;
        good("tiny without VCHA", size, [](LabPlan &p) {
            p.vcha.enabled = false;
            p.vcenter.size = u"tiny"_s;
        });
        for (const char *s : {"small", "medium", "large", "xlarge"}) {
            good(s, size, [s](LabPlan &p) { p.vcenter.size = QString::fromLatin1(s); });
        }
        bad("huge", size, [](LabPlan &p) { p.vcenter.size = u"huge"_s; });
        bad("Small (case)", size, [](LabPlan &p) { p.vcenter.size = u"Small"_s; });
        bad("empty size", size, [](LabPlan &p) { p.vcenter.size.clear(); });
        bad("no VM name", u"vcenter.name"_s, [](LabPlan &p) { p.vcenter.name.clear(); });
    }
    void vcenter() { verifyRule(); }

    void vcha_data()
    {
        QTest::addColumn<RuleCase>("rule");
        bad("tiny vCenter", u"vcenter.size"_s, [](LabPlan &p) { p.vcenter.size = u"tiny"_s; });

        const QString cidr = u"vcha.network.cidr"_s;
        good("HA network of its own", cidr, [](LabPlan &) {});
        good("adjacent network", cidr, [](LabPlan &p) { moveVchaTo(p, u"192.168.2"_s); });
        bad("overlaps as a /16", cidr, [](LabPlan &p) { moveVchaTo(p, u"192.168.0"_s, 16); });
        bad("equals the management network", cidr, [](LabPlan &p) { moveVchaTo(p, u"192.168.1"_s); });
        bad("inside the management network", cidr, [](LabPlan &p) {
            p.vcha.network.cidr = u"192.168.1.128/25"_s;
            p.vcha.activeIp = u"192.168.1.131"_s;
            p.vcha.passiveIp = u"192.168.1.132"_s;
            p.vcha.witnessIp = u"192.168.1.133"_s;
        });
        bad("no prefix", cidr, [](LabPlan &p) { p.vcha.network.cidr = u"192.168.100.0"_s; });
        bad("host bits set", cidr, [](LabPlan &p) { p.vcha.network.cidr = u"192.168.100.5/24"_s; });
        bad("empty", cidr, [](LabPlan &p) { p.vcha.network.cidr.clear(); });
        bad("empty port group", u"vcha.network.portGroup"_s,
            [](LabPlan &p) { p.vcha.network.portGroup.clear(); });

        bad("active outside", u"vcha.activeIp"_s, [](LabPlan &p) { p.vcha.activeIp = u"192.168.101.11"_s; });
        bad("passive outside", u"vcha.passiveIp"_s, [](LabPlan &p) { p.vcha.passiveIp = u"10.0.0.12"_s; });
        bad("witness on the network address", u"vcha.witnessIp"_s,
            [](LabPlan &p) { p.vcha.witnessIp = u"192.168.100.0"_s; });
        bad("witness on the broadcast address", u"vcha.witnessIp"_s,
            [](LabPlan &p) { p.vcha.witnessIp = u"192.168.100.255"_s; });
        bad("active not an address", u"vcha.activeIp"_s,
            [](LabPlan &p) { p.vcha.activeIp = u"192.168.100"_s; });
        bad("passive empty", u"vcha.passiveIp"_s, [](LabPlan &p) { p.vcha.passiveIp.clear(); });
        bad("passive duplicates active", u"vcha.passiveIp"_s,
            [](LabPlan &p) { p.vcha.passiveIp = p.vcha.activeIp; });
        good("active inside", u"vcha.activeIp"_s, [](LabPlan &p) { p.vcha.activeIp = u"192.168.100.254"_s; });

        // Switched off, none of the VCHA fields matter.
        auto off = [](std::function<void(LabPlan &)> mutate) {
            return [mutate](LabPlan &p) {
                p.vcha.enabled = false;
                mutate(p);
            };
        };
        good("off: tiny vCenter", u"vcenter.size"_s, off([](LabPlan &p) { p.vcenter.size = u"tiny"_s; }));
        good("off: overlapping network", cidr,
             off([](LabPlan &p) { p.vcha.network.cidr = u"192.168.1.0/24"_s; }));
        good("off: malformed network", cidr, off([](LabPlan &p) { p.vcha.network.cidr = u"nonsense"_s; }));
        good("off: empty port group", u"vcha.network.portGroup"_s,
             off([](LabPlan &p) { p.vcha.network.portGroup.clear(); }));
        good("off: active outside", u"vcha.activeIp"_s,
             off([](LabPlan &p) { p.vcha.activeIp = u"10.0.0.11"_s; }));
        good("off: passive not an address", u"vcha.passiveIp"_s,
             off([](LabPlan &p) { p.vcha.passiveIp = u"x"_s; }));
        good("off: witness on the network address", u"vcha.witnessIp"_s,
             off([](LabPlan &p) { p.vcha.witnessIp = u"192.168.100.0"_s; }));
        good("off: passive duplicates active", u"vcha.passiveIp"_s,
             off([](LabPlan &p) { p.vcha.passiveIp = p.vcha.activeIp; }));
        good("off: active takes vCenter's address", u"vcha.activeIp"_s,
             off([](LabPlan &p) { p.vcha.activeIp = p.vcenter.ip; }));
    }
    void vcha() { verifyRule(); }

    void vds_data()
    {
        QTest::addColumn<RuleCase>("rule");
        const QString mtu = u"vds.mtu"_s;
        bad("MTU 1279", mtu, [](LabPlan &p) { p.vds.mtu = 1279; });
        good("MTU 1280", mtu, [](LabPlan &p) { p.vds.mtu = 1280; });
        good("MTU 1500", mtu, [](LabPlan &p) { p.vds.mtu = 1500; });
        good("MTU 9000", mtu, [](LabPlan &p) { p.vds.mtu = 9000; });
        bad("MTU 9001", mtu, [](LabPlan &p) { p.vds.mtu = 9001; });

        const QString vlan = u"vds.portGroups[0].vlan"_s;
        bad("VLAN -1", vlan, [](LabPlan &p) { p.vds.portGroups[0].vlan = -1; });
        good("VLAN 0", vlan, [](LabPlan &p) { p.vds.portGroups[0].vlan = 0; });
        good("VLAN 4094", vlan, [](LabPlan &p) { p.vds.portGroups[0].vlan = 4094; });
        bad("VLAN 4095", vlan, [](LabPlan &p) { p.vds.portGroups[0].vlan = 4095; });

        const QString second = u"vds.portGroups[1].name"_s;
        good("distinct port groups", second, [](LabPlan &) {});
        bad("same port-group name", second,
            [](LabPlan &p) { p.vds.portGroups[1].name = p.vds.portGroups[0].name; });
        bad("same port-group name in lower case", second,
            [](LabPlan &p) { p.vds.portGroups[1].name = p.vds.portGroups[0].name.toLower(); });
        bad("port group without a name", u"vds.portGroups[0].name"_s,
            [](LabPlan &p) { p.vds.portGroups[0].name.clear(); });
        good("no port groups", u"vds.portGroups[0].name"_s, [](LabPlan &p) { p.vds.portGroups.clear(); });

        bad("no switch name", u"vds.name"_s, [](LabPlan &p) { p.vds.name.clear(); });
        good("version 6.5.0", u"vds.version"_s, [](LabPlan &p) { p.vds.version = u"6.5.0"_s; });
        good("version 6.0.0", u"vds.version"_s, [](LabPlan &p) { p.vds.version = u"6.0.0"_s; });
        warning("version 7.0.0 is a warning", u"vds.version"_s,
                [](LabPlan &p) { p.vds.version = u"7.0.0"_s; });
        bad("0 uplinks", u"vds.uplinks"_s, [](LabPlan &p) { p.vds.uplinks = 0; });
        good("1 uplink", u"vds.uplinks"_s, [](LabPlan &p) { p.vds.uplinks = 1; });
        good("32 uplinks", u"vds.uplinks"_s, [](LabPlan &p) { p.vds.uplinks = 32; });
        bad("33 uplinks", u"vds.uplinks"_s, [](LabPlan &p) { p.vds.uplinks = 33; });
    }
    void vds() { verifyRule(); }

    void target_data()
    {
        QTest::addColumn<RuleCase>("rule");
        good("vcenter with datacenter", u"target.datacenter"_s, useVcenterTarget);
        good("vcenter with cluster", u"target.cluster"_s, useVcenterTarget);
        bad("vcenter without datacenter", u"target.datacenter"_s, [](LabPlan &p) {
            useVcenterTarget(p);
            p.target.datacenter.clear();
        });
        bad("vcenter without cluster", u"target.cluster"_s, [](LabPlan &p) {
            useVcenterTarget(p);
            p.target.cluster = u" "_s;
        });
        good("esxi needs no datacenter", u"target.datacenter"_s,
             [](LabPlan &p) { p.target.datacenter.clear(); });
        good("esxi needs no cluster", u"target.cluster"_s, [](LabPlan &p) { p.target.cluster.clear(); });

        bad("kind ESXi (case)", u"target.kind"_s, [](LabPlan &p) { p.target.kind = u"ESXi"_s; });
        bad("kind empty", u"target.kind"_s, [](LabPlan &p) { p.target.kind.clear(); });
        good("kind vcenter", u"target.kind"_s, useVcenterTarget);

        good("host by address", u"target.host"_s, [](LabPlan &p) { p.target.host = u"192.168.1.50"_s; });
        bad("host of one label", u"target.host"_s, [](LabPlan &p) { p.target.host = u"esxi01"_s; });
        bad("host mistyped address", u"target.host"_s,
            [](LabPlan &p) { p.target.host = u"192.168.1.300"_s; });
        bad("host empty", u"target.host"_s, [](LabPlan &p) { p.target.host.clear(); });
        bad("user empty", u"target.user"_s, [](LabPlan &p) { p.target.user.clear(); });
        bad("datastore empty", u"target.datastore"_s, [](LabPlan &p) { p.target.datastore.clear(); });
        bad("network empty", u"target.network"_s, [](LabPlan &p) { p.target.network.clear(); });
    }
    void target() { verifyRule(); }

    // Names and values are data: every string of the plan is one line of plain text, whatever
    // field it is in (#14: a newline in lab.name became a NetScaler command, one in vds.name a
    // shell command). The finding names the field.
    void plainText_data()
    {
        QTest::addColumn<RuleCase>("rule");
        bad("newline in the lab name", u"lab.name"_s,
            [](LabPlan &p) { p.lab.name = u"sslab\nadd system user evil Evil#Pass1\n#"_s; });
        bad("carriage return in the switch name", u"vds.name"_s,
            [](LabPlan &p) { p.vds.name = u"DSwitch\rx"_s; });
        bad("NUL in a port group", u"vds.portGroups[1].name"_s,
            [](LabPlan &p) { p.vds.portGroups[1].name = u"a"_s + QChar(0) + u"b"_s; });
        bad("tab in the persistence type", u"loadBalancer.persistence.type"_s,
            [](LabPlan &p) { p.loadBalancer.persistence.type = u"SOURCEIP\t"_s; });
        bad("escape in the SSO site", u"sso.site"_s, [](LabPlan &p) { p.sso.site = u"Site\x1b[2J"_s; });
        bad("next line (C1) in the user", u"target.user"_s,
            [](LabPlan &p) { p.target.user = u"root\u0085x"_s; });
        bad("DEL in an organisation", u"certificate.subject.O"_s,
            [](LabPlan &p) { p.certificate.subject.organization = u"ACME\x7f"_s; });
        bad("line separator in a DNS server", u"dns.servers[0]"_s,
            [](LabPlan &p) { p.dns.servers[0] = u"192.168.1.10\u2028"_s; });
        bad("direction override in the vCenter name", u"vcenter.name"_s,
            [](LabPlan &p) { p.vcenter.name = u"vc\u202e10cv"_s; });
        bad("newline in a SAN", u"certificate.san[2]"_s,
            [](LabPlan &p) { p.certificate.san[2] = p.certificate.san[2] + u"\n"_s; });
        bad("unpaired surrogate in the schema-free prefix", u"loadBalancer.namePrefix"_s,
            [](LabPlan &p) { p.loadBalancer.namePrefix = u"psc"_s + QChar(0xd800); });
        good("non-ASCII letters and typographic quotes are text", u"certificate.subject.L"_s,
             [](LabPlan &p) { p.certificate.subject.locality = u"Đà Nẵng \u2018x\u2019"_s; });
        good("a space in a port group", u"vds.portGroups[0].name"_s,
             [](LabPlan &p) { p.vds.portGroups[0].name = u"Servers VLAN 10"_s; });
    }
    void plainText()
    {
        verifyRule();
        // The field has one finding, and its message shows no raw control character.
        QFETCH(RuleCase, rule);
        LabPlan plan = examplePlan();
        rule.mutate(plan);
        const Findings findings = validatePlan(plan);
        if (rule.expectFinding) {
            QCOMPARE(std::count_if(findings.cbegin(), findings.cend(),
                                   [&](const Finding &f) { return f.path == rule.path; }),
                     1);
            for (const Finding &f : findings)
                QVERIFY2(!formatFinding(f).contains(u'\n') && !formatFinding(f).contains(QChar(0x1b)),
                         qPrintable(formatFinding(f)));
        }
    }

    // vSphere inventory names: no '/', '\\' or '%' (stored escaped by vSphere), at most 80.
    void vsphereNames_data()
    {
        QTest::addColumn<RuleCase>("rule");
        bad("slash in the switch", u"vds.name"_s, [](LabPlan &p) { p.vds.name = u"DSwitch/1"_s; });
        bad("percent in a port group", u"vds.portGroups[0].name"_s,
            [](LabPlan &p) { p.vds.portGroups[0].name = u"VLAN %4"_s; });
        bad("backslash in the datastore", u"target.datastore"_s,
            [](LabPlan &p) { p.target.datastore = u"ds\\1"_s; });
        bad("81 characters in the management port group", u"network.portGroup"_s,
            [](LabPlan &p) { p.network.portGroup = QString(81, u'p'); });
        good("80 characters in the management port group", u"network.portGroup"_s,
             [](LabPlan &p) { p.network.portGroup = QString(80, u'p'); });
        bad("slash in the datacenter", u"target.datacenter"_s, [](LabPlan &p) {
            useVcenterTarget(p);
            p.target.datacenter = u"DC1/sub"_s;
        });
        bad("percent in the cluster", u"target.cluster"_s, [](LabPlan &p) {
            useVcenterTarget(p);
            p.target.cluster = u"C%25"_s;
        });
        bad("slash in a PSC's VM name", u"psc[1].name"_s, [](LabPlan &p) { p.psc[1].name = u"psc/02"_s; });
        bad("slash in the vCenter VM name", u"vcenter.name"_s,
            [](LabPlan &p) { p.vcenter.name = u"vc/01"_s; });
        bad("backslash in the HA port group", u"vcha.network.portGroup"_s,
            [](LabPlan &p) { p.vcha.network.portGroup = u"HA\\net"_s; });
        bad("percent in the target network", u"target.network"_s,
            [](LabPlan &p) { p.target.network = u"VM %1"_s; });
        good("spaces, dots and dashes", u"vds.name"_s,
             [](LabPlan &p) { p.vds.name = u"Lab DSwitch-01.a"_s; });
    }
    void vsphereNames() { verifyRule(); }

    void findingHelpers()
    {
        const Findings findings = {
            Finding{Severity::Warning, u"ntp.servers"_s, u"No NTP server is given."_s, u"Add one."_s},
            Finding{Severity::Error, u"psc[1].ip"_s, u"Bad."_s, u"Fix it."_s},
            Finding{Severity::Info, u"vds"_s, u"Note."_s, QString()},
        };
        QCOMPARE(severityName(Severity::Error), u"error"_s);
        QCOMPARE(severityName(Severity::Warning), u"warning"_s);
        QCOMPARE(severityName(Severity::Info), u"info"_s);
        QVERIFY(hasErrors(findings));
        QVERIFY(!hasErrors(findings.mid(0, 1)));
        QVERIFY(!hasErrors({}));
        QCOMPARE(countSeverity(findings, Severity::Error), 1);
        QCOMPARE(countSeverity(findings, Severity::Warning), 1);
        QCOMPARE(countSeverity(findings, Severity::Info), 1);
        QCOMPARE(formatFinding(findings.at(1)), u"error   psc[1].ip: Bad. Fix: Fix it."_s);
        QCOMPARE(formatFinding(findings.at(2)), u"info    vds: Note."_s);
        // A message never breaks the line or reaches the terminal with a control character.
        QCOMPARE(formatFinding(Finding{Severity::Error, u"lab.name"_s, u"\"a\nb\x1b[2J\" bad"_s, u"c\\d"_s}),
                 u"error   lab.name: \"a\\nb\\x1b[2J\" bad Fix: c\\\\d"_s);

        const QJsonArray json = findingsToJson(findings);
        QCOMPARE(json.size(), qsizetype(3));
        const QJsonObject first = json.at(0).toObject();
        QCOMPARE(first.value(u"severity"_s).toString(), u"warning"_s);
        QCOMPARE(first.value(u"path"_s).toString(), u"ntp.servers"_s);
        QCOMPARE(first.value(u"message"_s).toString(), u"No NTP server is given."_s);
        QCOMPARE(first.value(u"hint"_s).toString(), u"Add one."_s);
    }
};

QTEST_GUILESS_MAIN(TestPlanValidator)
#include "tst_planvalidator.moc"
