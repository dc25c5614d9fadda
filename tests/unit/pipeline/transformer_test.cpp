// The transformer against what the sandbox's gateway really sends (World operations and RestApi
// in-process), plus hand-written edge cases. Models and the other events: transformer_models_test.
#include "engine/pipeline/iso_timestamp.h"
#include "tests/unit/pipeline/pipeline_fixture.h"

using namespace pipeline_test;
using botwright::pipeline::TransformTrace;
using Kind = botwright::pipeline::TransformTrace::Kind;

namespace {

std::optional<qint64> iso(const char* text) {
    return pipeline::parseIsoTimestampMs(text);
}

pipeline::TransformOutput event(const char* sdkEvent, const QByteArray& data, quint64 guild = kGuild) {
    pipeline::TransformContext ctx;
    ctx.guildId = guild;
    return pipeline::transformEvent(sdkEvent, data, ctx);
}

// A minimal MESSAGE_CREATE `d`, as Discord writes one, for edge cases.
QByteArray minimalMessage(const QByteArray& extra = {}) {
    return R"({"id":"10","channel_id":"20","author":{"id":"30","username":"u"},"content":"c",)"
           R"("timestamp":"2024-01-01T00:00:00.000000+00:00","type":0)" +
           extra + "}";
}

} // namespace

TEST_CASE("ISO-8601 times become Unix milliseconds") {
    CHECK(iso("1970-01-01T00:00:00+00:00") == 0);
    CHECK(iso("2024-01-01T12:00:00.000000+00:00") == 1704110400000);
    CHECK(iso("2024-01-01T12:00:00.123456+00:00") == 1704110400123);
    CHECK(iso("2024-01-01T12:00:00.9+00:00") == 1704110400900);
    CHECK(iso("2024-01-01T12:00:00.12+00:00") == 1704110400120);
    CHECK(iso("2024-01-01T12:00:00.123456789123+00:00") == 1704110400123); // truncated, not rounded
    CHECK(iso("2024-01-01T12:00:00+00:00") == 1704110400000);              // no fraction
    CHECK(iso("2024-01-01T12:00:00Z") == 1704110400000);
    CHECK(iso("2024-01-01t12:00:00z") == 1704110400000);
    CHECK(iso("2024-01-01 12:00:00") == 1704110400000); // no offset: UTC
    CHECK(iso("2024-01-01T12:00") == 1704110400000);    // no seconds
    CHECK(iso("2024-01-01") == 1704067200000);          // a date alone: midnight UTC
    // Offsets: local time minus the offset.
    CHECK(iso("2024-01-01T14:30:00+02:30") == 1704110400000);
    CHECK(iso("2024-01-01T07:00:00-05:00") == 1704110400000);
    CHECK(iso("2024-01-01T07:00:00-0500") == 1704110400000);
    CHECK(iso("2024-01-01T07:00:00-05") == 1704110400000);
    CHECK(iso("2023-12-31T23:00:00-13:00") == 1704110400000); // crosses the day and year
    // Calendar edges and the Unix epoch's other side.
    CHECK(iso("2024-02-29T00:00:00+00:00") == 1709164800000);
    CHECK(iso("2000-03-01T00:00:00Z") == 951868800000);
    CHECK(iso("1969-12-31T23:59:59.500+00:00") == -500);
    CHECK(iso("1900-01-01T00:00:00Z") == -2208988800000);
    CHECK(iso("2016-12-31T23:59:60Z") == 1483228800000); // a leap second lands on the next minute
    // Discord's epoch (snowflake time 0).
    CHECK(iso("2015-01-01T00:00:00.000000+00:00") == 1420070400000);
    // Rejected: wrong shape, out-of-range fields, trailing text.
    for (const char* bad :
         {"", "2024", "2024-1-01", "2024-01-1T00:00:00Z", "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
          "2024-04-31", "2024-01-01T24:00:00Z", "2024-01-01T12:60:00Z", "2024-01-01T12:00:00.Z",
          "2024-01-01T12:00:00+24:00", "2024-01-01T12:00:00+05:60", "2024-01-01T12:00:00+0",
          "2024-01-01X12:00", "2024-01-01T12:00:00Zjunk", "2024-01-01T12:00:00+00:00 ", "２０２４-01-01",
          "2024-01-01T1a:00:00Z"}) {
        INFO(bad);
        CHECK_FALSE(iso(bad));
    }
}

