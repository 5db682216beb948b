#include "validate/planvalidator.h"

#include "core/quoting.h"
#include "core/tr.h"
#include "net/hostport.h"
#include "net/netaddr.h"
#include "plan/planjson.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <optional>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

QString at(const QString &base, qsizetype i, const QString &field = {})
{
    QString path = base + u'[' + QString::number(i) + u']';
    if (!field.isEmpty())
        path += u'.' + field;
    return path;
}

bool oneOf(const QString &value, std::initializer_list<const char16_t *> allowed)
{
    for (const char16_t *a : allowed) {
        if (value == QStringView(a))
            return true;
    }
    return false;
}

class Checker
{
public:
    explicit Checker(const LabPlan &plan)
        : p(plan)
    {
    }

    Findings run()
    {
        characters();
        vsphereNames();
        lab();
        dns();
        ntp();
        network();
        target();
        sso();
        pscs();
        loadBalancer();
        certificate();
        vcenter();
        vcha();
        vds();
        addressPlacement();
        uniqueAddresses();
        uniqueNames();
        return m_findings;
    }

private:
    void add(Severity s, const QString &path, const QString &message, const QString &hint = {})
    {
        // A field that holds a control character has that one finding: the other rules would
        // only repeat the value (and its line break) in their messages.
        if (m_unreadable.contains(path))
            return;
        m_findings.append(Finding{s, path, message, hint});
    }
    void error(const QString &path, const QString &message, const QString &hint = {})
    {
        add(Severity::Error, path, message, hint);
    }
    void warning(const QString &path, const QString &message, const QString &hint = {})
    {
        add(Severity::Warning, path, message, hint);
    }

    bool required(const QString &path, const QString &value, const QString &hint)
    {
        if (!value.trimmed().isEmpty())
            return true;
        error(path, Tr::tr("Required value is empty."), hint);
        return false;
    }

    std::optional<quint32> ipv4(const QString &path, const QString &value, const QString &what)
    {
        if (value.isEmpty()) {
            error(path, Tr::tr("The %1 is empty.").arg(what),
                  Tr::tr("Enter an IPv4 address such as 192.168.1.10."));
            return std::nullopt;
        }
        const auto address = parseIpv4(value);
        if (!address) {
            error(path, Tr::tr("\"%1\" is not an IPv4 address.").arg(value),
                  Tr::tr("Write four numbers 0-255 separated by dots, without leading zeros, "
                         "for example 192.168.1.10."));
        }
        return address;
    }

    void fqdn(const QString &path, const QString &value, const QString &what)
    {
        const QString problem = fqdnProblem(value);
        if (!problem.isEmpty()) {
            error(path, Tr::tr("The %1 \"%2\" %3.").arg(what, value, problem),
                  Tr::tr("Use a fully qualified name such as host.%1.")
                      .arg(p.dns.domain.isEmpty() ? u"example.com"_s : p.dns.domain));
        }
    }

    void hostOrAddress(const QString &path, const QString &value, const QString &what)
    {
        if (parseIpv4(value))
            return;
        if (!value.isEmpty() && value.front().isDigit() && value.count(u'.') == 3) {
            ipv4(path, value, what); // looks like a mistyped address: say so
            return;
        }
        fqdn(path, value, what);
    }

    // Names and values are data: each is one line of plain text, and no output language
    // (shell, PowerShell, NetScaler CLI, XML, Markdown) needs to carry anything else. Every
    // string of the plan is walked through its JSON form, so a field added later is covered
    // without being listed here.
    void characters() { walkStrings(planToJson(p), QString()); }

