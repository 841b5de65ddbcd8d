#include "core/model/plan/messages.h"

#include "core/model/plan/plan_inputs.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace levlab::model {

namespace {

QString labelOf(const QString& name)
{
    static const QHash<QString, const char*> labels{
        {QStringLiteral("venue"), QT_TRANSLATE_NOOP("Field", "Venue")},
        {QStringLiteral("symbol"), QT_TRANSLATE_NOOP("Field", "Symbol")},
        {QStringLiteral("side"), QT_TRANSLATE_NOOP("Field", "Side")},
        {QStringLiteral("entry"), QT_TRANSLATE_NOOP("Field", "Entry")},
        {QStringLiteral("entry_price"), QT_TRANSLATE_NOOP("Field", "Entry")},
        {QStringLiteral("size"), QT_TRANSLATE_NOOP("Field", "Size")},
        {QStringLiteral("quantity"), QT_TRANSLATE_NOOP("Field", "Size")},
        {QStringLiteral("leverage"), QT_TRANSLATE_NOOP("Field", "Leverage")},
        {QStringLiteral("mode"), QT_TRANSLATE_NOOP("Field", "Margin")},
        {QStringLiteral("margin_mode"), QT_TRANSLATE_NOOP("Field", "Margin")},
        {QStringLiteral("wallet"), QT_TRANSLATE_NOOP("Field", "Wallet")},
        {QStringLiteral("wallet_balance"), QT_TRANSLATE_NOOP("Field", "Wallet")},
        {QStringLiteral("extra_margin"), QT_TRANSLATE_NOOP("Field", "Added margin")},
        {QStringLiteral("isolated_margin"), QT_TRANSLATE_NOOP("Field", "Margin")},
        {QStringLiteral("stop_loss"), QT_TRANSLATE_NOOP("Field", "Stop-loss")},
        {QStringLiteral("take_profit"), QT_TRANSLATE_NOOP("Field", "Take-profit")},
        {QStringLiteral("horizon"), QT_TRANSLATE_NOOP("Field", "Holding")},
        {QStringLiteral("fee_rate"), QT_TRANSLATE_NOOP("Field", "Taker fee")},
        {QStringLiteral("liquidation"), QT_TRANSLATE_NOOP("Field", "Liquidation")},
        {QStringLiteral("liquidation_price"), QT_TRANSLATE_NOOP("Field", "Liquidation")},
        {QStringLiteral("mark_price"), QT_TRANSLATE_NOOP("Field", "Mark")},
        {QStringLiteral("mm_rate"), QT_TRANSLATE_NOOP("Field", "Maintenance rate")},
        {QStringLiteral("trade"), QT_TRANSLATE_NOOP("Field", "Trade")},
        {QStringLiteral("position"), QT_TRANSLATE_NOOP("Field", "Position")},
        {QStringLiteral("shock"), QT_TRANSLATE_NOOP("Field", "Price shock")},
        {QStringLiteral("transfer"), QT_TRANSLATE_NOOP("Field", "Transfer")},
        {QStringLiteral("exits"), QT_TRANSLATE_NOOP("Field", "Exits")},
        {QStringLiteral("exit_ladder.targets"), QT_TRANSLATE_NOOP("Field", "Take-profits")},
        {QStringLiteral("break_even_after.target"), QT_TRANSLATE_NOOP("Field", "Break-even after")},
        {QStringLiteral("trailing_stop.distance"), QT_TRANSLATE_NOOP("Field", "Trailing stop")},
        {QStringLiteral("trailing_stop.distance_price"), QT_TRANSLATE_NOOP("Field", "Trailing stop")},
        {QStringLiteral("trailing_stop.activation_price"), QT_TRANSLATE_NOOP("Field", "Trailing stop, activation")},
        {QStringLiteral("margin_rules.top_up"), QT_TRANSLATE_NOOP("Field", "Top-up rules")},
        {QStringLiteral("margin_rules.deleverage"), QT_TRANSLATE_NOOP("Field", "Deleveraging rules")},
    };
    const auto it = labels.find(name);
    if (it != labels.end())
        return QCoreApplication::translate("Field", it.value());
    QString words = name;
    words.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!words.isEmpty())
        words[0] = words[0].toUpper();
    return words;
}

}  // namespace

