#pragma once

#include <QtGlobal>

namespace botwright::runtime {

// Process-wide V8 initialisation (platform, ICU, flags). Safe to call from any thread, any number of
// times; the first call does the work. V8 stays initialised for the life of the process.
class V8Platform final {
public:
    static void ensureInitialized();
    // From now on, every isolate's Date.now() and new Date() read `nowMs` advancing `rate` ms per real
    // ms: botwright-vm follows the sandbox clock this way, so a fast-forward is seen by scripts too.
    static void setScriptClock(qint64 nowMs, double rate);
    static const char* version();
};

} // namespace botwright::runtime
