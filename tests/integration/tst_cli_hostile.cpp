// The `vlab` executable against hostile plans: a plan file is shared and downloaded, so its
// names and values must stay data in every file generated from it. The generated shell script
// is run by the real /bin/sh and bash (with a stand-in govc that only prints its arguments),
// the SVG is parsed by QXmlStreamReader and the Markdown by Qt's CommonMark reader; a canary
// file proves that nothing a plan wrote was ever executed.

#include "core/quoting.h"
#include "plan/planjson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QString why; // empty when it ran to its end
};

Run runVlab(const QStringList &args, const QString &dir)
{
    Run run;
    QProcess p;
    p.setProgram(QStringLiteral(VLAB_CLI_PATH));
    p.setArguments(args);
    p.setWorkingDirectory(dir);
    p.setStandardInputFile(QProcess::nullDevice());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    p.setProcessEnvironment(env);
    p.start();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        run.why = u"did not finish"_s;
        return run;
    }
    if (p.exitStatus() != QProcess::NormalExit)
        run.why = u"crashed"_s;
    run.exitCode = p.exitCode();
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// A plan in which every value that reaches a generated file tries to become code there. The
// canary path is where an executed payload would leave its mark.
LabPlan hostilePlan(const QString &canary)
{
    LabPlan p = examplePlan();
    const QString touch = u"touch "_s + canary;
    p.lab.name = u"R&D lab\nadd system user evil Evil#Pass1\n# $("_s + touch
        + u") </title><script>alert(1)</script>"_s;
    p.vds.name = u"DSwitch\n"_s + touch + u"\n#"_s;
    p.vds.version = u"$("_s + touch + u")"_s;
    p.vds.portGroups[0].name = u"it's `"_s + touch + u"` %1 %4 %5"_s;
    p.loadBalancer.persistence.type = u"SOURCEIP\nadd system user evil2 Evil#Pass2"_s;
    p.vcenter.fqdn = u"vc.sslab.com\nrm -rf /"_s;
    return p;
}

} // namespace

