// fuzz_vcha_reply: what the VCHA job reads from the vCenter REST API (vsphere/vcenterclient.h,
// vsphere/vchajob.h): parseRestReply() on the HTTP status and body, as every REST call reads its
// reply (the vAPI error messages of a failure, the "value" of a success), then the cluster state
// readVchaClusterState() makes of it (Cluster.Info of the SDK: states, health warnings) or its
// refusal. The input is a first line "<HTTP status>", then the body.

#include "fuzzinput.h"
#include "vsphere/vcenterclient.h"
#include "vsphere/vchajob.h"

#include <QJsonArray>

using namespace vlab;
using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const qsizetype eol = input.indexOf('\n');
    bool ok = false;
    const int status = input.left(eol < 0 ? 0 : eol).trimmed().toInt(&ok);
    const int httpStatus = ok ? status : 200;
    const QByteArray body = ok ? input.mid(eol + 1) : input;
    const QString what = u"POST /rest/vcenter/vcha/cluster"_s;

    const Result<QJsonValue> reply = parseRestReply(httpStatus, body, true, what);
    if (!reply) {
        fuzz::require(!reply.error().message.isEmpty(), "a refused reply has a message");
        fuzz::require(reply.error().code.startsWith(u"vcenter."_s), "a refused reply has a vCenter code");
        fuzz::require(httpStatus / 100 != 2 || reply.error().code == u"vcenter.rest.syntax"_s,
                      "a 2xx reply is refused only when it is not JSON");
        return 0;
    }
    fuzz::require(httpStatus / 100 == 2 || httpStatus == 404, "only a 2xx or an optional 404 is read");
    // Undefined tells the job "no VCHA REST API": never made of a reply's body.
    fuzz::require(reply->isUndefined() == (httpStatus == 404), "undefined only for a 404");
    // The same body as the reply to a required call, and as a failure of every kind.
    const Result<QJsonValue> required = parseRestReply(httpStatus, body, false, what);
    fuzz::require(httpStatus == 404 ? !required.ok() : required.ok() && *required == *reply,
                  "a required call reads a reply as an optional one, but for a 404");
    for (const int failure : {400, 401, 403, 404, 500, 503})
        fuzz::require(!restError(failure, body, what).message.isEmpty(), "a REST error has a message");

    const QJsonValue value = *reply;
    (void)value.toString(); // the deploy task's id
    if (reply->isUndefined())
        return 0; // no VCHA REST API: the job says so and prints the manual steps
    const Result<VchaClusterState> state = readVchaClusterState(value, u"vc.example"_s);
    fuzz::require(state.ok() == value.isObject(), "a cluster state is read from an object only");
    if (!state) {
        fuzz::require(state.error().code == u"vcha.reply"_s && !state.error().message.isEmpty(),
                      "a reply without a cluster state is refused with a message");
        return 0;
    }
    fuzz::require(state->warnings.size() == value[u"health_warnings"_s].toArray().size(),
                  "one line per health warning");
    fuzz::require(!state->healthy()
                      || (state->configState == u"CONFIGURED"_s && state->healthState == u"HEALTHY"_s),
                  "healthy only when configured and healthy");
    return 0;
}
