#pragma once

#include <QStringList>

namespace botwright::cli {

// One subcommand of botwright-cli. `run` gets the arguments after the subcommand name and returns the
// process exit code (0 success, 1 failure found, 2 usage error).
struct Command {
    const char* name;
    const char* summary;
    int (*run)(const QStringList& arguments);
};

const QList<Command>& commands();

} // namespace botwright::cli
