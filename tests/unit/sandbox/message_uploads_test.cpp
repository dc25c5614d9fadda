// File uploads on the sandbox's message routes (multipart/form-data, discord-protocol.md §3.1): messages,
// edits that keep a subset, webhooks, interaction callbacks, follow-ups and attachment options, the size
// limits, malformed bodies, the attachment URLs, content types and image sizes, and world files.
#include "engine/protocol/permissions.h"
#include "engine/rest/multipart_writer.h"
#include "engine/sandbox/attachment_media.h"
#include "engine/sandbox/fault_settings.h"
#include "engine/sandbox/rest_api.h"
#include "engine/sandbox/world.h"
#include "engine/sandbox/world_file.h"
#include "tests/support/qt_catch.h"
#include "tests/support/upload_fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

using namespace botwright;
using namespace botwright::sandbox;
using botwright::rest::MultipartWriter;
using botwright::rest::RestFile;
using namespace upload_fixtures;

namespace {

constexpr Snowflake kGuild = 1113768905932800000ULL, kGeneral = 1113768910127104000ULL;
constexpr Snowflake kAlice = 948142551859331072ULL, kCarol = 1079612317696000000ULL;

QString id(Snowflake v) {
    return QString::number(v);
}

QByteArray compact(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

struct Reply {
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
    int code() const { return object().value(QStringLiteral("code")).toInt(-1); }
    QJsonArray attachments() const { return object().value(QStringLiteral("attachments")).toArray(); }
    QJsonObject attachment(int i) const { return attachments().at(i).toObject(); }
    // The `errors` tree names the field: errors.<a>.<b>._errors ("" = request-wide).
    bool errorAt(const QString& path) const {
        QJsonObject node = object().value(QStringLiteral("errors")).toObject();
        for (const QString& part : path.split(u'.', Qt::SkipEmptyParts))
            node = node.value(part).toObject();
        return node.contains(QStringLiteral("_errors"));
    }
    QByteArray header(const QByteArray& name) const {
        for (const auto& [key, value] : headers)
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        return {};
    }
};

struct Harness {
    World world;
    SandboxOptions options;
    FaultSettings faults;
    RestApi api{world, options, faults};
    std::vector<Dispatch> events;

    Harness() {
        populateDefaultWorld(world);
        api.setPublicBaseUrl(QStringLiteral("http://127.0.0.1:9"));
        world.addListener([this](const Dispatch& d) { events.push_back(d); });
    }

    Reply raw(const QByteArray& method, const QString& path, const QString& auth,
              const QByteArray& contentType, const QByteArray& body) {
        RestRequest req;
        if (!auth.isEmpty())
            req.headers.insert("authorization", auth.toUtf8());
        if (!contentType.isEmpty())
            req.headers.insert("content-type", contentType);
        req.body = body;
        const qsizetype q = path.indexOf(u'?');
        if (q >= 0)
            req.query = QUrlQuery(path.mid(q + 1));
        const RestResponse r = api.handle(method, path.left(q), req);
        return Reply{r.status, r.body, r.headers};
    }
    Reply upload(const QByteArray& method, const QString& path, const QString& auth,
                 const QJsonObject& payload, const QList<RestFile>& files) {
        const MultipartWriter form(compact(payload), files);
        return raw(method, QStringLiteral("/api/v10") + path, auth, form.contentType(), form.body());
    }
    Reply json(const QByteArray& method, const QString& path, const QString& auth, const QJsonObject& body) {
        return raw(method, QStringLiteral("/api/v10") + path, auth, "application/json", compact(body));
    }
    QString bot() const { return QStringLiteral("Bot ") + world.botToken(); }
    QString as(Snowflake user) { return world.user(user)->token; }
    // GET of an attachment URL, through the REST front as the HTTP server hands it over.
    Reply fetch(const QString& url) { return raw("GET", QUrl(url).path(), {}, {}, {}); }
    const Dispatch* last(const QString& type) const {
        for (auto it = events.rbegin(); it != events.rend(); ++it)
            if (it->type == type)
                return &*it;
        return nullptr;
    }
};

const QString kMessages = QStringLiteral("/channels/") + id(kGeneral) + QStringLiteral("/messages");

} // namespace

TEST_CASE("uploads: a message with files gets Discord's attachment objects", "[sandbox][uploads]") {
    Harness h;
    const QByteArray png = pngHeader(640, 480);
    const Reply r =
        h.upload("POST", kMessages, h.bot(),
                 QJsonObject{{"content", "two files"},
                             {"attachments", QJsonArray{QJsonObject{{"id", 0}, {"description", "greeting"}},
                                                        QJsonObject{{"id", 1}, {"filename", "pic.png"}}}}},
                 {{0, QStringLiteral("hello.txt"), {}, "hello, world"}, {1, QStringLiteral("x"), {}, png}});
    INFO(r.body.toStdString());
    REQUIRE(r.status == 200);
    CHECK(r.object().value("content").toString() == QStringLiteral("two files"));
    REQUIRE(r.attachments().size() == 2);
    const QJsonObject text = r.attachment(0);
    CHECK(text.value("filename").toString() == QStringLiteral("hello.txt"));
    CHECK(text.value("size").toInt() == 12);
    CHECK(text.value("description").toString() == QStringLiteral("greeting"));
    CHECK(text.value("content_type").toString() == QStringLiteral("text/plain; charset=utf-8"));
    CHECK_FALSE(text.contains("width"));
    const QString attachmentId = text.value("id").toString();
    CHECK(protocol::parseSnowflake(attachmentId).has_value());
    CHECK(text.value("url").toString() ==
          QStringLiteral("http://127.0.0.1:9/attachments/%1/%2/hello.txt").arg(id(kGeneral), attachmentId));
    CHECK(text.value("proxy_url").toString().contains(QStringLiteral("/media/attachments/")));
    const QJsonObject image = r.attachment(1);
    CHECK(image.value("filename").toString() == QStringLiteral("pic.png")); // the entry's name wins
    CHECK(image.value("content_type").toString() == QStringLiteral("image/png"));
    CHECK(image.value("width").toInt() == 640);
    CHECK(image.value("height").toInt() == 480);
    CHECK_FALSE(image.contains("ephemeral"));
    // The gateway sees the same objects.
    const Dispatch* created = h.last(QStringLiteral("MESSAGE_CREATE"));
    REQUIRE(created);
    CHECK(created->object().value("attachments").toArray() == r.attachments());

    // The URLs serve the bytes with their type; the proxy URL too.
    const Reply got = h.fetch(text.value("url").toString());
    CHECK(got.status == 200);
    CHECK(got.body == "hello, world");
    CHECK(got.header("content-type") == "text/plain; charset=utf-8");
    CHECK(h.fetch(image.value("proxy_url").toString()).body == png);
    CHECK(h.fetch(image.value("url").toString()).header("content-type") == "image/png");
    // Unknown ids, another channel, another name and other methods are refused.
    CHECK(h.fetch(QStringLiteral("/attachments/%1/1/hello.txt").arg(id(kGeneral))).status == 404);
    CHECK(h.fetch(QStringLiteral("/attachments/1/%1/hello.txt").arg(attachmentId)).status == 404);
    CHECK(h.fetch(QStringLiteral("/attachments/%1/%2/other.txt").arg(id(kGeneral), attachmentId)).status ==
          404);
    CHECK(h.raw("DELETE", QUrl(text.value("url").toString()).path(), {}, {}, {}).status == 405);
    // GET of the message has them as well.
    const QString messageId = r.object().value("id").toString();
    CHECK(h.json("GET", kMessages + u'/' + messageId, h.bot(), {}).attachments() == r.attachments());
}

TEST_CASE("uploads: files without attachment entries, names with spaces and legacy fields",
          "[sandbox][uploads]") {
    Harness h;
    Reply r = h.upload("POST", kMessages, h.bot(), QJsonObject{},
                       {{0, QStringLiteral("my notes.md"), "text/markdown", "# hi"}});
    INFO(r.body.toStdString());
    REQUIRE(r.status == 200); // files alone make a message
    CHECK(r.attachment(0).value("filename").toString() == QStringLiteral("my notes.md"));
    CHECK(r.attachment(0).value("content_type").toString() == QStringLiteral("text/markdown; charset=utf-8"));
    CHECK(r.attachment(0).value("url").toString().endsWith(QStringLiteral("/my%20notes.md")));
    CHECK(h.fetch(r.attachment(0).value("url").toString()).body == "# hi");

    const QByteArray legacy =
        "--b\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\nlegacy\r\n"
        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"old.bin\"\r\n\r\n"
        "\x01\x02\r\n--b--\r\n";
    r = h.raw("POST", QStringLiteral("/api/v10") + kMessages, h.bot(), "multipart/form-data; boundary=b",
              legacy);
    INFO(r.body.toStdString());
    REQUIRE(r.status == 200);
    CHECK(r.object().value("content").toString() ==
          QStringLiteral("legacy")); // text fields without payload_json
    CHECK(r.attachment(0).value("content_type").toString() == QStringLiteral("application/octet-stream"));
    CHECK(r.attachment(0).value("size").toInt() == 2);
}

TEST_CASE("uploads: an edit keeps the listed attachments and adds new ones", "[sandbox][uploads]") {
    Harness h;
    const Reply created = h.upload("POST", kMessages, h.bot(), QJsonObject{{"content", "three"}},
                                   {{0, QStringLiteral("a.txt"), {}, "A"},
                                    {1, QStringLiteral("b.txt"), {}, "B"},
                                    {2, QStringLiteral("c.txt"), {}, "C"}});
    REQUIRE(created.status == 200);
    const QString messageId = created.object().value("id").toString();
    const QJsonObject a = created.attachment(0), b = created.attachment(1), c = created.attachment(2);

    // Keep b (with a new description), drop a and c, add d.
    const Reply edited = h.upload(
        "PATCH", kMessages + u'/' + messageId, h.bot(),
        QJsonObject{{"attachments", QJsonArray{QJsonObject{{"id", b.value("id")}, {"description", "kept"}},
                                               QJsonObject{{"id", 0}}}}},
        {{0, QStringLiteral("d.txt"), {}, "D"}});
    INFO(edited.body.toStdString());
    REQUIRE(edited.status == 200);
    REQUIRE(edited.attachments().size() == 2);
    CHECK(edited.attachment(0).value("id") == b.value("id"));
    CHECK(edited.attachment(0).value("description").toString() == QStringLiteral("kept"));
    CHECK(edited.attachment(1).value("filename").toString() == QStringLiteral("d.txt"));
    CHECK(edited.object().value("content").toString() == QStringLiteral("three"));
    CHECK(h.last(QStringLiteral("MESSAGE_UPDATE"))->object().value("attachments").toArray().size() == 2);
    CHECK(h.fetch(b.value("url").toString()).body == "B");
    CHECK(h.fetch(edited.attachment(1).value("url").toString()).body == "D");
    CHECK(h.fetch(a.value("url").toString()).status == 404); // dropped: the bytes are gone
    CHECK(h.fetch(c.value("url").toString()).status == 404);

    // Files without `attachments` are added to what the message has.
    Reply added = h.upload("PATCH", kMessages + u'/' + messageId, h.bot(), QJsonObject{{"content", "more"}},
                           {{0, QStringLiteral("e.txt"), {}, "E"}});
    REQUIRE(added.status == 200);
    CHECK(added.attachments().size() == 3);
    // A JSON edit with `attachments: []` removes them all; one naming an unknown id is refused.
    const Reply unknown = h.json("PATCH", kMessages + u'/' + messageId, h.bot(),
                                 QJsonObject{{"attachments", QJsonArray{QJsonObject{{"id", "123"}}}}});
    CHECK(unknown.status == 400);
    CHECK(unknown.code() == 50035);
    CHECK(unknown.errorAt(QStringLiteral("attachments.0.id")));
    const Reply cleared =
        h.json("PATCH", kMessages + u'/' + messageId, h.bot(), QJsonObject{{"attachments", QJsonArray{}}});
    CHECK(cleared.status == 200);
    CHECK(cleared.attachments().isEmpty());
    CHECK(h.world.files().files().empty());
}

TEST_CASE("uploads: size limits answer 413 40005; bad bodies 400 50035", "[sandbox][uploads]") {
    Harness h;
    h.options.attachmentSizeLimit = 1000;
    Reply r =
        h.upload("POST", kMessages, h.bot(), {}, {{0, QStringLiteral("big.bin"), {}, QByteArray(1001, 'x')}});
    CHECK(r.status == 413);
    CHECK(r.code() == 40005);
    CHECK(r.object().value("message").toString() == QStringLiteral("Request entity too large"));
    CHECK(h.upload("POST", kMessages, h.bot(), {}, {{0, QStringLiteral("ok.bin"), {}, QByteArray(1000, 'x')}})
              .status == 200);
    h.options.attachmentSizeLimit = 1 << 20;
    h.options.maxRequestBytes = 4000;
    r = h.upload("POST", kMessages, h.bot(), {},
                 {{0, QStringLiteral("1"), {}, QByteArray(2000, 'x')},
                  {1, QStringLiteral("2"), {}, QByteArray(2000, 'y')}});
    CHECK(r.status == 413);
    CHECK(r.code() == 40005);
    h.options.maxRequestBytes = 25 << 20;

    QList<RestFile> eleven;
    for (int i = 0; i < 11; ++i)
        eleven.append({i, QStringLiteral("f%1").arg(i), {}, "x"});
    r = h.upload("POST", kMessages, h.bot(), {}, eleven);
    CHECK(r.status == 400);
    CHECK(r.code() == 50035);

    r = h.raw("POST", QStringLiteral("/api/v10") + kMessages, h.bot(), "multipart/form-data", "--x\r\n");
    CHECK(r.status == 400);
    CHECK(r.code() == 50035);
    CHECK(r.errorAt(QStringLiteral("")));
    CHECK(r.body.contains("boundary"));
    r = h.raw("POST", QStringLiteral("/api/v10") + kMessages, h.bot(), "multipart/form-data; boundary=b",
              "--b\r\nContent-Disposition: form-data; name=\"files[0]\"\r\n\r\nno filename\r\n--b--\r\n");
    CHECK(r.code() == 50035);
    r = h.raw(
        "POST", QStringLiteral("/api/v10") + kMessages, h.bot(), "multipart/form-data; boundary=b",
        "--b\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"a.png\"\r\n\r\nx\r\n--b--\r\n");
    CHECK(r.code() == 50035);
    r = h.upload("POST", kMessages, h.bot(), QJsonObject{{"attachments", QJsonArray{QJsonObject{{"id", 5}}}}},
                 {{0, QStringLiteral("a"), {}, "a"}});
    CHECK(r.code() == 50035);
    CHECK(r.errorAt(QStringLiteral("attachments.0.id")));
    r = h.raw("POST", QStringLiteral("/api/v10") + kMessages, h.bot(), "multipart/form-data; boundary=b",
              "--b\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n\r\n{not json\r\n--b--\r\n");
    CHECK(r.code() == 50109);
    CHECK(h.world.files().files().size() == 1); // only the accepted 1000-byte file is stored
}

TEST_CASE("uploads: ATTACH_FILES is needed to upload", "[sandbox][uploads]") {
    Harness h;
    Channel& general = *h.world.channel(kGeneral);
    general.overwrites.push_back(Overwrite{kGuild, 0, 0, protocol::permission::AttachFiles});
    const Reply refused = h.upload("POST", kMessages, h.as(kCarol), QJsonObject{{"content", "x"}},
                                   {{0, QStringLiteral("a.txt"), {}, "a"}});
    CHECK(refused.status == 403);
    CHECK(refused.code() == 50013);
    CHECK(h.json("POST", kMessages, h.as(kCarol), QJsonObject{{"content", "no files"}}).status == 200);
    CHECK(h.upload("POST", kMessages, h.as(kAlice), {}, {{0, QStringLiteral("a.txt"), {}, "a"}}).status ==
          200);
}

TEST_CASE("uploads: webhook execution and webhook message edits", "[sandbox][uploads]") {
    Harness h;
    const Reply hook = h.json("POST", QStringLiteral("/channels/%1/webhooks").arg(id(kGeneral)), h.bot(),
                              QJsonObject{{"name", "Uploader"}});
    REQUIRE(hook.status == 200);
    const QString base =
        QStringLiteral("/webhooks/%1/%2")
            .arg(hook.object().value("id").toString(), hook.object().value("token").toString());
    const Reply sent =
        h.upload("POST", base + QStringLiteral("?wait=true"), {}, QJsonObject{{"content", "hook"}},
                 {{0, QStringLiteral("log.txt"), {}, "line 1\nline 2\n"}});
    INFO(sent.body.toStdString());
    REQUIRE(sent.status == 200);
    CHECK(sent.attachment(0).value("size").toInt() == 14);
    const QString messageId = sent.object().value("id").toString();
    const Reply edited = h.upload("PATCH", base + QStringLiteral("/messages/") + messageId, {},
                                  QJsonObject{{"attachments", QJsonArray{QJsonObject{{"id", 1}}}}},
                                  {{1, QStringLiteral("log2.txt"), {}, "replaced"}});
    REQUIRE(edited.status == 200);
    REQUIRE(edited.attachments().size() == 1);
    CHECK(h.fetch(edited.attachment(0).value("url").toString()).body == "replaced");
    CHECK(h.fetch(sent.attachment(0).value("url").toString()).status == 404);
}

TEST_CASE("uploads: attachment options, callbacks and ephemeral follow-ups", "[sandbox][uploads]") {
    Harness h;
    const QString app = id(h.world.application().id);
    const Reply commands = h.raw(
        "PUT", QStringLiteral("/api/v10/applications/%1/guilds/%2/commands").arg(app, id(kGuild)), h.bot(),
        "application/json",
        R"([{"name":"upload","description":"Upload a file","options":[{"type":11,"name":"file","description":"The file","required":true}]}])");
    REQUIRE(commands.status == 200);
    const QString commandId =
        QJsonDocument::fromJson(commands.body).array().at(0).toObject().value("id").toString();
    const QJsonObject payload{
        {"type", 2},
        {"channel_id", id(kGeneral)},
        {"guild_id", id(kGuild)},
        {"data",
         QJsonObject{{"id", commandId},
                     {"name", "upload"},
                     {"type", 1},
                     {"options", QJsonArray{QJsonObject{{"name", "file"}, {"type", 11}, {"value", "0"}}}},
                     {"attachments", QJsonArray{QJsonObject{{"id", "0"}, {"filename", "photo.gif"}}}}}}};
    const Reply invoked = h.upload("POST", QStringLiteral("/interactions"), h.as(kAlice), payload,
                                   {{0, QStringLiteral("ignored.gif"), "image/gif", gifHeader(32, 16)}});
    INFO(invoked.body.toStdString());
    REQUIRE(invoked.status == 200);
    const Dispatch* created = h.last(QStringLiteral("INTERACTION_CREATE"));
    REQUIRE(created);
    const QJsonObject data = created->object().value("data").toObject();
    const QString fileId = data["options"][0]["value"].toString();
    const QJsonObject resolved = data["resolved"]["attachments"][fileId].toObject();
    CHECK(resolved.value("filename").toString() == QStringLiteral("photo.gif"));
    CHECK(resolved.value("width").toInt() == 32);
    CHECK(resolved.value("height").toInt() == 16);
    CHECK(resolved.value("ephemeral").toBool());
    CHECK_FALSE(data.contains("attachments"));
    CHECK(h.fetch(resolved.value("url").toString()).body == gifHeader(32, 16));

    Interaction* in = h.world.interaction(created->object().value("id").toString().toULongLong());
    REQUIRE(in);
    const QString token = in->token;
    const Reply answered =
        h.upload("POST", QStringLiteral("/interactions/%1/%2/callback").arg(id(in->id), token), {},
                 QJsonObject{{"type", 4}, {"data", QJsonObject{{"content", "got it"}}}},
                 {{0, QStringLiteral("echo.txt"), {}, "echo"}});
    REQUIRE(answered.status == 204);
    const QJsonArray responseFiles =
        h.last(QStringLiteral("MESSAGE_CREATE"))->object().value("attachments").toArray();
    REQUIRE(responseFiles.size() == 1);
    CHECK(responseFiles[0]["filename"].toString() == QStringLiteral("echo.txt"));

    const Reply followup = h.upload("POST", QStringLiteral("/webhooks/%1/%2").arg(app, token), {},
                                    QJsonObject{{"content", "secret"}, {"flags", 64}},
                                    {{0, QStringLiteral("secret.txt"), {}, "s"}});
    INFO(followup.body.toStdString());
    REQUIRE(followup.status == 200);
    CHECK(followup.attachment(0).value("ephemeral").toBool());
    const Reply original =
        h.upload("PATCH", QStringLiteral("/webhooks/%1/%2/messages/@original").arg(app, token), {},
                 QJsonObject{{"content", "changed"}}, {{0, QStringLiteral("more.txt"), {}, "m"}});
    REQUIRE(original.status == 200);
    CHECK(original.attachments().size() == 2); // echo.txt kept, more.txt added
}

TEST_CASE("uploads: deleting a message or its channel frees its files", "[sandbox][uploads]") {
    Harness h;
    const Reply r = h.upload("POST", kMessages, h.bot(), {}, {{0, QStringLiteral("a"), {}, "a"}});
    REQUIRE(r.status == 200);
    CHECK(h.world.files().totalBytes() == 1);
    CHECK(h.json("DELETE", kMessages + u'/' + r.object().value("id").toString(), h.bot(), {}).status == 204);
    CHECK(h.world.files().files().empty());
    CHECK(h.world.files().totalBytes() == 0);

    // Past the store's capacity the oldest files go first.
    h.world.files().setCapacity(10);
    const Reply first =
        h.upload("POST", kMessages, h.bot(), {}, {{0, QStringLiteral("1"), {}, QByteArray(6, '1')}});
    const Reply second =
        h.upload("POST", kMessages, h.bot(), {}, {{0, QStringLiteral("2"), {}, QByteArray(6, '2')}});
    CHECK(h.fetch(first.attachment(0).value("url").toString()).status == 404);
    CHECK(h.fetch(second.attachment(0).value("url").toString()).status == 200);
}

TEST_CASE("uploads: world files keep the bytes; snapshots leave them out", "[sandbox][uploads]") {
    Harness h;
    const QByteArray bytes("\x00\x01\xfe\xff binary", 11);
    const Reply r = h.upload("POST", kMessages, h.bot(), QJsonObject{{"content", "saved"}},
                             {{0, QStringLiteral("data.bin"), {}, bytes}});
    REQUIRE(r.status == 200);
    CHECK_FALSE(saveWorld(h.world).contains(QStringLiteral("attachment_files")));
    const QJsonObject file = saveWorld(h.world, true);
    REQUIRE(file.value(QStringLiteral("attachment_files")).toArray().size() == 1);

    Harness reloaded;
    loadWorld(reloaded.world, file);
    CHECK(reloaded.fetch(r.attachment(0).value("url").toString()).body == bytes);
    const QString messageId = r.object().value("id").toString();
    CHECK(reloaded.json("GET", kMessages + u'/' + messageId, reloaded.bot(), {}).attachments() ==
          r.attachments());

    QJsonObject broken = file;
    QJsonArray entries = broken.value(QStringLiteral("attachment_files")).toArray();
    QJsonObject entry = entries[0].toObject();
    entry.insert(QStringLiteral("data_base64"), QStringLiteral("not base64!"));
    entries[0] = entry;
    broken.insert(QStringLiteral("attachment_files"), entries);
    World other;
    CHECK_THROWS_WITH(loadWorld(other, broken), Catch::Contains("attachment_files[0].data_base64"));
}

TEST_CASE("uploads: content types and image sizes", "[sandbox][uploads]") {
    using M = AttachmentMedia;
    CHECK(M::contentType(QStringLiteral("a.png"), {}, {}, pngHeader(1, 1)) == QStringLiteral("image/png"));
    CHECK(M::contentType(QStringLiteral("noext"), "application/octet-stream", {}, jpegHeader(1, 1)) ==
          QStringLiteral("image/jpeg"));
    CHECK(M::contentType(QStringLiteral("x.bin"), "image/gif", {}, "whatever") ==
          QStringLiteral("image/gif"));
    CHECK(M::contentType(QStringLiteral("x.txt"), "text/plain", "charset=latin1", "abc") ==
          QStringLiteral("text/plain; charset=latin1"));
    CHECK(M::contentType(QStringLiteral("notes.txt"), {}, {}, "plain") ==
          QStringLiteral("text/plain; charset=utf-8"));
    CHECK(M::contentType(QStringLiteral("data.json"), {}, {}, "{}") ==
          QStringLiteral("application/json; charset=utf-8"));
    CHECK(M::contentType(QStringLiteral("bytes.txt"), {}, {}, "\xff\xfe") == QStringLiteral("text/plain"));
    CHECK(M::contentType(QStringLiteral("doc"), {}, {}, "%PDF-1.7") == QStringLiteral("application/pdf"));
    CHECK(M::contentType(QStringLiteral("mystery"), {}, {}, "\x01\x02") ==
          QStringLiteral("application/octet-stream"));

    CHECK(M::imageSize(pngHeader(640, 480)) == QSize(640, 480));
    CHECK(M::imageSize(gifHeader(32, 16)) == QSize(32, 16));
    CHECK(M::imageSize(jpegHeader(1920, 1080)) == QSize(1920, 1080));
    CHECK(M::imageSize(webpHeader(300, 200)) == QSize(300, 200));
    CHECK_FALSE(M::imageSize(pngHeader(0, 5)).has_value());
    CHECK_FALSE(M::imageSize(pngHeader(5, 5).left(20)).has_value());
    CHECK_FALSE(M::imageSize(jpegHeader(5, 5).left(24)).has_value());
    CHECK_FALSE(M::imageSize("not an image").has_value());
}
