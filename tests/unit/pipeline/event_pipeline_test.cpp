// pipeline::EventPipeline: stages in order, breakpoints that pause the right event before the right
// stage, stepping, editing, dropping, queued events keeping their order, replay, the trace ring.
#include "engine/pipeline/event_pipeline.h"
#include "tests/bench/bench_payloads.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <catch2/catch.hpp>

using namespace botwright::pipeline;

namespace {

constexpr quint64 kGuild = 1113768905932800000ULL;

QByteArray message(const QString& content, int n = 1) {
    QJsonObject d = QJsonDocument::fromJson(botwright::bench::messageCreateData(n)).object();
    d.insert(QStringLiteral("content"), content);
    return QJsonDocument(d).toJson(QJsonDocument::Compact);
}

QString contentOf(const QByteArray& sdkJson) {
    return QJsonDocument::fromJson(sdkJson).object().value(QStringLiteral("content")).toString();
}

struct Rig {
    EventPipeline pipeline{EventPipeline::Options{100, kGuild}};
    QList<std::pair<qint64, QByteArray>> delivered; // trace id, SDK JSON
    qint64 nextVm = 1;
    Rig() {
        QObject::connect(&pipeline, &EventPipeline::deliverEvent, &pipeline,
                         [this](qint64 id, const QByteArray&, const QByteArray& json) {
                             delivered.append({id, json});
                             pipeline.eventDelivered(id, nextVm++);
                         });
    }
    Breakpoint breakAt(Stage stage, const QString& type = QStringLiteral("*"),
                       const QString& condition = {}) {
        Breakpoint b;
        b.stage = stage;
        b.eventType = type;
        QString error;
        REQUIRE(BreakpointCondition::parse(condition, &b.condition, &error));
        b.id = pipeline.addBreakpoint(b);
        return b;
    }
    QStringList deliveredContents() const {
        QStringList out;
        for (const auto& d : delivered)
            out << contentOf(d.second);
        return out;
    }
};

} // namespace

TEST_CASE("a dispatch passes handler, transformer and event, and its trace holds every stage", "[pipeline]") {
    Rig rig;
    const qint64 id = rig.pipeline.push(0, "MESSAGE_CREATE", message(QStringLiteral("hi")), 7);
    REQUIRE(rig.delivered.size() == 1);
    CHECK(rig.delivered[0].first == id);
    CHECK(contentOf(rig.delivered[0].second) == QStringLiteral("hi"));
    rig.pipeline.eventTimed(1, 1000, 251000, 2, true);
    rig.pipeline.eventLogged(
        1, LogTrace{QStringLiteral("log"), QStringLiteral("seen hi"), QStringLiteral("echo"), 3, 5});
    rig.pipeline.opIssued(1, 42, QStringLiteral("discord_create_message"), R"({"channelId":"1"})");
    rig.pipeline.opAnswered(42, true, R"({"id":"9"})", {}, {});
    const auto r = rig.pipeline.record(id);
    REQUIRE(r);
    CHECK(r->status == TraceRecord::Status::Done);
    CHECK(r->seq == 7);
    CHECK(r->sdkEvent == "MESSAGE_CREATE");
    CHECK(QJsonDocument::fromJson(r->raw).object().value(QStringLiteral("channel_id")).isString());
    CHECK(QJsonDocument::fromJson(r->transformed).object().value(QStringLiteral("channelId")).isString());
    CHECK(r->listeners == 2);
    CHECK(r->eventNs == 250000);
    REQUIRE(r->logs.size() == 1);
    CHECK(r->logs[0].script == QStringLiteral("echo"));
    REQUIRE(r->ops.size() == 1);
    CHECK(r->ops[0].done);
    CHECK(r->ops[0].result == R"({"id":"9"})");
    const QByteArray changes = rig.pipeline.transformTrace(id);
    CHECK(changes.contains("channel_id"));
    CHECK(changes.contains("renamed"));
}

TEST_CASE("events stop at the handler when nothing listens, for a DM, or for another guild", "[pipeline]") {
    Rig rig;
    rig.pipeline.setListenerFilter([](QByteArrayView e) { return e == "MESSAGE_CREATE"; });
    const qint64 typing = rig.pipeline.push(
        0, "MESSAGE_DELETE",
        R"({"id":"1","channel_id":"1113768910127104000","guild_id":"1113768905932800000"})", 1);
    QByteArray dm = message(QStringLiteral("dm"));
    dm.replace("\"guild_id\":\"1113768905932800000\",", "");
    const qint64 direct = rig.pipeline.push(0, "MESSAGE_CREATE", dm, 2);
    const qint64 presence = rig.pipeline.push(0, "PRESENCE_UPDATE", R"({"user":{"id":"1"}})", 3);
    CHECK(rig.delivered.isEmpty());
    CHECK(rig.pipeline.record(typing)->stopReason.contains(QStringLiteral("no script listens")));
    CHECK(rig.pipeline.record(direct)->status == TraceRecord::Status::Stopped);
    CHECK(rig.pipeline.record(presence)->status == TraceRecord::Status::Stopped);
}

