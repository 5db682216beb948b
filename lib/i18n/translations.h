#pragma once
// The program's language: English in the sources, other languages from the catalogues in
// translations/ (compiled into vlabcore under :/vlab/i18n). Follows the system's UI
// languages unless a language is forced (--lang in both programs).

#include <QString>
#include <QStringList>

#include <optional>

namespace vlab {

// The value of "--lang X" or "--lang=X" among the program's arguments, if given; an empty
// value if the option has no value.
std::optional<QString> languageOption(const QStringList &arguments);

// The same arguments without the --lang option and its value.
QStringList withoutLanguageOption(const QStringList &arguments);

// Installs the catalogue for `language` ("vi", "vi_VN") or, when it is empty, for the
// system's UI languages, on the running QCoreApplication; a forced language also becomes
// the default QLocale. Returns the catalogue's language ("vi"), or an empty string when
// English stays: no catalogue matches, or English was asked for. Call once, before any
// translated text is made.
QString installTranslations(const QString &language = {});

// The languages a catalogue ships for, besides English.
QStringList availableLanguages();

} // namespace vlab
