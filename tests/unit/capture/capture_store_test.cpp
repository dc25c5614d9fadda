#include "engine/capture/capture_store.h"
#include "tests/support/qt_catch.h"

#include <atomic>
#include <random>
#include <thread>

using namespace botwright;
using namespace botwright::capture;
using gateway::Direction;
using gateway::FrameEvent;

namespace {
const QByteArray kToken =
    QByteArrayLiteral("MTE5NjU0MzIxMDk4NzY1NDMyMQ.GhJkLm.abcdefghijklmnopqrstuvwxyz0123456789AB");

FrameEvent dispatch(int i, const QString& type, const QByteArray& content, int shard = 0) {
    FrameEvent f;
    f.timeMs = 1700000000000 + i;
    f.shardId = shard;
    f.direction = Direction::Received;
    f.op = 0;
    f.type = type;
    f.seq = i;
    f.payload = QByteArrayLiteral("{\"op\":0,\"s\":") + QByteArray::number(i) + ",\"t\":\"" + type.toUtf8() +
                "\",\"d\":{\"content\":\"" + content + "\",\"n\":" + QByteArray::number(i) + "}}";
    f.wireBytes = f.payload.size() / 2;
    f.decodedBytes = f.payload.size();
    return f;
}

FrameEvent heartbeat(int i, Direction dir) {
    FrameEvent f;
    f.timeMs = 1700000000000 + i;
    f.direction = dir;
    f.op = dir == Direction::Sent ? 1 : 11;
    f.payload =
        dir == Direction::Sent ? QByteArrayLiteral("{\"op\":1,\"d\":5}") : QByteArrayLiteral("{\"op\":11}");
    f.heartbeatRttMs = dir == Direction::Sent ? -1 : 42;
    f.wireBytes = f.decodedBytes = f.payload.size();
    return f;
}
} // namespace

TEST_CASE("CaptureStore keeps every column and the redacted payload") {
    CaptureStore store;
    store.redactor().addSecret(QString::fromUtf8(kToken));
    FrameEvent identify;
    identify.timeMs = 1700000000000;
    identify.shardId = 3;
    identify.direction = Direction::Sent;
    identify.op = 2;
    identify.payload = "{\"op\":2,\"d\":{\"token\":\"Bot " + kToken + "\",\"intents\":513}}";
    identify.wireBytes = 70000;
    identify.decodedBytes = 5000000000LL; // clamps to uint32
    REQUIRE(store.append(identify));
    REQUIRE(store.append(dispatch(1, QStringLiteral("MESSAGE_CREATE"), "hi " + kToken, 3)));
    REQUIRE(store.append(heartbeat(2, Direction::Received)));
    REQUIRE(store.append(dispatch(3, QStringLiteral("MESSAGE_CREATE"), "again")));
    REQUIRE(store.size() == 4);

    CHECK(store.time(0) == 1700000000000);
    CHECK(store.shard(0) == 3);
    CHECK(store.direction(0) == Direction::Sent);
    CHECK(store.op(0) == 2);
    CHECK(store.seq(0) == -1);
    CHECK(store.eventName(0).isEmpty());
    CHECK(store.wireBytes(0) == 70000);
    CHECK(store.decodedBytes(0) == 0xFFFFFFFFu);
    CHECK(store.payload(0) ==
          QByteArrayLiteral("{\"op\":2,\"d\":{\"token\":\"[redacted]\",\"intents\":513}}"));
    CHECK(store.eventName(1) == QStringLiteral("MESSAGE_CREATE"));
    CHECK(store.seq(1) == 1);
    CHECK(store.heartbeatRtt(2) == 42);
    CHECK(store.heartbeatRtt(1) == -1);
    CHECK(store.eventIndex(1) == store.eventIndex(3));
    CHECK(store.eventNameCount() == 2); // "" and MESSAGE_CREATE
    for (quint32 i = 0; i < store.size(); ++i)
        CHECK_FALSE(store.payload(i).contains(kToken));
    CHECK(store.payload(1).contains("hi [redacted]"));

    const FrameEvent back = store.frame(3);
    CHECK(back.type == QStringLiteral("MESSAGE_CREATE"));
    CHECK(back.payload == dispatch(3, QStringLiteral("MESSAGE_CREATE"), "again").payload);
    CHECK(store.payloadBytes() > 0);
    CHECK(store.allocatedBytes() > store.payloadBytes());

    store.clear();
    CHECK(store.size() == 0);
    CHECK(store.eventNameCount() == 1);
    CHECK(store.redactor().secretCount() >= 1); // secrets survive clear()
}

