#include "engine/runtime/v8_platform.h"

#include <libplatform/libplatform.h>
#include <v8.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <mutex>

namespace botwright::runtime {

namespace {

// libplatform's default platform, with the wall clock (Date.now(), new Date()) able to follow a
// script clock. Everything else is passed through unchanged.
class ClockPlatform final : public v8::Platform {
public:
    explicit ClockPlatform(std::unique_ptr<v8::Platform> inner)
        : m_inner(std::move(inner)) {}

    // Script time = nowMs at this moment, then `rate` ms per real ms. rate 1 with nowMs = the real
    // time is the real clock.
    void setClock(double nowMs, double rate) {
        const std::lock_guard lock(m_mutex);
        m_anchorMs = nowMs;
        m_anchorMono = m_inner->MonotonicallyIncreasingTime();
        m_rate = rate;
        m_following.store(true, std::memory_order_release);
    }

    double CurrentClockTimeMillis() override {
        if (!m_following.load(std::memory_order_acquire))
            return m_inner->CurrentClockTimeMillis();
        const std::lock_guard lock(m_mutex);
        return m_anchorMs + (m_inner->MonotonicallyIncreasingTime() - m_anchorMono) * 1000.0 * m_rate;
    }

    v8::PageAllocator* GetPageAllocator() override { return m_inner->GetPageAllocator(); }
    v8::ZoneBackingAllocator* GetZoneBackingAllocator() override {
        return m_inner->GetZoneBackingAllocator();
    }
    void OnCriticalMemoryPressure() override { m_inner->OnCriticalMemoryPressure(); }
    bool OnCriticalMemoryPressure(size_t length) override {
        return m_inner->OnCriticalMemoryPressure(length);
    }
    int NumberOfWorkerThreads() override { return m_inner->NumberOfWorkerThreads(); }
    std::shared_ptr<v8::TaskRunner> GetForegroundTaskRunner(v8::Isolate* isolate) override {
        return m_inner->GetForegroundTaskRunner(isolate);
    }
    void CallOnWorkerThread(std::unique_ptr<v8::Task> task) override {
        m_inner->CallOnWorkerThread(std::move(task));
    }
    void CallBlockingTaskOnWorkerThread(std::unique_ptr<v8::Task> task) override {
        m_inner->CallBlockingTaskOnWorkerThread(std::move(task));
    }
    void CallLowPriorityTaskOnWorkerThread(std::unique_ptr<v8::Task> task) override {
        m_inner->CallLowPriorityTaskOnWorkerThread(std::move(task));
    }
    void CallDelayedOnWorkerThread(std::unique_ptr<v8::Task> task, double delayInSeconds) override {
        m_inner->CallDelayedOnWorkerThread(std::move(task), delayInSeconds);
    }
    bool IdleTasksEnabled(v8::Isolate* isolate) override { return m_inner->IdleTasksEnabled(isolate); }
    std::unique_ptr<v8::JobHandle> PostJob(v8::TaskPriority priority,
                                           std::unique_ptr<v8::JobTask> jobTask) override {
        return m_inner->PostJob(priority, std::move(jobTask));
    }
    double MonotonicallyIncreasingTime() override { return m_inner->MonotonicallyIncreasingTime(); }
    StackTracePrinter GetStackTracePrinter() override { return m_inner->GetStackTracePrinter(); }
    v8::TracingController* GetTracingController() override { return m_inner->GetTracingController(); }
    void DumpWithoutCrashing() override { m_inner->DumpWithoutCrashing(); }
    v8::HighAllocationThroughputObserver* GetHighAllocationThroughputObserver() override {
        return m_inner->GetHighAllocationThroughputObserver();
    }

private:
    std::unique_ptr<v8::Platform> m_inner;
    std::mutex m_mutex;
    std::atomic<bool> m_following{false};
    double m_anchorMs = 0;
    double m_anchorMono = 0; // seconds, on the inner platform's monotonic clock
    double m_rate = 1;
};

std::once_flag g_once;
std::unique_ptr<ClockPlatform> g_platform;

} // namespace

void V8Platform::ensureInitialized() {
    std::call_once(g_once, [] {
        v8::V8::InitializeICU();
        // A developer aid for profiling (e.g. "--perf-basic-prof"); never set by the studio itself.
        if (const char* flags = std::getenv("BOTWRIGHT_V8_FLAGS"))
            v8::V8::SetFlagsFromString(flags);
        g_platform = std::make_unique<ClockPlatform>(v8::platform::NewDefaultPlatform());
        v8::V8::InitializePlatform(g_platform.get());
        v8::V8::Initialize();
    });
}

void V8Platform::setScriptClock(qint64 nowMs, double rate) {
    ensureInitialized();
    g_platform->setClock(static_cast<double>(nowMs), rate);
}

const char* V8Platform::version() {
    return v8::V8::GetVersion();
}

} // namespace botwright::runtime
