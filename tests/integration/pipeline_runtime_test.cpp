// The pipeline with a real botwright-vm behind it (runtime::ScriptRuntime): a breakpoint holds an
// event, an edited payload is what the script sees, events queued meanwhile arrive in order, the
// event stage's trace holds the listeners' console lines with .ts positions, and a replay after a
// script edit gives the new outcome.
#include "engine/runtime/script_runtime.h"
#include "tests/bench/bench_payloads.h"
#include "tests/support/qt_catch.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace botwright;
using pipeline::Stage;
using pipeline::TraceRecord;

namespace {

QByteArray message(const QString& content, int n) {
    QJsonObject d = QJsonDocument::fromJson(bench::messageCreateData(n)).object();
    d.insert(QStringLiteral("content"), content);
    return QJsonDocument(d).toJson(QJsonDocument::Compact);
}

struct Rig {
    QTemporaryDir dir;
    std::unique_ptr<runtime::ScriptRuntime> rt;
    QStringList logs;
    int loads = 0;

    void write(const QString& source) {
        QFile f(dir.filePath(QStringLiteral("echo.ts")));
        REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(source.toUtf8());
    }
    void start() {
        runtime::ScriptRuntimeConfig config;
        config.projectPath = dir.path();
        config.restBase = QStringLiteral("http://127.0.0.1:9/api"); // ops fail fast: no Discord here
        config.vm.vmPath = QStringLiteral(BOTWRIGHT_BIN_DIR "/botwright-vm");
        rt = std::make_unique<runtime::ScriptRuntime>(config);
        QObject::connect(rt.get(), &runtime::ScriptRuntime::logged, rt.get(),
                         [this](const runtime::VmLogEntry& e) { logs << e.message; });
        QObject::connect(rt.get(), &runtime::ScriptRuntime::loaded, rt.get(),
                         [this](bool, double) { ++loads; });
        QString error;
        REQUIRE(rt->open(&error));
        const QJsonObject ready{
            {QStringLiteral("user"),
             QJsonObject{{QStringLiteral("id"), QStringLiteral("1102565081088000000")},
                         {QStringLiteral("username"), QStringLiteral("bot")}}},
            {QStringLiteral("guilds"),
             QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("1113768905932800000")}}}},
            {QStringLiteral("application"),
             QJsonObject{{QStringLiteral("id"), QStringLiteral("1102565081088000000")}}}};
        rt->onDispatch(0, QStringLiteral("READY"), QJsonDocument(ready).toJson(QJsonDocument::Compact), 1);
        REQUIRE(QTest::qWaitFor([&] { return loads > 0; }, 20000));
    }
    qint64 send(const QString& content, int n) {
        rt->onDispatch(0, QStringLiteral("MESSAGE_CREATE"), message(content, n), n + 1);
        return rt->pipeline()->traces().recent(1).value(0).id;
    }
    bool waitDone(qint64 id) {
        return QTest::qWaitFor(
            [&] {
                const auto r = rt->pipeline()->record(id);
                return r && r->status == TraceRecord::Status::Done && !r->logs.isEmpty();
            },
            20000);
    }
};

const QString kEcho = QStringLiteral("script.on(\"MESSAGE_CREATE\", (m) => {\n"
                                     "    console.log(\"seen \" + m.content);\n"
                                     "});\n");

} // namespace

TEST_CASE("a paused event's edited payload reaches the script; events queued meanwhile keep their order",
          "[pipeline][runtime]") {
    Rig rig;
    rig.write(kEcho);
    rig.start();
    pipeline::Breakpoint b;
    b.eventType = QStringLiteral("MESSAGE_CREATE");
    b.stage = Stage::Event;
    QString error;
    REQUIRE(pipeline::BreakpointCondition::parse(QStringLiteral("content startsWith \"!\""), &b.condition,
                                                 &error));
    rig.rt->pipeline()->addBreakpoint(b);

    const qint64 paused = rig.send(QStringLiteral("!hold"), 1);
    for (int i = 2; i <= 6; ++i)
        rig.send(QStringLiteral("next %1").arg(i), i);
    CHECK(rig.rt->pipeline()->pausedId() == paused);
    CHECK(rig.rt->pipeline()->waiting() == 5);
    QTest::qWait(200);
    CHECK(rig.logs.filter(QStringLiteral("seen")).isEmpty()); // nothing overtook the paused event

    QJsonObject sdk = QJsonDocument::fromJson(rig.rt->pipeline()->record(paused)->transformed).object();
    sdk.insert(QStringLiteral("content"), QStringLiteral("edited in the studio"));
    REQUIRE(rig.rt->pipeline()->editPaused(QJsonDocument(sdk).toJson(), &error));
    rig.rt->pipeline()->resume();
    REQUIRE(QTest::qWaitFor([&] { return rig.logs.filter(QStringLiteral("seen")).size() == 6; }, 20000));
    QStringList expected{QStringLiteral("seen edited in the studio")};
    for (int i = 2; i <= 6; ++i)
        expected << QStringLiteral("seen next %1").arg(i);
    CHECK(rig.logs.filter(QStringLiteral("seen")) == expected);

    REQUIRE(rig.waitDone(paused));
    const TraceRecord r = *rig.rt->pipeline()->record(paused);
    CHECK(r.edited);
    CHECK(r.listeners == 1);
    REQUIRE(r.logs.size() == 1);
    CHECK(r.logs[0].script == QStringLiteral("echo"));
    CHECK(r.logs[0].line == 2);
}

