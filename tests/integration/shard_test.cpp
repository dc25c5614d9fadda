// The gateway client (Shard) against the sandbox over real sockets, with faults injected.
#include "engine/gateway/send_limiter.h"
#include "engine/gateway/shard.h"
#include "engine/protocol/gateway_constants.h"
#include "engine/sandbox/gateway_server.h"
#include "engine/sandbox/sandbox_server.h"
#include "tests/support/qt_catch.h"
#include "tests/support/rest_test_client.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace botwright;
using gateway::Shard;
namespace intent = protocol::intent;

namespace {

const QString kGeneral = QStringLiteral("1113768910127104000");

struct Rig {
    explicit Rig(sandbox::SandboxOptions options = quick(), gateway::ShardConfig::Compression compression =
                                                                gateway::ShardConfig::Compression::ZlibStream)
        : server(options) {
        REQUIRE(server.start(0));
        rest = std::make_unique<RestTestClient>(server.restBase());
        alice = server.world().user(948142551859331072ULL)->token;
        gateway::ShardConfig config;
        config.token = server.world().botToken();
        config.gatewayUrl = QUrl(server.gatewayUrl());
        config.intents = intent::Guilds | intent::GuildMessages | intent::MessageContent;
        config.compression = compression;
        config.invalidSessionMinDelayMs = 0;
        config.invalidSessionMaxDelayMs = 50;
        config.reconnectDelayMs = 50;
        shard = std::make_unique<Shard>(config);
        QObject::connect(
            shard.get(), &Shard::dispatch, shard.get(),
            [this](const QString& type, const QByteArray& d, int seq) {
                types << type;
                seqs << seq;
                if (type == QStringLiteral("MESSAGE_CREATE"))
                    contents
                        << QJsonDocument::fromJson(d).object().value(QStringLiteral("content")).toString();
            });
        QObject::connect(shard.get(), &Shard::sequenceGap, shard.get(), [this](int, int) { ++gaps; });
    }
    static sandbox::SandboxOptions quick() {
        sandbox::SandboxOptions o;
        o.identifyWindowMs = 0;
        return o;
    }
    bool ready(int timeoutMs = 5000) {
        return QTest::qWaitFor([this] { return shard->state() == Shard::State::Ready; }, timeoutMs);
    }
    void say(const QString& text) {
        REQUIRE(rest->call("POST", QStringLiteral("/v10/channels/%1/messages").arg(kGeneral), alice,
                           QJsonDocument(QJsonObject{{QStringLiteral("content"), text}}))
                    .status == 200);
    }
    bool received(const QString& text, int timeoutMs = 5000) {
        return QTest::qWaitFor([&] { return contents.contains(text); }, timeoutMs);
    }
    sandbox::SandboxServer server;
    std::unique_ptr<RestTestClient> rest;
    std::unique_ptr<Shard> shard;
    QString alice;
    QStringList types, contents;
    QList<int> seqs;
    int gaps = 0;
};

} // namespace

TEST_CASE("a shard connects over zlib-stream, identifies and receives dispatches") {
    Rig rig;
    rig.shard->start();
    REQUIRE(rig.ready());
    CHECK(rig.types.first() == QStringLiteral("READY"));
    CHECK(rig.types.contains(QStringLiteral("GUILD_CREATE")));
    CHECK(!rig.shard->sessionId().isEmpty());
    rig.say(QStringLiteral("hello shard"));
    CHECK(rig.received(QStringLiteral("hello shard")));
    CHECK(rig.gaps == 0);
}

TEST_CASE("a zombie connection (ACKs withheld) is dropped and resumed without losing dispatches") {
    sandbox::SandboxOptions options = Rig::quick();
    options.heartbeatIntervalMs = 150;
    Rig rig(options);
    rig.shard->start();
    REQUIRE(rig.ready());
    const QString session = rig.shard->sessionId();
    rig.server.faults().dropHeartbeatAcks = true;
    rig.say(QStringLiteral("before the zombie"));
    REQUIRE(QTest::qWaitFor([&] { return rig.shard->state() != Shard::State::Ready; }, 3000));
    rig.server.faults().dropHeartbeatAcks = false;
    rig.say(QStringLiteral("while reconnecting"));
    REQUIRE(QTest::qWaitFor([&] { return rig.types.contains(QStringLiteral("RESUMED")); }, 5000));
    CHECK(rig.shard->sessionId() == session);
    CHECK(rig.received(QStringLiteral("while reconnecting")));
    CHECK(rig.contents.count(QStringLiteral("before the zombie")) == 1);
    CHECK(rig.gaps == 0);
}

TEST_CASE("every close code gets its policy") {
    Rig rig;
    rig.shard->start();
    REQUIRE(rig.ready());
    SECTION("resume after 4000, 4001, 4002, 4008 and a TCP drop") {
        for (int code : {4000, 4001, 4002, 4008, -1}) {
            const QString session = rig.shard->sessionId();
            const auto resumedBefore = rig.types.count(QStringLiteral("RESUMED"));
            if (code < 0)
                rig.server.gateway().dropTcp();
            else
                rig.server.gateway().closeWithCode(code);
            INFO("close code " << code);
            REQUIRE(QTest::qWaitFor(
                [&] { return rig.types.count(QStringLiteral("RESUMED")) > resumedBefore; }, 5000));
            CHECK(rig.shard->sessionId() == session);
        }
    }
    SECTION("a new session after 4003, 4007 and 4009") {
        for (int code : {4003, 4007, 4009}) {
            const QString session = rig.shard->sessionId();
            const auto readyBefore = rig.types.count(QStringLiteral("READY"));
            rig.server.gateway().closeWithCode(code);
            INFO("close code " << code);
            REQUIRE(QTest::qWaitFor([&] { return rig.types.count(QStringLiteral("READY")) > readyBefore; },
                                    5000));
            CHECK(rig.shard->sessionId() != session);
        }
    }
    SECTION("a stop with a clear message after 4004 and 4010–4014") {
        for (int code : {4004, 4010, 4011, 4012, 4013, 4014}) {
            if (rig.shard->state() == Shard::State::Stopped) {
                rig.shard->start();
                REQUIRE(rig.ready());
            }
            rig.server.gateway().closeWithCode(code);
            INFO("close code " << code);
            REQUIRE(QTest::qWaitFor([&] { return rig.shard->state() == Shard::State::Stopped; }, 5000));
            CHECK(rig.shard->stopReason().contains(QString::number(code)));
        }
    }
}

