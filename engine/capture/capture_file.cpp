#include "engine/capture/capture_file.h"

#include "engine/protocol/json_writer.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <cmath>
#include <thread>
#include <vector>

namespace botwright::capture {

namespace {

const QByteArray kHeader = QByteArrayLiteral("botwright-capture 1");
const QByteArray kHeaderPrefix = QByteArrayLiteral("botwright-capture ");
const QByteArray kFrameKey = QByteArrayLiteral("\"frame\":");
constexpr qsizetype kBatchRows = 4096;

size_t workerCount() {
    return std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
}

// Runs fn(0..count-1) on up to workerCount() threads, each index once; index 0 on this thread.
template <class F>
void runParallel(size_t count, F&& fn) {
    std::vector<std::thread> workers;
    for (size_t k = 1; k < count; ++k)
        workers.emplace_back(fn, k);
    if (count > 0)
        fn(size_t(0));
    for (std::thread& w : workers)
        w.join();
}

QByteArray jsonString(const QString& text) {
    protocol::JsonWriter w;
    w.string(text);
    return w.take();
}

// One line (with its newline) for row i.
void encodeRow(const CaptureStore& store, quint32 i, const std::vector<QByteArray>& names, QByteArray& out) {
    out += "{\"t_ms\":";
    out += QByteArray::number(store.time(i));
    out += ",\"shard\":";
    out += QByteArray::number(store.shard(i));
    out += store.direction(i) == gateway::Direction::Sent ? ",\"dir\":\"out\",\"op\":"
                                                          : ",\"dir\":\"in\",\"op\":";
    out += QByteArray::number(store.op(i));
    out += ",\"t\":";
    const quint16 event = store.eventIndex(i);
    out += event < names.size() ? names[event] : jsonString(store.eventName(i));
    out += ",\"s\":";
    out += store.seq(i) < 0 ? QByteArray("null") : QByteArray::number(store.seq(i));
    out += ",\"wire\":";
    out += QByteArray::number(store.wireBytes(i));
    out += ",\"decoded\":";
    out += QByteArray::number(store.decodedBytes(i));
    out += ",\"rtt\":";
    out += store.heartbeatRtt(i) < 0 ? QByteArray("null") : QByteArray::number(store.heartbeatRtt(i));
    const QByteArrayView payload = store.payloadView(i);
    const QByteArray bytes = QByteArray::fromRawData(payload.data(), payload.size());
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
        out += ",\"frame\":";
        const qsizetype at = out.size();
        out += bytes;
        // Raw line breaks in valid JSON are whitespace between tokens: one frame, one line.
        for (qsizetype k = at; k < out.size(); ++k)
            if (out[k] == '\n' || out[k] == '\r')
                out[k] = ' ';
    } else {
        out += ",\"frame_text\":"; // not a JSON object: kept as text
        out += jsonString(QString::fromUtf8(bytes));
    }
    out += "}\n";
}

bool integral(const QJsonValue& v, qint64 min, qint64 max, qint64* result) {
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (std::floor(d) != d || d < static_cast<double>(min) || d > static_cast<double>(max))
        return false;
    *result = v.toInteger();
    return true;
}

// Splits a line written as {meta...,"frame":{...}} into the metadata object and the frame's own
// bytes (kept exactly as written). False when the line has another shape: parse it whole then.
bool splitFastPath(const QByteArray& line, QJsonObject* meta, QByteArray* frame) {
    const qsizetype key = line.indexOf(kFrameKey);
    if (key < 0)
        return false;
    QByteArray head = line.left(key).trimmed();
    if (head.endsWith(','))
        head.chop(1);
    else if (head != "{")
        return false;
    head += '}';
    QByteArray tail = line.mid(key + kFrameKey.size()).trimmed();
    if (!tail.endsWith('}'))
        return false;
    tail.chop(1);
    tail = tail.trimmed();
    QJsonParseError e{};
    const QJsonDocument frameDoc = QJsonDocument::fromJson(tail, &e);
    if (e.error != QJsonParseError::NoError || !frameDoc.isObject())
        return false;
    const QJsonDocument metaDoc = QJsonDocument::fromJson(head, &e);
    if (e.error != QJsonParseError::NoError || !metaDoc.isObject())
        return false;
    *meta = metaDoc.object();
    if (meta->contains(QLatin1String("frame")) || meta->contains(QLatin1String("frame_text")))
        return false;
    *frame = tail;
    return true;
}

// Parses one capture line into a frame; on failure returns a sentence saying what is wrong.
QString parseLine(const QByteArray& line, gateway::FrameEvent* f) {
    QJsonObject o;
    QByteArray frameBytes;
    if (!splitFastPath(line, &o, &frameBytes)) {
        QJsonParseError e{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &e);
        if (e.error != QJsonParseError::NoError)
            return QStringLiteral("not valid JSON (%1 at column %2)").arg(e.errorString()).arg(e.offset + 1);
        if (!doc.isObject())
            return QStringLiteral("expected a JSON object");
        o = doc.object();
        const QJsonValue frame = o.value(QLatin1String("frame"));
        const QJsonValue text = o.value(QLatin1String("frame_text"));
        if (frame.isObject())
            frameBytes = QJsonDocument(frame.toObject()).toJson(QJsonDocument::Compact);
        else if (text.isString())
            frameBytes = text.toString().toUtf8();
        else
            return QStringLiteral(
                "needs \"frame\" (the frame as a JSON object) or \"frame_text\" (a string)");
    }
    qint64 v = 0;
    if (!integral(o.value(QLatin1String("t_ms")), 0, qint64(1) << 53, &v))
        return QStringLiteral("\"t_ms\" must be a non-negative integer (ms since the Unix epoch)");
    f->timeMs = v;
    if (!integral(o.value(QLatin1String("shard")), 0, 0xFFFF, &v))
        return QStringLiteral("\"shard\" must be an integer from 0 to 65535");
    f->shardId = static_cast<int>(v);
    const QString dir = o.value(QLatin1String("dir")).toString();
    if (dir != QLatin1String("in") && dir != QLatin1String("out"))
        return QStringLiteral("\"dir\" must be \"in\" or \"out\"");
    f->direction = dir == QLatin1String("out") ? gateway::Direction::Sent : gateway::Direction::Received;
    if (!integral(o.value(QLatin1String("op")), -32768, 32767, &v))
        return QStringLiteral("\"op\" must be an integer");
    f->op = static_cast<int>(v);
    const QJsonValue t = o.value(QLatin1String("t"));
    if (!t.isString() && !t.isNull() && !t.isUndefined())
        return QStringLiteral("\"t\" must be a string or null");
    f->type = t.toString();
    const auto optionalInt = [&](const char* key, qint64 min, qint64 max, qint64 fallback, qint64* out) {
        const QJsonValue value = o.value(QLatin1String(key));
        if (value.isNull() || value.isUndefined()) {
            *out = fallback;
            return true;
        }
        return integral(value, min, max, out);
    };
    if (!optionalInt("s", 0, 0x7FFFFFFF, -1, &v))
        return QStringLiteral("\"s\" must be a non-negative integer or null");
    f->seq = static_cast<int>(v);
    if (!optionalInt("wire", 0, 0xFFFFFFFFLL, 0, &v))
        return QStringLiteral("\"wire\" must be a non-negative integer");
    f->wireBytes = v;
    if (!optionalInt("decoded", 0, 0xFFFFFFFFLL, 0, &v))
        return QStringLiteral("\"decoded\" must be a non-negative integer");
    f->decodedBytes = v;
    if (!optionalInt("rtt", 0, 0x7FFFFFFF, -1, &v))
        return QStringLiteral("\"rtt\" must be a non-negative integer or null");
    f->heartbeatRttMs = static_cast<int>(v);
    f->payload = frameBytes;
    return {};
}

bool fail(QString* error, const QString& message) {
    if (error)
        *error = message;
    return false;
}

} // namespace

