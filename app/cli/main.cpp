// botwright-cli: the studio's headless commands.
#include "app/cli/cli_commands.h"
#include "engine/core/allocator_tuning.h"
#include "engine/core/resource_locator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace {

QString overview() {
    QString text = QStringLiteral("Usage: botwright-cli <command> [options]\n\n"
                                  "Botwright Studio's headless commands.\n\nCommands:\n");
    for (const botwright::cli::Command& command : botwright::cli::commands()) {
        text += QStringLiteral("  %1%2\n")
                    .arg(QLatin1String(command.name), -12)
                    .arg(QLatin1String(command.summary));
    }
    text +=
        QStringLiteral("\nRun 'botwright-cli <command> --help' for a command's options.\n"
                       "Options:\n  -h, --help     Show this help.\n  -v, --version  Show the version.\n");
    return text;
}

} // namespace

int main(int argc, char* argv[]) {
    botwright::core::tuneAllocator();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("botwright-cli"));
    QCoreApplication::setApplicationVersion(botwright::core::ResourceLocator::version());
    QTextStream out(stdout);
    QTextStream err(stderr);

    QStringList arguments = QCoreApplication::arguments().mid(1);
    const QString first = arguments.value(0);
    if (first.isEmpty() || first == QLatin1String("-h") || first == QLatin1String("--help") ||
        first == QLatin1String("help")) {
        (first.isEmpty() ? err : out) << overview();
        return first.isEmpty() ? 2 : 0;
    }
    if (first == QLatin1String("-v") || first == QLatin1String("--version")) {
        out << "botwright-cli " << QCoreApplication::applicationVersion() << "\n";
        return 0;
    }
    arguments.removeFirst();
    for (const botwright::cli::Command& command : botwright::cli::commands()) {
        if (first == QLatin1String(command.name)) {
            return command.run(arguments);
        }
    }
    err << "botwright-cli: unknown command '" << first << "'\n\n" << overview();
    return 2;
}
