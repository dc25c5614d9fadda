#include "engine/pipeline/event_pipeline.h"

#include "engine/pipeline/event_routing.h"
#include "engine/pipeline/transform_trace.h"
#include "engine/pipeline/transformer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace botwright::pipeline {

namespace {

Stage nextStage(Stage stage) {
    return static_cast<Stage>(static_cast<int>(stage) + 1);
}

// VOICE_STATE_UPDATE's transformer needs the user's state before this update.
QByteArray previousVoiceState(const StateCache& cache, QByteArrayView type, const QByteArray& data) {
    if (type != "VOICE_STATE_UPDATE")
        return {};
    const QJsonObject d = QJsonDocument::fromJson(data).object();
    return cache.voiceState(d.value(QStringLiteral("guild_id")).toString().toULongLong(),
                            d.value(QStringLiteral("user_id")).toString().toULongLong());
}

} // namespace

EventPipeline::EventPipeline(Options options, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_ring(options.traceCapacity) {}

EventPipeline::~EventPipeline() = default;

TraceRecord EventPipeline::newRecord(const QByteArray& type) {
    TraceRecord record;
    record.id = m_nextId++;
    record.receivedMs = QDateTime::currentMSecsSinceEpoch();
    record.type = type;
    return record;
}

qint64 EventPipeline::push(int shardId, const QByteArray& type, const QByteArray& data, int seq) {
    TraceRecord record = newRecord(type);
    record.shardId = shardId;
    record.seq = seq;
    record.raw = data;
    enqueueOrProcess(std::move(record), Stage::Handler);
    return m_nextId - 1;
}

void EventPipeline::enqueueOrProcess(TraceRecord record, Stage from) {
    if (m_paused || !m_queue.empty()) {
        record.status = TraceRecord::Status::Queued;
        store(record);
        m_queue.push_back({std::move(record), from});
        Q_EMIT waitingChanged(waiting());
        return;
    }
    process(std::move(record), from, Mode::Normal);
}

qint64 EventPipeline::replay(qint64 traceId, Stage from, const QByteArray& editedInput, QString* error) {
    const TraceRecord* old = m_ring.find(traceId);
    if (old == nullptr) {
        if (error)
            *error = QStringLiteral("event #%1 is no longer in the trace").arg(traceId);
        return 0;
    }
    if (from != Stage::Handler && old->sdkEvent.isEmpty()) {
        if (error)
            *error =
                QStringLiteral("event #%1 stopped at the handler: replay it from the handler").arg(traceId);
        return 0;
    }
    if (from == Stage::Event && old->transformed.isEmpty() && old->delivered.isEmpty()) {
        if (error)
            *error = QStringLiteral("event #%1 was never transformed: replay it from an earlier stage")
                         .arg(traceId);
        return 0;
    }
    TraceRecord record = newRecord(old->type);
    record.replayOf = traceId;
    record.replayFrom = from;
    record.shardId = old->shardId;
    record.seq = old->seq;
    record.raw = old->raw;
    record.previousVoiceState = old->previousVoiceState;
    if (from != Stage::Handler) {
        record.sdkEvent = old->sdkEvent;
        record.transformInput = old->transformInput.isEmpty() ? old->raw : old->transformInput;
    }
    if (from == Stage::Event)
        record.delivered = old->delivered.isEmpty() ? old->transformed : old->delivered;
    if (!editedInput.isEmpty()) {
        record.edited = true;
        if (from == Stage::Handler)
            record.raw = editedInput;
        else if (from == Stage::Transformer)
            record.transformInput = editedInput;
        else
            record.delivered = editedInput;
    }
    enqueueOrProcess(std::move(record), from);
    return m_nextId - 1;
}

qint64 EventPipeline::replayDispatch(const QByteArray& type, const QByteArray& data, Stage from) {
    TraceRecord record = newRecord(type);
    record.replayOf = -1; // a captured dispatch, not a traced one
    record.replayFrom = from;
    if (from == Stage::Event) {
        record.sdkEvent = type;
        record.delivered = data;
    } else {
        record.raw = data;
        if (from == Stage::Transformer) {
            const RouteDecision route = pipeline::route(type, data, m_options.guildId);
            record.sdkEvent = route.sdkEvent.toByteArray();
            record.transformInput = data;
        }
    }
    enqueueOrProcess(std::move(record), from);
    return m_nextId - 1;
}

qint64 EventPipeline::pushEvent(const QByteArray& sdkEvent, const QByteArray& json) {
    TraceRecord record = newRecord(sdkEvent);
    record.sdkEvent = sdkEvent;
    record.delivered = json;
    record.cacheChange = QStringLiteral("raised by the host");
    enqueueOrProcess(std::move(record), Stage::Event);
    return m_nextId - 1;
}

void EventPipeline::setListenerFilter(std::function<bool(QByteArrayView)> listens) {
    m_listens = std::move(listens);
}

void EventPipeline::setTracing(bool on) {
    m_tracing = on;
}

std::optional<TraceRecord> EventPipeline::record(qint64 traceId) const {
    if (const TraceRecord* r = m_ring.find(traceId))
        return *r;
    return std::nullopt;
}

QByteArray EventPipeline::transformTrace(qint64 traceId) const {
    const TraceRecord* r = m_ring.find(traceId);
    if (r == nullptr || r->sdkEvent.isEmpty())
        return QByteArrayLiteral("[]");
    TransformContext ctx;
    ctx.guildId = m_options.guildId;
    ctx.previousVoiceState = r->previousVoiceState;
    TransformTrace trace;
    transformEvent(r->sdkEvent, r->transformInput.isEmpty() ? r->raw : r->transformInput, ctx, &trace);
    return trace.toJson();
}

void EventPipeline::setCapacity(int events) {
    m_ring.setCapacity(events);
    m_options.traceCapacity = events;
}

// ---- stages ----

void EventPipeline::process(TraceRecord record, Stage from, Mode mode) {
    for (Stage stage = from;; stage = nextStage(stage)) {
        if (mode == Mode::Normal && shouldPause(record, stage)) {
            pauseAt(std::move(record), stage);
            return;
        }
        if (!runStage(record, stage) || stage == Stage::Event)
            return;
    }
}

bool EventPipeline::shouldPause(TraceRecord& record, Stage stage) {
    if (m_breakpoints.isEmpty())
        return false;
    const QByteArray input = stageInput(record, stage);
    for (Breakpoint& b : m_breakpoints) {
        if (b.applies(record, stage, input)) {
            ++b.hits;
            Q_EMIT breakpointsChanged(); // the hit count
            return true;
        }
    }
    return false;
}

QByteArray EventPipeline::stageInput(const TraceRecord& record, Stage stage) const {
    switch (stage) {
    case Stage::Handler:
        return record.raw;
    case Stage::Transformer:
        return record.transformInput.isEmpty() ? record.raw : record.transformInput;
    case Stage::Event:
        return record.delivered.isEmpty() ? record.transformed : record.delivered;
    }
    return {};
}

// Runs one stage on `record`; false when the event ends there (stopped, failed, or handed to the VM).
bool EventPipeline::runStage(TraceRecord& record, Stage stage) {
    QElapsedTimer timer;
    timer.start();
    switch (stage) {
    case Stage::Handler: {
        record.previousVoiceState = previousVoiceState(m_cache, record.type, record.raw);
        record.cacheChange = m_cache.apply(record.type, record.raw);
        const RouteDecision route = pipeline::route(record.type, record.raw, m_options.guildId);
        record.handlerNs = timer.nsecsElapsed();
        if (!route.delivered()) {
            record.status = TraceRecord::Status::Stopped;
            record.stopReason = route.reason;
            ++m_processed;
            store(std::move(record));
            return false;
        }
        record.sdkEvent = QByteArray::fromRawData(route.sdkEvent.data(), route.sdkEvent.size());
        if (m_listens && !record.sdkEvent.startsWith("BOTLOADER_") && !m_listens(record.sdkEvent)) {
            record.status = TraceRecord::Status::Stopped;
            record.stopReason =
                QStringLiteral("no script listens to %1").arg(QString::fromLatin1(record.sdkEvent));
            ++m_processed;
            store(std::move(record));
            return false;
        }
        return true;
    }
    case Stage::Transformer: {
        TransformContext ctx;
        ctx.guildId = m_options.guildId;
        ctx.previousVoiceState = record.previousVoiceState;
        if (record.transformInput.isEmpty())
            record.transformInput = record.raw;
        const TransformOutput out = transformEvent(record.sdkEvent, record.transformInput, ctx);
        record.transformNs = timer.nsecsElapsed();
        if (!out.ok) {
            record.status = TraceRecord::Status::Failed;
            record.transformError = out.error;
            record.errors.append(QStringLiteral("transformer: %1").arg(out.error));
            ++m_processed;
            Q_EMIT transformFailed(QString::fromLatin1(record.type), QString::fromLatin1(record.sdkEvent),
                                   out.error);
            store(std::move(record));
            return false;
        }
        record.transformed = out.json;
        return true;
    }
    case Stage::Event: {
        if (record.delivered.isEmpty())
            record.delivered = record.transformed;
        record.status = TraceRecord::Status::Delivered;
        ++m_processed;
        const qint64 id = record.id;
        const QByteArray sdkEvent = record.sdkEvent;
        const QByteArray json = record.delivered;
        store(std::move(record));
        Q_EMIT deliverEvent(id, sdkEvent, json);
        return false;
    }
    }
    return false;
}

// ---- pausing ----

void EventPipeline::pauseAt(TraceRecord record, Stage stage) {
    record.status = TraceRecord::Status::Paused;
    record.pausedBefore = stage;
    m_paused = std::move(record);
    // A paused record is always kept, traced or not: the person is looking at it.
    m_ring.put(*m_paused);
    if (m_watching)
        Q_EMIT traced(*m_paused);
    Q_EMIT paused(*m_paused);
}

void EventPipeline::step() {
    if (!m_paused)
        return;
    TraceRecord record = std::move(*m_paused);
    m_paused.reset();
    const Stage stage = record.pausedBefore;
    if (!runStage(record, stage) || stage == Stage::Event) {
        Q_EMIT unpaused();
        drain();
        return;
    }
    pauseAt(std::move(record), nextStage(stage));
}

void EventPipeline::resume() {
    if (!m_paused)
        return;
    TraceRecord record = std::move(*m_paused);
    m_paused.reset();
    const Stage from = record.pausedBefore;
    process(std::move(record), from, Mode::Resume);
    Q_EMIT unpaused();
    drain();
}

void EventPipeline::drop() {
    if (!m_paused)
        return;
    m_paused->status = TraceRecord::Status::Dropped;
    m_ring.put(*m_paused);
    if (m_watching)
        Q_EMIT traced(*m_paused);
    m_paused.reset();
    ++m_processed;
    Q_EMIT unpaused();
    drain();
}

bool EventPipeline::editPaused(const QByteArray& json, QString* error) {
    if (!m_paused) {
        *error = QStringLiteral("no event is paused");
        return false;
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("not valid JSON at offset %1: %2")
                     .arg(parseError.offset)
                     .arg(parseError.errorString());
        return false;
    }
    if (!doc.isObject() && !(m_paused->pausedBefore == Stage::Event && doc.isArray())) {
        *error = QStringLiteral("the payload must be a JSON object");
        return false;
    }
    const QByteArray compact = doc.toJson(QJsonDocument::Compact);
    switch (m_paused->pausedBefore) {
    case Stage::Handler:
        m_paused->raw = compact;
        break;
    case Stage::Transformer:
        m_paused->transformInput = compact;
        break;
    case Stage::Event:
        m_paused->delivered = compact;
        break;
    }
    m_paused->edited = true;
    m_ring.put(*m_paused);
    if (m_watching)
        Q_EMIT traced(*m_paused);
    return true;
}

void EventPipeline::drain() {
    while (!m_paused && !m_queue.empty()) {
        Queued next = std::move(m_queue.front());
        m_queue.pop_front();
        process(std::move(next.record), next.from, Mode::Normal);
    }
    Q_EMIT waitingChanged(waiting());
}

// ---- breakpoints ----

int EventPipeline::addBreakpoint(Breakpoint breakpoint) {
    breakpoint.id = m_nextBreakpoint++;
    m_breakpoints.append(breakpoint);
    Q_EMIT breakpointsChanged();
    return breakpoint.id;
}

bool EventPipeline::removeBreakpoint(int id) {
    const bool removed = m_breakpoints.removeIf([id](const Breakpoint& b) { return b.id == id; }) > 0;
    if (removed)
        Q_EMIT breakpointsChanged();
    return removed;
}

void EventPipeline::setBreakpointEnabled(int id, bool enabled) {
    for (Breakpoint& b : m_breakpoints)
        if (b.id == id)
            b.enabled = enabled;
    Q_EMIT breakpointsChanged();
}

void EventPipeline::clearBreakpoints() {
    m_breakpoints.clear();
    Q_EMIT breakpointsChanged();
}

// ---- trace storage and the event stage's outcome ----

void EventPipeline::store(const TraceRecord& record) {
    if (!m_tracing && record.status != TraceRecord::Status::Queued)
        return;
    m_ring.put(record);
    if (m_watching)
        Q_EMIT traced(record);
}

void EventPipeline::store(TraceRecord&& record) {
    if (!m_tracing)
        return;
    const qint64 id = record.id;
    m_ring.put(std::move(record));
    if (m_watching)
        if (const TraceRecord* held = m_ring.find(id))
            Q_EMIT traced(*held);
}

void EventPipeline::changed(TraceRecord* record) {
    if (m_watching)
        Q_EMIT traced(*record);
}

TraceRecord* EventPipeline::byVmEvent(qint64 vmEventId) {
    const auto it =
        std::lower_bound(m_vmToTrace.begin(), m_vmToTrace.end(), std::pair<qint64, qint64>{vmEventId, 0});
    return it == m_vmToTrace.end() || it->first != vmEventId ? nullptr : m_ring.find(it->second);
}

void EventPipeline::eventDelivered(qint64 traceId, qint64 vmEventId) {
    TraceRecord* r = m_ring.find(traceId);
    if (r == nullptr)
        return;
    r->vmEventId = vmEventId;
    if (m_vmToTrace.empty() || m_vmToTrace.back().first < vmEventId)
        m_vmToTrace.emplace_back(vmEventId, traceId);
    forgetOld();
    changed(r);
}

void EventPipeline::eventTimed(qint64 vmEventId, qint64 startNs, qint64 endNs, int listeners, bool ok) {
    TraceRecord* r = byVmEvent(vmEventId);
    if (r == nullptr)
        return;
    r->eventNs = endNs - startNs;
    r->listeners = listeners;
    r->status = TraceRecord::Status::Done;
    if (!ok)
        r->errors.append(QStringLiteral("the listeners were stopped (see the console)"));
    changed(r);
}

void EventPipeline::eventLogged(qint64 vmEventId, const LogTrace& log) {
    TraceRecord* r = byVmEvent(vmEventId);
    if (r == nullptr)
        return;
    r->logs.append(log);
    if (log.level == QLatin1String("error")) {
        const QString at =
            log.script.isEmpty()
                ? QString()
                : QStringLiteral("%1.ts:%2:%3: ").arg(log.script).arg(log.line).arg(log.column);
        r->errors.append(at + log.message);
    }
    changed(r);
}

void EventPipeline::opIssued(qint64 vmEventId, qint64 callKey, const QString& op, const QByteArray& args) {
    TraceRecord* r = byVmEvent(vmEventId);
    if (r == nullptr)
        return;
    OpTrace t;
    t.call = callKey;
    t.op = op;
    t.args = args;
    r->ops.append(t);
    m_callToTrace.insert(callKey, r->id);
    m_callStartedMs.insert(callKey, QDateTime::currentMSecsSinceEpoch());
    changed(r);
}

void EventPipeline::opAnswered(qint64 callKey, bool ok, const QByteArray& result, const QString& errorClass,
                               const QString& message) {
    const auto it = m_callToTrace.constFind(callKey);
    if (it == m_callToTrace.constEnd())
        return;
    TraceRecord* r = m_ring.find(*it);
    const qint64 started = m_callStartedMs.take(callKey);
    m_callToTrace.erase(it);
    if (r == nullptr)
        return;
    for (OpTrace& t : r->ops) {
        if (t.call != callKey)
            continue;
        t.done = true;
        t.ok = ok;
        t.result = result;
        t.errorClass = errorClass;
        t.errorMessage = message;
        t.ms = QDateTime::currentMSecsSinceEpoch() - started;
    }
    changed(r);
}

// Outcome maps for records the ring no longer holds are dropped now and then.
void EventPipeline::forgetOld() {
    const auto keep = static_cast<std::size_t>(2 * m_ring.capacity() + 64);
    while (m_vmToTrace.size() > keep)
        m_vmToTrace.pop_front();
    if (m_callToTrace.size() <= static_cast<qsizetype>(keep))
        return;
    for (auto it = m_callToTrace.begin(); it != m_callToTrace.end();) {
        if (m_ring.find(*it)) {
            ++it;
        } else {
            m_callStartedMs.remove(it.key());
            it = m_callToTrace.erase(it);
        }
    }
}

} // namespace botwright::pipeline
