#pragma once
// FindingLabel: the line under a field that shows what validation says about it (the
// message and the fix), coloured by severity, hidden when there is nothing to say.

#include "core/finding.h"

#include <QLabel>

namespace vlab {

class FindingLabel : public QLabel
{
    Q_OBJECT
public:
    explicit FindingLabel(const QString &path, QWidget *parent = nullptr);
    void showFindings(const Findings &findings, bool withPath = false);
};

} // namespace vlab
