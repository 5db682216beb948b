// The runbook: every chapter with its files and commands, in Markdown and in a PDF whose text
// `pdftotext` reads back (searchable, no ligatures), pre-check results when saved, and no
// secret anywhere.

#include "audit/auditresult.h"
#include "plan/planjson.h"
#include "runbook/runbook.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {
const QStringList kChapters = {u"The lab"_s,
                               u"Pre-checks"_s,
                               u"Platform Services Controllers"_s,
                               u"Certificate of the PSCs"_s,
                               u"NetScaler load balancing"_s,
                               u"vCenter Server"_s,
                               u"vCenter High Availability"_s,
                               u"Distributed Switch"_s,
                               u"TCP diagnostics on the PSCs"_s};

QString runTool(const QString &program, const QStringList &args, bool *ok)
{
    QProcess p;
    p.start(program, args);
    *ok = p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    return QString::fromUtf8(p.readAllStandardOutput());
}

// Any "password": "value" whose value is not one of our placeholders.
bool hasRealPassword(const QString &text)
{
    static const QRegularExpression re(u"\"password\"\\s*:\\s*\"([^\"]*)\""_s);
    for (auto it = re.globalMatch(text); it.hasNext();) {
        if (!it.next().captured(1).startsWith(u"<VLAB_"_s))
            return true;
    }
    return false;
}
} // namespace

