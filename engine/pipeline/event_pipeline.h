#pragma once

#include "engine/pipeline/breakpoint.h"
#include "engine/pipeline/pipeline_trace.h"
#include "engine/pipeline/state_cache.h"
#include "engine/pipeline/trace_ring.h"

#include <QObject>

#include <deque>
#include <functional>
#include <optional>

namespace botwright::pipeline {

// Every gateway dispatch passes the handler (state cache, routing), the transformer (Discord → SDK
// shape) and the event stage (the scripts' listeners, run by whoever connects to deliverEvent) in
// gateway order. The pipeline records each event in a ring of traces, pauses before a stage when a
// breakpoint says so (later events wait behind the paused one, in order), lets the person step,
// continue, drop or edit the paused payload, and replays any traced or captured event from any
// stage. Lives on one thread (the runtime's); GUI-free. Tracing off keeps only what routing needs.
class EventPipeline final : public QObject {
    Q_OBJECT
public:
    struct Options {
        int traceCapacity = 1000; // events kept in the trace ring
        quint64 guildId = 0;      // the project's guild; 0 accepts every guild
    };
    explicit EventPipeline(Options options, QObject* parent = nullptr);
    ~EventPipeline() override;

    // ---- input ----
    // One dispatch, in gateway order. Returns its trace id.
    qint64 push(int shardId, const QByteArray& type, const QByteArray& data, int seq);
    // Runs a traced event again from `from` with the scripts as they are now: the new record's input
    // at that stage is the old record's (or `editedInput` when given). Returns the new trace id, or 0
    // with `error` when the record is gone or never reached that stage.
    qint64 replay(qint64 traceId, Stage from, const QByteArray& editedInput = {}, QString* error = nullptr);
    // Replays a captured dispatch (`t` and `d`) from `from`: before the event stage `data` must be
    // Discord's `d`; from the event stage it must be the SDK shape of `type` (an SDK event name).
    qint64 replayDispatch(const QByteArray& type, const QByteArray& data, Stage from);
    // An SDK event the host itself raises (an interval timer or a task firing): it enters at the
    // event stage, in order with the dispatches.
    qint64 pushEvent(const QByteArray& sdkEvent, const QByteArray& json);

    void setGuildId(quint64 guildId) { m_options.guildId = guildId; }
    // Whether some script listens to `sdkEvent`; an event nobody listens to stops at the handler.
    // Unset (or while scripts load): every routed event goes on.
    void setListenerFilter(std::function<bool(QByteArrayView sdkEvent)> listens);

    // ---- tracing ----
    // On: records keep every stage's input, output and timing (payloads are shared, not copied).
    // Off: only a thin record per event. Watching (a Pipeline view is open) adds transformer traces
    // to each record as it passes; without it they are computed when asked (transformTrace()).
    void setTracing(bool on);
    bool tracing() const { return m_tracing; }
    // While watched (a Pipeline view is open), every record change is also emitted as `traced`;
    // unwatched, records only go to the ring (no signal, no copy per event).
    void setWatching(bool on) { m_watching = on; }
    bool watching() const { return m_watching; }
    const TraceRing& traces() const { return m_ring; }
    std::optional<TraceRecord> record(qint64 traceId) const;
    // What the transformer renamed, converted and dropped for a record, as JSON
    // ([{"kind","path","before","after"}, …]); computed again from the record's input.
    QByteArray transformTrace(qint64 traceId) const;
    void setCapacity(int events);

    // ---- breakpoints and stepping ----
    int addBreakpoint(Breakpoint breakpoint); // returns its id
    bool removeBreakpoint(int id);
    void setBreakpointEnabled(int id, bool enabled);
    void clearBreakpoints();
    QList<Breakpoint> breakpoints() const { return m_breakpoints; }
    // The paused event's id, or 0.
    qint64 pausedId() const { return m_paused ? m_paused->id : 0; }
    // Events waiting behind the paused one.
    int waiting() const { return static_cast<int>(m_queue.size()); }
    // Runs the paused event's next stage and pauses again before the one after (if any).
    void step();
    // Runs the paused event to the end, then the events behind it (which may pause again).
    void resume();
    // Drops the paused event and goes on with the ones behind it.
    void drop();
    // Replaces the paused event's input for the stage it waits before (JSON, checked); false with
    // `error` when it is not valid JSON of the right kind.
    bool editPaused(const QByteArray& json, QString* error);

    // ---- event stage: fed back by the runtime ----
    void eventDelivered(qint64 traceId, qint64 vmEventId);
    void eventTimed(qint64 vmEventId, qint64 startNs, qint64 endNs, int listeners, bool ok);
    void eventLogged(qint64 vmEventId, const LogTrace& log);
    // `callKey` names one op uniquely for the runtime (calls restart with each worker).
    void opIssued(qint64 vmEventId, qint64 callKey, const QString& op, const QByteArray& args);
    void opAnswered(qint64 callKey, bool ok, const QByteArray& result, const QString& errorClass,
                    const QString& message);

    const StateCache& cache() const { return m_cache; }
    qint64 processed() const { return m_processed; }

Q_SIGNALS:
    // The event stage: hand `json` (the SDK shape of `sdkEvent`) to the scripts, then report back
    // with eventDelivered(traceId, vmEventId).
    void deliverEvent(qint64 traceId, const QByteArray& sdkEvent, const QByteArray& json);
    // A record was added or changed (only while tracing and watched).
    void traced(const botwright::pipeline::TraceRecord& record);
    // An event paused before `stage` (its record is in `record`).
    void paused(const botwright::pipeline::TraceRecord& record);
    // The paused event went on (stepped past its last stage, resumed or dropped).
    void unpaused();
    void waitingChanged(int waiting);
    void breakpointsChanged();
    // The transformer refused a payload (always emitted: this is worth a console line).
    void transformFailed(const QString& type, const QString& sdkEvent, const QString& error);

private:
    enum class Mode { Normal, Resume };
    TraceRecord newRecord(const QByteArray& type); // the next id, received now
    void process(TraceRecord record, Stage from, Mode mode);
    bool runStage(TraceRecord& record, Stage stage);
    bool shouldPause(TraceRecord& record, Stage stage);
    QByteArray stageInput(const TraceRecord& record, Stage stage) const;
    void pauseAt(TraceRecord record, Stage stage);
    void enqueueOrProcess(TraceRecord record, Stage from);
    void drain();
    void store(const TraceRecord& record);
    void store(TraceRecord&& record);  // the record's last state: moved into the ring
    void changed(TraceRecord* record); // after an in-place change of a stored record
    TraceRecord* byVmEvent(qint64 vmEventId);
    void forgetOld();

    Options m_options;
    StateCache m_cache;
    TraceRing m_ring;
    bool m_tracing = true;
    bool m_watching = false;
    std::function<bool(QByteArrayView)> m_listens;
    QList<Breakpoint> m_breakpoints;
    int m_nextBreakpoint = 1;
    std::optional<TraceRecord> m_paused;
    struct Queued {
        TraceRecord record;
        Stage from = Stage::Handler;
    };
    std::deque<Queued> m_queue; // behind the paused event, in order
    qint64 m_nextId = 1;
    qint64 m_processed = 0;
    // VM event id → trace id, while its outcome can come. Both ids grow, so this stays sorted.
    std::deque<std::pair<qint64, qint64>> m_vmToTrace;
    QHash<qint64, qint64> m_callToTrace;   // op call key → trace id
    QHash<qint64, qint64> m_callStartedMs; // op call key → when it was issued
};

} // namespace botwright::pipeline
