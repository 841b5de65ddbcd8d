#pragma once

#include "core/engine/result.h"
#include "core/model/feeds/market_feed.h"
#include "core/model/plan/plan_inputs.h"
#include "core/model/plan/trade.h"
#include "core/model/portfolio/portfolio_model.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace levlab::model {

class JsonSource;

/// The one file format of plans and portfolios (README, "Plans and portfolios as files").
inline constexpr char kDocumentFormat[] = "levlab/1";  ///< the "format" this version writes
inline constexpr int kDocumentMajor = 1;
inline constexpr char kDocumentSuffix[] = "levlab";
inline constexpr char kDocumentMimeType[] = "application/x-levlab+json";

/// The chart as it was shown. The candles' timeframe follows from the span (the chart
/// picks 1m, 5m, 15m, 1h or grouped hours so that no candle is narrower than 4 pixels),
/// so the span and the right edge are all of it.
struct ViewState final {
    qint64 spanMs = 6LL * 3600 * 1000;  ///< the visible time span
    bool followLatest = true;           ///< the right edge follows the newest bar
    qint64 endMs = 0;                   ///< the right edge when not following
    friend bool operator==(const ViewState&, const ViewState&) = default;
};

/// The planned position as a file keeps it: its inputs and the trade's life.
struct PlanPart final {
    PlanInputs inputs;
    TradeLife life;
    friend bool operator==(const PlanPart&, const PlanPart&) = default;
};

/// The portfolio as a file keeps it (its liquidations so far are not kept: `events`
/// stays empty).
using PortfolioPart = PortfolioModel::Memento;

/// Everything a .levlab file holds.
struct Document final {
    std::optional<PlanPart> plan;
    std::optional<PortfolioPart> portfolio;
    /// The simulated market: restarted at this point when the file opens, so the figures
    /// are those of the marks it was saved at.
    MarketPoint market;
    ViewState view;
    /// What was read but not understood, one sentence each ("written by a newer version
    /// (levlab/1.3): 2 unknown fields ignored: plan.colour, view.grid"). Never written.
    QStringList notices;
    /// Where each value was in the text it was read from (null when built in memory),
    /// so that a refusal found later can still name its line and column.
    std::shared_ptr<const JsonSource> source;
};

/// Reads a .levlab file, strictly. A syntax error, a value of the wrong type, a missing
/// required field, an unknown field (in "levlab/1"; a newer minor "levlab/1.N" opens with
/// a notice listing them), a format of another major version, or a value outside the
/// range the models accept is refused as one line, "LINE:COL: what is wrong"
/// ("14:7: \"leverage\" must be a number"); the caller puts the file's name in front.
/// Rules that need the venue's tables (a leverage above the row's maximum, a stop on the
/// wrong side of the entry) are checked by applyDocument() and evaluateDocument(), which
/// name the line and column the same way.
engine::Result<Document> readDocument(const QByteArray& bytes);

/// The document as canonical text: keys in alphabetical order, four-space indents, each
/// number in the fewest digits that read back as the same double. Reading it back and
/// writing again gives the same bytes.
QByteArray writeDocument(const Document& document);

/// The field `field` of the model (as a Refusal names it) of the document's plan or
/// portfolio as "LINE:COL: " + message, where the source knows the place.
QString placeRefusal(const Document& document, const QString& part, const Refusal& refusal);

}  // namespace levlab::model
