#include "core/secretmask.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

QString jsonEscaped(const QString &secret)
{
    // ["..."]: the string's escaped form sits between the first and the last two characters.
    const QByteArray json = QJsonDocument(QJsonArray{secret}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(2, json.size() - 4));
}

QString asciiJsonEscaped(const QString &escaped)
{
    QString out;
    for (QChar c : escaped) {
        if (c.unicode() < 0x80)
            out += c;
        else
            out += u"\\u%1"_s.arg(int(c.unicode()), 4, 16, QLatin1Char('0'));
    }
    return out;
}

// bash's printf %q (and shlex-like backslash quoting): a backslash before every character
// the shell treats specially.
QString backslashEscaped(const QString &secret)
{
    static const QString special = u" \t!\"#$&'()*;<=>?[\\]^`{|}~"_s;
    QString out;
    for (QChar c : secret) {
        if (special.contains(c))
            out += u'\\';
        out += c;
    }
    return out;
}

// "%2F" -> "%2f": lower-case hex digits, the text between them untouched.
QString lowerHex(const QString &percentEncoded)
{
    QString out = percentEncoded;
    for (qsizetype i = 0; i + 2 < out.size(); ++i) {
        if (out.at(i) == u'%') {
            out[i + 1] = out.at(i + 1).toLower();
            out[i + 2] = out.at(i + 2).toLower();
            i += 2;
        }
    }
    return out;
}

QString xmlEscaped(const QString &secret)
{
    return secret.toHtmlEscaped();
}

} // namespace

QStringList secretForms(const QString &secret)
{
    if (secret.isEmpty())
        return {};
    QStringList forms{secret};
    const QString json = jsonEscaped(secret);
    forms << json << QString(json).replace(u'/', u"\\/"_s) << asciiJsonEscaped(json)
          << asciiJsonEscaped(json).replace(u'/', u"\\/"_s);
    forms << QString(secret).replace(u'\'', u"'\\''"_s) << QString(secret).replace(u'\'', u"'\"'\"'"_s)
          << backslashEscaped(secret);
    const QString percent = QString::fromLatin1(QUrl::toPercentEncoding(secret));
    const QString plus = QString(percent).replace(u"%20"_s, u"+"_s);
    forms << percent << lowerHex(percent) << plus
          << lowerHex(plus)
          // "%2F" stays "/" where a URL path keeps slashes
          << QString::fromLatin1(QUrl::toPercentEncoding(secret, "/"));
    forms << xmlEscaped(secret);
    forms.removeDuplicates();
    std::stable_sort(forms.begin(), forms.end(),
                     [](const QString &a, const QString &b) { return a.size() > b.size(); });
    return forms;
}

QString maskSecrets(QString text, const QStringList &secrets, qsizetype minLength)
{
    QStringList forms;
    for (const QString &secret : secrets) {
        if (secret.size() >= minLength)
            forms += secretForms(secret);
    }
    forms.removeDuplicates();
    std::stable_sort(forms.begin(), forms.end(),
                     [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &form : std::as_const(forms))
        text.replace(form, QLatin1StringView(kSecretMask));
    return text;
}

} // namespace vlab
