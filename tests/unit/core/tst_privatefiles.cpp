// Private files private (issue #14): the project's trust pins, known_hosts, records of created
// NetScaler objects, run journals and the certificate folder are created 0600 (files) and
// 0700 (folders) whatever the umask; checked under umask 000 and 022 with stat(2). And the
// secret masking covers the escaped forms of a password (JSON, shell, URL, XML).

#include "certs/certjobs.h"
#include "certs/csrrequest.h"
#include "core/atomicfile.h"
#include "core/secretmask.h"
#include "jobs/journal.h"
#include "net/trustedpins.h"
#include "netscaler/nitrorecord.h"
#include "plan/planjson.h"
#include "project/projectstate.h"
#include "remote/hostkeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <libssh/libssh.h>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

// The mode bits of `path`, or -1 when it cannot be read.
int modeOf(const QString &path)
{
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

// Sets the umask for one test and restores it afterwards.
class Umask
{
public:
    explicit Umask(mode_t mask)
        : m_previous(::umask(mask))
    {
    }
    Umask(const Umask &) = delete;
    Umask &operator=(const Umask &) = delete;
    ~Umask() { ::umask(m_previous); }

private:
    mode_t m_previous;
};

} // namespace

class TestPrivateFiles : public QObject
{
    Q_OBJECT

    static void umasks()
    {
        QTest::addColumn<int>("mask");
        QTest::newRow("umask 000") << 0;
        QTest::newRow("umask 022") << 022;
    }

private Q_SLOTS:
    void privateFolder_data() { umasks(); }
    void privateFolder()
    {
        QFETCH(int, mask);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const int parentMode = modeOf(dir.path());
        const Umask lax{mode_t(mask)};
        const QString inner = dir.filePath(u"a/b/c"_s);
        QVERIFY(makePrivateFolder(inner).ok());
        for (const QString &folder : {dir.filePath(u"a"_s), dir.filePath(u"a/b"_s), inner})
            QCOMPARE(modeOf(folder), 0700);
        QCOMPARE(modeOf(dir.path()), parentMode); // an existing folder is left as it was
        QVERIFY(makePrivateFolder(inner).ok());   // existing: fine
        QFile file(dir.filePath(u"a/file"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const Result<void> onFile = makePrivateFolder(dir.filePath(u"a/file"_s));
        QVERIFY(!onFile.ok());
        QCOMPARE(onFile.error().code, u"file.mkdir"_s);
    }

    void trustPins_data() { umasks(); }
    void trustPins()
    {
        QFETCH(int, mask);
        QTemporaryDir dir;
        const Umask lax{mode_t(mask)};
        const QString project = dir.filePath(u"new/project"_s);
        QVERIFY(TrustedPins::keep(project, u"nsip.sslab.com"_s, 443, QByteArray(32, '\x11')).ok());
        QCOMPARE(modeOf(project), 0700);
        const QString file = QDir(project).filePath(TrustedPins::fileName());
        QCOMPARE(modeOf(file), 0600);
        // A file that someone left open to others is closed again on the next save.
        QVERIFY(QFile::setPermissions(file, QFileDevice::Permissions(0x6666)));
        QCOMPARE(modeOf(file), 0666);
        QVERIFY(TrustedPins::keep(project, u"nsip.sslab.com"_s, 443, QByteArray(32, '\x22')).ok());
        QCOMPARE(modeOf(file), 0600);
    }

    void knownHosts_data() { umasks(); }
    void knownHosts()
    {
        QFETCH(int, mask);
        QTemporaryDir dir;
        ssh_key key = nullptr;
        QCOMPARE(ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key), SSH_OK);
        const Umask lax{mode_t(mask)};
        const QString file = defaultKnownHostsFile(dir.filePath(u"project"_s));
        const Result<HostKeyCheck> check = checkHostKey(file, u"psc1.sslab.com"_s, 22, key);
        QVERIFY(check.ok());
        QCOMPARE(check->state, HostKeyState::Unknown);
        const Result<void> recorded = recordHostKey(*check, key, check->fingerprint);
        ssh_key_free(key);
        QVERIFY2(recorded.ok(), qPrintable(recorded.ok() ? QString() : recorded.error().message));
        QCOMPARE(modeOf(QFileInfo(file).path()), 0700);
        QCOMPARE(modeOf(file), 0600);
    }

    void nitroRecord_data() { umasks(); }
    void nitroRecord()
    {
        QFETCH(int, mask);
        QTemporaryDir dir;
        const Umask lax{mode_t(mask)};
        const QString project = dir.filePath(u"project"_s);
        const QString path = nitroRecordPath(project, u"192.168.1.50"_s);
        const QList<NitroObject> objects{NitroObject{
            u"server"_s, QJsonObject{{u"name"_s, u"vlab-psc01"_s}, {u"ipaddress"_s, u"192.168.1.211"_s}}}};
        QVERIFY(saveNitroRecord(path, u"192.168.1.50"_s, NitroRecord{objects, {}}).ok());
        QCOMPARE(modeOf(project), 0700);
        QCOMPARE(modeOf(path), 0600);
    }

    void journal_data() { umasks(); }
    void journal()
    {
        QFETCH(int, mask);
        QTemporaryDir dir;
        const Umask lax{mode_t(mask)};
        const QString path = dir.filePath(u"project/"_s + RunJournal::fileName());
        RunJournal journal;
        JournalRun run;
        run.id = u"r1"_s;
        run.title = u"Precheck"_s;
        run.started = QDateTime::currentDateTimeUtc();
        run.state = u"running"_s;
        journal.runs.append(run);
        QVERIFY(journal.save(path).ok());
        QCOMPARE(modeOf(dir.filePath(u"project"_s)), 0700);
        QCOMPARE(modeOf(path), 0600);
    }

    void projectState_data() { umasks(); }
    void projectState()
    {
        QFETCH(int, mask);
        QTemporaryDir dir;
        const Umask lax{mode_t(mask)};
        const QString project = dir.filePath(u"project"_s);
        QVERIFY(ProjectState::update(project, [](ProjectState &s) {
                    s.netscalerAddress = u"192.0.2.5:8443"_s;
                }).ok());
        QCOMPARE(modeOf(project), 0700);
        const QString path = QDir(project).filePath(ProjectState::fileName());
        QCOMPARE(modeOf(path), 0600);
        // Read back, and a second value keeps the first.
        QVERIFY(ProjectState::update(project, [](ProjectState &s) { s.isoFolder = u"/mnt/vcsa"_s; }).ok());
        const Result<ProjectState> state = ProjectState::load(project);
        QVERIFY(state.ok());
        QCOMPARE(state->netscalerAddress, u"192.0.2.5:8443"_s);
        QCOMPARE(state->isoFolder, u"/mnt/vcsa"_s);
        QCOMPARE(modeOf(path), 0600);
    }

    void certificateFolder_data() { umasks(); }
    void certificateFolder()
    {
        QFETCH(int, mask);
        QTemporaryDir dir;
        const Umask lax{mode_t(mask)};
        const Result<LabPlan> plan = parsePlan(examplePlanJson());
        QVERIFY(plan.ok());
        CsrRequest request = CsrRequest::fromPlan(*plan);
        request.keyBits = 2048;
        const QString folder = dir.filePath(u"project/certs"_s);
        GenerateCsrJob job(request, folder, ExistingKey::Refuse);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(60000));
        QCOMPARE(job.state(), Job::State::Succeeded);
        QCOMPARE(modeOf(folder), 0700);
        QCOMPARE(modeOf(QDir(folder).filePath(QString::fromLatin1(CertFiles::Key))), 0600);
    }