TEST_CASE("replaying a traced event after a script edit gives the new outcome beside the old one",
          "[pipeline][runtime]") {
    Rig rig;
    rig.write(kEcho);
    rig.start();
    const qint64 first = rig.send(QStringLiteral("hello"), 1);
    REQUIRE(rig.waitDone(first));
    CHECK(rig.rt->pipeline()->record(first)->logs[0].message == QStringLiteral("seen hello"));

    rig.write(QStringLiteral("import { Discord } from \"botloader\";\n"
                             "script.on(\"MESSAGE_CREATE\", async (m) => {\n"
                             "    console.log(\"v2 saw \" + m.content);\n"
                             "    await Discord.createMessage(m.channelId, { content: \"pong\" });\n"
                             "});\n"));
    const int before = rig.loads;
    rig.rt->reload();
    REQUIRE(QTest::qWaitFor([&] { return rig.loads > before; }, 20000));
    const qint64 again = rig.rt->pipeline()->replay(first, Stage::Event);
    REQUIRE(again > first);
    REQUIRE(QTest::qWaitFor(
        [&] {
            const auto r = rig.rt->pipeline()->record(again);
            return r && !r->ops.isEmpty() && r->ops[0].done && !r->logs.isEmpty();
        },
        30000));
    const TraceRecord replayed = *rig.rt->pipeline()->record(again);
    CHECK(replayed.replayOf == first);
    CHECK(replayed.logs[0].message == QStringLiteral("v2 saw hello"));
    REQUIRE(replayed.ops.size() == 1);
    CHECK(replayed.ops[0].op == QStringLiteral("discord_create_message"));
    CHECK(replayed.ops[0].args.contains("pong"));
    CHECK_FALSE(replayed.ops[0].ok); // no Discord behind this runtime: the call's failure is traced
    CHECK(rig.rt->pipeline()->record(first)->logs[0].message == QStringLiteral("seen hello")); // old one kept
}

TEST_CASE("voice states: the handler's cache gives VOICE_STATE_UPDATE its oldState and serves getVoiceStates",
          "[pipeline][runtime]") {
    Rig rig;
    rig.write(QStringLiteral(
        "import { Discord } from \"botloader\";\n"
        "script.on(\"VOICE_STATE_UPDATE\", async (s) => {\n"
        "    const all = await Discord.getVoiceStates();\n"
        "    console.log(`moved ${s.oldState?.channelId} -> ${s.channelId}; ${all.length} in voice: "
        "${all.map((v) => v.userId + \"@\" + v.channelId + \"/\" + v.guildId).join(\",\")}`);\n"
        "});\n"));
    rig.start();
    const QByteArray guild = R"({"id":"1113768905932800000","name":"g","channels":[],"roles":[],"members":[],
        "voice_states":[{"guild_id":"1113768905932800000","channel_id":"501","user_id":"948142551859331072",
        "session_id":"s1","deaf":false,"mute":false,"self_deaf":false,"self_mute":false,"self_video":false,
        "suppress":false,"request_to_speak_timestamp":null}]})";
    rig.rt->onDispatch(0, QStringLiteral("GUILD_CREATE"), guild, 2);
    rig.rt->onDispatch(0, QStringLiteral("VOICE_STATE_UPDATE"),
                       R"({"guild_id":"1113768905932800000","channel_id":"502","user_id":"948142551859331072",
        "session_id":"s1","deaf":false,"mute":false,"self_deaf":false,"self_mute":true,"self_video":false,
        "suppress":false,"request_to_speak_timestamp":null})",
                       3);
    REQUIRE(QTest::qWaitFor([&] { return !rig.logs.filter(QStringLiteral("moved")).isEmpty(); }, 20000));
    CHECK(rig.logs.filter(QStringLiteral("moved")).first() ==
          QStringLiteral("moved 501 -> 502; 1 in voice: 948142551859331072@502/1113768905932800000"));
}
