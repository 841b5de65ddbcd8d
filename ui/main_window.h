#pragma once

#include <QMainWindow>

namespace levlab::ui {

/// The application window. Views bind to the model they are given; the window
/// only lays them out.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

}  // namespace levlab::ui
