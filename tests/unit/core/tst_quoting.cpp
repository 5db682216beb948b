// The quoting function of each output language, over one table of hostile strings. Every
// result is read back by the real reader where one runs here: /bin/sh (dash) and bash run a
// script that prints the quoted word, QXmlStreamReader parses the XML, and Qt's CommonMark
// reader (md4c, GitHub dialect) renders the Markdown. PowerShell and the NetScaler CLI do not
// run here; their results are decoded by the documented rule, written out below with its
// source.

#include "core/quoting.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFragment>
#include <QTextFrame>
#include <QTextList>
#include <QTextTable>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

struct Hostile
{
    QString text;
};

QString hostileLong()
{
    // A very long value made of every kind of trouble (about 150 000 UTF-16 units, more than
    // one argument may hold on Linux, so it is also read back through a file).
    const QString piece =
        u"a'b\"c`d$(e)f;g&h|i<j>k]]>l%1m%9n\\o\u2018p\u2019q\u201ar\u201bs\u201ct\nu\rv\tw#x*y_z[]!~"_s;
    QString out;
    while (out.size() < 150000)
        out += piece;
    return out;
}

// What a reader must get back: the text, with the characters a language cannot carry replaced
// as its function documents.
QString replaced(const QString &text, QChar by, bool (*which)(const QString &, qsizetype))
{
    QString out = text;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (which(text, i))
            out[i] = by;
    }
    return out;
}

bool isNul(const QString &text, qsizetype i)
{
    return text.at(i).unicode() == 0;
}

bool xmlCannotCarry(const QString &text, qsizetype i)
{
    const char16_t u = text.at(i).unicode();
    if (u == 0x09 || u == 0x0a || u == 0x0d)
        return false;
    if (u < 0x20 || u == 0xfffe || u == 0xffff)
        return true;
    const QChar c = text.at(i);
    if (c.isHighSurrogate())
        return !(i + 1 < text.size() && text.at(i + 1).isLowSurrogate());
    if (c.isLowSurrogate())
        return !(i > 0 && text.at(i - 1).isHighSurrogate());
    return false;
}

// PowerShell's tokenizer, ScanStringLiteral (PowerShell/PowerShell,
// src/System.Management.Automation/engine/parser/tokenizer.cs): inside a single-quoted string,
// a single-quote character (U+0027, U+2018-U+201B; CharExtensions.IsSingleQuote) followed by
// another one appends the second; a single one ends the string. Returns the value and how many
// characters the literal took, or -1 when it is not one whole literal.
std::pair<QString, qsizetype> readPowerShellLiteral(const QString &source)
{
    auto isQuote = [](QChar c) {
        const char16_t u = c.unicode();
        return u == 0x27 || (u >= 0x2018 && u <= 0x201b);
    };
    if (source.isEmpty() || !isQuote(source.front()))
        return {{}, -1};
    QString value;
    qsizetype i = 1;
    while (i < source.size()) {
        QChar c = source.at(i);
        if (isQuote(c)) {
            if (i + 1 >= source.size() || !isQuote(source.at(i + 1)))
                return {value, i + 1};
            c = source.at(++i);
        }
        value += c;
        ++i;
    }
    return {{}, -1}; // no terminator
}

// The NetScaler CLI (command reference, "CLI Users: If the name includes one or more spaces,
// enclose the name in double or single quotation marks"; inside double quotes \" and \\ are
// escapes): a plain word, or one double-quoted string, on one line.
std::optional<QString> readNetscalerArgument(const QString &source)
{
    if (source.contains(u'\n') || source.contains(u'\r'))
        return std::nullopt;
    if (!source.startsWith(u'"')) {
        if (source.contains(u' ') || source.contains(u'"') || source.contains(u'\''))
            return std::nullopt;
        return source;
    }
    QString value;
    for (qsizetype i = 1; i < source.size(); ++i) {
        const QChar c = source.at(i);
        if (c == u'\\' && i + 1 < source.size()) {
            value += source.at(++i);
            continue;
        }
        if (c == u'"')
            return i == source.size() - 1 ? std::optional<QString>(value) : std::nullopt;
        value += c;
    }
    return std::nullopt;
}

