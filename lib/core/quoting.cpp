#include "core/quoting.h"

#include "core/tr.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

constexpr QChar kReplacement(0xfffd);

bool isBidiControl(char16_t u)
{
    return (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069);
}

bool isUnpairedSurrogate(const QString &text, qsizetype i)
{
    const QChar c = text.at(i);
    if (c.isHighSurrogate())
        return !(i + 1 < text.size() && text.at(i + 1).isLowSurrogate());
    if (c.isLowSurrogate())
        return !(i > 0 && text.at(i - 1).isHighSurrogate());
    return false;
}

// A single-quoted string in which each of `quotes` is doubled (shell: one quote; PowerShell:
// five).
QString quoteDoubling(const QString &text, QStringView quotes, QChar open)
{
    QString out;
    out.reserve(text.size() + 2);
    out += open;
    for (QChar c : text) {
        if (c.unicode() == 0)
            out += kReplacement;
        else if (quotes.contains(c))
            out += QString(2, c);
        else
            out += c;
    }
    out += open;
    return out;
}

bool isNetscalerWordCharacter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_'
        || u == u'#' || u == u'.' || u == u':' || u == u'@' || u == u'=' || u == u'-' || u == u'/';
}

} // namespace

bool isForbiddenCharacter(const QString &text, qsizetype at)
{
    const QChar c = text.at(at);
    const char16_t u = c.unicode();
    if (u < 0x20 || (u >= 0x7f && u <= 0x9f))
        return true; // C0, DEL, C1 (category Cc)
    if (u == 0x2028 || u == 0x2029 || isBidiControl(u))
        return true;
    return isUnpairedSurrogate(text, at);
}

qsizetype firstForbiddenCharacter(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (isForbiddenCharacter(text, i))
            return i;
    }
    return -1;
}

QString describeCharacter(char32_t c)
{
    const QString code = u"U+"_s + QString::number(uint(c), 16).rightJustified(4, u'0').toUpper();
    QString name;
    switch (c) {
    case 0x00:
        name = Tr::tr("NUL");
        break;
    case 0x09:
        name = Tr::tr("tab");
        break;
    case 0x0a:
        name = Tr::tr("line feed");
        break;
    case 0x0d:
        name = Tr::tr("carriage return");
        break;
    case 0x1b:
        name = Tr::tr("escape");
        break;
    case 0x85:
        name = Tr::tr("next line");
        break;
    case 0x2028:
        name = Tr::tr("line separator");
        break;
    case 0x2029:
        name = Tr::tr("paragraph separator");
        break;
    default:
        if (c >= 0xd800 && c <= 0xdfff)
            name = Tr::tr("half of a surrogate pair");
        else if (c >= 0x202a && c <= 0x2069)
            name = Tr::tr("a text-direction control");
        else
            name = Tr::tr("a control character");
        break;
    }
    return Tr::tr("%1 (%2)").arg(code, name);
}

QString printable(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\\') {
            out += u"\\\\"_s;
            continue;
        }
        if (!isForbiddenCharacter(text, i)) {
            out += c;
            continue;
        }
        switch (c.unicode()) {
        case 0x00:
            out += u"\\0"_s;
            break;
        case 0x09:
            out += u"\\t"_s;
            break;
        case 0x0a:
            out += u"\\n"_s;
            break;
        case 0x0d:
            out += u"\\r"_s;
            break;
        default:
            if (c.unicode() < 0x100)
                out += u"\\x"_s + QString::number(uint(c.unicode()), 16).rightJustified(2, u'0');
            else
                out += u"\\u"_s + QString::number(uint(c.unicode()), 16).rightJustified(4, u'0');
            break;
        }
    }
    return out;
}

QString shellQuote(const QString &text)
{
    const auto bare = [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'@'
            || u == u'%' || u == u'+' || u == u'=' || u == u':' || u == u',' || u == u'.' || u == u'/'
            || u == u'_' || u == u'-';
    };
    if (!text.isEmpty() && std::all_of(text.cbegin(), text.cend(), bare))
        return text;
    QString out;
    out.reserve(text.size() + 2);
    out += u'\'';
    for (QChar c : text) {
        if (c == u'\'')
            out += u"'\\''"_s;
        else if (c.unicode() == 0)
            out += kReplacement;
        else
            out += c;
    }
    out += u'\'';
    return out;
}

QString powerShellQuote(const QString &text)
{
    static const QString quotes =
        QString(u'\'') + QChar(0x2018) + QChar(0x2019) + QChar(0x201a) + QChar(0x201b);
    return quoteDoubling(text, quotes, u'\'');
}

