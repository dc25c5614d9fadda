// Drives the Sandbox dock against a real local Discord (SandboxHost on its own thread), as a person
// would: pick who writes, type, click buttons and chips, run slash commands, submit modals.
#include "app/studio/chat_style.h"
#include "app/studio/command_form.h"
#include "app/studio/main_window.h"
#include "app/studio/message_view.h"
#include "app/studio/message_widget.h"
#include "app/studio/modal_dialog.h"
#include "app/studio/sandbox_client.h"
#include "app/studio/sandbox_dock.h"
#include "editor/editor_theme.h"
#include "engine/sandbox/sandbox_host.h"
#include "engine/sandbox/sandbox_server.h"
#include "engine/sandbox/world.h"
#include "tests/support/gui_test_env.h"
#include "tests/support/qt_catch.h"
#include "tests/support/shared_sandbox_host.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QTreeWidget>

using botwright::studio::MessageWidget;
using botwright::studio::SandboxDock;

namespace {

const QString kGuild = QStringLiteral("1113768905932800000");
const QString kGeneral = QStringLiteral("1113768910127104000");
const QString kBot = QStringLiteral("1102565081088000000");
const QString kAlice = QStringLiteral("948142551859331072");
const QString kBob = QStringLiteral("1064091569356800000");

// The dock on the shared sandbox, and a record of every world event while it lives.
struct Sandbox {
    botwright::sandbox::SandboxHost& host = botwright::testing::sharedSandboxHost();
    SandboxDock dock{&host};
    QNetworkAccessManager network;
    QList<QPair<QString, QJsonObject>> events;

    Sandbox() {
        QObject::connect(&host, &botwright::sandbox::SandboxHost::worldEvent, &dock,
                         [this](const QString& type, const QJsonObject& data) {
                             events.append({type, data});
                         });
        QApplication::setPalette(
            botwright::editor::EditorTheme::load(botwright::editor::ThemeKind::Light).palette());
        dock.resize(1180, 720);
        dock.show();
        REQUIRE(QTest::qWaitForWindowExposed(&dock));
        REQUIRE(QTest::qWaitFor([&] { return dock.client()->isReady() && dock.currentChannel() == kGeneral; },
                                10000));
    }

    void sendAs(const QString& userId) {
        QComboBox* sender = dock.senderBox();
        sender->setCurrentIndex(sender->findData(userId));
        REQUIRE(dock.client()->currentUserId() == userId);
    }

