#include "vsphere/vcsatemplatewriter.h"

#include "core/tr.h"
#include "net/netaddr.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace vlab {

Result<VcsaRole> parseVcsaRole(const QString &text)
{
    if (text == u"psc1"_s)
        return VcsaRole::Psc1;
    if (text == u"psc2"_s)
        return VcsaRole::Psc2;
    if (text == u"vcenter"_s)
        return VcsaRole::VCenter;
    return makeError(u"vcsa.role"_s, Tr::tr("\"%1\" is not a role; use psc1, psc2 or vcenter.").arg(text));
}

Result<VcsaVersion> parseVcsaVersion(const QString &text)
{
    if (text == u"6.7"_s)
        return VcsaVersion::V67;
    if (text == u"6.5"_s)
        return VcsaVersion::V65;
    return makeError(u"vcsa.version"_s,
                     Tr::tr("\"%1\" is not a supported version; use 6.7 or 6.5.").arg(text));
}

QString vcsaTemplateFileName(VcsaRole role)
{
    switch (role) {
    case VcsaRole::Psc1:
        return u"vcsa-psc1.json"_s;
    case VcsaRole::Psc2:
        return u"vcsa-psc2.json"_s;
    case VcsaRole::VCenter:
        return u"vcsa-vcenter.json"_s;
    }
    return {};
}

namespace {

// 6.5 spelled the same keys with dots (and a few with hyphens).
QString key65(const QString &key67)
{
    static const QHash<QString, QString> special = {
        {u"new_vcsa"_s, u"new.vcsa"_s},
        {u"domain_name"_s, u"domain-name"_s},
        {u"site_name"_s, u"site-name"_s},
        {u"first_instance"_s, u"first-instance"_s},
        {u"replication_partner_hostname"_s, u"replication-partner-hostname"_s},
        {u"platform_services_controller"_s, u"platform.services.controller"_s},
        {u"sso_port"_s, u"sso.port"_s},
    };
    const auto it = special.constFind(key67);
    if (it != special.cend())
        return *it;
    QString key = key67;
    return key.replace(u'_', u'.');
}

QJsonValue to65(const QJsonValue &value)
{
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject in = value.toObject();
        for (auto it = in.constBegin(); it != in.constEnd(); ++it) {
            // "__version" and "__comments" keep their spelling.
            out.insert(it.key().startsWith(u"__"_s) ? it.key() : key65(it.key()), to65(it.value()));
        }
        return out;
    }
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(to65(v));
        return out;
    }
    return value;
}

bool isAscii(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
}

QString findNonAscii(const QJsonValue &value, const QString &path)
{
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            if (QString bad = findNonAscii(it.value(), path.isEmpty() ? it.key() : path + u'.' + it.key());
                !bad.isEmpty())
                return bad;
        }
    } else if (value.isArray()) {
        const QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (QString bad = findNonAscii(a.at(i), path + u'[' + QString::number(i) + u']'); !bad.isEmpty())
                return bad;
        }
    } else if (value.isString() && !isAscii(value.toString())) {
        return path;
    }
    return {};
}

} // namespace

namespace {

// The notes in English for the template's comments (the installer's files are ASCII), and
// translated for people.
struct VerifyNote
{
    const char *text; // with %1 = the key
    QString key;
};

QList<VerifyNote> verifyNotes(VcsaRole role, VcsaVersion version, const VcsaTemplateOptions &options)
{
    const bool v65 = version == VcsaVersion::V65;
    QList<VerifyNote> notes;
    notes << VerifyNote{QT_TRANSLATE_NOOP("vlab",
                                          "%1 as a list: the stock templates have no NTP key and 6.7 "
                                          "examples give one server as a string"),
                        v65 ? u"os > ntp.servers"_s : u"os > ntp_servers"_s};
    switch (role) {
    case VcsaRole::Psc1:
        if (!v65)
            notes << VerifyNote{QT_TRANSLATE_NOOP("vlab",
                                                  "%1: the 6.5 stock template spells it site-name; the 6.7 "
                                                  "spelling is in no public stock template"),
                                u"sso > site_name"_s};
        break;
    case VcsaRole::Psc2:
        if (options.replicaSiteName)
            notes << VerifyNote{QT_TRANSLATE_NOOP("vlab",
                                                  "%1 in the replica keeps it in the plan's site (without it "
                                                  "the default site applies); public 6.7 replica templates "
                                                  "do not show it"),
                                v65 ? u"sso > site-name"_s : u"sso > site_name"_s};
        break;
    case VcsaRole::VCenter:
        if (!v65)
            notes << VerifyNote{QT_TRANSLATE_NOOP("vlab",
                                                  "%1 next to platform_services_controller: the 6.5 stock "
                                                  "template has domain-name there, 6.7 by the same pattern"),
                                u"sso > domain_name"_s};
        break;
    }
    return notes;
}

const char *const kVerifyHow =
    QT_TRANSLATE_NOOP("vlab", "verify with 'vcsa-deploy install --template-help' or --verify-template-only");

} // namespace

