#pragma once
// The MESSAGE_CREATE the gateway, pipeline and runtime benchmarks measure: the sandbox's shape,
// about 630 bytes of `d`, made unique per `n` (id, sequence and content).
#include <QByteArray>
#include <QString>

namespace botwright::bench {

inline QByteArray messageCreateData(int n) {
    return QStringLiteral(
               R"({"id":"%2","channel_id":"1113768910127104000",)"
               R"("guild_id":"1113768905932800000","author":{"id":"948142551859331072","username":"alice",)"
               R"("discriminator":"0","global_name":"Alice","avatar":null,"public_flags":0},"content":"message %1 )"
               R"(says hello to the bot","timestamp":"2026-11-22T04:00:00.000000+00:00","edited_timestamp":null,)"
               R"("tts":false,"mention_everyone":false,"mentions":[],"mention_roles":[],"attachments":[],"embeds":[],)"
               R"("components":[],"pinned":false,"type":0,"flags":0,"member":{"roles":[],"joined_at":)"
               R"("2023-06-01T10:00:00.000000+00:00","deaf":false,"mute":false,"flags":0,"pending":false},)"
               R"("channel_type":0})")
        .arg(n)
        .arg(1573909431194877952LL + n)
        .toUtf8();
}

// The whole gateway payload around it, with `s` = n.
inline QByteArray messageCreateFrame(int n) {
    return "{\"op\":0,\"s\":" + QByteArray::number(n) +
           ",\"t\":\"MESSAGE_CREATE\",\"d\":" + messageCreateData(n) + '}';
}

} // namespace botwright::bench
