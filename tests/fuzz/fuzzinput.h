#pragma once
// Small helpers shared by the libFuzzer targets: the input as the bytes the product would have
// read (a QByteArray copy, so it is terminated like QFile::readAll()'s), and a check that stops
// the fuzzer with a message when the code under test broke one of its own promises.

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace vlab::fuzz {

inline QByteArray bytes(const std::uint8_t *data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// Not assert(): the fuzz build may define NDEBUG, and a broken promise must always count.
inline void require(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz check failed: %s\n", what);
        std::abort();
    }
}

} // namespace vlab::fuzz
