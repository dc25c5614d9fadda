#include "engine/runtime/vm_worker.h"

#include "engine/protocol/json_writer.h"
#include "engine/runtime/cpu_watchdog.h"
#include "engine/runtime/js_isolate.h"
#include "engine/runtime/v8_platform.h"
#include "engine/runtime/vm_bytes_ops.h"
#include "engine/runtime/vm_channel.h"
#include "engine/runtime/vm_image_ops.h"
#include "engine/runtime/vm_modules.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace botwright::runtime {

namespace {

constexpr size_t kHeapHeadroomBytes = 64u * 1024u * 1024u;
constexpr qint64 kAckEvery = 256;

VmWorker* workerOf(const v8::FunctionCallbackInfo<v8::Value>& info) {
    return static_cast<VmWorker*>(info.Data().As<v8::External>()->Value());
}

QString str(v8::Isolate* isolate, v8::Local<v8::Value> value) {
    return JsIsolate::toQString(isolate, value);
}

QByteArray utf8(v8::Isolate* isolate, v8::Local<v8::Value> value) {
    v8::String::Utf8Value text(isolate, value);
    return QByteArray(*text, text.length());
}

v8::Local<v8::String> v8Utf8(v8::Isolate* isolate, QByteArrayView text) {
    return v8::String::NewFromUtf8(isolate, text.data(), v8::NewStringType::kNormal,
                                   static_cast<int>(text.size()))
        .ToLocalChecked();
}

// The event payload as a V8 string. Payloads are JSON and nearly always ASCII: those become an
// external one-byte string over the frame's own buffer (no UTF-8 decoding, no copy); others are
// decoded from UTF-8.
class FrameText final : public v8::String::ExternalOneByteStringResource {
public:
    FrameText(QByteArray frame, qsizetype offset)
        : m_frame(std::move(frame))
        , m_offset(offset) {}
    const char* data() const override { return m_frame.constData() + m_offset; }
    size_t length() const override { return static_cast<size_t>(m_frame.size() - m_offset); }

private:
    QByteArray m_frame; // shares the frame's buffer
    qsizetype m_offset;
};

bool isAscii(QByteArrayView text) {
    // Eight bytes at a time: this runs over every event payload.
    const char* p = text.data();
    const char* end = p + text.size();
    std::uint64_t any = 0;
    for (; end - p >= 8; p += 8) {
        std::uint64_t word;
        std::memcpy(&word, p, sizeof word);
        any |= word;
    }
    for (; p < end; ++p)
        any |= static_cast<unsigned char>(*p);
    return (any & 0x8080808080808080ULL) == 0;
}

v8::Local<v8::String> payloadString(v8::Isolate* isolate, const QByteArray& frame, qsizetype offset) {
    const QByteArrayView text = QByteArrayView(frame).sliced(offset);
    v8::Local<v8::String> external;
    if (text.size() >= 64 && isAscii(text) &&
        v8::String::NewExternalOneByte(isolate, new FrameText(frame, offset)).ToLocal(&external))
        return external;
    return v8Utf8(isolate, text);
}

qint64 monotonicNs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts); // the host's QElapsedTimer clock: comparable across processes
    return static_cast<qint64>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

QString describe(const char* activity, QByteArrayView subject) {
    return subject.isEmpty()
               ? QString::fromLatin1(activity)
               : QStringLiteral("%1 %2").arg(QLatin1String(activity), QString::fromUtf8(subject));
}

} // namespace

// Isolate, handle and context scopes for one entry from the host loop.
class VmWorker::Scope final {
public:
    explicit Scope(VmWorker& worker)
        : m_isolateScope(worker.m_isolate)
        , m_handles(worker.m_isolate)
        , m_context(worker.m_context.Get(worker.m_isolate))
        , m_contextScope(m_context) {}
    v8::Local<v8::Context> context() const { return m_context; }

private:
    v8::Isolate::Scope m_isolateScope;
    v8::HandleScope m_handles;
    v8::Local<v8::Context> m_context;
    v8::Context::Scope m_contextScope;
};

VmWorker::VmWorker(VmChannel& channel)
    : m_channel(channel) {}

VmWorker::~VmWorker() {
    if (!m_isolate)
        return;
    m_watchdog.reset();
    m_onEvent.Reset();
    m_onOpResult.Reset();
    m_eventNames.clear();
    m_rejections.clear();
    m_modules.reset();
    m_context.Reset();
    m_isolate->Dispose();
}