    // REST with any Authorization (the bot's "Bot <token>", or none); waits without blocking the loop.
    QJsonObject call(const QByteArray& verb, const QString& path, const QJsonValue& body,
                     const QString& auth) {
        QNetworkRequest request(QUrl(host.restBase() + QStringLiteral("/v10") + path));
        if (!auth.isEmpty())
            request.setRawHeader("Authorization", auth.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        const QByteArray bytes = body.isArray()    ? QJsonDocument(body.toArray()).toJson()
                                 : body.isObject() ? QJsonDocument(body.toObject()).toJson()
                                                   : QByteArray();
        QNetworkReply* reply = network.sendCustomRequest(request, verb, bytes);
        REQUIRE(QTest::qWaitFor([reply] { return reply->isFinished(); }, 5000));
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        INFO(verb.toStdString() << " " << path.toStdString() << " → " << status << " "
                                << answer.toStdString());
        REQUIRE(status >= 200);
        REQUIRE(status < 300);
        return QJsonDocument::fromJson(answer).object();
    }
    QJsonObject asBot(const QByteArray& verb, const QString& path, const QJsonValue& body = {}) {
        return call(verb, path, body, QStringLiteral("Bot ") + host.botToken());
    }

    // The newest world event of `type` that `match` accepts (waits up to `ms`).
    QJsonObject waitForEvent(const QString& type, const std::function<bool(const QJsonObject&)>& match,
                             int ms = 5000) {
        QJsonObject found;
        const bool ok = QTest::qWaitFor(
            [&] {
                for (const auto& [t, data] : events)
                    if (t == type && match(data))
                        found = data;
                return !found.isEmpty();
            },
            ms);
        INFO("waiting for " << type.toStdString()
                            << "; status: " << dock.statusLabel()->text().toStdString());
        REQUIRE(ok);
        return found;
    }

    MessageWidget* waitForMessage(const QString& text) {
        MessageWidget* found = nullptr;
        const bool seen = QTest::qWaitFor(
            [&] {
                for (MessageWidget* w : dock.view()->messageWidgets())
                    if (w->plainText().contains(text))
                        found = w;
                return found != nullptr;
            },
            5000);
        INFO("waiting for a message with " << text.toStdString());
        REQUIRE(seen);
        REQUIRE(found != nullptr);
        return found;
    }

    // Clicks what `find` returns inside the message's current widget once it is laid out (message
    // widgets are rebuilt whenever their message changes, so the pointer is looked up fresh).
    void clickIn(const QString& messageId, const std::function<QWidget*(MessageWidget*)>& find) {
        QWidget* target = nullptr;
        const bool shown = QTest::qWaitFor(
            [&] {
                MessageWidget* w = dock.view()->widgetFor(messageId);
                target = w ? find(w) : nullptr;
                return target && target->isVisible() && !target->size().isEmpty();
            },
            5000);
        REQUIRE(shown);
        QTest::mouseClick(target, Qt::LeftButton);
    }

    // Saves a screenshot once `messageId`'s widget is laid out and the view rests at the bottom.
    QString screenshot(const QString& messageId, const QString& name) {
        const bool settled = QTest::qWaitFor(
            [&] {
                MessageWidget* w = dock.view()->widgetFor(messageId);
                return w && w->isVisible() && w->height() > 40 && dock.view()->isAtBottom();
            },
            5000);
        CHECK(settled);
        QTest::qWait(50);
        return botwright::testing::saveScreenshot(&dock, name);
    }

    template <class T>
    T* childWith(QWidget* parent, const char* property, const QString& value) {
        for (T* child : parent->findChildren<T*>())
            if (child->property(property).toString() == value)
                return child;
        return nullptr;
    }
};

QStringList treeTexts(QTreeWidget* tree) {
    QStringList out;
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        out.append((*it)->text(0));
    return out;
}

QStringList listTexts(QListWidget* list) {
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out.append(list->item(i)->text());
    return out;
}

} // namespace

TEST_CASE("the sandbox dock shows the world and sends what alice types", "[gui][sandbox]") {
    Sandbox s;
    SandboxDock& dock = s.dock;
    CHECK(dock.windowTitle() == QStringLiteral("Sandbox"));
    const QStringList channels = treeTexts(dock.channelTree());
    CHECK(channels.contains(QStringLiteral("Sandbox")));
    CHECK(channels.contains(QStringLiteral("#general")));
    CHECK(channels.contains(QStringLiteral("#bot-commands")));
    CHECK_FALSE(channels.contains(QStringLiteral("#Lounge"))); // voice channels have no chat here
    CHECK(channels.contains(QStringLiteral("Lounge")));
    const QStringList members = listTexts(dock.memberList());
    CHECK(members.contains(QStringLiteral("MODERATOR — 1")));
    CHECK(members.contains(QStringLiteral("Bob")));
    CHECK(members.contains(QStringLiteral("caz"))); // nick wins
    CHECK(members.contains(QStringLiteral("sandbox-bot  · BOT")));
    const auto* endpoints = dock.findChild<QLabel*>(QStringLiteral("sandboxEndpoints"));
    CHECK(endpoints->text().contains(s.host.restBase()));
    const auto* token = dock.findChild<QLabel*>(QStringLiteral("sandboxToken"));
    CHECK_FALSE(token->text().contains(s.host.botToken()));
    CHECK(token->text().contains(s.host.botToken().left(8)));

    s.sendAs(kAlice);
    dock.composer()->setFocus();
    QTest::keyClicks(dock.composer(), QStringLiteral("hello from the dock test, <@%1>").arg(kBob));
    QTest::keyClick(dock.composer(), Qt::Key_Return);
    const QJsonObject created = s.waitForEvent(QStringLiteral("MESSAGE_CREATE"), [](const QJsonObject& m) {
        return m.value(QStringLiteral("content"))
            .toString()
            .startsWith(QStringLiteral("hello from the dock test"));
    });
    CHECK(created[u"author"][u"id"].toString() == kAlice);
    CHECK(dock.composer()->text().isEmpty());
    MessageWidget* shown = s.waitForMessage(QStringLiteral("hello from the dock test"));
    CHECK(shown->findChild<QLabel*>(QStringLiteral("author"))->text() == QStringLiteral("Alice"));
    CHECK(shown->findChild<QLabel*>(QStringLiteral("content"))->text().contains(QStringLiteral("@Bob")));
    CHECK(dock.view()->isAtBottom());

    // Someone else's message arrives through the world events only.
    s.asBot("POST", QStringLiteral("/channels/%1/messages").arg(kGeneral),
            QJsonObject{
                {QStringLiteral("content"), QStringLiteral("**Welcome**, <@%1>! Try `/remind`.").arg(kAlice)},
                {QStringLiteral("message_reference"),
                 QJsonObject{{QStringLiteral("message_id"), created[u"id"]}}}});
    MessageWidget* reply = s.waitForMessage(QStringLiteral("Welcome"));
    CHECK(reply->findChild<QLabel*>(QStringLiteral("replyLine"))->text().contains(QStringLiteral("@Alice")));
    CHECK(reply->findChild<QWidget*>(QStringLiteral("botBadge")) != nullptr);
    CHECK(reply->findChild<QLabel*>(QStringLiteral("content"))
              ->text()
              .contains(QStringLiteral("<b>Welcome</b>")));

    // Discord's errors reach the status line: carol (no roles, not the owner) may not post in
    // #announcements.
    s.sendAs(QStringLiteral("1079612317696000000"));
    dock.selectChannel(QStringLiteral("1113768910127104002"));
    QTest::keyClicks(dock.composer(), QStringLiteral("can I post here?"));
    QTest::keyClick(dock.composer(), Qt::Key_Return);
    REQUIRE(QTest::qWaitFor(
        [&] { return dock.statusLabel()->text().contains(QStringLiteral("Missing Permissions")); }, 5000));
    CHECK(dock.statusLabel()->text().contains(QStringLiteral("50013")));
    CHECK(dock.statusLabel()->property("error").toBool());

    // The token is masked on screen but copied whole.
    QTest::mouseClick(dock.findChild<QAbstractButton*>(QStringLiteral("copyToken")), Qt::LeftButton);
    CHECK(QApplication::clipboard()->text() == s.host.botToken());
}

TEST_CASE("people join and leave voice channels from the channel list", "[gui][sandbox][voice]") {
    Sandbox s;
    QTreeWidget* tree = s.dock.channelTree();
    const QString lounge = QStringLiteral("1113768910127104004");
    const auto loungeItem = [&]() -> QTreeWidgetItem* {
        for (QTreeWidgetItemIterator it(tree); *it; ++it)
            if ((*it)->data(0, SandboxDock::kVoiceRole).toString() == lounge)
                return *it;
        return nullptr;
    };
    const auto inLounge = [&] {
        QStringList names;
        if (QTreeWidgetItem* item = loungeItem())
            for (int i = 0; i < item->childCount(); ++i)
                names.append(item->child(i)->text(0));
        return names;
    };
    const auto doubleClickLounge = [&] {
        QTreeWidgetItem* item = loungeItem();
        REQUIRE(item != nullptr);
        tree->scrollToItem(item);
        const QPoint at = tree->visualItemRect(item).center();
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, at); // a double click starts as a click
        QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, at);
    };
    REQUIRE(loungeItem() != nullptr);
    CHECK(loungeItem()->text(0) == QStringLiteral("Lounge"));
    CHECK_FALSE(loungeItem()->icon(0).isNull());
    CHECK(inLounge().isEmpty());

    s.sendAs(kBob);
    doubleClickLounge();
    const QJsonObject joined =
        s.waitForEvent(QStringLiteral("VOICE_STATE_UPDATE"), [&](const QJsonObject& d) {
            return d.value(QStringLiteral("user_id")).toString() == kBob &&
                   d.value(QStringLiteral("channel_id")).toString() == lounge;
        });
    CHECK(joined.value(QStringLiteral("guild_id")).toString() == kGuild);
    REQUIRE(QTest::qWaitFor([&] { return inLounge() == QStringList{QStringLiteral("Bob")}; }, 5000));
    CHECK(s.dock.currentChannel() == kGeneral); // a voice channel is not a conversation
    botwright::testing::saveScreenshot(&s.dock, QStringLiteral("sandbox_voice"));

    s.events.clear();
    doubleClickLounge();
    s.waitForEvent(QStringLiteral("VOICE_STATE_UPDATE"), [&](const QJsonObject& d) {
        return d.value(QStringLiteral("user_id")).toString() == kBob &&
               d.value(QStringLiteral("channel_id")).isNull();
    });
    REQUIRE(QTest::qWaitFor([&] { return inLounge().isEmpty(); }, 5000));
}

