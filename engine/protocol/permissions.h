#pragma once

#include <cstdint>

// Discord permission bits (a 64-bit field serialised as a decimal string).
namespace botwright::protocol::permission {

inline constexpr std::uint64_t bit(int n) {
    return std::uint64_t{1} << n;
}

inline constexpr std::uint64_t CreateInstantInvite = bit(0);
inline constexpr std::uint64_t KickMembers = bit(1);
inline constexpr std::uint64_t BanMembers = bit(2);
inline constexpr std::uint64_t Administrator = bit(3);
inline constexpr std::uint64_t ManageChannels = bit(4);
inline constexpr std::uint64_t ManageGuild = bit(5);
inline constexpr std::uint64_t AddReactions = bit(6);
inline constexpr std::uint64_t ViewAuditLog = bit(7);
inline constexpr std::uint64_t ViewChannel = bit(10);
inline constexpr std::uint64_t SendMessages = bit(11);
inline constexpr std::uint64_t SendTtsMessages = bit(12);
inline constexpr std::uint64_t ManageMessages = bit(13);
inline constexpr std::uint64_t EmbedLinks = bit(14);
inline constexpr std::uint64_t AttachFiles = bit(15);
inline constexpr std::uint64_t ReadMessageHistory = bit(16);
inline constexpr std::uint64_t MentionEveryone = bit(17);
inline constexpr std::uint64_t Connect = bit(20);
inline constexpr std::uint64_t ChangeNickname = bit(26);
inline constexpr std::uint64_t ManageNicknames = bit(27);
inline constexpr std::uint64_t ManageRoles = bit(28);
inline constexpr std::uint64_t ManageWebhooks = bit(29);
inline constexpr std::uint64_t ManageGuildExpressions = bit(30);
inline constexpr std::uint64_t UseApplicationCommands = bit(31);
inline constexpr std::uint64_t ManageThreads = bit(34);
inline constexpr std::uint64_t CreatePublicThreads = bit(35);
inline constexpr std::uint64_t CreatePrivateThreads = bit(36);
inline constexpr std::uint64_t SendMessagesInThreads = bit(38);
inline constexpr std::uint64_t ModerateMembers = bit(40);
inline constexpr std::uint64_t PinMessages = bit(51);

// Every defined bit: 0–52 except 47.
inline constexpr std::uint64_t All = (bit(53) - 1) & ~bit(47);
// The sandbox's default @everyone set (the same bits Discord gives a new guild's @everyone).
inline constexpr std::uint64_t DefaultEveryone = 1799872721571393ULL;

} // namespace botwright::protocol::permission
