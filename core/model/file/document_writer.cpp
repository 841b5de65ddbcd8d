#include "core/model/file/document.h"

#include "core/model/file/document_ladder.h"
#include "core/model/file/document_names.h"
#include "core/model/json/json_reader.h"
#include "core/model/json/json_writer.h"
#include "core/model/plan/messages.h"

#include <algorithm>

namespace levlab::model {

namespace {

using namespace document_names;

constexpr double kLargestExactInteger = 9007199254740992.0;  // 2^53

void num(JsonText& j, std::optional<double> v)
{
    if (v && std::isfinite(*v))
        j.exact(*v);
    else
        j.null();
}

/// A plan's venue, wallet and one position, keys in alphabetical order.
void writeInputs(JsonText& j, const PlanInputs& in)
{
    j.open('{');
    writeLadder(j, in.ladder);
    j.item("positions");
    j.open('[');
    j.item();
    j.open('{');
    if (!in.entryAtMarket) {
        j.item("entry_price");
        num(j, in.entryPrice);
    }
    j.item("exit_trigger");
    j.string(QLatin1String(nameOf(kTriggers, in.exitTrigger)));
    j.item("extra_margin");
    num(j, in.extraMargin);
    j.item("fee_rate");
    num(j, in.feeRate);
    j.item("holding_hours");
    num(j, in.horizonHours);
    j.item("leverage");
    num(j, in.leverage);
    if (in.mmRate) {
        j.item("mm_rate");
        num(j, in.mmRate);
    }
    j.item("mode");
    j.string(QLatin1String(nameOf(kModes, in.marginMode)));
    switch (in.sizeMode) {
    case SizeMode::Quantity: j.item("quantity"); break;
    case SizeMode::Notional: j.item("notional"); break;
    case SizeMode::RiskPercent: j.item("risk_share"); break;
    }
    num(j, in.size);
    j.item("side");
    j.string(QLatin1String(nameOf(kSides, in.side)));
    if (in.stopLoss) {
        j.item("stop_loss");
        num(j, in.stopLoss);
    }
    j.item("symbol");
    j.string(in.symbol);
    if (in.takeProfit) {
        j.item("take_profit");
        num(j, in.takeProfit);
    }
    j.close('}');
    j.close(']');
}

void writeInputsEnd(JsonText& j, const PlanInputs& in)
{
    j.item("venue");
    j.string(std::string(engine::venueName(in.venue)));
    j.item("wallet_balance");
    num(j, in.wallet);
    j.close('}');
}

void writePlan(JsonText& j, const PlanPart& plan)
{
    writeInputs(j, plan.inputs);
    const TradeLife& life = plan.life;
    j.item("trade");
    j.open('{');
    if (life.state == TradeState::Planning) {
        j.item("entry_armed");
        j.boolean(life.entryArmed);
    }
    if (life.state == TradeState::Closed && life.exit) {
        const PositionEvent& e = *life.exit;
        j.item("exit");
        j.open('{');
        j.item("fees");
        num(j, e.fees);
        j.item("kind");
        j.string(QLatin1String(nameOf(kExits, e.kind)));
        j.item("price");
        num(j, e.price);
        j.item("result");
        num(j, e.result);
        j.item("time_ms");
        j.integer(e.timeMs);
        j.close('}');
    }
    if (life.state != TradeState::Planning) {
        j.item("opened_ms");
        j.integer(life.openedMs);
        j.item("planned");
        writeInputs(j, life.planned);
        writeInputsEnd(j, life.planned);
    }
    j.item("state");
    j.string(QLatin1String(nameOf(kStates, life.state)));
    j.close('}');
    writeInputsEnd(j, plan.inputs);
}

void writePortfolio(JsonText& j, const PortfolioPart& p)
{
    j.open('{');
    j.item("holding_hours");
    num(j, p.horizonHours);
    j.item("positions");
    j.open('[');
    for (const Holding& h : p.holdings) {
        j.item();
        j.open('{');
        j.item("entry_price");
        num(j, h.entry);
        j.item("id");
        j.string(h.id);
        if (h.isolatedMargin) {
            j.item("isolated_margin");
            num(j, h.isolatedMargin);
        }
        j.item("leverage");
        num(j, h.leverage);
        if (h.mmRate) {
            j.item("mm_rate");
            num(j, h.mmRate);
        }
        j.item("mode");
        j.string(QLatin1String(nameOf(kModes, h.mode)));
        j.item("quantity");
        num(j, h.quantity);
        j.item("side");
        j.string(QLatin1String(nameOf(kSides, h.side)));
        j.item("symbol");
        j.string(h.symbol);
        j.close('}');
    }
    j.close(']');
    j.item("shock");
    num(j, p.shock);
    j.item("venue");
    j.string(std::string(engine::venueName(p.venue)));
    j.item("wallet_balance");
    num(j, p.wallet);
    j.close('}');
}

void writeMarket(JsonText& j, const MarketPoint& m)
{
    j.open('{');
    j.item("funding_rate");
    num(j, m.fundingRate);
    j.item("history_minutes");
    j.integer(static_cast<qint64>(m.historyMinutes));
    j.item("marks");
    j.open('{');
    auto marks = m.marks;
    std::sort(marks.begin(), marks.end());
    for (const auto& [asset, mark] : marks) {
        j.item(asset.toUtf8().constData());
        num(j, mark);
    }
    j.close('}');
    j.item("scenario");
    j.string(QLatin1String(nameOf(kScenarioNames, m.scenario)));
    j.item("seed");
    if (static_cast<double>(m.seed) < kLargestExactInteger)
        j.integer(static_cast<qint64>(m.seed));
    else
        j.string(std::to_string(m.seed));
    j.item("speed");
    num(j, m.speed);
    j.item("time_ms");
    j.integer(m.timeMs);
    j.close('}');
}

void writeView(JsonText& j, const ViewState& v)
{
    j.open('{');
    if (!v.followLatest) {
        j.item("end_ms");
        j.integer(v.endMs);
    }
    j.item("follow_latest");
    j.boolean(v.followLatest);
    j.item("span_ms");
    j.integer(v.spanMs);
    j.close('}');
}

}  // namespace

QByteArray writeDocument(const Document& doc)
{
    const std::size_t holdings = doc.portfolio ? doc.portfolio->holdings.size() : 0;
    JsonText j(2048 + holdings * 320);
    j.open('{');
    j.item("format");
    j.string(std::string(kDocumentFormat));
    j.item("market");
    writeMarket(j, doc.market);
    if (doc.plan) {
        j.item("plan");
        writePlan(j, *doc.plan);
    }
    if (doc.portfolio) {
        j.item("portfolio");
        writePortfolio(j, *doc.portfolio);
    }
    j.item("view");
    writeView(j, doc.view);
    j.close('}');
    QByteArray out = j.take();
    out += '\n';
    return out;
}

}  // namespace levlab::model