TEST_CASE("CaptureStore payloads cross chunk boundaries and oversized payloads get their own chunk") {
    CaptureStore store;
    std::vector<QByteArray> expected;
    for (int i = 0; i < 3000; ++i) { // ~3000 * 3 KB = 9 MB: several 4 MiB chunks
        FrameEvent f = dispatch(i, QStringLiteral("GUILD_CREATE"), QByteArray(3000 + i % 17, 'a' + i % 26));
        if (i == 1500)
            f.payload = QByteArray(5 * 1024 * 1024, 'x'); // bigger than a chunk
        if (i == 1501)
            f.payload.clear();
        expected.push_back(f.payload);
        REQUIRE(store.append(f));
    }
    for (quint32 i = 0; i < store.size(); ++i)
        REQUIRE(store.payloadView(i) == QByteArrayView(expected[i]));
}

TEST_CASE("CaptureStore filters by op, event name, shard, direction and text") {
    CaptureStore store;
    store.append(heartbeat(0, Direction::Sent));                                           // 0
    store.append(heartbeat(1, Direction::Received));                                       // 1
    store.append(dispatch(2, QStringLiteral("MESSAGE_CREATE"), "Hello World", 0));         // 2
    store.append(dispatch(3, QStringLiteral("TYPING_START"), "", 1));                      // 3
    store.append(dispatch(4, QStringLiteral("MESSAGE_CREATE"), "HELLO again", 1));         // 4
    store.append(dispatch(5, QStringLiteral("MESSAGE_REACTION_ADD"), "hellp \\u00e9", 2)); // 5

    using Rows = std::vector<quint32>;
    CHECK(store.filter({}) == Rows{0, 1, 2, 3, 4, 5});
    CaptureFilter f;
    f.ops = std::vector<int>{1, 11};
    CHECK(store.filter(f) == Rows{0, 1});
    f = {};
    f.eventNames = QStringList{QStringLiteral("MESSAGE_CREATE"), QStringLiteral("TYPING_START")};
    CHECK(store.filter(f) == Rows{2, 3, 4});
    f.eventNames = QStringList{QString()};
    CHECK(store.filter(f) == Rows{0, 1});
    f.eventNames = QStringList{QStringLiteral("NOT_SEEN")};
    CHECK(store.filter(f).empty());
    f = {};
    f.shards = std::vector<int>{1, 2};
    CHECK(store.filter(f) == Rows{3, 4, 5});
    f = {};
    f.direction = Direction::Sent;
    CHECK(store.filter(f) == Rows{0});
    f = {};
    f.text = QStringLiteral("hello");
    CHECK(store.filter(f) == Rows{2, 4});
    f.text = QStringLiteral("hElLo WoRlD");
    CHECK(store.filter(f) == Rows{2});
    f.text = QStringLiteral("W"); // one character: both cases
    CHECK(store.filter(f) == Rows{2});
    f.text = QStringLiteral("\\u00E9");
    CHECK(store.filter(f) == Rows{5});
    f.text = QStringLiteral("hello");
    f.shards = std::vector<int>{1};
    CHECK(store.filter(f) == Rows{4});
    f = {};
    f.text = QStringLiteral("message_create");
    CHECK(store.filter(f, 3) == Rows{4}); // from row 3
    CHECK(store.filter(f, 0, 3) == Rows{2});
    CHECK(store.filter(f, 5, 100).empty());
}

