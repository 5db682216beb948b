#include "project/ansibleexport.h"

#include "certs/csrrequest.h"
#include "core/tr.h"
#include "core/yamlquote.h"
#include "net/trustedpins.h"
#include "netscaler/lbconfig.h"
#include "netscaler/nitromodel.h"
#include "validate/planvalidator.h"
#include "vsphere/vchaspecwriter.h"
#include "vsphere/vcsatemplatewriter.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

constexpr auto kResourceRoot = ":/vlab/ansible";

// ---- YAML from a JSON tree: every string (and every key that is not a plain identifier)
// through the one quoting function, marked !unsafe.

bool plainKey(const QString &key)
{
    static const QRegularExpression identifier(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    return identifier.match(key).hasMatch();
}

QString yamlKey(const QString &key, int indent)
{
    return plainKey(key) ? key : yamlUnsafe(key, indent + 2);
}

QString yamlScalar(const QJsonValue &value, int indent)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return QString::number(value.toInteger());
    case QJsonValue::String:
        return yamlUnsafe(value.toString(), indent + 2);
    case QJsonValue::Array:
        return u"[]"_s; // only empty ones are written inline
    case QJsonValue::Object:
        return u"{}"_s;
    default:
        return u"null"_s;
    }
}

bool isBlock(const QJsonValue &v)
{
    return (v.isArray() && !v.toArray().isEmpty()) || (v.isObject() && !v.toObject().isEmpty());
}

void writeYaml(QString &out, const QJsonValue &value, int indent);

void writeMapping(QString &out, const QList<std::pair<QString, QJsonValue>> &entries, int indent)
{
    const QString pad(indent, u' ');
    for (const auto &[key, v] : entries) {
        out += pad + yamlKey(key, indent) + u':';
        if (isBlock(v)) {
            out += u'\n';
            writeYaml(out, v, indent + 2);
        } else {
            out += u' ' + yamlScalar(v, indent) + u'\n';
        }
    }
}

QList<std::pair<QString, QJsonValue>> entriesOf(const QJsonObject &o)
{
    QList<std::pair<QString, QJsonValue>> entries;
    for (auto it = o.begin(); it != o.end(); ++it)
        entries.append({it.key(), it.value()});
    return entries;
}

void writeYaml(QString &out, const QJsonValue &value, int indent)
{
    const QString pad(indent, u' ');
    if (value.isObject()) {
        writeMapping(out, entriesOf(value.toObject()), indent);
        return;
    }
    for (const QJsonValue &item : value.toArray()) {
        if (item.isObject() && !item.toObject().isEmpty()) {
            // "- key: value" then the other keys under it.
            QString block;
            writeMapping(block, entriesOf(item.toObject()), indent + 2);
            block.replace(0, indent + 2, pad + u"- "_s);
            out += block;
        } else if (isBlock(item)) {
            out += pad + u"-\n"_s;
            writeYaml(out, item, indent + 2);
        } else {
            out += pad + u"- "_s + yamlScalar(item, indent) + u'\n';
        }
    }
}

QJsonArray stringArray(const QStringList &list)
{
    QJsonArray a;
    for (const QString &s : list)
        a.append(s);
    return a;
}

// ---- The per-lab variables.

QJsonObject netscalerVariables(const LabPlan &plan, const LbConfig &config)
{
    const QList<NitroObject> objects = nitroObjects(config);
    QJsonArray batches;
    for (const QString &type : nitroTypeOrder()) {
        QJsonArray items;
        QString bound;
        for (const NitroObject &o : objects) {
            if (o.type != type)
                continue;
            QString key = o.name();
            if (o.isBinding()) {
                // The attribute that names the other end: the one besides "name".
                for (auto it = o.attributes.begin(); it != o.attributes.end(); ++it) {
                    if (it.key() != u"name"_s)
                        bound = it.key();
                }
                key += u'|' + o.boundTo();
            }
            items.append(QJsonObject{{u"key"_s, key}, {u"attributes"_s, o.attributes}});
        }
        if (!items.isEmpty())
            batches.append(QJsonObject{{u"type"_s, type},
                                       {u"key_attribute"_s, nitroKeyAttribute(type)},
                                       {u"bound"_s, bound},
                                       {u"objects"_s, items}});
    }
    return QJsonObject{{u"nsip"_s, plan.loadBalancer.nsip}, {u"batches"_s, batches}};
}

QJsonObject certificateVariables(const LabPlan &plan)
{
    const CsrRequest request = CsrRequest::fromPlan(plan);
    QJsonObject subject;
    const QList<std::pair<QString, QString>> fields = {
        {u"C"_s, request.subject.country},           {u"ST"_s, request.subject.state},
        {u"L"_s, request.subject.locality},          {u"O"_s, request.subject.organization},
        {u"OU"_s, request.subject.organizationUnit}, {u"CN"_s, request.subject.commonName}};
    for (const auto &[key, value] : fields)
        subject.insert(key, value);
    return QJsonObject{
        {u"subject"_s, subject}, {u"san"_s, stringArray(request.dnsNames)}, {u"key_bits"_s, request.keyBits}};
}