TEST_CASE("MESSAGE_CREATE from the sandbox becomes a Message") {
    Harness h;
    sandbox::World::MessageDraft draft;
    draft.content = QStringLiteral("hi <@%1> and <@&%2> @everyone \"quoted\" \\ tab\t é 👍 \u0001")
                        .arg(kBob)
                        .arg(kModRole);
    const sandbox::Message& m = h.world.createMessage(kGeneral, kAlice, draft);
    const QJsonObject msg = h.deliver(QStringLiteral("MESSAGE_CREATE")).toObject();

    CHECK(msg.value("id").toString() == sid(m.id));
    CHECK(msg.value("channelId").toString() == sid(kGeneral));
    CHECK(msg.value("guildId").toString() == sid(kGuild));
    CHECK(msg.value("content").toString() == draft.content); // escaping survives the round trip
    CHECK(msg.value("kind").toString() == QStringLiteral("Regular"));
    CHECK(msg.value("timestamp").toInteger() == ms(m.timestamp));
    CHECK(msg.value("editedTimestamp").isNull());
    CHECK(msg.value("mentionEveryone").toBool());
    CHECK_FALSE(msg.value("pinned").toBool());
    CHECK_FALSE(msg.value("tts").toBool());
    CHECK(msg.value("webhookId").isNull());
    CHECK(msg.value("reference").isNull());
    CHECK(msg.value("referencedMessage").isNull());
    CHECK(msg.value("interactionMetadata").isNull());
    CHECK(msg.value("activity").isNull());
    CHECK(msg.value("application").isNull());
    for (const char* list :
         {"attachments", "embeds", "components", "reactions", "mentionChannels", "messageSnapshots"})
        CHECK(msg.value(QLatin1String(list)).toArray().isEmpty());
    CHECK(msg.value("mentionRoles").toArray() == QJsonArray{sid(kModRole)});

    const QJsonObject flags = msg.value("flags").toObject();
    CHECK(flags.size() == 12);
    CHECK(flags.value("suppressEmbeds") == false);
    CHECK(flags.value("isComponentsV2") == false);

    const QJsonObject author = msg.value("author").toObject();
    CHECK(author.value("id").toString() == sid(kAlice));
    CHECK(author.value("username").toString() == QStringLiteral("alice"));
    CHECK(author.value("globalName").toString() == QStringLiteral("Alice"));
    CHECK(author.value("discriminator").toString() == QStringLiteral("0"));
    CHECK(author.value("bot") == false);
    for (const char* nullable :
         {"avatar", "banner", "accentColor", "system", "locale", "premiumType", "primaryGuild"})
        CHECK(author.value(QLatin1String(nullable)).isNull());
    const QJsonObject userFlags = author.value("publicFlags").toObject();
    CHECK(userFlags.size() == 14);
    CHECK(userFlags.value("verifiedBot") == false);
    CHECK_FALSE(author.contains("public_flags"));

    const QJsonObject member = msg.value("member").toObject();
    CHECK(member.value("joinedAt").toInteger() == ms(h.world.member(kGuild, kAlice)->joinedAt));
    CHECK(member.value("roles").toArray().isEmpty());
    CHECK(member.value("nick").isNull());
    CHECK(member.value("premiumSince").isNull());
    CHECK(member.value("communicationDisabledUntil").isNull());
    CHECK_FALSE(member.contains("user")); // a PartialMember
    CHECK_FALSE(member.contains("pending"));

    const QJsonArray mentions = msg.value("mentions").toArray();
    REQUIRE(mentions.size() == 1);
    const QJsonObject bob = mentions.at(0).toObject();
    CHECK(bob.value("username").toString() == QStringLiteral("bob"));
    CHECK(bob.value("member").toObject().value("roles").toArray() == QJsonArray{sid(kModRole)});
}

