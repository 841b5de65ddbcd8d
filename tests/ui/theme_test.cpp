#include "app/gui/dashboard.h"
#include "ui/controls/position_form.h"
#include "ui/market/market_bar.h"
#include "ui/theme/style.h"
#include "ui/theme/theme.h"

#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>

#include <cmath>

namespace levlab {
namespace {

/// WCAG 2.x relative luminance of an sRGB colour.
double luminance(const QColor& c)
{
    auto channel = [](int v) {
        const double s = v / 255.0;
        return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue());
}

/// WCAG 2.x contrast ratio, (lighter + 0.05) / (darker + 0.05).
double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

constexpr double kBodyText = 4.5;  // WCAG AA, normal text
constexpr double kNonText = 3.0;   // WCAG 2.1 §1.4.11: outlines and focus indicators

TEST(Contrast, FormulaMatchesTheWcagExamples)
{
    EXPECT_NEAR(contrast(Qt::white, Qt::black), 21.0, 1e-9);
    EXPECT_NEAR(contrast(Qt::white, Qt::white), 1.0, 1e-9);
    // #767676 on white is the classic lightest grey that passes AA: 4.54:1.
    EXPECT_NEAR(contrast(QColor(0x76, 0x76, 0x76), Qt::white), 4.54, 0.005);
    // #777777 just fails: 4.48:1.
    EXPECT_NEAR(contrast(QColor(0x77, 0x77, 0x77), Qt::white), 4.48, 0.005);
}

class ThemeContrast : public ::testing::TestWithParam<bool> {
protected:
    ui::Theme theme() const { return GetParam() ? ui::Theme::darkTheme() : ui::Theme::lightTheme(); }
};

TEST_P(ThemeContrast, BodyTextMeetsAA)
{
    const ui::Theme t = theme();
    const QPalette p = t.palette();
    struct Pair {
        const char* what;
        QColor fg, bg;
    };
    const std::vector<Pair> pairs{
        {"text on base", p.color(QPalette::Active, QPalette::Text), p.color(QPalette::Active, QPalette::Base)},
        {"text on window", p.color(QPalette::Active, QPalette::WindowText), p.color(QPalette::Active, QPalette::Window)},
        {"button text on button", p.color(QPalette::Active, QPalette::ButtonText), p.color(QPalette::Active, QPalette::Button)},
        {"link on base", p.color(QPalette::Active, QPalette::Link), p.color(QPalette::Active, QPalette::Base)},
        {"link on window", p.color(QPalette::Active, QPalette::Link), p.color(QPalette::Active, QPalette::Window)},
        {"selected text", p.color(QPalette::Active, QPalette::HighlightedText), p.color(QPalette::Active, QPalette::Highlight)},
        {"tooltip", p.color(QPalette::Active, QPalette::ToolTipText), p.color(QPalette::Active, QPalette::ToolTipBase)},
        {"placeholder on base", p.color(QPalette::Active, QPalette::PlaceholderText), p.color(QPalette::Active, QPalette::Base)},
        {"disabled text on window", p.color(QPalette::Disabled, QPalette::WindowText), p.color(QPalette::Disabled, QPalette::Window)},
        {"disabled text in a field", p.color(QPalette::Disabled, QPalette::Text), p.color(QPalette::Disabled, QPalette::Base)},
        {"disabled button text", p.color(QPalette::Disabled, QPalette::ButtonText), p.color(QPalette::Disabled, QPalette::Button)},
        {"inactive window text", p.color(QPalette::Inactive, QPalette::WindowText), p.color(QPalette::Inactive, QPalette::Window)},
        {"checked segment", t.accentText, t.accent},
        {"muted text (names, axis labels)", t.mutedText, t.background},
        {"muted text on the plot", t.mutedText, t.plotBackground},
        {"chart text", t.text, t.plotBackground},
        {"warning", t.warningText, t.warningBackground},
        // Level tags and event markers: the tag text on the level's colour.
        {"entry tag", t.labelText, t.entry},
        {"liquidation tag", t.labelText, t.liquidation},
        {"bankruptcy tag", t.labelText, t.bankruptcy},
        {"stop-loss tag", t.labelText, t.stopLoss},
        {"take-profit tag", t.labelText, t.takeProfit},
        {"mark tag", t.labelText, t.mark},
        {"last tag", t.labelText, t.last},
        // The same colours as text on the plot (pinned values, event notes).
        {"entry text", t.entry, t.plotBackground},
        {"liquidation text", t.liquidation, t.plotBackground},
        {"bankruptcy text", t.bankruptcy, t.plotBackground},
        {"stop-loss text", t.stopLoss, t.plotBackground},
        {"take-profit text", t.takeProfit, t.plotBackground},
        {"mark text", t.mark, t.plotBackground},
        {"last text", t.last, t.plotBackground},
    };
    for (const Pair& pair : pairs)
        EXPECT_GE(contrast(pair.fg, pair.bg), kBodyText) << pair.what << ": " << pair.fg.name().toStdString() << " on "
                                                          << pair.bg.name().toStdString();
}

TEST_P(ThemeContrast, OutlinesAndFocusAreVisible)
{
    const ui::Theme t = theme();
    EXPECT_GE(contrast(t.border, t.background), kNonText) << "control outlines";
    EXPECT_GE(contrast(t.border, t.inputBackground), kNonText) << "indicator outlines";
    EXPECT_GE(contrast(t.focus, t.background), kNonText) << "focus ring on the window";
    EXPECT_GE(contrast(t.focus, t.button), kNonText) << "focus ring on a button";
    EXPECT_GE(contrast(t.accent, t.background), kNonText) << "a ticked box or checked segment";
}

std::string themeName(const ::testing::TestParamInfo<bool>& p)
{
    return p.param ? "Dark" : "Light";
}

INSTANTIATE_TEST_SUITE_P(DarkAndLight, ThemeContrast, ::testing::Values(true, false), themeName);

class ThemeApplied : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        app::DashboardOptions o;
        o.historyMinutes = 3000;
        o.settingsPath = dir.filePath(QStringLiteral("settings.ini"));
        o.progressPath = dir.filePath(QStringLiteral("progress.json"));
        dash = std::make_unique<app::Dashboard>(o);
        dash->feed.setSpeed(0);
        dash->window->resize(1600, 950);
        dash->window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(dash->window.get()));
    }

    QTemporaryDir dir;
    std::unique_ptr<app::Dashboard> dash;
};

