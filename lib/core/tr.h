#pragma once
// Translation context for engine code that is not a QObject (errors, findings, hints).
// Strings are extracted by lupdate under the context "vlab".

#include <QCoreApplication>

namespace vlab {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(vlab)
};
} // namespace vlab
