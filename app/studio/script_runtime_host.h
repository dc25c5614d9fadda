#pragma once

#include "engine/runtime/script_runtime.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace botwright::gateway {
class GatewayHost;
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

Q_SIGNALS:
    void logged(const botwright::runtime::VmLogEntry& entry);
    void stateChanged(botwright::runtime::VmState state, const QString& detail);
    void reloading(double buildMs);
    void loaded(bool ok, double ms);
    void failed(const QString& reason);

private:
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
};

} // namespace botwright::studio
