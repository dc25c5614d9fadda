#include "engine/runtime/script_scheduler.h"

#include "engine/project/task_store.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace botwright::runtime {

namespace {
constexpr int kPollMs = 200;                // how often due timers and tasks are looked for
constexpr qint64 kInFlightExpiryMs = 60000; // a fire never handed over (dropped while paused) may fire again
constexpr int kDueBatch = 100;
const QString kIntervalEvent = QStringLiteral("BOTLOADER_INTERVAL_TIMER_FIRED");
const QString kTaskEvent = QStringLiteral("BOTLOADER_SCHEDULED_TASK_FIRED");

QString pluginIdOf(const QJsonValue& v) {
    return v.isString() ? v.toString() : QString();
}

QByteArray compact(const QJsonValue& v) {
    if (v.isObject())
        return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    if (v.isArray())
        return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QByteArray taskOrNull(const std::optional<project::ScheduledTask>& t) {
    return t ? QJsonDocument(t->toJson()).toJson(QJsonDocument::Compact) : QByteArray("null");
}
} // namespace

ScriptScheduler::ScriptScheduler(project::TaskStore* store, QObject* parent)
    : QObject(parent)
    , m_store(store) {
    m_base.start();
    m_baseEpochMs = QDateTime::currentMSecsSinceEpoch();
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &ScriptScheduler::tick);
}

ScriptScheduler::~ScriptScheduler() = default;

// ---- clock ----

qint64 ScriptScheduler::nowMs() const {
    return m_baseEpochMs + static_cast<qint64>(static_cast<double>(m_base.elapsed()) * m_rate) + m_advancedMs;
}

qint64 ScriptScheduler::offsetMs() const {
    return nowMs() - QDateTime::currentMSecsSinceEpoch();
}

void ScriptScheduler::advance(qint64 ms) {
    m_advancedMs += std::max<qint64>(0, ms);
    Q_EMIT clockChanged(nowMs(), m_rate);
    tick();
}

void ScriptScheduler::setRate(double rate) {
    // Rebase so the clock does not jump: what passed so far is kept at the old rate.
    m_baseEpochMs = nowMs() - m_advancedMs;
    m_base.restart();
    m_rate = std::max(0.0, rate);
    Q_EMIT clockChanged(nowMs(), m_rate);
}

bool ScriptScheduler::parseDuration(const QString& text, qint64* ms, QString* error) {
    const QString t = text.trimmed().toLower();
    qint64 unit = 1000;
    QString number = t;
    if (t.endsWith(QLatin1Char('d')))
        unit = 86400000;
    else if (t.endsWith(QLatin1Char('h')))
        unit = 3600000;
    else if (t.endsWith(QLatin1Char('m')))
        unit = 60000;
    if (t.endsWith(QLatin1Char('d')) || t.endsWith(QLatin1Char('h')) || t.endsWith(QLatin1Char('m')) ||
        t.endsWith(QLatin1Char('s')))
        number.chop(1);
    bool ok = false;
    const double value = number.toDouble(&ok);
    if (!ok || value < 0) {
        *error = QStringLiteral("\"%1\" is not a duration: write e.g. 90s, 15m, 2h or 1d").arg(text);
        return false;
    }
    *ms = static_cast<qint64>(value * static_cast<double>(unit));
    return true;
}

// ---- registrations ----

void ScriptScheduler::beginLoad() {
    m_running = false;
    m_poll.stop();
    m_timers.clear();
    m_buckets.clear();
    m_timersInFlight.clear();
    m_tasksInFlight.clear();
}

void ScriptScheduler::addScriptMeta(const QJsonObject& meta) {
    const QString scriptPlugin = pluginIdOf(meta.value(QStringLiteral("pluginId")));
    for (const QJsonValue& v : meta.value(QStringLiteral("intervalTimers")).toArray()) {
        const QJsonObject o = v.toObject();
        Timer t;
        t.pluginId = scriptPlugin;
        t.name = o.value(QStringLiteral("name")).toString();
        const QJsonValue interval = o.value(QStringLiteral("interval"));
        if (interval.isDouble() && interval.toDouble() > 0) {
            t.minutes = interval.toDouble();
        } else if (interval.isString()) {
            CronSchedule cron;
            QString error;
            if (!CronSchedule::parse(interval.toString(), &cron, &error)) {
                Q_EMIT warning(tr("The interval timer \"%1\" is not scheduled: %2").arg(t.name, error));
                continue;
            }
            t.cron = cron;
        } else {
            Q_EMIT warning(tr("The interval timer \"%1\" is not scheduled: its interval must be a number of "
                              "minutes above 0 or a cron expression")
                               .arg(t.name));
            continue;
        }
        const QString key = timerKey(t.pluginId, t.name);
        // A timer seen for the first time starts now: its first fire is one interval away.
        if (!m_store->lastRun(t.pluginId, t.name))
            m_store->setLastRun(t.pluginId, t.name, nowMs());
        m_timers.insert(key, t);
    }
    for (const QJsonValue& v : meta.value(QStringLiteral("taskBuckets")).toArray()) {
        const QJsonObject o = v.toObject();
        m_buckets.insert(timerKey(pluginIdOf(o.value(QStringLiteral("pluginId"))),
                                  o.value(QStringLiteral("name")).toString()));
    }
}

void ScriptScheduler::setRunning(bool running) {
    m_running = running;
    if (running) {
        m_poll.start();
        tick();
    } else {
        m_poll.stop();
    }
}

// ---- firing ----

