// Child process of the secret-store tests. Works on the key "vlab/probe/sso" with the store
// this build uses, the secret being the canary in VLAB_TEST_CANARY, and reports what happened
// without ever printing the secret:
//   secretstore_probe            write, read back, remove  -> roundtrip=ok removed=ok ...
//   secretstore_probe write      store it                  -> write=ok ...
//   secretstore_probe read       read it (another run)     -> read=same|different|missing ...
//   secretstore_probe remove     remove it                 -> remove=ok ...
// Every report ends with "persistent=yes|no fallbacks=N". Exit 0 when the step worked.

#include "secrets/secretstore.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString canary = qEnvironmentVariable("VLAB_TEST_CANARY");
    const QString mode = argc > 1 ? QString::fromLocal8Bit(argv[1]) : u"roundtrip"_s;
    if (canary.isEmpty()) {
        std::fputs("VLAB_TEST_CANARY is not set\n", stderr);
        return 2;
    }
    vlab::SecretStore *store = vlab::createSecretStore(&app, u"vLab Wizard test"_s);
    int fallbacks = 0;
    QObject::connect(store, &vlab::SecretStore::fallbackActivated, &app, [&fallbacks] { ++fallbacks; });
    const QString key = vlab::secretKey(u"probe"_s, vlab::SecretRole::Sso);
    auto finish = [&](const QString &report, bool ok) {
        std::printf("%s persistent=%s fallbacks=%d\n", qPrintable(report),
                    store->isPersistent() ? "yes" : "no", fallbacks);
        QCoreApplication::exit(ok ? 0 : 1);
    };
    auto readVerdict = [&canary](const vlab::Result<QString> &read) {
        if (!read)
            return read.error().code == QString::fromUtf16(vlab::kSecretNotFound) ? u"missing"_s
                                                                                  : u"failed"_s;
        return read.value() == canary ? u"same"_s : u"different"_s;
    };

    if (mode == u"write"_s) {
        store->write(key, canary, &app, [&](const vlab::Result<void> &written) {
            finish(written ? u"write=ok"_s : u"write=failed"_s, bool(written));
        });
    } else if (mode == u"read"_s) {
        store->read(key, &app, [&](const vlab::Result<QString> &read) {
            const QString verdict = readVerdict(read);
            finish(u"read="_s + verdict, verdict == u"same"_s);
        });
    } else if (mode == u"remove"_s) {
        store->remove(key, &app, [&](const vlab::Result<void> &removed) {
            finish(removed ? u"remove=ok"_s : u"remove=failed"_s, bool(removed));
        });
    } else if (mode == u"roundtrip"_s) {
        store->write(key, canary, &app, [&](const vlab::Result<void> &written) {
            if (!written) {
                finish(u"write=failed"_s, false);
                return;
            }
            store->read(key, &app, [&](const vlab::Result<QString> &read) {
                const bool same = readVerdict(read) == u"same"_s;
                store->remove(key, &app, [&, same](const vlab::Result<void> &removed) {
                    finish(u"roundtrip=%1 removed=%2"_s.arg(same ? u"ok"_s : u"failed"_s,
                                                            removed ? u"ok"_s : u"failed"_s),
                           same && removed);
                });
            });
        });
    } else {
        std::fputs("usage: secretstore_probe [write|read|remove]\n", stderr);
        return 2;
    }
    return QCoreApplication::exec();
}
