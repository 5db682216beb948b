#pragma once
// ApprovalClicker: answers the wizard's "Approve changes to the lab" dialog as a person would,
// with a real mouse click on its button once it is shown, and keeps what each dialog listed
// (the run title, each job with its host, and its changes), so a test can check that approval
// was asked, and for what, before anything changed.

#include <QApplication>
#include <QDialog>
#include <QEvent>
#include <QPushButton>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

class ApprovalClicker : public QObject
{
public:
    explicit ApprovalClicker(QObject *parent = nullptr)
        : QObject(parent)
    {
        qApp->installEventFilter(this);
    }
    ~ApprovalClicker() override { qApp->removeEventFilter(this); }

    bool approve = true; // which button the next dialogs get
    QStringList asked;   // one entry per dialog shown: every line it listed

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Show || watched->objectName() != QLatin1String("approvalDialog"))
            return false;
        auto *dialog = qobject_cast<QDialog *>(watched);
        if (!dialog)
            return false;
        QStringList lines;
        if (const auto *list = dialog->findChild<QTreeWidget *>(QStringLiteral("approvalChanges"))) {
            for (int i = 0; i < list->topLevelItemCount(); ++i) {
                const QTreeWidgetItem *job = list->topLevelItem(i);
                lines << job->text(0);
                for (int c = 0; c < job->childCount(); ++c)
                    lines << job->child(c)->text(0);
            }
        }
        asked << lines.join(QLatin1Char('\n'));
        const QString button = approve ? QStringLiteral("approve") : QStringLiteral("decline");
        // Clicked from the dialog's own event loop, once it is up.
        QTimer::singleShot(0, dialog, [dialog, button] {
            if (auto *b = dialog->findChild<QPushButton *>(button))
                QTest::mouseClick(b, Qt::LeftButton);
        });
        return false;
    }
};
