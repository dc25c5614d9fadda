// The Sandbox Faults dock against a real local Discord: its buttons reach a connected gateway
// client and the REST API.
#include "app/studio/sandbox_faults_dock.h"
#include "engine/sandbox/sandbox_host.h"
#include "tests/support/gateway_test_client.h"
#include "tests/support/gui_test_env.h"
#include "tests/support/qt_catch.h"
#include "tests/support/rest_test_client.h"
#include "tests/support/widget_lookup.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace botwright;
using botwright::testing::buttonNamed;

TEST_CASE("fault buttons reach the connected bot and the REST API") {
    sandbox::SandboxHost host;
    QSignalSpy started(&host, &sandbox::SandboxHost::started);
    host.start(0);
    REQUIRE(started.wait(10000));
    studio::SandboxFaultsDock dock(&host);
    dock.resize(520, 640);
    dock.show();

    GatewayTestClient bot;
    REQUIRE(bot.open(host.gatewayUrl(), QStringLiteral("?v=10&encoding=json")));
    bot.identify(host.botToken(), 1);
    REQUIRE(bot.waitForDispatch(QStringLiteral("READY")) >= 0);

    QTest::mouseClick(buttonNamed(&dock, QStringLiteral("Send op 7 Reconnect")), Qt::LeftButton);
    CHECK(bot.waitForOp(7) >= 0);
    CHECK(dock.lastAction() == QStringLiteral("Sent op 7 Reconnect"));
    QTest::mouseClick(buttonNamed(&dock, QStringLiteral("Request heartbeat")), Qt::LeftButton);
    CHECK(bot.waitForOp(1) >= 0);

    // Withheld ACKs: a heartbeat goes unanswered.
    dock.findChildren<QCheckBox*>().first()->setChecked(true);
    QTest::qWait(100);
    const int before = static_cast<int>(bot.received.size());
    bot.send(QJsonObject{{QStringLiteral("op"), 1}, {QStringLiteral("d"), bot.lastSeq}});
    CHECK(bot.waitForOp(11, 400, before) < 0);

    // REST failures: the next request gets the chosen status.
    QTest::mouseClick(buttonNamed(&dock, QStringLiteral("Fail next")), Qt::LeftButton);
    QTest::qWait(100);
    RestTestClient rest(host.restBase());
    CHECK(
        rest.call("GET", QStringLiteral("/v10/users/@me"), QStringLiteral("Bot ") + host.botToken()).status ==
        429);
    CHECK(
        rest.call("GET", QStringLiteral("/v10/users/@me"), QStringLiteral("Bot ") + host.botToken()).status ==
        200);

    // Close with the chosen code.
    auto* codes = dock.findChild<QComboBox*>();
    codes->setCurrentIndex(codes->findData(4009));
    QTest::mouseClick(buttonNamed(&dock, QStringLiteral("Close with code")), Qt::LeftButton);
    REQUIRE(bot.waitForClose());
    CHECK(bot.closeCode == 4009);
    QTest::qWait(1200); // the session list refreshes every second
    botwright::testing::saveScreenshot(&dock, QStringLiteral("sandbox_faults_dock"));
}
