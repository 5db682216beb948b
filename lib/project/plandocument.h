#pragma once
// PlanDocument: the plan being edited, its file, whether it has unsaved changes, and its
// current offline findings. The wizard's pages edit the plan only through edit(); they
// never validate or save on their own, so the CLI and tests share the same behaviour.

#include "core/finding.h"
#include "core/result.h"
#include "plan/labplan.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace vlab {

class PlanDocument : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool modified READ isModified NOTIFY modifiedChanged)
    Q_PROPERTY(QString fileName READ fileName NOTIFY fileNameChanged)
public:
    explicit PlanDocument(QObject *parent = nullptr);

    const LabPlan &plan() const { return m_plan; }
    const Findings &findings() const { return m_findings; }
    bool hasErrors() const;
    // Findings whose path is exactly `path`, or lies below it ("psc" matches "psc[1].ip").
    Findings findingsFor(const QString &path, bool includeChildren = false) const;

    QString fileName() const { return m_fileName; }
    bool isModified() const { return m_modified; }
    // "sslab.vlab.json", or the lab name for the embedded example.
    QString displayName() const;

    // Where artifacts go: the folder chosen by the user, else the plan file's folder, else
    // Documents/vlab/<lab name>. Not part of the plan (a plan moves between machines).
    QString projectFolder() const;
    void setProjectFolder(const QString &folder);

    // Applies a change, re-validates, and emits planChanged() if anything changed. Derived
    // values (certificate CN and SAN) follow their sources unless changed by hand
    // (followDerivedValues).
    void edit(const std::function<void(LabPlan &)> &change);

    // Crash safety: after every edit (debounced) the unsaved plan is written atomically to
    // this file, together with the name of the file it belongs to; a clean save, a load or
    // discardRecovery() removes it. Empty (the default) switches recovery off.
    void setRecoveryFile(const QString &path, int delayMs = 1000);
    QString recoveryFile() const { return m_recoveryFile; }
    // True when a recovery file from an earlier run exists.
    bool hasRecovery() const;
    // Loads the recovered plan as an unsaved edit of its original file.
    Result<void> restoreRecovery();
    void discardRecovery();
    void writeRecoveryNow();

    void loadExample();
    Result<void> load(const QString &fileName);
    Result<void> saveAs(const QString &fileName);

Q_SIGNALS:
    void planChanged();
    // The whole plan was replaced (load): editors must refresh every field.
    void planReset();
    void findingsChanged();
    void modifiedChanged(bool modified);
    void fileNameChanged(const QString &fileName);
    void projectFolderChanged(const QString &folder);

private:
    void reset(const LabPlan &plan, const QString &fileName);
    void revalidate();
    void setModified(bool modified);

    LabPlan m_plan;
    Findings m_findings;
    QString m_fileName;
    bool m_modified = false;
    QString m_recoveryFile;
    QString m_projectFolder;
    QTimer m_recoveryTimer;
};

} // namespace vlab
