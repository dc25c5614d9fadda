#include "engine/gateway/intent_catalog.h"

#include "engine/protocol/gateway_constants.h"

#include <array>
#include <bit>

namespace botwright::gateway {

namespace {

namespace intent = protocol::intent;

constexpr bool privileged(quint32 bit) {
    return (intent::Privileged & bit) != 0;
}

constexpr std::array kIntents{
    IntentInfo{intent::Guilds, "GUILDS", "Guilds, channels, threads and roles", privileged(intent::Guilds)},
    IntentInfo{intent::GuildMembers, "GUILD_MEMBERS", "Members joining, leaving and changing",
               privileged(intent::GuildMembers)},
    IntentInfo{intent::GuildModeration, "GUILD_MODERATION", "Bans and audit log entries",
               privileged(intent::GuildModeration)},
    IntentInfo{intent::GuildExpressions, "GUILD_EXPRESSIONS", "Emojis, stickers and soundboard sounds",
               privileged(intent::GuildExpressions)},
    IntentInfo{intent::GuildIntegrations, "GUILD_INTEGRATIONS", "Integration changes",
               privileged(intent::GuildIntegrations)},
    IntentInfo{intent::GuildWebhooks, "GUILD_WEBHOOKS", "Webhook changes", privileged(intent::GuildWebhooks)},
    IntentInfo{intent::GuildInvites, "GUILD_INVITES", "Invites created and deleted",
               privileged(intent::GuildInvites)},
    IntentInfo{intent::GuildVoiceStates, "GUILD_VOICE_STATES", "Voice channel joins and leaves",
               privileged(intent::GuildVoiceStates)},
    IntentInfo{intent::GuildPresences, "GUILD_PRESENCES", "Member presence and activity",
               privileged(intent::GuildPresences)},
    IntentInfo{intent::GuildMessages, "GUILD_MESSAGES", "Messages in guild channels",
               privileged(intent::GuildMessages)},
    IntentInfo{intent::GuildMessageReactions, "GUILD_MESSAGE_REACTIONS", "Reactions in guild channels",
               privileged(intent::GuildMessageReactions)},
    IntentInfo{intent::GuildMessageTyping, "GUILD_MESSAGE_TYPING", "Typing in guild channels",
               privileged(intent::GuildMessageTyping)},
    IntentInfo{intent::DirectMessages, "DIRECT_MESSAGES", "Direct messages",
               privileged(intent::DirectMessages)},
    IntentInfo{intent::DirectMessageReactions, "DIRECT_MESSAGE_REACTIONS", "Reactions in direct messages",
               privileged(intent::DirectMessageReactions)},
    IntentInfo{intent::DirectMessageTyping, "DIRECT_MESSAGE_TYPING", "Typing in direct messages",
               privileged(intent::DirectMessageTyping)},
    IntentInfo{intent::MessageContent, "MESSAGE_CONTENT", "Content, embeds and attachments of messages",
               privileged(intent::MessageContent)},
    IntentInfo{intent::GuildScheduledEvents, "GUILD_SCHEDULED_EVENTS", "Scheduled events",
               privileged(intent::GuildScheduledEvents)},
    IntentInfo{intent::AutoModerationConfiguration, "AUTO_MODERATION_CONFIGURATION", "AutoMod rule changes",
               privileged(intent::AutoModerationConfiguration)},
    IntentInfo{intent::AutoModerationExecution, "AUTO_MODERATION_EXECUTION", "AutoMod actions taken",
               privileged(intent::AutoModerationExecution)},
    IntentInfo{intent::GuildMessagePolls, "GUILD_MESSAGE_POLLS", "Poll votes in guild channels",
               privileged(intent::GuildMessagePolls)},
    IntentInfo{intent::DirectMessagePolls, "DIRECT_MESSAGE_POLLS", "Poll votes in direct messages",
               privileged(intent::DirectMessagePolls)},
};

constexpr quint32 allBits() {
    quint32 bits = 0;
    for (const IntentInfo& info : kIntents)
        bits |= info.bit;
    return bits;
}
static_assert(allBits() == intent::Defined &&
                  static_cast<std::size_t>(std::popcount(intent::Defined)) == kIntents.size(),
              "the catalog lists every defined intent exactly once");

} // namespace

int IntentInfo::bitIndex() const {
    return std::countr_zero(bit);
}

std::span<const IntentInfo> IntentCatalog::all() {
    return kIntents;
}

const IntentInfo* IntentCatalog::find(quint32 bit) {
    for (const IntentInfo& info : kIntents)
        if (info.bit == bit)
            return &info;
    return nullptr;
}

QStringList IntentCatalog::names(quint32 intents) {
    QStringList out;
    for (const IntentInfo& info : kIntents)
        if ((intents & info.bit) != 0)
            out << QLatin1String(info.name);
    return out;
}

} // namespace botwright::gateway
