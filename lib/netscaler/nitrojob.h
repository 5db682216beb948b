#pragma once
// NitroJob: the base of the NITRO jobs (diff, apply, verify, roll back the PSC load-balancing
// configuration on a NetScaler over https://NSIP/nitro/v1/config/...). It logs in, hands over
// to the job's work(), and logs out. Every request has a deadline and is cancelled with the
// job; TLS is verified or pinned to a user-confirmed fingerprint. Requests and replies go into
// the job's report, with the password and the session id masked.

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

// The per-object results a NITRO job recorded in its report (ReportNode::toJson() form, as the
// run journal keeps it), in the order they were found.
QList<NitroObjectResult> nitroResultsFromReport(const QJsonObject &report);

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

Q_SIGNALS:
    // One object's result, as soon as it is known (a page's table follows the run live).
    void objectResult(const vlab::NitroObjectResult &result);

protected:
    NitroJob(const QString &title, const NitroTarget &target, const QString &password, QObject *parent);

    struct Reply
    {
        int status = 0;
        QJsonObject json;
        QString warning; // HTTP 209: the X-NITRO-WARNING text ("1067 - Feature(s) not enabled [LB]")
    };
    using OnReply = std::function<void(const Reply &)>;
    using OnError = std::function<void(const Error &)>;
    using StateDone = std::function<void(const NitroState &)>;
    using RemoveDone = std::function<void(const QList<NitroObject> &left)>;

    // Runs after a successful login; must end with done().
    virtual void work() = 0;
    // Logs out (when the NetScaler still answers) and finishes the job with `result`.
    void done(Result<void> result) { end(std::move(result)); }

    // Sends one request. A transport error, a non-JSON reply, or (unless `anyStatus`) a NITRO
    // error goes to `onError`, which by default ends the job with it. With `anyStatus` the
    // NetScaler's refusals (4xx, 599) reach `onReply`; 401 and other 5xx still go to `onError`.
    void call(const QByteArray &verb, const QString &path, const QJsonObject &body, const QString &what,
              OnReply onReply, bool anyStatus = false, OnError onError = {});
    // GETs every record of the given types (bindings in bulk), one request per type.
    void readState(const QStringList &types, StateDone then, OnError onError = {});
    // Removes objects in the given order (DELETE each; "no such resource" counts as gone).
    // Calls `then` with the objects that could not be removed.
    void removeObjects(QList<NitroObject> objects, RemoveDone then);

    void addResult(const NitroObject &object, const QString &state, const QString &detail = {});
    void setSummary(const QString &summary); // also recorded as the outcome evidence
    void onCancel() override;
    // A failure of the connection itself (no NITRO answer): the NetScaler may not answer a
    // logout or a rollback either.
    static bool isTransportError(const Error &error);

    NitroTarget m_target;
    // The password, until the login (it is wiped then): for a read-only sibling job.
    QString password() const { return m_password; }

private:
    void run() final;
    void logout(LoggedOut loggedOut);
    void readNext(const QStringList &types, int index, NitroState state, StateDone then, OnError onError);
    void removeNext(const QList<NitroObject> &objects, int index, QList<NitroObject> left, RemoveDone then);

    QPointer<HttpClient> m_http;
    QString m_password;
    QList<NitroObjectResult> m_results;
    QString m_summary;
    bool m_loggedIn = false;
    bool m_loggedInOnce = false;
};

} // namespace vlab
