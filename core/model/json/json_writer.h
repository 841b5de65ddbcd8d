#pragma once

#include <QByteArray>
#include <QLocale>
#include <QString>

#include <charconv>
#include <cmath>
#include <optional>
#include <string>

namespace levlab::model {

/// Indented JSON written straight into a byte array, as QJsonDocument::Indented
/// lays it out; a 100,000-position result never exists as a tree of objects.
class JsonText final {
public:
    explicit JsonText(std::size_t reserve) { m_out.reserve(static_cast<qsizetype>(reserve)); }

    void open(char bracket)
    {
        m_out += bracket;
        m_first = true;
        ++m_depth;
    }
    void close(char bracket)
    {
        --m_depth;
        if (!m_first) {
            m_out += '\n';
            indent();
        }
        m_out += bracket;
        m_first = false;
    }
    /// Starts an object member (`key` given) or an array element.
    void item(const char* key = nullptr)
    {
        m_out += m_first ? "\n" : ",\n";
        m_first = false;
        indent();
        if (key) {
            m_out += '"';
            m_out += key;
            m_out += "\": ";
        }
    }
    void number(std::optional<double> v)
    {
        if (!v || !std::isfinite(*v)) {
            m_out += "null";
        } else if (std::floor(*v) == *v && std::abs(*v) < 9007199254740992.0) {
            m_out += QByteArray::number(static_cast<qint64>(*v));
        } else {
            m_out += QByteArray::number(*v, 'g', QLocale::FloatingPointShortest);
        }
    }
    /// A finite number in the fewest digits that read back as the same double, written
    /// out in decimals ("0.0001", not "1e-04") unless it is very small or very large.
    void exact(double v)
    {
        char buf[64];
        const double a = std::abs(v);
        const bool plain = a == 0.0 || (a >= 1e-7 && a < 1e15);
        const auto r = plain ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed)
                             : std::to_chars(buf, buf + sizeof buf, v);
        m_out.append(buf, static_cast<qsizetype>(r.ptr - buf));
    }
    void null() { m_out += "null"; }
    void boolean(bool b) { m_out += b ? "true" : "false"; }
    void string(const std::string& s)
    {
        m_out += '"';
        for (const char c : s) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                m_out += '\\';
                m_out += c;
            } else if (u < 0x20) {
                m_out += "\\u00";
                m_out += "0123456789abcdef"[u >> 4];
                m_out += "0123456789abcdef"[u & 0xF];
            } else {
                m_out += c;
            }
        }
        m_out += '"';
    }
    void string(const QString& s) { string(s.toStdString()); }
    /// A whole number as its digits.
    void integer(qint64 v) { m_out += QByteArray::number(v); }
    [[nodiscard]] QByteArray take() { return std::move(m_out); }

private:
    void indent() { m_out.append(m_depth * 4, ' '); }

    QByteArray m_out;
    int m_depth = 0;
    bool m_first = true;
};

}  // namespace levlab::model