int VmWorker::run() {
    std::vector<VmFrame> frames;
    bool greeted = false;
    while (m_channel.take(&frames)) {
        for (VmFrame& frame : frames) {
            if (!greeted) {
                if (frame.kind != VmMessage::Hello || !hello(frame.body)) {
                    m_channel.flush();
                    return kExitProtocol;
                }
                greeted = true;
                continue;
            }
            switch (frame.kind) {
            case VmMessage::Load:
                load(frame.body);
                break;
            case VmMessage::Event:
                dispatchEvent(frame.body);
                // Acknowledge as we go too, not only when the input runs dry: the host keeps a
                // bounded window of events in flight and refills it on each acknowledgement.
                if (m_lastEventId - m_doneEventId >= kAckEvery) {
                    acknowledgeEvents();
                    m_channel.flush();
                }
                break;
            case VmMessage::OpResult:
                resolveOp(frame.body);
                break;
            case VmMessage::Trace:
                m_trace = frame.body.contains("true");
                break;
            case VmMessage::Clock: {
                const QJsonObject clock = QJsonDocument::fromJson(frame.body).object();
                V8Platform::setScriptClock(
                    static_cast<qint64>(clock.value(QStringLiteral("nowMs")).toDouble()),
                    clock.value(QStringLiteral("rate")).toDouble(1));
                break;
            }
            case VmMessage::Shutdown:
                acknowledgeEvents();
                m_channel.flush();
                return 0;
            default:
                log(QStringLiteral("error"),
                    QStringLiteral("botwright-vm: unexpected message kind %1 from the host")
                        .arg(static_cast<int>(frame.kind)));
                break;
            }
        }
        frames.clear();
        if (!m_channel.hasPending()) {
            acknowledgeEvents();
            m_channel.flush();
        }
    }
    m_channel.flush();
    return m_channel.inputError().isEmpty() ? 0 : kExitProtocol;
}

void VmWorker::acknowledgeEvents() {
    if (m_lastEventId <= m_doneEventId)
        return;
    m_doneEventId = m_lastEventId;
    QByteArray body = "{\"upTo\":" + QByteArray::number(m_lastEventId);
    if (!m_timings.empty()) {
        body += ",\"events\":[";
        for (const EventTiming& t : m_timings) {
            body += '[' + QByteArray::number(t.id) + ',' + QByteArray::number(t.startNs) + ',' +
                    QByteArray::number(t.endNs) + ',' + QByteArray::number(t.listeners) +
                    (t.ok ? ",true]," : ",false],");
        }
        body.back() = ']';
        m_timings.clear();
    }
    body += '}';
    m_channel.send(VmMessage::EventDone, body);
}

bool VmWorker::hello(const QByteArray& body) {
    const QJsonObject hello = QJsonDocument::fromJson(body).object();
    const int version = hello.value(QStringLiteral("version")).toInt();
    if (version != kVmProtocolVersion) {
        const QByteArray why = QStringLiteral("the host speaks protocol %1, this worker speaks %2")
                                   .arg(version)
                                   .arg(kVmProtocolVersion)
                                   .toUtf8();
        protocol::JsonWriter w;
        w.beginObject();
        w.field("reason", u"protocol");
        w.field("message", QString::fromUtf8(why));
        w.endObject();
        m_channel.send(VmMessage::Fatal, w.bytes());
        return false;
    }
    m_limits.cpuBudgetMs = hello.value(QStringLiteral("cpuBudgetMs")).toInt(m_limits.cpuBudgetMs);
    m_limits.startupBudgetMs = hello.value(QStringLiteral("startupBudgetMs")).toInt(m_limits.startupBudgetMs);
    m_limits.heapLimitMb =
        std::max(16, hello.value(QStringLiteral("heapLimitMb")).toInt(m_limits.heapLimitMb));
    m_info = QJsonDocument(QJsonObject{{QStringLiteral("guildId"), hello.value(QStringLiteral("guildId"))},
                                       {QStringLiteral("botUser"), hello.value(QStringLiteral("botUser"))}})
                 .toJson(QJsonDocument::Compact);
    createIsolate();
    protocol::JsonWriter w;
    w.beginObject();
    w.field("version", kVmProtocolVersion);
    w.field("v8", QString::fromLatin1(V8Platform::version()));
    w.endObject();
    m_channel.send(VmMessage::Ready, w.bytes());
    m_channel.flush();
    return true;
}

