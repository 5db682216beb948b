#include "project/plandocument.h"

#include "plan/derivedvalues.h"
#include "plan/planjson.h"
#include "project/writeplanfilesjob.h"
#include "validate/planvalidator.h"

#include "core/atomicfile.h"
#include "core/tr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace vlab {

PlanDocument::PlanDocument(QObject *parent)
    : QObject(parent)
{
    m_recoveryTimer.setSingleShot(true);
    connect(&m_recoveryTimer, &QTimer::timeout, this, &PlanDocument::writeRecoveryNow);
    revalidate();
}

void PlanDocument::setRecoveryFile(const QString &path, int delayMs)
{
    m_recoveryFile = path;
    m_recoveryTimer.setInterval(delayMs);
}

bool PlanDocument::hasRecovery() const
{
    return !m_recoveryFile.isEmpty() && QFileInfo::exists(m_recoveryFile);
}

void PlanDocument::writeRecoveryNow()
{
    m_recoveryTimer.stop();
    if (m_recoveryFile.isEmpty() || !m_modified)
        return;
    QDir().mkpath(QFileInfo(m_recoveryFile).absolutePath());
    const QJsonObject wrapper{{u"recoveryOf"_s, m_fileName},
                              {u"plan"_s, QJsonDocument::fromJson(serializePlan(m_plan)).object()}};
    // Best effort: a failed recovery write must not disturb editing.
    (void)writeFileAtomically(m_recoveryFile, QJsonDocument(wrapper).toJson(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

Result<void> PlanDocument::restoreRecovery()
{
    // The recovery copy wraps one plan: a little over a plan's own limit is all it can be.
    const Result<QByteArray> data = readFileLimited(m_recoveryFile, kMaxPlanBytes + 64 * 1024);
    if (!data)
        return makeError(QString::fromLatin1(PlanErrors::Io), data.error().message);
    const QJsonObject wrapper = QJsonDocument::fromJson(*data).object();
    Result<LabPlan> plan = parsePlan(QJsonDocument(wrapper.value(u"plan"_s).toObject()).toJson());
    if (!plan)
        return plan.error();
    reset(plan.value(), wrapper.value(u"recoveryOf"_s).toString());
    setModified(true);
    return {};
}

void PlanDocument::discardRecovery()
{
    m_recoveryTimer.stop();
    if (!m_recoveryFile.isEmpty())
        QFile::remove(m_recoveryFile);
}

bool PlanDocument::hasErrors() const
{
    return vlab::hasErrors(m_findings);
}

Findings PlanDocument::findingsFor(const QString &path, bool includeChildren) const
{
    Findings result;
    for (const Finding &f : m_findings) {
        const bool below = includeChildren && f.path.startsWith(path) && f.path.size() > path.size()
            && (f.path.at(path.size()) == u'.' || f.path.at(path.size()) == u'[');
        if (f.path == path || below)
            result.append(f);
    }
    return result;
}

QString PlanDocument::displayName() const
{
    if (!m_fileName.isEmpty())
        return QFileInfo(m_fileName).fileName();
    return m_plan.lab.name.isEmpty() ? QStringLiteral("untitled") : m_plan.lab.name;
}

QString PlanDocument::projectFolder() const
{
    if (!m_projectFolder.isEmpty())
        return m_projectFolder;
    if (!m_fileName.isEmpty())
        return QFileInfo(m_fileName).absolutePath();
    // The lab name is plan data, not a path: "../../.ssh" must not choose the folder. The same
    // safe base name as the plan file's ("<lab name>.vlab.json").
    QString lab = WritePlanFilesJob::planFileName(m_plan);
    lab.chop(qsizetype(qstrlen(".vlab.json")));
    QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (documents.isEmpty()) // no Documents folder known on this system
        documents = QDir::homePath();
    return QDir(documents).filePath(u"vlab/"_s + lab);
}

void PlanDocument::setProjectFolder(const QString &folder)
{
    if (folder == m_projectFolder)
        return;
    m_projectFolder = folder;
    Q_EMIT projectFolderChanged(projectFolder());
}

void PlanDocument::edit(const std::function<void(LabPlan &)> &change)
{
    LabPlan changed = m_plan;
    change(changed);
    followDerivedValues(m_plan, changed); // CN and SAN follow the names they come from
    if (changed == m_plan)
        return;
    m_plan = std::move(changed);
    revalidate();
    setModified(true);
    if (!m_recoveryFile.isEmpty())
        m_recoveryTimer.start();
    Q_EMIT planChanged();
}

void PlanDocument::loadExample()
{
    reset(examplePlan(), QString());
}

Result<void> PlanDocument::load(const QString &fileName)
{
    Result<LabPlan> loaded = loadPlanFile(fileName);
    if (!loaded)
        return loaded.error();
    reset(loaded.value(), QFileInfo(fileName).absoluteFilePath());
    discardRecovery();
    return {};
}

Result<void> PlanDocument::saveAs(const QString &fileName)
{
    if (Result<void> saved = savePlanFile(m_plan, fileName); !saved)
        return saved;
    const QString absolute = QFileInfo(fileName).absoluteFilePath();
    if (absolute != m_fileName) {
        m_fileName = absolute;
        Q_EMIT fileNameChanged(m_fileName);
    }
    setModified(false);
    discardRecovery();
    return {};
}

void PlanDocument::reset(const LabPlan &plan, const QString &fileName)
{
    m_plan = plan;
    revalidate();
    m_fileName = fileName;
    Q_EMIT fileNameChanged(m_fileName);
    setModified(false);
    Q_EMIT planReset();
    Q_EMIT planChanged();
}

void PlanDocument::revalidate()
{
    Findings findings = validatePlan(m_plan);
    if (findings == m_findings)
        return;
    m_findings = std::move(findings);
    Q_EMIT findingsChanged();
}

void PlanDocument::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    Q_EMIT modifiedChanged(m_modified);
}

} // namespace vlab