TEST_CASE("bot messages render embeds, components and reactions that act as the chosen person",
          "[gui][sandbox]") {
    Sandbox s;
    SandboxDock& dock = s.dock;
    s.sendAs(kAlice);
    const QJsonArray rows{
        QJsonObject{{QStringLiteral("type"), 1},
                    {QStringLiteral("components"),
                     QJsonArray{QJsonObject{{QStringLiteral("type"), 2},
                                            {QStringLiteral("style"), 1},
                                            {QStringLiteral("label"), QStringLiteral("Deploy")},
                                            {QStringLiteral("custom_id"), QStringLiteral("confirm")}},
                                QJsonObject{{QStringLiteral("type"), 2},
                                            {QStringLiteral("style"), 3},
                                            {QStringLiteral("label"), QStringLiteral("Canary")},
                                            {QStringLiteral("custom_id"), QStringLiteral("canary")}},
                                QJsonObject{{QStringLiteral("type"), 2},
                                            {QStringLiteral("style"), 4},
                                            {QStringLiteral("label"), QStringLiteral("Abort")},
                                            {QStringLiteral("custom_id"), QStringLiteral("abort")}},
                                QJsonObject{{QStringLiteral("type"), 2},
                                            {QStringLiteral("style"), 2},
                                            {QStringLiteral("label"), QStringLiteral("Later")},
                                            {QStringLiteral("custom_id"), QStringLiteral("later")},
                                            {QStringLiteral("disabled"), true}},
                                QJsonObject{{QStringLiteral("type"), 2},
                                            {QStringLiteral("style"), 5},
                                            {QStringLiteral("label"), QStringLiteral("Runbook")},
                                            {QStringLiteral("url"),
                                             QStringLiteral("https://example.com/runbook")}}}}},
        QJsonObject{{QStringLiteral("type"), 1},
                    {QStringLiteral("components"),
                     QJsonArray{QJsonObject{
                         {QStringLiteral("type"), 3},
                         {QStringLiteral("custom_id"), QStringLiteral("region")},
                         {QStringLiteral("placeholder"), QStringLiteral("Choose a region")},
                         {QStringLiteral("options"),
                          QJsonArray{QJsonObject{{QStringLiteral("label"), QStringLiteral("Europe")},
                                                 {QStringLiteral("value"), QStringLiteral("eu")}},
                                     QJsonObject{{QStringLiteral("label"), QStringLiteral("Americas")},
                                                 {QStringLiteral("value"), QStringLiteral("us")}}}}}}}}};
    const QJsonObject embed{
        {QStringLiteral("title"), QStringLiteral("Deploy v2.4.0?")},
        {QStringLiteral("description"),
         QStringLiteral("Build **#512** passed. <@%1> asked to ship `main`.").arg(kBob)},
        {QStringLiteral("color"), 0x57F287},
        {QStringLiteral("fields"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Environment")},
                                {QStringLiteral("value"), QStringLiteral("production")},
                                {QStringLiteral("inline"), true}},
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("Risk")},
                                {QStringLiteral("value"), QStringLiteral("low")},
                                {QStringLiteral("inline"), true}},
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("Changes")},
                                {QStringLiteral("value"), QStringLiteral("12 commits, 3 migrations")}}}},
        {QStringLiteral("footer"), QJsonObject{{QStringLiteral("text"), QStringLiteral("deploy-bot")}}}};
    const QJsonObject posted = s.asBot(
        "POST", QStringLiteral("/channels/%1/messages").arg(kGeneral),
        QJsonObject{{QStringLiteral("content"), QStringLiteral("A deploy is waiting, <@%1>.").arg(kAlice)},
                    {QStringLiteral("embeds"), QJsonArray{embed}},
                    {QStringLiteral("components"), rows}});
    const QString messageId = posted.value(QStringLiteral("id")).toString();
    s.asBot("PUT",
            QStringLiteral("/channels/%1/messages/%2/reactions/%3/@me")
                .arg(kGeneral, messageId, QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("❤")))));

    MessageWidget* message = s.waitForMessage(QStringLiteral("Deploy v2.4.0?"));
    REQUIRE(QTest::qWaitFor(
        [&] {
            return dock.view()->widgetFor(messageId)->findChild<QAbstractButton*>(
                       QStringLiteral("reaction")) != nullptr;
        },
        5000));
    message = dock.view()->widgetFor(messageId);
    CHECK(message->findChild<QWidget*>(QStringLiteral("embed")) != nullptr);
    auto* confirm = s.childWith<QAbstractButton>(message, "customId", QStringLiteral("confirm"));
    REQUIRE(confirm != nullptr);
    CHECK(confirm->isEnabled());
    CHECK_FALSE(s.childWith<QAbstractButton>(message, "customId", QStringLiteral("later"))->isEnabled());
    auto* chip = message->findChild<QAbstractButton*>(QStringLiteral("reaction"));
    CHECK(chip->text().endsWith(QStringLiteral("1")));
    CHECK_FALSE(chip->isChecked()); // the bot reacted, not alice
    const QString light = s.screenshot(messageId, QStringLiteral("sandbox_dock_light"));
    CHECK(QFileInfo(light).size() > 10000);

    // Alice adds her reaction by clicking the chip.
    s.clickIn(messageId,
              [](MessageWidget* w) { return w->findChild<QAbstractButton*>(QStringLiteral("reaction")); });
    s.waitForEvent(QStringLiteral("MESSAGE_REACTION_ADD"), [](const QJsonObject& d) {
        return d.value(QStringLiteral("user_id")).toString() == kAlice;
    });
    REQUIRE(QTest::qWaitFor(
        [&] {
            auto* c =
                dock.view()->widgetFor(messageId)->findChild<QAbstractButton*>(QStringLiteral("reaction"));
            return c && c->isChecked() && c->text().endsWith(QStringLiteral("2"));
        },
        5000));

    // A button click is alice's MESSAGE_COMPONENT interaction.
    s.clickIn(messageId, [&](MessageWidget* w) {
        return s.childWith<QAbstractButton>(w, "customId", QStringLiteral("confirm"));
    });
    const QJsonObject click = s.waitForEvent(QStringLiteral("INTERACTION_CREATE"), [](const QJsonObject& d) {
        return d[u"data"][u"custom_id"].toString() == QStringLiteral("confirm");
    });
    CHECK(click[u"type"].toInt() == 3);
    CHECK(click[u"member"][u"user"][u"id"].toString() == kAlice);
    CHECK(click[u"message"][u"id"].toString() == messageId);

    // The select sends its values as bob.
    s.sendAs(kBob);
    message = dock.view()->widgetFor(messageId);
    auto* region = s.childWith<QComboBox>(message, "customId", QStringLiteral("region"));
    REQUIRE(region != nullptr);
    region->setCurrentIndex(1);
    Q_EMIT region->activated(1);
    const QJsonObject chose = s.waitForEvent(QStringLiteral("INTERACTION_CREATE"), [](const QJsonObject& d) {
        return d[u"data"][u"custom_id"].toString() == QStringLiteral("region");
    });
    CHECK(chose[u"data"][u"values"].toArray() == QJsonArray{QStringLiteral("us")});
    CHECK(chose[u"member"][u"user"][u"id"].toString() == kBob);

    // The bot defers the select: a "thinking…" placeholder replies to the message.
    s.call("POST",
           QStringLiteral("/interactions/%1/%2/callback")
               .arg(chose[u"id"].toString(), chose[u"token"].toString()),
           QJsonObject{{QStringLiteral("type"), 5}}, {});
    REQUIRE(QTest::qWaitFor(
        [&] {
            const QList<MessageWidget*> shown = dock.view()->messageWidgets();
            return !shown.isEmpty() &&
                   shown.last()->findChild<QLabel*>(QStringLiteral("thinking")) != nullptr;
        },
        5000));
    CHECK(dock.view()->messageWidgets().last()->findChild<QLabel*>(QStringLiteral("replyLine")) != nullptr);

    // No bot answers: after Discord's 3 seconds the dock says the interaction failed.
    REQUIRE(QTest::qWaitFor(
        [&] { return dock.statusLabel()->text().contains(QStringLiteral("interaction failed")); }, 9000));
    CHECK(dock.statusLabel()->property("error").toBool());

    QApplication::setPalette(
        botwright::editor::EditorTheme::load(botwright::editor::ThemeKind::Dark).palette());
    dock.setPalette(botwright::editor::EditorTheme::load(botwright::editor::ThemeKind::Dark).palette());
    QTest::qWait(200);
    REQUIRE(dock.view()->widgetFor(messageId) != nullptr);
    const QString dark = s.screenshot(messageId, QStringLiteral("sandbox_dock_dark"));
    CHECK(QFileInfo(dark).size() > 10000);
    QApplication::setPalette(
        botwright::editor::EditorTheme::load(botwright::editor::ThemeKind::Light).palette());
}

