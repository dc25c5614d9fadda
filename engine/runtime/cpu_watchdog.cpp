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
    m_fired = false;
    m_budgetMs = budgetMs;
    m_startCpuMs = threadCpuMs();
    ++m_armCount;
    m_armed = budgetMs > 0;
    if (m_armed && m_sleeping.load()) {
        std::lock_guard lock(m_mutex);
        m_wake.notify_one();
    }
}

bool CpuWatchdog::disarm() {
    m_armed = false;
    return m_fired.load();
}

double CpuWatchdog::usedMs() const {
    return threadCpuMs() - m_startCpuMs.load();
}

void CpuWatchdog::loop() {
    constexpr auto kPoll = std::chrono::milliseconds(2);
    constexpr int kIdlePolls = 500; // about a second without any arm(): sleep until the next one
    int idle = 0;
    quint64 lastCount = 0;
    while (!m_quit) {
        if (m_armed) {
            const double left = m_budgetMs.load() - (threadCpuMs() - m_startCpuMs.load());
            const quint64 count = m_armCount.load();
            if (left <= 0 && m_armed && count == m_armCount.load()) {
                m_fired = true;
                m_armed = false;
                m_isolate->TerminateExecution();
            }
        }
        const quint64 count = m_armCount.load();
        idle = count == lastCount && !m_armed ? idle + 1 : 0;
        lastCount = count;
        std::unique_lock lock(m_mutex);
        if (idle >= kIdlePolls) {
            m_sleeping = true;
            m_wake.wait(lock, [this] { return m_quit.load() || m_armed.load(); });
            m_sleeping = false;
            idle = 0;
        } else {
            m_wake.wait_for(lock, kPoll, [this] { return m_quit.load(); });
        }
    }
}

} // namespace botwright::runtime
