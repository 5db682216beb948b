// The secret store without a keychain: the names secrets are stored under, the in-memory
// store, the keychain store falling back to memory (once, and saying so) when no D-Bus
// keychain answers, and a child process whose canary secret must reach no file and no output.

#include "secrets/memorysecretstore.h"
#include "secrets/secretstore.h"
#ifdef VLAB_HAVE_KEYCHAIN
#include "secrets/keychainsecretstore.h"
#endif

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using vlab::Result;

namespace {
constexpr int kTimeoutMs = 20000;

// Waits (on the event loop) for a store call's callback and returns its result.
template<typename T>
struct Answer
{
    std::optional<Result<T>> result;
    auto callback()
    {
        return [this](const Result<T> &r) {
            result = r;
        };
    }
};

// Every file under dir whose bytes hold the secret, as UTF-8, UTF-16 or Latin-1.
QStringList filesHolding(const QString &dir, const QString &secret)
{
    const QByteArray utf8 = secret.toUtf8();
    const QByteArray utf16(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2);
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray data = file.readAll();
        if (data.contains(utf8) || data.contains(utf16))
            found << file.fileName();
    }
    return found;
}
} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void keys_data();
    void keys();
    void memoryRoundTrip();
    void keychainFallsBackToMemoryOnce();
    void secretNeverReachesDiskOrOutput();

private:
    QTemporaryDir m_noBus;
};

void TestSecretStore::initTestCase()
{
    QVERIFY(m_noBus.isValid());
    // No keychain may answer this test, even on a desktop that has one: point D-Bus (QtDBus
    // and libsecret's GDBus) at a socket that does not exist, and give X11 autolaunch nothing.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + QFile::encodeName(m_noBus.filePath(u"no-bus"_s)));
    qunsetenv("DISPLAY");
}

void TestSecretStore::keys_data()
{
    QTest::addColumn<vlab::SecretRole>("role");
    QTest::addColumn<QString>("key");
    QTest::newRow("root") << vlab::SecretRole::Root << u"vlab/sslab/root"_s;
    QTest::newRow("sso") << vlab::SecretRole::Sso << u"vlab/sslab/sso"_s;
    QTest::newRow("vcenter") << vlab::SecretRole::VCenter << u"vlab/sslab/vc"_s;
    QTest::newRow("netscaler") << vlab::SecretRole::NetScaler << u"vlab/sslab/ns"_s;
    QTest::newRow("target") << vlab::SecretRole::Target << u"vlab/sslab/target"_s;
    QTest::newRow("vCenter root") << vlab::SecretRole::VCenterRoot << u"vlab/sslab/vcroot"_s;
}

void TestSecretStore::keys()
{
    QFETCH(vlab::SecretRole, role);
    QFETCH(QString, key);
    QCOMPARE(vlab::secretKey(u"sslab"_s, role), key);
    // One account on one host: its own key, whatever the case of the host name.
    QCOMPARE(vlab::secretKey(u"sslab"_s, role, u"root@ESXI01.sslab.com"_s),
             key + u"/root@esxi01.sslab.com"_s);
}

void TestSecretStore::memoryRoundTrip()
{
    vlab::MemorySecretStore store;
    QVERIFY(!store.isPersistent());
    const QString key = vlab::secretKey(u"lab"_s, vlab::SecretRole::Root);

    Answer<void> written;
    store.write(key, u"VMware1!"_s, this, written.callback());
    QVERIFY2(!written.result, "callbacks run later on the event loop, never inside the call");
    QTRY_VERIFY_WITH_TIMEOUT(written.result.has_value(), kTimeoutMs);
    QVERIFY(written.result->ok());

    Answer<QString> read;
    store.read(key, this, read.callback());
    QTRY_VERIFY_WITH_TIMEOUT(read.result.has_value(), kTimeoutMs);
    QVERIFY(read.result->ok());
    QVERIFY(read.result->value() == u"VMware1!"_s); // QVERIFY: a failure must not print a secret

    Answer<void> removed;
    store.remove(key, this, removed.callback());
    QTRY_VERIFY_WITH_TIMEOUT(removed.result.has_value(), kTimeoutMs);
    QVERIFY(removed.result->ok());

    Answer<QString> gone;
    store.read(key, this, gone.callback());
    QTRY_VERIFY_WITH_TIMEOUT(gone.result.has_value(), kTimeoutMs);
    QVERIFY(!gone.result->ok());
    QCOMPARE(gone.result->error().code, QString::fromUtf16(vlab::kSecretNotFound));

    // A callback whose context is gone is not called.
    bool called = false;
    {
        QObject context;
        store.read(key, &context, [&called](const Result<QString> &) { called = true; });
    }
    QCoreApplication::processEvents();
    QVERIFY(!called);
}

