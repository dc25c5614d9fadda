// Attachments in the Sandbox dock against a real local Discord: images as thumbnails and files as cards
// in the chat, Save As… writing the same bytes, files attached to a message from the composer (button
// or drag and drop) and an Attachment option of a slash command sent with its file. Screenshots go to
// build/test-artifacts/sandbox_attachments*.png.
#include "app/studio/attachment_fetcher.h"
#include "app/studio/attachment_list.h"
#include "app/studio/attachment_tray.h"
#include "app/studio/command_form.h"
#include "app/studio/message_view.h"
#include "app/studio/message_widget.h"
#include "app/studio/sandbox_client.h"
#include "app/studio/sandbox_dock.h"
#include "editor/editor_theme.h"
#include "engine/rest/multipart_writer.h"
#include "engine/sandbox/sandbox_host.h"
#include "tests/support/gui_test_env.h"
#include "tests/support/qt_catch.h"
#include "tests/support/shared_sandbox_host.h"

#include <QApplication>
#include <QBuffer>
#include <QComboBox>
#include <QDropEvent>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

using botwright::rest::MultipartWriter;
using botwright::rest::RestFile;
using botwright::studio::AttachmentList;
using botwright::studio::MessageWidget;
using botwright::studio::SandboxDock;

namespace {

const QString kGuild = QStringLiteral("1113768905932800000");
const QString kGeneral = QStringLiteral("1113768910127104000");
const QString kAlice = QStringLiteral("948142551859331072");

// A picture worth looking at in the screenshot: a gradient sky, a sun and hills.
QByteArray landscapePng(int width, int height) {
    QImage image(width, height, QImage::Format_RGB32);
    QPainter p(&image);
    QLinearGradient sky(0, 0, 0, height);
    sky.setColorAt(0, QColor(0x4f, 0x8c, 0xf7));
    sky.setColorAt(1, QColor(0xbf, 0xdc, 0xff));
    p.fillRect(image.rect(), sky);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(QColor(0xff, 0xd1, 0x4a));
    p.setPen(Qt::NoPen);
    p.drawEllipse(QPointF(width * 0.75, height * 0.3), height * 0.14, height * 0.14);
    p.setBrush(QColor(0x3b, 0xa5, 0x5d));
    p.drawEllipse(QRectF(-width * 0.2, height * 0.6, width * 0.9, height * 0.8));
    p.setBrush(QColor(0x2d, 0x7d, 0x46));
    p.drawEllipse(QRectF(width * 0.35, height * 0.68, width * 0.9, height * 0.8));
    p.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

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
        dock.resize(1100, 760);
        dock.show();
        REQUIRE(QTest::qWaitForWindowExposed(&dock));
        REQUIRE(QTest::qWaitFor([&] { return dock.client()->isReady() && dock.currentChannel() == kGeneral; },
                                10000));
        QComboBox* sender = dock.senderBox();
        sender->setCurrentIndex(sender->findData(kAlice));
    }

    QByteArray asBot(const QByteArray& verb, const QString& path, const QByteArray& body,
                     const QByteArray& type) {
        QNetworkRequest request(QUrl(host.restBase() + QStringLiteral("/v10") + path));
        request.setRawHeader("Authorization", "Bot " + host.botToken().toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, type);
        QNetworkReply* reply = network.sendCustomRequest(request, verb, body);
        REQUIRE(QTest::qWaitFor([reply] { return reply->isFinished(); }, 5000));
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        INFO(path.toStdString() << " → " << status << " " << answer.toStdString());
        REQUIRE(status == 200);
        return answer;
    }

    QJsonObject waitForEvent(const QString& type, const std::function<bool(const QJsonObject&)>& match) {
        QJsonObject found;
        const bool ok = QTest::qWaitFor(
            [&] {
                for (const auto& [t, data] : events)
                    if (t == type && match(data))
                        found = data;
                return !found.isEmpty();
            },
            5000);
        INFO("waiting for " << type.toStdString());
        REQUIRE(ok);
        return found;
    }

    MessageWidget* waitForMessage(const QString& text) {
        MessageWidget* found = nullptr;
        REQUIRE(QTest::qWaitFor(
            [&] {
                for (MessageWidget* w : dock.view()->messageWidgets())
                    if (w->plainText().contains(text))
                        found = w;
                return found != nullptr;
            },
            5000));
        return found;
    }

