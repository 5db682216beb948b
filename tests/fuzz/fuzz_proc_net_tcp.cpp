// fuzz_proc_net_tcp: the parser of /proc/net/tcp and /proc/net/tcp6 (read locally, or over SSH),
// diag/tcpstatereport.h parseProcNetTcp(), and the format detection parseTcpCapture() that `vlab diag
// tcp --file`, the SSH collection and the Diagnostics page call on the same bytes.

#include "tcpcapturefuzz.h"

using namespace vlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray text = fuzz::bytes(data, size);
    fuzz::readCapture(parseProcNetTcp(text));
    fuzz::readCapture(parseTcpCapture(text));
    return 0;
}
