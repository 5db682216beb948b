#pragma once
// OpenSSL at the end of the program. OpenSSL is shared by the engine and by Qt's TLS backend,
// which uses it in the thread of each QNetworkAccessManager (HttpClient's). That thread is Qt's
// and detached: deleting the manager waits until the thread's event loop has ended, not until
// the thread has run its exit handlers, where OpenSSL frees the thread's state (its random
// generators). OpenSSL's own clean-up at exit (an atexit handler, OPENSSL_cleanup()) must not run
// while another thread may still use the library: racing that thread's exit, it deletes the keys
// of the thread-local state and frees the handler list the exiting thread is walking, so the
// thread's state is lost (LeakSanitizer saw it, .ci/sanitize) or freed under it.

namespace vlab {

// Leaves OpenSSL's memory to the end of the process instead of freeing it in an atexit handler,
// so a thread still ending then frees its own state. Must be the program's first OpenSSL call
// (the first initialisation decides); `vlab` and `vlab-wizard` call it first thing in main().
void skipOpenSslCleanupAtExit();

} // namespace vlab
