#pragma once
// The read-only monospace view every page uses for generated files and transcripts.

#include <QString>

class QPlainTextEdit;

namespace vlab {

// Read-only, no wrapping, a monospace family by name (not QFontDatabase::systemFont(): asking
// for the system's fixed font at construction makes fontconfig search at start-up).
// visibleLines > 0 fixes the height to that many lines.
void setUpCodeView(QPlainTextEdit *view, int visibleLines = 0);
QPlainTextEdit *newCodeView(const QString &objectName = {}, int visibleLines = 0);

} // namespace vlab
