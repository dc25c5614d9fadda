#include "engine/project/task_store.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <atomic>

namespace botwright::project {

namespace {

const char* const kColumns = "id, plugin_id, namespace, task_key, execute_at, data";

ScheduledTask readTask(const QSqlQuery& q) {
    ScheduledTask t;
    t.id = q.value(0).toLongLong();
    t.pluginId = q.value(1).toString();
    t.ns = q.value(2).toString();
    t.key = q.value(3).toString();
    t.executeAtMs = q.value(4).toLongLong();
    t.dataJson = q.value(5).toByteArray();
    return t;
}

} // namespace

QJsonObject ScheduledTask::toJson() const {
    QJsonObject o{{QStringLiteral("id"), static_cast<double>(id)},
                  {QStringLiteral("pluginId"),
                   pluginId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(pluginId)},
                  {QStringLiteral("namespace"), ns},
                  {QStringLiteral("executeAt"), static_cast<double>(executeAtMs)}};
    if (!key.isEmpty())
        o.insert(QStringLiteral("key"), key);
    const QJsonDocument data = QJsonDocument::fromJson("[" + dataJson + "]");
    o.insert(QStringLiteral("data"), data.array().at(0));
    return o;
}

QString TaskStore::pathForProject(const QString& projectRoot) {
    return QDir(projectRoot).filePath(QStringLiteral(".botwright/tasks.sqlite"));
}

TaskStore::TaskStore(QString path, QString connection)
    : m_path(std::move(path))
    , m_connection(std::move(connection)) {}

TaskStore::~TaskStore() {
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

std::unique_ptr<TaskStore> TaskStore::open(const QString& path, QString* error) {
    static std::atomic<int> serial{0};
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = QStringLiteral("cannot create the folder for %1").arg(path);
        return nullptr;
    }
    std::unique_ptr<TaskStore> store(
        new TaskStore(path, QStringLiteral("botwright-tasks-%1").arg(serial.fetch_add(1))));
    store->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), store->m_connection);
    store->m_db.setDatabaseName(path);
    if (!store->m_db.open()) {
        *error =
            QStringLiteral("cannot open the task database %1: %2").arg(path, store->m_db.lastError().text());
        return nullptr;
    }
    QSqlQuery q(store->m_db);
    for (const char* sql :
         {"PRAGMA journal_mode=WAL",
          "CREATE TABLE IF NOT EXISTS tasks (id INTEGER PRIMARY KEY AUTOINCREMENT, plugin_id TEXT NOT NULL, "
          "namespace TEXT NOT NULL, task_key TEXT NOT NULL DEFAULT '', execute_at INTEGER NOT NULL, data "
          "TEXT NOT NULL)",
          "CREATE UNIQUE INDEX IF NOT EXISTS tasks_by_key ON tasks (plugin_id, namespace, task_key) WHERE "
          "task_key <> ''",
          "CREATE INDEX IF NOT EXISTS tasks_by_time ON tasks (execute_at)",
          "CREATE TABLE IF NOT EXISTS interval_timers (plugin_id TEXT NOT NULL, name TEXT NOT NULL, "
          "last_run INTEGER NOT NULL, PRIMARY KEY (plugin_id, name))"}) {
        if (!q.exec(QString::fromLatin1(sql))) {
            *error = QStringLiteral("the task database %1 is not usable: %2").arg(path, q.lastError().text());
            return nullptr;
        }
    }
    return store;
}

QList<ScheduledTask> TaskStore::select(const QString& where, const QVariantList& binds) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM tasks WHERE %2").arg(QLatin1String(kColumns), where));
    for (const QVariant& b : binds)
        q.addBindValue(b);
    QList<ScheduledTask> out;
    if (!q.exec()) {
        m_lastError = q.lastError().text();
        return out;
    }
    while (q.next())
        out.append(readTask(q));
    return out;
}