QString collapsedForMarkdown(const QString &text)
{
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (isForbiddenCharacter(text, i)) {
            if (!out.endsWith(u' '))
                out += u' ';
        } else {
            out += text.at(i);
        }
    }
    while (out.endsWith(u' '))
        out.chop(1);
    while (out.startsWith(u' '))
        out.remove(0, 1);
    return out;
}

} // namespace

Q_DECLARE_METATYPE(Hostile)

class TestQuoting : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // Runs `printf %s WORD` through a script file with the given shell, after a comment line
    // made of the same text; returns its stdout.
    QByteArray printThroughShell(const QString &shell, const QString &word, const QString &comment)
    {
        QFile script(m_dir.filePath(u"print.sh"_s));
        if (!script.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return "cannot write the script";
        script.write(comment.toUtf8() + "\nprintf '%s' " + word.toUtf8() + "\n");
        script.close();
        QProcess sh;
        sh.start(shell, {u"-n"_s, script.fileName()});
        if (!sh.waitForFinished(10000) || sh.exitCode() != 0)
            return "syntax error: " + sh.readAllStandardError();
        sh.start(shell, {script.fileName()});
        if (!sh.waitForFinished(10000) || sh.exitCode() != 0)
            return "failed: " + sh.readAllStandardError();
        return sh.readAllStandardOutput();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void hostile_data()
    {
        QTest::addColumn<Hostile>("row");
        auto row = [](const char *name, const QString &text) {
            QTest::newRow(name) << Hostile{text};
        };
        row("plain", u"sslab"_s);
        row("empty", QString());
        row("space", u"DC 1"_s);
        row("ascii quotes", u"it's \"quoted\" `ticked`"_s);
        row("typographic single quotes", u"\u2018a\u2019 \u201ab\u201b '\u2019"_s);
        row("typographic double quotes", u"\u201ca\u201d \u201eb\u201f"_s);
        row("command substitution", u"$(touch /tmp/vlab-pwned) `touch /tmp/vlab-pwned` ${HOME}"_s);
        row("arg placeholders", u"%1%2%3%4%5%6%7%8%9 %10 %L1"_s);
        row("separators", u"a; b & c | d && e || f > g < h 2>&1"_s);
        row("xml breakers", u"</title><script>alert(1)</script> ]]> <!-- &amp; &#x41; <![CDATA[x]]>"_s);
        row("newline command", u"sslab\nadd system user evil Evil#Pass1\n#"_s);
        row("carriage return", u"a\r\nb\rc"_s);
        row("nul", QString(u"before"_s + QChar(0) + u"after"_s));
        row("escape sequence", u"\x1b[31mred\x1b]0;title\x07"_s);
        row("c1 and separators", u"a\u0085b\u2028c\u2029d"_s);
        row("bidi override", u"abc\u202edcba\u2066x\u2069"_s);
        row("backslashes", u"\\ \\\\ \\n \\' \\\""_s);
        row("leading dash and hash", u"-rf #comment"_s);
        row("markdown blocks", u"# title"_s);
        row("markdown list", u"1. first"_s);
        row("markdown link", u"[click](http://evil.example/) ![img](x.png) <http://a.b>"_s);
        row("autolinks", u"see https://evil.example/x or www.evil.example or admin@evil.example"_s);
        row("markdown emphasis", u"**bold** _it_ ~~gone~~ | cell | `code`"_s);
        row("markdown quote", u"> quoted"_s);
        row("markdown indent", u"    indented code"_s);
        row("unpaired surrogate", QString(u"x"_s + QChar(0xd800) + u"y"_s));
        row("astral", u"\U0001F600 lab"_s);
        row("very long", hostileLong());
    }

    void posixShell_data() { hostile_data(); }
    void posixShell()
    {
        QFETCH(Hostile, row);
        const QString quoted = shellQuote(row.text);
        const QByteArray expected = replaced(row.text, QChar(0xfffd), isNul).toUtf8();
        for (const QString &shell : {u"/bin/sh"_s, u"/bin/bash"_s}) {
            const QByteArray printed = printThroughShell(shell, quoted, lineComment(row.text));
            QVERIFY2(printed == expected, qPrintable(shell + u": "_s + QString::fromUtf8(printed.left(200))));
        }
        QVERIFY(!QFileInfo::exists(u"/tmp/vlab-pwned"_s));
    }

    void powerShell_data() { hostile_data(); }
    void powerShell()
    {
        QFETCH(Hostile, row);
        const QString quoted = powerShellQuote(row.text);
        const auto [value, length] = readPowerShellLiteral(quoted);
        QCOMPARE(length, quoted.size()); // one literal, ending exactly at the end
        QCOMPARE(value, replaced(row.text, QChar(0xfffd), isNul));
        // Followed by more code, the literal still ends where it should.
        const auto [again, length2] = readPowerShellLiteral(quoted + u"; Remove-Item x"_s);
        QCOMPARE(length2, quoted.size());
        QCOMPARE(again, value);
    }

    void netscalerCli_data() { hostile_data(); }
    void netscalerCli()
    {
        QFETCH(Hostile, row);
        const QString quoted = netscalerQuote(row.text);
        const std::optional<QString> value = readNetscalerArgument(quoted);
        QVERIFY2(value.has_value(), qPrintable(printable(quoted.left(200))));
        QCOMPARE(*value, replaced(row.text, u'?', isForbiddenCharacter));
        QCOMPARE(firstForbiddenCharacter(quoted), -1);
        // A comment carries no line break either, so it ends where the generator ends it.
        const QString comment = lineComment(row.text);
        QVERIFY(comment.startsWith(u"# "_s));
        QCOMPARE(firstForbiddenCharacter(comment), -1);
    }

    void xml_data() { hostile_data(); }
    void xml()
    {
        QFETCH(Hostile, row);
        const QString escaped = xmlEscape(row.text);
        const QString document = u"<?xml version=\"1.0\"?><r a=\""_s + escaped + u"\" b='"_s + escaped
            + u"'>"_s + escaped + u"</r>"_s;
        QXmlStreamReader reader(document);
        QString text;
        QXmlStreamAttributes attributes;
        int elements = 0;
        while (!reader.atEnd()) {
            reader.readNext();
            if (reader.isStartElement()) {
                ++elements;
                attributes = reader.attributes();
            } else if (reader.isCharacters()) {
                text += reader.text();
            }
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QCOMPARE(elements, 1);
        const QString expected = replaced(row.text, QChar(0xfffd), xmlCannotCarry);
        QCOMPARE(text, expected);
        QCOMPARE(attributes.value(u"a"_s).toString(), expected);
        QCOMPARE(attributes.value(u"b"_s).toString(), expected);
    }

    void markdown_data() { hostile_data(); }
    void markdown()
    {
        QFETCH(Hostile, row);
        // Qt's Markdown reader takes minutes for one paragraph of 150 000 characters full of
        // escapes (it grows with the square of the length); 12 000 keep every kind of trouble.
        row.text.truncate(12000);
        const QString md = markdownText(row.text);
        QVERIFY(!md.contains(u'\n') && !md.contains(u'\r'));
        const QString expected = collapsedForMarkdown(row.text);
        QTextDocument doc;
        // As a paragraph that follows another one, and as one cell of a table.
        doc.setMarkdown(u"intro\n\n"_s + md + u"\n"_s, QTextDocument::MarkdownDialectGitHub);
        // "intro" and the text: no heading, list, quote or code block, no second paragraph
        QCOMPARE(doc.blockCount(), expected.isEmpty() ? 1 : 2);
        const QTextBlock block = doc.lastBlock();
        QCOMPARE(block.text(), expected.isEmpty() ? u"intro"_s : expected);
        QVERIFY(!block.textList());
        QCOMPARE(block.blockFormat().headingLevel(), 0);
        QVERIFY(!block.blockFormat().hasProperty(QTextFormat::BlockQuoteLevel));
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat f = it.fragment().charFormat();
            QVERIFY2(!f.isAnchor() && !f.fontItalic() && !f.fontStrikeOut() && !f.fontFixedPitch()
                         && f.fontWeight() <= QFont::Normal,
                     qPrintable(it.fragment().text().left(100)));
        }

        QTextDocument table;
        table.setMarkdown(u"| a | b |\n|---|---|\n| "_s + md + u" | x |\n"_s,
                          QTextDocument::MarkdownDialectGitHub);
        // Two columns still: the text did not open a cell of its own.
        QTextTable *t = nullptr;
        for (QTextFrame *f : table.rootFrame()->childFrames())
            t = t ? t : qobject_cast<QTextTable *>(f);
        QVERIFY(t);
        QCOMPARE(t->columns(), 2);
        QCOMPARE(t->rows(), 2);
        QCOMPARE(t->cellAt(1, 0).firstCursorPosition().block().text(), expected.trimmed());
        QCOMPARE(t->cellAt(1, 1).firstCursorPosition().block().text(), u"x"_s);
    }

    void markdownFenceHoldsAnyContent_data()
    {
        QTest::addColumn<QString>("content");
        QTest::newRow("plain") << u"add server a 1.2.3.4"_s;
        QTest::newRow("a fence inside") << u"```\nrm -rf /\n```"_s;
        QTest::newRow("a longer fence inside") << u"x\n``````\ny"_s;
        QTest::newRow("tilde fence") << u"~~~\nz\n~~~"_s;
    }
    void markdownFenceHoldsAnyContent()
    {
        QFETCH(QString, content);
        const QString fence = markdownFence(content);
        QVERIFY(fence.size() >= 3);
        QTextDocument doc;
        doc.setMarkdown(fence + u"\n"_s + content + u"\n"_s + fence + u"\n\nafter\n"_s,
                        QTextDocument::MarkdownDialectGitHub);
        QString code;
        for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
            if (b.blockFormat().hasProperty(QTextFormat::BlockCodeFence))
                code += (code.isEmpty() ? QString() : u"\n"_s) + b.text();
        }
        QCOMPARE(code, content);
        QCOMPARE(doc.lastBlock().text(), u"after"_s);
    }

    void printableShowsEveryControl()
    {
        QCOMPARE(printable(u"a\nb\r\tc\x1b[0m\\"_s), u"a\\nb\\r\\tc\\x1b[0m\\\\"_s);
        QCOMPARE(printable(QString(u"x"_s + QChar(0))), u"x\\0"_s);
        QCOMPARE(printable(u"\u2028\u202e"_s), u"\\u2028\\u202e"_s);
        QCOMPARE(firstForbiddenCharacter(printable(hostileLong())), -1);
    }

    void forbiddenCharacters()
    {
        QCOMPARE(firstForbiddenCharacter(u"vcenter-psc01.sslab.com"_s), -1);
        QCOMPARE(firstForbiddenCharacter(u"Servers VLAN 10 (ümlaut) \u2018x\u2019"_s), -1);
        QCOMPARE(firstForbiddenCharacter(u"ab\ncd"_s), 2);
        QCOMPARE(firstForbiddenCharacter(u"a\x7f"_s), 1);
        QCOMPARE(firstForbiddenCharacter(u"a\u0085"_s), 1);
        QCOMPARE(firstForbiddenCharacter(u"\u202e"_s), 0);
        QCOMPARE(firstForbiddenCharacter(u"\U0001F600"_s), -1);
        QCOMPARE(firstForbiddenCharacter(QString(QChar(0xdc00))), 0);
        QCOMPARE(describeCharacter(0x0a), u"U+000A (line feed)"_s);
    }
};

QTEST_MAIN(TestQuoting)
#include "tst_quoting.moc"
