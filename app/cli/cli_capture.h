#pragma once

#include <QStringList>

namespace botwright::cli {

// `botwright-cli capture -o FILE [--sandbox | --rest BASE] [--intents N] [--duration S]`: connects a
// bot's shards and records every gateway frame (redacted) until the duration ends or Ctrl-C.
// The token comes from the BOTWRIGHT_TOKEN environment variable (never a command-line argument,
// which other users can read in the process list).
int runCapture(const QStringList& arguments);

} // namespace botwright::cli
