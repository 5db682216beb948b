#include "project/labrun.h"

#include "core/tr.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

using namespace Qt::StringLiterals;

namespace vlab {

const QList<LabStepInfo> &labSteps()
{
    using S = LabStep;
    static const QList<LabStepInfo> steps = {
        {S::Precheck, u"precheck"_s, {}, false, 1},
        {S::Psc1, u"psc1"_s, {S::Precheck}, true, 30},
        {S::Psc2, u"psc2"_s, {S::Psc1}, true, 30},
        // The VMCA root that signs it is PSC 1's.
        {S::Certificate, u"certificate"_s, {S::Psc1}, false, 1},
        // Servers, services and virtual servers only need the PSCs' addresses; whether the
        // services are UP is the audit's to say once both PSCs stand.
        {S::Netscaler, u"netscaler"_s, {S::Psc1}, true, 1},
        {S::ApplyCertificate, u"apply-cert"_s, {S::Psc2, S::Certificate}, true, 15},
        {S::Endpoints, u"endpoints"_s, {S::ApplyCertificate, S::Netscaler}, true, 5},
        {S::VCenter, u"vcenter"_s, {S::Endpoints}, true, 40},
        {S::Vcha, u"vcha"_s, {S::VCenter}, true, 30},
        {S::Vds, u"vds"_s, {S::VCenter}, true, 2},
        {S::Audit, u"audit"_s, {S::Netscaler, S::Vcha, S::Vds}, false, 1},
        {S::Runbook, u"runbook"_s, {S::Audit}, false, 1},
    };
    return steps;
}

const LabStepInfo &labStepInfo(LabStep step)
{
    const QList<LabStepInfo> &steps = labSteps();
    return *std::find_if(steps.cbegin(), steps.cend(),
                         [step](const LabStepInfo &i) { return i.step == step; });
}

QString labStepName(LabStep step)
{
    return labStepInfo(step).name;
}

QString labStepNames()
{
    QStringList names;
    for (const LabStepInfo &info : labSteps())
        names << info.name;
    return names.join(u", "_s);
}

namespace {

qsizetype orderOf(LabStep step)
{
    const QList<LabStepInfo> &steps = labSteps();
    return std::find_if(steps.cbegin(), steps.cend(), [step](const LabStepInfo &i) { return i.step == step; })
        - steps.cbegin();
}

std::optional<LabStep> stepNamed(const QString &name)
{
    for (const LabStepInfo &info : labSteps()) {
        if (info.name == name)
            return info.step;
    }
    return std::nullopt;
}

// Every step `step` needs, directly or through others.
std::set<LabStep> needs(LabStep step)
{
    std::set<LabStep> all;
    QList<LabStep> todo = labStepInfo(step).after;
    while (!todo.isEmpty()) {
        const LabStep s = todo.takeLast();
        if (all.count(s))
            continue;
        all.insert(s);
        todo << labStepInfo(s).after;
    }
    return all;
}

} // namespace

Result<QList<LabStep>> selectLabSteps(const QString &list, const QString &from)
{
    std::set<LabStep> chosen;
    const QString trimmed = list.trimmed();
    if (trimmed.isEmpty() || trimmed == u"all"_s) {
        for (const LabStepInfo &info : labSteps())
            chosen.insert(info.step);
    } else {
        for (const QString &part : trimmed.split(u',')) {
            const QString name = part.trimmed();
            const std::optional<LabStep> step = stepNamed(name);
            if (!step)
                return makeError(
                    u"run.steps.unknown"_s,
                    Tr::tr("There is no step \"%1\". The steps are: %2, or all.").arg(name, labStepNames()));
            chosen.insert(*step);
        }
    }
    qsizetype first = 0;
    if (!from.trimmed().isEmpty()) {
        const std::optional<LabStep> step = stepNamed(from.trimmed());
        if (!step)
            return makeError(u"run.steps.unknown"_s,
                             Tr::tr("There is no step \"%1\" to start from. The steps are: %2.")
                                 .arg(from.trimmed(), labStepNames()));
        first = orderOf(*step);
    }
    QList<LabStep> selected;
    for (const LabStepInfo &info : labSteps()) {
        if (chosen.count(info.step) && orderOf(info.step) >= first)
            selected << info.step;
    }
    if (selected.isEmpty())
        return makeError(u"run.steps.empty"_s,
                         Tr::tr("No step is left to run: --from %1 comes after every step of --steps %2.")
                             .arg(from.trimmed(), trimmed));
    return selected;
}

QList<QList<LabStep>> labRunStages(const QList<LabStep> &selected)
{
    // A step's stage is one after the latest stage of a selected step it needs (directly or
    // through steps that are not selected, which are taken as done).
    std::map<LabStep, int> stageOf;
    int last = -1;
    for (const LabStepInfo &info : labSteps()) {
        if (!selected.contains(info.step))
            continue;
        int stage = 0;
        for (const LabStep need : needs(info.step)) {
            if (stageOf.count(need))
                stage = std::max(stage, stageOf.at(need) + 1);
        }
        stageOf[info.step] = stage;
        last = std::max(last, stage);
    }
    QList<QList<LabStep>> stages(last + 1);
    for (const LabStepInfo &info : labSteps()) {
        if (stageOf.count(info.step))
            stages[stageOf.at(info.step)] << info.step;
    }
    return stages;
}

QList<LabStep> labCriticalPath(const QList<LabStep> &selected, int *minutes)
{
    // Longest chain by typical duration; the table is in dependency order.
    std::map<LabStep, int> finish;
    std::map<LabStep, LabStep> previous;
    LabStep end = LabStep::Precheck;
    int longest = -1;
    for (const LabStepInfo &info : labSteps()) {
        if (!selected.contains(info.step))
            continue;
        int start = 0;
        for (const LabStep need : needs(info.step)) {
            if (finish.count(need) && finish.at(need) > start) {
                start = finish.at(need);
                previous[info.step] = need;
            }
        }
        finish[info.step] = start + info.typicalMinutes;
        if (start + info.typicalMinutes > longest) {
            longest = start + info.typicalMinutes;
            end = info.step;
        }
    }
    QList<LabStep> path;
    if (longest < 0) {
        if (minutes)
            *minutes = 0;
        return path;
    }
    for (std::optional<LabStep> s = end; s;
         s = previous.count(*s) ? std::optional(previous.at(*s)) : std::nullopt)
        path.prepend(*s);
    if (minutes)
        *minutes = longest;
    return path;
}

} // namespace vlab
