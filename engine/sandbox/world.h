#pragma once

#include "engine/sandbox/attachment_store.h"
#include "engine/sandbox/dispatch.h"
#include "engine/sandbox/simulated_action.h"
#include "engine/sandbox/world_types.h"

#include <QHash>

#include <functional>
#include <optional>
#include <vector>

namespace botwright::sandbox {

// The sandbox's Discord: every entity, the operations Discord offers on them, and the dispatches
// each change produces. Not thread-safe: it lives on the sandbox thread. Operations validate
// their input and throw ApiError with Discord's status and code. Permission checks that depend on
// who asks are done by callers (RestApi) with permissions()/channelPermissions().
class World final {
public:
    using Listener = std::function<void(const Dispatch&)>;

    World();

    // ---- identity ----
    Application& application() { return m_app; }
    const Application& application() const { return m_app; }
    Snowflake botId() const { return m_app.id; }
    const User& botUser() const;
    QString botToken() const;
    protocol::SnowflakeGenerator& ids() { return m_ids; }
    Snowflake nextId() { return m_ids.next(); }

    // Identifies left in the 24 h budget; the gateway installs the source (GET /gateway/bot).
    std::function<int()> identifiesLeftSource;
    int identifiesLeft() const { return identifiesLeftSource ? identifiesLeftSource() : 1000; }

    // ---- listeners: every dispatch the world produces ----
    int addListener(Listener listener);
    void removeListener(int handle);
    void emitDispatch(const Dispatch& dispatch);

    // ---- lookups (nullptr when unknown) ----
    User* user(Snowflake id);
    const User* user(Snowflake id) const;
    User* userByToken(const QString& token);
    Guild* guild(Snowflake id);
    const Guild* guild(Snowflake id) const;
    Channel* channel(Snowflake id);
    const Channel* channel(Snowflake id) const;
    Member* member(Snowflake guildId, Snowflake userId);
    const Member* member(Snowflake guildId, Snowflake userId) const;
    Message* message(Snowflake channelId, Snowflake messageId);
    const Message* message(Snowflake channelId, Snowflake messageId) const;
    Webhook* webhook(Snowflake id);
    Invite* invite(const QString& code);
    Interaction* interaction(Snowflake id);
    Interaction* interactionByToken(const QString& token);
    // Throwing lookups (404 with the matching code).
    User& requireUser(Snowflake id);
    Guild& requireGuild(Snowflake id);
    Channel& requireChannel(Snowflake id);
    Member& requireMember(Snowflake guildId, Snowflake userId);
    Message& requireMessage(Snowflake channelId, Snowflake messageId);
    Role& requireRole(Snowflake guildId, Snowflake roleId);

    const std::map<Snowflake, User>& users() const { return m_users; }
    const std::map<Snowflake, Guild>& guilds() const { return m_guilds; }
    const std::map<Snowflake, Channel>& channels() const { return m_channels; }
    std::map<Snowflake, Channel>& channels() { return m_channels; }
    const std::map<Snowflake, Message>& messagesIn(Snowflake channelId) const;
    std::map<Snowflake, Webhook>& webhooks() { return m_webhooks; }
    const std::map<Snowflake, Webhook>& webhooks() const { return m_webhooks; }
    std::map<QString, Invite>& invites() { return m_invites; }
    const std::map<QString, Invite>& invites() const { return m_invites; }
    std::map<Snowflake, ApplicationCommand>& commands() { return m_commands; }
    const std::map<Snowflake, ApplicationCommand>& commands() const { return m_commands; }
    std::map<Snowflake, Interaction>& interactions() { return m_interactions; }
    // Uploaded attachments' bytes (the sandbox's CDN); messages' files go with them.
    AttachmentStore& files() { return m_files; }
    const AttachmentStore& files() const { return m_files; }
    // Scripted people's steps from the world file (SimulatedUsers runs them).
    std::vector<SimulatedAction>& simulatedActions() { return m_actions; }
    const std::vector<SimulatedAction>& simulatedActions() const { return m_actions; }
    std::map<Snowflake, Interaction>::iterator
    forgetInteraction(std::map<Snowflake, Interaction>::iterator it);
    // Channels of a guild (threads included) ordered by position then id.
    std::vector<const Channel*> guildChannels(Snowflake guildId, bool withThreads) const;
    // Guilds the user is a member of.
    std::vector<Snowflake> guildsOf(Snowflake userId) const;

