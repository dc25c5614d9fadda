#include "engine/runtime/cpu_watchdog.h"

#include <v8.h>

#include <algorithm>
#include <chrono>
#include <ctime>

namespace botwright::runtime {

namespace {
double clockMs(clockid_t clock) {
    timespec ts{};
    clock_gettime(clock, &ts);
    return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}
} // namespace

CpuWatchdog::CpuWatchdog(v8::Isolate* isolate)
    : m_isolate(isolate) {
    pthread_getcpuclockid(pthread_self(), &m_clock); // constructed on the JS thread
    m_thread = std::thread([this] { loop(); });
}

CpuWatchdog::~CpuWatchdog() {
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

double CpuWatchdog::threadCpuMs() const {
    return clockMs(m_clock);
}

void CpuWatchdog::arm(int budgetMs) {
    {
        std::lock_guard lock(m_mutex);
        m_armed = budgetMs > 0;
        m_budgetMs = budgetMs;
        m_startCpuMs = threadCpuMs();
        m_fired = false;
    }
    m_wake.notify_one();
}

bool CpuWatchdog::disarm() {
    std::lock_guard lock(m_mutex);
    m_armed = false;
    return m_fired.load();
}

double CpuWatchdog::usedMs() const {
    return threadCpuMs() - m_startCpuMs;
}

void CpuWatchdog::loop() {
    std::unique_lock lock(m_mutex);
    while (!m_quit) {
        if (!m_armed) {
            m_wake.wait(lock, [this] { return m_quit || m_armed; });
            continue;
        }
        const double left = m_budgetMs - (threadCpuMs() - m_startCpuMs);
        if (left <= 0) {
            m_fired = true;
            m_armed = false;
            m_isolate->TerminateExecution();
            continue;
        }
        // CPU time never runs faster than wall time: sleeping `left` (capped) cannot overshoot much.
        const double sleepMs = std::min(left, 5.0);
        m_wake.wait_for(lock, std::chrono::microseconds(static_cast<long>(sleepMs * 1000.0) + 100),
                        [this] { return m_quit || !m_armed; });
    }
}

} // namespace botwright::runtime
