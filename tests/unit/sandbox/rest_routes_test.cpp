// The sandbox's channel, thread, invite, guild, member, role, ban, emoji and webhook routes, driven
// through RestApi without sockets.
#include "engine/protocol/permissions.h"
#include "engine/sandbox/fault_settings.h"
#include "engine/sandbox/rest_api.h"
#include "engine/sandbox/sandbox_options.h"
#include "engine/sandbox/world.h"
#include "engine/sandbox/world_file.h"
#include "tests/support/qt_catch.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace botwright;
using namespace botwright::sandbox;
namespace perm = protocol::permission;

namespace {

constexpr Snowflake kGuild = 1113768905932800000ULL, kGeneral = 1113768910127104000ULL,
                    kAnnouncements = 1113768910127104002ULL, kModsOnly = 1113768910127104003ULL,
                    kLounge = 1113768910127104004ULL, kCategory = 1113768910127104005ULL;
constexpr Snowflake kAlice = 948142551859331072ULL, kBob = 1064091569356800000ULL,
                    kCarol = 1079612317696000000ULL;
constexpr Snowflake kBotRole = 1114131302187008000ULL, kModRole = 1114131302187008001ULL;
constexpr Snowflake kEmoji = 1180116084326400001ULL;
constexpr Snowflake kDave = 1200000000000000000ULL; // not in the guild

QString id(Snowflake v) {
    return QString::number(v);
}

struct Reply {
    int status = 0;
    QJsonDocument doc;
    QJsonObject object() const { return doc.object(); }
    QJsonArray array() const { return doc.array(); }
    int code() const { return object().value(QStringLiteral("code")).toInt(-1); }
    QString str(const char* key) const { return object().value(QLatin1String(key)).toString(); }
    // The `errors` tree names the field: errors.<a>.<b>._errors
    bool errorAt(const QString& path) const {
        QJsonObject node = object().value(QStringLiteral("errors")).toObject();
        for (const QString& part : path.split(u'.')) {
            if (!node.contains(part))
                return false;
            node = node.value(part).toObject();
        }
        return node.contains(QStringLiteral("_errors"));
    }
};

struct Harness {
    World world;
    SandboxOptions options;
    FaultSettings faults;
    RestApi api{world, options, faults};
    std::vector<Dispatch> events;

    Harness() {
        populateDefaultWorld(world);
        world.addUser(User{kDave, QStringLiteral("dave"), {}, {}, false, {}});
        world.addListener([this](const Dispatch& d) { events.push_back(d); });
    }

    Reply call(const QByteArray& method, const QString& path, const QString& auth,
               const QJsonValue& body = QJsonValue::Undefined, const QByteArray& reason = {}) {
        RestRequest req;
        if (!auth.isEmpty())
            req.headers.insert("authorization", auth.toUtf8());
        if (!reason.isEmpty())
            req.headers.insert("x-audit-log-reason", reason);
        if (!body.isUndefined()) {
            req.headers.insert("content-type", "application/json");
            req.body = body.isArray() ? QJsonDocument(body.toArray()).toJson()
                                      : QJsonDocument(body.toObject()).toJson();
        }
        const qsizetype q = path.indexOf(u'?');
        if (q >= 0)
            req.query = QUrlQuery(path.mid(q + 1));
        const RestResponse r = api.handle(method, QStringLiteral("/api/v10") + path.left(q), req);
        return Reply{r.status, QJsonDocument::fromJson(r.body)};
    }
    Reply bot(const QByteArray& method, const QString& path, const QJsonValue& body = QJsonValue::Undefined,
              const QByteArray& reason = {}) {
        return call(method, path, QStringLiteral("Bot ") + world.botToken(), body, reason);
    }
    Reply as(Snowflake userId, const QByteArray& method, const QString& path,
             const QJsonValue& body = QJsonValue::Undefined) {
        return call(method, path, world.user(userId)->token, body);
    }
    int count(const QString& type) const {
        return static_cast<int>(std::count_if(events.begin(), events.end(),
                                              [&type](const Dispatch& d) { return d.type == type; }));
    }
    const Dispatch* last(const QString& type) const {
        for (auto it = events.rbegin(); it != events.rend(); ++it)
            if (it->type == type)
                return &*it;
        return nullptr;
    }
    // Gives the bot a role below the moderators so hierarchy checks bite.
    void demoteBot() {
        Guild& g = *world.guild(kGuild);
        g.roles.at(kBotRole).position = 1;
        g.roles.at(kModRole).position = 2;
    }
};

QJsonObject obj(std::initializer_list<QPair<QString, QJsonValue>> items) {
    QJsonObject o;
    for (const auto& [key, value] : items)
        o.insert(key, value);
    return o;
}

} // namespace

