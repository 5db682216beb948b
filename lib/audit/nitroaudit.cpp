#include "audit/nitroaudit.h"

#include "core/tr.h"
#include "netscaler/nitroverifyjob.h"

using namespace Qt::StringLiterals;

namespace vlab {

QList<AuditResult> nitroAuditResults(const NitroVerifyJob &job, const NitroTarget &target)
{
    const auto item = [](const QString &target) {
        AuditResult a;
        a.area = u"netscaler"_s;
        a.target = target;
        return a;
    };
    QList<AuditResult> items;
    const Result<void> &outcome = job.result();
    // The job reached the comparison when it recorded per-object results; otherwise the
    // NetScaler could not be read at all.
    if (job.results().isEmpty()) {
        AuditResult a = item(u"NSIP %1"_s.arg(target.address()));
        a.expected = Tr::tr("the NITRO API answers and accepts the login");
        if (outcome) {
            a.status = AuditStatus::Drift;
            a.message = Tr::tr("The NetScaler returned nothing to compare.");
            return {a};
        }
        const Error &e = outcome.error();
        a.message = e.message;
        if (e.code.startsWith(u"http.tls"_s)) {
            // An unconfirmed certificate: nothing was sent. A confirmed one that changed is drift.
            a.status = target.pinnedSha256.isEmpty() ? AuditStatus::Skipped : AuditStatus::Drift;
            a.found = e.details.section(u'\n', 0, 0); // the presented fingerprint
            a.hint = target.pinnedSha256.isEmpty()
                ? Tr::tr("Confirm the NSIP's certificate once: vlab netscaler verify PLAN --nsip %1 --user "
                         "%2 --fingerprint SHA256 (the fingerprint as shown on the NetScaler).")
                      .arg(target.address(), target.user)
                : Tr::tr("The NSIP presents another certificate than the one confirmed: find out why before "
                         "confirming the new one.");
        } else if (e.code.startsWith(u"http."_s)) {
            a.status = e.code == u"http.cancelled"_s ? AuditStatus::Skipped : AuditStatus::Unreachable;
            a.hint = Tr::tr("Check that the NetScaler is up and that %1 is its management address.")
                         .arg(target.address());
        } else {
            a.status = AuditStatus::Drift;
            a.found = e.details;
            a.hint = Tr::tr("Check the NetScaler user and its password (VLAB_NS_PASSWORD).");
        }
        return {a};
    }
    int drift = 0;
    for (const NitroObjectResult &r : job.results()) {
        AuditResult a = item(r.object.label());
        const bool hasState = r.object.type == u"service"_s || r.object.type == u"lbvserver"_s;
        a.expected = hasState ? Tr::tr("as planned, UP") : Tr::tr("as planned");
        a.found = r.detail.isEmpty() ? r.state : Tr::tr("%1: %2").arg(r.state, r.detail);
        const bool ok = r.state == u"UP"_s || r.state == u"present"_s;
        a.status = ok ? AuditStatus::Ok : AuditStatus::Drift;
        if (r.state == u"missing"_s) {
            a.message = Tr::tr("%1 is not on the NetScaler.").arg(r.object.label());
            a.hint = Tr::tr("vlab netscaler apply creates what is missing.");
        } else if (r.state == u"differs"_s) {
            a.message = Tr::tr("%1 differs from the plan: %2").arg(r.object.label(), r.detail);
            a.hint = Tr::tr(
                "Correct it on the NetScaler, or remove it so that vlab netscaler apply makes it again.");
        } else if (r.state == u"unexpected"_s) {
            a.expected = Tr::tr("not bound (the plan's group members only)");
            a.message = Tr::tr("%1 is bound but not in the plan.").arg(r.object.label());
            a.hint = Tr::tr("Unbind it from the persistency group.");
        } else if (!ok) {
            a.message = Tr::tr("%1 is %2: %3").arg(r.object.label(), r.state, r.detail);
            a.hint = Tr::tr("Check the PSC behind it and the NetScaler's route to it (the SNIP).");
        } else {
            a.message = hasState ? Tr::tr("%1 is as planned and UP.").arg(r.object.label())
                                 : Tr::tr("%1 is as planned.").arg(r.object.label());
        }
        drift += a.status == AuditStatus::Drift;
        items << a;
    }
    // Verify counts the load-balancing feature being off as a problem without an object.
    if (job.problemCount() > drift) {
        AuditResult a = item(u"nsfeature LB"_s);
        a.status = AuditStatus::Drift;
        a.expected = Tr::tr("load balancing enabled");
        a.found = Tr::tr("disabled");
        a.message = Tr::tr("The load-balancing feature is off: the virtual servers balance nothing.");
        a.hint = Tr::tr("Enable it: enable ns feature LB (vlab netscaler apply does).");
        items.prepend(a);
    }
    return items;
}

} // namespace vlab