void VmWorker::createIsolate() {
    V8Platform::ensureInitialized();
    m_allocator.reset(v8::ArrayBuffer::Allocator::NewDefaultAllocator());
    v8::Isolate::CreateParams params;
    params.array_buffer_allocator = m_allocator.get();
    params.constraints.ConfigureDefaultsFromHeapSize(0, static_cast<size_t>(m_limits.heapLimitMb) * 1024u *
                                                            1024u);
    m_isolate = v8::Isolate::New(params);
    m_isolate->SetData(0, this);
    m_isolate->SetMicrotasksPolicy(v8::MicrotasksPolicy::kExplicit);
    m_isolate->SetPromiseRejectCallback(&VmWorker::onPromiseReject);
    m_isolate->AddNearHeapLimitCallback(&VmWorker::onNearHeapLimit, this);
    m_modules = std::make_unique<VmModules>(m_isolate);
    m_isolate->SetData(1, m_modules.get());
    m_watchdog = std::make_unique<CpuWatchdog>(m_isolate);

    v8::Isolate::Scope isolateScope(m_isolate);
    v8::HandleScope handles(m_isolate);
    const v8::Local<v8::Context> context = v8::Context::New(m_isolate);
    m_context.Reset(m_isolate, context);
    v8::Context::Scope contextScope(context);
    installBindings(context);
}

void VmWorker::installBindings(v8::Local<v8::Context> context) {
    v8::Isolate* isolate = m_isolate;
    const v8::Local<v8::External> self = v8::External::New(isolate, this);
    const v8::Local<v8::Object> core = v8::Object::New(isolate);
    const auto bind = [&](const char* name, v8::FunctionCallback callback) {
        const v8::Local<v8::Function> fn =
            v8::FunctionTemplate::New(isolate, callback, self)->GetFunction(context).ToLocalChecked();
        core->Set(context, v8Utf8(isolate, name), fn).Check();
    };
    bind("log", &VmWorker::nativeLog);
    bind("op", &VmWorker::nativeOp);
    bind("scriptStart", &VmWorker::nativeScriptStart);
    bind("setHandlers", &VmWorker::nativeSetHandlers);
    VmImageOps::install(isolate, context, core); // the sync image ops run here, not on the host
    VmBytesOps::install(isolate, context, core); // so does base64
    core->Set(context, v8Utf8(isolate, "info"), v8Utf8(isolate, m_info)).Check();
    context->Global()->DefineOwnProperty(context, v8Utf8(isolate, "__botwright"), core, v8::DontEnum).Check();
}

void VmWorker::load(const QByteArray& body) {
    QElapsedTimer timer;
    timer.start();
    const QJsonArray scripts =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("scripts")).toArray();
    if (m_loaded) {
        log(QStringLiteral("error"),
            QStringLiteral("botwright-vm: scripts are already loaded; the host starts a new "
                           "worker to reload"));
        return;
    }
    m_loaded = true;
    Scope scope(*this);
    const v8::Local<v8::Context> context = scope.context();
    QJsonObject settings; // script name → its settings values, read by the SDK's SettingsManager
    for (const QJsonValue& s : scripts) {
        const QJsonObject script = s.toObject();
        m_modules->setScriptSource(script.value(QStringLiteral("url")).toString(),
                                   script.value(QStringLiteral("js")).toString());
        if (script.contains(QStringLiteral("settings")))
            settings.insert(script.value(QStringLiteral("name")).toString(),
                            script.value(QStringLiteral("settings")));
    }
    v8::Local<v8::Value> native;
    if (context->Global()->Get(context, v8Utf8(m_isolate, "__botwright")).ToLocal(&native) &&
        native->IsObject())
        native.As<v8::Object>()
            ->Set(context, v8Utf8(m_isolate, "settings"),
                  v8Utf8(m_isolate, QJsonDocument(settings).toJson(QJsonDocument::Compact)))
            .Check();
    // The SDK first: it installs the event and op handlers every script relies on.
    bool ok = evaluateModule(context, QStringLiteral("botloader"), QStringLiteral("file:///index.js"));
    QJsonArray evaluated;
    for (const QJsonValue& s : scripts) {
        const QJsonObject script = s.toObject();
        const QString name = script.value(QStringLiteral("name")).toString();
        if (evaluateModule(context, name, script.value(QStringLiteral("url")).toString()))
            evaluated.append(name);
        else
            ok = false;
    }
    m_channel.send(
        VmMessage::Loaded,
        QJsonDocument(QJsonObject{{QStringLiteral("ok"), ok},
                                  {QStringLiteral("scripts"), evaluated},
                                  {QStringLiteral("ms"), static_cast<double>(timer.nsecsElapsed()) / 1e6}})
            .toJson(QJsonDocument::Compact));
}

