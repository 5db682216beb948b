#include "codeview.h"

#include <QFont>
#include <QPlainTextEdit>

namespace vlab {

void setUpCodeView(QPlainTextEdit *view, int visibleLines)
{
    view->setReadOnly(true);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    view->setFont(mono);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    if (visibleLines > 0)
        view->setFixedHeight(view->fontMetrics().lineSpacing() * visibleLines + 12);
}

QPlainTextEdit *newCodeView(const QString &objectName, int visibleLines)
{
    auto *view = new QPlainTextEdit;
    if (!objectName.isEmpty())
        view->setObjectName(objectName);
    setUpCodeView(view, visibleLines);
    return view;
}

} // namespace vlab
