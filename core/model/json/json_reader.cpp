#include "core/model/json/json_reader.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>
#include <vector>

namespace levlab::model {

namespace {

/// Line and column (from 1) of a byte offset; columns count characters, not bytes.
std::pair<int, int> lineAndColumn(const QByteArray& bytes, qsizetype offset)
{
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset && i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes.at(i));
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column;
        }
    }
    return {line, column};
}

QString quoted(const QString& key)
{
    return QLatin1Char('"') + key + QLatin1Char('"');
}

}  // namespace

/// Walks a text the JSON parser accepted and notes where each value and key starts.
class JsonScanner final {
public:
    JsonScanner(JsonSource& source) : m_s(source), m_b(source.m_bytes) {}

    void run() { value(QString()); }

private:
    void space()
    {
        while (m_i < m_b.size() && (m_b[m_i] == ' ' || m_b[m_i] == '\t' || m_b[m_i] == '\n' || m_b[m_i] == '\r'))
            ++m_i;
    }
    [[nodiscard]] char at() const { return m_i < m_b.size() ? m_b[m_i] : '\0'; }

    QString string()
    {
        ++m_i;  // the opening quote
        QString out;
        const qsizetype start = m_i;
        bool plain = true;
        while (m_i < m_b.size() && m_b[m_i] != '"') {
            if (m_b[m_i] == '\\') {
                plain = false;
                m_i += m_b.at(m_i + 1) == 'u' ? 6 : 2;
            } else {
                ++m_i;
            }
        }
        const QByteArray raw = m_b.mid(start, m_i - start);
        ++m_i;  // the closing quote
        if (plain)
            return QString::fromUtf8(raw);
        // Rare: let the JSON parser decode the escapes.
        return QJsonDocument::fromJson("[\"" + raw + "\"]").array().at(0).toString();
    }

    void value(const QString& path)
    {
        space();
        m_s.m_values.insert(path, m_i);
        switch (at()) {
        case '{': object(path); break;
        case '[': array(path); break;
        case '"': string(); break;
        default:
            while (m_i < m_b.size() && !QByteArrayView(",]} \t\r\n").contains(m_b[m_i]))
                ++m_i;
        }
    }

    void object(const QString& path)
    {
        ++m_i;
        space();
        if (at() == '}') {
            ++m_i;
            return;
        }
        QSet<QString> seen;
        while (m_i < m_b.size()) {
            space();
            const qsizetype keyAt = m_i;
            const QString key = string();
            const QString child = path.isEmpty() ? key : path + QLatin1Char('.') + key;
            const bool twice = seen.contains(key);
            seen.insert(key);
            if (twice && !m_s.m_duplicate)
                m_s.m_duplicate = engine::Error{"", (m_s.whereOffset(keyAt) + QStringLiteral(": ") + quoted(key)
                                                     + QStringLiteral(" is given twice")).toStdString()};
            m_s.m_keys.insert(child, keyAt);
            space();
            ++m_i;  // the colon
            value(child);
            space();
            const char c = at();
            ++m_i;
            if (c != ',')
                break;
        }
    }

    void array(const QString& path)
    {
        ++m_i;
        space();
        if (at() == ']') {
            ++m_i;
            return;
        }
        for (qsizetype k = 0; m_i < m_b.size(); ++k) {
            value(path + QLatin1Char('[') + QString::number(k) + QLatin1Char(']'));
            space();
            const char c = at();
            ++m_i;
            if (c != ',')
                break;
        }
    }

    JsonSource& m_s;
    const QByteArray& m_b;
    qsizetype m_i = 0;
};

JsonSource::JsonSource(QByteArray bytes) : m_bytes(std::move(bytes))
{
    JsonScanner(*this).run();
}

QString JsonSource::whereOffset(qsizetype offset) const
{
    const auto [line, column] = lineAndColumn(m_bytes, offset);
    return QStringLiteral("%1:%2").arg(line).arg(column);
}

QString JsonSource::where(const QString& path, bool ofKey) const
{
    if (ofKey) {
        if (const auto it = m_keys.find(path); it != m_keys.end())
            return whereOffset(it.value());
    }
    QString p = path;
    for (;;) {
        if (const auto it = m_values.find(p); it != m_values.end())
            return whereOffset(it.value());
        if (p.isEmpty())
            return whereOffset(0);
        // The enclosing value: drop the last ".key" or "[n]".
        const qsizetype cut = std::max(p.lastIndexOf(QLatin1Char('.')), p.lastIndexOf(QLatin1Char('[')));
        p = cut > 0 ? p.left(cut) : QString();
    }
}

