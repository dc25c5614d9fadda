#pragma once

#include "engine/runtime/vm_protocol.h"

#include <QString>
#include <v8.h>

#include <memory>
#include <unordered_map>
#include <vector>

namespace botwright::runtime {

class CpuWatchdog;
class VmChannel;
class VmModules;

// botwright-vm's engine: one isolate for a project's scripts. It answers the host protocol
// (vm_protocol.h): loads the scripts as ES modules, dispatches events to the SDK, forwards ops and
// logs, and enforces the limits — a CPU budget per event and per startup (TerminateExecution from a
// watchdog) and a heap limit (the run ends cleanly and the host starts a new worker).
class VmWorker final {
public:
    explicit VmWorker(VmChannel& channel);
    ~VmWorker();
    VmWorker(const VmWorker&) = delete;
    VmWorker& operator=(const VmWorker&) = delete;

    // Serves frames until Shutdown or the end of input; returns the process exit code.
    int run();

    // Exit codes the host understands.
    static constexpr int kExitHeapLimit = 3;
    static constexpr int kExitProtocol = 4;

private:
    struct Limits {
        int cpuBudgetMs = 1000;
        int startupBudgetMs = 1000;
        int heapLimitMb = 128;
    };
    class Scope;

    bool hello(const QByteArray& body);
    void createIsolate();
    void installBindings(v8::Local<v8::Context> context);
    void load(const QByteArray& body);
    bool evaluateModule(v8::Local<v8::Context> context, const QString& name, const QString& url);
    void dispatchEvent(const QByteArray& body);
    void resolveOp(const QByteArray& body);
    // Tells the host every event up to the last one read has been dispatched (one frame per batch).
    void acknowledgeEvents();
    // Calls `fn` with the watchdog armed and runs the microtasks after it; reports a timeout, a
    // thrown exception and unhandled rejections. Returns false when the call threw or was stopped.
    // `activity` and `subject` say what the call was doing, for the rare message that needs it
    // (built only then: this runs once per event).
    bool callIntoJs(v8::Local<v8::Context> context, v8::Local<v8::Function> fn, int argc,
                    v8::Local<v8::Value>* argv, int budgetMs, const char* activity,
                    QByteArrayView subject = {}, v8::Local<v8::Value>* result = nullptr);
    // The event's name as an internalized V8 string, made once per name.
    v8::Local<v8::String> eventName(QByteArrayView name);
    void reportException(v8::Local<v8::Context> context, const v8::TryCatch& tryCatch, const QString& prefix);
    void reportUnhandledRejections(v8::Local<v8::Context> context);
    void log(const QString& level, const QString& message, const QString& url = {}, int line = 0,
             int column = 0);
    [[noreturn]] void endForHeapLimit(const QString& what);

    static void onPromiseReject(v8::PromiseRejectMessage message);
    static size_t onNearHeapLimit(void* data, size_t current, size_t initial);
    // Native bindings under the hidden global `__botwright`.
    static void nativeLog(const v8::FunctionCallbackInfo<v8::Value>& info);
    static void nativeOp(const v8::FunctionCallbackInfo<v8::Value>& info);
    static void nativeScriptStart(const v8::FunctionCallbackInfo<v8::Value>& info);
    static void nativeSetHandlers(const v8::FunctionCallbackInfo<v8::Value>& info);

    VmChannel& m_channel;
    Limits m_limits;
    QByteArray m_info; // {"guildId", "botUser"} for the SDK
    std::unique_ptr<v8::ArrayBuffer::Allocator> m_allocator;
    v8::Isolate* m_isolate = nullptr;
    v8::Global<v8::Context> m_context;
    std::unique_ptr<VmModules> m_modules;
    std::unique_ptr<CpuWatchdog> m_watchdog;
    v8::Global<v8::Function> m_onEvent;
    v8::Global<v8::Function> m_onOpResult;
    struct Rejection {
        v8::Global<v8::Promise> promise;
        v8::Global<v8::Value> value;
    };
    std::vector<Rejection> m_rejections;
    bool m_heapLimitHit = false;
    bool m_loaded = false;
    qint64 m_nextCall = 1;
    qint64 m_lastEventId = -1;
    qint64 m_doneEventId = -1;
    std::vector<std::pair<QByteArray, v8::Global<v8::String>>> m_eventNames;
    // Which event the JavaScript now running serves (-1: none), and for each pending op the event
    // that issued it, so logs and ops after an `await` are still attributed to their event.
    qint64 m_currentEvent = -1;
    std::unordered_map<qint64, qint64> m_opEvents;
    bool m_trace = false;
    struct EventTiming {
        qint64 id, startNs, endNs;
        int listeners;
        bool ok;
    };
    std::vector<EventTiming> m_timings; // while tracing, the events not yet acknowledged
};

} // namespace botwright::runtime