TEST_CASE("slash commands run from the form; modals submit as the person they were opened for",
          "[gui][sandbox]") {
    Sandbox s;
    SandboxDock& dock = s.dock;
    s.sendAs(kAlice);
    const auto option = [](int type, const QString& name, const QString& description, bool required) {
        return QJsonObject{{QStringLiteral("type"), type},
                           {QStringLiteral("name"), name},
                           {QStringLiteral("description"), description},
                           {QStringLiteral("required"), required}};
    };
    QJsonObject tone = option(3, QStringLiteral("tone"), QStringLiteral("How to say it"), false);
    tone.insert(QStringLiteral("choices"),
                QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Friendly")},
                                       {QStringLiteral("value"), QStringLiteral("friendly")}},
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("Stern")},
                                       {QStringLiteral("value"), QStringLiteral("stern")}}});
    const QJsonObject remind{
        {QStringLiteral("name"), QStringLiteral("remind")},
        {QStringLiteral("description"), QStringLiteral("Set a reminder")},
        {QStringLiteral("options"),
         QJsonArray{option(3, QStringLiteral("what"), QStringLiteral("What to remind about"), true),
                    option(4, QStringLiteral("minutes"), QStringLiteral("In how many minutes"), true),
                    option(5, QStringLiteral("dm"), QStringLiteral("Remind by DM"), false),
                    option(6, QStringLiteral("who"), QStringLiteral("Whom to remind"), false), tone}}};
    s.asBot("PUT", QStringLiteral("/applications/%1/guilds/%2/commands").arg(kBot, kGuild),
            QJsonArray{remind});

    // Typing "/" opens the picker; the bot's commands arrive from REST.
    dock.composer()->setFocus();
    QTest::keyClicks(dock.composer(), QStringLiteral("/"));
    REQUIRE(QTest::qWaitFor(
        [&] {
            return dock.commandPicker()->findChild<QAction*>(QStringLiteral("command-remind")) != nullptr;
        },
        5000));
    dock.commandPicker()->findChild<QAction*>(QStringLiteral("command-remind"))->trigger();
    dock.commandPicker()->hide();
    botwright::studio::CommandForm* form = dock.commandForm();
    REQUIRE(form->isVisible());
    CHECK(dock.composer()->text().isEmpty());

    auto* send = form->findChild<QAbstractButton*>(QStringLiteral("sendCommand"));
    QTest::mouseClick(send, Qt::LeftButton);
    CHECK(dock.statusLabel()->text().contains(QStringLiteral("“what” is required")));

    QTest::keyClicks(qobject_cast<QLineEdit*>(form->field(QStringLiteral("what"))),
                     QStringLiteral("stretch"));
    QTest::keyClicks(qobject_cast<QLineEdit*>(form->field(QStringLiteral("minutes"))), QStringLiteral("15"));
    auto* dm = qobject_cast<QComboBox*>(form->field(QStringLiteral("dm")));
    dm->setCurrentIndex(dm->findText(QStringLiteral("True")));
    auto* who = qobject_cast<QComboBox*>(form->field(QStringLiteral("who")));
    who->setCurrentIndex(who->findData(kBob));
    auto* toneBox = qobject_cast<QComboBox*>(form->field(QStringLiteral("tone")));
    toneBox->setCurrentIndex(toneBox->findText(QStringLiteral("Stern")));
    botwright::testing::saveScreenshot(&dock, QStringLiteral("sandbox_dock_command_form"));
    QTest::mouseClick(send, Qt::LeftButton);
    CHECK_FALSE(form->isVisible());
    const QJsonObject command =
        s.waitForEvent(QStringLiteral("INTERACTION_CREATE"), [](const QJsonObject& d) {
            return d[u"type"].toInt() == 2 && d[u"data"][u"name"].toString() == QStringLiteral("remind");
        });
    QHash<QString, QJsonValue> values;
    for (const QJsonValue o : command[u"data"][u"options"].toArray())
        values.insert(o[u"name"].toString(), o[u"value"]);
    CHECK(values.value(QStringLiteral("what")).toString() == QStringLiteral("stretch"));
    CHECK(values.value(QStringLiteral("minutes")).toInteger() == 15);
    CHECK(values.value(QStringLiteral("dm")).toBool());
    CHECK(values.value(QStringLiteral("who")).toString() == kBob);
    CHECK(values.value(QStringLiteral("tone")).toString() == QStringLiteral("stern"));
    CHECK(command[u"data"][u"resolved"][u"users"][kBob][u"username"].toString() == QStringLiteral("bob"));

    // The bot answers with a modal; it opens for alice and submits as her.
    const QString callback = QStringLiteral("/interactions/%1/%2/callback")
                                 .arg(command[u"id"].toString(), command[u"token"].toString());
    const QJsonObject modal{
        {QStringLiteral("custom_id"), QStringLiteral("details")},
        {QStringLiteral("title"), QStringLiteral("Reminder details")},
        {QStringLiteral("components"),
         QJsonArray{
             QJsonObject{{QStringLiteral("type"), 1},
                         {QStringLiteral("components"),
                          QJsonArray{QJsonObject{{QStringLiteral("type"), 4},
                                                 {QStringLiteral("custom_id"), QStringLiteral("title")},
                                                 {QStringLiteral("label"), QStringLiteral("Title")},
                                                 {QStringLiteral("style"), 1}}}}},
             QJsonObject{{QStringLiteral("type"), 18},
                         {QStringLiteral("label"), QStringLiteral("Notes")},
                         {QStringLiteral("description"), QStringLiteral("Anything else to remember")},
                         {QStringLiteral("component"),
                          QJsonObject{{QStringLiteral("type"), 4},
                                      {QStringLiteral("custom_id"), QStringLiteral("notes")},
                                      {QStringLiteral("style"), 2},
                                      {QStringLiteral("required"), false}}}}}}};
    s.call("POST", callback, QJsonObject{{QStringLiteral("type"), 9}, {QStringLiteral("data"), modal}}, {});
    botwright::studio::ModalDialog* dialog = nullptr;
    REQUIRE(QTest::qWaitFor(
        [&] { return (dialog = dock.findChild<botwright::studio::ModalDialog*>()) != nullptr; }, 5000));
    CHECK(dialog->userId() == kAlice);
    QTest::keyClicks(qobject_cast<QLineEdit*>(dialog->input(QStringLiteral("title"))),
                     QStringLiteral("Stand up"));
    qobject_cast<QPlainTextEdit*>(dialog->input(QStringLiteral("notes")))
        ->setPlainText(QStringLiteral("and drink"));
    botwright::testing::saveScreenshot(dialog, QStringLiteral("sandbox_modal"));
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("submitModal")), Qt::LeftButton);
    const QJsonObject submitted = s.waitForEvent(
        QStringLiteral("INTERACTION_CREATE"), [](const QJsonObject& d) { return d[u"type"].toInt() == 5; });
    CHECK(submitted[u"data"][u"custom_id"].toString() == QStringLiteral("details"));
    CHECK(submitted[u"member"][u"user"][u"id"].toString() == kAlice);
    const QJsonArray parts = submitted[u"data"][u"components"].toArray();
    REQUIRE(parts.size() == 2);
    CHECK(parts[0][u"components"][0][u"value"].toString() == QStringLiteral("Stand up"));
    CHECK(parts[1][u"type"].toInt() == 18);
    CHECK(parts[1][u"component"][u"value"].toString() == QStringLiteral("and drink"));

    // An ephemeral answer is for alice's eyes only.
    s.call("POST",
           QStringLiteral("/interactions/%1/%2/callback")
               .arg(submitted[u"id"].toString(), submitted[u"token"].toString()),
           QJsonObject{{QStringLiteral("type"), 4},
                       {QStringLiteral("data"),
                        QJsonObject{{QStringLiteral("content"), QStringLiteral("Saved, only you see this")},
                                    {QStringLiteral("flags"), 64}}}},
           {});
    MessageWidget* ephemeral = s.waitForMessage(QStringLiteral("Saved, only you see this"));
    CHECK(ephemeral->findChild<QLabel*>(QStringLiteral("ephemeralNote")) != nullptr);
    const QString ephemeralId = ephemeral->messageId();
    s.sendAs(kBob);
    CHECK(dock.view()->widgetFor(ephemeralId) == nullptr);
    s.sendAs(kAlice);
    CHECK(dock.view()->widgetFor(ephemeralId) != nullptr);
}

