#pragma once

#include "core/engine/result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <memory>
#include <optional>
#include <utility>

namespace levlab::model {

/// Parses `bytes` as one JSON object. A syntax error names the line and column
/// it was found at ("line 3, column 14: missing comma").
engine::Result<QJsonObject> parseJsonObject(const QByteArray& bytes);

/// Where each value and each key of a JSON text starts, by path
/// ("plan.positions[0].leverage"), to say where something is wrong. Built only
/// from a text the JSON parser accepted.
class JsonSource final {
public:
    explicit JsonSource(QByteArray bytes);

    /// "LINE:COLUMN" (from 1; columns count characters) of the value at `path`, or of its
    /// key; of the closest enclosing value when the path is not in the text.
    [[nodiscard]] QString where(const QString& path, bool ofKey = false) const;
    /// "LINE:COLUMN" of a byte offset.
    [[nodiscard]] QString whereOffset(qsizetype offset) const;
    /// The first key written twice in one object ("LINE:COL: \"key\" is given twice"), if any.
    [[nodiscard]] const std::optional<engine::Error>& duplicate() const { return m_duplicate; }

private:
    friend class JsonScanner;
    QByteArray m_bytes;
    QHash<QString, qsizetype> m_values;
    QHash<QString, qsizetype> m_keys;
    std::optional<engine::Error> m_duplicate;
};

/// A JSON object and where its parts are in the text.
struct ParsedJson final {
    QJsonObject root;
    std::shared_ptr<const JsonSource> source;
};

/// Parses `bytes` as one JSON object, strictly: a syntax error, a key given twice
/// or a text that is not an object is refused as "LINE:COL: what is wrong".
engine::Result<ParsedJson> parseJsonWithSource(const QByteArray& bytes);

/// Typed field access with errors that name the field: by its full path
/// ("positions[1].side: is required"), or, given the text's source, by the line
/// and column of the value and the key's name ("14:7: \"leverage\" must be a number").
/// Every key asked for is remembered, so that the others can be refused or reported
/// as unknown.
class JsonFields final {
public:
    JsonFields(const QJsonObject& object, QString path, std::shared_ptr<const JsonSource> source = nullptr);

    [[nodiscard]] const QString& path() const { return m_path; }
    [[nodiscard]] bool has(const QString& key) const;
    [[nodiscard]] QString fieldName(const QString& key) const;

    /// A number, or the error naming the field. Absent or null: `fallback`,
    /// or an error when there is none.
    engine::Result<double> number(const QString& key, std::optional<double> fallback = std::nullopt) const;
    engine::Result<std::optional<double>> optionalNumber(const QString& key) const;
    /// A whole number from `lo` to `hi`.
    engine::Result<qint64> integer(const QString& key, qint64 lo, qint64 hi, std::optional<qint64> fallback = std::nullopt) const;
    engine::Result<QString> string(const QString& key, std::optional<QString> fallback = std::nullopt) const;
    engine::Result<bool> boolean(const QString& key, std::optional<bool> fallback = std::nullopt) const;
    /// The object at `key`, with the same source.
    engine::Result<JsonFields> object(const QString& key) const;
    /// The array at `key`; absent: empty unless required.
    engine::Result<QJsonArray> array(const QString& key, bool required) const;
    /// Element `index` of the array at `key`, which must be an object.
    engine::Result<JsonFields> element(const QString& key, const QJsonArray& array, qsizetype index) const;

    /// One of `names`, or an error listing them.
    template <typename T>
    engine::Result<T> choice(const QString& key, std::initializer_list<std::pair<const char*, T>> names,
                             std::optional<T> fallback) const
    {
        return choiceOf<T>(key, names, fallback);
    }
    /// The same with the names in any range of (name, value) pairs.
    template <typename T, typename Names>
    engine::Result<T> choiceOf(const QString& key, const Names& names, std::optional<T> fallback) const
    {
        if (!has(key)) {
            if (fallback)
                return *fallback;
            return error(key, QStringLiteral("is required"));
        }
        auto s = string(key);
        if (!s)
            return s.error();
        QStringList allowed;
        for (const auto& [name, value] : names) {
            if (s.value() == QLatin1String(name))
                return value;
            allowed << QLatin1String(name);
        }
        const QString list = allowed.join(QStringLiteral(", "));
        if (m_source)
            return error(key, QStringLiteral("must be one of %1, not '%2'").arg(list, s.value()));
        return error(key, QStringLiteral("'%1' is not one of %2").arg(s.value(), list));
    }

    /// The error for `key`: its full path and `reason`, or with a source, the value's (or,
    /// when absent, the object's) line and column, the key's name and `reason`.
    [[nodiscard]] engine::Error error(const QString& key, const QString& reason) const;
    /// The same for the object itself ("3:5: position 1 needs a side").
    [[nodiscard]] engine::Error errorHere(const QString& reason) const;

    /// Keys of the object never asked for, as full paths.
    [[nodiscard]] QStringList unknownKeys() const;
    /// The first unknown key as an error ("14:7: unknown field \"levrage\""), or with
    /// `notices` given, every unknown key appended to it and no error.
    [[nodiscard]] std::optional<engine::Error> refuseUnknown(QStringList* notices = nullptr) const;

    [[nodiscard]] const QJsonObject& object() const { return m_object; }
    [[nodiscard]] const std::shared_ptr<const JsonSource>& source() const { return m_source; }

private:
    QJsonObject m_object;
    QString m_path;
    std::shared_ptr<const JsonSource> m_source;
    mutable QSet<QString> m_asked;
};

engine::Error fieldError(const QString& field, const QString& reason);

}  // namespace levlab::model
