#pragma once
// Request bodies a simulated person sends to the sandbox, shared by the integration tests.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace sandbox_requests {

// POST /interactions body for a slash command with one integer option (what Discord's client sends).
inline QJsonObject slashCommand(const QString& channelId, const QString& guildId, const QString& commandId,
                                const QString& name, const QString& option, int value) {
    return QJsonObject{
        {QStringLiteral("type"), 2},
        {QStringLiteral("channel_id"), channelId},
        {QStringLiteral("guild_id"), guildId},
        {QStringLiteral("data"), QJsonObject{{QStringLiteral("id"), commandId},
                                             {QStringLiteral("name"), name},
                                             {QStringLiteral("type"), 1},
                                             {QStringLiteral("options"),
                                              QJsonArray{QJsonObject{{QStringLiteral("name"), option},
                                                                     {QStringLiteral("type"), 4},
                                                                     {QStringLiteral("value"), value}}}}}}};
}

// POST /interactions body for pressing a button on a message.
inline QJsonObject buttonPress(const QString& channelId, const QString& guildId, const QString& messageId,
                               const QString& customId) {
    return QJsonObject{{QStringLiteral("type"), 3},
                       {QStringLiteral("channel_id"), channelId},
                       {QStringLiteral("guild_id"), guildId},
                       {QStringLiteral("message_id"), messageId},
                       {QStringLiteral("data"), QJsonObject{{QStringLiteral("component_type"), 2},
                                                            {QStringLiteral("custom_id"), customId}}}};
}

} // namespace sandbox_requests
