#include "runbook/topologypainter.h"

#include "core/quoting.h"

#include <QBuffer>
#include <QFont>
#include <QPainter>
#include <QPainterPath>
#include <QSvgGenerator>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

const QColor kInk(0x22, 0x2b, 0x33);
const QColor kLine(0x5b, 0x6b, 0x7a);

// Text as drawn: a character that cannot be shown (a line break, a control code; the plan's
// validation refuses them) is drawn as U+FFFD, so it can neither bend the layout nor reach
// the SVG, where XML 1.0 cannot carry it.
QString visible(const QString &text)
{
    QString out = text;
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (isForbiddenCharacter(text, i))
            out[i] = QChar(0xfffd);
    }
    return out;
}

void drawText(QPainter *p, const QRectF &rect, int flags, const QString &text)
{
    p->drawText(rect, flags, visible(text));
}

struct Box
{
    QRectF rect;
    QColor fill;
    QString title;
    QStringList lines;
};

void drawBox(QPainter *p, const Box &b)
{
    p->setPen(QPen(kLine, 1.2));
    p->setBrush(b.fill);
    p->drawRoundedRect(b.rect, 8, 8);
    p->setPen(kInk);
    QFont bold = p->font();
    bold.setBold(true);
    bold.setPointSizeF(11);
    p->setFont(bold);
    const QRectF inner = b.rect.adjusted(10, 6, -10, -6);
    drawText(p, QRectF(inner.left(), inner.top(), inner.width(), 18), Qt::AlignLeft | Qt::AlignVCenter,
             b.title);
    QFont normal = bold;
    normal.setBold(false);
    normal.setPointSizeF(9);
    p->setFont(normal);
    qreal y = inner.top() + 20;
    for (const QString &line : b.lines) {
        drawText(p, QRectF(inner.left(), y, inner.width(), 15), Qt::AlignLeft | Qt::AlignVCenter, line);
        y += 15;
    }
}

void drawLink(QPainter *p, QPointF from, QPointF to, const QString &label = {}, bool dashed = false)
{
    p->setPen(QPen(kLine, 1.4, dashed ? Qt::DashLine : Qt::SolidLine));
    p->drawLine(from, to);
    if (!label.isEmpty()) {
        QFont f = p->font();
        f.setPointSizeF(8);
        f.setBold(false);
        p->setFont(f);
        p->setPen(kInk);
        const QPointF mid = (from + to) / 2;
        drawText(p, QRectF(mid.x() - 90, mid.y() - 16, 180, 14), Qt::AlignCenter, label);
    }
}

void drawBar(QPainter *p, const QRectF &r, const QColor &fill, const QString &text)
{
    p->setPen(Qt::NoPen);
    p->setBrush(fill);
    p->drawRoundedRect(r, 4, 4);
    QFont f = p->font();
    f.setPointSizeF(9);
    f.setBold(true);
    p->setFont(f);
    p->setPen(kInk);
    drawText(p, r.adjusted(10, 0, -10, 0), Qt::AlignLeft | Qt::AlignVCenter, text);
}

} // namespace

