#include "engine/runtime/v8_platform.h"

#include <libplatform/libplatform.h>
#include <v8.h>

#include <cstdlib>
#include <memory>
#include <mutex>

namespace botwright::runtime {

namespace {

std::once_flag g_once;
std::unique_ptr<v8::Platform> g_platform;

} // namespace

void V8Platform::ensureInitialized() {
    std::call_once(g_once, [] {
        v8::V8::InitializeICU();
        // A developer aid for profiling (e.g. "--perf-basic-prof"); never set by the studio itself.
        if (const char* flags = std::getenv("BOTWRIGHT_V8_FLAGS"))
            v8::V8::SetFlagsFromString(flags);
        g_platform = v8::platform::NewDefaultPlatform();
        v8::V8::InitializePlatform(g_platform.get());
        v8::V8::Initialize();
    });
}

const char* V8Platform::version() {
    return v8::V8::GetVersion();
}

} // namespace botwright::runtime
