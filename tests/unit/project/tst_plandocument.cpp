// PlanDocument: edits re-validate, and an unsaved plan survives a crash via the recovery file.

#include "plan/planjson.h"
#include "project/plandocument.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestPlanDocument : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void editRevalidatesAndMarksModified()
    {
        PlanDocument doc;
        doc.loadExample();
        QVERIFY(!doc.hasErrors());
        QVERIFY(!doc.isModified());
        QSignalSpy findings(&doc, &PlanDocument::findingsChanged);
        QSignalSpy changed(&doc, &PlanDocument::planChanged);
        doc.edit([](LabPlan &p) { p.vcenter.ip = u"999.1.1.1"_s; });
        QCOMPARE(changed.size(), 1);
        QCOMPARE(findings.size(), 1);
        QVERIFY(doc.hasErrors());
        QVERIFY(doc.isModified());
        QCOMPARE(doc.findingsFor(u"vcenter.ip"_s).size(), 1);
        QVERIFY(doc.findingsFor(u"vcenter"_s).isEmpty());
        QCOMPARE(doc.findingsFor(u"vcenter"_s, true).size(), 1);
        doc.edit([](LabPlan &) {}); // no change, no signal
        QCOMPARE(changed.size(), 1);
    }

    // An unsaved plan's project folder is named after the lab, and the lab name is plan data:
    // "../../.ssh" must stay one folder name under ~/Documents/vlab.
    void labNameNeverChoosesAnotherFolder()
    {
        PlanDocument doc;
        doc.loadExample();
        doc.edit([](LabPlan &p) { p.lab.name = u"../../.ssh"_s; });
        const QString folder = doc.projectFolder();
        const QString base =
            QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(u"vlab"_s);
        QCOMPARE(QFileInfo(folder).absolutePath(), base);
        QVERIFY(!QFileInfo(folder).fileName().startsWith(u'.'));
        QVERIFY(!folder.contains(u"/.."_s));
    }

    void fixtureWithErrorsNamesEachField()
    {
        PlanDocument doc;
        QVERIFY(doc.load(QStringLiteral(VLAB_TEST_DATA_DIR "/errors.vlab.json")));
        QStringList paths;
        for (const Finding &f : doc.findings()) {
            if (f.severity == Severity::Error)
                paths << f.path;
        }
        paths.sort();
        QCOMPARE(paths, QStringList({u"certificate.keyBits"_s, u"psc[1].ip"_s, u"vcenter.ip"_s}));
        QVERIFY(!doc.isModified());
    }

    void unsavedEditsSurviveACrash()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString planFile = dir.filePath(u"lab.vlab.json"_s);
        const QString recovery = dir.filePath(u"state/recovery.json"_s);
        QVERIFY(savePlanFile(examplePlan(), planFile));

        LabPlan edited;
        {
            PlanDocument doc;
            doc.setRecoveryFile(recovery, 0);
            QVERIFY(doc.load(planFile));
            doc.edit([](LabPlan &p) { p.lab.name = u"edited"_s; });
            edited = doc.plan();
            QTRY_VERIFY(QFile::exists(recovery)); // written on the event loop after the edit
            QCOMPARE(QFile(recovery).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                     QFileDevice::Permissions());
            // The document goes away without saving, as in a crash.
        }
        PlanDocument restored;
        restored.setRecoveryFile(recovery, 0);
        QVERIFY(restored.hasRecovery());
        QVERIFY(restored.restoreRecovery());
        QCOMPARE(restored.plan(), edited);
        QVERIFY(restored.isModified());
        QCOMPARE(restored.fileName(), planFile);
        // Saving clears the recovery file, and the plan file now holds the edit.
        QVERIFY(restored.saveAs(restored.fileName()));
        QVERIFY(!QFile::exists(recovery));
        QCOMPARE(loadPlanFile(planFile).value(), edited);
    }

    void discardRemovesRecovery()
    {
        QTemporaryDir dir;
        const QString recovery = dir.filePath(u"recovery.json"_s);
        PlanDocument doc;
        doc.setRecoveryFile(recovery, 0);
        doc.loadExample();
        doc.edit([](LabPlan &p) { p.vds.mtu = 1500; });
        doc.writeRecoveryNow();
        QVERIFY(QFile::exists(recovery));
        doc.discardRecovery();
        QVERIFY(!doc.hasRecovery());
    }

    void corruptRecoveryIsAnErrorNotACrash()
    {
        QTemporaryDir dir;
        const QString recovery = dir.filePath(u"recovery.json"_s);
        QFile f(recovery);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\x01\x02garbage");
        f.close();
        PlanDocument doc;
        doc.setRecoveryFile(recovery);
        doc.loadExample();
        QVERIFY(!doc.restoreRecovery());
        QCOMPARE(doc.plan(), examplePlan());
    }
};

QTEST_GUILESS_MAIN(TestPlanDocument)
#include "tst_plandocument.moc"
