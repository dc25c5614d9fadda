// Which SDK event a gateway dispatch becomes, or why it is dropped; and every dispatch the
// sandbox produces in a busy session either routes and transforms, or is dropped for a reason.
#include "tests/unit/pipeline/pipeline_fixture.h"

#include <map>

using namespace pipeline_test;
using botwright::pipeline::RouteDrop;

namespace {

pipeline::RouteDecision routed(const char* type, const QByteArray& data, quint64 project = kGuild) {
    return pipeline::route(type, data, project);
}

QByteArray inGuild(quint64 guild = kGuild) {
    return QStringLiteral(R"({"id":"1","channel_id":"2","guild_id":"%1","nested":{"guild_id":"99"}})")
        .arg(guild)
        .toUtf8();
}

} // namespace

TEST_CASE("dispatch types map to SDK events (botloader-sdk.md §3.1)") {
    const std::map<std::string, std::string> table{
        {"MESSAGE_CREATE", "MESSAGE_CREATE"},
        {"MESSAGE_UPDATE", "MESSAGE_UPDATE"},
        {"MESSAGE_DELETE", "MESSAGE_DELETE"},
        {"GUILD_MEMBER_ADD", "MEMBER_ADD"},
        {"GUILD_MEMBER_UPDATE", "MEMBER_UPDATE"},
        {"GUILD_MEMBER_REMOVE", "MEMBER_REMOVE"},
        {"VOICE_STATE_UPDATE", "VOICE_STATE_UPDATE"},
        {"MESSAGE_REACTION_ADD", "MESSAGE_REACTION_ADD"},
        {"MESSAGE_REACTION_REMOVE", "MESSAGE_REACTION_REMOVE"},
        {"MESSAGE_REACTION_REMOVE_ALL", "MESSAGE_REACTION_REMOVE_ALL"},
        {"MESSAGE_REACTION_REMOVE_EMOJI", "MESSAGE_REACTION_REMOVE_ALL_EMOJI"},
        {"CHANNEL_CREATE", "CHANNEL_CREATE"},
        {"CHANNEL_UPDATE", "CHANNEL_UPDATE"},
        {"CHANNEL_DELETE", "CHANNEL_DELETE"},
        {"GUILD_ROLE_CREATE", "ROLE_CREATE"},
        {"GUILD_ROLE_UPDATE", "ROLE_UPDATE"},
        {"GUILD_ROLE_DELETE", "ROLE_DELETE"},
        {"THREAD_CREATE", "THREAD_CREATE"},
        {"THREAD_UPDATE", "THREAD_UPDATE"},
        {"THREAD_DELETE", "THREAD_DELETE"},
        {"THREAD_LIST_SYNC", "THREAD_LIST_SYNC"},
        {"THREAD_MEMBER_UPDATE", "THREAD_MEMBER_UPDATE"},
        {"THREAD_MEMBERS_UPDATE", "THREAD_MEMBERS_UPDATE"},
        {"INVITE_CREATE", "INVITE_CREATE"},
        {"INVITE_DELETE", "INVITE_DELETE"},
        {"WEBHOOKS_UPDATE", "WEBHOOKS_UPDATE"},
    };
    for (const auto& [dispatch, sdk] : table) {
        INFO(dispatch);
        const pipeline::RouteDecision d = routed(dispatch.c_str(), inGuild());
        CHECK(d.delivered());
        CHECK(d.drop == RouteDrop::None);
        CHECK(d.reason.isEmpty());
        CHECK(d.guildId == kGuild);
        CHECK(d.sdkEvent == QByteArrayView(sdk.data(), static_cast<qsizetype>(sdk.size())));
        CHECK(pipeline::sdkEventForDispatch(
                  QByteArrayView(dispatch.data(), static_cast<qsizetype>(dispatch.size()))) == d.sdkEvent);
        CHECK(pipeline::isSdkEvent(d.sdkEvent)); // the transformer knows every routed event
    }
    CHECK(pipeline::sdkEventForDispatch("INTERACTION_CREATE").isEmpty()); // decided by the payload
    CHECK(pipeline::sdkEventForDispatch("PRESENCE_UPDATE").isEmpty());
}

