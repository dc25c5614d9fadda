// `botwright-cli replay`: a capture recorded from a real sandbox session, replayed through a project's
// pipeline by the real botwright-cli and botwright-vm binaries.
#include "engine/capture/capture_file.h"
#include "engine/capture/capture_store.h"
#include "engine/gateway/shard_manager.h"
#include "engine/protocol/gateway_constants.h"
#include "engine/sandbox/sandbox_server.h"
#include "engine/sandbox/world.h"
#include "tests/support/qt_catch.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace botwright;

namespace {

constexpr sandbox::Snowflake kGeneral = 1113768910127104000ULL;
constexpr sandbox::Snowflake kAlice = 948142551859331072ULL;

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(BOTWRIGHT_BIN_DIR "/botwright-cli"), arguments);
    REQUIRE(process.waitForFinished(180000));
    return Run{process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
               QString::fromUtf8(process.readAllStandardError())};
}

int countEvent(const capture::CaptureStore& store, const QString& type) {
    int n = 0;
    for (quint32 i = 0; i < store.size(); ++i)
        n += store.eventName(i) == type ? 1 : 0;
    return n;
}

// Records a real session with the sandbox: READY, GUILD_CREATE, then alice's messages and a typing
// indicator, saved as a capture file.
void recordCapture(const QString& path, const QStringList& messages) {
    sandbox::SandboxServer server;
    QString error;
    REQUIRE(server.start(0, &error));
    capture::CaptureStore store;
    store.redactor().addSecret(server.world().botToken());
    gateway::ShardManagerConfig config;
    config.token = server.world().botToken();
    config.restBase = server.restBase();
    config.intents = protocol::intent::Guilds | protocol::intent::GuildMessages |
                     protocol::intent::GuildMessageTyping | protocol::intent::MessageContent;
    gateway::ShardManager manager(config);
    QObject::connect(&manager, &gateway::ShardManager::frame, &manager,
                     [&store](const gateway::FrameEvent& frame) { store.append(frame); });
    manager.start();
    REQUIRE(QTest::qWaitFor([&] { return countEvent(store, QStringLiteral("GUILD_CREATE")) >= 1; }, 20000));
    for (const QString& content : messages) {
        sandbox::World::MessageDraft draft;
        draft.content = content;
        server.world().createMessage(kGeneral, kAlice, std::move(draft));
    }
    server.world().startTyping(kGeneral, kAlice);
    REQUIRE(QTest::qWaitFor(
        [&] {
            return countEvent(store, QStringLiteral("MESSAGE_CREATE")) >= messages.size() &&
                   countEvent(store, QStringLiteral("TYPING_START")) >= 1;
        },
        20000));
    manager.stop();
    REQUIRE(capture::saveCapture(store, path, &error));
}

QString copyProject(const QTemporaryDir& dir) {
    const QString project = dir.filePath(QStringLiteral("bot"));
    REQUIRE(QDir().mkpath(project));
    REQUIRE(QFile::copy(QStringLiteral(BOTWRIGHT_SOURCE_DIR "/tests/integration/projects/replay/echo.ts"),
                        project + QStringLiteral("/echo.ts")));
    QFile::setPermissions(project + QStringLiteral("/echo.ts"),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return project;
}

// The outcome line of the replayed MESSAGE_CREATE whose console line is `seen`, and what follows it.
QString eventBlock(const QString& out, const QString& logged) {
    const QStringList blocks = out.split(QRegularExpression(QStringLiteral("\n(?=#|- )")));
    for (const QString& block : blocks)
        if (block.contains(logged))
            return block;
    return {};
}

} // namespace

