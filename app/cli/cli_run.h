#pragma once

#include <QStringList>

namespace botwright::cli {

// `botwright-cli run PROJECT`: the project's scripts live against a sandbox or a server, until Ctrl-C.
int runProject(const QStringList& arguments);
// `botwright-cli test PROJECT`: Botloader's self-reporting test protocol (botloader-sdk.md §11).
int testProject(const QStringList& arguments);

} // namespace botwright::cli