TEST_CASE("channels: get, edit, overwrites and delete") {
    Harness h;
    const QString general = QStringLiteral("/channels/") + id(kGeneral);
    CHECK(h.bot("GET", general).str("name") == QStringLiteral("general"));
    CHECK(h.bot("GET", QStringLiteral("/channels/42")).code() == 10003);
    CHECK(h.as(kCarol, "GET", QStringLiteral("/channels/") + id(kModsOnly)).code() == 50001);
    const Reply noAuth = h.call("GET", general, {});
    CHECK(noAuth.status == 401);
    CHECK(noAuth.code() == 0);
    CHECK(h.bot("PUT", general).status == 405);

    const Reply edited = h.bot("PATCH", general, obj({{"name", "Chat Room"}, {"topic", "hello"}}));
    CHECK(edited.status == 200);
    CHECK(edited.str("name") == QStringLiteral("chat-room"));
    REQUIRE(h.last(QStringLiteral("CHANNEL_UPDATE")));
    CHECK(h.last(QStringLiteral("CHANNEL_UPDATE"))->data.value(QStringLiteral("topic")) ==
          QStringLiteral("hello"));
    CHECK(h.as(kCarol, "PATCH", general, obj({{"name", "x"}})).code() == 50013);
    const Reply badName = h.bot("PATCH", general, obj({{"name", ""}}));
    CHECK(badName.status == 400);
    CHECK(badName.code() == 50035);
    CHECK(badName.errorAt(QStringLiteral("name")));
    CHECK(h.bot("PATCH", general, obj({{"rate_limit_per_user", 99999}}))
              .errorAt(QStringLiteral("rate_limit_per_user")));

    // Overwrites need MANAGE_ROLES and may only grant what the actor holds.
    const QString carolOverwrite = general + QStringLiteral("/permissions/") + id(kCarol);
    h.events.clear();
    CHECK(h.bot("PUT", carolOverwrite, obj({{"type", 1}, {"deny", "2048"}})).status == 204);
    CHECK(h.count(QStringLiteral("CHANNEL_UPDATE")) == 1);
    CHECK_FALSE(h.world.channelPermissions(kGeneral, kCarol) & perm::SendMessages);
    CHECK(h.bot("PUT", carolOverwrite, obj({{"deny", "2048"}})).errorAt(QStringLiteral("type")));
    CHECK(h.bot("PUT", general + QStringLiteral("/permissions/42"), obj({{"type", 0}})).code() == 10011);
    CHECK(h.as(kBob, "PUT", carolOverwrite, obj({{"type", 1}})).code() == 50013);
    Guild& g = *h.world.guild(kGuild);
    g.roles.at(kModRole).permissions |= perm::ManageRoles;
    CHECK(
        h.as(kBob, "PUT", carolOverwrite, obj({{"type", 1}, {"allow", QString::number(perm::Administrator)}}))
            .code() == 50013);
    CHECK(h.as(kBob, "PUT", carolOverwrite, obj({{"type", 1}, {"allow", "2048"}})).status == 204);
    CHECK(h.world.channelPermissions(kGeneral, kCarol) & perm::SendMessages);
    h.events.clear();
    CHECK(h.bot("DELETE", carolOverwrite).status == 204);
    CHECK(h.count(QStringLiteral("CHANNEL_UPDATE")) == 1);

    // Deleting answers 200 with the channel; a category's children lose their parent.
    h.events.clear();
    const Reply deleted = h.bot("DELETE", QStringLiteral("/channels/") + id(kCategory));
    CHECK(deleted.status == 200);
    CHECK(deleted.str("id") == id(kCategory));
    CHECK(h.count(QStringLiteral("CHANNEL_DELETE")) == 1);
    CHECK(h.count(QStringLiteral("CHANNEL_UPDATE")) >= 4);
    CHECK(h.world.channel(kGeneral)->parentId == 0);
    CHECK(h.bot("GET", QStringLiteral("/channels/") + id(kCategory)).code() == 10003);
    CHECK(h.as(kCarol, "DELETE", QStringLiteral("/channels/") + id(kLounge)).code() == 50013);
}

TEST_CASE("invites: create, look up, accept and delete") {
    Harness h;
    const QString invites = QStringLiteral("/channels/") + id(kGeneral) + QStringLiteral("/invites");
    const Reply created = h.bot("POST", invites, QJsonObject{});
    REQUIRE(created.status == 200);
    const QString code = created.str("code");
    CHECK(code.size() == 8);
    CHECK(created.object().value(QStringLiteral("max_age")).toInt() == 86400);
    const Dispatch* inviteCreate = h.last(QStringLiteral("INVITE_CREATE"));
    REQUIRE(inviteCreate);
    CHECK(inviteCreate->permission == perm::ManageChannels);
    CHECK(inviteCreate->data.value(QStringLiteral("code")).toString() == code);
    CHECK(h.bot("POST", invites).code() == 50035); // `{}` is required
    CHECK(h.bot("POST", invites, obj({{"max_age", 999999}})).errorAt(QStringLiteral("max_age")));
    CHECK(h.bot("POST", invites, obj({{"unique", true}})).str("code") != code);
    CHECK(h.as(kCarol, "POST", QStringLiteral("/channels/") + id(kModsOnly) + QStringLiteral("/invites"),
               QJsonObject{})
              .code() == 50001);
    CHECK(h.as(kCarol, "GET", invites).code() == 50013);
    CHECK(h.bot("GET", invites).array().size() == 2);
    CHECK(h.bot("GET", QStringLiteral("/guilds/") + id(kGuild) + QStringLiteral("/invites")).array().size() ==
          2);

    const Reply looked =
        h.bot("GET", QStringLiteral("/invites/") + code + QStringLiteral("?with_counts=true"));
    CHECK(looked.object().value(QStringLiteral("approximate_member_count")).toInt() == 4);
    CHECK(looked.object().value(QStringLiteral("guild")).toObject().value(QStringLiteral("id")).toString() ==
          id(kGuild));
    CHECK(h.bot("GET", QStringLiteral("/invites/nope")).code() == 10006);

    // Accepting is for people: the user joins the guild.
    CHECK(h.bot("POST", QStringLiteral("/invites/") + code).code() == 20001);
    h.events.clear();
    CHECK(h.as(kDave, "POST", QStringLiteral("/invites/") + code).str("code") == code);
    CHECK(h.count(QStringLiteral("GUILD_MEMBER_ADD")) == 1);
    CHECK(h.world.member(kGuild, kDave));
    CHECK(h.as(kDave, "POST", QStringLiteral("/invites/") + code).status == 200); // already a member
    CHECK(h.count(QStringLiteral("GUILD_MEMBER_ADD")) == 1);
    h.world.removeMember(kGuild, kDave);
    h.world.banUser(kGuild, kDave, {}, 0);
    const Reply banned = h.as(kDave, "POST", QStringLiteral("/invites/") + code);
    CHECK(banned.status == 403);
    CHECK(banned.code() == 40007);

    CHECK(h.as(kCarol, "DELETE", QStringLiteral("/invites/") + code).code() == 50013);
    h.events.clear();
    const Reply removed = h.bot("DELETE", QStringLiteral("/invites/") + code);
    CHECK(removed.status == 200);
    CHECK(removed.str("code") == code);
    CHECK(h.count(QStringLiteral("INVITE_DELETE")) == 1);
    CHECK(h.bot("GET", QStringLiteral("/invites/") + code).code() == 10006);
}

