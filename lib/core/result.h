#pragma once
// Result<T>: what every engine call that can fail returns. No exception crosses a module
// boundary or a Qt slot; callers test the result and show Error::message to people,
// while Error::details goes to logs and the runbook.

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace vlab {

struct Error
{
    QString code;    // stable, machine-readable ("plan.json.syntax", "job.timeout", ...)
    QString message; // one translated sentence for people
    QString details; // longer, untranslated context for logs and the runbook

    bool operator==(const Error &) const = default;
};

template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {
    }
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    {
    }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// Result<void>: success carries nothing.
template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    {
    }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

inline Error makeError(QString code, QString message, QString details = {})
{
    return Error{std::move(code), std::move(message), std::move(details)};
}

} // namespace vlab
