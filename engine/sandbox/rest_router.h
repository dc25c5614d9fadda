#pragma once

#include "engine/sandbox/rest_types.h"

#include <QStringList>

#include <vector>

namespace botwright::sandbox {

// Route table: templates such as /channels/{channel_id}/messages/{message_id}. The major parameter
// (channel_id, guild_id, webhook_id) keys rate-limit buckets as Discord does.
class RestRouter final {
public:
    struct Route {
        QByteArray method;
        QString pattern;
        QStringList segments;
        RestHandler handler;
        RestAuth auth = RestAuth::Any;
    };
    struct Match {
        const Route* route = nullptr;
        QHash<QString, QString> params;
        bool pathKnown = false; // some route has this path (for 405 vs 404)
    };

    void add(const char* method, const QString& pattern, RestHandler handler, RestAuth auth = RestAuth::Any);
    Match match(const QByteArray& method, const QString& path) const;
    int size() const { return static_cast<int>(m_routes.size()); }

private:
    std::vector<Route> m_routes;
};

// Route groups, one file each.
void addCoreRoutes(RestRouter& router);        // gateway, users, applications, DMs
void addMessageRoutes(RestRouter& router);     // messages, reactions, pins, typing
void addChannelRoutes(RestRouter& router);     // channels, overwrites, invites, threads
void addGuildRoutes(RestRouter& router);       // guilds, members, roles, bans, emojis
void addWebhookRoutes(RestRouter& router);     // webhooks and their execution
void addInteractionRoutes(RestRouter& router); // application commands, interactions, callbacks

} // namespace botwright::sandbox