TEST_CASE("threads: create from messages and channels, members, archive and lock") {
    Harness h;
    const QString general = QStringLiteral("/channels/") + id(kGeneral);
    const QString messageId =
        h.bot("POST", general + QStringLiteral("/messages"), obj({{"content", "start"}})).str("id");
    h.events.clear();
    const Reply fromMessage =
        h.bot("POST", general + QStringLiteral("/messages/") + messageId + QStringLiteral("/threads"),
              obj({{"name", "talk"}}));
    REQUIRE(fromMessage.status == 200);
    CHECK(fromMessage.str("id") == messageId);
    CHECK(fromMessage.object().value(QStringLiteral("type")).toInt() == channel_type::PublicThread);
    CHECK(h.count(QStringLiteral("THREAD_CREATE")) == 1);
    CHECK(h.count(QStringLiteral("MESSAGE_UPDATE")) == 1);
    CHECK(h.bot("POST", general + QStringLiteral("/messages/") + messageId + QStringLiteral("/threads"),
                obj({{"name", "again"}}))
              .code() == 160004);
    CHECK(h.bot("POST", general + QStringLiteral("/messages/42/threads"), obj({{"name", "x"}})).code() ==
          10008);
    CHECK(h.bot("POST", general + QStringLiteral("/threads"), QJsonObject{}).errorAt(QStringLiteral("name")));
    CHECK(h.bot("POST", general + QStringLiteral("/threads"),
                obj({{"name", "x"}, {"auto_archive_duration", 5}}))
              .errorAt(QStringLiteral("auto_archive_duration")));
    const QString news = QStringLiteral("/channels/") + id(kAnnouncements);
    const QString newsMessage =
        h.bot("POST", news + QStringLiteral("/messages"), obj({{"content", "news"}})).str("id");
    CHECK(h.bot("POST", news + QStringLiteral("/messages/") + newsMessage + QStringLiteral("/threads"),
                obj({{"name", "n"}}))
              .object()
              .value(QStringLiteral("type"))
              .toInt() == channel_type::AnnouncementThread);

    // A private thread (the default type) is visible to its members and thread managers only.
    const Reply priv = h.bot("POST", general + QStringLiteral("/threads"), obj({{"name", "secret"}}));
    CHECK(priv.object().value(QStringLiteral("type")).toInt() == channel_type::PrivateThread);
    const QString thread = QStringLiteral("/channels/") + priv.str("id");
    CHECK(h.as(kCarol, "GET", thread).code() == 50001);
    CHECK(h.as(kBob, "GET", thread).status == 200); // MANAGE_THREADS
    h.events.clear();
    CHECK(h.bot("PUT", thread + QStringLiteral("/thread-members/") + id(kCarol)).status == 204);
    CHECK(h.count(QStringLiteral("THREAD_MEMBERS_UPDATE")) == 1);
    CHECK(h.as(kCarol, "GET", thread).object().contains(QStringLiteral("member")));
    CHECK(h.bot("PUT", thread + QStringLiteral("/thread-members/42")).code() == 10013);
    CHECK(h.bot("GET", thread + QStringLiteral("/thread-members")).array().size() == 2);
    const Reply carolMember = h.bot("GET", thread + QStringLiteral("/thread-members/") + id(kCarol) +
                                               QStringLiteral("?with_member=true"));
    CHECK(carolMember.object().value(QStringLiteral("member")).toObject().contains(QStringLiteral("user")));
    CHECK(h.bot("GET", thread + QStringLiteral("/thread-members/") + id(kBob)).code() == 10007);
    CHECK(h.as(kCarol, "DELETE", thread + QStringLiteral("/thread-members/") + id(h.world.botId())).code() ==
          50013);
    CHECK(h.as(kCarol, "DELETE", thread + QStringLiteral("/thread-members/@me")).status == 204);
    CHECK(h.bot("GET", thread + QStringLiteral("/thread-members")).array().size() == 1);

    // The bot joining a thread gets THREAD_CREATE too.
    h.world.channel(priv.str("id").toULongLong())->threadMembers.clear();
    h.events.clear();
    CHECK(h.bot("PUT", thread + QStringLiteral("/thread-members/@me")).status == 204);
    CHECK(h.count(QStringLiteral("THREAD_MEMBERS_UPDATE")) == 1);
    CHECK(h.count(QStringLiteral("THREAD_CREATE")) == 1);

    // Archived threads refuse writes except unarchiving.
    h.events.clear();
    CHECK(h.bot("PATCH", thread, obj({{"archived", true}}))
              .object()
              .value(QStringLiteral("thread_metadata"))
              .toObject()
              .value(QStringLiteral("archived")) == QJsonValue(true));
    CHECK(h.count(QStringLiteral("THREAD_UPDATE")) == 1);
    CHECK(h.bot("PUT", thread + QStringLiteral("/thread-members/") + id(kCarol)).code() == 50083);
    CHECK(h.bot("PATCH", thread, obj({{"name", "renamed"}})).code() == 50083);
    const QJsonArray archivedPrivate = h.bot("GET", general + QStringLiteral("/threads/archived/private"))
                                           .object()
                                           .value(QStringLiteral("threads"))
                                           .toArray();
    CHECK(archivedPrivate.size() == 1);
    CHECK(h.bot("GET", general + QStringLiteral("/threads/archived/public"))
              .object()
              .value(QStringLiteral("threads"))
              .toArray()
              .isEmpty());
    CHECK(h.bot("GET", general + QStringLiteral("/users/@me/threads/archived/private"))
              .object()
              .value(QStringLiteral("threads"))
              .toArray()
              .size() == 1);
    CHECK(h.as(kCarol, "GET", general + QStringLiteral("/threads/archived/private")).code() == 50013);
    CHECK(h.bot("GET", general + QStringLiteral("/threads/archived/public?before=yesterday"))
              .errorAt(QStringLiteral("before")));
    const QString later = QDateTime::currentDateTimeUtc().addSecs(3600).toString(
        QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz000+00:00")); // Discord's timestamp form
    CHECK(h.bot("GET", general + QStringLiteral("/threads/archived/private?before=") + later)
              .object()
              .value(QStringLiteral("threads"))
              .toArray()
              .size() == 1);

    // A locked thread stays archived for those without MANAGE_THREADS.
    const QString pub = QStringLiteral("/channels/") + messageId;
    CHECK(h.bot("PATCH", pub, obj({{"locked", true}})).status == 200);
    CHECK(h.as(kCarol, "PATCH", pub, obj({{"locked", false}})).code() == 50013);
    CHECK(h.bot("PATCH", pub, obj({{"archived", true}})).status == 200);
    CHECK(h.as(kCarol, "PATCH", pub, obj({{"archived", false}})).code() == 160005);
    CHECK(h.as(kCarol, "POST", pub + QStringLiteral("/messages"), obj({{"content", "hi"}})).code() == 160005);
    CHECK(h.bot("PATCH", pub, obj({{"archived", false}})).status == 200);
    const QJsonArray active =
        h.bot("GET", QStringLiteral("/guilds/") + id(kGuild) + QStringLiteral("/threads/active"))
            .object()
            .value(QStringLiteral("threads"))
            .toArray();
    CHECK(active.size() == 2); // the message thread and the announcement thread

    // Forum posts need a starter message, created in the thread.
    const QString forumId =
        h.bot("POST", QStringLiteral("/guilds/") + id(kGuild) + QStringLiteral("/channels"),
              obj({{"name", "Help"}, {"type", channel_type::GuildForum}}))
            .str("id");
    const QString forum = QStringLiteral("/channels/") + forumId + QStringLiteral("/threads");
    CHECK(h.bot("POST", forum, obj({{"name", "q"}})).errorAt(QStringLiteral("message")));
    CHECK(h.bot("POST", forum, obj({{"name", "q"}, {"message", obj({{"content", QString(2001, u'x')}})}}))
              .errorAt(QStringLiteral("message.content")));
    h.events.clear();
    const Reply post =
        h.bot("POST", forum, obj({{"name", "question"}, {"message", obj({{"content", "first"}})}}));
    CHECK(post.object().value(QStringLiteral("type")).toInt() == channel_type::PublicThread);
    CHECK(post.object().value(QStringLiteral("message")).toObject().value(QStringLiteral("content")) ==
          QStringLiteral("first"));
    CHECK(h.count(QStringLiteral("THREAD_CREATE")) == 1);
    CHECK(h.count(QStringLiteral("MESSAGE_CREATE")) == 1);
    CHECK(h.bot("DELETE", QStringLiteral("/channels/") + post.str("id")).status == 200);
    CHECK(h.count(QStringLiteral("THREAD_DELETE")) == 1);
}

TEST_CASE("guilds: settings and channels") {
    Harness h;
    const QString guild = QStringLiteral("/guilds/") + id(kGuild);
    const Reply got = h.bot("GET", guild + QStringLiteral("?with_counts=true"));
    CHECK(got.str("name") == QStringLiteral("Sandbox"));
    CHECK(got.object().value(QStringLiteral("approximate_member_count")).toInt() == 4);
    CHECK(h.bot("GET", QStringLiteral("/guilds/42")).code() == 10004);
    CHECK(h.as(kDave, "GET", guild).code() == 50001);
    CHECK(h.bot("DELETE", guild).status == 405);

    h.events.clear();
    CHECK(h.bot("PATCH", guild, obj({{"name", "Renamed"}})).str("name") == QStringLiteral("Renamed"));
    CHECK(h.count(QStringLiteral("GUILD_UPDATE")) == 1);
    CHECK(h.as(kCarol, "PATCH", guild, obj({{"name", "Mine"}})).code() == 50013);
    CHECK(h.bot("PATCH", guild, obj({{"name", "x"}})).errorAt(QStringLiteral("name")));
    CHECK(h.bot("PATCH", guild, obj({{"system_channel_id", id(kLounge)}}))
              .errorAt(QStringLiteral("system_channel_id")));
    CHECK(h.bot("PATCH", guild, obj({{"owner_id", id(kCarol)}})).code() == 50013); // only the owner transfers

    const QString channels = guild + QStringLiteral("/channels");
    CHECK(h.bot("GET", channels).array().size() == 6);
    h.events.clear();
    const Reply created =
        h.bot("POST", channels, obj({{"name", "New Channel"}, {"parent_id", id(kCategory)}}));
    CHECK(created.status == 200);
    CHECK(created.str("name") == QStringLiteral("new-channel"));
    CHECK(created.object().value(QStringLiteral("parent_id")).toString() == id(kCategory));
    REQUIRE(h.last(QStringLiteral("CHANNEL_CREATE")));
    CHECK(h.last(QStringLiteral("CHANNEL_CREATE"))->data.value(QStringLiteral("id")).toString() ==
          created.str("id"));
    CHECK(h.bot("POST", channels, obj({{"name", "x"}, {"type", 99}})).errorAt(QStringLiteral("type")));
    CHECK(h.bot("POST", channels, QJsonObject{}).errorAt(QStringLiteral("name")));
    CHECK(h.bot("POST", channels, obj({{"name", "x"}, {"parent_id", id(kGeneral)}}))
              .errorAt(QStringLiteral("parent_id")));
    CHECK(h.as(kCarol, "POST", channels, obj({{"name", "x"}})).code() == 50013);

    h.events.clear();
    const QJsonArray moves{obj({{"id", id(kGeneral)}, {"position", 9}}),
                           obj({{"id", id(kLounge)}, {"position", 4}})};
    CHECK(h.bot("PATCH", channels, moves).status == 204);
    CHECK(h.count(QStringLiteral("CHANNEL_UPDATE")) == 1); // the lounge did not move
    CHECK(h.world.channel(kGeneral)->position == 9);
    CHECK(h.bot("PATCH", channels, QJsonArray{obj({{"id", "42"}})}).errorAt(QStringLiteral("0.id")));

    for (int i = 0; i < 500; ++i) {
        Channel c;
        c.id = h.world.nextId();
        c.guildId = kGuild;
        c.name = QStringLiteral("filler");
        h.world.addChannel(c);
    }
    const Reply full = h.bot("POST", channels, obj({{"name", "one-too-many"}}));
    CHECK(full.status == 400);
    CHECK(full.code() == 30013);
}

TEST_CASE("members: list, search, edit, timeouts, roles, kicks and the hierarchy") {
    Harness h;
    const QString members = QStringLiteral("/guilds/") + id(kGuild) + QStringLiteral("/members");
    const QJsonArray page = h.bot("GET", members + QStringLiteral("?limit=2")).array();
    REQUIRE(page.size() == 2);
    CHECK(page[0].toObject().value(QStringLiteral("user")).toObject().value(QStringLiteral("id")) ==
          id(kAlice));
    CHECK(page[1].toObject().value(QStringLiteral("user")).toObject().value(QStringLiteral("id")) ==
          id(kBob));
    CHECK(h.bot("GET", members).array().size() == 1);
    CHECK(h.bot("GET", members + QStringLiteral("?limit=1000&after=") + id(kBob)).array().size() == 2);
    CHECK(h.bot("GET", members + QStringLiteral("?limit=0")).errorAt(QStringLiteral("limit")));
    CHECK(h.bot("GET", members + QStringLiteral("/search?query=CAZ&limit=5")).array().size() == 1);
    CHECK(h.bot("GET", members + QStringLiteral("/search")).errorAt(QStringLiteral("query")));
    CHECK(h.bot("GET", members + QStringLiteral("/") + id(kDave)).code() == 10007);
    CHECK(h.bot("GET", members + QStringLiteral("/") + id(kCarol)).object().value(QStringLiteral("nick")) ==
          QStringLiteral("caz"));
    h.world.application().privilegedIntents = 0;
    CHECK(h.bot("GET", members).code() == 50001); // listing needs GUILD_MEMBERS
    CHECK(h.as(kCarol, "GET", members).status == 200);

    const QString carol = members + QStringLiteral("/") + id(kCarol);
    h.events.clear();
    CHECK(h.bot("PATCH", carol, obj({{"nick", "carolyn"}})).object().value(QStringLiteral("nick")) ==
          QStringLiteral("carolyn"));
    CHECK(h.count(QStringLiteral("GUILD_MEMBER_UPDATE")) == 1);
    CHECK(h.bot("PATCH", members + QStringLiteral("/") + id(kAlice), obj({{"nick", "boss"}})).code() ==
          50013);                                                            // owner
    CHECK(h.as(kBob, "PATCH", carol, obj({{"nick", "x"}})).code() == 50013); // no MANAGE_NICKNAMES
    CHECK(h.as(kCarol, "PATCH", members + QStringLiteral("/@me"), obj({{"nick", "me"}}))
              .object()
              .value(QStringLiteral("nick")) == QStringLiteral("me"));
    CHECK(h.bot("PATCH", carol, obj({{"nick", QString(33, u'n')}})).errorAt(QStringLiteral("nick")));

    const QString until = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODateWithMs);
    const Reply timedOut = h.bot("PATCH", carol, obj({{"communication_disabled_until", until}}));
    CHECK(timedOut.object().value(QStringLiteral("communication_disabled_until")).isString());
    CHECK(h.world.channelPermissions(kGeneral, kCarol) == (perm::ViewChannel | perm::ReadMessageHistory));
    CHECK(h.as(kBob, "PATCH", carol, obj({{"communication_disabled_until", QJsonValue()}})).code() == 50013);
    CHECK(h.bot("PATCH", carol, obj({{"communication_disabled_until", QJsonValue()}})).status == 200);
    CHECK(h.bot("PATCH", carol,
                obj({{"communication_disabled_until",
                      QDateTime::currentDateTimeUtc().addDays(30).toString(Qt::ISODate)}}))
              .errorAt(QStringLiteral("communication_disabled_until")));

    // Roles: assignable only below the actor's highest role, never managed ones.
    const QString carolMod = carol + QStringLiteral("/roles/") + id(kModRole);
    h.events.clear();
    CHECK(h.bot("PUT", carolMod).status == 204);
    CHECK(h.count(QStringLiteral("GUILD_MEMBER_UPDATE")) == 1);
    CHECK(h.bot("PUT", carolMod).status == 204);
    CHECK(h.count(QStringLiteral("GUILD_MEMBER_UPDATE")) == 1); // no change, no event
    CHECK(h.bot("PUT", carol + QStringLiteral("/roles/42")).code() == 10011);
    CHECK(h.bot("PUT", carol + QStringLiteral("/roles/") + id(kBotRole)).code() == 50013); // managed
    CHECK(h.as(kCarol, "DELETE",
               members + QStringLiteral("/") + id(kBob) + QStringLiteral("/roles/") + id(kModRole))
              .code() == 50013);
    CHECK(h.bot("DELETE", carolMod).status == 204);
    CHECK(h.bot("PATCH", carol, obj({{"roles", QJsonArray{id(kModRole)}}}))
              .object()
              .value(QStringLiteral("roles"))
              .toArray()
              .size() == 1);
    CHECK(h.bot("PATCH", carol, obj({{"roles", QJsonArray{"42"}}})).errorAt(QStringLiteral("roles.0")));
    CHECK(h.bot("PATCH", carol, obj({{"roles", QJsonArray{}}})).status == 200);

    h.demoteBot();
    CHECK(h.bot("PUT", carolMod).code() == 50013); // role above the bot
    CHECK(h.bot("PATCH", members + QStringLiteral("/") + id(kBob), obj({{"nick", "b"}})).code() ==
          50013); // target above
    CHECK(h.bot("DELETE", members + QStringLiteral("/") + id(kBob)).code() == 50013);
    CHECK(h.bot("DELETE", members + QStringLiteral("/") + id(kAlice)).code() == 50013); // the owner
    CHECK(h.as(kCarol, "DELETE", members + QStringLiteral("/") + id(kBob)).code() == 50013);
    h.events.clear();
    CHECK(h.as(kBob, "DELETE", carol).status == 204); // KICK_MEMBERS and above carol
    CHECK(h.count(QStringLiteral("GUILD_MEMBER_REMOVE")) == 1);
    CHECK(h.bot("DELETE", carol).code() == 10007);

    // Adding a member with an OAuth2 token: 201 when new, 204 when already there.
    const QString dave = members + QStringLiteral("/") + id(kDave);
    CHECK(h.bot("PUT", dave, QJsonObject{}).errorAt(QStringLiteral("access_token")));
    CHECK(h.as(kAlice, "PUT", dave, obj({{"access_token", "t"}})).code() == 20002);
    h.events.clear();
    const Reply added = h.bot("PUT", dave, obj({{"access_token", "t"}, {"nick", "Dave"}}));
    CHECK(added.status == 201);
    CHECK(added.object().value(QStringLiteral("nick")) == QStringLiteral("Dave"));
    CHECK(h.count(QStringLiteral("GUILD_MEMBER_ADD")) == 1);
    CHECK(h.bot("PUT", dave, obj({{"access_token", "t"}})).status == 204);
}

