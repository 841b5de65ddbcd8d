// A layer's cached drawing comes back exactly where the view repaints, and is drawn
// again only when it changed.
#include "ui/chart/exposed_cache.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QGraphicsObject>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QPainter>
#include <QScreen>
#include <QTest>

namespace levlab::ui {
namespace {

/// Stripes a pixel apart in both directions: a copy one pixel off shows at once.
class Stripes final : public QGraphicsObject {
public:
    explicit Stripes(bool cached) : m_cached(cached) {}
    int renders = 0;
    ExposedCache cache;
    QRectF boundingRect() const override { return {0, 0, 200, 300}; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override
    {
        if (m_cached)
            cache.paint(painter, boundingRect(), [this](QPainter* p) { draw(p); });
        else
            draw(painter);
    }

private:
    void draw(QPainter* p)
    {
        ++renders;
        for (int y = 0; y < 300; ++y)
            for (int x = 0; x < 200; x += 50)
                p->fillRect(x + (y % 2), y, 25, 1, QColor::fromHsv((x + y) % 360, 200, 200));
    }
    bool m_cached;
};

/// A thin band that moves down over the stripes, as a level line does.
class Band final : public QGraphicsObject {
public:
    QRectF boundingRect() const override { return {0, 0, 200, 3}; }
    void paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) override { p->fillRect(boundingRect(), Qt::black); }
};

QImage afterMovingTheBand(bool cached, int* renders)
{
    QGraphicsScene scene(0, 0, 220, 320);
    auto* stripes = new Stripes(cached);
    stripes->setPos(13, 7);  // not at the view's origin: the copy must land where the item is
    auto* band = new Band;
    scene.addItem(stripes);
    scene.addItem(band);
    band->setZValue(1);
    QGraphicsView view(&scene);
    view.setFrameShape(QFrame::NoFrame);
    view.setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view.setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view.resize(220, 320);
    view.show();
    EXPECT_TRUE(QTest::qWaitForWindowExposed(&view));
    for (int y = 10; y < 290; y += 7) {
        band->setY(y);
        QTest::qWait(5);  // the view repaints only the band's old and new place
    }
    *renders = stripes->renders;
    // What is on the screen now, band by band as it was repainted (a grab() would paint everything afresh).
    return view.screen()->grabWindow(view.winId()).toImage().convertToFormat(QImage::Format_RGB32);
}

TEST(ExposedCache, CopiesBackExactlyWhatTheLayerDrawsAndDrawsItOnce)
{
    int cachedRenders = 0;
    int directRenders = 0;
    const QImage cached = afterMovingTheBand(true, &cachedRenders);
    const QImage direct = afterMovingTheBand(false, &directRenders);
    ASSERT_EQ(cached.size(), direct.size());
    EXPECT_EQ(cached, direct);
    // The band moved 40 times over the stripes; they were drawn once.
    EXPECT_GE(directRenders, 40);
    EXPECT_LE(cachedRenders, 2);
}

TEST(ExposedCache, DrawsAgainAfterAChange)
{
    QImage image(200, 300, QImage::Format_ARGB32_Premultiplied);
    int renders = 0;
    ExposedCache cache;
    QColor colour = Qt::red;
    auto paintOnce = [&] {
        QPainter p(&image);
        cache.paint(&p, QRectF(0, 0, 200, 300), [&](QPainter* q) {
            ++renders;
            q->fillRect(QRectF(0, 0, 200, 300), colour);
        });
    };
    paintOnce();
    EXPECT_EQ(image.pixelColor(100, 150), QColor(Qt::red));
    colour = Qt::blue;
    paintOnce();
    EXPECT_EQ(image.pixelColor(100, 150), QColor(Qt::red));  // unchanged: the cache stands
    cache.invalidate();
    paintOnce();
    EXPECT_EQ(image.pixelColor(100, 150), QColor(Qt::blue));
    EXPECT_EQ(renders, 2);
}

}  // namespace
}  // namespace levlab::ui
