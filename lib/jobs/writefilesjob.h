#pragma once
// WriteFilesJob: writes generated artifacts (batch files, configs, templates) that were made
// in memory, each atomically, recording every file with its SHA-256 as evidence. The generic
// "plan only" output job of the steps.

#include "jobs/threadedjob.h"

#include <QFileDevice>

namespace vlab {

struct Artifact
{
    QString path;
    QByteArray data;
    QFileDevice::Permissions permissions = {}; // empty: the default mode
};

class WriteFilesJob : public ThreadedJob
{
    Q_OBJECT
public:
    WriteFilesJob(const QString &title, const QList<Artifact> &files, QObject *parent = nullptr);

protected:
    Work makeWork() override;

private:
    QList<Artifact> m_files;
};

} // namespace vlab