QString netscalerQuote(const QString &text)
{
    const bool plain = !text.isEmpty() && text.front() != u'-' && text.front() != u'#'
        && std::all_of(text.cbegin(), text.cend(), isNetscalerWordCharacter);
    if (plain)
        return text;
    QString out;
    out.reserve(text.size() + 2);
    out += u'"';
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (isForbiddenCharacter(text, i))
            out += u'?';
        else if (c == u'"' || c == u'\\')
            out += u'\\' + QString(c);
        else
            out += c;
    }
    out += u'"';
    return out;
}

QString lineComment(const QString &text)
{
    QString out = text;
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (isForbiddenCharacter(text, i))
            out[i] = u'?';
    }
    return u"# "_s + out;
}

QString xmlEscape(const QString &text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        switch (c.unicode()) {
        case u'&':
            out += u"&amp;"_s;
            continue;
        case u'<':
            out += u"&lt;"_s;
            continue;
        case u'>':
            out += u"&gt;"_s;
            continue;
        case u'"':
            out += u"&quot;"_s;
            continue;
        case u'\'':
            out += u"&apos;"_s;
            continue;
        case 0x09:
            out += u"&#9;"_s;
            continue;
        case 0x0a:
            out += u"&#10;"_s;
            continue;
        case 0x0d:
            out += u"&#13;"_s;
            continue;
        default:
            break;
        }
        const char16_t u = c.unicode();
        // XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
        const bool invalid = u < 0x20 || u == 0xfffe || u == 0xffff || isUnpairedSurrogate(text, i);
        out += invalid ? kReplacement : c;
    }
    return out;
}

QString markdownText(const QString &text)
{
    QString out;
    out.reserve(text.size() + text.size() / 4);
    bool lineStart = true; // only the start of the whole text: line breaks become spaces
    bool lastSpace = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const bool forbidden = isForbiddenCharacter(text, i);
        if (forbidden || c == u' ') {
            // Line breaks and other controls would start a new block (or a hard break): a
            // space, one for a run of them. Blanks at the very start are left out: Markdown
            // drops them anyway, and four of them would open an indented code block.
            if (!out.isEmpty() && !(forbidden && lastSpace))
                out += u' ';
            lastSpace = true;
            continue;
        }
        // GitHub's autolinks: "scheme://", "www." and name@host become links by themselves.
        if (c == u':' && text.mid(i + 1, 2) == u"//"_s) {
            out += u"\\:"_s;
            lastSpace = false;
            lineStart = false;
            continue;
        }
        if (c == u'.' && i >= 3 && text.mid(i - 3, 3).compare(u"www"_s, Qt::CaseInsensitive) == 0) {
            out += u"\\."_s;
            lastSpace = false;
            lineStart = false;
            continue;
        }
        lastSpace = false;
        switch (c.unicode()) {
        case u'\\':
        case u'`':
        case u'*':
        case u'_':
        case u'[':
        case u']':
        case u'<':
        case u'>':
        case u'&':
        case u'|':
        case u'~':
        case u'!':
        case u'@':
            out += u'\\';
            out += c;
            break;
        case u'#':
        case u'+':
        case u'-':
        case u'=':
            // Block markers only count at the start; inside a line they are plain text.
            if (lineStart)
                out += u'\\';
            out += c;
            break;
        default:
            if (lineStart && c.isDigit()) {
                // "1. " or "1) " at the start would open an ordered list (CommonMark 5.2: up to
                // nine digits, then . or ), then a blank or the end); "192.168.1.1" would not.
                qsizetype j = i;
                while (j < text.size() && text.at(j).isDigit())
                    ++j;
                out += text.mid(i, j - i);
                const bool marker = j < text.size() && (text.at(j) == u'.' || text.at(j) == u')')
                    && (j + 1 == text.size() || text.at(j + 1).isSpace()
                        || isForbiddenCharacter(text, j + 1));
                if (marker) {
                    out += u'\\';
                    out += text.at(j);
                    ++j;
                }
                i = j - 1;
                break;
            }
            out += c;
            break;
        }
        if (!c.isSpace())
            lineStart = false;
    }
    return out;
}

QString markdownFence(const QString &content)
{
    qsizetype longest = 0;
    qsizetype run = 0;
    for (QChar c : content) {
        run = c == u'`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return QString(std::max<qsizetype>(3, longest + 1), u'`');
}

} // namespace vlab
