#include "engine/runtime/script_runtime.h"

#include "engine/pipeline/transformer.h"
#include "engine/project/project.h"
#include "engine/project/storage_database.h"
#include "engine/project/task_store.h"
#include "engine/rest/rest_client.h"
#include "engine/runtime/command_sync.h"
#include "engine/runtime/op_pacer.h"
#include "engine/runtime/op_uploads.h"
#include "engine/runtime/script_bundle.h"
#include "engine/runtime/script_ops.h"
#include "engine/runtime/script_scheduler.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace botwright::runtime {

namespace {
constexpr std::size_t kMaxEarlyEvents = 100000;
}

namespace {
// Op calls are numbered by each worker from 1: with the worker's generation they are unique.
qint64 callKey(quint64 generation, qint64 call) {
    return static_cast<qint64>(generation << 40) | call;
}
} // namespace

ScriptRuntime::ScriptRuntime(ScriptRuntimeConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_bundler(std::make_unique<ScriptBundler>()) {
    pipeline::EventPipeline::Options options;
    options.traceCapacity = m_config.traceCapacity;
    options.guildId = m_config.guildId;
    m_pipeline = new pipeline::EventPipeline(options, this);
    m_pipeline->setListenerFilter([this](QByteArrayView sdkEvent) {
        // Until the scripts have loaded, nobody knows who listens: let everything through.
        if (!m_listenersKnown ||
            m_listened.contains(QByteArray::fromRawData(sdkEvent.data(), sdkEvent.size())))
            return true;
        ++m_filtered; // the handler stage: nobody listens, stop here
        return false;
    });
    connect(m_pipeline, &pipeline::EventPipeline::deliverEvent, this, &ScriptRuntime::deliver);
    connect(m_pipeline, &pipeline::EventPipeline::transformFailed, this,
            [this](const QString& type, const QString& sdkEvent, const QString& error) {
                note(QStringLiteral("warn"),
                     tr("A %1 dispatch could not be turned into %2: %3").arg(type, sdkEvent, error));
            });
}

void ScriptRuntime::setTaskOpsPerSecond(int perSecond) {
    m_config.taskOpsPerSecond = std::max(0, perSecond);
    if (m_taskPacer)
        m_taskPacer->setMinInterval(OpPacer::intervalForRate(m_config.taskOpsPerSecond));
}

void ScriptRuntime::setTracing(bool on) {
    m_pipeline->setTracing(on);
    if (m_supervisor)
        m_supervisor->setTracing(on);
}

ScriptRuntime::~ScriptRuntime() = default;

void ScriptRuntime::note(const QString& level, const QString& message) {
    VmLogEntry entry;
    entry.timeMs = QDateTime::currentMSecsSinceEpoch();
    entry.level = level;
    entry.message = message;
    Q_EMIT logged(entry);
}

bool ScriptRuntime::build(ScriptBundle* bundle) {
    QString error;
    QElapsedTimer timer;
    timer.start();
    const std::optional<project::Project> project = project::Project::open(m_config.projectPath, &error);
    if (!project || !m_bundler->build(*project, bundle, &error)) {
        note(QStringLiteral("error"), tr("Cannot build the scripts: %1").arg(error));
        Q_EMIT failed(error);
        return false;
    }
    m_lastBuildMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    return true;
}

bool ScriptRuntime::open(QString* error) {
    const std::optional<project::Project> project = project::Project::open(m_config.projectPath, error);
    if (!project)
        return false;
    m_storage =
        project::StorageDatabase::open(project::StorageDatabase::pathForProject(project->rootPath()), error);
    if (!m_storage)
        return false;
    rest::RestClientOptions restOptions;
    restOptions.backoffBaseMs = m_config.restBackoffBaseMs;
    m_rest = std::make_unique<rest::RestClient>(m_config.restBase, m_config.token, restOptions);
    m_ops = std::make_unique<ScriptOps>(m_rest.get(), m_storage.get());
    m_commandSync = std::make_unique<CommandSync>(m_rest.get());
    m_taskStore = project::TaskStore::open(project::TaskStore::pathForProject(project->rootPath()), error);
    if (!m_taskStore)
        return false;
    m_scheduler = std::make_unique<ScriptScheduler>(m_taskStore.get());
    connect(m_scheduler.get(), &ScriptScheduler::clockChanged, this, [this](qint64 nowMs, double rate) {
        if (m_supervisor)
            m_supervisor->setScriptClock(nowMs, rate);
    });
    m_taskPacer = std::make_unique<OpPacer>(OpPacer::intervalForRate(m_config.taskOpsPerSecond));
    connect(m_scheduler.get(), &ScriptScheduler::fire, this,
            [this](const QByteArray& sdkEvent, const QByteArray& json) {
                m_pipeline->pushEvent(sdkEvent, json);
            });
    connect(m_scheduler.get(), &ScriptScheduler::warning, this,
            [this](const QString& message) { note(QStringLiteral("warn"), message); });
    connect(m_commandSync.get(), &CommandSync::failed, this, [this](const QString& why) {
        note(QStringLiteral("warn"), tr("The scripts' commands could not be registered: %1").arg(why));
    });
    m_guildId = m_config.guildId;
    m_ops->setGuildId(m_guildId);
    if (!build(&m_pendingBundle)) {
        if (error)
            *error = tr("the scripts could not be built");
        return false;
    }
    m_haveBundle = true;
    return true;
}

void ScriptRuntime::reload() {
    ScriptBundle bundle;
    if (!build(&bundle))
        return;
    m_listenersKnown = false;
    m_listened.clear();
    m_scheduler->beginLoad();
    Q_EMIT reloading(m_lastBuildMs);
    if (!m_vmStarted) {
        m_pendingBundle = std::move(bundle);
        return;
    }
    m_supervisor->start(std::move(bundle));
}

void ScriptRuntime::stop() {
    if (m_supervisor)
        m_supervisor->stop();
}

void ScriptRuntime::onReady(const QByteArray& data) {
    const QJsonObject ready = QJsonDocument::fromJson(data).object();
    const QByteArray user =
        QJsonDocument(ready.value(QStringLiteral("user")).toObject()).toJson(QJsonDocument::Compact);
    const pipeline::TransformOutput botUser = pipeline::transformModel(pipeline::Model::User, user, {});
    m_botUser = QJsonDocument::fromJson(botUser.json).object();
    if (m_guildId == 0) {
        const QJsonArray guilds = ready.value(QStringLiteral("guilds")).toArray();
        if (guilds.isEmpty()) {
            note(QStringLiteral("warn"), tr("The bot is in no guild yet: scripts start when it joins one."));
            return;
        }
        m_guildId = guilds.first().toObject().value(QStringLiteral("id")).toString().toULongLong();
    }
    m_ops->setGuildId(m_guildId);
    m_pipeline->setGuildId(m_guildId);
    m_scheduler->setGuildId(m_guildId);
    const QString applicationId =
        ready.value(QStringLiteral("application")).toObject().value(QStringLiteral("id")).toString();
    m_ops->setApplicationId(applicationId);
    m_commandSync->setTarget(applicationId, QString::number(m_guildId));
    startVm();
}

void ScriptRuntime::startVm() {
    if (m_vmStarted || !m_haveBundle)
        return;
    m_vmStarted = true;
    VmOptions options = m_config.vm;
    options.guildId = QString::number(m_guildId);
    options.botUser = m_botUser;
    m_supervisor = std::make_unique<VmSupervisor>(options);
    m_supervisor->setTracing(m_pipeline->tracing());
    // Scripts see the sandbox clock once it differs from the real one (a fast-forward, a rate).
    if (m_scheduler->rate() != 1.0 || m_scheduler->offsetMs() > 0)
        m_supervisor->setScriptClock(m_scheduler->nowMs(), m_scheduler->rate());
    connectSupervisor();
    m_supervisor->start(std::move(m_pendingBundle));
    for (EarlyEvent& e : m_early)
        m_pipeline->eventDelivered(e.traceId, m_supervisor->deliver(e.sdkEvent, e.json));
    m_early.clear();
}

void ScriptRuntime::connectSupervisor() {
    VmSupervisor* vm = m_supervisor.get();
    connect(vm, &VmSupervisor::logged, this, [this](const VmLogEntry& entry) {
        if (entry.eventId >= 0)
            m_pipeline->eventLogged(
                entry.eventId,
                pipeline::LogTrace{entry.level, entry.message, entry.script, entry.line, entry.column});
        Q_EMIT logged(entry);
    });
    connect(vm, &VmSupervisor::stateChanged, this, &ScriptRuntime::stateChanged);
    connect(vm, &VmSupervisor::loaded, this, [this](bool ok, double ms) {
        m_listenersKnown = true;
        m_commandSync->flush();
        m_scheduler->setRunning(true);
        Q_EMIT loaded(ok, ms);
    });
    connect(vm, &VmSupervisor::scriptMeta, this, [this](const QJsonObject& meta) {
        for (const QJsonValue& e : meta.value(QStringLiteral("events")).toArray())
            m_listened.insert(e.toString().toUtf8());
        m_commandSync->addMeta(meta);
        m_scheduler->addScriptMeta(meta);
    });
    connect(vm, &VmSupervisor::eventsTimed, this, [this](const QList<VmEventTiming>& timings) {
        for (const VmEventTiming& t : timings)
            m_pipeline->eventTimed(t.eventId, t.startNs, t.endNs, t.listeners, t.ok);
    });
    connect(vm, &VmSupervisor::opIssued, this, [this](quint64 generation, qint64 call, qint64 eventId) {
        m_opEvents.insert(callKey(generation, call), eventId);
    });
    connect(vm, &VmSupervisor::opRequested, this,
            [this](quint64 generation, qint64 call, const QString& op, const QByteArray& args) {
                const qint64 key = callKey(generation, call);
                if (const auto it = m_opEvents.constFind(key); it != m_opEvents.constEnd()) {
                    m_pipeline->opIssued(*it, key, op, argsForTrace(args));
                    m_opEvents.erase(it);
                }
                if (op == QLatin1String("discord_get_voice_states")) { // cache only, as in Botloader
                    const QByteArray value = voiceStatesJson();
                    m_pipeline->opAnswered(key, true, value, {}, {});
                    m_supervisor->replyOp(generation, call, true, value);
                    return;
                }
                if (ScriptScheduler::isTaskOp(op)) { // served here: tasks belong to the scheduler
                    // Under the plan's rate; a call whose VM is gone by its turn is dropped with it.
                    m_taskPacer->submit([this, generation, call, key, op, args] {
                        if (!m_supervisor || m_supervisor->generation() != generation)
                            return;
                        bool ok = false;
                        QString message;
                        const QByteArray value = m_scheduler->handleOp(op, args, &ok, &message);
                        const QString errorClass = ok ? QString() : QStringLiteral("Error");
                        m_pipeline->opAnswered(key, ok, value, errorClass, message);
                        m_supervisor->replyOp(generation, call, ok, value, errorClass, message);
                    });
                    return;
                }
                m_ops->handle(op, args, [this, generation, call, key](const OpReply& r) {
                    m_pipeline->opAnswered(key, r.ok, r.valueJson, r.errorClass, r.message);
                    if (m_supervisor)
                        m_supervisor->replyOp(generation, call, r.ok, r.valueJson, r.errorClass, r.message);
                });
            });
}

// The handler's cached voice states in the SDK's VoiceState shape, each with its guildId.
QByteArray ScriptRuntime::voiceStatesJson() const {
    QJsonArray out;
    pipeline::TransformContext ctx;
    ctx.guildId = m_guildId;
    for (const QJsonObject& state : m_pipeline->cache().voiceStates(m_guildId)) {
        const pipeline::TransformOutput t = pipeline::transformEvent(
            "VOICE_STATE_UPDATE", QJsonDocument(state).toJson(QJsonDocument::Compact), ctx);
        if (!t.ok)
            continue;
        QJsonObject o = QJsonDocument::fromJson(t.json).object();
        o.insert(QStringLiteral("guildId"), QString::number(m_guildId));
        out.append(o);
    }
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}

void ScriptRuntime::deliver(qint64 traceId, const QByteArray& sdkEvent, const QByteArray& json) {
    ++m_routed;
    if (!m_vmStarted) {
        if (m_early.size() < kMaxEarlyEvents)
            m_early.push_back({traceId, sdkEvent, json});
        return;
    }
    m_pipeline->eventDelivered(traceId, m_supervisor->deliver(sdkEvent, json));
    if (sdkEvent.startsWith("BOTLOADER_"))
        m_scheduler->delivered(sdkEvent, json); // handed to the VM: the fire is acknowledged
}

void ScriptRuntime::onDispatch(int shardId, const QString& type, const QByteArray& data, int seq) {
    if (type == QLatin1StringView("READY"))
        onReady(data);
    m_pipeline->push(shardId, type.toLatin1(), data, seq);
}

} // namespace botwright::runtime
