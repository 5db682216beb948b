#pragma once
// SoapClient: the vSphere Web Services (SOAP) API over the shared HttpClient, for what the
// 6.7 REST API lacks (the Distributed Switch). Requests are written with QXmlStreamWriter,
// replies read with QXmlStreamReader into a small element tree matched by namespace URI and
// local name, never by prefix (servers differ in the prefixes they choose). The session
// cookie of Login is kept for the later calls; faults become Errors named after their type.
// Also here: the property-collector query and the task wait every SOAP workflow needs.

#include "vsphere/vcenterclient.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <vector>

class QXmlStreamWriter;

namespace vlab {

class HttpClient;

inline constexpr auto kVimNamespace = "urn:vim25";
inline constexpr auto kXsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";
inline constexpr auto kSoapEnvNamespace = "http://schemas.xmlsoap.org/soap/envelope/";

// One XML element: namespace URI, local name, attributes, text, children.
struct XmlElement
{
    QString ns;
    QString name;
    QList<QPair<QString, QString>> attributes; // "{uri}local" or "local" -> value
    QString text;                              // the element's own character data
    std::vector<XmlElement> children;

    // Children by local name (the vim25 body has one namespace; envelope and fault elements
    // are checked by namespace URI where they are looked for).
    const XmlElement *child(const QString &local) const;
    QList<const XmlElement *> all(const QString &local) const;
    QString childText(const QString &local) const; // empty when absent
    QString attribute(const QString &local, const QString &ns = {}) const;
    QString xsiType() const; // the local part of xsi:type, whatever its prefix
    // A path of child names, "config/defaultPortConfig/vlan/vlanId".
    const XmlElement *at(const QString &path) const;
};

// vSphere replies nest a few dozen elements deep; deeper XML is refused ("soap.xml").
inline constexpr int kMaxXmlDepth = 256;
Result<XmlElement> parseXml(const QByteArray &data);

// A managed object reference: <obj type="Folder">group-d1</obj>.
struct MoRef
{
    QString type;
    QString value;
    bool isNull() const { return value.isEmpty(); }
    bool operator==(const MoRef &) const = default;
};
MoRef moRefOf(const XmlElement *element);
void writeMoRef(QXmlStreamWriter &w, const QString &element, const MoRef &ref);

// What RetrievePropertiesEx returns for one object.
struct ObjectContent
{
    MoRef obj;
    QList<QPair<QString, XmlElement>> props; // property path -> <val>
    const XmlElement *prop(const QString &path) const;
};

// One reply of `method` (the HTTP status and body as received) read as the SOAP client reads
// it: the <returnval> element of <methodResponse> (an empty element when the method returns
// nothing); a fault, a 503, a body that is not a SOAP envelope or a reply to another method
// is an Error. Pure: SoapClient::call() and the fuzz target (tests/fuzz) both use it.
Result<XmlElement> parseSoapReply(const QString &method, int httpStatus, const QByteArray &body);
// The objects of one RetrievePropertiesEx (or ContinueRetrievePropertiesEx) <returnval>.
QList<ObjectContent> objectContents(const XmlElement &result);

// What RetrieveServiceContent tells: the objects every workflow starts from, and the server.
struct ServiceContent
{
    MoRef rootFolder;
    MoRef propertyCollector;
    MoRef sessionManager;
    QString fullName;   // "VMware vCenter Server 6.7.0 build-..."
    QString apiVersion; // "6.7.3"
    QString apiType;    // "VirtualCenter" or "HostAgent"
};

class SoapClient : public QObject
{
    Q_OBJECT
public:
    // Talks to `http`'s endpoint (path /sdk); does not own it.
    explicit SoapClient(HttpClient *http, QObject *parent = nullptr);

    void setEvidenceSink(EvidenceSink sink) { m_sink = std::move(sink); }
    // The API version of the SOAPAction header ("urn:vim25/6.7"); RetrieveServiceContent
    // gives the server's about.apiVersion.
    void setApiVersion(const QString &version) { m_apiVersion = version; }

    // Writes the method's arguments after <_this>. With `redact` the writer must put
    // kMasked in place of secrets: that copy goes to the evidence.
    using ArgsWriter = std::function<void(QXmlStreamWriter &w, bool redact)>;
    using Done = std::function<void(Result<XmlElement>)>;
    // Calls `method` on `self`; success gives the <returnval> element (an empty element when
    // the method returns nothing). A fault gives an Error with code "soap.fault.<Type>".
    void call(const QString &method, const MoRef &self, const ArgsWriter &args, QObject *context, Done done);

    // RetrievePropertiesEx from `collector`: the objects of `types` (type -> property paths)
    // reachable from `root` by the folder traversal (childEntity, recursively; with
    // `recurse` false only `root` itself is read).
    using ObjectsDone = std::function<void(Result<QList<ObjectContent>>)>;
    void retrieve(const MoRef &collector, const MoRef &root, bool recurse,
                  const QList<QPair<QString, QStringList>> &types, QObject *context, ObjectsDone done);

    // The start of every session: RetrieveServiceContent (which also sets the API version of
    // later calls), Login with the password masked in the evidence, and Logout (the session
    // is forgotten whatever the answer). Login needs the service content first. A reply
    // without the root folder, property collector or session manager is "soap.content".
    using ContentDone = std::function<void(Result<ServiceContent>)>;
    using SessionDone = std::function<void(Result<void>)>;
    void retrieveServiceContent(QObject *context, ContentDone done);
    void login(const QString &user, const QString &password, QObject *context, SessionDone done);
    void logout(QObject *context, SessionDone done);

    // The session cookie from Login, sent with later calls; cleared by clearSession().
    bool hasSession() const { return !m_cookie.isEmpty(); }
    void clearSession();

    static Error faultError(const XmlElement &fault, const QString &method);

private:
    void collectObjects(const MoRef &collector, const XmlElement &result, QList<ObjectContent> objects,
                        QPointer<QObject> guard, const ObjectsDone &done);
    HttpClient *m_http;
    QString m_apiVersion = QStringLiteral("6.5");
    QByteArray m_cookie;
    MoRef m_sessionManager;
    EvidenceSink m_sink;
};

} // namespace vlab
