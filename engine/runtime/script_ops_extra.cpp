// Discord ops that need more than one REST call or reshape the result (botloader-sdk.md §8): forum
// threads ({thread, message}), thread listings, guild checks before webhook and invite changes, and
// member permissions computed from roles and overwrites.
#include "engine/protocol/permissions.h"
#include "engine/rest/rest_client.h"
#include "engine/runtime/script_ops.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

namespace botwright::runtime {

namespace {

using pipeline::Model;
using rest::HttpMethod;

QByteArray compactJson(const QJsonValue& value) {
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return "null";
}

// Transforms `value` (Discord JSON) into `model`; false (with `reply` answered) on failure.
bool transformInto(Model model, const QJsonValue& value, quint64 guildId, QByteArray* out,
                   const auto& reply) {
    pipeline::TransformContext ctx;
    ctx.guildId = guildId;
    const pipeline::TransformOutput t = pipeline::transformModel(model, compactJson(value), ctx);
    if (!t.ok) {
        reply(
            OpReply::error(QStringLiteral("Error"), QStringLiteral("unexpected response: %1").arg(t.error)));
        return false;
    }
    *out = t.json;
    return true;
}

QString queryOf(const QJsonObject& query) {
    QUrlQuery q;
    for (auto it = query.begin(); it != query.end(); ++it)
        q.addQueryItem(it.key(), it.value().isDouble() ? QString::number(it.value().toInteger())
                                                       : it.value().toString());
    return query.isEmpty() ? QString() : u'?' + q.toString(QUrl::FullyEncoded);
}

std::uint64_t bits(const QJsonValue& v) {
    return v.toString().toULongLong();
}

} // namespace

void ScriptOps::requireOwnedByGuild(const QString& path, const char* guildKey, const QString& refusal,
                                    Reply reply, std::function<void()> then) {
    rest::RestRequest request;
    request.path = path;
    m_rest->request(request, this, [this, guildKey, refusal, reply, then](const rest::RestResponse& r) {
        if (!r.ok()) {
            reply(OpReply::error(r.errorClass, r.errorMessage));
            return;
        }
        const QJsonObject o = QJsonDocument::fromJson(r.body).object();
        QJsonValue guild = o;
        for (const QString& part : QString::fromLatin1(guildKey).split(u'.'))
            guild = guild.toObject().value(part);
        if (guild.toString() != m_guild)
            reply(OpReply::error(QStringLiteral("Error"), refusal));
        else
            then();
    });
}

bool ScriptOps::extraOp(const QString& op, const QJsonObject& args, const Reply& reply) {
    const auto s = [&](const char* key) { return args.value(QLatin1StringView(key)).toString(); };
    const auto get = [this](const QString& path, std::function<void(const QJsonValue&)> then, Reply answer) {
        rest::RestRequest request;
        request.path = path;
        m_rest->request(request, this, [then, answer](const rest::RestResponse& r) {
            if (!r.ok())
                answer(OpReply::error(r.errorClass, r.errorMessage));
            else
                then(QJsonDocument::fromJson(r.body).isArray()
                         ? QJsonValue(QJsonDocument::fromJson(r.body).array())
                         : QJsonValue(QJsonDocument::fromJson(r.body).object()));
        });
    };
    const quint64 guildId = m_guildId;
    // {threads, members[, has_more]} → {threads: Channel[], members: ThreadMember[], hasMore?}
    const auto threadListing = [guildId, reply](const QJsonValue& v) {
        const QJsonObject o = v.toObject();
        QByteArray threads, members;
        if (!transformInto(Model::Channel, o.value(QStringLiteral("threads")).toArray(), guildId, &threads,
                           reply) ||
            !transformInto(Model::ThreadMember, o.value(QStringLiteral("members")).toArray(), guildId,
                           &members, reply))
            return;
        QByteArray out = "{\"threads\":" + threads + ",\"members\":" + members;
        if (o.contains(QStringLiteral("has_more")))
            out += o.value(QStringLiteral("has_more")).toBool() ? ",\"hasMore\":true" : ",\"hasMore\":false";
        reply(OpReply::value(out + '}'));
    };

    if (op == QLatin1StringView("discord_list_active_threads")) {
        get(QStringLiteral("/guilds/%1/threads/active").arg(m_guild), threadListing, reply);
    } else if (op == QLatin1StringView("discord_list_public_archived_threads") ||
               op == QLatin1StringView("discord_list_private_archived_threads")) {
        const QString which =
            op.contains(QLatin1StringView("public")) ? QStringLiteral("public") : QStringLiteral("private");
        const QString path =
            QStringLiteral("/channels/%1/threads/archived/%2%3")
                .arg(s("channelId"), which, queryOf(args.value(QStringLiteral("query")).toObject()));
        withGuildChannel(s("channelId"), reply,
                         [get, path, threadListing, reply] { get(path, threadListing, reply); });
    } else if (op == QLatin1StringView("discord_start_forum_thread")) {
        const QString path = QStringLiteral("/channels/%1/threads").arg(s("channelId"));
        const QByteArray body = compactJson(args.value(QStringLiteral("body")));
        withGuildChannel(s("channelId"), reply, [this, path, body, guildId, reply] {
            rest::RestRequest request;
            request.method = HttpMethod::Post;
            request.path = path;
            request.jsonBody = body;
            m_rest->request(request, this, [guildId, reply](const rest::RestResponse& r) {
                if (!r.ok()) {
                    reply(OpReply::error(r.errorClass, r.errorMessage));
                    return;
                }
                QJsonObject channel = QJsonDocument::fromJson(r.body).object();
                const QJsonObject message = channel.take(QStringLiteral("message")).toObject();
                QByteArray thread, first;
                if (transformInto(Model::Channel, channel, guildId, &thread, reply) &&
                    transformInto(Model::Message, message, guildId, &first, reply))
                    reply(OpReply::value("{\"thread\":" + thread + ",\"message\":" + first + '}'));
            });
        });
    } else if (op == QLatin1StringView("discord_delete_invite")) {
        const QString code = QString::fromLatin1(QUrl::toPercentEncoding(s("code")));
        requireOwnedByGuild(
            QStringLiteral("/invites/%1").arg(code), "guild.id",
            QStringLiteral("This invite does not belong to your server."), reply, [this, code, reply] {
                restCall(static_cast<int>(HttpMethod::Delete), QStringLiteral("/invites/%1").arg(code), {},
                         Model::Invite, false, reply);
            });
    } else if (op == QLatin1StringView("discord_webhook_get") ||
               op == QLatin1StringView("discord_webhook_edit") ||
               op == QLatin1StringView("discord_webhook_delete")) {
        const QString path = QStringLiteral("/webhooks/%1").arg(s("webhookId"));
        const HttpMethod method = op.endsWith(QLatin1StringView("get"))    ? HttpMethod::Get
                                  : op.endsWith(QLatin1StringView("edit")) ? HttpMethod::Patch
                                                                           : HttpMethod::Delete;
        const QByteArray body = compactJson(args.value(QStringLiteral("body")));
        requireOwnedByGuild(path, "guild_id", QStringLiteral("This webhook does not belong to this server"),
                            reply, [this, path, method, body, reply] {
                                restCall(static_cast<int>(method), path, body, Model::Webhook,
                                         method != HttpMethod::Delete, reply);
                            });
    } else if (op == QLatin1StringView("discord_get_member_permissions")) {
        memberPermissions(args, reply);
    } else {
        return false;
    }
    return true;
}

// [guild permissions, channel permissions or null] as decimal strings (discord-protocol.md §5).
void ScriptOps::memberPermissions(const QJsonObject& args, const Reply& reply) {
    struct State {
        QJsonObject guild;
        QJsonArray memberRoles;
        QJsonObject channel;
        QString userId;
        QString channelId;
        bool haveRoles = false;
    };
    auto st = std::make_shared<State>();
    st->userId = args.value(QStringLiteral("userId")).toString();
    st->channelId = args.value(QStringLiteral("channelId")).toString();
    if (args.value(QStringLiteral("roles")).isArray()) {
        st->memberRoles = args.value(QStringLiteral("roles")).toArray();
        st->haveRoles = true;
    }
    auto finish = [this, st, reply] {
        using namespace protocol::permission;
        std::uint64_t base = 0;
        QHash<QString, std::uint64_t> rolePerms;
        for (const QJsonValue r : st->guild.value(QStringLiteral("roles")).toArray())
            rolePerms.insert(r[QStringLiteral("id")].toString(), bits(r[QStringLiteral("permissions")]));
        const bool owner = st->guild.value(QStringLiteral("owner_id")).toString() == st->userId;
        base = rolePerms.value(m_guild);
        for (const QJsonValue r : st->memberRoles)
            base |= rolePerms.value(r.toString());
        const std::uint64_t all = ~std::uint64_t(0) >> 11; // every defined bit (0–52)
        if (owner || (base & Administrator))
            base = all;
        QByteArray out = "[\"" + QByteArray::number(base) + "\",";
        if (st->channelId.isEmpty()) {
            reply(OpReply::value(out + "null]"));
            return;
        }
        std::uint64_t perms = base;
        if (!(owner || (base & Administrator))) {
            std::uint64_t roleAllow = 0, roleDeny = 0;
            for (const QJsonValue o : st->channel.value(QStringLiteral("permission_overwrites")).toArray()) {
                const QString id = o[QStringLiteral("id")].toString();
                const bool role = o[QStringLiteral("type")].toInt() == 0;
                if (role && id == m_guild)
                    perms = (perms & ~bits(o[QStringLiteral("deny")])) | bits(o[QStringLiteral("allow")]);
                else if (role && st->memberRoles.contains(QJsonValue(id))) {
                    roleAllow |= bits(o[QStringLiteral("allow")]);
                    roleDeny |= bits(o[QStringLiteral("deny")]);
                }
            }
            perms = (perms & ~roleDeny) | roleAllow;
            for (const QJsonValue o : st->channel.value(QStringLiteral("permission_overwrites")).toArray())
                if (o[QStringLiteral("type")].toInt() == 1 &&
                    o[QStringLiteral("id")].toString() == st->userId)
                    perms = (perms & ~bits(o[QStringLiteral("deny")])) | bits(o[QStringLiteral("allow")]);
        }
        reply(OpReply::value(out + '"' + QByteArray::number(perms) + "\"]"));
    };
    auto fetch = [this, reply](const QString& path, std::function<void(const QJsonObject&)> then) {
        rest::RestRequest request;
        request.path = path;
        m_rest->request(request, this, [then, reply](const rest::RestResponse& r) {
            if (!r.ok())
                reply(OpReply::error(r.errorClass, r.errorMessage));
            else
                then(QJsonDocument::fromJson(r.body).object());
        });
    };
    auto withChannel = [this, st, fetch, finish, reply] {
        if (st->channelId.isEmpty()) {
            finish();
            return;
        }
        withGuildChannel(st->channelId, reply, [st, fetch, finish] {
            fetch(
                QStringLiteral("/channels/%1").arg(st->channelId), [st, fetch, finish](const QJsonObject& c) {
                    const int type = c.value(QStringLiteral("type")).toInt();
                    if (type < 10 || type > 12) {
                        st->channel = c;
                        finish();
                        return;
                    }
                    // Threads use their parent's overwrites.
                    fetch(QStringLiteral("/channels/%1").arg(c.value(QStringLiteral("parent_id")).toString()),
                          [st, finish](const QJsonObject& parent) {
                              st->channel = parent;
                              finish();
                          });
                });
        });
    };
    fetch(QStringLiteral("/guilds/%1").arg(m_guild), [this, st, fetch, withChannel](const QJsonObject& g) {
        st->guild = g;
        if (st->haveRoles) {
            withChannel();
            return;
        }
        fetch(QStringLiteral("/guilds/%1/members/%2").arg(m_guild, st->userId),
              [st, withChannel](const QJsonObject& member) {
                  st->memberRoles = member.value(QStringLiteral("roles")).toArray();
                  withChannel();
              });
    });
}

} // namespace botwright::runtime