class TestRunbook : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void markdownHasEveryChapterFileAndCommand()
    {
        const QString md = QString::fromUtf8(runbookToMarkdown(buildRunbook(examplePlan())));
        for (qsizetype i = 0; i < kChapters.size(); ++i)
            QVERIFY2(md.contains(u"## %1. %2"_s.arg(QString::number(i + 1), kChapters.at(i))),
                     qPrintable(kChapters.at(i)));
        QVERIFY(md.contains(u"![Topology](topology.png)"_s));
        QVERIFY(md.contains(u"`psc_ha_csr_cfg.cfg`:"_s));
        QVERIFY(md.contains(
            u"subjectAltName = DNS:vcenter-psc01.sslab.com, DNS:vcenter-psc02.sslab.com, DNS:vcenter-psc-lb.sslab.com"_s));
        QVERIFY(md.contains(u"add lb vserver psc-vs-443 TCP 192.168.1.210 443"_s));
        QVERIFY(md.contains(u"batch -fileName /var/tmp/psc-lb.conf"_s));
        QVERIFY(md.contains(u"\"replication_partner_hostname\": \"vcenter-psc01.sslab.com\""_s));
        QVERIFY(md.contains(u"govc dvs.create"_s));
        QVERIFY(md.contains(u"- [ ] Certificate applied on vcenter-psc02.sslab.com"_s));
        QVERIFY(!md.contains(u"PRIVATE KEY"_s));
        QVERIFY(!hasRealPassword(md));
        QVERIFY(md.contains(u"<VLAB_SSO_PASSWORD>"_s));
    }

    // The by-hand installer commands verify the target's certificate; skipping that is shown
    // as an option with its risk, never part of the command to copy.
    void byHandInstallVerifiesCertificates()
    {
        const QString md = QString::fromUtf8(runbookToMarkdown(buildRunbook(examplePlan())));
        static const QRegularExpression install(u"^.*vcsa-cli-installer/lin64/vcsa-deploy install .*$"_s,
                                                QRegularExpression::MultilineOption);
        int commands = 0;
        for (auto it = install.globalMatch(md); it.hasNext();) {
            const QString line = it.next().captured(0);
            ++commands;
            QVERIFY2(!line.contains(u"--no-ssl-certificate-verification"_s), qPrintable(line));
            QVERIFY2(line.contains(u"--accept-eula --acknowledge-ceip"_s), qPrintable(line));
        }
        QCOMPARE(commands, 3); // PSC 1, PSC 2, vCenter
        QVERIFY(md.contains(u"add --no-ssl-certificate-verification to the command"_s));
        QVERIFY(md.contains(u"thumbprint"_s));
    }

    void precheckResultsReplaceTheSignOff()
    {
        const QJsonObject results{{u"time"_s, u"2026-11-25T10:00:00Z"_s},
                                  {u"checks"_s, 2},
                                  {u"failed"_s, 1},
                                  {u"warnings"_s, 0},
                                  {u"results"_s,
                                   QJsonArray{QJsonObject{{u"status"_s, u"fail"_s},
                                                          {u"node"_s, u"vCenter vcenter-vc01"_s},
                                                          {u"target"_s, u"192.168.1.213 (PTR)"_s},
                                                          {u"message"_s, u"no reverse record"_s}},
                                              QJsonObject{{u"status"_s, u"pass"_s},
                                                          {u"node"_s, u"NTP"_s},
                                                          {u"target"_s, u"192.168.1.10"_s},
                                                          {u"message"_s, u"stratum 2"_s}}}}};
        const QString md = QString::fromUtf8(
            runbookToMarkdown(buildRunbook(examplePlan(), QJsonDocument(results).toJson())));
        QVERIFY(md.contains(u"2 checks, 1 failed"_s));
        QVERIFY(md.contains(u"| FAIL | vCenter vcenter-vc01 | 192.168.1.213 (PTR) | no reverse record |"_s));
        const QString without = QString::fromUtf8(runbookToMarkdown(buildRunbook(examplePlan())));
        QVERIFY(without.contains(u"nslookup vcenter-vc01.sslab.com 192.168.1.10"_s));
    }

    // The "As built" chapter from the record `vlab audit` keeps: the date, the summary and
    // every check with area, target, status, expected, found and message, in the PDF's text.
    void auditRecordAddsTheAsBuiltChapter()
    {
        const QJsonObject check{{u"area"_s, u"psc"_s},
                                {u"target"_s, u"vcenter-psc02.sslab.com (SSO site)"_s},
                                {u"status"_s, u"drift"_s},
                                {u"expected"_s, u"SSLAB-Site1"_s},
                                {u"found"_s, u"DefaultFirstSite"_s},
                                {u"message"_s, u"vcenter-psc02 is in another site"_s},
                                {u"hint"_s, u"reinstall"_s}};
        const QJsonObject ok{{u"area"_s, u"dns"_s},
                             {u"target"_s, u"vcenter-psc01.sslab.com (A)"_s},
                             {u"status"_s, u"ok"_s},
                             {u"expected"_s, u"192.168.1.211"_s},
                             {u"found"_s, u"192.168.1.211"_s},
                             {u"message"_s, u"resolves as planned"_s},
                             {u"hint"_s, u""_s}};
        const QJsonObject record{
            {u"time"_s, u"2026-12-07T15:00:00Z"_s},
            {u"areas"_s, QJsonArray{u"dns"_s, u"psc"_s}},
            {u"checks"_s, QJsonArray{ok, check}},
            {u"summary"_s,
             QJsonObject{{u"ok"_s, 1}, {u"drift"_s, 1}, {u"unreachable"_s, 0}, {u"skipped"_s, 0}}}};
        Runbook rb = buildRunbook(examplePlan());
        const qsizetype chapters = rb.chapters.size();
        QVERIFY(!addAuditChapter(rb, QByteArray()));
        QVERIFY(!addAuditChapter(rb, "{\"results\": []}"));
        QCOMPARE(rb.chapters.size(), chapters);
        QVERIFY(addAuditChapter(rb, QJsonDocument(record).toJson()));
        QCOMPARE(rb.chapters.size(), chapters + 1);
        QCOMPARE(rb.chapters.constLast().id, u"asbuilt"_s);

        const QString md = QString::fromUtf8(runbookToMarkdown(rb));
        QVERIFY2(
            md.contains(u"Audited on 2026-12-07T15:00:00Z (areas: dns, psc): 1 ok, 1 drift, 0 unreachable, "
                        u"0 skipped."_s),
            qPrintable(md));
        QVERIFY2(
            md.contains(u"| DRIFT | psc, vcenter-psc02.sslab.com (SSO site): expected SSLAB-Site1, found "
                        u"DefaultFirstSite. vcenter-psc02 is in another site |"_s),
            qPrintable(md));
        QVERIFY2(md.contains(u"| ok | dns, vcenter-psc01.sslab.com (A): expected 192.168.1.211, found "
                             u"192.168.1.211. resolves as planned |"_s),
                 qPrintable(md));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString pdf = dir.filePath(u"runbook.pdf"_s);
        QVERIFY(writeRunbookPdf(rb, pdf).ok());
        bool ok2 = false;
        const QString text = runTool(u"pdftotext"_s, {pdf, u"-"_s}, &ok2);
        QVERIFY2(ok2, "pdftotext failed (poppler-utils installed?)");
        // Table cells may wrap: compare the words, whatever the line breaks between them (no
        // hyphen where a line may break: pdftotext drops a hyphen that ends a line).
        const QString words = text.simplified();
        QVERIFY2(words.contains(u"As built"_s), qPrintable(text));
        QVERIFY2(words.contains(u"Audited on 2026-12-07T15:00:00Z"_s), qPrintable(text));
        QVERIFY2(words.contains(u"DRIFT psc, vcenter-psc02.sslab.com (SSO site): expected SSLAB-Site1, found "
                                u"DefaultFirstSite. vcenter-psc02 is in another site"_s),
                 qPrintable(text));
        QVERIFY2(words.contains(u"ok dns, vcenter-psc01.sslab.com (A): expected 192.168.1.211, found "
                                u"192.168.1.211. resolves as planned"_s),
                 qPrintable(text));
    }

    // `vlab audit --only` merges per area (mergeAuditRecordJson): a newer audit of an area
    // replaces that area's items, the others stay with their own date; the chapter says which
    // areas were audited when, and counts every item.
    void auditRecordIsMergedPerArea()
    {
        const auto result = [](const QString &area, const QString &target, AuditStatus status) {
            AuditResult r;
            r.area = area;
            r.target = target;
            r.status = status;
            r.expected = u"as planned"_s;
            r.found = status == AuditStatus::Ok ? u"as planned"_s : u"otherwise"_s;
            r.message = target;
            return r;
        };
        const QDateTime first = QDateTime::fromString(u"2026-12-07T15:00:00Z"_s, Qt::ISODate);
        const QDateTime second = QDateTime::fromString(u"2026-12-07T16:30:00Z"_s, Qt::ISODate);
        const QDateTime third = QDateTime::fromString(u"2026-12-07T17:45:00Z"_s, Qt::ISODate);
        const QByteArray one = mergeAuditRecordJson({},
                                                    {result(u"vcha"_s, u"cluster"_s, AuditStatus::Drift),
                                                     result(u"dns"_s, u"psc01 (A)"_s, AuditStatus::Ok)},
                                                    {u"dns"_s, u"vcha"_s}, first);
        // A new audit of vcha only: its item is replaced, dns keeps its item and date.
        const QByteArray two = mergeAuditRecordJson(one, {result(u"vcha"_s, u"cluster"_s, AuditStatus::Ok)},
                                                    {u"vcha"_s}, second);
        const QJsonObject record = QJsonDocument::fromJson(two).object();
        QStringList items;
        for (const QJsonValue &v : record.value(u"checks"_s).toArray())
            items << v[u"area"_s].toString() + u' ' + v[u"target"_s].toString() + u' '
                    + v[u"status"_s].toString();
        QCOMPARE(items, (QStringList{u"dns psc01 (A) ok"_s, u"vcha cluster ok"_s}));
        QCOMPARE(record.value(u"areas"_s).toArray(), (QJsonArray{u"dns"_s, u"vcha"_s}));
        QCOMPARE(
            record.value(u"areaTimes"_s).toObject(),
            (QJsonObject{{u"dns"_s, u"2026-12-07T15:00:00Z"_s}, {u"vcha"_s, u"2026-12-07T16:30:00Z"_s}}));
        QCOMPARE(record.value(u"time"_s).toString(), u"2026-12-07T16:30:00Z"_s);
        QCOMPARE(record.value(u"summary"_s).toObject(),
                 (QJsonObject{{u"ok"_s, 2}, {u"drift"_s, 0}, {u"unreachable"_s, 0}, {u"skipped"_s, 0}}));

        Runbook rb = buildRunbook(examplePlan());
        QVERIFY(addAuditChapter(rb, two));
        const QString md = QString::fromUtf8(runbookToMarkdown(rb));
        QVERIFY2(md.contains(u"Audited on 2026-12-07T15:00:00Z (areas: dns) and 2026-12-07T16:30:00Z (areas: "
                             u"vcha): 2 ok, 0 drift, 0 unreachable, 0 skipped."_s),
                 qPrintable(md));

        // A record kept before the per-area dates: its areas have its one time.
        QJsonObject old = QJsonDocument::fromJson(one).object();
        old.remove(u"areaTimes"_s);
        const QJsonObject three =
            QJsonDocument::fromJson(
                mergeAuditRecordJson(QJsonDocument(old).toJson(),
                                     {result(u"netscaler"_s, u"NSIP"_s, AuditStatus::Unreachable)},
                                     {u"netscaler"_s}, third))
                .object();
        QCOMPARE(three.value(u"areas"_s).toArray(), (QJsonArray{u"dns"_s, u"netscaler"_s, u"vcha"_s}));
        QCOMPARE(three.value(u"areaTimes"_s).toObject(),
                 (QJsonObject{{u"dns"_s, u"2026-12-07T15:00:00Z"_s},
                              {u"netscaler"_s, u"2026-12-07T17:45:00Z"_s},
                              {u"vcha"_s, u"2026-12-07T15:00:00Z"_s}}));
        QCOMPARE(three.value(u"checks"_s).toArray().size(), 3);
        QCOMPARE(three.value(u"summary"_s).toObject().value(u"unreachable"_s).toInt(), 1);
        QCOMPARE(three.value(u"summary"_s).toObject().value(u"drift"_s).toInt(), 1);

        // Nothing readable before: this audit's results alone.
        const QJsonObject fresh =
            QJsonDocument::fromJson(mergeAuditRecordJson("not json",
                                                         {result(u"vds"_s, u"DSwitch"_s, AuditStatus::Ok)},
                                                         {u"vds"_s}, third))
                .object();
        QCOMPARE(fresh.value(u"areas"_s).toArray(), QJsonArray{u"vds"_s});
        QCOMPARE(fresh.value(u"checks"_s).toArray().size(), 1);
    }

    // What the wizard's audit page reads back (parseAuditRecord): every item as kept, the areas
    // and each area's own date; a record without per-area dates gives each area its one time.
    void auditRecordIsReadBack()
    {
        AuditResult drift;
        drift.area = u"vcha"_s;
        drift.target = u"cluster"_s;
        drift.status = AuditStatus::Drift;
        drift.expected = u"healthy"_s;
        drift.found = u"degraded"_s;
        drift.message = u"VCHA is degraded."_s;
        drift.hint = u"Repair VCHA."_s;
        AuditResult ok;
        ok.area = u"dns"_s;
        ok.target = u"psc01 (A)"_s;
        ok.status = AuditStatus::Ok;
        const QDateTime first = QDateTime::fromString(u"2026-12-07T15:00:00Z"_s, Qt::ISODate);
        const QDateTime second = QDateTime::fromString(u"2026-12-07T16:30:00Z"_s, Qt::ISODate);
        const QByteArray one = mergeAuditRecordJson({}, {ok}, {u"dns"_s}, first);
        const QByteArray two = mergeAuditRecordJson(one, {drift}, {u"vcha"_s}, second);

        const Result<AuditRecord> record = parseAuditRecord(two);
        QVERIFY(record.ok());
        QCOMPARE(record->results.size(), 2);
        QCOMPARE(record->results.at(0).toJson(), ok.toJson());
        QCOMPARE(record->results.at(1).toJson(), drift.toJson());
        QCOMPARE(record->areas, (QStringList{u"dns"_s, u"vcha"_s}));
        QCOMPARE(record->areaTimes.value(u"dns"_s), first);
        QCOMPARE(record->areaTimes.value(u"vcha"_s), second);

        QJsonObject old = QJsonDocument::fromJson(two).object();
        old.remove(u"areaTimes"_s);
        const Result<AuditRecord> older = parseAuditRecord(QJsonDocument(old).toJson());
        QVERIFY(older.ok());
        QCOMPARE(older->areaTimes.value(u"dns"_s), second);
        QCOMPARE(older->areaTimes.value(u"vcha"_s), second);

        QVERIFY(!parseAuditRecord("not json").ok());
        QVERIFY(!parseAuditRecord(R"({"checks": [{"area": "dns", "status": "fine"}]})").ok());
        QVERIFY(!parseAuditRecord(R"({"summary": {}})").ok());
    }

    void vchaOffSaysSo()
    {
        LabPlan p = examplePlan();
        p.vcha.enabled = false;
        const QString md = QString::fromUtf8(runbookToMarkdown(buildRunbook(p)));
        QVERIFY(md.contains(u"Not planned for this lab"_s));
    }

    void pdfTextIsExtractableAndSearchable()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString pdf = dir.filePath(u"runbook.pdf"_s);
        QVERIFY(writeRunbookPdf(buildRunbook(examplePlan()), pdf).ok());
        bool ok = false;
        const QString info = runTool(u"pdfinfo"_s, {pdf}, &ok);
        QVERIFY2(ok, "pdfinfo failed (poppler-utils installed?)");
        const QRegularExpressionMatch pages = QRegularExpression(u"Pages:\\s+(\\d+)"_s).match(info);
        QVERIFY(pages.hasMatch());
        QVERIFY2(pages.captured(1).toInt() >= kChapters.size() + 1,
                 qPrintable(info)); // title + a page per chapter
        QVERIFY(info.contains(u"Runbook of lab sslab"_s));
        // The title page carries the topology picture.
        const QString images =
            runTool(u"pdfimages"_s, {u"-list"_s, u"-f"_s, u"1"_s, u"-l"_s, u"1"_s, pdf}, &ok);
        QVERIFY(ok);
        const QStringList imageLines = images.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(imageLines.size() >= 3, qPrintable(images)); // header, rule, an image
        // Drawn at the same resolution across and down: the picture keeps its proportions.
        const QStringList columns = imageLines.at(2).split(u' ', Qt::SkipEmptyParts);
        QVERIFY2(columns.size() >= 14 && columns.at(12) == columns.at(13), qPrintable(images));
        const QString text = runTool(u"pdftotext"_s, {pdf, u"-"_s}, &ok);
        QVERIFY(ok);
        for (const QString &chapter : kChapters)
            QVERIFY2(text.contains(chapter), qPrintable(chapter));
        QVERIFY(!text.contains(QChar(0xFB01))); // no "fi" ligature: "Certificate" is searchable
        QVERIFY(text.count(u"Certificate"_s) >= 2);
        QVERIFY(text.contains(u"add lb vserver psc-vs-443 TCP 192.168.1.210 443"_s));
        QVERIFY(!text.contains(u"PRIVATE KEY"_s));
        QVERIFY(!hasRealPassword(text));
    }

    // The contents gives each chapter's page, and that page (read back page by page) is
    // where the chapter's heading is; every page carries its number.
    void contentsPageNumbersAreRight()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString pdf = dir.filePath(u"runbook.pdf"_s);
        QVERIFY(writeRunbookPdf(buildRunbook(examplePlan()), pdf).ok());
        bool ok = false;
        const QString first =
            runTool(u"pdftotext"_s, {u"-layout"_s, u"-f"_s, u"1"_s, u"-l"_s, u"1"_s, pdf, u"-"_s}, &ok);
        QVERIFY(ok);
        int checked = 0;
        for (qsizetype i = 0; i < kChapters.size(); ++i) {
            const QString heading = u"%1. %2"_s.arg(QString::number(i + 1), kChapters.at(i));
            const QRegularExpressionMatch m =
                QRegularExpression(QRegularExpression::escape(heading) + u"\\s+(\\d+)\\s*$"_s,
                                   QRegularExpression::MultilineOption)
                    .match(first);
            QVERIFY2(m.hasMatch(), qPrintable(heading + u"\n"_s + first));
            const QString page = m.captured(1);
            const QString text =
                runTool(u"pdftotext"_s, {u"-layout"_s, u"-f"_s, page, u"-l"_s, page, pdf, u"-"_s}, &ok);
            QVERIFY(ok);
            QVERIFY2(text.trimmed().startsWith(heading), qPrintable(heading + u" on page "_s + page));
            QVERIFY2(text.trimmed().endsWith(page), qPrintable(u"page number of page "_s + page));
            ++checked;
        }
        QCOMPARE(checked, int(kChapters.size()));
    }
};

QTEST_MAIN(TestRunbook)
#include "tst_runbook.moc"
