#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <deque>

namespace botwright::sandbox {

class GatewayConnection;

// One gateway session: what Identify created and Resume continues. It outlives its socket for
// the resume window; dispatches produced while detached go to the replay buffer.
struct GatewaySession {
    QString id;
    int shardId = 0;
    int shardCount = 1;
    std::uint32_t intents = 0;
    int seq = 0;                                   // last sequence number assigned
    std::deque<std::pair<int, QByteArray>> replay; // (s, uncompressed JSON frame), oldest first
    GatewayConnection* connection = nullptr;       // nullptr while detached
    qint64 detachedAtMs = 0;
    bool invalidated = false;
    QString encoding = QStringLiteral("json");
};

} // namespace botwright::sandbox
