#include "engine/project/storage_database.h"

#include "engine/project/storage_pattern.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QVariant>

#include <atomic>
#include <cmath>

namespace botwright::project {

namespace {

const QString kDriver = QStringLiteral("QSQLITE");
const QString kLimitMessage = QStringLiteral("hit storage limit, delete some entries");

// SQLite primary result codes (sqlite3.h), as Qt reports them in QSqlError::nativeErrorCode().
enum SqliteCode {
    Perm = 3,
    Busy = 5,
    Locked = 6,
    ReadOnly = 8,
    IoErr = 10,
    Corrupt = 11,
    CantOpen = 14,
    NotADb = 26
};

} // namespace

QString StorageDatabase::pathForProject(const QString& projectRoot) {
    return QDir(projectRoot).filePath(QStringLiteral(".botwright/storage.sqlite"));
}

std::unique_ptr<StorageDatabase> StorageDatabase::open(const QString& path, QString* error,
                                                       StorageOptions options) {
    static std::atomic<quint64> connections{0};
    const QString name = QStringLiteral("botwright-storage-%1").arg(++connections);
    std::unique_ptr<StorageDatabase> database(new StorageDatabase(path, name, std::move(options)));
    if (!database->openFile(error)) {
        return nullptr;
    }
    return database;
}

StorageDatabase::StorageDatabase(QString path, QString connectionName, StorageOptions options)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
    , m_options(std::move(options)) {
    if (!m_options.now) {
        m_options.now = [] { return QDateTime::currentMSecsSinceEpoch(); };
    }
}

StorageDatabase::~StorageDatabase() {
    if (m_inBatch) {
        rollbackBatch();
    }
    for (std::optional<QSqlQuery>& statement : m_statements) {
        statement.reset();
    }
    const bool added = m_db.isValid();
    m_db.close();
    m_db = QSqlDatabase();
    if (added) {
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

qint64 StorageDatabase::now() const {
    return m_options.now();
}

QString StorageDatabase::describe(const QSqlQuery& query, const QString& action) const {
    const QSqlError sqlError = query.lastError();
    const int code = sqlError.nativeErrorCode().toInt() & 0xff;
    const QString detail = sqlError.databaseText().isEmpty() ? sqlError.text() : sqlError.databaseText();
    switch (code) {
    case Busy:
    case Locked:
        return QStringLiteral("the script storage %1 is locked by another program (%2) while trying to %3; "
                              "close the other program or Botwright window using this project and try again")
            .arg(QDir::toNativeSeparators(m_path), detail, action);
    case Corrupt:
    case NotADb:
        return QStringLiteral(
                   "the script storage %1 is damaged or is not a SQLite database (%2); Botwright left "
                   "the file untouched: move it aside or restore a backup, then reopen the project "
                   "to start with empty storage")
            .arg(QDir::toNativeSeparators(m_path), detail);
    case Perm:
    case ReadOnly:
    case IoErr:
    case CantOpen:
        return QStringLiteral(
                   "the script storage %1 could not be used while trying to %2 (%3); check that the "
                   "file and its folder can be read and written and that the disk is not full")
            .arg(QDir::toNativeSeparators(m_path), action, detail);
    default:
        return QStringLiteral("the script storage failed to %1: %2").arg(action, detail);
    }
}

bool StorageDatabase::execute(const QString& sql, QString* error) {
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        *error = describe(query, QStringLiteral("run \"%1\"").arg(sql.section(QLatin1Char(' '), 0, 2)));
        return false;
    }
    return true;
}

bool StorageDatabase::openFile(QString* error) {
    const QFileInfo info(m_path);
    const QString shown = QDir::toNativeSeparators(m_path);
    if (info.exists() && !info.isFile()) {
        *error = QStringLiteral("cannot open the script storage %1: it is not a file").arg(shown);
        return false;
    }
    if (!QDir().mkpath(info.absolutePath())) {
        *error = QStringLiteral("cannot create the folder %1 for the script storage")
                     .arg(QDir::toNativeSeparators(info.absolutePath()));
        return false;
    }
    if (!QSqlDatabase::isDriverAvailable(kDriver)) {
        *error =
            QStringLiteral("Qt's SQLite driver (QSQLITE) is missing, so script storage cannot be opened; "
                           "install the libqt6sql6-sqlite package");
        return false;
    }
    m_db = QSqlDatabase::addDatabase(kDriver, m_connectionName);
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_options.busyTimeoutMs));
    if (!m_db.open()) {
        *error =
            QStringLiteral("cannot open the script storage %1 (%2); check that the file and its folder can "
                           "be read and written")
                .arg(shown, m_db.lastError().databaseText());
        return false;
    }
    // Read-only checks first: nothing is written to a file that turns out to be damaged or foreign.
    QSqlQuery check(m_db);
    if (!check.exec(QStringLiteral("PRAGMA quick_check(1)")) || !check.next()) {
        *error = describe(check, QStringLiteral("read it"));
        return false;
    }
    if (check.value(0).toString() != QLatin1String("ok")) {
        *error =
            QStringLiteral("the script storage %1 is damaged (%2); Botwright left the file untouched: move "
                           "it aside or restore a backup, then reopen the project to start with empty "
                           "storage")
                .arg(shown, check.value(0).toString().simplified());
        return false;
    }
    check.finish();
    if (!checkAndUpgradeSchema(error)) {
        return false;
    }
    QSqlQuery mode(m_db);
    if (!mode.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !mode.next()) {
        *error = describe(mode, QStringLiteral("switch it to WAL mode"));
        return false;
    }
    mode.finish();
    // In WAL mode NORMAL never corrupts and keeps every commit across a crash of the program; only a
    // power cut can take back the last commits.
    if (!execute(QStringLiteral("PRAGMA synchronous=NORMAL"), error) || !refoldKeysIfNeeded(error)) {
        return false;
    }
    const StorageResult<qint64> purged = purgeExpired();
    if (!purged.ok()) {
        *error = purged.error;
        return false;
    }
    return true;
}

