// README.md, kept: what it promises about the command line is checked against the built
// `vlab` and against the tests. Everything is driven by the README's text and the program's
// own --help, so a verb or option added on either side is checked without touching this file:
// - every synopsis line of a code block ("vlab GROUP VERB|VERB ... [--option ARG]") names
//   verbs that exist (`vlab GROUP VERB --help` answers, exit 0) and options that the verb's
//   --help lists;
// - every verb the program lists (`vlab --help`, `vlab GROUP --help`) has a synopsis line, and
//   every option a verb's --help lists is in one of its synopsis lines;
// - every exit code a README section documents ("Exit codes: 0 ..., 1 ..., 2 ...", "exit 1
//   when ...") is claimed by a test that names the section: a test source holding
//   `README "<section title>"` with "exit" and the code on that line (a comment above the
//   test, or its row name);
// - every file a section with a synopsis says a verb writes (a backticked name with a file
//   extension) appears in a test that names the section.
// - the README holds no count of the tests (it went stale, and counted a set-up step);
// - the section "Sanitizers and fuzzing" names every fuzz target of tests/fuzz/CMakeLists.txt
//   and every integration test .ci/sanitize runs, and every integration or GUI test the stage
//   leaves out is named there and in the comment of .ci/sanitize (with the reason).
// A failure names the README line and the option, verb or code that disagrees.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 30000;

// One synopsis of the README: "vlab netscaler diff|apply PLAN --nsip ADDR ..." with its
// continuation lines, as a verb path per alternative ({"netscaler","diff"}, ...).
struct Synopsis
{
    int line = 0;             // 1-based, in README.md
    QString text;             // the synopsis part of the line(s), descriptions cut off
    QList<QStringList> paths; // empty path: the program itself ("vlab --version")
    QSet<QString> options;    // "--plan", "-o"
};

struct Section
{
    QString title;
    int line = 0;
    QString text;             // the prose, without code blocks
    QList<Synopsis> synopses; // of its code blocks
};

struct Help
{
    bool ran = false;
    int exitCode = -1;
    QString text; // stdout + stderr
};

QString readmePath()
{
    return QStringLiteral(VLAB_SOURCE_DIR "/README.md");
}

Help runVlab(const QStringList &args)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    process.setProcessEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(QStringLiteral(VLAB_CLI_PATH), args);
    Help help;
    if (!process.waitForFinished(kTimeoutMs) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished(kTimeoutMs);
        return help;
    }
    help.ran = true;
    help.exitCode = process.exitCode();
    help.text = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
    return help;
}

// A verb token: lower case, digits and dashes ("apply-cert"), or an alternation of them.
bool isVerbToken(const QString &token)
{
    static const QRegularExpression verb(u"^[a-z][a-z0-9-]*(\\|[a-z][a-z0-9-]*)*$"_s);
    return verb.match(token).hasMatch();
}

// Options named in a piece of synopsis text: "--plan", "-o" (not "-1" or "a-b").
QSet<QString> optionsIn(const QString &text)
{
    static const QRegularExpression option(u"(?:^|[\\s\\[(|])(--?[A-Za-z][A-Za-z0-9-]*)"_s);
    QSet<QString> found;
    for (auto it = option.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured(1));
    return found;
}

// The synopsis part of a code line: up to the first gap of three or more spaces (after it
// comes the description), leading blanks removed.
QString synopsisPart(const QString &line)
{
    const QString trimmed = line.trimmed();
    static const QRegularExpression gap(u"\\s{3,}"_s);
    const QRegularExpressionMatch m = gap.match(trimmed);
    return m.hasMatch() ? trimmed.left(m.capturedStart()) : trimmed;
}

// "vlab a b|c ARG ..." -> {{a, b}, {a, c}}; "vlab --version" -> {{}}.
QList<QStringList> pathsOf(const QString &synopsis)
{
    QStringList tokens = synopsis.split(u' ', Qt::SkipEmptyParts);
    tokens.removeFirst(); // "vlab"
    QList<QStringList> paths{QStringList()};
    for (const QString &token : std::as_const(tokens)) {
        if (!isVerbToken(token) || paths.constFirst().size() == 2)
            break;
        QList<QStringList> longer;
        for (const QStringList &path : std::as_const(paths)) {
            for (const QString &alternative : token.split(u'|'))
                longer << path + QStringList{alternative};
        }
        paths = longer;
    }
    return paths;
}

