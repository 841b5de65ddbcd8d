#pragma once

#include "core/engine/account/account.h"
#include "core/engine/result.h"
#include "core/model/file/document.h"

#include <optional>

namespace levlab::model {

class MarketFeed;
class PortfolioModel;
class RiskModel;
class TierLibrary;

/// What the models hold now, as a document: the plan with its trade's life, the
/// portfolio, where the market stands, and the view given.
Document captureDocument(const RiskModel& risk, const PortfolioModel& portfolio, const MarketFeed& feed, const ViewState& view);

/// Puts a document into the models, all or nothing: the market it was saved at is
/// started again (MarketFeed::restartAt) and the plan and the portfolio are checked
/// against it before anything changes. A refusal ("LINE:COL: Leverage: …", placed in
/// the document's text when it was read from one) changes nothing; on success the plan
/// and the portfolio each emit changed() exactly once, and the market's signals follow
/// (its new marks are those the models were loaded at, so they change nothing more).
/// A document without a plan (or portfolio) leaves that model as it is.
engine::Result<void> applyDocument(const Document& document, RiskModel& risk, PortfolioModel& portfolio, MarketFeed& feed);

/// The figures of a document as the window shows them, computed by the same models at
/// the document's market without running one: what `levlab-cli evaluate` prints.
struct DocumentFigures final {
    std::optional<engine::AccountResult> plan;       ///< the plan's one-position account
    std::optional<engine::AccountResult> portfolio;  ///< the portfolio's account
};
engine::Result<DocumentFigures> evaluateDocument(const Document& document, const TierLibrary& tiers);

/// The market a model sees for `symbol` at a market point, as MarketFeed::state() gives
/// it right after restartAt(point), without its last hour of wicks.
MarketState marketAt(const MarketPoint& point, const QString& symbol);

}  // namespace levlab::model
