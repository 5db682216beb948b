#include "validate/quickfix.h"

#include "core/tr.h"
#include "net/netaddr.h"
#include "plan/planjson.h"
#include "validate/planvalidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
// "psc[1].ip" -> "psc", 1, "ip" (an index is a number in a QVariant, a key a string).
QList<QVariant> pathSteps(const QString &path)
{
    QList<QVariant> steps;
    static const QRegularExpression step(u"([^.\\[\\]]+)|\\[(\\d+)\\]"_s);
    auto it = step.globalMatch(path);
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.hasCaptured(1))
            steps << m.captured(1);
        else
            steps << m.captured(2).toInt();
    }
    return steps;
}

// Replaces the value at steps[depth..] below node; false when the path does not exist.
bool replaceAt(QJsonValue &node, const QList<QVariant> &steps, qsizetype depth, const QJsonValue &value,
               QJsonValue *before)
{
    if (depth == steps.size()) {
        if (before)
            *before = node;
        node = value;
        return true;
    }
    const QVariant &s = steps.at(depth);
    if (s.typeId() == QMetaType::Int) {
        if (!node.isArray())
            return false;
        QJsonArray array = node.toArray();
        const int i = s.toInt();
        if (i < 0 || i >= array.size())
            return false;
        QJsonValue child = array.at(i);
        if (!replaceAt(child, steps, depth + 1, value, before))
            return false;
        array.replace(i, child);
        node = array;
        return true;
    }
    if (!node.isObject())
        return false;
    QJsonObject object = node.toObject();
    const QString key = s.toString();
    if (!object.contains(key))
        return false;
    QJsonValue child = object.value(key);
    if (!replaceAt(child, steps, depth + 1, value, before))
        return false;
    object.insert(key, child);
    node = object;
    return true;
}
} // namespace

QJsonValue fixFor(const LabPlan &plan, const Finding &finding)
{
    const QString &lbName = plan.loadBalancer.fqdn;
    if (finding.path == u"certificate.subject.CN"_s) {
        if (fqdnProblem(lbName).isEmpty() && plan.certificate.subject.commonName != lbName)
            return lbName;
    } else if (finding.path == u"certificate.san"_s) {
        // Every missing name's finding offers the same fix: the list with all of them added.
        QStringList san = plan.certificate.san;
        QStringList needed;
        for (const PscNode &n : plan.psc)
            needed << n.fqdn;
        needed << lbName;
        for (const QString &name : std::as_const(needed)) {
            if (fqdnProblem(name).isEmpty() && !san.contains(name, Qt::CaseInsensitive))
                san << name;
        }
        if (san != plan.certificate.san)
            return QJsonArray::fromStringList(san);
    } else if (finding.path == u"network.cidr"_s) {
        CidrProblem problem = CidrProblem::None;
        if (!parseCidr(plan.network.cidr, &problem) && problem == CidrProblem::HostBitsSet) {
            const QString address = plan.network.cidr.section(u'/', 0, 0);
            bool ok = false;
            const int prefix = plan.network.cidr.section(u'/', 1).toInt(&ok);
            const auto host = parseIpv4(address);
            if (ok && host && prefix >= 0 && prefix <= 32) {
                const quint32 mask = prefix == 0 ? 0u : ~0u << (32 - prefix);
                return u"%1/%2"_s.arg(formatIpv4(*host & mask), QString::number(prefix));
            }
        }
    }
    return QJsonValue(QJsonValue::Undefined);
}

Result<LabPlan> setPlanValue(const LabPlan &plan, const QString &path, const QJsonValue &value,
                             QJsonValue *before)
{
    QJsonValue root = QJsonDocument::fromJson(serializePlan(plan)).object();
    const QList<QVariant> steps = pathSteps(path);
    if (steps.isEmpty() || !replaceAt(root, steps, 0, value, before))
        return makeError(u"plan.fix"_s, Tr::tr("The plan has no field %1.").arg(path));
    return parsePlan(QJsonDocument(root.toObject()).toJson());
}

Result<LabPlan> applyFixes(const LabPlan &plan, QList<AppliedFix> *applied)
{
    LabPlan fixed = plan;
    // One fix at a time, validating again after each: a fix may settle or uncover others
    // (a corrected network makes the addresses in it checkable). Bounded, and a fix that
    // changes nothing is skipped, so this always ends.
    for (int round = 0; round < 32; ++round) {
        bool changed = false;
        for (const Finding &f : validatePlan(fixed)) {
            const QJsonValue fix = fixFor(fixed, f);
            if (fix.isUndefined())
                continue;
            QJsonValue before;
            const Result<LabPlan> next = setPlanValue(fixed, f.path, fix, &before);
            if (!next)
                return next.error();
            if (*next == fixed)
                continue;
            fixed = *next;
            changed = true;
            if (applied)
                applied->append(AppliedFix{f.path, before, fix});
            break; // validate again: the other findings were about the old plan
        }
        if (!changed)
            break;
    }
    return fixed;
}

} // namespace vlab
