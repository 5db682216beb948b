// The Apply certificates page (offscreen): what a run will do, from the plan and the project's
// certificate files alone (files with SHA-256 and modes, commands, certificate-manager's
// answers, the login-shell step and its undo); then a run against the real sshd fixture with
// the certificate-manager stand-in and a TLS listener serving the new leaf, where the unknown
// host key is asked about in the trust dialog before anything shows as failed, declined with
// Escape (nothing runs, nothing is recorded) and then confirmed with a click (recorded in the
// project's known_hosts, the run goes on without a second approval). The passwords are canaries
// that must appear nowhere.

#include "approvalclicker.h"
#include "certfixture.h"
#include "mainwindow.h"
#include "pages/applycertificatespage.h"
#include "project/plandocument.h"
#include "runpanel.h"
#include "sshdfixture.h"
#include "tlslistener.h"
#include "trustclicker.h"

#include "certs/csrrequest.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QWizard>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {
QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestApplyCertificatesPage : public QObject
{
    Q_OBJECT

    // Clicks "Make these changes" in every approval dialog and keeps what each listed.
    ApprovalClicker m_approver;

    QTemporaryDir m_work;
    std::unique_ptr<certtest::CertFixture> m_certs;

    static ApplyCertificatesPage *open(MainWindow &w)
    {
        w.show();
        if (!QTest::qWaitForWindowExposed(&w))
            return nullptr;
        while (w.wizard()->currentPage()->objectName() != u"page:applycerts"_s) {
            const int before = w.wizard()->currentId();
            w.wizard()->next();
            if (w.wizard()->currentId() == before)
                return nullptr;
        }
        return qobject_cast<ApplyCertificatesPage *>(w.currentStepPage());
    }

    bool writeSet(const QString &folder)
    {
        QDir().mkpath(folder);
        const QByteArray leaf = readAll(m_certs->path(u"psc.cer"_s));
        const QByteArray root = readAll(m_certs->path(u"vmca.cer"_s));
        const QByteArray key = readAll(m_certs->path(u"psc.key"_s));
        const auto write = [&](const char *name, const QByteArray &data) {
            QFile f(QDir(folder).filePath(QString::fromLatin1(name)));
            return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
        };
        return !leaf.isEmpty() && write(CertFiles::Chain, leaf + root) && write(CertFiles::CaChain, root)
            && write(CertFiles::Key, key);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        QVERIFY(QDir().mkpath(m_work.filePath(u"ca"_s)));
        m_certs = std::make_unique<certtest::CertFixture>(m_work.filePath(u"ca"_s));
        QVERIFY2(m_certs->setUp(), qPrintable(m_certs->lastError()));
        QVERIFY2(m_certs->makeRoot(u"vmca"_s, u"/CN=CA/DC=vsphere/DC=local/C=US/O=test VMCA"_s),
                 qPrintable(m_certs->lastError()));
        QVERIFY2(m_certs->makeLeaf(u"psc"_s, certtest::LeafSpec{}, u"vmca"_s),
                 qPrintable(m_certs->lastError()));
    }

    void planOnly()
    {
        MainWindow w;
        w.document()->setProjectFolder(m_work.filePath(u"empty-project"_s));
        ApplyCertificatesPage *page = open(w);
        QVERIFY(page);
        auto *files = page->findChild<QTableWidget *>(u"applyFiles"_s);
        QCOMPARE(files->rowCount(), 6); // two PSCs, three files each
        QCOMPARE(files->item(0, 0)->text(), u"psc01"_s);
        QCOMPARE(files->item(3, 0)->text(), u"psc02"_s);
        QCOMPARE(files->item(1, 1)->text(), u"psc-ha-vip.key"_s);
        QCOMPARE(files->item(1, 3)->text(), u"0600"_s);
        QCOMPARE(files->item(0, 3)->text(), u"0644"_s);
        QCOMPARE(files->item(0, 4)->text(), u"/certs/psc-ha-vip-chain.crt"_s);
        QVERIFY(files->item(0, 2)->text().contains(u"missing"_s));
        QVERIFY(page->findChild<QLabel *>(u"applyCheck"_s)->text().contains(u"Missing"_s));
        QVERIFY(!page->findChild<QPushButton *>(u"applyRun"_s)->isEnabled());

        const QString dialog = page->findChild<QPlainTextEdit *>(u"applyDialog"_s)->toPlainText();
        QVERIFY2(dialog.contains(u"ssh root@192.168.1.211"_s), qPrintable(dialog));
        QVERIFY(dialog.contains(u"$ mkdir -p -m 0700 -- /certs"_s));
        QVERIFY(dialog.contains(u"$ /usr/lib/vmware-vmca/bin/certificate-manager"_s));
        QVERIFY(dialog.contains(u"Option[1 to 8]:  ->  1"_s));
        QVERIFY(dialog.contains(u"Enter password:  ->  ********"_s));
        QVERIFY(dialog.contains(u"Option [1 or 2]:  ->  2"_s));
        QVERIFY(dialog.contains(u"File :  ->  /certs/cachain.crt"_s));
        QVERIFY(dialog.contains(u"Continue operation : Option[Y/N] ? :  ->  Y"_s));
        QVERIFY(dialog.contains(u"192.168.1.212:443"_s));
        // Before anything: a look at what the PSC serves, which may make the rest unnecessary.
        QVERIFY2(
            dialog.contains(u"== psc01: ssh root@192.168.1.211 ==\nfirst: the certificate served on "
                            u"192.168.1.211:443 is looked at; when it is the new leaf already, nothing below "
                            u"is done\n$ mkdir"_s),
            qPrintable(dialog));

        // The login-shell step: off by default, its undo command always shown, in the commands when on.
        auto *shell = page->findChild<QCheckBox *>(u"applySwitchShell"_s);
        QVERIFY(!shell->isChecked());
        QVERIFY(
            page->findChild<QLabel *>(u"applyUndo"_s)->text().contains(u"chsh -s /bin/appliancesh root"_s));
        QVERIFY(!dialog.contains(u"chsh -s /bin/bash root"_s));
        shell->setChecked(true);
        page->initializePage();
        QVERIFY(page->findChild<QPlainTextEdit *>(u"applyDialog"_s)
                    ->toPlainText()
                    .contains(u"chsh -s /bin/bash root"_s));

        // One PSC only.
        auto *node = page->findChild<QComboBox *>(u"applyNode"_s);
        node->setCurrentIndex(node->findData(u"psc02"_s));
        QCOMPARE(files->rowCount(), 3);
        QCOMPARE(files->item(0, 0)->text(), u"psc02"_s);

        // With the project's certificate files: their SHA-256, never the key's, and Run is possible.
        QVERIFY(writeSet(m_work.filePath(u"empty-project/certs"_s)));
        page->initializePage();
        const QString chainHash = QString::fromLatin1(
            QCryptographicHash::hash(readAll(m_work.filePath(u"empty-project/certs/psc-ha-vip-chain.crt"_s)),
                                     QCryptographicHash::Sha256)
                .toHex());
        QCOMPARE(files->item(0, 2)->text(), chainHash);
        QVERIFY(files->item(1, 2)->text().contains(u"not shown"_s));
        QVERIFY(page->findChild<QLabel *>(u"applyCheck"_s)->text().contains(u"pass every check"_s));
        QVERIFY(page->findChild<QPushButton *>(u"applyRun"_s)->isEnabled());
        // No passwords: nothing starts.
        QVERIFY(!page->runReplacement());
        QVERIFY(page->findChild<QLabel *>(u"applyStatus"_s)->text().contains(u"password"_s));
    }

    void runAgainstSshd()
    {
        SshdFixture sshd;
        const SshdStart s = sshd.start();
        if (s.outcome == SshdStart::Outcome::Unavailable)
            QSKIP(qPrintable(s.why));
        QVERIFY2(s.started(), qPrintable(s.why));
        if (!sshd.hasPassword())
            QSKIP(qPrintable(u"The page logs in with a password: "_s + sshd.noPasswordReason()));
        const QString certManager =
            sshd.installScript(QFINDTESTDATA("../data/remote/certificate-manager-standin.sh"));
        QVERIFY(!certManager.isEmpty());
        const QString log = sshd.path(u"gui-certmanager.log"_s);
        {
            QFile f(log);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        QFile::setPermissions(log, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        QVERIFY(sshd.giveToUser(log));
        // The PSC's port 443: its old certificate until the stand-in replaces it.
        TlsListener served;
        const QString store = sshd.remoteDir() + u"/served"_s;
        QVERIFY2(served.start(m_certs->path(u"vmca.cer"_s), m_certs->path(u"vmca.key"_s), store),
                 qPrintable(served.lastError()));

        const QString project = m_work.filePath(u"live-project"_s);
        QVERIFY(writeSet(QDir(project).filePath(u"certs"_s)));
        MainWindow w;
        w.document()->setProjectFolder(project);
        w.runPanel()->setJournalPath(QDir(project).filePath(u"vlab-journal.json"_s));
        w.document()->edit([&](LabPlan &p) {
            for (PscNode &n : p.psc)
                n.ip = sshd.host();
        });
        ApplyCertificatesPage *page = open(w);
        QVERIFY(page);
        TrustClicker truster;
        truster.runPanel = w.runPanel();
        const QString ssoCanary = u"Canary-Sso-%1!"_s.arg(QRandomGenerator::global()->generate());
        auto *node = page->findChild<QComboBox *>(u"applyNode"_s);
        node->setCurrentIndex(node->findData(u"psc01"_s));
        page->findChild<QLineEdit *>(u"applyUser"_s)->setText(sshd.user());
        page->findChild<QLineEdit *>(u"applyPassword"_s)->setText(sshd.password());
        page->findChild<QLineEdit *>(u"applySsoPassword"_s)->setText(ssoCanary);
        page->findChild<QSpinBox *>(u"applySshPort"_s)->setValue(sshd.port());
        page->findChild<QSpinBox *>(u"applyTlsPort"_s)->setValue(served.port());
        page->findChild<QLineEdit *>(u"applyRemoteFolder"_s)->setText(sshd.remoteDir() + u"/gui-certs"_s);
        page->findChild<QLineEdit *>(u"applyCertManager"_s)
            ->setText(u"VLAB_STANDIN_MODE=success VLAB_STANDIN_LOG=%1 VLAB_STANDIN_STORE=%2 %3"_s.arg(
                log, store, certManager));

        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);
        const qsizetype approvalsBefore = m_approver.asked.size();
        const QString knownHosts = QDir(project).filePath(u"known_hosts"_s);
        auto *status = page->findChild<QLabel *>(u"applyStatus"_s);

        // The host key is unknown: the run panel asks before anything shows as failed, with the
        // fingerprint ssh-keygen -lf prints for the fixture's key. Escape declines.
        truster.answer = TrustClicker::Answer::Escape;
        QVERIFY(page->runReplacement());
        QVERIFY(done.wait(60000));
        QCOMPARE(done.takeFirst().first().toBool(), false);
        QCOMPARE(truster.shown.size(), 1);
        QCOMPARE(truster.unanswered, 0);
        const TrustClicker::Shown asked = truster.shown.constFirst();
        QCOMPARE(TrustClicker::compact(asked.fingerprint), sshd.hostKeyFingerprint());
        QCOMPARE(asked.host, u"Host: %1:%2"_s.arg(sshd.host(), QString::number(sshd.port())));
        QVERIFY2(asked.kind.startsWith(u"Kind: SSH host key"_s), qPrintable(asked.kind));
        QVERIFY2(asked.where.contains(u"ssh-keygen -lf /etc/ssh/ssh_host_"_s), qPrintable(asked.where));
        QVERIFY(asked.declineIsDefault && !asked.trustIsDefault);
        QVERIFY2(asked.panelTitle.startsWith(u"Waiting for your confirmation"_s),
                 qPrintable(asked.panelTitle));
        QVERIFY2(!asked.panelStates.contains(u"Failed"_s), qPrintable(asked.panelStates.join(u',')));
        QVERIFY2(status->text().startsWith(u"Not trusted"_s)
                     && status->text().contains(u"nothing was changed"_s),
                 qPrintable(status->text()));
        QVERIFY(!QString::fromUtf8(readAll(knownHosts)).contains(sshd.host()));
        QVERIFY(readAll(log).isEmpty()); // certificate-manager never ran

        // A click on "Trust": recorded, and the run goes on by itself to the end.
        truster.answer = TrustClicker::Answer::Trust;
        QVERIFY(page->runReplacement());
        QVERIFY(done.wait(150000));
        QCOMPARE(done.takeFirst().first().toBool(), true);
        QCOMPARE(truster.shown.size(), 2);
        QVERIFY2(!truster.shown.constLast().panelStates.contains(u"Failed"_s),
                 qPrintable(truster.shown.constLast().panelStates.join(u',')));
        QVERIFY(QString::fromUtf8(readAll(knownHosts))
                    .contains(u"[%1]:%2"_s.arg(sshd.host(), QString::number(sshd.port()))));
        for (const QPlainTextEdit *e : w.runPanel()->findChildren<QPlainTextEdit *>())
            QVERIFY2(!e->toPlainText().contains(u"--accept-host-key"_s), qPrintable(e->toPlainText()));
        QVERIFY2(status->text().contains(u"serves the new certificate"_s), qPrintable(status->text()));
        QVERIFY(served.handshakes() >= 1);
        QVERIFY(QString::fromUtf8(readAll(log)).contains(u"confirm=Y"_s));
        // The Y was approved up front, with the rest of the run: asked once per click (the
        // declined one, the confirmed one), not again after the host key was confirmed.
        QCOMPARE(m_approver.asked.size(), approvalsBefore + 2);
        const QString approved = m_approver.asked.constLast();
        QVERIFY2(approved.contains(u"\"Continue operation [Y/N]\" with Y"_s)
                     && approved.contains(sshd.remoteDir() + u"/gui-certs"_s),
                 qPrintable(approved));
        // ... and that nothing of it happens when psc01 serves the new certificate already.
        QVERIFY2(approved.contains(u"First look at the certificate served on %1:%2: when it is the new one "
                                   u"already, none of the following is done"_s.arg(
                                       sshd.host(), QString::number(served.port()))),
                 qPrintable(approved));

        // Run again: psc01 serves the new certificate now, so nothing is uploaded or run, and the
        // page and the run panel say it was already served (not "replaced", not "failed").
        const int handshakes = served.handshakes();
        QVERIFY(page->runReplacement());
        QVERIFY(done.wait(60000));
        QCOMPARE(done.takeFirst().first().toBool(), true);
        QCOMPARE(served.handshakes() - handshakes, 1);
        QCOMPARE(QString::fromUtf8(readAll(log)).count(u"confirm=Y"_s), 1);
        QVERIFY2(status->text().contains(u"psc01 served it already, so nothing was uploaded or run there"_s),
                 qPrintable(status->text()));
        QString panel;
        for (const QPlainTextEdit *e : w.runPanel()->findChildren<QPlainTextEdit *>())
            panel += e->toPlainText();
        QVERIFY2(panel.contains(u"Already served: psc01 serves the new certificate"_s), qPrintable(panel));

        // psc01 back to its old certificate, and certificate-manager fails and rolls back: the
        // page says where psc01 stands and how to go on here (Run) and on the command line.
        QDir(store).removeRecursively();
        page->findChild<QLineEdit *>(u"applyCertManager"_s)
            ->setText(u"VLAB_STANDIN_MODE=rollback VLAB_STANDIN_LOG=%1 VLAB_STANDIN_STORE=%2 %3"_s.arg(
                log, store, certManager));
        QVERIFY(page->runReplacement());
        QVERIFY(done.wait(60000));
        QCOMPARE(done.takeFirst().first().toBool(), false);
        QCOMPARE(QString::fromUtf8(readAll(log)).count(u"confirm=Y"_s), 2);
        QVERIFY2(status->text().startsWith(u"certificate-manager on psc01 failed"_s),
                 qPrintable(status->text()));
        QVERIFY2(
            status->text().contains(u"Where the PSCs stand now:\n  psc01: its previous certificate is in "
                                    u"place again"_s),
            qPrintable(status->text()));
        QVERIFY2(status->text().contains(
                     u"choose psc01 as the PSC on the Apply certificates page and press Run"_s),
                 qPrintable(status->text()));
        QVERIFY2(status->text().contains(u"vlab psc apply-cert"_s)
                     && status->text().contains(u"--node psc01"_s),
                 qPrintable(status->text()));

        // The passwords are nowhere: not in the run panel, the journal or the known hosts file.
        QString shown;
        for (const QPlainTextEdit *e : w.runPanel()->findChildren<QPlainTextEdit *>())
            shown += e->toPlainText();
        shown += QString::fromUtf8(readAll(QDir(project).filePath(u"vlab-journal.json"_s)));
        shown += QString::fromUtf8(readAll(QDir(project).filePath(u"known_hosts"_s)));
        QVERIFY(shown.contains(u"psc.cert.psc01"_s));
        QVERIFY(!shown.contains(ssoCanary));
        QVERIFY(!shown.contains(sshd.password()));
    }

    // The endpoint step: the commands from the engine's one place, shown per host with their
    // source, editable, run only after approval, with the SSO password typed at a prompt.
    void endpointStepAgainstSshd()
    {
        SshdFixture sshd;
        const SshdStart s = sshd.start();
        if (s.outcome == SshdStart::Outcome::Unavailable)
            QSKIP(qPrintable(s.why));
        QVERIFY2(s.started(), qPrintable(s.why));
        if (!sshd.hasPassword())
            QSKIP(qPrintable(u"The page logs in with a password: "_s + sshd.noPasswordReason()));
        const QString scripts =
            sshd.installScript(QFINDTESTDATA("../data/remote/psc-endpoint-scripts-standin.sh"));
        QVERIFY(!scripts.isEmpty());
        const QString log = sshd.path(u"gui-endpoints.log"_s);
        {
            QFile f(log);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        QFile::setPermissions(log, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        QVERIFY(sshd.giveToUser(log));

        const QString project = m_work.filePath(u"endpoint-project"_s);
        QVERIFY(QDir().mkpath(project));
        MainWindow w;
        w.document()->setProjectFolder(project);
        w.runPanel()->setJournalPath(QDir(project).filePath(u"vlab-journal.json"_s));
        w.document()->edit([&](LabPlan &p) {
            for (PscNode &n : p.psc)
                n.ip = sshd.host();
        });
        ApplyCertificatesPage *page = open(w);
        QVERIFY(page);
        // The defaults are shown per host, with the article to verify them against.
        auto *preview = page->findChild<QPlainTextEdit *>(u"endpointPreview"_s);
        QVERIFY(preview);
        // Plan values through shellQuote(), which leaves a plain name bare.
        QCOMPARE(preview->toPlainText().count(u"updateSSOConfig.py --lb-fqdn=vcenter-psc-lb.sslab.com"_s), 2);
        QVERIFY(preview->toPlainText().contains(u"UpdateLsEndpoint.py"_s));
        bool sourceShown = false;
        for (const QLabel *l : page->findChildren<QLabel *>())
            sourceShown = sourceShown || l->text().contains(u"KB 2147014"_s);
        QVERIFY(sourceShown);

        const QString ssoCanary = u"Canary-Sso-%1!"_s.arg(QRandomGenerator::global()->generate());
        page->findChild<QLineEdit *>(u"applyUser"_s)->setText(sshd.user());
        page->findChild<QLineEdit *>(u"applyPassword"_s)->setText(sshd.password());
        page->findChild<QLineEdit *>(u"applySsoPassword"_s)->setText(ssoCanary);
        page->findChild<QSpinBox *>(u"applySshPort"_s)->setValue(sshd.port());
        const QString run = u"VLAB_STANDIN_LOG=%1 sh %2 "_s.arg(log, scripts);
        page->findChild<QLineEdit *>(u"endpointEachPsc"_s)
            ->setText(run + u"updateSSOConfig --lb-fqdn={lb}"_s);
        page->findChild<QLineEdit *>(u"endpointFirstPsc"_s)
            ->setText(run + u"UpdateLsEndpoint --lb-fqdn={lb} --user={user} --password={password}"_s);
        TrustClicker truster; // clicks "Trust this host key"
        truster.runPanel = w.runPanel();

        // Declined: nothing runs.
        QStringList approvals;
        page->setEndpointApproval([&](const QString &what) {
            approvals << what;
            return false;
        });
        QVERIFY(!page->runEndpointUpdate());
        QCOMPARE(approvals.size(), 1);
        QVERIFY2(approvals.constFirst().contains(u"on psc02 as "_s)
                     && approvals.constFirst().contains(sshd.host()),
                 qPrintable(approvals.constFirst()));
        QVERIFY(readAll(log).isEmpty());

        // Approved: every PSC, then the first (the host key confirmed on the way, once).
        page->setEndpointApproval([&](const QString &what) {
            approvals << what;
            return true;
        });
        QSignalSpy done(w.runPanel(), &RunPanel::queueFinished);
        QVERIFY(page->runEndpointUpdate());
        QTRY_VERIFY_WITH_TIMEOUT(QString::fromUtf8(readAll(log)).count(u"script="_s) == 3, 90000);
        QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty() && done.constLast().first().toBool(), 30000);
        QCOMPARE(approvals.size(), 2); // asked once, not again after the host key
        QCOMPARE(truster.shown.size(), 1);
        QCOMPARE(TrustClicker::compact(truster.shown.constFirst().fingerprint), sshd.hostKeyFingerprint());
        const QString status = page->findChild<QLabel *>(u"applyStatus"_s)->text();
        QVERIFY2(status.contains(u"point at the load-balancer name"_s), qPrintable(status));
        QVERIFY(QString::fromUtf8(readAll(log)).contains(u"password-length=%1"_s.arg(ssoCanary.size())));
        QString shown;
        for (const QPlainTextEdit *e : w.runPanel()->findChildren<QPlainTextEdit *>())
            shown += e->toPlainText();
        shown += QString::fromUtf8(readAll(QDir(project).filePath(u"vlab-journal.json"_s)));
        QVERIFY(shown.contains(u"psc.endpoint.3.psc01"_s));
        QVERIFY(!shown.contains(ssoCanary));
        QVERIFY(!shown.contains(sshd.password()));
    }
};

QTEST_MAIN(TestApplyCertificatesPage)
#include "tst_applycertificatespage.moc"
