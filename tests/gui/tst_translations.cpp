// The Vietnamese catalogue: it is compiled in and loads; known texts of the wizard and the
// runbook translate; the wizard shows its pages in Vietnamese; both programs follow the
// system's language and obey --lang; and translations/vlab_vi.ts is complete: lupdate run
// over today's sources into a copy finds nothing new, unfinished or vanished, and every
// translation keeps its source's %1 / %n markers.

#include "core/tr.h"
#include "i18n/translations.h"
#include "mainwindow.h"
#include "pages/labplanpage.h"
#include "project/plandocument.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWizard>
#include <QWizardPage>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {
constexpr int kTimeoutMs = 60000;

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs a program with the language environment replaced by `languageEnv` (NAME=value).
Run run(const QString &program, const QStringList &args, const QStringList &languageEnv)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"})
        env.remove(QString::fromLatin1(name));
    for (const QString &pair : languageEnv)
        env.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    QProcess process;
    process.setProcessEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(program, args);
    Run result;
    if (!process.waitForFinished(kTimeoutMs) || process.exitStatus() != QProcess::NormalExit)
        return result;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString readUtf8(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// `root` with the value at `path` ("psc/1/ip": keys and array indexes) replaced by `value`.
QJsonValue replaced(const QJsonValue &root, QStringList path, const QJsonValue &value)
{
    if (path.isEmpty())
        return value;
    const QString step = path.takeFirst();
    if (root.isArray()) {
        QJsonArray array = root.toArray();
        const int i = step.toInt();
        array.replace(i, replaced(array.at(i), path, value));
        return array;
    }
    QJsonObject object = root.toObject();
    object.insert(step, replaced(object.value(step), path, value));
    return object;
}

QStringList markers(const QString &text)
{
    static const QRegularExpression marker(u"%(n|L?\\d+)"_s);
    QStringList found;
    for (auto it = marker.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    found.removeDuplicates();
    found.sort();
    return found;
}
} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void catalogueIsComplete();
    void wizardFollowsSystemLanguage_data();
    void wizardFollowsSystemLanguage();
    void langOptionOverridesSystem_data();
    void langOptionOverridesSystem();
    void cliRunbookInVietnamese();
    void cliValidateSpeaksOneLanguage_data();
    void cliValidateSpeaksOneLanguage();
    void unknownLanguageStaysEnglish();
    void catalogueLoads();
    void knownTexts_data();
    void knownTexts();
    void wizardPagesInVietnamese();
};

void TestTranslations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTranslations::catalogueIsComplete()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(u"vlab_vi.ts"_s);
    QVERIFY(QFile::copy(QStringLiteral(VLAB_SOURCE_DIR "/translations/vlab_vi.ts"), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

    // The same sources, include paths and options as the update_translations target, except
    // that texts no longer in the sources are kept (marked vanished) so that they are reported.
    QStringList args{u"-locations"_s, u"none"_s};
    for (const QString &include : QStringLiteral(VLAB_TRANSLATION_INCLUDES).split(u'|', Qt::SkipEmptyParts))
        args << u"-I"_s << include;
    args << QStringLiteral(VLAB_TRANSLATED_SOURCES).split(u'|', Qt::SkipEmptyParts);
    args << u"-ts"_s << copy;
    QProcess lupdate;
    lupdate.start(QStringLiteral(VLAB_LUPDATE_PATH), args);
    QVERIFY2(lupdate.waitForFinished(kTimeoutMs), qPrintable(lupdate.errorString()));
    QCOMPARE(lupdate.exitCode(), 0);

    QFile ts(copy);
    QVERIFY(ts.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&ts);
    QString context, source, translation;
    QStringList forms;
    QString type;
    QStringList problems;
    int messages = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == u"name"_s) {
                context = xml.readElementText();
            } else if (xml.name() == u"message"_s) {
                source.clear();
                forms.clear();
                translation.clear();
                type.clear();
            } else if (xml.name() == u"source"_s) {
                source = xml.readElementText();
            } else if (xml.name() == u"translation"_s) {
                type = xml.attributes().value(u"type"_s).toString();
                if (xml.attributes().value(u"type"_s).isEmpty()) {
                    // Either text or numerusform children: read the text of both kinds.
                    while (!(xml.isEndElement() && xml.name() == u"translation"_s) && !xml.atEnd()) {
                        xml.readNext();
                        if (xml.isStartElement() && xml.name() == u"numerusform"_s)
                            forms << xml.readElementText();
                        else if (xml.isCharacters())
                            translation += xml.text();
                    }
                }
            }
        } else if (xml.isEndElement() && xml.name() == u"message"_s) {
            ++messages;
            const QString where = u"%1: \"%2\""_s.arg(context, source.left(60));
            if (!type.isEmpty()) {
                problems << u"%1 is %2"_s.arg(where, type);
                continue;
            }
            if (forms.isEmpty())
                forms << translation.trimmed();
            for (const QString &form : std::as_const(forms)) {
                if (form.isEmpty())
                    problems << u"%1 has an empty translation"_s.arg(where);
                else if (markers(form) != markers(source))
                    problems << u"%1: the translation's markers %2 differ from %3"_s.arg(
                        where, markers(form).join(u','), markers(source).join(u','));
            }
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(messages > 250, qPrintable(u"only %1 messages"_s.arg(messages)));
    if (!problems.isEmpty()) {
        qWarning().noquote()
            << u"translations/vlab_vi.ts needs work: refresh it with `cmake --build build --target "
               u"update_translations`, then translate or fix:\n  "_s
                + problems.join(u"\n  "_s);
    }
    QVERIFY2(problems.isEmpty(),
             qPrintable(u"%1 untranslated, unfinished or vanished text(s)"_s.arg(problems.size())));
}

