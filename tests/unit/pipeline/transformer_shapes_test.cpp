// Shape details that the sandbox never produces: the rarer user fields, every channel type and
// message type name, and that a traced run writes exactly what an untraced one does.
#include "tests/unit/pipeline/pipeline_fixture.h"

using namespace pipeline_test;
using botwright::pipeline::Model;
using botwright::pipeline::TransformTrace;
using Kind = botwright::pipeline::TransformTrace::Kind;

TEST_CASE("rare user fields, with and without a trace") {
    const pipeline::TransformContext ctx{kGuild, {}};
    const QByteArray rich =
        R"({"id":"1","username":"u","banner":"b","accent_color":255,"system":true,"locale":"de",)"
        R"("premium_type":2,"public_flags":131584,"primary_guild":{"identity_guild_id":"7",)"
        R"("identity_enabled":true,"tag":"TAG","badge":"x"}})";
    TransformTrace trace;
    const pipeline::TransformOutput traced = pipeline::transformModel(Model::User, rich, ctx, &trace);
    const pipeline::TransformOutput plain = pipeline::transformModel(Model::User, rich, ctx);
    CHECK(traced.json == plain.json); // the same keys in the same order
    const QJsonObject user = parsed(plain);
    CHECK(user.value("banner") == QStringLiteral("b"));
    CHECK(user.value("accentColor") == 255);
    CHECK(user.value("system") == true);
    CHECK(user.value("locale") == QStringLiteral("de"));
    CHECK(user.value("premiumType") == QStringLiteral("nitro"));
    CHECK(user.value("publicFlags").toObject().value("premiumEarlySupporter") == true);
    CHECK(user.value("publicFlags").toObject().value("verifiedDeveloper") == true);
    CHECK(user.value("publicFlags").toObject().value("staff") == false);
    CHECK(user.value("primaryGuild").toObject() ==
          obj({{"identityGuildId", "7"}, {"identityEnabled", true}, {"tag", "TAG"}, {"badge", "x"}}));
    CHECK(trace.find(Kind::Converted, u"premium_type")->after == QStringLiteral("\"nitro\""));
    CHECK(trace.find(Kind::Renamed, u"primary_guild.identity_guild_id"));
    // A member with every time set, and a user with only some of the rare fields.
    const QJsonObject member = parsed(pipeline::transformModel(
        Model::Member,
        R"({"user":{"id":"1","username":"u","locale":"fr"},"roles":[],"joined_at":"2024-01-01T00:00:00Z",)"
        R"("premium_since":"2024-02-01T00:00:00Z","communication_disabled_until":"2024-03-01T00:00:00Z"})",
        ctx));
    CHECK(member.value("premiumSince").toInteger() == 1706745600000);
    CHECK(member.value("communicationDisabledUntil").toInteger() == 1709251200000);
    CHECK(member.value("user").toObject().value("locale") == QStringLiteral("fr"));
    CHECK(member.value("user").toObject().value("banner").isNull());
    CHECK(member.value("user").toObject().value("publicFlags").isNull());
}

TEST_CASE("every channel type and message type has its SDK name") {
    const pipeline::TransformContext ctx{kGuild, {}};
    const std::pair<int, const char*> channels[] = {
        {0, "Text"},           {2, "Voice"},       {4, "Category"},
        {5, "News"},           {10, "NewsThread"}, {11, "PublicThread"},
        {12, "PrivateThread"}, {13, "StageVoice"}, {14, "GuildDirectory"},
        {15, "Forum"},         {16, "Media"}};
    for (const auto& [type, name] : channels) {
        INFO(type);
        const QJsonObject c = parsed(pipeline::transformModel(
            Model::Channel, QStringLiteral(R"({"id":"1","type":%1})").arg(type).toUtf8(), ctx));
        CHECK(c.value("kind").toString() == QLatin1String(name));
        CHECK(c.value("name").toString().isEmpty());
        CHECK(c.value("permissionOverwrites").toArray().isEmpty());
    }
    const std::pair<int, const char*> messages[] = {
        {0, "Regular"}, {6, "ChannelMessagePinned"}, {7, "GuildMemberJoin"},     {18, "ThreadCreated"},
        {19, "Reply"},  {20, "ChatInputCommand"},    {23, "ContextMenuCommand"}, {46, "PollResult"}};
    for (const auto& [type, name] : messages) {
        INFO(type);
        const QJsonObject m = parsed(pipeline::transformModel(
            Model::Message,
            QStringLiteral(
                R"({"id":"1","channel_id":"2","author":{"id":"3"},"timestamp":"2024-01-01T00:00:00Z","type":%1})")
                .arg(type)
                .toUtf8(),
            ctx));
        CHECK(m.value("kind").toString() == QLatin1String(name));
    }
}
