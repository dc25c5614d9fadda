#include "engine/pipeline/pipeline_trace.h"

namespace botwright::pipeline {

QString stageName(Stage stage) {
    switch (stage) {
    case Stage::Handler:
        return QStringLiteral("handler");
    case Stage::Transformer:
        return QStringLiteral("transformer");
    case Stage::Event:
        return QStringLiteral("event");
    }
    return {};
}

bool parseStage(QStringView text, Stage* stage, QString* error) {
    for (const Stage s : {Stage::Handler, Stage::Transformer, Stage::Event}) {
        if (text.compare(stageName(s), Qt::CaseInsensitive) == 0) {
            *stage = s;
            return true;
        }
    }
    if (error)
        *error = QStringLiteral("unknown stage \"%1\": use handler, transformer or event").arg(text);
    return false;
}

QString statusName(TraceRecord::Status status) {
    switch (status) {
    case TraceRecord::Status::Queued:
        return QStringLiteral("queued");
    case TraceRecord::Status::Paused:
        return QStringLiteral("paused");
    case TraceRecord::Status::Stopped:
        return QStringLiteral("stopped");
    case TraceRecord::Status::Failed:
        return QStringLiteral("failed");
    case TraceRecord::Status::Delivered:
        return QStringLiteral("delivered");
    case TraceRecord::Status::Done:
        return QStringLiteral("done");
    case TraceRecord::Status::Dropped:
        return QStringLiteral("dropped");
    }
    return {};
}

} // namespace botwright::pipeline
