// Attachments across the op boundary: the host side (engine/runtime/op_uploads) that turns the SDK's
// {id, filename, description, dataB64} entries into multipart files, and the SDK side
// (engine/runtime/sdk/discord/message_fields.js) that normalises CreateAttachment (botloader-sdk.md §8.12).
#include "engine/runtime/js_isolate.h"
#include "engine/runtime/op_uploads.h"
#include "engine/runtime/v8_platform.h"
#include "engine/runtime/vm_bytes_ops.h"
#include "engine/runtime/vm_modules.h"
#include "tests/support/qt_catch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

using botwright::runtime::JsIsolate;
using botwright::runtime::splitUploads;

namespace {

QJsonObject parse(const QByteArray& json) {
    return QJsonDocument::fromJson(json).object();
}

// Runs `body` as a guild script module that imports the SDK's message_fields module and stores its
// answer in globalThis.out; returns that (or the exception's text). With `nativeBytes`, base64 is
// botwright-vm's native op (VmBytesOps on `__botwright`), else the SDK's JavaScript fallback.
QString runSdk(const QString& body, bool nativeBytes = false) {
    botwright::runtime::V8Platform::ensureInitialized();
    std::unique_ptr<v8::ArrayBuffer::Allocator> allocator(v8::ArrayBuffer::Allocator::NewDefaultAllocator());
    v8::Isolate::CreateParams params;
    params.array_buffer_allocator = allocator.get();
    v8::Isolate* isolate = v8::Isolate::New(params);
    QString out;
    {
        botwright::runtime::VmModules modules(isolate);
        isolate->SetData(1, &modules);
        v8::Isolate::Scope isolateScope(isolate);
        v8::HandleScope handles(isolate);
        const v8::Local<v8::Context> context = v8::Context::New(isolate);
        v8::Context::Scope contextScope(context);
        if (nativeBytes) {
            const v8::Local<v8::Object> native = v8::Object::New(isolate);
            botwright::runtime::VmBytesOps::install(isolate, context, native);
            context->Global()
                ->Set(context, JsIsolate::toV8(isolate, QStringLiteral("__botwright")), native)
                .Check();
        }
        v8::TryCatch tryCatch(isolate);
        const QString url = botwright::runtime::VmModules::scriptUrl(QStringLiteral("t"));
        modules.setScriptSource(url,
                                QStringLiteral("import { toDiscordMessage, toOpAttachments } from "
                                               "\"/discord/message_fields\";\n"
                                               "import { base64Decode, base64Encode } from \"/text\";\n"
                                               "try { globalThis.out = (() => { %1 })(); }\n"
                                               "catch (e) { globalThis.out = `${e.name}: ${e.message}`; }\n")
                                    .arg(body));
        v8::Local<v8::Module> module;
        if (!modules.module(context, url).ToLocal(&module) ||
            !module->InstantiateModule(context, &botwright::runtime::VmModules::resolveCallback)
                 .FromMaybe(false)) {
            out = QStringLiteral("load failed: ") + JsIsolate::toQString(isolate, tryCatch.Exception());
        } else {
            v8::Local<v8::Value> ignored;
            if (!module->Evaluate(context).ToLocal(&ignored))
                out = QStringLiteral("failed: ") + JsIsolate::toQString(isolate, tryCatch.Exception());
            isolate->PerformMicrotaskCheckpoint();
            v8::Local<v8::Value> value;
            if (out.isEmpty() && context->Global()
                                     ->Get(context, JsIsolate::toV8(isolate, QStringLiteral("out")))
                                     .ToLocal(&value))
                out = JsIsolate::toQString(isolate, value);
        }
    }
    isolate->Dispose();
    return out;
}

} // namespace

TEST_CASE("SDK: CreateAttachment ids are numbered 1, 2, 3 … around the caller's", "[runtime][sdk][uploads]") {
    const auto ids = [](const char* list) {
        return runSdk(QStringLiteral("return JSON.stringify(toOpAttachments(%1).map((a) => a.id));")
                          .arg(QLatin1String(list)));
    };
    CHECK(ids(R"([{filename: "a", data: ""}, {filename: "b", data: ""}, {filename: "c", data: ""}])") ==
          QStringLiteral("[1,2,3]"));
    CHECK(
        ids(R"([{filename: "a", data: ""}, {filename: "b", data: "", id: 2}, {filename: "c", data: ""}])") ==
        QStringLiteral("[1,2,3]"));
    CHECK(
        ids(R"([{filename: "a", data: "", id: 1}, {filename: "b", data: ""}, {filename: "c", data: "", id: 2}])") ==
        QStringLiteral("[1,3,2]"));
    CHECK(
        ids(R"([{filename: "a", data: "", id: 5}, {filename: "b", data: ""}, {filename: "c", data: ""}])") ==
        QStringLiteral("[5,1,2]"));
    CHECK(ids(R"([{filename: "a", data: "", id: 0}, {filename: "b", data: ""}])") == QStringLiteral("[0,1]"));
    CHECK(ids("[]") == QStringLiteral("[]"));
}

