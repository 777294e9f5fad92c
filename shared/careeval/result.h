#pragma once
// Result<T>: the error channel of the shared core. Nothing in shared/ throws across its API; every
// fallible call returns either a value or an Error carrying a code and a message a person can read.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace careeval {

enum class ErrorCode {
    InvalidJson,
    InvalidTemplate,
    InvalidOperation,
    InvalidExpression,
    InvalidArgument,
    NotFound,
    Io,
    Database,
};

//! Stable machine name of a code ("invalid_json", …), used by the CLI and the server's error shape.
const char *errorCodeName(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::InvalidArgument;
    std::string message;
};

template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_v(std::in_place_index<0>, std::move(value))
    {
    }
    Result(Error error)
        : m_v(std::in_place_index<1>, std::move(error))
    {
    }

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_v); }
    const T &value() const & { return std::get<0>(m_v); }
    //! By value: `for (auto &x : f().value())` must not iterate a destroyed temporary.
    T value() && { return std::get<0>(std::move(m_v)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    {
    }
    bool ok() const { return !m_error; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

inline Error makeError(ErrorCode code, std::string message)
{
    return Error {code, std::move(message)};
}

} // namespace careeval
