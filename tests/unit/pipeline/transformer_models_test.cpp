// REST results → models, and the member, role, channel, thread, invite, webhook, voice and
// interaction events, from the sandbox's own serialisers (RestApi and World in-process).
#include "tests/unit/pipeline/pipeline_fixture.h"

using namespace pipeline_test;
using botwright::pipeline::Model;
using botwright::pipeline::TransformTrace;
using Kind = botwright::pipeline::TransformTrace::Kind;

namespace {
constexpr Snowflake kDave = 1200000000000000000ULL; // not in the guild at first

QString guildPath(const char* rest = "") {
    return QStringLiteral("/guilds/%1%2").arg(kGuild).arg(QLatin1String(rest));
}
QString channelPath(Snowflake channel, const char* rest = "") {
    return QStringLiteral("/channels/%1%2").arg(channel).arg(QLatin1String(rest));
}
QJsonObject find(const QJsonArray& list, const QString& id) {
    for (const QJsonValue item : list)
        if (item.toObject().value(QStringLiteral("id")).toString() == id)
            return item.toObject();
    return {};
}
} // namespace

TEST_CASE("members: MEMBER_ADD, MEMBER_UPDATE, MEMBER_REMOVE and the Member and User models") {
    Harness h;
    h.world.addUser(
        sandbox::User{kDave, QStringLiteral("dave"), {}, QStringLiteral("a_avatarhash"), false, {}});
    h.world.addMember(kGuild, kDave, QStringLiteral("D"), {kModRole});
    const QJsonObject added = h.deliver(QStringLiteral("GUILD_MEMBER_ADD")).toObject();
    CHECK(added.value("user").toObject().value("id").toString() == sid(kDave));
    CHECK(added.value("user").toObject().value("avatar").toString() == QStringLiteral("a_avatarhash"));
    CHECK(added.value("nick").toString() == QStringLiteral("D"));
    CHECK(added.value("roles").toArray() == QJsonArray{sid(kModRole)});
    CHECK(added.value("joinedAt").toInteger() == ms(h.world.member(kGuild, kDave)->joinedAt));
    CHECK(added.value("deaf") == false);
    CHECK(added.value("pending") == false);
    CHECK(added.value("communicationDisabledUntil").isNull());
    CHECK_FALSE(added.contains("guildId")); // not part of Member

    const QDateTime until = QDateTime::currentDateTimeUtc().addSecs(600);
    REQUIRE(
        h.bot("PATCH", guildPath("/members/") + sid(kDave),
              obj({{"nick", "Dave!"}, {"communication_disabled_until", until.toString(Qt::ISODateWithMs)}}))
            .status == 200);
    const QJsonObject updated = h.deliver(QStringLiteral("GUILD_MEMBER_UPDATE")).toObject();
    CHECK(updated.value("nick").toString() == QStringLiteral("Dave!"));
    CHECK(updated.value("communicationDisabledUntil").toInteger() == until.toMSecsSinceEpoch());

    const QJsonObject member =
        h.model(Model::Member, h.bot("GET", guildPath("/members/") + sid(kDave)).body).toObject();
    CHECK(member == updated);
    const QJsonObject user =
        h.model(Model::User, h.bot("GET", QStringLiteral("/users/") + sid(kBot)).body).toObject();
    CHECK(user.value("bot") == true);
    CHECK(user.value("username").toString() == QStringLiteral("sandbox-bot"));

    h.world.removeMember(kGuild, kDave);
    const QJsonObject removed = h.deliver(QStringLiteral("GUILD_MEMBER_REMOVE")).toObject();
    CHECK(removed.value("guildId").toString() == sid(kGuild));
    CHECK(removed.value("user").toObject().value("username").toString() == QStringLiteral("dave"));
    CHECK(removed.size() == 2);

    // Bans: REST list → Ban models.
    REQUIRE(h.bot("PUT", guildPath("/bans/") + sid(kDave), QJsonObject{}).status == 204);
    const QJsonArray bans = h.model(Model::Ban, h.bot("GET", guildPath("/bans")).body).toArray();
    REQUIRE(bans.size() == 1);
    CHECK(bans.at(0).toObject().value("reason").isNull()); // no X-Audit-Log-Reason
    CHECK(bans.at(0).toObject().value("user").toObject().value("id").toString() == sid(kDave));
}

