// The Gateway dock against a GatewayHost connected to an in-process local Discord: the shard table,
// the RTT and events-per-second charts, and the reconnect / close buttons.
#include "app/studio/gateway_dock.h"
#include "engine/protocol/gateway_constants.h"
#include "engine/sandbox/sandbox_options.h"
#include "engine/sandbox/sandbox_server.h"
#include "tests/support/gui_test_env.h"
#include "tests/support/qt_catch.h"
#include "tests/support/widget_lookup.h"

#include <QComboBox>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

using namespace botwright;
using botwright::testing::buttonNamed;

namespace {
QString cell(const studio::GatewayDock& dock, int column) {
    const QTableWidgetItem* item = dock.table()->item(0, column);
    return item ? item->text() : QString();
}

QString fullSessionId(const studio::GatewayDock& dock) {
    const QTableWidgetItem* item = dock.table()->item(0, 2);
    return item ? item->data(Qt::UserRole).toString() : QString();
}
} // namespace

TEST_CASE("the gateway dock shows the shard, charts heartbeats and events, and drives reconnects") {
    sandbox::SandboxOptions options;
    options.heartbeatIntervalMs = 300; // ACKs (RTT points) come quickly
    sandbox::SandboxServer server(options);
    REQUIRE(server.start(0));
    gateway::GatewayHost host;
    QStringList types;
    QObject::connect(&host, &gateway::GatewayHost::dispatches, &host,
                     [&types](const gateway::DispatchBatch& batch) {
                         for (const gateway::Dispatch& d : batch)
                             types << d.type;
                     });

    studio::GatewayDock dock(&host);
    dock.resize(820, 560);
    dock.show();
    CHECK_FALSE(buttonNamed(&dock, QStringLiteral("Reconnect (resume)"))->isEnabled()); // nothing selected

    gateway::ShardManagerConfig config;
    config.token = server.world().botToken();
    config.restBase = server.restBase();
    config.intents = protocol::intent::Guilds;
    host.start(config);

    REQUIRE(QTest::qWaitFor(
        [&] { return dock.table()->rowCount() == 1 && cell(dock, 1) == QStringLiteral("Ready"); }, 10000));
    CHECK(cell(dock, 0) == QStringLiteral("0 / 1"));
    CHECK(dock.selectedShard() == 0);
    CHECK(cell(dock, 5) == QStringLiteral("300 ms"));
    const QString session = fullSessionId(dock);
    REQUIRE_FALSE(session.isEmpty());
    CHECK(cell(dock, 2).size() <= 9); // shortened
    REQUIRE(QTest::qWaitFor([&] { return dock.rttPointCount(0) >= 2; }, 5000));
    REQUIRE(QTest::qWaitFor([&] { return !cell(dock, 4).startsWith(u'—'); }, 5000)); // last RTT shown

    QTest::mouseClick(buttonNamed(&dock, QStringLiteral("Reconnect (resume)")), Qt::LeftButton);
    REQUIRE(QTest::qWaitFor([&] { return types.contains(QStringLiteral("RESUMED")); }, 5000));
    REQUIRE(QTest::qWaitFor([&] { return cell(dock, 1) == QStringLiteral("Ready"); }, 5000));
    CHECK(fullSessionId(dock) == session);

    // A close the studio asks for keeps the session unless the code is 1000/1001 (GatewayHost's
    // rule): 4009 resumes again, 1000 ends the session and the shard identifies anew.
    auto* codes = dock.findChild<QComboBox*>();
    REQUIRE(codes->findData(4009) >= 0);
    codes->setCurrentIndex(codes->findData(4009));
    QTest::mouseClick(buttonNamed(&dock, QStringLiteral("Close with code")), Qt::LeftButton);
    REQUIRE(QTest::qWaitFor([&] { return types.count(QStringLiteral("RESUMED")) == 2; }, 5000));
    CHECK(dock.statusText().contains(QStringLiteral("4009")));

    codes->setCurrentIndex(codes->findData(1000));
    QTest::mouseClick(buttonNamed(&dock, QStringLiteral("Close with code")), Qt::LeftButton);
    REQUIRE(QTest::qWaitFor(
        [&] {
            return !fullSessionId(dock).isEmpty() && fullSessionId(dock) != session &&
                   cell(dock, 1) == QStringLiteral("Ready");
        },
        10000));
    CHECK(types.count(QStringLiteral("READY")) == 2);

    REQUIRE(QTest::qWaitFor([&] { return dock.eventRatePointCount() >= 3; }, 5000));
    QTest::qWait(1200); // a few more heartbeats on the chart
    CHECK(dock.rttPointCount(0) >= 4);
    botwright::testing::saveScreenshot(&dock, QStringLiteral("gateway_dock"));
    host.stop();
}
