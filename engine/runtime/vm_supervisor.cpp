#include "engine/runtime/vm_supervisor.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

namespace botwright::runtime {

namespace {
constexpr int kKillAfterMs = 3000;    // a worker asked to shut down that is still there is killed
constexpr int kQuickFailureMs = 2000; // a worker that dies this soon after starting counts as a failed start
constexpr int kMaxQuickFailures = 5;  // then the supervisor waits for the next reload
constexpr int kMaxBackoffMs = 5000;

QString defaultVmPath() {
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("botwright-vm"));
}
} // namespace

VmSupervisor::VmSupervisor(VmOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_restartTimer(this)
    , m_killTimer(this) {
    if (m_options.vmPath.isEmpty())
        m_options.vmPath = defaultVmPath();
    m_restartTimer.setSingleShot(true);
    connect(&m_restartTimer, &QTimer::timeout, this, &VmSupervisor::launch);
    m_killTimer.setSingleShot(true);
    connect(&m_killTimer, &QTimer::timeout, this, [this] {
        if (m_process)
            m_process->kill();
    });
}

VmSupervisor::~VmSupervisor() {
    m_stopping = true;
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(kKillAfterMs);
    }
}

void VmSupervisor::setState(VmState state, const QString& detail) {
    m_state = state;
    Q_EMIT stateChanged(state, detail);
}

void VmSupervisor::note(const QString& level, const QString& message) {
    VmLogEntry entry;
    entry.timeMs = QDateTime::currentMSecsSinceEpoch();
    entry.level = level;
    entry.message = message;
    Q_EMIT logged(entry);
}

void VmSupervisor::start(ScriptBundle bundle) {
    m_bundle = std::move(bundle);
    m_stopping = false;
    m_quickFailures = 0;
    for (qsizetype i = 0; i < m_bundle.errors.size(); ++i) {
        VmLogEntry entry;
        entry.timeMs = QDateTime::currentMSecsSinceEpoch();
        entry.level = QStringLiteral("error");
        entry.message = m_bundle.errors.at(i);
        entry.script = m_bundle.errorPositions.at(i).script;
        entry.line = m_bundle.errorPositions.at(i).line;
        entry.column = m_bundle.errorPositions.at(i).column;
        Q_EMIT logged(entry);
    }
    if (m_process && m_process->state() != QProcess::NotRunning) {
        // Hot reload: the worker finishes what it was given, then exits; the next one takes over.
        m_reloading = true;
        setState(VmState::Restarting, tr("Reloading the scripts"));
        m_process->write(encodeVmFrame(VmMessage::Shutdown, "{}"));
        m_killTimer.start(kKillAfterMs);
        return;
    }
    m_restartTimer.stop();
    launch();
}

void VmSupervisor::stop() {
    m_stopping = true;
    m_restartTimer.stop();
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->write(encodeVmFrame(VmMessage::Shutdown, "{}"));
        m_killTimer.start(kKillAfterMs);
    } else {
        setState(VmState::Stopped, tr("Stopped"));
    }
}

void VmSupervisor::launch() {
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
    }
    ++m_generation;
    m_reader = VmFrameReader{};
    m_reloading = false;
    m_deathReason.clear();
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &VmSupervisor::onReadyRead);
    connect(m_process, &QProcess::readyReadStandardError, this, [this, process = m_process] {
        const QString text = QString::fromUtf8(process->readAllStandardError()).trimmed();
        if (!text.isEmpty())
            note(QStringLiteral("error"), tr("botwright-vm: %1").arg(text));
    });
    connect(m_process, &QProcess::finished, this, &VmSupervisor::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            setState(VmState::Failed,
                     tr("Cannot start %1: %2. Check that the studio is installed completely.")
                         .arg(m_options.vmPath, m_process->errorString()));
        }
    });
    setState(VmState::Starting, m_restarts == 0 ? tr("Starting") : tr("Restarting"));
    m_sinceLaunch.start();
    m_process->start(m_options.vmPath, {QStringLiteral("--serve")});
    writeHelloAndLoad();
    pump();
}

void VmSupervisor::writeHelloAndLoad() {
    m_process->write(startFrames(m_options, m_bundle, m_tracing, clockBody()));
}

void VmSupervisor::setScriptClock(qint64 nowMs, double rate) {
    m_clockSet = true;
    m_clockNowMs = nowMs;
    m_clockRate = rate;
    m_clockSince.start();
    if (m_process && m_process->state() != QProcess::NotRunning)
        m_process->write(encodeVmFrame(VmMessage::Clock, clockBody()));
}

QByteArray VmSupervisor::clockBody() const {
    if (!m_clockSet)
        return {};
    const double now =
        static_cast<double>(m_clockNowMs) + static_cast<double>(m_clockSince.elapsed()) * m_clockRate;
    return QJsonDocument(QJsonObject{{QStringLiteral("nowMs"), now}, {QStringLiteral("rate"), m_clockRate}})
        .toJson(QJsonDocument::Compact);
}