TEST_CASE("roles: ROLE_CREATE, ROLE_UPDATE, ROLE_DELETE and the Role model") {
    Harness h;
    const Harness::Reply created =
        h.bot("POST", guildPath("/roles"),
              obj({{"name", "Helper"}, {"color", 0xFF8800}, {"permissions", "1024"}, {"hoist", true}}));
    REQUIRE(created.status == 200);
    const QString roleId = created.object().value("id").toString();
    TransformTrace trace;
    const sandbox::Dispatch* create = h.last(QStringLiteral("GUILD_ROLE_CREATE"));
    REQUIRE(create);
    const QJsonObject role = h.transformed("ROLE_CREATE", payloadOf(*create), &trace).toObject();
    CHECK(role.value("id").toString() == roleId);
    CHECK(role.value("name").toString() == QStringLiteral("Helper"));
    CHECK(role.value("color").toInt() == 0xFF8800);
    CHECK(role.value("colors").toObject() == obj({{"primaryColor", 0xFF8800},
                                                  {"secondaryColor", QJsonValue::Null},
                                                  {"tertiaryColor", QJsonValue::Null}}));
    CHECK(role.value("permissionsRaw").toString() == QStringLiteral("1024"));
    CHECK(role.value("hoist") == true);
    CHECK(role.value("tags").isNull());
    CHECK(role.value("unicodeEmoji").isNull());
    CHECK(trace.find(Kind::Dropped, u"guild_id")); // the event's envelope
    CHECK(trace.find(Kind::Converted, u"role"));   // unwrapped: the payload is the Role
    CHECK(trace.find(Kind::Renamed, u"role.permissions")->after == QStringLiteral("permissionsRaw"));
    CHECK(h.last(QStringLiteral("GUILD_ROLE_UPDATE"))); // others moved up
    h.deliver(QStringLiteral("GUILD_ROLE_UPDATE"));

    const QJsonArray roles = h.model(Model::Role, h.bot("GET", guildPath("/roles")).body).toArray();
    const QJsonObject botRole = find(roles, sid(kBotRole));
    CHECK(botRole.value("managed") == true);
    CHECK(botRole.value("tags").toObject() ==
          obj({{"botId", sid(kBot)}, {"integrationId", QJsonValue::Null}, {"premiumSubscriber", false}}));
    // Discord marks the booster role with "premium_subscriber": null; older payloads lack colors.
    const QJsonObject booster = parsed(pipeline::transformModel(
        Model::Role,
        R"({"id":"5","name":"Booster","color":16,"tags":{"premium_subscriber":null},"permissions":"0"})",
        h.context));
    CHECK(booster.value("tags").toObject().value("premiumSubscriber") == true);
    CHECK(booster.value("colors").toObject().value("primaryColor").toInt() == 16);

    REQUIRE(h.bot("DELETE", guildPath("/roles/") + roleId).status == 204);
    CHECK(h.deliver(QStringLiteral("GUILD_ROLE_DELETE")).toObject() == obj({{"roleId", roleId}}));
}

