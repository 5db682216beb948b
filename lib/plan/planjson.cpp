#include "plan/planjson.h"

#include "core/atomicfile.h"
#include "core/regularfile.h"
#include "core/tr.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

// What a wrong value is, in the words of the message it goes into (translated with it, so a
// Vietnamese message never ends in English).
QString describe(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return Tr::tr("null");
    case QJsonValue::Bool:
        return Tr::tr("true/false");
    case QJsonValue::Double:
        return Tr::tr("a number");
    case QJsonValue::String:
        return Tr::tr("a string");
    case QJsonValue::Array:
        return Tr::tr("an array");
    case QJsonValue::Object:
        return Tr::tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return Tr::tr("nothing");
}

// For integer fields: "1.5" reads better than "a number".
QString describeNumber(const QJsonValue &v)
{
    if (v.isDouble())
        return QString::number(v.toDouble());
    return describe(v);
}

QString joinPath(const QString &parent, QLatin1StringView key)
{
    return parent.isEmpty() ? QString(key) : parent + u'.' + key;
}

QString joinPath(const QString &parent, const QString &key)
{
    return parent.isEmpty() ? key : parent + u'.' + key;
}

QString indexPath(const QString &parent, qsizetype i)
{
    return parent + u'[' + QString::number(i) + u']';
}

// Reads one JSON object into typed values. Missing keys keep the value's default (the
// validator says which ones must be filled in); keys that are present must have the right
// type; keys nobody asked for are reported as unknown when the reader goes out of scope.
class ObjectReader
{
public:
    ObjectReader(const QJsonValue &value, QString path, QStringList *problems)
        : m_path(std::move(path))
        , m_problems(problems)
    {
        if (value.isObject()) {
            m_object = value.toObject();
            m_valid = true;
        } else if (!value.isUndefined()) {
            problem(m_path, Tr::tr("expected an object, found %1").arg(describe(value)));
        }
    }
    ObjectReader(const ObjectReader &) = delete;
    ObjectReader &operator=(const ObjectReader &) = delete;

    ~ObjectReader()
    {
        if (!m_valid)
            return;
        for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
            if (!m_seen.contains(it.key()))
                problem(joinPath(m_path, it.key()), Tr::tr("unknown key \"%1\"").arg(it.key()));
        }
    }

    void text(const char *key, QString &out)
    {
        const QJsonValue v = take(key);
        if (v.isUndefined())
            return;
        if (!v.isString())
            return typeProblem(key, v, Tr::tr("a string"));
        out = v.toString();
    }

    void integer(const char *key, int &out)
    {
        const QJsonValue v = take(key);
        if (v.isUndefined())
            return;
        if (!readInt(v, out))
            problem(joinPath(m_path, QLatin1StringView(key)),
                    Tr::tr("expected a whole number, found %1").arg(describeNumber(v)));
    }

    void boolean(const char *key, bool &out)
    {
        const QJsonValue v = take(key);
        if (v.isUndefined())
            return;
        if (!v.isBool())
            return typeProblem(key, v, Tr::tr("true or false"));
        out = v.toBool();
    }

    void textList(const char *key, QStringList &out, qsizetype max)
    {
        list(
            key, max,
            [&](const QJsonValue &v, const QString &path) {
                if (!v.isString())
                    return problem(path, Tr::tr("expected a string, found %1").arg(describe(v)));
                out.append(v.toString());
            },
            [&] { out.clear(); });
    }

    void intList(const char *key, QList<int> &out, qsizetype max)
    {
        list(
            key, max,
            [&](const QJsonValue &v, const QString &path) {
                int n = 0;
                if (!readInt(v, n))
                    return problem(path, Tr::tr("expected a whole number, found %1").arg(describeNumber(v)));
                out.append(n);
            },
            [&] { out.clear(); });
    }

    // Calls read(ObjectReader&) for each element of an array of objects.
    template<typename T, typename Read>
    void objectList(const char *key, QList<T> &out, qsizetype max, Read read)
    {
        list(
            key, max,
            [&](const QJsonValue &v, const QString &path) {
                ObjectReader element(v, path, m_problems);
                T item;
                read(element, item);
                out.append(item);
            },
            [&] { out.clear(); });
    }

    template<typename Read>
    void object(const char *key, Read read)
    {
        const QJsonValue v = take(key);
        if (v.isUndefined())
            return;
        ObjectReader child(v, joinPath(m_path, QLatin1StringView(key)), m_problems);
        if (child.m_valid)
            read(child);
    }

    const QString &path() const { return m_path; }

