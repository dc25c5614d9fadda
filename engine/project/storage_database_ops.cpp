// StorageDatabase: the typed storage ops (SDK reference §5). Each one is a single SQL statement.
#include "engine/project/storage_database.h"
#include "engine/project/storage_pattern.h"

#include <QSqlError>
#include <QVariant>

#include <algorithm>
#include <cmath>

namespace botwright::project {

namespace {

constexpr auto kColumns = "plugin_id, bucket, key, value_json, value_double, expires_at, updated_at";
constexpr auto kLive = "(expires_at IS NULL OR expires_at > ?)";
constexpr auto kInsertColumns =
    "INSERT INTO entries (plugin_id, bucket, key, key_folded, expires_at, updated_at, size, value_double, "
    "value_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (plugin_id, bucket, key) DO UPDATE SET "
    "expires_at = excluded.expires_at, updated_at = excluded.updated_at, size = excluded.size, "
    "value_double = excluded.value_double, value_json = excluded.value_json";
constexpr qint64 kEntryOverheadBytes = 32;
constexpr double kMaxTtlSeconds = 4294967295.0; // Botloader's u32
const QString kWrongType = QStringLiteral(
    "failed converting from internal value, incorrect type. This can happen if you changed the "
    "bucket type from say number to json, don't do that.");

// A value as the columns store it, with the bytes it counts for.
struct EncodedValue {
    QVariant json;   // UTF-8 JSON text as a BLOB, or NULL
    QVariant number; // REAL, or NULL
    qint64 bytes = 0;
};

EncodedValue encode(const StorageValue& value) {
    if (value.isDouble()) {
        return {QVariant(), QVariant(value.number), 8};
    }
    const QByteArray text = serializeJsonValue(value.json);
    return {QVariant(text), QVariant(), text.size()};
}

// Qt binds a null QString as SQL NULL; text columns here are NOT NULL.
QString text(const QString& value) {
    return value.isNull() ? QStringLiteral("") : value;
}

void bindBucket(QSqlQuery& query, const StorageBucket& bucket) {
    query.bindValue(0, text(bucket.pluginId.value_or(QString())));
    query.bindValue(1, text(bucket.name));
}

qint64 entryBytes(const StorageBucket& bucket, const QString& key, qint64 valueBytes) {
    return (bucket.pluginId ? bucket.pluginId->toUtf8().size() : 0) + bucket.name.toUtf8().size() +
           key.toUtf8().size() + valueBytes + kEntryOverheadBytes;
}

// Binds the nine columns of an insert: scope, key, folded key, expiry, update time, size, values.
void bindInsert(QSqlQuery& query, const StorageBucket& bucket, const QString& key, const EncodedValue& value,
                std::optional<qint64> expiresAt, qint64 now) {
    bindBucket(query, bucket);
    query.bindValue(2, text(key));
    query.bindValue(3, text(StoragePattern::fold(key)));
    query.bindValue(4, expiresAt ? QVariant(*expiresAt) : QVariant());
    query.bindValue(5, now);
    query.bindValue(6, entryBytes(bucket, key, value.bytes));
    query.bindValue(7, value.number);
    query.bindValue(8, value.json);
}

StorageEntry readEntry(const QSqlQuery& query) {
    StorageEntry entry;
    const QString pluginId = query.value(0).toString();
    if (!pluginId.isEmpty()) {
        entry.pluginId = pluginId;
    }
    entry.bucket = query.value(1).toString();
    entry.key = query.value(2).toString();
    if (query.value(4).isNull()) {
        entry.value =
            StorageValue::fromJson(parseJsonValue(query.value(3).toByteArray()).value_or(QJsonValue()));
    } else {
        entry.value = StorageValue::fromDouble(query.value(4).toDouble());
    }
    if (!query.value(5).isNull()) {
        entry.expiresAt = query.value(5).toLongLong();
    }
    entry.updatedAt = query.value(6).toLongLong();
    return entry;
}

// Botloader's order of checks: value size, then key length.
QString validateWrite(const QString& key, const StorageValue& value, const EncodedValue& encoded) {
    if (!value.isDouble() && encoded.bytes > StorageDatabase::maxValueBytes) {
        return QStringLiteral("value too big, max value size is 1MB");
    }
    if (value.isDouble() && std::isnan(value.number)) {
        return QStringLiteral("value must be a number, not NaN");
    }
    if (key.toUtf8().size() > StorageDatabase::maxKeyBytes) {
        return QStringLiteral("key too long (max 256 bytes)");
    }
    return {};
}

std::optional<qint64> expiryFor(std::optional<double> ttlSeconds, qint64 now, QString* error) {
    if (!ttlSeconds) {
        return std::nullopt;
    }
    if (!(*ttlSeconds >= 0 && *ttlSeconds <= kMaxTtlSeconds)) {
        *error = QStringLiteral("ttl must be a number of seconds from 0 to 4294967295");
        return std::nullopt;
    }
    return now + std::llround(*ttlSeconds * 1000.0);
}

bool isLive(const StorageEntry& entry, qint64 now) {
    return !entry.expiresAt || *entry.expiresAt > now;
}

} // namespace

QString StorageDatabase::sqlFor(Statement statement) {
    const QString columns = QLatin1String(kColumns);
    const QString live = QLatin1String(kLive);
    const QString scope = QStringLiteral("plugin_id = ? AND bucket = ?");
    const QString like = QStringLiteral("key_folded LIKE ? ESCAPE '\\'");
    switch (statement) {
    case Upsert:
        return QLatin1String(kInsertColumns);
    case UpdateIfLive:
        return QStringLiteral(
                   "UPDATE entries SET expires_at = ?, updated_at = ?, size = ?, value_double = ?, "
                   "value_json = ? WHERE %1 AND key = ? AND %2")
            .arg(scope, live);
    case InsertIfAbsent: // replaces only an expired entry
        return QLatin1String(kInsertColumns) +
               QStringLiteral(" WHERE entries.expires_at IS NOT NULL AND entries.expires_at <= ?");
    case Select:
        return QStringLiteral("SELECT %1 FROM entries WHERE %2 AND key = ?").arg(columns, scope);
    case DeleteExpiredKey:
        return QStringLiteral("DELETE FROM entries WHERE %1 AND key = ? AND expires_at <= ?").arg(scope);
    case DeleteReturning:
        return QStringLiteral("DELETE FROM entries WHERE %1 AND key = ? RETURNING %2").arg(scope, columns);
    case DeleteMany:
        return QStringLiteral("DELETE FROM entries WHERE %1 AND %2 AND %3").arg(scope, like, live);
    case List:
        return QStringLiteral(
                   "SELECT %1 FROM entries WHERE %2 AND key > ? AND %3 AND %4 ORDER BY key LIMIT ?")
            .arg(columns, scope, like, live);
    case Count:
        return QStringLiteral("SELECT count(*) FROM entries WHERE %1 AND %2 AND %3").arg(scope, like, live);
    case Incr: // a live JSON entry is left alone (no row comes back)
        return QStringLiteral(
                   "INSERT INTO entries (plugin_id, bucket, key, key_folded, expires_at, updated_at, size, "
                   "value_double, value_json) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, NULL) "
                   "ON CONFLICT (plugin_id, bucket, key) DO UPDATE SET value_double = CASE WHEN %1 THEN "
                   "entries.value_double + excluded.value_double ELSE excluded.value_double END, "
                   "value_json = NULL, expires_at = NULL, updated_at = excluded.updated_at, size = "
                   "excluded.size "
                   "WHERE entries.value_json IS NULL OR NOT %1 RETURNING value_double")
            .arg(QStringLiteral("(entries.expires_at IS NULL OR entries.expires_at > ?)"));
    case SortedAscending: // walks entries_by_value forwards
        return QStringLiteral("SELECT %1 FROM entries WHERE %2 AND %3 ORDER BY value_double IS NULL, "
                              "value_double, updated_at, key LIMIT ? OFFSET ?")
            .arg(columns, scope, live);
    case SortedDescending: // walks entries_by_value backwards
        return QStringLiteral("SELECT %1 FROM entries WHERE %2 AND %3 ORDER BY value_double IS NULL DESC, "
                              "value_double DESC, updated_at DESC, key DESC LIMIT ? OFFSET ?")
            .arg(columns, scope, live);
    case PurgeExpired:
        return QStringLiteral("DELETE FROM entries WHERE expires_at <= ?");
    case ReadUsage:
    case StatementCount:
        break;
    }
    return QStringLiteral("SELECT value FROM meta WHERE name = 'usage_bytes'");
}

StorageResult<StorageEntry> StorageDatabase::set(const StorageBucket& bucket, const QString& key,
                                                 const StorageValue& value,
                                                 std::optional<double> ttlSeconds) {
    using Result = StorageResult<StorageEntry>;
    const EncodedValue encoded = encode(value);
    QString error = validateWrite(key, value, encoded);
    const qint64 at = now();
    const std::optional<qint64> expiresAt =
        error.isEmpty() ? expiryFor(ttlSeconds, at, &error) : std::nullopt;
    if (error.isEmpty()) {
        error = checkStorageLimit();
    }
    if (!error.isEmpty()) {
        return Result::failure(error);
    }
    QSqlQuery& query = prepared(Upsert, &error);
    bindInsert(query, bucket, key, encoded, expiresAt, at);
    if (!run(query, &error)) {
        return Result::failure(error);
    }
    query.finish();
    return {StorageEntry{bucket.pluginId, bucket.name, key, value, expiresAt, at}, {}};
}

StorageResult<std::optional<StorageEntry>>
StorageDatabase::setIf(const StorageBucket& bucket, const QString& key, const StorageValue& value,
                       StorageSetCondition condition, std::optional<double> ttlSeconds) {
    using Result = StorageResult<std::optional<StorageEntry>>;
    const EncodedValue encoded = encode(value);
    QString error = validateWrite(key, value, encoded);
    const qint64 at = now();
    const std::optional<qint64> expiresAt =
        error.isEmpty() ? expiryFor(ttlSeconds, at, &error) : std::nullopt;
    if (error.isEmpty()) {
        error = checkStorageLimit();
    }
    if (!error.isEmpty()) {
        return Result::failure(error);
    }
    QSqlQuery* query = nullptr;
    if (condition == StorageSetCondition::IfNotExists) {
        query = &prepared(InsertIfAbsent, &error);
        bindInsert(*query, bucket, key, encoded, expiresAt, at);
        query->bindValue(9, at);
    } else {
        query = &prepared(UpdateIfLive, &error);
        query->bindValue(0, expiresAt ? QVariant(*expiresAt) : QVariant());
        query->bindValue(1, at);
        query->bindValue(2, entryBytes(bucket, key, encoded.bytes));
        query->bindValue(3, encoded.number);
        query->bindValue(4, encoded.json);
        query->bindValue(5, text(bucket.pluginId.value_or(QString())));
        query->bindValue(6, text(bucket.name));
        query->bindValue(7, text(key));
        query->bindValue(8, at);
    }
    if (!run(*query, &error)) {
        return Result::failure(error);
    }
    const bool written = query->numRowsAffected() > 0;
    query->finish();
    if (!written) {
        return {std::nullopt, {}};
    }
    return {StorageEntry{bucket.pluginId, bucket.name, key, value, expiresAt, at}, {}};
}

StorageResult<std::optional<StorageEntry>> StorageDatabase::get(const StorageBucket& bucket,
                                                                const QString& key) {
    using Result = StorageResult<std::optional<StorageEntry>>;
    QString error;
    QSqlQuery& query = prepared(Select, &error);
    bindBucket(query, bucket);
    query.bindValue(2, text(key));
    if (!run(query, &error)) {
        return Result::failure(error);
    }
    std::optional<StorageEntry> entry;
    if (query.next()) {
        entry = readEntry(query);
    }
    query.finish();
    const qint64 at = now();
    if (entry && !isLive(*entry, at)) {
        // Purge it on the way; a failure here (say, a busy file) does not fail the read.
        QSqlQuery& purge = prepared(DeleteExpiredKey, &error);
        bindBucket(purge, bucket);
        purge.bindValue(2, text(key));
        purge.bindValue(3, at);
        if (run(purge, &error)) {
            purge.finish();
        }
        entry.reset();
    }
    return {entry, {}};
}

StorageResult<std::optional<StorageEntry>> StorageDatabase::del(const StorageBucket& bucket,
                                                                const QString& key) {
    using Result = StorageResult<std::optional<StorageEntry>>;
    QString error;
    QSqlQuery& query = prepared(DeleteReturning, &error);
    bindBucket(query, bucket);
    query.bindValue(2, text(key));
    if (!run(query, &error)) {
        return Result::failure(error);
    }
    std::optional<StorageEntry> entry;
    if (query.next()) {
        entry = readEntry(query);
    }
    while (query.next()) {
    }
    query.finish();
    if (entry && !isLive(*entry, now())) {
        entry.reset(); // it had expired: gone either way, but not reported as deleted
    }
    noteDeleted(entry ? 1 : 0);
    return {entry, {}};
}

StorageResult<qint64> StorageDatabase::delMany(const StorageBucket& bucket, const QString& keyPattern) {
    QString error;
    const std::optional<QString> like = StoragePattern::toSqlLike(keyPattern, &error);
    if (!like) {
        return StorageResult<qint64>::failure(error);
    }
    QSqlQuery& query = prepared(DeleteMany, &error);
    bindBucket(query, bucket);
    query.bindValue(2, text(*like));
    query.bindValue(3, now());
    if (!run(query, &error)) {
        return StorageResult<qint64>::failure(error);
    }
    const qint64 deleted = query.numRowsAffected();
    query.finish();
    noteDeleted(deleted);
    return {deleted, {}};
}

StorageResult<QList<StorageEntry>> StorageDatabase::list(const StorageBucket& bucket,
                                                         const StorageListOptions& options) {
    using Result = StorageResult<QList<StorageEntry>>;
    QString error;
    const std::optional<QString> like = StoragePattern::toSqlLike(options.keyPattern, &error);
    if (!like) {
        return Result::failure(error);
    }
    QSqlQuery& query = prepared(List, &error);
    bindBucket(query, bucket);
    query.bindValue(2, text(options.after));
    query.bindValue(3, text(*like));
    query.bindValue(4, now());
    query.bindValue(5, std::clamp(options.limit, 0, maxListLimit));
    if (!run(query, &error)) {
        return Result::failure(error);
    }
    QList<StorageEntry> entries;
    while (query.next()) {
        entries.append(readEntry(query));
    }
    query.finish();
    return {entries, {}};
}

StorageResult<qint64> StorageDatabase::count(const StorageBucket& bucket, const QString& keyPattern) {
    QString error;
    const std::optional<QString> like = StoragePattern::toSqlLike(keyPattern, &error);
    if (!like) {
        return StorageResult<qint64>::failure(error);
    }
    QSqlQuery& query = prepared(Count, &error);
    bindBucket(query, bucket);
    query.bindValue(2, text(*like));
    query.bindValue(3, now());
    if (!run(query, &error)) {
        return StorageResult<qint64>::failure(error);
    }
    const qint64 found = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return {found, {}};
}

StorageResult<StorageEntry> StorageDatabase::incr(const StorageBucket& bucket, const QString& key,
                                                  double amount) {
    using Result = StorageResult<StorageEntry>;
    if (std::isnan(amount)) {
        return Result::failure(QStringLiteral("amount must be a number, not NaN"));
    }
    if (key.toUtf8().size() > maxKeyBytes) {
        return Result::failure(QStringLiteral("key too long (max 256 bytes)"));
    }
    QString error = checkStorageLimit();
    if (!error.isEmpty()) {
        return Result::failure(error);
    }
    const qint64 at = now();
    QSqlQuery& query = prepared(Incr, &error);
    bindBucket(query, bucket);
    query.bindValue(2, text(key));
    query.bindValue(3, text(StoragePattern::fold(key)));
    query.bindValue(4, at);
    query.bindValue(5, entryBytes(bucket, key, 8));
    query.bindValue(6, amount);
    query.bindValue(7, at);
    query.bindValue(8, at);
    if (!run(query, &error)) {
        if ((query.lastError().nativeErrorCode().toInt() & 0xff) ==
            19) { // SQLITE_CONSTRAINT: NaN is stored as NULL
            return Result::failure(QStringLiteral("incr would make the value not a number"));
        }
        return Result::failure(error);
    }
    const std::optional<double> value =
        query.next() ? std::optional(query.value(0).toDouble()) : std::nullopt;
    while (query.next()) {
    }
    query.finish();
    if (!value) {
        return Result::failure(kWrongType); // a live {json} entry
    }
    return {
        StorageEntry{bucket.pluginId, bucket.name, key, StorageValue::fromDouble(*value), std::nullopt, at},
        {}};
}

StorageResult<QList<StorageEntry>> StorageDatabase::sortedList(const StorageBucket& bucket,
                                                               StorageOrder order, int offset, int limit) {
    using Result = StorageResult<QList<StorageEntry>>;
    QString error;
    QSqlQuery& query =
        prepared(order == StorageOrder::Ascending ? SortedAscending : SortedDescending, &error);
    bindBucket(query, bucket);
    query.bindValue(2, now());
    query.bindValue(3, std::clamp(limit, 0, maxListLimit));
    query.bindValue(4, std::max(offset, 0));
    if (!run(query, &error)) {
        return Result::failure(error);
    }
    QList<StorageEntry> entries;
    while (query.next()) {
        entries.append(readEntry(query));
    }
    query.finish();
    return {entries, {}};
}

} // namespace botwright::project
