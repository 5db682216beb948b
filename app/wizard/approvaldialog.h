#pragma once
// ApprovalDialog: before a run whose jobs change the lab, the person sees what each job will
// change and on which host, including every answer a job will give to a consent prompt of
// the appliance's own tools, and approves it or not. Nothing starts without the approval.

#include <QDialog>

namespace vlab {

class Job;

class ApprovalDialog : public QDialog
{
    Q_OBJECT
public:
    ApprovalDialog(const QString &runTitle, const QList<const Job *> &jobs, QWidget *parent = nullptr);

    // Shows the dialog modally; true when the person approved.
    static bool ask(QWidget *parent, const QString &runTitle, const QList<const Job *> &jobs);
};

} // namespace vlab
