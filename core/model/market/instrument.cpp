#include "core/model/market/instrument.h"

#include <QHash>

#include <array>

namespace levlab::model {

Instrument Instrument::parse(const QString& symbol)
{
    Instrument out;
    out.symbol = symbol;
    QString s = symbol.toUpper();
    // Contract suffixes: Binance COIN-M "_PERP", OKX "-SWAP", "-PERP".
    for (const char* suffix : {"_PERP", "-PERP", "-SWAP", "PERP"}) {
        if (s.endsWith(QLatin1String(suffix)) && s.size() > static_cast<qsizetype>(qstrlen(suffix))) {
            s.chop(static_cast<qsizetype>(qstrlen(suffix)));
            break;
        }
    }
    s.remove(QLatin1Char('/')).remove(QLatin1Char('-')).remove(QLatin1Char('_'));
    static const std::array kQuotes{QLatin1String("USDT"), QLatin1String("USDC"), QLatin1String("BUSD"), QLatin1String("USD")};
    for (const QLatin1String& q : kQuotes) {
        if (s.endsWith(q) && s.size() > q.size()) {
            out.quote = q;
            s.chop(q.size());
            break;
        }
    }
    out.base = s == QLatin1String("XBT") ? QStringLiteral("BTC") : s;
    return out;
}

QString baseAsset(const QString& symbol)
{
    // Asked for every price a view or model reads, of a handful of symbols: each is
    // parsed once per thread (the odds are counted on a pool's threads), and the one
    // asked again and again (a frame asks for its own many times) is not even hashed.
    thread_local QString lastSymbol;
    thread_local QString lastBase;
    if (symbol == lastSymbol && !lastBase.isNull())
        return lastBase;
    thread_local QHash<QString, QString> known;
    auto it = known.constFind(symbol);
    if (it == known.cend()) {
        if (known.size() >= 1024)
            known.clear();  // symbols read from files are many only when something is wrong
        it = known.insert(symbol, Instrument::parse(symbol).base);
    }
    lastSymbol = symbol;
    lastBase = *it;
    return lastBase;
}

bool sameAsset(const QString& a, const QString& b)
{
    return baseAsset(a) == baseAsset(b);
}

}  // namespace levlab::model
