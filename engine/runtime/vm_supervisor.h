#pragma once

#include "engine/runtime/script_bundle.h"
#include "engine/runtime/vm_protocol.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QTimer>

#include <deque>

namespace botwright::runtime {

struct VmOptions {
    QString vmPath;             // botwright-vm; empty: next to this executable
    int cpuBudgetMs = 1000;     // per event (and per continuation after an op)
    int startupBudgetMs = 1000; // per script's module evaluation
    int heapLimitMb = 128;
    int maxInFlight = 2048; // events written to the worker and not yet acknowledged
    int maxQueued = 200000; // events waiting while the worker is down; the oldest go first
    QString guildId;
    QJsonObject botUser;
};

enum class VmState { Stopped, Starting, Running, Restarting, Failed };

// One line of script output, positions mapped to the .ts file when known.
struct VmLogEntry {
    qint64 timeMs = 0;
    QString level; // "log", "warn", "error", or "info" for the runtime's own notes
    QString message;
    QString script; // name without ".ts"; empty when unknown
    int line = 0;
    int column = 0;
    qint64 eventId = -1; // the event whose handling logged it (deliver()'s id), -1 when none
};

// How the worker handled one event (reported while tracing is on). Times are CLOCK_MONOTONIC
// nanoseconds, the clock of QElapsedTimer::msecsSinceReference() on Linux.
struct VmEventTiming {
    qint64 eventId = 0;
    qint64 startNs = 0; // the handlers were entered
    qint64 endNs = 0;   // they returned (the event's synchronous part ended)
    int listeners = 0;  // handlers called
    bool ok = true;     // false when the dispatch threw or was stopped
};

// Runs a project's scripts in a botwright-vm worker process and keeps them running: it starts the
// worker with a bundle, delivers events in order through a bounded in-flight window, forwards the
// worker's ops, and restarts it after a crash, a heap-limit exit or a reload. Events that arrive
// while the worker is down are queued and delivered, in order, to the next one; the one event a
// worker died on is reported and not delivered again (it would only kill the next worker too).
class VmSupervisor final : public QObject {
    Q_OBJECT
public:
    explicit VmSupervisor(VmOptions options, QObject* parent = nullptr);
    ~VmSupervisor() override;

    // Starts (or hot-reloads: a new worker replaces the old one) with `bundle`.
    void start(ScriptBundle bundle);
    void stop();
    // Queues one SDK event; `data` is its SDK-shaped JSON. Returns the event's id, which logs, ops
    // and timings name.
    qint64 deliver(const QByteArray& sdkEvent, const QByteArray& data);
    // While on, the worker reports each event's timing and listeners (eventsTimed); it costs two
    // clock reads per event. Survives restarts.
    void setTracing(bool on);
    bool tracing() const { return m_tracing; }
    // The sandbox clock (ScriptScheduler): scripts' Date.now() reads `nowMs` now, advancing `rate` ms
    // per real ms. Sent to the running worker and to every worker started after. Never called: the
    // real clock.
    void setScriptClock(qint64 nowMs, double rate);
    // Answers an op the worker asked for; an answer for a worker that is gone is dropped.
    void replyOp(quint64 generation, qint64 call, bool ok, const QByteArray& valueJson,
                 const QString& errorClass = {}, const QString& message = {});

    VmState state() const { return m_state; }
    int restarts() const { return m_restarts; }
    qint64 delivered() const { return m_acked; }
    // The Hello and Load frames (and Trace when on) that start a worker: what writeHelloAndLoad sends.
    // `clock`, when set, is a Clock body sent between Hello and Load.
    static QByteArray startFrames(const VmOptions& options, const ScriptBundle& bundle, bool tracing,
                                  const QByteArray& clock = {});
    qsizetype queued() const { return static_cast<qsizetype>(m_queue.size() + m_inFlight.size()); }
    quint64 generation() const { return m_generation; }
    const ScriptBundle& bundle() const { return m_bundle; }
    const VmOptions& options() const { return m_options; }

Q_SIGNALS:
    void stateChanged(botwright::runtime::VmState state, const QString& detail);
    void logged(const botwright::runtime::VmLogEntry& entry);
    void opRequested(quint64 generation, qint64 call, const QString& op, const QByteArray& argsJson);
    // Emitted just before opRequested when the op was issued while handling an event.
    void opIssued(quint64 generation, qint64 call, qint64 eventId);
    void eventsTimed(const QList<botwright::runtime::VmEventTiming>& timings);
    void scriptMeta(const QJsonObject& meta);
    // All scripts evaluated (ok false when one failed); ms is the worker's own evaluation time.
    void loaded(bool ok, double ms);
    // Events up to this many in total have been handled.
    void eventsDone(qint64 total);

private:
    struct Event {
        qint64 id = 0;
        QByteArray name;
        QByteArray data;
    };
    void launch();
    void onReadyRead();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void handleFrame(const VmFrame& frame);
    void pump();
    void schedulePump();
    void setState(VmState state, const QString& detail);
    void note(const QString& level, const QString& message);
    void writeHelloAndLoad();

    VmOptions m_options;
    ScriptBundle m_bundle;
    QProcess* m_process = nullptr; // a child; replaced by each launch
    VmFrameReader m_reader;
    VmState m_state = VmState::Stopped;
    quint64 m_generation = 0;
    std::deque<Event> m_queue;    // not yet written
    std::deque<Event> m_inFlight; // written, not acknowledged
    qint64 m_nextEventId = 1;
    qint64 m_acked = 0;
    qint64 m_dropped = 0; // events dropped because the queue was full
    int m_restarts = 0;
    int m_quickFailures = 0; // consecutive workers that died soon after starting
    bool m_reloading = false;
    bool m_stopping = false;
    bool m_pumpScheduled = false;
    bool m_tracing = false;
    QByteArray clockBody() const; // the script clock as of now; empty while it is the real clock
    bool m_clockSet = false;
    qint64 m_clockNowMs = 0;
    double m_clockRate = 1;
    QElapsedTimer m_clockSince;
    QString m_deathReason;
    QElapsedTimer m_sinceLaunch;
    QTimer m_restartTimer;
    QTimer m_killTimer;
};

} // namespace botwright::runtime
