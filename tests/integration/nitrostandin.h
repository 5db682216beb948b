#pragma once
// Test fixture: starts the NITRO stand-in (tests/tools/nitro-standin, a stand-in for a
// NetScaler's NITRO API) on 127.0.0.1 with a throwaway certificate made by the openssl
// command, and reads its state back for assertions.

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

class NitroStandin
{
public:
    static constexpr const char *kUser = "nsroot";
    static QString password(); // the stand-in's password for this run (random)

    NitroStandin();
    ~NitroStandin();

    // Starts the stand-in with extra arguments (--fault, --fail-add, --state ...). `state`, if
    // not empty, is written to a file and passed as --state. Returns an error text or empty.
    QString start(const QStringList &arguments = {}, const QJsonObject &state = {});
    void stop();

    quint16 port() const { return m_port; }
    QString address() const;                                  // 127.0.0.1:PORT
    QByteArray certificateSha256() const { return m_sha256; } // raw digest
    QString certificatePath() const { return m_dir.filePath(QStringLiteral("nsip.crt")); }

    // GET /standin/state: {"running": {...}, "saved": {...}, "features": [...], "log": [...]}.
    QJsonObject state() const;
    // Number of objects of one type in the running configuration.
    int count(const QString &type) const;
    // One request in a session of its own (login first): HTTP status and the JSON reply. For
    // tests of the stand-in itself; these requests appear in the log like any other.
    QPair<int, QJsonObject> request(const QByteArray &verb, const QString &path,
                                    const QJsonObject &body) const;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QByteArray m_sha256;
};
