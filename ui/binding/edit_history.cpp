#include "ui/binding/edit_history.h"

#include "core/model/plan/risk_model.h"

#include <QAction>
#include <QCoreApplication>
#include <QLocale>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QUndoStack>

#include <cmath>

namespace levlab::ui {

namespace {

constexpr int kPlanEditId = 0x504c;  // merges only with another plan edit
constexpr double kShownDigits = 1e8;  // history text: at most 8 decimals, no binary noise
constexpr qsizetype kPartsNamed = 2;  // "A, B and 3 more"
constexpr int kUndoLimit = 500;       // entries kept; the oldest go first

QString side(engine::Side s)
{
    return s == engine::Side::Long ? QCoreApplication::translate("EditHistory", "Long") : QCoreApplication::translate("EditHistory", "Short");
}

QString marginMode(engine::MarginMode m)
{
    switch (m) {
    case engine::MarginMode::Cross: return QCoreApplication::translate("EditHistory", "Cross");
    case engine::MarginMode::Isolated: return QCoreApplication::translate("EditHistory", "Isolated");
    case engine::MarginMode::StrictIsolated: return QCoreApplication::translate("EditHistory", "Strict");
    }
    return {};
}

QString sizeMode(model::SizeMode m)
{
    switch (m) {
    case model::SizeMode::Quantity: return QCoreApplication::translate("EditHistory", "Quantity");
    case model::SizeMode::Notional: return QCoreApplication::translate("EditHistory", "Notional");
    case model::SizeMode::RiskPercent: return QCoreApplication::translate("EditHistory", "Risk % of wallet");
    }
    return {};
}

QString venue(engine::Venue v)
{
    return QString::fromLatin1(engine::venueDisplayName(v).data(), static_cast<qsizetype>(engine::venueDisplayName(v).size()));
}

/// The fields that differ between `from` and `to` take their values from `to`; the
/// rest stay as in `base`. An entry undone after later edits puts back only its own.
model::PlanInputs overlay(const model::PlanInputs& base, const model::PlanInputs& from, const model::PlanInputs& to)
{
    model::PlanInputs r = base;
    bool known = false;
    auto take = [&known](auto& field, const auto& a, const auto& b) {
        if (a != b) {
            field = b;
            known = true;
        }
    };
    take(r.venue, from.venue, to.venue);
    take(r.symbol, from.symbol, to.symbol);
    take(r.side, from.side, to.side);
    take(r.entryAtMarket, from.entryAtMarket, to.entryAtMarket);
    take(r.entryPrice, from.entryPrice, to.entryPrice);
    take(r.sizeMode, from.sizeMode, to.sizeMode);
    take(r.size, from.size, to.size);
    take(r.leverage, from.leverage, to.leverage);
    take(r.marginMode, from.marginMode, to.marginMode);
    take(r.wallet, from.wallet, to.wallet);
    take(r.extraMargin, from.extraMargin, to.extraMargin);
    take(r.stopLoss, from.stopLoss, to.stopLoss);
    take(r.takeProfit, from.takeProfit, to.takeProfit);
    take(r.exitTrigger, from.exitTrigger, to.exitTrigger);
    take(r.horizonHours, from.horizonHours, to.horizonHours);
    take(r.feeRate, from.feeRate, to.feeRate);
    take(r.mmRate, from.mmRate, to.mmRate);
    take(r.ladder, from.ladder, to.ladder);
    // A field this list does not know about: put the whole entry back.
    return known ? r : to;
}

/// One change of the plan's inputs, or one drag of many steps.
class PlanEdit final : public QUndoCommand {
public:
    PlanEdit(EditHistory& history, model::PlanInputs before, model::PlanInputs after, int gesture)
        : QUndoCommand(EditHistory::describe(before, after)),
          m_history(history),
          m_before(std::move(before)),
          m_after(std::move(after)),
          m_gesture(gesture)
    {
    }

    [[nodiscard]] int id() const override { return kPlanEditId; }

    bool mergeWith(const QUndoCommand* other) override
    {
        const auto* next = static_cast<const PlanEdit*>(other);
        if (next->m_gesture != m_gesture || !(next->m_before == m_after))
            return false;
        m_after = next->m_after;
        setText(EditHistory::describe(m_before, m_after));
        setObsolete(m_before == m_after);  // dragged back to where it started
        return true;
    }

    void undo() override { put(m_after, m_before); }

    void redo() override
    {
        if (m_done) {
            m_done = false;  // already applied by the edit itself
            return;
        }
        put(m_before, m_after);
    }

private:
    void put(const model::PlanInputs& from, const model::PlanInputs& to)
    {
        const model::PlanInputs& now = m_history.current();
        m_history.restore(now == from ? to : overlay(now, from, to));
    }

