// Capture figures for a 1,000,000-frame session (a realistic gateway mix: ~600-byte MESSAGE_CREATE,
// heartbeats and ACKs, typing, reactions, presence, interactions; ~20 event names):
//   appends per second (redaction included), store bookkeeping per frame beyond its payload,
//   filter times by event name / free text / combined, and save / load throughput.
#include "engine/capture/capture_file.h"
#include "engine/capture/capture_store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>
#include <random>

using namespace botwright;
using namespace botwright::capture;

namespace {

constexpr int kFrames = 1000000;
const QString kToken =
    QStringLiteral("MTE5NjU0MzIxMDk4NzY1NDMyMQ.GhJkLm.abcdefghijklmnopqrstuvwxyz0123456789AB");

void print(const char* name, double value, const char* unit) {
    std::printf("%s %.1f %s\n", name, value, unit);
}

QByteArray messageCreate(std::mt19937& rng, int channel, const QByteArray& content) {
    const QByteArray id = QByteArray::number(1196543210987654400ULL + rng() % 1000000);
    return "{\"t\":\"MESSAGE_CREATE\",\"s\":0,\"op\":0,\"d\":{\"type\":0,\"tts\":false,\"timestamp\":"
           "\"2024-01-01T12:00:00.000000+00:00\",\"pinned\":false,\"nonce\":\"" +
           id +
           "\",\"mentions\":[],\"mention_roles\":[],\"mention_everyone\":false,\"member\":{\"roles\":["
           "\"1113768905932800001\"],\"premium_since\":null,\"pending\":false,\"nick\":null,\"mute\":false,"
           "\"joined_at\":\"2023-06-01T12:00:00.000000+00:00\",\"flags\":0,\"deaf\":false,"
           "\"communication_disabled_until\":null,\"avatar\":null},\"id\":\"" +
           id + "\",\"flags\":0,\"embeds\":[],\"edited_timestamp\":null,\"content\":\"" + content +
           "\",\"components\":[],\"channel_id\":\"111376891012710400" + QByteArray::number(channel) +
           "\",\"author\":{\"username\":\"alice\",\"public_flags\":0,\"id\":\"948142551859331072\","
           "\"global_name\":\"Alice\",\"discriminator\":\"0\",\"avatar\":null},\"attachments\":[],"
           "\"guild_id\":\"1113768905932800000\"}}";
}

// A pool of distinct frames; the benchmark cycles through it with fresh times and sequence numbers.
std::vector<gateway::FrameEvent> makePool() {
    std::mt19937 rng(7);
    const char* words[] = {"hello",  "deploy", "the",     "build",  "is",      "green",
                           "lunch",  "ping",   "meeting", "bug",    "fixed",   "review",
                           "please", "thanks", "weekend", "coffee", "release", "tomorrow"};
    const char* otherEvents[] = {"PRESENCE_UPDATE",         "GUILD_MEMBER_UPDATE", "MESSAGE_UPDATE",
                                 "MESSAGE_DELETE",          "VOICE_STATE_UPDATE",  "CHANNEL_UPDATE",
                                 "THREAD_UPDATE",           "GUILD_ROLE_UPDATE",   "INTERACTION_CREATE",
                                 "MESSAGE_REACTION_REMOVE", "GUILD_MEMBER_ADD",    "STAGE_UPDATE"};
    std::vector<gateway::FrameEvent> pool;
    for (int k = 0; k < 8192; ++k) {
        gateway::FrameEvent f;
        f.shardId = k % 4;
        const int kind = static_cast<int>(rng() % 100);
        if (kind < 45) { // ~600 B
            QByteArray content;
            const int n = 4 + static_cast<int>(rng() % 12);
            for (int w = 0; w < n; ++w)
                content += QByteArray(w ? " " : "") + words[rng() % std::size(words)];
            if (rng() % 50 == 0)
                content += " where is the needle";
            f.op = 0;
            f.type = QStringLiteral("MESSAGE_CREATE");
            f.payload = messageCreate(rng, k % 7, content);
        } else if (kind < 50) {
            f.op = 1;
            f.direction = gateway::Direction::Sent;
            f.payload = "{\"op\":1,\"d\":" + QByteArray::number(k) + "}";
        } else if (kind < 55) {
            f.op = 11;
            f.payload = "{\"op\":11}";
            f.heartbeatRttMs = 20 + static_cast<int>(rng() % 80);
        } else if (kind < 72) {
            f.op = 0;
            f.type = QStringLiteral("TYPING_START");
            f.payload = "{\"t\":\"TYPING_START\",\"s\":0,\"op\":0,\"d\":{\"user_id\":\"948142551859331072\","
                        "\"timestamp\":1700000000,\"member\":{\"user\":{\"username\":\"bob\",\"id\":"
                        "\"1064091569356800000\"},\"roles\":[],\"nick\":null},\"channel_id\":"
                        "\"1113768910127104000\",\"guild_id\":\"1113768905932800000\"}}";
        } else if (kind < 85) {
            f.op = 0;
            f.type = QStringLiteral("MESSAGE_REACTION_ADD");
            f.payload =
                "{\"t\":\"MESSAGE_REACTION_ADD\",\"s\":0,\"op\":0,\"d\":{\"user_id\":\"948142551859331072\","
                "\"type\":0,\"message_id\":\"1196543210987654400\",\"member\":{\"user\":{\"username\":"
                "\"carol\",\"id\":\"1079612317696000000\",\"avatar\":null},\"roles\":[\"1\"],\"joined_at\":"
                "\"2023-06-01T12:00:00.000000+00:00\"},\"emoji\":{\"name\":\"\xf0\x9f\x91\x8d\",\"id\":null},"
                "\"channel_id\":\"1113768910127104000\",\"burst\":false,\"guild_id\":"
                "\"1113768905932800000\"}}";
        } else {
            const char* name = otherEvents[rng() % std::size(otherEvents)];
            f.op = 0;
            f.type = QString::fromLatin1(name);
            f.payload =
                "{\"t\":\"" + QByteArray(name) +
                "\",\"s\":0,\"op\":0,\"d\":{\"id\":\"1196543210987654400\"," +
                (f.type == QLatin1String("INTERACTION_CREATE") ? "\"token\":\"aW50ZXJhY3Rpb24tdG9rZW4\","
                                                               : "") +
                "\"guild_id\":\"1113768905932800000\",\"status\":\"online\",\"data\":\"" +
                QByteArray(static_cast<int>(rng() % 300), 'x') + "\"}}";
        }
        f.decodedBytes = f.payload.size();
        f.wireBytes = f.payload.size() * 2 / 5;
        pool.push_back(std::move(f));
    }
    return pool;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const std::vector<gateway::FrameEvent> pool = makePool();

    CaptureStore store;
    store.redactor().addSecret(kToken);
    gateway::FrameEvent identify;
    identify.op = 2;
    identify.direction = gateway::Direction::Sent;
    identify.payload = "{\"op\":2,\"d\":{\"token\":\"Bot " + kToken.toUtf8() + "\",\"intents\":33281}}";
    QElapsedTimer timer;
    timer.start();
    store.append(identify);
    int seq = 0;
    for (int i = 1; i < kFrames; ++i) {
        gateway::FrameEvent f = pool[static_cast<size_t>(i) % pool.size()];
        f.timeMs = 1700000000000 + i;
        if (f.op == 0)
            f.seq = ++seq;
        store.append(f);
    }
    const double appendMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    print("capture_append_rate", kFrames / (appendMs / 1000.0), "frames/s");
    print("capture_payload_avg", static_cast<double>(store.payloadBytes()) / store.size(), "B");
    print("capture_bookkeeping_per_frame",
          static_cast<double>(store.allocatedBytes() - store.payloadBytes()) / store.size(), "B");

    const auto timeFilter = [&](const char* name, const CaptureFilter& f) {
        store.filter(f); // warm
        QElapsedTimer t;
        t.start();
        size_t hits = 0;
        const int runs = 3;
        for (int r = 0; r < runs; ++r)
            hits = store.filter(f).size();
        print(name, static_cast<double>(t.nsecsElapsed()) / 1e6 / runs, "ms");
        return hits;
    };
    CaptureFilter byEvent;
    byEvent.eventNames = QStringList{QStringLiteral("MESSAGE_CREATE"), QStringLiteral("INTERACTION_CREATE")};
    const size_t eventHits = timeFilter("capture_filter_event_ms", byEvent);
    CaptureFilter byText;
    byText.text = QStringLiteral("NEEDLE");
    const size_t textHits = timeFilter("capture_filter_text_ms", byText);
    CaptureFilter shortText;
    shortText.text = QStringLiteral("zq");
    timeFilter("capture_filter_text_2char_ms", shortText);
    CaptureFilter combined;
    combined.ops = std::vector<int>{0};
    combined.shards = std::vector<int>{0, 1};
    combined.text = QStringLiteral("deploy");
    timeFilter("capture_filter_combined_ms", combined);
    print("capture_filter_event_hits", static_cast<double>(eventHits), "rows");
    print("capture_filter_text_hits", static_cast<double>(textHits), "rows");

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.bwcap"));
    QString error;
    timer.restart();
    if (!saveCapture(store, path, &error)) {
        std::fprintf(stderr, "save failed: %s\n", qPrintable(error));
        return 1;
    }
    const double saveS = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    const double fileMb = static_cast<double>(QFileInfo(path).size()) / 1e6;
    print("capture_file_size", fileMb, "MB");
    print("capture_save_rate", fileMb / saveS, "MB/s");
    store.clear();
    timer.restart();
    if (!loadCapture(store, path, &error) || store.size() != kFrames) {
        std::fprintf(stderr, "load failed: %s\n", qPrintable(error));
        return 1;
    }
    print("capture_load_rate", fileMb / (static_cast<double>(timer.nsecsElapsed()) / 1e9), "MB/s");
    return 0;
}
