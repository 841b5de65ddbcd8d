#include "ui/main_window.h"

#include <QApplication>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Leverage Lab"));
    QApplication::setOrganizationName(QStringLiteral("LeverageLab"));
    QApplication::setApplicationVersion(QStringLiteral(LEVLAB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("leverage-lab"));
    levlab::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