    EditHistory& m_history;
    model::PlanInputs m_before;
    model::PlanInputs m_after;
    int m_gesture = 0;
    bool m_done = true;
};

}  // namespace

EditHistory::EditHistory(model::RiskModel& plan, QObject* parent)
    : QObject(parent), m_plan(plan), m_stack(new QUndoStack(this))
{
    m_stack->setUndoLimit(kUndoLimit);
    // The model says which changes were the trader's: market moves that carry an
    // at-market plan along, opening and closing a trade are not edits.
    connect(&m_plan, &model::RiskModel::edited, this, &EditHistory::planEdited);
    if (auto* app = QCoreApplication::instance())
        app->installEventFilter(this);
}

void EditHistory::addActions(QMenu* edit)
{
    QAction* undo = m_stack->createUndoAction(edit, tr("&Undo"));
    undo->setShortcut(QKeySequence(QKeySequence::Undo));  // the platform's first binding (not F14)
    undo->setWhatsThis(tr("Undo the last edit of the plan or the portfolio"));  // the shortcuts list's name for it
    edit->addAction(undo);
    QAction* redo = m_stack->createRedoAction(edit, tr("&Redo"));
    redo->setShortcut(QKeySequence(QKeySequence::Redo));
    redo->setWhatsThis(tr("Redo the edit last undone"));
    edit->addAction(redo);
}

const model::PlanInputs& EditHistory::current() const
{
    return m_plan.inputs();
}

void EditHistory::planEdited(const model::PlanInputs& before, const model::PlanInputs& after)
{
    if (m_restoring)
        return;
    m_stack->push(new PlanEdit(*this, before, after, gesture()));
}

void EditHistory::restore(const model::PlanInputs& inputs)
{
    m_restoring = true;
    const auto outcome = m_plan.edit(inputs);
    m_restoring = false;
    if (outcome)
        emit refused(*outcome);
}

int EditHistory::gesture()
{
    return m_buttonDown || m_keyHeld ? m_presses : -(++m_loose);
}

bool EditHistory::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
        ++m_presses;
        m_buttonDown = true;
        break;
    case QEvent::MouseButtonRelease: m_buttonDown = static_cast<QMouseEvent*>(event)->buttons() != Qt::NoButton; break;
    case QEvent::KeyPress:
        // A key held down repeats: its steps are one gesture, like a drag.
        if (!static_cast<QKeyEvent*>(event)->isAutoRepeat()) {
            ++m_presses;
            m_keyHeld = true;
        }
        break;
    case QEvent::KeyRelease:
        if (!static_cast<QKeyEvent*>(event)->isAutoRepeat())
            m_keyHeld = false;
        break;
    default: break;
    }
    return QObject::eventFilter(watched, event);
}

QString EditHistory::number(double value)
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale.toString(std::round(value * kShownDigits) / kShownDigits, 'f', QLocale::FloatingPointShortest);
}

QString EditHistory::describe(const model::PlanInputs& a, const model::PlanInputs& b)
{
    auto tr = [](const char* text) { return QCoreApplication::translate("EditHistory", text); };
    QStringList parts;
    auto change = [&](const QString& label, const QString& from, const QString& to) {
        parts << QStringLiteral("%1 %2 → %3").arg(label, from, to);
    };
    auto price = [&](const char* label, const std::optional<double>& from, const std::optional<double>& to) {
        if (from == to)
            return;
        if (from && to)
            change(tr(label), number(*from), number(*to));
        else if (to)
            parts << tr("%1 on at %2").arg(tr(label), number(*to));
        else
            parts << tr("%1 off").arg(tr(label));
    };
    if (a.venue != b.venue)
        change(tr("Venue"), venue(a.venue), venue(b.venue));
    if (a.symbol != b.symbol)
        change(tr("Symbol"), a.symbol, b.symbol);
    if (a.side != b.side)
        change(tr("Side"), side(a.side), side(b.side));
    if (a.entryAtMarket != b.entryAtMarket)
        parts << (b.entryAtMarket ? tr("Entry at market") : tr("Entry fixed at %1").arg(number(b.entryPrice)));
    else if (!b.entryAtMarket && a.entryPrice != b.entryPrice)
        change(tr("Entry"), number(a.entryPrice), number(b.entryPrice));
    if (a.sizeMode != b.sizeMode)
        change(tr("Size as"), sizeMode(a.sizeMode), sizeMode(b.sizeMode));
    if (a.size != b.size) {
        auto size = [](const model::PlanInputs& in) {
            return in.sizeMode == model::SizeMode::RiskPercent ? number(in.size * 100.0) + QStringLiteral("%") : number(in.size);
        };
        change(tr("Size"), size(a), size(b));
    }
    if (a.leverage != b.leverage)
        change(tr("Leverage"), number(a.leverage) + QStringLiteral("×"), number(b.leverage) + QStringLiteral("×"));
    if (a.marginMode != b.marginMode)
        change(tr("Margin"), marginMode(a.marginMode), marginMode(b.marginMode));
    if (a.wallet != b.wallet)
        change(tr("Wallet"), number(a.wallet), number(b.wallet));
    if (a.extraMargin != b.extraMargin)
        change(tr("Added margin"), number(a.extraMargin), number(b.extraMargin));
    price("Stop-loss", a.stopLoss, b.stopLoss);
    price("Take-profit", a.takeProfit, b.takeProfit);
    if (a.exitTrigger != b.exitTrigger) {
        const QString mark = tr("mark"), last = tr("last");
        auto name = [&](model::TriggerPrice t) { return t == model::TriggerPrice::Mark ? mark : last; };
        change(tr("Exits on"), name(a.exitTrigger), name(b.exitTrigger));
    }
    if (a.horizonHours != b.horizonHours)
        change(tr("Holding"), tr("%1 h").arg(number(a.horizonHours)), tr("%1 h").arg(number(b.horizonHours)));
    if (a.feeRate != b.feeRate)
        change(tr("Taker fee"), number(a.feeRate * 100.0) + QStringLiteral("%"), number(b.feeRate * 100.0) + QStringLiteral("%"));
    if (a.mmRate != b.mmRate)
        parts << tr("Maintenance rate");
    if (!(a.ladder == b.ladder))
        parts << tr("Exit plan");
    if (parts.isEmpty())
        return tr("Plan change");
    if (parts.size() <= kPartsNamed)
        return parts.join(QStringLiteral(", "));
    return tr("%1, %2 and %3 more").arg(parts[0], parts[1]).arg(parts.size() - kPartsNamed);
}

}  // namespace levlab::ui