bool StorageDatabase::checkAndUpgradeSchema(QString* error) {
    const QString shown = QDir::toNativeSeparators(m_path);
    QSqlQuery tables(m_db);
    if (!tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                    "'sqlite\\_%' ESCAPE '\\'"))) {
        *error = describe(tables, QStringLiteral("read it"));
        return false;
    }
    QStringList names;
    while (tables.next()) {
        names.append(tables.value(0).toString());
    }
    tables.finish();
    if (names.isEmpty()) {
        return createSchema(error);
    }
    const QString foreign =
        QStringLiteral("%1 is not a Botwright script storage file (%2); Botwright left it "
                       "untouched: move it aside, then reopen the project to start with "
                       "empty storage")
            .arg(shown);
    if (!names.contains(QLatin1String("meta")) || !names.contains(QLatin1String("entries"))) {
        *error = foreign.arg(QStringLiteral("its tables are not Botwright's"));
        return false;
    }
    QSqlQuery version(m_db);
    if (!version.exec(QStringLiteral("SELECT value FROM meta WHERE name = 'schema_version'"))) {
        *error = describe(version, QStringLiteral("read its schema version"));
        return false;
    }
    if (!version.next()) {
        *error = foreign.arg(QStringLiteral("it has no schema version"));
        return false;
    }
    const int found = version.value(0).toInt();
    version.finish();
    if (found > schemaVersion) {
        *error =
            QStringLiteral("the script storage %1 was written by a newer Botwright (storage schema %2; this "
                           "version reads up to %3); update Botwright, or open a copy of the project")
                .arg(shown)
                .arg(found)
                .arg(schemaVersion);
        return false;
    }
    if (found < 1) {
        *error = foreign.arg(QStringLiteral("schema version %1").arg(found));
        return false;
    }
    // Upgrades from older schemas go here, each one additive (new tables, columns, indexes) and all of
    // them in one transaction with the new schema_version. Version 1 is the first.
    return true;
}