void TestTranslations::wizardFollowsSystemLanguage_data()
{
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("expected");
    QTest::newRow("LANG=vi_VN.UTF-8") << QStringList{u"LANG=vi_VN.UTF-8"_s} << u"Dựng một lab vSphere 6.7"_s;
    QTest::newRow("LC_ALL=vi_VN.UTF-8")
        << QStringList{u"LC_ALL=vi_VN.UTF-8"_s} << u"Dựng một lab vSphere 6.7"_s;
    QTest::newRow("LANG=C.UTF-8") << QStringList{u"LANG=C.UTF-8"_s} << u"Builds a highly available"_s;
    QTest::newRow("LANG=de_DE.UTF-8 (no catalogue)")
        << QStringList{u"LANG=de_DE.UTF-8"_s} << u"Builds a highly available"_s;
}

void TestTranslations::wizardFollowsSystemLanguage()
{
    QFETCH(QStringList, env);
    QFETCH(QString, expected);
    const Run help = run(QStringLiteral(VLAB_WIZARD_PATH), {u"--help"_s}, env);
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.contains(expected), qPrintable(help.out));
}

void TestTranslations::langOptionOverridesSystem_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("expected");
    QTest::newRow("--lang vi, system C") << QStringList{u"--lang"_s, u"vi"_s, u"--help"_s}
                                         << QStringList{u"LC_ALL=C.UTF-8"_s} << u"Ngôn ngữ hiển thị (vi)"_s;
    QTest::newRow("--lang=vi_VN, system C")
        << QStringList{u"--help"_s, u"--lang=vi_VN"_s} << QStringList{u"LC_ALL=C.UTF-8"_s}
        << u"Ngôn ngữ hiển thị (vi)"_s;
    QTest::newRow("--lang en, system vi")
        << QStringList{u"--lang"_s, u"en"_s, u"--help"_s} << QStringList{u"LANG=vi_VN.UTF-8"_s}
        << u"Language of the texts (vi)"_s;
}

void TestTranslations::langOptionOverridesSystem()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, env);
    QFETCH(QString, expected);
    const Run help = run(QStringLiteral(VLAB_WIZARD_PATH), args, env);
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.contains(expected), qPrintable(help.out + help.err));
}

