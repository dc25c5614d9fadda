// The Live Traffic dock over a million captured frames: virtualised rows, filters that agree with
// the store, the detail pane, live appends and exporting a selection.
#include "app/studio/traffic_dock.h"
#include "app/studio/traffic_model.h"
#include "engine/capture/capture_file.h"
#include "tests/support/gui_test_env.h"
#include "tests/support/qt_catch.h"

#include <QFile>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace botwright;
using gateway::Direction;
using gateway::FrameEvent;

namespace {
constexpr qint64 kStart = 1700000000000;

FrameEvent dispatch(quint32 i, int seq, const char* type, const QByteArray& d) {
    FrameEvent f;
    f.timeMs = kStart + i * 3;
    f.shardId = static_cast<int>(i % 2);
    f.op = 0;
    f.type = QString::fromLatin1(type);
    f.seq = seq;
    f.payload = QByteArrayLiteral("{\"t\":\"") + type + "\",\"s\":" + QByteArray::number(seq) +
                ",\"op\":0,\"d\":" + d + "}";
    f.decodedBytes = f.payload.size();
    f.wireBytes = f.payload.size() * 2 / 5;
    return f;
}

// A synthetic session: messages (~500 B), heartbeats and their ACKs, typing, guild creates.
FrameEvent syntheticFrame(quint32 i) {
    const QByteArray n = QByteArray::number(i);
    const int seq = static_cast<int>(i);
    switch (i % 10) {
    case 4: {
        FrameEvent f;
        f.timeMs = kStart + i * 3;
        f.shardId = static_cast<int>(i % 2);
        f.direction = Direction::Sent;
        f.op = 1;
        f.payload = "{\"op\":1,\"d\":" + n + "}";
        f.wireBytes = f.decodedBytes = f.payload.size();
        return f;
    }
    case 5: {
        FrameEvent f;
        f.timeMs = kStart + i * 3;
        f.shardId = static_cast<int>(i % 2);
        f.op = 11;
        f.payload = QByteArrayLiteral("{\"op\":11}");
        f.wireBytes = f.decodedBytes = f.payload.size();
        f.heartbeatRttMs = static_cast<int>(20 + i % 50);
        return f;
    }
    case 6:
    case 7:
        return dispatch(i, seq, "TYPING_START",
                        "{\"user_id\":\"1100000000000000" + n +
                            "\",\"channel_id\":\"1113768905932800100\","
                            "\"timestamp\":" +
                            n + "}");
    case 8:
        return dispatch(
            i, seq, "GUILD_CREATE",
            "{\"id\":\"1113768905932800000\",\"name\":\"Sandbox\",\"member_count\":" + n +
                ",\"unavailable\":false,\"roles\":[{\"id\":\"1\",\"name\":\"@everyone\"}],"
                "\"channels\":[{\"id\":\"1113768905932800100\",\"name\":\"general\",\"type\":0}]}");
    default: {
        const QByteArray word = i % 997 == 0 ? QByteArrayLiteral("needle") : QByteArrayLiteral("hay");
        const QByteArray content = "message " + n + " with some " + word + " " +
                                   QByteArray(260, 'x').replace(0, 0, QByteArray::number(i % 13));
        return dispatch(
            i, seq, "MESSAGE_CREATE",
            "{\"id\":\"12000000000000" + n +
                "\",\"channel_id\":\"1113768905932800100\","
                "\"guild_id\":\"1113768905932800000\",\"author\":{\"id\":\"1100000000000000042\","
                "\"username\":\"tester\",\"bot\":false},\"content\":\"" +
                content +
                "\","
                "\"timestamp\":\"2026-11-22T05:00:00.000000+00:00\",\"mentions\":[],\"tts\":false}");
    }
    }
}

void fill(capture::CaptureStore& store, quint32 from, quint32 to) {
    quint32 stored = 0;
    for (quint32 i = from; i < to; ++i)
        stored += store.append(syntheticFrame(i)) ? 1 : 0;
    REQUIRE(stored == to - from);
}

QStringList topLevelKeys(const QTreeWidget* tree) {
    QStringList keys;
    for (int k = 0; k < tree->topLevelItemCount(); ++k)
        keys << tree->topLevelItem(k)->text(0);
    keys.sort();
    return keys;
}

void selectRows(QTableView* table, std::initializer_list<int> rows) {
    QItemSelectionModel* sel = table->selectionModel();
    sel->clearSelection();
    for (const int r : rows)
        sel->select(table->model()->index(r, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    sel->setCurrentIndex(table->model()->index(*rows.begin(), 0), QItemSelectionModel::NoUpdate);
}
} // namespace

TEST_CASE("Live Traffic shows, filters, follows and exports a million frames") {
    capture::CaptureStore store;
    fill(store, 0, 1000000);
    studio::TrafficDock dock(&store);
    studio::TrafficModel* model = dock.model();
    REQUIRE(model->rowCount() == 1000000);
    CHECK(model->index(4, studio::TrafficModel::DirColumn).data().toString() == QStringLiteral("↑ out"));
    CHECK(model->index(5, studio::TrafficModel::OpColumn).data().toString() == QStringLiteral("11 ACK"));
    CHECK(model->index(999999, studio::TrafficModel::EventColumn).data().toString() ==
          QStringLiteral("MESSAGE_CREATE"));

    // Event-name filter, then event name and text together: the table shows what the store finds.
    dock.findChild<QLineEdit*>(QStringLiteral("trafficEvent"))->setText(QStringLiteral("message_create"));
    dock.applyFilter();
    capture::CaptureFilter byEvent;
    byEvent.eventNames = QStringList{QStringLiteral("MESSAGE_CREATE")};
    const size_t messages = store.filter(byEvent).size();
    CHECK(messages == 500000);
    CHECK(static_cast<size_t>(model->rowCount()) == messages);
    dock.findChild<QLineEdit*>(QStringLiteral("trafficText"))->setText(QStringLiteral("NEEDLE"));
    dock.applyFilter();
    capture::CaptureFilter byText = byEvent;
    byText.text = QStringLiteral("needle");
    const std::vector<quint32> needles = store.filter(byText);
    REQUIRE(needles.size() > 100);
    CHECK(static_cast<size_t>(model->rowCount()) == needles.size());
    CHECK(model->storeRow(3) == needles[3]);
    CHECK(dock.statusText().contains(QStringLiteral("shown")));

    // The detail pane of a selected message.
    selectRows(dock.table(), {3});
    CHECK(topLevelKeys(dock.jsonTree()) ==
          QStringList{QStringLiteral("d"), QStringLiteral("op"), QStringLiteral("s"), QStringLiteral("t")});
    CHECK(dock.rawText()->toPlainText().contains(QStringLiteral("\"MESSAGE_CREATE\"")));
    CHECK(dock.rawText()->toPlainText().contains(QStringLiteral("needle")));

    // New frames: only the matching ones join a filtered view; all of them an unfiltered one.
    fill(store, 1000000, 1000010);
    dock.refresh();
    CHECK(static_cast<size_t>(model->rowCount()) == store.filter(byText).size());
    dock.findChild<QLineEdit*>(QStringLiteral("trafficText"))->clear();
    dock.applyFilter();
    CHECK(static_cast<size_t>(model->rowCount()) == store.filter(byEvent).size());
    CHECK(static_cast<size_t>(model->rowCount()) == messages + 5); // rows ending 0–3 and 9 of the ten
    dock.findChild<QLineEdit*>(QStringLiteral("trafficEvent"))->clear();
    dock.applyFilter();
    CHECK(model->rowCount() == 1000010);
    fill(store, 1000010, 1000020);
    CHECK(dock.model()->refresh() == 10);
    CHECK(model->rowCount() == 1000020);

    // Export three selected rows and read them back, by hand and through the capture loader.
    selectRows(dock.table(), {1000004, 1000005, 1000019});
    const std::vector<quint32> rows = dock.selectedStoreRows();
    REQUIRE(rows == std::vector<quint32>{1000004, 1000005, 1000019});
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("selection.bwcap"));
    QString error;
    REQUIRE(studio::exportRows(store, rows, path, &error));
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    REQUIRE(lines.size() == 5); // header, three frames, the empty tail after the last newline
    CHECK(lines[0] == QByteArrayLiteral("botwright-capture 1"));
    const QJsonObject beat = QJsonDocument::fromJson(lines[1]).object();
    CHECK(beat.value(QStringLiteral("dir")).toString() == QStringLiteral("out"));
    CHECK(beat.value(QStringLiteral("op")).toInt() == 1);
    CHECK(beat.value(QStringLiteral("t")).isNull());
    const QJsonObject ack = QJsonDocument::fromJson(lines[2]).object();
    CHECK(ack.value(QStringLiteral("rtt")).toInt() == store.heartbeatRtt(1000005));
    const QJsonObject message = QJsonDocument::fromJson(lines[3]).object();
    CHECK(message.value(QStringLiteral("t")).toString() == QStringLiteral("MESSAGE_CREATE"));
    CHECK(message.value(QStringLiteral("s")).toInt() == 1000019);
    CHECK(message.value(QStringLiteral("frame"))
              .toObject()
              .value(QStringLiteral("d"))
              .toObject()
              .contains(QStringLiteral("content")));
    capture::CaptureStore loaded;
    REQUIRE(capture::loadCapture(loaded, path, &error));
    REQUIRE(loaded.size() == 3);
    for (quint32 k = 0; k < 3; ++k) {
        CHECK(loaded.payload(k) == store.payload(rows[k]));
        CHECK(loaded.time(k) == store.time(rows[k]));
        CHECK(loaded.wireBytes(k) == store.wireBytes(rows[k]));
    }
}

TEST_CASE("Live Traffic screenshot with a selected message") {
    capture::CaptureStore store;
    fill(store, 0, 2000);
    studio::TrafficDock dock(&store);
    dock.resize(1280, 640);
    dock.show();
    QTest::qWait(150);
    const int row = 1990; // a MESSAGE_CREATE near the end
    REQUIRE(store.eventName(row) == QStringLiteral("MESSAGE_CREATE"));
    dock.setFollowing(false);
    selectRows(dock.table(), {row});
    dock.table()->scrollTo(dock.model()->index(row, 0));
    CHECK(dock.jsonTree()->topLevelItemCount() == 4);
    QTest::qWait(150);
    const QString path = botwright::testing::saveScreenshot(&dock, QStringLiteral("traffic_dock"));
    CHECK(QFile::exists(path));
}