bool VmWorker::evaluateModule(v8::Local<v8::Context> context, const QString& name, const QString& url) {
    v8::TryCatch tryCatch(m_isolate);
    v8::Local<v8::Module> module;
    if (!m_modules->module(context, url).ToLocal(&module)) {
        reportException(context, tryCatch, QStringLiteral("Script compilation failed for %1.ts: ").arg(name));
        return false;
    }
    if (module->GetStatus() == v8::Module::kEvaluated)
        return true; // already run because another script imported it
    if (module->GetStatus() == v8::Module::kErrored) {
        log(QStringLiteral("error"),
            QStringLiteral("Script %1.ts failed while it was imported earlier").arg(name), url);
        return false;
    }
    if (module->GetStatus() == v8::Module::kUninstantiated &&
        !module->InstantiateModule(context, &VmModules::resolveCallback).FromMaybe(false)) {
        reportException(context, tryCatch, QStringLiteral("Script %1.ts could not be linked: ").arg(name));
        return false;
    }
    m_watchdog->arm(m_limits.startupBudgetMs);
    v8::Local<v8::Value> result;
    const bool evaluated = module->Evaluate(context).ToLocal(&result);
    if (evaluated)
        m_isolate->PerformMicrotaskCheckpoint();
    const bool stopped = m_watchdog->disarm();
    if (m_heapLimitHit)
        endForHeapLimit(QStringLiteral("starting %1.ts").arg(name));
    if (stopped || tryCatch.HasTerminated()) {
        m_isolate->CancelTerminateExecution();
        log(QStringLiteral("error"),
            QStringLiteral("Script %1.ts was stopped: its startup used more than its CPU budget of %2 ms")
                .arg(name)
                .arg(m_limits.startupBudgetMs),
            url);
        return false;
    }
    if (!evaluated) {
        reportException(context, tryCatch, QString());
        return false;
    }
    if (result->IsPromise() && result.As<v8::Promise>()->State() == v8::Promise::kRejected) {
        const v8::Local<v8::Value> error = result.As<v8::Promise>()->Result();
        m_isolate->ThrowException(error);
        reportException(context, tryCatch, QString());
        // The rejection was reported here, not as an unhandled one.
        std::erase_if(m_rejections, [&](const Rejection& r) { return r.promise.Get(m_isolate) == result; });
        return false;
    }
    reportUnhandledRejections(context);
    return true;
}

void VmWorker::dispatchEvent(const QByteArray& body) {
    // "<id> <name>\n<data JSON>"
    const qsizetype space = body.indexOf(' ');
    const qsizetype newline = body.indexOf('\n');
    if (space <= 0 || newline <= space) {
        log(QStringLiteral("error"), QStringLiteral("botwright-vm: malformed event from the host"));
        return;
    }
    m_lastEventId = body.left(space).toLongLong();
    if (m_onEvent.IsEmpty())
        return; // the SDK did not load: nothing can listen
    Scope scope(*this);
    const v8::Local<v8::Context> context = scope.context();
    const QByteArrayView name(body.constData() + space + 1, newline - space - 1);
    v8::Local<v8::Value> argv[2] = {eventName(name), payloadString(m_isolate, body, newline + 1)};
    const qint64 startNs = m_trace ? monotonicNs() : 0;
    m_currentEvent = m_lastEventId;
    v8::Local<v8::Value> result;
    const bool ok = callIntoJs(context, m_onEvent.Get(m_isolate), 2, argv, m_limits.cpuBudgetMs, "handling",
                               name, &result);
    m_currentEvent = -1;
    if (m_trace) {
        const int listeners = !result.IsEmpty() && result->IsInt32() ? result.As<v8::Int32>()->Value() : 0;
        m_timings.push_back({m_lastEventId, startNs, monotonicNs(), listeners, ok});
    }
}

v8::Local<v8::String> VmWorker::eventName(QByteArrayView name) {
    for (const auto& [known, value] : m_eventNames)
        if (known == name)
            return value.Get(m_isolate);
    const v8::Local<v8::String> value =
        v8::String::NewFromUtf8(m_isolate, name.data(), v8::NewStringType::kInternalized,
                                static_cast<int>(name.size()))
            .ToLocalChecked();
    m_eventNames.emplace_back(name.toByteArray(), v8::Global<v8::String>(m_isolate, value));
    return value;
}

