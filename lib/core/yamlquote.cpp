#include "core/yamlquote.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

// Longest run of a folded line's content (yamllint's default limit is 80, ansible-lint's 160).
constexpr int kFoldWidth = 72;

QString hex2(uint code)
{
    return u"\\x"_s + QString::number(code, 16).toUpper().rightJustified(2, u'0');
}

QString hex4(uint code)
{
    return u"\\u"_s + QString::number(code, 16).toUpper().rightJustified(4, u'0');
}

// The escaped form of one code point, or the character itself when YAML allows it raw
// (YAML 1.1/1.2 printable set: TAB, LF, CR, 0x20-0x7E, 0x85, 0xA0-0xD7FF, 0xE000-0xFFFD,
// 0x10000-0x10FFFF; of those, only what is safe inside double quotes stays raw).
QString escaped(char32_t c)
{
    switch (c) {
    case U'\\':
        return u"\\\\"_s;
    case U'"':
        return u"\\\""_s;
    case U'\0':
        return u"\\0"_s;
    case U'\a':
        return u"\\a"_s;
    case U'\b':
        return u"\\b"_s;
    case U'\t':
        return u"\\t"_s;
    case U'\n':
        return u"\\n"_s;
    case U'\v':
        return u"\\v"_s;
    case U'\f':
        return u"\\f"_s;
    case U'\r':
        return u"\\r"_s;
    case 0x1B:
        return u"\\e"_s;
    case 0x85:
        return u"\\N"_s;
    case 0x2028:
        return u"\\L"_s;
    case 0x2029:
        return u"\\P"_s;
    default:
        break;
    }
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
        return hex2(uint(c));
    if ((c >= 0xD800 && c <= 0xDFFF) || c == 0xFEFF || c == 0xFFFE || c == 0xFFFF)
        return hex4(c >= 0xD800 && c <= 0xDFFF ? 0xFFFDu : uint(c)); // a lone surrogate: U+FFFD
    return QString::fromUcs4(&c, 1);
}

} // namespace

QString yamlString(const QString &text, int indent)
{
    QStringList pieces;
    const QList<uint> codes = text.toUcs4();
    pieces.reserve(codes.size());
    for (uint c : codes)
        pieces << escaped(char32_t(c));

    QString out = u"\""_s;
    const QString continuation = u"\\\n"_s + QString(qMax(indent, 1), u' ');
    int line = 0;
    for (const QString &piece : std::as_const(pieces)) {
        if (line > 0 && line + piece.size() > kFoldWidth) {
            // An escaped line break: no character is added, and the next line's leading
            // white space is dropped by the parser, so a space starting it is escaped.
            out += continuation;
            line = 0;
        }
        const QString p = line == 0 && out.size() > 1 && piece == u" "_s ? u"\\x20"_s : piece;
        out += p;
        line += int(p.size());
    }
    out += u'"';
    return out;
}

QString yamlUnsafe(const QString &text, int indent)
{
    return u"!unsafe "_s + yamlString(text, indent);
}

} // namespace vlab
