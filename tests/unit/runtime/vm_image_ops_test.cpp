// engine/runtime/vm_image_ops: the sync image ops as botwright-vm installs them on `__botwright`, called
// from JavaScript: values come back as JS objects and ArrayBuffers, failures as catchable Errors.
#include "engine/runtime/js_isolate.h"
#include "engine/runtime/v8_platform.h"
#include "engine/runtime/vm_image_ops.h"
#include "tests/support/qt_catch.h"
#include "tests/unit/imaging/image_fixtures.h"

#include <cstring>
#include <memory>

using botwright::runtime::JsIsolate;

namespace {

// Runs `script` with `__botwright` holding the image ops and `png` an ArrayBuffer of `png`; the result
// is the completion value as a string.
QString run(const QByteArray& png, const char* script) {
    botwright::runtime::V8Platform::ensureInitialized();
    std::unique_ptr<v8::ArrayBuffer::Allocator> allocator(v8::ArrayBuffer::Allocator::NewDefaultAllocator());
    v8::Isolate::CreateParams params;
    params.array_buffer_allocator = allocator.get();
    v8::Isolate* isolate = v8::Isolate::New(params);
    QString out;
    {
        v8::Isolate::Scope isolateScope(isolate);
        v8::HandleScope handles(isolate);
        const v8::Local<v8::Context> context = v8::Context::New(isolate);
        v8::Context::Scope contextScope(context);
        const v8::Local<v8::Object> native = v8::Object::New(isolate);
        botwright::runtime::VmImageOps::install(isolate, context, native);
        context->Global()
            ->Set(context, JsIsolate::toV8(isolate, QStringLiteral("__botwright")), native)
            .Check();
        const v8::Local<v8::ArrayBuffer> buffer =
            v8::ArrayBuffer::New(isolate, static_cast<size_t>(png.size()));
        std::memcpy(buffer->GetBackingStore()->Data(), png.constData(), static_cast<size_t>(png.size()));
        context->Global()->Set(context, JsIsolate::toV8(isolate, QStringLiteral("png")), buffer).Check();
        v8::TryCatch tryCatch(isolate);
        v8::Local<v8::Value> value;
        const bool ok = v8::Script::Compile(context, JsIsolate::toV8(isolate, QString::fromUtf8(script)))
                            .ToLocalChecked()
                            ->Run(context)
                            .ToLocal(&value);
        out = ok ? JsIsolate::toQString(isolate, value)
                 : QStringLiteral("uncaught: ") + JsIsolate::toQString(isolate, tryCatch.Exception());
    }
    isolate->Dispose();
    return out;
}

} // namespace

TEST_CASE("imageProperties answers a plain object", "[runtime][imaging]") {
    const QByteArray png = botwright::test::encoded(botwright::test::quadrants(12, 7), "png");
    CHECK(run(png, "JSON.stringify(__botwright.imageProperties(png))") ==
          QStringLiteral(R"({"formatName":"png","width":12,"height":7})"));
    // Typed arrays over the bytes work too.
    CHECK(run(png, "__botwright.imageProperties(new Uint8Array(png)).width") == QStringLiteral("12"));
}

TEST_CASE("imageTranscode answers an ArrayBuffer of the new image", "[runtime][imaging]") {
    const QByteArray png = botwright::test::encoded(botwright::test::quadrants(12, 8), "png");
    CHECK(run(png, R"JS(
        const out = __botwright.imageTranscode(png, "png", "webp", 6, 4);
        [out instanceof ArrayBuffer, JSON.stringify(__botwright.imageProperties(out))].join(" ")
    )JS") == QStringLiteral(R"(true {"formatName":"webp","width":6,"height":4})"));
    CHECK(
        run(png,
            R"JS(__botwright.imageProperties(__botwright.imageTranscode(png, "png", "gif", null, null)).formatName)JS") ==
        QStringLiteral("gif"));
}

TEST_CASE("image op failures are catchable Errors with the reason", "[runtime][imaging]") {
    const QByteArray png = botwright::test::encoded(botwright::test::quadrants(4, 4), "png");
    const auto caught = [&](const char* call) {
        return run(png, (QByteArray("try { ") + call +
                         "; 'no error' } catch (e) { (e instanceof Error) + ' ' + e.message }")
                            .constData());
    };
    CHECK(caught("__botwright.imageProperties(new ArrayBuffer(8))")
              .startsWith(QStringLiteral("true unrecognised image data")));
    CHECK(caught("__botwright.imageProperties('not bytes')")
              .startsWith(QStringLiteral("true Image data must be")));
    CHECK(caught("__botwright.imageTranscode(png, 'png', 'tiff', null, null)")
              .contains(QStringLiteral("cannot encode \"tiff\"")));
    CHECK(caught("__botwright.imageTranscode(png, 'png', 'png', 1.5, 2)")
              .contains(QStringLiteral("whole number")));
    CHECK(caught("__botwright.imageTranscode(png, 'png', 'png', 100000, 100000)")
              .contains(QStringLiteral("too large")));
}
