#include "plan/derivedvalues.h"

namespace vlab {

namespace {
qsizetype indexOfName(const QStringList &names, const QString &name)
{
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (names.at(i).compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

// One name per source, aligned between two versions of a plan: psc[i] with psc[i] (while
// both have it), the load balancer with the load balancer. Empty: the source has no name.
struct Sources
{
    QStringList pscs;
    QString loadBalancer;
};

Sources sourcesOf(const LabPlan &plan)
{
    Sources s;
    for (const PscNode &n : plan.psc)
        s.pscs << n.fqdn.trimmed();
    s.loadBalancer = plan.loadBalancer.fqdn.trimmed();
    return s;
}
} // namespace

QString derivedCommonName(const LabPlan &plan)
{
    return plan.loadBalancer.fqdn.trimmed();
}

QStringList derivedSubjectAltNames(const LabPlan &plan)
{
    QStringList names;
    for (const PscNode &n : plan.psc) {
        if (!n.fqdn.trimmed().isEmpty())
            names << n.fqdn.trimmed();
    }
    if (!plan.loadBalancer.fqdn.trimmed().isEmpty())
        names << plan.loadBalancer.fqdn.trimmed();
    return names;
}

void followDerivedValues(const LabPlan &before, LabPlan &after)
{
    CertificateSubject &subject = after.certificate.subject;
    if (subject.commonName == before.certificate.subject.commonName
        && before.certificate.subject.commonName.compare(derivedCommonName(before), Qt::CaseInsensitive) == 0)
        subject.commonName = derivedCommonName(after);

    if (after.certificate.san != before.certificate.san)
        return; // the user edits the list itself
    const Sources was = sourcesOf(before);
    const Sources is = sourcesOf(after);
    QList<std::pair<QString, QString>> changes; // (old name, new name); either may be empty
    for (qsizetype i = 0; i < std::max(was.pscs.size(), is.pscs.size()); ++i)
        changes.append({was.pscs.value(i), is.pscs.value(i)});
    changes.append({was.loadBalancer, is.loadBalancer});

    QStringList &san = after.certificate.san;
    for (const auto &[from, to] : std::as_const(changes)) {
        if (from.compare(to, Qt::CaseInsensitive) == 0)
            continue;
        const qsizetype at = from.isEmpty() ? -1 : indexOfName(san, from);
        // Still the name of another source (two nodes briefly share a name while typing)?
        const bool fromStillUsed = !from.isEmpty()
            && (is.pscs.contains(from, Qt::CaseInsensitive)
                || is.loadBalancer.compare(from, Qt::CaseInsensitive) == 0);
        const bool toPresent = !to.isEmpty() && indexOfName(san, to) >= 0;
        if (at >= 0 && !fromStillUsed) {
            if (to.isEmpty() || toPresent)
                san.removeAt(at);
            else
                san[at] = to; // renamed where it stands
        } else if (from.isEmpty() && !to.isEmpty() && !toPresent) {
            // A new source, or a name typed into an empty field: a PSC's before the
            // load-balancer name, as derivedSubjectAltNames() orders them.
            const qsizetype lb = to == is.loadBalancer ? -1 : indexOfName(san, is.loadBalancer);
            if (lb >= 0)
                san.insert(lb, to);
            else
                san.append(to);
        }
    }
}

} // namespace vlab
