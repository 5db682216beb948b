#pragma once
// FindingLabel: the line under a field that shows what validation says about it (the
// message and the fix), coloured by severity, hidden when there is nothing to say. Shown
// with their paths, the paths are links: linkActivated(path) asks for that field's editor.

#include "core/finding.h"

#include <QLabel>

namespace vlab {

struct LabPlan;

class FindingLabel : public QLabel
{
    Q_OBJECT
public:
    explicit FindingLabel(const QString &path, QWidget *parent = nullptr);
    // withPath: each line names its field, as a link; by its name for people when the plan
    // is given ("PSC 2 (vcenter-psc02): IP address"), else by its path.
    void showFindings(const Findings &findings, bool withPath = false, const LabPlan *plan = nullptr);
};

} // namespace vlab
