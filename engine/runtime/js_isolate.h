#pragma once

#include <QString>
#include <QStringList>
#include <v8.h>

#include <cstddef>
#include <memory>

namespace botwright::runtime {

// Outcome of running JavaScript: the completion value as a string, or the thrown error with its
// position in the named source.
struct JsResult {
    bool ok = false;
    QString value;
    QString error;
    QString resourceName;
    int line = 0;   // 1-based, 0 when unknown
    int column = 0; // 1-based, 0 when unknown
    QString stack;
};

// One V8 isolate with one context, owned for its whole life by the thread that uses it.
class JsIsolate final {
public:
    struct Options {
        std::size_t maxHeapBytes = 0; // 0: V8's default
    };

    JsIsolate();
    explicit JsIsolate(const Options& options);
    ~JsIsolate();
    JsIsolate(const JsIsolate&) = delete;
    JsIsolate& operator=(const JsIsolate&) = delete;

    v8::Isolate* isolate() const { return m_isolate; }

    // Compiles and runs a classic script; the result is the completion value converted to a string.
    JsResult evaluate(const QString& source, const QString& resourceName);

    // Calls the global function `name` with string arguments; the result is converted to a string.
    JsResult callGlobal(const QString& name, const QStringList& arguments);

    static v8::Local<v8::String> toV8(v8::Isolate* isolate, const QString& text);
    static QString toQString(v8::Isolate* isolate, v8::Local<v8::Value> value);

private:
    class Enter;
    JsResult failure(const v8::TryCatch& tryCatch, v8::Local<v8::Context> context) const;

    std::unique_ptr<v8::ArrayBuffer::Allocator> m_allocator;
    v8::Isolate* m_isolate = nullptr;
    v8::Global<v8::Context> m_context;
};

} // namespace botwright::runtime