QStringList vcsaTemplateVerifyNotes(VcsaRole role, VcsaVersion version, const VcsaTemplateOptions &options)
{
    QStringList out;
    for (const VerifyNote &n : verifyNotes(role, version, options))
        out << Tr::tr("%1 (%2)").arg(Tr::tr(n.text).arg(n.key), Tr::tr(kVerifyHow));
    return out;
}

Result<QByteArray> renderVcsaTemplate(const LabPlan &plan, VcsaRole role, VcsaVersion version,
                                      const std::optional<VcsaSecrets> &secrets,
                                      const VcsaTemplateOptions &options)
{
    const auto need = [](bool ok, const QString &field) -> std::optional<Error> {
        if (ok)
            return std::nullopt;
        return makeError(u"vcsa.plan"_s, Tr::tr("%1 is needed for the installer template.").arg(field));
    };
    const QString target = QString::fromLatin1(VcsaPlaceholders::Target);
    const QString root = QString::fromLatin1(VcsaPlaceholders::Root);
    const QString sso = QString::fromLatin1(VcsaPlaceholders::Sso);

    // The appliance this template deploys.
    QString name, fqdn, ip;
    if (role == VcsaRole::VCenter) {
        name = plan.vcenter.name;
        fqdn = plan.vcenter.fqdn;
        ip = plan.vcenter.ip;
    } else {
        const qsizetype index = role == VcsaRole::Psc1 ? 0 : 1;
        if (plan.psc.size() <= index)
            return makeError(u"vcsa.plan"_s,
                             Tr::tr("psc[%1] is needed for this role; the plan has %n PSC(s).", nullptr,
                                    int(plan.psc.size()))
                                 .arg(index));
        name = plan.psc.at(index).name;
        fqdn = plan.psc.at(index).fqdn;
        ip = plan.psc.at(index).ip;
    }
    const auto cidr = parseCidr(plan.network.cidr);
    for (const auto &check :
         {need(!name.isEmpty(), u"The appliance name"_s), need(!fqdn.isEmpty(), u"The FQDN"_s),
          need(bool(parseIpv4(ip)), u"An IPv4 address"_s), need(bool(cidr), u"network.cidr"_s),
          need(!plan.network.gateway.isEmpty(), u"network.gateway"_s),
          need(!plan.dns.servers.isEmpty(), u"dns.servers"_s),
          need(!plan.target.host.isEmpty(), u"target.host"_s),
          need(!plan.sso.domain.isEmpty(), u"sso.domain"_s)}) {
        if (check)
            return *check;
    }

    QJsonObject location{{u"hostname"_s, plan.target.host},
                         {u"username"_s, plan.target.user},
                         {u"password"_s, secrets ? secrets->targetPassword : target},
                         {u"deployment_network"_s, plan.target.network},
                         {u"datastore"_s, plan.target.datastore}};
    QJsonObject newVcsa;
    if (plan.target.kind == u"vcenter"_s) {
        // On a managing vCenter, datacenter and target are inventory paths (folders, then the object).
        location.insert(u"datacenter"_s, QJsonArray{plan.target.datacenter});
        location.insert(u"target"_s, QJsonArray{plan.target.cluster});
        newVcsa.insert(u"vc"_s, location);
    } else {
        newVcsa.insert(u"esxi"_s, location);
    }
    const QString option =
        role == VcsaRole::VCenter ? u"management-"_s + plan.vcenter.size : u"infrastructure"_s;
    newVcsa.insert(
        u"appliance"_s,
        QJsonObject{{u"thin_disk_mode"_s, true}, {u"deployment_option"_s, option}, {u"name"_s, name}});
    newVcsa.insert(u"network"_s,
                   QJsonObject{{u"ip_family"_s, u"ipv4"_s},
                               {u"mode"_s, u"static"_s},
                               {u"ip"_s, ip},
                               {u"dns_servers"_s, QJsonArray::fromStringList(plan.dns.servers)},
                               {u"prefix"_s, QString::number(cidr->prefix)},
                               {u"gateway"_s, plan.network.gateway},
                               {u"system_name"_s, fqdn}});
    QJsonObject os{{u"password"_s, secrets ? secrets->rootPassword : root}, {u"ssh_enable"_s, true}};
    if (!plan.ntp.servers.isEmpty())
        os.insert(u"ntp_servers"_s, QJsonArray::fromStringList(plan.ntp.servers));
    newVcsa.insert(u"os"_s, os);

    QJsonObject ssoObject{{u"password"_s, secrets ? secrets->ssoPassword : sso}};
    QString comment;
    switch (role) {
    case VcsaRole::Psc1:
        ssoObject.insert(u"domain_name"_s, plan.sso.domain);
        ssoObject.insert(u"site_name"_s, plan.sso.site);
        comment =
            u"First external Platform Services Controller: creates the SSO domain %1 and site %2."_s.arg(
                plan.sso.domain, plan.sso.site);
        break;
    case VcsaRole::Psc2:
        ssoObject.insert(u"domain_name"_s, plan.sso.domain);
        ssoObject.insert(u"first_instance"_s, false);
        ssoObject.insert(u"replication_partner_hostname"_s, plan.psc.at(0).fqdn);
        ssoObject.insert(u"sso_port"_s, 443);
        // Both PSCs in the plan's one site: the replica names it (see VcsaTemplateOptions).
        if (options.replicaSiteName)
            ssoObject.insert(u"site_name"_s, plan.sso.site);
        comment = u"Second external Platform Services Controller: joins %1 and replicates with %2."_s.arg(
            plan.sso.domain, plan.psc.at(0).fqdn);
        if (options.replicaSiteName)
            comment += u" It joins the site %1 of the first."_s.arg(plan.sso.site);
        break;
    case VcsaRole::VCenter:
        // The stock template for a vCenter with an external PSC names the SSO domain next to
        // the PSC (domain-name in 6.5).
        ssoObject.insert(u"domain_name"_s, plan.sso.domain);
        ssoObject.insert(u"platform_services_controller"_s, plan.loadBalancer.fqdn);
        ssoObject.insert(u"sso_port"_s, 443);
        comment = u"vCenter Server (%1) with the external PSCs behind the load-balancer name %2."_s.arg(
            option, plan.loadBalancer.fqdn);
        break;
    }
    newVcsa.insert(u"sso"_s, ssoObject);

    QJsonArray comments{QString(comment + u" Written by vLab Wizard from lab "_s + plan.lab.name + u'.'),
                        secrets ? u"This file holds passwords: keep it private (mode 0600)."_s
                                : u"Passwords are placeholders (<VLAB_..._PASSWORD>); vLab "
                                  u"Wizard fills them in when it runs the installer."_s};
    // Keys no public stock template confirms: said in the file itself (English: the installer's
    // own language; these comments are data, not the user interface).
    for (const VerifyNote &n : verifyNotes(role, version, options))
        comments.append(QString(u"Verify: "_s + QString::fromLatin1(n.text).arg(n.key) + u" ("_s
                                + QString::fromLatin1(kVerifyHow) + u")."_s));
    QJsonObject root67{{u"__version"_s, u"2.13.0"_s}, {u"__comments"_s, comments}, {u"new_vcsa"_s, newVcsa}};
    // The CEIP choice belongs to the PSC templates; the stock vCenter-with-external-PSC template
    // has no CEIP block.
    if (role != VcsaRole::VCenter)
        root67.insert(u"ceip"_s, QJsonObject{{u"settings"_s, QJsonObject{{u"ceip_enabled"_s, false}}}});
    QJsonObject out = root67;
    if (version == VcsaVersion::V65) {
        out = to65(root67).toObject();
        out.insert(u"__version"_s, u"2.3.0"_s);
    }
    // The values first, so the message names the field rather than the comment quoting it.
    const QString newKey = version == VcsaVersion::V65 ? u"new.vcsa"_s : u"new_vcsa"_s;
    QString bad = findNonAscii(out.value(newKey), newKey);
    if (bad.isEmpty())
        bad = findNonAscii(out, QString());
    if (!bad.isEmpty())
        return makeError(
            u"vcsa.ascii"_s,
            Tr::tr("The installer accepts only ASCII, but %1 is not ASCII. Change that value in the plan.")
                .arg(bad));
    return QJsonDocument(out).toJson(QJsonDocument::Indented);
}

} // namespace vlab
