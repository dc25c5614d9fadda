#pragma once

#include "engine/gateway/shard_manager.h"
#include "engine/protocol/gateway_constants.h"

#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace botwright::gateway {

// Where the studio's own bot connects and how: the local sandbox (the default; it brings its own bot
// token), Discord, or a custom server that speaks Discord's REST and Gateway (a `botwright-cli
// sandbox` elsewhere, a recording proxy). A plain value saved as settings; the bot token is never part
// of it — the studio keeps that in the system keychain.
class GatewayTarget final {
public:
    enum class Kind { Sandbox, Discord, Custom };

    // What validate() found: errors keep the studio from connecting, warnings only inform.
    struct Problems {
        QStringList errors;
        QStringList warnings;
        bool ok() const { return errors.isEmpty(); }
    };

    // What the studio asked for before this was configurable: enough for a chat bot.
    static constexpr quint32 kDefaultIntents =
        protocol::intent::Guilds | protocol::intent::GuildMembers | protocol::intent::GuildMessages |
        protocol::intent::GuildMessageReactions | protocol::intent::DirectMessages |
        protocol::intent::MessageContent;

    // Discord's REST base in ShardManagerConfig's form: ShardManager appends "/v10/gateway/bot".
    static QString discordRestBase();
    static QString kindName(Kind kind); // "sandbox", "discord", "custom" (the settings value)
    static std::optional<Kind> kindFromName(const QString& name);

    Kind kind() const { return m_kind; }
    void setKind(Kind kind) { m_kind = kind; }
    // The custom server's REST base as typed, e.g. http://127.0.0.1:8080/api; kept while another
    // kind is chosen so switching back restores it.
    QString customRestBase() const { return m_customRestBase; }
    void setCustomRestBase(const QString& url) { m_customRestBase = url; }
    quint32 intents() const { return m_intents; }
    void setIntents(quint32 intents) { m_intents = intents; }
    ShardConfig::Encoding encoding() const { return m_encoding; }
    void setEncoding(ShardConfig::Encoding encoding) { m_encoding = encoding; }
    ShardConfig::Compression compression() const { return m_compression; }
    void setCompression(ShardConfig::Compression compression) { m_compression = compression; }

    bool needsToken() const { return m_kind != Kind::Sandbox; }
    // The REST base ShardManager gets: `sandboxRestBase` for the sandbox, Discord's, or the custom
    // URL trimmed of white space, trailing slashes and a trailing API version ("/v10").
    QString restBase(const QString& sandboxRestBase = {}) const;
    // A short description for status lines, e.g. "Discord" or "http://127.0.0.1:8080/api".
    QString displayName() const;

    Problems validate() const;

    // Settings under "gateway/…" (target, customRestBase, intents, encoding, compression). Never holds
    // a token. fromSettings() falls back to the defaults for missing or unreadable values.
    QVariantMap toSettings() const;
    static GatewayTarget fromSettings(const QVariantMap& values);

    // The ShardManager configuration for this target and `token` (the sandbox's own token for the
    // sandbox, the person's bot token otherwise). nullopt when the target is invalid or the token is
    // missing or malformed; `error` then says why, and never contains the token.
    std::optional<ShardManagerConfig> shardManagerConfig(const QString& token, QString* error = nullptr,
                                                         const QString& sandboxRestBase = {}) const;

    // A token as pasted: white space around it and a leading "Bot " removed.
    static QString normalizedToken(const QString& typed);
    // Why `token` (normalised) cannot be a bot token, or empty. Never quotes the token.
    static QString tokenProblem(const QString& token);

    bool operator==(const GatewayTarget& other) const = default;

private:
    Kind m_kind = Kind::Sandbox;
    QString m_customRestBase;
    quint32 m_intents = kDefaultIntents;
    ShardConfig::Encoding m_encoding = ShardConfig::Encoding::Json;
    ShardConfig::Compression m_compression = ShardConfig::Compression::ZlibStream;
};

} // namespace botwright::gateway
