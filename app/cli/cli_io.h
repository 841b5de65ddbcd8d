#pragma once

#include <QCommandLineOption>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

class QCommandLineParser;

namespace levlab::cli {

/// Exit codes: 0 done, 2 the input was refused (one line on stderr).
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 2;

/// `text` with line breaks and other control characters escaped ("\n").
QString oneLine(const QString& text);

/// Prints "levlab-cli: <message>" on stderr, on one line, and returns kExitBadInput.
int refuse(const QString& message);

/// The -h/--help option each command adds in place of QCommandLineParser::addHelpOption(),
/// which would also offer Qt's --help-all.
QCommandLineOption helpOption();
/// Prints the parser's help with its usage line naming "levlab-cli COMMAND" (not argv[0]); returns kExitOk.
int printCommandHelp(const QCommandLineParser& parser, const QString& command);

void printJson(const QJsonObject& object);
void printBytes(const QByteArray& bytes);
void printText(const QString& text);

/// A fraction given as "0.01" or "1%". A bare number of 1 or more is read as a
/// percentage too, since no risk or rate of 100% or more makes sense.
std::optional<double> parseFraction(const QString& text);
std::optional<double> parseNumber(const QString& text);
/// "5,10,20" → {5, 10, 20}; none when any item is not a number.
std::optional<std::vector<double>> parseList(const QString& text, bool fractions);

/// A plain-text table with right-aligned numeric columns.
QString formatTable(const QStringList& header, const std::vector<QStringList>& rows);

/// Human-readable numbers: thousands separators and fixed decimals.
QString money(double v, int decimals = 2);
QString percent(double fraction, int decimals = 2);
QString optionalPrice(std::optional<double> v, int decimals = 2);
/// "12.5x", "100x": as many decimals as the leverage has.
QString leverageText(double leverage);

}  // namespace levlab::cli
