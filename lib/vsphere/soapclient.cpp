#include "vsphere/soapclient.h"

#include "core/tr.h"
#include "net/httpclient.h"
#include "vsphere/recordedexchange.h"

#include <QPointer>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

const QString kVim = QString::fromLatin1(kVimNamespace);
const QString kXsi = QString::fromLatin1(kXsiNamespace);
const QString kEnv = QString::fromLatin1(kSoapEnvNamespace);

QByteArray envelope(const QString &method, const MoRef &self, const SoapClient::ArgsWriter &args, bool redact)
{
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument();
    w.writeNamespace(kEnv, u"soapenv"_s);
    w.writeNamespace(kXsi, u"xsi"_s);
    w.writeStartElement(kEnv, u"Envelope"_s);
    w.writeStartElement(kEnv, u"Body"_s);
    w.writeStartElement(method);
    w.writeDefaultNamespace(kVim);
    writeMoRef(w, u"_this"_s, self);
    if (args)
        args(w, redact);
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

} // namespace

const XmlElement *XmlElement::child(const QString &local) const
{
    for (const XmlElement &c : children) {
        if (c.name == local)
            return &c;
    }
    return nullptr;
}

QList<const XmlElement *> XmlElement::all(const QString &local) const
{
    QList<const XmlElement *> found;
    for (const XmlElement &c : children) {
        if (c.name == local)
            found.append(&c);
    }
    return found;
}

QString XmlElement::childText(const QString &local) const
{
    const XmlElement *c = child(local);
    return c ? c->text : QString();
}

QString XmlElement::attribute(const QString &local, const QString &uri) const
{
    const QString key = uri.isEmpty() ? local : QString(u'{' + uri + u'}' + local);
    for (const auto &a : attributes) {
        if (a.first == key)
            return a.second;
    }
    return {};
}

QString XmlElement::xsiType() const
{
    const QString type = attribute(u"type"_s, kXsi);
    return type.section(u':', -1);
}

const XmlElement *XmlElement::at(const QString &path) const
{
    const XmlElement *e = this;
    for (const QString &part : path.split(u'/', Qt::SkipEmptyParts)) {
        e = e->child(part);
        if (!e)
            return nullptr;
    }
    return e;
}

Result<XmlElement> parseXml(const QByteArray &data)
{
    QXmlStreamReader r(data);
    std::vector<XmlElement> stack;
    XmlElement root;
    bool haveRoot = false;
    while (!r.atEnd()) {
        switch (r.readNext()) {
        case QXmlStreamReader::StartElement: {
            // The tree is copied and destroyed recursively: a reply nested deeper than any
            // vSphere reply is refused before it can exhaust the stack (found by fuzz_soap_reply).
            if (stack.size() >= size_t(kMaxXmlDepth))
                return makeError(u"soap.xml"_s, Tr::tr("The SOAP reply is nested too deeply."),
                                 u"line %1: more than %2 nested elements"_s.arg(
                                     QString::number(r.lineNumber()), QString::number(kMaxXmlDepth)));
            XmlElement e;
            e.ns = r.namespaceUri().toString();
            e.name = r.name().toString();
            for (const QXmlStreamAttribute &a : r.attributes()) {
                const QString uri = a.namespaceUri().toString();
                e.attributes.append(
                    {uri.isEmpty() ? a.name().toString() : QString(u'{' + uri + u'}' + a.name().toString()),
                     a.value().toString()});
            }
            stack.push_back(std::move(e));
            break;
        }
        case QXmlStreamReader::Characters:
            if (!stack.empty())
                stack.back().text += r.text();
            break;
        case QXmlStreamReader::EndElement: {
            XmlElement done = std::move(stack.back());
            stack.pop_back();
            if (stack.empty()) {
                root = std::move(done);
                haveRoot = true;
            } else {
                stack.back().children.push_back(std::move(done));
            }
            break;
        }
        default:
            break;
        }
    }
    if (r.hasError() || !haveRoot)
        return makeError(u"soap.xml"_s, Tr::tr("The SOAP reply is not well-formed XML."),
                         u"line %1: %2"_s.arg(QString::number(r.lineNumber()), r.errorString()));
    return root;
}

MoRef moRefOf(const XmlElement *element)
{
    if (!element)
        return {};
    return MoRef{element->attribute(u"type"_s), element->text.trimmed()};
}

void writeMoRef(QXmlStreamWriter &w, const QString &element, const MoRef &ref)
{
    w.writeStartElement(element);
    w.writeAttribute(u"type"_s, ref.type);
    w.writeCharacters(ref.value);
    w.writeEndElement();
}

const XmlElement *ObjectContent::prop(const QString &path) const
{
    for (const auto &p : props) {
        if (p.first == path)
            return &p.second;
    }
    return nullptr;
}

