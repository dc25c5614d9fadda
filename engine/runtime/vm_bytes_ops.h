#pragma once

#include <QByteArrayView>
#include <v8.h>

#include <optional>

namespace botwright::runtime {

// The bytes of an ArrayBuffer, a SharedArrayBuffer or a typed array / DataView, without copying
// (valid while no JavaScript runs); nullopt for anything else.
std::optional<QByteArrayView> v8Bytes(v8::Local<v8::Value> value);

// The SDK's base64 helpers (botloader-sdk.md §7: base64Encode/base64Decode, used for attachments,
// HttpClient bodies and data URIs) as native functions on the hidden `__botwright` object, served in
// botwright-vm by Qt's codec instead of a loop in JavaScript:
//   base64Encode(bytes) → string   (standard alphabet, padded)
//   base64Decode(text) → Uint8Array (WHATWG forgiving-base64, as Deno's op: ASCII whitespace and
//                                    final padding optional; anything else is an Error)
class VmBytesOps final {
public:
    static void install(v8::Isolate* isolate, v8::Local<v8::Context> context, v8::Local<v8::Object> native);

private:
    static void encode(const v8::FunctionCallbackInfo<v8::Value>& info);
    static void decode(const v8::FunctionCallbackInfo<v8::Value>& info);
};

} // namespace botwright::runtime