TEST_CASE("a reply carries its reference and the referenced message; REST messages fall back to the guild") {
    Harness h;
    sandbox::World::MessageDraft first;
    first.content = QStringLiteral("question");
    const sandbox::Message& question = h.world.createMessage(kGeneral, kCarol, first);
    const Harness::Reply reply = h.bot(
        "POST", QStringLiteral("/channels/%1/messages").arg(kGeneral),
        obj({{"content", "answer"},
             {"message_reference", obj({{"message_id", sid(question.id)}})},
             {"embeds",
              QJsonArray{obj({{"title", "T"},
                              {"description", "D"},
                              {"color", 0x3498DB},
                              {"timestamp", "2024-05-01T10:00:00.000Z"},
                              {"fields", QJsonArray{obj({{"name", "a"}, {"value", "b"}, {"inline", true}})}},
                              {"footer", obj({{"text", "foot"}, {"icon_url", "https://x/i.png"}})},
                              {"author", obj({{"name", "me"}})}})}},
             {"components",
              QJsonArray{
                  obj({{"type", 1},
                       {"components", QJsonArray{obj({{"type", 2},
                                                      {"style", 1},
                                                      {"custom_id", "0:yes:"},
                                                      {"label", "Yes"},
                                                      {"emoji", obj({{"name", "👍"}})}}),
                                                 obj({{"type", 2},
                                                      {"style", 5},
                                                      {"url", "https://example.com"},
                                                      {"label", "Docs"}})}}}),
                  obj({{"type", 1},
                       {"components",
                        QJsonArray{obj({{"type", 3},
                                        {"custom_id", "0:pick:"},
                                        {"placeholder", "Pick"},
                                        {"options", QJsonArray{obj({{"label", "A"},
                                                                    {"value", "a"},
                                                                    {"description", "first"}})}}})}}})}}}));
    REQUIRE(reply.status == 200);
    const QJsonObject msg = h.deliver(QStringLiteral("MESSAGE_CREATE")).toObject();
    CHECK(msg.value("kind").toString() == QStringLiteral("Reply"));
    const QJsonObject ref = msg.value("reference").toObject();
    CHECK(ref.value("messageId").toString() == sid(question.id));
    CHECK(ref.value("channelId").toString() == sid(kGeneral));
    CHECK(ref.value("guildId").toString() == sid(kGuild));
    CHECK(ref.value("failIfNotExists").isNull());
    const QJsonObject referenced = msg.value("referencedMessage").toObject();
    CHECK(referenced.value("content").toString() == QStringLiteral("question"));
    CHECK(referenced.value("author").toObject().value("username").toString() == QStringLiteral("carol"));
    CHECK(msg.value("author").toObject().value("bot") == true);

    const QJsonObject embed = msg.value("embeds").toArray().at(0).toObject();
    CHECK(embed.value("title").toString() == QStringLiteral("T"));
    CHECK(embed.value("kind").toString() == QStringLiteral("rich"));
    CHECK(embed.value("color").toInt() == 0x3498DB);
    CHECK(embed.value("timestamp").toInteger() == 1714557600000);
    CHECK(embed.value("fields").toArray().at(0).toObject() ==
          obj({{"name", "a"}, {"value", "b"}, {"inline", true}}));
    CHECK(embed.value("footer").toObject() == obj({{"text", "foot"}, {"iconUrl", "https://x/i.png"}}));
    CHECK(embed.value("author").toObject() == obj({{"name", "me"}}));
    CHECK_FALSE(embed.contains("image")); // optional parts are absent, not null

    const QJsonArray rows = msg.value("components").toArray();
    REQUIRE(rows.size() == 2);
    const QJsonArray buttons = rows.at(0).toObject().value("components").toArray();
    CHECK(rows.at(0).toObject().value("kind").toString() == QStringLiteral("ActionRow"));
    CHECK(buttons.at(0).toObject().value("kind").toString() == QStringLiteral("Button"));
    CHECK(buttons.at(0).toObject().value("style").toString() == QStringLiteral("Primary"));
    CHECK(buttons.at(0).toObject().value("customId").toString() == QStringLiteral("0:yes:"));
    CHECK(buttons.at(0).toObject().value("emoji").toObject() == obj({{"unicode", "👍"}}));
    CHECK(buttons.at(1).toObject().value("style").toString() == QStringLiteral("Link"));
    CHECK(buttons.at(1).toObject().value("url").toString() == QStringLiteral("https://example.com"));
    const QJsonObject select = rows.at(1).toObject().value("components").toArray().at(0).toObject();
    CHECK(select.value("kind").toString() == QStringLiteral("SelectMenu"));
    CHECK(select.value("selectType").toString() == QStringLiteral("Text"));
    CHECK(select.value("disabled") == false);
    CHECK(select.value("options").toArray().at(0).toObject() ==
          obj({{"label", "A"}, {"value", "a"}, {"default", false}, {"description", "first"}}));

    // Discord's REST messages have no guild_id: Message.guildId falls back to the project's guild.
    const Harness::Reply fetched = h.bot(
        "GET", QStringLiteral("/channels/%1/messages/%2").arg(kGeneral).arg(msg.value("id").toString()));
    QJsonObject withoutGuild = fetched.object();
    REQUIRE(withoutGuild.take(QStringLiteral("guild_id")) == QJsonValue(sid(kGuild)));
    TransformTrace trace;
    const QJsonObject rest = h.model(pipeline::Model::Message, compact(withoutGuild), &trace).toObject();
    CHECK(rest.value("guildId").toString() == sid(kGuild));
    CHECK(rest.value("member").isNull());
    CHECK(trace.find(Kind::Added, u"guildId"));
    // A list result stays a list.
    const Harness::Reply list = h.bot("GET", QStringLiteral("/channels/%1/messages?limit=5").arg(kGeneral));
    const QJsonArray messages = h.model(pipeline::Model::Message, list.body).toArray();
    CHECK(messages.size() == 2);
    CHECK(messages.at(0).toObject().value("kind").toString() == QStringLiteral("Reply"));
}