Result<XmlElement> parseSoapReply(const QString &method, int httpStatus, const QByteArray &body)
{
    if (httpStatus == 503)
        return makeError(u"vcenter.unavailable"_s,
                         Tr::tr("%1: vCenter's services are not available yet (HTTP 503). Wait until the "
                                "appliance has finished starting, then try again.")
                             .arg(method));
    Result<XmlElement> xml = parseXml(body);
    if (!xml) {
        Error e = xml.error();
        e.message = Tr::tr("%1: HTTP %2 without a SOAP reply; is this a vCenter?")
                        .arg(method, QString::number(httpStatus));
        return e;
    }
    const XmlElement *envelopeBody =
        xml->ns == kEnv && xml->name == u"Envelope"_s ? xml->child(u"Body"_s) : nullptr;
    if (!envelopeBody || envelopeBody->ns != kEnv || envelopeBody->children.empty())
        return makeError(u"soap.envelope"_s,
                         Tr::tr("%1: HTTP %2 without a SOAP body; is this a vCenter?")
                             .arg(method, QString::number(httpStatus)),
                         shortenedBody(body));
    const XmlElement &first = envelopeBody->children.front();
    if (first.ns == kEnv && first.name == u"Fault"_s)
        return SoapClient::faultError(first, method);
    if (httpStatus != 200 || first.name != method + u"Response"_s)
        return makeError(u"soap.reply"_s,
                         Tr::tr("%1: unexpected reply (HTTP %2, %3).")
                             .arg(method, QString::number(httpStatus), first.name));
    const XmlElement *value = first.child(u"returnval"_s);
    return value ? *value : XmlElement{};
}

QList<ObjectContent> objectContents(const XmlElement &result)
{
    QList<ObjectContent> objects;
    for (const XmlElement *o : result.all(u"objects"_s)) {
        ObjectContent content;
        content.obj = moRefOf(o->child(u"obj"_s));
        for (const XmlElement *p : o->all(u"propSet"_s)) {
            const XmlElement *val = p->child(u"val"_s);
            content.props.append({p->childText(u"name"_s), val ? *val : XmlElement{}});
        }
        objects.append(std::move(content));
    }
    return objects;
}