TEST_CASE("channels: every kind, overwrites, and CHANNEL_CREATE/UPDATE/DELETE") {
    Harness h;
    const QJsonArray channels = h.model(Model::Channel, h.bot("GET", guildPath("/channels")).body).toArray();
    const QJsonObject general = find(channels, sid(kGeneral));
    CHECK(general.value("kind").toString() == QStringLiteral("Text"));
    CHECK(general.value("name").toString() == QStringLiteral("general"));
    CHECK(general.value("topic").toString() == QStringLiteral("Say hello to the bot"));
    CHECK(general.value("parentId").toString() == sid(kCategory));
    CHECK(general.value("nsfw") == false);
    CHECK(general.value("rateLimitPerUser").toInt() == 0);
    CHECK(general.value("lastPinTimestamp").isNull());
    CHECK(general.value("permissionOverwrites").toArray().isEmpty());
    CHECK_FALSE(general.contains("bitrate"));
    const QJsonObject news = find(channels, sid(kAnnouncements));
    CHECK(news.value("kind").toString() == QStringLiteral("News"));
    CHECK(news.value("permissionOverwrites").toArray().at(0).toObject() ==
          obj({{"id", sid(kGuild)}, {"kind", "Role"}, {"allowRaw", "0"}, {"denyRaw", "2048"}}));
    const QJsonObject voice = find(channels, sid(kLounge));
    CHECK(voice.value("kind").toString() == QStringLiteral("Voice"));
    CHECK(voice.value("bitrate").toInt() == 64000);
    CHECK(voice.value("userLimit").toInt() == 0);
    CHECK(voice.value("rtcRegion").isNull());
    CHECK(voice.value("videoQualityMode").toString() == QStringLiteral("Auto"));
    CHECK_FALSE(voice.contains("topic"));
    const QJsonObject category = find(channels, sid(kCategory));
    CHECK(category.value("kind").toString() == QStringLiteral("Category"));
    CHECK(category.value("position").toInt() == 0);
    CHECK_FALSE(category.contains("parentId"));

    const Harness::Reply created =
        h.bot("POST", guildPath("/channels"),
              obj({{"name", "stage"},
                   {"type", 13},
                   {"permission_overwrites",
                    QJsonArray{obj({{"id", sid(kBob)}, {"type", 1}, {"allow", "1024"}, {"deny", "0"}})}}}));
    REQUIRE(created.status == 200);
    const QJsonObject stage = h.deliver(QStringLiteral("CHANNEL_CREATE")).toObject();
    CHECK(stage.value("kind").toString() == QStringLiteral("StageVoice"));
    CHECK(stage.value("permissionOverwrites").toArray().at(0).toObject().value("kind").toString() ==
          QStringLiteral("Member"));
    REQUIRE(h.bot("PATCH", channelPath(kGeneral), obj({{"topic", "new topic"}, {"rate_limit_per_user", 5}}))
                .status == 200);
    const QJsonObject patched = h.deliver(QStringLiteral("CHANNEL_UPDATE")).toObject();
    CHECK(patched.value("topic").toString() == QStringLiteral("new topic"));
    CHECK(patched.value("rateLimitPerUser").toInt() == 5);
    REQUIRE(h.bot("DELETE", channelPath(created.object().value("id").toString().toULongLong())).status ==
            200);
    CHECK(h.deliver(QStringLiteral("CHANNEL_DELETE")).toObject() == stage);
    // Channel types by number (the ones the sandbox does not create).
    for (const auto& [type, name] : std::initializer_list<std::pair<int, const char*>>{
             {14, "GuildDirectory"}, {15, "Forum"}, {16, "Media"}, {10, "NewsThread"}}) {
        const QJsonObject c = parsed(pipeline::transformModel(
            Model::Channel, QStringLiteral(R"({"id":"1","type":%1,"name":"c"})").arg(type).toUtf8(),
            h.context));
        CHECK(c.value("kind").toString() == QLatin1String(name));
    }
}

