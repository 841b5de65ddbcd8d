#pragma once

#include "core/model/market/market_source.h"

#include <QPointer>

namespace levlab::model {

class MarketFeed;

/// The market the app shows and trades against: one source at a time (the simulated
/// market unless a replay, or later a live exchange, is chosen). Views and models are
/// handed this one object; it passes on the active source's signals, and a switch of
/// source tells them to redraw whole (seriesReset(), then advanced()).
class Market final : public MarketSource {
    Q_OBJECT
public:
    explicit Market(MarketFeed& simulated, QObject* parent = nullptr);

    /// The source in charge; `source` null goes back to the simulated market.
    void setSource(MarketSource* source);
    [[nodiscard]] MarketSource& source() const;
    [[nodiscard]] MarketFeed& simulated() const { return m_simulated; }
    [[nodiscard]] bool isSimulated() const;

    [[nodiscard]] const CandleStore& candles() const override { return source().candles(); }
    [[nodiscard]] const CandleStore& candles(const QString& symbol) const override { return source().candles(symbol); }
    [[nodiscard]] MarketState state() const override { return source().state(); }
    [[nodiscard]] MarketState state(const QString& symbol) const override { return source().state(symbol); }
    [[nodiscard]] qint64 nowMs() const override { return source().nowMs(); }
    void setFocus(const QString& symbol) override;
    [[nodiscard]] double speed() const override { return source().speed(); }
    void setSpeed(double speed) override { source().setSpeed(speed); }
    [[nodiscard]] QString name() const override { return source().name(); }

signals:
    /// Another source is in charge.
    void sourceChanged();

private:
    void follow(MarketSource& source);

    MarketFeed& m_simulated;
    QPointer<MarketSource> m_source;
    QString m_focus;
    QList<QMetaObject::Connection> m_links;
};

}  // namespace levlab::model
