#include "netscaler/nitrorecord.h"

#include "core/atomicfile.h"
#include "core/tr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

const QString kSchema1 = u"vlab.nitro-created/1"_s;
const QString kSchema2 = u"vlab.nitro-created/2"_s;

} // namespace

void NitroRecord::add(const NitroRecord &other)
{
    for (const NitroObject &o : other.objects) {
        if (!objects.contains(o))
            objects.append(o);
    }
    for (const QString &f : other.features) {
        if (!features.contains(f))
            features.append(f);
    }
}

QList<NitroObject> removalOrder(QList<NitroObject> objects)
{
    const QStringList &order = nitroTypeOrder();
    std::stable_sort(objects.begin(), objects.end(), [&](const NitroObject &a, const NitroObject &b) {
        return order.indexOf(a.type) > order.indexOf(b.type);
    });
    return objects;
}

QByteArray nitroRecordJson(const QString &nsip, const NitroRecord &record)
{
    QJsonArray list;
    for (const NitroObject &o : record.objects)
        list.append(QJsonObject{{u"type"_s, o.type}, {u"attributes"_s, o.attributes}});
    return QJsonDocument(QJsonObject{{u"schema"_s, kSchema2},
                                     {u"nsip"_s, nsip},
                                     {u"objects"_s, list},
                                     {u"features"_s, QJsonArray::fromStringList(record.features)}})
        .toJson();
}

Result<NitroRecord> parseNitroRecord(const QByteArray &data, const QString &nsip)
{
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(data, &error).object();
    const QString schema = root.value(u"schema"_s).toString();
    if (error.error != QJsonParseError::NoError || (schema != kSchema1 && schema != kSchema2))
        return makeError(
            u"nitro.record"_s,
            Tr::tr("The record of created objects is damaged (%1).")
                .arg(error.error != QJsonParseError::NoError ? error.errorString() : Tr::tr("wrong schema")));
    if (root.value(u"nsip"_s).toString() != nsip)
        return makeError(u"nitro.record"_s,
                         Tr::tr("The record of created objects is for NetScaler %1, not %2.")
                             .arg(root.value(u"nsip"_s).toString(), nsip));
    NitroRecord record;
    for (const QJsonValue &v : root.value(u"objects"_s).toArray()) {
        const QJsonObject o = v.toObject();
        const NitroObject object{o.value(u"type"_s).toString(), o.value(u"attributes"_s).toObject()};
        if (!nitroTypeOrder().contains(object.type) || object.name().isEmpty())
            return makeError(u"nitro.record"_s,
                             Tr::tr("The record of created objects holds an unknown object."));
        record.objects.append(object);
    }
    for (const QJsonValue &v : root.value(u"features"_s).toArray()) {
        if (v.toString() != u"LB"_s)
            return makeError(u"nitro.record"_s,
                             Tr::tr("The record of created objects holds an unknown feature."));
        record.features.append(v.toString());
    }
    return record;
}

QString nitroRecordPath(const QString &projectFolder, const QString &address)
{
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(address, {}, "~"));
    return QDir(projectFolder).filePath(u"netscaler-created-"_s + encoded + u".json"_s);
}

Result<NitroRecord> loadNitroRecord(const QString &path, const QString &nsip)
{
    if (!QFile::exists(path))
        return NitroRecord{};
    const Result<QByteArray> data = readFileLimited(path, 16 * 1024 * 1024);
    if (!data)
        return data.error();
    Result<NitroRecord> record = parseNitroRecord(*data, nsip);
    if (!record)
        return makeError(record.error().code,
                         QDir::toNativeSeparators(path) + u": "_s + record.error().message);
    return record;
}

Result<void> saveNitroRecord(const QString &path, const QString &nsip, const NitroRecord &record)
{
    if (record.isEmpty()) {
        if (QFile::exists(path) && !QFile::remove(path))
            return makeError(u"file.write"_s,
                             Tr::tr("Cannot remove %1.").arg(QDir::toNativeSeparators(path)));
        return {};
    }
    if (const Result<void> folder = makePrivateFolder(QFileInfo(path).absolutePath()); !folder)
        return folder.error();
    const Result<WrittenFile> written =
        writeFileAtomically(path, nitroRecordJson(nsip, record), privateFilePermissions());
    if (!written)
        return written.error();
    return {};
}

} // namespace vlab