SoapClient::SoapClient(HttpClient *http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{
}

void SoapClient::clearSession()
{
    m_cookie.clear();
    m_http->setDefaultHeader("Cookie", {});
}

Error SoapClient::faultError(const XmlElement &fault, const QString &method)
{
    const QString text = fault.childText(u"faultstring"_s).trimmed();
    QString type;
    if (const XmlElement *detail = fault.child(u"detail"_s); detail && !detail->children.empty()) {
        const XmlElement &d = detail->children.front();
        type = d.xsiType();
        if (type.isEmpty())
            type = d.name.endsWith(u"Fault"_s) ? d.name.chopped(5) : d.name;
    }
    const QString details = u"%1: %2 %3"_s.arg(method, type, text);
    if (type == u"InvalidLogin"_s)
        return makeError(u"soap.fault.InvalidLogin"_s,
                         Tr::tr("vCenter refused the user name or password. Check the user (for example "
                                "administrator@vsphere.local) and the password."),
                         details);
    if (type == u"NotAuthenticated"_s)
        return makeError(u"soap.fault.NotAuthenticated"_s,
                         Tr::tr("The vCenter session ended or was never opened; log in again."), details);
    if (type == u"NoPermission"_s)
        return makeError(u"soap.fault.NoPermission"_s,
                         Tr::tr("%1: the user lacks the privilege for this. Use an administrator of the SSO "
                                "domain.")
                             .arg(method),
                         details);
    return makeError(u"soap.fault."_s + (type.isEmpty() ? u"unknown"_s : type),
                     text.isEmpty() ? Tr::tr("%1 failed (%2).").arg(method, type)
                                    : Tr::tr("%1 failed: %2").arg(method, text),
                     details);
}

void SoapClient::call(const QString &method, const MoRef &self, const ArgsWriter &args, QObject *context,
                      Done done)
{
    RecordedRequest r;
    r.request.verb = "POST";
    r.request.path = u"/sdk"_s;
    r.request.body = envelope(method, self, args, false);
    r.request.headers = {{"Content-Type", "text/xml; charset=utf-8"},
                         {"SOAPAction", QString(u"urn:vim25/"_s + m_apiVersion).toLatin1()}};
    r.shownText = u"SOAP "_s + method;
    r.shownBody = QString::fromUtf8(envelope(method, self, args, true));

    sendRecorded(m_http, this, m_sink, r, context,
                 [this, method, done = std::move(done)](Result<HttpResponse> reply) {
                     if (!reply)
                         return done(reply.error());
                     Result<XmlElement> value = parseSoapReply(method, reply->status, reply->body);
                     if (!value)
                         return done(value.error());
                     // Login opens the session: keep its cookie (vmware_soap_session) for the later calls.
                     const QByteArray setCookie = reply->header("Set-Cookie");
                     if (!setCookie.isEmpty()) {
                         m_cookie = setCookie.split(';').constFirst().trimmed();
                         m_http->setDefaultHeader("Cookie", m_cookie);
                     }
                     done(std::move(value));
                 });
}

void SoapClient::retrieveServiceContent(QObject *context, ContentDone done)
{
    call(u"RetrieveServiceContent"_s, MoRef{u"ServiceInstance"_s, u"ServiceInstance"_s}, {}, context,
         [this, done = std::move(done)](Result<XmlElement> r) {
             if (!r)
                 return done(r.error());
             ServiceContent content;
             content.rootFolder = moRefOf(r->child(u"rootFolder"_s));
             content.propertyCollector = moRefOf(r->child(u"propertyCollector"_s));
             content.sessionManager = moRefOf(r->child(u"sessionManager"_s));
             const XmlElement *about = r->child(u"about"_s);
             if (content.rootFolder.isNull() || content.propertyCollector.isNull()
                 || content.sessionManager.isNull() || !about)
                 return done(makeError(u"soap.content"_s,
                                       Tr::tr("%1 did not describe its services; is it a vCenter?")
                                           .arg(m_http->baseUrl().host())));
             content.fullName = about->childText(u"fullName"_s);
             content.apiVersion = about->childText(u"apiVersion"_s);
             content.apiType = about->childText(u"apiType"_s);
             if (!content.apiVersion.isEmpty())
                 m_apiVersion = content.apiVersion;
             m_sessionManager = content.sessionManager;
             done(content);
         });
}

void SoapClient::login(const QString &user, const QString &password, QObject *context, SessionDone done)
{
    if (user.isEmpty())
        return done(
            makeError(u"vcenter.auth.missing"_s, Tr::tr("A user name is needed to log in to vCenter.")));
    call(
        u"Login"_s, m_sessionManager,
        [user, password](QXmlStreamWriter &w, bool redact) {
            w.writeTextElement(u"userName"_s, user);
            w.writeTextElement(u"password"_s, redact ? QString::fromLatin1(kMasked) : password);
        },
        context,
        [done = std::move(done)](Result<XmlElement> r) {
            if (!r)
                return done(r.error());
            done({});
        });
}

void SoapClient::logout(QObject *context, SessionDone done)
{
    if (!hasSession())
        return done({});
    call(u"Logout"_s, m_sessionManager, {}, context, [this, done = std::move(done)](Result<XmlElement> r) {
        clearSession();
        if (!r)
            return done(r.error());
        done({});
    });
}

void SoapClient::retrieve(const MoRef &collector, const MoRef &root, bool recurse,
                          const QList<QPair<QString, QStringList>> &types, QObject *context, ObjectsDone done)
{
    const auto args = [root, recurse, types](QXmlStreamWriter &w, bool) {
        w.writeStartElement(u"specSet"_s);
        for (const auto &[type, paths] : types) {
            w.writeStartElement(u"propSet"_s);
            w.writeTextElement(u"type"_s, type);
            for (const QString &p : paths)
                w.writeTextElement(u"pathSet"_s, p);
            w.writeEndElement();
        }
        w.writeStartElement(u"objectSet"_s);
        writeMoRef(w, u"obj"_s, root);
        w.writeTextElement(u"skip"_s, u"false"_s);
        if (recurse) {
            // Folder.childEntity, and again from every folder found (datacenters may sit in folders).
            w.writeStartElement(u"selectSet"_s);
            w.writeAttribute(kXsi, u"type"_s, u"TraversalSpec"_s);
            w.writeTextElement(u"name"_s, u"folderTraversal"_s);
            w.writeTextElement(u"type"_s, u"Folder"_s);
            w.writeTextElement(u"path"_s, u"childEntity"_s);
            w.writeTextElement(u"skip"_s, u"false"_s);
            w.writeStartElement(u"selectSet"_s);
            w.writeTextElement(u"name"_s, u"folderTraversal"_s);
            w.writeEndElement();
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndElement();
        w.writeEmptyElement(u"options"_s);
    };
    QPointer<QObject> guard(context);
    call(u"RetrievePropertiesEx"_s, collector, args, this,
         [this, guard, collector, done = std::move(done)](Result<XmlElement> r) {
             if (guard.isNull())
                 return;
             if (!r)
                 return done(r.error());
             collectObjects(collector, *r, {}, guard, done);
         });
}

void SoapClient::collectObjects(const MoRef &collector, const XmlElement &result,
                                QList<ObjectContent> objects, QPointer<QObject> guard,
                                const ObjectsDone &done)
{
    objects.append(objectContents(result));
    // A large inventory comes in pages: a token asks for the next one.
    const QString token = result.childText(u"token"_s);
    if (token.isEmpty())
        return done(objects);
    call(
        u"ContinueRetrievePropertiesEx"_s, collector,
        [token](QXmlStreamWriter &w, bool) { w.writeTextElement(u"token"_s, token); }, this,
        [this, guard, collector, objects, done](Result<XmlElement> r) {
            if (guard.isNull())
                return;
            if (!r)
                return done(r.error());
            collectObjects(collector, *r, objects, guard, done);
        });
}

} // namespace vlab
