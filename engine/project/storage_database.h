#pragma once

#include "engine/project/storage_types.h"

#include <QJsonValue>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <array>
#include <memory>
#include <optional>

namespace botwright::project {

// The script storage of one project (Botloader's `Storage` buckets, SDK reference §5): one SQLite
// file, `<project>/.botwright/storage.sqlite`, opened through Qt SQL (QSQLITE) in WAL mode.
//
// An entry is (plugin id or none, bucket name, key) → value `{json}` or `{double}`, with an optional
// expiry and the time of its last update. Every op is a single SQL statement, so it is one atomic
// transaction even with other instances (other processes) on the same file; beginBatch() groups
// several ops into one transaction. Expired entries are invisible at once and purged lazily (when a
// write replaces them, when get() or del() meets them, when usage is checked) and by purgeExpired().
//
// An instance owns its own uniquely named QSqlDatabase connection and must be used from the thread
// that opened it. Opening never changes a file it cannot understand: a corrupt, foreign or newer
// file is reported and left as it is; schema upgrades only add.
class StorageDatabase final {
public:
    static constexpr int schemaVersion = 1;
    static constexpr int maxKeyBytes = 256;
    static constexpr qint64 maxValueBytes = 1'000'000;
    static constexpr int maxListLimit = 100;
    static constexpr int defaultListLimit = 25;
    static constexpr int writesPerUsageCheck = 11; // usage is re-checked on every 11th write

    // `<projectRoot>/.botwright/storage.sqlite`
    static QString pathForProject(const QString& projectRoot);

    // Opens the file, creating it (and its folder) when missing. nullptr and a readable error when
    // the file cannot be used.
    static std::unique_ptr<StorageDatabase> open(const QString& path, QString* error,
                                                 StorageOptions options = {});
    ~StorageDatabase();
    StorageDatabase(const StorageDatabase&) = delete;
    StorageDatabase& operator=(const StorageDatabase&) = delete;

    QString path() const { return m_path; }

    // The op boundary the script host calls: Botloader's op names without the
    // `op_botloader_bucket_storage_` prefix (the prefixed names are accepted too) and their JSON
    // arguments (§9.2). Returns the op's result; on failure returns an undefined QJsonValue and sets
    // *error to the message the script's promise rejects with.
    QJsonValue call(const QString& op, const QJsonValue& args, QString* error);
    static QStringList opNames();

    // The ops, typed.
    StorageResult<StorageEntry> set(const StorageBucket& bucket, const QString& key,
                                    const StorageValue& value,
                                    std::optional<double> ttlSeconds = std::nullopt);
    // nullopt (no entry) when the condition fails; expired entries count as absent.
    StorageResult<std::optional<StorageEntry>> setIf(const StorageBucket& bucket, const QString& key,
                                                     const StorageValue& value, StorageSetCondition condition,
                                                     std::optional<double> ttlSeconds = std::nullopt);
    StorageResult<std::optional<StorageEntry>> get(const StorageBucket& bucket, const QString& key);
    StorageResult<std::optional<StorageEntry>> del(const StorageBucket& bucket, const QString& key);
    StorageResult<qint64> delMany(const StorageBucket& bucket,
                                  const QString& keyPattern = QStringLiteral("%"));
    StorageResult<QList<StorageEntry>> list(const StorageBucket& bucket,
                                            const StorageListOptions& options = {});
    StorageResult<qint64> count(const StorageBucket& bucket, const QString& keyPattern = QStringLiteral("%"));
    StorageResult<StorageEntry> incr(const StorageBucket& bucket, const QString& key, double amount);
    StorageResult<QList<StorageEntry>> sortedList(const StorageBucket& bucket, StorageOrder order,
                                                  int offset = 0, int limit = defaultListLimit);

    // Deletes every expired entry now; returns how many.
    StorageResult<qint64> purgeExpired();
    // Bytes used by live entries: UTF-8 plugin id + bucket + key + value (JSON text, or 8 for a
    // double) + 32 per entry. Purges expired entries first.
    StorageResult<qint64> usageBytes();
    qint64 storageLimitBytes() const { return m_options.storageLimitBytes; }
    void setStorageLimitBytes(qint64 bytes);
    // True after a usage check found the limit hit; writes then fail until a delete removes something.
    bool storageLimitReached() const { return m_limitReached; }

    // Groups the following ops into one transaction (each op stays atomic on its own).
    bool beginBatch(QString* error);
    bool commitBatch(QString* error);
    void rollbackBatch();
    bool inBatch() const { return m_inBatch; }

private:
    enum Statement {
        Upsert,
        UpdateIfLive,
        InsertIfAbsent,
        Select,
        DeleteExpiredKey,
        DeleteReturning,
        DeleteMany,
        List,
        Count,
        Incr,
        SortedAscending,
        SortedDescending,
        PurgeExpired,
        ReadUsage,
        StatementCount
    };

    StorageDatabase(QString path, QString connectionName, StorageOptions options);
    static QString sqlFor(Statement statement);
    bool openFile(QString* error);
    bool checkAndUpgradeSchema(QString* error);
    bool createSchema(QString* error);
    bool refoldKeysIfNeeded(QString* error);
    bool execute(const QString& sql, QString* error);
    // The statement, prepared once per connection; a failure to prepare lands in *error, which
    // run() then reports.
    QSqlQuery& prepared(Statement statement, QString* error);
    bool run(QSqlQuery& query, QString* error);
    QString describe(const QSqlQuery& query, const QString& action) const;
    qint64 now() const;
    // The storage-limit gate of every write (Botloader's): "" when the write may go ahead.
    QString checkStorageLimit();
    void noteDeleted(qint64 count);

    QString m_path;
    QString m_connectionName;
    StorageOptions m_options;
    QSqlDatabase m_db;
    std::array<std::optional<QSqlQuery>, StatementCount> m_statements;
    std::array<bool, StatementCount> m_prepared{};
    bool m_limitReached = false;
    int m_writesUntilCheck = 0;
    bool m_inBatch = false;
};

} // namespace botwright::project
