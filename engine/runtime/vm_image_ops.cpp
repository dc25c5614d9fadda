#include "engine/runtime/vm_image_ops.h"

#include "engine/imaging/image_codec.h"
#include "engine/runtime/js_isolate.h"
#include "engine/runtime/vm_bytes_ops.h"

#include <QByteArrayView>

#include <cmath>
#include <cstring>
#include <optional>

namespace botwright::runtime {

namespace {

const imaging::ImageCodec& codec() {
    static const imaging::ImageCodec instance;
    return instance;
}

void throwError(v8::Isolate* isolate, const QString& message) {
    isolate->ThrowException(v8::Exception::Error(JsIsolate::toV8(isolate, message)));
}

std::optional<QByteArrayView> imageBytes(const v8::FunctionCallbackInfo<v8::Value>& info) {
    std::optional<QByteArrayView> bytes = v8Bytes(info[0]);
    if (!bytes)
        throwError(info.GetIsolate(),
                   QStringLiteral("Image data must be an ArrayBuffer (or a typed array over one)"));
    return bytes;
}

// A resize side: null/undefined for none, else a whole number (its range is the codec's to check).
bool side(v8::Isolate* isolate, v8::Local<v8::Value> value, const char* which, std::optional<qint64>* out) {
    if (value->IsNullOrUndefined())
        return true;
    const double number = value->IsNumber() ? value.As<v8::Number>()->Value() : std::nan("");
    if (!std::isfinite(number) || std::floor(number) != number || std::fabs(number) > 1e12) {
        throwError(isolate, QStringLiteral("the resize %1 must be a whole number of pixels, not %2")
                                .arg(QLatin1StringView(which), JsIsolate::toQString(isolate, value)));
        return false;
    }
    *out = static_cast<qint64>(number);
    return true;
}

} // namespace

void VmImageOps::install(v8::Isolate* isolate, v8::Local<v8::Context> context, v8::Local<v8::Object> native) {
    const auto bind = [&](const char* name, v8::FunctionCallback callback) {
        native
            ->Set(context, JsIsolate::toV8(isolate, QString::fromLatin1(name)),
                  v8::FunctionTemplate::New(isolate, callback)->GetFunction(context).ToLocalChecked())
            .Check();
    };
    bind("imageProperties", &VmImageOps::properties);
    bind("imageTranscode", &VmImageOps::transcode);
}

void VmImageOps::properties(const v8::FunctionCallbackInfo<v8::Value>& info) {
    v8::Isolate* isolate = info.GetIsolate();
    const std::optional<QByteArrayView> bytes = imageBytes(info);
    if (!bytes)
        return;
    QString error;
    const std::optional<imaging::ImageProperties> properties = codec().properties(*bytes, &error);
    if (!properties) {
        throwError(isolate, error);
        return;
    }
    const v8::Local<v8::Context> context = isolate->GetCurrentContext();
    const v8::Local<v8::Object> out = v8::Object::New(isolate);
    out->Set(context, JsIsolate::toV8(isolate, QStringLiteral("formatName")),
             JsIsolate::toV8(isolate, properties->formatName))
        .Check();
    out->Set(context, JsIsolate::toV8(isolate, QStringLiteral("width")),
             v8::Number::New(isolate, static_cast<double>(properties->width)))
        .Check();
    out->Set(context, JsIsolate::toV8(isolate, QStringLiteral("height")),
             v8::Number::New(isolate, static_cast<double>(properties->height)))
        .Check();
    info.GetReturnValue().Set(out);
}

void VmImageOps::transcode(const v8::FunctionCallbackInfo<v8::Value>& info) {
    v8::Isolate* isolate = info.GetIsolate();
    const std::optional<QByteArrayView> bytes = imageBytes(info);
    if (!bytes)
        return;
    std::optional<qint64> width;
    std::optional<qint64> height;
    if (!side(isolate, info[3], "width", &width) || !side(isolate, info[4], "height", &height))
        return;
    QString error;
    const std::optional<QByteArray> result =
        codec().transcode(*bytes, JsIsolate::toQString(isolate, info[1]),
                          JsIsolate::toQString(isolate, info[2]), width, height, &error);
    if (!result) {
        throwError(isolate, error);
        return;
    }
    const v8::Local<v8::ArrayBuffer> out = v8::ArrayBuffer::New(isolate, static_cast<size_t>(result->size()));
    if (!result->isEmpty())
        std::memcpy(out->GetBackingStore()->Data(), result->constData(), static_cast<size_t>(result->size()));
    info.GetReturnValue().Set(out);
}

} // namespace botwright::runtime
