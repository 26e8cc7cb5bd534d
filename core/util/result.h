#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace wb {

// A structured error: a stable machine-readable code, a sentence for people, and optional detail.
struct Error {
    QString code;
    QString message;
    QString detail;
};

// Either a value or an Error; the core API returns these instead of throwing. [[nodiscard]]: a caller that drops one
// drops the error with it, so the compiler says so.
template <typename T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_data(std::move(value))
    {
    }
    Result(Error error)
        : m_data(std::move(error))
    {
    }

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<T>(m_data); }
    T&& value() && { return std::get<T>(std::move(m_data)); }
    const Error& error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

} // namespace wb
