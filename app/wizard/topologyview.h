#pragma once
// TopologyView: the lab's topology (TopologyPainter) drawn live from the plan being edited.

#include <QWidget>

namespace vlab {

class PlanDocument;

class TopologyView : public QWidget
{
    Q_OBJECT
public:
    explicit TopologyView(PlanDocument *document, QWidget *parent = nullptr);
    QSize sizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    PlanDocument *m_document;
};

} // namespace vlab
