#pragma once
// VcsaFixture: a fake VCSA ISO tree for the installer tests, with the vcsa-deploy STAND-IN
// (tests/data/vcsa/vcsa-deploy-standin.sh, which says what documented behaviour it follows)
// at vcsa-cli-installer/lin64/vcsa-deploy (and the template schema it checks keys against), a folder for
// temporary templates and logs, and helpers that read what the stand-in recorded and whether its processes
// are gone.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStringList>
#include <QTemporaryDir>

#include <sys/types.h>

class VcsaFixture
{
public:
    // Canary passwords: they must reach the template and nothing else. The target's holds a
    // quote and a backslash, which must stay valid JSON in the template.
    static QString rootPassword() { return QStringLiteral("Canary-Root1!q"); }
    static QString ssoPassword() { return QStringLiteral("Canary-Sso2!q"); }
    static QString targetPassword() { return QStringLiteral("Canary\"Tgt\\3q"); }
    static QStringList canaries()
    {
        return {QStringLiteral("Canary-Root1"), QStringLiteral("Canary-Sso2"), QStringLiteral("Tgt\\3q")};
    }

    // Empty when ready; otherwise why not.
    QString setUp()
    {
        if (!m_dir.isValid())
            return QStringLiteral("no temporary folder");
        const QString bin = isoFolder() + QStringLiteral("/vcsa-cli-installer/lin64");
        if (!QDir().mkpath(bin) || !QDir().mkpath(tempFolder()) || !QDir().mkpath(emptyIso()))
            return QStringLiteral("cannot create the fake ISO tree");
        const QString target = bin + QStringLiteral("/vcsa-deploy");
        if (!QFile::copy(QStringLiteral(VLAB_TEST_DATA_DIR "/vcsa/vcsa-deploy-standin.sh"), target))
            return QStringLiteral("cannot copy the vcsa-deploy stand-in");
        QFile::setPermissions(target,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        // The template schema it checks keys against (transcribed from the stock templates).
        if (!QFile::copy(QStringLiteral(VLAB_TEST_DATA_DIR "/vcsa/vcsa-template-schema.json"),
                         bin + QStringLiteral("/vcsa-template-schema.json")))
            return QStringLiteral("cannot copy the template schema");
        return {};
    }

    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString isoFolder() const { return path(QStringLiteral("iso")); }
    QString emptyIso() const { return path(QStringLiteral("empty-iso")); }
    QString tempFolder() const { return path(QStringLiteral("tmp")); }
    QString logRoot() const { return path(QStringLiteral("project/logs")); }
    QString recordFile() const { return path(QStringLiteral("record.txt")); }
    QString pidFile() const { return path(QStringLiteral("pids.txt")); }

    QStringList recorded() const
    {
        QFile f(recordFile());
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    // What the stand-in's hang wrote: its own and its child's process ids.
    QList<pid_t> pids() const
    {
        QFile f(pidFile());
        QList<pid_t> out;
        if (!f.open(QIODevice::ReadOnly))
            return out;
        for (const QString &p : QString::fromUtf8(f.readAll()).split(QLatin1Char(' '), Qt::SkipEmptyParts))
            out << pid_t(p.trimmed().toInt());
        return out;
    }
    // Gone, or a zombie waiting for its parent (init) to reap it: no longer running.
    static bool isGone(pid_t pid)
    {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return true;
        const QByteArray s = stat.readAll();
        const qsizetype close = s.lastIndexOf(')');
        return close < 0 || s.mid(close + 2, 1) == "Z";
    }
    // Whether no process of the process group `group` runs any more (zombies do not count).
    static bool groupGone(pid_t group)
    {
        const QStringList entries =
            QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &entry : entries) {
            QFile stat(QStringLiteral("/proc/") + entry + QStringLiteral("/stat"));
            if (!entry.at(0).isDigit() || !stat.open(QIODevice::ReadOnly))
                continue;
            const QByteArray s = stat.readAll();
            // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
            const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
            if (fields.size() > 2 && fields.at(2).toInt() == group && fields.at(0) != "Z"
                && fields.at(0) != "X")
                return false;
        }
        return true;
    }
    // The files under `folder` (recursively) that hold one of `secrets`, as "path: secret".
    static QStringList filesHolding(const QString &folder, const QStringList &secrets)
    {
        QStringList found;
        QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QByteArray data = f.readAll();
            for (const QString &secret : secrets) {
                if (data.contains(secret.toUtf8()))
                    found << f.fileName() + QStringLiteral(": ") + secret;
            }
        }
        return found;
    }
    // Anything the runner left in the temporary folder (templates must be gone).
    QStringList leftInTemp() const
    {
        return QDir(tempFolder()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    }

private:
    QTemporaryDir m_dir;
};
