// The Discord ops that are one REST call each (botloader-sdk.md §8): the route, which argument fills
// each path parameter, and the model the result becomes. A route naming {c} is checked to be a
// channel of the project's guild first (§8.1).
#include "engine/rest/rest_client.h"
#include "engine/runtime/script_ops.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>

#include <array>

namespace botwright::runtime {

namespace {

using pipeline::Model;
using rest::HttpMethod;

struct TableRoute {
    const char* op;
    HttpMethod method;
    // {g} guild, {app} application; {c} channelId, {m} messageId, {u} userId, {r} roleId, {e} emojiId,
    // {o} overwriteId, {w} webhookId, {t} token, {i} interactionId, {code}, {emoji} (percent-encoded).
    const char* path;
    Model model;
    bool hasResult;
};

constexpr auto G = HttpMethod::Get;
constexpr auto P = HttpMethod::Post;
constexpr auto U = HttpMethod::Put;
constexpr auto A = HttpMethod::Patch;
constexpr auto D = HttpMethod::Delete;

const std::array kRoutes{
    // interactions (§8.11)
    TableRoute{"discord_interaction_callback", P, "/interactions/{i}/{t}/callback", Model::Message, false},
    TableRoute{"discord_interaction_get_original", G, "/webhooks/{app}/{t}/messages/@original",
               Model::Message, true},
    TableRoute{"discord_interaction_edit_original", A, "/webhooks/{app}/{t}/messages/@original",
               Model::Message, true},
    TableRoute{"discord_interaction_delete_original", D, "/webhooks/{app}/{t}/messages/@original",
               Model::Message, false},
    TableRoute{"discord_interaction_followup", P, "/webhooks/{app}/{t}", Model::Message, true},
    TableRoute{"discord_interaction_get_followup", G, "/webhooks/{app}/{t}/messages/{m}", Model::Message,
               true},
    TableRoute{"discord_interaction_edit_followup", A, "/webhooks/{app}/{t}/messages/{m}", Model::Message,
               false},
    TableRoute{"discord_interaction_delete_followup", D, "/webhooks/{app}/{t}/messages/{m}", Model::Message,
               false},
    // reactions (§8.4)
    TableRoute{"discord_delete_user_reaction", D, "/channels/{c}/messages/{m}/reactions/{emoji}/{u}",
               Model::Message, false},
    TableRoute{"discord_get_reactions", G, "/channels/{c}/messages/{m}/reactions/{emoji}", Model::User, true},
    TableRoute{"discord_delete_all_reactions", D, "/channels/{c}/messages/{m}/reactions", Model::Message,
               false},
    TableRoute{"discord_delete_all_emoji_reactions", D, "/channels/{c}/messages/{m}/reactions/{emoji}",
               Model::Message, false},
    // roles (§8.5)
    TableRoute{"discord_create_role", P, "/guilds/{g}/roles", Model::Role, true},
    TableRoute{"discord_edit_role", A, "/guilds/{g}/roles/{r}", Model::Role, true},
    TableRoute{"discord_delete_role", D, "/guilds/{g}/roles/{r}", Model::Role, false},
    // channels (§8.6)
    TableRoute{"discord_create_channel", P, "/guilds/{g}/channels", Model::Channel, true},
    TableRoute{"discord_edit_channel", A, "/channels/{c}", Model::Channel, true},
    TableRoute{"discord_edit_channel_positions", A, "/guilds/{g}/channels", Model::Channel, false},
    TableRoute{"discord_delete_channel", D, "/channels/{c}", Model::Channel, true},
    TableRoute{"discord_edit_channel_permission", U, "/channels/{c}/permissions/{o}", Model::Channel, false},
    TableRoute{"discord_delete_channel_permission", D, "/channels/{c}/permissions/{o}", Model::Channel,
               false},
    // invites (§8.7)
    TableRoute{"discord_get_guild_invites", G, "/guilds/{g}/invites", Model::Invite, true},
    TableRoute{"discord_get_invite", G, "/invites/{code}", Model::Invite, true},
    TableRoute{"discord_get_channel_invites", G, "/channels/{c}/invites", Model::Invite, true},
    TableRoute{"discord_create_channel_invite", P, "/channels/{c}/invites", Model::Invite, true},
    // emoji (§8.8)
    TableRoute{"discord_get_emojis", G, "/guilds/{g}/emojis", Model::Emoji, true},
    TableRoute{"discord_create_emoji", P, "/guilds/{g}/emojis", Model::Emoji, true},
    TableRoute{"discord_edit_emoji", A, "/guilds/{g}/emojis/{e}", Model::Emoji, true},
    TableRoute{"discord_delete_emoji", D, "/guilds/{g}/emojis/{e}", Model::Emoji, false},
    // members and bans (§8.9)
    TableRoute{"discord_edit_member", A, "/guilds/{g}/members/{u}", Model::Member, true},
    TableRoute{"discord_remove_member", D, "/guilds/{g}/members/{u}", Model::Member, false},
    TableRoute{"discord_create_ban", U, "/guilds/{g}/bans/{u}", Model::Ban, false},
    TableRoute{"discord_get_ban", G, "/guilds/{g}/bans/{u}", Model::Ban, true},
    TableRoute{"discord_get_bans", G, "/guilds/{g}/bans", Model::Ban, true},
    TableRoute{"discord_delete_ban", D, "/guilds/{g}/bans/{u}", Model::Ban, false},
    // threads (§8.10)
    TableRoute{"discord_start_thread_from_message", P, "/channels/{c}/messages/{m}/threads", Model::Channel,
               true},
    TableRoute{"discord_start_thread", P, "/channels/{c}/threads", Model::Channel, true},
    TableRoute{"discord_add_thread_member", U, "/channels/{c}/thread-members/{u}", Model::ThreadMember,
               false},
    TableRoute{"discord_remove_thread_member", D, "/channels/{c}/thread-members/{u}", Model::ThreadMember,
               false},
    TableRoute{"discord_list_thread_members", G, "/channels/{c}/thread-members", Model::ThreadMember, true},
    // webhooks (§8.10)
    TableRoute{"discord_webhook_get_guild", G, "/guilds/{g}/webhooks", Model::Webhook, true},
    TableRoute{"discord_webhook_get_channel", G, "/channels/{c}/webhooks", Model::Webhook, true},
    TableRoute{"discord_webhook_create", P, "/channels/{c}/webhooks", Model::Webhook, true},
    TableRoute{"discord_webhook_get_with_token", G, "/webhooks/{w}/{t}", Model::Webhook, true},
    TableRoute{"discord_webhook_edit_with_token", A, "/webhooks/{w}/{t}", Model::Webhook, true},
    TableRoute{"discord_webhook_delete_with_token", D, "/webhooks/{w}/{t}", Model::Webhook, false},
    TableRoute{"discord_webhook_execute", P, "/webhooks/{w}/{t}", Model::Message, true},
    TableRoute{"discord_webhook_message_get", G, "/webhooks/{w}/{t}/messages/{m}", Model::Message, true},
    TableRoute{"discord_webhook_message_edit", A, "/webhooks/{w}/{t}/messages/{m}", Model::Message, true},
    TableRoute{"discord_webhook_message_delete", D, "/webhooks/{w}/{t}/messages/{m}", Model::Message, false},
};

const TableRoute* findRoute(const QString& op) {
    for (const TableRoute& route : kRoutes)
        if (op == QLatin1StringView(route.op))
            return &route;
    return nullptr;
}

QString segment(const QJsonValue& value) {
    const QString text = value.isDouble() ? QString::number(value.toInteger()) : value.toString();
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

QByteArray bodyOf(const QJsonObject& args) {
    const QJsonValue body = args.value(QStringLiteral("body"));
    if (body.isObject())
        return QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    if (body.isArray())
        return QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    return "null";
}

} // namespace

bool ScriptOps::tableOp(const QString& op, const QJsonObject& args, const Reply& reply) {
    const TableRoute* route = findRoute(op);
    if (!route)
        return false;
    static const std::array<std::pair<const char*, const char*>, 10> params{{{"{c}", "channelId"},
                                                                             {"{m}", "messageId"},
                                                                             {"{u}", "userId"},
                                                                             {"{r}", "roleId"},
                                                                             {"{e}", "emojiId"},
                                                                             {"{o}", "overwriteId"},
                                                                             {"{w}", "webhookId"},
                                                                             {"{t}", "token"},
                                                                             {"{i}", "interactionId"},
                                                                             {"{code}", "code"}}};
    QString path = QString::fromLatin1(route->path);
    path.replace(QLatin1StringView("{g}"), m_guild).replace(QLatin1StringView("{app}"), m_app);
    path.replace(QLatin1StringView("{emoji}"), segment(args.value(QStringLiteral("emoji"))));
    for (const auto& [placeholder, key] : params) {
        if (!path.contains(QLatin1StringView(placeholder)))
            continue;
        const QJsonValue value = args.value(QLatin1StringView(key));
        if (value.isUndefined() || value.isNull() || segment(value).isEmpty()) {
            reply(
                OpReply::error(QStringLiteral("Error"), QStringLiteral("%1: `%2` is required").arg(op, key)));
            return true;
        }
        path.replace(QLatin1StringView(placeholder), segment(value));
    }
    const QJsonObject query = args.value(QStringLiteral("query")).toObject();
    if (!query.isEmpty()) {
        QUrlQuery q;
        for (auto it = query.begin(); it != query.end(); ++it) {
            const QJsonValue v = it.value();
            q.addQueryItem(it.key(), v.isBool()
                                         ? (v.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                                     : v.isDouble() ? QString::number(v.toInteger())
                                                    : v.toString());
        }
        path += u'?' + q.toString(QUrl::FullyEncoded);
    }
    const int method = static_cast<int>(route->method);
    const QByteArray body = bodyOf(args);
    const QString audit = args.value(QStringLiteral("auditLogReason")).toString();
    const Model model = route->model;
    const bool hasResult = route->hasResult;
    if (QString::fromLatin1(route->path).contains(QLatin1StringView("{c}"))) {
        withGuildChannel(args.value(QStringLiteral("channelId")).toString(), reply,
                         [this, method, path, body, model, hasResult, reply, audit] {
                             restCall(method, path, body, model, hasResult, reply, audit);
                         });
    } else {
        restCall(method, path, body, model, hasResult, reply, audit);
    }
    return true;
}

} // namespace botwright::runtime
