#pragma once
// VCenterConnection: one connection to a vCenter that several read-only jobs share (the
// as-built audit's vcenter, vcha and vds areas), so that they log in once instead of once each:
// one HttpClient, one REST session and one SOAP session, each opened when a job first asks for
// it. (6.7 has no REST call for the Distributed Switch and turns neither kind of session into
// the other without SSO tokens, so a run that reads the switch and the REST areas has both.)
// A job that asks while a login is under way waits for it and gets its outcome; a refused or
// failed login is not tried again for the next job (a wrong password is sent once, not once per
// area), so every area reports the same cause. The jobs attach when they start and detach when
// they end; the last one to detach logs out of what is open before it finishes, so nothing is
// left open when the queue is done. The jobs talk through clients of their own over http()
// (their own evidence); the login and logout exchanges go to the report of every job attached.

#include "core/result.h"
#include "jobs/reportnode.h"
#include "vsphere/vcenterclient.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

namespace vlab {

class HttpClient;
class SoapClient;

class VCenterConnection : public QObject
{
    Q_OBJECT
public:
    explicit VCenterConnection(const VCenterEndpoint &endpoint, QObject *parent = nullptr);
    ~VCenterConnection() override;

    const VCenterEndpoint &endpoint() const { return m_endpoint; }
    HttpClient *http() const { return m_http; }

    using Done = std::function<void(Result<void>)>;
    // `job` starts using the connection; `sink` is its report's.
    void attach(QObject *job, EvidenceSink sink);
    // The REST session (POST /rest/com/vmware/cis/session) or the SOAP one (RetrieveServiceContent,
    // Login): opened on the first call, later calls wait for that login. `done` runs once with the
    // login's outcome, unless `job` is destroyed first or abandon() is called for it.
    void openRest(QObject *job, Done done);
    void openSoap(QObject *job, Done done);
    // `job` stops waiting for a login (it was cancelled): its `done`s run with "http.cancelled".
    void abandon(QObject *job);
    // `job` is done with the connection. When it was the last one attached, logs out of the open
    // sessions first (REST, then SOAP; a failing logout is the outcome). `done` runs once.
    void detach(QObject *job, Done done);

    // What a SessionJob registers as the logout of its session on `connection`: detaches `job`;
    // nothing to do once the connection is gone.
    static std::function<void(Done)> detacher(VCenterConnection *connection, QObject *job);

    // Logins sent so far (REST, SOAP): what the tests and the benchmark compare.
    int restLogins() const { return m_rest.logins; }
    int soapLogins() const { return m_soap.logins; }

private:
    struct Waiter
    {
        QPointer<QObject> job;
        Done done;
    };
    struct Session
    {
        enum class State { Closed, Opening, Open, Failed } state = State::Closed;
        Error error; // Failed: why
        QList<Waiter> waiters;
        int logins = 0;
    };
    struct User
    {
        QPointer<QObject> job;
        EvidenceSink sink;
    };
    void open(Session &session, QObject *job, Done done, const std::function<void()> &login);
    void settle(Session &session, const Result<void> &outcome);
    void logoutAll(Done done);
    void forward(Evidence::Kind kind, const QString &text, const QString &detail) const;

    VCenterEndpoint m_endpoint;
    HttpClient *m_http = nullptr;
    VCenterClient *m_restClient = nullptr;
    SoapClient *m_soapClient = nullptr;
    Session m_rest;
    Session m_soap;
    QList<User> m_users;
};

} // namespace vlab