QString fieldLabel(const QString& field)
{
    // The exit plan's rows, numbered from 1 as the Exits section shows them.
    static const QRegularExpression rung(QStringLiteral("^(exit_ladder\\.targets|stop_loss\\.moves|margin_rules\\.top_up|"
                                                        "margin_rules\\.deleverage)\\[(\\d+)\\]\\.?(.*)$"));
    if (const auto m = rung.match(field); m.hasMatch()) {
        static const QHash<QString, const char*> rows{
            {QStringLiteral("exit_ladder.targets"), QT_TRANSLATE_NOOP("Field", "Take-profit %1")},
            {QStringLiteral("stop_loss.moves"), QT_TRANSLATE_NOOP("Field", "Stop move %1")},
            {QStringLiteral("margin_rules.top_up"), QT_TRANSLATE_NOOP("Field", "Top-up %1")},
            {QStringLiteral("margin_rules.deleverage"), QT_TRANSLATE_NOOP("Field", "Deleverage %1")},
        };
        static const QHash<QString, const char*> members{
            {QStringLiteral("share"), QT_TRANSLATE_NOOP("Field", "share")},
            {QStringLiteral("close"), QT_TRANSLATE_NOOP("Field", "share")},
            {QStringLiteral("at_margin_ratio"), QT_TRANSLATE_NOOP("Field", "margin ratio")},
            {QStringLiteral("add"), QT_TRANSLATE_NOOP("Field", "amount")},
            {QStringLiteral("max_times"), QT_TRANSLATE_NOOP("Field", "times")},
            {QStringLiteral("max_total"), QT_TRANSLATE_NOOP("Field", "total")},
            {QStringLiteral("after_target"), QT_TRANSLATE_NOOP("Field", "after")},
        };
        const QString row = QCoreApplication::translate("Field", rows.value(m.captured(1))).arg(m.captured(2).toInt() + 1);
        const auto member = members.constFind(m.captured(3));
        if (member == members.constEnd())
            return row;  // the price: the row's own field
        return row + QStringLiteral(", ") + QCoreApplication::translate("Field", member.value());
    }
    static const QRegularExpression row(QStringLiteral("^positions\\[(\\d+)\\]\\.?(.*)$"));
    const auto m = row.match(field);
    if (m.hasMatch()) {
        const int n = m.captured(1).toInt() + 1;
        const QString rest = m.captured(2);
        if (rest.isEmpty())
            return QCoreApplication::translate("Field", "Position %1").arg(n);
        return QCoreApplication::translate("Field", "Position %1, %2").arg(n).arg(labelOf(rest).toLower());
    }
    return labelOf(field);
}

QString formatNumber(double value, int decimals)
{
    if (!std::isfinite(value))
        return QStringLiteral("—");
    QLocale locale = QLocale::c();
    locale.setNumberOptions(QLocale::DefaultNumberOptions);  // group separators on
    return locale.toString(value, 'f', decimals);
}

QString readableReason(const QString& reason)
{
    static const QRegularExpression number(QStringLiteral("(?<![\\w.])(\\d+(?:\\.\\d+)?(?:e[-+]?\\d+)?)(?![\\w.])"));
    QString out;
    qsizetype from = 0;
    auto it = number.globalMatch(reason);
    while (it.hasNext()) {
        const auto m = it.next();
        out += reason.mid(from, m.capturedStart() - from);
        const QString text = m.captured(1);
        const double v = text.toDouble();
        const bool whole = !text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char('e'));
        if (whole && std::abs(v) < 10000.0)
            out += text;  // row numbers, small counts and leverages stay as written
        else if (whole || std::abs(v) >= 1.0)
            out += formatNumber(v, whole ? 0 : 2);
        else
            out += QString::number(v, 'g', 4);
        from = m.capturedEnd();
    }
    out += reason.mid(from);
    out.replace(QStringLiteral("brackets"), QStringLiteral("risk-limit rows"));
    out.replace(QStringLiteral("bracket"), QStringLiteral("risk-limit row"));
    return out;
}

QString Refusal::message() const
{
    QString text = reason.simplified();  // one line, whatever the reason held
    if (!text.endsWith(QLatin1Char('.')))
        text += QLatin1Char('.');
    if (field.isEmpty()) {
        if (!text.isEmpty())
            text[0] = text[0].toUpper();
        return text;
    }
    return fieldLabel(field) + QStringLiteral(": ") + text;
}

}  // namespace levlab::model
