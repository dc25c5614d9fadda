#include "app/studio/script_runtime_host.h"

#include "engine/gateway/gateway_host.h"

namespace botwright::studio {

ScriptRuntimeHost::ScriptRuntimeHost(gateway::GatewayHost* gateway, QObject* parent)
    : QObject(parent)
    , m_gateway(gateway) {
    m_thread.setObjectName(QStringLiteral("botwright-runtime"));
    m_thread.start();
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
    // open() is the first call queued on the runtime's thread, so every dispatch finds it done.
    QMetaObject::invokeMethod(
        rt,
        [this, rt, generation, openOnThread] {
            QString error;
            *openOnThread = rt->open(&error);
            const bool ok = *openOnThread;
            QMetaObject::invokeMethod(
                this,
                [this, generation, ok, error] {
                    if (generation != m_generation)
                        return;
                    m_open = ok ? Open::Ok : Open::Failed;
                    if (!ok)
                        Q_EMIT failed(error.isEmpty() ? tr("the scripts could not be built") : error);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    // Dispatches go straight from the gateway to the runtime's thread, in gateway order.
    connect(m_gateway, &gateway::GatewayHost::dispatch, rt,
            [rt, openOnThread](int shardId, const QString& type, const QByteArray& data, int seq) {
                if (*openOnThread)
                    rt->onDispatch(shardId, type, data, seq);
            });
    if (!m_ready.isEmpty())
        deliverReady(m_ready);
}

void ScriptRuntimeHost::stop() {
    if (!m_runtime)
        return;
    ++m_generation;
    m_open = Open::Pending;
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

} // namespace botwright::studio