    void masksEscapedForms_data()
    {
        QTest::addColumn<QString>("echoed");
        const QString pw = u"Tg\"\\'$ &%/x9"_s;
        const QByteArray json = QJsonDocument(QJsonArray{pw}).toJson(QJsonDocument::Compact);
        QTest::newRow("literal") << pw;
        QTest::newRow("JSON") << u"{\"password\":\"Tg\\\"\\\\'$ &%/x9\"}"_s;
        QTest::newRow("JSON with \\/") << u"\"Tg\\\"\\\\'$ &%\\/x9\""_s;
        QTest::newRow("JSON by Qt") << QString::fromUtf8(json);
        QTest::newRow("shell single-quoted") << u"--password='Tg\"\\'\\''$ &%/x9'"_s;
        QTest::newRow("shell '\"'\"'") << u"'Tg\"\\'\"'\"'$ &%/x9'"_s;
        QTest::newRow("shell backslashes") << u"Tg\\\"\\\\\\'\\$\\ \\&%/x9"_s;
        QTest::newRow("URL") << u"vi://root:Tg%22%5C%27%24%20%26%25%2Fx9@esxi"_s;
        QTest::newRow("URL lower-case") << u"vi://root:Tg%22%5c%27%24%20%26%25%2fx9@esxi"_s;
        QTest::newRow("form") << u"password=Tg%22%5C%27%24+%26%25%2Fx9&user=root"_s;
        QTest::newRow("URL path keeps /") << u"Tg%22%5C%27%24%20%26%25/x9"_s;
        QTest::newRow("XML") << u"<password>Tg&quot;\\'$ &amp;%/x9</password>"_s;
    }
    void masksEscapedForms()
    {
        QFETCH(QString, echoed);
        const QString pw = u"Tg\"\\'$ &%/x9"_s;
        const QString masked = maskSecrets(u"before "_s + echoed + u" after"_s, {u"unrelated"_s, pw});
        QVERIFY2(masked.contains(QLatin1StringView(kSecretMask)), qPrintable(masked));
        QVERIFY2(masked.startsWith(u"before "_s) && masked.endsWith(u" after"_s), qPrintable(masked));
        // No recognisable piece of the password is left.
        for (const QString &piece : {u"Tg"_s, u"x9"_s})
            QVERIFY2(!masked.contains(piece), qPrintable(masked));
    }

    void shortSecretsAreNotMasked()
    {
        QCOMPARE(maskSecrets(u"a b c"_s, {u"a"_s}), u"a b c"_s);
        QCOMPARE(maskSecrets(u"a b c"_s, {u"a"_s}, 1), u"******** b c"_s);
        QCOMPARE(maskSecrets(u"nothing here"_s, {}), u"nothing here"_s);
    }
};

QTEST_GUILESS_MAIN(TestPrivateFiles)
#include "tst_privatefiles.moc"
