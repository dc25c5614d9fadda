#pragma once

#include <QStringList>

namespace botwright::cli {

// `botwright-cli sandbox [--port N] [--world FILE] [--save-world FILE] …`: runs the local Discord
// until Ctrl-C (or SIGTERM), then saves the world when asked.
int runSandbox(const QStringList& arguments);

} // namespace botwright::cli
