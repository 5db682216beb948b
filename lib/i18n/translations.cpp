#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
const QString kCatalogueDir = u":/vlab/i18n"_s;
const QString kLangOption = u"--lang"_s;
const QString kLangPrefix = u"--lang="_s;
} // namespace

std::optional<QString> languageOption(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == kLangOption)
            return i + 1 < arguments.size() ? arguments.at(i + 1) : QString();
        if (arg.startsWith(kLangPrefix))
            return arg.mid(kLangPrefix.size());
    }
    return std::nullopt;
}

QStringList withoutLanguageOption(const QStringList &arguments)
{
    QStringList rest;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (i > 0 && arg == kLangOption) {
            ++i; // and its value
            continue;
        }
        if (i > 0 && arg.startsWith(kLangPrefix))
            continue;
        rest << arg;
    }
    return rest;
}

QStringList availableLanguages()
{
    QStringList languages;
    const QStringList files = QDir(kCatalogueDir).entryList({u"vlab_*.qm"_s}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        languages << file.mid(5, file.size() - 8); // vlab_<lang>.qm
    return languages;
}

QString installTranslations(const QString &language)
{
    auto *app = QCoreApplication::instance();
    if (!app)
        return {};
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (!language.isEmpty())
        QLocale::setDefault(locale);

    auto *translator = new QTranslator(app);
    if (!translator->load(locale, u"vlab"_s, u"_"_s, kCatalogueDir)) {
        delete translator;
        return {};
    }
    QCoreApplication::installTranslator(translator);
    // Qt's own texts (wizard and dialog buttons, the command-line parser): the system's
    // catalogue where it has one for the language, else ours (Qt ships none for Vietnamese).
    auto *qtTranslator = new QTranslator(app);
    if (qtTranslator->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))
        || qtTranslator->load(locale, u"qtbase"_s, u"_"_s, kCatalogueDir))
        QCoreApplication::installTranslator(qtTranslator);
    else
        delete qtTranslator;
    return translator->language().section(u'_', 0, 0).section(u'-', 0, 0);
}

} // namespace vlab
