// Settings ▸ Gateway: the dialog with an in-memory token store, the connector that applies it to a
// GatewayHost (against a running local sandbox posing as a custom server), the main window's menu
// entry, and what happens without a secret service. The token must never reach the settings file.
#include "app/studio/gateway_connector.h"
#include "app/studio/gateway_settings_dialog.h"
#include "app/studio/keychain_token_store.h"
#include "app/studio/main_window.h"
#include "app/studio/memory_token_store.h"
#include "engine/capture/capture_store.h"
#include "engine/gateway/gateway_host.h"
#include "engine/sandbox/sandbox_host.h"
#include "tests/support/gui_test_env.h"
#include "tests/support/qt_catch.h"
#include "tests/support/widget_lookup.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace botwright;
using gateway::GatewayTarget;
using studio::GatewaySettingsDialog;
namespace intent = protocol::intent;

namespace {

template <typename T>
T* child(const QObject& root, const char* name) {
    T* found = root.findChild<T*>(QLatin1String(name));
    if (found == nullptr)
        FAIL("no " << name);
    return found;
}

// Clicks where a person would: on the indicator, at the left edge (the widget may be wider).
void clickOn(QWidget* w) {
    QTest::mouseClick(w, Qt::LeftButton, {}, QPoint(8, w->height() / 2));
}

QPushButton* dialogButton(const GatewaySettingsDialog& dialog, QDialogButtonBox::StandardButton which) {
    return child<QDialogButtonBox>(dialog, "")->button(which);
}

void typeInto(QLineEdit* edit, const QString& text) {
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

QByteArray settingsFileBytes() {
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int countEvents(const capture::CaptureStore& store, const QString& name) {
    int n = 0;
    const quint32 size = store.size();
    for (quint32 i = 0; i < size; ++i)
        n += store.eventName(i) == name ? 1 : 0;
    return n;
}

bool captureContains(const capture::CaptureStore& store, const QByteArray& text) {
    const quint32 size = store.size();
    for (quint32 i = 0; i < size; ++i)
        if (store.payloadView(i).toByteArray().contains(text))
            return true;
    return false;
}

void clearSettings() {
    QSettings().clear();
    QSettings().sync();
}

} // namespace

TEST_CASE("the dialog points the bot at a custom server: URL, token and intents reach the connection",
          "[gui][settings]") {
    clearSettings();
    sandbox::SandboxHost server; // a running local Discord posing as the custom server
    server.start(0);
    REQUIRE(QTest::qWaitFor([&] { return server.isRunning(); }, 10000));
    const QString token = server.botToken();

    sandbox::SandboxHost ownSandbox; // the studio's own sandbox, never started here
    gateway::GatewayHost host;
    QList<gateway::Shard::State> states;
    QObject::connect(&host, &gateway::GatewayHost::shardStateChanged, &host,
                     [&states](int, gateway::Shard::State state) { states << state; });
    studio::MemoryTokenStore tokens;
    studio::GatewayConnector connector(&ownSandbox, &host, &tokens);
    REQUIRE(connector.target() == GatewayTarget()); // nothing saved: the sandbox

    GatewaySettingsDialog dialog(connector.target(), &tokens);
    QObject::connect(&dialog, &GatewaySettingsDialog::applied, &connector, &studio::GatewayConnector::apply);
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    auto* url = child<QLineEdit>(dialog, "customUrl");
    auto* tokenEdit = child<QLineEdit>(dialog, "tokenEdit");
    CHECK(child<QRadioButton>(dialog, "targetSandbox")->isChecked());
    CHECK_FALSE(url->isEnabled());
    CHECK_FALSE(tokenEdit->isEnabled()); // the sandbox brings its own token
    CHECK(dialog.intentBox(intent::MessageContent)->isChecked());

    clickOn(child<QRadioButton>(dialog, "targetCustom"));
    REQUIRE(child<QRadioButton>(dialog, "targetCustom")->isChecked());
    CHECK(url->isEnabled());
    CHECK(tokenEdit->isEnabled());
    CHECK_FALSE(dialogButton(dialog, QDialogButtonBox::Apply)->isEnabled()); // no URL, no token yet
    typeInto(url, server.restBase() + QStringLiteral("/v10/"));
    typeInto(tokenEdit, token);
    CHECK(tokenEdit->echoMode() == QLineEdit::Password);
    clickOn(child<QToolButton>(dialog, "tokenShow"));
    CHECK(tokenEdit->echoMode() == QLineEdit::Normal);
    clickOn(child<QToolButton>(dialog, "tokenShow"));
    CHECK(tokenEdit->echoMode() == QLineEdit::Password);

    clickOn(dialog.intentBox(intent::GuildMembers));      // off
    clickOn(dialog.intentBox(intent::GuildVoiceStates));  // on
    clickOn(dialog.intentBox(intent::GuildMessagePolls)); // on
    const quint32 chosen = (GatewayTarget::kDefaultIntents & ~intent::GuildMembers) |
                           intent::GuildVoiceStates | intent::GuildMessagePolls;
    CHECK(dialog.target().intents() == chosen);
    CHECK(child<QLabel>(dialog, "intentValue")->text().contains(QString::number(chosen)));
    REQUIRE(dialogButton(dialog, QDialogButtonBox::Apply)->isEnabled());
    CHECK(
        child<QLabel>(dialog, "problems")->text().contains(QStringLiteral("MESSAGE_CONTENT"))); // privileged
    REQUIRE(QTest::qWaitFor([&] { return tokens.isLoaded(); }, 2000)); // asked when Custom was chosen
    CHECK(tokenEdit->text() == token);                                 // typed before the answer: kept
    botwright::testing::saveScreenshot(&dialog, QStringLiteral("gateway_settings_dialog"));

    QTest::mouseClick(dialogButton(dialog, QDialogButtonBox::Apply), Qt::LeftButton);
    const GatewayTarget& applied = connector.target();
    CHECK(applied.kind() == GatewayTarget::Kind::Custom);
    CHECK(applied.restBase() == server.restBase());
    CHECK(applied.intents() == chosen);
    CHECK(tokens.token() == token);
    REQUIRE(QTest::qWaitFor([&] { return tokens.persistedToken() == token; }, 2000));
    CHECK_FALSE(tokens.sessionOnly());
    CHECK(
        child<QLabel>(dialog, "tokenStorage")->text().contains(QStringLiteral("never in the settings file")));

    // The bot connects to the custom server with that token and those intents.
    REQUIRE(QTest::qWaitFor([&] { return states.contains(gateway::Shard::State::Ready); }, 10000));
    CHECK(captureContains(host.capture(), QByteArray("\"intents\":") + QByteArray::number(chosen)));
    CHECK_FALSE(captureContains(host.capture(), token.toUtf8())); // redacted in the capture

    // Saved for the next start, without the token.
    CHECK(studio::GatewayConnector::loadSettings() == applied);
    const QByteArray saved = settingsFileBytes();
    CHECK(saved.contains("custom"));
    CHECK_FALSE(saved.contains(token.toUtf8()));
    CHECK_FALSE(dialog.windowTitle().contains(token));
    host.stop();
}

TEST_CASE("without a secret service the token is kept for this session only and never written to disk",
          "[gui][settings]") {
    clearSettings();
    studio::MemoryTokenStore tokens(false); // like a headless machine without GNOME Keyring or KWallet
    GatewayTarget discord;
    discord.setKind(GatewayTarget::Kind::Discord);
    GatewaySettingsDialog dialog(discord, &tokens);
    QList<GatewayTarget> applied;
    QObject::connect(&dialog, &GatewaySettingsDialog::applied, &dialog, [&applied](const GatewayTarget& t) {
        applied << t;
        studio::GatewayConnector::saveSettings(t);
    });
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    REQUIRE(QTest::qWaitFor([&] { return tokens.isLoaded(); }, 2000)); // the dialog asked for it
    CHECK(tokens.sessionOnly());
    const QString storage = dialog.storageText();
    CHECK(storage.contains(QStringLiteral("memory for this session only")));
    CHECK(storage.contains(QStringLiteral("never written to disk")));

    const QString token = QStringLiteral("MTIzNDU2Nzg5.Gq1w2e.session-only-token_value");
    typeInto(child<QLineEdit>(dialog, "tokenEdit"), QStringLiteral("Bot ") + token);
    CHECK(child<QLabel>(dialog, "problems")
              ->text()
              .contains(QStringLiteral("forgotten when the studio quits")));
    QSignalSpy saved(&tokens, &studio::TokenStore::saved);
    QTest::mouseClick(dialogButton(dialog, QDialogButtonBox::Apply), Qt::LeftButton);
    REQUIRE(applied.size() == 1);
    CHECK(tokens.token() == token); // "Bot " removed; usable at once
    REQUIRE(saved.wait(2000));
    CHECK(saved.takeFirst().at(0).toBool() == false);
    CHECK(tokens.persistedToken().isEmpty());
    CHECK(tokens.sessionOnly());
    CHECK_FALSE(dialog.storageText().contains(token));
    CHECK_FALSE(settingsFileBytes().contains(token.toUtf8()));
    CHECK(applied[0].shardManagerConfig(tokens.token()).has_value());
    botwright::testing::saveScreenshot(&dialog, QStringLiteral("gateway_settings_no_keychain"));
}

TEST_CASE("the dialog shows problems as they are typed and keeps Apply disabled while there are errors",
          "[gui][settings]") {
    studio::MemoryTokenStore tokens;
    tokens.setPersistedToken(QStringLiteral("MTE.stored.token-from-keychain"));
    GatewaySettingsDialog dialog(GatewayTarget(), &tokens);
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    QPushButton* apply = dialogButton(dialog, QDialogButtonBox::Apply);
    auto* problems = child<QLabel>(dialog, "problems");
    CHECK(apply->isEnabled());
    CHECK_FALSE(tokens.isLoaded()); // the sandbox needs no token: the keychain is not asked

    clickOn(child<QRadioButton>(dialog, "targetCustom"));
    auto* url = child<QLineEdit>(dialog, "customUrl");
    typeInto(url, QStringLiteral("ws://127.0.0.1:9000"));
    CHECK_FALSE(apply->isEnabled());
    CHECK(problems->text().contains(QStringLiteral("WebSocket")));
    // The stored token arrives from the keychain and fills the (masked) field.
    auto* tokenEdit = child<QLineEdit>(dialog, "tokenEdit");
    REQUIRE(QTest::qWaitFor([&] { return tokenEdit->text() == tokens.persistedToken(); }, 2000));
    typeInto(url, QStringLiteral("http://127.0.0.1:9000/api"));
    CHECK(apply->isEnabled());

    QTest::mouseClick(botwright::testing::buttonNamed(&dialog, QStringLiteral("Clear")), Qt::LeftButton);
    CHECK(dialog.target().intents() == 0);
    CHECK_FALSE(apply->isEnabled());
    CHECK(problems->text().contains(QStringLiteral("at least one intent")));
    clickOn(dialog.intentBox(intent::Guilds));
    CHECK(apply->isEnabled());

    const QString secret = QStringLiteral("spaced secret-token-text");
    typeInto(tokenEdit, secret);
    CHECK_FALSE(apply->isEnabled());
    CHECK(problems->text().contains(QStringLiteral("spaces")));
    CHECK_FALSE(problems->text().contains(QStringLiteral("secret-token-text")));
    CHECK_FALSE(dialog.apply());
    CHECK(tokens.token() == tokens.persistedToken()); // nothing saved

    // A token pasted into the URL field by mistake is not repeated in the messages either.
    typeInto(tokenEdit, QStringLiteral("MTE.right-token.value"));
    typeInto(url, QStringLiteral("MTE.right-token.value"));
    CHECK_FALSE(problems->text().contains(QStringLiteral("right-token")));

    clickOn(dialogButton(dialog, QDialogButtonBox::RestoreDefaults));
    CHECK(dialog.target() == GatewayTarget());
}

TEST_CASE("the keychain store answers without blocking, and says so plainly when there is no keychain",
          "[gui][settings][keychain]") {
    // A service nothing ever wrote: on a desktop this reads "not found"; headless, no secret service.
    studio::KeychainTokenStore store(
        QStringLiteral("Botwright Studio Tests %1").arg(QCoreApplication::applicationPid()));
    QSignalSpy loaded(&store, &studio::TokenStore::loaded);
    store.load();
    CHECK(loaded.isEmpty()); // asynchronous
    REQUIRE(loaded.wait(20000));
    CHECK(store.isLoaded());
    CHECK(store.token().isEmpty());
    if (!store.sessionOnly()) {
        SUCCEED("a secret service is running here; nothing is written to it by this test");
        return;
    }
    CHECK(store.storageDescription().contains(QStringLiteral("memory for this session only")));
    QSignalSpy saved(&store, &studio::TokenStore::saved);
    const QString token = QStringLiteral("MTE.keychain-probe.token-value");
    store.save(token);
    CHECK(store.token() == token); // usable at once
    REQUIRE(saved.wait(20000));
    CHECK(saved.takeFirst().at(0).toBool() == false);
    CHECK(store.sessionOnly());
    CHECK_FALSE(store.storageDescription().contains(token));
    CHECK_FALSE(settingsFileBytes().contains(token.toUtf8()));
}

TEST_CASE("Settings ▸ Gateway in the main window reconnects the studio's bot to the chosen target",
          "[gui][settings][studio]") {
    clearSettings();
    auto* tokens = new studio::MemoryTokenStore;
    studio::MainWindow window(nullptr, tokens);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    sandbox::SandboxHost* sandbox = window.sandboxHost();
    const capture::CaptureStore& store = window.gatewayHost()->capture();
    REQUIRE(QTest::qWaitFor([&] { return countEvents(store, QStringLiteral("READY")) == 1; }, 10000));

    QAction* action = window.action(QStringLiteral("settings.gateway"));
    REQUIRE(action != nullptr);
    bool inMenu = false;
    for (QAction* menu : window.menuBar()->actions())
        if (menu->menu() && menu->text() == QStringLiteral("&Settings"))
            inMenu = menu->menu()->actions().contains(action);
    CHECK(inMenu);
    action->trigger();
    auto* dialog = window.findChild<GatewaySettingsDialog*>();
    REQUIRE(dialog != nullptr);
    REQUIRE(QTest::qWaitForWindowExposed(dialog));
    action->trigger(); // a second trigger keeps the one dialog
    CHECK(window.findChildren<GatewaySettingsDialog*>().size() == 1);

    // The studio's own sandbox, addressed as a custom server with its bot token. Each reconnect takes
    // a few seconds: like Discord, the sandbox allows one Identify per 5 s and answers op 9 sooner.
    clickOn(child<QRadioButton>(*dialog, "targetCustom"));
    typeInto(child<QLineEdit>(*dialog, "customUrl"), sandbox->restBase());
    typeInto(child<QLineEdit>(*dialog, "tokenEdit"), sandbox->botToken());
    QTest::mouseClick(dialogButton(*dialog, QDialogButtonBox::Apply), Qt::LeftButton);
    CHECK(window.gatewayConnector()->target().kind() == GatewayTarget::Kind::Custom);
    REQUIRE(QTest::qWaitFor([&] { return countEvents(store, QStringLiteral("READY")) == 2; }, 10000));

    // Back to the sandbox with OK: the dialog closes, the bot reconnects with the sandbox's token.
    clickOn(child<QRadioButton>(*dialog, "targetSandbox"));
    QTest::mouseClick(dialogButton(*dialog, QDialogButtonBox::Ok), Qt::LeftButton);
    CHECK(window.gatewayConnector()->target().kind() == GatewayTarget::Kind::Sandbox);
    REQUIRE(QTest::qWaitFor([&] { return countEvents(store, QStringLiteral("READY")) == 3; }, 10000));
    QTest::qWait(50); // the closed dialog is deleted
    CHECK(window.findChild<GatewaySettingsDialog*>() == nullptr);

    CHECK(tokens->token() == sandbox->botToken());
    CHECK_FALSE(settingsFileBytes().contains(sandbox->botToken().toUtf8()));
    CHECK_FALSE(window.windowTitle().contains(sandbox->botToken()));
}
