#include "engine/pipeline/event_routing.h"

#include "engine/pipeline/payload_parser.h"

#include <cstring>
namespace botwright::pipeline {

namespace {

struct Route {
    QByteArrayView dispatch;
    QByteArrayView sdk; // empty: decided by the payload (INTERACTION_CREATE)
};

// Gateway dispatch type → SDK event (botloader-sdk.md §3.1), the hottest first.
constexpr Route kRoutes[] = {
    {"MESSAGE_CREATE", "MESSAGE_CREATE"},
    {"MESSAGE_UPDATE", "MESSAGE_UPDATE"},
    {"MESSAGE_DELETE", "MESSAGE_DELETE"},
    {"MESSAGE_REACTION_ADD", "MESSAGE_REACTION_ADD"},
    {"MESSAGE_REACTION_REMOVE", "MESSAGE_REACTION_REMOVE"},
    {"MESSAGE_REACTION_REMOVE_ALL", "MESSAGE_REACTION_REMOVE_ALL"},
    {"MESSAGE_REACTION_REMOVE_EMOJI", "MESSAGE_REACTION_REMOVE_ALL_EMOJI"},
    {"INTERACTION_CREATE", {}},
    {"GUILD_MEMBER_ADD", "MEMBER_ADD"},
    {"GUILD_MEMBER_UPDATE", "MEMBER_UPDATE"},
    {"GUILD_MEMBER_REMOVE", "MEMBER_REMOVE"},
    {"VOICE_STATE_UPDATE", "VOICE_STATE_UPDATE"},
    {"CHANNEL_CREATE", "CHANNEL_CREATE"},
    {"CHANNEL_UPDATE", "CHANNEL_UPDATE"},
    {"CHANNEL_DELETE", "CHANNEL_DELETE"},
    {"GUILD_ROLE_CREATE", "ROLE_CREATE"},
    {"GUILD_ROLE_UPDATE", "ROLE_UPDATE"},
    {"GUILD_ROLE_DELETE", "ROLE_DELETE"},
    {"THREAD_CREATE", "THREAD_CREATE"},
    {"THREAD_UPDATE", "THREAD_UPDATE"},
    {"THREAD_DELETE", "THREAD_DELETE"},
    {"THREAD_LIST_SYNC", "THREAD_LIST_SYNC"},
    {"THREAD_MEMBER_UPDATE", "THREAD_MEMBER_UPDATE"},
    {"THREAD_MEMBERS_UPDATE", "THREAD_MEMBERS_UPDATE"},
    {"INVITE_CREATE", "INVITE_CREATE"},
    {"INVITE_DELETE", "INVITE_DELETE"},
    {"WEBHOOKS_UPDATE", "WEBHOOKS_UPDATE"},
};

const Route* findRoute(QByteArrayView dispatchType) {
    for (const Route& r : kRoutes)
        if (r.dispatch.size() == dispatchType.size() &&
            std::memcmp(r.dispatch.data(), dispatchType.data(),
                        static_cast<std::size_t>(dispatchType.size())) == 0)
            return &r;
    return nullptr;
}

// Interaction type → internal SDK event (Discord: 2 command, 3 component, 4 autocomplete, 5 modal).
QByteArrayView interactionEvent(std::int64_t type) {
    switch (type) {
    case 2:
    case 4: // autocomplete goes to the command system too (CommandInteraction.isAutocomplete)
        return "BOTLOADER_COMMAND_INTERACTION_CREATE";
    case 3:
        return "BOTLOADER_COMPONENT_INTERACTION_CREATE";
    case 5:
        return "BOTLOADER_MODAL_SUBMIT_INTERACTION_CREATE";
    default:
        return {};
    }
}

// What the router reads of a payload: the top-level guild_id and type.
struct TopLevel {
    bool hasGuild = false;
    quint64 guildId = 0;
    std::int64_t type = -1;
};

// A decimal snowflake; false for anything else (empty, signs, other characters, > 64 bits).
bool parseSnowflake(std::string_view text, quint64& out) {
    if (text.empty() || text.size() > 20)
        return false;
    quint64 value = 0;
    for (const char c : text) {
        const auto digit = static_cast<unsigned>(c - '0');
        if (digit > 9 || value > (~quint64{0} - digit) / 10)
            return false;
        value = value * 10 + digit;
    }
    out = value;
    return true;
}

// An error text when the payload cannot be read. The document is parsed with the thread's
// PayloadParser (full validation), which the transformer then reuses for the same payload.
QString readTopLevel(const QByteArray& json, bool wantType, TopLevel& out) {
    simdjson::dom::element root;
    if (const auto code = detail::PayloadParser::forThread().parse(json, root))
        return QString::fromUtf8(simdjson::error_message(code));
    simdjson::dom::object object;
    if (root.get_object().get(object))
        return QStringLiteral("the payload is not a JSON object");
    for (const simdjson::dom::key_value_pair field : object) {
        if (field.key.size() == 8 && std::memcmp(field.key.data(), "guild_id", 8) == 0) {
            if (field.value.is_null())
                continue; // guild_id: null is the same as none
            std::string_view text;
            if (!field.value.get_string().get(text)) {
                if (!parseSnowflake(text, out.guildId))
                    return QStringLiteral("\"guild_id\" is not a snowflake");
            } else {
                std::uint64_t number = 0;
                if (field.value.get_uint64().get(number))
                    return QStringLiteral("\"guild_id\" is not a snowflake");
                out.guildId = number;
            }
            out.hasGuild = true;
            if (!wantType || out.type >= 0)
                break;
        } else if (wantType && field.key.size() == 4 && std::memcmp(field.key.data(), "type", 4) == 0) {
            std::int64_t type = -1;
            if (!field.value.get_int64().get(type))
                out.type = type;
            if (out.hasGuild)
                break;
        }
    }
    return {};
}

RouteDecision dropped(RouteDrop drop, QString reason, quint64 guildId = 0) {
    RouteDecision decision;
    decision.drop = drop;
    decision.reason = std::move(reason);
    decision.guildId = guildId;
    return decision;
}

} // namespace

RouteDecision route(QByteArrayView dispatchType, const QByteArray& data, quint64 projectGuildId) {
    const Route* r = findRoute(dispatchType);
    if (!r)
        return dropped(RouteDrop::NotSdkEvent, QStringLiteral("not an SDK event"));
    const bool interaction = r->sdk.isEmpty();
    TopLevel top;
    if (const QString problem = readTopLevel(data, interaction, top); !problem.isEmpty())
        return dropped(RouteDrop::Malformed, QStringLiteral("malformed payload: %1").arg(problem));
    if (!top.hasGuild)
        return dropped(RouteDrop::DirectMessage, QStringLiteral("DM"));
    if (projectGuildId != 0 && top.guildId != projectGuildId)
        return dropped(RouteDrop::OtherGuild, QStringLiteral("other guild"), top.guildId);
    RouteDecision decision;
    decision.guildId = top.guildId;
    decision.sdkEvent = interaction ? interactionEvent(top.type) : r->sdk;
    if (decision.sdkEvent.isEmpty()) {
        decision.drop = RouteDrop::NotSdkEvent;
        decision.reason = QStringLiteral("not an SDK event");
    }
    return decision;
}

QByteArrayView sdkEventForDispatch(QByteArrayView dispatchType) {
    const Route* r = findRoute(dispatchType);
    return r ? r->sdk : QByteArrayView();
}

} // namespace botwright::pipeline
