#include "engine/runtime/script_ops.h"

#include "engine/project/storage_database.h"
#include "engine/rest/rest_client.h"
#include "engine/runtime/http_ops.h"
#include "engine/runtime/op_uploads.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

namespace botwright::runtime {

namespace {

using pipeline::Model;
using rest::HttpMethod;

constexpr auto kStoragePrefix = QLatin1StringView("storage_");

QByteArray compact(const QJsonValue& value) {
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    if (value.isNull() || value.isUndefined())
        return "null";
    // A scalar: wrap and strip the array brackets.
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return text.mid(1, text.size() - 2);
}

OpReply notFound(const QString& message) {
    return OpReply::error(QStringLiteral("DiscordNotFoundError"), message);
}

QString pct(const QString& text) {
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

} // namespace

ScriptOps::ScriptOps(rest::RestClient* rest, project::StorageDatabase* storage, QObject* parent)
    : QObject(parent)
    , m_rest(rest)
    , m_storage(storage) {}

void ScriptOps::setGuildId(quint64 guildId) {
    m_guildId = guildId;
    m_guild = QString::number(guildId);
}

bool ScriptOps::isKnownOp(const QString& op) {
    return op.startsWith(kStoragePrefix) || op.startsWith(QLatin1StringView("discord_")) ||
           HttpOps::isHttpOp(op);
}

void ScriptOps::handle(const QString& op, const QByteArray& argsJson, Reply reply) {
    const QJsonDocument doc = QJsonDocument::fromJson(argsJson);
    if (op.startsWith(kStoragePrefix)) {
        if (!m_storage) {
            reply(OpReply::error(QStringLiteral("Error"),
                                 QStringLiteral("storage is not available in this run")));
            return;
        }
        const QJsonValue args = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
        QString error;
        const QJsonValue result = m_storage->call(op.mid(kStoragePrefix.size()), args, &error);
        if (!error.isEmpty())
            reply(OpReply::error(QStringLiteral("Error"), error));
        else
            reply(OpReply::value(compact(result)));
        return;
    }
    if (op.startsWith(QLatin1StringView("discord_"))) {
        discord(op, doc.object(), std::move(reply));
        return;
    }
    if (HttpOps::isHttpOp(op)) {
        if (!m_http)
            m_http = new HttpOps({}, this);
        m_http->request(doc.object(), std::move(reply));
        return;
    }
    reply(OpReply::error(QStringLiteral("Error"), QStringLiteral("unknown op %1").arg(op)));
}

void ScriptOps::discord(const QString& op, const QJsonObject& args, Reply reply) {
    const auto s = [&](const char* key) { return args.value(QLatin1StringView(key)).toString(); };
    const QString c = s("channelId");
    const QString m = s("messageId");
    const QByteArray body = compact(args.value(QStringLiteral("body")));
    const auto inChannel = [&](int method, const QString& path, const QByteArray& b, Model model,
                               bool hasResult) {
        withGuildChannel(c, reply, [this, method, path, b, model, hasResult, reply] {
            restCall(method, path, b, model, hasResult, reply);
        });
    };
    const auto M = [](HttpMethod method) { return static_cast<int>(method); };

    if (op == QLatin1StringView("discord_get_guild"))
        restCall(M(HttpMethod::Get), QStringLiteral("/guilds/%1").arg(m_guild), {}, Model::Guild, true,
                 reply);
    else if (op == QLatin1StringView("discord_get_message"))
        inChannel(M(HttpMethod::Get), QStringLiteral("/channels/%1/messages/%2").arg(c, m), {},
                  Model::Message, true);
    else if (op == QLatin1StringView("discord_get_messages")) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"),
                           QString::number(args.value(QStringLiteral("limit")).toInt(50)));
        for (const char* key : {"before", "after"})
            if (args.contains(QLatin1StringView(key)))
                query.addQueryItem(QString::fromLatin1(key), s(key));
        inChannel(M(HttpMethod::Get), QStringLiteral("/channels/%1/messages?%2").arg(c, query.toString()), {},
                  Model::Message, true);
    } else if (op == QLatin1StringView("discord_create_message"))
        inChannel(M(HttpMethod::Post), QStringLiteral("/channels/%1/messages").arg(c), body, Model::Message,
                  true);
    else if (op == QLatin1StringView("discord_edit_message"))
        inChannel(M(HttpMethod::Patch), QStringLiteral("/channels/%1/messages/%2").arg(c, m), body,
                  Model::Message, true);
    else if (op == QLatin1StringView("discord_delete_message"))
        inChannel(M(HttpMethod::Delete), QStringLiteral("/channels/%1/messages/%2").arg(c, m), {},
                  Model::Message, false);
    else if (op == QLatin1StringView("discord_crosspost_message"))
        inChannel(M(HttpMethod::Post), QStringLiteral("/channels/%1/messages/%2/crosspost").arg(c, m), {},
                  Model::Message, false);
    else if (op == QLatin1StringView("discord_bulk_delete_messages"))
        inChannel(
            M(HttpMethod::Post), QStringLiteral("/channels/%1/messages/bulk-delete").arg(c),
            compact(QJsonObject{{QStringLiteral("messages"), args.value(QStringLiteral("messageIds"))}}),
            Model::Message, false);
    else if (op == QLatin1StringView("discord_get_pins"))
        inChannel(M(HttpMethod::Get), QStringLiteral("/channels/%1/pins").arg(c), {}, Model::Message, true);
    else if (op == QLatin1StringView("discord_create_pin"))
        inChannel(M(HttpMethod::Put), QStringLiteral("/channels/%1/pins/%2").arg(c, m), {}, Model::Message,
                  false);
    else if (op == QLatin1StringView("discord_delete_pin"))
        inChannel(M(HttpMethod::Delete), QStringLiteral("/channels/%1/pins/%2").arg(c, m), {}, Model::Message,
                  false);
    else if (op == QLatin1StringView("discord_create_reaction"))
        inChannel(M(HttpMethod::Put),
                  QStringLiteral("/channels/%1/messages/%2/reactions/%3/@me").arg(c, m, pct(s("emoji"))), {},
                  Model::Message, false);
    else if (op == QLatin1StringView("discord_delete_own_reaction"))
        inChannel(M(HttpMethod::Delete),
                  QStringLiteral("/channels/%1/messages/%2/reactions/%3/@me").arg(c, m, pct(s("emoji"))), {},
                  Model::Message, false);
    else if (op == QLatin1StringView("discord_create_typing"))
        inChannel(M(HttpMethod::Post), QStringLiteral("/channels/%1/typing").arg(c), {}, Model::Message,
                  false);
    else if (op == QLatin1StringView("discord_get_channel"))
        inChannel(M(HttpMethod::Get), QStringLiteral("/channels/%1").arg(c), {}, Model::Channel, true);
    else if (op == QLatin1StringView("discord_edit_thread"))
        inChannel(M(HttpMethod::Patch), QStringLiteral("/channels/%1").arg(c), body, Model::Channel, true);
    else if (op == QLatin1StringView("discord_get_channels"))
        restCall(M(HttpMethod::Get), QStringLiteral("/guilds/%1/channels").arg(m_guild), {}, Model::Channel,
                 true, reply);
    else if (op == QLatin1StringView("discord_get_roles") || op == QLatin1StringView("discord_get_role")) {
        const QString roleId = s("roleId");
        const bool one = op == QLatin1StringView("discord_get_role");
        restCall(M(HttpMethod::Get), QStringLiteral("/guilds/%1/roles").arg(m_guild), {}, Model::Role, true,
                 [reply, roleId, one](const OpReply& r) {
                     if (!one || !r.ok) {
                         reply(r);
                         return;
                     }
                     for (const QJsonValue& role : QJsonDocument::fromJson(r.valueJson).array())
                         if (role.toObject().value(QStringLiteral("id")).toString() == roleId) {
                             reply(OpReply::value(compact(role)));
                             return;
                         }
                     reply(notFound(QStringLiteral("role `%1` not found").arg(roleId)));
                 });
    } else if (op == QLatin1StringView("discord_get_members"))
        getMembers(args.value(QStringLiteral("userIds")).toArray(), reply);
    else if (op == QLatin1StringView("discord_add_member_role") ||
             op == QLatin1StringView("discord_remove_member_role"))
        restCall(M(op.contains(QLatin1StringView("add")) ? HttpMethod::Put : HttpMethod::Delete),
                 QStringLiteral("/guilds/%1/members/%2/roles/%3").arg(m_guild, s("userId"), s("roleId")), {},
                 Model::Member, false, reply);
    else if (!tableOp(op, args, reply) && !extraOp(op, args, reply))
        reply(OpReply::error(QStringLiteral("Error"),
                             QStringLiteral("%1 is not supported by this studio yet").arg(op)));
}

