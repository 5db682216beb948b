#include "sshdfixture.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>

#include <algorithm>
#include <csignal>
#include <pwd.h>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int kReadyMs = 15000;
constexpr qsizetype kMaxLog = 64 * 1024;
const QString kTestUser = u"vlabtest"_s;

SshdStart started()
{
    return {SshdStart::Outcome::Started, {}};
}

SshdStart failed(const QString &why)
{
    return {SshdStart::Outcome::Failed, why};
}

SshdStart missingTool(const QString &tool, const QString &package)
{
    const bool ci = qEnvironmentVariable("CI") == u"true"_s;
    return {ci ? SshdStart::Outcome::Failed : SshdStart::Outcome::Unavailable,
            u"%1 is not installed (Debian package %2; .ci/setup installs it)"_s.arg(tool, package)};
}

bool writeText(const QString &path, const QString &text, QFileDevice::Permissions permissions)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text.toUtf8()) < 0)
        return false;
    f.close();
    return QFile::setPermissions(path, permissions);
}

QString randomPassword()
{
    static const QString alphabet = u"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.%+"_s;
    QString pw;
    for (int i = 0; i < 24; ++i)
        pw += alphabet.at(int(QRandomGenerator::system()->bounded(quint32(alphabet.size()))));
    return pw + u"Aa1-"_s; // every character class, whatever the draw
}

// Every process below `root` (children, grandchildren ...), from /proc.
QList<qint64> descendants(qint64 root)
{
    QHash<qint64, QList<qint64>> children;
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (!ok)
            continue;
        QFile stat(u"/proc/%1/stat"_s.arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll(); // "pid (name) S ppid ..."
        const qsizetype close = line.lastIndexOf(')');
        if (close < 0)
            continue;
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        if (fields.size() > 1)
            children[fields.at(1).toLongLong()].append(pid);
    }
    QList<qint64> result;
    QList<qint64> queue{root};
    while (!queue.isEmpty()) {
        const qint64 pid = queue.takeFirst();
        for (qint64 child : children.value(pid)) {
            result.append(child);
            queue.append(child);
        }
    }
    return result;
}

} // namespace

SshdFixture::SshdFixture(QObject *parent)
    : QObject(parent)
{
}

SshdFixture::~SshdFixture()
{
    stop();
}

QString SshdFixture::findTool(const QString &name)
{
    const QString inPath = QStandardPaths::findExecutable(name);
    if (!inPath.isEmpty())
        return inPath;
    return QStandardPaths::findExecutable(name, {u"/usr/sbin"_s, u"/sbin"_s, u"/usr/bin"_s, u"/bin"_s});
}

QString SshdFixture::path(const QString &name) const
{
    return m_dir.filePath(name);
}

QString SshdFixture::clientKeyFile() const
{
    return path(u"client_ed25519"_s);
}

QString SshdFixture::remoteDir() const
{
    return path(u"remote"_s);
}

bool SshdFixture::isRunning() const
{
    return m_sshd && m_sshd->state() == QProcess::Running;
}

bool SshdFixture::runTool(const QString &program, const QStringList &args, const QByteArray &input,
                          QString *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        *output = u"%1 did not start: %2"_s.arg(program, p.errorString());
        return false;
    }
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(3000);
        *output = u"%1 did not finish"_s.arg(program);
        return false;
    }
    *output = QString::fromLocal8Bit(p.readAll()).trimmed();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *output = u"%1 %2 failed (exit %3): %4"_s.arg(program, args.join(u' '), QString::number(p.exitCode()),
                                                      *output);
        return false;
    }
    return true;
}

SshdStart SshdFixture::setUpUser()
{
    const passwd *me = ::getpwuid(::geteuid());
    const QString currentUser = me ? QString::fromLocal8Bit(me->pw_name) : QString();
    const bool root = ::geteuid() == 0;
    // As root (CI, containers) the tests log in as their own user vlabtest, whose shell prints
    // nothing; root's own start-up files are nobody's business here and may be noisy.
    if (!root) {
        m_user = currentUser;
        m_noPasswordReason = u"password logins need root (sshd reads /etc/shadow; CI runs as root)"_s;
        return started();
    }
    const QString script = QStringLiteral(VLAB_SOURCE_DIR "/tests/tools/sshd-test-user.sh");
    const QString password = randomPassword();
    QString output;
    if (!runTool(u"/bin/bash"_s, {script, kTestUser}, password.toUtf8() + '\n', &output))
        return failed(u"cannot set up the test user: %1"_s.arg(output));
    m_user = kTestUser;
    m_password = password;
    return started();
}

