#pragma once

#include <QString>

#include <cstdint>

// Gateway v10 opcodes, close codes and intents (facts from Discord's documentation).
namespace botwright::protocol {

enum class Opcode : int {
    Dispatch = 0,
    Heartbeat = 1,
    Identify = 2,
    PresenceUpdate = 3,
    VoiceStateUpdate = 4,
    Resume = 6,
    Reconnect = 7,
    RequestGuildMembers = 8,
    InvalidSession = 9,
    Hello = 10,
    HeartbeatAck = 11,
    RequestSoundboardSounds = 31,
    RequestChannelInfo = 43,
};

namespace close_code {
inline constexpr int Normal = 1000;
inline constexpr int GoingAway = 1001;
inline constexpr int UnknownError = 4000;
inline constexpr int UnknownOpcode = 4001;
inline constexpr int DecodeError = 4002;
inline constexpr int NotAuthenticated = 4003;
inline constexpr int AuthenticationFailed = 4004;
inline constexpr int AlreadyAuthenticated = 4005;
inline constexpr int InvalidSeq = 4007;
inline constexpr int RateLimited = 4008;
inline constexpr int SessionTimedOut = 4009;
inline constexpr int InvalidShard = 4010;
inline constexpr int ShardingRequired = 4011;
inline constexpr int InvalidApiVersion = 4012;
inline constexpr int InvalidIntents = 4013;
inline constexpr int DisallowedIntents = 4014;
} // namespace close_code

// The reason text Discord sends with each close code.
QString closeCodeReason(int code);

namespace intent {
inline constexpr std::uint32_t Guilds = 1u << 0;
inline constexpr std::uint32_t GuildMembers = 1u << 1;
inline constexpr std::uint32_t GuildModeration = 1u << 2;
inline constexpr std::uint32_t GuildExpressions = 1u << 3;
inline constexpr std::uint32_t GuildIntegrations = 1u << 4;
inline constexpr std::uint32_t GuildWebhooks = 1u << 5;
inline constexpr std::uint32_t GuildInvites = 1u << 6;
inline constexpr std::uint32_t GuildVoiceStates = 1u << 7;
inline constexpr std::uint32_t GuildPresences = 1u << 8;
inline constexpr std::uint32_t GuildMessages = 1u << 9;
inline constexpr std::uint32_t GuildMessageReactions = 1u << 10;
inline constexpr std::uint32_t GuildMessageTyping = 1u << 11;
inline constexpr std::uint32_t DirectMessages = 1u << 12;
inline constexpr std::uint32_t DirectMessageReactions = 1u << 13;
inline constexpr std::uint32_t DirectMessageTyping = 1u << 14;
inline constexpr std::uint32_t MessageContent = 1u << 15;
inline constexpr std::uint32_t GuildScheduledEvents = 1u << 16;
inline constexpr std::uint32_t AutoModerationConfiguration = 1u << 20;
inline constexpr std::uint32_t AutoModerationExecution = 1u << 21;
inline constexpr std::uint32_t GuildMessagePolls = 1u << 24;
inline constexpr std::uint32_t DirectMessagePolls = 1u << 25;

inline constexpr std::uint32_t Defined =
    Guilds | GuildMembers | GuildModeration | GuildExpressions | GuildIntegrations | GuildWebhooks |
    GuildInvites | GuildVoiceStates | GuildPresences | GuildMessages | GuildMessageReactions |
    GuildMessageTyping | DirectMessages | DirectMessageReactions | DirectMessageTyping | MessageContent |
    GuildScheduledEvents | AutoModerationConfiguration | AutoModerationExecution | GuildMessagePolls |
    DirectMessagePolls;
inline constexpr std::uint32_t Privileged = GuildMembers | GuildPresences | MessageContent;
} // namespace intent

} // namespace botwright::protocol