private:
    QJsonValue take(const char *key)
    {
        const QString k = QString::fromLatin1(key);
        m_seen.insert(k);
        return m_valid ? m_object.value(k) : QJsonValue(QJsonValue::Undefined);
    }

    static bool readInt(const QJsonValue &v, int &out)
    {
        if (!v.isDouble())
            return false;
        const double d = v.toDouble();
        if (!std::isfinite(d) || d != std::floor(d) || d < -2147483648.0 || d > 2147483647.0)
            return false;
        out = static_cast<int>(d);
        return true;
    }

    // At most `max` elements: a list far longer than any lab has is refused whole, before
    // anything (the validator, the wizard's tables) spends time on it.
    void list(const char *key, qsizetype max,
              const std::function<void(const QJsonValue &, const QString &)> &each,
              const std::function<void()> &reset)
    {
        const QJsonValue v = take(key);
        if (v.isUndefined())
            return;
        const QString path = joinPath(m_path, QLatin1StringView(key));
        if (!v.isArray())
            return problem(path, Tr::tr("expected an array, found %1").arg(describe(v)));
        reset();
        const QJsonArray array = v.toArray();
        if (array.size() > max)
            return problem(path,
                           Tr::tr("%1 entries; a lab plan holds at most %2 here. Is this the right file?")
                               .arg(QString::number(array.size()), QString::number(max)));
        for (qsizetype i = 0; i < array.size(); ++i)
            each(array.at(i), indexPath(path, i));
    }

    void typeProblem(const char *key, const QJsonValue &v, const QString &expected)
    {
        problem(joinPath(m_path, QLatin1StringView(key)),
                Tr::tr("expected %1, found %2").arg(expected, describe(v)));
    }

    void problem(const QString &path, const QString &message)
    {
        m_problems->append((path.isEmpty() ? QStringLiteral("(top level)") : path) + QStringLiteral(": ")
                           + message);
    }

    QJsonObject m_object;
    QString m_path;
    QStringList *m_problems;
    QSet<QString> m_seen;
    bool m_valid = false;
};

void readPlan(ObjectReader &r, LabPlan &p)
{
    r.text("schema", p.schema);
    r.object("lab", [&](ObjectReader &o) { o.text("name", p.lab.name); });
    r.object("dns", [&](ObjectReader &o) {
        o.text("domain", p.dns.domain);
        o.textList("servers", p.dns.servers, kMaxPlanServers);
    });
    r.object("ntp", [&](ObjectReader &o) { o.textList("servers", p.ntp.servers, kMaxPlanServers); });
    r.object("network", [&](ObjectReader &o) {
        o.text("cidr", p.network.cidr);
        o.text("gateway", p.network.gateway);
        o.text("portGroup", p.network.portGroup);
    });
    r.object("target", [&](ObjectReader &o) {
        o.text("kind", p.target.kind);
        o.text("host", p.target.host);
        o.text("user", p.target.user);
        o.text("datastore", p.target.datastore);
        o.text("network", p.target.network);
        o.text("datacenter", p.target.datacenter);
        o.text("cluster", p.target.cluster);
    });
    r.object("sso", [&](ObjectReader &o) {
        o.text("domain", p.sso.domain);
        o.text("site", p.sso.site);
    });
    r.objectList("psc", p.psc, kMaxPlanPscs, [](ObjectReader &o, PscNode &n) {
        o.text("name", n.name);
        o.text("fqdn", n.fqdn);
        o.text("ip", n.ip);
    });
    r.object("loadBalancer", [&](ObjectReader &o) {
        LoadBalancer &lb = p.loadBalancer;
        o.text("kind", lb.kind);
        o.text("nsip", lb.nsip);
        o.text("snip", lb.snip);
        o.text("vip", lb.vip);
        o.text("fqdn", lb.fqdn);
        o.intList("ports", lb.ports, kMaxPlanPorts);
        o.object("persistence", [&](ObjectReader &pr) {
            pr.text("type", lb.persistence.type);
            pr.integer("timeoutMinutes", lb.persistence.timeoutMinutes);
        });
        o.text("namePrefix", lb.namePrefix);
    });
    r.object("certificate", [&](ObjectReader &o) {
        CertificatePlan &c = p.certificate;
        o.object("subject", [&](ObjectReader &s) {
            s.text("C", c.subject.country);
            s.text("ST", c.subject.state);
            s.text("L", c.subject.locality);
            s.text("O", c.subject.organization);
            s.text("OU", c.subject.organizationUnit);
            s.text("CN", c.subject.commonName);
        });
        o.textList("san", c.san, kMaxPlanSan);
        o.integer("keyBits", c.keyBits);
        o.text("signer", c.signer);
        o.integer("validityDays", c.validityDays);
    });
    r.object("vcenter", [&](ObjectReader &o) {
        o.text("name", p.vcenter.name);
        o.text("fqdn", p.vcenter.fqdn);
        o.text("ip", p.vcenter.ip);
        o.text("size", p.vcenter.size);
    });
    r.object("vcha", [&](ObjectReader &o) {
        o.boolean("enabled", p.vcha.enabled);
        o.object("network", [&](ObjectReader &n) {
            n.text("cidr", p.vcha.network.cidr);
            n.text("portGroup", p.vcha.network.portGroup);
        });
        o.text("activeIp", p.vcha.activeIp);
        o.text("passiveIp", p.vcha.passiveIp);
        o.text("witnessIp", p.vcha.witnessIp);
    });
    r.object("vds", [&](ObjectReader &o) {
        o.text("name", p.vds.name);
        o.text("version", p.vds.version);
        o.integer("mtu", p.vds.mtu);
        o.integer("uplinks", p.vds.uplinks);
        o.objectList("portGroups", p.vds.portGroups, kMaxPlanPortGroups, [](ObjectReader &g, PortGroup &pg) {
            g.text("name", pg.name);
            g.integer("vlan", pg.vlan);
        });
    });
}

