#pragma once

#include "engine/pipeline/event_pipeline.h"
#include "engine/runtime/vm_supervisor.h"

#include <QByteArray>
#include <QObject>
#include <QSet>
#include <QString>

#include <memory>

namespace botwright::project {
class StorageDatabase;
class TaskStore;
} // namespace botwright::project
namespace botwright::rest {
class RestClient;
}

namespace botwright::runtime {

class CommandSync;
class OpPacer;
class ScriptScheduler;
class ScriptBundler;
class ScriptOps;

struct ScriptRuntimeConfig {
    QString projectPath;
    QString restBase;    // "http://127.0.0.1:PORT/api" or "https://discord.com/api"
    QString token;       // the bot token, for REST; never logged
    quint64 guildId = 0; // 0: the first guild in READY
    VmOptions vm;        // guildId and botUser are filled in from READY
    int restBackoffBaseMs = 1000;
    int traceCapacity = 1000; // events the pipeline's trace keeps
    // Task operations per second (botloader-sdk.md §6: free 1, lite 2, premium 10); more wait their
    // turn, in order. 0: no limit.
    int taskOpsPerSecond = 1;
};

// A project's scripts, live: builds the bundle, runs the VM under its supervisor, serves its ops,
// and feeds it the gateway's dispatches through its pipeline::EventPipeline (handler: state cache
// and routing; transformer: Discord JSON → SDK shapes; event: the VM), whose traces it completes
// with what the VM reports (timings, logs, ops and their answers). The VM starts once READY names
// the bot and the guild; events before that are kept. reload() (after a save) rebuilds and
// replaces the VM without touching the gateway. Lives on one thread; GUI-free.
class ScriptRuntime final : public QObject {
    Q_OBJECT
public:
    explicit ScriptRuntime(ScriptRuntimeConfig config, QObject* parent = nullptr);
    ~ScriptRuntime() override;

    // Opens the project and its storage and builds the first bundle; false with a readable error, and
    // then the runtime is not usable: make a new one (the studio does so on the next save).
    bool open(QString* error);
    // Rebuilds the bundle from the files and hot-reloads the VM.
    void reload();
    void stop();
    // A gateway dispatch (`data` is `d` as JSON text), in gateway order.
    void onDispatch(int shardId, const QString& type, const QByteArray& data, int seq);

    VmSupervisor* supervisor() const { return m_supervisor.get(); }
    // The stages every dispatch passes; breakpoints, stepping, traces and replay. Same thread.
    pipeline::EventPipeline* pipeline() const { return m_pipeline; }
    // Interval timers, scheduled tasks and the sandbox clock (fast-forward, rate); after open().
    ScriptScheduler* scheduler() const { return m_scheduler.get(); }
    // Task operations per second from now on (ScriptRuntimeConfig::taskOpsPerSecond; 0: no limit).
    void setTaskOpsPerSecond(int perSecond);
    // Tracing in the pipeline and event timing in the VM (on by default).
    void setTracing(bool on);
    quint64 guildId() const { return m_guildId; }
    qint64 routed() const { return m_routed; }
    qint64 filtered() const { return m_filtered; }
    double lastBuildMs() const { return m_lastBuildMs; }

Q_SIGNALS:
    void logged(const botwright::runtime::VmLogEntry& entry);
    void stateChanged(botwright::runtime::VmState state, const QString& detail);
    // A reload finished building (ms: build time) and the new VM is starting.
    void reloading(double buildMs);
    void loaded(bool ok, double ms);
    void failed(const QString& reason);

private:
    void onReady(const QByteArray& data);
    void startVm();
    void connectSupervisor();
    void deliver(qint64 traceId, const QByteArray& sdkEvent, const QByteArray& json);
    QByteArray voiceStatesJson() const;
    void note(const QString& level, const QString& message);
    bool build(ScriptBundle* bundle);

    ScriptRuntimeConfig m_config;
    std::unique_ptr<ScriptBundler> m_bundler;
    std::unique_ptr<project::StorageDatabase> m_storage;
    std::unique_ptr<rest::RestClient> m_rest;
    std::unique_ptr<ScriptOps> m_ops;
    std::unique_ptr<CommandSync> m_commandSync; // the scripts' commands → the guild's commands
    std::unique_ptr<project::TaskStore> m_taskStore;
    std::unique_ptr<ScriptScheduler> m_scheduler;
    std::unique_ptr<VmSupervisor> m_supervisor;
    std::unique_ptr<OpPacer> m_taskPacer; // task ops wait their turn (declared last: goes first)
    // A child, so it moves to the runtime's thread with it.
    pipeline::EventPipeline* m_pipeline = nullptr;
    QHash<qint64, qint64> m_opEvents; // op call key → the VM event that issued it, until it is served
    ScriptBundle m_pendingBundle;
    bool m_haveBundle = false;
    bool m_vmStarted = false;
    quint64 m_guildId = 0;
    QJsonObject m_botUser;
    struct EarlyEvent {
        qint64 traceId;
        QByteArray sdkEvent;
        QByteArray json;
    };
    std::vector<EarlyEvent> m_early; // SDK events before the VM could start
    // Events some script listens to; empty with m_listenersKnown false while scripts (re)load.
    QSet<QByteArray> m_listened;
    bool m_listenersKnown = false;
    qint64 m_routed = 0;
    qint64 m_filtered = 0;
    double m_lastBuildMs = 0;
};

} // namespace botwright::runtime