TEST_CASE("long channels keep a bounded window of message widgets", "[gui][sandbox]") {
    Sandbox s;
    using botwright::studio::MessageView;
    constexpr int kTotal = 2000;
    // Thousands of messages straight into the world (each still arrives as a MESSAGE_CREATE).
    s.host.post([](botwright::sandbox::SandboxServer& server) {
        for (int i = 0; i < kTotal; ++i) {
            botwright::sandbox::World::MessageDraft draft;
            draft.content = QStringLiteral("bulk message %1").arg(i);
            server.world().createMessage(kGeneral.toULongLong(), kBob.toULongLong(), std::move(draft));
        }
    });
    REQUIRE(QTest::qWaitFor([&] { return s.dock.client()->messageIds(kGeneral).size() >= kTotal; }, 60000));
    s.waitForMessage(QStringLiteral("bulk message %1").arg(kTotal - 1));
    CHECK(s.dock.view()->messageWidgets().size() <= MessageView::kMaxWidgets);
    CHECK(s.dock.view()->isAtBottom());

    // Reopening the channel builds only the newest page; older pages come on request.
    s.dock.client()->requestSnapshot();
    REQUIRE(QTest::qWaitFor(
        [&] { return s.dock.view()->messageWidgets().size() == MessageView::kInitialWidgets; }, 10000));
    auto* older = s.dock.view()->findChild<QPushButton*>();
    REQUIRE(older != nullptr);
    REQUIRE(older->isVisible());
    QTest::mouseClick(older, Qt::LeftButton);
    CHECK(s.dock.view()->messageWidgets().size() == MessageView::kInitialWidgets + MessageView::kPageWidgets);
    CHECK(s.dock.view()->messageWidgets().first()->plainText().contains(
        QStringLiteral("bulk message %1")
            .arg(kTotal - MessageView::kInitialWidgets - MessageView::kPageWidgets)));
}

