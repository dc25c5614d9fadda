#pragma once

#include <QStringList>

namespace botwright::cli {

// `botwright-cli replay CAPTURE --project DIR [--from-stage S]`: runs a capture's dispatches through
// the project's pipeline headless (a sandbox of its own serves the scripts' REST calls) and prints
// each event's outcome. Exit 0 when no event had errors, 1 otherwise, 2 on bad usage.
int replayCapture(const QStringList& arguments);

} // namespace botwright::cli
