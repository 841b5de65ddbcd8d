#include "core/model/lessons/quiz.h"

#include "core/engine/account/account.h"
#include "core/engine/funding/funding.h"
#include "core/engine/sizing/sizing.h"

#include <QJsonArray>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <random>

namespace levlab::model {

namespace {

QString money(double v) { return QLocale(QLocale::English).toString(v, 'f', 2); }
QString price(double v) { return QLocale(QLocale::English).toString(v, 'f', 1); }
QString percent(double f, int decimals = 2) { return QString::number(f * 100.0, 'f', decimals) + QLatin1Char('%'); }

/// Draws the generator's inputs: [lo, hi] ranges (leverage whole, size to 0.1,
/// entry to 10) and lists to pick from.
class Draw final {
public:
    explicit Draw(std::uint64_t seed) : m_rng(seed) {}

    double range(const QJsonObject& g, const char* key, double step)
    {
        const QJsonArray r = g.value(QLatin1String(key)).toArray();
        const double lo = r.at(0).toDouble();
        const double hi = r.at(1).toDouble(lo);
        const double u = std::generate_canonical<double, 53>(m_rng);
        const double v = lo + u * (hi - lo);
        return step > 0 ? std::max(lo, std::round(v / step) * step) : v;
    }

    QString pick(const QJsonObject& g, const char* key, const QString& fallback)
    {
        const QJsonArray r = g.value(QLatin1String(key)).toArray();
        if (r.isEmpty())
            return fallback;
        const auto i = static_cast<qsizetype>(std::generate_canonical<double, 53>(m_rng) * static_cast<double>(r.size()));
        return r.at(std::min(i, r.size() - 1)).toString();
    }

    std::mt19937_64& rng() { return m_rng; }

private:
    std::mt19937_64 m_rng;
};

engine::Result<engine::PositionResult> textbook(engine::Side side, double size, double entry, double leverage, double mmRate)
{
    engine::PositionInput p;
    p.side = side;
    p.quantity = size;
    p.entryPrice = entry;
    p.leverage = leverage;
    p.mmRate = mmRate;
    return engine::evaluatePosition(engine::Venue::Textbook, p);
}

/// Fills `v` for one numeric generator; returns the correct value.
engine::Result<double> generate(const QJsonObject& g, Draw& d, QHash<QString, QString>& v)
{
    const QString quantity = g.value(QStringLiteral("quantity")).toString();
    const QString sideName = d.pick(g, "side", QStringLiteral("long"));
    const engine::Side side = sideName == QLatin1String("short") ? engine::Side::Short : engine::Side::Long;
    const double entry = d.range(g, "entry", 10.0);
    const double size = g.contains(QStringLiteral("size")) ? d.range(g, "size", 0.1) : 1.0;
    const double leverage = g.contains(QStringLiteral("leverage")) ? d.range(g, "leverage", 1.0) : 10.0;
    const double mmRate = g.contains(QStringLiteral("mm_rate")) ? d.range(g, "mm_rate", 0.0005) : 0.005;
    v[QStringLiteral("side")] = sideName;
    v[QStringLiteral("entry")] = price(entry);
    v[QStringLiteral("size")] = QString::number(size, 'f', 1);
    v[QStringLiteral("leverage")] = QString::number(leverage, 'f', 0);
    v[QStringLiteral("mm_rate")] = QString::number(mmRate, 'f', 4);
    v[QStringLiteral("mm_rate_pct")] = percent(mmRate);

    if (quantity == QLatin1String("initial_margin")) {
        auto r = textbook(side, size, entry, leverage, 0.005);
        if (!r)
            return r.error();
        v[QStringLiteral("answer")] = money(r->initialMargin);
        v[QStringLiteral("times_leverage")] = money(size * entry * leverage);
        v[QStringLiteral("notional")] = money(size * entry);
        v[QStringLiteral("half")] = money(r->initialMargin / 2.0);
        return r->initialMargin;
    }
    if (quantity == QLatin1String("liquidation_price") || quantity == QLatin1String("liquidation_distance")) {
        auto r = textbook(side, size, entry, leverage, mmRate);
        auto doubled = textbook(side, size, entry, 2.0 * leverage, mmRate);
        if (!r)
            return r.error();
        if (!doubled)
            return doubled.error();
        if (!r->liquidationPrice || !doubled->liquidationPrice)
            return engine::Error{"generator", "no liquidation price for these inputs"};
        const double liq = *r->liquidationPrice;
        const double distance = std::abs(liq - entry) / entry;
        v[QStringLiteral("answer")] = price(liq);
        v[QStringLiteral("answer_distance")] = percent(distance);
        v[QStringLiteral("bankruptcy")] = price(*r->bankruptcyPrice);
        v[QStringLiteral("mirror")] = price(2.0 * entry - liq);
        v[QStringLiteral("double_leverage")] = price(*doubled->liquidationPrice);
        v[QStringLiteral("margin")] = money(r->margin);
        v[QStringLiteral("maintenance")] = money(r->maintenanceMargin);
        v[QStringLiteral("answer_pct")] = percent(distance);
        v[QStringLiteral("inverse_leverage_pct")] = percent(1.0 / leverage);
        v[QStringLiteral("plus_mmr_pct")] = percent(1.0 / leverage + mmRate);
        return quantity == QLatin1String("liquidation_price") ? liq : distance;
    }
    if (quantity == QLatin1String("position_size")) {
        const double capital = d.range(g, "capital", 1000.0);
        const double risk = d.range(g, "risk", 0.0025);
        const double stopPct = d.range(g, "stop_pct", 0.0025);
        engine::SizingInput in;
        in.capital = engine::Money(capital);
        in.risk = engine::Rate(risk);
        in.entry = engine::Price(entry);
        in.stop = engine::Price(entry * (1.0 - stopPct));
        auto r = engine::sizePosition(in);
        if (!r)
            return r.error();
        v[QStringLiteral("capital")] = money(capital);
        v[QStringLiteral("risk")] = QString::number(risk, 'f', 4);
        v[QStringLiteral("risk_pct")] = percent(risk);
        v[QStringLiteral("stop_pct")] = QString::number(stopPct, 'f', 4);
        v[QStringLiteral("stop_pct_text")] = percent(stopPct);
        v[QStringLiteral("risk_amount")] = money(r->riskAmount.value());
        v[QStringLiteral("answer")] = money(r->notional.value());
        v[QStringLiteral("risk_times_leverage")] = money(capital * risk * leverage);
        v[QStringLiteral("capital_times_leverage")] = money(capital * leverage);
        return r->notional.value();
    }
    if (quantity == QLatin1String("funding_payment")) {
        const double rate = d.range(g, "funding_rate", 0.00005);
        const double pay = engine::fundingPayment(engine::ContractKind::Linear, side, size, entry, rate);
        const auto says = [](double p) { return p >= 0 ? QStringLiteral("It pays %1").arg(money(p)) : QStringLiteral("It receives %1").arg(money(-p)); };
        v[QStringLiteral("funding_pct")] = percent(rate, 3);
        v[QStringLiteral("answer_signed")] = says(pay);
        v[QStringLiteral("wrong_side")] = says(-pay);
        v[QStringLiteral("on_margin")] = says(pay / leverage);
        return pay;
    }
    return engine::Error{"generator.quantity", "'" + quantity.toStdString() + "' is not a known quantity"};
}

}  // namespace

QString fill(QString text, const QHash<QString, QString>& values)
{
    for (auto it = values.begin(); it != values.end(); ++it)
        text.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), it.value());
    return text;
}

