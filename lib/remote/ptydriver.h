#pragma once
// PtyDriver: drives an interactive program over SSH the way a person at a terminal would
// (certificate-manager, the appliance shell): it opens a terminal (PTY) on the server, runs
// the program, waits for each expected prompt (a regular expression) and answers it. It stops
// with an error when the program asks something it was not told to expect (an unexpected
// prompt), prints a known failure text, ends early, or keeps silent past the timeout.
// It keeps a transcript of the terminal as a person would have seen it; answers marked
// secret are masked there and in every error, wherever they appear (also when echoed).
// Blocking, for worker threads, like SshSession.

#include "core/result.h"
#include "remote/sshsession.h"

#include <QList>
#include <QRegularExpression>
#include <QStringDecoder>

#include <chrono>
#include <functional>

struct ssh_channel_struct;

namespace vlab {

struct PtyExchange
{
    QString prompt; // what was asked (the matched text, trimmed)
    QString answer; // what was answered; "********" for secrets
};

class PtyDriver
{
public:
    explicit PtyDriver(SshSession &session, CancelCheck cancelled = {});
    ~PtyDriver();
    PtyDriver(const PtyDriver &) = delete;
    PtyDriver &operator=(const PtyDriver &) = delete;

    // Opens a terminal and runs `command` in it (empty: the login shell). Codes: "pty.start",
    // "ssh.dropped".
    Result<void> start(const QString &command);

    // Output that means the program failed, whenever it appears: expect() then fails with
    // `code` and `message` (where %1 is replaced by the pattern's first capture).
    void addFailurePattern(const QRegularExpression &pattern, const QString &code, const QString &message);
    // How long output must stay still, ending in something prompt-like (": ", "? ", "> ",
    // "# ", "$ "), before it counts as an unexpected prompt. Default 400 ms.
    void setPromptSettle(std::chrono::milliseconds settle) { m_settle = settle; }

    // Waits for output that matches one of `expected` (searched in what arrived since the
    // previous match) and consumes it up to the end of the match. Returns the index of the
    // pattern. onLine gets every finished line (ended by \n or \r) as it arrives.
    // Codes: "pty.timeout", "pty.unexpected-prompt", "pty.exited", the failure patterns'
    // codes, "ssh.cancelled", "ssh.dropped".
    Result<int> expect(const QList<QRegularExpression> &expected, std::chrono::milliseconds timeout,
                       const std::function<void(const QString &line)> &onLine = {});
    // The match of the last successful expect().
    const QRegularExpressionMatch &lastMatch() const { return m_lastMatch; }

    // Types `text` and Enter. A secret is masked in the transcript and the exchanges.
    Result<void> send(const QString &text, bool secret = false);

    // Waits for the program to end (reading what it still prints); returns its exit status.
    Result<int> finish(std::chrono::milliseconds timeout);

    // The terminal as seen (\r\n and lone \r shown as line breaks), secrets masked.
    QString transcript() const;
    const QList<PtyExchange> &exchanges() const { return m_exchanges; }
    QString mask(QString text) const;

private:
    enum class Read { Data, Nothing, Eof, Error };
    Read readSome();
    Error fail(const QString &code, const QString &message) const;
    QString tail(qsizetype chars = 600) const;

    SshSession &m_session;
    CancelCheck m_cancelled;
    ssh_channel_struct *m_channel = nullptr;
    QString m_command;
    QStringDecoder m_decoder{QStringDecoder::Utf8};
    QString m_transcript; // raw, unmasked; masked on the way out
    QString m_pending;    // arrived since the last match
    QString m_lineBuffer; // for onLine
    QString m_lastPrompt;
    QStringList m_secrets;
    QList<PtyExchange> m_exchanges;
    struct Failure
    {
        QRegularExpression pattern;
        QString code;
        QString message;
    };
    QList<Failure> m_failures;
    QRegularExpressionMatch m_lastMatch;
    std::chrono::milliseconds m_settle{400};
};

} // namespace vlab
