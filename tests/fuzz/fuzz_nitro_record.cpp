// fuzz_nitro_record: the record of the objects an apply created on a NetScaler
// (netscaler/nitrorecord.h), which a rollback reads back from the project folder: a file that
// is shared with the project, edited by hand or damaged. parseNitroRecord() either refuses it
// with a message or gives objects of known types with names, and features the apply can
// enable; what it gives is written and read back the same, and its removal order holds every
// object once. The input is a first line "<nsip>" (the NetScaler the record must be for), then
// the file.

#include "fuzzinput.h"
#include "netscaler/nitromodel.h"
#include "netscaler/nitrorecord.h"

using namespace vlab;
using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const qsizetype eol = input.indexOf('\n');
    const QString nsip = QString::fromUtf8(input.left(eol < 0 ? 0 : eol));
    const QByteArray file = eol < 0 ? input : input.mid(eol + 1);

    const Result<NitroRecord> record = parseNitroRecord(file, nsip);
    if (!record) {
        fuzz::require(!record.error().message.isEmpty(), "a refused record has a message");
        fuzz::require(record.error().code == u"nitro.record"_s, "a refused record says so");
        return 0;
    }
    for (const NitroObject &object : record->objects) {
        fuzz::require(nitroTypeOrder().contains(object.type), "every object is of a known type");
        fuzz::require(!object.name().isEmpty(), "every object has a name");
        // The rollback's DELETE: a name is one path segment, whatever it holds.
        const QString path = nitroDeletePath(object);
        const QString resource = path.section(u'?', 0, 0);
        fuzz::require(resource.startsWith(u"/nitro/v1/config/"_s + object.type + u'/')
                          && resource.count(u'/') == 5,
                      "a DELETE names one object of its type");
        fuzz::require(path.count(u'?') <= 1 && !path.contains(u'#') && !path.contains(u'&')
                          && !path.contains(u' ') && !path.contains(u'\n'),
                      "a DELETE path carries the names encoded");
    }
    for (const QString &feature : record->features)
        fuzz::require(feature == u"LB"_s, "only features an apply enables");

    // Written back (saveNitroRecord) and read again, it is the same record.
    const Result<NitroRecord> again = parseNitroRecord(nitroRecordJson(nsip, *record), nsip);
    fuzz::require(again.ok() && *again == *record, "a record reads back as written");
    // Another NetScaler's record is refused.
    fuzz::require(!parseNitroRecord(file, nsip + u":1"_s).ok(), "a record is for one NetScaler");

    const QList<NitroObject> order = removalOrder(record->objects);
    fuzz::require(order.size() == record->objects.size(), "the removal order holds every object");
    for (const NitroObject &object : record->objects)
        fuzz::require(order.count(object) == record->objects.count(object),
                      "the removal order holds each object as often as the record");
    NitroRecord merged = *record;
    merged.add(*record);
    fuzz::require(merged.objects.size() <= record->objects.size()
                      && merged.features.size() <= record->features.size(),
                  "adding a record to itself adds nothing");
    return 0;
}
