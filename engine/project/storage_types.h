#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace botwright::project {

// Plain data of the script storage (Botloader's `Storage` namespace, SDK reference §5 and §9.2).

// A stored value: a JSON document (JsonBucket) or a double (NumberBucket). On the op boundary it is
// `{json: any}` or `{double: number}`.
struct StorageValue {
    enum class Kind { Json, Double };

    Kind kind = Kind::Json;
    QJsonValue json;     // Kind::Json (any JSON value, null included)
    double number = 0.0; // Kind::Double

    static StorageValue fromJson(QJsonValue value) { return {Kind::Json, std::move(value), 0.0}; }
    static StorageValue fromDouble(double value) { return {Kind::Double, QJsonValue(), value}; }
    bool isDouble() const { return kind == Kind::Double; }

    QJsonObject toOpJson() const;
    // Reads `{json: …}` or `{double: …}`; anything else is an error.
    static std::optional<StorageValue> fromOpJson(const QJsonValue& value, QString* error);

    bool operator==(const StorageValue& other) const;
};

// Which bucket: a plugin id (none for guild scripts) and the bucket's name. Data is per guild, and a
// project is one guild, so there is no guild here.
struct StorageBucket {
    std::optional<QString> pluginId;
    QString name;
};

struct StorageEntry {
    std::optional<QString> pluginId;
    QString bucket;
    QString key;
    StorageValue value;
    std::optional<qint64> expiresAt; // ms since the epoch; none = never expires
    qint64 updatedAt = 0;            // ms since the epoch; orders sorted_list ties

    // `{pluginId, bucketName, key, value: {json}|{double}, expiresAt: number|null}`
    QJsonObject toOpJson() const;
};

enum class StorageSetCondition { IfExists, IfNotExists };
enum class StorageOrder { Ascending, Descending };

struct StorageListOptions {
    QString after;                            // only keys > after (byte order of UTF-8)
    int limit = 25;                           // clamped to 0…100
    QString keyPattern = QStringLiteral("%"); // ILIKE pattern, see StoragePattern
};

struct StorageOptions {
    std::function<qint64()> now;            // ms since the epoch; empty = the system clock
    qint64 storageLimitBytes = 100'000'000; // total for the project (Botloader premium: 100 MB)
    int busyTimeoutMs = 5000;               // how long a write waits for another writer
};

// The result of a typed storage call: `value` when `error` is empty.
template <typename T>
struct StorageResult {
    T value{};
    QString error;

    bool ok() const { return error.isEmpty(); }
    static StorageResult failure(QString message) {
        StorageResult result;
        result.error = std::move(message);
        return result;
    }
};

// A JSON value of any kind as compact text (QJsonDocument only takes objects and arrays), and back.
QByteArray serializeJsonValue(const QJsonValue& value);
std::optional<QJsonValue> parseJsonValue(const QByteArray& text);

} // namespace botwright::project
