// pipeline::StateCache: guilds, channels, threads, roles, members and voice states kept current
// from the dispatches, as the handler stage applies them.
#include "engine/pipeline/state_cache.h"

#include <catch2/catch.hpp>

using namespace botwright::pipeline;

TEST_CASE("the state cache follows GUILD_CREATE and the update and delete events", "[pipeline]") {
    StateCache cache;
    CHECK(cache.apply("MESSAGE_CREATE", R"({"id":"1"})").isEmpty());
    CHECK(cache.apply("READY", R"({"user":{"id":"9","username":"botwright"}})")
              .contains(QStringLiteral("botwright")));
    const QString added =
        cache.apply("GUILD_CREATE",
                    R"({"id":"100","name":"Sandbox","channels":[{"id":"200","name":"general","type":0}],
            "threads":[{"id":"201","name":"t","type":11,"parent_id":"200"}],
            "roles":[{"id":"100","name":"@everyone"},{"id":"300","name":"mod"}],
            "members":[{"user":{"id":"9","username":"botwright"},"roles":[]}],
            "voice_states":[{"user_id":"9","channel_id":"250","guild_id":"100"}]})");
    CHECK(added.contains(QStringLiteral("2 channels")));
    CHECK(cache.guildCount() == 1);
    CHECK(cache.channelCount() == 2);
    CHECK(cache.roleCount() == 2);
    CHECK(cache.memberCount() == 1);
    CHECK(cache.guild(100).value(QStringLiteral("channels")).isUndefined());
    CHECK(cache.channel(201).value(QStringLiteral("guild_id")).toString() == QStringLiteral("100"));
    CHECK_FALSE(cache.voiceState(100, 9).isEmpty());

    CHECK(cache.apply("CHANNEL_UPDATE", R"({"id":"200","guild_id":"100","name":"lobby"})")
              .contains(QStringLiteral("updated")));
    CHECK(cache.channel(200).value(QStringLiteral("name")).toString() == QStringLiteral("lobby"));
    CHECK(cache.channel(200).value(QStringLiteral("type")).toInt() == 0); // merged, not replaced
    cache.apply("CHANNEL_CREATE", R"({"id":"202","guild_id":"100","name":"new"})");
    cache.apply("THREAD_DELETE", R"({"id":"201","guild_id":"100","parent_id":"200","type":11})");
    CHECK(cache.channelCount() == 2);
    cache.apply("GUILD_ROLE_UPDATE", R"({"guild_id":"100","role":{"id":"300","name":"moderator"}})");
    CHECK(cache.role(300).value(QStringLiteral("name")).toString() == QStringLiteral("moderator"));
    cache.apply("GUILD_ROLE_DELETE", R"({"guild_id":"100","role_id":"300"})");
    CHECK(cache.roleCount() == 1);
    cache.apply("GUILD_MEMBER_ADD", R"({"guild_id":"100","user":{"id":"10","username":"alice"},"roles":[]})");
    cache.apply("GUILD_MEMBER_UPDATE",
                R"({"guild_id":"100","user":{"id":"10","username":"alice"},"nick":"Al"})");
    CHECK(cache.member(100, 10).value(QStringLiteral("nick")).toString() == QStringLiteral("Al"));
    CHECK(cache.member(100, 10).value(QStringLiteral("roles")).isArray());
    cache.apply("GUILD_MEMBER_REMOVE", R"({"guild_id":"100","user":{"id":"10","username":"alice"}})");
    CHECK(cache.memberCount() == 1);
    cache.apply("VOICE_STATE_UPDATE", R"({"guild_id":"100","user_id":"9","channel_id":null})");
    CHECK(cache.voiceState(100, 9).isEmpty());
    CHECK(cache.apply("GUILD_DELETE", R"({"id":"100"})").contains(QStringLiteral("removed")));
    CHECK(cache.guildCount() == 0);
    CHECK(cache.channelCount() == 0);
    CHECK(cache.memberCount() == 0);
    CHECK(cache.summary().value(QStringLiteral("botUser")).toString() == QStringLiteral("botwright"));
}
