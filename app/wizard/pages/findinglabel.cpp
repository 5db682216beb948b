#include "findinglabel.h"

#include "project/plandocument.h"
#include "validate/fieldnames.h"
#include "validate/quickfix.h"

namespace vlab {

FindingLabel::FindingLabel(const QString &path, QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("finding:") + path);
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setVisible(false);
    setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(this, &QLabel::linkActivated, this, [this](const QString &link) {
        if (!link.startsWith(QStringLiteral("fix:"))) {
            Q_EMIT fieldActivated(link);
            return;
        }
        const Finding f = m_findings.value(link.mid(4).toInt());
        if (!m_document)
            return;
        const QJsonValue fix = fixFor(m_document->plan(), f);
        if (fix.isUndefined())
            return;
        m_document->edit([&](LabPlan &plan) {
            if (const Result<LabPlan> fixed = setPlanValue(plan, f.path, fix))
                plan = *fixed;
        });
    });
}

void FindingLabel::showFindings(const Findings &findings, bool withPath, const LabPlan *plan)
{
    QStringList lines;
    for (const Finding &f : findings) {
        const QString colour = f.severity == Severity::Error ? QStringLiteral("#b00020")
            : f.severity == Severity::Warning                ? QStringLiteral("#8a5a00")
                                                             : QStringLiteral("#305080");
        const QString mark = f.severity == Severity::Error ? tr("Error")
            : f.severity == Severity::Warning              ? tr("Warning")
                                                           : tr("Note");
        // With its path, the path is a link to the field's editor (linkActivated(path)).
        QString text = withPath
            ? tr("%1 (%2): %3")
                  .toHtmlEscaped()
                  .arg(mark.toHtmlEscaped(),
                       QStringLiteral("<a href=\"%1\">%2</a>")
                           .arg(f.path.toHtmlEscaped(),
                                (plan ? fieldDisplayName(*plan, f.path) : f.path).toHtmlEscaped()),
                       f.message.toHtmlEscaped())
            : tr("%1: %2").arg(mark, f.message).toHtmlEscaped();
        if (!f.hint.isEmpty())
            text += QStringLiteral(" ") + tr("Fix: %1").arg(f.hint).toHtmlEscaped();
        if (m_document && !fixFor(m_document->plan(), f).isUndefined())
            text += QStringLiteral(" <a href=\"fix:%1\">%2</a>")
                        .arg(QString::number(lines.size()), tr("Apply the fix").toHtmlEscaped());
        lines << QStringLiteral("<span style=\"color:%1\">%2</span>").arg(colour, text);
    }
    m_findings = findings;
    setText(lines.join(QStringLiteral("<br>")));
    setVisible(!lines.isEmpty());
}

} // namespace vlab
