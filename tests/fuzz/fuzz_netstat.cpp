// fuzz_netstat: the parser of `netstat -ant` output,
// diag/tcpstatereport.h parseNetstatOutput(), and the format detection parseTcpCapture() that `vlab diag
// tcp --file`, the SSH collection and the Diagnostics page call on the same bytes.

#include "tcpcapturefuzz.h"

using namespace vlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray text = fuzz::bytes(data, size);
    fuzz::readCapture(parseNetstatOutput(text));
    fuzz::readCapture(parseTcpCapture(text));
    return 0;
}
