#pragma once
// The CLI's one subcommand dispatcher. Every verb is an entry of a table (its names, its
// synopsis and summary for `vlab help`, its handler); a group ("netscaler", "vcha" ...) is an
// entry whose table holds its own verbs. `vlab` and every group dispatch through dispatch(),
// and `vlab help` is made from the same tables, so no verb can be missing from it.

#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace vlab::cli {

struct Verb
{
    // The words it answers to; several share one handler ("deploy", "status").
    QStringList names;
    // As `vlab help` shows it, after "vlab ": "netscaler batch PLAN -o FILE [--rollback FILE]".
    // Empty for a group shown as one line: "GROUP name|name|... ..." is made from its table.
    QString synopsis;
    QString summary; // one line: what it does
    // Runs the verb: `name` is the word typed, `args` the verb's own ("vlab ARGS...").
    std::function<int(const QString &name, const QStringList &args)> run;

    // A group: its verbs, and its own help (vlab GROUP --help, or after a wrong subcommand).
    std::vector<Verb> verbs;
    std::function<QString()> usage;
};

// A group entry: `vlab help` lists each of its verbs, or (with `collapsedSummary`) one line
// "NAME a|b|c ..." followed by the summary.
Verb verbGroup(const QString &name, std::vector<Verb> verbs, std::function<QString()> usage,
               const QString &collapsedSummary = {});

// Runs the verb of `group` that args[1] names (args[0] is the program). --help, -h and help
// print the group's usage, "help VERB" is "VERB --help"; a missing or unknown verb prints
// why and the usage (exit code 2).
int dispatch(const Verb &group, const QStringList &args);

// The verbs of `group` as `vlab help` lists them: "  SYNOPSIS   SUMMARY", the summary from
// column 40 (on a line of its own after a long synopsis); groups list theirs in turn.
QString helpLines(const Verb &group);

} // namespace vlab::cli