TEST_F(ThemeApplied, MenusDialogsAndTooltipsFollowTheTheme)
{
    for (bool dark : {true, false}) {
        dash->window->setThemeChoice(dark ? model::ThemeChoice::Dark : model::ThemeChoice::Light);
        QApplication::processEvents();  // widgets take a new application palette from a posted event
        const ui::Theme t = dark ? ui::Theme::darkTheme() : ui::Theme::lightTheme();
        EXPECT_EQ(QApplication::palette().color(QPalette::Window), t.background);
        EXPECT_EQ(dash->window->palette().color(QPalette::Window), t.background);
        EXPECT_EQ(QToolTip::palette().color(QPalette::ToolTipBase), t.inputBackground);
        QMenu menu;  // a menu is a window of its own
        EXPECT_EQ(menu.palette().color(QPalette::Window), t.background);
        QMessageBox box(QMessageBox::Information, QStringLiteral("About"), QStringLiteral("text"), QMessageBox::Ok, dash->window.get());
        EXPECT_EQ(box.palette().color(QPalette::Window), t.background);
        EXPECT_EQ(box.palette().color(QPalette::WindowText), t.text);
        EXPECT_EQ(dash->lessonsPanel->palette().color(QPalette::Link), t.link);
        EXPECT_EQ(QApplication::style()->objectName(), QStringLiteral("levlab"));
    }
}

/// Mean lightness of a button's face, away from its text.
int faceLightness(QWidget* w)
{
    const QImage img = w->grab().toImage();
    int sum = 0;
    int n = 0;
    for (int y = img.height() / 4; y < img.height() * 3 / 4; ++y) {
        for (int x = 3; x < 6; ++x) {
            sum += img.pixelColor(x, y).lightness();
            ++n;
        }
    }
    return sum / std::max(1, n);
}