TEST_CASE("SDK: attachment data becomes base64 of UTF-8 text or of the buffer's bytes",
          "[runtime][sdk][uploads]") {
    CHECK(runSdk(QStringLiteral(
              R"(return JSON.stringify(toOpAttachments([{filename: "t.txt", data: "é€😀"}])[0]);)")) ==
          QStringLiteral(R"({"dataB64":"w6nigqzwn5iA","filename":"t.txt","description":null,"id":1})"));
    CHECK(runSdk(QStringLiteral(
              R"(return toOpAttachments([{filename: "b", data: new Uint8Array([0, 255, 10, 13]).buffer,
        description: "bytes"}])[0].dataB64 + " " + toOpAttachments([{filename: "b", data: new Uint8Array([0, 255]).buffer,
        description: "d"}])[0].description;)")) == QStringLiteral("AP8KDQ== d"));
    // A view over part of a buffer sends only its bytes.
    CHECK(
        runSdk(QStringLiteral(
            R"(return toOpAttachments([{filename: "v", data: new Uint8Array([9, 1, 2, 9]).subarray(1, 3)}])[0].dataB64;)")) ==
        QStringLiteral("AQI="));
    CHECK(runSdk(QStringLiteral(R"(return toOpAttachments([{filename: "x", data: 42}]);)")) ==
          QStringLiteral("TypeError: attachment data must be a string or an ArrayBuffer"));
    CHECK(runSdk(QStringLiteral(R"(return toOpAttachments([{data: "x"}]);)")) ==
          QStringLiteral("TypeError: attachment filename must be a string"));
}

TEST_CASE("SDK: base64 of any length, across the encoder's chunks", "[runtime][sdk][uploads]") {
    const bool native = GENERATE(false, true);
    INFO((native ? "native op" : "JavaScript fallback"));
    for (const int length : {0, 1, 2, 3, 4, 5, 12287, 12288, 12289, 12290, 40000}) {
        QByteArray bytes(length, '\0');
        for (int i = 0; i < length; ++i)
            bytes[i] = static_cast<char>((i * 131 + 7) & 0xff);
        const QString encoded =
            runSdk(QStringLiteral("const b = new Uint8Array(%1); for (let i = 0; i < b.length; i++) "
                                  "b[i] = (i * 131 + 7) & 255; return base64Encode(b);")
                       .arg(length),
                   native);
        INFO(length);
        CHECK(encoded == QString::fromLatin1(bytes.toBase64()));
        const QString decoded = runSdk(QStringLiteral("return Array.from(base64Decode(\"%1\")).join(\",\");")
                                           .arg(QString::fromLatin1(bytes.toBase64())),
                                       native);
        QStringList expected;
        for (const char b : bytes)
            expected.append(QString::number(static_cast<unsigned char>(b)));
        CHECK(decoded == expected.join(u','));
    }
}

TEST_CASE("SDK: base64Decode is WHATWG's forgiving-base64, native and fallback alike",
          "[runtime][sdk][uploads]") {
    const bool native = GENERATE(false, true);
    INFO((native ? "native op" : "JavaScript fallback"));
    const auto decode = [native](const char* text) {
        return runSdk(QStringLiteral(
                          "const b = base64Decode(%1); return `${b instanceof Uint8Array} ${Array.from(b)}`;")
                          .arg(QString::fromUtf8(text)),
                      native);
    };
    CHECK(decode("\"aGk=\"") == QStringLiteral("true 104,105"));
    CHECK(decode("\"aGk\"") == QStringLiteral("true 104,105"));       // padding is optional
    CHECK(decode("\" aG\\nk= \"") == QStringLiteral("true 104,105")); // ASCII whitespace is ignored
    CHECK(decode("\"\"") == QStringLiteral("true "));
    CHECK(decode("\"/w==\"") == QStringLiteral("true 255"));
    for (const char* bad : {"\"a\"", "\"aGk==\"", "\"a=Gk\"", "\"_w==\"", "\"-w\"", "\"aG!k\"", "\"é\""}) {
        INFO(bad);
        CHECK(decode(bad) == QStringLiteral("Error: invalid base64"));
    }
}