bool StorageDatabase::createSchema(QString* error) {
    const QStringList statements{
        QStringLiteral("BEGIN IMMEDIATE"),
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL)"),
        // plugin_id '' = a guild script (pluginId null); a guild column, if ever needed, joins the key.
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS entries (plugin_id TEXT NOT NULL, bucket TEXT NOT NULL, "
            "key TEXT NOT NULL, key_folded TEXT NOT NULL, expires_at INTEGER, "
            "updated_at INTEGER NOT NULL, size INTEGER NOT NULL, value_double REAL, value_json BLOB, "
            "UNIQUE (plugin_id, bucket, key), "
            "CHECK ((value_json IS NULL) <> (value_double IS NULL)))"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS entries_by_expiry ON entries (expires_at) "
                       "WHERE expires_at IS NOT NULL"),
        // sorted_list in either direction walks this index: {json} entries (no double) sort last
        // ascending and first descending, PostgreSQL's NULL order.
        QStringLiteral("CREATE INDEX IF NOT EXISTS entries_by_value ON entries (plugin_id, bucket, "
                       "value_double IS NULL, value_double, updated_at, key)"),
        // usage_bytes follows every change, so checking usage never scans the table.
        QStringLiteral("CREATE TRIGGER IF NOT EXISTS entries_usage_insert AFTER INSERT ON entries BEGIN "
                       "UPDATE meta SET value = value + NEW.size WHERE name = 'usage_bytes'; END"),
        QStringLiteral("CREATE TRIGGER IF NOT EXISTS entries_usage_delete AFTER DELETE ON entries BEGIN "
                       "UPDATE meta SET value = value - OLD.size WHERE name = 'usage_bytes'; END"),
        QStringLiteral(
            "CREATE TRIGGER IF NOT EXISTS entries_usage_update AFTER UPDATE OF size ON entries BEGIN "
            "UPDATE meta SET value = value - OLD.size + NEW.size WHERE name = 'usage_bytes'; END"),
        QStringLiteral("INSERT OR IGNORE INTO meta (name, value) VALUES ('schema_version', %1), "
                       "('key_fold_version', %2), ('usage_bytes', 0)")
            .arg(schemaVersion)
            .arg(StoragePattern::foldVersion()),
        QStringLiteral("COMMIT"),
    };
    for (const QString& sql : statements) {
        if (!execute(sql, error)) {
            QString ignored;
            execute(QStringLiteral("ROLLBACK"), &ignored);
            return false;
        }
    }
    return true;
}

bool StorageDatabase::refoldKeysIfNeeded(QString* error) {
    QSqlQuery version(m_db);
    if (!version.exec(QStringLiteral("SELECT value FROM meta WHERE name = 'key_fold_version'"))) {
        *error = describe(version, QStringLiteral("read it"));
        return false;
    }
    const bool current = version.next() && version.value(0).toInt() == StoragePattern::foldVersion();
    version.finish();
    if (current) {
        return true;
    }
    // Qt's Unicode tables changed since the keys were folded: fold them again, all or nothing.
    if (!execute(QStringLiteral("BEGIN IMMEDIATE"), error)) {
        return false;
    }
    QSqlQuery keys(m_db);
    QSqlQuery update(m_db);
    const auto fail = [&](const QSqlQuery& failed) {
        *error = describe(failed, QStringLiteral("update its key folding"));
        keys.finish();
        QString ignored;
        execute(QStringLiteral("ROLLBACK"), &ignored);
        return false;
    };
    if (!keys.exec(QStringLiteral("SELECT rowid, key FROM entries"))) {
        return fail(keys);
    }
    if (!update.prepare(QStringLiteral("UPDATE entries SET key_folded = ? WHERE rowid = ?"))) {
        return fail(update);
    }
    while (keys.next()) {
        update.bindValue(0, StoragePattern::fold(keys.value(1).toString()));
        update.bindValue(1, keys.value(0));
        if (!update.exec()) {
            return fail(update);
        }
    }
    keys.finish();
    if (!update.exec(
            QStringLiteral("INSERT OR REPLACE INTO meta (name, value) VALUES ('key_fold_version', %1)")
                .arg(StoragePattern::foldVersion()))) {
        return fail(update);
    }
    if (!execute(QStringLiteral("COMMIT"), error)) {
        QString ignored;
        execute(QStringLiteral("ROLLBACK"), &ignored);
        return false;
    }
    return true;
}