    void walkStrings(const QJsonValue &value, const QString &path)
    {
        if (value.isObject()) {
            const QJsonObject o = value.toObject();
            for (auto it = o.constBegin(); it != o.constEnd(); ++it)
                walkStrings(it.value(), path.isEmpty() ? it.key() : path + u'.' + it.key());
        } else if (value.isArray()) {
            const QJsonArray a = value.toArray();
            for (qsizetype i = 0; i < a.size(); ++i)
                walkStrings(a.at(i), at(path, i));
        } else if (value.isString()) {
            const QString text = value.toString();
            const qsizetype bad = firstForbiddenCharacter(text);
            if (bad < 0)
                return;
            const QChar c = text.at(bad);
            const char32_t code =
                c.isHighSurrogate() && bad + 1 < text.size() && text.at(bad + 1).isLowSurrogate()
                ? QChar::surrogateToUcs4(c, text.at(bad + 1))
                : char32_t(c.unicode());
            error(path,
                  Tr::tr("Contains %1 at position %2; a name or value is one line of plain text.")
                      .arg(describeCharacter(code), QString::number(bad + 1)),
                  Tr::tr("Remove it: names and values cannot hold line breaks, tabs, control codes or "
                         "text-direction controls."));
            m_unreadable.insert(path);
        }
    }

    // vSphere inventory names (switch, port groups, datacenter, cluster, datastore, networks,
    // appliance VM names). The vSphere Web Services API stores '/', '\' and '%' in a
    // ManagedEntity name escaped (%2f, %5c, %25; API reference, ManagedEntity.name), so such a
    // name never matches itself in an inventory path (govc, PowerCLI -Location, the installer's
    // datacenter/target paths) and '/' reads as a folder separator; the vSphere Client takes at
    // most 80 characters for an inventory name.
    void vsphereName(const QString &path, const QString &value)
    {
        if (value.isEmpty() || m_unreadable.contains(path))
            return;
        for (const QChar c : {u'/', u'\\', u'%'}) {
            if (value.contains(c)) {
                error(path,
                      Tr::tr("\"%1\" contains '%2', which vSphere does not keep in an inventory name.")
                          .arg(value, QString(c)),
                      Tr::tr("Use a name without '/', '\\' and '%'."));
                return;
            }
        }
        if (value.size() > 80)
            error(path,
                  Tr::tr("The name has %1 characters; vSphere inventory names have at most 80.")
                      .arg(value.size()),
                  Tr::tr("Shorten it to 80 characters or fewer."));
    }

    void vsphereNames()
    {
        vsphereName(u"network.portGroup"_s, p.network.portGroup);
        vsphereName(u"target.datastore"_s, p.target.datastore);
        vsphereName(u"target.network"_s, p.target.network);
        if (p.target.kind == u"vcenter"_s) { // unused (and not editable) for an ESXi target
            vsphereName(u"target.datacenter"_s, p.target.datacenter);
            vsphereName(u"target.cluster"_s, p.target.cluster);
        }
        for (qsizetype i = 0; i < p.psc.size(); ++i)
            vsphereName(at(u"psc"_s, i, u"name"_s), p.psc.at(i).name);
        vsphereName(u"vcenter.name"_s, p.vcenter.name);
        vsphereName(u"vcha.network.portGroup"_s, p.vcha.network.portGroup);
        vsphereName(u"vds.name"_s, p.vds.name);
        for (qsizetype i = 0; i < p.vds.portGroups.size(); ++i)
            vsphereName(at(u"vds.portGroups"_s, i, u"name"_s), p.vds.portGroups.at(i).name);
    }

    void lab()
    {
        required(u"lab.name"_s, p.lab.name, Tr::tr("Give the lab a short name, for example sslab."));
    }

    void dns()
    {
        const QString problem = fqdnProblem(p.dns.domain);
        if (!problem.isEmpty())
            error(u"dns.domain"_s, Tr::tr("The DNS domain \"%1\" %2.").arg(p.dns.domain, problem),
                  Tr::tr("Enter the lab's DNS domain, for example sslab.com."));
        if (p.dns.servers.isEmpty())
            error(u"dns.servers"_s, Tr::tr("No DNS server is given."),
                  Tr::tr("Add the address of the DNS server that holds the lab's records."));
        for (qsizetype i = 0; i < p.dns.servers.size(); ++i)
            ipv4(at(u"dns.servers"_s, i), p.dns.servers.at(i), Tr::tr("DNS server address"));
    }

