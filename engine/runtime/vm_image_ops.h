#pragma once

#include <v8.h>

namespace botwright::runtime {

// The SDK's two synchronous image ops (botloader-sdk.md §9.1), served inside botwright-vm without a
// round trip to the host, as native functions on the hidden `__botwright` object:
//   imageProperties(data) → {formatName, width, height}                   (op_bl_image_properties)
//   imageTranscode(data, inFormat, outFormat, width|null, height|null) → ArrayBuffer
//                                                                         (op_bl_image_transcode)
// `data` is an ArrayBuffer, a SharedArrayBuffer or a view of one. Failures throw an Error with a
// message for the script author. The work is engine/imaging's ImageCodec.
class VmImageOps final {
public:
    static void install(v8::Isolate* isolate, v8::Local<v8::Context> context, v8::Local<v8::Object> native);

private:
    static void properties(const v8::FunctionCallbackInfo<v8::Value>& info);
    static void transcode(const v8::FunctionCallbackInfo<v8::Value>& info);
};

} // namespace botwright::runtime
