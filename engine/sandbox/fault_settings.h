#pragma once

#include <QString>

namespace botwright::sandbox {

// Standing fault switches. One-shot faults (op 7, op 9, a close code, a TCP drop, a server
// heartbeat request) are GatewayServer methods instead.
struct FaultSettings {
    bool dropHeartbeatAcks = false;
    int heartbeatAckDelayMs = 0;
    int splitCompressedFrames = 0; // > 1: each compressed payload goes out in this many messages
    int guildCreateDelayMs = 0;
    bool gatewayBotRemainingZero = false;
    // REST: the next `restFailuresLeft` requests get `restFailureStatus` (429 or 5xx).
    int restFailureStatus = 0;
    int restFailuresLeft = 0;
};

} // namespace botwright::sandbox
