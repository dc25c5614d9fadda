#pragma once

#include "engine/sandbox/multipart_body.h"
#include "engine/sandbox/sandbox_options.h"
#include "engine/sandbox/world.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QUrlQuery>

#include <functional>
#include <map>

namespace botwright::sandbox {

// One HTTP request as the REST API sees it, independent of the transport.
struct RestRequest {
    QByteArray method; // GET, POST, …
    QString path;      // after /api/v10, e.g. /channels/1/messages
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QByteArray header(const char* name) const { return headers.value(QByteArray(name)); }
};

struct RestResponse {
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static RestResponse json(const QJsonValue& value, int status = 200);
    static RestResponse noContent();
};

// What a route handler gets: the world, the request, the path parameters and who is asking.
class RestContext final {
public:
    RestContext(World& w, const RestRequest& r)
        : world(w)
        , request(r) {}

    World& world;
    const RestRequest& request;
    QHash<QString, QString> params;
    User* actor = nullptr; // nullptr for routes authorised by a token in the path
    bool actorIsBot = false;
    QString publicBaseUrl; // http://127.0.0.1:PORT (attachment and webhook URLs)
    const SandboxOptions* options = nullptr;
    // Files of a multipart request by the n of their `files[n]` part (message_uploads.h).
    std::map<int, MultipartPart> uploads;

    Snowflake actorId() const { return actor ? actor->id : 0; }
    // A path parameter as a snowflake; a malformed id is a 404 like Discord's router gives.
    Snowflake id(const QString& name) const;
    QString param(const QString& name) const { return params.value(name); }

    // Body parsing: wrong content type → 50035, unparsable JSON → 50109.
    QJsonObject bodyObject() const;
    QJsonArray bodyArray() const;
    bool hasBody() const { return !request.body.trimmed().isEmpty(); }

    // Query helpers: out-of-range or malformed values → 400 50035 naming the field.
    int queryInt(const QString& name, int fallback, int min, int max) const;
    std::optional<Snowflake> querySnowflake(const QString& name) const;
    bool queryBool(const QString& name, bool fallback) const;

    // 50001 when the actor cannot see the channel, 50013 when it lacks `bits` there.
    void requireChannelPermission(Snowflake channelId, std::uint64_t bits) const;
    void requireGuildPermission(Snowflake guildId, std::uint64_t bits) const;
    // The guild must contain the actor (bots and users alike), else 50001 / 10004.
    Guild& requireGuildAccess(Snowflake guildId) const;
    Channel& requireChannelAccess(Snowflake channelId) const;

private:
    QJsonDocument parsedBody() const;
};

using RestHandler = std::function<RestResponse(RestContext&)>;

enum class RestAuth {
    Any,     // bot or user token
    BotOnly, // 20002 for user tokens
    None,    // no Authorization (gateway discovery, webhook and interaction token routes)
};

} // namespace botwright::sandbox