    // ---- permissions (discord-protocol.md §5) ----
    std::uint64_t basePermissions(Snowflake guildId, Snowflake userId) const;
    std::uint64_t channelPermissions(Snowflake channelId, Snowflake userId) const;
    // Highest role position of a member (the owner ranks above everyone).
    int highestRolePosition(Snowflake guildId, Snowflake userId) const;
    bool canSeeChannel(Snowflake channelId, Snowflake userId) const;

    // ---- building the world (world files, defaults, tests) ----
    void clear();
    User& addUser(User user);
    Guild& addGuild(Guild guild);
    Channel& addChannel(Channel channel);
    Message& insertMessage(Message message); // no event
    // Channels keep at most this many messages; the oldest go first (protects against runaway scripts).
    void setMessageLimit(int perChannel) { m_messageLimit = std::max(1, perChannel); }
    void addWebhook(Webhook webhook) { m_webhooks[webhook.id] = std::move(webhook); }
    void addInvite(Invite invite) { m_invites[invite.code] = std::move(invite); }
    void addCommand(ApplicationCommand command) { m_commands[command.id] = std::move(command); }
    // Makes sure new ids come after every id in the world.
    void advanceIdsPastContent();
    static QString makeUserToken(Snowflake userId, bool bot);

    // ---- operations that emit dispatches ----
    struct MessageDraft {
        QString content;
        bool tts = false;
        int flags = 0;
        QJsonArray embeds;
        QJsonArray components;
        QJsonArray attachments;
        QJsonObject messageReference;
        QJsonObject allowedMentions; // empty = parse everything
        bool hasAllowedMentions = false;
        QString nonce;
        int type = 0;
        Snowflake webhookId = 0;
        QString webhookName;
        Snowflake applicationId = 0;
        QJsonObject interactionMetadata;
        Snowflake ephemeralFor = 0;
        std::vector<StoredFile> files; // the bytes of new `attachments`, stored with the message
    };
    Message& createMessage(Snowflake channelId, Snowflake authorId, MessageDraft draft);
    struct MessageEdit {
        std::optional<QString> content;
        std::optional<QJsonArray> embeds;
        std::optional<QJsonArray> components;
        std::optional<QJsonArray> attachments;
        std::optional<int> flags;
        std::vector<StoredFile> files; // new uploads among `attachments`; dropped ones are deleted
    };
    Message& editMessage(Snowflake channelId, Snowflake messageId, const MessageEdit& edit);
    void deleteMessage(Snowflake channelId, Snowflake messageId);
    void bulkDeleteMessages(Snowflake channelId, const std::vector<Snowflake>& ids);
    void setPinned(Snowflake channelId, Snowflake messageId, bool pinned, Snowflake actorId);
    void addReaction(Snowflake channelId, Snowflake messageId, const Reaction& emoji, Snowflake userId);
    void removeReaction(Snowflake channelId, Snowflake messageId, const Reaction& emoji, Snowflake userId);
    void removeAllReactions(Snowflake channelId, Snowflake messageId, const Reaction* onlyEmoji);
    void startTyping(Snowflake channelId, Snowflake userId);

    void emitChannelUpdate(const Channel& channel);
    void deleteChannel(Snowflake channelId);
    Channel& createThread(Snowflake parentId, Snowflake starterMessageId, Snowflake ownerId,
                          const QString& name, int type, int autoArchiveDuration);
    void addThreadMember(Snowflake threadId, Snowflake userId);
    void removeThreadMember(Snowflake threadId, Snowflake userId);
    // THREAD_MEMBER_UPDATE with the bot's own membership of `thread`, when it has one (Discord tells
    // only the member about its own thread member object).
    void emitBotThreadMemberUpdate(const Channel& thread);
    Channel& openDm(Snowflake userA, Snowflake userB);