TEST_CASE("threads: THREAD_CREATE/UPDATE/DELETE, members and the ThreadMember model") {
    Harness h;
    const Harness::Reply created =
        h.bot("POST", channelPath(kGeneral, "/threads"), obj({{"name", "private talk"}, {"type", 12}}));
    REQUIRE(created.status == 200);
    const QString threadId = created.object().value("id").toString();
    const QJsonObject thread = h.deliver(QStringLiteral("THREAD_CREATE")).toObject();
    CHECK(thread.value("id").toString() == threadId);
    CHECK(thread.value("kind").toString() == QStringLiteral("PrivateThread"));
    CHECK(thread.value("parentId").toString() == sid(kGeneral));
    CHECK(thread.value("ownerId").toString() == sid(kBot));
    CHECK(thread.value("memberCount").toInt() == 1);
    CHECK(thread.value("messageCount").toInt() == 0);
    CHECK(thread.value("defaultAutoArchiveDurationMinutes").isNull());
    const QJsonObject meta = thread.value("threadMetadata").toObject();
    CHECK(meta.value("archived") == false);
    CHECK(meta.value("autoArchiveDurationMinutes").toInt() == 1440);
    CHECK(meta.value("archiveTimestamp").toInteger() > 1600000000000);
    CHECK(meta.value("invitable") == true);
    CHECK(meta.value("locked") == false);
    CHECK(thread.value("invitable") == true); // PrivateThread.invitable mirrors the metadata
    CHECK(thread.value("member").isNull());
    CHECK_FALSE(thread.contains("topic"));

    const quint64 thread64 = threadId.toULongLong();
    REQUIRE(h.bot("PUT", channelPath(thread64, "/thread-members/") + sid(kBob)).status == 204);
    const QJsonObject members = h.deliver(QStringLiteral("THREAD_MEMBERS_UPDATE")).toObject();
    CHECK(members.value("id").toString() == threadId);
    CHECK(members.value("memberCount").toInt() == 2);
    CHECK(members.value("removedMemberIds").toArray().isEmpty());
    const QJsonObject addedMember = members.value("addedMembers").toArray().at(0).toObject();
    CHECK(addedMember.value("userId").toString() == sid(kBob));
    CHECK(addedMember.value("id").toString() == threadId);
    CHECK(addedMember.value("joinTimestamp").toInteger() > 1600000000000);
    CHECK(addedMember.value("member").isNull());
    const QJsonArray listed =
        h.model(Model::ThreadMember,
                h.bot("GET", channelPath(thread64, "/thread-members?with_member=true")).body)
            .toArray();
    REQUIRE(listed.size() == 2);
    CHECK_FALSE(listed.at(0).toObject().value("member").toObject().value("user").toObject().isEmpty());

    REQUIRE(h.bot("PATCH", channelPath(thread64), obj({{"archived", true}, {"locked", true}})).status == 200);
    const QJsonObject archived = h.deliver(QStringLiteral("THREAD_UPDATE")).toObject();
    CHECK(archived.value("threadMetadata").toObject().value("archived") == true);
    CHECK(archived.value("threadMetadata").toObject().value("locked") == true);

    const Harness::Reply publicThread =
        h.bot("POST", channelPath(kGeneral, "/threads"), obj({{"name", "public"}, {"type", 11}}));
    const QJsonObject open = h.deliver(QStringLiteral("THREAD_CREATE")).toObject();
    CHECK(open.value("kind").toString() == QStringLiteral("PublicThread"));
    CHECK_FALSE(open.contains("invitable"));
    CHECK(open.value("threadMetadata").toObject().value("invitable").isNull());

    REQUIRE(h.bot("DELETE", channelPath(thread64)).status == 200);
    CHECK(h.deliver(QStringLiteral("THREAD_DELETE")).toObject() == obj({{"guildId", sid(kGuild)},
                                                                        {"id", threadId},
                                                                        {"kind", "PrivateThread"},
                                                                        {"parentId", sid(kGeneral)}}));
    // THREAD_LIST_SYNC and THREAD_MEMBER_UPDATE as Discord documents them.
    const QJsonObject sync = parsed(pipeline::transformEvent(
        "THREAD_LIST_SYNC",
        R"({"guild_id":"1","threads":[{"id":"7","type":11,"name":"t","parent_id":"2","thread_metadata":{"archived":false,"auto_archive_duration":60,"archive_timestamp":"2024-01-01T00:00:00+00:00","locked":false}}],"members":[{"id":"7","user_id":"9","join_timestamp":"2024-01-01T00:00:00Z","flags":0}]})",
        h.context));
    CHECK(sync.value("channelIds").toArray().isEmpty());
    CHECK(sync.value("threads")
              .toArray()
              .at(0)
              .toObject()
              .value("threadMetadata")
              .toObject()
              .value("autoArchiveDurationMinutes") == 60);
    CHECK(sync.value("members").toArray().at(0).toObject() == obj({{"id", "7"},
                                                                   {"userId", "9"},
                                                                   {"joinTimestamp", qint64{1704067200000}},
                                                                   {"member", QJsonValue::Null}}));
    CHECK(
        parsed(
            pipeline::transformEvent(
                "THREAD_MEMBER_UPDATE",
                R"({"id":"7","user_id":"9","join_timestamp":"2024-01-01T00:00:00Z","flags":1,"guild_id":"1"})",
                h.context))
            .value("userId") == QStringLiteral("9"));
    Q_UNUSED(publicThread);
}