class TestCliHostile : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_canary;
    QString m_plan;

    // Runs a generated shell script with /bin/sh and bash, a stand-in govc first on PATH.
    void runScript(const QString &script)
    {
        const QString bin = m_dir.filePath(u"bin"_s);
        QVERIFY(QDir().mkpath(bin));
        QVERIFY(writeFile(bin + u"/govc"_s, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n"));
        QVERIFY(
            QFile::setPermissions(bin + u"/govc"_s, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        for (const QString &shell : {u"/bin/sh"_s, u"/bin/bash"_s}) {
            QProcess sh;
            sh.setWorkingDirectory(m_dir.path());
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(u"PATH"_s, bin + u":/usr/bin:/bin"_s);
            sh.setProcessEnvironment(env);
            sh.start(shell, {u"-n"_s, script});
            QVERIFY(sh.waitForFinished(10000));
            QVERIFY2(sh.exitCode() == 0,
                     qPrintable(shell + u" -n: "_s + QString::fromUtf8(sh.readAllStandardError())));
            sh.start(shell, {script});
            QVERIFY(sh.waitForFinished(10000));
            QVERIFY2(sh.exitCode() == 0,
                     qPrintable(shell + u": "_s + QString::fromUtf8(sh.readAllStandardError())));
            QVERIFY2(!QFileInfo::exists(m_canary), qPrintable(shell + u" ran a command from the plan"_s));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFileInfo(QStringLiteral(VLAB_CLI_PATH)).isExecutable());
        QVERIFY(m_dir.isValid());
        m_canary = m_dir.filePath(u"canary"_s);
        m_plan = m_dir.filePath(u"hostile.vlab.json"_s);
        QVERIFY(writeFile(m_plan, serializePlan(hostilePlan(m_canary))));
    }

    // Finding 1 and 5 of #14: such a plan used to validate clean; now each value is refused,
    // naming its field.
    void validateRefusesEveryHostileField()
    {
        const Run run = runVlab({u"validate"_s, m_plan}, m_dir.path());
        QVERIFY2(run.why.isEmpty(), qPrintable(run.why));
        QCOMPARE(run.exitCode, 1);
        for (const QString &path :
             {u"lab.name"_s, u"vds.name"_s, u"loadBalancer.persistence.type"_s, u"vcenter.fqdn"_s})
            QVERIFY2(run.out.contains(QRegularExpression(u"^error +"_s + QRegularExpression::escape(path)
                                                             + u": Contains U\\+000A"_s,
                                                         QRegularExpression::MultilineOption)),
                     qPrintable(path + u"\n"_s + run.out));
        // The values are shown with their line breaks made visible: one finding, one line.
        for (const QString &line : run.out.split(u'\n', Qt::SkipEmptyParts))
            QVERIFY2(line.startsWith(u"error"_s) || line.startsWith(u"warning"_s)
                         || line.contains(u"error(s)"_s),
                     qPrintable(line));
    }

    // Finding 5: a generator refuses such a plan and writes nothing.
    void generateRefusesAndWritesNothing()
    {
        const QString out = m_dir.filePath(u"refused"_s);
        const Run run = runVlab({u"generate"_s, m_plan, u"-o"_s, out}, m_dir.path());
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"--ignore-findings"_s), qPrintable(run.err));
        QVERIFY2(!QFileInfo::exists(out) || QDir(out).isEmpty(),
                 qPrintable(QDir(out).entryList().join(u' ')));
    }

    // Findings 1, 2, 3 and 6: even written on purpose (--ignore-findings), every generated file
    // keeps the plan's values as data.
    void generatedFilesKeepValuesAsData()
    {
        const QString out = m_dir.filePath(u"out"_s);
        const Run run = runVlab({u"generate"_s, m_plan, u"-o"_s, out, u"--ignore-findings"_s}, m_dir.path());
        QVERIFY2(run.why.isEmpty(), qPrintable(run.why));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        // The govc script: runs under sh and bash, no payload runs, every argument arrives whole.
        runScript(out + u"/vds/vds-govc.sh"_s);

        // The NetScaler batch files: only NetScaler commands and comments, one per line.
        for (const QString &file : {u"/netscaler/psc-lb.conf"_s, u"/netscaler/psc-lb-rollback.conf"_s}) {
            const QStringList lines = QString::fromUtf8(readAll(out + file)).split(u'\n', Qt::SkipEmptyParts);
            QVERIFY(lines.size() > 10);
            for (const QString &line : lines) {
                QVERIFY2(QRegularExpression(
                             u"^(# |enable ns feature LB$|add (server|service|lb vserver|lb group|ns ip) |"
                             u"bind lb (vserver|group) |set lb group |unbind lb (vserver|group) |"
                             u"rm (server|service|lb vserver|lb group) |save ns config$)"_s)
                             .match(line)
                             .hasMatch(),
                         qPrintable(file + u": "_s + line));
                QVERIFY2(!line.startsWith(u"add system"_s), qPrintable(line));
            }
            QVERIFY(!lines.join(u'\n').contains(u"\nadd system user"_s));
        }

        // The SVG: well-formed XML, the title is text, no script element.
        QXmlStreamReader svg(readAll(out + u"/topology.svg"_s));
        QString title;
        while (!svg.atEnd()) {
            svg.readNext();
            if (svg.isStartElement()) {
                QVERIFY2(svg.name() != u"script"_s, "a <script> element in the SVG");
                if (svg.name() == u"title"_s)
                    title = svg.readElementText(QXmlStreamReader::IncludeChildElements);
            }
        }
        QVERIFY2(!svg.hasError(), qPrintable(svg.errorString()));
        QVERIFY2(title.startsWith(u"Topology of lab R&D lab"_s), qPrintable(title));
        QVERIFY(title.contains(u"</title><script>"_s));

        // The runbook's Markdown: the lab name is one heading line, nothing of it starts a block.
        const QString md = QString::fromUtf8(readAll(out + u"/runbook.md"_s));
        QVERIFY(!md.contains(u"\nadd system user"_s));
        QTextDocument doc;
        doc.setMarkdown(md, QTextDocument::MarkdownDialectGitHub);
        QCOMPARE(doc.begin().blockFormat().headingLevel(), 1);
        QVERIFY2(doc.begin().text().startsWith(u"Runbook of lab R&D lab add system user"_s),
                 qPrintable(doc.begin().text()));
        for (QTextBlock b = doc.begin(); b.isValid(); b = b.next())
            QVERIFY2(!b.text().startsWith(u"add system user"_s), qPrintable(b.text()));

        // The PowerShell script: every plan value sits in one whole single-quoted literal (which
        // may span lines); outside them there are only the script's own commands.
        QString ps = QString::fromUtf8(readAll(out + u"/vds/vds-powercli.ps1"_s));
        const LabPlan plan = hostilePlan(m_canary);
        for (const QString &value : {plan.vds.name, plan.vds.version, plan.vds.portGroups.at(0).name,
                                     plan.vds.portGroups.at(1).name}) {
            QVERIFY2(ps.contains(powerShellQuote(value)), qPrintable(value));
            ps.replace(powerShellQuote(value), u"'VALUE'"_s);
        }
        for (const QString &line : ps.split(u'\n', Qt::SkipEmptyParts))
            QVERIFY2(line.startsWith(u"# "_s) || line.startsWith(u"$"_s)
                         || line.startsWith(u"New-VDPortgroup "_s),
                     qPrintable(line));
        QVERIFY(!QFileInfo::exists(m_canary));
    }

    // Finding 2: a datacenter holding %4/%5 used to receive the already-quoted version and
    // name inside its own quotes, so `$(...)` in vds.version ran. That plan has only a warning.
    void datacenterWithPlaceholders()
    {
        LabPlan p = examplePlan();
        p.vds.version = u"$(touch "_s + m_canary + u")"_s;
        const QString plan = m_dir.filePath(u"percent.vlab.json"_s);
        QVERIFY(writeFile(plan, serializePlan(p)));
        const QString script = m_dir.filePath(u"percent/vds-govc.sh"_s);
        const Run run = runVlab({u"vds"_s, u"script"_s, plan, u"--format"_s, u"govc"_s, u"--datacenter"_s,
                                 u"DC %4 %5"_s, u"-o"_s, script},
                                m_dir.path());
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        runScript(script);
        const QString text = QString::fromUtf8(readAll(script));
        QVERIFY2(text.contains(u"-dc 'DC %4 %5'"_s), qPrintable(text));
    }

    // Finding 7, README "Everything at once": exit 2 when DIR holds another plan under the
    // plan's file name (another version of this lab here), which is left byte for byte as it
    // was, and nothing else is written. DIR holding the plan itself, or a copy that loads as
    // the same plan, is written as before.
    void generateKeepsAnotherPlan()
    {
        const LabPlan plan = examplePlan();
        const QString file = m_dir.filePath(u"downloaded.vlab.json"_s);
        QVERIFY(writeFile(file, serializePlan(plan)));

        const QString project = m_dir.filePath(u"project"_s);
        QVERIFY(QDir().mkpath(project));
        LabPlan older = plan;
        older.vcenter.ip = u"192.168.1.214"_s;
        QVERIFY(writeFile(project + u"/sslab.vlab.json"_s, serializePlan(older)));
        Run run = runVlab({u"generate"_s, file, u"-o"_s, project}, m_dir.path());
        QVERIFY2(run.why.isEmpty(), qPrintable(run.why));
        QVERIFY2(run.exitCode == 2, qPrintable(run.err));
        QVERIFY2(run.err.contains(u"holds another plan"_s), qPrintable(run.err));
        QCOMPARE(readAll(project + u"/sslab.vlab.json"_s), serializePlan(older));
        QCOMPARE(QDir(project).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
                 QStringList{u"sslab.vlab.json"_s});

        // A file there that is no plan at all is not overwritten either.
        const QByteArray olderBytes = "// the lab as it was\n" + serializePlan(older);
        QVERIFY(writeFile(project + u"/sslab.vlab.json"_s, olderBytes));
        run = runVlab({u"generate"_s, file, u"-o"_s, project}, m_dir.path());
        QVERIFY2(run.exitCode == 2, qPrintable(run.err));
        QCOMPARE(readAll(project + u"/sslab.vlab.json"_s), olderBytes);

        // The same plan, as a copy and as the plan file itself.
        QVERIFY(writeFile(project + u"/sslab.vlab.json"_s, serializePlan(plan)));
        run = runVlab({u"generate"_s, file, u"-o"_s, project}, m_dir.path());
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(QFileInfo::exists(project + u"/validation.txt"_s));
        run = runVlab({u"generate"_s, project + u"/sslab.vlab.json"_s, u"-o"_s, project}, m_dir.path());
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }
};

QTEST_MAIN(TestCliHostile)
#include "tst_cli_hostile.moc"
