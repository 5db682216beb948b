#include "vsphere/vcenterconnection.h"

#include "core/tr.h"
#include "net/httpclient.h"
#include "vsphere/soapclient.h"

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace vlab {

VCenterConnection::VCenterConnection(const VCenterEndpoint &endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
{
    m_restClient = new VCenterClient(endpoint, this);
    m_http = m_restClient->http();
    m_soapClient = new SoapClient(m_http, this);
    const EvidenceSink sink = [this](Evidence::Kind kind, const QString &text, const QString &detail) {
        forward(kind, text, detail);
    };
    m_restClient->setEvidenceSink(sink);
    m_soapClient->setEvidenceSink(sink);
}

VCenterConnection::~VCenterConnection() = default;

void VCenterConnection::attach(QObject *job, EvidenceSink sink)
{
    m_users.append(User{job, std::move(sink)});
}

void VCenterConnection::forward(Evidence::Kind kind, const QString &text, const QString &detail) const
{
    for (const User &user : m_users) {
        if (user.job && user.sink)
            user.sink(kind, text, detail);
    }
}

void VCenterConnection::open(Session &session, QObject *job, Done done, const std::function<void()> &login)
{
    switch (session.state) {
    case Session::State::Open:
        done({});
        return;
    case Session::State::Failed:
        done(session.error);
        return;
    case Session::State::Opening:
        session.waiters.append(Waiter{job, std::move(done)});
        return;
    case Session::State::Closed:
        break;
    }
    session.waiters.append(Waiter{job, std::move(done)});
    session.state = Session::State::Opening;
    ++session.logins;
    login();
}

void VCenterConnection::settle(Session &session, const Result<void> &outcome)
{
    session.state = outcome ? Session::State::Open : Session::State::Failed;
    if (!outcome)
        session.error = outcome.error();
    const QList<Waiter> waiters = std::exchange(session.waiters, {});
    for (const Waiter &w : waiters) {
        if (w.job)
            w.done(outcome);
    }
    // Every job went away while the login was under way: nobody will detach to close it.
    const bool anyone =
        std::any_of(m_users.cbegin(), m_users.cend(), [](const User &u) { return !u.job.isNull(); });
    if (!anyone && session.state == Session::State::Open)
        logoutAll([](Result<void>) {});
}

void VCenterConnection::openRest(QObject *job, Done done)
{
    open(m_rest, job, std::move(done),
         [this] { m_restClient->login(this, [this](Result<void> r) { settle(m_rest, r); }); });
}

void VCenterConnection::openSoap(QObject *job, Done done)
{
    open(m_soap, job, std::move(done), [this] {
        m_soapClient->retrieveServiceContent(this, [this](Result<ServiceContent> content) {
            if (!content)
                return settle(m_soap, content.error());
            m_soapClient->login(m_endpoint.user, m_endpoint.password, this,
                                [this](Result<void> r) { settle(m_soap, r); });
        });
    });
}

void VCenterConnection::abandon(QObject *job)
{
    for (Session *session : {&m_rest, &m_soap}) {
        QList<Waiter> mine;
        for (qsizetype i = session->waiters.size() - 1; i >= 0; --i) {
            if (session->waiters.at(i).job == job)
                mine.prepend(session->waiters.takeAt(i));
        }
        for (const Waiter &w : mine)
            w.done(makeError(u"http.cancelled"_s, Tr::tr("Cancelled.")));
    }
}

void VCenterConnection::detach(QObject *job, Done done)
{
    EvidenceSink sink;
    for (const User &u : std::as_const(m_users)) {
        if (u.job == job)
            sink = u.sink;
    }
    m_users.removeIf([job](const User &u) { return u.job.isNull() || u.job == job; });
    if (!m_users.isEmpty())
        return done({});
    // The last one: its report stays attached for the logout's evidence.
    m_users.append(User{job, sink});
    logoutAll([this, job, done = std::move(done)](Result<void> r) {
        m_users.removeIf([job](const User &u) { return u.job.isNull() || u.job == job; });
        done(std::move(r));
    });
}

std::function<void(VCenterConnection::Done)> VCenterConnection::detacher(VCenterConnection *connection,
                                                                         QObject *job)
{
    return [guard = QPointer<VCenterConnection>(connection), job](Done done) {
        if (!guard)
            return done({});
        guard->detach(job, std::move(done));
    };
}

void VCenterConnection::logoutAll(Done done)
{
    // A login still under way is left to its own end; settle() closes it when nobody is left.
    const bool rest = m_rest.state == Session::State::Open;
    const bool soap = m_soap.state == Session::State::Open;
    for (Session *session : {&m_rest, &m_soap}) {
        if (session->state != Session::State::Opening)
            session->state = Session::State::Closed;
    }
    auto first = std::make_shared<Result<void>>();
    const auto soapStep = [this, soap, first, done = std::move(done)] {
        if (!soap)
            return done(*first);
        m_soapClient->logout(this, [first, done](Result<void> r) { done(*first ? r : *first); });
    };
    if (!rest)
        return soapStep();
    m_restClient->logout(this, [first, soapStep](Result<void> r) {
        *first = r;
        soapStep();
    });
}

} // namespace vlab
