#pragma once
// NITRO jobs: diff, apply, verify and roll back the PSC load-balancing configuration on a
// NetScaler over its REST API (https://NSIP/nitro/v1/config/...). Each job logs in, does its
// work with as few round trips as the API allows (one bulk request per object type), and
// logs out. Every request has a deadline and is cancelled with the job; TLS is verified or
// pinned to a user-confirmed fingerprint. Requests and replies go into the job's report,
// with the password masked.
//
// Apply writes first and reads only what already existed: on a fresh NetScaler that is
// login, enable LB, one bulk add per type, save, logout (10 requests for any lab size).
// Objects that already exist are read back and compared; a conflicting one is reported,
// never changed, and everything this run created is removed again before the job fails.

#include "jobs/sessionjob.h"
#include "netscaler/nitromodel.h"

#include <QPointer>

#include <chrono>
#include <functional>

namespace vlab {

class HttpClient;

struct NitroTarget
{
    QString host;
    quint16 port = 443;
    QString user;
    QByteArray pinnedSha256; // user-confirmed certificate digest, or empty
    std::chrono::milliseconds requestTimeout{30000};

    // "ADDR[:PORT]" as given on the command line or in the page.
    static Result<NitroTarget> parseAddress(const QString &text);
    QString address() const; // host[:port] (port only when not 443)
};

// What happened to one object, for the page's table and the CLI.
struct NitroObjectResult
{
    NitroObject object;
    QString
        state; // create, correct, conflict | created, unchanged, failed | UP, DOWN, missing | removed, gone
    QString detail; // why, for people
};

class NitroJob : public SessionJob
{
    Q_OBJECT
public:
    ~NitroJob() override;

    const QList<NitroObjectResult> &results() const { return m_results; }
    // One line on the outcome ("Created 39 object(s) and saved the configuration.").
    QString summary() const { return m_summary; }
    int requestCount() const;
    // Whether the NetScaler accepted the credentials (the login succeeded) during this job.
    bool loggedInOnce() const { return m_loggedInOnce; }
    // The SHA-256 fingerprint of the certificate the NSIP presented (to offer for confirmation).
    QString presentedFingerprint() const;

protected:
    NitroJob(const QString &title, const NitroTarget &target, const QString &password, QObject *parent);

    struct Reply
    {
        int status = 0;
        QJsonObject json;
    };
    using OnReply = std::function<void(const Reply &)>;
    using OnError = std::function<void(const Error &)>;

    // Runs after a successful login; must end with done().
    virtual void work() = 0;
    // Logs out (when the NetScaler still answers) and finishes the job with `result`.
    void done(Result<void> result) { end(std::move(result)); }

    // Sends one request. A transport error, a non-JSON reply, or (unless `anyStatus`) a NITRO
    // error goes to `onError`, which by default ends the job with it.
    void call(const QByteArray &verb, const QString &path, const QJsonObject &body, const QString &what,
              OnReply onReply, bool anyStatus = false, OnError onError = {});
    // GETs every record of the given types (bindings in bulk), one request per type.
    void readState(const QStringList &types, std::function<void(const NitroState &)> then,
                   OnError onError = {});
    // Removes objects in the given order (DELETE each; "no such resource" counts as gone).
    // Calls `then` with the objects that could not be removed.
    void removeObjects(QList<NitroObject> objects, std::function<void(QList<NitroObject> left)> then);

    void addResult(const NitroObject &object, const QString &state, const QString &detail = {});
    void setSummary(const QString &summary); // also recorded as the outcome evidence
    void onCancel() override;

    NitroTarget m_target;

private:
    void run() final;
    void logout(LoggedOut loggedOut);

    QPointer<HttpClient> m_http;
    QString m_password;
    QList<NitroObjectResult> m_results;
    QString m_summary;
    bool m_loggedIn = false;
    bool m_loggedInOnce = false;
};

// Reads the NetScaler and compares it with the plan. Succeeds when the comparison could be
// made; hasDrift() says whether anything is missing or conflicting.
class NitroDiffJob : public NitroJob
{
    Q_OBJECT
public:
    NitroDiffJob(const LbConfig &config, const NitroTarget &target, const QString &password,
                 QObject *parent = nullptr);
    const QList<NitroDiffItem> &diff() const { return m_diff; }
    bool hasDrift() const;

protected:
    void work() override;

private:
    QList<NitroObject> m_objects;
    QList<NitroDiffItem> m_diff;
};

class NitroApplyJob : public NitroJob
{
    Q_OBJECT
public:
    NitroApplyJob(const LbConfig &config, const NitroTarget &target, const QString &password,
                  QObject *parent = nullptr);
    // Objects this run created and that are still there (after a failure: those the
    // automatic rollback could not remove).
    const QList<NitroObject> &created() const { return m_created; }

Q_SIGNALS:
    // After every change on the NetScaler (objects added, or removed again by the automatic
    // rollback): what this run has created so far, for a record that survives a crash.
    void createdChanged(const QList<vlab::NitroObject> &created);

protected:
    void work() override;

private:
    void applyType(int index);
    void afterType(int index, const QStringList &problems);
    void rollBackAndFail(const Error &error);

    QList<NitroObject> m_objects;
    QList<NitroObject> m_created;
};

// Checks the applied configuration: LB feature on, services UP, virtual servers UP, bindings
// present, persistency group with the planned type, timeout and members. Fails when
// anything differs.
class NitroVerifyJob : public NitroJob
{
    Q_OBJECT
public:
    NitroVerifyJob(const LbConfig &config, const NitroTarget &target, const QString &password,
                   QObject *parent = nullptr);
    int problemCount() const { return m_problems; }

protected:
    void work() override;

private:
    void check(const NitroState &state, bool lbEnabled);

    LbConfig m_config;
    QList<NitroObject> m_objects;
    int m_problems = 0;
};

// Removes the given objects (normally those an apply recorded as created), in reverse
// dependency order, then saves the configuration.
class NitroRollbackJob : public NitroJob
{
    Q_OBJECT
public:
    NitroRollbackJob(const QList<NitroObject> &objects, const NitroTarget &target, const QString &password,
                     QObject *parent = nullptr);
    const QList<NitroObject> &remaining() const { return m_remaining; }

protected:
    void work() override;

private:
    QList<NitroObject> m_objects;
    QList<NitroObject> m_remaining;
};

// The record of what an apply created on one NetScaler, kept in the project folder so a
// later rollback removes exactly that. JSON: {"schema":"vlab.nitro-created/1","nsip",...}.
QByteArray nitroCreatedRecord(const QString &nsip, const QList<NitroObject> &objects);
Result<QList<NitroObject>> parseNitroCreatedRecord(const QByteArray &data, const QString &nsip);
// Where the record for one NetScaler lives: <projectFolder>/netscaler-created-<host>.json.
QString nitroRecordPath(const QString &projectFolder, const QString &host);
// Reads a record; a missing file is an empty list.
Result<QList<NitroObject>> loadNitroCreatedRecord(const QString &path, const QString &nsip);
// Writes `objects` (removes the file when empty).
Result<void> saveNitroCreatedRecord(const QString &path, const QString &nsip,
                                    const QList<NitroObject> &objects);
// Objects in reverse dependency order (for removal).
QList<NitroObject> removalOrder(QList<NitroObject> objects);

} // namespace vlab
