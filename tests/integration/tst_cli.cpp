// Integration test of the built `vlab` executable: each row runs it with QProcess (no stdin)
// in a fresh temporary folder and checks the exit code, where the message went, and the
// files it left behind.

#include "jobs/journal.h"
#include "plan/planjson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace clitest {

constexpr int kStartMs = 10000;
constexpr int kRunMs = 30000;

enum class Channel { Stdout, Stderr };

// One invocation and what must come of it. "{dir}" in an argument stands for the row's
// temporary folder, which holds the fixtures written by writeFixtures().
struct CliCase
{
    QStringList args;
    int exitCode = 0;
    Channel channel = Channel::Stdout;
    QString expected;          // substring of that channel's text
    QString notExpected;       // in neither channel
    QList<QStringList> before; // invocations that must succeed first
    QStringList files;         // must exist afterwards, relative to {dir}
    QString linePrefix;        // a stdout line must start with this ...
    QString lineContains;      // ... and contain this
    bool jsonReport = false;   // stdout is the JSON validation report
    int jsonErrors = 0;        // its "errors"
    QString firstFindingPath;  // path of its first finding, if any
    QString jsonLoadErrorCode; // stdout is the JSON load error with this code
    QStringList env;           // NAME=value pairs added to the environment
    bool privateFile = false;  // files[0] must have mode 0600
};

struct Run
{
    bool ok = false;
    QString why;
    int exitCode = -1;
    QString out;
    QString err;
};

Run runVlab(const QStringList &args, const QString &workingDir, const QStringList &extraEnv = {})
{
    Run run;
    QProcess process;
    process.setProgram(QStringLiteral(VLAB_CLI_PATH));
    process.setArguments(args);
    process.setWorkingDirectory(workingDir);
    process.setStandardInputFile(QProcess::nullDevice());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    for (const QString &pair : extraEnv)
        env.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    process.setProcessEnvironment(env);
    process.start();
    if (!process.waitForStarted(kStartMs)) {
        run.why = u"did not start: "_s + process.errorString();
        return run;
    }
    if (!process.waitForFinished(kRunMs)) {
        process.kill();
        process.waitForFinished(kStartMs);
        run.why = u"did not finish within %1 ms"_s.arg(kRunMs);
        return run;
    }
    if (process.exitStatus() != QProcess::NormalExit) {
        run.why = u"crashed: "_s + process.errorString();
        return run;
    }
    run.ok = true;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QStringList expand(const QStringList &args, const QString &dir)
{
    QStringList expanded;
    for (const QString &arg : args)
        expanded << QString(arg).replace(u"{dir}"_s, dir);
    return expanded;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson();
}

// The example plan and variations of it, each one change away from the example.
bool writeFixtures(const QString &dir)
{
    const QByteArray exampleJson = vlab::examplePlanJson();
    const QJsonObject example = QJsonDocument::fromJson(exampleJson).object();
    if (example.isEmpty())
        return false;

    QJsonObject badIp = example;
    {
        QJsonArray psc = badIp.value(u"psc"_s).toArray();
        QJsonObject second = psc.at(1).toObject();
        second.insert(u"ip"_s, u"192.168.1.300"_s);
        psc.replace(1, second);
        badIp.insert(u"psc"_s, psc);
    }

    QJsonObject warningsOnly = example;
    {
        QJsonObject lb = warningsOnly.value(u"loadBalancer"_s).toObject();
        QJsonArray ports;
        for (const QJsonValue &port : lb.value(u"ports"_s).toArray()) {
            if (port.toInt() != 2020)
                ports.append(port);
        }
        lb.insert(u"ports"_s, ports);
        warningsOnly.insert(u"loadBalancer"_s, lb);
    }

    QJsonObject renamedLb = example; // the load balancer renamed by hand: CN and SAN left behind
    {
        QJsonObject lb = renamedLb.value(u"loadBalancer"_s).toObject();
        lb.insert(u"fqdn"_s, u"psc-vip.sslab.com"_s);
        renamedLb.insert(u"loadBalancer"_s, lb);
    }

    QJsonObject unknownKey = example;
    {
        QJsonArray psc = unknownKey.value(u"psc"_s).toArray();
        QJsonObject second = psc.at(1).toObject();
        second.insert(u"colour"_s, u"blue"_s);
        psc.replace(1, second);
        unknownKey.insert(u"psc"_s, psc);
    }

    const QDir d(dir);
    return writeFile(d.filePath(u"example.vlab.json"_s), exampleJson)
        && writeFile(d.filePath(u"bad-ip.vlab.json"_s), toJson(badIp))
        && writeFile(d.filePath(u"warnings.vlab.json"_s), toJson(warningsOnly))
        && writeFile(d.filePath(u"unknown-key.vlab.json"_s), toJson(unknownKey))
        && writeFile(d.filePath(u"renamed-lb.vlab.json"_s), toJson(renamedLb))
        && writeFile(d.filePath(u"malformed.vlab.json"_s),
                     "{\n  \"schema\": \"vlab.plan/1\",\n  \"lab\": { \"name\": \"x\" \n");
}

} // namespace clitest