    void ntp()
    {
        if (p.ntp.servers.isEmpty())
            warning(u"ntp.servers"_s, Tr::tr("No NTP server is given."),
                    Tr::tr("Add one: the PSCs, vCenter and ESXi must agree on the time, or "
                           "SSO logins and replication fail."));
        for (qsizetype i = 0; i < p.ntp.servers.size(); ++i) {
            // "host" or "host:port" (a server on another port than 123).
            const QString server = p.ntp.servers.at(i);
            const Result<HostPort> hostPort = parseHostPort(server, 123);
            if (!hostPort && hostPort.error().code == u"hostport.port"_s) {
                error(at(u"ntp.servers"_s, i),
                      Tr::tr("\"%1\" has no valid port after the colon.").arg(server),
                      Tr::tr("Write host or host:port with a port from 1 to 65535 (NTP uses 123)."));
                continue;
            }
            // A host that does not parse: hostOrAddress says what is wrong with it.
            const QString host = hostPort ? hostPort->host
                : server.count(u':') == 1 ? server.section(u':', 0, 0)
                                          : server;
            hostOrAddress(at(u"ntp.servers"_s, i), host, Tr::tr("NTP server"));
        }
    }

    void network()
    {
        CidrProblem problem = CidrProblem::None;
        m_mgmt = parseCidr(p.network.cidr, &problem);
        if (!m_mgmt) {
            if (problem == CidrProblem::HostBitsSet) {
                const auto guess = parseCidr(p.network.cidr.section(u'/', 0, 0) + u"/32"_s);
                const int prefix = p.network.cidr.section(u'/', 1).toInt();
                const quint32 mask = prefix == 0 ? 0u : ~0u << (32 - prefix);
                error(u"network.cidr"_s, Tr::tr("\"%1\" has host bits set.").arg(p.network.cidr),
                      Tr::tr("Write the network address: %1/%2.")
                          .arg(formatIpv4(guess ? (guess->network & mask) : 0), QString::number(prefix)));
            } else {
                error(u"network.cidr"_s, Tr::tr("\"%1\" is not a network in CIDR form.").arg(p.network.cidr),
                      Tr::tr("Write the management network as address/prefix, for example "
                             "192.168.1.0/24."));
            }
        } else if (m_mgmt->prefix > 29) {
            error(u"network.cidr"_s,
                  Tr::tr("/%1 leaves too few addresses for two PSCs, the load balancer and vCenter.")
                      .arg(m_mgmt->prefix),
                  Tr::tr("Use a prefix of /29 or shorter, such as /24."));
        }
        if (auto gw = ipv4(u"network.gateway"_s, p.network.gateway, Tr::tr("gateway address")))
            insideNetwork(u"network.gateway"_s, *gw, Severity::Error);
        required(u"network.portGroup"_s, p.network.portGroup,
                 Tr::tr("Name the port group the appliances attach to, for example VM Network."));
    }

    void target()
    {
        const DeploymentTarget &t = p.target;
        const bool isVcenter = t.kind == u"vcenter"_s;
        if (t.kind != u"esxi"_s && !isVcenter)
            error(u"target.kind"_s, Tr::tr("\"%1\" is not a deployment target kind.").arg(t.kind),
                  Tr::tr("Use esxi (deploy on a host) or vcenter (deploy through a managing vCenter)."));
        hostOrAddress(u"target.host"_s, t.host, Tr::tr("deployment host"));
        required(u"target.user"_s, t.user,
                 isVcenter ? Tr::tr("Enter the vCenter user, for example administrator@vsphere.local.")
                           : Tr::tr("Enter the ESXi user, usually root."));
        required(u"target.datastore"_s, t.datastore, Tr::tr("Name the datastore for the appliances."));
        required(u"target.network"_s, t.network,
                 Tr::tr("Name the network (port group) on the target for the appliances."));
        if (isVcenter) {
            required(u"target.datacenter"_s, t.datacenter,
                     Tr::tr("Name the datacenter that holds the target cluster or host."));
            required(u"target.cluster"_s, t.cluster,
                     Tr::tr("Name the cluster (or host) the appliances are placed on."));
        }
    }

