#pragma once

#include <QString>

class QWidget;

namespace levlab::ui {

/// Writes `view` as it is shown, at its size on screen (one image pixel per widget
/// pixel), atomically. Returns the error in words, or an empty string.
[[nodiscard]] QString saveWidgetPng(QWidget& view, const QString& path);
/// The same as SVG (Qt's own SVG generator): vector paths and text where Qt paints them.
[[nodiscard]] QString saveWidgetSvg(QWidget& view, const QString& path, const QString& title);

} // namespace levlab::ui