bool saveCapture(const CaptureStore& store, const QString& path, QString* error,
                 const CaptureProgress& progress) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error,
                    QStringLiteral("Cannot write the capture %1: %2. Choose a folder you can write to.")
                        .arg(path, file.errorString()));
    const quint32 rows = store.size();
    std::vector<QByteArray> names;
    for (int k = 0; k < store.eventNameCount(); ++k) {
        const QString name = store.eventNameAt(static_cast<quint16>(k));
        names.push_back(name.isEmpty() ? QByteArray("null") : jsonString(name));
    }
    bool ok = file.write(kHeader + '\n') == kHeader.size() + 1;
    const size_t threads = workerCount();
    std::vector<QByteArray> blocks(threads);
    for (quint32 begin = 0; ok && begin < rows;) {
        // Each round encodes `threads` blocks of rows in parallel, then writes them in order.
        const quint32 roundBegin = begin;
        runParallel(threads, [&](size_t t) {
            QByteArray& out = blocks[t];
            out.clear();
            const quint64 b = roundBegin + quint64(t) * kBatchRows;
            const quint64 e = std::min<quint64>(rows, b + kBatchRows);
            for (quint64 i = b; i < e; ++i)
                encodeRow(store, static_cast<quint32>(i), names, out);
        });
        for (const QByteArray& block : blocks)
            ok = ok && file.write(block) == block.size();
        begin = static_cast<quint32>(std::min<quint64>(rows, roundBegin + quint64(threads) * kBatchRows));
        if (progress)
            progress(begin, rows);
    }
    if (!ok || !file.commit())
        return fail(error, QStringLiteral("Could not save the capture %1: %2. Check the free disk space.")
                               .arg(path, file.errorString()));
    return true;
}

