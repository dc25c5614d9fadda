#pragma once

#include "engine/rest/multipart_writer.h"

#include <QColor>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <functional>
#include <map>
#include <optional>

class QNetworkAccessManager;
class QTimer;

namespace botwright::sandbox {
class SandboxHost;
}

namespace botwright::studio {

class AttachmentFetcher;

struct SandboxUser {
    QString id;
    QString username;
    QString globalName;
    QString token;
    bool bot = false;
};

struct SandboxRole {
    QString id;
    QString name;
    int color = 0;
    int position = 0;
    bool hoist = false;
};

struct SandboxMember {
    QString userId;
    QString nick;
    QStringList roles;
    QString voiceChannelId; // connected to (empty: not in voice)
    bool selfMute = false;
    bool selfDeaf = false;
};

struct SandboxChannel {
    QString id;
    QString guildId;
    QString parentId;
    QString name;
    QString topic;
    QStringList recipients;
    int type = 0;
    int position = 0;
};

struct SandboxGuild {
    QString id;
    QString name;
    QHash<QString, SandboxRole> roles;
    QHash<QString, SandboxMember> members;
    QJsonArray emojis;
};

// The studio's side of the local Discord: a model of the world (from SandboxHost snapshots, kept
// current by its world events) and REST calls made as one of the simulated people, exactly as
// Discord's own client would make them. Every call is asynchronous; failures arrive as
// requestFailed() with Discord's error message and JSON code.
class SandboxClient final : public QObject {
    Q_OBJECT
public:
    explicit SandboxClient(QObject* parent = nullptr);
    ~SandboxClient() override;

    // Follows `host`: endpoints once it has started, snapshots, world events.
    void attach(sandbox::SandboxHost* host);
    void requestSnapshot();
    bool isReady() const { return !m_restBase.isEmpty() && m_haveSnapshot; }
    QString restBase() const { return m_restBase; }
    QString gatewayUrl() const { return m_gatewayUrl; }
    QString botToken() const { return m_botToken; }
    QString applicationId() const { return m_applicationId; }
    // Downloads attachments from the sandbox's URLs (thumbnails, Save As…) for the chat's widgets.
    AttachmentFetcher* attachmentFetcher() const { return m_fetcher; }

    // ---- the model ----
    QStringList userIds() const { return m_userOrder; }
    QStringList peopleIds() const; // users who are not bots, in snapshot order
    const SandboxUser* user(const QString& id) const;
    QStringList guildIds() const { return m_guildOrder; }
    const SandboxGuild* guild(const QString& id) const;
    // Channels of a guild ("" → DMs) in display order: by category, then position.
    QList<SandboxChannel> channelsOf(const QString& guildId) const;
    const SandboxChannel* channel(const QString& id) const;
    QString channelLabel(const QString& channelId) const;         // "#general", "@bob"
    QList<QJsonObject> commandsFor(const QString& guildId) const; // global and this guild's
    QString displayName(const QString& userId, const QString& guildId) const;
    QColor roleColor(const QString& guildId, const QString& userId) const; // invalid when uncoloured
    QString roleName(const QString& guildId, const QString& roleId) const;
    // Members connected to a voice channel, by display name.
    QList<SandboxMember> voiceMembers(const QString& channelId) const;
    QString voiceChannelOf(const QString& guildId, const QString& userId) const;

    // Messages of a channel, oldest first, including ephemeral ones for any user.
    QStringList messageIds(const QString& channelId) const;
    const QJsonObject* message(const QString& channelId, const QString& messageId) const;
    // Whether `userId` sees `message` (ephemeral messages belong to one person).
    static bool visibleTo(const QJsonObject& message, const QString& userId);
    // Reaction entries as {emoji, count, me} for the current user.
    QJsonArray reactionsFor(const QJsonObject& message) const;

    QString currentUserId() const { return m_currentUser; }
    void setCurrentUser(const QString& userId);

