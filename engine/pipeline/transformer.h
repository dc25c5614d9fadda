#pragma once

#include "engine/pipeline/transform_trace.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1StringView>
#include <QList>
#include <QString>

// The transformer stage of the event pipeline: Discord v10 payloads (raw JSON text) in, the SDK's
// internal shapes (JSON text, camelCase keys, Botloader model names, times as Unix ms) out. The
// script VM builds its classes (Message, Member, …) from these by copying fields; the shapes are
// the contract documented in docs/sdk-shapes.md. Pure functions: no Qt objects, no GUI, safe to
// call from any thread (each thread keeps its own parser).
namespace botwright::pipeline {

// Models that REST results are turned into (Channel covers guild channels and threads).
enum class Model { Message, Member, User, Role, Channel, Guild, Invite, Emoji, Ban, ThreadMember, Webhook };

struct TransformContext {
    // The project's guild: Message.guildId and MessageSnapshot.guildId fall back to it.
    quint64 guildId = 0;
    // VOICE_STATE_UPDATE only: the user's previous voice state as Discord JSON (from the handler's
    // state cache); it becomes `oldState`. Empty when the user had none.
    QByteArray previousVoiceState;
};

struct TransformOutput {
    bool ok = false;
    QByteArray json; // the SDK shape, compact JSON
    QString error;   // why not, when !ok: "MESSAGE_CREATE: `author.id` must be a string, not a number"
};

// Turns the `d` of a dispatch into the payload of SDK event `sdkEvent` (a name route() gives,
// e.g. "MEMBER_ADD" for GUILD_MEMBER_ADD). `trace`, when set, receives every rename, conversion,
// drop and addition. A payload that is not valid JSON, has a value of the wrong type or lacks a
// required id gives ok=false and an error naming the place.
TransformOutput transformEvent(QByteArrayView sdkEvent, const QByteArray& discordData,
                               const TransformContext& ctx, TransformTrace* trace = nullptr);

// Turns a REST result into a model. A JSON array gives an array of models (GET …/messages).
TransformOutput transformModel(Model model, const QByteArray& discordJson, const TransformContext& ctx,
                               TransformTrace* trace = nullptr);

// Every SDK event transformEvent accepts, in the order of botloader-sdk.md §3.1.
const QList<QByteArrayView>& sdkEventNames();
bool isSdkEvent(QByteArrayView sdkEvent);
QLatin1StringView modelName(Model model);

} // namespace botwright::pipeline
