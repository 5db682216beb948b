#pragma once
// WritePlanFilesJob: the plan-only job of the "Lab plan" step. It writes the plan and its
// offline validation report (text and JSON) into the project folder, each file atomically,
// and records every file with its SHA-256 as evidence.

#include "jobs/threadedjob.h"
#include "jobs/writefilesjob.h"
#include "plan/labplan.h"

namespace vlab {

class WritePlanFilesJob : public ThreadedJob
{
    Q_OBJECT
public:
    WritePlanFilesJob(const LabPlan &plan, const QString &folder, QObject *parent = nullptr);

    // File names inside the folder.
    static QString planFileName(const LabPlan &plan); // "<lab name>.vlab.json"
    static QString reportTextFileName() { return QStringLiteral("validation.txt"); }
    static QString reportJsonFileName() { return QStringLiteral("validation.json"); }
    // What the job writes into `folder`: the plan and its validation report (text and JSON).
    static QList<Artifact> files(const LabPlan &plan, const QString &folder);

protected:
    Work makeWork() override;

private:
    LabPlan m_plan;
    QString m_folder;
};

} // namespace vlab
