#pragma once

#include "engine/runtime/cron_schedule.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <optional>

namespace botwright::project {
class TaskStore;
}

namespace botwright::runtime {

// Interval timers and scheduled tasks (botloader-sdk.md §6): learns from each script's ScriptMeta
// which timers and task buckets it registered, fires BOTLOADER_INTERVAL_TIMER_FIRED and
// BOTLOADER_SCHEDULED_TASK_FIRED when due, serves the task_* ops, and persists last runs and tasks in
// a TaskStore so they survive restarts and fire once (a task is deleted, a timer's last run
// recorded, when its event has been handed to the VM). Its clock is the sandbox clock: real time,
// plus what the person fast-forwarded, at an adjustable rate, so a 1-hour interval can be tested in
// seconds. One thread (the runtime's).
class ScriptScheduler final : public QObject {
    Q_OBJECT
public:
    explicit ScriptScheduler(project::TaskStore* store, QObject* parent = nullptr);
    ~ScriptScheduler() override;

    void setGuildId(quint64 guildId) { m_guildId = guildId; }
    // A new VM is loading: forget what the old one registered and stop firing until setRunning.
    void beginLoad();
    // One script's ScriptMeta: its intervalTimers [{name, interval}] and taskBuckets [{name, pluginId}].
    // A bad interval is reported through `warning` and skipped.
    void addScriptMeta(const QJsonObject& meta);
    void setRunning(bool running);

    // ---- the sandbox clock ----
    qint64 nowMs() const; // ms since the epoch, as the scheduler sees it
    void advance(qint64 ms);
    void setRate(double rate); // 1 = real time; 3600 = an hour per second
    double rate() const { return m_rate; }
    qint64 offsetMs() const; // how far the clock is ahead of real time

    // "90s", "15m", "2h", "1d" (or a bare number of seconds) → ms; false with `error` otherwise.
    static bool parseDuration(const QString& text, qint64* ms, QString* error);

    // ---- ops ----
    static bool isTaskOp(const QString& op);
    // Serves one task_* op; the value as JSON, or ok=false with `message`.
    QByteArray handleOp(const QString& op, const QByteArray& args, bool* ok, QString* message);

    // The runtime handed a fired event to the VM: the task is done, the timer's run recorded.
    void delivered(const QByteArray& sdkEvent, const QByteArray& json);

    int timerCount() const { return static_cast<int>(m_timers.size()); }

Q_SIGNALS:
    void fire(const QByteArray& sdkEvent, const QByteArray& json);
    void warning(const QString& message);
    void clockChanged(qint64 nowMs, double rate);

private:
    struct Timer {
        QString pluginId;
        QString name;
        double minutes = 0;
        std::optional<CronSchedule> cron;
    };
    void tick();
    std::optional<qint64> nextRun(const Timer& timer);
    static QString timerKey(const QString& pluginId, const QString& name) {
        return pluginId + u'\x1f' + name;
    }

    project::TaskStore* m_store;
    quint64 m_guildId = 0;
    bool m_running = false;
    QHash<QString, Timer> m_timers;
    QSet<QString> m_buckets;                 // pluginId \x1f name
    QHash<QString, qint64> m_timersInFlight; // fired, not yet handed over: when (real ms)
    QHash<qint64, qint64> m_tasksInFlight;
    QTimer m_poll;
    // Clock: epoch ms at m_base's start, scaled real time since, plus the fast-forward offset.
    QElapsedTimer m_base;
    qint64 m_baseEpochMs = 0;
    qint64 m_advancedMs = 0;
    double m_rate = 1.0;
};

} // namespace botwright::runtime
