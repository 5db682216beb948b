#include "vsphere/vcsadeployjob.h"

#include "core/atomicfile.h"
#include "core/secretmask.h"
#include "core/tr.h"
#include "vsphere/applianceprobejob.h"
#include "vsphere/vcenterclient.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#ifdef Q_OS_UNIX
#include <csignal>
#include <unistd.h>
#endif
#ifdef Q_OS_LINUX
#include <poll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#endif

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

constexpr qsizetype kTailLines = 40;
constexpr qsizetype kEvidenceLines = 80;
constexpr int kErrorLines = 5;
// How long (in 5 ms polls) to wait for the rest of the installer's group after its exit.
constexpr int kGroupWaitPolls = 400;

#ifdef Q_OS_LINUX
// Runs in the installer's process after fork, before exec: only async-signal-safe calls.
// It forks a watchdog into the installer's new group. The watchdog waits for this program
// (`owner`) to end; if the installer is still running then (this program was killed with
// SIGKILL, or crashed, so nothing stopped it), it deletes the filled template, which holds
// passwords, and ends the group: TERM, then KILL after a grace. A normal end of the installer
// takes the watchdog with it (PR_SET_PDEATHSIG), so nothing is left either way.
void forkInstallerWatchdog(pid_t owner, const char *templateFile, const char *templateDir)
{
    const pid_t installer = ::getpid();
    if (::fork() != 0)
        return; // the installer (or, when fork failed, the installer without a watchdog)
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != installer)
        ::_exit(0); // the installer has ended already
    // Nothing inherited is kept open: no pipe of the installer, no socket of this program.
    if (::syscall(SYS_close_range, 0U, ~0U, 0U) != 0) {
        for (int fd = 0; fd < 65536; ++fd)
            ::close(fd);
    }
    const int owned = int(::syscall(SYS_pidfd_open, owner, 0U));
    if (owned >= 0) {
        pollfd waitFor{owned, POLLIN, 0};
        while (::poll(&waitFor, 1, -1) < 0) { }
    } else {
        while (::kill(owner, 0) == 0) {
            const timespec tick{0, 200'000'000};
            ::nanosleep(&tick, nullptr);
        }
    }
    ::prctl(PR_SET_PDEATHSIG, 0); // the installer may go now: the watchdog finishes the job
    ::unlink(templateFile);
    ::rmdir(templateDir);
    struct sigaction ignore = {};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGTERM, &ignore, nullptr);
    ::kill(-installer, SIGTERM);
    const timespec grace{3, 0};
    ::nanosleep(&grace, nullptr);
    ::kill(-installer, SIGKILL); // whatever ignored TERM, and the watchdog itself
    ::_exit(0);
}
#endif

#ifdef Q_OS_UNIX
// Whether a process of `group` still runs. A member that has ended but waits to be reaped (a
// zombie, reparented to an init that reaps when it gets to it) no longer runs: on Linux the
// process table says so; elsewhere any member counts.
bool groupRuns(pid_t group)
{
    if (::kill(-group, 0) != 0)
        return false;
#ifdef Q_OS_LINUX
    const QByteArray wanted = QByteArray::number(group);
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        if (entry.isEmpty() || !entry.at(0).isDigit())
            continue;
        QFile stat(u"/proc/"_s + entry + u"/stat"_s);
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 2 && fields.at(2) == wanted && fields.at(0) != "Z" && fields.at(0) != "X")
            return true;
    }
    return false;
#else
    return true;
#endif
}
#endif

// The environment variables that may hold passwords: never handed on to the installer.
bool isSecretVariable(const QString &name)
{
    return name.startsWith(u"VLAB_"_s) && name.endsWith(u"PASSWORD"_s);
}