QString labVariables(const AnsibleLab &lab, const QString &group, const LbConfig &config)
{
    const LabPlan &p = lab.plan;
    QJsonArray psc;
    for (qsizetype i = 0; i < p.psc.size(); ++i) {
        const PscNode &n = p.psc.at(i);
        psc.append(QJsonObject{{u"id"_s, u"psc%1"_s.arg(i + 1, 2, 10, QChar(u'0'))},
                               {u"name"_s, n.name},
                               {u"fqdn"_s, n.fqdn},
                               {u"ip"_s, n.ip}});
    }
    QStringList names;
    for (const PscNode &n : p.psc)
        names << n.fqdn;
    names << p.loadBalancer.fqdn << p.vcenter.fqdn;
    names.removeAll(QString());
    names.removeDuplicates();

    QJsonArray portGroups;
    for (const PortGroup &g : p.vds.portGroups)
        portGroups.append(QJsonObject{{u"name"_s, g.name}, {u"vlan"_s, g.vlan}});

    QJsonObject pins;
    if (const Result<TrustedPins> trusted = TrustedPins::load(QFileInfo(lab.planFile).absolutePath())) {
        const QMap<QString, QByteArray> all = trusted->all();
        for (auto it = all.begin(); it != all.end(); ++it)
            pins.insert(it.key(), QString::fromLatin1(it.value().toHex(':').toUpper()));
    }

    const QList<std::pair<QString, QJsonValue>> vars = {
        {u"vlab_lab_id"_s, group},
        {u"vlab_lab_name"_s, p.lab.name},
        {u"vlab_plan_file"_s, QFileInfo(lab.planFile).fileName()},
        {u"vlab_sso_domain"_s, p.sso.domain},
        {u"vlab_sso_site"_s, p.sso.site},
        {u"vlab_dns_names"_s, stringArray(names)},
        {u"vlab_ntp_servers"_s, stringArray(p.ntp.servers)},
        {u"vlab_target"_s,
         QJsonObject{{u"kind"_s, p.target.kind},
                     {u"host"_s, p.target.host},
                     {u"user"_s, p.target.user},
                     {u"datastore"_s, p.target.datastore},
                     {u"network"_s, p.target.network},
                     {u"datacenter"_s, p.target.datacenter},
                     {u"cluster"_s, p.target.cluster}}},
        {u"vlab_psc"_s, psc},
        {u"vlab_lb"_s,
         QJsonObject{{u"fqdn"_s, p.loadBalancer.fqdn},
                     {u"vip"_s, p.loadBalancer.vip},
                     {u"nsip"_s, p.loadBalancer.nsip}}},
        {u"vlab_netscaler"_s, netscalerVariables(p, config)},
        {u"vlab_certificate"_s, certificateVariables(p)},
        {u"vlab_vcenter"_s,
         QJsonObject{{u"name"_s, p.vcenter.name},
                     {u"fqdn"_s, p.vcenter.fqdn},
                     {u"ip"_s, p.vcenter.ip},
                     {u"size"_s, p.vcenter.size}}},
        {u"vlab_vcha"_s,
         QJsonObject{{u"enabled"_s, p.vcha.enabled},
                     {u"active_ip"_s, p.vcha.activeIp},
                     {u"passive_ip"_s, p.vcha.passiveIp},
                     {u"witness_ip"_s, p.vcha.witnessIp}}},
        {u"vlab_vds"_s,
         QJsonObject{{u"name"_s, p.vds.name},
                     {u"version"_s, p.vds.version},
                     {u"mtu"_s, p.vds.mtu},
                     {u"uplinks"_s, p.vds.uplinks},
                     {u"port_groups"_s, portGroups}}},
        {u"vlab_tls_pins"_s, pins},
    };
    QString out = u"---\n"
                  u"# One lab's values, made from its plan by vLab Wizard (vlab export ansible). Export\n"
                  u"# again after changing the plan. Plan values are !unsafe: Ansible never evaluates them.\n"
                  u"# No secret is written here: see group_vars/all.yml.\n"_s;
    writeMapping(out, vars, 0);
    return out;
}

QString inventory(const QStringList &groups)
{
    QString out = u"---\n"
                  u"# Written by vLab Wizard (vlab export ansible): one group per lab. Each lab is one host\n"
                  u"# that runs on the control node (group_vars/all.yml); limit a run with --limit LAB.\n"
                  u"all:\n"
                  u"  children:\n"
                  u"    vlab_labs:\n"
                  u"      children:\n"_s;
    for (const QString &g : groups) {
        out += u"        %1:\n"_s.arg(g);
        out += u"          hosts:\n"_s;
        out += u"            %1-control: {}\n"_s.arg(g);
    }
    return out;
}

