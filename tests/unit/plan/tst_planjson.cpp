// Loading and saving "vlab.plan/1" files: the embedded example, round trips, and every way a
// file can be wrong (malformed JSON, wrong types, unknown keys, wrong schema, too large, not
// text, unreadable) or a save can fail.

#include "plan/planjson.h"
#include "validate/planvalidator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <climits>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#include <unistd.h>
#endif

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace vlab;

Q_DECLARE_METATYPE(vlab::LabPlan)

namespace {

QString code(const char *constant)
{
    return QString::fromLatin1(constant);
}

QJsonObject exampleObject()
{
    return QJsonDocument::fromJson(examplePlanJson()).object();
}

QByteArray toJson(const QJsonValue &root)
{
    return root.isArray() ? QJsonDocument(root.toArray()).toJson() : QJsonDocument(root.toObject()).toJson();
}

// Returns node with the value at a plan path ("psc[1].ip", "loadBalancer.ports[2]") replaced
// by value; a missing last key is added, which is how unknown keys are planted.
QJsonValue withValueAt(const QJsonValue &node, QStringView path, const QJsonValue &value)
{
    if (path.isEmpty())
        return value;
    if (path.front() == u'[') {
        const qsizetype close = path.indexOf(u']');
        const qsizetype index = path.mid(1, close - 1).toInt();
        QStringView rest = path.mid(close + 1);
        if (rest.startsWith(u'.'))
            rest = rest.mid(1);
        QJsonArray array = node.toArray();
        array[index] = withValueAt(array.at(index), rest, value);
        return array;
    }
    qsizetype end = 0;
    while (end < path.size() && path.at(end) != u'.' && path.at(end) != u'[')
        ++end;
    const QString key = path.left(end).toString();
    QStringView rest = path.mid(end);
    if (rest.startsWith(u'.'))
        rest = rest.mid(1);
    QJsonObject object = node.toObject();
    object[key] = withValueAt(object.value(key), rest, value);
    return object;
}

QByteArray exampleWith(const QString &path, const QJsonValue &value)
{
    return toJson(withValueAt(exampleObject(), path, value));
}

// The paths of Error::details, which lists one "path: message" per line.
QStringList problemPaths(const Error &error)
{
    QStringList paths;
    const QStringList lines = error.details.split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines)
        paths << line.section(u": "_s, 0, 0);
    return paths;
}

bool writeFile(const QString &fileName, const QByteArray &data)
{
    QFile file(fileName);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size() && file.flush();
}

