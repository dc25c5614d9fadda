// A stock discord.js v14 bot (tests/integration/discordjs/bot.js, from the pinned node_modules)
// against the sandbox: login (gateway/bot, READY, GUILD_CREATE), command registration, op 8 member
// fetch, a person's message, a reply with a button, a reaction, a slash command with defer, edit
// and ephemeral follow-up, and a button press answered with an update.
#include "engine/sandbox/sandbox_server.h"
#include "tests/support/qt_catch.h"
#include "tests/support/rest_test_client.h"
#include "tests/support/sandbox_requests.h"

#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace botwright::sandbox;

namespace {
const QString kGuild = QStringLiteral("1113768905932800000");
const QString kGeneral = QStringLiteral("1113768910127104000");
const QString kBot = QStringLiteral("1102565081088000000");
} // namespace

TEST_CASE("a stock discord.js bot runs against the sandbox without noticing") {
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    REQUIRE_FALSE(node.isEmpty()); // scripts/setup.sh provides node and the pinned discord.js
    SandboxOptions options;
    options.identifyWindowMs = 0;
    SandboxServer server(options);
    REQUIRE(server.start(0));
    RestTestClient rest(server.restBase());
    const QString alice = server.world().user(948142551859331072ULL)->token;

    QProcess bot;
    QStringList lines;
    QString partial;
    QObject::connect(&bot, &QProcess::readyReadStandardOutput, &bot, [&] {
        partial += QString::fromUtf8(bot.readAllStandardOutput());
        while (partial.contains(u'\n')) {
            const qsizetype end = partial.indexOf(u'\n');
            lines << partial.left(end);
            partial.remove(0, end + 1);
        }
    });
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NODE_PATH"), QStringLiteral(BOTWRIGHT_SOURCE_DIR "/node_modules"));
    bot.setProcessEnvironment(env);
    bot.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    bot.start(node, {QStringLiteral(BOTWRIGHT_SOURCE_DIR "/tests/integration/discordjs/bot.js"),
                     server.restBase(), server.world().botToken()});
    REQUIRE(bot.waitForStarted());
    auto waitLine = [&](const QString& prefix) {
        const bool found = QTest::qWaitFor(
            [&] {
                return std::any_of(lines.begin(), lines.end(),
                                   [&](const QString& l) { return l.startsWith(prefix); }) ||
                       bot.state() == QProcess::NotRunning;
            },
            30000);
        for (const QString& l : lines)
            if (l.startsWith(prefix))
                return l;
        INFO("bot output so far: " << lines.join(QStringLiteral(" / ")).toStdString());
        CHECK(found);
        return QString();
    };

    CHECK(waitLine(QStringLiteral("ready ")) == QStringLiteral("ready %1 %2 6").arg(kBot, kGuild));
    CHECK(waitLine(QStringLiteral("members ")) == QStringLiteral("members 4"));
    CHECK(waitLine(QStringLiteral("commands ")) == QStringLiteral("commands 1"));

    REQUIRE(rest.call("POST", QStringLiteral("/v10/channels/%1/messages").arg(kGeneral), alice,
                      QJsonDocument(QJsonObject{{QStringLiteral("content"), QStringLiteral("!ping")}}))
                .status == 200);
    CHECK(waitLine(QStringLiteral("message alice")) == QStringLiteral("message alice \"!ping\""));
    CHECK(waitLine(QStringLiteral("message sandbox-bot")) == QStringLiteral("message sandbox-bot \"pong\""));
    const QString replyId = waitLine(QStringLiteral("replied ")).section(u' ', 1);
    CHECK(waitLine(QStringLiteral("reaction ")) == QStringLiteral("reaction %1 👍").arg(kBot));

    const QString commandId =
        rest.call("GET", QStringLiteral("/v10/applications/%1/commands").arg(kBot), alice)
            .json.array()
            .first()
            .toObject()
            .value(QStringLiteral("id"))
            .toString();
    const QJsonObject slash = sandbox_requests::slashCommand(
        kGeneral, kGuild, commandId, QStringLiteral("roll"), QStringLiteral("sides"), 6);
    REQUIRE(rest.call("POST", QStringLiteral("/v10/interactions"), alice, QJsonDocument(slash)).status ==
            200);
    CHECK(waitLine(QStringLiteral("slash ")) == QStringLiteral("slash roll 6 alice"));
    CHECK(!waitLine(QStringLiteral("slash-answered")).isEmpty());
    const QJsonArray recent =
        rest.call("GET", QStringLiteral("/v10/channels/%1/messages?limit=3").arg(kGeneral), alice)
            .json.array();
    QStringList contents;
    for (const QJsonValue m : recent)
        contents << m.toObject().value(QStringLiteral("content")).toString();
    CHECK(contents.contains(QStringLiteral("rolled 4")));
    CHECK(contents.contains(QStringLiteral("only you"))); // alice invoked it, so she sees the ephemeral one

    const QJsonObject press =
        sandbox_requests::buttonPress(kGeneral, kGuild, replyId, QStringLiteral("again"));
    REQUIRE(rest.call("POST", QStringLiteral("/v10/interactions"), alice, QJsonDocument(press)).status ==
            200);
    CHECK(waitLine(QStringLiteral("button ")) == QStringLiteral("button again alice"));
    CHECK(!waitLine(QStringLiteral("done")).isEmpty());
    // Keep the sandbox's event loop running while the bot closes its socket and exits.
    REQUIRE(QTest::qWaitFor([&] { return bot.state() == QProcess::NotRunning; }, 15000));
    CHECK(bot.exitCode() == 0);
    const QJsonObject updated =
        rest.call("GET", QStringLiteral("/v10/channels/%1/messages/%2").arg(kGeneral, replyId), alice)
            .object();
    CHECK(updated.value(QStringLiteral("content")).toString() == QStringLiteral("pong again"));
    CHECK(updated.value(QStringLiteral("components")).toArray().isEmpty());
}
