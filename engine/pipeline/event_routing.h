#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// The routing half of the pipeline's handler stage: which SDK event (botloader-sdk.md §3.1) a
// gateway dispatch becomes, or why it reaches no script. Pure and cheap: the type is looked up in
// a table (types without an SDK event stop there, unparsed), and only then is the payload parsed
// (simdjson DOM, fully validated) and its top level read for `guild_id` (and `type`, for
// interactions). The parsed document is kept per thread, so the transformer that follows on the
// same payload does not parse it again.
namespace botwright::pipeline {

enum class RouteDrop {
    None,          // delivered
    NotSdkEvent,   // no SDK event for this dispatch (PRESENCE_UPDATE, MESSAGE_DELETE_BULK, a PING, …)
    DirectMessage, // no guild_id: DM events are never delivered
    OtherGuild,    // a guild other than the project's
    Malformed,     // the payload is not a JSON object
};

struct RouteDecision {
    // The SDK event name ("MEMBER_ADD"), pointing at static storage; empty when dropped.
    QByteArrayView sdkEvent;
    RouteDrop drop = RouteDrop::None;
    // Why it was dropped: "DM", "other guild", "not an SDK event", "malformed payload: …".
    QString reason;
    // The payload's guild_id (0 when it has none or was not read).
    quint64 guildId = 0;

    bool delivered() const { return !sdkEvent.isEmpty(); }
};

// `data` is the dispatch's `d` as JSON text. With projectGuildId 0 every guild is accepted (no
// project guild chosen yet); DMs are dropped either way.
RouteDecision route(QByteArrayView dispatchType, const QByteArray& data, quint64 projectGuildId);

// The SDK event a dispatch type maps to when the payload does not matter (GUILD_MEMBER_ADD →
// MEMBER_ADD); empty for INTERACTION_CREATE (decided by the payload) and for types with none.
QByteArrayView sdkEventForDispatch(QByteArrayView dispatchType);

} // namespace botwright::pipeline
