#include "approvaldialog.h"

#include "jobs/job.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtMath>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
// A tree does not give its delegate the column's width when it measures a row (a table does),
// so wrapped text would be measured as one line: this delegate measures it at the width the
// row gets, the way the style then draws it (at word boundaries, or anywhere in a long word).
class WrappingDelegate : public QStyledItemDelegate
{
public:
    explicit WrappingDelegate(QTreeWidget *view)
        : QStyledItemDelegate(view)
        , m_view(view)
    {
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QStyle *style = m_view->style();
        const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, &opt, m_view) + 1;
        int depth = 0;
        for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
            ++depth;
        const int width = m_view->columnWidth(index.column()) - depth * m_view->indentation() - 2 * margin;
        if (width <= 0)
            return QStyledItemDelegate::sizeHint(option, index);
        QTextLayout layout(opt.text, opt.font);
        QTextOption wrap;
        wrap.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        layout.setTextOption(wrap);
        qreal height = 0;
        layout.beginLayout();
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(width);
            height += line.height();
        }
        layout.endLayout();
        return {width + 2 * margin, qCeil(height) + 2 * margin};
    }

private:
    QTreeWidget *m_view;
};
} // namespace

ApprovalDialog::ApprovalDialog(const QString &runTitle, const QList<const Job *> &jobs, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"approvalDialog"_s);
    setWindowTitle(tr("Approve changes to the lab"));
    auto *intro = new QLabel(tr("\"%1\" changes the lab as listed below. Nothing is changed until you "
                                "approve; check the hosts and the changes first.")
                                 .arg(runTitle));
    intro->setTextFormat(Qt::PlainText); // plan values are text, never markup
    intro->setWordWrap(true);

    auto *list = new QTreeWidget;
    list->setObjectName(u"approvalChanges"_s);
    list->setHeaderHidden(true);
    list->setColumnCount(1);
    list->setRootIsDecorated(false);
    // Long lines wrap to the dialog's width rather than being cut or scrolled sideways: every
    // word of a change is read without a horizontal scroll (a long URL breaks anywhere).
    list->setTextElideMode(Qt::ElideNone);
    list->setWordWrap(true);
    list->setItemDelegate(new WrappingDelegate(list));
    list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    list->header()->setStretchLastSection(true);
    // A tree keeps the row heights it measured at the old width: measure again at the new one.
    connect(list->header(), &QHeaderView::sectionResized, list, [list] { list->doItemsLayout(); });
    for (const Job *job : jobs) {
        const QString host = job->changeHost();
        auto *item = new QTreeWidgetItem(
            list, {host.isEmpty() ? job->title() : tr("%1 (on %2)").arg(job->title(), host)});
        QFont bold = item->font(0);
        bold.setBold(true);
        item->setFont(0, bold);
        const QStringList changes = job->plannedChanges();
        for (const QString &change : changes)
            new QTreeWidgetItem(item, {u"\u2022 "_s + change});
        if (changes.isEmpty())
            new QTreeWidgetItem(item, {u"\u2022 "_s + job->description()});
    }
    list->expandAll();

    auto *buttons = new QDialogButtonBox;
    QPushButton *approve = buttons->addButton(tr("&Make these changes"), QDialogButtonBox::AcceptRole);
    approve->setObjectName(u"approve"_s);
    QPushButton *decline = buttons->addButton(tr("Do&n't change anything"), QDialogButtonBox::RejectRole);
    decline->setObjectName(u"decline"_s);
    // Enter alone never approves: a person typing fast into the page must not change the lab.
    approve->setAutoDefault(false);
    decline->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(list, 1);
    layout->addWidget(buttons);
    resize(720, 420);
    decline->setFocus();
}

bool ApprovalDialog::ask(QWidget *parent, const QString &runTitle, const QList<const Job *> &jobs)
{
    ApprovalDialog dialog(runTitle, jobs, parent);
    return dialog.exec() == QDialog::Accepted;
}

} // namespace vlab