Q_DECLARE_METATYPE(clitest::CliCase)

using namespace clitest;

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void run_data();
    void run();
    void runbookMarkdownLinksExist();
    void runbookFindsTheProjectJournal();
    void helpListsEveryVerb();
};

void TestCli::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(VLAB_CLI_PATH)).isExecutable(), VLAB_CLI_PATH);
}

// README "Command line reference": exit codes 0 (validate, init, generate), 1 (a plan with
// errors) and 2 (malformed or unknown keys, missing file, wrong options), one row each at least.
// README "Everything at once": `vlab generate` writes every plan-only artifact (row "generate"),
// and exit 1 when the plan has errors (row "generate a plan with errors"); with --ignore-findings
// exit 0, everything written (row "generate a plan with errors, --ignore-findings").
// README "Runbook": runbook.pdf, runbook.md and topology.png (row "runbook").
void TestCli::run_data()
{
    QTest::addColumn<CliCase>("c");

    const QString version = QStringLiteral(VLAB_VERSION);
    // Help must show the verb's real usage, not "Usage: <path of the binary> [options] ...".
    const QString binaryPath = QStringLiteral(VLAB_CLI_PATH);
    const QStringList initLab{u"init"_s, u"{dir}/lab"_s};

    {
        CliCase c;
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"Usage: vlab <command>"_s;
        QTest::newRow("no arguments") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"frobnicate"_s};
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"unknown command \"frobnicate\""_s;
        QTest::newRow("unknown verb") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"--version"_s};
        c.expected = u"vlab "_s + version;
        QTest::newRow("--version") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"help"_s, u"validate"_s};
        c.expected = u"--format"_s;
        c.notExpected = binaryPath;
        c.linePrefix = u"Usage: vlab validate PLAN"_s;
        QTest::newRow("help validate") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"init"_s, u"--help"_s};
        c.expected = u"--force"_s;
        c.notExpected = binaryPath;
        c.linePrefix = u"Usage: vlab init DIR"_s;
        QTest::newRow("init --help") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"help"_s, u"frobnicate"_s};
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"unknown command"_s;
        QTest::newRow("help on an unknown verb") << c;
    }
    {
        CliCase c;
        c.args = initLab;
        c.expected = u"Wrote"_s;
        c.files = QStringList{u"lab/sslab.vlab.json"_s};
        QTest::newRow("init into a new folder") << c;
    }
    {
        CliCase c;
        c.before = {initLab};
        c.args = initLab;
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"--force"_s;
        QTest::newRow("init over an existing plan") << c;
    }
    {
        CliCase c;
        c.before = {initLab};
        c.args = initLab + QStringList{u"--force"_s};
        c.expected = u"Wrote"_s;
        c.files = QStringList{u"lab/sslab.vlab.json"_s};
        QTest::newRow("init --force over an existing plan") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"init"_s, u"{dir}/example.vlab.json"_s};
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"not a folder"_s;
        QTest::newRow("init into a file") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"validate"_s, u"{dir}/example.vlab.json"_s};
        c.expected = u"0 error(s)"_s;
        QTest::newRow("validate the example") << c;
    }
    {
        CliCase c;
        c.before = {initLab};
        c.args = QStringList{u"validate"_s, u"{dir}/lab/sslab.vlab.json"_s};
        c.expected = u"0 error(s), 0 warning(s)"_s;
        QTest::newRow("validate what init wrote") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"validate"_s, u"{dir}/bad-ip.vlab.json"_s};
        c.exitCode = 1;
        c.expected = u"1 error(s)"_s;
        c.linePrefix = u"error"_s;
        c.lineContains = u"psc[1].ip"_s;
        QTest::newRow("validation error") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"validate"_s, u"{dir}/renamed-lb.vlab.json"_s};
        c.exitCode = 1;
        c.linePrefix = u"error"_s;
        c.lineContains = u"certificate.subject.CN"_s;
        c.expected = u"2 error(s)"_s;
        QTest::newRow("renamed load balancer: errors with fixes") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"validate"_s, u"--fix"_s, u"{dir}/renamed-lb.vlab.json"_s};
        c.expected = u"renamed-lb.vlab.json: 0 error(s)"_s;
        c.linePrefix = u"fixed   certificate.subject.CN"_s;
        c.lineContains = u"vcenter-psc-lb.sslab.com -> psc-vip.sslab.com"_s;
        c.files = QStringList{u"renamed-lb.vlab.json.bak"_s};
        QTest::newRow("validate --fix applies the fixes and keeps a backup") << c;
    }
    {
        CliCase c; // fixed once, the file validates clean without --fix
        c.before = {{u"validate"_s, u"--fix"_s, u"{dir}/renamed-lb.vlab.json"_s}};
        c.args = QStringList{u"validate"_s, u"{dir}/renamed-lb.vlab.json"_s};
        c.expected = u"0 error(s), 0 warning(s)"_s;
        QTest::newRow("the fixed plan is saved") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"validate"_s, u"--fix"_s, u"{dir}/bad-ip.vlab.json"_s};
        c.exitCode = 1;
        c.expected = u"nothing to fix automatically"_s;
        QTest::newRow("validate --fix with nothing to fix") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"validate"_s, u"{dir}/warnings.vlab.json"_s};
        c.expected = u"0 error(s), 1 warning(s)"_s;
        c.linePrefix = u"warning"_s;
        c.lineContains = u"loadBalancer.ports"_s;
        QTest::newRow("only warnings") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"validate"_s, u"{dir}/malformed.vlab.json"_s};
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"line"_s;
        QTest::newRow("malformed JSON") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"validate"_s, u"{dir}/malformed.vlab.json"_s, u"--format"_s, u"json"_s};
        c.exitCode = 2;
        c.expected = u"line"_s;
        c.jsonLoadErrorCode = u"plan.syntax"_s;
        QTest::newRow("malformed JSON, --format json") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"validate"_s, u"{dir}/unknown-key.vlab.json"_s};
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"psc[1].colour"_s;
        QTest::newRow("unknown key") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"validate"_s, u"{dir}/missing.vlab.json"_s};
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"missing.vlab.json"_s;
        QTest::newRow("missing file") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"validate"_s, u"{dir}/example.vlab.json"_s, u"--format"_s, u"json"_s};
        c.expected = u"\"findings\""_s;
        c.jsonReport = true;
        c.jsonErrors = 0;
        QTest::newRow("--format json") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"validate"_s, u"--format"_s, u"json"_s, u"{dir}/bad-ip.vlab.json"_s};
        c.exitCode = 1;
        c.expected = u"\"errors\""_s;
        c.jsonReport = true;
        c.jsonErrors = 1;
        c.firstFindingPath = u"psc[1].ip"_s;
        QTest::newRow("--format json with an error") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"validate"_s, u"{dir}/example.vlab.json"_s, u"--format"_s, u"xml"_s};
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"--format"_s;
        QTest::newRow("--format xml") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"validate"_s};
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"Usage: vlab validate"_s;
        QTest::newRow("validate without PLAN") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"generate"_s, u"{dir}/example.vlab.json"_s, u"-o"_s, u"{dir}/out"_s};
        c.channel = Channel::Stderr;
        c.expected = u"succeeded"_s;
        c.files = QStringList{u"out/sslab.vlab.json"_s,
                              u"out/validation.txt"_s,
                              u"out/validation.json"_s,
                              u"out/certs/psc_ha_csr_cfg.cfg"_s,
                              u"out/netscaler/psc-lb.conf"_s,
                              u"out/netscaler/psc-lb-rollback.conf"_s,
                              u"out/vcsa/vcsa-psc1.json"_s,
                              u"out/vcsa/vcsa-psc2.json"_s,
                              u"out/vcsa/vcsa-vcenter.json"_s,
                              u"out/vds/vds-govc.sh"_s,
                              u"out/vds/vds-powercli.ps1"_s,
                              u"out/runbook.pdf"_s,
                              u"out/runbook.md"_s,
                              u"out/vcha/vcha-deploy-spec.json"_s,
                              u"out/topology.png"_s,
                              u"out/topology.svg"_s};
        QTest::newRow("generate") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"generate"_s, u"{dir}/bad-ip.vlab.json"_s, u"-o"_s, u"{dir}/out"_s};
        c.exitCode = 1;
        c.channel = Channel::Stderr;
        c.expected = u"nothing was written"_s;
        c.linePrefix = QString();
        QTest::newRow("generate a plan with errors") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"generate"_s, u"{dir}/bad-ip.vlab.json"_s, u"-o"_s, u"{dir}/out"_s,
                             u"--ignore-findings"_s};
        c.exitCode = 0;
        c.channel = Channel::Stderr;
        c.expected = u"written anyway"_s;
        c.files = QStringList{u"out/sslab.vlab.json"_s, u"out/validation.txt"_s, u"out/validation.json"_s,
                              u"out/runbook.md"_s};
        QTest::newRow("generate a plan with errors, --ignore-findings") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"generate"_s, u"{dir}/example.vlab.json"_s};
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"-o DIR"_s;
        QTest::newRow("generate without -o") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"netscaler"_s,        u"batch"_s,      u"{dir}/example.vlab.json"_s, u"-o"_s,
                             u"{dir}/ns/lb.conf"_s, u"--rollback"_s, u"{dir}/ns/undo.conf"_s};
        c.exitCode = 0;
        c.channel = Channel::Stdout;
        c.expected = u"40 object(s)"_s;
        c.files = QStringList{u"ns/lb.conf"_s, u"ns/undo.conf"_s};
        QTest::newRow("netscaler batch") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"netscaler"_s, u"batch"_s, u"{dir}/example.vlab.json"_s};
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"-o FILE"_s;
        QTest::newRow("netscaler batch without -o") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"netscaler"_s, u"apply"_s, u"{dir}/example.vlab.json"_s};
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"netscaler apply needs --nsip"_s;
        QTest::newRow("netscaler apply without --nsip") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"netscaler"_s, u"batch"_s, u"{dir}/malformed.vlab.json"_s, u"-o"_s,
                             u"{dir}/x.conf"_s};
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"line"_s;
        QTest::newRow("netscaler batch of a malformed plan") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"vcsa"_s, u"template"_s, u"{dir}/example.vlab.json"_s, u"--role"_s,
                             u"psc2"_s, u"-o"_s,       u"{dir}/t/psc2.json"_s};
        c.expected = u"Wrote"_s;
        c.files = QStringList{u"t/psc2.json"_s};
        QTest::newRow("vcsa template psc2") << c;
    }
    {
        CliCase c;
        c.args =
            QStringList{u"vcsa"_s, u"template"_s,    u"{dir}/example.vlab.json"_s, u"--role"_s, u"psc9"_s,
                        u"-o"_s,   u"{dir}/x.json"_s};
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"psc1, psc2 or vcenter"_s;
        QTest::newRow("vcsa template with an unknown role") << c;
    }
    {
        CliCase c;
        c.args =
            QStringList{u"vcsa"_s,    u"template"_s, u"{dir}/example.vlab.json"_s, u"--role"_s,
                        u"vcenter"_s, u"-o"_s,       u"{dir}/t/vc.json"_s,         u"--with-passwords"_s};
        c.env = QStringList{u"VLAB_TARGET_PASSWORD=Esx!Pass123"_s, u"VLAB_ROOT_PASSWORD=Root!Pass123"_s,
                            u"VLAB_SSO_PASSWORD=Sso!Pass1234"_s};
        c.expected = u"mode 0600"_s;
        c.notExpected = u"Root!Pass123"_s; // never echoed
        c.files = QStringList{u"t/vc.json"_s};
        c.privateFile = true;
        QTest::newRow("vcsa template with passwords is private") << c;
    }
    {
        CliCase c;
        c.args =
            QStringList{u"vcsa"_s,    u"template"_s, u"{dir}/example.vlab.json"_s, u"--role"_s,
                        u"vcenter"_s, u"-o"_s,       u"{dir}/t/vc.json"_s,         u"--with-passwords"_s};
        c.env = QStringList{u"VLAB_TARGET_PASSWORD=x"_s, u"VLAB_ROOT_PASSWORD=weakpass"_s,
                            u"VLAB_SSO_PASSWORD=Sso!Pass1234"_s};
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"VLAB_ROOT_PASSWORD does not meet"_s;
        c.notExpected = u"weakpass"_s;
        QTest::newRow("vcsa template refuses a weak password without showing it") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"vcsa"_s, u"template"_s, u"{dir}/example.vlab.json"_s, u"--role"_s,
                             u"psc1"_s, u"-o"_s,       u"{dir}/t/p.json"_s,          u"--with-passwords"_s};
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"VLAB_TARGET_PASSWORD"_s;
        QTest::newRow("vcsa template --with-passwords needs the environment") << c;
    }
    {
        CliCase c;
        c.args =
            QStringList{u"runbook"_s,    u"{dir}/example.vlab.json"_s, u"-o"_s, u"{dir}/rb/runbook.pdf"_s,
                        u"--markdown"_s, u"{dir}/rb/runbook.md"_s};
        // README "Runbook": the PDF, the Markdown and the topology.png it links.
        c.files = QStringList{u"rb/runbook.pdf"_s, u"rb/runbook.md"_s, u"rb/topology.png"_s};
        c.expected = u"runbook.md"_s;
        QTest::newRow("runbook") << c;
    }
    {
        CliCase c;
        c.args =
            QStringList{u"vcha"_s, u"spec"_s, u"{dir}/example.vlab.json"_s, u"-o"_s, u"{dir}/vcha.json"_s};
        c.files = QStringList{u"vcha.json"_s};
        c.expected = u"Wrote"_s;
        QTest::newRow("vcha spec") << c;
    }
    {
        CliCase c;
        c.args =
            QStringList{u"vcha"_s, u"spec"_s, u"{dir}/bad-ip.vlab.json"_s, u"-o"_s, u"{dir}/vcha.json"_s};
        c.exitCode = 1; // every verb validates the whole plan first
        c.channel = Channel::Stderr;
        c.expected = u"psc[1].ip"_s;
        QTest::newRow("vcha spec refuses a plan with errors") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"vcha"_s,
                             u"spec"_s,
                             u"{dir}/bad-ip.vlab.json"_s,
                             u"-o"_s,
                             u"{dir}/vcha.json"_s,
                             u"--ignore-findings"_s};
        c.exitCode = 0; // bad-ip breaks a PSC address, not a VCHA prerequisite
        c.expected = u"Wrote"_s;
        QTest::newRow("vcha spec --ignore-findings ignores problems elsewhere") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"runbook"_s, u"{dir}/example.vlab.json"_s};
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"-o FILE.pdf"_s;
        QTest::newRow("runbook without -o") << c;
    }
    {
        CliCase c;
        c.args = QStringList{u"vds"_s,          u"script"_s,   u"{dir}/example.vlab.json"_s,
                             u"--format"_s,     u"powercli"_s, u"-o"_s,
                             u"{dir}/vds.ps1"_s};
        c.files = QStringList{u"vds.ps1"_s};
        c.expected = u"Wrote"_s;
        QTest::newRow("vds script powercli") << c;
    }
    {
        CliCase c;
        c.args =
            QStringList{u"vds"_s, u"script"_s,      u"{dir}/example.vlab.json"_s, u"--format"_s, u"bash"_s,
                        u"-o"_s,  u"{dir}/vds.sh"_s};
        c.exitCode = 2;
        c.channel = Channel::Stderr;
        c.expected = u"govc or powercli"_s;
        QTest::newRow("vds script with an unknown format") << c;
    }
    // Verbs that run jobs journal them in the plan's folder, like the wizard's run panel.
    {
        CliCase c;
        c.args = QStringList{u"diag"_s,   u"tcp"_s,
                             u"--file"_s, QStringLiteral(VLAB_TEST_DATA_DIR "/diag/ss-psc-closewait.txt"),
                             u"--plan"_s, u"{dir}/example.vlab.json"_s};
        c.exitCode = 1; // the capture has a CLOSE_WAIT pile-up
        c.expected = u"CLOSE_WAIT"_s;
        c.files = QStringList{u"vlab-journal.json"_s};
        QTest::newRow("diag tcp with a plan is journaled") << c;
    }
}

