#include "clidispatch.h"

#include "clicommon.h"

using namespace Qt::StringLiterals;

namespace vlab::cli {

namespace {

constexpr qsizetype kSummaryColumn = 39;

QString helpLine(const QString &synopsis, const QString &summary)
{
    const QString start = u"  "_s + synopsis;
    if (start.size() + 1 <= kSummaryColumn)
        return start.leftJustified(kSummaryColumn) + summary + u'\n';
    return start + u'\n' + QString(kSummaryColumn, u' ') + summary + u'\n';
}

} // namespace

Verb verbGroup(const QString &name, std::vector<Verb> verbs, std::function<QString()> usage,
               const QString &collapsedSummary)
{
    Verb group;
    group.names = QStringList{name};
    group.summary = collapsedSummary;
    group.verbs = std::move(verbs);
    group.usage = std::move(usage);
    return group;
}

int dispatch(const Verb &group, const QStringList &args)
{
    QStringList rest = args;
    const QString name = rest.size() > 1 ? rest.takeAt(1) : QString();
    // "help VERB" is "VERB --help".
    if (name == u"help"_s && rest.size() > 1)
        return dispatch(group, {rest.at(0), rest.at(1), u"--help"_s});
    if (name == u"--help"_s || name == u"-h"_s || name == u"help"_s) {
        out(group.usage());
        return Ok;
    }
    for (const Verb &verb : group.verbs) {
        if (!verb.names.contains(name))
            continue;
        if (!verb.verbs.empty())
            return dispatch(verb, rest);
        return verb.run(name, rest);
    }
    if (name.isEmpty()) {
        err(group.usage());
        return BadInput;
    }
    const QString groupName = group.names.value(0);
    err((groupName.isEmpty() ? CliTr::tr("vlab: unknown command \"%1\".\n\n").arg(name)
                             : CliTr::tr("vlab: unknown %1 command \"%2\".\n\n").arg(groupName, name))
        + group.usage());
    return BadInput;
}

QString helpLines(const Verb &group)
{
    QString text;
    for (const Verb &verb : group.verbs) {
        if (verb.verbs.empty()) {
            text += helpLine(verb.synopsis, verb.summary);
            continue;
        }
        if (!verb.summary.isEmpty()) {
            QStringList names;
            for (const Verb &v : verb.verbs)
                names += v.names;
            text += helpLine(verb.names.value(0) + u' ' + names.join(u'|') + u" ..."_s, verb.summary);
            continue;
        }
        text += helpLines(verb);
    }
    return text;
}

} // namespace vlab::cli