TEST_CASE("bans: ban with a reason, list, look up and lift") {
    Harness h;
    const QString bans = QStringLiteral("/guilds/") + id(kGuild) + QStringLiteral("/bans");
    const QString carol = bans + QStringLiteral("/") + id(kCarol);
    h.bot("POST", QStringLiteral("/channels/") + id(kGeneral) + QStringLiteral("/messages"),
          obj({{"content", "x"}}));
    h.world.createMessage(kGeneral, kCarol, World::MessageDraft{QStringLiteral("spam")});
    CHECK(h.bot("PUT", carol, obj({{"delete_message_seconds", 700000}}))
              .errorAt(QStringLiteral("delete_message_seconds")));
    CHECK(h.as(kCarol, "PUT", bans + QStringLiteral("/") + id(kBob), QJsonObject{}).code() == 50013);
    CHECK(h.bot("PUT", bans + QStringLiteral("/") + id(kAlice), QJsonObject{}).code() == 50013); // the owner
    CHECK(h.bot("PUT", bans + QStringLiteral("/42"), QJsonObject{}).code() == 10013);
    h.events.clear();
    CHECK(h.bot("PUT", carol, obj({{"delete_message_seconds", 3600}}), "spam%20bot").status == 204);
    CHECK(h.count(QStringLiteral("GUILD_BAN_ADD")) == 1);
    CHECK(h.count(QStringLiteral("GUILD_MEMBER_REMOVE")) == 1);
    CHECK(h.count(QStringLiteral("MESSAGE_DELETE_BULK")) == 1);
    CHECK_FALSE(h.world.member(kGuild, kCarol));
    CHECK(h.bot("GET", carol).object().value(QStringLiteral("reason")) == QStringLiteral("spam bot"));
    CHECK(h.bot("PUT", bans + QStringLiteral("/") + id(kDave)).status == 204); // not a member: still bannable
    CHECK(h.bot("GET", bans).array().size() == 2);
    CHECK(h.bot("GET", bans + QStringLiteral("?limit=1")).array().size() == 1);
    CHECK(h.bot("GET", bans + QStringLiteral("?after=") + id(kCarol)).array().size() == 1);
    CHECK(h.bot("GET", bans + QStringLiteral("?before=") + id(kDave)).array().size() == 1);
    CHECK(h.bot("GET", bans + QStringLiteral("?limit=5000")).errorAt(QStringLiteral("limit")));
    CHECK(h.as(kBob, "GET", bans).code() == 50013);
    CHECK(h.bot("GET", bans + QStringLiteral("/") + id(kBob)).code() == 10026);
    h.events.clear();
    CHECK(h.bot("DELETE", carol).status == 204);
    CHECK(h.count(QStringLiteral("GUILD_BAN_REMOVE")) == 1);
    CHECK(h.bot("DELETE", carol).code() == 10026);
}