void VmWorker::resolveOp(const QByteArray& body) {
    if (m_onOpResult.IsEmpty())
        return;
    Scope scope(*this);
    const v8::Local<v8::Context> context = scope.context();
    v8::Local<v8::Value> argv[1] = {v8Utf8(m_isolate, body)};
    // The host writes {"call":N,…}: the continuation belongs to the event that issued call N.
    static constexpr QByteArrayView kCallPrefix = "{\"call\":";
    if (body.startsWith(kCallPrefix)) {
        const auto it = m_opEvents.find(std::strtoll(body.constData() + kCallPrefix.size(), nullptr, 10));
        if (it != m_opEvents.end()) {
            m_currentEvent = it->second;
            m_opEvents.erase(it);
        }
    }
    callIntoJs(context, m_onOpResult.Get(m_isolate), 1, argv, m_limits.cpuBudgetMs,
               "continuing after an SDK call");
    m_currentEvent = -1;
}

bool VmWorker::callIntoJs(v8::Local<v8::Context> context, v8::Local<v8::Function> fn, int argc,
                          v8::Local<v8::Value>* argv, int budgetMs, const char* activity,
                          QByteArrayView subject, v8::Local<v8::Value>* result) {
    v8::TryCatch tryCatch(m_isolate);
    m_watchdog->arm(budgetMs);
    v8::Local<v8::Value> returned;
    const bool called = fn->Call(context, context->Global(), argc, argv).ToLocal(&returned);
    if (called && result != nullptr)
        *result = returned;
    if (called)
        m_isolate->PerformMicrotaskCheckpoint();
    const bool stopped = m_watchdog->disarm();
    if (m_heapLimitHit)
        endForHeapLimit(describe(activity, subject));
    if (stopped || tryCatch.HasTerminated()) {
        const double used = m_watchdog->usedMs();
        m_isolate->CancelTerminateExecution();
        log(QStringLiteral("error"),
            QStringLiteral("A script was stopped while %1: it used more than its CPU budget "
                           "of %2 ms (stopped after %3 ms)")
                .arg(describe(activity, subject))
                .arg(budgetMs)
                .arg(used, 0, 'f', 1));
        return false;
    }
    if (!called) {
        reportException(context, tryCatch, QString());
        return false;
    }
    reportUnhandledRejections(context);
    return true;
}

void VmWorker::reportException(v8::Local<v8::Context> context, const v8::TryCatch& tryCatch,
                               const QString& prefix) {
    if (!tryCatch.HasCaught())
        return;
    const v8::Local<v8::Value> exception = tryCatch.Exception();
    QString text;
    if (exception->IsObject()) {
        v8::Local<v8::Value> stack;
        if (exception.As<v8::Object>()->Get(context, v8Utf8(m_isolate, "stack")).ToLocal(&stack) &&
            stack->IsString())
            text = str(m_isolate, stack);
    }
    if (text.isEmpty())
        text = str(m_isolate, exception);
    QString url;
    int line = 0;
    int column = 0;
    if (const v8::Local<v8::Message> message = tryCatch.Message(); !message.IsEmpty()) {
        url = str(m_isolate, message->GetScriptResourceName());
        line = message->GetLineNumber(context).FromMaybe(0);
        column = message->GetStartColumn(context).FromMaybe(-1) + 1;
    }
    log(QStringLiteral("error"), prefix + text, url, line, column);
}

void VmWorker::reportUnhandledRejections(v8::Local<v8::Context> context) {
    if (m_rejections.empty())
        return;
    std::vector<Rejection> rejections;
    rejections.swap(m_rejections);
    for (const Rejection& r : rejections) {
        v8::TryCatch tryCatch(m_isolate);
        m_isolate->ThrowException(r.value.Get(m_isolate));
        reportException(context, tryCatch, QStringLiteral("Uncaught (in promise) "));
    }
}

void VmWorker::log(const QString& level, const QString& message, const QString& url, int line, int column) {
    protocol::JsonWriter w;
    w.beginObject();
    w.field("level", level);
    w.field("message", message);
    if (!url.isEmpty()) {
        w.field("url", url);
        w.field("line", line);
        w.field("column", column);
    }
    if (m_currentEvent >= 0)
        w.field("event", m_currentEvent);
    w.endObject();
    m_channel.send(VmMessage::Log, w.bytes());
}