void ScriptOps::withGuildChannel(const QString& channelId, Reply reply, std::function<void()> then) {
    if (const auto known = m_channelInGuild.constFind(channelId); known != m_channelInGuild.constEnd()) {
        if (known.value())
            then();
        else
            reply(notFound(QStringLiteral("channel `%1 not found`").arg(channelId)));
        return;
    }
    rest::RestRequest request;
    request.method = HttpMethod::Get;
    request.path = QStringLiteral("/channels/%1").arg(channelId);
    m_rest->request(request, this, [this, channelId, reply, then](const rest::RestResponse& response) {
        const bool inGuild =
            response.ok() &&
            QJsonDocument::fromJson(response.body).object().value(QStringLiteral("guild_id")).toString() ==
                m_guild;
        if (response.ok() || response.status == 404)
            m_channelInGuild.insert(channelId, inGuild);
        if (inGuild)
            then();
        else if (response.ok() || response.status == 404)
            reply(notFound(QStringLiteral("channel `%1 not found`").arg(channelId)));
        else
            reply(OpReply::error(response.errorClass, response.errorMessage));
    });
}

void ScriptOps::restCall(int method, const QString& path, const QByteArray& body, pipeline::Model model,
                         bool hasResult, Reply reply, const QString& auditReason) {
    rest::RestRequest request;
    request.method = static_cast<HttpMethod>(method);
    request.path = path;
    request.auditLogReason = auditReason;
    if (body != "null")
        request.jsonBody = body;
    if (body.contains("\"dataB64\"")) { // attachments: a multipart upload
        OpUploads uploads = splitUploads(body);
        if (!uploads.error.isEmpty()) {
            reply(OpReply::error(QStringLiteral("Error"), uploads.error));
            return;
        }
        request.jsonBody = std::move(uploads.jsonBody);
        request.files = std::move(uploads.files);
    }
    const quint64 guildId = m_guildId;
    m_rest->request(request, this, [reply, model, hasResult, guildId](const rest::RestResponse& response) {
        if (!response.ok()) {
            reply(OpReply::error(response.errorClass, response.errorMessage));
            return;
        }
        if (!hasResult || response.body.isEmpty()) {
            reply(OpReply::value("null"));
            return;
        }
        pipeline::TransformContext ctx;
        ctx.guildId = guildId;
        const pipeline::TransformOutput out = pipeline::transformModel(model, response.body, ctx);
        if (!out.ok)
            reply(OpReply::error(QStringLiteral("Error"),
                                 QStringLiteral("unexpected response: %1").arg(out.error)));
        else
            reply(OpReply::value(out.json));
    });
}

