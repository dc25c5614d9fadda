#include "engine/pipeline/event_routing.h"

#include <charconv>
#include <cstring>
#include <memory>
#include <simdjson.h>

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

class TopLevelReader final {
public:
    // An error text when the payload cannot be read.
    QString read(const QByteArray& json, bool wantType, TopLevel& out) {
        const auto length = static_cast<std::size_t>(json.size());
        const std::size_t need = length + simdjson::SIMDJSON_PADDING;
        if (need > m_capacity) {
            m_capacity = std::max<std::size_t>(need, 2 * m_capacity);
            m_buffer = std::make_unique<char[]>(m_capacity);
        }
        std::memcpy(m_buffer.get(), json.constData(), length);
        std::memset(m_buffer.get() + length, 0, simdjson::SIMDJSON_PADDING);

        simdjson::ondemand::document doc;
        simdjson::ondemand::object object;
        if (const auto code = m_parser.iterate(m_buffer.get(), length, need).get(doc))
            return describe(code);
        if (const auto code = doc.get_object().get(object))
            return describe(code);
        for (auto field : object) {
            simdjson::ondemand::raw_json_string key;
            if (const auto code = field.key().get(key))
                return describe(code);
            if (key == "guild_id") {
                if (const QString problem = readGuild(field.value(), out); !problem.isEmpty())
                    return problem;
                if (!wantType || out.type >= 0)
                    break;
            } else if (wantType && key == "type") {
                std::int64_t type = -1;
                if (field.value().get_int64().get(type))
                    return QStringLiteral("\"type\" is not an integer");
                out.type = type;
                if (out.hasGuild)
                    break;
            }
        }
        return {};
    }

private:
    static QString describe(simdjson::error_code code) {
        return QString::fromUtf8(simdjson::error_message(code));
    }

    static QString readGuild(simdjson::simdjson_result<simdjson::ondemand::value> value, TopLevel& out) {
        simdjson::ondemand::json_type kind;
        if (const auto code = value.type().get(kind))
            return describe(code);
        if (kind == simdjson::ondemand::json_type::null)
            return {}; // guild_id: null is the same as none
        std::string_view text;
        quint64 id = 0;
        if (kind == simdjson::ondemand::json_type::string) {
            if (value.get_string().get(text) ||
                std::from_chars(text.data(), text.data() + text.size(), id).ptr !=
                    text.data() + text.size() ||
                text.empty())
                return QStringLiteral("\"guild_id\" is not a snowflake");
        } else {
            std::uint64_t number = 0;
            if (value.get_uint64().get(number))
                return QStringLiteral("\"guild_id\" is not a snowflake");
            id = number;
        }
        out.hasGuild = true;
        out.guildId = id;
        return {};
    }

    simdjson::ondemand::parser m_parser;
    std::unique_ptr<char[]> m_buffer;
    std::size_t m_capacity = 0;
};

thread_local TopLevelReader t_reader;

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
    if (const QString problem = t_reader.read(data, interaction, top); !problem.isEmpty())
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