// Columns count characters, as editors do: UTF-8 continuation bytes do not start one.
QPair<int, int> lineAndColumn(const QByteArray &data, qsizetype offset)
{
    offset = qBound<qsizetype>(0, offset, data.size());
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset; ++i) {
        const char c = data.at(i);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((uchar(c) & 0xc0) != 0x80) {
            ++column;
        }
    }
    return {line, column};
}

// Where the offending character is. QJsonParseError::offset points at it only for the errors
// below; for the others the parser had already consumed it (and possibly blanks after it),
// so step back to the last character it read.
qsizetype errorOffset(const QByteArray &data, const QJsonParseError &error)
{
    const qsizetype offset = qBound<qsizetype>(0, qsizetype(error.offset), data.size());
    switch (error.error) {
    case QJsonParseError::GarbageAtEnd:
    case QJsonParseError::IllegalUTF8String:
    case QJsonParseError::IllegalEscapeSequence:
    case QJsonParseError::IllegalNumber:
        return offset;
    default:
        break;
    }
    if (offset == 0)
        return 0;
    qsizetype i = offset - 1;
    while (i > 0 && (data.at(i) == ' ' || data.at(i) == '\t' || data.at(i) == '\n' || data.at(i) == '\r'))
        --i;
    return i;
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonArray toArray(const QList<int> &list)
{
    QJsonArray a;
    for (int v : list)
        a.append(v);
    return a;
}

} // namespace

