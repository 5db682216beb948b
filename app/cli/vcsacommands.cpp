// vlab vcsa ...: the VCSA installer (vcsa-deploy) templates for the lab's appliances.

#include "clicommon.h"

#include "validate/passwordpolicy.h"
#include "vsphere/vcsatemplatewriter.h"

#include <QProcessEnvironment>

using namespace Qt::StringLiterals;

namespace vlab::cli {

namespace {

QString vcsaUsage()
{
    return CliTr::tr("Usage: vlab vcsa template PLAN --role psc1|psc2|vcenter [--version 6.7|6.5] -o FILE\n"
                     "                          [--with-passwords]\n"
                     "\n"
                     "  template  the vcsa-deploy JSON template of one appliance. Passwords are placeholders\n"
                     "            unless --with-passwords takes them from VLAB_TARGET_PASSWORD (ESXi or the\n"
                     "            managing vCenter), VLAB_ROOT_PASSWORD and VLAB_SSO_PASSWORD; such a file\n"
                     "            is written with mode 0600.\n"
                     "\n"
                     "Exit codes: 0 success, 2 bad input or usage.\n");
}

int vcsaTemplate(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption role(u"role"_s, CliTr::tr("psc1, psc2 or vcenter."), u"ROLE"_s);
    const QCommandLineOption version(u"version"_s, CliTr::tr("6.7 (default) or 6.5."), u"VERSION"_s, u"6.7"_s);
    const QCommandLineOption output({u"o"_s, u"output"_s}, CliTr::tr("The template file to write."), u"FILE"_s);
    const QCommandLineOption withPasswords(u"with-passwords"_s,
                                           CliTr::tr("Write the passwords from the environment into the file."));
    parser.addOptions({role, version, output, withPasswords});
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    const QString synopsis = CliTr::tr("Usage: vlab vcsa template PLAN --role psc1|psc2|vcenter [--version 6.7|6.5] -o FILE");
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
    const std::optional<LabPlan> plan = loadPlanOrReport(parser.positionalArguments().constFirst());
    if (!plan)
        return BadInput;
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
    const Result<QByteArray> json = renderVcsaTemplate(*plan, *parsedRole, *parsedVersion, secrets);
    if (!json) {
        err(u"vlab: "_s + json.error().message + u'\n');
        return BadInput;
    }
    QString path;
    if (!writeOutput(parser.value(output), *json,
                     secrets ? (QFileDevice::ReadOwner | QFileDevice::WriteOwner) : QFileDevice::Permissions(), &path))
        return BadInput;
    out(secrets ? CliTr::tr("Wrote %1 (holds passwords: mode 0600)\n").arg(path) : CliTr::tr("Wrote %1\n").arg(path));
    return Ok;
}

} // namespace

int cmdVcsa(const QStringList &args)
{
    const auto [sub, rest] = splitSubcommand(args);
    if (sub == u"template"_s)
        return vcsaTemplate(rest);
    if (sub == u"--help"_s || sub == u"-h"_s || sub == u"help"_s) {
        out(vcsaUsage());
        return Ok;
    }
    err((sub.isEmpty() ? QString() : CliTr::tr("vlab: unknown vcsa command \"%1\".\n\n").arg(sub)) + vcsaUsage());
    return BadInput;
}

} // namespace vlab::cli