TEST_CASE("op 7 and op 9 both ways, and a server heartbeat request") {
    Rig rig;
    rig.shard->start();
    REQUIRE(rig.ready());
    const QString session = rig.shard->sessionId();
    rig.server.gateway().sendReconnect();
    REQUIRE(QTest::qWaitFor([&] { return rig.types.count(QStringLiteral("RESUMED")) == 1; }, 5000));
    rig.server.gateway().sendInvalidSession(true);
    REQUIRE(QTest::qWaitFor([&] { return rig.types.count(QStringLiteral("RESUMED")) == 2; }, 5000));
    CHECK(rig.shard->sessionId() == session);
    rig.server.gateway().sendInvalidSession(false);
    REQUIRE(QTest::qWaitFor([&] { return rig.types.count(QStringLiteral("READY")) == 2; }, 5000));
    CHECK(rig.shard->sessionId() != session);
    REQUIRE(rig.ready());
    int acks = 0;
    QObject::connect(rig.shard.get(), &Shard::heartbeatAcked, rig.shard.get(), [&acks](int) { ++acks; });
    rig.server.gateway().requestHeartbeat();
    CHECK(QTest::qWaitFor([&] { return acks > 0; }, 3000));
}

TEST_CASE("compressed payloads split across messages, and zstd-stream, decode") {
    SECTION("zlib-stream split in 4") {
        Rig rig;
        rig.server.faults().splitCompressedFrames = 4;
        rig.shard->start();
        REQUIRE(rig.ready());
        rig.say(QStringLiteral("split ") + QString(300, u'z'));
        CHECK(rig.received(QStringLiteral("split ") + QString(300, u'z')));
    }
    SECTION("zstd-stream") {
        Rig rig(Rig::quick(), gateway::ShardConfig::Compression::ZstdStream);
        rig.shard->start();
        REQUIRE(rig.ready());
        rig.say(QStringLiteral("zstd"));
        CHECK(rig.received(QStringLiteral("zstd")));
    }
}

TEST_CASE("after 200 random faults every dispatch arrived exactly once, in order") {
    Rig rig;
    rig.shard->start();
    REQUIRE(rig.ready());
    QRandomGenerator random(20261122);
    QStringList sent;
    for (int i = 0; i < 200; ++i) {
        const QString text = QStringLiteral("m%1").arg(i);
        rig.say(text);
        sent << text;
        switch (random.bounded(6)) {
        case 0:
            rig.server.gateway().sendReconnect();
            break;
        case 1:
            rig.server.gateway().sendInvalidSession(true);
            break;
        case 2:
            rig.server.gateway().closeWithCode(4000);
            break;
        case 3:
            rig.server.gateway().dropTcp();
            break;
        case 4:
            rig.server.gateway().closeWithCode(4008);
            break;
        default:
            rig.server.gateway().requestHeartbeat();
            break;
        }
        if (random.bounded(3) == 0) // sometimes let the shard recover before the next message
            QTest::qWait(5);
    }
    REQUIRE(QTest::qWaitFor([&] { return rig.contents.size() >= sent.size(); }, 30000));
    REQUIRE(rig.ready());
    QTest::qWait(100);
    CHECK(rig.contents == sent);
    CHECK(rig.gaps == 0);
    for (int i = 1; i < rig.seqs.size(); ++i)
        CHECK(rig.seqs[i] == rig.seqs[i - 1] + 1);
}

TEST_CASE("the send limiter keeps room for heartbeats and never passes 120 per minute") {
    gateway::SendLimiter limiter(120, 60000, 3);
    int ordinary = 0;
    while (limiter.tryAcquire(1000, false))
        ++ordinary;
    CHECK(ordinary == 117);
    CHECK(limiter.waitMs(1000) == 60000);
    CHECK(limiter.tryAcquire(1000, true)); // a heartbeat still fits
    CHECK(limiter.tryAcquire(1000, true));
    CHECK(limiter.tryAcquire(1000, true));
    CHECK_FALSE(limiter.tryAcquire(1000, true));
    CHECK(limiter.tryAcquire(61000, false)); // the window moved on
}

TEST_CASE("frames over 4096 bytes are refused") {
    Rig rig;
    rig.shard->start();
    REQUIRE(rig.ready());
    CHECK_FALSE(rig.shard->send(3, QJsonObject{{QStringLiteral("pad"), QString(5000, u'x')}}));
    CHECK(rig.shard->send(3, QJsonObject{{QStringLiteral("since"), QJsonValue::Null},
                                         {QStringLiteral("activities"), QJsonArray{}},
                                         {QStringLiteral("status"), QStringLiteral("online")},
                                         {QStringLiteral("afk"), false}}));
    QTest::qWait(100);
    CHECK(rig.shard->state() == Shard::State::Ready);
}
