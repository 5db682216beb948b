#include "remote/ptydriver.h"

#include "core/secretmask.h"
#include "core/tr.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>

#include <libssh/libssh.h>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

constexpr int kPollMs = 50;
const auto kMask = u"********"_s;

QString readable(QString text)
{
    text.replace(u"\r\n"_s, u"\n"_s);
    text.replace(u'\r', u'\n');
    return text;
}

} // namespace

PtyDriver::PtyDriver(SshSession &session, CancelCheck cancelled)
    : m_session(session)
    , m_cancelled(std::move(cancelled))
{
}

PtyDriver::~PtyDriver()
{
    if (m_channel) {
        if (ssh_channel_is_open(m_channel))
            ssh_channel_close(m_channel);
        ssh_channel_free(m_channel);
    }
}

Result<void> PtyDriver::start(const QString &command)
{
    m_command = command.isEmpty() ? u"(login shell)"_s : command;
    if (!m_session.handle())
        return makeError(u"pty.start"_s, Tr::tr("Not connected."));
    m_channel = ssh_channel_new(m_session.handle());
    if (!m_channel || ssh_channel_open_session(m_channel) != SSH_OK)
        return m_session.failure(u"pty.start"_s, Tr::tr("opening a channel for %1").arg(m_command));
    if (ssh_channel_request_pty_size(m_channel, "vt100", 200, 50) != SSH_OK)
        return m_session.failure(u"pty.start"_s, Tr::tr("asking for a terminal for %1").arg(m_command));
    const QByteArray cmd = command.toUtf8();
    const int rc = command.isEmpty() ? ssh_channel_request_shell(m_channel)
                                     : ssh_channel_request_exec(m_channel, cmd.constData());
    if (rc != SSH_OK)
        return m_session.failure(u"pty.start"_s, Tr::tr("starting %1").arg(m_command));
    return {};
}

void PtyDriver::addFailurePattern(const QRegularExpression &pattern, const QString &code,
                                  const QString &message)
{
    m_failures.append({pattern, code, message});
}

QString PtyDriver::mask(QString text) const
{
    // Every secret typed, also as a shell or a program may echo it (quoted, escaped, encoded).
    return maskSecrets(std::move(text), m_secrets, 1);
}

QString PtyDriver::transcript() const
{
    return mask(readable(m_transcript));
}

QString PtyDriver::tail(qsizetype chars) const
{
    return mask(readable(m_transcript.right(chars)));
}

Error PtyDriver::fail(const QString &code, const QString &message) const
{
    return makeError(code, mask(message), u"last output:\n"_s + tail());
}

PtyDriver::Read PtyDriver::readSome()
{
    char buffer[8192];
    const int n = ssh_channel_read_timeout(m_channel, buffer, sizeof buffer, 0, kPollMs);
    if (n == SSH_ERROR)
        return Read::Error;
    if (n > 0) {
        const QString text = m_decoder.decode(QByteArrayView(buffer, n));
        m_transcript += text;
        m_pending += text;
        m_lineBuffer += text;
        // A tool that prints without end must not fill memory, nor make every match slower:
        // the transcript keeps its last megabyte, and what is matched against its last 64 KiB
        // (prompts and failures are at the end of what was printed).
        constexpr qsizetype kMaxTranscript = 1024 * 1024;
        constexpr qsizetype kMaxPending = 64 * 1024;
        if (m_transcript.size() > kMaxTranscript)
            m_transcript = u"[...]\n"_s + m_transcript.right(kMaxTranscript / 2);
        if (m_pending.size() > kMaxPending)
            m_pending = m_pending.right(kMaxPending / 2);
        if (m_lineBuffer.size() > kMaxPending)
            m_lineBuffer = m_lineBuffer.right(kMaxPending / 2);
        return Read::Data;
    }
    if (ssh_channel_is_eof(m_channel))
        return Read::Eof;
    if (!m_session.isConnected())
        return Read::Error;
    return Read::Nothing;
}