void TestCli::run()
{
    QFETCH(CliCase, c);

    QTemporaryDir tmp;
    QVERIFY2(tmp.isValid(), qPrintable(tmp.errorString()));
    QVERIFY(writeFixtures(tmp.path()));

    for (const QStringList &step : std::as_const(c.before)) {
        const Run before = runVlab(expand(step, tmp.path()), tmp.path());
        QVERIFY2(before.ok, qPrintable(before.why));
        QVERIFY2(before.exitCode == 0, qPrintable(before.err));
    }

    const Run r = runVlab(expand(c.args, tmp.path()), tmp.path(), c.env);
    QVERIFY2(r.ok, qPrintable(r.why));
    const QString diagnostics =
        u"exit %1\n--- stdout\n%2--- stderr\n%3"_s.arg(QString::number(r.exitCode), r.out, r.err);
    QVERIFY2(r.exitCode == c.exitCode, qPrintable(diagnostics));

    const QString &channelText = c.channel == Channel::Stdout ? r.out : r.err;
    QVERIFY2(channelText.contains(c.expected), qPrintable(diagnostics));
    if (!c.notExpected.isEmpty()) {
        QVERIFY2(!r.out.contains(c.notExpected), qPrintable(diagnostics));
        QVERIFY2(!r.err.contains(c.notExpected), qPrintable(diagnostics));
    }

    for (const QString &file : std::as_const(c.files))
        QVERIFY2(QFileInfo::exists(QDir(tmp.path()).filePath(file)), qPrintable(file));
    if (c.privateFile) {
        const QFile::Permissions mode = QFile::permissions(QDir(tmp.path()).filePath(c.files.constFirst()));
        QCOMPARE(mode & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
                 QFile::Permissions());
        QVERIFY(mode & QFile::ReadOwner);
    }

    if (!c.linePrefix.isEmpty()) {
        bool found = false;
        for (const QString &line : r.out.split(u'\n')) {
            if (line.startsWith(c.linePrefix) && (c.lineContains.isEmpty() || line.contains(c.lineContains)))
                found = true;
        }
        QVERIFY2(found, qPrintable(diagnostics));
    }

    if (c.jsonReport) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QVERIFY(doc.isObject());
        const QJsonObject report = doc.object();
        QVERIFY(report.contains(u"errors"_s));
        QVERIFY(report.value(u"findings"_s).isArray());
        QCOMPARE(report.value(u"errors"_s).toInt(-1), c.jsonErrors);
        QCOMPARE(report.value(u"valid"_s).toBool(), c.jsonErrors == 0);
        const QJsonArray findings = report.value(u"findings"_s).toArray();
        if (!c.firstFindingPath.isEmpty()) {
            QVERIFY(!findings.isEmpty());
            QCOMPARE(findings.at(0).toObject().value(u"path"_s).toString(), c.firstFindingPath);
            QCOMPARE(findings.at(0).toObject().value(u"severity"_s).toString(), u"error"_s);
        }
    }

    if (!c.jsonLoadErrorCode.isEmpty()) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonObject report = doc.object();
        QCOMPARE(report.value(u"valid"_s).toBool(true), false);
        const QJsonObject loadError = report.value(u"loadError"_s).toObject();
        QCOMPARE(loadError.value(u"code"_s).toString(), c.jsonLoadErrorCode);
        QVERIFY(!loadError.value(u"problems"_s).toArray().isEmpty());
    }
}