    // ---- actions as the current user ----
    using Done = std::function<void(const QJsonObject& reply)>;
    // `files` (local paths) go up as Discord's client sends them: multipart, files[n] + payload_json.
    void sendMessage(const QString& channelId, const QString& content, const QString& replyTo = {},
                     const QStringList& files = {});
    void toggleReaction(const QString& channelId, const QString& messageId, const QJsonObject& emoji);
    void fetchMessages(const QString& channelId);
    void fetchMembers(const QString& guildId);
    void fetchCommands(const QString& guildId);
    // Attachment options name `files` by index ("0", "1", …: their value in `options`).
    void runCommand(const QString& channelId, const QJsonObject& command, const QJsonArray& options,
                    const QStringList& files = {});
    void autocomplete(const QString& channelId, const QJsonObject& command, const QJsonArray& options,
                      const Done& done);
    // Joins voice channel `channelId` of `guildId` as the current user (empty: leaves voice), as
    // Discord's client does over its gateway; the sandbox takes it on its own route.
    void setVoiceChannel(const QString& guildId, const QString& channelId);
    void clickButton(const QString& channelId, const QString& messageId, const QString& customId);
    void chooseInSelect(const QString& channelId, const QString& messageId, const QString& customId,
                        int componentType, const QStringList& values);
    void submitModal(const QString& userId, const QString& channelId, const QString& messageId,
                     const QString& customId, const QJsonArray& components);

Q_SIGNALS:
    void connected(const QString& restBase, const QString& gatewayUrl, const QString& botToken);
    void hostFailed(const QString& error);
    void modelReset();
    void channelsChanged();
    void membersChanged(const QString& guildId);
    void commandsChanged();
    void currentUserChanged(const QString& userId);
    void messagesReset(const QString& channelId);
    void messageAdded(const QString& channelId, const QString& messageId);
    void messageChanged(const QString& channelId, const QString& messageId);
    void messageRemoved(const QString& channelId, const QString& messageId);
    void typing(const QString& channelId, const QString& userId);
    void requestFailed(const QString& what, const QString& message, int code);
    void notice(const QString& text);
    void modalRequested(const QJsonObject& event);
    void autocompleteResult(const QString& interactionId, const QJsonArray& choices);
    void interactionFailed(const QString& interactionId, const QString& channelId, const QString& userId);

private:
    void applySnapshot(const QJsonObject& world);
    void applyEvent(const QString& type, const QJsonObject& data);
    void applyMessage(QJsonObject message, bool fromEvent);
    void applyReaction(const QJsonObject& data, bool add);
    void applyChannel(const QJsonObject& data, bool removed);
    void applyMember(const QJsonObject& data, bool removed);
    void applyVoiceState(const QJsonObject& data);
    void rememberUser(const QJsonObject& user);
    void scheduleSnapshot();
    void request(const QByteArray& verb, const QString& path, const QString& authorization,
                 const QJsonValue& body, const QString& what, const Done& done,
                 const QList<rest::RestFile>& files = {});
    void interact(const QString& userId, QJsonObject body, const QString& what, const Done& done = {},
                  const QList<rest::RestFile>& files = {});
    // Reads local files for an upload; nothing (and requestFailed) when one cannot be read.
    std::optional<QList<rest::RestFile>> readFiles(const QStringList& paths, const QString& what);
    const SandboxUser* actor(const QString& userId) const;

    sandbox::SandboxHost* m_host = nullptr;
    QNetworkAccessManager* m_network;
    AttachmentFetcher* m_fetcher;
    QTimer* m_snapshotTimer;
    QString m_restBase;
    QString m_gatewayUrl;
    QString m_botToken;
    QString m_applicationId;
    QString m_currentUser;
    bool m_haveSnapshot = false;
    QHash<QString, SandboxUser> m_users;
    QStringList m_userOrder;
    QHash<QString, SandboxGuild> m_guilds;
    QStringList m_guildOrder;
    QHash<QString, SandboxChannel> m_channels;
    QHash<QString, QJsonObject> m_commands; // id → Discord's command object
    QHash<QString, std::map<quint64, QJsonObject>> m_messages;
};

} // namespace botwright::studio
