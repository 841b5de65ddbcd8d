#include "ui/main_window.h"

#include <QLabel>
#include <QStatusBar>
#include <QVBoxLayout>

namespace levlab::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Leverage Lab"));
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    auto* title = new QLabel(tr("Leverage Lab"), central);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 2.0);
    f.setBold(true);
    title->setFont(f);
    title->setAlignment(Qt::AlignCenter);
    auto* subtitle = new QLabel(tr("Leverage, margin and liquidation risk on crypto perpetual futures."), central);
    subtitle->setAlignment(Qt::AlignCenter);
    layout->addStretch();
    layout->addWidget(title);
    layout->addWidget(subtitle);
    layout->addStretch();
    setCentralWidget(central);
    statusBar()->showMessage(tr("Educational estimates, not advice."));
    resize(1100, 720);
}

}  // namespace levlab::ui