    // The message's attachment list once its images have arrived (widgets are rebuilt on changes).
    AttachmentList* loadedAttachments(const QString& text) {
        AttachmentList* list = nullptr;
        const bool loaded = QTest::qWaitFor(
            [&] {
                MessageWidget* w = waitForMessage(text);
                list = w->findChild<AttachmentList*>();
                if (!list)
                    return false;
                for (QWidget* tile : list->findChildren<QWidget*>(QStringLiteral("attachmentImage")))
                    if (!tile->property("loaded").toBool())
                        return false;
                return dock.view()->isAtBottom();
            },
            5000);
        REQUIRE(loaded);
        return list;
    }
};

QStringList labelTexts(QWidget* parent, const QString& name) {
    QStringList out;
    for (QLabel* label : parent->findChildren<QLabel*>(name))
        out.append(label->text());
    return out;
}

} // namespace

TEST_CASE("the chat shows image thumbnails and file cards, and saves files", "[gui][sandbox][uploads]") {
    Sandbox s;
    const QByteArray png = landscapePng(480, 300);
    const QByteArray notes = "Build 42 passed.\nAll 318 tests green.\n";
    const QByteArray pdf = "%PDF-1.7\n" + QByteArray(2600, '.');
    const MultipartWriter form(
        R"({"content":"Here is the nightly report, with a picture of the view from the office.","attachments":[{"id":0,"description":"The hills at dawn"},{"id":1},{"id":2}]})",
        {RestFile{0, QStringLiteral("view.png"), "image/png", png},
         RestFile{1, QStringLiteral("build-notes.txt"), {}, notes},
         RestFile{2, QStringLiteral("nightly report.pdf"), {}, pdf}});
    s.asBot("POST", QStringLiteral("/channels/%1/messages").arg(kGeneral), form.body(), form.contentType());

    AttachmentList* list = s.loadedAttachments(QStringLiteral("nightly report"));
    CHECK(list->count() == 3);
    const QList<QWidget*> images = list->findChildren<QWidget*>(QStringLiteral("attachmentImage"));
    REQUIRE(images.size() == 1);
    CHECK(images[0]->size() == QSize(400, 250)); // 480×300 scaled into 400×300, before the bytes arrive
    CHECK(images[0]->toolTip().contains(QStringLiteral("480×300")));
    CHECK(images[0]->toolTip().contains(QStringLiteral("The hills at dawn")));
    CHECK(labelTexts(list, QStringLiteral("attachmentName")) ==
          QStringList{QStringLiteral("build-notes.txt"), QStringLiteral("nightly report.pdf")});
    CHECK(labelTexts(list, QStringLiteral("attachmentSize")) ==
          QStringList{QStringLiteral("38 bytes"), QStringLiteral("2.5 KB")});
    const QString shot = botwright::testing::saveScreenshot(&s.dock, QStringLiteral("sandbox_attachments"));
    CHECK(QFile::exists(shot));

    // Save As… writes the same bytes (the download is shared and cached).
    QTemporaryDir dir;
    std::optional<QString> result;
    list->saveAttachment(2, dir.filePath(QStringLiteral("report.pdf")),
                         [&](const QString& error) { result = error; });
    REQUIRE(QTest::qWaitFor([&] { return result.has_value(); }, 5000));
    CHECK(result->isEmpty());
    QFile saved(dir.filePath(QStringLiteral("report.pdf")));
    REQUIRE(saved.open(QIODevice::ReadOnly));
    CHECK(saved.readAll() == pdf);
    const int downloads = s.dock.client()->attachmentFetcher()->downloads();
    result.reset();
    list->saveAttachment(2, dir.filePath(QStringLiteral("again.pdf")),
                         [&](const QString& error) { result = error; });
    REQUIRE(QTest::qWaitFor([&] { return result.has_value(); }, 5000));
    CHECK(s.dock.client()->attachmentFetcher()->downloads() == downloads);
}