QList<Section> readReadme(QString *error)
{
    QFile file(readmePath());
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    QList<Section> sections{Section{u"(top)"_s, 1, {}, {}}};
    bool inCode = false;
    Synopsis *open = nullptr;
    for (int i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (line.startsWith(u"```"_s)) {
            inCode = !inCode;
            open = nullptr;
            continue;
        }
        if (!inCode) {
            if (line.startsWith(u"## "_s) || line.startsWith(u"### "_s))
                sections << Section{line.section(u' ', 1).trimmed(), i + 1, {}, {}};
            else
                sections.last().text += line + u'\n';
            continue;
        }
        // In a code block: "vlab ..." starts a synopsis (several on one line are split at
        // " | vlab "); an indented line continues the open one; "$ vlab" is an example.
        if (line.startsWith(u"vlab "_s)) {
            for (const QString &part : line.split(u" | vlab "_s)) {
                const QString text = synopsisPart(part.startsWith(u"vlab "_s) ? part : u"vlab "_s + part);
                sections.last().synopses << Synopsis{i + 1, text, pathsOf(text), optionsIn(text)};
            }
            open = &sections.last().synopses.last();
        } else if (open && line.startsWith(u' ') && !line.trimmed().isEmpty()) {
            const QString more = synopsisPart(line);
            open->text += u' ' + more;
            open->options.unite(optionsIn(more));
        } else {
            open = nullptr;
        }
    }
    return sections;
}

// The options a verb's --help lists: its option lines ("  -o, --output <DIR>  ...") and the
// options of its usage lines that name the verb ("vlab netscaler diff|apply ... [--dry-run]",
// with their indented continuation lines).
QSet<QString> helpOptions(const QString &help, const QStringList &path)
{
    QSet<QString> options;
    // An option starts its line after a short indent; a deeper indented "-s ..." is a wrapped
    // description ("(chsh\n    -s /bin/bash root)").
    static const QRegularExpression optionLine(
        u"^ {1,4}(?=-)(-[A-Za-z](?:, )?)?(--[A-Za-z][A-Za-z0-9-]*)?"_s);
    const QStringList lines = help.split(u'\n');
    bool inUsage = false;
    for (const QString &line : lines) {
        const QRegularExpressionMatch m = optionLine.match(line);
        if (m.hasMatch()) {
            for (const QString &name : {m.captured(1), m.captured(2)}) {
                const QString clean = name.section(u',', 0, 0).trimmed();
                if (!clean.isEmpty())
                    options.insert(clean);
            }
            inUsage = false;
            continue;
        }
        const qsizetype at = line.indexOf(u"vlab "_s);
        if (at >= 0) {
            const QString usage = synopsisPart(line.mid(at));
            inUsage = pathsOf(usage).contains(path);
            if (inUsage)
                options.unite(optionsIn(usage));
            continue;
        }
        const QString trimmed = line.trimmed();
        if (inUsage && line.startsWith(u' ')
            && (trimmed.startsWith(u'[') || trimmed.startsWith(u'(') || trimmed.startsWith(u'-')))
            options.unite(optionsIn(synopsisPart(line)));
        else
            inUsage = false;
    }
    options.remove(u"-h"_s);
    options.remove(u"--help"_s);
    options.remove(u"--help-all"_s);
    return options;
}

// The verbs a help text lists: "  verb ..." lines (two blanks, then a verb) and "vlab GROUP
// verb" mentions; for the program's own help the groups, for a group's help its verbs.
QSet<QString> helpVerbs(const QString &help, const QString &group)
{
    QSet<QString> verbs;
    static const QRegularExpression listed(u"^  ([a-z][a-z0-9-]*(?:\\|[a-z][a-z0-9-]*)*)(?:\\s|$)"_s);
    // A description line under a verb ("  the labs of the plans as ...") is prose, not a verb.
    static const QRegularExpression prose(u"^  [a-z]+ [a-z]+ [a-z]+\\b"_s);
    for (const QString &line : help.split(u'\n')) {
        if (prose.match(line).hasMatch())
            continue;
        const QRegularExpressionMatch m = listed.match(line);
        if (m.hasMatch()) {
            for (const QString &v : m.captured(1).split(u'|'))
                verbs.insert(v);
        }
    }
    if (!group.isEmpty()) {
        const QRegularExpression mention(u"vlab "_s + QRegularExpression::escape(group)
                                         + u" ([a-z][a-z0-9-]*(?:\\|[a-z][a-z0-9-]*)*)"_s);
        for (auto it = mention.globalMatch(help); it.hasNext();) {
            for (const QString &v : it.next().captured(1).split(u'|'))
                verbs.insert(v);
        }
    }
    return verbs;
}