void VmWorker::endForHeapLimit(const QString& what) {
    log(QStringLiteral("error"),
        QStringLiteral("The scripts ran out of memory while %1 (heap limit %2 MB); the VM "
                       "restarts and in-memory state is lost")
            .arg(what)
            .arg(m_limits.heapLimitMb));
    protocol::JsonWriter w;
    w.beginObject();
    w.field("reason", u"heap");
    w.field("message",
            QStringLiteral("heap limit of %1 MB reached while %2").arg(m_limits.heapLimitMb).arg(what));
    w.endObject();
    m_channel.send(VmMessage::Fatal, w.bytes());
    m_channel.flush();
    std::_Exit(kExitHeapLimit); // the heap is in no state for an orderly teardown
}

void VmWorker::onPromiseReject(v8::PromiseRejectMessage message) {
    v8::Isolate* isolate = message.GetPromise()->GetIsolate();
    auto* self = static_cast<VmWorker*>(isolate->GetData(0));
    if (message.GetEvent() == v8::kPromiseRejectWithNoHandler) {
        self->m_rejections.push_back(Rejection{v8::Global<v8::Promise>(isolate, message.GetPromise()),
                                               v8::Global<v8::Value>(isolate, message.GetValue())});
    } else if (message.GetEvent() == v8::kPromiseHandlerAddedAfterReject) {
        std::erase_if(self->m_rejections,
                      [&](const Rejection& r) { return r.promise.Get(isolate) == message.GetPromise(); });
    }
}

size_t VmWorker::onNearHeapLimit(void* data, size_t current, size_t initial) {
    Q_UNUSED(initial);
    auto* self = static_cast<VmWorker*>(data);
    self->m_heapLimitHit = true;
    self->m_isolate->TerminateExecution();
    return current + kHeapHeadroomBytes; // room to unwind; the worker exits right after
}

void VmWorker::nativeLog(const v8::FunctionCallbackInfo<v8::Value>& info) {
    VmWorker* self = workerOf(info);
    v8::Isolate* isolate = info.GetIsolate();
    const v8::Local<v8::Context> context = isolate->GetCurrentContext();
    self->log(str(isolate, info[0]), str(isolate, info[1]),
              info[2]->IsString() ? str(isolate, info[2]) : QString(),
              info[3]->Int32Value(context).FromMaybe(0), info[4]->Int32Value(context).FromMaybe(0));
}

void VmWorker::nativeOp(const v8::FunctionCallbackInfo<v8::Value>& info) {
    VmWorker* self = workerOf(info);
    v8::Isolate* isolate = info.GetIsolate();
    const qint64 call = self->m_nextCall++;
    // {"call":N,"op":"name","args":<JSON text from the SDK>}
    QByteArray body = "{\"call\":" + QByteArray::number(call) + ",\"op\":";
    protocol::JsonWriter name;
    name.string(str(isolate, info[0]));
    body += name.bytes();
    body += ",\"args\":";
    body += info[1]->IsString() ? utf8(isolate, info[1]) : QByteArray("null");
    if (self->m_currentEvent >= 0) {
        body += ",\"event\":" + QByteArray::number(self->m_currentEvent);
        self->m_opEvents.emplace(call, self->m_currentEvent);
    }
    body += '}';
    self->m_channel.send(VmMessage::Op, body);
    info.GetReturnValue().Set(static_cast<double>(call));
}

void VmWorker::nativeScriptStart(const v8::FunctionCallbackInfo<v8::Value>& info) {
    VmWorker* self = workerOf(info);
    self->m_channel.send(VmMessage::ScriptMeta, utf8(info.GetIsolate(), info[0]));
}

void VmWorker::nativeSetHandlers(const v8::FunctionCallbackInfo<v8::Value>& info) {
    VmWorker* self = workerOf(info);
    v8::Isolate* isolate = info.GetIsolate();
    if (!info[0]->IsFunction() || !info[1]->IsFunction()) {
        isolate->ThrowException(
            v8::Exception::TypeError(v8Utf8(isolate, "setHandlers(onEvent, onOpResult)")));
        return;
    }
    self->m_onEvent.Reset(isolate, info[0].As<v8::Function>());
    self->m_onOpResult.Reset(isolate, info[1].As<v8::Function>());
}

} // namespace botwright::runtime