void ScriptOps::getMembers(const QJsonArray& ids, Reply reply) {
    if (ids.size() > 100) {
        reply(OpReply::error(QStringLiteral("Error"), QStringLiteral("too many user ids provided, max 100")));
        return;
    }
    struct Gather {
        std::vector<QByteArray> results;
        qsizetype left = 0;
        Reply reply;
    };
    auto gather = std::make_shared<Gather>();
    gather->results.assign(static_cast<std::size_t>(ids.size()), QByteArray("null"));
    gather->left = ids.size();
    gather->reply = std::move(reply);
    const auto finishOne = [gather] {
        if (--gather->left > 0)
            return;
        QByteArray out = "[";
        for (std::size_t i = 0; i < gather->results.size(); ++i)
            out += (i ? "," : "") + gather->results[i];
        gather->reply(OpReply::value(out + ']'));
    };
    if (ids.isEmpty()) {
        gather->reply(OpReply::value("[]"));
        return;
    }
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (!ids.at(i).isString()) {
            finishOne();
            continue;
        }
        restCall(static_cast<int>(HttpMethod::Get),
                 QStringLiteral("/guilds/%1/members/%2").arg(m_guild, ids.at(i).toString()), {},
                 Model::Member, true, [gather, i, finishOne](const OpReply& r) {
                     if (r.ok)
                         gather->results[static_cast<std::size_t>(i)] = r.valueJson;
                     finishOne();
                 });
    }
}

} // namespace botwright::runtime