// README "Runbook": the Markdown runbook's pictures are files beside it (issue #19, item 6:
// it linked topology.png, which `vlab runbook` never wrote).
void TestCli::runbookMarkdownLinksExist()
{
    QTemporaryDir tmp;
    QVERIFY2(tmp.isValid(), qPrintable(tmp.errorString()));
    QVERIFY(writeFixtures(tmp.path()));
    const QDir dir(tmp.path());
    const Run r = runVlab({u"runbook"_s, dir.filePath(u"example.vlab.json"_s), u"-o"_s,
                           dir.filePath(u"pdf/runbook.pdf"_s), u"--markdown"_s, dir.filePath(u"md/lab.md"_s)},
                          tmp.path());
    QVERIFY2(r.ok, qPrintable(r.why));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QFile md(dir.filePath(u"md/lab.md"_s));
    QVERIFY(md.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(md.readAll());
    static const QRegularExpression image(u"!\\[[^\\]]*\\]\\(([^)\\s]+)\\)"_s);
    int links = 0;
    for (auto it = image.globalMatch(text); it.hasNext();) {
        const QString target = it.next().captured(1);
        ++links;
        const QString file = dir.filePath(u"md/"_s + target);
        QVERIFY2(QFileInfo(file).isFile(),
                 qPrintable(u"runbook.md links %1, missing beside it"_s.arg(target)));
        QImage picture;
        QVERIFY2(picture.load(file), qPrintable(file));
        QVERIFY(picture.width() >= 800);
    }
    QVERIFY2(links >= 1, "the Markdown runbook shows the topology");
    QVERIFY2(r.out.contains(u"topology.png"_s), qPrintable(r.out));
}

// README "Runbook": without --journal and --precheck, the vlab-journal.json and
// precheck-results.json beside the plan (the project folder) go in, and the output says which
// files were used.
void TestCli::runbookFindsTheProjectJournal()
{
    QTemporaryDir tmp;
    QVERIFY2(tmp.isValid(), qPrintable(tmp.errorString()));
    QVERIFY(writeFixtures(tmp.path()));
    const QDir dir(tmp.path());
    const QStringList args{u"runbook"_s,    dir.filePath(u"example.vlab.json"_s),
                           u"-o"_s,         dir.filePath(u"rb/runbook.pdf"_s),
                           u"--markdown"_s, dir.filePath(u"rb/runbook.md"_s)};
    const auto markdown = [&dir] {
        QFile md(dir.filePath(u"rb/runbook.md"_s));
        return md.open(QIODevice::ReadOnly) ? QString::fromUtf8(md.readAll()) : QString();
    };
    Run r = runVlab(args, tmp.path());
    QVERIFY2(r.ok && r.exitCode == 0, qPrintable(r.why + r.err));
    QVERIFY2(!r.out.contains(u"Including"_s), qPrintable(r.out));
    QVERIFY(!markdown().contains(u"Recorded runs"_s));

    const QDateTime t = QDateTime::currentDateTimeUtc().addSecs(-60);
    vlab::RunJournal journal;
    journal.runs.append(vlab::JournalRun{u"r1"_s,
                                         u"Create the Distributed Switch"_s,
                                         t,
                                         t.addSecs(5),
                                         u"succeeded"_s,
                                         {vlab::JournalJob{u"vds.create"_s,
                                                           u"Create the Distributed Switch Marker-DSwitch"_s,
                                                           u"succeeded"_s,
                                                           true,
                                                           t,
                                                           t.addSecs(5),
                                                           {},
                                                           {}}},
                                         {},
                                         {}});
    const QString journalFile = dir.filePath(vlab::RunJournal::fileName());
    QVERIFY(journal.save(journalFile).ok());
    const QString resultsFile = dir.filePath(u"precheck-results.json"_s);
    QVERIFY(writeFile(resultsFile,
                      R"({"time":"2026-12-07 05:00","checks":1,"failed":1,"results":[
                          {"status":"fail","node":"psc01","target":"marker-check","message":"Marker finding"}]})"));
    r = runVlab(args, tmp.path());
    QVERIFY2(r.ok && r.exitCode == 0, qPrintable(r.why + r.err));
    QVERIFY2(r.out.contains(u"Including "_s + journalFile), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"Including "_s + resultsFile), qPrintable(r.out));
    const QString md = markdown();
    QVERIFY(md.contains(u"Recorded runs"_s));
    QVERIFY(md.contains(u"Create the Distributed Switch Marker-DSwitch"_s));
    QVERIFY(md.contains(u"Marker finding"_s));
}