void TestTranslations::cliRunbookInVietnamese()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString plan = QStringLiteral(VLAB_SOURCE_DIR "/resources/examples/sslab.vlab.json");
    const Run vi = run(QStringLiteral(VLAB_CLI_PATH),
                       {u"runbook"_s, plan, u"-o"_s, dir.filePath(u"vi.pdf"_s), u"--markdown"_s,
                        dir.filePath(u"vi.md"_s), u"--lang"_s, u"vi"_s},
                       {u"LC_ALL=C.UTF-8"_s});
    QVERIFY2(vi.exitCode == 0, qPrintable(vi.err));
    const QString markdown = readUtf8(dir.filePath(u"vi.md"_s));
    for (const QString &heading :
         {u"Sổ tay vận hành của lab sslab"_s, u"Kiểm tra trước"_s, u"Chứng chỉ của các PSC"_s,
          u"Cân bằng tải NetScaler"_s, u"Chẩn đoán TCP trên các PSC"_s})
        QVERIFY2(markdown.contains(heading), qPrintable(heading));
    QVERIFY(!markdown.contains(u"Certificate of the PSCs"_s));

    // The same verb under a Vietnamese system, and in English under C.
    const Run system = run(
        QStringLiteral(VLAB_CLI_PATH),
        {u"runbook"_s, plan, u"-o"_s, dir.filePath(u"sys.pdf"_s), u"--markdown"_s, dir.filePath(u"sys.md"_s)},
        {u"LANG=vi_VN.UTF-8"_s});
    QVERIFY2(system.exitCode == 0, qPrintable(system.err));
    QVERIFY(readUtf8(dir.filePath(u"sys.md"_s)).contains(u"Chứng chỉ của các PSC"_s));
    const Run english = run(
        QStringLiteral(VLAB_CLI_PATH),
        {u"runbook"_s, plan, u"-o"_s, dir.filePath(u"en.pdf"_s), u"--markdown"_s, dir.filePath(u"en.md"_s)},
        {u"LC_ALL=C.UTF-8"_s});
    QVERIFY2(english.exitCode == 0, qPrintable(english.err));
    QVERIFY(readUtf8(dir.filePath(u"en.md"_s)).contains(u"Certificate of the PSCs"_s));
}

// README "Language and installation": the plan's load errors are Vietnamese under --lang vi,
// all of them: the name of the wrong value's type too (issue #19, item 7: "cần một chuỗi,
// nhưng gặp a number").
void TestTranslations::cliValidateSpeaksOneLanguage_data()
{
    QTest::addColumn<QString>("path"); // in the example plan, "/"-separated
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("expected"); // in the Vietnamese output
    QTest::newRow("a number for a string")
        << u"psc/1/ip"_s << QJsonValue(5) << u"psc[1].ip: cần một chuỗi, nhưng gặp một số"_s;
    QTest::newRow("an object for a string")
        << u"lab/name"_s << QJsonValue(QJsonObject{}) << u"nhưng gặp một đối tượng"_s;
    QTest::newRow("an array for a string")
        << u"lab/name"_s << QJsonValue(QJsonArray{}) << u"nhưng gặp một mảng"_s;
    QTest::newRow("true/false for a string")
        << u"lab/name"_s << QJsonValue(true) << u"nhưng gặp giá trị true/false"_s;
    QTest::newRow("null for a string")
        << u"lab/name"_s << QJsonValue(QJsonValue::Null) << u"nhưng gặp giá trị null"_s;
    QTest::newRow("a string for an object") << u"lab"_s << QJsonValue(u"sslab"_s) << u"gặp một chuỗi"_s;
}

void TestTranslations::cliValidateSpeaksOneLanguage()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QJsonDocument example = QJsonDocument::fromJson(
        readUtf8(QStringLiteral(VLAB_SOURCE_DIR "/resources/examples/sslab.vlab.json")).toUtf8());
    QVERIFY(example.isObject());
    const QJsonValue broken = replaced(example.object(), path.split(u'/'), value);
    const QString plan = dir.filePath(u"lab.vlab.json"_s);
    QFile file(plan);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(broken.toObject()).toJson());
    file.close();

    const Run vi = run(QStringLiteral(VLAB_CLI_PATH), {u"--lang"_s, u"vi"_s, u"validate"_s, plan},
                       {u"LC_ALL=C.UTF-8"_s});
    QCOMPARE(vi.exitCode, 2);
    const QString text = vi.out + vi.err;
    QVERIFY2(text.contains(expected), qPrintable(text));
    for (const QString &english : {u"found"_s, u"expected"_s, u"a number"_s, u"a string"_s, u"an object"_s,
                                   u"an array"_s, u"nothing"_s})
        QVERIFY2(!text.contains(english), qPrintable(u"English \"%1\" in:\n%2"_s.arg(english, text)));
}

