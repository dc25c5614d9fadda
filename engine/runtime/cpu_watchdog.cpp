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
    // No clock read here: reading a thread's CPU clock is a system call, and arm() runs once per
    // event. The watchdog thread takes the start time when it first sees this arm (see loop()).
    m_fired = false;
    m_budgetMs = budgetMs;
    m_armCount.fetch_add(1, std::memory_order_release);
    m_armed.store(budgetMs > 0, std::memory_order_release);
    if (budgetMs > 0 && m_sleeping.load()) {
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
    // The JS thread's CPU time at the previous poll. A run first seen at this poll started after
    // it, so counting from it can only overstate the time used, by at most one poll interval.
    double previousSample = threadCpuMs();
    quint64 timedCount = 0; // the arm whose start time m_startCpuMs holds
    while (!m_quit) {
        const double now = threadCpuMs();
        if (m_armed.load(std::memory_order_acquire)) {
            const quint64 count = m_armCount.load(std::memory_order_acquire);
            if (count != timedCount) {
                timedCount = count;
                m_startCpuMs = previousSample;
            }
            const double left = m_budgetMs.load() - (now - m_startCpuMs.load());
            if (left <= 0 && m_armed.load() && count == m_armCount.load()) {
                m_fired = true;
                m_armed = false;
                m_isolate->TerminateExecution();
            }
        }
        previousSample = now;
        const quint64 count = m_armCount.load();
        idle = count == lastCount && !m_armed ? idle + 1 : 0;
        lastCount = count;
        std::unique_lock lock(m_mutex);
        if (idle >= kIdlePolls) {
            m_sleeping = true;
            m_wake.wait(lock, [this] { return m_quit.load() || m_armed.load(); });
            m_sleeping = false;
            idle = 0;
            previousSample = threadCpuMs();
        } else {
            m_wake.wait_for(lock, kPoll, [this] { return m_quit.load(); });
        }
    }
}

} // namespace botwright::runtime
