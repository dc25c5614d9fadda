#include "engine/runtime/vm_bytes_ops.h"

#include "engine/runtime/js_isolate.h"

#include <QByteArray>

#include <cstring>

namespace botwright::runtime {

std::optional<QByteArrayView> v8Bytes(v8::Local<v8::Value> value) {
    if (value->IsArrayBuffer()) {
        const auto buffer = value.As<v8::ArrayBuffer>();
        return QByteArrayView(static_cast<const char*>(buffer->GetBackingStore()->Data()),
                              static_cast<qsizetype>(buffer->ByteLength()));
    }
    if (value->IsSharedArrayBuffer()) {
        const auto buffer = value.As<v8::SharedArrayBuffer>();
        return QByteArrayView(static_cast<const char*>(buffer->GetBackingStore()->Data()),
                              static_cast<qsizetype>(buffer->ByteLength()));
    }
    if (value->IsArrayBufferView()) {
        const auto view = value.As<v8::ArrayBufferView>();
        const auto* base = static_cast<const char*>(view->Buffer()->GetBackingStore()->Data());
        if (base == nullptr)
            return QByteArrayView();
        return QByteArrayView(base + view->ByteOffset(), static_cast<qsizetype>(view->ByteLength()));
    }
    return std::nullopt;
}

namespace {
void throwError(v8::Isolate* isolate, const char* message) {
    isolate->ThrowException(v8::Exception::Error(v8::String::NewFromUtf8(isolate, message).ToLocalChecked()));
}
} // namespace

void VmBytesOps::install(v8::Isolate* isolate, v8::Local<v8::Context> context, v8::Local<v8::Object> native) {
    const auto bind = [&](const char* name, v8::FunctionCallback callback) {
        native
            ->Set(context, v8::String::NewFromUtf8(isolate, name).ToLocalChecked(),
                  v8::FunctionTemplate::New(isolate, callback)->GetFunction(context).ToLocalChecked())
            .Check();
    };
    bind("base64Encode", &VmBytesOps::encode);
    bind("base64Decode", &VmBytesOps::decode);
}

void VmBytesOps::encode(const v8::FunctionCallbackInfo<v8::Value>& info) {
    v8::Isolate* isolate = info.GetIsolate();
    const std::optional<QByteArrayView> bytes = v8Bytes(info[0]);
    if (!bytes) {
        throwError(isolate, "base64Encode needs an ArrayBuffer or a typed array");
        return;
    }
    const QByteArray text = bytes->toByteArray().toBase64();
    v8::Local<v8::String> out;
    if (!v8::String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t*>(text.constData()),
                                    v8::NewStringType::kNormal, static_cast<int>(text.size()))
             .ToLocal(&out))
        return; // too long for a string: V8 has thrown
    info.GetReturnValue().Set(out);
}

void VmBytesOps::decode(const v8::FunctionCallbackInfo<v8::Value>& info) {
    v8::Isolate* isolate = info.GetIsolate();
    v8::Local<v8::String> input;
    if (!info[0]->ToString(isolate->GetCurrentContext()).ToLocal(&input))
        return;
    // WHATWG forgiving-base64: ASCII whitespace is dropped, then up to two "=" that complete a
    // multiple of four; what is left must be the standard alphabet and not one character too long.
    QByteArray clean;
    clean.reserve(input->Length());
    const v8::String::Value chars(isolate, input);
    for (int i = 0; i < chars.length(); ++i) {
        const uint16_t c = (*chars)[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
            continue;
        const bool alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                              c == '+' || c == '/' || c == '=';
        if (!alphabet) {
            throwError(isolate, "invalid base64");
            return;
        }
        clean.append(static_cast<char>(c));
    }
    if (clean.size() % 4 == 0 && clean.endsWith('='))
        clean.chop(clean.endsWith("==") ? 2 : 1);
    if (clean.size() % 4 == 1 || clean.contains('=')) {
        throwError(isolate, "invalid base64");
        return;
    }
    auto decoded = QByteArray::fromBase64Encoding(clean, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        throwError(isolate, "invalid base64");
        return;
    }
    const qsizetype size = decoded.decoded.size();
    const v8::Local<v8::ArrayBuffer> buffer = v8::ArrayBuffer::New(isolate, static_cast<std::size_t>(size));
    if (size > 0)
        std::memcpy(buffer->GetBackingStore()->Data(), decoded.decoded.constData(),
                    static_cast<std::size_t>(size));
    info.GetReturnValue().Set(v8::Uint8Array::New(buffer, 0, static_cast<std::size_t>(size)));
}

} // namespace botwright::runtime