TEST_CASE("interactions route by type; pings and unknown types are not delivered") {
    const auto interaction = [](int type) {
        return QStringLiteral(R"({"id":"1","type":%1,"guild_id":"%2","data":{"type":1,"guild_id":"3"}})")
            .arg(type)
            .arg(kGuild)
            .toUtf8();
    };
    CHECK(routed("INTERACTION_CREATE", interaction(2)).sdkEvent == "BOTLOADER_COMMAND_INTERACTION_CREATE");
    CHECK(routed("INTERACTION_CREATE", interaction(4)).sdkEvent == "BOTLOADER_COMMAND_INTERACTION_CREATE");
    CHECK(routed("INTERACTION_CREATE", interaction(3)).sdkEvent == "BOTLOADER_COMPONENT_INTERACTION_CREATE");
    CHECK(routed("INTERACTION_CREATE", interaction(5)).sdkEvent ==
          "BOTLOADER_MODAL_SUBMIT_INTERACTION_CREATE");
    for (const int type : {1, 0, 9}) {
        const pipeline::RouteDecision d = routed("INTERACTION_CREATE", interaction(type));
        CHECK_FALSE(d.delivered());
        CHECK(d.drop == RouteDrop::NotSdkEvent);
        CHECK(d.reason == QStringLiteral("not an SDK event"));
    }
    // type after guild_id, type missing, a DM interaction.
    CHECK(routed("INTERACTION_CREATE", QStringLiteral(R"({"guild_id":"%1","type":3})").arg(kGuild).toUtf8())
              .sdkEvent == "BOTLOADER_COMPONENT_INTERACTION_CREATE");
    CHECK(routed("INTERACTION_CREATE", inGuild()).drop == RouteDrop::NotSdkEvent);
    CHECK(routed("INTERACTION_CREATE", R"({"type":2,"user":{"id":"1"}})").reason == QStringLiteral("DM"));
}

TEST_CASE("DMs, other guilds, non-SDK events and malformed payloads are dropped with a reason") {
    const pipeline::RouteDecision dm =
        routed("MESSAGE_CREATE", R"({"id":"1","channel_id":"2","author":{"id":"3"}})");
    CHECK_FALSE(dm.delivered());
    CHECK(dm.drop == RouteDrop::DirectMessage);
    CHECK(dm.reason == QStringLiteral("DM"));
    CHECK(routed("MESSAGE_CREATE", R"({"id":"1","guild_id":null})").reason == QStringLiteral("DM"));
    // A guild_id that is only nested (message_reference.guild_id) is not the event's guild.
    CHECK(routed("MESSAGE_CREATE", R"({"id":"1","message_reference":{"guild_id":"5"}})").reason ==
          QStringLiteral("DM"));
    CHECK(routed("CHANNEL_CREATE", R"({"id":"1","type":1,"recipients":[]})").reason == QStringLiteral("DM"));

    const pipeline::RouteDecision other = routed("MESSAGE_CREATE", inGuild(42));
    CHECK(other.drop == RouteDrop::OtherGuild);
    CHECK(other.reason == QStringLiteral("other guild"));
    CHECK(other.guildId == 42);
    CHECK(routed("MESSAGE_CREATE", inGuild(42), 0).delivered()); // no project guild yet: every guild
    CHECK(
        routed("MESSAGE_CREATE", R"({"guild_id":1113768905932800000})").delivered()); // a number is tolerated

    for (const char* type :
         {"MESSAGE_DELETE_BULK", "PRESENCE_UPDATE", "TYPING_START", "GUILD_CREATE", "READY", "GUILD_BAN_ADD",
          "CHANNEL_PINS_UPDATE", "GUILD_EMOJIS_UPDATE", "", "message_create"}) {
        INFO(type);
        const pipeline::RouteDecision d = routed(type, inGuild());
        CHECK(d.drop == RouteDrop::NotSdkEvent);
        CHECK(d.reason == QStringLiteral("not an SDK event"));
        CHECK(d.sdkEvent.isEmpty());
    }
    // Not an SDK event is decided before the payload is read: even garbage is "not an SDK event".
    CHECK(routed("PRESENCE_UPDATE", "{garbage").drop == RouteDrop::NotSdkEvent);

    for (const QByteArray& bad :
         {QByteArray("{\"guild_id\":"), QByteArray(""), QByteArray("[1]"), QByteArray("\"x\""),
          QByteArray(R"({"guild_id":"12a"})"), QByteArray(R"({"guild_id":"-1"})"),
          QByteArray(R"({"guild_id":"99999999999999999999"})"), QByteArray(R"({"guild_id":true})")}) {
        INFO(bad.toStdString());
        const pipeline::RouteDecision d = routed("MESSAGE_CREATE", bad);
        CHECK(d.drop == RouteDrop::Malformed);
        CHECK(d.reason.startsWith(QStringLiteral("malformed payload: ")));
    }
}

