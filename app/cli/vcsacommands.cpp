// vlab vcsa ...: the VCSA installer (vcsa-deploy) templates for the lab's appliances.

#include "clicommon.h"
#include "clidispatch.h"
#include "clirunner.h"
#include "secretprompt.h"

#include "jobs/jobqueue.h"
#include "validate/passwordpolicy.h"
#include "vsphere/vcsaactions.h"
#include "vsphere/vcsatemplatewriter.h"

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>

using namespace Qt::StringLiterals;

namespace vlab::cli {

namespace {

QString vcsaUsage()
{
    return CliTr::
        tr("Usage: vlab vcsa template PLAN --role psc1|psc2|vcenter [--version 6.7|6.5] -o FILE\n"
           "                          [--with-passwords] [--no-replica-site] [--ignore-findings]\n"
           "\n"
           "  template  the vcsa-deploy JSON template of one appliance. Passwords are placeholders\n"
           "            unless --with-passwords takes them from VLAB_TARGET_PASSWORD (ESXi or the\n"
           "            managing vCenter), VLAB_ROOT_PASSWORD and VLAB_SSO_PASSWORD; such a file\n"
           "            is written with mode 0600. Keys no public stock template confirms are\n"
           "            printed to check (\"verify: ...\"). --no-replica-site leaves the site\n"
           "            out of the psc2 template (the installer's default site then applies).\n"
           "\n"
           "       vlab vcsa run PLAN --role psc1|psc2|vcenter --iso DIR [--precheck-only]\n"
           "                     [--no-ssl-certificate-verification] [--timeout MINUTES]\n"
           "                     [--no-replica-site]\n"
           "\n"
           "  run       runs the installer of the mounted VCSA ISO (DIR/%1):\n"
           "            template check, precheck, then install (unless --precheck-only).\n"
           "            Passwords come from the environment: VLAB_ROOT_PASSWORD (the new\n"
           "            appliance's root), VLAB_SSO_PASSWORD (administrator@<SSO domain>) and\n"
           "            the deployment target's: VLAB_TARGET_PASSWORD, else VLAB_VC_PASSWORD for\n"
           "            a vCenter target or VLAB_ROOT_PASSWORD for an ESXi host. They reach only\n"
           "            a 0600 temporary template, removed after the run.\n"
           "            Logs: <PLAN's folder>/logs/vcsa-<role>-<time>/.\n"
           "\n"
           "Both refuse a plan with errors; template writes it anyway with --ignore-findings.\n"
           "Exit codes: 0 success, 1 the installer failed or the plan has errors, 2 bad input or usage.\n")
            .arg(vcsaDeployRelativePath());
}

int vcsaTemplate(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption role(u"role"_s, CliTr::tr("psc1, psc2 or vcenter."), u"ROLE"_s);
    const QCommandLineOption version(u"version"_s, CliTr::tr("6.7 (default) or 6.5."), u"VERSION"_s,
                                     u"6.7"_s);
    const QCommandLineOption output({u"o"_s, u"output"_s}, CliTr::tr("The template file to write."),
                                    u"FILE"_s);
    const QCommandLineOption withPasswords(
        u"with-passwords"_s, CliTr::tr("Write the passwords from the environment into the file."));
    const QCommandLineOption noReplicaSite(u"no-replica-site"_s,
                                           CliTr::tr("Leave the SSO site out of the psc2 template."));
    parser.addOptions({role, version, output, withPasswords, noReplicaSite, ignoreFindingsOption()});
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    const QString synopsis =
        CliTr::tr("Usage: vlab vcsa template PLAN --role psc1|psc2|vcenter [--version 6.7|6.5] -o FILE "
                  "[--ignore-findings]");
    if (!parseVerb(parser, args, synopsis, 1, &help))
        return BadInput;
    if (help)
        return Ok;
    if (!parser.isSet(role) || !parser.isSet(output)) {
        err(CliTr::tr("vlab: vcsa template needs --role and -o\n%1\n").arg(synopsis));
        return BadInput;
    }
    const Result<VcsaRole> parsedRole = parseVcsaRole(parser.value(role));
    if (!parsedRole) {
        err(u"vlab: "_s + parsedRole.error().message + u'\n');
        return BadInput;
    }
    const Result<VcsaVersion> parsedVersion = parseVcsaVersion(parser.value(version));
    if (!parsedVersion) {
        err(u"vlab: "_s + parsedVersion.error().message + u'\n');
        return BadInput;
    }
    int exitCode = Ok;
    const std::optional<LabPlan> plan =
        loadValidPlanOrReport(parser.positionalArguments().constFirst(), planOnlyCheck(parser), &exitCode);
    if (!plan)
        return exitCode;
    std::optional<VcsaSecrets> secrets;
    if (parser.isSet(withPasswords)) {
        const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        VcsaSecrets s;
        const QList<std::pair<QString, QString *>> vars = {{u"VLAB_TARGET_PASSWORD"_s, &s.targetPassword},
                                                           {u"VLAB_ROOT_PASSWORD"_s, &s.rootPassword},
                                                           {u"VLAB_SSO_PASSWORD"_s, &s.ssoPassword}};
        for (const auto &[name, value] : vars) {
            if (!env.contains(name) || env.value(name).isEmpty()) {
                err(CliTr::tr("vlab: --with-passwords needs %1 in the environment.\n").arg(name));
                return BadInput;
            }
            *value = env.value(name);
        }
        // The appliance passwords must pass the installer's policy; the message never shows them.
        for (const auto &[name, value] : {std::pair{u"VLAB_ROOT_PASSWORD"_s, s.rootPassword},
                                          std::pair{u"VLAB_SSO_PASSWORD"_s, s.ssoPassword}}) {
            if (const QStringList problems = passwordProblems(value); !problems.isEmpty()) {
                err(CliTr::tr("vlab: %1 does not meet the appliance password policy: %2\n")
                        .arg(name, problems.join(u' ')));
                return BadInput;
            }
        }
        secrets = s;
    }
    VcsaTemplateOptions options;
    options.replicaSiteName = !parser.isSet(noReplicaSite);
    const Result<QByteArray> json = renderVcsaTemplate(*plan, *parsedRole, *parsedVersion, secrets, options);
    if (!json) {
        err(u"vlab: "_s + json.error().message + u'\n');
        return BadInput;
    }
    for (const QString &note : vcsaTemplateVerifyNotes(*parsedRole, *parsedVersion, options))
        err(CliTr::tr("vlab: verify: %1\n").arg(note));
    QString path;
    if (!writeOutput(
            parser.value(output), *json,
            secrets ? (QFileDevice::ReadOwner | QFileDevice::WriteOwner) : QFileDevice::Permissions(), &path))
        return BadInput;
    out(secrets ? CliTr::tr("Wrote %1 (holds passwords: mode 0600)\n").arg(path)
                : CliTr::tr("Wrote %1\n").arg(path));
    return Ok;
}

int vcsaRun(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption role(u"role"_s, CliTr::tr("psc1, psc2 or vcenter."), u"ROLE"_s);
    const QCommandLineOption iso(u"iso"_s, CliTr::tr("The folder where the VCSA ISO is mounted."), u"DIR"_s);
    const QCommandLineOption precheckOnly(u"precheck-only"_s,
                                          CliTr::tr("Check the template and the target; install nothing."));
    const QCommandLineOption noSsl(
        u"no-ssl-certificate-verification"_s,
        CliTr::tr("Let the installer accept the target's certificate unverified."));
    const QCommandLineOption timeout(
        u"timeout"_s, CliTr::tr("Give up after this many minutes (default 120)."), u"MINUTES"_s, u"120"_s);
    const QCommandLineOption noReplicaSite(u"no-replica-site"_s,
                                           CliTr::tr("Leave the SSO site out of the psc2 template."));
    parser.addOptions({role, iso, precheckOnly, noSsl, timeout, noReplicaSite});
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    const QString synopsis =
        CliTr::tr("Usage: vlab vcsa run PLAN --role psc1|psc2|vcenter --iso DIR [--precheck-only] "
                  "[--no-ssl-certificate-verification] [--timeout MINUTES]");
    if (!parseVerb(parser, args, synopsis, 1, &help))
        return BadInput;
    if (help)
        return Ok;
    if (!parser.isSet(role) || !parser.isSet(iso)) {
        err(CliTr::tr("vlab: vcsa run needs --role and --iso\n%1\n").arg(synopsis));
        return BadInput;
    }
    const Result<VcsaRole> parsedRole = parseVcsaRole(parser.value(role));
    if (!parsedRole) {
        err(u"vlab: "_s + parsedRole.error().message + u'\n');
        return BadInput;
    }
    bool numberOk = false;
    const double minutes = parser.value(timeout).toDouble(&numberOk);
    if (!numberOk || minutes <= 0 || minutes > 24 * 60) {
        err(CliTr::tr("vlab: --timeout must be a number of minutes between 0 and 1440.\n"));
        return BadInput;
    }
    const Result<QString> installer = findVcsaDeploy(parser.value(iso));
    if (!installer) {
        err(u"vlab: "_s + installer.error().message + u'\n');
        return BadInput;
    }
    const QString planFile = parser.positionalArguments().constFirst();
    int exitCode = Ok;
    const std::optional<LabPlan> plan = loadValidPlanOrReport(planFile, PlanCheck::Live, &exitCode);
    if (!plan)
        return exitCode;
    VcsaInstallSettings settings;
    settings.isoFolder = parser.value(iso);
    settings.projectFolder = QFileInfo(planFile).absolutePath();
    settings.precheckOnly = parser.isSet(precheckOnly);
    settings.noSslVerification = parser.isSet(noSsl);
    settings.templateOptions.replicaSiteName = !parser.isSet(noReplicaSite);
    settings.timeout = std::chrono::milliseconds(qint64(minutes * 60 * 1000));
    // The template first, so that a plan that cannot make it is said before any password prompt.
    if (const Result<VcsaDeployRequest> request = vcsaDeployRequest(*plan, *parsedRole, settings); !request) {
        err(u"vlab: "_s + request.error().message + u'\n');
        return BadInput;
    }
    for (const QString &note :
         vcsaTemplateVerifyNotes(*parsedRole, VcsaVersion::V67, settings.templateOptions))
        err(CliTr::tr("vlab: verify: %1\n").arg(note));
    const std::optional<VcsaSecrets> secrets = vcsaSecretsFromEnvironment(*plan);
    if (!secrets)
        return BadInput;
    settings.secrets = *secrets;
    const Result<VcsaDeployJob *> made = createVcsaDeployJob(*plan, *parsedRole, settings);
    if (!made) {
        err(u"vlab: "_s + made.error().message + u'\n');
        return BadInput;
    }
    VcsaDeployJob *job = *made;
    const VcsaDeployRequest &request = job->request();
    JobQueue queue;
    queue.addJob(job);
    CliRunner runner(&queue, job->title(), QFileInfo(planFile).absolutePath());
    if (!runner.run()) {
        const Error &e = job->result().error();
        err(u"vlab: "_s + e.message + u'\n');
        // The details without the last output, which the progress log has shown already.
        if (const QString details = e.details.section(u"\nlast output:"_s, 0, 0); !details.isEmpty())
            err(details + u'\n');
        return Problems;
    }
    const QString where = job->workflowLogDir().isEmpty() ? job->logDir() : job->workflowLogDir();
    out(request.precheckOnly
            ? CliTr::tr("%1: template check and precheck passed. Logs: %2\n").arg(parser.value(role), where)
            : CliTr::tr("%1: installed. Logs: %2\n").arg(parser.value(role), where));
    return Ok;
}

} // namespace

// The passwords vcsa-deploy needs, from the environment; nullopt having said which is missing.
std::optional<VcsaSecrets> vcsaSecretsFromEnvironment(const LabPlan &plan)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const auto value = [&env](const QString &name) {
        return env.value(name);
    };
    VcsaSecrets s;
    // Each from its variable, or asked for on the terminal without echo.
    const std::optional<QString> root = readSecret(
        kRootPasswordVar, CliTr::tr("Password for root of the new appliance (VLAB_ROOT_PASSWORD): "));
    if (!root)
        return std::nullopt;
    const std::optional<QString> sso =
        readSecret(kSsoPasswordVar,
                   CliTr::tr("Password of administrator@%1 (VLAB_SSO_PASSWORD): ").arg(plan.sso.domain));
    if (!sso)
        return std::nullopt;
    s.rootPassword = *root;
    s.ssoPassword = *sso;
    // The target's: its own variable when set, else the vCenter's or the ESXi root's.
    const bool vcenterTarget = plan.target.kind == u"vcenter"_s;
    if (!value(u"VLAB_TARGET_PASSWORD"_s).isEmpty()) {
        s.targetPassword = value(u"VLAB_TARGET_PASSWORD"_s);
    } else {
        const std::optional<QString> target =
            readSecret(vcenterTarget ? kVcPasswordVar : kRootPasswordVar,
                       CliTr::tr("Password of %1 on the deployment target %2 (VLAB_TARGET_PASSWORD): ")
                           .arg(plan.target.user, plan.target.host));
        if (!target)
            return std::nullopt;
        s.targetPassword = *target;
    }
    bool ok = true;
    for (const auto &[name, secret] : {std::pair{u"VLAB_ROOT_PASSWORD"_s, s.rootPassword},
                                       std::pair{u"VLAB_SSO_PASSWORD"_s, s.ssoPassword}}) {
        if (const QStringList problems = passwordProblems(secret); !problems.isEmpty()) {
            err(CliTr::tr("vlab: %1 does not meet the appliance password policy: %2\n")
                    .arg(name, problems.join(u' ')));
            ok = false;
        }
    }
    return ok ? std::optional(s) : std::nullopt;
}

Verb vcsaVerbs()
{
    return verbGroup(u"vcsa"_s,
                     {Verb{{u"template"_s},
                           u"vcsa template PLAN --role psc1|psc2|vcenter [--version 6.7|6.5] -o FILE"_s,
                           CliTr::tr("the vcsa-deploy JSON template of one appliance"),
                           [](const QString &, const QStringList &args) { return vcsaTemplate(args); },
                           {},
                           {}},
                      Verb{{u"run"_s},
                           u"vcsa run PLAN --role psc1|psc2|vcenter --iso DIR [--precheck-only]"_s,
                           CliTr::tr("run the VCSA installer from the mounted ISO (vlab vcsa --help)"),
                           [](const QString &, const QStringList &args) { return vcsaRun(args); },
                           {},
                           {}}},
                     vcsaUsage);
}

} // namespace vlab::cli
