#include "jobs/reportnode.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace vlab {

QString evidenceKindName(Evidence::Kind kind)
{
    switch (kind) {
    case Evidence::Kind::Note:
        return u"note"_s;
    case Evidence::Kind::Sent:
        return u"sent"_s;
    case Evidence::Kind::Received:
        return u"received"_s;
    case Evidence::Kind::File:
        return u"file"_s;
    case Evidence::Kind::Command:
        return u"command"_s;
    case Evidence::Kind::Outcome:
        return u"outcome"_s;
    }
    return u"note"_s;
}

void ReportNode::add(Evidence::Kind kind, const QString &text, const QString &detail)
{
    evidence.append(Evidence{QDateTime::currentDateTimeUtc(), kind, text, detail});
}

QJsonObject ReportNode::toJson() const
{
    QJsonArray items;
    for (const Evidence &e : evidence) {
        QJsonObject o{{u"time"_s, e.time.toString(Qt::ISODateWithMs)},
                      {u"kind"_s, evidenceKindName(e.kind)},
                      {u"text"_s, e.text}};
        if (!e.detail.isEmpty())
            o.insert(u"detail"_s, e.detail);
        items.append(o);
    }
    QJsonArray kids;
    for (const ReportNode &child : children)
        kids.append(child.toJson());
    QJsonObject o{{u"title"_s, title}, {u"outcome"_s, outcome}, {u"evidence"_s, items}};
    if (!description.isEmpty())
        o.insert(u"description"_s, description);
    if (!target.isEmpty())
        o.insert(u"target"_s, target);
    if (started.isValid())
        o.insert(u"started"_s, started.toString(Qt::ISODateWithMs));
    if (finished.isValid())
        o.insert(u"finished"_s, finished.toString(Qt::ISODateWithMs));
    if (!kids.isEmpty())
        o.insert(u"children"_s, kids);
    return o;
}

QString ReportNode::toText(int depth) const
{
    const QString indent(depth * 2, u' ');
    QString out = indent + title;
    if (!outcome.isEmpty())
        out += u" ["_s + outcome + u']';
    out += u'\n';
    for (const Evidence &e : evidence) {
        out += indent + u"  "_s + e.time.toString(Qt::ISODate) + u' ' + evidenceKindName(e.kind) + u": "_s
            + e.text;
        if (e.kind == Evidence::Kind::File && !e.detail.isEmpty())
            out += u" (sha256 "_s + e.detail + u')';
        out += u'\n';
    }
    for (const ReportNode &child : children)
        out += child.toText(depth + 1);
    return out;
}

} // namespace vlab