QJsonValue fillValue(const QJsonValue &value, const QHash<QString, QString> &fill, QString *unfilled)
{
    if (value.isObject()) {
        QJsonObject out = value.toObject();
        for (auto it = out.begin(); it != out.end(); ++it)
            *it = fillValue(*it, fill, unfilled);
        return out;
    }
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(fillValue(v, fill, unfilled));
        return out;
    }
    if (value.isString()) {
        const QString text = value.toString();
        if (const auto it = fill.constFind(text); it != fill.cend()) {
            if (!it->isEmpty())
                return *it;
            if (unfilled->isEmpty())
                *unfilled = text;
        }
    }
    return value;
}

QString newestInstallerLog(const QString &folder)
{
    QString newest;
    QDateTime newestTime;
    QDirIterator it(folder, {u"vcsa-cli-installer.log"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        if (newest.isEmpty() || info.lastModified() > newestTime) {
            newest = info.filePath();
            newestTime = info.lastModified();
        }
    }
    return newest;
}

} // namespace

QString vcsaDeployRelativePath()
{
#if defined(Q_OS_WIN)
    return u"vcsa-cli-installer/win32/vcsa-deploy.exe"_s;
#elif defined(Q_OS_MACOS)
    return u"vcsa-cli-installer/mac/vcsa-deploy"_s;
#else
    return u"vcsa-cli-installer/lin64/vcsa-deploy"_s;
#endif
}

Result<QString> findVcsaDeploy(const QString &isoFolder)
{
    if (isoFolder.trimmed().isEmpty())
        return makeError(u"vcsa.installer.missing"_s,
                         Tr::tr("Choose the folder where the VCSA ISO is mounted."));
    const QDir iso(isoFolder);
    QString path = iso.filePath(vcsaDeployRelativePath());
    // The user may have chosen the vcsa-cli-installer folder itself.
    if (!QFileInfo::exists(path) && iso.dirName() == u"vcsa-cli-installer"_s)
        path = iso.filePath(vcsaDeployRelativePath().section(u'/', 1));
    const QFileInfo info(path);
    if (!info.exists() || info.isDir())
        return makeError(u"vcsa.installer.missing"_s,
                         Tr::tr("The VCSA installer is not where it belongs on the ISO: %1 does not exist. "
                                "Choose the folder where the VCSA ISO is mounted.")
                             .arg(QDir::toNativeSeparators(iso.filePath(vcsaDeployRelativePath()))));
    if (!info.isExecutable())
        return makeError(u"vcsa.installer.notexec"_s,
                         Tr::tr("%1 is not executable (is the ISO mounted with noexec?).")
                             .arg(QDir::toNativeSeparators(path)));
    return info.absoluteFilePath();
}

Result<QByteArray> fillVcsaTemplate(const QByteArray &templateJson, const VcsaSecrets &secrets)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(templateJson, &parseError);
    if (!doc.isObject())
        return makeError(
            u"vcsa.template.json"_s,
            Tr::tr("The installer template is not a JSON object: %1").arg(parseError.errorString()));
    const QHash<QString, QString> fill = {
        {QString::fromLatin1(VcsaPlaceholders::Target), secrets.targetPassword},
        {QString::fromLatin1(VcsaPlaceholders::Root), secrets.rootPassword},
        {QString::fromLatin1(VcsaPlaceholders::Sso), secrets.ssoPassword}};
    QString unfilled;
    const QJsonValue filled = fillValue(doc.object(), fill, &unfilled);
    if (!unfilled.isEmpty())
        return makeError(u"vcsa.template.placeholder"_s,
                         Tr::tr("The template needs a password for %1, but none was given.").arg(unfilled));
    return QJsonDocument(filled.toObject()).toJson(QJsonDocument::Indented);
}

QString vcsaRoleName(VcsaRole role)
{
    switch (role) {
    case VcsaRole::Psc1:
        return u"psc1"_s;
    case VcsaRole::Psc2:
        return u"psc2"_s;
    case VcsaRole::VCenter:
        return u"vcenter"_s;
    }
    return {};
}

QString VcsaDeployJob::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::VerifyTemplate:
        return Tr::tr("Template check");
    case Phase::Precheck:
        return Tr::tr("Precheck");
    case Phase::Install:
        return Tr::tr("Install");
    }
    return {};
}