TEST_CASE("a breakpoint with a condition pauses the right event before the right stage; later events queue "
          "in order",
          "[pipeline]") {
    Rig rig;
    rig.breakAt(Stage::Event, QStringLiteral("MESSAGE_CREATE"), QStringLiteral("content startsWith \"!\""));
    QList<qint64> pausedIds;
    QList<int> waits;
    QObject::connect(&rig.pipeline, &EventPipeline::paused, &rig.pipeline,
                     [&](const TraceRecord& r) { pausedIds << r.id; });
    QObject::connect(&rig.pipeline, &EventPipeline::waitingChanged, &rig.pipeline,
                     [&](int n) { waits << n; });
    rig.pipeline.push(0, "MESSAGE_CREATE", message(QStringLiteral("plain"), 1), 1);
    const qint64 bang = rig.pipeline.push(0, "MESSAGE_CREATE", message(QStringLiteral("!ping"), 2), 2);
    rig.pipeline.push(0, "MESSAGE_CREATE", message(QStringLiteral("after 1"), 3), 3);
    rig.pipeline.push(0, "MESSAGE_CREATE", message(QStringLiteral("!after 2"), 4), 4);
    CHECK(rig.deliveredContents() == QStringList{QStringLiteral("plain")});
    REQUIRE(pausedIds == QList<qint64>{bang});
    CHECK(rig.pipeline.pausedId() == bang);
    CHECK(rig.pipeline.record(bang)->pausedBefore == Stage::Event);
    CHECK(rig.pipeline.waiting() == 2);
    CHECK(waits.last() == 2);

    // Edit the paused payload (the SDK shape, before the event stage), then continue.
    QJsonObject edited = QJsonDocument::fromJson(rig.pipeline.record(bang)->transformed).object();
    edited.insert(QStringLiteral("content"), QStringLiteral("!edited"));
    QString error;
    CHECK_FALSE(rig.pipeline.editPaused("{not json", &error));
    CHECK(error.contains(QStringLiteral("not valid JSON")));
    REQUIRE(rig.pipeline.editPaused(QJsonDocument(edited).toJson(), &error));
    rig.pipeline.resume();
    // "!after 2" matches too, so it pauses next, behind nothing.
    CHECK(rig.deliveredContents() ==
          (QStringList{QStringLiteral("plain"), QStringLiteral("!edited"), QStringLiteral("after 1")}));
    CHECK(rig.pipeline.record(bang)->edited);
    CHECK(pausedIds.size() == 2);
    rig.pipeline.drop();
    CHECK(rig.pipeline.pausedId() == 0);
    CHECK(rig.pipeline.waiting() == 0);
    CHECK(rig.pipeline.record(pausedIds[1])->status == TraceRecord::Status::Dropped);
    CHECK(rig.pipeline.breakpoints().first().hits == 2);
}

TEST_CASE("stepping runs one stage at a time; an edit before the transformer reaches the SDK shape",
          "[pipeline]") {
    Rig rig;
    rig.breakAt(Stage::Handler, QStringLiteral("MEMBER_ADD")); // an SDK name matches its dispatch
    rig.breakAt(Stage::Handler, QStringLiteral("MESSAGE_CREATE"));
    const qint64 id = rig.pipeline.push(0, "MESSAGE_CREATE", message(QStringLiteral("one")), 1);
    REQUIRE(rig.pipeline.pausedId() == id);
    CHECK(rig.pipeline.record(id)->pausedBefore == Stage::Handler);
    rig.pipeline.step();
    REQUIRE(rig.pipeline.pausedId() == id);
    CHECK(rig.pipeline.record(id)->pausedBefore == Stage::Transformer);
    CHECK(rig.pipeline.record(id)->sdkEvent == "MESSAGE_CREATE");
    QByteArray raw = message(QStringLiteral("changed before the transformer"));
    QString error;
    REQUIRE(rig.pipeline.editPaused(raw, &error));
    rig.pipeline.step();
    CHECK(rig.pipeline.record(id)->pausedBefore == Stage::Event);
    CHECK(contentOf(rig.pipeline.record(id)->transformed) ==
          QStringLiteral("changed before the transformer"));
    CHECK(rig.delivered.isEmpty());
    rig.pipeline.step();
    CHECK(rig.pipeline.pausedId() == 0);
    CHECK(rig.deliveredContents() == QStringList{QStringLiteral("changed before the transformer")});
}

