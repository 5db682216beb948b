#include "approvaldialog.h"

#include "jobs/job.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

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
    // Long lines scroll sideways rather than being cut: every word of a change is read.
    list->setTextElideMode(Qt::ElideNone);
    list->header()->setStretchLastSection(false);
    list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
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