QByteArray readFile(const QString &fileName)
{
    QFile file(fileName);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

// The example, padded with trailing blanks to exactly size bytes (still a valid plan).
QByteArray paddedExample(qint64 size)
{
    QByteArray data = examplePlanJson();
    data.append(QByteArray(size - data.size(), ' '));
    return data;
}

QByteArray randomBytes(quint32 seed, qsizetype size)
{
    QRandomGenerator generator(seed);
    QByteArray data(size, Qt::Uninitialized);
    for (char &c : data)
        c = char(generator.bounded(256));
    return data;
}

LabPlan unusualPlan()
{
    LabPlan p = examplePlan();
    p.lab.name = u"Lab \"quoted\" \\ back/slash\ttab\nnewline"_s;
    p.lab.name += QChar(0); // an escaped NUL is text, not binary
    p.target.user = u"administrator@vsphere.local"_s;
    p.sso.site = u"Zürich-Ünïcødé-站点-🚀"_s;
    p.certificate.subject.organization = u"Ørsted & Søn <A/S>"_s;
    p.certificate.subject.locality = u"\u200f\u05d9\u05e8\u05d5\u05e9\u05dc\u05d9\u05dd"_s; // RTL
    p.vds.portGroups.append(PortGroup{u""_s, -1});
    return p;
}

LabPlan extremeNumbers()
{
    LabPlan p = examplePlan();
    p.loadBalancer.ports = {INT_MIN, -1, 0, 65536, INT_MAX};
    p.loadBalancer.persistence.timeoutMinutes = INT_MAX;
    p.certificate.keyBits = INT_MIN;
    p.certificate.validityDays = 0;
    p.vds.mtu = -1;
    p.vds.uplinks = INT_MAX;
    p.vds.portGroups = {PortGroup{u"a"_s, INT_MIN}, PortGroup{u"b"_s, INT_MAX}};
    return p;
}

LabPlan emptyLists()
{
    LabPlan p = examplePlan();
    p.dns.servers.clear();
    p.ntp.servers.clear();
    p.psc.clear();
    p.loadBalancer.ports.clear();
    p.certificate.san.clear();
    p.vds.portGroups.clear();
    return p;
}

LabPlan manyPscs()
{
    LabPlan p = examplePlan();
    for (int i = 3; i <= 40; ++i) {
        const QString name = u"vcenter-psc%1"_s.arg(i, 2, 10, QChar(u'0'));
        p.psc.append(PscNode{name, name + u".sslab.com"_s, u"192.168.1.%1"_s.arg(i + 100)});
    }
    p.vcha.enabled = false;
    p.target.kind = u"vcenter"_s;
    p.target.datacenter = u"DC1"_s;
    p.target.cluster = u"Cluster1"_s;
    return p;
}

#ifdef Q_OS_UNIX
// Lowers the largest file this process may write, the way a full disk stops a write half
// way; restores the limit and SIGXFSZ on destruction so a failed check cannot leak it.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        m_ok = getrlimit(RLIMIT_FSIZE, &m_old) == 0;
        if (m_ok) {
            rlimit lowered = m_old;
            lowered.rlim_cur = bytes;
            m_ok = setrlimit(RLIMIT_FSIZE, &lowered) == 0;
        }
    }
    ~FileSizeLimit()
    {
        if (m_ok)
            setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }
    FileSizeLimit(const FileSizeLimit &) = delete;
    FileSizeLimit &operator=(const FileSizeLimit &) = delete;
    bool ok() const { return m_ok; }

private:
    rlimit m_old{};
    void (*m_oldHandler)(int) = nullptr;
    bool m_ok = false;
};
#endif

enum class SaveFailure { WriteStopsHalfWay, TemporaryNameTooLong, ReadOnlyFolder };

} // namespace

Q_DECLARE_METATYPE(SaveFailure)

class TestPlanJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exampleLoadsAndValidatesClean()
    {
        const QByteArray embedded = examplePlanJson();
        QVERIFY(!embedded.isEmpty());

        // The binaries carry the checked-in example, byte for byte.
        const QString onDisk = QStringLiteral(VLAB_SOURCE_DIR) + u"/resources/examples/"_s
            + QString::fromLatin1(kExamplePlanFileName);
        QVERIFY2(QFileInfo::exists(onDisk), qPrintable(onDisk));
        QCOMPARE(embedded, readFile(onDisk));

        const Result<LabPlan> plan = parsePlan(embedded);
        QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().details));
        QVERIFY(plan.value() == examplePlan());
        QCOMPARE(plan->schema, QString::fromLatin1(kPlanSchema));
        QCOMPARE(plan->psc.size(), qsizetype(2));

        const Findings findings = validatePlan(*plan);
        QStringList lines;
        for (const Finding &f : findings)
            lines << formatFinding(f);
        QVERIFY2(countSeverity(findings, Severity::Error) == 0, qPrintable(lines.join(u'\n')));
        QVERIFY2(countSeverity(findings, Severity::Warning) == 0, qPrintable(lines.join(u'\n')));
    }

    void roundTrip_data()
    {
        QTest::addColumn<LabPlan>("plan");
        QTest::newRow("example") << examplePlan();
        QTest::newRow("default-constructed") << LabPlan{};
        QTest::newRow("empty lists") << emptyLists();
        QTest::newRow("quotes, escapes, NUL and non-ASCII text") << unusualPlan();
        QTest::newRow("integer extremes") << extremeNumbers();
        QTest::newRow("forty PSCs, vCenter target") << manyPscs();
    }

    void roundTrip()
    {
        QFETCH(LabPlan, plan);
        const QByteArray first = serializePlan(plan);
        const Result<LabPlan> parsed = parsePlan(first);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().details));
        QVERIFY(parsed.value() == plan);
        QCOMPARE(serializePlan(parsed.value()), first); // byte-identical second time round
    }

    void saveThenLoad_data() { roundTrip_data(); }

    void saveThenLoad()
    {
        QFETCH(LabPlan, plan);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString fileName = dir.filePath(QString::fromLatin1(kExamplePlanFileName));

        // Overwrite an existing file, so the save replaces rather than creates.
        QVERIFY(writeFile(fileName, "old contents\n"));
        const Result<void> saved = savePlanFile(plan, fileName);
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
        QCOMPARE(readFile(fileName), serializePlan(plan));
        QCOMPARE(entries(dir.path()), QStringList{QString::fromLatin1(kExamplePlanFileName)});

        const Result<LabPlan> loaded = loadPlanFile(fileName);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().details));
        QVERIFY(loaded.value() == plan);
    }

    void malformedJsonNamesLineAndColumn_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");

        // Each input puts the offending character at a known place; columns count
        // characters from 1.
        QTest::newRow("missing comma between members") // the quote of "dns"
            << QByteArray("{\n"
                          "    \"schema\": \"vlab.plan/1\",\n"
                          "    \"lab\": { \"name\": \"sslab\" }\n"
                          "    \"dns\": { \"domain\": \"sslab.com\" }\n"
                          "}\n")
            << 4 << 5;
        QTest::newRow("trailing comma before closing brace") // the brace
            << QByteArray("{\n"
                          "    \"schema\": \"vlab.plan/1\",\n"
                          "    \"lab\": { \"name\": \"sslab\" },\n"
                          "}\n")
            << 4 << 1;
        QTest::newRow("misspelled literal") // the 'u' of "ture", where 'r' belongs
            << QByteArray("{\n"
                          "    \"schema\": \"vlab.plan/1\",\n"
                          "    \"vcha\": { \"enabled\": ture }\n"
                          "}\n")
            << 3 << 27;
        QTest::newRow("missing colon") // the opening quote of the value
            << QByteArray("{\n"
                          "    \"schema\" \"vlab.plan/1\"\n"
                          "}\n")
            << 2 << 14;
        QTest::newRow("single-quoted string") // the single quote
            << QByteArray("{\n"
                          "    \"schema\": 'vlab.plan/1'\n"
                          "}\n")
            << 2 << 15;
        QTest::newRow("unquoted key") // the 's' of schema
            << QByteArray("{\n"
                          "    schema: \"vlab.plan/1\"\n"
                          "}\n")
            << 2 << 5;
        QTest::newRow("missing comma in an array") // the '3' of 389
            << QByteArray("{\n"
                          "    \"loadBalancer\": { \"ports\": [443 389 ] }\n"
                          "}\n")
            << 2 << 37;
        QTest::newRow("invalid escape") // the 'G'
            << QByteArray("{\n"
                          "    \"schema\": \"vlab.plan/1\",\n"
                          "    \"lab\": { \"name\": \"\\u12G4\" }\n"
                          "}\n")
            << 3 << 27;
        QTest::newRow("invalid UTF-8 in a string") // the 0xff byte
            << QByteArray("{\n"
                          "    \"schema\": \"vlab.plan/1\",\n"
                          "    \"lab\": { \"name\": \"ab\xff\" }\n"
                          "}\n")
            << 3 << 25;
        QTest::newRow("non-ASCII text before the error") // the 'x'; "ü" is one column
            << QByteArray("{\n"
                          "    \"lab\": { \"name\": \"Z\xc3\xbcrich\" x }\n"
                          "}\n")
            << 2 << 31;
        QTest::newRow("garbage after the document") // the 'x'
            << QByteArray("{\n"
                          "    \"schema\": \"vlab.plan/1\"\n"
                          "}\n"
                          "x\n")
            << 4 << 1;
        QTest::newRow("CRLF line endings") // the quote of "lab"
            << QByteArray("{\r\n"
                          "    \"schema\": \"vlab.plan/1\"\r\n"
                          "    \"lab\": {}\r\n"
                          "}\r\n")
            << 3 << 5;
        QTest::newRow("document ends early") // the last character read: the open brace
            << QByteArray("{\n"
                          "    \"schema\": \"vlab.plan/1\",\n"
                          "    \"lab\": {\n")
            << 3 << 12;
        QTest::newRow("empty input") << QByteArray() << 1 << 1;
        QTest::newRow("only blanks") << QByteArray(" \n\n ") << 1 << 1;
    }

    void malformedJsonNamesLineAndColumn()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, line);
        QFETCH(int, column);

        const Result<LabPlan> plan = parsePlan(json);
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().code, code(PlanErrors::Syntax));
        const QString where = u"line %1, column %2"_s.arg(QString::number(line), QString::number(column));
        QVERIFY2(plan.error().message.contains(where),
                 qPrintable(u"expected \"%1\" in: %2"_s.arg(where, plan.error().message)));
        QVERIFY2(plan.error().details.startsWith(where + u": "_s), qPrintable(plan.error().details));
    }

    void wrongTypeNamesPath_data()
    {
        QTest::addColumn<QString>("at");
        QTest::addColumn<QJsonValue>("value");

        QTest::newRow("psc[1].ip is a number") << u"psc[1].ip"_s << QJsonValue(192168);
        QTest::newRow("loadBalancer.ports[2] is a string")
            << u"loadBalancer.ports[2]"_s << QJsonValue(u"636"_s);
        QTest::newRow("vds.mtu is 1.5") << u"vds.mtu"_s << QJsonValue(1.5);
        QTest::newRow("vcha.enabled is \"yes\"") << u"vcha.enabled"_s << QJsonValue(u"yes"_s);
        QTest::newRow("vcha.enabled is 1") << u"vcha.enabled"_s << QJsonValue(1);
        QTest::newRow("lab is a string") << u"lab"_s << QJsonValue(u"sslab"_s);
        QTest::newRow("psc is an object")
            << u"psc"_s << QJsonValue(QJsonObject{{u"ip"_s, u"192.168.1.211"_s}});
        QTest::newRow("psc[0] is a string") << u"psc[0]"_s << QJsonValue(u"vcenter-psc01"_s);
        QTest::newRow("dns.servers[0] is a number") << u"dns.servers[0]"_s << QJsonValue(10);
        QTest::newRow("dns.servers is a string") << u"dns.servers"_s << QJsonValue(u"192.168.1.10"_s);
        QTest::newRow("certificate.keyBits is a string") << u"certificate.keyBits"_s << QJsonValue(u"2048"_s);
        QTest::newRow("certificate.subject is an array")
            << u"certificate.subject"_s << QJsonValue(QJsonArray{});
        QTest::newRow("certificate.subject.C is null")
            << u"certificate.subject.C"_s << QJsonValue(QJsonValue::Null);
        QTest::newRow("loadBalancer.persistence.timeoutMinutes is 1e10")
            << u"loadBalancer.persistence.timeoutMinutes"_s << QJsonValue(1e10);
        QTest::newRow("vds.portGroups[1].vlan is true") << u"vds.portGroups[1].vlan"_s << QJsonValue(true);
        QTest::newRow("vds.portGroups[0].name is an object")
            << u"vds.portGroups[0].name"_s << QJsonValue(QJsonObject{});
        QTest::newRow("vcha.network.cidr is an array")
            << u"vcha.network.cidr"_s << QJsonValue(QJsonArray{u"192.168.100.0/24"_s});
        QTest::newRow("vcenter.size is a number") << u"vcenter.size"_s << QJsonValue(2);
    }

    void wrongTypeNamesPath()
    {
        QFETCH(QString, at);
        QFETCH(QJsonValue, value);

        const Result<LabPlan> plan = parsePlan(exampleWith(at, value));
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().code, code(PlanErrors::Schema));
        QCOMPARE(problemPaths(plan.error()), QStringList{at});
        QVERIFY2(plan.error().message.startsWith(at + u": "_s), qPrintable(plan.error().message));
    }

    void unknownKeyNamesPath_data()
    {
        QTest::addColumn<QString>("at");

        QTest::newRow("top level") << u"comment"_s;
        QTest::newRow("psc[0].hostname") << u"psc[0].hostname"_s;
        QTest::newRow("psc[1].hostname") << u"psc[1].hostname"_s;
        QTest::newRow("certificate.subject.E") << u"certificate.subject.E"_s;
        QTest::newRow("certificate.subject.cn (keys are case-sensitive)") << u"certificate.subject.cn"_s;
        QTest::newRow("loadBalancer.persistence.cookie") << u"loadBalancer.persistence.cookie"_s;
        QTest::newRow("vds.portGroups[1].id") << u"vds.portGroups[1].id"_s;
        QTest::newRow("vcha.network.gateway") << u"vcha.network.gateway"_s;
        QTest::newRow("non-ASCII key") << u"lab.größe"_s;
    }

    void unknownKeyNamesPath()
    {
        QFETCH(QString, at);

        const Result<LabPlan> plan = parsePlan(exampleWith(at, QJsonValue(u"x"_s)));
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().code, code(PlanErrors::Schema));
        QCOMPARE(problemPaths(plan.error()), QStringList{at});
        QVERIFY2(plan.error().message.contains(u"unknown key"_s), qPrintable(plan.error().message));
    }

    void everyProblemIsListed()
    {
        QJsonValue root = exampleObject();
        root = withValueAt(root, u"psc[1].ip", QJsonValue(1));
        root = withValueAt(root, u"vds.mtu", QJsonValue(1.5));
        root = withValueAt(root, u"certificate.subject.E", QJsonValue(u"a@b.c"_s));
        const Result<LabPlan> plan = parsePlan(toJson(root));
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().code, code(PlanErrors::Schema));
        QStringList paths = problemPaths(plan.error());
        paths.sort();
        QCOMPARE(paths, (QStringList{u"certificate.subject.E"_s, u"psc[1].ip"_s, u"vds.mtu"_s}));
    }

    void schemaId_data()
    {
        QTest::addColumn<QJsonValue>("schema"); // Undefined: the key is left out

        QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("empty") << QJsonValue(u""_s);
        QTest::newRow("next version") << QJsonValue(u"vlab.plan/2"_s);
        QTest::newRow("other case") << QJsonValue(u"VLAB.PLAN/1"_s);
        QTest::newRow("surrounding blanks") << QJsonValue(u" vlab.plan/1"_s);
        QTest::newRow("a number") << QJsonValue(1);
        QTest::newRow("null") << QJsonValue(QJsonValue::Null);
    }

    void schemaId()
    {
        QFETCH(QJsonValue, schema);

        QJsonObject root = exampleObject();
        if (schema.isUndefined())
            root.remove(u"schema"_s);
        else
            root[u"schema"_s] = schema;
        const Result<LabPlan> plan = parsePlan(QJsonDocument(root).toJson());
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().code, code(PlanErrors::Schema));
        QVERIFY2(plan.error().message.startsWith(u"schema: "_s), qPrintable(plan.error().message));
        const QStringList paths = problemPaths(plan.error());
        QVERIFY(!paths.isEmpty());
        for (const QString &path : paths)
            QCOMPARE(path, u"schema"_s);
    }

    void notAnObject_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expectedCode");

        QTest::newRow("empty array") << QByteArray("[]") << code(PlanErrors::Schema);
        QTest::newRow("the example inside an array")
            << QByteArray(QByteArray("[\n") + examplePlanJson() + QByteArray("]\n"))
            << code(PlanErrors::Schema);
        QTest::newRow("a number") << QByteArray("42") << code(PlanErrors::Syntax);
        QTest::newRow("a string") << QByteArray("\"vlab.plan/1\"") << code(PlanErrors::Syntax);
        QTest::newRow("null") << QByteArray("null") << code(PlanErrors::Syntax);
    }

    void notAnObject()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expectedCode);

        const Result<LabPlan> plan = parsePlan(json);
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().code, expectedCode);
        QVERIFY(!plan.error().message.isEmpty());
        if (expectedCode == code(PlanErrors::Schema))
            QVERIFY2(plan.error().message.contains(u"JSON object"_s), qPrintable(plan.error().message));
    }

    void sizeLimit_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<bool>("accepted");

        QTest::newRow("exactly the limit") << kMaxPlanBytes << u"limit.vlab.json"_s << true;
        QTest::newRow("one byte over") << kMaxPlanBytes + 1 << u"over.vlab.json"_s << false;
        // The name is what a browser leaves on a download (an encoded '/'): the message must
        // still name the file as it is.
        QTest::newRow("20 MB") << qint64(20) * 1024 * 1024 << u"sslab%2Fplan.vlab.json"_s << false;
    }

    void sizeLimit()
    {
        QFETCH(qint64, size);
        QFETCH(QString, fileName);
        QFETCH(bool, accepted);

        const QByteArray data = paddedExample(size);
        QCOMPARE(qint64(data.size()), size);

        const Result<LabPlan> parsed = parsePlan(data);
        QCOMPARE(parsed.ok(), accepted);
        if (!accepted)
            QCOMPARE(parsed.error().code, code(PlanErrors::TooLarge));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(fileName);
        QVERIFY(writeFile(path, data));
        QCOMPARE(QFileInfo(path).size(), size);
        const Result<LabPlan> loaded = loadPlanFile(path);
        QCOMPARE(loaded.ok(), accepted);
        if (accepted) {
            QVERIFY(loaded.value() == examplePlan());
        } else {
            QCOMPARE(loaded.error().code, code(PlanErrors::TooLarge));
            QVERIFY2(loaded.error().message.contains(path), qPrintable(loaded.error().message));
            const QString megabytes = QString::number(double(size) / (1024.0 * 1024.0), 'f', 1);
            QVERIFY2(loaded.error().message.contains(QString(megabytes + u" MB"_s)),
                     qPrintable(loaded.error().message));
        }
    }

    // Lists longer than any lab has are refused when the plan is read, naming the list and
    // the limit; a list at the limit is read (the validator judges it).
    void listLimits_data()
    {
        QTest::addColumn<QString>("at");
        QTest::addColumn<qsizetype>("limit");
        QTest::addColumn<QJsonValue>("element");
        const QJsonValue psc(
            QJsonObject{{u"name"_s, u"p"_s}, {u"fqdn"_s, u"p.sslab.com"_s}, {u"ip"_s, u"10.0.0.1"_s}});
        const QJsonValue group(QJsonObject{{u"name"_s, u"PG"_s}, {u"vlan"_s, 10}});
        QTest::newRow("psc") << u"psc"_s << kMaxPlanPscs << psc;
        QTest::newRow("vds.portGroups") << u"vds.portGroups"_s << kMaxPlanPortGroups << group;
        QTest::newRow("dns.servers") << u"dns.servers"_s << kMaxPlanServers << QJsonValue(u"10.0.0.53"_s);
        QTest::newRow("ntp.servers") << u"ntp.servers"_s << kMaxPlanServers << QJsonValue(u"10.0.0.123"_s);
        QTest::newRow("loadBalancer.ports") << u"loadBalancer.ports"_s << kMaxPlanPorts << QJsonValue(443);
        QTest::newRow("certificate.san")
            << u"certificate.san"_s << kMaxPlanSan << QJsonValue(u"a.sslab.com"_s);
    }

    void listLimits()
    {
        QFETCH(QString, at);
        QFETCH(qsizetype, limit);
        QFETCH(QJsonValue, element);
        QJsonArray full;
        for (qsizetype i = 0; i < limit; ++i)
            full.append(element);
        const Result<LabPlan> atLimit = parsePlan(exampleWith(at, full));
        QVERIFY2(atLimit, qPrintable(atLimit ? QString() : atLimit.error().message));

        full.append(element);
        const Result<LabPlan> over = parsePlan(exampleWith(at, full));
        QVERIFY(!over);
        QCOMPARE(over.error().code, code(PlanErrors::Schema));
        QCOMPARE(problemPaths(over.error()), QStringList{at});
        QVERIFY2(over.error().message.contains(QString::number(limit + 1))
                     && over.error().message.contains(u"at most %1"_s.arg(limit)),
                 qPrintable(over.error().message));
    }

    // 30,000 PSCs (about 2 MB, under the size limit): refused by the list limit, whole.
    void thirtyThousandPscsRefused()
    {
        QJsonArray many;
        for (int i = 0; i < 30000; ++i)
            many.append(
                QJsonObject{{u"name"_s, u"p"_s}, {u"fqdn"_s, u"p.sslab.com"_s}, {u"ip"_s, u"10.0.0.1"_s}});
        const QByteArray json = exampleWith(u"psc"_s, many);
        QVERIFY(json.size() < kMaxPlanBytes);
        const Result<LabPlan> plan = parsePlan(json);
        QVERIFY(!plan);
        QVERIFY2(plan.error().message.startsWith(u"psc: 30000 entries"_s), qPrintable(plan.error().message));
    }

    // A device is refused before it is read (it may never end), saying what it is.
    void endlessDeviceIsRefused()
    {
        const QString device = u"/dev/zero"_s;
        if (!QFileInfo::exists(device))
            QSKIP("no /dev/zero on this system");
        const Result<LabPlan> plan = loadPlanFile(device);
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().code, code(PlanErrors::Io));
        QVERIFY2(plan.error().message.contains(u"is a device"_s), qPrintable(plan.error().message));
    }

    void binaryGarbage_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("expectedCode");
        QTest::addColumn<QString>("mentions"); // part of the message, or empty

        QByteArray withNul = randomBytes(20240501, 64 * 1024);
        withNul[100] = '\0';
        QTest::newRow("random bytes with NUL") << withNul << code(PlanErrors::NotText) << QString();

        QByteArray plan = examplePlanJson();
        const qsizetype lineFiveStart = [&] {
            qsizetype at = 0;
            for (int i = 0; i < 4; ++i)
                at = plan.indexOf('\n', at) + 1;
            return at;
        }();
        plan.insert(lineFiveStart + 6, '\0');
        QTest::newRow("NUL inside the example") << plan << code(PlanErrors::NotText) << u"line 5, column 7"_s;

        const QString text = QString::fromUtf8(examplePlanJson());
        QTest::newRow("UTF-16 text") << QByteArray(reinterpret_cast<const char *>(text.utf16()),
                                                   text.size() * 2)
                                     << code(PlanErrors::NotText) << QString();
        QTest::newRow("PNG header") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
                                    << code(PlanErrors::NotText) << QString();

        QByteArray noNul = randomBytes(7, 64 * 1024);
        noNul.replace('\0', '\xff');
        QTest::newRow("random bytes without NUL") << noNul << code(PlanErrors::Syntax) << u"line "_s;

        const QByteArray prefix = "{\"schema\": \"vlab.plan/1\", \"lab\": {\"name\": \"";
        const QByteArray suffix = "\"}}";
        QTest::newRow("Latin-1 text") << QByteArray(prefix + "Z\xfcrich" + suffix) << code(PlanErrors::Syntax)
                                      << u"line 1, column 45"_s;
        QTest::newRow("overlong UTF-8")
            << QByteArray(prefix + "\xc0\xaf" + suffix) << code(PlanErrors::Syntax) << QString();
        QTest::newRow("UTF-8 encoded surrogate")
            << QByteArray(prefix + "\xed\xa0\x80" + suffix) << code(PlanErrors::Syntax) << QString();
        QTest::newRow("truncated UTF-8 sequence")
            << QByteArray(prefix + "\xe2\x82" + suffix) << code(PlanErrors::Syntax) << QString();
        QTest::newRow("lone continuation byte")
            << QByteArray(prefix + "\x80" + suffix) << code(PlanErrors::Syntax) << QString();
        QTest::newRow("100000 open brackets")
            << QByteArray(100000, '[') << code(PlanErrors::Syntax) << QString();
    }

    void binaryGarbage()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, expectedCode);
        QFETCH(QString, mentions);

        const Result<LabPlan> plan = parsePlan(data);
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().code, expectedCode);
        QVERIFY(!plan.error().message.isEmpty());
        if (!mentions.isEmpty())
            QVERIFY2(plan.error().message.contains(mentions), qPrintable(plan.error().message));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"garbage.vlab.json"_s);
        QVERIFY(writeFile(path, data));
        const Result<LabPlan> loaded = loadPlanFile(path);
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, expectedCode);
        QVERIFY2(loaded.error().message.startsWith(path), qPrintable(loaded.error().message));
    }

    void unreadableIsIoError_data()
    {
        QTest::addColumn<QString>("name"); // inside a fresh temporary folder; "." is the folder

        QTest::newRow("file does not exist") << u"missing.vlab.json"_s;
        QTest::newRow("inside a missing folder") << u"nowhere/sslab.vlab.json"_s;
        QTest::newRow("a directory") << u"."_s;
        // Refused before open(): a FIFO would block there for ever, a device never end.
        QTest::newRow("a FIFO") << u"@fifo"_s;
        QTest::newRow("a device") << u"/dev/zero"_s;
    }

    void unreadableIsIoError()
    {
        QFETCH(QString, name);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString path = name == u"."_s ? dir.path() : dir.filePath(name);
        if (name == u"@fifo"_s) {
            path = dir.filePath(u"plan.vlab.json"_s);
            QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        } else if (name.startsWith(u'/')) {
            path = name;
        }

        const Result<LabPlan> plan = loadPlanFile(path);
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().code, code(PlanErrors::Io));
        QVERIFY2(plan.error().message.contains(path), qPrintable(plan.error().message));
    }

    void emptyFileNameIsIoError()
    {
        QTest::ignoreMessage(QtWarningMsg, "QFSFileEngine::open: No file name specified");
        const Result<LabPlan> plan = loadPlanFile(QString());
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().code, code(PlanErrors::Io));
    }

    void saveWhereNoFolderCreatesNothing_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("missing folder") << u"missing/sslab.vlab.json"_s;
        QTest::newRow("missing nested folders") << u"a/b/c/sslab.vlab.json"_s;
        QTest::newRow("folder is a file") << u"blocker/sslab.vlab.json"_s;
    }

    void saveWhereNoFolderCreatesNothing()
    {
        QFETCH(QString, name);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeFile(dir.filePath(u"blocker"_s), "not a folder\n"));

        const Result<void> saved = savePlanFile(examplePlan(), dir.filePath(name));
        QVERIFY(!saved.ok());
        QCOMPARE(saved.error().code, code(PlanErrors::Io));
        QVERIFY(!saved.error().message.isEmpty());
        QCOMPARE(entries(dir.path()), QStringList{u"blocker"_s});
        QCOMPARE(readFile(dir.filePath(u"blocker"_s)), QByteArray("not a folder\n"));
    }

    void failedSaveKeepsOldFile_data()
    {
        QTest::addColumn<SaveFailure>("failure");
        QTest::newRow("write stops half way") << SaveFailure::WriteStopsHalfWay;
        QTest::newRow("temporary name too long") << SaveFailure::TemporaryNameTooLong;
        QTest::newRow("read-only folder") << SaveFailure::ReadOnlyFolder;
    }

    void failedSaveKeepsOldFile()
    {
        QFETCH(SaveFailure, failure);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // QSaveFile writes a temporary "<name>.XXXXXX" next to the target; a 250-character
        // name leaves that temporary longer than the 255 bytes a file name may have.
        const QString name = failure == SaveFailure::TemporaryNameTooLong
            ? QString(240, u'p') + u".vlab.json"_s
            : QString::fromLatin1(kExamplePlanFileName);
        const QString path = dir.filePath(name);
        const QByteArray old = "{ \"schema\": \"vlab.plan/1\" }\n";
        if (!writeFile(path, old))
            QSKIP("cannot create the old file here (file names are shorter on this file system)");

        Result<void> saved;
        switch (failure) {
        case SaveFailure::WriteStopsHalfWay: {
#ifdef Q_OS_UNIX
            // Like a full disk: the temporary file takes the first 100 bytes, then writes fail.
            FileSizeLimit limit(100);
            if (!limit.ok())
                QSKIP("cannot lower RLIMIT_FSIZE");
            saved = savePlanFile(examplePlan(), path);
#else
            QSKIP("needs RLIMIT_FSIZE (POSIX)");
#endif
            break;
        }
        case SaveFailure::TemporaryNameTooLong:
            saved = savePlanFile(examplePlan(), path);
            break;
        case SaveFailure::ReadOnlyFolder:
#ifdef Q_OS_UNIX
            if (::geteuid() == 0)
                QSKIP("running as root: a read-only folder does not stop root from writing; "
                      "the other rows make the save fail in ways root cannot bypass");
#endif
            QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
            saved = savePlanFile(examplePlan(), path);
            QVERIFY(
                QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
            break;
        }

        QVERIFY(!saved.ok());
        QCOMPARE(saved.error().code, code(PlanErrors::Io));
        QVERIFY(!saved.error().message.isEmpty());
        QCOMPARE(readFile(path), old);
        QCOMPARE(entries(dir.path()), QStringList{name}); // no temporary left behind
    }
};

QTEST_GUILESS_MAIN(TestPlanJson)
#include "tst_planjson.moc"
