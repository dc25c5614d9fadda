#include "app/studio/script_runtime_host.h"

#include "engine/gateway/gateway_host.h"
#include "engine/pipeline/event_pipeline.h"
#include "engine/runtime/script_scheduler.h"

namespace botwright::studio {

ScriptRuntimeHost::ScriptRuntimeHost(gateway::GatewayHost* gateway, QObject* parent)
    : QObject(parent)
    , m_gateway(gateway) {
    qRegisterMetaType<pipeline::TraceRecord>();
    m_thread.setObjectName(QStringLiteral("botwright-runtime"));
    m_thread.start();
    connect(&m_settingsWatcher, &project::SettingsFileWatcher::changed, this, &ScriptRuntimeHost::reload);
}

ScriptRuntimeHost::~ScriptRuntimeHost() {
    stop();
    m_thread.quit(); // a finishing thread runs the pending deleteLater()s first
    m_thread.wait();
}

void ScriptRuntimeHost::start(runtime::ScriptRuntimeConfig config, const QByteArray& ready) {
    stop();
    m_config = config;
    m_ready = ready;
    m_settingsWatcher.watch(m_config.projectPath);
    m_open = Open::Pending;
    const quint64 generation = ++m_generation;
    auto* rt = new runtime::ScriptRuntime(std::move(config));
    rt->moveToThread(&m_thread);
    m_runtime = rt;
    auto openOnThread = std::make_shared<bool>(false);
    m_openOnThread = openOnThread;
    // Only the current runtime speaks: a replaced one's queued signals are dropped here.
    connect(rt, &runtime::ScriptRuntime::logged, this, [this, generation](const runtime::VmLogEntry& e) {
        if (generation == m_generation)
            Q_EMIT logged(e);
    });
    connect(rt, &runtime::ScriptRuntime::stateChanged, this,
            [this, generation](runtime::VmState state, const QString& detail) {
                if (generation == m_generation)
                    Q_EMIT stateChanged(state, detail);
            });
    connect(rt, &runtime::ScriptRuntime::reloading, this, [this, generation](double ms) {
        if (generation == m_generation)
            Q_EMIT reloading(ms);
    });
    connect(rt, &runtime::ScriptRuntime::loaded, this, [this, generation](bool ok, double ms) {
        if (generation == m_generation)
            Q_EMIT loaded(ok, ms);
    });
    connect(rt, &runtime::ScriptRuntime::failed, this, [this, generation](const QString& reason) {
        if (generation == m_generation)
            Q_EMIT failed(reason);
    });
    Q_EMIT stateChanged(runtime::VmState::Starting, tr("Building"));
    Q_EMIT pipelineReset();
    // open() is the first call queued on the runtime's thread, so every dispatch finds it done.
    QMetaObject::invokeMethod(
        rt,
        [this, rt, generation, openOnThread, breakpoints = m_breakpoints, watching = m_watching,
         clockRate = m_clockRate, taskRate = m_taskRate] {
            QString error;
            *openOnThread = rt->open(&error);
            const bool ok = *openOnThread;
            if (ok) {
                rt->scheduler()->setRate(clockRate);
                rt->setTaskOpsPerSecond(taskRate);
                connect(rt->scheduler(), &runtime::ScriptScheduler::clockChanged, this,
                        [this, generation](qint64 nowMs, double rate) {
                            if (generation == m_generation)
                                Q_EMIT clockChanged(nowMs, rate);
                        });
            }
            pipeline::EventPipeline* events = ok ? rt->pipeline() : nullptr;
            if (events) {
                events->setWatching(watching);
                for (const pipeline::Breakpoint& b : breakpoints)
                    events->addBreakpoint(b);
                connectPipeline(rt, generation);
            }
            QMetaObject::invokeMethod(
                this,
                [this, generation, ok, error, events] {
                    if (generation != m_generation)
                        return;
                    m_open = ok ? Open::Ok : Open::Failed;
                    m_pipeline = events;
                    updateTracedConnection();
                    if (!ok)
                        Q_EMIT failed(error.isEmpty() ? tr("the scripts could not be built") : error);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    // Dispatches go straight from the gateway to the runtime's thread, in gateway order.
    connect(m_gateway, &gateway::GatewayHost::dispatches, rt,
            [rt, openOnThread](const gateway::DispatchBatch& batch) {
                if (!*openOnThread)
                    return;
                for (const gateway::Dispatch& d : batch)
                    rt->onDispatch(d.shardId, d.type, d.data, d.seq);
            });
    if (!m_ready.isEmpty())
        deliverReady(m_ready);
}

void ScriptRuntimeHost::stop() {
    if (!m_runtime)
        return;
    m_settingsWatcher.watch({});
    ++m_generation;
    m_open = Open::Pending;
    if (m_tracedConnection)
        disconnect(m_tracedConnection);
    m_pipeline = nullptr;
    Q_EMIT pipelineReset();
    disconnect(m_gateway, nullptr, m_runtime, nullptr);
    m_runtime->deleteLater(); // on its thread, after the calls already queued for it
    m_runtime = nullptr;
}

void ScriptRuntimeHost::reload() {
    if (!m_runtime)
        return;
    if (m_open == Open::Failed) {
        // A runtime whose first build failed never starts its VM: begin again with the fixed files.
        start(m_config, m_ready);
        return;
    }
    QMetaObject::invokeMethod(m_runtime, &runtime::ScriptRuntime::reload, Qt::QueuedConnection);
}

void ScriptRuntimeHost::deliverReady(const QByteArray& ready) {
    if (!m_runtime)
        return;
    m_ready = ready;
    runtime::ScriptRuntime* rt = m_runtime;
    QMetaObject::invokeMethod(
        rt,
        [rt, openOnThread = m_openOnThread, ready] {
            if (*openOnThread)
                rt->onDispatch(0, QStringLiteral("READY"), ready, 0);
        },
        Qt::QueuedConnection);
}

// ---- the clock ----

void ScriptRuntimeHost::advanceClock(qint64 ms) {
    if (!m_runtime)
        return;
    QMetaObject::invokeMethod(
        m_runtime,
        [rt = m_runtime, openOnThread = m_openOnThread, ms] {
            if (*openOnThread)
                rt->scheduler()->advance(ms);
        },
        Qt::QueuedConnection);
}

void ScriptRuntimeHost::setClockRate(double rate) {
    m_clockRate = rate;
    if (!m_runtime)
        return;
    QMetaObject::invokeMethod(
        m_runtime,
        [rt = m_runtime, openOnThread = m_openOnThread, rate] {
            if (*openOnThread)
                rt->scheduler()->setRate(rate);
        },
        Qt::QueuedConnection);
}

void ScriptRuntimeHost::setTaskRate(int perSecond) {
    m_taskRate = perSecond;
    if (!m_runtime)
        return;
    QMetaObject::invokeMethod(
        m_runtime,
        [rt = m_runtime, openOnThread = m_openOnThread, perSecond] {
            if (*openOnThread)
                rt->setTaskOpsPerSecond(perSecond);
        },
        Qt::QueuedConnection);
}

// ---- the pipeline ----

void ScriptRuntimeHost::connectPipeline(runtime::ScriptRuntime* rt, quint64 generation) {
    // On the runtime's thread, right after open(): pauses are never missed, whoever watches.
    pipeline::EventPipeline* events = rt->pipeline();
    connect(events, &pipeline::EventPipeline::paused, this,
            [this, generation](const pipeline::TraceRecord& record) {
                if (generation == m_generation)
                    Q_EMIT eventPaused(record);
            });
    connect(events, &pipeline::EventPipeline::unpaused, this, [this, generation] {
        if (generation == m_generation)
            Q_EMIT eventUnpaused();
    });
    connect(events, &pipeline::EventPipeline::waitingChanged, this, [this, generation](int waiting) {
        if (generation == m_generation)
            Q_EMIT waitingChanged(waiting);
    });
    const auto reportHits = [this, events, generation] {
        QList<int> hits;
        for (const pipeline::Breakpoint& b : events->breakpoints())
            hits.append(b.hits);
        QMetaObject::invokeMethod(
            this,
            [this, generation, hits] {
                if (generation == m_generation)
                    Q_EMIT breakpointHits(hits);
            },
            Qt::QueuedConnection);
    };
    // Context: the runtime (on its thread), not the pipeline, whose affinity is where it was made.
    connect(events, &pipeline::EventPipeline::breakpointsChanged, rt, reportHits);
    connect(events, &pipeline::EventPipeline::paused, rt, reportHits);
}

void ScriptRuntimeHost::updateTracedConnection() {
    if (m_tracedConnection)
        disconnect(m_tracedConnection);
    m_tracedConnection = {};
    if (!m_watching || !m_pipeline)
        return;
    const quint64 generation = m_generation;
    m_tracedConnection = connect(m_pipeline, &pipeline::EventPipeline::traced, this,
                                 [this, generation](const pipeline::TraceRecord& record) {
                                     if (generation == m_generation)
                                         Q_EMIT traced(record);
                                 });
}

void ScriptRuntimeHost::onPipeline(std::function<void(pipeline::EventPipeline*)> job) {
    if (!m_runtime)
        return;
    runtime::ScriptRuntime* rt = m_runtime;
    QMetaObject::invokeMethod(
        rt,
        [rt, openOnThread = m_openOnThread, job = std::move(job)] {
            if (*openOnThread && rt->pipeline())
                job(rt->pipeline());
        },
        Qt::QueuedConnection);
}

void ScriptRuntimeHost::setPipelineWatching(bool watching) {
    if (watching == m_watching)
        return;
    m_watching = watching;
    updateTracedConnection();
    // Unwatched, the pipeline emits no trace signal at all (records still go to its ring).
    onPipeline([watching](pipeline::EventPipeline* events) { events->setWatching(watching); });
}

void ScriptRuntimeHost::requestPipelineSnapshot(int count) {
    const quint64 generation = m_generation;
    onPipeline([this, generation, count](pipeline::EventPipeline* events) {
        const QList<pipeline::TraceRecord> records = events->traces().recent(count);
        const qint64 pausedId = events->pausedId();
        const int waiting = events->waiting();
        QMetaObject::invokeMethod(
            this,
            [this, generation, records, pausedId, waiting] {
                if (generation == m_generation)
                    Q_EMIT pipelineSnapshot(records, pausedId, waiting);
            },
            Qt::QueuedConnection);
    });
}

void ScriptRuntimeHost::setBreakpoints(const QList<pipeline::Breakpoint>& breakpoints) {
    m_breakpoints = breakpoints;
    onPipeline([breakpoints](pipeline::EventPipeline* events) {
        events->clearBreakpoints();
        for (const pipeline::Breakpoint& b : breakpoints)
            events->addBreakpoint(b);
    });
}

void ScriptRuntimeHost::stepEvent() {
    onPipeline([](pipeline::EventPipeline* events) { events->step(); });
}

void ScriptRuntimeHost::resumeEvents() {
    onPipeline([](pipeline::EventPipeline* events) { events->resume(); });
}

void ScriptRuntimeHost::dropEvent() {
    onPipeline([](pipeline::EventPipeline* events) { events->drop(); });
}

void ScriptRuntimeHost::editPausedPayload(const QByteArray& json) {
    if (!m_runtime) {
        Q_EMIT payloadEdited(false, tr("No scripts are running."));
        return;
    }
    const quint64 generation = m_generation;
    onPipeline([this, generation, json](pipeline::EventPipeline* events) {
        QString error;
        const bool ok = events->pausedId() != 0 && events->editPaused(json, &error);
        if (!ok && error.isEmpty())
            error = tr("No event is paused.");
        QMetaObject::invokeMethod(
            this,
            [this, generation, ok, error] {
                if (generation == m_generation)
                    Q_EMIT payloadEdited(ok, error);
            },
            Qt::QueuedConnection);
    });
}

void ScriptRuntimeHost::replayEvent(qint64 traceId, pipeline::Stage from) {
    if (!m_runtime) {
        Q_EMIT replayStarted(0, traceId, tr("No scripts are running."));
        return;
    }
    const quint64 generation = m_generation;
    onPipeline([this, generation, traceId, from](pipeline::EventPipeline* events) {
        QString error;
        const qint64 id = events->replay(traceId, from, {}, &error);
        QMetaObject::invokeMethod(
            this,
            [this, generation, id, traceId, error] {
                if (generation == m_generation)
                    Q_EMIT replayStarted(id, traceId, error);
            },
            Qt::QueuedConnection);
    });
}

void ScriptRuntimeHost::replayDispatch(const QByteArray& type, const QByteArray& data, pipeline::Stage from) {
    if (!m_runtime) {
        Q_EMIT replayStarted(0, 0, tr("No scripts are running."));
        return;
    }
    const quint64 generation = m_generation;
    onPipeline([this, generation, type, data, from](pipeline::EventPipeline* events) {
        const qint64 id = events->replayDispatch(type, data, from);
        QMetaObject::invokeMethod(
            this,
            [this, generation, id] {
                if (generation == m_generation)
                    Q_EMIT replayStarted(id, 0, id ? QString() : tr("The dispatch could not be replayed."));
            },
            Qt::QueuedConnection);
    });
}

void ScriptRuntimeHost::requestTransformTrace(qint64 traceId) {
    const quint64 generation = m_generation;
    onPipeline([this, generation, traceId](pipeline::EventPipeline* events) {
        const QByteArray json = events->transformTrace(traceId);
        QMetaObject::invokeMethod(
            this,
            [this, generation, traceId, json] {
                if (generation == m_generation)
                    Q_EMIT transformTraceReady(traceId, json);
            },
            Qt::QueuedConnection);
    });
}

} // namespace botwright::studio