QString describe(const QStringList &path)
{
    return (QStringList{u"vlab"_s} + path).join(u' ');
}

QString sorted(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list.join(u", "_s);
}

// The test sources: every file under tests/ that a test is written in.
QHash<QString, QString> testSources()
{
    QHash<QString, QString> sources;
    const QDir root(QStringLiteral(VLAB_SOURCE_DIR));
    QDirIterator it(root.filePath(u"tests"_s),
                    {u"*.cpp"_s, u"*.h"_s, u"*.sh"_s, u"*.cmake"_s, u"CMakeLists.txt"_s}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.endsWith(u"/tst_readme.cpp"_s))
            continue; // this file names sections only to explain itself
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            sources.insert(root.relativeFilePath(path), QString::fromUtf8(file.readAll()));
    }
    return sources;
}

// What the test sources say about a README section: each line naming it (`README "Title"`)
// with the comment lines that continue it (up to the next such name).
QStringList markerLines(const QHash<QString, QString> &sources, const QString &title)
{
    const QString marker = u"README \""_s + title + u'"';
    QStringList found;
    for (auto it = sources.cbegin(); it != sources.cend(); ++it) {
        const QStringList lines = it.value().split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (!lines.at(i).contains(marker))
                continue;
            QString paragraph = lines.at(i).trimmed();
            for (qsizetype j = i + 1; j < lines.size(); ++j) {
                const QString next = lines.at(j).trimmed();
                if (!(next.startsWith(u"//"_s) || next.startsWith(u'#')) || next.contains(u"README \""_s))
                    break;
                paragraph += u' ' + next.mid(next.startsWith(u'#') ? 1 : 2).trimmed();
            }
            found << it.key() + u": "_s + paragraph;
        }
    }
    return found;
}

// The exit codes a piece of prose documents: each sentence that speaks of "exit" (Exit
// codes:, exit 1 when, exits 0 only) and the single digits that stand as codes in it.
QSet<int> documentedExitCodes(const QString &text)
{
    QSet<int> codes;
    static const QRegularExpression sentence(u"\\b[Ee]xit(?:s| codes?:?| code)?\\s+\\**\\d[^.]*"_s);
    static const QRegularExpression code(u"(?:^|[\\s,(])\\**([0-9])\\**(?=[\\s,)]|$)"_s);
    for (auto it = sentence.globalMatch(QString(text).replace(u'\n', u' ')); it.hasNext();) {
        const QString s = it.next().captured(0);
        // Stop at a clause that is no longer about exit codes ("...; 2 PSCs").
        for (auto c = code.globalMatch(s.mid(s.indexOf(u' '))); c.hasNext();)
            codes.insert(c.next().captured(1).toInt());
    }
    return codes;
}

// Files a section says are written: backticked names with a file extension.
QStringList documentedFiles(const QString &text)
{
    static const QRegularExpression file(
        u"`([A-Za-z0-9_<>.-]*[A-Za-z0-9_>-]\\.(?:json|crt|key|csr|cfg|conf|png|svg|pdf|md|sh|ps1|txt|bak))`"_s);
    QStringList files;
    for (auto it = file.globalMatch(text); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!files.contains(name))
            files << name;
    }
    return files;
}

// The fixed parts of a documented file name ("netscaler-created-HOST.json" -> "netscaler-
// created-", ".json"; "psc-ha-vip.key.<date>.bak" -> "psc-ha-vip.key."): placeholders are
// written in capitals or <angle brackets>.
QStringList fixedParts(const QString &name)
{
    static const QRegularExpression placeholder(u"<[^>]*>|\\b[A-Z]{2,}\\b"_s);
    QStringList parts;
    for (const QString &part : QString(name).split(placeholder)) {
        if (part.size() >= 4)
            parts << part;
    }
    return parts;
}

} // namespace

class TestReadme : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void synopsisVerbsAndOptionsExist_data();
    void synopsisVerbsAndOptionsExist();
    void programVerbsAndOptionsAreDocumented_data();
    void programVerbsAndOptionsAreDocumented();
    void exitCodesHaveTests_data();
    void exitCodesHaveTests();
    void writtenFilesHaveTests_data();
    void writtenFilesHaveTests();
    void noTestCount();
    void sanitizerStageAsDocumented();

private:
    QList<Section> m_sections;
    QList<Synopsis> synopses() const;
};