Result<LabPlan> parsePlan(const QByteArray &json)
{
    if (json.size() > kMaxPlanBytes) {
        return makeError(QString::fromLatin1(PlanErrors::TooLarge),
                         Tr::tr("The file is %1 MB; a lab plan is at most %2 MB. "
                                "Is this the right file?")
                             .arg(QString::number(double(json.size()) / (1024.0 * 1024.0), 'f', 1),
                                  QString::number(kMaxPlanBytes / (1024 * 1024))));
    }
    if (const qsizetype nul = json.indexOf('\0'); nul >= 0) {
        const auto [line, column] = lineAndColumn(json, nul);
        return makeError(QString::fromLatin1(PlanErrors::NotText),
                         Tr::tr("This is not a text file (binary data at line %1, column %2). "
                                "A lab plan is JSON text.")
                             .arg(QString::number(line), QString::number(column)));
    }

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(json, errorOffset(json, parseError));
        const QString where =
            Tr::tr("line %1, column %2").arg(QString::number(line), QString::number(column));
        return makeError(QString::fromLatin1(PlanErrors::Syntax),
                         Tr::tr("Malformed JSON at %1: %2").arg(where, parseError.errorString()),
                         where + QStringLiteral(": ") + parseError.errorString());
    }
    if (!doc.isObject()) {
        return makeError(QString::fromLatin1(PlanErrors::Schema),
                         Tr::tr("A lab plan is a JSON object ({ ... }) with \"schema\": \"%1\".")
                             .arg(QString::fromLatin1(kPlanSchema)));
    }

    LabPlan plan;
    plan.schema.clear();
    QStringList problems;
    {
        ObjectReader root(doc.object(), QString(), &problems);
        readPlan(root, plan);
    }
    const QJsonValue schemaValue = doc.object().value(u"schema"_s);
    // A schema of the wrong type was already reported by the reader.
    if ((schemaValue.isUndefined() || schemaValue.isString())
        && plan.schema != QLatin1StringView(kPlanSchema)) {
        problems.prepend(QStringLiteral("schema: ")
                         + (plan.schema.isEmpty()
                                ? Tr::tr("missing; a lab plan starts with \"schema\": \"%1\"")
                                      .arg(QString::fromLatin1(kPlanSchema))
                                : Tr::tr("\"%1\" is not supported; this version reads \"%2\"")
                                      .arg(plan.schema, QString::fromLatin1(kPlanSchema))));
    }
    if (!problems.isEmpty()) {
        const QString first = problems.constFirst();
        const QString message = problems.size() == 1
            ? first
            : Tr::tr("%1 (and %n more problem(s))", nullptr, int(problems.size() - 1)).arg(first);
        return makeError(QString::fromLatin1(PlanErrors::Schema), message, problems.join(u'\n'));
    }
    return plan;
}

Result<LabPlan> loadPlanFile(const QString &fileName)
{
    // A FIFO would block in open() for ever, a device never end.
    if (QFile::exists(fileName)) {
        if (Result<void> regular = requireRegularFile(fileName); !regular)
            return makeError(QString::fromLatin1(PlanErrors::Io), regular.error().message);
    }
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(QString::fromLatin1(PlanErrors::Io),
                         Tr::tr("Cannot read %1: %2").arg(fileName, file.errorString()));
    }
    // Read at most one byte past the limit, so a huge file or an endless device never
    // fills memory.
    const QByteArray data = file.read(kMaxPlanBytes + 1);
    if (file.error() != QFileDevice::NoError) {
        return makeError(QString::fromLatin1(PlanErrors::Io),
                         Tr::tr("Cannot read %1: %2").arg(fileName, file.errorString()));
    }
    if (data.size() > kMaxPlanBytes || file.size() > kMaxPlanBytes) {
        const qint64 size = std::max<qint64>(file.size(), data.size());
        // One multi-arg call: a "%2" in the file name must not be taken for a placeholder.
        return makeError(QString::fromLatin1(PlanErrors::TooLarge),
                         Tr::tr("%1 is %2 MB; a lab plan is at most %3 MB. Is this the right file?")
                             .arg(fileName, QString::number(double(size) / (1024.0 * 1024.0), 'f', 1),
                                  QString::number(kMaxPlanBytes / (1024 * 1024))));
    }
    Result<LabPlan> plan = parsePlan(data);
    if (!plan)
        return makeError(plan.error().code, fileName + QStringLiteral(": ") + plan.error().message,
                         plan.error().details);
    return plan;
}

QByteArray serializePlan(const LabPlan &plan)
{
    return QJsonDocument(planToJson(plan)).toJson(QJsonDocument::Indented);
}

