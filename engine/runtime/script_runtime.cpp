#include "engine/runtime/script_runtime.h"

#include "engine/pipeline/event_routing.h"
#include "engine/pipeline/transformer.h"
#include "engine/project/project.h"
#include "engine/project/storage_database.h"
#include "engine/rest/rest_client.h"
#include "engine/runtime/script_bundle.h"
#include "engine/runtime/script_ops.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

namespace botwright::runtime {

namespace {
constexpr std::size_t kMaxEarlyEvents = 100000;
}

ScriptRuntime::ScriptRuntime(ScriptRuntimeConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_bundler(std::make_unique<ScriptBundler>()) {}

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
    connect(m_supervisor.get(), &VmSupervisor::logged, this, &ScriptRuntime::logged);
    connect(m_supervisor.get(), &VmSupervisor::stateChanged, this, &ScriptRuntime::stateChanged);
    connect(m_supervisor.get(), &VmSupervisor::loaded, this, [this](bool ok, double ms) {
        m_listenersKnown = true;
        Q_EMIT loaded(ok, ms);
    });
    connect(m_supervisor.get(), &VmSupervisor::scriptMeta, this, [this](const QJsonObject& meta) {
        for (const QJsonValue& e : meta.value(QStringLiteral("events")).toArray())
            m_listened.insert(e.toString().toUtf8());
    });
    connect(m_supervisor.get(), &VmSupervisor::opRequested, this,
            [this](quint64 generation, qint64 call, const QString& op, const QByteArray& args) {
                m_ops->handle(op, args, [this, generation, call](const OpReply& r) {
                    if (m_supervisor)
                        m_supervisor->replyOp(generation, call, r.ok, r.valueJson, r.errorClass, r.message);
                });
            });
    m_supervisor->start(std::move(m_pendingBundle));
    for (auto& [name, data] : m_early)
        m_supervisor->deliver(name, data);
    m_early.clear();
}

void ScriptRuntime::onDispatch(int shardId, const QString& type, const QByteArray& data, int seq) {
    Q_UNUSED(shardId);
    Q_UNUSED(seq);
    if (type == QLatin1StringView("READY")) {
        onReady(data);
        return;
    }
    const QByteArray t = type.toLatin1();
    const pipeline::RouteDecision route = pipeline::route(t, data, m_guildId);
    if (!route.delivered())
        return;
    // The name points at the router's static table: share it rather than copy it per event.
    const QByteArray sdkEvent = QByteArray::fromRawData(route.sdkEvent.data(), route.sdkEvent.size());
    if (m_listenersKnown && !m_listened.contains(sdkEvent) && !sdkEvent.startsWith("BOTLOADER_")) {
        ++m_filtered; // the handler stage: nobody listens, stop here
        return;
    }
    pipeline::TransformContext ctx;
    ctx.guildId = m_guildId;
    const pipeline::TransformOutput out = pipeline::transformEvent(route.sdkEvent, data, ctx);
    if (!out.ok) {
        note(QStringLiteral("warn"), tr("A %1 dispatch could not be turned into %2: %3")
                                         .arg(type, QString::fromLatin1(route.sdkEvent), out.error));
        return;
    }
    ++m_routed;
    if (!m_vmStarted) {
        if (m_early.size() < kMaxEarlyEvents)
            m_early.emplace_back(sdkEvent, out.json);
        return;
    }
    m_supervisor->deliver(sdkEvent, out.json);
}

} // namespace botwright::runtime
