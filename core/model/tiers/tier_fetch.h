#pragma once

#include "core/engine/result.h"
#include "core/model/tiers/tier_import.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <optional>

class QTimer;

namespace levlab::model {

/// Where a venue's risk-limit table is fetched from: the URL, and the body of a POST (empty: GET).
struct TierFetchTarget final {
    QUrl url;
    QByteArray postBody;
};

/// The public endpoint of `venue`'s table for `symbol`, in the venue's own name for it
/// ("BTCUSDT", "BTC-USDT-SWAP", "BTC_USDT", "BTC", "XBTUSD"): the venue's public server,
/// unless LEVLAB_TIERS_URL is set — then that server, for every venue (a test hook for a
/// local stand-in, documented in the README). Binance's needs an account: refused.
[[nodiscard]] engine::Result<TierFetchTarget> tierFetchTarget(engine::Venue venue, const QString& symbol);

/// OKX counts its tiers in contracts: base units per contract (OKX's instrument `ctVal`)
/// of the swaps the app ships a table for, else nullopt.
[[nodiscard]] std::optional<double> okxContractSize(const QString& instId);

/// Fetches a venue's risk-limit table from its public endpoint, asynchronously, and
/// checks the answer as a saved response is checked (importTierResponse). A timeout, a
/// refusal (HTTP 429, 5xx, …) or an answer that is not a valid table comes back in words.
/// It stores nothing: the caller decides (see TierUpdates, levlab-cli tiers --fetch).
class TierFetcher final : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(engine::Result<TierTable>)>;
    explicit TierFetcher(QObject* parent = nullptr);
    ~TierFetcher() override;

    static constexpr int kDefaultTimeoutMs = 15000;
    /// How long to wait for the whole answer before giving up.
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    /// Starts fetching `request`'s table (its fetch time is set to when the answer
    /// arrives); `done` is called once, later, from the event loop. One at a time:
    /// while busy, refused at once.
    void fetch(const TierImportRequest& request, Done done);
    [[nodiscard]] bool busy() const { return m_reply != nullptr; }

private:
    void finish(QNetworkReply* reply, bool timedOut);

    QNetworkAccessManager m_network;
    int m_timeoutMs = kDefaultTimeoutMs;
    QPointer<QNetworkReply> m_reply;
    QTimer* m_timer = nullptr;
    TierImportRequest m_request;
    QUrl m_url;
    Done m_done;
};

}  // namespace levlab::model
