#pragma once

#include <QtGlobal>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <pthread.h>
#include <thread>

namespace v8 {
class Isolate;
}

namespace botwright::runtime {

// Stops JavaScript that runs too long: armed with a budget of CPU time (the JS thread's own clock,
// so a busy machine does not count against a script), it calls TerminateExecution when the budget
// is spent. Arm and disarm from the JS thread around each entry into JavaScript.
class CpuWatchdog final {
public:
    explicit CpuWatchdog(v8::Isolate* isolate);
    ~CpuWatchdog();
    CpuWatchdog(const CpuWatchdog&) = delete;
    CpuWatchdog& operator=(const CpuWatchdog&) = delete;

    void arm(int budgetMs);
    // True when the budget ran out since arm() (the isolate was told to terminate).
    bool disarm();
    // CPU time the JS thread used since arm(), in ms.
    double usedMs() const;

private:
    void loop();
    double threadCpuMs() const;

    v8::Isolate* m_isolate;
    clockid_t m_clock{};
    // arm() and disarm() only touch atomics: events arrive by the hundred thousand per second and
    // must not wake this thread each time. It polls while scripts are busy and sleeps when idle.
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::atomic<bool> m_armed{false};
    std::atomic<bool> m_sleeping{false};
    std::atomic<bool> m_quit{false};
    std::atomic<int> m_budgetMs{0};
    std::atomic<double> m_startCpuMs{0};
    std::atomic<quint64> m_armCount{0};
    std::atomic<bool> m_fired{false};
    std::thread m_thread;
};

} // namespace botwright::runtime
