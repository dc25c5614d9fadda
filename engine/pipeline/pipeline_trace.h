#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

namespace botwright::pipeline {

// The three stages every dispatch passes (docs/architecture.md, "Pipeline"). A breakpoint pauses an
// event *before* a stage.
enum class Stage {
    Handler = 0,     // state cache + routing: which SDK event, if any script listens
    Transformer = 1, // Discord payload → SDK shape
    Event = 2,       // the scripts' listeners in the VM
};
QString stageName(Stage stage);                                  // "handler", "transformer", "event"
bool parseStage(QStringView text, Stage* stage, QString* error); // the names above, case-insensitive

// One op (REST call, storage call, …) a listener issued while handling the event.
struct OpTrace {
    qint64 call = 0;
    QString op;           // "discord_create_message"
    QByteArray args;      // JSON as the script sent it
    bool done = false;    // the answer came back
    bool ok = false;      // the answer was a value, not an error
    QByteArray result;    // JSON value when ok
    QString errorClass;   // when !ok
    QString errorMessage; // when !ok
    qint64 ms = 0;        // from request to answer
};

// One console line (or runtime note) written while handling the event, with its .ts position.
struct LogTrace {
    QString level; // "log", "warn", "error"
    QString message;
    QString script; // without ".ts"; empty when unknown
    int line = 0;
    int column = 0;
};

// What happened to one dispatch, stage by stage. Kept in a ring of the last N (TraceRing).
struct TraceRecord {
    enum class Status {
        Queued,    // waiting behind a paused event
        Paused,    // stopped before `pausedBefore`
        Stopped,   // ended at the handler (no SDK event, other guild, nobody listens, …)
        Failed,    // the transformer refused the payload
        Delivered, // handed to the VM; its outcome is still coming
        Done,      // the listeners ran (see `listeners`, `errors`)
        Dropped,   // dropped by the person while paused
    };

    qint64 id = 0;       // the pipeline's own sequence number, from 1
    qint64 replayOf = 0; // the record this one replays, 0 for a live dispatch
    Stage replayFrom = Stage::Handler;
    qint64 receivedMs = 0; // wall clock, ms since the epoch
    int shardId = 0;
    int seq = -1;
    Status status = Status::Queued;
    Stage pausedBefore = Stage::Handler; // meaningful while Paused
    bool edited = false;                 // the person changed a payload while it was paused

    // Handler stage
    QByteArray type;     // the dispatch's `t`
    QByteArray raw;      // its `d`, as received (or as edited before the handler)
    QString cacheChange; // what the state cache did with it ("channel 123 created"), may be empty
    QByteArray sdkEvent; // the SDK event it became; empty when it stops at the handler
    QString stopReason;  // why it stopped there
    qint64 handlerNs = 0;

    // Transformer stage
    QByteArray transformInput;     // `d` as the transformer got it (differs from raw when edited)
    QByteArray transformed;        // the SDK-shaped JSON
    QString transformError;        // when Failed
    QByteArray previousVoiceState; // transformer context from the cache (VOICE_STATE_UPDATE only)
    qint64 transformNs = 0;

    // Event stage
    QByteArray delivered; // the JSON the listeners got (differs from transformed when edited)
    qint64 vmEventId = -1;
    int listeners = 0;
    qint64 eventNs = 0; // the listeners' synchronous part, as the worker timed it
    QList<LogTrace> logs;
    QList<OpTrace> ops;
    QStringList errors; // thrown errors and failures, with .ts positions

    bool finished() const {
        return status == Status::Stopped || status == Status::Failed || status == Status::Done ||
               status == Status::Dropped;
    }
};
QString statusName(TraceRecord::Status status); // "queued", "paused", …

} // namespace botwright::pipeline

Q_DECLARE_METATYPE(botwright::pipeline::TraceRecord)