VcsaDeployJob::VcsaDeployJob(VcsaDeployRequest request, QObject *parent)
    : Job(request.precheckOnly ? Tr::tr("Precheck %1 with vcsa-deploy").arg(vcsaRoleName(request.role))
                               : Tr::tr("Install %1 with vcsa-deploy").arg(vcsaRoleName(request.role)),
          Tr::tr("Runs the VCSA CLI installer: template check, precheck%1.")
              .arg(request.precheckOnly ? QString() : Tr::tr(", install")),
          parent)
    , m_request(std::move(request))
{
    const QString role = vcsaRoleName(m_request.role);
    setKey(m_request.precheckOnly ? u"vcsa.%1.precheck"_s.arg(role) : u"vcsa.%1.install"_s.arg(role));
    if (!m_request.precheckOnly)
        describeChanges();
    // Where the appliance goes: the ESXi host or managing vCenter the template names.
    const QJsonObject location =
        QJsonDocument::fromJson(m_request.templateJson).object().value(u"new_vcsa"_s).toObject();
    setTarget(location.value(location.contains(u"vc"_s) ? u"vc"_s : u"esxi"_s)
                  .toObject()
                  .value(u"hostname"_s)
                  .toString());
    m_killTimer.setSingleShot(true);
    connect(&m_killTimer, &QTimer::timeout, this, [this] { signalTree(true); });
}

namespace {

// The first string value of `key` anywhere under `value` (templates nest it by target kind).
QString findText(const QJsonValue &value, const QString &key)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (const QJsonValue v = object.value(key); v.isString())
            return v.toString();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (QString found = findText(it.value(), key); !found.isEmpty())
                return found;
        }
    }
    return {};
}

} // namespace

OutcomeProbe VcsaDeployJob::outcomeProbe() const
{
    if (m_request.precheckOnly)
        return {};
    const QJsonValue root = QJsonDocument::fromJson(m_request.templateJson).object().value(u"new_vcsa"_s);
    ApplianceProbeRequest look;
    look.installer = m_request.installer;
    look.name = findText(root, u"name"_s);
    look.fqdn = findText(root, u"system_name"_s);
    look.ip = findText(root, u"ip"_s);
    look.host = findText(root, u"hostname"_s);
    if (look.fqdn.isEmpty())
        return {};
    return {new ApplianceProbeJob(look), [](const Job &finished) {
                return static_cast<const ApplianceProbeJob &>(finished).outcome();
            }};
}

// What the person approves before the installer runs, read from the template it will get.
void VcsaDeployJob::describeChanges()
{
    const QJsonValue root = QJsonDocument::fromJson(m_request.templateJson).object().value(u"new_vcsa"_s);
    const QString host = findText(root, u"hostname"_s);
    m_applianceName = findText(root, u"name"_s);
    m_targetHost = host;
    QStringList changes;
    changes << Tr::tr("Deploy the appliance \"%1\" (%2, %3, size %4) on datastore %5, network %6")
                   .arg(findText(root, u"name"_s), findText(root, u"system_name"_s), findText(root, u"ip"_s),
                        findText(root, u"deployment_option"_s), findText(root, u"datastore"_s),
                        findText(root, u"deployment_network"_s));
    switch (m_request.role) {
    case VcsaRole::Psc1:
        changes << Tr::tr("Create the SSO domain %1 with the site %2")
                       .arg(findText(root, u"domain_name"_s), findText(root, u"site_name"_s));
        break;
    case VcsaRole::Psc2:
        changes << Tr::tr("Join the SSO domain %1, replicating with %2")
                       .arg(findText(root, u"domain_name"_s),
                            findText(root, u"replication_partner_hostname"_s));
        break;
    case VcsaRole::VCenter:
        changes << Tr::tr("Register the vCenter with the Platform Services Controller %1")
                       .arg(findText(root, u"platform_services_controller"_s));
        break;
    }
    changes << Tr::tr("The installer runs for 20 to 40 minutes; a cancelled or failed install can leave a "
                      "half-made appliance on the host, to be deleted before a retry");
    if (m_request.noSslVerification)
        changes << Tr::tr("The host's certificate is not verified (--no-ssl-certificate-verification)");
    setPlannedChanges(host, changes);
}

