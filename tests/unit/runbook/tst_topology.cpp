// The topology picture: every address of the plan is drawn (read back from the SVG's text),
// the PNG has the drawing's proportions, and the picture follows the plan.

#include "plan/planjson.h"
#include "runbook/topologypainter.h"

#include <QImage>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestTopology : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyAddressIsDrawn()
    {
        const LabPlan plan = examplePlan();
        const QString svg = QString::fromUtf8(TopologyPainter(plan).toSvg());
        QStringList expected = {plan.loadBalancer.vip,   plan.loadBalancer.nsip,
                                plan.loadBalancer.snip,  plan.loadBalancer.fqdn,
                                plan.vcenter.ip,         plan.vcenter.fqdn,
                                plan.vcha.activeIp,      plan.vcha.passiveIp,
                                plan.vcha.witnessIp,     plan.vcha.network.cidr,
                                plan.network.cidr,       plan.vds.name,
                                u"SOURCEIP, 1440 min"_s, u"443 389 636 2012 2014 2020"_s};
        for (const PscNode &n : plan.psc)
            expected << n.ip << n.fqdn;
        for (const PortGroup &g : plan.vds.portGroups)
            expected << g.name;
        for (const QString &text : std::as_const(expected))
            QVERIFY2(svg.contains(text.toHtmlEscaped()), qPrintable(text));
    }

    void vchaOnlyWhenPlanned()
    {
        LabPlan plan = examplePlan();
        plan.vcha.enabled = false;
        const QString svg = QString::fromUtf8(TopologyPainter(plan).toSvg());
        QVERIFY(!svg.contains(u"HA network"_s));
        QVERIFY(!svg.contains(plan.vcha.witnessIp));
    }

    void pngHasTheDrawingsProportions()
    {
        QImage image;
        QVERIFY(image.loadFromData(TopologyPainter(examplePlan()).toPng(800), "PNG"));
        QCOMPARE(image.width(), 800);
        QCOMPARE(image.height(),
                 int(800 * TopologyPainter::naturalSize().height() / TopologyPainter::naturalSize().width()));
        // Not blank: the boxes put more than one colour on it.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() > 5);
    }

    // #14 finding 6: the lab name reached <title> unescaped, so "R&D" broke the XML and
    // "</title><script>" became a live script. Whatever the plan holds, the SVG is well-formed
    // and every text stays text.
    void svgIsWellFormedWhateverThePlanHolds_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("ampersand") << u"R&D lab"_s;
        QTest::newRow("script") << u"</title><script>alert(1)</script>"_s;
        QTest::newRow("cdata end and quotes") << u"]]> \"'<!--"_s;
        QTest::newRow("control characters") << u"a\nb\x01c\x1bd"_s;
    }
    void svgIsWellFormedWhateverThePlanHolds()
    {
        QFETCH(QString, name);
        LabPlan plan = examplePlan();
        plan.lab.name = name;
        plan.vds.name = name;
        plan.vds.portGroups[0].name = name;
        QXmlStreamReader svg(TopologyPainter(plan).toSvg());
        QString title;
        QStringList texts;
        while (!svg.atEnd()) {
            svg.readNext();
            if (!svg.isStartElement())
                continue;
            QVERIFY2(svg.name() != u"script"_s, "a <script> element");
            if (svg.name() == u"title"_s)
                title = svg.readElementText();
            else if (svg.name() == u"text"_s)
                texts << svg.readElementText();
        }
        QVERIFY2(!svg.hasError(), qPrintable(svg.errorString()));
        QString shown = name;
        for (qsizetype i = 0; i < name.size(); ++i) {
            if (name.at(i) < u' ')
                shown[i] = QChar(0xfffd);
        }
        QCOMPARE(title, u"Topology of lab "_s + shown);
        QVERIFY2(texts.contains(u"Distributed Switch "_s + shown), qPrintable(texts.join(u'|')));
    }

    void followsThePlan()
    {
        LabPlan plan = examplePlan();
        const QImage before = TopologyPainter(plan).toImage(600);
        plan.psc.append(PscNode{u"vcenter-psc03"_s, u"vcenter-psc03.sslab.com"_s, u"192.168.1.214"_s});
        const QImage after = TopologyPainter(plan).toImage(600);
        QVERIFY(before != after);
        QVERIFY(QString::fromUtf8(TopologyPainter(plan).toSvg()).contains(u"192.168.1.214"_s));
    }
};

QTEST_MAIN(TestTopology)
#include "tst_topology.moc"