TEST_CASE("invites, webhooks, guild and emojis") {
    Harness h;
    const Harness::Reply invite = h.bot("POST", channelPath(kGeneral, "/invites"),
                                        obj({{"max_age", 3600}, {"max_uses", 5}, {"temporary", true}}));
    REQUIRE(invite.status == 200);
    const QString code = invite.object().value("code").toString();
    const QJsonObject created = h.deliver(QStringLiteral("INVITE_CREATE")).toObject();
    CHECK(created.value("code").toString() == code);
    CHECK(created.value("channelId").toString() == sid(kGeneral));
    CHECK(created.value("maxAge").toInt() == 3600);
    CHECK(created.value("maxUses").toInt() == 5);
    CHECK(created.value("temporary") == true);
    CHECK(created.value("uses").toInt() == 0);
    CHECK(created.value("createdAt").toInteger() > 1600000000000);
    CHECK(created.value("inviter").toObject().value("id").toString() == sid(kBot));
    CHECK_FALSE(created.contains("targetUser"));
    const QJsonObject model =
        h.model(Model::Invite,
                h.bot("GET", QStringLiteral("/invites/%1?with_expiration=true").arg(code)).body)
            .toObject();
    CHECK(model.value("code").toString() == code);
    CHECK(model.value("channel").toObject() ==
          obj({{"id", sid(kGeneral)}, {"name", "general"}, {"type", "Text"}}));
    CHECK(model.value("guild").toObject().value("name").toString() == QStringLiteral("Sandbox"));
    CHECK(model.value("guild").toObject().value("features").toArray().isEmpty());
    CHECK(model.value("expiresAt").toInteger() == created.value("createdAt").toInteger() + 3600 * 1000);
    REQUIRE(h.bot("DELETE", QStringLiteral("/invites/") + code).status == 200);
    CHECK(h.deliver(QStringLiteral("INVITE_DELETE")).toObject() ==
          obj({{"channelId", sid(kGeneral)}, {"code", code}}));

    const Harness::Reply hook = h.bot("POST", channelPath(kGeneral, "/webhooks"), obj({{"name", "Hook"}}));
    REQUIRE(hook.status == 200);
    CHECK(h.deliver(QStringLiteral("WEBHOOKS_UPDATE")) == QJsonValue(sid(kGeneral))); // the bare channel id
    const QJsonObject webhook = h.model(Model::Webhook, hook.body).toObject();
    CHECK(webhook.value("kind").toString() == QStringLiteral("Incoming"));
    CHECK(webhook.value("channelId").toString() == sid(kGeneral));
    CHECK(webhook.value("guildId").toString() == sid(kGuild));
    CHECK(webhook.value("token").toString().size() == 68);
    CHECK(webhook.value("user").toObject().value("id").toString() == sid(kBot));
    CHECK(webhook.value("sourceGuild").isNull());
    CHECK(parsed(pipeline::transformModel(Model::Webhook, R"({"id":"1","type":9,"name":"x"})", h.context))
              .value("kind") == QStringLiteral("Unknown"));

    const QJsonObject guild = h.model(Model::Guild, h.bot("GET", guildPath()).body).toObject();
    CHECK(guild.value("id").toString() == sid(kGuild));
    CHECK(guild.value("name").toString() == QStringLiteral("Sandbox"));
    CHECK(guild.value("ownerId").toString() == sid(kAlice));
    CHECK(guild.value("systemChannelId").toString() == sid(kGeneral));
    CHECK(guild.value("premiumTier").toString() == QStringLiteral("None"));
    CHECK(guild.value("verificationLevel").toString() == QStringLiteral("None"));
    CHECK(guild.value("explicitContentFilter").toString() == QStringLiteral("None"));
    CHECK(guild.value("defaultMessageNotifications").toString() == QStringLiteral("All"));
    CHECK(guild.value("mfaLevel").toString() == QStringLiteral("None"));
    CHECK(guild.value("nsfwLevel").toString() == QStringLiteral("Default"));
    CHECK(guild.value("systemChannelFlags").toObject().value("suppressJoinNotifications") == false);
    CHECK(guild.value("preferredLocale").toString() == QStringLiteral("en-US"));
    CHECK(guild.value("afkTimeout").toInt() == 300);
    CHECK_FALSE(guild.contains("roles"));

    const QJsonArray emojis = h.model(Model::Emoji, h.bot("GET", guildPath("/emojis")).body).toArray();
    REQUIRE(emojis.size() == 1);
    CHECK(emojis.at(0).toObject() == obj({{"id", sid(kEmoji)},
                                          {"name", "botwright"},
                                          {"animated", false},
                                          {"available", true},
                                          {"managed", false},
                                          {"requireColons", true},
                                          {"roles", QJsonValue::Null},
                                          {"createdByUserId", sid(kAlice)}}));
}

