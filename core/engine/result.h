#pragma once

#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <variant>

namespace levlab::engine {

/// Why an input was refused: the field as the user named it (for example
/// "positions[0].entry_price") and a sentence saying what is wrong with it.
struct Error final {
    std::string field;
    std::string reason;

    /// "field: reason", the one-line form used by the CLI and the model.
    [[nodiscard]] std::string message() const { return field.empty() ? reason : field + ": " + reason; }
    friend bool operator==(const Error&, const Error&) = default;
};

/// A value or the reason there is none. The engine never throws on bad input;
/// it returns one of these instead.
template <typename T>
class Result final {
public:
    Result(T value) : m_state(std::move(value)) {}  // NOLINT(google-explicit-constructor)
    Result(Error error) : m_state(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] const T& value() const& { return std::get<T>(m_state); }
    [[nodiscard]] T& value() & { return std::get<T>(m_state); }
    [[nodiscard]] T&& value() && { return std::get<T>(std::move(m_state)); }
    [[nodiscard]] const T* operator->() const { return &value(); }
    [[nodiscard]] const T& operator*() const { return value(); }
    [[nodiscard]] const Error& error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

/// Success, or the reason for a refusal: for calls that give nothing back.
template <>
class Result<void> final {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

/// A number as error messages show it: up to ten significant digits ("66.66666667", "1000000").
inline std::string numberText(double v)
{
    std::ostringstream s;
    s.precision(10);
    s << v;
    return s.str();
}

/// An amount with two decimals ("4500.00").
inline std::string amountText(double v)
{
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(2);
    s << v;
    return s.str();
}

}  // namespace levlab::engine