engine::Error fieldError(const QString& field, const QString& reason)
{
    return engine::Error{field.toStdString(), reason.toStdString()};
}

engine::Result<engine::Venue> readVenue(const JsonFields& f, const QString& key, std::optional<engine::Venue> fallback)
{
    std::vector<std::pair<const char*, engine::Venue>> names;
    for (engine::Venue v : engine::kAllVenues)
        names.emplace_back(engine::venueName(v).data(), v);
    return f.choiceOf<engine::Venue>(key, names, fallback);
}

engine::Result<QJsonObject> parseJsonObject(const QByteArray& bytes)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(bytes, err.offset);
        return engine::Error{"", QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(err.errorString()).toStdString()};
    }
    if (!doc.isObject())
        return engine::Error{"", "line 1: the document must be a JSON object"};
    return doc.object();
}

namespace {

/// A syntax error in words, at the start of the token it was found in.
engine::Error syntaxError(const QByteArray& bytes, const QJsonParseError& err)
{
    qsizetype at = std::min<qsizetype>(err.offset, bytes.size());
    // The parser stops inside the token it could not take: point at its start.
    while (at > 0 && !QByteArrayView(" \t\r\n,:{}[]").contains(bytes.at(at - 1)))
        --at;
    bool atEnd = true;
    for (qsizetype i = at; i < bytes.size(); ++i)
        atEnd = atEnd && QByteArrayView(" \t\r\n").contains(bytes.at(i));
    QString what;
    switch (err.error) {
    case QJsonParseError::UnterminatedObject:
        what = atEnd ? QStringLiteral("the text ends before the object is closed: a } is missing")
                     : QStringLiteral("a comma or a closing } is missing before this");
        break;
    case QJsonParseError::UnterminatedArray:
        what = atEnd ? QStringLiteral("the text ends before the array is closed: a ] is missing")
                     : QStringLiteral("a comma or a closing ] is missing before this");
        break;
    case QJsonParseError::MissingNameSeparator: what = QStringLiteral("a colon is missing after the name"); break;
    case QJsonParseError::MissingValueSeparator: what = QStringLiteral("a comma is missing before this"); break;
    case QJsonParseError::IllegalValue:
    case QJsonParseError::IllegalNumber:
        what = QStringLiteral("this is not a value JSON knows (a number, a string in double quotes, true, false, null, { … } or [ … ])");
        break;
    case QJsonParseError::TerminationByNumber: what = QStringLiteral("the text ends in a number"); break;
    case QJsonParseError::UnterminatedString: what = QStringLiteral("this string is not closed: a \" is missing"); break;
    case QJsonParseError::IllegalEscapeSequence: what = QStringLiteral("this string holds an escape JSON does not know"); break;
    case QJsonParseError::IllegalUTF8String: what = QStringLiteral("this string is not valid UTF-8"); break;
    case QJsonParseError::GarbageAtEnd: what = QStringLiteral("there is more text after the end of the object"); break;
    case QJsonParseError::MissingObject: what = QStringLiteral("the file holds no JSON object, { … }"); break;
    default: what = err.errorString(); break;
    }
    const auto [line, column] = lineAndColumn(bytes, at);
    return engine::Error{"", QStringLiteral("%1:%2: %3").arg(line).arg(column).arg(what).toStdString()};
}

}  // namespace

engine::Result<ParsedJson> parseJsonWithSource(const QByteArray& bytes)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError)
        return syntaxError(bytes, err);
    if (!doc.isObject())
        return engine::Error{"", "1:1: the file must hold a JSON object, { … }"};
    auto source = std::make_shared<const JsonSource>(bytes);
    if (source->duplicate())
        return *source->duplicate();
    return ParsedJson{doc.object(), std::move(source)};
}

JsonFields::JsonFields(const QJsonObject& object, QString path, std::shared_ptr<const JsonSource> source)
    : m_object(object), m_path(std::move(path)), m_source(std::move(source))
{
}

bool JsonFields::has(const QString& key) const
{
    m_asked.insert(key);
    return m_object.contains(key) && !m_object.value(key).isNull();
}

QJsonValue JsonFields::value(const QString& key) const
{
    m_asked.insert(key);
    return m_object.value(key);
}

QString JsonFields::fieldName(const QString& key) const
{
    return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key;
}

