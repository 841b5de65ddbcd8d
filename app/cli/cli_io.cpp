#include "app/cli/cli_io.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QLocale>
#include <QTextStream>

#include <cmath>
#include <cstdio>

namespace levlab::cli {

QString oneLine(const QString& text)
{
    // Input echoed in a message (a file name, an option value, a JSON key) may hold
    // line breaks or other control characters: shown escaped, the message stays one line.
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == QLatin1Char('\n'))
            out += QLatin1String("\\n");
        else if (c == QLatin1Char('\r'))
            out += QLatin1String("\\r");
        else if (c == QLatin1Char('\t'))
            out += QLatin1String("\\t");
        else if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

int refuse(const QString& message)
{
    QTextStream err(stderr);
    err << "levlab-cli: " << oneLine(message) << '\n';
    return kExitBadInput;
}

QCommandLineOption helpOption()
{
    return QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
}

int printCommandHelp(const QCommandLineParser& parser, const QString& command)
{
    // Qt's usage line names the program as it was started (a build path, say); the reader types levlab-cli.
    QString text = parser.helpText();
    const QString started = QStringLiteral("Usage: ") + QCoreApplication::arguments().constFirst();
    if (text.startsWith(started))
        text.replace(0, started.size(), QStringLiteral("Usage: levlab-cli ") + command);
    printText(text);
    return kExitOk;
}

void printBytes(const QByteArray& bytes)
{
    // Straight to stdout: a text stream would convert a large document to UTF-16 and back.
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stdout);
    std::fflush(stdout);
}

void printJson(const QJsonObject& object)
{
    printBytes(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

void printText(const QString& text)
{
    QTextStream out(stdout);
    out << text;
}

std::optional<double> parseNumber(const QString& text)
{
    bool ok = false;
    const double v = QLocale::c().toDouble(text.trimmed(), &ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<double> parseFraction(const QString& text)
{
    QString t = text.trimmed();
    const bool percentSign = t.endsWith(QLatin1Char('%'));
    if (percentSign)
        t.chop(1);
    auto v = parseNumber(t);
    if (!v)
        return std::nullopt;
    if (percentSign || std::abs(*v) >= 1.0)
        return *v / 100.0;
    return *v;
}

std::optional<std::vector<double>> parseList(const QString& text, bool fractions)
{
    std::vector<double> out;
    for (const QString& item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        auto v = fractions ? parseFraction(item) : parseNumber(item);
        if (!v)
            return std::nullopt;
        out.push_back(*v);
    }
    if (out.empty())
        return std::nullopt;
    return out;
}

QString formatTable(const QStringList& header, const std::vector<QStringList>& rows)
{
    std::vector<qsizetype> width(static_cast<std::size_t>(header.size()));
    for (qsizetype c = 0; c < header.size(); ++c)
        width[static_cast<std::size_t>(c)] = header[c].size();
    for (const auto& row : rows) {
        for (qsizetype c = 0; c < row.size() && c < header.size(); ++c)
            width[static_cast<std::size_t>(c)] = std::max(width[static_cast<std::size_t>(c)], row[c].size());
    }
    auto line = [&](const QStringList& cells) {
        QStringList padded;
        for (qsizetype c = 0; c < header.size(); ++c) {
            const QString cell = c < cells.size() ? cells[c] : QString();
            const auto w = static_cast<int>(width[static_cast<std::size_t>(c)]);
            padded << (c == 0 ? cell.leftJustified(w) : cell.rightJustified(w));
        }
        return padded.join(QStringLiteral("  ")) + QLatin1Char('\n');
    };
    QString out = line(header);
    qsizetype total = 0;
    for (auto w : width)
        total += w;
    out += QString(total + 2 * (header.size() - 1), QLatin1Char('-')) + QLatin1Char('\n');
    for (const auto& row : rows)
        out += line(row);
    return out;
}

QString money(double v, int decimals)
{
    QLocale l(QLocale::English);
    l.setNumberOptions(QLocale::DefaultNumberOptions);
    return l.toString(v, 'f', decimals);
}

QString percent(double fraction, int decimals)
{
    return QLocale::c().toString(fraction * 100.0, 'f', decimals) + QLatin1Char('%');
}

QString optionalPrice(std::optional<double> v, int decimals)
{
    return v ? money(*v, decimals) : QStringLiteral("none");
}

QString leverageText(double leverage)
{
    return QLocale::c().toString(leverage, 'g', 10) + QLatin1Char('x');
}

}  // namespace levlab::cli