// `vlab help` is made from the dispatch tables: every verb it lists answers "--help" (exit 0,
// its usage on stdout), including each of several that share a line ("deploy|status").
void TestCli::helpListsEveryVerb()
{
    QTemporaryDir tmp;
    QVERIFY2(tmp.isValid(), qPrintable(tmp.errorString()));
    const Run help = runVlab({u"help"_s}, tmp.path());
    QVERIFY2(help.ok && help.exitCode == 0, qPrintable(help.why + help.err));
    QStringList invocations;
    bool inCommands = false;
    for (const QString &line : help.out.split(u'\n')) {
        if (line == u"Commands:"_s) {
            inCommands = true;
            continue;
        }
        if (inCommands && line.isEmpty())
            break;
        // "  WORD [SUB|SUB ...] ARGS   summary"; continuation lines start with more blanks.
        if (!inCommands || !line.startsWith(u"  "_s) || line.startsWith(u"   "_s))
            continue;
        const QStringList words = line.trimmed().split(u' ', Qt::SkipEmptyParts);
        const QString verb = words.value(0);
        const QString second = words.value(1);
        const bool group = !second.isEmpty() && second.front().isLower() && second != u"help"_s;
        if (!group || verb == u"help"_s) {
            invocations << verb;
            continue;
        }
        for (const QString &sub : second.split(u'|'))
            invocations << verb + u' ' + sub;
    }
    // The table holds at least what the README documents.
    for (const QString &expected : {u"validate"_s, u"cert csr"_s, u"cert show"_s, u"netscaler batch"_s,
                                    u"netscaler apply"_s, u"netscaler rollback"_s, u"vcha status"_s,
                                    u"vds create"_s, u"diag tcp"_s, u"psc apply-cert"_s, u"vcsa run"_s})
        QVERIFY2(invocations.contains(expected), qPrintable(expected + u" missing from:\n"_s + help.out));
    for (const QString &invocation : std::as_const(invocations)) {
        const Run r = runVlab(invocation.split(u' ') + QStringList{u"--help"_s}, tmp.path());
        QVERIFY2(r.ok, qPrintable(r.why));
        QVERIFY2(r.exitCode == 0 && !r.out.isEmpty(),
                 qPrintable(u"vlab %1 --help: exit %2\n%3%4"_s.arg(invocation, QString::number(r.exitCode),
                                                                   r.out, r.err)));
    }
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