TEST_CASE("files attached in the composer and dropped on the chat are sent with the message",
          "[gui][sandbox][uploads]") {
    Sandbox s;
    QTemporaryDir dir;
    const QString picture = dir.filePath(QStringLiteral("sketch.png"));
    const QString text = dir.filePath(QStringLiteral("todo.txt"));
    {
        QFile f(picture);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(landscapePng(160, 120));
        QFile t(text);
        REQUIRE(t.open(QIODevice::WriteOnly));
        t.write("- ship attachments\n");
    }
    auto* tray = s.dock.attachmentTray();
    CHECK(tray->isHidden());
    tray->addFiles({picture});
    CHECK(tray->isVisible());

    // A file dragged from a file manager onto the composer joins the tray.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(text)});
    QLineEdit* composer = s.dock.composer();
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(composer, &enter);
    CHECK(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(composer, &drop);
    CHECK(tray->files() == QStringList{picture, text});
    CHECK(composer->text().isEmpty());  // the drop did not paste the file's URL
    tray->addFiles({text, dir.path()}); // duplicates and folders are left out
    CHECK(tray->files().size() == 2);
    CHECK(s.dock.statusLabel()->text().contains(QStringLiteral("is a folder")));
    QTest::keyClicks(composer, QStringLiteral("my sketch and the list"));
    REQUIRE(QTest::qWaitFor(
        [&] {
            const QList<QWidget*> chips = tray->findChildren<QWidget*>(QStringLiteral("pendingFile"));
            return chips.size() == 2 && chips[0]->isVisible() && chips[0]->width() > 100 &&
                   !s.dock.view()->messageWidgets().isEmpty() && s.dock.view()->isAtBottom();
        },
        5000));
    botwright::testing::saveScreenshot(&s.dock, QStringLiteral("sandbox_attachments_tray"));
    QTest::keyClick(composer, Qt::Key_Return);

    const QJsonObject created = s.waitForEvent(QStringLiteral("MESSAGE_CREATE"), [](const QJsonObject& m) {
        return m.value(QStringLiteral("content")).toString() == QStringLiteral("my sketch and the list");
    });
    const QJsonArray files = created.value(QStringLiteral("attachments")).toArray();
    REQUIRE(files.size() == 2);
    CHECK(files[0].toObject().value(QStringLiteral("filename")).toString() == QStringLiteral("sketch.png"));
    CHECK(files[0].toObject().value(QStringLiteral("width")).toInt() == 160);
    CHECK(files[1].toObject().value(QStringLiteral("filename")).toString() == QStringLiteral("todo.txt"));
    CHECK(created[u"author"][u"id"].toString() == kAlice);
    CHECK(tray->files().isEmpty());
    CHECK(tray->isHidden());
    AttachmentList* list = s.loadedAttachments(QStringLiteral("my sketch and the list"));
    CHECK(list->count() == 2);

    // Files alone make a message too.
    tray->addFiles({text});
    QTest::keyClick(composer, Qt::Key_Return);
    s.waitForEvent(QStringLiteral("MESSAGE_CREATE"), [](const QJsonObject& m) {
        return m.value(QStringLiteral("content")).toString().isEmpty() &&
               m[u"attachments"][0][u"filename"].toString() == QStringLiteral("todo.txt");
    });
}

TEST_CASE("a slash command's Attachment option is sent with its file", "[gui][sandbox][uploads]") {
    Sandbox s;
    const QByteArray registered = s.asBot(
        "PUT",
        QStringLiteral("/applications/%1/guilds/%2/commands").arg(s.dock.client()->applicationId(), kGuild),
        R"([{"name":"analyse","description":"Analyse a log file","options":[{"type":11,"name":"log","description":"The log","required":true},{"type":3,"name":"note","description":"A note","required":false}]}])",
        "application/json");
    const QJsonObject command = QJsonDocument::fromJson(registered).array().at(0).toObject();
    s.dock.openCommand(command);
    auto* form = s.dock.commandForm();
    REQUIRE(form->isVisible());
    QString error;
    form->options(&error);
    CHECK(error.contains(QStringLiteral("“log” is required")));

    QTemporaryDir dir;
    const QString log = dir.filePath(QStringLiteral("server.log"));
    {
        QFile f(log);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("12:00 started\n12:01 ready\n");
    }
    form->setAttachment(QStringLiteral("log"), log);
    CHECK(form->field(QStringLiteral("log"))->findChild<QLabel*>(QStringLiteral("chosenFile"))->text() ==
          QStringLiteral("server.log · 26 bytes"));
    error.clear();
    const QJsonArray options = form->options(&error);
    CHECK(error.isEmpty());
    CHECK(options[0][u"value"].toString() == QStringLiteral("0"));
    CHECK(form->attachmentPaths() == QStringList{log});
    botwright::testing::saveScreenshot(&s.dock, QStringLiteral("sandbox_attachments_command"));
    form->submit();

    const QJsonObject interaction =
        s.waitForEvent(QStringLiteral("INTERACTION_CREATE"), [](const QJsonObject& i) {
            return i[u"data"][u"name"].toString() == QStringLiteral("analyse");
        });
    const QString fileId = interaction[u"data"][u"options"][0][u"value"].toString();
    const QJsonObject resolved = interaction[u"data"][u"resolved"][u"attachments"][fileId].toObject();
    CHECK(resolved.value(QStringLiteral("filename")).toString() == QStringLiteral("server.log"));
    CHECK(resolved.value(QStringLiteral("size")).toInt() == 26);
    CHECK(resolved.value(QStringLiteral("ephemeral")).toBool());
}