VcsaDeployJob::~VcsaDeployJob()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        signalTree(true);
        m_process->waitForFinished(2000);
#ifdef Q_OS_UNIX
        // The rest of its group too (bounded, as after a normal exit).
        for (int polls = 0; m_pid > 0 && groupRuns(pid_t(m_pid)) && polls < kGroupWaitPolls; ++polls)
            ::usleep(5000);
#endif
    }
    removeTemplate();
}

qreal VcsaDeployJob::phaseStart(Phase phase) const
{
    switch (phase) {
    case Phase::VerifyTemplate:
        return 0.0;
    case Phase::Precheck:
        return m_request.precheckOnly ? 0.3 : 0.05;
    case Phase::Install:
        return 0.2;
    }
    return 0.0;
}

qreal VcsaDeployJob::phaseEnd(Phase phase) const
{
    switch (phase) {
    case Phase::VerifyTemplate:
        return m_request.precheckOnly ? 0.3 : 0.05;
    case Phase::Precheck:
        return m_request.precheckOnly ? 1.0 : 0.2;
    case Phase::Install:
        return 1.0;
    }
    return 1.0;
}

QString VcsaDeployJob::mask(QString text) const
{
    // Literal, JSON-escaped (as the installer logs its template), shell-escaped and URL-encoded.
    return maskSecrets(
        std::move(text),
        {m_request.secrets.targetPassword, m_request.secrets.rootPassword, m_request.secrets.ssoPassword});
}

QStringList VcsaDeployJob::argumentsFor(Phase phase) const
{
    // Every phase with the EULA and CEIP flags, as the stock examples run them
    // (docs/sources.md, "vcsa-deploy": "vcsa-deploy install --accept-eula --verify-template-only").
    QStringList args{u"install"_s, u"--accept-eula"_s, u"--acknowledge-ceip"_s};
    switch (phase) {
    case Phase::VerifyTemplate:
        args << u"--verify-template-only"_s;
        break;
    case Phase::Precheck:
        args << u"--precheck-only"_s;
        break;
    case Phase::Install:
        break;
    }
    if (phase != Phase::VerifyTemplate && m_request.noSslVerification)
        args << u"--no-ssl-certificate-verification"_s;
    args << u"--terse"_s << u"--log-dir"_s << m_logDir << m_templatePath;
    return args;
}

void VcsaDeployJob::run()
{
    const QString role = vcsaRoleName(m_request.role);
    // One log folder per run; the installer adds a workflow_<time> folder per phase.
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    QString logDir = QDir(m_request.logRoot).filePath(u"vcsa-%1-%2"_s.arg(role, stamp));
    for (int n = 2; QFileInfo::exists(logDir); ++n)
        logDir = QDir(m_request.logRoot).filePath(u"vcsa-%1-%2-%3"_s.arg(role, stamp, QString::number(n)));
    if (!QDir().mkpath(logDir))
        return end(makeError(u"vcsa.logdir"_s, Tr::tr("Cannot create the log folder %1.").arg(logDir)));
    m_logDir = QFileInfo(logDir).absoluteFilePath();
    mutableReport().add(Evidence::Kind::File, m_logDir, u"installer log folder"_s);

    const Result<QByteArray> filled = fillVcsaTemplate(m_request.templateJson, m_request.secrets);
    if (!filled)
        return end(filled.error());

    // A private folder (0700) holding the filled template (0600, written atomically).
    const QString base = m_request.tempFolder.isEmpty() ? QDir::tempPath() : m_request.tempFolder;
    m_tempDir = std::make_unique<QTemporaryDir>(QDir(base).filePath(u"vlab-vcsa-XXXXXX"_s));
    if (!m_tempDir->isValid())
        return end(makeError(u"vcsa.tempfile"_s,
                             Tr::tr("Cannot create a private temporary folder in %1: %2")
                                 .arg(base, m_tempDir->errorString())));
    const QString path = m_tempDir->filePath(vcsaTemplateFileName(m_request.role));
    const Result<WrittenFile> written =
        writeFileAtomically(path, *filled, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!written)
        return end(written.error());
    m_templatePath = path;
    // The hash of the template as the writer made it (with placeholders): a hash of the
    // filled file would let someone test password guesses against the evidence.
    mutableReport().add(
        Evidence::Kind::Note,
        u"Template %1 written with mode 0600 (removed after the run); SHA-256 without passwords: %2"_s.arg(
            path, sha256Hex(m_request.templateJson)));
    startPhase(Phase::VerifyTemplate);
}

