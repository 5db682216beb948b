#pragma once
// Where the engine expects a file (a plan, a capture, a certificate, a journal), only a
// regular file will do: opening a FIFO blocks until someone writes to it, and a device such
// as /dev/zero never ends. Checked before opening, with a message that says what was given.

#include "core/result.h"

namespace vlab {

// Fails with "file.missing" when nothing is at `path`, "file.not-regular" for a folder, a
// FIFO, a device or a socket (symbolic links are followed).
Result<void> requireRegularFile(const QString &path);

} // namespace vlab
