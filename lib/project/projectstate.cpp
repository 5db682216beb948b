#include "project/projectstate.h"

#include "core/atomicfile.h"
#include "core/tr.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
constexpr qint64 kMaxStateBytes = 1 << 20; // a bigger file is not ours
constexpr auto kSchema = "vlab.state/1";
} // namespace

QString ProjectState::fileName()
{
    return u"vlab-state.json"_s;
}

Result<ProjectState> ProjectState::load(const QString &projectFolder)
{
    ProjectState state;
    if (projectFolder.isEmpty())
        return state;
    const QString path = QDir(projectFolder).filePath(fileName());
    if (!QFile::exists(path))
        return state;
    const Result<QByteArray> data = readFileLimited(path, kMaxStateBytes);
    if (!data)
        return data.error();
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(*data, &error).object();
    if (error.error != QJsonParseError::NoError
        || root.value(u"schema"_s).toString() != QLatin1StringView(kSchema))
        return makeError(
            u"state.damaged"_s,
            Tr::tr("The project state %1 is damaged (%2); the pages start from the plan.")
                .arg(QDir::toNativeSeparators(path),
                     error.error != QJsonParseError::NoError ? error.errorString() : Tr::tr("wrong schema")));
    state.netscalerAddress = root.value(u"netscaler"_s).toObject().value(u"address"_s).toString();
    state.isoFolder = root.value(u"vcsa"_s).toObject().value(u"isoFolder"_s).toString();
    const QJsonObject vcenter = root.value(u"vcenter"_s).toObject();
    state.vcenterHost = vcenter.value(u"host"_s).toString();
    state.vcenterUser = vcenter.value(u"user"_s).toString();
    return state;
}

Result<void> ProjectState::save(const QString &projectFolder) const
{
    QJsonObject root{{u"schema"_s, QLatin1StringView(kSchema)}};
    if (!netscalerAddress.isEmpty())
        root.insert(u"netscaler"_s, QJsonObject{{u"address"_s, netscalerAddress}});
    if (!isoFolder.isEmpty())
        root.insert(u"vcsa"_s, QJsonObject{{u"isoFolder"_s, isoFolder}});
    if (!vcenterHost.isEmpty())
        root.insert(u"vcenter"_s, QJsonObject{{u"host"_s, vcenterHost}, {u"user"_s, vcenterUser}});
    if (const Result<void> folder = makePrivateFolder(projectFolder); !folder)
        return folder.error();
    const Result<WrittenFile> written = writeFileAtomically(
        QDir(projectFolder).filePath(fileName()), QJsonDocument(root).toJson(), privateFilePermissions());
    if (!written)
        return written.error();
    return {};
}

Result<void> ProjectState::update(const QString &projectFolder,
                                  const std::function<void(ProjectState &)> &change)
{
    if (projectFolder.isEmpty())
        return {};
    Result<ProjectState> loaded = load(projectFolder);
    ProjectState state = loaded ? std::move(loaded).value() : ProjectState{};
    const ProjectState before = state;
    change(state);
    if (loaded && state == before)
        return {};
    return state.save(projectFolder);
}

} // namespace vlab
