// fuzz_ss: the parser of `ss -tan` (and `ss -tanp`) output,
// diag/tcpstatereport.h parseSsOutput(), and the format detection parseTcpCapture() that `vlab diag
// tcp --file`, the SSH collection and the Diagnostics page call on the same bytes.

#include "tcpcapturefuzz.h"

using namespace vlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray text = fuzz::bytes(data, size);
    fuzz::readCapture(parseSsOutput(text));
    fuzz::readCapture(parseTcpCapture(text));
    return 0;
}