QJsonObject fill(const QJsonObject& object, const QHash<QString, QString>& values)
{
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue v = it.value();
        if (v.isString()) {
            const QString s = fill(v.toString(), values);
            // A placeholder standing alone for a number becomes the number.
            bool isNumber = false;
            const double n = QLocale::c().toDouble(QString(s).remove(QLatin1Char(',')), &isNumber);
            out[it.key()] = v.toString().startsWith(QLatin1Char('{')) && isNumber ? QJsonValue(n) : QJsonValue(s);
        } else if (v.isObject()) {
            out[it.key()] = fill(v.toObject(), values);
        } else if (v.isArray()) {
            QJsonArray a;
            for (const QJsonValue& e : v.toArray())
                a.append(e.isObject() ? QJsonValue(fill(e.toObject(), values)) : e);
            out[it.key()] = a;
        } else {
            out[it.key()] = v;
        }
    }
    return out;
}

engine::Result<AskedQuestion> ask(const Lesson& lesson, const Question& q, std::uint64_t seed)
{
    AskedQuestion a;
    a.lessonId = lesson.id;
    a.questionId = q.id;
    a.kind = q.kind;
    a.action = q.action;
    Draw draw(seed);
    if (q.kind == Question::Kind::Numeric) {
        // Draw until every option reads differently (ties of rounded values are rare).
        for (int attempt = 0;; ++attempt) {
            a.values.clear();
            auto answer = generate(q.generator, draw, a.values);
            if (!answer)
                return answer.error();
            a.answer = answer.value();
            QStringList seen;
            bool distinct = true;
            for (const QuizOption& o : q.options) {
                const QString t = fill(o.text, a.values);
                distinct = distinct && !seen.contains(t);
                seen << t;
            }
            if (distinct)
                break;
            if (attempt == 20)
                return engine::Error{"options", "the generated options are not distinct"};
        }
    }
    a.prompt = fill(q.prompt, a.values);
    for (const QString& g : q.givens)
        a.givens << fill(g, a.values);
    a.scenario = fill(q.scenario, a.values);
    std::vector<int> order(q.options.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int>(i);
    // Action questions keep their order (success first); the others are shuffled.
    if (q.kind != Question::Kind::Action)
        std::shuffle(order.begin(), order.end(), draw.rng());
    for (std::size_t i = 0; i < order.size(); ++i) {
        const QuizOption& o = q.options[static_cast<std::size_t>(order[i])];
        a.options.push_back({fill(o.text, a.values), fill(o.explanation, a.values)});
        if (order[i] == q.correct)
            a.correct = static_cast<int>(i);
    }
    return a;
}

bool isCorrect(const AskedQuestion& asked, int chosen)
{
    return chosen == asked.correct;
}

}  // namespace levlab::model

namespace levlab::model {

LessonScore scoreOf(const QuizProgress& progress, const Lesson& lesson)
{
    LessonScore s;
    s.total = static_cast<int>(lesson.questions.size());
    for (const Question& q : lesson.questions) {
        const auto r = progress.recordOf(q.id);
        if (!r || !r->lastCorrect)
            continue;
        ++s.eventually;
        if (r->tries == 1)
            ++s.firstTry;
    }
    return s;
}

}  // namespace levlab::model
