#include "engine/gateway/gateway_target.h"

#include "engine/gateway/intent_catalog.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>

namespace botwright::gateway {

namespace {

const QString kKeyTarget = QStringLiteral("gateway/target");
const QString kKeyCustomRestBase = QStringLiteral("gateway/customRestBase");
const QString kKeyIntents = QStringLiteral("gateway/intents");
const QString kKeyEncoding = QStringLiteral("gateway/encoding");
const QString kKeyCompression = QStringLiteral("gateway/compression");

QString encodingName(ShardConfig::Encoding encoding) {
    return encoding == ShardConfig::Encoding::Etf ? QStringLiteral("etf") : QStringLiteral("json");
}

QString compressionName(ShardConfig::Compression compression) {
    switch (compression) {
    case ShardConfig::Compression::None:
        return QStringLiteral("none");
    case ShardConfig::Compression::ZstdStream:
        return QStringLiteral("zstd-stream");
    case ShardConfig::Compression::ZlibStream:
        break;
    }
    return QStringLiteral("zlib-stream");
}

bool isLoopback(const QString& host) {
    if (host.compare(QStringLiteral("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// Errors and warnings about the custom REST base as typed.
void checkCustomUrl(const QString& typed, const QString& normalised, GatewayTarget::Problems& problems) {
    // Messages never quote the text: a token pasted into the wrong field must not end up in them.
    if (typed.trimmed().isEmpty()) {
        problems.errors << QStringLiteral(
            "Enter the custom server's REST base URL, for example http://127.0.0.1:8080/api.");
        return;
    }
    const QUrl url(normalised, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("ws") || scheme == QLatin1String("wss")) {
        problems.errors << QStringLiteral(
            "That is a WebSocket (gateway) URL. Enter the server's REST base instead, for example "
            "http://127.0.0.1:8080/api; the gateway URL comes from its GET /gateway/bot.");
        return;
    }
    if (!url.isValid() || url.isRelative()) {
        problems.errors << QStringLiteral(
            "The REST base is not a valid URL. Write it in full, for example http://127.0.0.1:8080/api.");
        return;
    }
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        problems.errors << QStringLiteral("The REST base URL must start with http:// or https://.");
        return;
    }
    if (url.host().isEmpty()) {
        problems.errors << QStringLiteral("The REST base URL has no host name.");
        return;
    }
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()) {
        problems.errors << QStringLiteral(
            "The REST base URL must not contain a user name, password, query (?…) or fragment (#…).");
        return;
    }
    if (scheme == QLatin1String("http") && !isLoopback(url.host()))
        problems.warnings << QStringLiteral("The bot token would travel unencrypted over http:// to "
                                            "another computer. Use https:// unless this is a test "
                                            "server on a network you trust.");
    if (!url.path().endsWith(QLatin1String("/api")))
        problems.warnings << QStringLiteral("Discord-compatible servers serve their REST API under /api "
                                            "(the studio adds /v10/gateway/bot); check the path.");
}

} // namespace

QString GatewayTarget::discordRestBase() {
    return QStringLiteral("https://discord.com/api");
}

QString GatewayTarget::kindName(Kind kind) {
    switch (kind) {
    case Kind::Discord:
        return QStringLiteral("discord");
    case Kind::Custom:
        return QStringLiteral("custom");
    case Kind::Sandbox:
        break;
    }
    return QStringLiteral("sandbox");
}

std::optional<GatewayTarget::Kind> GatewayTarget::kindFromName(const QString& name) {
    for (const Kind kind : {Kind::Sandbox, Kind::Discord, Kind::Custom})
        if (kindName(kind) == name)
            return kind;
    return std::nullopt;
}

QString GatewayTarget::restBase(const QString& sandboxRestBase) const {
    switch (m_kind) {
    case Kind::Sandbox:
        return sandboxRestBase;
    case Kind::Discord:
        return discordRestBase();
    case Kind::Custom:
        break;
    }
    // Trailing slashes and an API version come off the path only, never off the host.
    static const QRegularExpression trailing(QStringLiteral("(/+(v\\d+)?)+$"));
    const QString typed = m_customRestBase.trimmed();
    QUrl url(typed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return typed;
    QString path = url.path();
    path.remove(trailing);
    url.setPath(path);
    return url.toString();
}

QString GatewayTarget::displayName() const {
    switch (m_kind) {
    case Kind::Sandbox:
        return QStringLiteral("the local sandbox");
    case Kind::Discord:
        return QStringLiteral("Discord");
    case Kind::Custom:
        break;
    }
    return restBase();
}

GatewayTarget::Problems GatewayTarget::validate() const {
    Problems problems;
    if (m_kind == Kind::Custom)
        checkCustomUrl(m_customRestBase, restBase(), problems);
    if (m_intents == 0)
        problems.errors << QStringLiteral("Choose at least one intent: without any, the bot receives "
                                          "almost no events.");
    if (const quint32 unknown = m_intents & ~protocol::intent::Defined; unknown != 0)
        problems.errors << QStringLiteral("Intent bits 0x%1 are not Discord intents.").arg(unknown, 0, 16);
    const QStringList privileged = IntentCatalog::names(m_intents & protocol::intent::Privileged);
    if (m_kind != Kind::Sandbox && !privileged.isEmpty())
        problems.warnings << QStringLiteral(
                                 "Privileged intents (%1) must also be switched on for the bot in the "
                                 "Discord Developer Portal (Bot ▸ Privileged Gateway Intents); "
                                 "otherwise Discord closes the connection with 4014.")
                                 .arg(privileged.join(QStringLiteral(", ")));
    return problems;
}

QVariantMap GatewayTarget::toSettings() const {
    return {
        {kKeyTarget, kindName(m_kind)},
        {kKeyCustomRestBase, m_customRestBase},
        {kKeyIntents, m_intents},
        {kKeyEncoding, encodingName(m_encoding)},
        {kKeyCompression, compressionName(m_compression)},
    };
}

GatewayTarget GatewayTarget::fromSettings(const QVariantMap& values) {
    GatewayTarget target;
    target.m_kind = kindFromName(values.value(kKeyTarget).toString()).value_or(Kind::Sandbox);
    target.m_customRestBase = values.value(kKeyCustomRestBase).toString();
    bool numeric = false;
    // Settings files give the number back as text; anything unreadable keeps the defaults.
    const qulonglong intents = values.value(kKeyIntents).toULongLong(&numeric);
    if (numeric && intents != 0 && (intents & ~qulonglong{protocol::intent::Defined}) == 0)
        target.m_intents = static_cast<quint32>(intents);
    if (values.value(kKeyEncoding).toString() == encodingName(ShardConfig::Encoding::Etf))
        target.m_encoding = ShardConfig::Encoding::Etf;
    const QString compression = values.value(kKeyCompression).toString();
    for (const auto c : {ShardConfig::Compression::None, ShardConfig::Compression::ZlibStream,
                         ShardConfig::Compression::ZstdStream})
        if (compressionName(c) == compression)
            target.m_compression = c;
    return target;
}

std::optional<ShardManagerConfig> GatewayTarget::shardManagerConfig(const QString& token, QString* error,
                                                                    const QString& sandboxRestBase) const {
    const auto failWith = [error](const QString& reason) {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    const Problems problems = validate();
    if (!problems.ok())
        return failWith(problems.errors.join(u' '));
    if (m_kind == Kind::Sandbox && sandboxRestBase.isEmpty())
        return failWith(QStringLiteral("The local sandbox is not running yet."));
    const QString bare = normalizedToken(token);
    if (const QString problem = tokenProblem(bare); !problem.isEmpty())
        return failWith(problem);
    ShardManagerConfig config;
    config.token = bare;
    config.restBase = restBase(sandboxRestBase);
    config.intents = m_intents;
    config.encoding = m_encoding;
    config.compression = m_compression;
    return config;
}

QString GatewayTarget::normalizedToken(const QString& typed) {
    QString token = typed.trimmed();
    if (token.startsWith(QLatin1String("Bot "), Qt::CaseInsensitive))
        token = token.mid(4).trimmed();
    return token;
}

QString GatewayTarget::tokenProblem(const QString& token) {
    if (token.isEmpty())
        return QStringLiteral("Enter the bot token (Discord Developer Portal ▸ your application ▸ Bot ▸ "
                              "Reset Token).");
    for (const QChar c : token) {
        if (c.isSpace())
            return QStringLiteral("The bot token contains spaces or line breaks; paste it again.");
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return QStringLiteral("The bot token contains characters a token never has; paste it again.");
    }
    return {};
}

} // namespace botwright::gateway
