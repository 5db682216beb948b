#pragma once
// Shared pieces of the vlab verbs: exit codes, output, per-verb argument parsing.

#include "jobs/result.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>

namespace vlab::cli {

// 0 success, 1 problems found (validation, verification, failed work), 2 bad input or usage.
enum Exit { Ok = 0, Problems = 1, BadInput = 2 };

struct CliTr
{
    Q_DECLARE_TR_FUNCTIONS(vlab_cli)
};

void out(const QString &text);
void err(const QString &text);

// Parses a verb's own arguments (args[0] is the program). Returns false, having printed why,
// on a usage error; sets *helpShown when --help was asked for (and printed).
bool parseVerb(QCommandLineParser &parser, const QStringList &args, const QString &synopsis,
               int positionals, bool *helpShown);

// Prints a plan that could not be loaded: the message, then every problem on its own line.
void printLoadError(const QString &file, const Error &error, bool json);

// The verb groups.
int cmdCert(const QStringList &args);
int cmdPrecheck(const QStringList &args);
int cmdNetscaler(const QStringList &args);
int cmdVcsa(const QStringList &args);
int cmdVds(const QStringList &args);

} // namespace vlab::cli