    void sso()
    {
        const QString problem = fqdnProblem(p.sso.domain);
        if (!problem.isEmpty()) {
            error(u"sso.domain"_s, Tr::tr("The SSO domain \"%1\" %2.").arg(p.sso.domain, problem),
                  Tr::tr("Use DNS-label syntax with at least one dot, for example vsphere.local. "
                         "It cannot be changed after the first PSC is installed."));
        } else if (p.sso.domain.compare(p.dns.domain, Qt::CaseInsensitive) == 0) {
            warning(u"sso.domain"_s, Tr::tr("The SSO domain equals the DNS domain %1.").arg(p.dns.domain),
                    Tr::tr("Use a name of its own, such as vsphere.local: an SSO domain that "
                           "matches an Active Directory domain breaks identity sources."));
        }
        if (required(u"sso.site"_s, p.sso.site,
                     Tr::tr("Name the SSO site both PSCs join, for example Default-First-Site."))
            && p.sso.site.size() > 63) {
            error(u"sso.site"_s, Tr::tr("The site name has %1 characters.").arg(p.sso.site.size()),
                  Tr::tr("Shorten it to 63 characters or fewer."));
        }
    }

    void pscs()
    {
        if (p.psc.size() < 2)
            error(u"psc"_s,
                  Tr::tr("%n PSC(s) planned; a load-balanced pair needs at least two.", nullptr,
                         int(p.psc.size())),
                  Tr::tr("Add a second PSC that replicates with the first."));
        for (qsizetype i = 0; i < p.psc.size(); ++i) {
            const PscNode &n = p.psc.at(i);
            required(at(u"psc"_s, i, u"name"_s), n.name,
                     Tr::tr("Give the appliance a VM name, for example vcenter-psc0%1.").arg(i + 1));
            fqdn(at(u"psc"_s, i, u"fqdn"_s), n.fqdn, Tr::tr("PSC name"));
            ipv4(at(u"psc"_s, i, u"ip"_s), n.ip, Tr::tr("PSC address"));
        }
    }