TEST_CASE("MESSAGE_UPDATE, pins, reactions and system messages") {
    Harness h;
    sandbox::World::MessageDraft draft;
    draft.content = QStringLiteral("before");
    const sandbox::Message& m = h.world.createMessage(kGeneral, kBob, draft);
    sandbox::World::MessageEdit edit;
    edit.content = QStringLiteral("after");
    h.world.editMessage(kGeneral, m.id, edit);
    const QJsonObject update = h.deliver(QStringLiteral("MESSAGE_UPDATE")).toObject();
    CHECK(update.value("id").toString() == sid(m.id));
    CHECK(update.value("content").toString() == QStringLiteral("after"));
    CHECK(update.value("editedTimestamp").toInteger() == ms(m.editedTimestamp));
    CHECK(update.value("kind").toString() == QStringLiteral("Regular"));
    CHECK(update.value("author").toObject().value("username").toString() == QStringLiteral("bob"));
    CHECK_FALSE(update.contains("member")); // not part of EventMessageUpdate
    CHECK_FALSE(update.contains("flags"));
    // A partial update (older gateway behaviour): only what was sent, content null.
    const QJsonObject partial = parsed(event("MESSAGE_UPDATE", R"({"id":"1","channel_id":"2","embeds":[]})"));
    CHECK(partial ==
          obj({{"id", "1"}, {"channelId", "2"}, {"content", QJsonValue::Null}, {"embeds", QJsonArray{}}}));

    h.world.setPinned(kGeneral, m.id, true, kAlice);
    const QJsonObject notice = h.deliver(QStringLiteral("MESSAGE_CREATE")).toObject();
    CHECK(notice.value("kind").toString() == QStringLiteral("ChannelMessagePinned"));
    CHECK(notice.value("reference").toObject().value("messageId").toString() == sid(m.id));

    h.world.addReaction(kGeneral, m.id, sandbox::Reaction{0, QStringLiteral("👍"), false, {}}, kCarol);
    const QJsonObject add = h.deliver(QStringLiteral("MESSAGE_REACTION_ADD")).toObject();
    CHECK(add.value("channelId").toString() == sid(kGeneral));
    CHECK(add.value("messageId").toString() == sid(m.id));
    CHECK(add.value("userId").toString() == sid(kCarol));
    CHECK(add.value("emoji").toObject() == obj({{"unicode", "👍"}}));
    CHECK(add.value("member").toObject().value("nick").toString() == QStringLiteral("caz"));
    CHECK(add.value("member").toObject().value("user").toObject().value("id").toString() == sid(kCarol));
    CHECK(add.size() == 5);

    h.world.addReaction(kGeneral, m.id, sandbox::Reaction{kEmoji, QStringLiteral("botwright"), true, {}},
                        kBob);
    const QJsonObject custom = h.deliver(QStringLiteral("MESSAGE_REACTION_ADD")).toObject();
    CHECK(custom.value("emoji").toObject() ==
          obj({{"animated", true}, {"id", sid(kEmoji)}, {"name", "botwright"}}));
    // The message now lists both reactions with counts and `me` for the bot.
    const Harness::Reply fetched =
        h.bot("GET", QStringLiteral("/channels/%1/messages/%2").arg(kGeneral).arg(m.id));
    const QJsonArray reactions =
        h.model(pipeline::Model::Message, fetched.body).toObject().value("reactions").toArray();
    REQUIRE(reactions.size() == 2);
    CHECK(reactions.at(0).toObject() ==
          obj({{"count", 1}, {"emoji", obj({{"unicode", "👍"}})}, {"me", false}}));

    h.world.removeReaction(kGeneral, m.id, sandbox::Reaction{0, QStringLiteral("👍"), false, {}}, kCarol);
    CHECK(h.deliver(QStringLiteral("MESSAGE_REACTION_REMOVE")).toObject() ==
          obj({{"channelId", sid(kGeneral)},
               {"messageId", sid(m.id)},
               {"emoji", obj({{"unicode", "👍"}})},
               {"userId", sid(kCarol)}}));
    const sandbox::Reaction customEmoji{kEmoji, QStringLiteral("botwright"), true, {}};
    h.world.removeAllReactions(kGeneral, m.id, &customEmoji);
    const QJsonObject emoji = h.deliver(QStringLiteral("MESSAGE_REACTION_REMOVE_EMOJI")).toObject();
    CHECK(emoji.value("emoji").toObject().value("id").toString() == sid(kEmoji));
    CHECK(emoji.size() == 3);
    h.world.removeAllReactions(kGeneral, m.id, nullptr);
    CHECK(h.deliver(QStringLiteral("MESSAGE_REACTION_REMOVE_ALL")).toObject() ==
          obj({{"channelId", sid(kGeneral)}, {"messageId", sid(m.id)}}));

    const Snowflake messageId = m.id; // `m` goes with the message
    h.world.deleteMessage(kGeneral, messageId);
    CHECK(h.deliver(QStringLiteral("MESSAGE_DELETE")).toObject() ==
          obj({{"channelId", sid(kGeneral)}, {"id", sid(messageId)}}));
}

