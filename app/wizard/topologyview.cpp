#include "topologyview.h"

#include "project/plandocument.h"
#include "runbook/topologypainter.h"

#include <QPainter>

namespace vlab {

TopologyView::TopologyView(PlanDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("topologyView"));
    setMinimumHeight(220);
    connect(m_document, &PlanDocument::planChanged, this, qOverload<>(&QWidget::update));
}

QSize TopologyView::sizeHint() const
{
    return {500, heightForWidth(500)};
}

int TopologyView::heightForWidth(int width) const
{
    const QSizeF natural = TopologyPainter::naturalSize();
    return int(width * natural.height() / natural.width());
}

void TopologyView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    TopologyPainter(m_document->plan()).paint(&painter, QRectF(rect()));
}

} // namespace vlab
