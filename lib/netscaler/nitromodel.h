#pragma once
// The NITRO side of the load-balancing configuration: the plan's objects as NITRO resources
// (in dependency order), the NetScaler's current objects read back, the difference between
// the two, and NITRO replies (errors, per-item bulk results). Pure functions, no network:
// the NITRO jobs (nitrojob.h and its subclasses) do the talking.

#include "core/result.h"
#include "netscaler/lbconfig.h"

#include <QJsonObject>
#include <QList>
#include <QMap>

namespace vlab {

// One NITRO resource: its type ("server", "lbvserver_service_binding", ...) and the
// attributes we add it with. Bindings are identified by both ends; an nsip by its address.
struct NitroObject
{
    QString type;
    QJsonObject attributes;

    QString name() const;    // the resource's key (for a binding: the vserver or group; nsip: the address)
    QString boundTo() const; // for a binding: the service or vserver; else empty
    QString label() const;   // "lbvserver vlab-vs-443", "binding vlab-vs-443 -> vlab-svc-..."
    bool isBinding() const { return !boundTo().isEmpty(); }
    bool operator==(const NitroObject &) const = default;
};

// Types in the order they must be created (reverse for removal).
const QStringList &nitroTypeOrder();
// The attribute that names an object of `type` ("ipaddress" for nsip, else "name").
QString nitroKeyAttribute(const QString &type);
// The verb that adds an object of `type`: PUT for bindings, POST for the rest (NetScaler 12.0
// NITRO reference: the binding pages document "add" as PUT).
QByteArray nitroAddVerb(const QString &type);

// The plan's configuration as NITRO resources, in dependency order.
QList<NitroObject> nitroObjects(const LbConfig &config);
// What objects of a NITRO type are in this lab, in words ("the load-balanced virtual servers").
QString nitroTypeDescription(const QString &type);
// One line per object type, in creation order ("Create the load-balanced virtual servers
// (lbvserver): vlab-vs-443, vlab-vs-389"), or "Remove ..." in removal order: what Apply or
// Roll back will ask the person to approve.
QStringList describeNitroChanges(const QList<NitroObject> &objects, bool remove);

// What the NetScaler holds now, by type: the records NITRO returned.
using NitroState = QMap<QString, QList<QJsonObject>>;

struct NitroDiffItem
{
    enum class Action { Create, Correct, Conflict };
    NitroObject object;
    Action action = Action::Create;
    QString reason; // for Conflict: what differs, for people
};

// Compares one desired object with the records of its type. `state` must hold the records
// of every type that affects the object (for a group binding: all group bindings).
NitroDiffItem diffObject(const NitroObject &object, const NitroState &state);
QList<NitroDiffItem> diffObjects(const QList<NitroObject> &objects, const NitroState &state);
QString diffActionName(NitroDiffItem::Action action); // "create", "correct", "conflict"

// Whether a GET nsfeature reply says load balancing is on. NITRO answers an object
// {"nsfeature": {"lb": true, "feature": ["LB", ...]}} (the reference page shows the resource as
// a one-element array; both are read).
bool nitroLbEnabled(const QJsonObject &reply);
// A NITRO warning (HTTP 209 with X-NITRO-WARNING, asked for with ?warning=yes) saying that load
// balancing is off: "1067 - Feature(s) not enabled [LB]".
bool isLbNotEnabledWarning(const QString &warning);

// A NITRO reply body: {errorcode, message, severity, ...}.
struct NitroStatus
{
    int errorcode = 0;
    QString message;
    QString severity;
};

// Parses a reply. Non-JSON bodies fail with "nitro.reply" naming the HTTP status and the
// start of the body.
Result<QJsonObject> parseNitroReply(int httpStatus, const QByteArray &body);
NitroStatus nitroStatus(const QJsonObject &reply);
// An Error for a NITRO failure: code "nitro.<errorcode>", NITRO's message, and advice.
Error nitroError(const QString &what, int httpStatus, const NitroStatus &status);

// The records of `type` in a GET reply ({"<type>": [{...}, ...]}); an empty collection has no
// member of that name and gives none.
QList<QJsonObject> nitroRecords(const QJsonObject &reply, const QString &type);

// Per-item results of a bulk add sent with X-NITRO-ONERROR: continue: one status per input
// item, in order. A 2xx (209: with a warning) means every item succeeded; 207 + 1243 carries a
// `response` array with one result per item; any other error applies to all.
QList<NitroStatus> bulkItemResults(int httpStatus, const QJsonObject &reply, int itemCount);

// Paths, with names percent-encoded.
QString nitroPath(const QString &type, const QString &name = {}, const QString &query = {});
// DELETE path for an object (bindings name the bound end in `args`; nsip/<address>).
QString nitroDeletePath(const NitroObject &object);

// Known NITRO error codes (from the NetScaler documentation; see domain-facts.md).
namespace NitroCode {
constexpr int ResourceExists = 273;
constexpr int NoSuchResource = 258;
constexpr int BadLogin = 354;
constexpr int SessionExpired = 444;
constexpr int BulkFailed = 1243;
constexpr int InvalidArgument = 278;
constexpr int InvalidValue = 1074;
constexpr int NotAuthorized = 2138;
constexpr int FeatureNotEnabled = 1067;
} // namespace NitroCode

} // namespace vlab