TEST_CASE("the trace records renames, conversions, drops and additions") {
    Harness h;
    sandbox::World::MessageDraft draft;
    draft.content = QStringLiteral("traced");
    h.world.createMessage(kGeneral, kAlice, draft);
    TransformTrace trace;
    h.deliver(QStringLiteral("MESSAGE_CREATE"), &trace);
    const auto* renamed = trace.find(Kind::Renamed, u"channel_id");
    REQUIRE(renamed);
    CHECK(renamed->before == QStringLiteral("channel_id"));
    CHECK(renamed->after == QStringLiteral("channelId"));
    CHECK(trace.find(Kind::Renamed, u"author.global_name"));
    CHECK(trace.find(Kind::Renamed, u"type")->after == QStringLiteral("kind"));
    const auto* kind = trace.find(Kind::Converted, u"type");
    REQUIRE(kind);
    CHECK(kind->before == QStringLiteral("0"));
    CHECK(kind->after == QStringLiteral("\"Regular\""));
    const auto* time = trace.find(Kind::Converted, u"timestamp");
    REQUIRE(time);
    CHECK(time->before.startsWith(u'"'));
    CHECK(time->before.endsWith(QStringLiteral("+00:00\"")));
    CHECK(time->after.toLongLong() > 1600000000000);
    CHECK(trace.find(Kind::Converted, u"member.joined_at"));
    CHECK(trace.find(Kind::Converted, u"author.public_flags"));
    const auto* dropped = trace.find(Kind::Dropped, u"channel_type");
    REQUIRE(dropped);
    CHECK(dropped->before == QStringLiteral("0"));
    CHECK(trace.find(Kind::Dropped, u"member.flags"));
    CHECK_FALSE(trace.find(Kind::Renamed, u"id")); // unchanged keys are not renames
    CHECK_FALSE(trace.find(Kind::Dropped, u"content"));
    CHECK(trace.count(Kind::Added) == 0);
    CHECK(trace.toText().contains(QStringLiteral("renamed channel_id → channelId")));
    const QJsonArray entries = QJsonDocument::fromJson(trace.toJson()).array();
    CHECK(entries.size() == trace.entries().size());
    CHECK(entries.at(0).toObject().contains(QStringLiteral("kind")));
    // Output is the same with and without the trace.
    const sandbox::Dispatch* d = h.last(QStringLiteral("MESSAGE_CREATE"));
    TransformTrace again;
    CHECK(pipeline::transformEvent("MESSAGE_CREATE", payloadOf(*d), h.context, &again).json ==
          pipeline::transformEvent("MESSAGE_CREATE", payloadOf(*d), h.context).json);
    // Unknown enum values are kept as numbers, and the trace says so.
    TransformTrace unknown;
    const pipeline::TransformOutput odd = pipeline::transformEvent(
        "MESSAGE_CREATE", minimalMessage(R"(,"flags":1048576)").replace("\"type\":0", "\"type\":99"),
        h.context, &unknown);
    CHECK(parsed(odd).value("kind").toInt() == 99);
    CHECK(unknown.find(Kind::Converted, u"type")->after.contains(QStringLiteral("MessageType")));
    CHECK(unknown.find(Kind::Converted, u"flags")->after.contains(QStringLiteral("without a name")));
}