void TestTranslations::unknownLanguageStaysEnglish()
{
    const Run cli =
        run(QStringLiteral(VLAB_CLI_PATH), {u"--lang"_s, u"xx"_s, u"--version"_s}, {u"LC_ALL=C.UTF-8"_s});
    QCOMPARE(cli.exitCode, 0);
    QVERIFY2(cli.out.startsWith(u"vlab "_s), qPrintable(cli.out));
    QVERIFY2(cli.err.contains(u"there is no translation for \"xx\""_s), qPrintable(cli.err));

    const Run missing =
        run(QStringLiteral(VLAB_CLI_PATH), {u"--version"_s, u"--lang"_s}, {u"LC_ALL=C.UTF-8"_s});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(u"--lang needs a language"_s), qPrintable(missing.err));
}

// In-process from here on: the Vietnamese catalogue stays installed for the rest of the run.
void TestTranslations::catalogueLoads()
{
    QVERIFY(vlab::availableLanguages().contains(u"vi"_s));
    QCOMPARE(vlab::installTranslations(u"vi"_s), u"vi"_s);
}

void TestTranslations::knownTexts_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::newRow("Lab plan page title") << u"vlab::LabPlanPage"_s << u"Lab plan"_s << u"Kế hoạch lab"_s;
    // Alt+P: Alt+T is the wizard's Next (&Tiếp) in Vietnamese (tst_mnemonics).
    QTest::newRow("File menu") << u"vlab::MainWindow"_s << u"&File"_s << u"Tệ&p"_s;
    QTest::newRow("run panel state") << u"vlab::RunPanel"_s << u"Cancelled"_s << u"Đã hủy"_s;
    QTest::newRow("runbook chapter") << u"vlab"_s << u"Pre-checks"_s << u"Kiểm tra trước"_s;
    QTest::newRow("runbook title") << u"vlab"_s << u"Runbook of lab %1"_s << u"Sổ tay vận hành của lab %1"_s;
    QTest::newRow("plan finding") << u"vlab"_s << u"No NTP server is given."_s
                                  << u"Chưa có máy chủ NTP nào."_s;
}

void TestTranslations::knownTexts()
{
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QCOMPARE(QCoreApplication::translate(context.toUtf8().constData(), source.toUtf8().constData()),
             expected);
}

void TestTranslations::wizardPagesInVietnamese()
{
    vlab::MainWindow window;
    QWizard *wizard = window.wizard();
    QCOMPARE(wizard->page(wizard->pageIds().constFirst())->title(), u"Kế hoạch lab"_s);
    auto *steps = window.findChild<QListWidget *>(u"stepList"_s);
    QVERIFY(steps);
    QVERIFY2(steps->item(0)->text().contains(u"Kế hoạch lab"_s), qPrintable(steps->item(0)->text()));
    QVERIFY2(window.windowTitle().endsWith(u" - vLab Wizard"_s), qPrintable(window.windowTitle()));
    QCOMPARE(vlab::Tr::tr("Certificate of the PSCs"), u"Chứng chỉ của các PSC"_s);
    // The findings under the fields speak the same language as the page.
    window.document()->edit([](vlab::LabPlan &p) { p.vcenter.ip = u"192.168.1.300"_s; });
    auto *page = qobject_cast<vlab::LabPlanPage *>(window.stepPage(wizard->pageIds().constFirst()));
    QVERIFY(page && page->showField(u"vcenter.ip"_s));
    auto *finding = window.findChild<QLabel *>(u"finding:vcenter.ip"_s);
    QVERIFY(finding);
    QVERIFY2(finding->text().contains(u"không phải là địa chỉ IPv4"_s), qPrintable(finding->text()));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