engine::Error JsonFields::error(const QString& key, const QString& reason) const
{
    if (!m_source)
        return fieldError(fieldName(key), reason);
    const QString where = m_source->where(m_object.contains(key) ? fieldName(key) : m_path);
    return engine::Error{"", (where + QStringLiteral(": ") + quoted(key) + QLatin1Char(' ') + reason).toStdString()};
}

engine::Error JsonFields::errorHere(const QString& reason) const
{
    if (!m_source)
        return fieldError(m_path, reason);
    return engine::Error{"", (m_source->where(m_path) + QStringLiteral(": ") + reason).toStdString()};
}

engine::Result<double> JsonFields::number(const QString& key, std::optional<double> fallback) const
{
    if (!has(key)) {
        if (fallback)
            return *fallback;
        return error(key, QStringLiteral("is required"));
    }
    const QJsonValue v = m_object.value(key);
    if (!v.isDouble())
        return error(key, QStringLiteral("must be a number"));
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

engine::Result<qint64> JsonFields::integer(const QString& key, qint64 lo, qint64 hi, std::optional<qint64> fallback) const
{
    if (!has(key)) {
        if (fallback)
            return *fallback;
        return error(key, QStringLiteral("is required"));
    }
    const QJsonValue v = m_object.value(key);
    const double d = v.toDouble();
    // Whole numbers within qint64 read exactly; anything else is refused.
    if (!v.isDouble() || d != std::floor(d) || !(d >= static_cast<double>(lo) && d <= static_cast<double>(hi)))
        return error(key, QStringLiteral("must be a whole number from %1 to %2").arg(lo).arg(hi));
    return v.toInteger(static_cast<qint64>(d));
}

engine::Result<QString> JsonFields::string(const QString& key, std::optional<QString> fallback) const
{
    if (!has(key)) {
        if (fallback)
            return *fallback;
        return error(key, QStringLiteral("is required"));
    }
    const QJsonValue v = m_object.value(key);
    if (!v.isString())
        return error(key, QStringLiteral("must be a string"));
    return v.toString();
}

engine::Result<bool> JsonFields::boolean(const QString& key, std::optional<bool> fallback) const
{
    if (!has(key)) {
        if (fallback)
            return *fallback;
        return error(key, QStringLiteral("is required"));
    }
    const QJsonValue v = m_object.value(key);
    if (!v.isBool())
        return error(key, QStringLiteral("must be true or false"));
    return v.toBool();
}

engine::Result<JsonFields> JsonFields::object(const QString& key) const
{
    if (!has(key))
        return error(key, QStringLiteral("is required"));
    const QJsonValue v = m_object.value(key);
    if (!v.isObject())
        return error(key, QStringLiteral("must be an object, { … }"));
    return JsonFields(v.toObject(), fieldName(key), m_source);
}

engine::Result<QJsonArray> JsonFields::array(const QString& key, bool required) const
{
    if (!has(key)) {
        if (!required)
            return QJsonArray{};
        return error(key, QStringLiteral("is required"));
    }
    const QJsonValue v = m_object.value(key);
    if (!v.isArray())
        return error(key, QStringLiteral("must be an array, [ … ]"));
    return v.toArray();
}

engine::Result<JsonFields> JsonFields::element(const QString& key, const QJsonArray& array, qsizetype index) const
{
    const QString path = fieldName(key) + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
    if (!array.at(index).isObject()) {
        if (!m_source)
            return fieldError(path, QStringLiteral("must be an object"));
        return engine::Error{"", (m_source->where(path) + QStringLiteral(": each of ") + quoted(key)
                                  + QStringLiteral(" must be an object, { … }")).toStdString()};
    }
    return JsonFields(array.at(index).toObject(), path, m_source);
}

QStringList JsonFields::unknownKeys() const
{
    QStringList out;
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (!m_asked.contains(it.key()))
            out << fieldName(it.key());
    }
    return out;
}

std::optional<engine::Error> JsonFields::refuseUnknown(QStringList* notices) const
{
    const QStringList unknown = unknownKeys();
    if (unknown.isEmpty())
        return std::nullopt;
    if (notices) {
        *notices << unknown;
        return std::nullopt;
    }
    const QString key = unknown.front().mid(m_path.isEmpty() ? 0 : m_path.size() + 1);
    if (!m_source) {
        // A key with no name is still named, as the file writes it: "".
        return fieldError(key.isEmpty() ? fieldName(QStringLiteral("\"\"")) : unknown.front(),
                          QStringLiteral("is not a known field"));
    }
    return engine::Error{"", (m_source->where(unknown.front(), true) + QStringLiteral(": unknown field ") + quoted(key)).toStdString()};
}

}  // namespace levlab::model
