// fuzz_nitro_reply: the NITRO reply parser and what the NITRO jobs read from a reply
// (netscaler/nitromodel.h): parseNitroReply() on the HTTP status and body, the status and the
// error built from it, a bulk add's per-item results, whether load balancing is on, and the
// records of every object type compared with the example lab's desired objects (the diff).
// The input is a first line "<HTTP status> [<items in the bulk request>]", then the body.

#include "fuzzinput.h"
#include "netscaler/nitromodel.h"
#include "plan/planjson.h"

using namespace vlab;
using namespace Qt::StringLiterals;

namespace {

const QList<NitroObject> &desiredObjects()
{
    static const QList<NitroObject> objects = [] {
        const Result<LbConfig> config = LbConfig::fromPlan(examplePlan());
        fuzz::require(bool(config), "the example plan yields a NetScaler configuration");
        return nitroObjects(*config);
    }();
    return objects;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const qsizetype eol = input.indexOf('\n');
    const QList<QByteArray> head = input.left(eol < 0 ? 0 : eol).split(' ');
    bool ok = false;
    const int status = head.value(0).toInt(&ok);
    const int httpStatus = ok ? status : 200;
    const int items = qBound(0, head.value(1).toInt(), 64);
    const QByteArray body = ok ? input.mid(eol + 1) : input;

    const Result<QJsonObject> reply = parseNitroReply(httpStatus, body);
    if (!reply) {
        fuzz::require(!reply.error().message.isEmpty(), "a refused reply has a message");
        return 0;
    }
    const NitroStatus nitro = nitroStatus(*reply);
    fuzz::require(!nitroError(u"Read lbvserver objects"_s, httpStatus, nitro).message.isEmpty(),
                  "a NITRO error has a message");
    fuzz::require(bulkItemResults(httpStatus, *reply, items).size() == items,
                  "one bulk result per item sent");
    (void)nitroLbEnabled(*reply);
    (void)isLbNotEnabledWarning(nitro.message);

    NitroState state;
    for (const QString &type : nitroTypeOrder())
        state.insert(type, nitroRecords(*reply, type));
    const QList<NitroDiffItem> diff = diffObjects(desiredObjects(), state);
    fuzz::require(diff.size() == desiredObjects().size(), "one diff item per desired object");
    for (const NitroDiffItem &item : diff)
        fuzz::require(item.action != NitroDiffItem::Action::Conflict || !item.reason.isEmpty(),
                      "a conflict says why");
    return 0;
}