QList<Synopsis> TestReadme::synopses() const
{
    QList<Synopsis> all;
    for (const Section &s : m_sections)
        all << s.synopses;
    return all;
}

void TestReadme::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(VLAB_CLI_PATH)).isExecutable(), VLAB_CLI_PATH);
    QString error;
    m_sections = readReadme(&error);
    QVERIFY2(error.isEmpty(), qPrintable(readmePath() + u": "_s + error));
    QVERIFY2(synopses().size() >= 10, "README.md has the command line reference in code blocks");
}

void TestReadme::synopsisVerbsAndOptionsExist_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("path");
    QTest::addColumn<QStringList>("options");
    for (const Synopsis &s : synopses()) {
        for (const QStringList &path : s.paths) {
            QStringList options(s.options.cbegin(), s.options.cend());
            options.sort();
            QTest::addRow("README.md:%d %s", s.line, qPrintable(describe(path)))
                << s.line << s.text << path << options;
        }
    }
}

void TestReadme::synopsisVerbsAndOptionsExist()
{
    QFETCH(int, line);
    QFETCH(QString, text);
    QFETCH(QStringList, path);
    QFETCH(QStringList, options);
    const QString where = u"README.md:%1 `%2`"_s.arg(QString::number(line), text);
    if (path.isEmpty()) {
        // The program itself: "vlab --version", "vlab --lang LANG COMMAND". An option is
        // listed in `vlab --help` or, taking no value, answers with exit 0 on its own.
        const Help top = runVlab({u"--help"_s});
        QVERIFY2(top.ran && top.exitCode == 0, "vlab --help answers with exit 0");
        for (const QString &option : std::as_const(options)) {
            if (helpOptions(top.text, {}).contains(option))
                continue;
            const Help alone = runVlab({option});
            QVERIFY2(alone.ran && alone.exitCode == 0,
                     qPrintable(u"%1: option %2 is neither listed by `vlab --help` nor answered by `vlab %2` "
                                u"(exit %3)"_s.arg(where, option, QString::number(alone.exitCode))));
        }
        return;
    }
    // "vlab help" is the help itself; any other verb answers its own --help.
    const QStringList args = path == QStringList{u"help"_s} ? path : path + QStringList{u"--help"_s};
    const Help help = runVlab(args);
    QVERIFY2(help.ran, qPrintable(u"%1: `vlab %2` did not finish"_s.arg(where, args.join(u' '))));
    QVERIFY2(help.exitCode == 0,
             qPrintable(u"%1: `vlab %2` exits %3: the program has no verb `%4`\n%5"_s.arg(
                 where, args.join(u' '), QString::number(help.exitCode), describe(path), help.text)));
    if (path.size() == 2) {
        // The group lists the verb (so the program's own help and this check agree).
        const Help group = runVlab({path.constFirst(), u"--help"_s});
        QVERIFY2(helpVerbs(group.text, path.constFirst()).contains(path.constLast()),
                 qPrintable(u"%1: `vlab %2 --help` does not list the verb `%3`:\n%4"_s.arg(
                     where, path.constFirst(), path.constLast(), group.text)));
    }
    const QSet<QString> known = helpOptions(help.text, path);
    for (const QString &option : std::as_const(options)) {
        QVERIFY2(known.contains(option),
                 qPrintable(u"%1: option %2 is not listed by `vlab %3` (it lists: %4)"_s.arg(
                     where, option, args.join(u' '), sorted(known))));
    }
}

void TestReadme::programVerbsAndOptionsAreDocumented_data()
{
    QTest::addColumn<QStringList>("path");
    const Help top = runVlab({u"--help"_s});
    QVERIFY2(top.ran && top.exitCode == 0, "vlab --help answers with exit 0");
    QSet<QStringList> paths;
    for (const QString &group : helpVerbs(top.text, {})) {
        if (group == u"help"_s) {
            paths.insert({group});
            continue;
        }
        const Help help = runVlab({group, u"--help"_s});
        QSet<QString> verbs = helpVerbs(help.text, group);
        // The program's own list may name a group's verbs too ("cert config|csr|...").
        const QRegularExpression inTop(u"^  "_s + QRegularExpression::escape(group)
                                           + u" ([a-z][a-z0-9-]*(?:\\|[a-z][a-z0-9-]*)*)"_s,
                                       QRegularExpression::MultilineOption);
        for (auto it = inTop.globalMatch(top.text); it.hasNext();) {
            for (const QString &v : it.next().captured(1).split(u'|'))
                verbs.insert(v);
        }
        if (verbs.isEmpty())
            paths.insert({group});
        for (const QString &verb : std::as_const(verbs))
            paths.insert({group, verb});
    }
    QList<QStringList> list(paths.cbegin(), paths.cend());
    std::sort(list.begin(), list.end());
    for (const QStringList &path : std::as_const(list))
        QTest::addRow("%s", qPrintable(describe(path))) << path;
}