TEST_CASE("VOICE_STATE_UPDATE carries the previous state from the context") {
    Harness h;
    const QByteArray now =
        R"({"guild_id":"1","channel_id":"5","user_id":"9","session_id":"s","deaf":false,"mute":false,)"
        R"("self_deaf":false,"self_mute":true,"self_video":false,"suppress":false,)"
        R"("request_to_speak_timestamp":null,"member":{"user":{"id":"9","username":"v"},"roles":[],)"
        R"("joined_at":"2024-01-01T00:00:00Z","deaf":false,"mute":false}})";
    const QJsonObject first = h.transformed("VOICE_STATE_UPDATE", now).toObject();
    CHECK(first.value("channelId").toString() == QStringLiteral("5"));
    CHECK(first.value("selfMute") == true);
    CHECK(first.value("selfStream") == false);
    CHECK(first.value("requestToSpeakTimestamp").isNull());
    CHECK(first.value("member").toObject().value("user").toObject().value("username") == QStringLiteral("v"));
    CHECK_FALSE(first.contains("oldState"));
    h.context.previousVoiceState =
        R"({"guild_id":"1","channel_id":"4","user_id":"9","session_id":"s","self_mute":false})";
    const QJsonObject moved = h.transformed("VOICE_STATE_UPDATE", now).toObject();
    const QJsonObject old = moved.value("oldState").toObject();
    CHECK(old.value("channelId").toString() == QStringLiteral("4"));
    CHECK(old.value("selfMute") == false);
    CHECK(old.value("member") == moved.value("member")); // copied from the new state
    h.context.previousVoiceState = "{broken";
    const pipeline::TransformOutput broken = pipeline::transformEvent("VOICE_STATE_UPDATE", now, h.context);
    CHECK_FALSE(broken.ok);
    CHECK(broken.error.contains(QStringLiteral("previousVoiceState")));
}

