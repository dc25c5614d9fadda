#include "engine/capture/capture_file.h"
#include "tests/support/qt_catch.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace botwright;
using namespace botwright::capture;
using gateway::Direction;
using gateway::FrameEvent;

namespace {
const QByteArray kToken =
    QByteArrayLiteral("MTE5NjU0MzIxMDk4NzY1NDMyMQ.GhJkLm.abcdefghijklmnopqrstuvwxyz0123456789AB");

FrameEvent frame(int i, int op, const QString& type, const QByteArray& payload,
                 Direction dir = Direction::Received) {
    FrameEvent f;
    f.timeMs = 1700000000000 + i * 10;
    f.shardId = i % 3;
    f.direction = dir;
    f.op = op;
    f.type = type;
    f.seq = op == 0 ? i : -1;
    f.wireBytes = payload.size() / 2;
    f.decodedBytes = payload.size();
    f.heartbeatRttMs = op == 11 ? 30 + i : -1;
    f.payload = payload;
    return f;
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

const QByteArray kGoodLine = QByteArrayLiteral(
    "{\"t_ms\":1700000000000,\"shard\":0,\"dir\":\"in\",\"op\":11,\"t\":null,\"s\":null,\"wire\":9,"
    "\"decoded\":9,\"rtt\":40,\"frame\":{\"op\":11}}\n");
} // namespace

TEST_CASE("a capture survives save and load with every column and payload byte") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    CaptureStore store;
    store.append(
        frame(0, 2, {}, "{\"op\":2,\"d\":{\"token\":\"" + kToken + "\",\"intents\":1}}", Direction::Sent));
    store.append(frame(1, 0, QStringLiteral("READY"), "{\"t\":\"READY\",\"s\":1,\"op\":0,\"d\":{\"v\":10}}"));
    store.append(
        frame(2, 0, QStringLiteral("MESSAGE_CREATE"),
              "{\"op\":0,\"s\":2,\"t\":\"MESSAGE_CREATE\",\"d\":{\"content\":\"caf\xc3\xa9 \\\"q\\\" \\n\","
              "\"n\":1.5e3}}"));
    store.append(frame(3, 11, {}, "{\"op\":11}"));
    store.append(frame(4, -1, {}, "not json at all \"\n", Direction::Sent)); // a broken frame someone sent
    store.append(
        frame(5, 0, QStringLiteral("WEIRD \"NAME\""), "{\"op\":0,\"s\":5,\"t\":\"WEIRD \\\"NAME\\\"\"}"));
    store.append(frame(6, 1, {}, "{\n  \"op\": 1,\n  \"d\": null\n}", Direction::Sent));
    store.append(frame(7, 0, QStringLiteral("EMPTY"), QByteArray()));

    const QString path = dir.filePath(QStringLiteral("session.bwcap"));
    QString error;
    qint64 lastDone = -1;
    REQUIRE(saveCapture(store, path, &error, [&](qint64 done, qint64) { lastDone = done; }));
    CHECK(error.isEmpty());
    CHECK(lastDone == store.size());
    const QList<QByteArray> lines = readFile(path).split('\n');
    CHECK(lines.front() == QByteArrayLiteral("botwright-capture 1"));
    CHECK(lines.size() == 1 + 8 + 1); // header, 8 frames, empty after the final newline
    CHECK_FALSE(readFile(path).contains(kToken));
    for (int k = 1; k <= 8; ++k)
        CHECK(QJsonDocument::fromJson(lines[k]).isObject());
    CHECK(lines[4].startsWith(
        "{\"t_ms\":1700000000030,\"shard\":0,\"dir\":\"in\",\"op\":11,\"t\":null,\"s\":null,"
        "\"wire\":4,\"decoded\":9,\"rtt\":33,\"frame\":{\"op\":11}}"));

    CaptureStore loaded;
    REQUIRE(loadCapture(loaded, path, &error));
    REQUIRE(loaded.size() == store.size());
    for (quint32 i = 0; i < store.size(); ++i) {
        INFO("row " << i);
        CHECK(loaded.time(i) == store.time(i));
        CHECK(loaded.shard(i) == store.shard(i));
        CHECK(loaded.direction(i) == store.direction(i));
        CHECK(loaded.op(i) == store.op(i));
        CHECK(loaded.eventName(i) == store.eventName(i));
        CHECK(loaded.seq(i) == store.seq(i));
        CHECK(loaded.wireBytes(i) == store.wireBytes(i));
        CHECK(loaded.decodedBytes(i) == store.decodedBytes(i));
        CHECK(loaded.heartbeatRtt(i) == store.heartbeatRtt(i));
        if (i == 6) // raw line breaks between tokens become spaces: same JSON
            CHECK(QJsonDocument::fromJson(loaded.payload(i)) == QJsonDocument::fromJson(store.payload(i)));
        else if (i == 7) // an empty frame is not JSON: kept as empty text
            CHECK(loaded.payload(i).isEmpty());
        else
            CHECK(loaded.payload(i) == store.payload(i));
    }
}

