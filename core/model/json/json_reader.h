#pragma once

#include "core/engine/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace levlab::model {

/// Parses `bytes` as one JSON object. A syntax error names the line and column
/// it was found at ("line 3, column 14: missing comma").
engine::Result<QJsonObject> parseJsonObject(const QByteArray& bytes);

/// Typed field access with errors that name the field by its full path.
class JsonFields final {
public:
    JsonFields(const QJsonObject& object, QString path);

    [[nodiscard]] const QString& path() const { return m_path; }
    [[nodiscard]] bool has(const QString& key) const { return m_object.contains(key) && !m_object.value(key).isNull(); }
    [[nodiscard]] QString fieldName(const QString& key) const;

    /// A number, or the error naming the field. Absent or null: `fallback`,
    /// or an error when there is none.
    engine::Result<double> number(const QString& key, std::optional<double> fallback = std::nullopt) const;
    engine::Result<std::optional<double>> optionalNumber(const QString& key) const;
    engine::Result<QString> string(const QString& key, std::optional<QString> fallback = std::nullopt) const;

    [[nodiscard]] const QJsonObject& object() const { return m_object; }

private:
    QJsonObject m_object;
    QString m_path;
};

engine::Error fieldError(const QString& field, const QString& reason);

}  // namespace levlab::model