std::optional<qint64> ScriptScheduler::nextRun(const Timer& timer) {
    const std::optional<qint64> last = m_store->lastRun(timer.pluginId, timer.name);
    const qint64 from = last.value_or(nowMs());
    if (!timer.cron)
        return from + static_cast<qint64>(timer.minutes * 60000.0);
    const std::optional<QDateTime> next = timer.cron->next(QDateTime::fromMSecsSinceEpoch(from, Qt::UTC));
    if (!next)
        return std::nullopt;
    return next->toMSecsSinceEpoch() + static_cast<qint64>(m_guildId % 10000);
}

void ScriptScheduler::tick() {
    if (!m_running)
        return;
    const qint64 now = nowMs();
    const qint64 real = QDateTime::currentMSecsSinceEpoch();
    for (auto it = m_timersInFlight.begin(); it != m_timersInFlight.end();)
        it = real - *it > kInFlightExpiryMs ? m_timersInFlight.erase(it) : std::next(it);
    for (auto it = m_tasksInFlight.begin(); it != m_tasksInFlight.end();)
        it = real - *it > kInFlightExpiryMs ? m_tasksInFlight.erase(it) : std::next(it);

    for (auto it = m_timers.cbegin(); it != m_timers.cend(); ++it) {
        if (m_timersInFlight.contains(it.key()))
            continue; // not again while the previous fire is unacknowledged
        const std::optional<qint64> due = nextRun(*it);
        if (!due || *due > now)
            continue;
        m_timersInFlight.insert(it.key(), real);
        const QJsonObject event{{QStringLiteral("name"), it->name},
                                {QStringLiteral("pluginId"), it->pluginId.isEmpty()
                                                                 ? QJsonValue(QJsonValue::Null)
                                                                 : QJsonValue(it->pluginId)}};
        Q_EMIT fire(kIntervalEvent.toLatin1(), QJsonDocument(event).toJson(QJsonDocument::Compact));
    }
    if (m_buckets.isEmpty())
        return;
    for (const project::ScheduledTask& t : m_store->due(now, kDueBatch)) {
        if (m_tasksInFlight.contains(t.id) || !m_buckets.contains(timerKey(t.pluginId, t.ns)))
            continue; // only buckets a running script registered fire
        m_tasksInFlight.insert(t.id, real);
        Q_EMIT fire(kTaskEvent.toLatin1(), QJsonDocument(t.toJson()).toJson(QJsonDocument::Compact));
    }
}

void ScriptScheduler::delivered(const QByteArray& sdkEvent, const QByteArray& json) {
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    if (sdkEvent == kIntervalEvent.toLatin1()) {
        const QString pluginId = pluginIdOf(o.value(QStringLiteral("pluginId")));
        const QString name = o.value(QStringLiteral("name")).toString();
        m_store->setLastRun(pluginId, name, nowMs());
        m_timersInFlight.remove(timerKey(pluginId, name));
    } else if (sdkEvent == kTaskEvent.toLatin1()) {
        const auto id = static_cast<qint64>(o.value(QStringLiteral("id")).toDouble());
        m_store->deleteById(id);
        m_tasksInFlight.remove(id);
    }
}

// ---- ops ----

bool ScriptScheduler::isTaskOp(const QString& op) {
    return op.startsWith(QLatin1String("task_"));
}

QByteArray ScriptScheduler::handleOp(const QString& op, const QByteArray& args, bool* ok, QString* message) {
    const QJsonObject a = QJsonDocument::fromJson(args).object();
    const QString pluginId = pluginIdOf(a.value(QStringLiteral("pluginId")));
    const QString ns = a.value(QStringLiteral("namespace")).toString();
    const QString key = a.value(QStringLiteral("key")).toString();
    *ok = true;
    if (op == QLatin1String("task_schedule")) {
        const QJsonValue at = a.value(QStringLiteral("executeAt"));
        if (!at.isDouble()) {
            *ok = false;
            *message = QStringLiteral("executeAt must be a Date");
            return {};
        }
        if (ns.isEmpty()) {
            *ok = false;
            *message = QStringLiteral("a task needs a bucket name (namespace)");
            return {};
        }
        const QJsonValue data = a.value(QStringLiteral("data"));
        const auto task =
            m_store->schedule(pluginId, ns, key, static_cast<qint64>(at.toDouble()),
                              compact(data.isUndefined() ? QJsonValue(QJsonValue::Null) : data), message);
        if (!task) {
            *ok = false;
            return {};
        }
        return taskOrNull(task);
    }
    const auto id = static_cast<qint64>(a.value(QStringLiteral("id")).toDouble());
    if (op == QLatin1String("task_get_by_id"))
        return taskOrNull(m_store->byId(id));
    if (op == QLatin1String("task_delete_by_id"))
        return m_store->deleteById(id) ? "true" : "false";
    if (op == QLatin1String("task_get_by_key"))
        return taskOrNull(m_store->byKey(pluginId, ns, key));
    if (op == QLatin1String("task_delete_by_key"))
        return m_store->deleteByKey(pluginId, ns, key) ? "true" : "false";
    if (op == QLatin1String("task_delete_all"))
        return QByteArray::number(m_store->deleteAll(pluginId, ns));
    if (op == QLatin1String("task_get_many")) {
        QJsonArray out;
        for (const project::ScheduledTask& t :
             m_store->many(pluginId, ns, static_cast<qint64>(a.value(QStringLiteral("afterId")).toDouble())))
            out.append(t.toJson());
        return QJsonDocument(out).toJson(QJsonDocument::Compact);
    }
    *ok = false;
    *message = QStringLiteral("unknown op %1").arg(op);
    return {};
}

} // namespace botwright::runtime
