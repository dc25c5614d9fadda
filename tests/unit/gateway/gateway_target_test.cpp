// GatewayTarget: settings round trip (never the token), validation messages, the ShardManager
// configuration it builds, and the intent catalog behind the settings dialog.
#include "engine/gateway/gateway_target.h"
#include "engine/gateway/intent_catalog.h"
#include "tests/support/qt_catch.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include <string_view>

using namespace botwright;
using gateway::GatewayTarget;
using gateway::ShardConfig;
namespace intent = protocol::intent;

namespace {

const QString kToken = QStringLiteral("MTEzNzY4OTA1OTMyODAwMDAw.GhTz9x.secret-part_Abc123");

GatewayTarget customTarget(const QString& url) {
    GatewayTarget target;
    target.setKind(GatewayTarget::Kind::Custom);
    target.setCustomRestBase(url);
    return target;
}

bool mentions(const QStringList& list, const QString& text) {
    for (const QString& line : list)
        if (line.contains(text, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace

TEST_CASE("the default target is the sandbox with the studio's chat-bot intents") {
    const GatewayTarget target;
    CHECK(target.kind() == GatewayTarget::Kind::Sandbox);
    CHECK_FALSE(target.needsToken());
    CHECK(target.intents() == GatewayTarget::kDefaultIntents);
    CHECK((target.intents() & intent::MessageContent) != 0);
    CHECK(target.encoding() == ShardConfig::Encoding::Json);
    CHECK(target.compression() == ShardConfig::Compression::ZlibStream);
    const GatewayTarget::Problems problems = target.validate();
    CHECK(problems.ok());
    CHECK(problems.warnings.isEmpty()); // the sandbox grants privileged intents itself
    CHECK(GatewayTarget::fromSettings({}) == target);
}

TEST_CASE("targets round-trip through settings, and the settings never hold a token") {
    GatewayTarget target = customTarget(QStringLiteral("http://127.0.0.1:8080/api"));
    target.setIntents(intent::Guilds | intent::GuildMessagePolls | intent::GuildPresences);
    target.setEncoding(ShardConfig::Encoding::Etf);
    target.setCompression(ShardConfig::Compression::ZstdStream);
    CHECK(GatewayTarget::fromSettings(target.toSettings()) == target);

    for (const auto kind : {GatewayTarget::Kind::Sandbox, GatewayTarget::Kind::Discord}) {
        GatewayTarget other = target;
        other.setKind(kind);
        other.setCompression(ShardConfig::Compression::None);
        const GatewayTarget back = GatewayTarget::fromSettings(other.toSettings());
        CHECK(back == other);
        CHECK(back.customRestBase() == QStringLiteral("http://127.0.0.1:8080/api")); // kept for later
    }

    const QVariantMap values = target.toSettings();
    CHECK(values.value(QStringLiteral("gateway/target")) == QStringLiteral("custom"));
    CHECK(values.value(QStringLiteral("gateway/encoding")) == QStringLiteral("etf"));
    CHECK(values.value(QStringLiteral("gateway/compression")) == QStringLiteral("zstd-stream"));
    for (auto it = values.begin(); it != values.end(); ++it)
        CHECK_FALSE(it.key().contains(QStringLiteral("token"), Qt::CaseInsensitive));

    // Through a real settings file, where numbers come back as text; building a config with a token
    // first changes nothing that is saved.
    REQUIRE(target.shardManagerConfig(kToken).has_value());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("studio.conf"));
    {
        QSettings file(path, QSettings::IniFormat);
        for (auto it = values.begin(); it != values.end(); ++it)
            file.setValue(it.key(), it.value());
    }
    QSettings file(path, QSettings::IniFormat);
    QVariantMap read;
    for (const QString& key : file.allKeys())
        read.insert(key, file.value(key));
    CHECK(GatewayTarget::fromSettings(read) == target);
    QFile raw(path);
    REQUIRE(raw.open(QIODevice::ReadOnly));
    const QByteArray bytes = raw.readAll();
    CHECK(bytes.contains("custom"));
    CHECK_FALSE(bytes.contains("secret-part"));
}

TEST_CASE("unreadable settings fall back to the defaults") {
    const GatewayTarget target = GatewayTarget::fromSettings({
        {QStringLiteral("gateway/target"), QStringLiteral("mars")},
        {QStringLiteral("gateway/intents"), QStringLiteral("lots")},
        {QStringLiteral("gateway/encoding"), QStringLiteral("xml")},
        {QStringLiteral("gateway/compression"), QStringLiteral("brotli")},
    });
    CHECK(target == GatewayTarget());
    // Zero or unknown bits are not a choice the dialog can save: the defaults come back.
    CHECK(GatewayTarget::fromSettings({{QStringLiteral("gateway/intents"), 0}}).intents() ==
          GatewayTarget::kDefaultIntents);
    CHECK(GatewayTarget::fromSettings({{QStringLiteral("gateway/intents"), 1u << 30}}).intents() ==
          GatewayTarget::kDefaultIntents);
}

TEST_CASE("REST bases are in ShardManager's form: it appends /v10/gateway/bot") {
    GatewayTarget discord;
    discord.setKind(GatewayTarget::Kind::Discord);
    CHECK(discord.restBase() + QStringLiteral("/v10/gateway/bot") ==
          QStringLiteral("https://discord.com/api/v10/gateway/bot"));
    CHECK(GatewayTarget().restBase(QStringLiteral("http://127.0.0.1:5000/api")) ==
          QStringLiteral("http://127.0.0.1:5000/api"));
    CHECK(customTarget(QStringLiteral(" http://127.0.0.1:8080/api/ ")).restBase() ==
          QStringLiteral("http://127.0.0.1:8080/api"));
    CHECK(customTarget(QStringLiteral("http://127.0.0.1:8080/api/v10")).restBase() ==
          QStringLiteral("http://127.0.0.1:8080/api"));
    CHECK(customTarget(QStringLiteral("https://proxy.example/discord/api/v9//")).restBase() ==
          QStringLiteral("https://proxy.example/discord/api"));
    CHECK(customTarget(QStringLiteral("http://v10/api")).restBase() == QStringLiteral("http://v10/api"));
    CHECK(customTarget(QStringLiteral("http://v10/")).restBase() == QStringLiteral("http://v10"));
}

TEST_CASE("validation names what is wrong with a custom URL") {
    const auto errorsFor = [](const QString& url) { return customTarget(url).validate().errors; };
    CHECK(mentions(errorsFor(QString()), QStringLiteral("Enter the custom server's REST base URL")));
    CHECK(mentions(errorsFor(QStringLiteral("   ")), QStringLiteral("Enter the custom server's")));
    CHECK(mentions(errorsFor(QStringLiteral("127.0.0.1:8080/api")), QStringLiteral("http://")));
    CHECK(mentions(errorsFor(QStringLiteral("not a url")), QStringLiteral("not a valid URL")));
    CHECK(mentions(errorsFor(QStringLiteral("ftp://127.0.0.1/api")), QStringLiteral("http:// or https://")));
    CHECK(mentions(errorsFor(QStringLiteral("ws://127.0.0.1:8080")), QStringLiteral("WebSocket")));
    CHECK(mentions(errorsFor(QStringLiteral("http:///api")), QStringLiteral("host")));
    CHECK(mentions(errorsFor(QStringLiteral("http://127.0.0.1:8080/api?x=1")), QStringLiteral("query")));
    CHECK(mentions(errorsFor(QStringLiteral("http://me:pw@127.0.0.1/api")), QStringLiteral("password")));
    CHECK(errorsFor(QStringLiteral("http://127.0.0.1:8080/api")).isEmpty());
    CHECK(errorsFor(QStringLiteral("http://localhost:8080/api/v10")).isEmpty());
    CHECK(customTarget(QStringLiteral("http://localhost:8080/api")).validate().warnings.size() ==
          1); // only the privileged intents

    // Warnings: the token in clear text to another computer; an unusual path.
    const GatewayTarget::Problems remote =
        customTarget(QStringLiteral("http://192.168.1.20:8080/api")).validate();
    CHECK(remote.ok());
    CHECK(mentions(remote.warnings, QStringLiteral("unencrypted")));
    const GatewayTarget::Problems path = customTarget(QStringLiteral("https://proxy.example/gw")).validate();
    CHECK(path.ok());
    CHECK(mentions(path.warnings, QStringLiteral("/api")));
    CHECK_FALSE(mentions(path.warnings, QStringLiteral("unencrypted")));

    // Messages never quote what was typed: a token pasted here must not spread.
    CHECK_FALSE(mentions(errorsFor(kToken), QStringLiteral("secret-part")));
}

TEST_CASE("validation of intents: none, unknown bits, privileged outside the sandbox") {
    GatewayTarget target;
    target.setIntents(0);
    CHECK(mentions(target.validate().errors, QStringLiteral("at least one intent")));
    target.setIntents(intent::Guilds | (1u << 30));
    CHECK(mentions(target.validate().errors, QStringLiteral("0x40000000")));

    target.setIntents(intent::Guilds | intent::GuildMembers | intent::MessageContent);
    CHECK(target.validate().ok());
    CHECK(target.validate().warnings.isEmpty());
    target.setKind(GatewayTarget::Kind::Discord);
    const GatewayTarget::Problems discord = target.validate();
    CHECK(discord.ok());
    REQUIRE(discord.warnings.size() == 1);
    CHECK(discord.warnings[0].contains(QStringLiteral("GUILD_MEMBERS, MESSAGE_CONTENT")));
    CHECK(discord.warnings[0].contains(QStringLiteral("4014")));
    target.setIntents(intent::Guilds | intent::GuildMessages);
    CHECK(target.validate().warnings.isEmpty());
}

TEST_CASE("the ShardManager configuration comes from the target and the token") {
    GatewayTarget discord;
    discord.setKind(GatewayTarget::Kind::Discord);
    discord.setIntents(intent::Guilds | intent::DirectMessages);
    discord.setEncoding(ShardConfig::Encoding::Etf);
    discord.setCompression(ShardConfig::Compression::ZstdStream);
    QString error;
    const auto config = discord.shardManagerConfig(QStringLiteral("  Bot ") + kToken + u'\n', &error);
    REQUIRE(config.has_value());
    CHECK(config->token == kToken); // "Bot " and white space removed
    CHECK(config->restBase == QStringLiteral("https://discord.com/api"));
    CHECK(config->intents == (intent::Guilds | intent::DirectMessages));
    CHECK(config->encoding == ShardConfig::Encoding::Etf);
    CHECK(config->compression == ShardConfig::Compression::ZstdStream);
    CHECK(config->shardCount == 0); // Discord's recommendation

    CHECK_FALSE(discord.shardManagerConfig(QString(), &error));
    CHECK(error.contains(QStringLiteral("Enter the bot token")));
    CHECK_FALSE(discord.shardManagerConfig(QStringLiteral("two secret-words"), &error));
    CHECK(error.contains(QStringLiteral("spaces")));
    CHECK_FALSE(error.contains(QStringLiteral("secret-words")));
    CHECK_FALSE(discord.shardManagerConfig(QStringLiteral("tökenß"), &error));
    CHECK(error.contains(QStringLiteral("characters")));

    const GatewayTarget broken = customTarget(QStringLiteral("ws://127.0.0.1"));
    CHECK_FALSE(broken.shardManagerConfig(kToken, &error));
    CHECK(error.contains(QStringLiteral("WebSocket")));
    CHECK_FALSE(error.contains(kToken));

    const auto custom =
        customTarget(QStringLiteral("http://127.0.0.1:8080/api/v10/")).shardManagerConfig(kToken);
    REQUIRE(custom.has_value());
    CHECK(custom->restBase == QStringLiteral("http://127.0.0.1:8080/api"));
    CHECK(custom->intents == GatewayTarget::kDefaultIntents);

    // The sandbox brings its own token and REST base.
    const GatewayTarget sandbox;
    CHECK_FALSE(sandbox.shardManagerConfig(QStringLiteral("x.sandbox.bot-token"), &error));
    CHECK(error.contains(QStringLiteral("sandbox")));
    const auto local = sandbox.shardManagerConfig(QStringLiteral("MTE.sandbox.bot-token"), &error,
                                                  QStringLiteral("http://127.0.0.1:4321/api"));
    REQUIRE(local.has_value());
    CHECK(local->restBase == QStringLiteral("http://127.0.0.1:4321/api"));
    CHECK(local->token == QStringLiteral("MTE.sandbox.bot-token"));
}

TEST_CASE("the intent catalog lists every Discord intent with its name, bit and privilege") {
    const auto all = gateway::IntentCatalog::all();
    CHECK(all.size() == 21);
    quint32 bits = 0;
    quint32 privileged = 0;
    for (const gateway::IntentInfo& info : all) {
        CHECK(info.bit == (1u << info.bitIndex()));
        CHECK_FALSE(QString::fromLatin1(info.summary).isEmpty());
        bits |= info.bit;
        if (info.privileged)
            privileged |= info.bit;
    }
    CHECK(bits == intent::Defined);
    CHECK(privileged == intent::Privileged);
    CHECK(gateway::IntentCatalog::find(intent::GuildMessages)->name == std::string_view("GUILD_MESSAGES"));
    CHECK(gateway::IntentCatalog::find(1u << 17) == nullptr);
    CHECK(gateway::IntentCatalog::names(GatewayTarget::kDefaultIntents) ==
          QStringList({QStringLiteral("GUILDS"), QStringLiteral("GUILD_MEMBERS"),
                       QStringLiteral("GUILD_MESSAGES"), QStringLiteral("GUILD_MESSAGE_REACTIONS"),
                       QStringLiteral("DIRECT_MESSAGES"), QStringLiteral("MESSAGE_CONTENT")}));
}
