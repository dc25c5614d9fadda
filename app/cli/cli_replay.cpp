#include "app/cli/cli_replay.h"

#include "app/cli/cli_io.h"
#include "engine/capture/capture_file.h"
#include "engine/capture/capture_store.h"
#include "engine/pipeline/event_pipeline.h"
#include "engine/pipeline/event_routing.h"
#include "engine/pipeline/transformer.h"
#include "engine/project/project.h"
#include "engine/protocol/frame_envelope.h"
#include "engine/runtime/script_runtime.h"
#include "engine/sandbox/sandbox_server.h"
#include "engine/sandbox/world.h"
#include "engine/sandbox/world_file.h"
#include "engine/sandbox/world_json.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTimer>

#include <memory>

namespace botwright::cli {

namespace {

using pipeline::Stage;
using pipeline::TraceRecord;

constexpr int kPollMs = 20;
constexpr int kMaxLine = 300;

struct Dispatch {
    QByteArray type;
    QByteArray data;
    int seq = -1;
};

QString shortened(const QByteArray& json) {
    QString text = QString::fromUtf8(json);
    return text.size() > kMaxLine ? text.left(kMaxLine) + QStringLiteral(" …") : text;
}

// Inbound dispatches (op 0) of the capture, in order.
std::vector<Dispatch> dispatchesOf(const capture::CaptureStore& store) {
    std::vector<Dispatch> out;
    for (quint32 i = 0; i < store.size(); ++i) {
        if (store.op(i) != 0 || store.direction(i) != gateway::Direction::Received)
            continue;
        const protocol::FrameEnvelope frame = protocol::parseFrameEnvelope(store.payload(i));
        if (!frame.ok || frame.type.isEmpty())
            continue;
        out.push_back({frame.type, frame.data, store.seq(i)});
    }
    return out;
}

// The capture's guild: READY's first guild, else the first guild_id of any dispatch.
quint64 guildOf(const std::vector<Dispatch>& dispatches) {
    for (const Dispatch& d : dispatches) {
        const QJsonObject o = QJsonDocument::fromJson(d.data).object();
        if (d.type == "READY") {
            const QJsonArray guilds = o.value(QStringLiteral("guilds")).toArray();
            if (!guilds.isEmpty())
                return guilds.first().toObject().value(QStringLiteral("id")).toString().toULongLong();
        } else if (const quint64 id = o.value(QStringLiteral("guild_id")).toString().toULongLong(); id != 0) {
            return id;
        } else if (d.type == "GUILD_CREATE") {
            return o.value(QStringLiteral("id")).toString().toULongLong();
        }
    }
    return 0;
}

// A READY for a capture without one: the sandbox's bot in the capture's guild.
QByteArray syntheticReady(const sandbox::World& world, quint64 guildId) {
    const QJsonObject ready{
        {QStringLiteral("v"), 10},
        {QStringLiteral("user"), sandbox::json::user(world.botUser())},
        {QStringLiteral("guilds"), QJsonArray{QJsonObject{{QStringLiteral("id"), QString::number(guildId)},
                                                          {QStringLiteral("unavailable"), true}}}},
        {QStringLiteral("session_id"), QStringLiteral("replay")},
        {QStringLiteral("application"), QJsonObject{{QStringLiteral("id"), sandbox::json::id(world.botId())},
                                                    {QStringLiteral("flags"), 0}}}};
    return QJsonDocument(ready).toJson(QJsonDocument::Compact);
}

void printRecord(const TraceRecord& r, bool timedOut, int timeoutSeconds) {
    QString outcome;
    if (timedOut)
        outcome = QStringLiteral("timed out after %1 s (%2)")
                      .arg(timeoutSeconds)
                      .arg(pipeline::statusName(r.status));
    else if (r.status == TraceRecord::Status::Stopped)
        outcome = QStringLiteral("stopped: %1").arg(r.stopReason);
    else if (r.status == TraceRecord::Status::Failed)
        outcome = QStringLiteral("failed: %1").arg(r.transformError);
    else
        outcome = QString::fromLatin1(r.sdkEvent);
    const double ms = static_cast<double>(r.handlerNs + r.transformNs + r.eventNs) / 1e6;
    out() << "#" << r.id << " " << QString::fromLatin1(r.type) << " → " << outcome
          << "  listeners=" << r.listeners << " logs=" << r.logs.size() << " ops=" << r.ops.size()
          << " errors=" << r.errors.size() << "  " << QString::number(ms, 'f', 3) << " ms\n";
    for (const pipeline::LogTrace& log : r.logs) {
        const QString where =
            log.script.isEmpty()
                ? QString()
                : QStringLiteral(" %1.ts:%2:%3").arg(log.script).arg(log.line).arg(log.column);
        out() << "    " << log.level << where << " " << log.message << "\n";
    }
    for (const pipeline::OpTrace& op : r.ops) {
        out() << "    op " << op.op << " " << shortened(op.args);
        if (!op.done)
            out() << " → (no answer yet)\n";
        else if (op.ok)
            out() << " → ok " << shortened(op.result) << " (" << op.ms << " ms)\n";
        else
            out() << " → " << op.errorClass << ": " << op.errorMessage << " (" << op.ms << " ms)\n";
    }
    QSet<QString> logged; // error lines already printed as console lines
    for (const pipeline::LogTrace& log : r.logs)
        if (log.level == QLatin1String("error"))
            logged.insert(QStringLiteral("%1.ts:%2:%3: %4")
                              .arg(log.script)
                              .arg(log.line)
                              .arg(log.column)
                              .arg(log.message));
    for (const QString& error : r.errors)
        if (!logged.contains(error))
            out() << "    error " << error << "\n";
    out().flush();
}

// Waits until the record is finished, its ops answered, and nothing changed for `settleMs`.
std::optional<TraceRecord> waitForOutcome(const pipeline::EventPipeline& events, qint64 id, int timeoutMs,
                                          int settleMs, bool* timedOut) {
    const QDeadlineTimer deadline(timeoutMs);
    QElapsedTimer quiet;
    quiet.start();
    QString lastState;
    std::optional<TraceRecord> last;
    while (true) {
        last = events.record(id);
        if (last) {
            int answered = 0;
            for (const pipeline::OpTrace& op : last->ops)
                answered += op.done ? 1 : 0;
            const QString state = QStringLiteral("%1/%2/%3/%4/%5")
                                      .arg(static_cast<int>(last->status))
                                      .arg(last->logs.size())
                                      .arg(last->ops.size())
                                      .arg(answered)
                                      .arg(last->errors.size());
            if (state != lastState) {
                lastState = state;
                quiet.restart();
            }
            const bool settled = last->finished() && answered == last->ops.size();
            if (settled && quiet.elapsed() >= settleMs) {
                *timedOut = false;
                return last;
            }
        }
        if (deadline.hasExpired()) {
            *timedOut = true;
            return last;
        }
        QEventLoop loop;
        QTimer::singleShot(kPollMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
}

} // namespace

int replayCapture(const QStringList& arguments) {
    installStopSignals();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs a capture's inbound dispatches through a project's pipeline (handler → transformer → event)\n"
        "headless, with the scripts as they are now, and prints each event's outcome: its SDK event or why "
        "it\n"
        "stopped, the listeners called, their console lines, ops (request → response) and errors. A sandbox "
        "of\n"
        "its own (or --world FILE) answers the scripts' REST calls. Exits 1 when any event had errors."));
    parser.addPositionalArgument(QStringLiteral("CAPTURE"), QStringLiteral("The capture file (.bwcap)."));
    const QCommandLineOption projectOption(QStringLiteral("project"), QStringLiteral("The project folder."),
                                           QStringLiteral("DIR"));
    const QCommandLineOption stageOption(
        QStringLiteral("from-stage"),
        QStringLiteral("Stage to start at: handler (default), transformer, event."), QStringLiteral("S"),
        QStringLiteral("handler"));
    const QCommandLineOption worldOption(QStringLiteral("world"),
                                         QStringLiteral("Load the sandbox from this world file."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption timeoutOption(
        QStringLiteral("timeout"), QStringLiteral("Seconds to wait for each event's outcome (default 10)."),
        QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption settleOption(
        QStringLiteral("settle"),
        QStringLiteral("Milliseconds without news before an event counts as finished (default 300), so\n"
                       "console lines written after an await are still its own."),
        QStringLiteral("MS"), QStringLiteral("300"));
    parser.addOptions({projectOption, stageOption, worldOption, timeoutOption, settleOption});
    if (const int code = parse(parser, QStringLiteral("replay"), arguments, 1); code >= 0)
        return code;
    if (!parser.isSet(projectOption)) {
        err() << "error: --project DIR is required (the project whose scripts get the events)\n";
        return 2;
    }
    Stage from = Stage::Handler;
    QString error;
    if (!pipeline::parseStage(parser.value(stageOption), &from, &error)) {
        err() << "error: --from-stage: " << error << " (use handler, transformer or event)\n";
        return 2;
    }
    bool ok = false;
    const int timeoutSeconds = parser.value(timeoutOption).toInt(&ok);
    if (!ok || timeoutSeconds <= 0) {
        err() << "error: --timeout must be a positive number of seconds\n";
        return 2;
    }
    const int settleMs = parser.value(settleOption).toInt(&ok);
    if (!ok || settleMs < 0) {
        err() << "error: --settle must be a number of milliseconds\n";
        return 2;
    }
    const QString projectPath = parser.value(projectOption);
    if (!project::Project::open(projectPath, &error)) {
        err() << "error: " << error << "\n";
        return 1;
    }
    capture::CaptureStore store;
    if (!capture::loadCapture(store, parser.positionalArguments().first(), &error)) {
        err() << "error: " << error << "\n";
        return 1;
    }
    const std::vector<Dispatch> dispatches = dispatchesOf(store);
    quint64 guildId = guildOf(dispatches);

    sandbox::SandboxServer sandbox;
    if (parser.isSet(worldOption)) {
        try {
            sandbox::loadWorldFile(sandbox.world(), parser.value(worldOption));
        } catch (const sandbox::WorldFileError& e) {
            err() << "error: " << e.what() << "\n";
            return 1;
        }
    }
    if (!sandbox.start(0, &error)) {
        err() << "error: " << error << "\n";
        return 1;
    }
    if (guildId == 0 && !sandbox.world().guilds().empty())
        guildId = sandbox.world().guilds().begin()->first;
    runtime::ScriptRuntimeConfig config;
    config.projectPath = projectPath;
    config.restBase = sandbox.restBase();
    config.token = sandbox.world().botToken();
    config.guildId = guildId;
    config.restBackoffBaseMs = 50;
    runtime::ScriptRuntime scripts(config);
    if (!scripts.open(&error)) {
        err() << "error: " << error << "\n";
        return 1;
    }
    bool loaded = false;
    bool loadedOk = false;
    QObject::connect(&scripts, &runtime::ScriptRuntime::loaded, &scripts, [&](bool good, double) {
        loaded = true;
        loadedOk = good;
    });
    QObject::connect(&scripts, &runtime::ScriptRuntime::logged, &scripts, [](const runtime::VmLogEntry& e) {
        if (e.eventId >= 0)
            return; // an event's own lines are printed with its outcome
        const QString where = e.script.isEmpty()
                                  ? QString()
                                  : QStringLiteral(" %1.ts:%2:%3").arg(e.script).arg(e.line).arg(e.column);
        out() << "[" << e.level << "]" << where << " " << e.message << "\n";
        out().flush();
    });
    QByteArray ready;
    for (const Dispatch& d : dispatches)
        if (d.type == "READY") {
            ready = d.data;
            break;
        }
    if (ready.isEmpty())
        ready = syntheticReady(sandbox.world(), guildId);
    scripts.onDispatch(0, QStringLiteral("READY"), ready, 0);
    const QDeadlineTimer loadDeadline(60000);
    while (!loaded && !loadDeadline.hasExpired()) {
        QEventLoop loop;
        QTimer::singleShot(kPollMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!loaded || !loadedOk) {
        err() << "error: "
              << (loaded ? "a script did not load (see above)" : "the scripts did not start in 60 s") << "\n";
        return 1;
    }
    pipeline::EventPipeline* events = scripts.pipeline();
    out() << "replaying " << dispatches.size() << " dispatch(es) from the " << pipeline::stageName(from)
          << " (guild " << guildId << ")\n";
    out().flush();

    int replayed = 0;
    int withErrors = 0;
    for (const Dispatch& d : dispatches) {
        if (d.type == "READY")
            continue;
        QByteArray type = d.type;
        QByteArray data = d.data;
        if (from == Stage::Event) {
            // From the event stage the pipeline takes the SDK shape: route and transform here.
            const pipeline::RouteDecision route = pipeline::route(type, data, guildId);
            if (!route.delivered()) {
                out() << "- " << QString::fromLatin1(type) << " → skipped: " << route.reason
                      << " (no SDK event to replay from the event stage)\n";
                continue;
            }
            pipeline::TransformContext ctx;
            ctx.guildId = guildId;
            const pipeline::TransformOutput shaped = pipeline::transformEvent(route.sdkEvent, data, ctx);
            if (!shaped.ok) {
                out() << "- " << QString::fromLatin1(type) << " → skipped: " << shaped.error << "\n";
                ++withErrors;
                continue;
            }
            type = route.sdkEvent.toByteArray();
            data = shaped.json;
        }
        const qint64 id = events->replayDispatch(type, data, from);
        bool timedOut = false;
        const std::optional<TraceRecord> record =
            waitForOutcome(*events, id, timeoutSeconds * 1000, settleMs, &timedOut);
        ++replayed;
        if (!record) {
            out() << "#" << id << " " << QString::fromLatin1(type)
                  << " → the record is gone from the trace\n";
            ++withErrors;
            continue;
        }
        printRecord(*record, timedOut, timeoutSeconds);
        if (timedOut || !record->errors.isEmpty())
            ++withErrors;
    }
    out() << replayed << " event(s) replayed, " << withErrors << " with errors\n";
    out().flush();
    scripts.stop();
    return withErrors == 0 ? 0 : 1;
}

} // namespace botwright::cli
