#pragma once

#include "engine/pipeline/breakpoint.h"
#include "engine/pipeline/pipeline_trace.h"
#include "engine/project/settings_file_watcher.h"
#include "engine/runtime/script_runtime.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace botwright::gateway {
class GatewayHost;
}
namespace botwright::pipeline {
class EventPipeline;
}

namespace botwright::studio {

// The open project's scripts, live, for the studio: one runtime::ScriptRuntime at a time on a
// thread of its own ("botwright-runtime": transpiling and the VM process never touch the GUI
// thread), fed by the studio's GatewayHost. Its signals arrive on the GUI thread, and only from the
// current runtime (a replaced one is silent).
class ScriptRuntimeHost final : public QObject {
    Q_OBJECT
public:
    explicit ScriptRuntimeHost(gateway::GatewayHost* gateway, QObject* parent = nullptr);
    ~ScriptRuntimeHost() override; // deletes the runtime on its thread and stops the thread

    // Replaces the running scripts with `config`'s project; `ready` (READY's `d`, when the gateway
    // already has a session) starts the VM without waiting for the next READY.
    void start(runtime::ScriptRuntimeConfig config, const QByteArray& ready = {});
    void stop();
    bool isActive() const { return m_runtime != nullptr; }
    // Rebuilds and hot-reloads (after a save); nothing without a runtime.
    void reload();
    // Hands a READY (its `d`) to the current runtime; a runtime that already started ignores it.
    void deliverReady(const QByteArray& ready);

    // ---- the scripts' clock (intervals and scheduled tasks) ----
    void advanceClock(qint64 ms);
    void setClockRate(double rate); // kept for later runtimes too
    // Task operations per second, as a Botloader plan allows (1 free, 2 lite, 10 premium; 0: none).
    void setTaskRate(int perSecond); // kept for later runtimes too
    int taskRate() const { return m_taskRate; }

    // ---- the runtime's event pipeline (issue 6): every call is forwarded to the runtime's thread ----
    // While watched (a Pipeline view is shown) every trace change comes here as traced(); unwatched,
    // nothing crosses threads but pauses and the queue length.
    void setPipelineWatching(bool watching);
    // Asks for the newest `count` records, the paused event and the queue (pipelineSnapshot()).
    void requestPipelineSnapshot(int count);
    // The breakpoints, kept here and applied to every runtime made later too.
    void setBreakpoints(const QList<pipeline::Breakpoint>& breakpoints);
    QList<pipeline::Breakpoint> breakpoints() const { return m_breakpoints; }
    void stepEvent();
    void resumeEvents();
    void dropEvent();
    // Replaces the paused event's payload; answered by payloadEdited().
    void editPausedPayload(const QByteArray& json);
    // Answered by replayStarted().
    void replayEvent(qint64 traceId, pipeline::Stage from);
    void replayDispatch(const QByteArray& type, const QByteArray& data, pipeline::Stage from);
    // Answered by transformTraceReady().
    void requestTransformTrace(qint64 traceId);

Q_SIGNALS:
    void clockChanged(qint64 nowMs, double rate);
    void logged(const botwright::runtime::VmLogEntry& entry);
    void stateChanged(botwright::runtime::VmState state, const QString& detail);
    void reloading(double buildMs);
    void loaded(bool ok, double ms);
    void failed(const QString& reason);

    // The pipeline's news (see setPipelineWatching()).
    void traced(const botwright::pipeline::TraceRecord& record);
    void eventPaused(const botwright::pipeline::TraceRecord& record);
    void eventUnpaused();
    void waitingChanged(int waiting);
    // Each breakpoint's hit count, in the order of setBreakpoints().
    void breakpointHits(const QList<int>& hits);
    void pipelineSnapshot(const QList<botwright::pipeline::TraceRecord>& records, qint64 pausedId,
                          int waiting);
    // A new runtime (or none) replaced the pipeline: its records and ids start again.
    void pipelineReset();
    void payloadEdited(bool ok, const QString& error);
    // `newId` 0: the replay could not start (`error` says why).
    void replayStarted(qint64 newId, qint64 originalId, const QString& error);
    void transformTraceReady(qint64 traceId, const QByteArray& json);

private:
    // Runs `job` with the current runtime's pipeline on the runtime's thread (nothing without one).
    void onPipeline(std::function<void(pipeline::EventPipeline*)> job);
    void connectPipeline(runtime::ScriptRuntime* rt, quint64 generation);
    void updateTracedConnection();

    gateway::GatewayHost* m_gateway;
    QThread m_thread;
    runtime::ScriptRuntime* m_runtime = nullptr; // lives on m_thread
    // Whether the current runtime opened (read and written on m_thread only): a runtime that could
    // not open gets no dispatches.
    std::shared_ptr<bool> m_openOnThread;
    enum class Open { Pending, Ok, Failed };
    Open m_open = Open::Pending; // the same, as last reported to this (GUI) thread
    runtime::ScriptRuntimeConfig m_config;
    QByteArray m_ready;
    quint64 m_generation = 0;
    double m_clockRate = 1.0;
    int m_taskRate = 1;
    QList<pipeline::Breakpoint> m_breakpoints;
    bool m_watching = false;
    pipeline::EventPipeline* m_pipeline = nullptr; // the current runtime's, once it opened
    QMetaObject::Connection m_tracedConnection;
    project::SettingsFileWatcher m_settingsWatcher; // settings.json saved → reload, like a script save
};

} // namespace botwright::studio
