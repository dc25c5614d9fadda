// World: who is connected to which voice channel (discord-protocol.md §3.8; VOICE_STATE_UPDATE).
#include "engine/protocol/gateway_constants.h"
#include "engine/sandbox/api_error.h"
#include "engine/sandbox/world.h"
#include "engine/sandbox/world_json.h"

namespace botwright::sandbox {

void World::setVoiceChannel(Snowflake guildId, Snowflake userId, Snowflake channelId,
                            std::optional<bool> selfMute, std::optional<bool> selfDeaf) {
    Member& m = requireMember(guildId, userId);
    if (channelId) {
        const Channel* c = channel(channelId);
        if (!c || c->guildId != guildId ||
            (c->type != channel_type::GuildVoice && c->type != channel_type::GuildStageVoice))
            throw ApiError::invalidField(QStringLiteral("channel_id"), QStringLiteral("CHANNEL_TYPE_INVALID"),
                                         QStringLiteral("Not a voice channel of this guild."));
    }
    const bool changed = m.voiceChannelId != channelId || (selfMute && *selfMute != m.selfMute) ||
                         (selfDeaf && *selfDeaf != m.selfDeaf);
    if (!changed)
        return;
    if (!m.voiceChannelId && channelId)
        m.voiceSessionId = randomText(32, false); // a new connection
    m.voiceChannelId = channelId;
    m.selfMute = channelId && selfMute.value_or(m.selfMute);
    m.selfDeaf = channelId && selfDeaf.value_or(m.selfDeaf);
    emitVoiceState(guildId, m);
}

void World::emitVoiceState(Snowflake guildId, const Member& m) {
    Dispatch d;
    d.type = QStringLiteral("VOICE_STATE_UPDATE");
    d.data = json::voiceState(*this, guildId, m, true);
    d.guildId = guildId;
    d.intents = protocol::intent::GuildVoiceStates;
    emitDispatch(d);
}

} // namespace botwright::sandbox
