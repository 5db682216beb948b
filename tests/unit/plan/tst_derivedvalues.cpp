// Derived values follow their sources: the certificate CN is the load-balancer name, the SAN
// list every PSC name plus the load-balancer name; values changed by hand stay as they are.
// Judged by the validator: after each edit the example plan stays free of errors.

#include "plan/derivedvalues.h"
#include "plan/planjson.h"
#include "project/plandocument.h"
#include "validate/planvalidator.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {
QStringList errorsOf(const LabPlan &plan)
{
    QStringList lines;
    for (const Finding &f : validatePlan(plan)) {
        if (f.severity == Severity::Error)
            lines << formatFinding(f);
    }
    return lines;
}

LabPlan edited(const LabPlan &before, const std::function<void(LabPlan &)> &change)
{
    LabPlan after = before;
    change(after);
    followDerivedValues(before, after);
    return after;
}
} // namespace

class TestDerivedValues : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exampleIsDerivedAlready()
    {
        const LabPlan p = examplePlan();
        QCOMPARE(p.certificate.subject.commonName, derivedCommonName(p));
        QCOMPARE(p.certificate.san, derivedSubjectAltNames(p));
        QCOMPARE(errorsOf(p), QStringList());
    }

    void renamingTheLoadBalancerCarriesCnAndSan()
    {
        const LabPlan before = examplePlan();
        const LabPlan after =
            edited(before, [](LabPlan &p) { p.loadBalancer.fqdn = u"psc-vip.sslab.com"_s; });
        QCOMPARE(after.certificate.subject.commonName, u"psc-vip.sslab.com"_s);
        QVERIFY(after.certificate.san.contains(u"psc-vip.sslab.com"_s));
        QVERIFY(!after.certificate.san.contains(before.loadBalancer.fqdn));
        QCOMPARE(after.certificate.san.size(), before.certificate.san.size());
        // Where it stood: the list keeps its order.
        QCOMPARE(after.certificate.san.indexOf(u"psc-vip.sslab.com"_s),
                 before.certificate.san.indexOf(before.loadBalancer.fqdn));
        QCOMPARE(errorsOf(after), QStringList());
    }

    void addingRenamingAndRemovingPscs()
    {
        LabPlan p = examplePlan();
        p = edited(p, [](LabPlan &q) {
            q.psc.append(PscNode{u"vcenter-psc03"_s, u"vcenter-psc03.sslab.com"_s, u"192.168.1.214"_s});
        });
        QVERIFY(p.certificate.san.contains(u"vcenter-psc03.sslab.com"_s));
        QCOMPARE(errorsOf(p), QStringList());

        p = edited(p, [](LabPlan &q) { q.psc[1].fqdn = u"psc-two.sslab.com"_s; });
        QVERIFY(p.certificate.san.contains(u"psc-two.sslab.com"_s));
        QVERIFY(!p.certificate.san.contains(examplePlan().psc.at(1).fqdn));
        QCOMPARE(errorsOf(p), QStringList());

        p = edited(p, [](LabPlan &q) { q.psc.removeFirst(); });
        QCOMPARE(p.certificate.san, derivedSubjectAltNames(p));
        QCOMPARE(errorsOf(p), QStringList());
    }

    void typingANameKeystrokeByKeystroke()
    {
        // Cleared, then typed again one character at a time, as a user does in the field.
        LabPlan p = examplePlan();
        const QString target = u"lb2.sslab.com"_s;
        p = edited(p, [](LabPlan &q) { q.loadBalancer.fqdn.clear(); });
        QCOMPARE(p.certificate.subject.commonName, QString());
        for (qsizetype n = 1; n <= target.size(); ++n)
            p = edited(p, [&](LabPlan &q) { q.loadBalancer.fqdn = target.left(n); });
        QCOMPARE(p.certificate.subject.commonName, target);
        QCOMPARE(p.certificate.san.count(target), 1);
        QCOMPARE(p.certificate.san, derivedSubjectAltNames(p));
        QCOMPARE(errorsOf(p), QStringList());
    }

    void handMadeValuesStay()
    {
        // A CN changed by hand no longer follows; the validator keeps saying so.
        LabPlan p = edited(examplePlan(),
                           [](LabPlan &q) { q.certificate.subject.commonName = u"custom.sslab.com"_s; });
        p = edited(p, [](LabPlan &q) { q.loadBalancer.fqdn = u"psc-vip.sslab.com"_s; });
        QCOMPARE(p.certificate.subject.commonName, u"custom.sslab.com"_s);

        // A name added by hand stays through renames; one removed by hand is not put back.
        p = edited(examplePlan(), [](LabPlan &q) { q.certificate.san.append(u"extra.sslab.com"_s); });
        p = edited(p, [](LabPlan &q) { q.certificate.san.removeAll(q.psc.at(0).fqdn); });
        p = edited(p, [](LabPlan &q) {
            q.loadBalancer.fqdn = u"psc-vip.sslab.com"_s;
            q.psc[0].fqdn = u"first.sslab.com"_s;
        });
        QVERIFY(p.certificate.san.contains(u"extra.sslab.com"_s));
        QVERIFY(p.certificate.san.contains(u"psc-vip.sslab.com"_s));
        QVERIFY(!p.certificate.san.contains(u"first.sslab.com"_s));

        // An edit of the list itself is taken as it is, even together with a rename.
        const LabPlan before = examplePlan();
        p = edited(before, [](LabPlan &q) {
            q.certificate.san = {u"only.sslab.com"_s};
            q.loadBalancer.fqdn = u"psc-vip.sslab.com"_s;
        });
        QCOMPARE(p.certificate.san, QStringList{u"only.sslab.com"_s});
    }

    void theDocumentAppliesItToEveryEdit()
    {
        PlanDocument doc;
        doc.loadExample();
        doc.edit([](LabPlan &p) { p.loadBalancer.fqdn = u"psc-vip.sslab.com"_s; });
        doc.edit([](LabPlan &p) {
            p.psc.append(PscNode{u"vcenter-psc03"_s, u"vcenter-psc03.sslab.com"_s, u"192.168.1.214"_s});
        });
        QCOMPARE(doc.plan().certificate.subject.commonName, u"psc-vip.sslab.com"_s);
        QVERIFY(doc.plan().certificate.san.contains(u"vcenter-psc03.sslab.com"_s));
        QVERIFY(!doc.hasErrors());
        // Loading a file takes its values as they are (nothing follows on load).
        QVERIFY(doc.findingsFor(u"certificate"_s, true).isEmpty());
    }
};

QTEST_MAIN(TestDerivedValues)
#include "tst_derivedvalues.moc"