TEST_CASE("interactions: commands (with groups and autocomplete), components and modals") {
    Harness h;
    const QString commands = QStringLiteral("/applications/%1/guilds/%2/commands").arg(kBot).arg(kGuild);
    const QJsonObject target{{"type", 6}, {"name", "target"}, {"description", "who"}, {"required", true}};
    const QJsonObject reason{{"type", 3}, {"name", "reason"}, {"description", "why"}, {"autocomplete", true}};
    const Harness::Reply command = h.bot(
        "POST", commands,
        obj({{"name", "mod"},
             {"description", "moderation"},
             {"options",
              QJsonArray{obj({{"type", 2},
                              {"name", "user"},
                              {"description", "users"},
                              {"options", QJsonArray{obj({{"type", 1},
                                                          {"name", "warn"},
                                                          {"description", "warn"},
                                                          {"options", QJsonArray{target, reason}}})}}})}}}));
    REQUIRE(command.status == 201);
    const QString commandId = command.object().value("id").toString();
    const auto invoke = [&](int type, const QJsonObject& data, const QString& messageId = {}) {
        QJsonObject body{{"type", type}, {"channel_id", sid(kGeneral)}, {"data", data}};
        if (!messageId.isEmpty())
            body.insert("message_id", messageId);
        const Harness::Reply r = h.as(kCarol, "POST", QStringLiteral("/interactions"), body);
        INFO(r.body.toStdString());
        REQUIRE(r.status == 200);
    };
    const QJsonArray chosen{
        obj({{"type", 2},
             {"name", "user"},
             {"options",
              QJsonArray{obj(
                  {{"type", 1},
                   {"name", "warn"},
                   {"options", QJsonArray{obj({{"type", 6}, {"name", "target"}, {"value", sid(kBob)}}),
                                          obj({{"type", 3}, {"name", "reason"}, {"value", "spam"}})}}})}}})};
    invoke(2, obj({{"id", commandId}, {"options", chosen}}));
    const sandbox::Dispatch* d = h.last(QStringLiteral("INTERACTION_CREATE"));
    REQUIRE(d);
    const pipeline::RouteDecision routed = pipeline::route("INTERACTION_CREATE", payloadOf(*d), kGuild);
    CHECK(routed.sdkEvent == "BOTLOADER_COMMAND_INTERACTION_CREATE");
    const QJsonObject cmd = h.deliver(QStringLiteral("INTERACTION_CREATE")).toObject();
    CHECK(cmd.value("name").toString() == QStringLiteral("warn"));
    CHECK(cmd.value("parentName").toString() == QStringLiteral("user"));
    CHECK(cmd.value("parentParentName").toString() == QStringLiteral("mod"));
    CHECK(cmd.value("kind").toString() == QStringLiteral("Chat"));
    CHECK(cmd.value("isAutocomplete") == false);
    CHECK(cmd.value("targetId").isNull());
    CHECK(cmd.value("channelId").toString() == sid(kGeneral));
    CHECK(cmd.value("token").toString().startsWith(QStringLiteral("interaction.")));
    CHECK(cmd.value("member").toObject().value("user").toObject().value("id").toString() == sid(kCarol));
    CHECK(cmd.value("options").toArray() ==
          QJsonArray{obj({{"name", "target"}, {"value", obj({{"kind", "user"}, {"value", sid(kBob)}})}}),
                     obj({{"name", "reason"}, {"value", obj({{"kind", "string"}, {"value", "spam"}})}})});
    const QJsonObject dataMap = cmd.value("dataMap").toObject();
    CHECK(dataMap.value("users").toObject().value(sid(kBob)).toObject().value("username") ==
          QStringLiteral("bob"));
    CHECK(dataMap.value("members").toObject().value(sid(kBob)).toObject().value("roles").toArray() ==
          QJsonArray{sid(kModRole)});
    CHECK(dataMap.value("roles").toObject().isEmpty());
    CHECK(dataMap.value("attachments").toObject().isEmpty());

    // The bot's answer is a message carrying interaction metadata.
    const QString callback = QStringLiteral("/interactions/%1/%2/callback")
                                 .arg(cmd.value("id").toString(), cmd.value("token").toString());
    REQUIRE(h.bot("POST", callback, obj({{"type", 4}, {"data", obj({{"content", "warned"}})}})).status ==
            204);
    const QJsonObject answer = h.deliver(QStringLiteral("MESSAGE_CREATE")).toObject();
    CHECK(answer.value("kind").toString() == QStringLiteral("ChatInputCommand"));
    const QJsonObject metadata = answer.value("interactionMetadata").toObject();
    CHECK(metadata.value("id") == cmd.value("id"));
    CHECK(metadata.value("kind").toString() == QStringLiteral("ApplicationCommand"));
    CHECK(metadata.value("user").toObject().value("id").toString() == sid(kCarol));
    CHECK(answer.value("webhookId").toString() == sid(kBot));

    // Autocomplete: routed to the command system, the focused option marked.
    QJsonArray focused = chosen;
    QJsonObject group = focused.at(0).toObject();
    QJsonObject sub = group.value("options").toArray().at(0).toObject();
    sub.insert("options",
               QJsonArray{obj({{"type", 3}, {"name", "reason"}, {"value", "sp"}, {"focused", true}})});
    group.insert("options", QJsonArray{sub});
    invoke(4, obj({{"id", commandId}, {"options", QJsonArray{group}}}));
    const QJsonObject auto_ = h.deliver(QStringLiteral("INTERACTION_CREATE")).toObject();
    CHECK(auto_.value("isAutocomplete") == true);
    CHECK(auto_.value("options").toArray().at(0).toObject().value("value").toObject() ==
          obj({{"kind", "focused"}, {"value", "sp"}, {"option_kind", "string"}}));

    // A button on the bot's message.
    const Harness::Reply message =
        h.bot("POST", channelPath(kGeneral, "/messages"),
              obj({{"content", "press"},
                   {"components", QJsonArray{obj({{"type", 1},
                                                  {"components", QJsonArray{obj({{"type", 2},
                                                                                 {"style", 3},
                                                                                 {"custom_id", "0:ok:"},
                                                                                 {"label", "OK"}})}}})}}}));
    REQUIRE(message.status == 200);
    invoke(3, obj({{"custom_id", "0:ok:"}, {"component_type", 2}}), message.object().value("id").toString());
    CHECK(pipeline::route("INTERACTION_CREATE", payloadOf(*h.last(QStringLiteral("INTERACTION_CREATE"))),
                          kGuild)
              .sdkEvent == "BOTLOADER_COMPONENT_INTERACTION_CREATE");
    const QJsonObject button = h.deliver(QStringLiteral("INTERACTION_CREATE")).toObject();
    CHECK(button.value("customId").toString() == QStringLiteral("0:ok:"));
    CHECK(button.value("componentType").toString() == QStringLiteral("Button"));
    CHECK(button.value("values").toArray().isEmpty());
    CHECK(button.value("resolved").isNull());
    CHECK(button.value("locale").toString() == QStringLiteral("en-US"));
    CHECK(button.value("guildLocale").toString() == QStringLiteral("en-US"));
    CHECK(button.value("message").toObject().value("content").toString() == QStringLiteral("press"));
    CHECK(button.value("message").toObject().value("components").toArray().at(0).toObject().value("kind") ==
          QStringLiteral("ActionRow"));

    // A modal submission with a label-wrapped text input and an action row.
    invoke(
        5,
        obj({{"custom_id", "0:form:"},
             {"components",
              QJsonArray{
                  obj({{"type", 18},
                       {"id", 1},
                       {"component", obj({{"type", 4}, {"custom_id", "0:name:"}, {"value", "Ann"}})}}),
                  obj({{"type", 1},
                       {"components",
                        QJsonArray{obj({{"type", 23}, {"custom_id", "0:agree:"}, {"value", true}})}}})}}}));
    CHECK(pipeline::route("INTERACTION_CREATE", payloadOf(*h.last(QStringLiteral("INTERACTION_CREATE"))),
                          kGuild)
              .sdkEvent == "BOTLOADER_MODAL_SUBMIT_INTERACTION_CREATE");
    const QJsonObject modal = h.deliver(QStringLiteral("INTERACTION_CREATE")).toObject();
    CHECK(modal.value("customId").toString() == QStringLiteral("0:form:"));
    CHECK(modal.value("message").isNull());
    const QJsonArray values = modal.value("values").toArray();
    REQUIRE(values.size() == 2);
    CHECK(values.at(0).toObject() ==
          obj({{"kind", "Label"},
               {"id", 1},
               {"component", obj({{"kind", "TextInput"}, {"customId", "0:name:"}, {"value", "Ann"}})}}));
    CHECK(values.at(1).toObject().value("components").toArray().at(0).toObject() ==
          obj({{"kind", "Checkbox"}, {"customId", "0:agree:"}, {"value", true}}));
}