void TestSecretStore::keychainFallsBackToMemoryOnce()
{
#ifndef VLAB_HAVE_KEYCHAIN
    QSKIP("Built without QtKeychain (VLAB_WITH_KEYCHAIN=OFF): the memory store is the only store.");
#else
    vlab::KeychainSecretStore store(u"vLab Wizard test"_s);
    QSignalSpy fallback(&store, &vlab::SecretStore::fallbackActivated);
    QVERIFY(store.isPersistent());
    const QString key = vlab::secretKey(u"lab"_s, vlab::SecretRole::NetScaler);

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^No keychain is available .*in memory"_s));
    Answer<void> written;
    store.write(key, u"nsroot-secret"_s, this, written.callback());
    QTRY_VERIFY_WITH_TIMEOUT(written.result.has_value(), kTimeoutMs);
    QVERIFY(written.result->ok());
    QCOMPARE(fallback.count(), 1);
    QVERIFY(store.hasFallenBack());
    QVERIFY(!store.isPersistent());
    QVERIFY(!fallback.constFirst().constFirst().toString().isEmpty());
    QVERIFY(!fallback.constFirst().constFirst().toString().contains(u"nsroot-secret"_s));

    Answer<QString> read;
    store.read(key, this, read.callback());
    QTRY_VERIFY_WITH_TIMEOUT(read.result.has_value(), kTimeoutMs);
    QVERIFY(read.result->ok());
    QVERIFY(read.result->value() == u"nsroot-secret"_s);

    Answer<void> other;
    store.write(vlab::secretKey(u"lab"_s, vlab::SecretRole::Sso), u"sso-secret"_s, this, other.callback());
    QTRY_VERIFY_WITH_TIMEOUT(other.result.has_value(), kTimeoutMs);
    QCOMPARE(fallback.count(), 1); // said once, not per call

    Answer<void> removed;
    store.remove(key, this, removed.callback());
    QTRY_VERIFY_WITH_TIMEOUT(removed.result.has_value(), kTimeoutMs);
    Answer<QString> gone;
    store.read(key, this, gone.callback());
    QTRY_VERIFY_WITH_TIMEOUT(gone.result.has_value(), kTimeoutMs);
    QCOMPARE(gone.result->error().code, QString::fromUtf16(vlab::kSecretNotFound));
#endif
}

void TestSecretStore::secretNeverReachesDiskOrOutput()
{
    QTemporaryDir home;
    QTemporaryDir work;
    QVERIFY(home.isValid() && work.isValid());
    const QString canary = u"canary-%1-Pa55"_s.arg(QCoreApplication::applicationPid());

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_s, home.path());
    env.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    env.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    env.insert(u"XDG_CACHE_HOME"_s, home.filePath(u"cache"_s));
    env.insert(u"XDG_STATE_HOME"_s, home.filePath(u"state"_s));
    env.insert(u"TMPDIR"_s, home.filePath(u"tmp"_s));
    QDir(home.path()).mkpath(u"tmp"_s);
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path="_s + home.filePath(u"no-bus"_s));
    env.remove(u"DISPLAY"_s);
    env.insert(u"VLAB_TEST_CANARY"_s, canary);

    QProcess probe;
    probe.setProgram(QStringLiteral(VLAB_SECRET_PROBE_PATH));
    probe.setWorkingDirectory(work.path());
    probe.setProcessEnvironment(env);
    probe.setStandardInputFile(QProcess::nullDevice());
    probe.start();
    QVERIFY2(probe.waitForFinished(kTimeoutMs), qPrintable(probe.errorString()));
    const QString out = QString::fromUtf8(probe.readAllStandardOutput());
    const QString err = QString::fromUtf8(probe.readAllStandardError());
    QVERIFY2(!out.contains(canary) && !err.contains(canary), "the secret was printed");
    QCOMPARE(probe.exitCode(), 0);
    QVERIFY2(out.contains(u"roundtrip=ok removed=ok persistent=no"_s), qPrintable(out));
#ifdef VLAB_HAVE_KEYCHAIN
    QVERIFY2(out.contains(u"fallbacks=1"_s), qPrintable(out));
    QVERIFY2(err.contains(u"No keychain is available"_s), qPrintable(err)); // said once ...
    QCOMPARE(err.count(u"No keychain is available"_s), 1);                  // ... not per call
#endif
    const QStringList inHome = filesHolding(home.path(), canary);
    QVERIFY2(inHome.isEmpty(), qPrintable(inHome.join(u", "_s)));
    const QStringList inWork = filesHolding(work.path(), canary);
    QVERIFY2(inWork.isEmpty(), qPrintable(inWork.join(u", "_s)));
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
