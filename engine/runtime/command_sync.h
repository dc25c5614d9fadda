#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QString>

namespace botwright::rest {
class RestClient;
}

namespace botwright::runtime {

// Registers the scripts' commands with Discord (botloader-sdk.md §4, §9.1): collects the commands and
// groups every script reports in its ScriptMeta, and once the scripts have loaded turns them into
// Discord's application-command JSON and bulk-overwrites the guild's commands
// (PUT /applications/{app}/guilds/{guild}/commands). An unchanged set is not sent again.
class CommandSync final : public QObject {
    Q_OBJECT
public:
    explicit CommandSync(rest::RestClient* rest, QObject* parent = nullptr);

    void setTarget(const QString& applicationId, const QString& guildId);
    // One script's ScriptMeta (commands, commandGroups), as the VM reports it while loading.
    void addMeta(const QJsonObject& meta);
    // The scripts finished loading: registers what they reported since the last call.
    void flush();

    // Discord's JSON for ScriptMeta commands and groups (public for tests).
    static QJsonArray toDiscord(const QJsonArray& commands, const QJsonArray& groups);

Q_SIGNALS:
    // The guild's commands were registered (count), or registering failed.
    void synced(int count);
    void failed(const QString& error);

private:
    rest::RestClient* m_rest;
    QString m_app;
    QString m_guild;
    QJsonArray m_commands;
    QJsonArray m_groups;
    QByteArray m_lastSent;
    bool m_sentOnce = false;
};

} // namespace botwright::runtime