TEST_CASE("loading reports the line of a bad line and leaves the store as it was") {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.bwcap"));
    CaptureStore store;
    store.append(frame(0, 11, {}, "{\"op\":11}"));
    QString error;

    writeFile(path,
              "botwright-capture 1\n" + kGoodLine + kGoodLine + "{\"t_ms\":1,\"shard\":0,\"dir\":\"in\"\n");
    CHECK_FALSE(loadCapture(store, path, &error));
    CHECK(error.contains(QStringLiteral("bad.bwcap, line 4")));
    CHECK(error.contains(QStringLiteral("not valid JSON")));
    CHECK(store.size() == 1);

    const QByteArray sideways = QByteArray(kGoodLine).replace("\"in\"", "\"sideways\"");
    writeFile(path, "botwright-capture 1\n" + kGoodLine + "\n" + sideways);
    CHECK_FALSE(loadCapture(store, path, &error));
    CHECK(error.contains(QStringLiteral("line 4"))); // the blank line counts
    CHECK(error.contains(QStringLiteral("\"dir\"")));

    writeFile(path, "botwright-capture 1\n{\"t_ms\":1,\"shard\":0,\"dir\":\"in\",\"op\":1}\n");
    CHECK_FALSE(loadCapture(store, path, &error));
    CHECK(error.contains(QStringLiteral("line 2")));
    CHECK(error.contains(QStringLiteral("\"frame\"")));

    writeFile(path,
              "botwright-capture 1\n" + QByteArray(kGoodLine).replace("\"shard\":0", "\"shard\":70000"));
    CHECK_FALSE(loadCapture(store, path, &error));
    CHECK(error.contains(QStringLiteral("\"shard\"")));

    writeFile(path, "botwright-capture 2\n" + kGoodLine);
    CHECK_FALSE(loadCapture(store, path, &error));
    CHECK(error.contains(QStringLiteral("line 1")));
    CHECK(error.contains(QStringLiteral("version 2")));

    writeFile(path, "{\"op\":11}\n");
    CHECK_FALSE(loadCapture(store, path, &error));
    CHECK(error.contains(QStringLiteral("not a Botwright capture")));

    CHECK_FALSE(loadCapture(store, dir.filePath(QStringLiteral("missing.bwcap")), &error));
    CHECK(error.contains(QStringLiteral("missing.bwcap")));
    CHECK(store.size() == 1);
    CHECK(store.payload(0) == QByteArrayLiteral("{\"op\":11}"));
}

TEST_CASE("a hand-edited capture cannot bring a token back in") {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("edited.bwcap"));
    const QByteArray identifyLine =
        "{\"t_ms\":1,\"shard\":0,\"dir\":\"out\",\"op\":2,\"frame\":{\"op\":2,\"d\":"
        "{\"token\":\"Bot " +
        kToken + "\",\"intents\":1}}}\n";
    const QByteArray messageLine =
        "{\"t_ms\":2,\"shard\":0,\"dir\":\"in\",\"op\":0,\"t\":\"MESSAGE_CREATE\",\"s\":3,"
        "\"frame\":{\"op\":0,\"t\":\"MESSAGE_CREATE\",\"s\":3,\"d\":{\"content\":\"" +
        kToken + "\"}}}\n";
    // Keys in another order (the frame first) and the token as an event name.
    const QByteArray reordered = "{\"frame\":{\"op\":6,\"d\":{\"token\":\"" + kToken +
                                 "\",\"seq\":3}},\"t_ms\":3,\"shard\":1,\"dir\":\"out\",\"op\":6,\"t\":\"" +
                                 kToken + "\"}\n";
    writeFile(path, "botwright-capture 1\n" + identifyLine + messageLine + reordered);

    CaptureStore store; // no secret registered: the Identify in the file teaches it
    QString error;
    REQUIRE(loadCapture(store, path, &error));
    REQUIRE(store.size() == 3);
    for (quint32 i = 0; i < store.size(); ++i) {
        CHECK_FALSE(store.payload(i).contains(kToken));
        CHECK_FALSE(store.eventName(i).toUtf8().contains(kToken));
    }
    CHECK(store.payload(1).contains("\"content\":\"[redacted]\""));
    CHECK(QJsonDocument::fromJson(store.payload(2)).object()["d"].toObject()["seq"].toInt() == 3);
    CHECK(store.shard(2) == 1);

    // A store that knows the secret catches it even without an Identify in the file.
    writeFile(path, "botwright-capture 1\n" + messageLine);
    CaptureStore known;
    known.redactor().addSecret(QString::fromUtf8(kToken));
    REQUIRE(loadCapture(known, path, &error));
    CHECK_FALSE(known.payload(0).contains(kToken));
}

TEST_CASE("saving reports where it could not write") {
    CaptureStore store;
    store.append(frame(0, 11, {}, "{\"op\":11}"));
    QString error;
    CHECK_FALSE(saveCapture(store, QStringLiteral("/nonexistent-dir/x/capture.bwcap"), &error));
    CHECK(error.contains(QStringLiteral("/nonexistent-dir/x/capture.bwcap")));
}
