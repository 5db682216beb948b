// Quick fixes: findings with one obvious fix offer it as data (path and new value); applying
// them gives a plan the validator finds no error in, and names what changed. Values without
// one obvious fix (a bad address) are left alone and stay reported.

#include "plan/planjson.h"
#include "validate/planvalidator.h"
#include "validate/quickfix.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {
QStringList errorPaths(const LabPlan &plan)
{
    QStringList paths;
    for (const Finding &f : validatePlan(plan)) {
        if (f.severity == Severity::Error)
            paths << f.path;
    }
    return paths;
}
} // namespace

Q_DECLARE_METATYPE(vlab::LabPlan)

class TestQuickFix : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findingsCarryTheirFix()
    {
        LabPlan p = examplePlan();
        p.certificate.subject.commonName = u"other.sslab.com"_s;
        p.certificate.san.removeAll(u"vcenter-psc02.sslab.com"_s);
        p.network.cidr = u"192.168.1.77/24"_s;
        const Findings findings = validatePlan(p);
        QMap<QString, QJsonValue> fixes;
        for (const Finding &f : findings) {
            if (const QJsonValue fix = fixFor(p, f); !fix.isUndefined())
                fixes.insert(f.path, fix);
        }
        QCOMPARE(fixes.value(u"certificate.subject.CN"_s), QJsonValue(u"vcenter-psc-lb.sslab.com"_s));
        QCOMPARE(fixes.value(u"network.cidr"_s), QJsonValue(u"192.168.1.0/24"_s));
        const QJsonArray san = fixes.value(u"certificate.san"_s).toArray();
        QVERIFY(san.contains(u"vcenter-psc02.sslab.com"_s));
        QVERIFY(san.contains(u"vcenter-psc01.sslab.com"_s));
        QVERIFY(san.contains(u"vcenter-psc-lb.sslab.com"_s));
        // A wrong address has no single obvious fix.
        p = examplePlan();
        p.vcenter.ip = u"192.168.1.300"_s;
        for (const Finding &f : validatePlan(p))
            QVERIFY2(fixFor(p, f).isUndefined(), qPrintable(f.path));
    }

    void applyingThemLeavesNoError_data()
    {
        QTest::addColumn<LabPlan>("plan");
        QTest::addColumn<QStringList>("fixedPaths");
        LabPlan p = examplePlan();
        p.loadBalancer.fqdn = u"psc-vip.sslab.com"_s; // renamed in the file: CN and SAN left behind
        QTest::newRow("load balancer renamed by hand")
            << p << QStringList{u"certificate.subject.CN"_s, u"certificate.san"_s};
        p = examplePlan();
        p.psc.append(PscNode{u"vcenter-psc03"_s, u"vcenter-psc03.sslab.com"_s, u"192.168.1.214"_s});
        p.psc.append(PscNode{u"vcenter-psc04"_s, u"vcenter-psc04.sslab.com"_s, u"192.168.1.215"_s});
        QTest::newRow("two PSCs added by hand") << p << QStringList{u"certificate.san"_s};
        p = examplePlan();
        p.network.cidr = u"192.168.1.77/24"_s;
        p.certificate.subject.commonName.clear();
        QTest::newRow("host bits and an empty CN")
            << p << QStringList{u"network.cidr"_s, u"certificate.subject.CN"_s};
    }

    void applyingThemLeavesNoError()
    {
        QFETCH(LabPlan, plan);
        QFETCH(QStringList, fixedPaths);
        QVERIFY(!errorPaths(plan).isEmpty());
        QList<AppliedFix> applied;
        const Result<LabPlan> fixed = applyFixes(plan, &applied);
        QVERIFY(fixed);
        QCOMPARE(errorPaths(*fixed), QStringList());
        QStringList paths;
        for (const AppliedFix &a : applied) {
            paths << a.path;
            QVERIFY(a.before != a.after);
        }
        QCOMPARE(paths, fixedPaths);
        // Nothing else moved: undoing the fixed values gives the original plan back.
        LabPlan undone = *fixed;
        for (qsizetype i = applied.size() - 1; i >= 0; --i)
            undone = *setPlanValue(undone, applied.at(i).path, applied.at(i).before);
        QCOMPARE(undone, plan);
    }

    void nothingToFix()
    {
        QList<AppliedFix> applied;
        LabPlan p = examplePlan();
        p.vcenter.ip = u"192.168.1.300"_s;
        const Result<LabPlan> fixed = applyFixes(p, &applied);
        QVERIFY(fixed);
        QCOMPARE(*fixed, p);
        QVERIFY(applied.isEmpty());
    }

    void setPlanValueChecksPathAndType()
    {
        QVERIFY(!setPlanValue(examplePlan(), u"psc[7].ip"_s, u"192.168.1.9"_s));
        QVERIFY(!setPlanValue(examplePlan(), u"nosuch.key"_s, u"x"_s));
        QVERIFY(!setPlanValue(examplePlan(), u"vds.mtu"_s, u"nine thousand"_s)); // wrong type
        const Result<LabPlan> set = setPlanValue(examplePlan(), u"psc[1].ip"_s, u"192.168.1.99"_s);
        QVERIFY(set);
        QCOMPARE(set->psc.at(1).ip, u"192.168.1.99"_s);
    }
};

QTEST_MAIN(TestQuickFix)
#include "tst_quickfix.moc"