std::optional<ScheduledTask> TaskStore::schedule(const QString& pluginId, const QString& ns,
                                                 const QString& key, qint64 executeAtMs,
                                                 const QByteArray& dataJson, QString* error) {
    if (dataJson.size() > maxDataBytes) {
        *error = QStringLiteral("data cannot be over %1bytes on your guild's plan").arg(maxDataBytes);
        return std::nullopt;
    }
    const bool replaces = !key.isEmpty() && byKey(pluginId, ns, key).has_value();
    if (!replaces && count() >= maxTasks) {
        *error = QStringLiteral("max %1 can be scheduled on this guild's plan").arg(maxTasks);
        return std::nullopt;
    }
    QSqlQuery q(m_db);
    if (replaces) {
        q.prepare(QStringLiteral("UPDATE tasks SET execute_at = ?, data = ? WHERE plugin_id = IFNULL(?, '') "
                                 "AND namespace = IFNULL(?, '') "
                                 "AND task_key = IFNULL(?, '')"));
        q.addBindValue(executeAtMs);
        q.addBindValue(QString::fromUtf8(dataJson));
        q.addBindValue(pluginId);
        q.addBindValue(ns);
        q.addBindValue(key);
    } else {
        q.prepare(QStringLiteral("INSERT INTO tasks (plugin_id, namespace, task_key, execute_at, data) "
                                 "VALUES (IFNULL(?, ''), IFNULL(?, ''), IFNULL(?, ''), ?, ?)"));
        q.addBindValue(pluginId);
        q.addBindValue(ns);
        q.addBindValue(key);
        q.addBindValue(executeAtMs);
        q.addBindValue(QString::fromUtf8(dataJson));
    }
    if (!q.exec()) {
        *error = QStringLiteral("the task could not be stored: %1").arg(q.lastError().text());
        return std::nullopt;
    }
    return replaces ? byKey(pluginId, ns, key) : byId(q.lastInsertId().toLongLong());
}

std::optional<ScheduledTask> TaskStore::byId(qint64 id) {
    const QList<ScheduledTask> t = select(QStringLiteral("id = ?"), {id});
    return t.isEmpty() ? std::nullopt : std::optional(t.first());
}

bool TaskStore::deleteById(qint64 id) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM tasks WHERE id = ?"));
    q.addBindValue(id);
    return q.exec() && q.numRowsAffected() > 0;
}

std::optional<ScheduledTask> TaskStore::byKey(const QString& pluginId, const QString& ns,
                                              const QString& key) {
    const QList<ScheduledTask> t =
        select(QStringLiteral(
                   "plugin_id = IFNULL(?, '') AND namespace = IFNULL(?, '') AND task_key = IFNULL(?, '')"),
               {pluginId, ns, key});
    return t.isEmpty() ? std::nullopt : std::optional(t.first());
}

bool TaskStore::deleteByKey(const QString& pluginId, const QString& ns, const QString& key) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM tasks WHERE plugin_id = IFNULL(?, '') AND namespace = IFNULL(?, "
                             "'') AND task_key = IFNULL(?, '')"));
    q.addBindValue(pluginId);
    q.addBindValue(ns);
    q.addBindValue(key);
    return q.exec() && q.numRowsAffected() > 0;
}

int TaskStore::deleteAll(const QString& pluginId, const QString& ns) {
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("DELETE FROM tasks WHERE plugin_id = IFNULL(?, '') AND namespace = IFNULL(?, '')"));
    q.addBindValue(pluginId);
    q.addBindValue(ns);
    return q.exec() ? q.numRowsAffected() : 0;
}

QList<ScheduledTask> TaskStore::many(const QString& pluginId, const QString& ns, qint64 afterId) {
    if (ns.isEmpty())
        return select(
            QStringLiteral("plugin_id = IFNULL(?, '') AND id > ? ORDER BY id LIMIT %1").arg(pageSize),
            {pluginId, afterId});
    return select(
        QStringLiteral(
            "plugin_id = IFNULL(?, '') AND namespace = IFNULL(?, '') AND id > ? ORDER BY id LIMIT %1")
            .arg(pageSize),
        {pluginId, ns, afterId});
}

QList<ScheduledTask> TaskStore::due(qint64 nowMs, int limit) {
    return select(QStringLiteral("execute_at <= ? ORDER BY execute_at, id LIMIT %1").arg(limit), {nowMs});
}

std::optional<qint64> TaskStore::earliest() {
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT MIN(execute_at) FROM tasks")) && q.next() && !q.value(0).isNull())
        return q.value(0).toLongLong();
    return std::nullopt;
}

int TaskStore::count() {
    QSqlQuery q(m_db);
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM tasks")) && q.next() ? q.value(0).toInt() : 0;
}

std::optional<qint64> TaskStore::lastRun(const QString& pluginId, const QString& timer) {
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT last_run FROM interval_timers WHERE plugin_id = IFNULL(?, '') AND name = ?"));
    q.addBindValue(pluginId);
    q.addBindValue(timer);
    if (q.exec() && q.next())
        return q.value(0).toLongLong();
    return std::nullopt;
}

void TaskStore::setLastRun(const QString& pluginId, const QString& timer, qint64 ms) {
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("INSERT INTO interval_timers (plugin_id, name, last_run) VALUES (IFNULL(?, ''), ?, ?) "
                       "ON CONFLICT (plugin_id, name) DO UPDATE SET last_run = excluded.last_run"));
    q.addBindValue(pluginId);
    q.addBindValue(timer);
    q.addBindValue(ms);
    if (!q.exec())
        m_lastError = q.lastError().text();
}

} // namespace botwright::project
