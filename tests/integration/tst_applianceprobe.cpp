// The look at an appliance whose install was cut off (ApplianceProbeJob), against real peers:
// TLS listeners on loopback serving certificates the openssl command makes for the appliance's
// name or another one, a port where nothing listens, and an installer process still running
// (a script started from the installer's path, its template naming the appliance).

#include "tlslistener.h"
#include "vsphere/applianceprobejob.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestApplianceProbe : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // A self-signed certificate and RSA key (what TlsListener serves) for `name` (CN and DNS SAN),
    // as a path without the .cer/.key ending; empty when openssl failed.
    QString makeCertificate(const QString &name)
    {
        QProcess openssl;
        openssl.start(u"openssl"_s,
                      {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-days"_s, u"2"_s,
                       u"-subj"_s, u"/CN="_s + name, u"-addext"_s, u"subjectAltName=DNS:"_s + name,
                       u"-keyout"_s, m_dir.filePath(name + u".key"_s), u"-out"_s,
                       m_dir.filePath(name + u".cer"_s)});
        if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
            return {};
        return m_dir.filePath(name);
    }

    static ApplianceProbeRequest request(quint16 port)
    {
        ApplianceProbeRequest r;
        r.installer = u"/nonexistent/vcsa-deploy"_s;
        r.name = u"psc01"_s;
        r.fqdn = u"psc01.test.lab"_s;
        r.ip = u"127.0.0.1"_s;
        r.host = u"esxi01.test.lab"_s;
        r.port = port;
        return r;
    }

    static OutcomeCheck look(const ApplianceProbeRequest &r)
    {
        ApplianceProbeJob job(r);
        QSignalSpy done(&job, &Job::finished);
        job.start();
        if (!done.wait(30000) || job.state() != Job::State::Succeeded)
            return {OutcomeCheck::Verdict::Unknown, u"the look did not finish"_s, false};
        return job.outcome();
    }

private Q_SLOTS:
    void answersAsItself()
    {
        const QString cert = makeCertificate(u"psc01.test.lab"_s);
        QVERIFY2(!cert.isEmpty(), "openssl could not make a certificate");
        TlsListener listener;
        QVERIFY2(listener.start(cert + u".cer"_s, cert + u".key"_s), qPrintable(listener.lastError()));
        const OutcomeCheck check = look(request(listener.port()));
        QCOMPARE(check.verdict, OutcomeCheck::Verdict::Present);
        QVERIFY(!check.repeatable); // installing again would make a second appliance
        QVERIFY2(check.fact.contains(
                     u"psc01.test.lab (127.0.0.1) answers on port %1 with a certificate issued to it"_s.arg(
                         listener.port())),
                 qPrintable(check.fact));
        QVERIFY(listener.handshakes() > 0);
    }

    void somethingElseAnswers()
    {
        const QString cert = makeCertificate(u"other.test.lab"_s);
        QVERIFY2(!cert.isEmpty(), "openssl could not make a certificate");
        TlsListener listener;
        QVERIFY2(listener.start(cert + u".cer"_s, cert + u".key"_s), qPrintable(listener.lastError()));
        const OutcomeCheck check = look(request(listener.port()));
        QCOMPARE(check.verdict, OutcomeCheck::Verdict::Absent);
        QVERIFY2(check.fact.contains(u"with a certificate for other.test.lab, not for psc01.test.lab"_s),
                 qPrintable(check.fact));
        QVERIFY2(check.fact.contains(u"a half-made appliance \"psc01\" may be on esxi01.test.lab"_s),
                 qPrintable(check.fact));
    }

    void nothingAnswers()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost));
        const quint16 port = taken.serverPort();
        taken.close(); // nothing listens there now: refused at once
        const OutcomeCheck check = look(request(port));
        QCOMPARE(check.verdict, OutcomeCheck::Verdict::Absent);
        QVERIFY2(check.fact.contains(u"psc01.test.lab (127.0.0.1) does not answer on port %1"_s.arg(port)),
                 qPrintable(check.fact));
        QVERIFY2(check.fact.contains(u"delete it before you install again"_s), qPrintable(check.fact));
    }

    // An installer of the cut-off run that still runs: the look says so before connecting; one
    // making another appliance is not this one's business.
    void installerStillRuns()
    {
        const QString installer = m_dir.filePath(u"vcsa-deploy"_s);
        QFile script(installer);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(
            "#!/bin/sh\n# stands for an installer still at work: it waits until it is stopped\nread line\n");
        script.close();
        QVERIFY(script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        auto writeTemplate = [this](const QString &fqdn) {
            const QString path = m_dir.filePath(fqdn + u".json"_s);
            QFile t(path);
            if (t.open(QIODevice::WriteOnly))
                t.write(u"{\"new_vcsa\": {\"network\": {\"system_name\": \"%1\"}}}"_s.arg(fqdn).toUtf8());
            return path;
        };
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost));
        ApplianceProbeRequest r = request(taken.serverPort());
        taken.close();
        r.installer = installer;

        // Making another appliance: not Busy (the look goes on to the network).
        QProcess other;
        other.start(installer, {u"install"_s, u"--terse"_s, writeTemplate(u"other.test.lab"_s)});
        QVERIFY(other.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(runningInstallers(installer).size(), 1, 10000);
        QCOMPARE(runningInstallers(installer).constFirst().fqdn, u"other.test.lab"_s);
        QCOMPARE(look(r).verdict, OutcomeCheck::Verdict::Absent);

        QProcess same;
        same.start(installer, {u"install"_s, u"--terse"_s, writeTemplate(u"psc01.test.lab"_s)});
        QVERIFY(same.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(runningInstallers(installer).size(), 2, 10000);
        const OutcomeCheck check = look(r);
        QCOMPARE(check.verdict, OutcomeCheck::Verdict::Busy);
        QVERIFY2(check.fact.contains(
                     u"The installer still runs on this machine (process %1), for psc01.test.lab"_s.arg(
                         same.processId())),
                 qPrintable(check.fact));

        same.closeWriteChannel(); // `read` ends: the installer is gone
        other.closeWriteChannel();
        QVERIFY(same.waitForFinished() && other.waitForFinished());
        QVERIFY(runningInstallers(installer).isEmpty());
        QCOMPARE(look(r).verdict, OutcomeCheck::Verdict::Absent);
    }
};

QTEST_GUILESS_MAIN(TestApplianceProbe)
#include "tst_applianceprobe.moc"