TEST_CASE("roles: create, edit, reorder and delete within the hierarchy") {
    Harness h;
    const QString roles = QStringLiteral("/guilds/") + id(kGuild) + QStringLiteral("/roles");
    const QJsonArray listed = h.bot("GET", roles).array();
    REQUIRE(listed.size() == 3);
    CHECK(listed[0].toObject().value(QStringLiteral("id")) == id(kGuild)); // @everyone first
    h.events.clear();
    const Reply created = h.bot("POST", roles, QJsonObject{});
    CHECK(created.str("name") == QStringLiteral("new role"));
    CHECK(created.str("permissions") == QString::number(perm::DefaultEveryone));
    CHECK(created.object().value(QStringLiteral("position")).toInt() == 1);
    CHECK(h.count(QStringLiteral("GUILD_ROLE_CREATE")) == 1);
    CHECK(h.count(QStringLiteral("GUILD_ROLE_UPDATE")) == 2); // the others moved up
    CHECK(h.as(kBob, "POST", roles, QJsonObject{}).code() == 50013);
    CHECK(h.bot("POST", roles, obj({{"name", QString(101, u'r')}})).errorAt(QStringLiteral("name")));
    CHECK(h.bot("GET", roles + QStringLiteral("/") + created.str("id")).status == 405);

    Guild& g = *h.world.guild(kGuild);
    g.roles.at(kModRole).permissions |= perm::ManageRoles;
    CHECK(h.as(kBob, "POST", roles, obj({{"permissions", QString::number(perm::Administrator)}})).code() ==
          50013);
    const QString newRole = roles + QStringLiteral("/") + created.str("id");
    h.events.clear();
    CHECK(h.as(kBob, "PATCH", newRole, obj({{"name", "helpers"}, {"color", 255}})).str("name") ==
          QStringLiteral("helpers"));
    CHECK(h.count(QStringLiteral("GUILD_ROLE_UPDATE")) == 1);
    CHECK(h.as(kBob, "PATCH", roles + QStringLiteral("/") + id(kBotRole), obj({{"name", "x"}})).code() ==
          50013);
    CHECK(h.as(kBob, "PATCH", roles + QStringLiteral("/") + id(kModRole), obj({{"name", "x"}})).code() ==
          50013);
    CHECK(h.bot("PATCH", roles + QStringLiteral("/42"), obj({{"name", "x"}})).code() == 10011);

    h.events.clear();
    const QJsonArray reordered =
        h.bot("PATCH", roles, QJsonArray{obj({{"id", created.str("id")}, {"position", 2}})}).array();
    CHECK(reordered.size() == 4);
    CHECK(g.roles.at(created.str("id").toULongLong()).position == 2);
    CHECK(g.roles.at(kModRole).position == 1);
    CHECK(h.count(QStringLiteral("GUILD_ROLE_UPDATE")) == 2);
    CHECK(h.as(kBob, "PATCH", roles, QJsonArray{obj({{"id", created.str("id")}, {"position", 3}})}).code() ==
          50013);
    CHECK(h.bot("PATCH", roles, QJsonArray{obj({{"id", id(kGuild)}, {"position", 3}})})
              .errorAt(QStringLiteral("0.id")));

    h.world.member(kGuild, kCarol)->roles.push_back(created.str("id").toULongLong());
    h.events.clear();
    CHECK(h.bot("DELETE", newRole).status == 204);
    CHECK(h.count(QStringLiteral("GUILD_ROLE_DELETE")) == 1);
    CHECK(h.world.member(kGuild, kCarol)->roles.empty());
    CHECK(h.bot("DELETE", newRole).code() == 10011);
    CHECK(h.bot("DELETE", roles + QStringLiteral("/") + id(kGuild)).status == 400);
}

