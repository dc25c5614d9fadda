#pragma once

#include <QString>
#include <QStringList>

#include <span>

namespace botwright::gateway {

// One Gateway intent as a person picks it: Discord's name, its bit, and whether Discord wants it
// switched on for the bot in the Developer Portal first (privileged).
struct IntentInfo {
    quint32 bit = 0;
    const char* name = ""; // Discord's spelling, e.g. "GUILD_MESSAGES"
    const char* summary = "";
    bool privileged = false;

    int bitIndex() const; // 9 for 1 << 9
};

// Every intent protocol::intent::Defined holds, in bit order.
class IntentCatalog final {
public:
    static std::span<const IntentInfo> all();
    static const IntentInfo* find(quint32 bit);
    // Discord's names of the bits set in `intents`, in bit order (unknown bits are left out).
    static QStringList names(quint32 intents);
};

} // namespace botwright::gateway
