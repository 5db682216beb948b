#pragma once
// One quoting or escaping function per output language. Every string that comes from a plan
// (or from a person, or from a peer) is data: whatever it holds, it reaches a generated file
// only through the function of that file's language, so it can never become syntax there.
// The validator refuses control characters and the characters a field cannot carry before
// anything is generated; these functions are the second wall, and each is total (any input,
// including NUL, line breaks, quotes of every kind and very long text, gives a well-formed
// result). tests/unit/core/tst_quoting.cpp reads every result back with the real parser
// where one runs here (sh, bash, QXmlStreamReader, Qt's CommonMark reader).

#include <QString>

namespace vlab {

// True for what no plan string may hold: C0 and C1 control characters and DEL (Unicode
// category Cc, which includes newline, carriage return, tab, NUL and NEL U+0085), the line and
// paragraph separators U+2028/U+2029, the bidirectional embeddings, overrides and isolates
// (U+202A-U+202E, U+2066-U+2069, which make text read differently from what it is), and
// unpaired surrogates. `at` is the index of a UTF-16 code unit of `text`.
bool isForbiddenCharacter(const QString &text, qsizetype at);
// The index of the first forbidden character, or -1.
qsizetype firstForbiddenCharacter(const QString &text);

// "U+000A (line feed)": how a message names a character that cannot be shown.
QString describeCharacter(char32_t c);

// The text with every forbidden character written as a visible escape (\n, \r, \t, \0,
// \x1b, \u2028 ...) and backslashes doubled: for messages printed on a terminal, so a value
// can neither break the line nor send escape sequences to the terminal.
QString printable(const QString &text);

// POSIX shell (sh, dash, bash, zsh in sh mode): one word. A word of only letters, digits and
// @ % + = : , . / _ - stays bare (nothing in it is special to the shell, as in Python's
// shlex.quote); anything else is single-quoted, with a single quote written as '\'' (POSIX.1-2017
// XCU 2.2.2: nothing inside single quotes is special). NUL cannot be part of a shell word and
// becomes U+FFFD.
QString shellQuote(const QString &text);

// PowerShell: a single-quoted (verbatim) string. PowerShell ends a single-quoted string at any
// of U+0027 ' U+2018 ' U+2019 ' U+201A , U+201B (about_Quoting_Rules, "Single and double
// quotation marks" and "Including quote characters in a string"); each is doubled, which the
// tokenizer reads back as one literal quote. Nothing else is special inside single quotes
// ($, `, line breaks are literal). NUL becomes U+FFFD.
QString powerShellQuote(const QString &text);

// NetScaler CLI argument: returned as is when it is a plain word of the characters NetScaler
// object names use (letters, digits, _ # . : @ = - and /), otherwise in double quotes with
// a backslash before each " and each backslash (the NetScaler CLI's quoting of arguments with spaces,
// NetScaler command reference; quoted strings escape " as \"). A batch file is one command
// per line, so a character that would end or bend the line (see isForbiddenCharacter)
// cannot be carried at all and is written as '?'.
QString netscalerQuote(const QString &text);

// A "# " comment line of a NetScaler batch file, a POSIX shell script or a PowerShell script:
// the text with every forbidden character (see isForbiddenCharacter) replaced by '?', so the
// comment always ends where the generator ends it and never carries raw plan text into the
// next line.
QString lineComment(const QString &text);

// XML 1.0 (and SVG) character data and attribute values: & < > " ' as entities, tab, line feed
// and carriage return as character references (they survive attribute-value normalisation),
// and the characters XML 1.0 cannot carry at all (other C0 controls, unpaired surrogates,
// U+FFFE/U+FFFF; XML 1.0 section 2.2 "Char") as U+FFFD.
QString xmlEscape(const QString &text);

// Markdown (CommonMark with GitHub's tables and autolinks) inline text on one line: the
// characters that start inline markup (\ ` * _ [ ] < > & | ~ ! @), a block marker at the start
// (# + - = or a list number), the autolink triggers ("://", "www.") and line breaks (as a
// space) are neutralised, so the text renders as exactly itself (less leading blanks) and
// cannot open a heading, list, link, HTML tag, code span or table cell.
QString markdownText(const QString &text);

// The fence for a fenced code block that holds `content`: backticks, one more than the
// longest run of backticks in the content and at least three (CommonMark 0.30, 4.5: the
// closing fence must be at least as long as the opening one), so the content cannot close it.
QString markdownFence(const QString &content);

} // namespace vlab
