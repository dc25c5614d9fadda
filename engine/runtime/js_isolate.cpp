#include "engine/runtime/js_isolate.h"

#include "engine/runtime/v8_platform.h"

#include <vector>

namespace botwright::runtime {

// Every entry into the isolate: isolate scope, handle scope and context scope, in that order.
class JsIsolate::Enter final {
public:
    explicit Enter(const JsIsolate& owner)
        : m_isolateScope(owner.m_isolate)
        , m_handleScope(owner.m_isolate)
        , m_context(owner.m_context.Get(owner.m_isolate))
        , m_contextScope(m_context) {}
    v8::Local<v8::Context> context() const { return m_context; }

private:
    v8::Isolate::Scope m_isolateScope;
    v8::HandleScope m_handleScope;
    v8::Local<v8::Context> m_context;
    v8::Context::Scope m_contextScope;
};

JsIsolate::JsIsolate()
    : JsIsolate(Options{}) {}

JsIsolate::JsIsolate(const Options& options) {
    V8Platform::ensureInitialized();
    m_allocator.reset(v8::ArrayBuffer::Allocator::NewDefaultAllocator());
    v8::Isolate::CreateParams params;
    params.array_buffer_allocator = m_allocator.get();
    if (options.maxHeapBytes > 0) {
        params.constraints.ConfigureDefaultsFromHeapSize(0, options.maxHeapBytes);
    }
    m_isolate = v8::Isolate::New(params);

    v8::Isolate::Scope isolateScope(m_isolate);
    v8::HandleScope handleScope(m_isolate);
    m_context.Reset(m_isolate, v8::Context::New(m_isolate));
}

JsIsolate::~JsIsolate() {
    m_context.Reset();
    m_isolate->Dispose();
}

v8::Local<v8::String> JsIsolate::toV8(v8::Isolate* isolate, const QString& text) {
    return v8::String::NewFromTwoByte(isolate, reinterpret_cast<const uint16_t*>(text.utf16()),
                                      v8::NewStringType::kNormal, static_cast<int>(text.size()))
        .ToLocalChecked();
}

QString JsIsolate::toQString(v8::Isolate* isolate, v8::Local<v8::Value> value) {
    if (value.IsEmpty()) {
        return {};
    }
    v8::Local<v8::String> string;
    if (!value->ToString(isolate->GetCurrentContext()).ToLocal(&string)) {
        return {};
    }
    QString out(string->Length(), Qt::Uninitialized);
    string->Write(isolate, reinterpret_cast<uint16_t*>(out.data()), 0, string->Length(),
                  v8::String::NO_NULL_TERMINATION);
    return out;
}

JsResult JsIsolate::failure(const v8::TryCatch& tryCatch, v8::Local<v8::Context> context) const {
    JsResult result;
    if (tryCatch.HasTerminated()) {
        result.error = QStringLiteral("execution terminated");
        return result;
    }
    result.error = toQString(m_isolate, tryCatch.Exception());
    const v8::Local<v8::Message> message = tryCatch.Message();
    if (!message.IsEmpty()) {
        result.resourceName = toQString(m_isolate, message->GetScriptResourceName());
        result.line = message->GetLineNumber(context).FromMaybe(0);
        result.column = message->GetStartColumn(context).FromMaybe(-1) + 1;
    }
    v8::Local<v8::Value> stack;
    if (tryCatch.StackTrace(context).ToLocal(&stack)) {
        result.stack = toQString(m_isolate, stack);
    }
    return result;
}

JsResult JsIsolate::evaluate(const QString& source, const QString& resourceName) {
    Enter enter(*this);
    const v8::Local<v8::Context> context = enter.context();
    v8::TryCatch tryCatch(m_isolate);
    v8::ScriptOrigin origin(m_isolate, toV8(m_isolate, resourceName));
    v8::Local<v8::Script> script;
    if (!v8::Script::Compile(context, toV8(m_isolate, source), &origin).ToLocal(&script)) {
        return failure(tryCatch, context);
    }
    v8::Local<v8::Value> value;
    if (!script->Run(context).ToLocal(&value)) {
        return failure(tryCatch, context);
    }
    return JsResult{.ok = true, .value = toQString(m_isolate, value)};
}

JsResult JsIsolate::callGlobal(const QString& name, const QStringList& arguments) {
    Enter enter(*this);
    const v8::Local<v8::Context> context = enter.context();
    v8::TryCatch tryCatch(m_isolate);
    v8::Local<v8::Value> callee;
    if (!context->Global()->Get(context, toV8(m_isolate, name)).ToLocal(&callee) || !callee->IsFunction()) {
        return JsResult{.error = QStringLiteral("%1 is not a function").arg(name)};
    }
    std::vector<v8::Local<v8::Value>> argv;
    argv.reserve(static_cast<std::size_t>(arguments.size()));
    for (const QString& argument : arguments) {
        argv.push_back(toV8(m_isolate, argument));
    }
    v8::Local<v8::Value> value;
    if (!callee.As<v8::Function>()
             ->Call(context, context->Global(), static_cast<int>(argv.size()), argv.data())
             .ToLocal(&value)) {
        return failure(tryCatch, context);
    }
    return JsResult{.ok = true, .value = toQString(m_isolate, value)};
}

} // namespace botwright::runtime
