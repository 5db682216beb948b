#include "net/opensslexit.h"

#include <openssl/crypto.h>

namespace vlab {

void skipOpenSslCleanupAtExit()
{
    OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr);
}

} // namespace vlab