TEST_CASE("replay re-runs a traced event from any stage, with an edited input if given", "[pipeline]") {
    Rig rig;
    const qint64 id = rig.pipeline.push(0, "MESSAGE_CREATE", message(QStringLiteral("original")), 1);
    const qint64 fromHandler = rig.pipeline.replay(id, Stage::Handler);
    const qint64 fromEvent = rig.pipeline.replay(id, Stage::Event);
    QJsonObject sdk = QJsonDocument::fromJson(rig.pipeline.record(id)->transformed).object();
    sdk.insert(QStringLiteral("content"), QStringLiteral("replayed with an edit"));
    const qint64 edited = rig.pipeline.replay(id, Stage::Event, QJsonDocument(sdk).toJson());
    CHECK(rig.deliveredContents() ==
          (QStringList{QStringLiteral("original"), QStringLiteral("original"), QStringLiteral("original"),
                       QStringLiteral("replayed with an edit")}));
    CHECK(rig.pipeline.record(fromHandler)->replayOf == id);
    CHECK(rig.pipeline.record(fromEvent)->replayFrom == Stage::Event);
    CHECK(rig.pipeline.record(edited)->edited);
    QString error;
    CHECK(rig.pipeline.replay(9999, Stage::Handler, {}, &error) == 0);
    CHECK(error.contains(QStringLiteral("no longer")));
    const qint64 captured = rig.pipeline.replayDispatch("MESSAGE_CREATE", message(QStringLiteral("captured")),
                                                        Stage::Transformer);
    CHECK(rig.pipeline.record(captured)->status == TraceRecord::Status::Delivered);
    CHECK(rig.deliveredContents().last() == QStringLiteral("captured"));
}

TEST_CASE("the trace ring keeps the last N events; tracing off keeps none but still delivers", "[pipeline]") {
    Rig rig;
    rig.pipeline.setCapacity(5);
    qint64 last = 0;
    for (int i = 0; i < 12; ++i)
        last = rig.pipeline.push(0, "MESSAGE_CREATE", message(QString::number(i), i), i);
    CHECK(rig.pipeline.traces().size() == 5);
    CHECK_FALSE(rig.pipeline.record(last - 5));
    CHECK(rig.pipeline.record(last - 4));
    const QList<TraceRecord> recent = rig.pipeline.traces().recent();
    CHECK(recent.first().id == last - 4);
    CHECK(recent.last().id == last);
    rig.pipeline.setTracing(false);
    const qint64 untraced = rig.pipeline.push(0, "MESSAGE_CREATE", message(QStringLiteral("quiet")), 99);
    CHECK_FALSE(rig.pipeline.record(untraced));
    CHECK(rig.deliveredContents().last() == QStringLiteral("quiet"));
}

TEST_CASE("breakpoint conditions parse with clear errors and match the stage's input", "[pipeline]") {
    BreakpointCondition c;
    QString error;
    REQUIRE(BreakpointCondition::parse(QStringLiteral("content startsWith \"!\""), &c, &error));
    CHECK(c.matches(R"({"content":"!ping"})"));
    CHECK_FALSE(c.matches(R"({"content":"ping"})"));
    REQUIRE(BreakpointCondition::parse(QStringLiteral("author.bot == false"), &c, &error));
    CHECK(c.matches(R"({"author":{"bot":false}})"));
    CHECK_FALSE(c.matches(R"({"author":{"bot":true}})"));
    REQUIRE(BreakpointCondition::parse(QStringLiteral("member.roles contains \"12\""), &c, &error));
    CHECK(c.matches(R"({"member":{"roles":["11","12"]}})"));
    REQUIRE(BreakpointCondition::parse(QStringLiteral("mentions[0].id == 5"), &c, &error));
    CHECK(c.matches(R"({"mentions":[{"id":"5"}]})"));
    REQUIRE(BreakpointCondition::parse(QStringLiteral("content matches \"^!(ping|pong)$\""), &c, &error));
    CHECK(c.matches(R"({"content":"!pong"})"));
    REQUIRE(BreakpointCondition::parse(QStringLiteral("referenced_message exists"), &c, &error));
    CHECK_FALSE(c.matches(R"({"referenced_message":null})"));

    CHECK_FALSE(BreakpointCondition::parse(QStringLiteral("content startsWith !"), &c, &error));
    CHECK(error.contains(QStringLiteral("not JSON")));
    CHECK_FALSE(BreakpointCondition::parse(QStringLiteral("content like \"x\""), &c, &error));
    CHECK(error.contains(QStringLiteral("unknown operator")));
    CHECK_FALSE(BreakpointCondition::parse(QStringLiteral("content matches \"(\""), &c, &error));
    CHECK(error.contains(QStringLiteral("regular expression")));
    CHECK_FALSE(BreakpointCondition::parse(QStringLiteral("a..b exists"), &c, &error));
    CHECK_FALSE(BreakpointCondition::parse(QStringLiteral("content"), &c, &error));
}
