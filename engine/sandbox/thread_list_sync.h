#pragma once

#include "engine/sandbox/dispatch.h"

#include <map>
#include <optional>
#include <set>

namespace botwright::sandbox {

class World;

// THREAD_LIST_SYNC (discord-protocol.md §2): when the bot gains access to channels (a role it got, an
// overwrite or role permission that changed), its sessions get the active threads of those channels.
// Keeps which of each guild's (non-thread) channels the bot could see, as its sessions know them.
class ThreadListSync {
public:
    explicit ThreadListSync(const World& world)
        : m_world(world) {}

    // Records what the bot sees in `guildId` now (a session starts, the bot joins, a channel comes or goes).
    void remember(protocol::Snowflake guildId);
    // A dispatch just went out: records or compares as it requires. Returns the THREAD_LIST_SYNC for
    // the channels the bot sees now and did not before, if any.
    std::optional<Dispatch> after(const Dispatch& dispatch);

private:
    std::set<protocol::Snowflake> visible(protocol::Snowflake guildId) const;
    Dispatch syncFor(protocol::Snowflake guildId, const std::set<protocol::Snowflake>& channels) const;

    const World& m_world;
    std::map<protocol::Snowflake, std::set<protocol::Snowflake>> m_visible; // guild → channels
};

} // namespace botwright::sandbox