TEST_CASE("CaptureStore free-text filter over many rows matches a plain search") {
    CaptureStore store;
    for (int i = 0; i < 60000; ++i)
        store.append(dispatch(i, i % 3 ? QStringLiteral("MESSAGE_CREATE") : QStringLiteral("TYPING_START"),
                              i % 97 == 0 ? QByteArray("the Needle here") : QByteArray("plain hay"), i % 4));
    CaptureFilter f;
    f.text = QStringLiteral("NEEDLE");
    std::vector<quint32> expected;
    for (quint32 i = 0; i < store.size(); ++i)
        if (store.payload(i).toLower().contains("needle"))
            expected.push_back(i);
    CHECK(store.filter(f) == expected);
    f.shards = std::vector<int>{0};
    expected.erase(
        std::remove_if(expected.begin(), expected.end(), [&](quint32 i) { return store.shard(i) != 0; }),
        expected.end());
    CHECK(store.filter(f) == expected);
}

TEST_CASE("CaptureStore readers see complete rows while one thread appends") {
    CaptureStore store;
    std::atomic<bool> done{false};
    std::atomic<int> bad{0};
    std::thread reader([&] {
        while (!done.load()) {
            const quint32 n = store.size();
            for (quint32 i = n > 200 ? n - 200 : 0; i < n; ++i) {
                const QByteArrayView p = store.payloadView(i);
                const QByteArray expectN = ",\"n\":" + QByteArray::number(store.seq(i)) + "}}";
                if (!p.endsWith(expectN) || store.eventName(i).isEmpty())
                    ++bad;
            }
        }
    });
    for (int i = 0; i < 100000; ++i)
        store.append(dispatch(i, QStringLiteral("EVENT_%1").arg(i % 300), QByteArray(i % 700, 'z')));
    done = true;
    reader.join();
    CHECK(bad.load() == 0);
    CHECK(store.size() == 100000);
    CHECK(store.eventNameCount() == 301);
}

TEST_CASE("CaptureStore free-text search agrees with a naive search on random bytes and needles") {
    std::mt19937 rng(11);
    const char alphabet[] = {'a', 'A', 'b', 'B', 'z', 'Z', '"', '\\', '@', '[', '`', '{', '\xc3', '\xa9'};
    const auto randomBytes = [&](int len) {
        QByteArray out;
        for (int k = 0; k < len; ++k)
            out += alphabet[rng() % sizeof alphabet];
        return out;
    };
    CaptureStore store;
    std::vector<QByteArray> payloads;
    for (int i = 0; i < 400; ++i) {
        FrameEvent f;
        f.payload = randomBytes(static_cast<int>(rng() % 90));
        payloads.push_back(f.payload);
        store.append(f);
    }
    const auto foldAscii = [](QByteArray b) {
        for (char& c : b)
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c + 32);
        return b;
    };
    for (int round = 0; round < 300; ++round) {
        const QByteArray needle =
            round % 3 ? randomBytes(1 + static_cast<int>(rng() % 4))
                      : payloads[rng() % payloads.size()].mid(static_cast<int>(rng() % 20),
                                                              1 + static_cast<int>(rng() % 30));
        if (needle.isEmpty())
            continue;
        std::vector<quint32> expected;
        for (quint32 i = 0; i < store.size(); ++i)
            if (foldAscii(store.payload(i)).contains(foldAscii(needle)))
                expected.push_back(i);
        CaptureFilter f;
        f.text = QString::fromUtf8(needle);
        if (f.text.toUtf8() != needle) // not valid UTF-8: the filter takes text
            continue;
        INFO("needle " << needle.toStdString());
        CHECK(store.filter(f) == expected);
    }
}