TEST_CASE("emojis: create from a data URI, edit and delete") {
    Harness h;
    const QString emojis = QStringLiteral("/guilds/") + id(kGuild) + QStringLiteral("/emojis");
    const QString png = QStringLiteral(
        "data:image/"
        "png;base64,"
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==");
    h.events.clear();
    const Reply created = h.bot("POST", emojis, obj({{"name", "party_parrot"}, {"image", png}}));
    CHECK(created.status == 200);
    CHECK(created.str("name") == QStringLiteral("party_parrot"));
    REQUIRE(h.last(QStringLiteral("GUILD_EMOJIS_UPDATE")));
    CHECK(h.last(QStringLiteral("GUILD_EMOJIS_UPDATE"))
              ->data.value(QStringLiteral("emojis"))
              .toArray()
              .size() == 2);
    CHECK(h.bot("POST", emojis, obj({{"name", "a"}, {"image", png}})).errorAt(QStringLiteral("name")));
    CHECK(h.bot("POST", emojis, obj({{"name", "bad-name"}, {"image", png}})).errorAt(QStringLiteral("name")));
    CHECK(h.bot("POST", emojis, obj({{"name", "ok_name"}})).errorAt(QStringLiteral("image")));
    CHECK(h.bot("POST", emojis, obj({{"name", "ok_name"}, {"image", "not an image"}}))
              .errorAt(QStringLiteral("image")));
    CHECK(h.as(kCarol, "POST", emojis, obj({{"name", "mine"}, {"image", png}})).code() == 50013);

    CHECK(h.as(kCarol, "GET", emojis).array().size() == 2);
    CHECK(h.bot("GET", emojis + QStringLiteral("/") + id(kEmoji)).str("name") == QStringLiteral("botwright"));
    CHECK(h.bot("GET", emojis + QStringLiteral("/42")).code() == 10014);
    const QString emoji = emojis + QStringLiteral("/") + created.str("id");
    h.events.clear();
    CHECK(h.bot("PATCH", emoji, obj({{"name", "parrot"}})).str("name") == QStringLiteral("parrot"));
    CHECK(h.count(QStringLiteral("GUILD_EMOJIS_UPDATE")) == 1);
    CHECK(h.as(kCarol, "DELETE", emoji).code() == 50013);
    CHECK(h.bot("DELETE", emoji).status == 204);
    CHECK(h.count(QStringLiteral("GUILD_EMOJIS_UPDATE")) == 2);
    CHECK(h.bot("DELETE", emoji).code() == 10014);
}

TEST_CASE("webhooks: manage, execute, edit their messages and share paths with interactions") {
    Harness h;
    const QString hooks = QStringLiteral("/channels/") + id(kGeneral) + QStringLiteral("/webhooks");
    h.events.clear();
    const Reply created = h.bot("POST", hooks, obj({{"name", "Hook"}}));
    REQUIRE(created.status == 200);
    const QString hookId = created.str("id"), token = created.str("token");
    CHECK(token.size() == 68);
    CHECK(created.object().value(QStringLiteral("type")).toInt() == 1);
    CHECK(created.object().contains(QStringLiteral("user")));
    const Dispatch* update = h.last(QStringLiteral("WEBHOOKS_UPDATE"));
    REQUIRE(update);
    CHECK(update->data.value(QStringLiteral("channel_id")).toString() == id(kGeneral));
    CHECK(update->data.value(QStringLiteral("guild_id")).toString() == id(kGuild));
    CHECK(h.bot("POST", hooks, obj({{"name", "Discord fan"}})).errorAt(QStringLiteral("name")));
    CHECK(h.bot("POST", hooks, obj({{"name", "my clyde"}})).errorAt(QStringLiteral("name")));
    CHECK(h.bot("POST", hooks, QJsonObject{}).errorAt(QStringLiteral("name")));
    CHECK(h.bot("POST", hooks, obj({{"name", QString(81, u'h')}})).errorAt(QStringLiteral("name")));
    CHECK(h.as(kCarol, "POST", hooks, obj({{"name", "x"}})).code() == 50013);
    CHECK(h.as(kCarol, "POST", QStringLiteral("/channels/") + id(kModsOnly) + QStringLiteral("/webhooks"),
               obj({{"name", "x"}}))
              .code() == 50001);
    CHECK(h.bot("GET", hooks).array().size() == 1);
    CHECK(
        h.bot("GET", QStringLiteral("/guilds/") + id(kGuild) + QStringLiteral("/webhooks")).array().size() ==
        1);
    for (int i = 0; i < 14; ++i)
        h.bot("POST", hooks, obj({{"name", "filler"}}));
    CHECK(h.bot("POST", hooks, obj({{"name", "sixteenth"}})).code() == 30007);

    const QString byId = QStringLiteral("/webhooks/") + hookId;
    const QString byToken = byId + QStringLiteral("/") + token;
    CHECK(h.bot("GET", byId).object().contains(QStringLiteral("user")));
    CHECK(h.as(kCarol, "GET", byId).code() == 50013);
    CHECK(h.call("GET", byId, {}).status == 401);
    const Reply anonymous = h.call("GET", byToken, {});
    CHECK(anonymous.status == 200);
    CHECK_FALSE(anonymous.object().contains(QStringLiteral("user")));
    const Reply wrongToken = h.call("GET", byId + QStringLiteral("/wrong"), {});
    CHECK(wrongToken.status == 401);
    CHECK(wrongToken.code() == 50027);
    CHECK(h.call("GET", QStringLiteral("/webhooks/42/x"), {}).code() == 10015);
    CHECK(h.call("PUT", byToken, {}).status == 405);

    // Execute: 204 without wait, 200 with the message with ?wait=true.
    h.events.clear();
    CHECK(h.call("POST", byToken, {}, obj({{"content", "quiet"}})).status == 204);
    const Reply posted = h.call("POST", byToken + QStringLiteral("?wait=true"), {},
                                obj({{"content", "hi"}, {"username", "Override"}}));
    CHECK(posted.status == 200);
    CHECK(posted.str("webhook_id") == hookId);
    CHECK(posted.object().value(QStringLiteral("author")).toObject().value(QStringLiteral("username")) ==
          QStringLiteral("Override"));
    CHECK(h.count(QStringLiteral("MESSAGE_CREATE")) == 2);
    CHECK(h.call("POST", byToken, {}, obj({{"content", "x"}, {"username", "clyde"}}))
              .errorAt(QStringLiteral("username")));
    CHECK(h.call("POST", byToken, {}, QJsonObject{}).code() == 50006);
    CHECK(h.call("POST", byToken + QStringLiteral("?thread_id=42"), {}, obj({{"content", "x"}})).code() ==
          10003);
    const QString threadId =
        h.bot("POST", QStringLiteral("/channels/") + id(kGeneral) + QStringLiteral("/threads"),
              obj({{"name", "t"}, {"type", 11}}))
            .str("id");
    const Reply inThread = h.call("POST", byToken + QStringLiteral("?wait=true&thread_id=") + threadId, {},
                                  obj({{"content", "threaded"}}));
    CHECK(inThread.str("channel_id") == threadId);

    const QString message = byToken + QStringLiteral("/messages/") + posted.str("id");
    CHECK(h.call("GET", message, {}).str("content") == QStringLiteral("hi"));
    h.events.clear();
    CHECK(h.call("PATCH", message, {}, obj({{"content", "edited"}})).str("content") ==
          QStringLiteral("edited"));
    CHECK(h.count(QStringLiteral("MESSAGE_UPDATE")) == 1);
    const QString botMessage =
        h.bot("POST", QStringLiteral("/channels/") + id(kGeneral) + QStringLiteral("/messages"),
              obj({{"content", "bot"}}))
            .str("id");
    CHECK(h.call("GET", byToken + QStringLiteral("/messages/") + botMessage, {}).code() == 10008);
    CHECK(h.call("DELETE", message, {}).status == 204);
    CHECK(h.count(QStringLiteral("MESSAGE_DELETE")) == 1);
    CHECK(h.call("GET", message, {}).code() == 10008);

    h.events.clear();
    CHECK(h.bot("PATCH", byId, obj({{"name", "Renamed"}})).str("name") == QStringLiteral("Renamed"));
    CHECK(h.call("PATCH", byToken, {}, obj({{"name", "Again"}})).str("name") == QStringLiteral("Again"));
    CHECK(h.count(QStringLiteral("WEBHOOKS_UPDATE")) == 2);
    CHECK(h.call("DELETE", byToken, {}).status == 204);
    CHECK(h.call("DELETE", byToken, {}).code() == 10015);
    CHECK(h.bot("DELETE", byId).code() == 10015);

    // Interaction follow-ups and @original use the same paths.
    Interaction& in = h.world.createInteraction(2, kGeneral, kCarol, obj({{"name", "ping"}, {"type", 1}}));
    const QString interactionToken = in.token;
    CHECK(h.call("POST",
                 QStringLiteral("/interactions/") + id(in.id) + QStringLiteral("/") + interactionToken +
                     QStringLiteral("/callback"),
                 {}, obj({{"type", 4}, {"data", obj({{"content", "pong"}})}}))
              .status == 204);
    const QString appHook =
        QStringLiteral("/webhooks/") + id(h.world.application().id) + QStringLiteral("/") + interactionToken;
    const Reply followup = h.call("POST", appHook, {}, obj({{"content", "follow"}}));
    CHECK(followup.status == 200);
    CHECK(followup.str("content") == QStringLiteral("follow"));
    CHECK(h.call("GET", appHook + QStringLiteral("/messages/@original"), {}).str("content") ==
          QStringLiteral("pong"));
    CHECK(h.call("PATCH", appHook + QStringLiteral("/messages/") + followup.str("id"), {},
                 obj({{"content", "changed"}}))
              .str("content") == QStringLiteral("changed"));
}
