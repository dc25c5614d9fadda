#pragma once

#include "engine/gateway/shard.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

namespace botwright::gateway {

struct ShardManagerConfig {
    QString token;      // the bot token, without "Bot "
    QString restBase;   // e.g. https://discord.com/api or http://127.0.0.1:PORT/api
    int shardCount = 0; // 0 = Discord's recommendation from GET /gateway/bot
    quint32 intents = 0;
    ShardConfig::Encoding encoding = ShardConfig::Encoding::Json;
    ShardConfig::Compression compression = ShardConfig::Compression::ZlibStream;
    int bucketSpacingMs = 5000;  // identify buckets start this far apart
    int identifyBudgetGuard = 5; // refuse to identify when no more than this many remain today
    ShardConfig shardTemplate;   // reconnect pacing and the rest, copied into every shard
};

// Starts a bot's shards the way Discord asks (discord-protocol.md §1.8): reads GET /gateway/bot,
// picks the shard count, starts shards bucket by bucket (shard_id % max_concurrency, one round per
// 5 s), and guards the daily identify budget so a reconnect storm stops before it is spent.
class ShardManager final : public QObject {
    Q_OBJECT
public:
    explicit ShardManager(ShardManagerConfig config, QObject* parent = nullptr);
    ~ShardManager() override;

    void start();
    void stop();
    const std::vector<std::unique_ptr<Shard>>& shards() const { return m_shards; }
    int identifiesLeft() const { return m_identifiesLeft; }
    int maxConcurrency() const { return m_maxConcurrency; }

Q_SIGNALS:
    void started(int shardCount, int maxConcurrency);
    void dispatch(int shardId, const QString& type, const QByteArray& data, int seq); // `d` as JSON text
    void frame(const botwright::gateway::FrameEvent& frame);
    // Why the manager could not start or stopped every shard (never contains the token).
    void failed(const QString& reason);

private:
    void onGatewayBot(int status, const QByteArray& body);
    void startRound();
    bool allowIdentify();
    void fail(const QString& reason);

    ShardManagerConfig m_config;
    QNetworkAccessManager m_network;
    std::vector<std::unique_ptr<Shard>> m_shards;
    QTimer m_roundTimer;
    int m_nextRound = 0;
    int m_maxConcurrency = 1;
    int m_identifiesLeft = 0;
    bool m_failed = false;
};

} // namespace botwright::gateway
