#pragma once
// Sample gateway payloads and noise shared by the protocol codec tests.

#include <QByteArray>
#include <QRandomGenerator>
#include <QString>

namespace protocol_samples {

// A MESSAGE_CREATE-like dispatch; `n` varies ids, sequence and content.
inline QByteArray gatewayPayload(int n) {
    return QStringLiteral(
               R"({"t":"MESSAGE_CREATE","s":%1,"op":0,"d":{"type":0,"tts":false,"timestamp":"2024-05-01T12:%2:00.000000+00:00",)"
               R"("pinned":false,"mentions":[],"mention_roles":[],"mention_everyone":false,"id":"12345678901234%3",)"
               R"("flags":0,"embeds":[],"content":"message number %1 says hello","components":[],)"
               R"("channel_id":"1100000000000000001","author":{"username":"tester","public_flags":0,)"
               R"("id":"1000000000000000001","global_name":"Tester","discriminator":"0","avatar":null},)"
               R"("attachments":[],"guild_id":"1000000000000000100","nonce":"%4"}})")
        .arg(n)
        .arg(n % 60, 2, 10, QLatin1Char('0'))
        .arg(n % 100000, 5, 10, QLatin1Char('0'))
        .arg(987654321 + n)
        .toUtf8();
}

inline QByteArray randomBytes(qsizetype size, quint32 seed) {
    QRandomGenerator random(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char& byte : bytes) {
        byte = static_cast<char>(random.bounded(256));
    }
    return bytes;
}

} // namespace protocol_samples