TEST_CASE("the main window offers the Sandbox dock in the View menu, hidden and not yet started",
          "[gui][sandbox][studio]") {
    botwright::studio::MainWindow window;
    QAction* toggle = window.action(QStringLiteral("view.sandbox"));
    REQUIRE(toggle != nullptr);
    CHECK(toggle == window.sandboxDock()->toggleViewAction());
    CHECK(toggle->isCheckable());
    CHECK_FALSE(toggle->isChecked());
    CHECK(window.dockWidgetArea(window.sandboxDock()) == Qt::RightDockWidgetArea);
    CHECK(window.sandboxDock()->isHidden());
    // Nothing listens until the dock is first shown (starting is lazy; see MainWindow's constructor).
    CHECK_FALSE(window.sandboxHost()->isRunning());
}

TEST_CASE("docked at the right of a studio-sized window the dock stays usable", "[gui][sandbox]") {
    QMainWindow window;
    window.setCentralWidget(new QLabel(QStringLiteral("editor"), &window));
    auto* dock = new SandboxDock(&botwright::testing::sharedSandboxHost(), &window);
    window.addDockWidget(Qt::RightDockWidgetArea, dock);
    window.resize(1280, 800);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.resizeDocks({dock}, {760}, Qt::Horizontal);
    REQUIRE(QTest::qWaitFor([&] { return dock->client()->isReady() && !dock->currentChannel().isEmpty(); },
                            10000));
    QTest::qWait(100);
    CHECK(dock->composer()->width() > 200);
    CHECK(dock->view()->width() > 300);
    botwright::testing::saveScreenshot(&window, QStringLiteral("sandbox_dock_docked"));
    auto* name = dock->view()->messageWidgets().last()->findChild<QLabel*>(QStringLiteral("author"));
    CHECK(name->palette().color(name->foregroundRole()) ==
          QColor(0x34, 0x98, 0xDB)); // Bob's Moderator colour
}
