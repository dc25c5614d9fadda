#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

namespace botwright::project {

// One scheduled task (botloader-sdk.md §6.2). A null plugin id is an empty string here.
struct ScheduledTask {
    qint64 id = 0;
    QString pluginId;
    QString ns;  // the bucket name ("namespace")
    QString key; // empty when none
    qint64 executeAtMs = 0;
    QByteArray dataJson = "null";
    // {id, pluginId, namespace, key?, executeAt, data} as the SDK sees it.
    QJsonObject toJson() const;
};

// The project's scheduled tasks and interval timers' last runs, persisted in
// <project>/.botwright/tasks.sqlite so they survive VM restarts and studio restarts. One thread.
class TaskStore final {
public:
    static constexpr int maxDataBytes = 1000; // free plan: JSON-serialised data
    static constexpr int maxTasks = 10000;    // free plan: tasks per guild
    static constexpr int pageSize = 25;

    static QString pathForProject(const QString& projectRoot);
    static std::unique_ptr<TaskStore> open(const QString& path, QString* error);
    ~TaskStore();
    TaskStore(const TaskStore&) = delete;
    TaskStore& operator=(const TaskStore&) = delete;

    // Schedules (or, with a key that exists in the bucket, replaces) a task. Fails with the SDK's
    // messages on the data size and task count limits.
    std::optional<ScheduledTask> schedule(const QString& pluginId, const QString& ns, const QString& key,
                                          qint64 executeAtMs, const QByteArray& dataJson, QString* error);
    std::optional<ScheduledTask> byId(qint64 id);
    bool deleteById(qint64 id);
    std::optional<ScheduledTask> byKey(const QString& pluginId, const QString& ns, const QString& key);
    bool deleteByKey(const QString& pluginId, const QString& ns, const QString& key);
    int deleteAll(const QString& pluginId, const QString& ns);
    // Up to pageSize tasks with id > afterId, ascending; `ns` empty: every bucket of the plugin id.
    QList<ScheduledTask> many(const QString& pluginId, const QString& ns, qint64 afterId);
    // Tasks due at `nowMs` (oldest first), at most `limit`.
    QList<ScheduledTask> due(qint64 nowMs, int limit);
    // The earliest execute time of any task, if any.
    std::optional<qint64> earliest();
    int count();

    std::optional<qint64> lastRun(const QString& pluginId, const QString& timer);
    void setLastRun(const QString& pluginId, const QString& timer, qint64 ms);

    QString lastError() const { return m_lastError; }

private:
    TaskStore(QString path, QString connection);
    QList<ScheduledTask> select(const QString& where, const QVariantList& binds);

    QString m_path;
    QString m_connection;
    QSqlDatabase m_db;
    QString m_lastError;
};

} // namespace botwright::project
