// botwright: the studio's GUI.
#include "app/studio/main_window.h"
#include "app/studio/startup_probe.h"
#include "engine/core/allocator_tuning.h"
#include "engine/core/resource_locator.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char* argv[]) {
    botwright::core::tuneAllocator();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Botwright"));
    QApplication::setApplicationName(QStringLiteral("Botwright Studio"));
    QApplication::setApplicationVersion(botwright::core::ResourceLocator::version());
    QApplication::setDesktopFileName(QStringLiteral("botwright"));
    QApplication::setStyle(QStringLiteral("Fusion"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Botwright Studio: write and live-test Discord bot scripts."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("Project folder to open."),
                                 QStringLiteral("[project]"));
    const QCommandLineOption measure(
        QStringLiteral("measure-startup"),
        QStringLiteral("Print start-up time and idle memory, then quit (benchmarks)."));
    parser.addOption(measure);
    parser.process(app);

    botwright::studio::MainWindow window;
    window.restoreSession(parser.positionalArguments().value(0));
    if (parser.isSet(measure)) {
        botwright::studio::StartupProbe::attach(&window, 2000);
    }
    window.show();
    return QApplication::exec();
}
