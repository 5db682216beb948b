// The CLI's password input (app/cli/secretprompt.*) through a probe executable: the
// environment variable wins; without it and without a terminal the probe refuses with exit 2
// and says which variable to set; on a real pseudo-terminal the typed password is read
// without being echoed and echo is back on afterwards. No password is ever printed.

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QProcess>
#include <QTest>

#ifndef Q_OS_WIN
#include <cerrno>
#include <csignal>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace {
constexpr int kTimeoutMs = 20000;
const QStringList kVariables{u"VLAB_ROOT_PASSWORD"_s, u"VLAB_SSO_PASSWORD"_s, u"VLAB_VC_PASSWORD"_s,
                             u"VLAB_NS_PASSWORD"_s};

QString sha256(const QString &text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : kVariables)
        env.remove(name);
    return env;
}

struct Outcome
{
    int exitCode = -1;
    QString out;
    QString err;
};

Outcome runWithoutTerminal(const QString &variable, const QProcessEnvironment &env)
{
    QProcess probe;
    probe.setProgram(QStringLiteral(VLAB_SECRETPROMPT_PROBE_PATH));
    probe.setArguments({variable});
    probe.setProcessEnvironment(env);
    probe.setStandardInputFile(QProcess::nullDevice());
    probe.start();
    Outcome outcome;
    if (!probe.waitForFinished(kTimeoutMs) || probe.exitStatus() != QProcess::NormalExit)
        return outcome;
    outcome.exitCode = probe.exitCode();
    outcome.out = QString::fromUtf8(probe.readAllStandardOutput());
    outcome.err = QString::fromUtf8(probe.readAllStandardError());
    return outcome;
}
} // namespace

class TestSecretPrompt : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fromEnvironment_data();
    void fromEnvironment();
    void refusesWithoutTerminal_data();
    void refusesWithoutTerminal();
    void promptsWithoutEchoOnTerminal();
};

void TestSecretPrompt::fromEnvironment_data()
{
    QTest::addColumn<QString>("variable");
    for (const QString &name : kVariables)
        QTest::newRow(qPrintable(name)) << name;
}

void TestSecretPrompt::fromEnvironment()
{
    QFETCH(QString, variable);
    const QString canary =
        u"env-canary-%1-%2"_s.arg(variable, QString::number(QCoreApplication::applicationPid()));
    QProcessEnvironment env = cleanEnvironment();
    env.insert(variable, canary);
    const Outcome outcome = runWithoutTerminal(variable, env);
    QVERIFY2(!outcome.out.contains(canary) && !outcome.err.contains(canary), "the password was printed");
    QCOMPARE(outcome.exitCode, 0);
    QCOMPARE(outcome.out.trimmed(),
             u"length=%1 sha256=%2"_s.arg(QString::number(canary.size()), sha256(canary)));
    QVERIFY2(outcome.err.isEmpty(), qPrintable(outcome.err)); // no prompt when the variable is set
}

void TestSecretPrompt::refusesWithoutTerminal_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<bool>("setButEmpty");
    for (const QString &name : kVariables) {
        QTest::addRow("%s unset", qPrintable(name)) << name << false;
        QTest::addRow("%s empty", qPrintable(name)) << name << true;
    }
}

// README "The lab plan": without a terminal and without the variable it stops with exit 2.
void TestSecretPrompt::refusesWithoutTerminal()
{
    QFETCH(QString, variable);
    QFETCH(bool, setButEmpty);
    QProcessEnvironment env = cleanEnvironment();
    if (setButEmpty)
        env.insert(variable, QString());
    const Outcome outcome = runWithoutTerminal(variable, env);
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.out.isEmpty(), qPrintable(outcome.out));
    QVERIFY2(outcome.err.contains(u"%1 is not set and the standard input is not a terminal"_s.arg(variable)),
             qPrintable(outcome.err));
    QVERIFY2(outcome.err.contains(u"Set %1"_s.arg(variable)), qPrintable(outcome.err));
    QVERIFY2(!outcome.err.contains(u"Password for the probe"_s), "prompted although nobody can answer");
}

void TestSecretPrompt::promptsWithoutEchoOnTerminal()
{
#ifdef Q_OS_WIN
    QSKIP("The console test needs a POSIX pseudo-terminal.");
#else
    const QString typed = u"typed-secret-%1"_s.arg(QCoreApplication::applicationPid());

    // Everything the child needs is made before fork(): only exec follows in the child.
    const QByteArray program = QByteArrayLiteral(VLAB_SECRETPROMPT_PROBE_PATH);
    const QByteArray variable = "VLAB_VC_PASSWORD";
    QByteArrayList envStrings;
    const QProcessEnvironment env = cleanEnvironment();
    for (const QString &name : env.keys())
        envStrings << (name + u'=' + env.value(name)).toLocal8Bit();
    std::vector<char *> envp;
    for (QByteArray &entry : envStrings)
        envp.push_back(entry.data());
    envp.push_back(nullptr);
    char *argv[] = {const_cast<char *>(program.constData()), const_cast<char *>(variable.constData()),
                    nullptr};

    int master = -1;
    const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
    QVERIFY2(pid >= 0, strerror(errno));
    if (pid == 0) {
        execve(argv[0], argv, envp.data());
        _exit(127);
    }

    // Reads what the child writes to the terminal until `until` shows up, or with an empty
    // `until` until the child has closed the terminal (read fails with EIO). False on timeout.
    QByteArray screen;
    const QDeadlineTimer deadline(kTimeoutMs);
    auto readUntil = [&](const QByteArray &until) {
        while (!deadline.hasExpired()) {
            if (!until.isEmpty() && screen.contains(until))
                return true;
            pollfd fd{master, POLLIN, 0};
            const int ready = poll(&fd, 1, int(deadline.remainingTime()));
            if (ready < 0 && errno == EINTR)
                continue;
            if (ready <= 0)
                return false;
            char buffer[512];
            const ssize_t n = read(master, buffer, sizeof buffer);
            if (n <= 0)
                return until.isEmpty() || screen.contains(until);
            screen.append(buffer, n);
        }
        return false;
    };

    const bool prompted = readUntil("Password for the probe: ");
    if (prompted) {
        const QByteArray line = typed.toUtf8() + '\n';
        QCOMPARE(write(master, line.constData(), size_t(line.size())), ssize_t(line.size()));
    }
    const bool closed = readUntil({});
    if (!closed)
        kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    close(master);

    const QString shown = QString::fromUtf8(screen);
    QVERIFY2(prompted, qPrintable(shown));
    QVERIFY2(closed, "the probe did not finish");
    QVERIFY2(!shown.contains(typed), "the typed password was echoed or printed");
    QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0, qPrintable(shown));
    QVERIFY2(shown.contains(u"length=%1 sha256=%2"_s.arg(QString::number(typed.size()), sha256(typed))),
             qPrintable(shown));
    QVERIFY2(shown.contains(u"echo=on"_s), qPrintable(shown));
#endif
}

QTEST_GUILESS_MAIN(TestSecretPrompt)
#include "tst_secretprompt.moc"
