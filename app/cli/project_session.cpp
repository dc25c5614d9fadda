#include "app/cli/project_session.h"

#include "app/cli/cli_io.h"
#include "engine/gateway/shard_manager.h"
#include "engine/protocol/gateway_constants.h"
#include "engine/runtime/script_scheduler.h"
#include "engine/sandbox/sandbox_server.h"
#include "engine/sandbox/simulated_users.h"
#include "engine/sandbox/world.h"
#include "engine/sandbox/world_file.h"

#include <QDateTime>

namespace botwright::cli {

namespace {
QCommandLineOption worldOption() {
    return {QStringLiteral("world"), QStringLiteral("Run against a sandbox loaded from this world file."),
            QStringLiteral("FILE")};
}
QCommandLineOption gatewayOption() {
    return {
        QStringLiteral("gateway"),
        QStringLiteral("Use this server instead of a sandbox: its REST base, e.g. https://discord.com/api "
                       "(the gateway URL comes from GET /gateway/bot)."),
        QStringLiteral("URL")};
}
QCommandLineOption restOption() {
    return {QStringLiteral("rest"), QStringLiteral("The REST base of --gateway's server, when it differs."),
            QStringLiteral("URL")};
}
QCommandLineOption tokenOption() {
    return {QStringLiteral("token-env"), QStringLiteral("Environment variable that holds the bot token."),
            QStringLiteral("VAR"), QStringLiteral("BOTWRIGHT_TOKEN")};
}
QCommandLineOption budgetOption() {
    return {QStringLiteral("cpu-budget"), QStringLiteral("CPU budget per event and per script start, in ms."),
            QStringLiteral("MS"), QStringLiteral("1000")};
}
QCommandLineOption heapOption() {
    return {QStringLiteral("heap-limit"), QStringLiteral("Heap limit of the script VM, in MB."),
            QStringLiteral("MB"), QStringLiteral("128")};
}
QCommandLineOption clockRateOption() {
    return {QStringLiteral("clock-rate"),
            QStringLiteral("Speed of the scripts' clock for intervals and tasks (3600: an hour per second)."),
            QStringLiteral("RATE"), QStringLiteral("1")};
}
QCommandLineOption advanceClockOption() {
    return {QStringLiteral("advance-clock"),
            QStringLiteral("Fast-forward the scripts' clock once they have loaded (e.g. 90s, 15m, 2h, 1d)."),
            QStringLiteral("DURATION")};
}
QCommandLineOption taskRateOption() {
    return {
        QStringLiteral("task-rate"),
        QStringLiteral("Task operations per second before calls wait their turn, as Botloader's plans allow "
                       "(free 1, lite 2, premium 10; 0: no limit)."),
        QStringLiteral("N"), QStringLiteral("1")};
}
} // namespace

ProjectSession::ProjectSession() = default;
ProjectSession::~ProjectSession() = default;

void ProjectSession::addOptions(QCommandLineParser& parser) {
    parser.addOptions({worldOption(), gatewayOption(), restOption(), tokenOption(), budgetOption(),
                       heapOption(), clockRateOption(), advanceClockOption(), taskRateOption()});
}

QString ProjectSession::describe(const runtime::VmLogEntry& entry) {
    const QString time =
        QDateTime::fromMSecsSinceEpoch(entry.timeMs).toString(QStringLiteral("HH:mm:ss.zzz"));
    const QString where =
        entry.script.isEmpty()
            ? QString()
            : QStringLiteral(" %1.ts:%2:%3").arg(entry.script).arg(entry.line).arg(entry.column);
    return QStringLiteral("%1 [%2]%3 %4").arg(time, entry.level, where, entry.message);
}

bool ProjectSession::start(const QCommandLineParser& parser, const QString& projectPath) {
    runtime::ScriptRuntimeConfig config;
    config.projectPath = projectPath;
    bool ok = false;
    config.vm.cpuBudgetMs = parser.value(budgetOption()).toInt(&ok);
    if (!ok || config.vm.cpuBudgetMs <= 0) {
        err() << "error: --cpu-budget must be a positive number of milliseconds\n";
        return false;
    }
    config.vm.startupBudgetMs = config.vm.cpuBudgetMs;
    config.vm.heapLimitMb = parser.value(heapOption()).toInt(&ok);
    if (!ok || config.vm.heapLimitMb < 16) {
        err() << "error: --heap-limit must be at least 16 (MB)\n";
        return false;
    }
    config.taskOpsPerSecond = parser.value(taskRateOption()).toInt(&ok);
    if (!ok || config.taskOpsPerSecond < 0) {
        err() << "error: --task-rate must be a whole number of operations per second (0: no limit)\n";
        return false;
    }
    gateway::ShardManagerConfig gatewayConfig;
    gatewayConfig.intents = protocol::intent::Guilds | protocol::intent::GuildMembers |
                            protocol::intent::GuildMessages | protocol::intent::GuildMessageReactions |
                            protocol::intent::MessageContent | protocol::intent::GuildModeration |
                            protocol::intent::GuildExpressions | protocol::intent::GuildWebhooks |
                            protocol::intent::GuildInvites | protocol::intent::GuildVoiceStates;
    if (parser.isSet(gatewayOption())) {
        const QString var = parser.value(tokenOption());
        config.token = qEnvironmentVariable(var.toLocal8Bit().constData());
        if (config.token.isEmpty()) {
            err() << "error: the environment variable " << var << " is empty; put the bot token there\n";
            return false;
        }
        config.restBase =
            parser.isSet(restOption()) ? parser.value(restOption()) : parser.value(gatewayOption());
    } else {
        m_sandbox = std::make_unique<sandbox::SandboxServer>();
        if (parser.isSet(worldOption())) {
            try {
                sandbox::loadWorldFile(m_sandbox->world(), parser.value(worldOption()));
            } catch (const sandbox::WorldFileError& e) {
                err() << "error: " << e.what() << "\n";
                return false;
            }
        }
        // The world file's simulated people: each step is reported; a refused one fails the session.
        connect(&m_sandbox->simulatedUsers(), &sandbox::SimulatedUsers::actionRan, this,
                [this](const QString& name, int status, const QString& detail) {
                    out() << "sandbox action \"" << name << "\": " << status << "\n";
                    out().flush();
                    if (status < 200 || status >= 300)
                        Q_EMIT failed(QStringLiteral("the sandbox action \"%1\" was refused (%2): %3")
                                          .arg(name)
                                          .arg(status)
                                          .arg(detail));
                });
        QString error;
        if (!m_sandbox->start(0, &error)) {
            err() << "error: " << error << "\n";
            return false;
        }
        config.token = m_sandbox->world().botToken();
        config.restBase = m_sandbox->restBase();
        config.restBackoffBaseMs = 50;
    }
    gatewayConfig.token = config.token;
    gatewayConfig.restBase = config.restBase;

    const double clockRate = parser.value(clockRateOption()).toDouble(&ok);
    if (!ok || clockRate < 0) {
        err() << "error: --clock-rate takes a number of at least 0 (1 is real time)\n";
        return false;
    }
    qint64 advanceMs = 0;
    if (parser.isSet(advanceClockOption())) {
        QString why;
        if (!runtime::ScriptScheduler::parseDuration(parser.value(advanceClockOption()), &advanceMs, &why)) {
            err() << "error: --advance-clock: " << why << "\n";
            return false;
        }
    }

    m_runtime = std::make_unique<runtime::ScriptRuntime>(config);
    QString error;
    if (!m_runtime->open(&error)) {
        err() << "error: " << error << "\n";
        return false;
    }
    m_runtime->scheduler()->setRate(clockRate);
    if (advanceMs > 0) {
        // Once, after the scripts have registered their timers and task buckets.
        auto advanced = std::make_shared<bool>(false);
        connect(m_runtime.get(), &runtime::ScriptRuntime::loaded, this,
                [this, advanceMs, advanced](bool, double) {
                    if (std::exchange(*advanced, true))
                        return;
                    m_runtime->scheduler()->advance(advanceMs);
                });
    }
    m_gateway = std::make_unique<gateway::ShardManager>(gatewayConfig);
    connect(m_gateway.get(), &gateway::ShardManager::dispatch, m_runtime.get(),
            &runtime::ScriptRuntime::onDispatch);
    connect(m_gateway.get(), &gateway::ShardManager::failed, this, &ProjectSession::failed);
    m_gateway->start();
    return true;
}

void ProjectSession::stop() {
    if (m_gateway)
        m_gateway->stop();
    if (m_runtime)
        m_runtime->stop();
}

} // namespace botwright::cli
