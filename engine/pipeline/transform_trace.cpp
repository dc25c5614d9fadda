#include "engine/pipeline/transform_trace.h"

#include "engine/protocol/json_writer.h"

namespace botwright::pipeline {

void TransformTrace::record(Kind kind, QString path, QString before, QString after) {
    m_entries.append(Entry{kind, std::move(path), std::move(before), std::move(after)});
}

int TransformTrace::count(Kind kind) const {
    int n = 0;
    for (const Entry& e : m_entries)
        n += e.kind == kind ? 1 : 0;
    return n;
}

const TransformTrace::Entry* TransformTrace::find(Kind kind, QStringView path) const {
    for (const Entry& e : m_entries)
        if (e.kind == kind && e.path == path)
            return &e;
    return nullptr;
}

QString TransformTrace::kindName(Kind kind) {
    switch (kind) {
    case Kind::Renamed:
        return QStringLiteral("renamed");
    case Kind::Converted:
        return QStringLiteral("converted");
    case Kind::Dropped:
        return QStringLiteral("dropped");
    case Kind::Added:
        return QStringLiteral("added");
    }
    return {};
}

QString TransformTrace::toText() const {
    QString text;
    for (const Entry& e : m_entries) {
        switch (e.kind) {
        case Kind::Renamed:
            text += QStringLiteral("renamed %1 → %2\n").arg(e.path, e.after);
            break;
        case Kind::Converted:
            text += QStringLiteral("converted %1: %2 → %3\n").arg(e.path, e.before, e.after);
            break;
        case Kind::Dropped:
            text += QStringLiteral("dropped %1 (%2)\n").arg(e.path, e.before);
            break;
        case Kind::Added:
            text += QStringLiteral("added %1 = %2\n").arg(e.path, e.after);
            break;
        }
    }
    return text;
}

QByteArray TransformTrace::toJson() const {
    protocol::JsonWriter w;
    w.beginArray();
    for (const Entry& e : m_entries) {
        w.beginObject();
        w.field("kind", kindName(e.kind));
        w.field("path", e.path);
        w.field("before", e.before);
        w.field("after", e.after);
        w.endObject();
    }
    w.endArray();
    return w.take();
}

} // namespace botwright::pipeline
