#pragma once

#include <QCommandLineParser>
#include <QTextStream>

// Output streams and option parsing shared by botwright-cli's subcommands.
namespace botwright::cli {

QTextStream& out();
QTextStream& err();
// Parses a subcommand's own options; prints help or the parse error. Returns -1 to go on, else an exit code.
int parse(QCommandLineParser& parser, const QString& name, const QStringList& arguments, int minPositional);

// Ctrl-C and SIGTERM for long-running commands: installStopSignals() first thing (a signal that
// comes early must still stop cleanly), then quitOnStopSignal() once the event loop is about to
// run; it quits the application on the next check (every 100 ms) after a signal.
void installStopSignals();
void quitOnStopSignal(QObject* context);

} // namespace botwright::cli
