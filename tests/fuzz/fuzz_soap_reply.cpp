// fuzz_soap_reply: the vSphere SOAP reply parser (vsphere/soapclient.h): parseSoapReply() on the
// HTTP status and body, as SoapClient::call() reads every reply (XML, envelope, fault, the
// method's <returnval>), then the reading of the calls the engine makes: the service content's
// references, the objects of a property-collector query, managed-object references and xsi
// types. The input is a first line "<HTTP status> <method>", then the body.

#include "fuzzinput.h"
#include "vsphere/soapclient.h"

using namespace vlab;
using namespace Qt::StringLiterals;

namespace {

void walk(const XmlElement &e, int depth)
{
    (void)e.xsiType();
    (void)moRefOf(&e);
    if (depth > 64)
        return;
    for (const XmlElement &c : e.children)
        walk(c, depth + 1);
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
    const QString method =
        ok && head.size() > 1 ? QString::fromUtf8(head.at(1)).trimmed() : u"RetrievePropertiesEx"_s;
    const QByteArray body = ok ? input.mid(eol + 1) : input;

    const Result<XmlElement> value = parseSoapReply(method, httpStatus, body);
    if (!value) {
        fuzz::require(!value.error().message.isEmpty(), "a refused reply has a message");
        fuzz::require(value.error().code.startsWith(u"soap."_s)
                          || value.error().code.startsWith(u"vcenter."_s),
                      "a refused reply has a SOAP or vCenter error code");
        return 0;
    }
    // RetrieveServiceContent
    (void)moRefOf(value->child(u"rootFolder"_s));
    (void)moRefOf(value->child(u"propertyCollector"_s));
    (void)value->at(u"about/apiVersion"_s);
    // RetrievePropertiesEx and its continuation
    for (const ObjectContent &object : objectContents(*value)) {
        (void)object.prop(u"name"_s);
        for (const auto &prop : object.props)
            walk(prop.second, 0);
    }
    (void)value->childText(u"token"_s);
    walk(*value, 0);
    return 0;
}
