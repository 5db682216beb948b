#pragma once
// Masking secrets in text that other programs printed (installer output, remote shells,
// error messages) before it reaches the log, the journal, the evidence or the runbook. A
// program rarely echoes a password literally only: a JSON dump escapes `"` and `\` (some
// also `/` and non-ASCII), a shell trace quotes or backslash-escapes it, a URL percent-encodes
// it. Each secret is replaced in all these forms, longest first.

#include <QString>
#include <QStringList>

namespace vlab {

// What masked secrets are replaced with.
inline constexpr auto kSecretMask = "********";

// The forms of `secret` that are masked: as is; JSON-escaped (with and without `\/`, and
// with non-ASCII as \uXXXX); POSIX-shell single-quoted ('\'' and '"'"' for a quote) and
// backslash-escaped (bash's printf %q); percent-encoded (upper- and lower-case hex, space as
// %20 or +); XML/HTML-escaped. Without duplicates, longest first.
QStringList secretForms(const QString &secret);

// `text` with every form of each secret replaced by kSecretMask. Secrets shorter than
// `minLength` are left alone (masking "a" would mask every "a").
QString maskSecrets(QString text, const QStringList &secrets, qsizetype minLength = 3);

} // namespace vlab