SshdStart SshdFixture::prepare()
{
    if (m_prepared)
        return started();
    if (!m_dir.isValid())
        return failed(u"no temporary folder"_s);
    if (findTool(u"sshd"_s).isEmpty())
        return missingTool(u"sshd"_s, u"openssh-server"_s);
    if (findTool(u"ssh-keygen"_s).isEmpty())
        return missingTool(u"ssh-keygen"_s, u"openssh-client"_s);
    // The test user must reach its authorized_keys, the scripts and its upload folder.
    QFile::setPermissions(m_dir.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                              | QFileDevice::ExeOther);
    if (::geteuid() == 0 && !QFileInfo::exists(u"/run/sshd"_s)) {
        // sshd's privilege separation folder; Debian's service start makes it, a container may not have it.
        if (!QDir().mkpath(u"/run/sshd"_s))
            return failed(u"cannot create /run/sshd"_s);
    }
    const SshdStart user = setUpUser();
    if (!user.started())
        return user;

    QString output;
    QFile::remove(clientKeyFile());
    if (!runTool(findTool(u"ssh-keygen"_s),
                 {u"-q"_s, u"-t"_s, u"ed25519"_s, u"-N"_s, QString(), u"-C"_s, u"vlab-test-client"_s, u"-f"_s,
                  clientKeyFile()},
                 {}, &output))
        return failed(output);
    QFile pub(clientKeyFile() + u".pub"_s);
    if (!pub.open(QIODevice::ReadOnly))
        return failed(u"no client public key"_s);
    if (!writeText(path(u"authorized_keys"_s), QString::fromLatin1(pub.readAll()),
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                       | QFileDevice::ReadOther))
        return failed(u"cannot write authorized_keys"_s);

    if (!QDir().mkpath(remoteDir()))
        return failed(u"cannot create %1"_s.arg(remoteDir()));
    if (const passwd *pw = ::getpwnam(m_user.toLocal8Bit().constData())) {
        const QByteArray dir = remoteDir().toLocal8Bit();
        if (::chown(dir.constData(), pw->pw_uid, pw->pw_gid) != 0 && ::geteuid() == 0)
            return failed(u"cannot hand %1 to %2"_s.arg(remoteDir(), m_user));
    }
    // A free port: bound and released just before sshd binds it (SO_REUSEADDR on both sides).
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress(host()), 0))
            return failed(u"no free TCP port on %1: %2"_s.arg(host(), probe.errorString()));
        m_port = probe.serverPort();
    }
    m_prepared = true;
    return makeHostKey();
}

SshdStart SshdFixture::makeHostKey()
{
    const QString key = path(u"ssh_host_ed25519_key"_s);
    QFile::remove(key);
    QFile::remove(key + u".pub"_s);
    QString output;
    if (!runTool(findTool(u"ssh-keygen"_s),
                 {u"-q"_s, u"-t"_s, u"ed25519"_s, u"-N"_s, QString(), u"-C"_s,
                  u"vlab-test-host-%1"_s.arg(++m_hostKeyGeneration), u"-f"_s, key},
                 {}, &output))
        return failed(output);
    if (!runTool(findTool(u"ssh-keygen"_s), {u"-l"_s, u"-E"_s, u"sha256"_s, u"-f"_s, key + u".pub"_s}, {},
                 &output))
        return failed(output);
    // "256 SHA256:... comment (ED25519)"
    m_hostFingerprint = output.section(u' ', 1, 1);
    if (!m_hostFingerprint.startsWith(u"SHA256:"_s))
        return failed(u"unexpected ssh-keygen -l output: %1"_s.arg(output));
    return started();
}

QString SshdFixture::hostPublicKey() const
{
    QFile pub(path(u"ssh_host_ed25519_key.pub"_s));
    if (!pub.open(QIODevice::ReadOnly))
        return {};
    // "ssh-ed25519 AAAA... comment": the type and the key.
    const QStringList parts = QString::fromLatin1(pub.readAll()).simplified().split(u' ');
    return parts.size() >= 2 ? parts.at(0) + u' ' + parts.at(1) : QString();
}