bool loadCapture(CaptureStore& store, const QString& path, QString* error, const CaptureProgress& progress) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(error, QStringLiteral("Cannot open the capture %1: %2.").arg(path, file.errorString()));
    const QString name = QFileInfo(path).fileName();
    const auto lineError = [&](qint64 line, const QString& what) {
        return fail(error, QStringLiteral("%1, line %2: %3").arg(name).arg(line).arg(what));
    };
    const QByteArray header = file.readLine().trimmed();
    if (header != kHeader) {
        if (header.startsWith(kHeaderPrefix))
            return lineError(
                1, QStringLiteral("capture format version %1 is not supported (this build reads 1); "
                                  "open it with a newer Botwright Studio")
                       .arg(QString::fromUtf8(header.mid(kHeaderPrefix.size()))));
        return lineError(1, QStringLiteral("not a Botwright capture (the first line must be \"%1\")")
                                .arg(QString::fromLatin1(kHeader)));
    }
    // Load into a fresh store with the same redactor; swap it in only when every line was good.
    CaptureStore loaded;
    loaded.redactor() = store.redactor();
    const size_t threads = workerCount();
    const qint64 total = file.size();
    qint64 lineNo = 1;
    std::vector<QByteArray> lines;
    std::vector<gateway::FrameEvent> frames;
    std::vector<QString> errors;
    while (!file.atEnd()) {
        lines.clear();
        const qint64 firstLine = lineNo + 1;
        while (lines.size() < threads * kBatchRows && !file.atEnd()) {
            lines.push_back(file.readLine());
            ++lineNo;
        }
        frames.assign(lines.size(), gateway::FrameEvent{});
        errors.assign(lines.size(), QString());
        const size_t step = (lines.size() + threads - 1) / threads;
        runParallel(threads, [&](size_t t) {
            for (size_t k = t * step; k < std::min(lines.size(), (t + 1) * step); ++k) {
                const QByteArray line = lines[k].trimmed();
                if (!line.isEmpty()) // blank lines are allowed
                    errors[k] = parseLine(line, &frames[k]);
            }
        });
        for (size_t k = 0; k < lines.size(); ++k) {
            if (!errors[k].isEmpty())
                return lineError(firstLine + static_cast<qint64>(k), errors[k]);
            if (lines[k].trimmed().isEmpty())
                continue;
            if (!loaded.append(frames[k]))
                return lineError(firstLine + static_cast<qint64>(k),
                                 QStringLiteral("the capture is too large to load"));
        }
        if (progress)
            progress(file.pos(), total);
    }
    store.swap(loaded);
    return true;
}

} // namespace botwright::capture