TEST_CASE("edge cases: nulls, missing optional fields, unknown values, malformed payloads") {
    // Missing optional fields get their SDK defaults.
    const QJsonObject minimal = parsed(event("MESSAGE_CREATE", minimalMessage(), 0));
    CHECK(minimal.value("guildId").isNull()); // no payload guild and no project guild
    CHECK(minimal.value("member").isNull());
    CHECK(minimal.value("flags").isNull());
    CHECK(minimal.value("editedTimestamp").isNull());
    CHECK(minimal.value("mentions").toArray().isEmpty());
    CHECK(minimal.value("tts") == false);
    CHECK(minimal.value("author").toObject().value("discriminator").toString() == QStringLiteral("0"));
    CHECK(minimal.value("author").toObject().value("publicFlags").isNull());
    // Explicit nulls are treated like absence.
    const QJsonObject nulls = parsed(
        event("MESSAGE_CREATE",
              minimalMessage(
                  R"(,"member":null,"mentions":null,"edited_timestamp":null,"pinned":null,"flags":null)")));
    CHECK(nulls.value("member").isNull());
    CHECK(nulls.value("mentions").toArray().isEmpty());
    CHECK(nulls.value("pinned") == false);
    // Flags with bits set.
    const QJsonObject flagged = parsed(event("MESSAGE_CREATE", minimalMessage(R"(,"flags":36868)")));
    CHECK(flagged.value("flags").toObject().value("suppressEmbeds") == true);
    CHECK(flagged.value("flags").toObject().value("suppressNotifications") == true);
    CHECK(flagged.value("flags").toObject().value("isComponentsV2") == true);
    CHECK(flagged.value("flags").toObject().value("ephemeral") == false);
    // Unknown channel and component types keep their number; a new component keeps its fields.
    const QJsonObject channel =
        parsed(event("CHANNEL_CREATE", R"({"id":"1","type":99,"name":"x","parent_id":"2"})"));
    CHECK(channel.value("kind").toInt() == 99);
    CHECK(channel.value("parentId").toString() == QStringLiteral("2"));
    const QJsonObject future = parsed(
        event("MESSAGE_CREATE",
              minimalMessage(R"(,"components":[{"type":42,"some_field":{"inner_key":1},"custom_id":"x"}])")));
    CHECK(future.value("components").toArray().at(0).toObject() ==
          obj({{"kind", 42}, {"someField", obj({{"innerKey", 1}})}, {"customId", "x"}}));

    // Malformed payloads fail with a clear error, never a crash.
    const auto error = [](const char* sdkEvent, const QByteArray& data) {
        const pipeline::TransformOutput out = event(sdkEvent, data);
        CHECK_FALSE(out.ok);
        CHECK(out.json.isEmpty());
        return out.error;
    };
    CHECK(error("MESSAGE_CREATE", "{\"id\":").startsWith(QStringLiteral("MESSAGE_CREATE: not valid JSON")));
    CHECK(error("MESSAGE_CREATE", "").contains(QStringLiteral("not valid JSON")));
    CHECK(error("MESSAGE_CREATE", "[1,2]") ==
          QStringLiteral("MESSAGE_CREATE: the payload must be an object, not an array"));
    CHECK(error("MESSAGE_CREATE", minimalMessage().replace("\"id\":\"30\"", "\"id\":true")) ==
          QStringLiteral("MESSAGE_CREATE: `author.id` must be a snowflake string, not a boolean"));
    CHECK(error("MESSAGE_CREATE", minimalMessage().replace("\"content\":\"c\"", "\"content\":5")) ==
          QStringLiteral("MESSAGE_CREATE: `content` must be a string, not a number"));
    CHECK(
        error("MESSAGE_CREATE", minimalMessage().replace("2024-01-01T00:00:00.000000+00:00", "yesterday")) ==
        QStringLiteral("MESSAGE_CREATE: `timestamp` is not an ISO-8601 time: \"yesterday\""));
    CHECK(error("MESSAGE_CREATE", minimalMessage().replace("\"id\":\"10\",", "")) ==
          QStringLiteral("MESSAGE_CREATE: `id` is missing"));
    CHECK(error("MESSAGE_CREATE", minimalMessage(R"(,"mentions":[{"id":"1","username":"x"},{"id":2.5}])")) ==
          QStringLiteral("MESSAGE_CREATE: `mentions[1].id` must be a snowflake string, not a number"));
    CHECK(error("MESSAGE_CREATE", minimalMessage(R"(,"mention_roles":"1")")) ==
          QStringLiteral("MESSAGE_CREATE: `mention_roles` must be an array, not a string"));
    CHECK(error("MEMBER_ADD", R"({"roles":[],"joined_at":"2024-01-01T00:00:00Z"})") ==
          QStringLiteral("MEMBER_ADD: `user` is missing"));
    CHECK(error("NOT_AN_EVENT", "{}") == QStringLiteral("NOT_AN_EVENT is not an SDK event"));
    // Hostile nesting is refused before it can exhaust the stack.
    QByteArray rows = "{\"type\":2,\"style\":1,\"custom_id\":\"x\"}";
    for (int i = 0; i < 100; ++i)
        rows = "{\"type\":1,\"components\":[" + rows + "]}";
    CHECK(error("MESSAGE_CREATE", minimalMessage(",\"components\":[" + rows + "]"))
              .contains(QStringLiteral("nests deeper than 64 levels")));
    QByteArray values = "1";
    for (int i = 0; i < 100; ++i)
        values = "{\"a\":[" + values + "]}";
    CHECK(error("MESSAGE_CREATE", minimalMessage(",\"components\":[{\"type\":99,\"x\":" + values + "}]"))
              .contains(QStringLiteral("nests deeper than 64 levels")));
    // Deeply nested garbage and huge numbers do not crash.
    QByteArray deep = minimalMessage(R"(,"embeds":[)" + QByteArray(500, '[') + QByteArray(500, ']') + "]");
    CHECK_FALSE(event("MESSAGE_CREATE", deep).ok);
    const QJsonObject huge = parsed(event(
        "ROLE_CREATE", R"({"role":{"id":"1","name":"r","color":1e300,"position":18446744073709551615}})"));
    CHECK(huge.value("position").toDouble() > 1e19);
    CHECK(huge.value("colors").toObject().value("primaryColor").toDouble() == 1e300);
    // Every SDK event name is accepted and the list matches botloader-sdk.md §3.1 + the internal ones.
    CHECK(pipeline::sdkEventNames().size() == 29);
    for (const QByteArrayView name : pipeline::sdkEventNames())
        CHECK(pipeline::isSdkEvent(name));
}