TEST_F(ThemeApplied, UncheckedSegmentsAreDarkInTheDarkTheme)
{
    dash->window->setThemeChoice(model::ThemeChoice::Dark);
    QApplication::processEvents();
    QAbstractButton* shortButton = dash->window->form()->sideGroup()->button(static_cast<int>(engine::Side::Short));
    QAbstractButton* longButton = dash->window->form()->sideGroup()->button(static_cast<int>(engine::Side::Long));
    ASSERT_FALSE(shortButton->isChecked());
    ASSERT_TRUE(longButton->isChecked());
    const ui::Theme dark = ui::Theme::darkTheme();
    EXPECT_LT(faceLightness(shortButton), 60) << "an unchecked segment is a dark face, not a white block";
    EXPECT_NEAR(faceLightness(longButton), dark.accent.lightness(), 12) << "the checked one is filled with the accent";
    QAbstractButton* tenTimes = dash->window->marketBar()->speedGroup()->button(10);
    ASSERT_FALSE(tenTimes->isChecked());
    EXPECT_LT(faceLightness(tenTimes), 60);
    dash->window->setThemeChoice(model::ThemeChoice::Light);
    QApplication::processEvents();
    EXPECT_GT(faceLightness(shortButton), 200);
}

/// How many pixels of the focus colour the widget shows.
int focusPixels(QWidget* w, const QColor& focus)
{
    const QImage img = w->grab().toImage();
    int n = 0;
    for (int y = 0; y < img.height(); ++y) {
        for (int x = 0; x < img.width(); ++x) {
            const QColor c = img.pixelColor(x, y);
            if (std::abs(c.red() - focus.red()) + std::abs(c.green() - focus.green()) + std::abs(c.blue() - focus.blue()) < 40)
                ++n;
        }
    }
    return n;
}

TEST_F(ThemeApplied, KeyboardFocusIsVisibleOnRadiosCheckboxesAndButtons)
{
    for (bool dark : {true, false}) {
        dash->window->setThemeChoice(dark ? model::ThemeChoice::Dark : model::ThemeChoice::Light);
        const QColor focus = (dark ? ui::Theme::darkTheme() : ui::Theme::lightTheme()).focus;
        QWidget host;
        host.setPalette(QApplication::palette());
        auto* check = new QCheckBox(QStringLiteral("Show levels"), &host);
        auto* ticked = new QCheckBox(&host);  // the stop's and target's ticks: no text, ticked
        ticked->setChecked(true);
        ticked->move(200, 0);
        auto* radio = new QRadioButton(QStringLiteral("Isolated margin"), &host);
        auto* button = new QPushButton(QStringLiteral("Answer"), &host);
        auto* other = new QPushButton(QStringLiteral("Other"), &host);
        check->move(0, 0);
        radio->move(0, 40);
        button->move(0, 80);
        other->move(0, 120);
        host.resize(300, 160);
        host.show();
        ASSERT_TRUE(QTest::qWaitForWindowActive(&host));
        for (QWidget* w : std::initializer_list<QWidget*>{check, ticked, radio, button}) {
            other->setFocus(Qt::TabFocusReason);
            QApplication::processEvents();
            const int unfocused = focusPixels(w, focus);
            const QImage before = w->grab().toImage();
            QTest::keyClick(&host, Qt::Key_Backtab);  // real keyboard focus, as Tab gives it
            w->setFocus(Qt::TabFocusReason);
            QApplication::processEvents();
            ASSERT_TRUE(w->hasFocus());
            const int focused = focusPixels(w, focus);
            if (w == ticked) {
                // A filled box is the accent colour already: the ring shows as a changed outline.
                const QImage after = w->grab().toImage();
                int changed = 0;
                for (int y = 0; y < after.height(); ++y)
                    for (int x = 0; x < after.width(); ++x)
                        changed += before.pixel(x, y) != after.pixel(x, y) ? 1 : 0;
                EXPECT_GE(changed, 2 * w->height()) << "a ticked box shows its focus" << (dark ? " dark" : " light");
                continue;
            }
            EXPECT_GE(focused, unfocused + 2 * w->height()) << w->metaObject()->className() << (dark ? " dark" : " light");
        }
    }
}

}  // namespace
}  // namespace levlab