void TestReadme::programVerbsAndOptionsAreDocumented()
{
    QFETCH(QStringList, path);
    QList<Synopsis> documented;
    QSet<QString> readmeOptions;
    for (const Synopsis &s : synopses()) {
        if (s.paths.contains(path)) {
            documented << s;
            readmeOptions.unite(s.options);
        }
    }
    QVERIFY2(!documented.isEmpty(),
             qPrintable(u"`vlab --help` or `vlab %1 --help` lists `%2`, but no synopsis in a code block of "
                        u"README.md documents it (add a line \"%2 ...\" to its section's block)"_s.arg(
                            path.constFirst(), describe(path))));
    if (path == QStringList{u"help"_s})
        return;
    const Help help = runVlab(path + QStringList{u"--help"_s});
    QVERIFY2(help.ran && help.exitCode == 0, qPrintable(describe(path) + u" --help fails"_s));
    QStringList lines;
    for (const Synopsis &s : std::as_const(documented))
        lines << u"README.md:%1"_s.arg(s.line);
    for (const QString &option : helpOptions(help.text, path)) {
        // "-o, --output": the README may use either name.
        QVERIFY2(
            readmeOptions.contains(option) || (option == u"--output"_s && readmeOptions.contains(u"-o"_s))
                || (option == u"-o"_s && readmeOptions.contains(u"--output"_s)),
            qPrintable(
                u"`%1 --help` lists option %2, which the README synopsis of `%1` (%3) does not name"_s.arg(
                    describe(path), option, lines.join(u", "_s))));
    }
}

void TestReadme::exitCodesHaveTests_data()
{
    QTest::addColumn<QString>("section");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("code");
    for (const Section &s : std::as_const(m_sections)) {
        const QSet<int> documented = documentedExitCodes(s.text);
        QList<int> codes(documented.cbegin(), documented.cend());
        std::sort(codes.begin(), codes.end());
        for (int code : std::as_const(codes))
            QTest::addRow("README \"%s\" exit %d", qPrintable(s.title), code) << s.title << s.line << code;
    }
}

void TestReadme::exitCodesHaveTests()
{
    QFETCH(QString, section);
    QFETCH(int, line);
    QFETCH(int, code);
    static const QHash<QString, QString> sources = testSources();
    const QRegularExpression claims(u"\\bexit(?:s| codes?)?\\b[^\\n]*\\b%1\\b"_s.arg(code));
    bool found = false;
    for (const QString &marker : markerLines(sources, section))
        found = found || claims.match(marker.mid(marker.indexOf(u"README \""_s))).hasMatch();
    QVERIFY2(found,
             qPrintable(u"README.md:%1 section \"%2\" documents exit code %3, but no test names it: put "
                        u"`README \"%2\": exit %3` (or \"exit codes 0, 1 and 2\") in the comment or row "
                        u"name of the test that checks it"_s.arg(QString::number(line), section,
                                                                 QString::number(code))));
}

void TestReadme::writtenFilesHaveTests_data()
{
    QTest::addColumn<QString>("section");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("file");
    for (const Section &s : std::as_const(m_sections)) {
        if (s.synopses.isEmpty())
            continue; // files of a verb are documented where its synopsis is
        for (const QString &file : documentedFiles(s.text))
            QTest::addRow("README \"%s\" %s", qPrintable(s.title), qPrintable(file))
                << s.title << s.line << file;
    }
}

void TestReadme::writtenFilesHaveTests()
{
    QFETCH(QString, section);
    QFETCH(int, line);
    QFETCH(QString, file);
    static const QHash<QString, QString> sources = testSources();
    const QString marker = u"README \""_s + section + u'"';
    const QStringList parts = fixedParts(file);
    QStringList naming;
    for (auto it = sources.cbegin(); it != sources.cend(); ++it) {
        if (!it.value().contains(marker))
            continue;
        naming << it.key();
        if (std::all_of(parts.cbegin(), parts.cend(),
                        [&](const QString &p) { return it.value().contains(p); }))
            return;
    }
    QFAIL(qPrintable(
        u"README.md:%1 section \"%2\" names the file `%3`, but no test that names the section "
        u"(`README \"%2\"`; now: %4) mentions it"_s.arg(
            QString::number(line), section, file, naming.isEmpty() ? u"none"_s : naming.join(u", "_s))));
}

