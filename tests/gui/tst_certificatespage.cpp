// The Certificates page as a user drives it (offscreen): the request config follows the plan,
// Generate writes the key (0600) and CSR, VMCA signing and an external CA's files dropped in
// any order end in a verification checklist. `openssl` makes the test CAs.

#include "mainwindow.h"
#include "pages/certificatespage.h"
#include "project/plandocument.h"
#include "runpanel.h"

#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUrl>
#include <QWizard>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestCertificatesPage : public QObject
{
    Q_OBJECT

    bool openssl(const QStringList &args, const QString &dir)
    {
        QProcess p;
        p.setWorkingDirectory(dir);
        p.start(u"openssl"_s, args);
        if (!p.waitForFinished(60000) || p.exitCode() != 0) {
            qWarning("openssl %s: %s", qPrintable(args.join(u' ')), p.readAllStandardError().constData());
            return false;
        }
        return true;
    }

    struct Fixture
    {
        QTemporaryDir dir;
        MainWindow window;
        CertificatesPage *page = nullptr;
    };

    // A window on the Certificates page with the project folder in a temporary directory.
    bool open(Fixture &f)
    {
        if (!f.dir.isValid())
            return false;
        f.window.document()->setProjectFolder(f.dir.filePath(u"project"_s));
        f.window.show();
        if (!QTest::qWaitForWindowExposed(&f.window))
            return false;
        while (f.window.wizard()->currentPage()->objectName() != u"page:certificates"_s) {
            const int before = f.window.wizard()->currentId();
            f.window.wizard()->next();
            if (f.window.wizard()->currentId() == before)
                return false;
        }
        f.page = qobject_cast<CertificatesPage *>(f.window.currentStepPage());
        return f.page != nullptr;
    }

    bool clickAndWait(Fixture &f, const QString &button, bool expectSuccess)
    {
        QSignalSpy done(f.window.runPanel(), &RunPanel::queueFinished);
        auto *b = f.page->findChild<QPushButton *>(button);
        if (!b || !b->isEnabled())
            return false;
        b->click();
        if (!done.wait(60000))
            return false;
        return done.first().first().toBool() == expectSuccess;
    }

    QStringList checkIds(Fixture &f, bool passed)
    {
        QStringList ids;
        auto *tree = f.page->findChild<QTreeWidget *>(u"certChecks"_s);
        for (int i = 0; tree && i < tree->topLevelItemCount(); ++i) {
            if (tree->topLevelItem(i)->data(0, Qt::UserRole + 1).toBool() == passed)
                ids << tree->topLevelItem(i)->data(0, Qt::UserRole).toString();
        }
        return ids;
    }

    void drop(Fixture &f, const QStringList &files)
    {
        auto *mime = new QMimeData;
        QList<QUrl> urls;
        for (const QString &file : files)
            urls << QUrl::fromLocalFile(file);
        mime->setUrls(urls);
        const QPoint at = f.page->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(f.page, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent dropEvent(QPointF(at), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(f.page, &dropEvent);
        delete mime;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void configFollowsThePlan()
    {
        Fixture f;
        QVERIFY(open(f));
        auto *config = f.page->findChild<QPlainTextEdit *>(u"requestConfig"_s);
        QVERIFY(config->toPlainText().contains(
            u"subjectAltName = DNS:vcenter-psc01.sslab.com, DNS:vcenter-psc02.sslab.com, DNS:vcenter-psc-lb.sslab.com"_s));
        f.window.document()->edit([](LabPlan &p) { p.certificate.san << u"extra.sslab.com"_s; });
        QVERIFY(config->toPlainText().contains(u"DNS:extra.sslab.com"_s));
        f.window.document()->edit([](LabPlan &p) { p.certificate.keyBits = 1000; });
        QVERIFY(config->toPlainText().contains(u"cannot make a request"_s));
        QVERIFY(!f.page->findChild<QPushButton *>(u"generateCsr"_s)->isEnabled());
    }

    void vmcaSigningEndsInACleanChecklist()
    {
        Fixture f;
        QVERIFY(open(f));
        QVERIFY(clickAndWait(f, u"generateCsr"_s, true));
        const QString certs = f.page->certFolder();
        QVERIFY(QFile::exists(certs + u"/psc-ha-vip.csr"_s));
        QCOMPARE(QFile::permissions(certs + u"/psc-ha-vip.key"_s) & ~(QFile::ReadUser | QFile::WriteUser),
                 QFile::ReadOwner | QFile::WriteOwner);
        QVERIFY(f.page->findChild<QPlainTextEdit *>(u"csrText"_s)
                    ->toPlainText()
                    .startsWith(u"-----BEGIN CERTIFICATE REQUEST-----"_s));

        QVERIFY(openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                         u"privatekey.pem"_s, u"-out"_s, u"root.cer"_s, u"-days"_s, u"365"_s, u"-subj"_s,
                         u"/CN=CA/DC=vsphere/DC=local"_s},
                        f.dir.path()));
        f.page->findChild<QLineEdit *>(u"vmcaRootCert"_s)->setText(f.dir.filePath(u"root.cer"_s));
        f.page->findChild<QLineEdit *>(u"vmcaRootKey"_s)->setText(f.dir.filePath(u"privatekey.pem"_s));
        QVERIFY(clickAndWait(f, u"signVmca"_s, true));
        QVERIFY(checkIds(f, false).isEmpty());
        QVERIFY(checkIds(f, true).contains(u"chain-trust"_s));
        QVERIFY(checkIds(f, true).contains(u"san"_s));
        QVERIFY(f.page->findChild<QLabel *>(u"certVerdict"_s)->text().contains(u"Ready"_s));
        for (const char *file : {"psc-ha-vip.crt", "psc-ha-vip-chain.crt", "cachain.crt"})
            QVERIFY2(QFile::exists(certs + u'/' + QLatin1StringView(file)), file);
        // For the README: VLAB_SCREENSHOT_DIR=DIR renders this state to DIR/certificates.png.
        if (const QString shots = qEnvironmentVariable("VLAB_SCREENSHOT_DIR"); !shots.isEmpty()) {
            f.window.resize(1180, 1000);
            auto *scroll = f.page->findChild<QScrollArea *>();
            QTRY_VERIFY(scroll != nullptr);
            scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
            QVERIFY(f.window.grab().save(shots + u"/certificates.png"_s));
        }
    }

    void externalCaFilesInAnyOrder()
    {
        Fixture f;
        QVERIFY(open(f));
        auto radios = f.page->findChildren<QRadioButton *>();
        QCOMPARE(radios.size(), 2);
        radios.at(1)->click();
        QCOMPARE(f.window.document()->plan().certificate.signer, u"external"_s);
        QVERIFY(clickAndWait(f, u"generateCsr"_s, true));
        const QString certs = f.page->certFolder();
        // An external root and intermediate sign the CSR the page made.
        const QString d = f.dir.path();
        QVERIFY(openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                         u"root.key"_s, u"-out"_s, u"root.pem"_s, u"-days"_s, u"365"_s, u"-subj"_s,
                         u"/CN=Lab Root"_s},
                        d));
        QFile ext(f.dir.filePath(u"ca.ext"_s));
        QVERIFY(ext.open(QIODevice::WriteOnly));
        ext.write("[ca]\nbasicConstraints=critical,CA:true\nkeyUsage=keyCertSign,cRLSign\n"
                  "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        ext.close();
        QVERIFY(openssl({u"req"_s, u"-new"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                         u"int.key"_s, u"-out"_s, u"int.csr"_s, u"-subj"_s, u"/CN=Lab Issuing CA"_s},
                        d));
        QVERIFY(openssl({u"x509"_s, u"-req"_s, u"-in"_s, u"int.csr"_s, u"-CA"_s, u"root.pem"_s, u"-CAkey"_s,
                         u"root.key"_s, u"-CAcreateserial"_s, u"-days"_s, u"365"_s, u"-extfile"_s,
                         u"ca.ext"_s, u"-extensions"_s, u"ca"_s, u"-out"_s, u"int.pem"_s},
                        d));
        QVERIFY(
            openssl({u"x509"_s, u"-req"_s, u"-in"_s, certs + u"/psc-ha-vip.csr"_s, u"-CA"_s, u"int.pem"_s,
                     u"-CAkey"_s, u"int.key"_s, u"-CAcreateserial"_s, u"-days"_s, u"365"_s,
                     u"-copy_extensions"_s, u"copy"_s, u"-outform"_s, u"DER"_s, u"-out"_s, u"signed.der"_s},
                    d));
        // Dropped root first, leaf in the middle: the page and engine find the order.
        drop(f,
             {f.dir.filePath(u"root.pem"_s), f.dir.filePath(u"signed.der"_s), f.dir.filePath(u"int.pem"_s)});
        QCOMPARE(f.page->findChild<QListWidget *>(u"returnedFiles"_s)->count(), 3);
        QVERIFY(clickAndWait(f, u"buildChain"_s, true));
        QVERIFY2(checkIds(f, false).isEmpty(), qPrintable(checkIds(f, false).join(u' ')));
        // The chain file reads leaf, intermediate, root.
        QFile chain(certs + u"/psc-ha-vip-chain.crt"_s);
        QVERIFY(chain.open(QIODevice::ReadOnly));
        QCOMPARE(chain.readAll().count("-----BEGIN CERTIFICATE-----"), 3);
    }

    void aLeafMissingAPscIsNotReady()
    {
        Fixture f;
        QVERIFY(open(f));
        f.window.document()->edit([](LabPlan &p) { p.certificate.signer = u"external"_s; });
        QVERIFY(clickAndWait(f, u"generateCsr"_s, true));
        const QString d = f.dir.path();
        // A CA that ignores the request's names and issues for psc01 only.
        QVERIFY(openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                         u"root.key"_s, u"-out"_s, u"root.pem"_s, u"-days"_s, u"365"_s, u"-subj"_s,
                         u"/CN=Lab Root"_s},
                        d));
        QFile ext(f.dir.filePath(u"leaf.ext"_s));
        QVERIFY(ext.open(QIODevice::WriteOnly));
        ext.write("[leaf]\nbasicConstraints=CA:false\nkeyUsage=digitalSignature,keyEncipherment\n"
                  "subjectAltName=DNS:vcenter-psc01.sslab.com,DNS:vcenter-psc-lb.sslab.com\n");
        ext.close();
        QVERIFY(
            openssl({u"x509"_s, u"-req"_s, u"-in"_s, f.page->certFolder() + u"/psc-ha-vip.csr"_s, u"-CA"_s,
                     u"root.pem"_s, u"-CAkey"_s, u"root.key"_s, u"-CAcreateserial"_s, u"-days"_s, u"365"_s,
                     u"-extfile"_s, u"leaf.ext"_s, u"-extensions"_s, u"leaf"_s, u"-out"_s, u"leaf.pem"_s},
                    d));
        drop(f, {f.dir.filePath(u"leaf.pem"_s), f.dir.filePath(u"root.pem"_s)});
        QVERIFY(clickAndWait(f, u"buildChain"_s, false)); // verification fails the queue
        QCOMPARE(checkIds(f, false), QStringList{u"san"_s});
        auto *tree = f.page->findChild<QTreeWidget *>(u"certChecks"_s);
        bool named = false;
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            named = named || tree->topLevelItem(i)->text(1).contains(u"vcenter-psc02.sslab.com"_s);
        QVERIFY(named);
        QVERIFY(f.page->findChild<QLabel *>(u"certVerdict"_s)->text().contains(u"Not ready"_s));
    }
};

QTEST_MAIN(TestCertificatesPage)
#include "tst_certificatespage.moc"
