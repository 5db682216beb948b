#pragma once
// Checks a VCHA request body field by field against the vSphere Automation SDK's VCHA types as
// transcribed in tests/data/vsphere/vcha-types.json (not against vLab Wizard's serializer):
// no field the structure lacks, every required field present, values of the declared kind,
// enumerations from the SDK's value lists, identifiers shaped like the managed-object ids of
// the declared resource type. Values starting "<VLAB_" are plan-only placeholders; with
// `placeholders` false they are problems too.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

class VchaTypes
{
public:
    VchaTypes()
    {
        QFile file(QStringLiteral(VLAB_TEST_DATA_DIR "/vsphere/vcha-types.json"));
        if (file.open(QIODevice::ReadOnly)) {
            const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
            m_structures = root.value(QStringLiteral("structures")).toObject();
            m_enums = root.value(QStringLiteral("enumerations")).toObject();
        }
    }
    bool loaded() const { return m_structures.size() > 20; }

    // Problems of `value` as the structure `wire` ("com.vmware.vcenter.vcha.cluster.deploy_spec").
    QStringList check(const QJsonValue &value, const QString &wire, bool placeholders) const
    {
        QStringList problems;
        checkStruct(value, wire, QStringLiteral("spec"), placeholders, problems);
        return problems;
    }

private:
    QString wireOf(const QString &type) const
    {
        for (auto it = m_structures.begin(); it != m_structures.end(); ++it) {
            if (it.value().toObject().value(QStringLiteral("class")).toString() == type.section(u'.', -1))
                return it.key();
        }
        return {};
    }
    QJsonArray enumValues(const QString &type) const
    {
        const QString suffix = u'.'
            + QString(type)
                  .replace(QRegularExpression(QStringLiteral("([a-z])([A-Z])")), QStringLiteral("\\1_\\2"))
                  .toLower();
        for (auto it = m_enums.begin(); it != m_enums.end(); ++it) {
            if (it.key().endsWith(suffix))
                return it.value().toArray();
        }
        return {};
    }
    void checkStruct(const QJsonValue &value, const QString &wire, const QString &path, bool placeholders,
                     QStringList &problems) const
    {
        const QJsonObject fields =
            m_structures.value(wire).toObject().value(QStringLiteral("fields")).toObject();
        if (!value.isObject()) {
            problems << path + QStringLiteral(": not a structure");
            return;
        }
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!fields.contains(it.key()))
                problems << path + u'.' + it.key() + QStringLiteral(": not a field of ") + wire;
        }
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            const QJsonObject f = it.value().toObject();
            const QString where = path + u'.' + it.key();
            if (!object.contains(it.key())) {
                if (!f.value(QStringLiteral("optional")).toBool())
                    problems << where + QStringLiteral(": required, missing");
                continue;
            }
            const QJsonValue v = object.value(it.key());
            if (f.value(QStringLiteral("list")).toBool()) {
                if (!v.isArray() || v.toArray().isEmpty()) {
                    problems << where
                            + QStringLiteral(": an empty or missing list (leave an optional field out)");
                    continue;
                }
                for (const QJsonValue &item : v.toArray())
                    checkValue(item, f, where + QStringLiteral("[]"), placeholders, problems);
            } else {
                checkValue(v, f, where, placeholders, problems);
            }
        }
    }
    void checkValue(const QJsonValue &v, const QJsonObject &f, const QString &where, bool placeholders,
                    QStringList &problems) const
    {
        const QString type = f.value(QStringLiteral("type")).toString();
        if (v.isString() && v.toString().startsWith(QStringLiteral("<VLAB_"))) {
            if (!placeholders)
                problems << where + QStringLiteral(": placeholder ") + v.toString();
            return;
        }
        if (type == QStringLiteral("string") || type == QStringLiteral("secret")) {
            if (!v.isString() || v.toString().isEmpty())
                problems << where
                        + QStringLiteral(": an empty or missing string (leave an optional field out)");
        } else if (type == QStringLiteral("integer")) {
            if (!v.isDouble() || v.toDouble() != double(v.toInteger()))
                problems << where + QStringLiteral(": not an integer");
        } else if (type == QStringLiteral("boolean")) {
            if (!v.isBool())
                problems << where + QStringLiteral(": not a boolean");
        } else if (type == QStringLiteral("id")) {
            static const QHash<QString, QString> prefix{
                {QStringLiteral("Folder"), QStringLiteral("group-")},
                {QStringLiteral("HostSystem"), QStringLiteral("host-")},
                {QStringLiteral("ResourcePool"), QStringLiteral("resgroup-")},
                {QStringLiteral("Datastore"), QStringLiteral("datastore-")}};
            const QString resource = f.value(QStringLiteral("resourceType")).toString();
            const QString id = v.toString();
            // vCenter names folders group-v3 ...; govmomi's simulator folder-5 ...: both are ids.
            // The simulator names a local datastore after its directory and folder
            // ("/tmp/govcsim-DC0-LocalDS_0-123@folder-5"), where vCenter has datastore-12.
            static const QRegularExpression simulatorDatastore(
                QStringLiteral("^/(.+/)?govcsim-[^@/]+@folder-[0-9]+$"));
            const bool ok = resource == QStringLiteral("Network")
                ? (id.startsWith(QStringLiteral("network-")) || id.startsWith(QStringLiteral("dvportgroup-")))
                : id.startsWith(prefix.value(resource, QStringLiteral("?")))
                    || (resource == QStringLiteral("Folder") && id.startsWith(QStringLiteral("folder-")))
                    || (resource == QStringLiteral("Datastore") && simulatorDatastore.match(id).hasMatch());
            if (!ok)
                problems << where + QStringLiteral(": \"") + id + QStringLiteral("\" is not the id of a ")
                        + resource;
        } else if (const QJsonArray values = enumValues(type); !values.isEmpty()) {
            if (!values.contains(v))
                problems << where + QStringLiteral(": ") + v.toString() + QStringLiteral(" is not a ") + type;
        } else if (const QString wire = wireOf(type); !wire.isEmpty()) {
            checkStruct(v, wire, where, placeholders, problems);
        } else {
            problems << where + QStringLiteral(": unknown type ") + type;
        }
    }

    QJsonObject m_structures;
    QJsonObject m_enums;
};