QJsonObject planToJson(const LabPlan &p)
{
    QJsonObject root;
    root[u"schema"] = p.schema;
    root[u"lab"] = QJsonObject{{u"name"_s, p.lab.name}};
    root[u"dns"] = QJsonObject{{u"domain"_s, p.dns.domain}, {u"servers"_s, toArray(p.dns.servers)}};
    root[u"ntp"] = QJsonObject{{u"servers"_s, toArray(p.ntp.servers)}};
    root[u"network"] = QJsonObject{{u"cidr"_s, p.network.cidr},
                                   {u"gateway"_s, p.network.gateway},
                                   {u"portGroup"_s, p.network.portGroup}};
    root[u"target"] = QJsonObject{{u"kind"_s, p.target.kind},       {u"host"_s, p.target.host},
                                  {u"user"_s, p.target.user},       {u"datastore"_s, p.target.datastore},
                                  {u"network"_s, p.target.network}, {u"datacenter"_s, p.target.datacenter},
                                  {u"cluster"_s, p.target.cluster}};
    root[u"sso"] = QJsonObject{{u"domain"_s, p.sso.domain}, {u"site"_s, p.sso.site}};
    QJsonArray pscs;
    for (const PscNode &n : p.psc)
        pscs.append(QJsonObject{{u"name"_s, n.name}, {u"fqdn"_s, n.fqdn}, {u"ip"_s, n.ip}});
    root[u"psc"] = pscs;
    const LoadBalancer &lb = p.loadBalancer;
    root[u"loadBalancer"] = QJsonObject{
        {u"kind"_s, lb.kind},
        {u"nsip"_s, lb.nsip},
        {u"snip"_s, lb.snip},
        {u"vip"_s, lb.vip},
        {u"fqdn"_s, lb.fqdn},
        {u"ports"_s, toArray(lb.ports)},
        {u"persistence"_s,
         QJsonObject{{u"type"_s, lb.persistence.type}, {u"timeoutMinutes"_s, lb.persistence.timeoutMinutes}}},
        {u"namePrefix"_s, lb.namePrefix}};
    const CertificatePlan &c = p.certificate;
    root[u"certificate"] = QJsonObject{{u"subject"_s,
                                        QJsonObject{{u"C"_s, c.subject.country},
                                                    {u"ST"_s, c.subject.state},
                                                    {u"L"_s, c.subject.locality},
                                                    {u"O"_s, c.subject.organization},
                                                    {u"OU"_s, c.subject.organizationUnit},
                                                    {u"CN"_s, c.subject.commonName}}},
                                       {u"san"_s, toArray(c.san)},
                                       {u"keyBits"_s, c.keyBits},
                                       {u"signer"_s, c.signer},
                                       {u"validityDays"_s, c.validityDays}};
    root[u"vcenter"] = QJsonObject{{u"name"_s, p.vcenter.name},
                                   {u"fqdn"_s, p.vcenter.fqdn},
                                   {u"ip"_s, p.vcenter.ip},
                                   {u"size"_s, p.vcenter.size}};
    root[u"vcha"] = QJsonObject{
        {u"enabled"_s, p.vcha.enabled},
        {u"network"_s,
         QJsonObject{{u"cidr"_s, p.vcha.network.cidr}, {u"portGroup"_s, p.vcha.network.portGroup}}},
        {u"activeIp"_s, p.vcha.activeIp},
        {u"passiveIp"_s, p.vcha.passiveIp},
        {u"witnessIp"_s, p.vcha.witnessIp}};
    QJsonArray groups;
    for (const PortGroup &g : p.vds.portGroups)
        groups.append(QJsonObject{{u"name"_s, g.name}, {u"vlan"_s, g.vlan}});
    root[u"vds"] = QJsonObject{{u"name"_s, p.vds.name},
                               {u"version"_s, p.vds.version},
                               {u"mtu"_s, p.vds.mtu},
                               {u"uplinks"_s, p.vds.uplinks},
                               {u"portGroups"_s, groups}};
    return root;
}

Result<void> savePlanFile(const LabPlan &plan, const QString &fileName)
{
    const Result<WrittenFile> written = writeFileAtomically(fileName, serializePlan(plan));
    if (!written) {
        return makeError(QString::fromLatin1(PlanErrors::Io), written.error().message,
                         written.error().details);
    }
    return {};
}

QByteArray examplePlanJson()
{
    QFile file(QStringLiteral(":/vlab/examples/sslab.vlab.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

LabPlan examplePlan()
{
    Result<LabPlan> plan = parsePlan(examplePlanJson());
    Q_ASSERT_X(plan.ok(), "examplePlan", "the embedded example plan must load");
    return plan.ok() ? plan.value() : LabPlan{};
}

QList<int> standardPscPorts()
{
    return {443, 389, 636, 2012, 2014, 2020};
}

} // namespace vlab