void VcsaDeployJob::startPhase(Phase phase)
{
    m_phase = phase;
    m_parser = VcsaOutputParser();
    m_phaseOutput.clear();
    m_pending.clear();

    m_process = new QProcess(this);
    m_process->setProgram(m_request.installer);
    m_process->setArguments(argumentsFor(phase));
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setWorkingDirectory(m_logDir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (isSecretVariable(name))
            env.remove(name);
    }
    m_process->setProcessEnvironment(env);
#ifdef Q_OS_UNIX
    // A process group of its own, so that cancel ends the installer and everything it started.
#ifdef Q_OS_LINUX
    const pid_t owner = ::getpid();
    m_process->setChildProcessModifier(
        [owner, templateFile = QFile::encodeName(m_templatePath),
         templateDir = QFile::encodeName(m_tempDir ? m_tempDir->path() : QString())] {
            ::setsid();
            forkInstallerWatchdog(owner, templateFile.constData(), templateDir.constData());
        });
#else
    m_process->setChildProcessModifier([] { ::setsid(); });
#endif
#endif
    connect(m_process, &QProcess::readyReadStandardOutput, this, &VcsaDeployJob::readOutput);
    connect(m_process, &QProcess::finished, this, &VcsaDeployJob::onProcessFinished);
    connect(m_process, &QProcess::errorOccurred, this, &VcsaDeployJob::onProcessError);

    const QString command = QStringList(QStringList{m_request.installer} + m_process->arguments()).join(u' ');
    mutableReport().add(
        Evidence::Kind::Command, command,
        u"%1 started %2"_s.arg(phaseName(phase), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)));
    log(u"$ "_s + command);
    setProgress(phaseStart(phase), phaseName(phase));
    m_process->start();
    m_pid = m_process->processId();
}

void VcsaDeployJob::readOutput()
{
    if (!m_process)
        return;
    m_pending += m_process->readAllStandardOutput();
    qsizetype end;
    while ((end = m_pending.indexOf('\n')) >= 0) {
        const QByteArray line = m_pending.left(end);
        m_pending.remove(0, end + 1);
        handleLine(QString::fromUtf8(line).remove(u'\r'));
    }
    // An installer that prints without ever ending a line (a progress spinner gone wrong, a
    // binary dump) must not fill memory: what passes one long line is shown cut.
    constexpr qsizetype kMaxLineBytes = 64 * 1024;
    if (m_pending.size() > kMaxLineBytes) {
        handleLine(QString::fromUtf8(m_pending.left(kMaxLineBytes)).remove(u'\r') + u" [...]"_s);
        m_pending.clear();
    }
}

void VcsaDeployJob::handleLine(const QString &rawLine)
{
    const QString line = mask(rawLine);
    m_phaseOutput << line;
    if (m_phaseOutput.size() > kEvidenceLines)
        m_phaseOutput.removeFirst();
    m_tail << line;
    if (m_tail.size() > kTailLines)
        m_tail.removeFirst();
    log(line);
    const VcsaOutputParser::Update update = m_parser.feed(line);
    const QString status = update.status.isEmpty() ? QString() : phaseName(m_phase) + u": "_s + update.status;
    if (update.progress) {
        const qreal from = phaseStart(m_phase);
        setProgress(from + *update.progress * (phaseEnd(m_phase) - from), status);
    } else if (!status.isEmpty()) {
        setProgress(progress(), status);
    }
}

