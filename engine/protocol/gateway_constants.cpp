#include "engine/protocol/gateway_constants.h"

namespace botwright::protocol {

QString closeCodeReason(int code) {
    switch (code) {
    case close_code::Normal:
        return QStringLiteral("Normal closure");
    case close_code::GoingAway:
        return QStringLiteral("Going away");
    case close_code::UnknownError:
        return QStringLiteral("Unknown error.");
    case close_code::UnknownOpcode:
        return QStringLiteral("Unknown opcode.");
    case close_code::DecodeError:
        return QStringLiteral("Decode error.");
    case close_code::NotAuthenticated:
        return QStringLiteral("Not authenticated.");
    case close_code::AuthenticationFailed:
        return QStringLiteral("Authentication failed.");
    case close_code::AlreadyAuthenticated:
        return QStringLiteral("Already authenticated.");
    case close_code::InvalidSeq:
        return QStringLiteral("Invalid seq.");
    case close_code::RateLimited:
        return QStringLiteral("Rate limited.");
    case close_code::SessionTimedOut:
        return QStringLiteral("Session timed out.");
    case close_code::InvalidShard:
        return QStringLiteral("Invalid shard.");
    case close_code::ShardingRequired:
        return QStringLiteral("Sharding required.");
    case close_code::InvalidApiVersion:
        return QStringLiteral("Invalid API version.");
    case close_code::InvalidIntents:
        return QStringLiteral("Invalid intent(s).");
    case close_code::DisallowedIntents:
        return QStringLiteral("Disallowed intent(s).");
    default:
        return QStringLiteral("Closed.");
    }
}

} // namespace botwright::protocol