    void loadBalancer()
    {
        const LoadBalancer &lb = p.loadBalancer;
        if (lb.kind != u"netscaler"_s)
            error(u"loadBalancer.kind"_s, Tr::tr("\"%1\" is not a supported load balancer.").arg(lb.kind),
                  Tr::tr("Use netscaler (Citrix NetScaler / ADC)."));
        ipv4(u"loadBalancer.nsip"_s, lb.nsip, Tr::tr("NetScaler management address (NSIP)"));
        ipv4(u"loadBalancer.snip"_s, lb.snip, Tr::tr("NetScaler subnet address (SNIP)"));
        ipv4(u"loadBalancer.vip"_s, lb.vip, Tr::tr("virtual address (VIP)"));
        fqdn(u"loadBalancer.fqdn"_s, lb.fqdn, Tr::tr("load-balancer name"));

        if (lb.ports.isEmpty())
            error(u"loadBalancer.ports"_s, Tr::tr("No port is balanced."),
                  Tr::tr("Balance the PSC ports 443, 389, 636, 2012, 2014 and 2020."));
        QSet<int> seen;
        for (qsizetype i = 0; i < lb.ports.size(); ++i) {
            const int port = lb.ports.at(i);
            if (port < 1 || port > 65535)
                error(at(u"loadBalancer.ports"_s, i), Tr::tr("%1 is not a TCP port.").arg(port),
                      Tr::tr("Use a number from 1 to 65535."));
            else if (seen.contains(port))
                error(at(u"loadBalancer.ports"_s, i), Tr::tr("Port %1 is listed twice.").arg(port),
                      Tr::tr("Remove the repeated entry."));
            seen.insert(port);
        }
        for (int port : standardPscPorts()) {
            if (!lb.ports.isEmpty() && !seen.contains(port))
                warning(u"loadBalancer.ports"_s, Tr::tr("PSC port %1 is not balanced.").arg(port),
                        Tr::tr("Add %1 unless you know no client uses it; vCenter reaches the "
                               "PSCs on 443, 389, 636, 2012, 2014 and 2020.")
                            .arg(port));
        }

        if (!oneOf(lb.persistence.type, {u"SOURCEIP", u"COOKIEINSERT", u"RULE", u"NONE"}))
            error(u"loadBalancer.persistence.type"_s,
                  Tr::tr("\"%1\" is not a persistence type.").arg(lb.persistence.type),
                  Tr::tr("Use SOURCEIP (what the PSCs need), COOKIEINSERT, RULE or NONE."));
        if (lb.persistence.timeoutMinutes < 2 || lb.persistence.timeoutMinutes > 1440)
            error(u"loadBalancer.persistence.timeoutMinutes"_s,
                  Tr::tr("A persistence timeout of %1 minutes is out of range.")
                      .arg(lb.persistence.timeoutMinutes),
                  Tr::tr("Use 2 to 1440 minutes; the PSC design uses 1440."));

        // NetScaler object names "must begin with an ASCII alphanumeric or underscore (_)
        // character, and must contain only ASCII alphanumeric, underscore, hash (#), period (.),
        // space, colon (:), at (@), equals (=), and hyphen (-) characters", at most 127 of them
        // (NITRO API reference, e.g. lbvserver.name; the same rule for server, service and
        // lbgroup). The prefix is held to a stricter subset (no space, # : @ =) and 40
        // characters, so that every generated name (prefix + "-svc-" + PSC name + port, see
        // netscalerName()) stays a plain word of the batch file within 127 characters.
        const QString &prefix = lb.namePrefix;
        if (required(u"loadBalancer.namePrefix"_s, prefix,
                     Tr::tr("Set a short prefix for the NetScaler object names, for example psc."))) {
            const QChar first = prefix.front();
            bool ok =
                prefix.size() <= 40 && (first.isLetterOrNumber() || first == u'_') && first.unicode() < 0x80;
            for (QChar c : prefix) {
                const char16_t u = c.unicode();
                ok = ok && u < 0x80
                    && ((u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
                        || u == u'_' || u == u'-' || u == u'.');
            }
            if (!ok)
                error(u"loadBalancer.namePrefix"_s,
                      Tr::tr("\"%1\" is not usable in NetScaler object names.").arg(prefix),
                      Tr::tr("Use at most 40 ASCII letters, digits, '_', '-' or '.', starting "
                             "with a letter, digit or '_'."));
        }
    }

    void certificate()
    {
        const CertificatePlan &c = p.certificate;
        const CertificateSubject &s = c.subject;
        if (s.country.size() != 2 || !s.country.front().isUpper() || !s.country.back().isUpper()
            || s.country.front().unicode() > u'Z' || s.country.back().unicode() > u'Z')
            error(u"certificate.subject.C"_s,
                  Tr::tr("The country \"%1\" is not a two-letter code.").arg(s.country),
                  Tr::tr("Use the ISO 3166 code in capitals, for example AE or DE."));
        if (s.commonName.compare(p.loadBalancer.fqdn, Qt::CaseInsensitive) != 0)
            error(u"certificate.subject.CN"_s,
                  s.commonName.isEmpty()
                      ? Tr::tr("The common name is empty.")
                      : Tr::tr("The common name \"%1\" is not the load-balancer name \"%2\".")
                            .arg(s.commonName, p.loadBalancer.fqdn),
                  Tr::tr("Set CN to %1: clients reach the PSCs through the load balancer.")
                      .arg(p.loadBalancer.fqdn));

        QSet<QString> san;
        for (qsizetype i = 0; i < c.san.size(); ++i) {
            const QString problem = fqdnProblem(c.san.at(i));
            if (!problem.isEmpty())
                error(at(u"certificate.san"_s, i), Tr::tr("The name \"%1\" %2.").arg(c.san.at(i), problem),
                      Tr::tr("Each entry is a DNS name; the certificate must name both PSCs and "
                             "the load balancer."));
            san.insert(c.san.at(i).toLower());
        }
        QStringList needed;
        for (const PscNode &n : p.psc)
            needed << n.fqdn;
        needed << p.loadBalancer.fqdn;
        for (const QString &name : std::as_const(needed)) {
            if (!name.isEmpty() && !san.contains(name.toLower()))
                error(u"certificate.san"_s, Tr::tr("The certificate names do not include %1.").arg(name),
                      Tr::tr("Add %1 to the subject alternative names; a name missing there "
                             "breaks TLS for clients that use it.")
                          .arg(name));
        }

        if (c.keyBits != 2048 && c.keyBits != 3072 && c.keyBits != 4096)
            error(u"certificate.keyBits"_s, Tr::tr("An RSA key of %1 bits is not offered.").arg(c.keyBits),
                  Tr::tr("Use 2048, 3072 or 4096."));
        if (c.signer != u"vmca"_s && c.signer != u"external"_s)
            error(u"certificate.signer"_s, Tr::tr("\"%1\" is not a signer.").arg(c.signer),
                  Tr::tr("Use vmca (the PSC's own CA signs) or external (your CA signs)."));
        if (c.validityDays < 1 || c.validityDays > 3650)
            error(u"certificate.validityDays"_s,
                  Tr::tr("A validity of %1 days is out of range.").arg(c.validityDays),
                  Tr::tr("Use 1 to 3650 days."));
    }

    void vcenter()
    {
        const VCenterPlan &v = p.vcenter;
        required(u"vcenter.name"_s, v.name,
                 Tr::tr("Give the appliance a VM name, for example vcenter-vc01."));
        fqdn(u"vcenter.fqdn"_s, v.fqdn, Tr::tr("vCenter name"));
        ipv4(u"vcenter.ip"_s, v.ip, Tr::tr("vCenter address"));
        if (!oneOf(v.size, {u"tiny", u"small", u"medium", u"large", u"xlarge"}))
            error(u"vcenter.size"_s, Tr::tr("\"%1\" is not a vCenter deployment size.").arg(v.size),
                  Tr::tr("Use tiny, small, medium, large or xlarge."));
    }

    void vcha()
    {
        const VchaPlan &h = p.vcha;
        if (!h.enabled)
            return;
        if (p.vcenter.size == u"tiny"_s)
            error(u"vcenter.size"_s, Tr::tr("vCenter High Availability needs size small or larger."),
                  Tr::tr("Choose small (or larger), or switch VCHA off."));
        CidrProblem problem = CidrProblem::None;
        const auto ha = parseCidr(h.network.cidr, &problem);
        if (!ha) {
            error(u"vcha.network.cidr"_s,
                  problem == CidrProblem::HostBitsSet
                      ? Tr::tr("\"%1\" has host bits set.").arg(h.network.cidr)
                      : Tr::tr("\"%1\" is not a network in CIDR form.").arg(h.network.cidr),
                  Tr::tr("Write the HA network as address/prefix, for example 192.168.100.0/24."));
        } else if (m_mgmt && ha->overlaps(*m_mgmt)) {
            error(u"vcha.network.cidr"_s,
                  Tr::tr("The HA network %1 overlaps the management network %2.")
                      .arg(h.network.cidr, p.network.cidr),
                  Tr::tr("Put the HA network on a subnet of its own."));
        }
        required(u"vcha.network.portGroup"_s, h.network.portGroup,
                 Tr::tr("Name the port group of the HA network."));
        const QList<std::pair<QString, QString>> nodes = {{u"vcha.activeIp"_s, h.activeIp},
                                                          {u"vcha.passiveIp"_s, h.passiveIp},
                                                          {u"vcha.witnessIp"_s, h.witnessIp}};
        for (const auto &[path, value] : nodes) {
            const auto address = ipv4(path, value, Tr::tr("HA address"));
            if (!address || !ha)
                continue;
            if (!ha->contains(*address))
                error(path, Tr::tr("%1 is outside the HA network %2.").arg(value, h.network.cidr),
                      Tr::tr("Pick an address inside %1.").arg(h.network.cidr));
            else if (ha->prefix < 31 && (*address == ha->network || *address == ha->broadcast()))
                error(path,
                      Tr::tr("%1 is the network or broadcast address of %2.").arg(value, h.network.cidr),
                      Tr::tr("Pick a host address inside %1.").arg(h.network.cidr));
        }
    }

    void vds()
    {
        const DistributedSwitch &d = p.vds;
        required(u"vds.name"_s, d.name, Tr::tr("Name the Distributed Switch."));
        if (!oneOf(d.version, {u"6.0.0", u"6.5.0", u"6.6.0"}))
            warning(u"vds.version"_s,
                    Tr::tr("\"%1\" is not a Distributed Switch version of vSphere 6.7.").arg(d.version),
                    Tr::tr("Use 6.6.0 (hosts 6.7), 6.5.0 or 6.0.0."));
        if (d.mtu < 1280 || d.mtu > 9000)
            error(u"vds.mtu"_s, Tr::tr("An MTU of %1 is out of range.").arg(d.mtu),
                  Tr::tr("Use 1280 to 9000: 1500 is standard, 9000 for jumbo frames."));
        if (d.uplinks < 1 || d.uplinks > 32)
            error(u"vds.uplinks"_s, Tr::tr("%1 uplinks is out of range.").arg(d.uplinks),
                  Tr::tr("Use 1 to 32 uplinks per host; 2 is usual."));
        QSet<QString> names;
        for (qsizetype i = 0; i < d.portGroups.size(); ++i) {
            const PortGroup &g = d.portGroups.at(i);
            if (required(at(u"vds.portGroups"_s, i, u"name"_s), g.name, Tr::tr("Name the port group."))) {
                if (names.contains(g.name.toLower()))
                    error(at(u"vds.portGroups"_s, i, u"name"_s),
                          Tr::tr("The port group name \"%1\" is used twice.").arg(g.name),
                          Tr::tr("Give every port group its own name."));
                names.insert(g.name.toLower());
            }
            if (g.vlan < 0 || g.vlan > 4094)
                error(at(u"vds.portGroups"_s, i, u"vlan"_s), Tr::tr("VLAN %1 is out of range.").arg(g.vlan),
                      Tr::tr("Use 0 (no tag) to 4094."));
        }
    }

    void insideNetwork(const QString &path, quint32 address, Severity outside)
    {
        if (!m_mgmt)
            return;
        if (!m_mgmt->contains(address)) {
            add(outside, path,
                Tr::tr("%1 is outside the management network %2.").arg(formatIpv4(address), p.network.cidr),
                outside == Severity::Error
                    ? Tr::tr("Pick an address inside %1, or correct network.cidr.").arg(p.network.cidr)
                    : Tr::tr("Make sure the address is routed to the lab, or pick one inside %1.")
                          .arg(p.network.cidr));
        } else if (m_mgmt->prefix < 31 && (address == m_mgmt->network || address == m_mgmt->broadcast())) {
            error(path,
                  Tr::tr("%1 is the network or broadcast address of %2.")
                      .arg(formatIpv4(address), p.network.cidr),
                  Tr::tr("Pick a host address inside %1.").arg(p.network.cidr));
        }
    }

    // PSCs, vCenter and the SNIP must sit on the management network (the NetScaler reaches
    // the PSCs from its SNIP); the VIP and NSIP may be routed from elsewhere, so a warning.
    void addressPlacement()
    {
        auto check = [&](const QString &path, const QString &value, Severity outside) {
            if (const auto a = parseIpv4(value))
                insideNetwork(path, *a, outside);
        };
        for (qsizetype i = 0; i < p.psc.size(); ++i)
            check(at(u"psc"_s, i, u"ip"_s), p.psc.at(i).ip, Severity::Error);
        check(u"vcenter.ip"_s, p.vcenter.ip, Severity::Error);
        check(u"loadBalancer.snip"_s, p.loadBalancer.snip, Severity::Error);
        check(u"loadBalancer.vip"_s, p.loadBalancer.vip, Severity::Warning);
        check(u"loadBalancer.nsip"_s, p.loadBalancer.nsip, Severity::Warning);
    }

    void uniqueAddresses()
    {
        QList<std::pair<QString, QString>> uses;
        uses.append({u"network.gateway"_s, p.network.gateway});
        for (qsizetype i = 0; i < p.psc.size(); ++i)
            uses.append({at(u"psc"_s, i, u"ip"_s), p.psc.at(i).ip});
        uses.append({u"loadBalancer.nsip"_s, p.loadBalancer.nsip});
        uses.append({u"loadBalancer.snip"_s, p.loadBalancer.snip});
        uses.append({u"loadBalancer.vip"_s, p.loadBalancer.vip});
        uses.append({u"vcenter.ip"_s, p.vcenter.ip});
        if (p.vcha.enabled) {
            uses.append({u"vcha.activeIp"_s, p.vcha.activeIp});
            uses.append({u"vcha.passiveIp"_s, p.vcha.passiveIp});
            uses.append({u"vcha.witnessIp"_s, p.vcha.witnessIp});
        }
        QHash<quint32, QString> first;
        for (const auto &[path, value] : std::as_const(uses)) {
            const auto a = parseIpv4(value);
            if (!a)
                continue;
            const auto it = first.constFind(*a);
            if (it != first.cend()) {
                error(path, Tr::tr("%1 is already used by %2.").arg(value, *it),
                      Tr::tr("Every node, the VIP, NSIP and SNIP need an address of their own."));
            } else {
                first.insert(*a, path);
            }
        }
    }

    void uniqueNames()
    {
        QList<std::pair<QString, QString>> uses;
        for (qsizetype i = 0; i < p.psc.size(); ++i)
            uses.append({at(u"psc"_s, i, u"fqdn"_s), p.psc.at(i).fqdn});
        uses.append({u"loadBalancer.fqdn"_s, p.loadBalancer.fqdn});
        uses.append({u"vcenter.fqdn"_s, p.vcenter.fqdn});
        if (!parseIpv4(p.target.host))
            uses.append({u"target.host"_s, p.target.host});
        QHash<QString, QString> first;
        for (const auto &[path, value] : std::as_const(uses)) {
            if (value.isEmpty())
                continue;
            const QString key = value.toLower();
            const auto it = first.constFind(key);
            if (it != first.cend()) {
                error(path, Tr::tr("%1 is already used by %2.").arg(value, *it),
                      Tr::tr("Every PSC, the load balancer, vCenter and the deployment host need "
                             "a DNS name of their own."));
            } else {
                first.insert(key, path);
            }
        }
    }

    const LabPlan &p;
    std::optional<Ipv4Network> m_mgmt;
    Findings m_findings;
    QSet<QString> m_unreadable; // paths whose value holds a forbidden character
};

} // namespace

Findings validatePlan(const LabPlan &plan)
{
    return Checker(plan).run();
}

} // namespace vlab
