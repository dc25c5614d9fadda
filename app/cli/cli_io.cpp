#include "app/cli/cli_io.h"

#include <QCoreApplication>
#include <QTimer>

#include <atomic>
#include <csignal>

namespace botwright::cli {

namespace {
std::atomic<int> g_stopSignal{0};
extern "C" void onStopSignal(int signal) {
    g_stopSignal.store(signal); // only an atomic store: nothing else is safe in a signal handler
}
} // namespace

QTextStream& out() {
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err() {
    static QTextStream stream(stderr);
    return stream;
}

int parse(QCommandLineParser& parser, const QString& name, const QStringList& arguments, int minPositional) {
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("botwright-cli ") + name} + arguments)) {
        err() << parser.errorText() << "\n" << parser.helpText();
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return 0;
    }
    if (parser.positionalArguments().size() < minPositional) {
        err() << parser.helpText();
        return 2;
    }
    return -1;
}

void installStopSignals() {
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
}

void quitOnStopSignal(QObject* context) {
    auto* poll = new QTimer(context);
    QObject::connect(poll, &QTimer::timeout, context, [] {
        if (g_stopSignal.load())
            QCoreApplication::quit();
    });
    poll->start(100);
}

} // namespace botwright::cli
