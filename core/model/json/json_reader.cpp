#include "core/model/json/json_reader.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace levlab::model {

engine::Error fieldError(const QString& field, const QString& reason)
{
    return engine::Error{field.toStdString(), reason.toStdString()};
}

engine::Result<QJsonObject> parseJsonObject(const QByteArray& bytes)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < err.offset && i < bytes.size(); ++i) {
            if (bytes.at(i) == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        return engine::Error{"", QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(err.errorString()).toStdString()};
    }
    if (!doc.isObject())
        return engine::Error{"", "line 1: the document must be a JSON object"};
    return doc.object();
}

JsonFields::JsonFields(const QJsonObject& object, QString path) : m_object(object), m_path(std::move(path)) {}

QString JsonFields::fieldName(const QString& key) const
{
    return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key;
}

engine::Result<double> JsonFields::number(const QString& key, std::optional<double> fallback) const
{
    if (!has(key)) {
        if (fallback)
            return *fallback;
        return fieldError(fieldName(key), QStringLiteral("is required"));
    }
    const QJsonValue v = m_object.value(key);
    if (!v.isDouble())
        return fieldError(fieldName(key), QStringLiteral("must be a number"));
    return v.toDouble();
}

engine::Result<std::optional<double>> JsonFields::optionalNumber(const QString& key) const
{
    if (!has(key))
        return std::optional<double>{};
    auto n = number(key);
    if (!n)
        return n.error();
    return std::optional<double>{n.value()};
}

engine::Result<QString> JsonFields::string(const QString& key, std::optional<QString> fallback) const
{
    if (!has(key)) {
        if (fallback)
            return *fallback;
        return fieldError(fieldName(key), QStringLiteral("is required"));
    }
    const QJsonValue v = m_object.value(key);
    if (!v.isString())
        return fieldError(fieldName(key), QStringLiteral("must be a string"));
    return v.toString();
}

}  // namespace levlab::model