void VcsaDeployJob::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    if (!m_process)
        return;
    readOutput();
    if (!m_pending.isEmpty()) {
        handleLine(QString::fromUtf8(m_pending).remove(u'\r'));
        m_pending.clear();
    }
    m_process->deleteLater();
    m_process = nullptr;
    // Whatever the installer left running in its group goes with it, and the phase ends only
    // when that is gone too: "stopped" must mean nothing of the installer still runs. KILL
    // is delivered asynchronously, so poll briefly (bounded: a member that stays a zombie
    // under an init that never reaps would otherwise hold the run).
    m_killTimer.stop();
    signalTree(true);
    const bool crashed = status != QProcess::NormalExit;
#ifdef Q_OS_UNIX
    const pid_t group = pid_t(m_pid);
    if (group > 0 && groupRuns(group)) {
        auto waited = std::make_shared<int>(0);
        m_goneTimer.setInterval(5);
        m_goneTimer.disconnect(this);
        connect(&m_goneTimer, &QTimer::timeout, this, [this, group, waited, exitCode, crashed] {
            if (groupRuns(group) && ++*waited < kGroupWaitPolls)
                return;
            m_goneTimer.stop();
            afterTreeGone(exitCode, crashed);
        });
        m_goneTimer.start();
        return;
    }
#endif
    afterTreeGone(exitCode, crashed);
}

void VcsaDeployJob::afterTreeGone(int exitCode, bool crashed)
{
    m_pid = 0;
    mutableReport().add(Evidence::Kind::Received,
                        crashed ? u"%1: the installer ended abnormally"_s.arg(phaseName(m_phase))
                                : u"%1: exit code %2"_s.arg(phaseName(m_phase), QString::number(exitCode)),
                        m_phaseOutput.join(u'\n'));
    if (!m_parser.workflowLogDir().isEmpty())
        mutableReport().add(Evidence::Kind::Note,
                            u"WorkFlow log directory: %1"_s.arg(m_parser.workflowLogDir()));

    if (isCancelRequested())
        return end(makeError(u"job.cancelled"_s,
                             Tr::tr("The installer was stopped during the %1 phase. Logs: %2")
                                     .arg(phaseName(m_phase), m_logDir)
                                 + leftBehind(),
                             u"stopped during: %1\nlog: %2"_s.arg(phaseName(m_phase), m_logDir)));
    if (crashed || exitCode != 0) {
        Error failure = phaseFailure(exitCode, crashed);
        failure.message += leftBehind();
        return end(failure);
    }
    switch (m_phase) {
    case Phase::VerifyTemplate:
        return startPhase(Phase::Precheck);
    case Phase::Precheck:
        if (m_request.precheckOnly)
            return end({});
        return startPhase(Phase::Install);
    case Phase::Install:
        if (!m_parser.completed())
            mutableReport().add(
                Evidence::Kind::Note,
                u"Exit code 0 without \"Successfully completed VCSA deployment.\" in the output"_s);
        return end({});
    }
}

void VcsaDeployJob::onProcessError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || !m_process)
        return;
    const QString why = m_process->errorString();
    m_process->deleteLater();
    m_process = nullptr;
    end(makeError(u"vcsa.start"_s,
                  Tr::tr("Cannot start the installer %1: %2").arg(m_request.installer, why)));
}

// What an install stopped half way leaves on the lab, and how to undo it.
QString VcsaDeployJob::leftBehind() const
{
    if (m_phase != Phase::Install)
        return {}; // the template check and the precheck change nothing
    return u' '
        + Tr::tr(
              "A half-made appliance \"%1\" may be left on %2: power it off and delete it (Delete from Disk "
              "in the vSphere Client) before you install again, with the Install button or "
              "'vlab vcsa run'.")
              .arg(m_applianceName, m_targetHost);
}