Result<int> PtyDriver::expect(const QList<QRegularExpression> &expected, std::chrono::milliseconds timeout,
                              const std::function<void(const QString &line)> &onLine)
{
    if (!m_channel)
        return makeError(u"pty.start"_s, Tr::tr("The terminal was not started."));
    static const QRegularExpression promptLike(u"[:?>#$]\\s*$"_s);
    const QDeadlineTimer deadline(timeout);
    QElapsedTimer quiet;
    quiet.start();
    for (;;) {
        // Lines first, so a progress callback sees the lines that led to a match or a failure.
        if (onLine) {
            static const QRegularExpression lineEnd(u"[\r\n]"_s);
            qsizetype end;
            while ((end = m_lineBuffer.indexOf(lineEnd)) >= 0) {
                const QString line = m_lineBuffer.left(end).trimmed();
                m_lineBuffer.remove(0, end + 1);
                if (!line.isEmpty())
                    onLine(mask(line));
            }
        } else {
            m_lineBuffer.clear();
        }
        for (const Failure &f : m_failures) {
            const QRegularExpressionMatch m = f.pattern.match(m_pending);
            if (m.hasMatch()) {
                QString message = f.message;
                if (message.contains(u"%1"_s))
                    message = message.arg(m.captured(1).trimmed());
                return fail(f.code, message);
            }
        }
        for (qsizetype i = 0; i < expected.size(); ++i) {
            QRegularExpressionMatch m = expected.at(i).match(m_pending);
            if (m.hasMatch()) {
                m_lastPrompt = m.captured(0).trimmed();
                m_pending.remove(0, m.capturedEnd(0));
                m_lastMatch = std::move(m);
                return int(i);
            }
        }
        if (m_cancelled && m_cancelled())
            return makeError(u"ssh.cancelled"_s, Tr::tr("%1 was cancelled.").arg(m_command), tail());
        if (deadline.hasExpired()) {
            return fail(u"pty.timeout"_s,
                        Tr::tr("%1 did not show what was expected within %2 s (waiting for: %3).")
                            .arg(m_command, QString::number(double(timeout.count()) / 1000.0),
                                 expected.isEmpty() ? u"the end"_s : expected.constFirst().pattern()));
        }
        // Still output that ends in a question nobody expected: stop rather than guess.
        const qsizetype lastBreak = qMax(m_pending.lastIndexOf(u'\n'), m_pending.lastIndexOf(u'\r'));
        const QString openLine = m_pending.mid(lastBreak + 1);
        if (!openLine.trimmed().isEmpty() && promptLike.match(openLine).hasMatch()
            && quiet.elapsed() >= m_settle.count()) {
            return fail(
                u"pty.unexpected-prompt"_s,
                Tr::tr("%1 asked \"%2\", which was not expected here (expected: %3). Nothing was answered; "
                       "run it by hand to see what it wants.")
                    .arg(m_command, openLine.trimmed(),
                         expected.isEmpty() ? u"the end"_s : expected.constFirst().pattern()));
        }
        switch (readSome()) {
        case Read::Data:
            quiet.restart();
            break;
        case Read::Nothing:
            break;
        case Read::Eof: {
            // Whatever arrived with the end may still match.
            bool more = false;
            for (const QRegularExpression &re : expected)
                more = more || re.match(m_pending).hasMatch();
            for (const Failure &f : m_failures)
                more = more || f.pattern.match(m_pending).hasMatch();
            if (more)
                continue;
            return fail(u"pty.exited"_s,
                        Tr::tr("%1 ended before it showed what was expected (%2).")
                            .arg(m_command, expected.isEmpty() ? u"-"_s : expected.constFirst().pattern()));
        }
        case Read::Error:
            return m_session.failure(u"pty.read"_s, Tr::tr("talking to %1").arg(m_command));
        }
    }
}

Result<void> PtyDriver::send(const QString &text, bool secret)
{
    if (!m_channel)
        return makeError(u"pty.start"_s, Tr::tr("The terminal was not started."));
    if (secret && !text.isEmpty())
        m_secrets << text;
    m_exchanges.append({mask(m_lastPrompt), secret ? kMask : text});
    const QByteArray data = text.toUtf8() + '\n';
    if (ssh_channel_write(m_channel, data.constData(), uint32_t(data.size())) != int(data.size()))
        return m_session.failure(u"pty.write"_s, Tr::tr("answering %1").arg(m_command));
    return {};
}

Result<int> PtyDriver::finish(std::chrono::milliseconds timeout)
{
    if (!m_channel)
        return makeError(u"pty.start"_s, Tr::tr("The terminal was not started."));
    const QDeadlineTimer deadline(timeout);
    for (;;) {
        if (m_cancelled && m_cancelled())
            return makeError(u"ssh.cancelled"_s, Tr::tr("%1 was cancelled.").arg(m_command), tail());
        if (deadline.hasExpired())
            return fail(u"pty.timeout"_s,
                        Tr::tr("%1 did not end within %2 s.")
                            .arg(m_command, QString::number(double(timeout.count()) / 1000.0)));
        const Read r = readSome();
        if (r == Read::Eof)
            break;
        if (r == Read::Error)
            return m_session.failure(u"pty.read"_s, Tr::tr("talking to %1").arg(m_command));
    }
    const int status = ssh_channel_get_exit_status(m_channel);
    if (status < 0 && !m_session.isConnected())
        return m_session.failure(u"pty.read"_s, Tr::tr("waiting for %1 to end").arg(m_command));
    return status;
}

} // namespace vlab
