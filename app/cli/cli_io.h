#pragma once

#include <QCommandLineParser>
#include <QTextStream>

// Output streams and option parsing shared by botwright-cli's subcommands.
namespace botwright::cli {

QTextStream& out();
QTextStream& err();
// Parses a subcommand's own options; prints help or the parse error. Returns -1 to go on, else an exit code.
int parse(QCommandLineParser& parser, const QString& name, const QStringList& arguments, int minPositional);

} // namespace botwright::cli
