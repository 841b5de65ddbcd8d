#include "core/model/file/document_binding.h"

#include "core/model/feeds/market_feed.h"
#include "core/model/file/document_ladder.h"
#include "core/model/json/json_reader.h"
#include "core/model/plan/messages.h"
#include "core/model/plan/risk_model.h"
#include "core/model/portfolio/portfolio_model.h"

#include <cmath>

namespace levlab::model {

namespace {

QString sizeKey(SizeMode mode)
{
    switch (mode) {
    case SizeMode::Quantity: return QStringLiteral("quantity");
    case SizeMode::Notional: return QStringLiteral("notional");
    case SizeMode::RiskPercent: return QStringLiteral("risk_share");
    }
    return QStringLiteral("quantity");
}

/// The path in the file of a field as a model names it in a refusal.
QString pathOf(const Document& doc, const QString& part, const QString& field)
{
    if (part == QLatin1String("portfolio")) {
        if (field == QLatin1String("wallet") || field == QLatin1String("wallet_balance"))
            return QStringLiteral("portfolio.wallet_balance");
        if (field == QLatin1String("horizon"))
            return QStringLiteral("portfolio.holding_hours");
        if (field == QLatin1String("shock") || field.startsWith(QLatin1String("positions")))
            return QStringLiteral("portfolio.") + field;
        return QStringLiteral("portfolio");
    }
    if (part != QLatin1String("plan") || !doc.plan)
        return part;
    QString f = field;
    QString base = QStringLiteral("plan");
    const PlanInputs* in = &doc.plan->inputs;
    if (f.startsWith(QLatin1String("planned."))) {
        f = f.mid(8);
        base = QStringLiteral("plan.trade.planned");
        in = &doc.plan->life.planned;
    }
    if (f == QLatin1String("wallet"))
        return base + QStringLiteral(".wallet_balance");
    if (f == QLatin1String("venue"))
        return base + QStringLiteral(".venue");
    if (f == QLatin1String("trade"))
        return QStringLiteral("plan.trade");
    if (f.isEmpty() || f == QLatin1String("plan"))
        return base;
    if (const QString member = ladderPath(f, in->ladder); !member.isEmpty())
        return base + QLatin1Char('.') + member;
    const QString pos = base + QStringLiteral(".positions[0].");
    if (f == QLatin1String("size"))
        return pos + sizeKey(in->sizeMode);
    if (f == QLatin1String("horizon"))
        return pos + QStringLiteral("holding_hours");
    if (f == QLatin1String("entry"))
        return pos + QStringLiteral("entry_price");
    if (f == QLatin1String("margin_mode"))
        return pos + QStringLiteral("mode");
    if (f == QLatin1String("liquidation"))
        return pos + QStringLiteral("leverage");
    return pos + f;
}

engine::Error placed(const Document& doc, const QString& part, const Refusal& r)
{
    return engine::Error{"", placeRefusal(doc, part, r).toStdString()};
}

PortfolioModel::Marks marksOf(const MarketPoint& point)
{
    PortfolioModel::Marks m;
    for (const auto& [asset, mark] : point.marks)
        m.marks.insert(asset, mark);
    m.fundingRate = point.fundingRate;
    return m;
}

}  // namespace

QString placeRefusal(const Document& doc, const QString& part, const Refusal& r)
{
    Refusal shown = r;
    if (shown.field.startsWith(QLatin1String("planned.")))
        shown.field = shown.field.mid(8);
    const QString message = shown.message();
    if (!doc.source)
        return message;
    return doc.source->where(pathOf(doc, part, r.field)) + QStringLiteral(": ") + message;
}

MarketState marketAt(const MarketPoint& point, const QString& symbol)
{
    const QString s = symbol.toUpper();
    double mark = 0.0;
    for (const auto& [asset, m] : point.marks) {
        const bool leader = asset == QLatin1String("BTC");
        if (leader && mark == 0.0)
            mark = m;  // a symbol the market does not carry reads the leader, as MarketFeed::state() does
        if (s.startsWith(asset) || (leader && s.startsWith(QLatin1String("XBT")))) {
            mark = m;
            if (!leader)
                break;
        }
    }
    MarketState out;
    out.timeMs = point.timeMs;
    out.mark = out.last = out.index = mark;
    out.fundingRate = point.fundingRate;
    out.recentLow = out.recentHigh = mark;
    return out;
}

Document captureDocument(const RiskModel& risk, const PortfolioModel& portfolio, const MarketFeed& feed, const ViewState& view)
{
    Document doc;
    doc.plan = PlanPart{risk.inputs(), risk.tradeLife()};
    doc.portfolio = portfolio.save();
    doc.portfolio->events.clear();
    doc.market = feed.point();
    doc.view = view;
    return doc;
}

engine::Result<void> applyDocument(const Document& doc, RiskModel& risk, PortfolioModel& portfolio, MarketFeed& feed)
{
    // The market the file was saved at, started again apart from the live one: the
    // models are checked against it before anything changes.
    const double leader = marketAt(doc.market, QStringLiteral("BTC")).mark;
    if (!(std::isfinite(leader) && leader > 0.0))
        return engine::Error{"market", "needs the mark of BTC to start the market again"};
    MarketFeed fresh(doc.market.seed, 1.0, doc.market.timeMs);
    fresh.restartAt(doc.market);
    fresh.setFocus(doc.plan ? doc.plan->inputs.symbol : feed.focus());
    MarketState planMarket;
    if (doc.plan) {
        planMarket = fresh.state(doc.plan->inputs.symbol);
        if (auto r = risk.checkLoad(doc.plan->inputs, doc.plan->life, planMarket))
            return placed(doc, QStringLiteral("plan"), *r);
    }
    PortfolioModel::Marks marks;
    marks.marks.insert(QStringLiteral("BTC"), fresh.markOf(QStringLiteral("BTC")));
    for (const Follower& f : fresh.followers())
        marks.marks.insert(f.symbol(), f.price());
    marks.fundingRate = fresh.lastTick().fundingRate;
    if (doc.portfolio) {
        if (auto r = portfolio.checkAll(*doc.portfolio, marks))
            return placed(doc, QStringLiteral("portfolio"), *r);
    }
    // A file is the whole work. A part it does not hold is not kept from the work on
    // screen as it stands: its prices belong to another market, and an open trade or a
    // portfolio entered at 60,000 would be liquidated the moment the market starts again
    // at 42,000. A missing portfolio is emptied; a missing plan is planned again there.
    std::optional<TradeLife> replanned;
    MarketState replanMarket;
    if (!doc.plan && risk.tradeState() != TradeState::Planning) {
        TradeLife life;
        life.planned = risk.tradeLife().planned;
        replanMarket = fresh.state(life.planned.symbol);
        if (!risk.checkLoad(life.planned, life, replanMarket))
            replanned = life;
    }
    // The models first, at the market they will see; then the market, whose signals
    // then bring them nothing new.
    if (doc.plan)
        risk.load(doc.plan->inputs, doc.plan->life, planMarket);
    else if (replanned)
        risk.load(replanned->planned, *replanned, replanMarket);
    if (doc.portfolio) {
        portfolio.replaceAll(*doc.portfolio, marks);
    } else {
        PortfolioModel::Memento empty = portfolio.save();
        empty.holdings.clear();
        empty.events.clear();
        portfolio.replaceAll(empty, marks);
    }
    feed.restore(*fresh.save());
    return {};
}

engine::Result<DocumentFigures> evaluateDocument(const Document& doc, const TierLibrary& tiers)
{
    DocumentFigures out;
    if (doc.plan) {
        RiskModel risk(tiers);
        if (auto r = risk.load(doc.plan->inputs, doc.plan->life, marketAt(doc.market, doc.plan->inputs.symbol)))
            return placed(doc, QStringLiteral("plan"), *r);
        if (!risk.snapshot().valid)
            return placed(doc, QStringLiteral("plan"), Refusal{QStringLiteral("plan"), risk.snapshot().problem});
        out.plan = risk.snapshot().account;
    }
    if (doc.portfolio) {
        PortfolioModel portfolio(tiers);
        if (auto r = portfolio.replaceAll(*doc.portfolio, marksOf(doc.market)))
            return placed(doc, QStringLiteral("portfolio"), *r);
        out.portfolio = portfolio.snapshot().account;
    }
    return out;
}

}  // namespace levlab::model