Error VcsaDeployJob::phaseFailure(int exitCode, bool crashed) const
{
    const QString code = m_phase == Phase::VerifyTemplate ? u"vcsa.template"_s
        : m_phase == Phase::Precheck                      ? u"vcsa.precheck"_s
                                                          : u"vcsa.install"_s;
    // Where to look: the installer's own workflow folder, else its newest log under --log-dir.
    QString logFile;
    if (!m_parser.workflowLogDir().isEmpty())
        logFile = QDir(m_parser.workflowLogDir()).filePath(u"vcsa-cli-installer.log"_s);
    if (logFile.isEmpty() || !QFileInfo::exists(logFile))
        logFile = newestInstallerLog(m_logDir);
    QStringList errorLines;
    if (QFile file(logFile); !logFile.isEmpty() && file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        while (!file.atEnd() && errorLines.size() < kErrorLines) {
            const QString line = QString::fromUtf8(file.readLine()).trimmed();
            if (line.contains(u" - ERROR - "_s))
                errorLines << mask(line);
        }
    }
    const QString logPath = !m_parser.workflowLogDir().isEmpty() ? m_parser.workflowLogDir()
        : !logFile.isEmpty()                                     ? logFile
                                                                 : m_logDir;
    QString reason;
    if (!m_parser.failureReason().isEmpty()) {
        reason = m_parser.failureHint().isEmpty()
            ? m_parser.failureReason()
            : Tr::tr("%1 (suggested: %2)").arg(m_parser.failureReason(), m_parser.failureHint());
    } else if (!errorLines.isEmpty()) {
        reason = errorLines.constFirst().section(u" - ERROR - "_s, 1).trimmed();
    } else if (crashed) {
        reason = Tr::tr("the installer ended abnormally");
    } else {
        reason = Tr::tr("the installer exited with code %1").arg(exitCode);
    }
    QStringList details{u"phase: %1"_s.arg(phaseName(m_phase)),
                        crashed ? u"ended abnormally"_s : u"exit code: %1"_s.arg(exitCode),
                        u"log: %1"_s.arg(logPath)};
    if (!m_parser.failedTask().isEmpty())
        details << u"failed task: %1"_s.arg(m_parser.failedTask());
    if (!errorLines.isEmpty())
        details << u"log errors:"_s << errorLines;
    details << u"last output:"_s << m_phaseOutput.mid(qMax<qsizetype>(0, m_phaseOutput.size() - 15));
    return makeError(code,
                     Tr::tr("%1 of %2 failed: %3. Logs: %4")
                         .arg(phaseName(m_phase), vcsaRoleName(m_request.role), reason, logPath),
                     details.join(u'\n'));
}

void VcsaDeployJob::onCancel()
{
    if (!m_process) {
        end(makeError(u"job.cancelled"_s, Tr::tr("Cancelled.")));
        return;
    }
    log(u"Stopping the installer (%1)"_s.arg(phaseName(m_phase)));
    signalTree(false);
    m_killTimer.start(m_killGrace);
}

void VcsaDeployJob::signalTree(bool hard)
{
#ifdef Q_OS_UNIX
    if (m_pid > 0 && ::kill(pid_t(-m_pid), hard ? SIGKILL : SIGTERM) == 0)
        return;
#endif
    // No group (yet) or not Unix: at least the installer itself.
    if (m_process && m_process->state() != QProcess::NotRunning) {
        if (hard)
            m_process->kill();
        else
            m_process->terminate();
    }
}

void VcsaDeployJob::removeTemplate()
{
    if (m_tempDir) {
        m_tempDir->remove();
        m_tempDir.reset();
    }
    m_templatePath.clear();
}

void VcsaDeployJob::end(Result<void> result)
{
    if (m_ending)
        return;
    m_ending = true;
    m_killTimer.stop();
    m_goneTimer.stop();
    removeTemplate();
    finish(std::move(result));
}

} // namespace vlab