SshdStart SshdFixture::launch()
{
    const QString sftpServer = QFileInfo::exists(u"/usr/lib/openssh/sftp-server"_s)
        ? u"/usr/lib/openssh/sftp-server"_s
        : u"internal-sftp"_s;
    const QString config = path(u"sshd_config"_s);
    const QString text =
        u"# vLab Wizard SSH test server: loopback only, throwaway keys, one user.\n"
        "Port %1\n"
        "ListenAddress %2\n"
        "ListenAddress %7\n"
        "HostKey %3\n"
        "PidFile none\n"
        "AuthorizedKeysFile %4\n"
        "StrictModes no\n"
        "UsePAM no\n"
        "PubkeyAuthentication yes\n"
        "PasswordAuthentication yes\n"
        "KbdInteractiveAuthentication no\n"
        "PermitRootLogin prohibit-password\n"
        "AllowUsers %5\n"
        "UseDNS no\n"
        "PrintMotd no\n"
        "PrintLastLog no\n"
        "MaxSessions 64\n"
        "MaxStartups 64\n"
        "LogLevel VERBOSE\n"
        "Subsystem sftp %6\n"_s.arg(QString::number(m_port), host(), path(u"ssh_host_ed25519_key"_s),
                                    path(u"authorized_keys"_s), m_user, sftpServer, secondHost());
    QString listen = text;
    for (const QString &address : std::as_const(m_extraAddresses))
        listen += u"ListenAddress %1\n"_s.arg(address);
    if (!writeText(config, listen,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                       | QFileDevice::ReadOther))
        return failed(u"cannot write %1"_s.arg(config));

    delete m_sshd; // one killed by killAll()
    m_sshd = new QProcess(this);
    m_sshd->setProcessChannelMode(QProcess::MergedChannels);
    m_sshd->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    const QString sshd = findTool(u"sshd"_s);
    const QStringList args = {u"-D"_s, u"-e"_s, u"-f"_s, config};
    m_log += u"\n$ %1 %2\n"_s.arg(sshd, args.join(u' '));
    m_sshd->start(sshd, args);
    if (!m_sshd->waitForStarted(kReadyMs))
        return failed(u"sshd did not start: %1"_s.arg(m_sshd->errorString()));

    // Ready when sshd says it listens on our address and port; it prints that after bind().
    const QString ready = u"Server listening on %1 port %2"_s.arg(host(), QString::number(m_port));
    const QDeadlineTimer deadline(kReadyMs);
    QString seen;
    while (!deadline.hasExpired()) {
        if (m_sshd->state() != QProcess::Running)
            break;
        if (m_sshd->waitForReadyRead(int(qBound(qint64(1), deadline.remainingTime(), qint64(1000))))) {
            seen += QString::fromLocal8Bit(m_sshd->readAll());
            const bool allListen =
                std::all_of(m_extraAddresses.cbegin(), m_extraAddresses.cend(), [&](const QString &a) {
                    return seen.contains(u"Server listening on %1 port %2"_s.arg(a, QString::number(m_port)));
                });
            if (seen.contains(ready) && allListen) {
                m_log += seen;
                // From now on the log is collected as it comes.
                connect(m_sshd, &QProcess::readyRead, this, [this, p = m_sshd.data()] {
                    const QByteArray data = p->readAll();
                    if (m_log.size() < kMaxLog)
                        m_log += QString::fromLocal8Bit(data);
                });
                return started();
            }
        }
    }
    m_log += seen + QString::fromLocal8Bit(m_sshd->readAll());
    const QString why =
        u"sshd did not report \"%1\" within %2 ms:\n%3"_s.arg(ready, QString::number(kReadyMs), m_log);
    stop();
    return failed(why);
}

SshdStart SshdFixture::start()
{
    if (isRunning())
        return started();
    const SshdStart ready = prepare();
    if (!ready.started())
        return ready;
    return launch();
}

SshdStart SshdFixture::restartWithNewHostKey()
{
    stop();
    const SshdStart key = makeHostKey();
    if (!key.started())
        return key;
    return launch();
}

void SshdFixture::stop()
{
    if (!m_sshd)
        return;
    killAll();
    delete m_sshd;
}

void SshdFixture::killAll()
{
    if (!m_sshd || m_sshd->state() == QProcess::NotRunning)
        return;
    const qint64 pid = m_sshd->processId();
    for (qint64 child : descendants(pid))
        ::kill(pid_t(child), SIGKILL);
    m_sshd->kill();
    m_sshd->waitForFinished(5000);
}

bool SshdFixture::giveToUser(const QString &file) const
{
    const passwd *pw = ::getpwnam(m_user.toLocal8Bit().constData());
    if (!pw)
        return false;
    if (pw->pw_uid == ::geteuid())
        return true;
    return ::chown(file.toLocal8Bit().constData(), pw->pw_uid, pw->pw_gid) == 0;
}

QString SshdFixture::installScript(const QString &sourcePath, const QString &name)
{
    const QString target = path(u"bin/"_s + (name.isEmpty() ? QFileInfo(sourcePath).fileName() : name));
    QDir().mkpath(QFileInfo(target).absolutePath());
    QFile::setPermissions(QFileInfo(target).absolutePath(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                              | QFileDevice::ExeOther);
    QFile::remove(target);
    if (!QFile::copy(sourcePath, target))
        return {};
    QFile::setPermissions(target,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                              | QFileDevice::ExeOther);
    return target;
}
