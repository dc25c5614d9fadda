#pragma once

namespace botwright::runtime {

// Process-wide V8 initialisation (platform, ICU, flags). Safe to call from any thread, any number of
// times; the first call does the work. V8 stays initialised for the life of the process.
class V8Platform final {
public:
    static void ensureInitialized();
    static const char* version();
};

} // namespace botwright::runtime
