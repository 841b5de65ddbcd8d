#include "ui/export/chart_export.h"

#include <QCoreApplication>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>

namespace levlab::ui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Export", text);
}

QString failure(const QSaveFile& file)
{
    return tr("%1: could not be written (%2).").arg(file.fileName(), file.errorString());
}

} // namespace

QString saveWidgetPng(QWidget& view, const QString& path)
{
    QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    view.render(&image);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
        return failure(file);
    return {};
}

QString saveWidgetSvg(QWidget& view, const QString& path, const QString& title)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failure(file);
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(view.size());
    svg.setResolution(96); // an SVG pixel is 1/96 inch: a browser shows it at the size on screen
    svg.setViewBox(QRect(QPoint(0, 0), view.size()));
    svg.setTitle(title);
    svg.setDescription(tr("Leverage Lab chart. Educational estimates, not advice."));
    {
        QPainter painter(&svg);
        view.render(&painter);
    }
    if (!file.commit())
        return failure(file);
    return {};
}

} // namespace levlab::ui
