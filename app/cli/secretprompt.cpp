#include "secretprompt.h"

#include "clicommon.h"

#include <QByteArray>

#ifdef Q_OS_WIN
#include <windows.h>
#else
#include <cerrno>
#include <csignal>
#include <termios.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace vlab::cli {

namespace {

#ifdef Q_OS_WIN

// One line from the console with echo off, or nothing if stdin is not a console.
std::optional<QString> readHiddenLine(const QString &prompt, bool *isTerminal)
{
    const HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode = 0;
    *isTerminal = in != INVALID_HANDLE_VALUE && GetConsoleMode(in, &mode);
    if (!*isTerminal)
        return std::nullopt;
    SetConsoleMode(in, (mode & ~DWORD(ENABLE_ECHO_INPUT)) | ENABLE_LINE_INPUT | ENABLE_PROCESSED_INPUT);
    err(prompt);
    QString line;
    wchar_t buffer[256];
    bool complete = false;
    while (!complete) {
        DWORD count = 0;
        if (!ReadConsoleW(in, buffer, DWORD(std::size(buffer)), &count, nullptr) || count == 0)
            break;
        for (DWORD i = 0; i < count && !complete; ++i) {
            if (buffer[i] == L'\n')
                complete = true;
            else if (buffer[i] != L'\r')
                line += QChar(char16_t(buffer[i]));
        }
        SecureZeroMemory(buffer, sizeof buffer);
    }
    SetConsoleMode(in, mode);
    if (!complete && line.isEmpty())
        return std::nullopt;
    return line;
}

#else

// The terminal settings to restore if a signal ends the program while echo is off.
termios g_saved;

extern "C" void restoreEchoAndReraise(int sig)
{
    tcsetattr(STDIN_FILENO, TCSANOW, &g_saved); // async-signal-safe
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

// One line from the terminal with echo off, or nothing if stdin is not a terminal or ends.
std::optional<QString> readHiddenLine(const QString &prompt, bool *isTerminal)
{
    *isTerminal = isatty(STDIN_FILENO) == 1 && tcgetattr(STDIN_FILENO, &g_saved) == 0;
    if (!*isTerminal)
        return std::nullopt;
    const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP};
    struct sigaction restore
    {
    }, previous[std::size(signals)];
    restore.sa_handler = restoreEchoAndReraise;
    sigemptyset(&restore.sa_mask);
    for (size_t i = 0; i < std::size(signals); ++i)
        sigaction(signals[i], &restore, &previous[i]);
    termios quiet = g_saved;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    quiet.c_lflag |= ICANON;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    err(prompt); // only now: whatever is typed after the prompt is not echoed

    QByteArray bytes;
    bytes.reserve(256); // most passwords fit without a reallocation leaving a copy behind
    bool complete = false;
    while (!complete) {
        char c = 0;
        const ssize_t n = ::read(STDIN_FILENO, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (c == '\n')
            complete = true;
        else if (c != '\r')
            bytes.append(c);
    }
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_saved);
    for (size_t i = 0; i < std::size(signals); ++i)
        sigaction(signals[i], &previous[i], nullptr);

    std::optional<QString> line;
    if (complete || !bytes.isEmpty())
        line = QString::fromLocal8Bit(bytes);
    bytes.fill('\0');
    return line;
}

#endif

} // namespace

std::optional<QString> readSecret(const char *envVar, const QString &promptText)
{
    const QString name = QString::fromLatin1(envVar);
    if (QString fromEnv = qEnvironmentVariable(envVar); !fromEnv.isEmpty())
        return fromEnv;

    bool isTerminal = false;
    std::optional<QString> secret = readHiddenLine(promptText, &isTerminal);
    if (!isTerminal) {
        err(CliTr::tr("vlab: %1 is not set and the standard input is not a terminal, so the password "
                      "cannot be asked for. Set %1 or run vlab in a terminal.\n")
                .arg(name));
        return std::nullopt;
    }
    err(u"\n"_s); // the Enter that ended the password was not echoed either
    if (!secret || secret->isEmpty()) {
        err(CliTr::tr("vlab: no password entered (or set %1).\n").arg(name));
        return std::nullopt;
    }
    return secret;
}

} // namespace vlab::cli
