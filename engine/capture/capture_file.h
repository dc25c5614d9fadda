#pragma once

#include "engine/capture/capture_store.h"

#include <QString>

#include <functional>

namespace botwright::capture {

// Capture files: "botwright-capture 1" on the first line, then one JSON object per frame and line
// (docs/capture-format.md). Saving and loading both run on the calling thread, using helper
// threads for the JSON work.

// Called now and then with work done and total work (rows when saving, bytes when loading).
using CaptureProgress = std::function<void(qint64 done, qint64 total)>;

// Writes all rows [0, store.size()) atomically (QSaveFile: the old file stays until the new one is
// complete). Returns false with a sentence in *error when it could not.
bool saveCapture(const CaptureStore& store, const QString& path, QString* error,
                 const CaptureProgress& progress = {});

// Replaces the store's rows with the file's. Every line is validated first; on any problem the
// store is left as it was and *error names the file, the line number and what is wrong. Frames
// are stored through the store's redactor, so a hand-edited file cannot bring a token back in.
bool loadCapture(CaptureStore& store, const QString& path, QString* error,
                 const CaptureProgress& progress = {});

} // namespace botwright::capture
