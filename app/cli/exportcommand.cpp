// vlab export ansible: the labs of one or more plans as one Ansible project (see
// lib/project/ansibleexport.h). Thin: loads the plans, hands them to the engine, writes.

#include "clicommon.h"
#include "clidispatch.h"
#include "clirunner.h"

#include "jobs/jobqueue.h"
#include "jobs/writefilesjob.h"
#include "project/ansibleexport.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace vlab::cli {

namespace {

int exportAnsible(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption output({u"o"_s, u"output"_s}, CliTr::tr("Folder for the Ansible project."),
                                    u"DIR"_s);
    parser.addOption(output);
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file of each lab (one or more)."),
                                 u"PLAN..."_s);
    bool help = false;
    const QString synopsis = CliTr::tr("Usage: vlab export ansible PLAN... -o DIR");
    if (!parseVerb(parser, args, synopsis, -1, &help))
        return BadInput;
    if (help)
        return Ok;
    if (!parser.isSet(output)) {
        err(CliTr::tr("vlab: export ansible needs an output folder: -o DIR\n%1\n").arg(synopsis));
        return BadInput;
    }
    QList<AnsibleLab> labs;
    for (const QString &file : parser.positionalArguments()) {
        int exitCode = Ok;
        const std::optional<LabPlan> plan = loadValidPlanOrReport(file, PlanCheck::Live, &exitCode);
        if (!plan)
            return exitCode;
        labs.append(AnsibleLab{QFileInfo(file).absoluteFilePath(), *plan});
    }
    const QString folder = parser.value(output);
    if (QFileInfo(folder).exists() && !QFileInfo(folder).isDir()) {
        err(CliTr::tr("vlab: %1 exists and is not a folder.\n").arg(folder));
        return BadInput;
    }
    const Result<QList<Artifact>> files = ansibleProject(labs, folder);
    if (!files) {
        err(u"vlab: "_s + files.error().message + u'\n');
        return files.error().code == u"ansible.plan"_s ? Problems : BadInput;
    }
    if (!QDir().mkpath(folder)) {
        err(CliTr::tr("vlab: cannot create the output folder %1.\n").arg(folder));
        return BadInput;
    }
    JobQueue queue;
    const QString title = CliTr::tr("Write the Ansible project");
    queue.addJob(new WriteFilesJob(title, *files));
    // Journaled like generate, in the folder of the (first) plan.
    CliRunner runner(&queue, title, QFileInfo(labs.constFirst().planFile).absolutePath());
    if (!runner.run())
        return Problems;
    out(CliTr::tr("Wrote %1 file(s) for %2 lab(s) into %3\nNext: cd %3 && ansible-playbook site.yml\n")
            .arg(QString::number(files->size()), QString::number(labs.size()), folder));
    return Ok;
}

} // namespace

Verb exportVerbs()
{
    return verbGroup(u"export"_s,
                     {Verb{{u"ansible"_s},
                           u"export ansible PLAN... -o DIR"_s,
                           CliTr::tr("the labs of the plans as one Ansible project"),
                           [](const QString &, const QStringList &args) { return exportAnsible(args); },
                           {},
                           {}}},
                     [] {
                         return CliTr::tr(
                             "Usage: vlab export ansible PLAN... -o DIR\n"
                             "  the labs of the plans as one Ansible project (inventory, site.yml, roles)\n");
                     });
}

} // namespace vlab::cli