QSqlQuery& StorageDatabase::prepared(Statement statement, QString* error) {
    std::optional<QSqlQuery>& slot = m_statements[statement];
    if (!slot || !m_prepared[statement]) {
        // Preparing reads the schema, which can meet a locked file: then it is tried again next time.
        slot.emplace(m_db);
        slot->setForwardOnly(true);
        m_prepared[statement] = slot->prepare(sqlFor(statement));
        if (!m_prepared[statement]) {
            *error = describe(*slot, QStringLiteral("prepare a statement"));
        }
    }
    return *slot;
}

bool StorageDatabase::run(QSqlQuery& query, QString* error) {
    if (!error->isEmpty()) {
        return false; // from prepared()
    }
    if (!query.exec()) {
        *error = describe(query, QStringLiteral("access it"));
        return false;
    }
    return true;
}

QString StorageDatabase::checkStorageLimit() {
    if (m_limitReached) {
        return kLimitMessage;
    }
    if (m_writesUntilCheck > 0) {
        --m_writesUntilCheck;
        return {};
    }
    const StorageResult<qint64> usage = usageBytes();
    if (!usage.ok()) {
        return usage.error;
    }
    if (usage.value >= m_options.storageLimitBytes) {
        m_limitReached = true;
        return kLimitMessage;
    }
    m_writesUntilCheck = writesPerUsageCheck - 1;
    return {};
}

void StorageDatabase::noteDeleted(qint64 count) {
    if (count > 0) {
        m_limitReached = false; // the next write checks usage again
    }
}

void StorageDatabase::setStorageLimitBytes(qint64 bytes) {
    m_options.storageLimitBytes = bytes;
    m_limitReached = false;
    m_writesUntilCheck = 0;
}

StorageResult<qint64> StorageDatabase::purgeExpired() {
    QString error;
    QSqlQuery& query = prepared(PurgeExpired, &error);
    query.bindValue(0, now());
    if (!run(query, &error)) {
        return StorageResult<qint64>::failure(error);
    }
    const qint64 purged = query.numRowsAffected();
    query.finish();
    return {purged, {}};
}

StorageResult<qint64> StorageDatabase::usageBytes() {
    const StorageResult<qint64> purged = purgeExpired();
    if (!purged.ok()) {
        return purged;
    }
    QString error;
    QSqlQuery& query = prepared(ReadUsage, &error);
    if (!run(query, &error)) {
        return StorageResult<qint64>::failure(error);
    }
    const qint64 bytes = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return {bytes, {}};
}

bool StorageDatabase::beginBatch(QString* error) {
    if (m_inBatch) {
        *error = QStringLiteral("a storage batch is already open");
        return false;
    }
    m_inBatch = execute(QStringLiteral("BEGIN IMMEDIATE"), error);
    return m_inBatch;
}

bool StorageDatabase::commitBatch(QString* error) {
    if (!m_inBatch) {
        *error = QStringLiteral("no storage batch is open");
        return false;
    }
    if (!execute(QStringLiteral("COMMIT"), error)) {
        rollbackBatch();
        return false;
    }
    m_inBatch = false;
    return true;
}

void StorageDatabase::rollbackBatch() {
    QString ignored;
    execute(QStringLiteral("ROLLBACK"), &ignored);
    m_inBatch = false;
}

} // namespace botwright::project
