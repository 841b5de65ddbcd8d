#include "core/model/tiers/tier_fetch.h"

#include "core/model/tiers/tier_status.h"

#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

namespace levlab::model {

namespace {

QString venueText(engine::Venue v)
{
    const std::string_view name = engine::venueDisplayName(v);
    return QString::fromUtf8(name.data(), qsizetype(name.size()));
}

/// The venue's public REST server, as its API documentation names it.
QUrl publicServer(engine::Venue venue)
{
    switch (venue) {
    case engine::Venue::Bybit:
        return QUrl(QStringLiteral("https://api.bybit.com"));
    case engine::Venue::Okx:
        return QUrl(QStringLiteral("https://www.okx.com"));
    case engine::Venue::Gate:
        return QUrl(QStringLiteral("https://api.gateio.ws"));
    case engine::Venue::Hyperliquid:
        return QUrl(QStringLiteral("https://api.hyperliquid.xyz"));
    case engine::Venue::Bitmex:
        return QUrl(QStringLiteral("https://www.bitmex.com"));
    case engine::Venue::Binance:
    case engine::Venue::Textbook:
        break;
    }
    return {};
}

QUrl withPath(QUrl base, const QString& path, const QList<std::pair<QString, QString>>& query)
{
    base.setPath(base.path().chopped(base.path().endsWith(QLatin1Char('/')) ? 1 : 0) + path);
    QUrlQuery q;
    for (const auto& [key, value] : query)
        q.addQueryItem(key, value);
    base.setQuery(q);
    return base;
}

}  // namespace

std::optional<double> okxContractSize(const QString& instId)
{
    // OKX GET /api/v5/public/instruments?instType=SWAP: ctVal 0.01 BTC and 0.1 ETH.
    if (instId.compare(QLatin1String("BTC-USDT-SWAP"), Qt::CaseInsensitive) == 0)
        return 0.01;
    if (instId.compare(QLatin1String("ETH-USDT-SWAP"), Qt::CaseInsensitive) == 0)
        return 0.1;
    return std::nullopt;
}

engine::Result<TierFetchTarget> tierFetchTarget(engine::Venue venue, const QString& symbol)
{
    if (!tierRefreshable(venue))
        return engine::Error { "venue",
            venue == engine::Venue::Binance
                ? "Binance's risk-limit table needs an account: save GET /fapi/v1/leverageBracket and import the file"
                : "the textbook venue has no public table" };
    if (symbol.trimmed().isEmpty())
        return engine::Error { "symbol", "name the symbol the table is for" };
    const QByteArray override = qgetenv("LEVLAB_TIERS_URL");
    const QUrl base = override.isEmpty() ? publicServer(venue) : QUrl(QString::fromUtf8(override));
    using Q = QList<std::pair<QString, QString>>;
    switch (venue) {
    case engine::Venue::Bybit: {
        // Bybit names its inverse contracts XXXUSD and its linear ones XXXUSDT or XXXUSDC.
        const bool inverse = symbol.endsWith(QLatin1String("USD"), Qt::CaseInsensitive);
        return TierFetchTarget { withPath(base, QStringLiteral("/v5/market/risk-limit"),
            Q { { QStringLiteral("category"), inverse ? QStringLiteral("inverse") : QStringLiteral("linear") },
                { QStringLiteral("symbol"), symbol } }), {} };
    }
    case engine::Venue::Okx: {
        QString family = symbol;
        family.remove(QStringLiteral("-SWAP"), Qt::CaseInsensitive);
        return TierFetchTarget { withPath(base, QStringLiteral("/api/v5/public/position-tiers"),
            Q { { QStringLiteral("instType"), QStringLiteral("SWAP") }, { QStringLiteral("tdMode"), QStringLiteral("cross") },
                { QStringLiteral("instFamily"), family }, { QStringLiteral("instId"), symbol } }), {} };
    }
    case engine::Venue::Gate:
        return TierFetchTarget { withPath(base, QStringLiteral("/api/v4/futures/usdt/risk_limit_tiers"),
            Q { { QStringLiteral("contract"), symbol } }), {} };
    case engine::Venue::Hyperliquid:
        return TierFetchTarget { withPath(base, QStringLiteral("/info"), {}), QByteArrayLiteral(R"({"type":"meta"})") };
    case engine::Venue::Bitmex:
        return TierFetchTarget { withPath(base, QStringLiteral("/api/v1/instrument"),
            Q { { QStringLiteral("symbol"), symbol } }), {} };
    case engine::Venue::Binance:
    case engine::Venue::Textbook:
        break;
    }
    return engine::Error { "venue", "no public table" };
}

TierFetcher::TierFetcher(QObject* parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_reply)
            finish(m_reply, true);
    });
}

TierFetcher::~TierFetcher()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void TierFetcher::fetch(const TierImportRequest& request, Done done)
{
    auto target = tierFetchTarget(request.venue, request.symbol);
    if (busy())
        target = engine::Error { "", "a table is being fetched already: wait for it" };
    if (!target) {
        QTimer::singleShot(0, this, [done = std::move(done), e = target.error()] { done(e); });
        return;
    }
    m_request = request;
    m_url = target->url;
    m_done = std::move(done);
    QNetworkRequest r(m_url);
    r.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    r.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply* reply = target->postBody.isEmpty() ? m_network.get(r) : m_network.post(r, target->postBody);
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { finish(reply, false); });
    m_timer->start(m_timeoutMs);
}

void TierFetcher::finish(QNetworkReply* reply, bool timedOut)
{
    if (reply != m_reply)
        return;
    m_timer->stop();
    m_reply = nullptr;
    reply->disconnect(this);
    if (timedOut)
        reply->abort();
    reply->deleteLater();
    const QString venue = venueText(m_request.venue);
    const QString host = m_url.host() + (m_url.port() > 0 ? QStringLiteral(":%1").arg(m_url.port()) : QString());
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    auto fail = [&](const QString& words) { return engine::Error { "", words.toStdString() }; };
    engine::Result<TierTable> result = fail(QString());
    if (timedOut) {
        result = fail(QStringLiteral("%1 (%2) did not answer within %3 s: try again later, or import a saved response")
                          .arg(venue, host)
                          .arg(m_timeoutMs / 1000.0));
    } else if (status == 429) {
        result = fail(QStringLiteral("%1 is limiting requests (HTTP 429, too many requests): try again in a minute").arg(venue));
    } else if (status >= 500) {
        result = fail(QStringLiteral("%1's server failed (HTTP %2): try again later").arg(venue).arg(status));
    } else if (status >= 400) {
        result = fail(QStringLiteral("%1 refused the request (HTTP %2) for %3").arg(venue).arg(status).arg(m_request.symbol));
    } else if (reply->error() != QNetworkReply::NoError || status == 0) {
        result = fail(QStringLiteral("cannot reach %1 (%2): %3").arg(venue, host, reply->errorString()));
    } else {
        TierImportRequest request = m_request;
        request.fetchedAt = QDateTime::currentDateTimeUtc();
        auto table = importTierResponse(request, reply->readAll());
        if (table) {
            TierTable t = std::move(table).value();
            markFetched(t, m_url);
            result = std::move(t);
        } else {
            result = fail(QStringLiteral("%1's answer is not a usable table (%2); nothing was changed")
                              .arg(venue, QString::fromStdString(table.error().message())));
        }
    }
    Done done = std::exchange(m_done, {});
    done(std::move(result));
}

}  // namespace levlab::model
