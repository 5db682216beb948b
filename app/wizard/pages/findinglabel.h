#pragma once
// FindingLabel: the line under a field that shows what validation says about it (the
// message and the fix), coloured by severity, hidden when there is nothing to say. Shown
// with their paths, the paths are links: linkActivated(path) asks for that field's editor.

#include "core/finding.h"

#include <QLabel>

namespace vlab {

class PlanDocument;
struct LabPlan;

class FindingLabel : public QLabel
{
    Q_OBJECT
public:
    explicit FindingLabel(const QString &path, QWidget *parent = nullptr);
    // withPath: each line names its field, as a link; by its name for people when the plan
    // is given ("PSC 2 (vcenter-psc02): IP address"), else by its path.
    void showFindings(const Findings &findings, bool withPath = false, const LabPlan *plan = nullptr);
    // With a document, a finding that carries a fix gets a "Fix" link that applies it there.
    void setDocument(PlanDocument *document) { m_document = document; }

Q_SIGNALS:
    // A field link was activated: bring up the editor of path.
    void fieldActivated(const QString &path);

private:
    PlanDocument *m_document = nullptr;
    Findings m_findings; // as shown, for the Fix links
};

} // namespace vlab
