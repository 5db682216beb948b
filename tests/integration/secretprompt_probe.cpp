// Child process of tst_secretprompt: reads one password through the CLI's readSecret() with
// the variable named by argv[1], then prints its length and SHA-256 (never the password) and
// whether the terminal echoes again. Exits with readSecret's verdict: 0 read, 2 refused.

#include "secretprompt.h"

#include <QCoreApplication>
#include <QCryptographicHash>

#include <cstdio>
#ifndef Q_OS_WIN
#include <termios.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fputs("usage: secretprompt_probe VARIABLE\n", stderr);
        return 64;
    }
    const std::optional<QString> secret = vlab::cli::readSecret(argv[1], u"Password for the probe: "_s);
    if (!secret)
        return 2;
    const QByteArray hash = QCryptographicHash::hash(secret->toUtf8(), QCryptographicHash::Sha256).toHex();
    std::printf("length=%d sha256=%s\n", int(secret->size()), hash.constData());
#ifndef Q_OS_WIN
    termios now{};
    if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &now) == 0)
        std::printf("echo=%s\n", (now.c_lflag & ECHO) ? "on" : "off");
#endif
    return 0;
}