    Member& addMember(Snowflake guildId, Snowflake userId, const QString& nick = {},
                      const std::vector<Snowflake>& roles = {});
    void removeMember(Snowflake guildId, Snowflake userId);
    void emitMemberUpdate(Snowflake guildId, const Member& member);
    // Voice (world_voice.cpp): connects `userId` to voice channel `channelId` of the guild, moves it, or
    // (channelId 0) disconnects it; VOICE_STATE_UPDATE when anything changed. Throws ApiError for a
    // channel that is not a voice or stage channel of the guild.
    void setVoiceChannel(Snowflake guildId, Snowflake userId, Snowflake channelId,
                         std::optional<bool> selfMute = {}, std::optional<bool> selfDeaf = {});
    void emitVoiceState(Snowflake guildId, const Member& member);
    void emitRoleEvent(const QString& type, Snowflake guildId, const Role& role);
    void emitGuildUpdate(const Guild& guild);
    void emitEmojisUpdate(const Guild& guild);
    void banUser(Snowflake guildId, Snowflake userId, const QString& reason, int deleteMessageSeconds);
    void unbanUser(Snowflake guildId, Snowflake userId);

    Interaction& createInteraction(int type, Snowflake channelId, Snowflake userId, QJsonObject data,
                                   Snowflake messageId = 0);

    // Fills mentions, mention_roles and mention_everyone from content (respecting allowed mentions).
    void resolveMentions(Message& message, const QJsonObject& allowedMentions, bool hasAllowedMentions) const;

    // ---- added for channel/guild routes ----
    // Validates Discord's channel settings in `body` (type, name, topic, position, nsfw,
    // rate_limit_per_user, bitrate, user_limit, parent_id, permission_overwrites) and returns `channel`
    // with them applied; a channel with id 0 is being created (name required, type from the body).
    Channel withChannelSettings(const Channel& channel, const QJsonObject& body) const;
    Channel& createGuildChannel(Channel channel); // 30013 beyond 500; CHANNEL_CREATE
    // Adds a thread member; the bot joining also gets THREAD_CREATE. False when already a member.
    bool joinThread(Snowflake threadId, Snowflake userId);
    Invite& createInvite(Invite invite);     // random code when empty; INVITE_CREATE
    void deleteInvite(const QString& code);  // 10006; INVITE_DELETE
    Webhook& createWebhook(Webhook webhook); // random token when empty; 30007 beyond 15; WEBHOOKS_UPDATE
    void deleteWebhook(Snowflake webhookId); // 10015; WEBHOOKS_UPDATE
    void emitWebhooksUpdate(Snowflake guildId, Snowflake channelId);
    // A new role goes just above @everyone and the others move up: GUILD_ROLE_CREATE, then
    // GUILD_ROLE_UPDATE per moved role.
    Role& createRole(Snowflake guildId, Role role);       // 30005 beyond 250
    void deleteRole(Snowflake guildId, Snowflake roleId); // GUILD_ROLE_DELETE
    // Hierarchy (discord-protocol.md §5): the owner outranks everyone, else the highest role decides.
    bool outranks(Snowflake guildId, Snowflake actorId, Snowflake targetId) const;
    bool roleBelow(Snowflake guildId, Snowflake actorId, Snowflake roleId) const;
    static QString randomText(int length, bool urlSafe);

private:
    std::map<Snowflake, Message>& messageMap(Snowflake channelId);

    Application m_app;
    protocol::SnowflakeGenerator m_ids;
    std::map<Snowflake, User> m_users;
    QHash<QString, Snowflake> m_userByToken;
    std::map<Snowflake, Guild> m_guilds;
    std::map<Snowflake, Channel> m_channels;
    std::map<Snowflake, std::map<Snowflake, Message>> m_messages;
    std::map<Snowflake, Webhook> m_webhooks;
    std::map<QString, Invite> m_invites;
    std::map<Snowflake, ApplicationCommand> m_commands;
    std::map<Snowflake, Interaction> m_interactions;
    QHash<QString, Snowflake> m_interactionByToken;
    std::vector<SimulatedAction> m_actions;
    AttachmentStore m_files;
    std::vector<std::pair<int, Listener>> m_listeners;
    int m_nextListener = 1;
    int m_messageLimit = 100000;
};

} // namespace botwright::sandbox