Error labError(const AnsibleLab &lab, const QString &message)
{
    return makeError(u"ansible.plan"_s, Tr::tr("%1: %2").arg(lab.planFile, message));
}

} // namespace

const QStringList &ansibleRoles()
{
    static const QStringList roles{
        u"precheck"_s,    u"psc_install"_s, u"certificate"_s, u"apply_certificates"_s,
        u"lb_endpoint"_s, u"netscaler"_s,   u"vcenter"_s,     u"vcha"_s,
        u"dvs"_s,         u"audit"_s};
    return roles;
}

QString ansibleGroupName(const QString &labName)
{
    QString id;
    for (QChar c : labName.toLower()) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_';
        id += ok ? c : u'_';
    }
    static const QRegularExpression runs(u"_+"_s);
    id.replace(runs, u"_"_s);
    while (id.startsWith(u'_'))
        id.remove(0, 1);
    while (id.endsWith(u'_'))
        id.chop(1);
    static const QSet<QString> reserved{u"all"_s, u"ungrouped"_s, u"vlab_labs"_s, u"localhost"_s};
    if (id.isEmpty() || id.front().isDigit() || reserved.contains(id))
        id.prepend(u"lab_"_s);
    return id.left(64);
}

Result<QList<Artifact>> ansibleProject(const QList<AnsibleLab> &labs, const QString &folder)
{
    if (labs.isEmpty())
        return makeError(u"ansible.plans"_s, Tr::tr("Give at least one lab plan to export."));
    const QDir dir(folder);
    QList<Artifact> files;

    // The fixed part: site.yml, the roles, shared variables, lint and collection settings.
    QDirIterator it(QString::fromLatin1(kResourceRoot), QDir::Files | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return makeError(u"ansible.resource"_s,
                             Tr::tr("The built-in Ansible file %1 cannot be read.").arg(path));
        QString relative = path.mid(int(qstrlen(kResourceRoot)) + 1);
        if (relative == u"ansible-lint.yml"_s)
            relative = u".ansible-lint"_s; // a dot file is awkward in a resource listing
        files.append(Artifact{dir.filePath(relative), file.readAll(), {}});
    }

    QStringList groups;
    QMap<QString, QString> planOfGroup;
    for (const AnsibleLab &lab : labs) {
        const Findings findings = validatePlan(lab.plan);
        if (hasErrors(findings)) {
            QStringList errors;
            for (const Finding &f : findings) {
                if (f.severity == Severity::Error)
                    errors << u"%1: %2"_s.arg(f.path, f.message);
            }
            return labError(lab,
                            Tr::tr("the plan has %1 error(s); fix them first (vlab validate): %2")
                                .arg(QString::number(errors.size()), errors.join(u"; "_s)));
        }
        const QString group = ansibleGroupName(lab.plan.lab.name);
        if (planOfGroup.contains(group)) {
            return labError(lab,
                            Tr::tr("lab.name \"%1\" gives the inventory group \"%2\", as the lab of %3 "
                                   "does; give each lab its own lab.name.")
                                .arg(lab.plan.lab.name, group, planOfGroup.value(group)));
        }
        planOfGroup.insert(group, lab.planFile);
        groups << group;

        const Result<LbConfig> lb = LbConfig::fromPlan(lab.plan);
        if (!lb)
            return labError(lab, lb.error().message);
        files.append(Artifact{
            dir.filePath(u"group_vars/%1.yml"_s.arg(group)), labVariables(lab, group, *lb).toUtf8(), {}});

        // The files the roles hand to the appliances, from the engine's writers.
        const QString labDir = u"labs/%1/"_s.arg(group);
        for (VcsaRole role : {VcsaRole::Psc1, VcsaRole::Psc2, VcsaRole::VCenter}) {
            const Result<QByteArray> json = renderVcsaTemplate(lab.plan, role, VcsaVersion::V67);
            if (!json)
                return labError(lab, json.error().message);
            files.append(Artifact{dir.filePath(labDir + u"vcsa/"_s + vcsaTemplateFileName(role)), *json, {}});
        }
        if (lab.plan.vcha.enabled) {
            const Result<QByteArray> spec = renderVchaDeploySpec(lab.plan);
            if (!spec)
                return labError(lab, spec.error().message);
            files.append(Artifact{dir.filePath(labDir + u"vcha/vcha-deploy-spec.json"_s), *spec, {}});
        }
        files.append(Artifact{
            dir.filePath(labDir + u"netscaler/psc-lb.conf"_s), renderBatch(*lb, lab.plan.lab.name), {}});
        files.append(Artifact{dir.filePath(labDir + u"certs/"_s + QString::fromLatin1(CertFiles::Config)),
                              renderRequestConfig(CsrRequest::fromPlan(lab.plan)),
                              {}});
    }
    files.append(Artifact{dir.filePath(u"inventory.yml"_s), inventory(groups).toUtf8(), {}});
    return files;
}

} // namespace vlab
