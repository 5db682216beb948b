#pragma once
// TopologyPainter: the lab drawn from the plan, with an address on every box: both PSCs (or
// more), the NetScaler with its NSIP, SNIP, VIP and balanced ports, the persistency group,
// vCenter pointing at the load-balancer name, the VCHA passive and witness nodes on the HA
// network, and the Distributed Switch with its port groups. One painter serves the wizard's
// live view, the PNG and SVG exports, and the runbook's title page.

#include "core/result.h"
#include "plan/labplan.h"

#include <QByteArray>
#include <QImage>
#include <QSizeF>

class QPainter;
class QRectF;

namespace vlab {

class TopologyPainter
{
public:
    explicit TopologyPainter(const LabPlan &plan)
        : m_plan(plan)
    {
    }

    // The drawing's own coordinate space; paint() scales it to fit the target, keeping the ratio.
    static QSizeF naturalSize() { return {1000.0, 640.0}; }
    void paint(QPainter *painter, const QRectF &target) const;

    QImage toImage(int width) const;
    QByteArray toPng(int width) const;
    QByteArray toSvg() const;

private:
    LabPlan m_plan;
};

} // namespace vlab
