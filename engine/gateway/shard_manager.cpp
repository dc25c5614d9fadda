#include "engine/gateway/shard_manager.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace botwright::gateway {

ShardManager::ShardManager(ShardManagerConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_network(this)
    , m_roundTimer(this) {
    // Children, so they move with the manager to the gateway thread.
    m_roundTimer.setSingleShot(true);
    connect(&m_roundTimer, &QTimer::timeout, this, &ShardManager::startRound);
}

ShardManager::~ShardManager() = default;

void ShardManager::start() {
    m_failed = false;
    QNetworkRequest request(QUrl(m_config.restBase + QStringLiteral("/v10/gateway/bot")));
    request.setRawHeader("Authorization", "Bot " + m_config.token.toUtf8());
    request.setTransferTimeout(15000);
    QNetworkReply* reply = m_network.get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            fail(QStringLiteral("cannot reach %1: %2").arg(m_config.restBase, reply->errorString()));
            return;
        }
        onGatewayBot(status, reply->readAll());
    });
}

void ShardManager::stop() {
    m_roundTimer.stop();
    for (auto& shard : m_shards)
        shard->stop();
}

void ShardManager::onGatewayBot(int status, const QByteArray& body) {
    if (status == 401) {
        fail(
            QStringLiteral("the bot token was refused (401 from /gateway/bot): check the token in Settings"));
        return;
    }
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    if (status != 200 || !o.contains(QStringLiteral("url"))) {
        fail(QStringLiteral("GET /gateway/bot answered %1: %2")
                 .arg(status)
                 .arg(o.value(QStringLiteral("message")).toString(QStringLiteral("unexpected body"))));
        return;
    }
    const QJsonObject limit = o.value(QStringLiteral("session_start_limit")).toObject();
    m_maxConcurrency = std::max(1, limit.value(QStringLiteral("max_concurrency")).toInt(1));
    m_identifiesLeft = limit.value(QStringLiteral("remaining")).toInt(0);
    const int count = m_config.shardCount > 0 ? m_config.shardCount
                                              : std::max(1, o.value(QStringLiteral("shards")).toInt(1));
    if (m_identifiesLeft - count < m_config.identifyBudgetGuard) {
        fail(QStringLiteral("only %1 identifies are left today (resets in %2 min); not starting %3 shard(s)")
                 .arg(m_identifiesLeft)
                 .arg(limit.value(QStringLiteral("reset_after")).toInteger() / 60000)
                 .arg(count));
        return;
    }
    m_shards.clear();
    for (int id = 0; id < count; ++id) {
        ShardConfig config = m_config.shardTemplate;
        config.token = m_config.token;
        config.gatewayUrl = QUrl(o.value(QStringLiteral("url")).toString());
        config.shardId = id;
        config.shardCount = count;
        config.intents = m_config.intents;
        config.encoding = m_config.encoding;
        config.compression = m_config.compression;
        config.mayIdentify = [this] { return allowIdentify(); };
        auto shard = std::make_unique<Shard>(config, nullptr);
        connect(shard.get(), &Shard::dispatch, this,
                [this, id](const QString& type, const QByteArray& d, int seq) {
                    Q_EMIT dispatch(id, type, d, seq);
                });
        connect(shard.get(), &Shard::frame, this, [this](const FrameEvent& event) { Q_EMIT frame(event); });
        m_shards.push_back(std::move(shard));
    }
    m_nextRound = 0;
    Q_EMIT started(count, m_maxConcurrency);
    startRound();
}

void ShardManager::startRound() {
    // Round r starts shards r*mc … r*mc+mc-1: one per identify bucket (shard_id % max_concurrency).
    const int first = m_nextRound * m_maxConcurrency;
    for (int id = first; id < std::min<int>(first + m_maxConcurrency, static_cast<int>(m_shards.size()));
         ++id)
        m_shards[static_cast<size_t>(id)]->start();
    ++m_nextRound;
    if (m_nextRound * m_maxConcurrency < static_cast<int>(m_shards.size()))
        m_roundTimer.start(m_config.bucketSpacingMs);
}

bool ShardManager::allowIdentify() {
    if (m_failed)
        return false;
    if (m_identifiesLeft - 1 < m_config.identifyBudgetGuard) {
        // Deferred: this runs inside a shard's frame handling.
        QMetaObject::invokeMethod(
            this,
            [this, left = m_identifiesLeft] {
                fail(QStringLiteral(
                         "stopping every shard: only %1 identifies are left today, and a reconnect storm "
                         "would spend them (Discord resets the token when the budget runs out)")
                         .arg(left));
            },
            Qt::QueuedConnection);
        return false;
    }
    --m_identifiesLeft;
    return true;
}

void ShardManager::fail(const QString& reason) {
    if (m_failed)
        return;
    m_failed = true;
    stop();
    Q_EMIT failed(reason);
}

} // namespace botwright::gateway