TEST_CASE("mutated payloads never crash: every result is valid JSON or an error") {
    Harness h;
    sandbox::World::MessageDraft draft;
    draft.content = QStringLiteral("mutate <@%1> me").arg(kBob);
    h.world.createMessage(kGeneral, kAlice, draft);
    const QByteArray original = payloadOf(*h.last(QStringLiteral("MESSAGE_CREATE")));
    // Values swapped for other JSON types, byte by byte damage, and truncation.
    const QList<QByteArray> replacements{"null",  "0",  "-1", "1.5",    "true",     "\"\"",
                                         "\"x\"", "[]", "{}", "[null]", "{\"a\":1}"};
    int ok = 0, failed = 0;
    const auto check = [&](const QByteArray& data) {
        for (const char* sdkEvent : {"MESSAGE_CREATE", "MESSAGE_UPDATE", "MEMBER_ADD", "CHANNEL_CREATE",
                                     "BOTLOADER_COMMAND_INTERACTION_CREATE"}) {
            pipeline::TransformTrace trace;
            const pipeline::TransformOutput out = pipeline::transformEvent(sdkEvent, data, h.context, &trace);
            if (out.ok) {
                ++ok;
                if (QJsonDocument::fromJson("[" + out.json + "]").isNull())
                    FAIL_CHECK("invalid output for " << data.toStdString());
            } else {
                ++failed;
                CHECK_FALSE(out.error.isEmpty());
            }
        }
    };
    for (qsizetype at = 0; at < original.size(); ++at) {
        if (original[at] != ':')
            continue;
        // Replace the value after this colon (up to the next , or }) with each replacement.
        qsizetype end = at + 1;
        int depth = 0;
        bool inString = false;
        for (; end < original.size(); ++end) {
            const char c = original[end];
            if (inString) {
                if (c == '\\')
                    ++end;
                else if (c == '"')
                    inString = false;
                continue;
            }
            if (c == '"')
                inString = true;
            else if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && depth-- == 0)
                break;
            else if (c == ',' && depth == 0)
                break;
        }
        for (const QByteArray& value : replacements)
            check(original.left(at + 1) + value + original.mid(end));
    }
    for (qsizetype cut = 0; cut < original.size(); cut += 7)
        check(original.left(cut));
    for (qsizetype at = 0; at < original.size(); at += 5) {
        QByteArray damaged = original;
        damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
        check(damaged);
    }
    CHECK(ok > 0);
    CHECK(failed > 0);
}
