#pragma once
// ReportNode: the evidence a job leaves behind (what it sent, what came back, files it made
// with their SHA-256, timestamps, outcome). The runbook renders this tree; it never scrapes
// logs. Whoever writes evidence is responsible for leaving secrets out of it.

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <vector>

class QJsonObject;

namespace vlab {

struct Evidence
{
    enum class Kind { Note, Sent, Received, File, Command, Outcome };
    QDateTime time;
    Kind kind = Kind::Note;
    QString text;   // for File: the path
    QString detail; // for File: SHA-256 in hex; otherwise the body, output ...
};

class ReportNode
{
public:
    QString title;
    QString description;
    QString target; // where the work went: "nsip:port", "vcenter.example.com", "root@psc1"; empty: here
    QDateTime started;
    QDateTime finished;
    QString outcome; // "succeeded", "failed", "cancelled", "skipped", "" while pending
    QList<Evidence> evidence;
    std::vector<ReportNode> children;

    void add(Evidence::Kind kind, const QString &text, const QString &detail = {});

    QJsonObject toJson() const;
    QString toText(int depth = 0) const;
};

QString evidenceKindName(Evidence::Kind kind);

// Receives what a client sent and what came back, secrets already masked (a job hands its
// clients one that writes into its report).
using EvidenceSink = std::function<void(Evidence::Kind kind, const QString &text, const QString &detail)>;

} // namespace vlab