QByteArray VmSupervisor::startFrames(const VmOptions& options, const ScriptBundle& bundle, bool tracing,
                                     const QByteArray& clock) {
    const QJsonObject hello{{QStringLiteral("version"), kVmProtocolVersion},
                            {QStringLiteral("guildId"), options.guildId},
                            {QStringLiteral("botUser"), options.botUser},
                            {QStringLiteral("cpuBudgetMs"), options.cpuBudgetMs},
                            {QStringLiteral("startupBudgetMs"), options.startupBudgetMs},
                            {QStringLiteral("heapLimitMb"), options.heapLimitMb}};
    QJsonArray scripts;
    for (const CompiledScript& script : bundle.scripts) {
        QJsonObject entry{{QStringLiteral("name"), script.name},
                          {QStringLiteral("url"), script.url},
                          {QStringLiteral("js"), script.javascript}};
        if (!script.settings.isEmpty())
            entry.insert(QStringLiteral("settings"), script.settings); // settings.json's values
        scripts.append(entry);
    }
    QByteArray out = encodeVmFrame(VmMessage::Hello, QJsonDocument(hello).toJson(QJsonDocument::Compact));
    if (!clock.isEmpty())
        out += encodeVmFrame(VmMessage::Clock, clock);
    out += encodeVmFrame(
        VmMessage::Load,
        QJsonDocument(QJsonObject{{QStringLiteral("scripts"), scripts}}).toJson(QJsonDocument::Compact));
    if (tracing)
        out += encodeVmFrame(VmMessage::Trace, "{\"on\":true}");
    return out;
}

void VmSupervisor::setTracing(bool on) {
    if (on == m_tracing)
        return;
    m_tracing = on;
    if (m_process && m_process->state() != QProcess::NotRunning)
        m_process->write(encodeVmFrame(VmMessage::Trace, on ? "{\"on\":true}" : "{\"on\":false}"));
}

qint64 VmSupervisor::deliver(const QByteArray& sdkEvent, const QByteArray& data) {
    if (static_cast<int>(m_queue.size()) >= m_options.maxQueued) {
        m_queue.pop_front();
        // The queue stays full once it is: count the drops, and say so on the first of every 1,000.
        if (m_dropped++ % 1000 == 0)
            note(QStringLiteral("warn"),
                 tr("The scripts are not keeping up: the oldest queued events are dropped "
                    "(%n so far).",
                    nullptr, static_cast<int>(m_dropped)));
    }
    const qint64 id = m_nextEventId++;
    m_queue.push_back(Event{id, sdkEvent, data});
    schedulePump();
    return id;
}

void VmSupervisor::schedulePump() {
    if (m_pumpScheduled)
        return;
    m_pumpScheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_pumpScheduled = false;
            pump();
        },
        Qt::QueuedConnection);
}

void VmSupervisor::pump() {
    if (!m_process || m_process->state() == QProcess::NotRunning || m_reloading || m_stopping)
        return;
    QByteArray out;
    while (!m_queue.empty() && static_cast<int>(m_inFlight.size()) < m_options.maxInFlight) {
        Event& event = m_queue.front();
        appendVmEventFrame(out, event.id, event.name, event.data);
        m_inFlight.push_back(std::move(event));
        m_queue.pop_front();
    }
    if (!out.isEmpty())
        m_process->write(out);
}

void VmSupervisor::replyOp(quint64 generation, qint64 call, bool ok, const QByteArray& valueJson,
                           const QString& errorClass, const QString& message) {
    if (generation != m_generation || !m_process || m_process->state() == QProcess::NotRunning)
        return;
    QByteArray body = "{\"call\":" + QByteArray::number(call);
    if (ok) {
        body += ",\"ok\":true,\"value\":";
        body += valueJson.isEmpty() ? QByteArray("null") : valueJson;
        body += '}';
    } else {
        body = QJsonDocument(QJsonObject{{QStringLiteral("call"), static_cast<double>(call)},
                                         {QStringLiteral("ok"), false},
                                         {QStringLiteral("errorClass"), errorClass},
                                         {QStringLiteral("message"), message}})
                   .toJson(QJsonDocument::Compact);
    }
    m_process->write(encodeVmFrame(VmMessage::OpResult, body));
}

void VmSupervisor::onReadyRead() {
    if (!m_process)
        return;
    const QByteArray data = m_process->readAllStandardOutput();
    m_reader.append(data.constData(), data.size());
    VmFrame frame;
    QString error;
    while (m_reader.next(&frame, &error))
        handleFrame(frame);
    if (!error.isEmpty()) {
        note(QStringLiteral("error"),
             tr("botwright-vm sent a malformed frame (%1); restarting it").arg(error));
        m_process->kill();
    }
}

