// vlab cert ...: the certificate step from the command line. The same engine jobs as the
// wizard's Certificates page, run through the same queue.

#include "clicommon.h"
#include "clidispatch.h"
#include "clirunner.h"

#include "certs/certinfo.h"
#include "certs/certjobs.h"
#include "certs/csrrequest.h"
#include "core/atomicfile.h"
#include "jobs/jobqueue.h"
#include "plan/planjson.h"
#include "validate/planvalidator.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace vlab::cli {

namespace {

QString certUsage()
{
    return CliTr::tr(
        "Usage: vlab cert <command> [options]\n"
        "\n"
        "  config PLAN -o FILE                       write the OpenSSL request config\n"
        "  csr PLAN -o DIR [--backup]                make psc-ha-vip.key (0600), .csr and the config\n"
        "  sign-vmca --csr FILE --ca-cert FILE --ca-key FILE [--days N] -o DIR [--plan PLAN]\n"
        "                                            sign with the VMCA root (root.cer, privatekey.pem)\n"
        "  chain --leaf FILE --ca FILE [--ca FILE ...] -o DIR [--plan PLAN]\n"
        "                                            order an external CA's files into the chain files\n"
        "  verify --chain FILE [--key FILE] [--ca FILE ...] [--plan PLAN] [--format text|json]\n"
        "                                            check a certificate set before it is applied\n"
        "  show FILE                                 describe a certificate or request in words\n"
        "\n"
        "The names of the certificate are checked against the plan (--plan, or the .vlab.json\n"
        "of the project folder: the output or chain file's folder, or its parent).\n"
        "\n"
        "Exit codes: 0 success (sign-vmca, chain, verify: ready for certificate-manager),\n"
        "1 verification problems, readiness unknown because no plan was found, or a plan with\n"
        "errors (config and csr refuse one; --ignore-findings writes their files anyway),\n"
        "2 bad input or usage.\n");
}

// Problems with the certificates themselves are 1; unreadable or wrong inputs are 2.
int exitFor(const Error &error)
{
    static const QStringList problems = {u"chain."_s, u"ca."_s, u"csr.signature"_s, u"csr.wants-ca"_s,
                                         u"cert.verification"_s};
    for (const QString &prefix : problems) {
        if (error.code.startsWith(prefix))
            return Problems;
    }
    return BadInput;
}

int fail(const Error &error)
{
    err(u"vlab: "_s + error.message + u'\n');
    return exitFor(error);
}

// Certificate findings of the plan (CN, SAN, key size ...) are printed as a warning: the
// request can still be made, but the user should know before sending it to a CA.
void warnAboutPlan(const LabPlan &plan)
{
    for (const Finding &f : validatePlan(plan)) {
        if (f.path.startsWith(u"certificate."_s) && f.severity == Severity::Warning)
            err(formatFinding(f) + u'\n');
    }
}

// Runs one job with the CLI's progress line, journaled in `projectFolder` when there is one
// (the plan's folder); returns the exit code.
int runJob(Job *job, const QString &projectFolder = {})
{
    JobQueue queue;
    queue.addJob(job);
    CliRunner runner(&queue, job->title(), projectFolder);
    if (runner.run())
        return Ok;
    return exitFor(job->result().error());
}

// How the plan of a verification was found: given, found in the project folder, or not at
// all (then `why` says where it was looked for).
struct PlanChoice
{
    std::optional<LabPlan> plan;
    QString why;
};

// The plan whose names a certificate must cover, when none was given: the one .vlab.json in
// the first of `folders` that holds any (the certificates live in <project>/certs, next to the
// plan). Several plans in one folder are ambiguous: none is guessed.
PlanChoice findProjectPlan(const QStringList &folders)
{
    for (const QString &folder : folders) {
        const QStringList plans =
            QDir(folder).entryList({u"*.vlab.json"_s}, QDir::Files | QDir::Readable, QDir::Name);
        if (plans.isEmpty())
            continue;
        if (plans.size() > 1)
            return {std::nullopt,
                    CliTr::tr("%1 holds several plans (%2); none was chosen.")
                        .arg(QDir::toNativeSeparators(QDir(folder).absolutePath()), plans.join(u", "_s))};
        const QString file = QDir(folder).absoluteFilePath(plans.constFirst());
        const Result<LabPlan> loaded = loadPlanFile(file);
        if (!loaded)
            return {std::nullopt,
                    CliTr::tr("the plan %1 in the project folder cannot be loaded: %2")
                        .arg(QDir::toNativeSeparators(file), loaded.error().message)};
        err(CliTr::tr("Names checked against the plan %1 (found in the project folder).\n")
                .arg(QDir::toNativeSeparators(file)));
        return {loaded.value(), {}};
    }
    QStringList shown;
    for (const QString &folder : folders)
        shown << QDir::toNativeSeparators(QDir(folder).absolutePath());
    return {std::nullopt,
            CliTr::tr("no --plan was given and no .vlab.json lies in %1.").arg(shown.join(u", "_s))};
}

// Exit 0 only when the set is ready: every check passed and the names were checked against a
// plan (the verifier compares them whenever it has one). Clean but unchecked is 1 too:
// readiness is unknown, and the report says so plainly.
int printReport(const CertReport &report, bool json, const PlanChoice &choice)
{
    const bool namesChecked = choice.plan.has_value();
    const bool ready = report.clean() && namesChecked;
    if (json) {
        out(QString::fromUtf8(
            QJsonDocument(QJsonObject{{u"clean"_s, report.clean()},
                                      {u"namesChecked"_s, namesChecked},
                                      {u"ready"_s, ready},
                                      {u"errors"_s, report.failedCount(Severity::Error)},
                                      {u"warnings"_s, report.failedCount(Severity::Warning)},
                                      {u"checks"_s, report.toJson()}})
                .toJson()));
    } else {
        out(report.toText());
        if (ready)
            out(CliTr::tr("Verified: ready for certificate-manager.\n"));
        else if (report.clean())
            out(CliTr::tr("Readiness UNKNOWN: every other check passed, but the certificate's names were not "
                          "checked against the plan (%1). Check them with: vlab cert verify --chain FILE "
                          "--plan PLAN\n")
                    .arg(choice.why.isEmpty() ? CliTr::tr("no plan") : choice.why));
        else
            out(CliTr::tr("NOT ready: %n check(s) failed.\n", nullptr, report.failedCount(Severity::Error)));
    }
    return ready ? Ok : Problems;
}

// Reads the inputs of a verification; returns the report or (printed) an input error.
std::optional<CertReport> verify(const QString &chainFile, const QString &keyFile, const QStringList &caFiles,
                                 const std::optional<LabPlan> &plan, int *exitCode)
{
    CertVerification input;
    Result<CertSource> chain = readCertSource(chainFile);
    if (!chain) {
        *exitCode = fail(chain.error());
        return std::nullopt;
    }
    input.chain = chain.value();
    if (!keyFile.isEmpty()) {
        Result<CertSource> key = readCertSource(keyFile);
        if (!key) {
            *exitCode = fail(key.error());
            return std::nullopt;
        }
        input.key = key.value();
    }
    for (const QString &file : caFiles) {
        Result<CertSource> ca = readCertSource(file);
        if (!ca) {
            *exitCode = fail(ca.error());
            return std::nullopt;
        }
        input.cas.append(ca.value());
    }
    input.plan = plan;
    CertReport report = verifyCertificates(input);
    if (input.key) // the private key's bytes do not outlive the check
        OPENSSL_cleanse(input.key->data.data(), size_t(input.key->data.size()));
    return report;
}

// Proves freshly written chain files at once: the chain to the given CA files, the key if it
// lies next to them, and the names against the plan (given, or found in the project folder:
// the output folder or its parent). Returns the exit code.
int verifyWrittenChain(const QString &folder, const QStringList &caFiles, const PlanChoice &choice)
{
    const QDir dir(folder);
    const QString key = dir.filePath(QString::fromLatin1(CertFiles::Key));
    int code = Ok;
    const auto report = verify(dir.filePath(QString::fromLatin1(CertFiles::Chain)),
                               QFileInfo::exists(key) ? key : QString(), caFiles, choice.plan, &code);
    return report ? printReport(*report, false, choice) : code;
}

// The plan option of chain and sign-vmca and verify.
QCommandLineOption planOption()
{
    return QCommandLineOption(u"plan"_s,
                              CliTr::tr("The plan whose names the certificate must cover (default: the "
                                        ".vlab.json of the project folder)."),
                              u"PLAN"_s);
}

// The given plan (nullopt, printed, when it cannot be loaded), or the project folder's.
// A given plan must be valid (*exitCode 1 when it has errors, 2 when it cannot be loaded).
std::optional<PlanChoice> choosePlan(const QCommandLineParser &parser, const QCommandLineOption &plan,
                                     const QStringList &projectFolders, int *exitCode)
{
    if (!parser.isSet(plan))
        return findProjectPlan(projectFolders);
    const std::optional<LabPlan> loaded =
        loadValidPlanOrReport(parser.value(plan), PlanCheck::Live, exitCode);
    if (!loaded)
        return std::nullopt;
    return PlanChoice{loaded, {}};
}

// The folders where a project's plan lies for certificates in `folder`: itself and its parent.
QStringList projectFolders(const QString &folder)
{
    const QString absolute = QFileInfo(folder).absoluteFilePath();
    return {absolute, QFileInfo(absolute).absolutePath()};
}

// The certificate request of a plan file; prints why when there is none (and sets *exitCode).
// The plan must be valid (or --ignore-findings given); its certificate warnings are printed.
std::optional<CsrRequest> requestFromPlan(const QString &file, PlanCheck check, int *exitCode)
{
    const std::optional<LabPlan> plan = loadValidPlanOrReport(file, check, exitCode);
    if (!plan)
        return std::nullopt;
    const CsrRequest request = CsrRequest::fromPlan(*plan);
    if (const QString problem = request.problem(); !problem.isEmpty()) {
        err(u"vlab: "_s + problem + u'\n');
        *exitCode = BadInput;
        return std::nullopt;
    }
    warnAboutPlan(*plan);
    return request;
}

int certConfig(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption output({u"o"_s, u"output"_s}, CliTr::tr("File to write."), u"FILE"_s);
    parser.addOption(output);
    parser.addOption(ignoreFindingsOption());
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    if (!parseVerb(parser, args, CliTr::tr("Usage: vlab cert config PLAN -o FILE [--ignore-findings]"), 1,
                   &help))
        return BadInput;
    if (help)
        return Ok;
    if (!parser.isSet(output)) {
        err(CliTr::tr("vlab: cert config needs -o FILE\n"));
        return BadInput;
    }
    int exitCode = Ok;
    const std::optional<CsrRequest> request =
        requestFromPlan(parser.positionalArguments().constFirst(), planOnlyCheck(parser), &exitCode);
    if (!request)
        return exitCode;
    QString path;
    if (!writeOutput(parser.value(output), renderRequestConfig(*request), {}, &path))
        return BadInput;
    out(CliTr::tr("Wrote %1\n").arg(path));
    return Ok;
}

int certCsr(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption output({u"o"_s, u"output"_s}, CliTr::tr("Folder for the files."), u"DIR"_s);
    const QCommandLineOption backup(u"backup"_s,
                                    CliTr::tr("Keep an existing key as a dated backup and make a new one."));
    parser.addOption(output);
    parser.addOption(backup);
    parser.addOption(ignoreFindingsOption());
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    if (!parseVerb(parser, args, CliTr::tr("Usage: vlab cert csr PLAN -o DIR [--backup] [--ignore-findings]"),
                   1, &help))
        return BadInput;
    if (help)
        return Ok;
    if (!parser.isSet(output)) {
        err(CliTr::tr("vlab: cert csr needs -o DIR\n"));
        return BadInput;
    }
    const QString planFile = parser.positionalArguments().constFirst();
    int exitCode = Ok;
    const std::optional<CsrRequest> request = requestFromPlan(planFile, planOnlyCheck(parser), &exitCode);
    if (!request)
        return exitCode;
    return runJob(new GenerateCsrJob(*request, parser.value(output),
                                     parser.isSet(backup) ? ExistingKey::KeepBackup : ExistingKey::Refuse));
}

int certSignVmca(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption csr(u"csr"_s, CliTr::tr("The request (psc-ha-vip.csr)."), u"FILE"_s);
    const QCommandLineOption caCert(u"ca-cert"_s, CliTr::tr("The VMCA root certificate (root.cer)."),
                                    u"FILE"_s);
    const QCommandLineOption caKey(u"ca-key"_s, CliTr::tr("The VMCA root key (privatekey.pem)."), u"FILE"_s);
    const QCommandLineOption days(u"days"_s, CliTr::tr("Validity in days (default 730)."), u"N"_s, u"730"_s);
    const QCommandLineOption output({u"o"_s, u"output"_s}, CliTr::tr("Folder for the files."), u"DIR"_s);
    const QCommandLineOption plan = planOption();
    parser.addOptions({csr, caCert, caKey, days, output, plan});
    bool help = false;
    const QString synopsis = CliTr::tr(
        "Usage: vlab cert sign-vmca --csr FILE --ca-cert FILE --ca-key FILE [--days N] -o DIR [--plan PLAN]");
    if (!parseVerb(parser, args, synopsis, 0, &help))
        return BadInput;
    if (help)
        return Ok;
    for (const QCommandLineOption &required : {csr, caCert, caKey, output}) {
        if (!parser.isSet(required)) {
            err(CliTr::tr("vlab: cert sign-vmca needs --%1\n%2\n")
                    .arg(required.names().constLast(), synopsis));
            return BadInput;
        }
    }
    bool ok = false;
    const int validity = parser.value(days).toInt(&ok);
    if (!ok || validity < 1 || validity > 3650) {
        err(CliTr::tr("vlab: --days must be a number from 1 to 3650, not \"%1\".\n").arg(parser.value(days)));
        return BadInput;
    }
    std::optional<LabPlan> given;
    if (parser.isSet(plan)) {
        int exitCode = Ok;
        given = loadValidPlanOrReport(parser.value(plan), PlanCheck::Live, &exitCode);
        if (!given)
            return exitCode;
    }
    const QString folder = parser.value(output);
    if (const int code = runJob(new SignWithCaJob(parser.value(csr), parser.value(caCert),
                                                  parser.value(caKey), validity, folder));
        code != Ok)
        return code;
    return verifyWrittenChain(folder, {parser.value(caCert)},
                              given ? PlanChoice{given, {}} : findProjectPlan(projectFolders(folder)));
}

int certChain(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption leaf(u"leaf"_s, CliTr::tr("The signed PSC certificate from the CA."), u"FILE"_s);
    const QCommandLineOption ca(u"ca"_s, CliTr::tr("An intermediate or root certificate file (repeatable)."),
                                u"FILE"_s);
    const QCommandLineOption output({u"o"_s, u"output"_s}, CliTr::tr("Folder for the files."), u"DIR"_s);
    const QCommandLineOption plan = planOption();
    parser.addOptions({leaf, ca, output, plan});
    bool help = false;
    const QString synopsis =
        CliTr::tr("Usage: vlab cert chain --leaf FILE --ca FILE [--ca FILE ...] -o DIR [--plan PLAN]");
    if (!parseVerb(parser, args, synopsis, 0, &help))
        return BadInput;
    if (help)
        return Ok;
    if (!parser.isSet(leaf) || !parser.isSet(ca) || !parser.isSet(output)) {
        err(CliTr::tr("vlab: cert chain needs --leaf, at least one --ca, and -o\n%1\n").arg(synopsis));
        return BadInput;
    }
    std::optional<LabPlan> given;
    if (parser.isSet(plan)) {
        int exitCode = Ok;
        given = loadValidPlanOrReport(parser.value(plan), PlanCheck::Live, &exitCode);
        if (!given)
            return exitCode;
    }
    auto *job = new BuildChainJob(parser.value(leaf), parser.values(ca), parser.value(output));
    JobQueue queue;
    queue.addJob(job);
    CliRunner runner(&queue, job->title(), {});
    if (!runner.run())
        return exitFor(job->result().error());
    for (const Evidence &e : job->report().evidence) {
        if (e.kind == Evidence::Kind::Note)
            err(CliTr::tr("note: %1\n").arg(e.text));
    }
    return verifyWrittenChain(parser.value(output), parser.values(ca),
                              given ? PlanChoice{given, {}}
                                    : findProjectPlan(projectFolders(parser.value(output))));
}

int certVerify(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption chain(u"chain"_s, CliTr::tr("The machine chain file (leaf first)."), u"FILE"_s);
    const QCommandLineOption key(u"key"_s, CliTr::tr("The private key to match."), u"FILE"_s);
    const QCommandLineOption ca(u"ca"_s, CliTr::tr("A root or intermediate certificate (repeatable)."),
                                u"FILE"_s);
    const QCommandLineOption plan = planOption();
    const QCommandLineOption format(u"format"_s, CliTr::tr("text (default) or json."), u"text|json"_s,
                                    u"text"_s);
    parser.addOptions({chain, key, ca, plan, format});
    bool help = false;
    const QString synopsis = CliTr::tr("Usage: vlab cert verify --chain FILE [--key FILE] [--ca FILE ...] "
                                       "[--plan PLAN] [--format text|json]");
    if (!parseVerb(parser, args, synopsis, 0, &help))
        return BadInput;
    if (help)
        return Ok;
    if (!parser.isSet(chain)) {
        err(CliTr::tr("vlab: cert verify needs --chain FILE\n%1\n").arg(synopsis));
        return BadInput;
    }
    const QString fmt = parser.value(format);
    if (fmt != u"text"_s && fmt != u"json"_s) {
        err(CliTr::tr("vlab: --format must be text or json, not \"%1\".\n").arg(fmt));
        return BadInput;
    }
    // The chain file lies in <project>/certs: the project's plan is next to that folder.
    int exitCode = Ok;
    const std::optional<PlanChoice> choice =
        choosePlan(parser, plan, projectFolders(QFileInfo(parser.value(chain)).absolutePath()), &exitCode);
    if (!choice)
        return exitCode;
    int code = Ok;
    const auto report =
        verify(parser.value(chain), parser.value(key), parser.values(ca), choice->plan, &code);
    if (!report)
        return code;
    const int result = printReport(*report, fmt == u"json"_s, *choice);
    return report->inputError ? BadInput : result;
}

int certShow(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"FILE"_s,
                                 CliTr::tr("A certificate, bundle or request (PEM, DER, PKCS#7)."));
    bool help = false;
    if (!parseVerb(parser, args, CliTr::tr("Usage: vlab cert show FILE"), 1, &help))
        return BadInput;
    if (help)
        return Ok;
    const QString file = parser.positionalArguments().constFirst();
    const Result<CertSource> source = readCertSource(file);
    if (!source)
        return fail(source.error());
    const Result<QList<CertInfo>> infos = describeCertificates(source->data, source->name);
    if (!infos)
        return fail(infos.error());
    for (qsizetype i = 0; i < infos->size(); ++i) {
        if (infos->size() > 1)
            out(CliTr::tr("[%1 of %2] ").arg(QString::number(i + 1), QString::number(infos->size())));
        out(infos->at(i).toText());
    }
    return Ok;
}

} // namespace

Verb certVerbs()
{
    const auto verb = [](const QString &name, int (*run)(const QStringList &)) {
        return Verb{{name}, {}, {}, [run](const QString &, const QStringList &args) { return run(args); },
                    {},     {}};
    };
    return verbGroup(u"cert"_s,
                     {verb(u"config"_s, certConfig), verb(u"csr"_s, certCsr),
                      verb(u"sign-vmca"_s, certSignVmca), verb(u"chain"_s, certChain),
                      verb(u"verify"_s, certVerify), verb(u"show"_s, certShow)},
                     certUsage, CliTr::tr("the PSC machine certificate (vlab cert --help)"));
}

} // namespace vlab::cli