TEST_CASE("SDK: message bodies carry attachments on every path", "[runtime][sdk][uploads]") {
    const QJsonObject created = parse(
        runSdk(
            QStringLiteral(
                R"(return JSON.stringify(toDiscordMessage({content: "x", attachments: [{filename: "a.txt", data: "hi"}]}));)"))
            .toUtf8());
    REQUIRE(created.value("attachments").toArray().size() == 1);
    CHECK(created["attachments"][0]["dataB64"].toString() == QStringLiteral("aGk="));
    CHECK(created.value("content").toString() == QStringLiteral("x"));
    const QJsonObject edited = parse(
        runSdk(
            QStringLiteral(
                R"(return JSON.stringify(toDiscordMessage({attachments: [{filename: "a", data: ""}]}, {edit: true}));)"))
            .toUtf8());
    CHECK(edited.value("attachments").toArray().size() == 1);
    CHECK_FALSE(edited.contains("allowed_mentions"));
    // An empty list changes nothing (Botloader leaves `attachments` out).
    const QJsonObject empty = parse(
        runSdk(
            QStringLiteral(
                R"(return JSON.stringify(toDiscordMessage({content: "x", attachments: []}, {edit: true}));)"))
            .toUtf8());
    CHECK_FALSE(empty.contains("attachments"));
}

TEST_CASE("host: dataB64 entries become files and leave the JSON", "[runtime][uploads]") {
    const QByteArray body =
        R"({"content":"x","attachments":[{"id":1,"filename":"a.txt","description":null,"dataB64":"aGk="},)"
        R"({"id":2,"filename":"b.bin","description":"bytes","dataB64":"AP8KDQ=="}]})";
    const auto split = splitUploads(body);
    REQUIRE(split.error.isEmpty());
    REQUIRE(split.files.size() == 2);
    CHECK(split.files[0].id == 1);
    CHECK(split.files[0].filename == QStringLiteral("a.txt"));
    CHECK(split.files[0].data == "hi");
    CHECK(split.files[1].data == QByteArray("\x00\xff\n\r", 4));
    const QJsonObject json = parse(split.jsonBody);
    CHECK(json.value("content").toString() == QStringLiteral("x"));
    CHECK(json["attachments"][0].toObject() == QJsonObject{{"id", 1}, {"filename", "a.txt"}});
    CHECK(json["attachments"][1].toObject() ==
          QJsonObject{{"id", 2}, {"filename", "b.bin"}, {"description", "bytes"}});

    // Interaction callbacks carry them under data, forum posts under message.
    const auto callback =
        splitUploads(R"({"type":4,"data":{"attachments":[{"id":1,"filename":"c","dataB64":"Yw=="}]}})");
    REQUIRE(callback.files.size() == 1);
    CHECK(callback.files[0].data == "c");
    CHECK_FALSE(callback.jsonBody.contains("dataB64"));
    const auto forum =
        splitUploads(R"({"name":"t","message":{"attachments":[{"id":3,"filename":"d","dataB64":"ZA=="}]}})");
    REQUIRE(forum.files.size() == 1);
    CHECK(forum.files[0].id == 3);

    // Bodies without uploads pass unchanged; bad entries are errors naming the attachment.
    const QByteArray plain = R"({"content":"no files","attachments":[{"id":"123"}]})";
    CHECK(splitUploads(plain).jsonBody == plain);
    CHECK(splitUploads(plain).files.isEmpty());
    CHECK(splitUploads(R"({"attachments":[{"id":1,"filename":"a","dataB64":"!!"}]})")
              .error.contains(QStringLiteral("not base64")));
    CHECK(splitUploads(R"({"attachments":[{"id":"x","filename":"a","dataB64":"YQ=="}]})")
              .error.contains(QStringLiteral("id")));
    CHECK(splitUploads(R"({"attachments":[{"id":1,"dataB64":"YQ=="}]})")
              .error.contains(QStringLiteral("filename")));
}

TEST_CASE("host: traces keep op arguments without the uploaded bytes", "[runtime][uploads]") {
    const QByteArray small = R"({"body":{"attachments":[{"id":1,"filename":"a","dataB64":"YQ=="}]}})";
    CHECK(botwright::runtime::argsForTrace(small) == small);
    const QByteArray big =
        QByteArray(
            R"({"channelId":"1","body":{"content":"c","attachments":[{"id":1,"filename":"a","dataB64":")") +
        QByteArray(10000, 'A') + R"("}]}})";
    const QJsonObject traced = parse(botwright::runtime::argsForTrace(big));
    CHECK(traced["body"]["attachments"][0]["dataB64"].toString() ==
          QStringLiteral("<10000 bytes of base64, left out of the trace>"));
    CHECK(traced["body"]["content"].toString() == QStringLiteral("c"));
    CHECK(traced["channelId"].toString() == QStringLiteral("1"));
}
