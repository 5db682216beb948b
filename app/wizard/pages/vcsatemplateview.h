#pragma once
// VcsaTemplateView: one vcsa-deploy template as the plan makes it (passwords as
// placeholders), with Copy and Save. Used by the PSC install and vCenter pages.

#include "vsphere/vcsatemplatewriter.h"

#include <QWidget>

#include <functional>

class QLabel;
class QPlainTextEdit;

namespace vlab {

class VcsaTemplateView : public QWidget
{
    Q_OBJECT
public:
    // name: the object name prefix ("psc1" gives "psc1Template", "psc1Copy", "psc1Save").
    VcsaTemplateView(VcsaRole role, const QString &name, QWidget *parent = nullptr);

    // Renders the template from the plan; `folder` is where Save suggests to write it.
    void showPlan(const LabPlan &plan, const QString &folder);
    QString text() const;

private:
    VcsaRole m_role;
    QString m_folder;
    QPlainTextEdit *m_view;
    QLabel *m_status;
};

} // namespace vlab
