#pragma once
// The record of what an apply created on one NetScaler (objects, and features it switched on),
// kept in the project folder so that a later rollback removes exactly that, and the order in
// which objects are removed.

#include "core/result.h"
#include "netscaler/nitromodel.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace vlab {

struct NitroRecord
{
    QList<NitroObject> objects; // in the order they were created
    QStringList features;       // NetScaler features the apply enabled ("LB")

    bool isEmpty() const { return objects.isEmpty() && features.isEmpty(); }
    // Adds what `other` holds and this record lacks, keeping the order.
    void add(const NitroRecord &other);
    bool operator==(const NitroRecord &) const = default;
};

// JSON: {"schema":"vlab.nitro-created/2","nsip":"ADDR[:PORT]","objects":[{type,attributes}],
// "features":["LB"]}. Schema /1 (objects only) is still read.
QByteArray nitroRecordJson(const QString &nsip, const NitroRecord &record);
Result<NitroRecord> parseNitroRecord(const QByteArray &data, const QString &nsip);
// Where the record for one NetScaler lives: <projectFolder>/netscaler-created-<address>.json,
// where the address is NitroTarget::address() (host, with ":PORT" when not 443) with every
// character but letters, digits, '.', '-' and '_' percent-encoded, so that two NetScalers on
// one address with different ports have records of their own.
QString nitroRecordPath(const QString &projectFolder, const QString &address);
// Reads a record; a missing file is an empty record.
Result<NitroRecord> loadNitroRecord(const QString &path, const QString &nsip);
// Writes the record (removes the file when it is empty).
Result<void> saveNitroRecord(const QString &path, const QString &nsip, const NitroRecord &record);
// Objects in reverse dependency order (for removal).
QList<NitroObject> removalOrder(QList<NitroObject> objects);

} // namespace vlab

Q_DECLARE_METATYPE(vlab::NitroRecord)