// A count of the tests goes stale with the next test (and "45 tests" counted the home-cleaning
// set-up step, issue #19 item 9): the README says "every test" and how to list them.
void TestReadme::noTestCount()
{
    QFile file(readmePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    static const QRegularExpression count(u"\\b\\d+ (?:ctest )?tests\\b"_s);
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QRegularExpressionMatch m = count.match(lines.at(i));
        QVERIFY2(!m.hasMatch(),
                 qPrintable(u"README.md:%1 says \"%2\": a test count goes stale; write \"every "
                            u"test\" (ctest --test-dir build -N lists them)"_s.arg(QString::number(i + 1),
                                                                                   m.captured(0))));
    }
}

namespace {

QString sourceText(const QString &relative)
{
    QFile file(QStringLiteral(VLAB_SOURCE_DIR "/") + relative);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// The words of the first "<open> ... )" list in `text` (a bash array, a CMake set()).
QStringList listIn(const QString &text, const QString &open)
{
    const qsizetype start = text.indexOf(open);
    if (start < 0)
        return {};
    const qsizetype end = text.indexOf(u')', start);
    return text.mid(start + open.size(), end - start - open.size())
        .split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
}

// The first capture of every match of `pattern` in `text`.
QStringList matchesIn(const QString &text, const QString &pattern)
{
    QStringList found;
    const QRegularExpression re(pattern);
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured(1);
    return found;
}

} // namespace

// The sanitizer stage as the README describes it (issue #14, deliverable 6): a target, a test
// run or a test left out is written down where people look, and the reason why not next to the
// list of .ci/sanitize.
void TestReadme::sanitizerStageAsDocumented()
{
    const auto section = std::find_if(m_sections.cbegin(), m_sections.cend(), [](const Section &s) {
        return s.title == u"Sanitizers and fuzzing"_s;
    });
    QVERIFY2(section != m_sections.cend(), "README.md has the section \"Sanitizers and fuzzing\"");
    const QString sanitize = sourceText(u".ci/sanitize"_s);
    const QStringList run = listIn(sanitize, u"integration=("_s);
    QVERIFY2(run.size() >= 5, ".ci/sanitize lists its integration tests in integration=(...)");
    QString comment;
    for (const QString &line : sanitize.split(u'\n')) {
        if (line.startsWith(u'#'))
            comment += line + u'\n';
    }
    const QStringList targets =
        listIn(sourceText(u"tests/fuzz/CMakeLists.txt"_s), u"set(vlab_fuzz_targets"_s);
    QVERIFY2(targets.size() >= 8, "tests/fuzz/CMakeLists.txt lists its targets in vlab_fuzz_targets");
    const auto named = [&](const QString &name) {
        return section->text.contains(u'`' + name + u'`');
    };
    for (const QString &target : targets)
        QVERIFY2(named(target),
                 qPrintable(u"README.md:%1: the fuzz target %2 is not in the section"_s.arg(
                     QString::number(section->line), target)));
    for (const QString &test : run)
        QVERIFY2(named(test),
                 qPrintable(u"README.md:%1: .ci/sanitize runs %2, the section does not say so"_s.arg(
                     QString::number(section->line), test)));
    const QStringList all = matchesIn(sourceText(u"tests/integration/CMakeLists.txt"_s)
                                          + sourceText(u"tests/gui/CMakeLists.txt"_s),
                                      u"(?:vlab_add_test\\(|add_test\\(NAME )(tst_\\w+)"_s);
    QVERIFY2(all.contains(u"tst_cli"_s) && all.contains(u"tst_wizard"_s), "the test lists were read");
    for (const QString &test : all) {
        if (run.contains(test))
            continue;
        QVERIFY2(named(test),
                 qPrintable(u"README.md:%1: %2 does not run under the sanitizers; the section must "
                            u"name it (`%2`) and say why"_s.arg(QString::number(section->line), test)));
        QVERIFY2(comment.contains(test),
                 qPrintable(
                     u".ci/sanitize: %1 is not in integration=(...); its comment must say why"_s.arg(test)));
    }
}

QTEST_GUILESS_MAIN(TestReadme)
#include "tst_readme.moc"