TEST_CASE("every dispatch of a busy sandbox session routes and transforms, or is dropped for a reason") {
    Harness h;
    // A session's worth of world changes through the REST API and the world.
    sandbox::World::MessageDraft draft;
    draft.content = QStringLiteral("hello");
    const sandbox::Message& m = h.world.createMessage(kGeneral, kAlice, draft);
    h.world.addReaction(kGeneral, m.id, sandbox::Reaction{0, QStringLiteral("🎉"), false, {}}, kBob);
    h.world.removeReaction(kGeneral, m.id, sandbox::Reaction{0, QStringLiteral("🎉"), false, {}}, kBob);
    h.world.setPinned(kGeneral, m.id, true, kAlice);
    h.world.startTyping(kGeneral, kCarol);
    h.bot("POST", QStringLiteral("/guilds/%1/roles").arg(kGuild), obj({{"name", "r"}}));
    h.bot("POST", QStringLiteral("/channels/%1/threads").arg(kGeneral), obj({{"name", "t"}, {"type", 11}}));
    h.bot("POST", QStringLiteral("/channels/%1/invites").arg(kGeneral), QJsonObject{});
    h.bot("POST", QStringLiteral("/channels/%1/webhooks").arg(kGeneral), obj({{"name", "w"}}));
    h.bot("PATCH", QStringLiteral("/guilds/%1/members/%2").arg(kGuild).arg(kCarol), obj({{"nick", "C"}}));
    h.world.bulkDeleteMessages(kGeneral, {m.id});
    h.world.removeMember(kGuild, kBob);
    h.world.openDm(kAlice, kBot);
    sandbox::World::MessageDraft dmDraft;
    dmDraft.content = QStringLiteral("psst");
    h.world.createMessage(h.world.openDm(kAlice, kBot).id, kAlice, dmDraft);

    std::map<QString, int> delivered, dropped;
    for (const sandbox::Dispatch& d : h.events) {
        if (d.internal)
            continue;
        const QByteArray data = payloadOf(d);
        const pipeline::RouteDecision decision = pipeline::route(d.type.toLatin1(), data, kGuild);
        INFO(d.type.toStdString() << " " << data.toStdString());
        if (!decision.delivered()) {
            CHECK_FALSE(decision.reason.isEmpty());
            CHECK(decision.drop != RouteDrop::Malformed);
            ++dropped[d.type + u' ' + decision.reason];
            continue;
        }
        const pipeline::TransformOutput out = pipeline::transformEvent(decision.sdkEvent, data, h.context);
        INFO(out.error.toStdString());
        CHECK(out.ok);
        CHECK_FALSE(QJsonDocument::fromJson("[" + out.json + "]").isNull());
        ++delivered[QString::fromLatin1(decision.sdkEvent)];
    }
    CHECK(delivered[QStringLiteral("MESSAGE_CREATE")] == 2); // the message and the pin notice
    CHECK(delivered[QStringLiteral("MESSAGE_REACTION_ADD")] == 1);
    CHECK(delivered[QStringLiteral("ROLE_CREATE")] == 1);
    CHECK(delivered[QStringLiteral("THREAD_CREATE")] == 1);
    CHECK(delivered[QStringLiteral("INVITE_CREATE")] == 1);
    CHECK(delivered[QStringLiteral("WEBHOOKS_UPDATE")] == 1);
    CHECK(delivered[QStringLiteral("MEMBER_UPDATE")] == 1);
    CHECK(delivered[QStringLiteral("MEMBER_REMOVE")] == 1);
    CHECK(dropped[QStringLiteral("MESSAGE_DELETE_BULK not an SDK event")] == 1);
    CHECK(dropped[QStringLiteral("TYPING_START not an SDK event")] == 1);
    CHECK(dropped[QStringLiteral("MESSAGE_CREATE DM")] == 1);
}