TEST_CASE("botwright-cli replay refuses bad usage with a clear message", "[cli][replay]") {
    const Run bare = run({QStringLiteral("replay")});
    CHECK(bare.exitCode == 2);
    const Run noProject = run({QStringLiteral("replay"), QStringLiteral("some.bwcap")});
    CHECK(noProject.exitCode == 2);
    CHECK(noProject.err.contains(QStringLiteral("--project")));
    const Run badStage =
        run({QStringLiteral("replay"), QStringLiteral("some.bwcap"), QStringLiteral("--project"),
             QStringLiteral("."), QStringLiteral("--from-stage"), QStringLiteral("middle")});
    CHECK(badStage.exitCode == 2);
    CHECK(badStage.err.contains(QStringLiteral("--from-stage")));
    const Run help = run({QStringLiteral("--help")});
    CHECK(help.out.contains(QStringLiteral("\n  replay ")));
}

TEST_CASE("botwright-cli replay runs a recorded capture through the project's scripts and prints outcomes",
          "[cli][replay][runtime]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString capture = dir.filePath(QStringLiteral("session.bwcap"));
    recordCapture(capture, {QStringLiteral("hello"), QStringLiteral("!ping"), QStringLiteral("!boom")});
    const QString project = copyProject(dir);

    const Run first = run({QStringLiteral("replay"), capture, QStringLiteral("--project"), project});
    INFO(first.out.toStdString() << first.err.toStdString());
    CHECK(first.exitCode == 1); // "!boom" threw
    const QString hello = eventBlock(first.out, QStringLiteral("seen hello"));
    CHECK(
        hello.contains(QStringLiteral("MESSAGE_CREATE → MESSAGE_CREATE  listeners=1 logs=1 ops=0 errors=0")));
    CHECK(hello.contains(QStringLiteral("log echo.ts:5:")));
    const QString ping = eventBlock(first.out, QStringLiteral("seen !ping"));
    CHECK(ping.contains(QStringLiteral("ops=1 errors=0")));
    CHECK(ping.contains(QStringLiteral("op discord_create_message")));
    CHECK(ping.contains(QStringLiteral("\"pong\"")));
    CHECK(ping.contains(QStringLiteral("→ ok ")));
    const QString boom = eventBlock(first.out, QStringLiteral("seen !boom"));
    CHECK(boom.contains(QStringLiteral("errors=1")));
    CHECK(boom.contains(QStringLiteral("boom from the script")));
    CHECK(boom.contains(QStringLiteral("echo.ts:7")));
    // In capture order; events nobody listens to stop at the handler.
    CHECK(first.out.indexOf(QStringLiteral("seen hello")) < first.out.indexOf(QStringLiteral("seen !ping")));
    CHECK(first.out.indexOf(QStringLiteral("seen !ping")) < first.out.indexOf(QStringLiteral("seen !boom")));
    CHECK(first.out.contains(QRegularExpression(QStringLiteral("#\\d+ TYPING_START → stopped: "))));
    CHECK(first.out.contains(QStringLiteral("with errors")));

    // After an edit the same capture gives the new outcome.
    QFile script(project + QStringLiteral("/echo.ts"));
    REQUIRE(script.open(QIODevice::WriteOnly | QIODevice::Truncate));
    script.write(
        "script.on(\"MESSAGE_CREATE\", (message) => {\n    console.log(\"v2 \" + message.content);\n});\n");
    script.close();
    const Run second = run({QStringLiteral("replay"), capture, QStringLiteral("--project"), project});
    INFO(second.out.toStdString() << second.err.toStdString());
    CHECK(second.exitCode == 0);
    CHECK(second.out.contains(QStringLiteral("v2 !boom")));
    CHECK_FALSE(second.out.contains(QStringLiteral("seen ")));
    CHECK(second.out.contains(QStringLiteral("0 with errors")));

    // From the event stage the SDK shape goes straight to the listeners.
    const Run fromEvent = run({QStringLiteral("replay"), capture, QStringLiteral("--project"), project,
                               QStringLiteral("--from-stage"), QStringLiteral("event")});
    INFO(fromEvent.out.toStdString() << fromEvent.err.toStdString());
    CHECK(fromEvent.exitCode == 0);
    CHECK(fromEvent.out.contains(QStringLiteral("from the event")));
    CHECK(eventBlock(fromEvent.out, QStringLiteral("v2 hello")).contains(QStringLiteral("listeners=1")));
}