void VmSupervisor::handleFrame(const VmFrame& frame) {
    switch (frame.kind) {
    case VmMessage::Ready:
        break;
    case VmMessage::Loaded: {
        const QJsonObject o = QJsonDocument::fromJson(frame.body).object();
        setState(VmState::Running,
                 m_restarts == 0 ? tr("Running") : tr("Running (restarted %n time(s))", nullptr, m_restarts));
        Q_EMIT loaded(o.value(QStringLiteral("ok")).toBool(), o.value(QStringLiteral("ms")).toDouble());
        break;
    }
    case VmMessage::Log: {
        const QJsonObject o = QJsonDocument::fromJson(frame.body).object();
        VmLogEntry entry;
        entry.timeMs = QDateTime::currentMSecsSinceEpoch();
        entry.level = o.value(QStringLiteral("level")).toString();
        entry.message = m_bundle.mapText(o.value(QStringLiteral("message")).toString());
        entry.eventId = static_cast<qint64>(o.value(QStringLiteral("event")).toDouble(-1));
        if (const auto at = m_bundle.map(o.value(QStringLiteral("url")).toString(),
                                         o.value(QStringLiteral("line")).toInt(),
                                         o.value(QStringLiteral("column")).toInt())) {
            entry.script = at->script;
            entry.line = at->line;
            entry.column = at->column;
        }
        Q_EMIT logged(entry);
        break;
    }
    case VmMessage::Op: {
        const QJsonObject o = QJsonDocument::fromJson(frame.body).object();
        const QJsonValue args = o.value(QStringLiteral("args"));
        const QByteArray argsJson =
            args.isObject()  ? QJsonDocument(args.toObject()).toJson(QJsonDocument::Compact)
            : args.isArray() ? QJsonDocument(args.toArray()).toJson(QJsonDocument::Compact)
                             : QByteArray("null");
        const auto call = static_cast<qint64>(o.value(QStringLiteral("call")).toDouble());
        if (const QJsonValue event = o.value(QStringLiteral("event")); event.isDouble())
            Q_EMIT opIssued(m_generation, call, static_cast<qint64>(event.toDouble()));
        Q_EMIT opRequested(m_generation, call, o.value(QStringLiteral("op")).toString(), argsJson);
        break;
    }
    case VmMessage::EventDone: {
        const QJsonObject o = QJsonDocument::fromJson(frame.body).object();
        const auto upTo = static_cast<qint64>(o.value(QStringLiteral("upTo")).toDouble());
        if (const QJsonArray events = o.value(QStringLiteral("events")).toArray(); !events.isEmpty()) {
            QList<VmEventTiming> timings;
            timings.reserve(events.size());
            for (const QJsonValue& e : events) {
                const QJsonArray t = e.toArray();
                timings.append(VmEventTiming{
                    static_cast<qint64>(t.at(0).toDouble()), static_cast<qint64>(t.at(1).toDouble()),
                    static_cast<qint64>(t.at(2).toDouble()), t.at(3).toInt(), t.at(4).toBool()});
            }
            Q_EMIT eventsTimed(timings);
        }
        while (!m_inFlight.empty() && m_inFlight.front().id <= upTo) {
            m_inFlight.pop_front();
            ++m_acked;
        }
        Q_EMIT eventsDone(m_acked);
        pump();
        break;
    }
    case VmMessage::ScriptMeta:
        Q_EMIT scriptMeta(QJsonDocument::fromJson(frame.body).object());
        break;
    case VmMessage::Fatal:
        m_deathReason =
            QJsonDocument::fromJson(frame.body).object().value(QStringLiteral("message")).toString();
        break;
    default:
        break;
    }
}

void VmSupervisor::onFinished(int exitCode, QProcess::ExitStatus status) {
    onReadyRead();
    m_killTimer.stop();
    if (m_stopping) {
        m_queue.insert(m_queue.begin(), m_inFlight.begin(), m_inFlight.end());
        m_inFlight.clear();
        setState(VmState::Stopped, tr("Stopped"));
        return;
    }
    const bool planned = m_reloading;
    QString reason;
    if (planned)
        reason = tr("reloaded after a change");
    else if (!m_deathReason.isEmpty())
        reason = m_deathReason;
    else if (status == QProcess::CrashExit)
        reason = tr("the worker crashed");
    else
        reason = tr("the worker exited with code %1").arg(exitCode);

    if (!planned && !m_inFlight.empty()) {
        const Event culprit = m_inFlight.front();
        m_inFlight.pop_front();
        note(QStringLiteral("error"),
             tr("The %1 event #%2 is not delivered again: the VM stopped while handling it (%3).")
                 .arg(QString::fromUtf8(culprit.name))
                 .arg(culprit.id)
                 .arg(reason));
    }
    // Everything written but not handled goes first to the next worker, in the same order.
    m_queue.insert(m_queue.begin(), m_inFlight.begin(), m_inFlight.end());
    m_inFlight.clear();
    ++m_restarts;

    int delayMs = 0;
    if (!planned && m_sinceLaunch.elapsed() < kQuickFailureMs) {
        if (++m_quickFailures >= kMaxQuickFailures) {
            setState(VmState::Failed,
                     tr("The scripts keep stopping right after they start (%1). Fix them and save "
                        "to try again; events are kept until then.")
                         .arg(reason));
            return;
        }
        delayMs = std::min(kMaxBackoffMs, 100 << (m_quickFailures - 1));
    } else if (!planned) {
        m_quickFailures = 0;
    }
    if (!planned)
        note(QStringLiteral("info"), tr("The VM restarts: %1.").arg(reason));
    setState(VmState::Restarting, reason);
    m_restartTimer.start(delayMs);
}

} // namespace botwright::runtime
