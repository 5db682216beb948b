// TrustDialog and untrustedPeer() without any peer (offscreen): which stopped jobs ask to be
// trusted (by error code only), the host and port read from them (IPv6 included), the
// fingerprint shown in two comparable rows, where to find the real one per kind, and the
// buttons: "Do not trust" is the default, Escape and Enter decline, only a click trusts.

#include "jobs/job.h"
#include "trustdialog.h"

#include <QLabel>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {
// A job that stops at once with the given outcome, as the real jobs do at their first request.
class StoppedJob : public Job
{
public:
    StoppedJob(const QString &target, std::optional<Error> error)
        : Job(u"stopped"_s)
        , m_error(std::move(error))
    {
        setTarget(target);
        start();
    }

protected:
    void run() override { m_error ? finish(*m_error) : finish({}); }

private:
    std::optional<Error> m_error;
};

const QString kTls = u"AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:"
                     "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"_s;
} // namespace

class TestTrustDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tlsRefusalAsksWithHostAndPort()
    {
        const StoppedJob job(u"[fd00::5]:8443"_s, makeError(u"http.tls.untrusted"_s, u"any words"_s, kTls));
        const std::optional<TrustRequest> r = untrustedPeer(&job, TrustRequest::Kind::NetScaler);
        QVERIFY(r);
        QCOMPARE(r->kind, TrustRequest::Kind::NetScaler);
        QCOMPARE(r->host, u"fd00::5"_s);
        QCOMPARE(r->port, quint16(8443));
        QCOMPARE(r->hostPort(), u"[fd00::5]:8443"_s);
        QCOMPARE(r->fingerprint, kTls);
        // The default port is shown too: the person compares host and port.
        const StoppedJob plain(u"vc.lab"_s, makeError(u"http.tls.untrusted"_s, {}, kTls));
        QCOMPARE(untrustedPeer(&plain, TrustRequest::Kind::VCenter)->hostPort(), u"vc.lab:443"_s);
    }

    // A certificate other than the one confirmed before: asked again, with the previous
    // fingerprint, and the dialog says it changed. Without the previous one it asks nothing.
    void changedCertificateAsksWithBothFingerprints()
    {
        const QString previous = QStringList(32, u"11"_s).join(u':');
        const StoppedJob job(
            u"ns.lab:443"_s,
            makeError(u"http.tls.changed"_s, u"any words"_s, kTls + u"\nconfirmed: "_s + previous));
        const std::optional<TrustRequest> r = untrustedPeer(&job, TrustRequest::Kind::NetScaler);
        QVERIFY(r);
        QCOMPARE(r->fingerprint, kTls);
        QCOMPARE(r->previousFingerprint, previous);
        TrustDialog dialog(*r);
        QVERIFY2(dialog.windowTitle().contains(u"has changed"_s), qPrintable(dialog.windowTitle()));
        const auto *shownPrevious = dialog.findChild<QLabel *>(u"trustPrevious"_s);
        QVERIFY(shownPrevious);
        QVERIFY(shownPrevious->text().remove(u'\n').remove(u' ').contains(previous));
        QVERIFY(dialog.findChild<QPushButton *>(u"trustDecline"_s)->isDefault());
        QVERIFY(dialog.findChild<QPushButton *>(u"trustConfirm"_s)->text().contains(u"new"_s));
        // A first confirmation shows no previous fingerprint.
        const StoppedJob first(u"ns.lab:443"_s, makeError(u"http.tls.untrusted"_s, {}, kTls));
        TrustDialog plain(*untrustedPeer(&first, TrustRequest::Kind::NetScaler));
        QVERIFY(!plain.findChild<QLabel *>(u"trustPrevious"_s));
        const StoppedJob bare(u"ns.lab:443"_s, makeError(u"http.tls.changed"_s, {}, kTls));
        QVERIFY(!untrustedPeer(&bare, TrustRequest::Kind::NetScaler));
    }

    void otherFailuresAskNothing()
    {
        // An expired certificate, a changed host key, a success:
        // never offered for confirmation, whatever their message says.
        for (const QString &code :
             {u"http.tls"_s, u"hostkey.changed"_s, u"hostkey.mismatch"_s, u"http.refused"_s}) {
            const StoppedJob job(u"vc.lab"_s,
                                 makeError(code, u"not trusted, confirm the fingerprint"_s,
                                           u"host: vc.lab\nfingerprint: SHA256:abc\n"_s + kTls));
            QVERIFY2(!untrustedPeer(&job, TrustRequest::Kind::VCenter), qPrintable(code));
        }
        const StoppedJob ok(u"vc.lab"_s, std::nullopt);
        QCOMPARE(ok.state(), Job::State::Succeeded);
        QVERIFY(!untrustedPeer(&ok, TrustRequest::Kind::VCenter));
        QVERIFY(!untrustedPeer(nullptr, TrustRequest::Kind::VCenter));
    }

    void sshHostKeyFromTheErrorDetails()
    {
        const StoppedJob job(u"root@10.0.0.5:2222"_s,
                             makeError(u"hostkey.not-confirmed"_s, u"any words"_s,
                                       u"known_hosts: /p/known_hosts\nhost: [10.0.0.5]:2222\n"
                                       "fingerprint: SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s\n"
                                       "type: ssh-ed25519"_s));
        const std::optional<TrustRequest> r = untrustedPeer(&job, TrustRequest::Kind::NetScaler);
        QVERIFY(r);
        QCOMPARE(r->kind, TrustRequest::Kind::SshHostKey); // whatever the page's TLS kind
        QCOMPARE(r->hostPort(), u"10.0.0.5:2222"_s);
        QCOMPARE(r->keyType, u"ssh-ed25519"_s);
        QCOMPARE(r->fingerprint, u"SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"_s);
        QCOMPARE(TrustDialog::readable(*r), r->fingerprint); // as ssh-keygen -lf prints it
        QVERIFY(TrustDialog::whereToFind(*r).contains(u"ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub"_s));
        // Port 22 is written without brackets in known_hosts.
        const StoppedJob on22(
            u"root@psc01.lab"_s,
            makeError(u"hostkey.not-confirmed"_s, {},
                      u"host: psc01.lab\nfingerprint: SHA256:x\ntype: ecdsa-sha2-nistp256"_s));
        const std::optional<TrustRequest> r22 = untrustedPeer(&on22, TrustRequest::Kind::VCenter);
        QVERIFY(r22);
        QCOMPARE(r22->hostPort(), u"psc01.lab:22"_s);
        QVERIFY(TrustDialog::whereToFind(*r22).contains(u"ssh_host_ecdsa_key.pub"_s));
    }

    void fingerprintInTwoComparableRows()
    {
        TrustRequest r;
        r.kind = TrustRequest::Kind::VCenter;
        r.fingerprint = kTls;
        const QStringList rows = TrustDialog::readable(r).split(u'\n');
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).count(u':'), 16); // 16 pairs, the last one followed by ':'
        QCOMPARE(rows.join(QString()), kTls);
    }

    void whereToFindPerKind()
    {
        TrustRequest r;
        r.kind = TrustRequest::Kind::NetScaler;
        QVERIFY(TrustDialog::whereToFind(r).contains(
            u"openssl x509 -in /nsconfig/ssl/ns-server.cert -noout -fingerprint -sha256"_s));
        r.kind = TrustRequest::Kind::VCenter;
        QVERIFY(TrustDialog::whereToFind(r).contains(u"--store MACHINE_SSL_CERT --alias __MACHINE_CERT"_s));
        for (const auto kind :
             {TrustRequest::Kind::NetScaler, TrustRequest::Kind::VCenter, TrustRequest::Kind::SshHostKey}) {
            r.kind = kind;
            // Where the person looks, never a command-line option of vlab.
            QVERIFY(!TrustDialog::whereToFind(r).contains(u"--fingerprint"_s));
            QVERIFY(!TrustDialog::whereToFind(r).contains(u"--accept-host-key"_s));
        }
    }

    void keysAndButtons_data()
    {
        QTest::addColumn<int>("key"); // 0: a click on Trust
        QTest::addColumn<bool>("trusted");
        QTest::newRow("Escape") << int(Qt::Key_Escape) << false;
        QTest::newRow("Enter") << int(Qt::Key_Return) << false;
        QTest::newRow("keypad Enter") << int(Qt::Key_Enter) << false;
        QTest::newRow("click Trust") << 0 << true;
    }
    void keysAndButtons()
    {
        QFETCH(int, key);
        QFETCH(bool, trusted);
        TrustRequest r;
        r.kind = TrustRequest::Kind::NetScaler;
        r.host = u"10.0.0.9"_s;
        r.port = 443;
        r.fingerprint = kTls;
        TrustDialog dialog(r);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.findChild<QLabel *>(u"trustHost"_s)->text(), u"Host: 10.0.0.9:443"_s);
        auto *decline = dialog.findChild<QPushButton *>(u"trustDecline"_s);
        auto *trust = dialog.findChild<QPushButton *>(u"trustConfirm"_s);
        QVERIFY(decline->isDefault());
        QVERIFY(!trust->isDefault() && !trust->autoDefault());
        if (key == 0)
            QTest::mouseClick(trust, Qt::LeftButton);
        else
            QTest::keyClick(dialog.focusWidget() ? dialog.focusWidget() : &dialog, Qt::Key(key));
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result() == QDialog::Accepted, trusted);
    }
};

QTEST_MAIN(TestTrustDialog)
#include "tst_trustdialog.moc"