void TopologyPainter::paint(QPainter *p, const QRectF &target) const
{
    const LabPlan &plan = m_plan;
    const QSizeF size = naturalSize();
    const qreal scale = std::min(target.width() / size.width(), target.height() / size.height());
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->translate(target.left() + (target.width() - size.width() * scale) / 2,
                 target.top() + (target.height() - size.height() * scale) / 2);
    p->scale(scale, scale);
    p->fillRect(QRectF(QPointF(0, 0), size), Qt::white);

    drawBar(p, QRectF(20, 14, 960, 26), QColor(0xdc, 0xe8, 0xf5),
            u"Management network %1 (%2), gateway %3, DNS %4, SSO %5 / %6"_s.arg(
                plan.network.cidr, plan.network.portGroup, plan.network.gateway,
                plan.dns.servers.join(u", "_s), plan.sso.domain, plan.sso.site));

    // PSCs, stacked on the left.
    const qsizetype shown = std::min<qsizetype>(plan.psc.size(), 4);
    QList<QPointF> pscAnchors;
    for (qsizetype i = 0; i < shown; ++i) {
        const PscNode &n = plan.psc.at(i);
        const Box b{QRectF(20, 60 + i * 84, 250, 72),
                    QColor(0xe8, 0xf4, 0xe8),
                    u"PSC %1"_s.arg(n.name),
                    {n.fqdn, n.ip}};
        drawBox(p, b);
        pscAnchors << QPointF(b.rect.right(), b.rect.center().y());
    }
    if (plan.psc.size() > shown) {
        QFont f = p->font();
        f.setPointSizeF(9);
        p->setFont(f);
        drawText(p, QRectF(20, 60 + shown * 84, 250, 16), Qt::AlignLeft,
                 u"... and %1 more PSC(s)"_s.arg(plan.psc.size() - shown));
    }

    // The NetScaler in the middle.
    const LoadBalancer &lb = plan.loadBalancer;
    QStringList ports;
    for (int port : lb.ports)
        ports << QString::number(port);
    const Box ns{QRectF(320, 60, 270, 190),
                 QColor(0xfd, 0xf0, 0xdc),
                 u"NetScaler"_s,
                 {u"NSIP %1"_s.arg(lb.nsip), u"SNIP %1"_s.arg(lb.snip), u"VIP %1"_s.arg(lb.vip), lb.fqdn,
                  u"TCP %1"_s.arg(ports.join(u' ')),
                  u"persistency: %1, %2 min"_s.arg(lb.persistence.type,
                                                   QString::number(lb.persistence.timeoutMinutes)),
                  u"group %1-persist"_s.arg(lb.namePrefix.isEmpty() ? u"psc"_s : lb.namePrefix)}};
    drawBox(p, ns);
    for (const QPointF &a : std::as_const(pscAnchors))
        drawLink(p, QPointF(ns.rect.left(), ns.rect.center().y()), a);

    // vCenter on the right, reaching SSO through the load-balancer name.
    const Box vc{QRectF(780, 60, 200, 88),
                 QColor(0xe6, 0xe6, 0xfa),
                 u"vCenter %1"_s.arg(plan.vcenter.name),
                 {plan.vcenter.fqdn, plan.vcenter.ip, u"size %1"_s.arg(plan.vcenter.size)}};
    drawBox(p, vc);
    drawLink(p, QPointF(vc.rect.left(), vc.rect.center().y()), QPointF(ns.rect.right(), vc.rect.center().y()),
             u"SSO via %1"_s.arg(lb.fqdn));

    // VCHA: the HA network with the active, passive and witness nodes.
    if (plan.vcha.enabled) {
        drawBar(p, QRectF(380, 300, 600, 24), QColor(0xf6, 0xe0, 0xe0),
                u"HA network %1 (%2)"_s.arg(plan.vcha.network.cidr, plan.vcha.network.portGroup));
        const QList<std::pair<QString, QString>> nodes = {{u"Active (vCenter)"_s, plan.vcha.activeIp},
                                                          {u"Passive"_s, plan.vcha.passiveIp},
                                                          {u"Witness"_s, plan.vcha.witnessIp}};
        for (qsizetype i = 0; i < nodes.size(); ++i) {
            const Box b{QRectF(380 + i * 205, 346, 190, 56),
                        QColor(0xfa, 0xec, 0xec),
                        nodes.at(i).first,
                        {nodes.at(i).second}};
            drawBox(p, b);
            drawLink(p, QPointF(b.rect.center().x(), b.rect.top()), QPointF(b.rect.center().x(), 324));
        }
        drawLink(p, QPointF(vc.rect.center().x(), vc.rect.bottom()), QPointF(vc.rect.center().x(), 300), {},
                 true);
    }

    // The Distributed Switch at the bottom.
    QStringList groups;
    for (const PortGroup &g : plan.vds.portGroups)
        groups << u"%1 (VLAN %2)"_s.arg(g.name, QString::number(g.vlan));
    const Box vds{QRectF(20, 440, 960, 70 + 15 * std::max<qsizetype>(0, (groups.size() - 1) / 3)),
                  QColor(0xee, 0xee, 0xee),
                  u"Distributed Switch %1"_s.arg(plan.vds.name),
                  {u"version %1, MTU %2, %3 uplinks"_s.arg(plan.vds.version, QString::number(plan.vds.mtu),
                                                           QString::number(plan.vds.uplinks))}};
    Box withGroups = vds;
    for (qsizetype i = 0; i < groups.size(); i += 3)
        withGroups.lines << groups.mid(i, 3).join(u"    "_s);
    drawBox(p, withGroups);

    QFont f = p->font();
    f.setPointSizeF(8);
    f.setBold(false);
    p->setFont(f);
    p->setPen(kLine);
    drawText(p, QRectF(20, 610, 960, 16), Qt::AlignRight, u"Lab %1 - vLab Wizard"_s.arg(plan.lab.name));
    p->restore();
}

QImage TopologyPainter::toImage(int width) const
{
    const QSizeF size = naturalSize();
    QImage image(width, int(width * size.height() / size.width()), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    paint(&p, QRectF(QPointF(0, 0), image.size()));
    return image;
}

QByteArray TopologyPainter::toPng(int width) const
{
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    toImage(width).save(&buffer, "PNG");
    return data;
}

QByteArray TopologyPainter::toSvg() const
{
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(naturalSize().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), naturalSize()));
    // QSvgGenerator writes the title into <title> as given (Qt 6.4 does not escape it): escaped
    // here, so "R&D" stays well-formed and "</title><script>" stays text.
    svg.setTitle(xmlEscape(visible(u"Topology of lab %1"_s.arg(m_plan.lab.name))));
    QPainter p(&svg);
    paint(&p, QRectF(QPointF(0, 0), naturalSize()));
    p.end();
    return data;
}

} // namespace vlab
