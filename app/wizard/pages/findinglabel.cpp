#include "findinglabel.h"

namespace vlab {

FindingLabel::FindingLabel(const QString &path, QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("finding:") + path);
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setVisible(false);
}

void FindingLabel::showFindings(const Findings &findings, bool withPath)
{
    QStringList lines;
    for (const Finding &f : findings) {
        const QString colour = f.severity == Severity::Error ? QStringLiteral("#b00020")
            : f.severity == Severity::Warning                ? QStringLiteral("#8a5a00")
                                                             : QStringLiteral("#305080");
        const QString mark = f.severity == Severity::Error ? tr("Error")
            : f.severity == Severity::Warning              ? tr("Warning")
                                                           : tr("Note");
        QString text =
            withPath ? tr("%1 (%2): %3").arg(mark, f.path, f.message) : tr("%1: %2").arg(mark, f.message);
        if (!f.hint.isEmpty())
            text += QStringLiteral(" ") + tr("Fix: %1").arg(f.hint);
        lines << QStringLiteral("<span style=\"color:%1\">%2</span>").arg(colour, text.toHtmlEscaped());
    }
    setText(lines.join(QStringLiteral("<br>")));
    setVisible(!lines.isEmpty());
}

} // namespace vlab
