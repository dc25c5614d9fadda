#include "engine/typescript/language_service.h"

#include "engine/core/resource_locator.h"
#include "engine/project/file_io.h"
#include "engine/runtime/js_isolate.h"
#include "engine/runtime/v8_platform.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <v8.h>

#include <vector>

namespace botwright::typescript {

using runtime::JsIsolate;

namespace {

const QString kWarmUpFile = QStringLiteral("/warmup/botwright.ts");
const QString kWarmUpSource =
    QStringLiteral("import { Discord } from \"botloader\";\n"
                   "script.on(\"MESSAGE_CREATE\", async (msg) => {\n"
                   "    const n: number = msg.content.length;\n"
                   "    await Discord.createMessage(msg.channelId, { content: `${n}` });\n"
                   "    msg.\n"
                   "});\n");

LsPosition positionFrom(const QJsonValue& line, const QJsonValue& character) {
    return LsPosition{line.toInt(), character.toInt()};
}

LsRange rangeFrom(const QJsonObject& r) {
    return LsRange{positionFrom(r.value(QLatin1String("sl")), r.value(QLatin1String("sc"))),
                   positionFrom(r.value(QLatin1String("el")), r.value(QLatin1String("ec")))};
}

QList<LsDiagnostic> diagnosticsFrom(const QJsonArray& array) {
    QList<LsDiagnostic> out;
    out.reserve(array.size());
    for (const QJsonValue& value : array) {
        const QJsonObject d = value.toObject();
        out.append(LsDiagnostic{
            .range = rangeFrom(d.value(QLatin1String("range")).toObject()),
            .category = d.value(QLatin1String("category")).toString(),
            .code = d.value(QLatin1String("code")).toInt(),
            .message = d.value(QLatin1String("message")).toString(),
        });
    }
    return out;
}

void cancelledCallback(const v8::FunctionCallbackInfo<v8::Value>& info) {
    const auto* const* flag =
        static_cast<const std::atomic<bool>* const*>(info.Data().As<v8::External>()->Value());
    const bool cancelled = *flag != nullptr && (*flag)->load(std::memory_order_relaxed);
    info.GetReturnValue().Set(cancelled);
}

} // namespace

class LanguageService::Impl final {
public:
    explicit Impl(const std::atomic<bool>* const* cancelFlag) {
        runtime::V8Platform::ensureInitialized();
        allocator.reset(v8::ArrayBuffer::Allocator::NewDefaultAllocator());
        v8::Isolate::CreateParams params;
        params.array_buffer_allocator = allocator.get();
        isolate = v8::Isolate::New(params);
        v8::Isolate::Scope isolateScope(isolate);
        v8::HandleScope handles(isolate);
        const v8::Local<v8::Context> created = v8::Context::New(isolate);
        context.Reset(isolate, created);
        v8::Context::Scope contextScope(created);
        const v8::Local<v8::External> data =
            v8::External::New(isolate, const_cast<std::atomic<bool>**>(cancelFlag));
        const v8::Local<v8::Function> fn = v8::FunctionTemplate::New(isolate, &cancelledCallback, data)
                                               ->GetFunction(created)
                                               .ToLocalChecked();
        created->Global()
            ->DefineOwnProperty(created, JsIsolate::toV8(isolate, QStringLiteral("__botwrightCancelled")), fn,
                                v8::DontEnum)
            .Check();
    }
    ~Impl() {
        typescript.Reset();
        context.Reset();
        isolate->Dispose();
    }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    QString describe(const v8::TryCatch& tryCatch, v8::Local<v8::Context> ctx) const {
        if (tryCatch.HasTerminated())
            return QStringLiteral("execution terminated");
        QString text = JsIsolate::toQString(isolate, tryCatch.Exception());
        const v8::Local<v8::Message> message = tryCatch.Message();
        if (!message.IsEmpty()) {
            text += QStringLiteral(" (%1:%2)")
                        .arg(JsIsolate::toQString(isolate, message->GetScriptResourceName()))
                        .arg(message->GetLineNumber(ctx).FromMaybe(0));
        }
        v8::Local<v8::Value> stack;
        if (tryCatch.StackTrace(ctx).ToLocal(&stack))
            text += QLatin1Char('\n') + JsIsolate::toQString(isolate, stack);
        return text;
    }

    // Compiles and runs a classic script. With `cache` (typescript.js), consumes the code cache in
    // `cache->bytes` when there is one and keeps the unbound script so a cache can be made later.
    struct Cache {
        QByteArray bytes;
        bool rejected = false;
    };
    bool run(const QString& source, const QString& name, QString* result, QString* error,
             Cache* cache = nullptr) {
        v8::Isolate::Scope isolateScope(isolate);
        v8::HandleScope handles(isolate);
        const v8::Local<v8::Context> ctx = context.Get(isolate);
        v8::Context::Scope contextScope(ctx);
        v8::TryCatch tryCatch(isolate);
        v8::ScriptOrigin origin(isolate, JsIsolate::toV8(isolate, name));
        v8::ScriptCompiler::CachedData* cachedData = nullptr;
        if (cache != nullptr && !cache->bytes.isEmpty()) {
            cachedData = new v8::ScriptCompiler::CachedData(
                reinterpret_cast<const uint8_t*>(cache->bytes.constData()),
                static_cast<int>(cache->bytes.size()), v8::ScriptCompiler::CachedData::BufferNotOwned);
        }
        v8::ScriptCompiler::Source compilerSource(JsIsolate::toV8(isolate, source), origin, cachedData);
        v8::Local<v8::UnboundScript> unbound;
        const auto compileOptions = cachedData != nullptr ? v8::ScriptCompiler::kConsumeCodeCache
                                                          : v8::ScriptCompiler::kNoCompileOptions;
        if (!v8::ScriptCompiler::CompileUnboundScript(isolate, &compilerSource, compileOptions)
                 .ToLocal(&unbound)) {
            *error = describe(tryCatch, ctx);
            return false;
        }
        if (cache != nullptr) {
            cache->rejected = cachedData != nullptr && compilerSource.GetCachedData()->rejected;
            typescript.Reset(isolate, unbound);
        }
        v8::Local<v8::Value> value;
        if (!unbound->BindToCurrentContext()->Run(ctx).ToLocal(&value)) {
            *error = describe(tryCatch, ctx);
            return false;
        }
        *result = JsIsolate::toQString(isolate, value);
        return true;
    }

    QByteArray createCodeCache() {
        v8::Isolate::Scope isolateScope(isolate);
        v8::HandleScope handles(isolate);
        if (typescript.IsEmpty())
            return {};
        std::unique_ptr<v8::ScriptCompiler::CachedData> data(
            v8::ScriptCompiler::CreateCodeCache(typescript.Get(isolate)));
        if (!data)
            return {};
        return QByteArray(reinterpret_cast<const char*>(data->data), data->length);
    }

    // Calls a global function of the glue; the result is its string (JSON) value.
    bool call(const char* function, std::initializer_list<QVariant> arguments, QString* result,
              QString* error) {
        v8::Isolate::Scope isolateScope(isolate);
        v8::HandleScope handles(isolate);
        const v8::Local<v8::Context> ctx = context.Get(isolate);
        v8::Context::Scope contextScope(ctx);
        v8::TryCatch tryCatch(isolate);
        v8::Local<v8::Value> callee;
        if (!ctx->Global()
                 ->Get(ctx, v8::String::NewFromUtf8(isolate, function).ToLocalChecked())
                 .ToLocal(&callee) ||
            !callee->IsFunction()) {
            *error = QStringLiteral("%1 is not a function").arg(QLatin1String(function));
            return false;
        }
        std::vector<v8::Local<v8::Value>> argv;
        argv.reserve(arguments.size());
        for (const QVariant& argument : arguments) {
            switch (argument.typeId()) {
            case QMetaType::Int:
                argv.push_back(v8::Integer::New(isolate, argument.toInt()));
                break;
            case QMetaType::Bool:
                argv.push_back(v8::Boolean::New(isolate, argument.toBool()));
                break;
            default:
                argv.push_back(JsIsolate::toV8(isolate, argument.toString()));
                break;
            }
        }
        v8::Local<v8::Value> value;
        if (!callee.As<v8::Function>()
                 ->Call(ctx, ctx->Global(), static_cast<int>(argv.size()), argv.data())
                 .ToLocal(&value)) {
            *error = describe(tryCatch, ctx);
            return false;
        }
        *result = JsIsolate::toQString(isolate, value);
        return true;
    }

    std::unique_ptr<v8::ArrayBuffer::Allocator> allocator;
    v8::Isolate* isolate = nullptr;
    v8::Global<v8::Context> context;
    v8::Global<v8::UnboundScript> typescript;
};

LanguageService::LanguageService() = default;

LanguageService::~LanguageService() {
    m_isolate.store(nullptr);
}

void LanguageService::terminate() {
    m_terminated.store(true);
    if (v8::Isolate* isolate = m_isolate.load())
        isolate->TerminateExecution();
}

bool LanguageService::load(QString* error, const Options& options) {
    QElapsedTimer total;
    total.start();
    m_stats = {};
    const QString typescriptPath = options.typescriptPath.isEmpty()
                                       ? core::ResourceLocator::typescriptCompilerPath()
                                       : options.typescriptPath;
    const QString libDir =
        options.libDir.isEmpty() ? core::ResourceLocator::typescriptLibDir() : options.libDir;
    const QString sdkDir =
        options.sdkDir.isEmpty() ? core::ResourceLocator::sdkDeclarationsDir() : options.sdkDir;

    const std::optional<QByteArray> compiler = project::readWholeFile(typescriptPath, error);
    if (!compiler) {
        error->append(QStringLiteral(" — the TypeScript compiler ships with the studio; reinstall it or run "
                                     "scripts/setup.sh in a source checkout"));
        return false;
    }
    const std::optional<QByteArray> glue =
        project::readWholeFile(QStringLiteral(":/engine/language_service_glue.js"), error);
    if (!glue)
        return false;

    // The code cache is keyed by the compiler's bytes and the V8 version (V8 also rejects a cache made
    // with other flags; then a new one is written).
    QString cacheDir = options.codeCacheDir;
    if (cacheDir.isEmpty())
        cacheDir =
            QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/typescript");
    Impl::Cache cache;
    if (cacheDir != QLatin1String("-")) {
        const QByteArray key = QCryptographicHash::hash(*compiler, QCryptographicHash::Sha1).toHex().left(16);
        m_stats.codeCachePath =
            QStringLiteral("%1/typescript-%2-v8-%3.codecache")
                .arg(cacheDir, QString::fromLatin1(key), QString::fromLatin1(runtime::V8Platform::version()));
        QString ignored;
        if (QFileInfo::exists(m_stats.codeCachePath))
            cache.bytes = project::readWholeFile(m_stats.codeCachePath, &ignored).value_or(QByteArray());
    }

    m_impl = std::make_unique<Impl>(&m_cancel);
    m_isolate.store(m_impl->isolate);
    if (m_terminated.load()) {
        *error = QStringLiteral("stopped");
        return false;
    }
    QElapsedTimer compile;
    compile.start();
    QString result;
    if (!m_impl->run(QString::fromUtf8(*compiler), typescriptPath, &result, error, &cache)) {
        *error = QStringLiteral("typescript.js failed to load: %1").arg(*error);
        m_impl.reset();
        return false;
    }
    m_stats.codeCacheUsed = !cache.bytes.isEmpty() && !cache.rejected;
    if (!m_impl->run(QString::fromUtf8(*glue), QStringLiteral("language_service_glue.js"), &m_version,
                     error)) {
        *error = QStringLiteral("TypeScript language service bridge failed: %1").arg(*error);
        m_impl.reset();
        return false;
    }
    m_stats.compileMs = compile.elapsed();

    const QDir libs(libDir);
    const QStringList libFiles = libs.entryList({QStringLiteral("lib.*.d.ts")}, QDir::Files);
    if (!libFiles.contains(QStringLiteral("lib.esnext.d.ts"))) {
        *error = QStringLiteral("TypeScript's lib files are missing from %1").arg(libDir);
        m_impl.reset();
        return false;
    }
    m_loaded = true;
    for (const QString& name : libFiles) {
        const std::optional<QByteArray> text = project::readWholeFile(libs.filePath(name), error);
        if (!text) {
            m_loaded = false;
            return false;
        }
        setFile(QStringLiteral("/lib/") + name, QString::fromUtf8(*text), 1);
    }
    const QDir sdk(sdkDir);
    const QStringList sdkFiles = sdk.entryList({QStringLiteral("*.d.ts")}, QDir::Files);
    if (!sdkFiles.contains(QStringLiteral("index.d.ts"))) {
        *error = QStringLiteral("the SDK declarations are missing from %1").arg(sdkDir);
        m_loaded = false;
        return false;
    }
    for (const QString& name : sdkFiles) {
        const std::optional<QByteArray> text = project::readWholeFile(sdk.filePath(name), error);
        if (!text) {
            m_loaded = false;
            return false;
        }
        setFile(QStringLiteral("/sdk/") + name, QString::fromUtf8(*text), 1);
    }

    // Warm up: the first program parses and binds the lib files; the first answers compile the
    // functions they need (and those go into the code cache).
    QElapsedTimer warmUp;
    warmUp.start();
    setFile(kWarmUpFile, kWarmUpSource, 1);
    completions(kWarmUpFile, LsPosition{4, 8}, QStringLiteral("."));
    diagnostics(kWarmUpFile);
    quickInfo(kWarmUpFile, LsPosition{1, 2});
    signatureHelp(kWarmUpFile, LsPosition{3, 34}, QStringLiteral("("));
    removeFile(kWarmUpFile);
    m_stats.warmUpMs = warmUp.elapsed();
    if (m_terminated.load()) {
        *error = QStringLiteral("stopped");
        m_loaded = false;
        return false;
    }

    if (!m_stats.codeCacheUsed && !m_stats.codeCachePath.isEmpty()) {
        const QByteArray data = m_impl->createCodeCache();
        QString ignored;
        m_stats.codeCacheWritten = !data.isEmpty() &&
                                   QDir().mkpath(QFileInfo(m_stats.codeCachePath).path()) &&
                                   project::writeFileAtomically(m_stats.codeCachePath, data, &ignored);
    }
    m_stats.totalMs = total.elapsed();
    return true;
}

std::optional<QJsonObject> LanguageService::call(const char* function,
                                                 std::initializer_list<QVariant> arguments) {
    m_lastCancelled = false;
    m_lastError.clear();
    if (!m_loaded) {
        m_lastError = QStringLiteral("the TypeScript language service is not loaded");
        return std::nullopt;
    }
    QString result;
    if (!m_impl->call(function, arguments, &result, &m_lastError))
        return std::nullopt;
    QJsonObject object = QJsonDocument::fromJson(result.toUtf8()).object();
    if (object.value(QLatin1String("cancelled")).toBool()) {
        m_lastCancelled = true;
        m_lastError = QStringLiteral("cancelled");
        return std::nullopt;
    }
    return object;
}

void LanguageService::setFile(const QString& fileName, const QString& text, int version) {
    if (!m_loaded)
        return;
    const bool isRoot = fileName.startsWith(QLatin1String("/project/")) || fileName == kWarmUpFile ||
                        fileName == QLatin1String("/sdk/index.d.ts");
    QString ignored;
    m_impl->call("__lsSetFile", {fileName, text, version, isRoot}, &ignored, &m_lastError);
    if (!m_files.contains(fileName))
        m_files.append(fileName);
}

void LanguageService::removeFile(const QString& fileName) {
    if (!m_loaded)
        return;
    QString ignored;
    m_impl->call("__lsRemoveFile", {fileName}, &ignored, &m_lastError);
    m_files.removeAll(fileName);
}

std::optional<LsCompletions> LanguageService::completions(const QString& fileName, LsPosition position,
                                                          const QString& triggerCharacter) {
    const std::optional<QJsonObject> object =
        call("__lsCompletions", {fileName, position.line, position.character, triggerCharacter});
    if (!object)
        return std::nullopt;
    LsCompletions out;
    out.isMemberCompletion = object->value(QLatin1String("member")).toBool();
    const QJsonArray entries = object->value(QLatin1String("entries")).toArray();
    out.entries.reserve(entries.size());
    for (const QJsonValue& value : entries) {
        const QJsonObject e = value.toObject();
        LsCompletionEntry entry{
            .name = e.value(QLatin1String("n")).toString(),
            .kind = e.value(QLatin1String("k")).toString(),
            .kindModifiers = e.value(QLatin1String("m")).toString(),
            .sortText = e.value(QLatin1String("s")).toString(),
            .insertText = e.value(QLatin1String("i")).toString(),
            .source = e.value(QLatin1String("src")).toString(),
            .replacement = std::nullopt,
        };
        if (e.contains(QLatin1String("r")))
            entry.replacement = rangeFrom(e.value(QLatin1String("r")).toObject());
        out.entries.append(std::move(entry));
    }
    return out;
}

std::optional<LsCompletionDetails> LanguageService::completionDetails(const QString& fileName,
                                                                      LsPosition position,
                                                                      const QString& entryName,
                                                                      const QString& source) {
    const std::optional<QJsonObject> object =
        call("__lsCompletionDetails", {fileName, position.line, position.character, entryName, source});
    if (!object)
        return std::nullopt;
    return LsCompletionDetails{
        .name = object->value(QLatin1String("name")).toString(),
        .kind = object->value(QLatin1String("kind")).toString(),
        .display = object->value(QLatin1String("display")).toString(),
        .documentation = object->value(QLatin1String("doc")).toString(),
    };
}

std::optional<LsSignatureHelp> LanguageService::signatureHelp(const QString& fileName, LsPosition position,
                                                              const QString& triggerCharacter) {
    const std::optional<QJsonObject> object =
        call("__lsSignatureHelp", {fileName, position.line, position.character, triggerCharacter});
    if (!object)
        return std::nullopt;
    LsSignatureHelp out;
    for (const QJsonValue& value : object->value(QLatin1String("items")).toArray()) {
        const QJsonObject item = value.toObject();
        LsSignature signature{.label = item.value(QLatin1String("label")).toString(),
                              .parameters = {},
                              .documentation = item.value(QLatin1String("doc")).toString()};
        for (const QJsonValue& p : item.value(QLatin1String("params")).toArray()) {
            const QJsonObject param = p.toObject();
            signature.parameters.append(LsSignatureParameter{param.value(QLatin1String("s")).toInt(),
                                                             param.value(QLatin1String("e")).toInt(),
                                                             param.value(QLatin1String("doc")).toString()});
        }
        out.signatures.append(std::move(signature));
    }
    out.selected = object->value(QLatin1String("selected")).toInt();
    out.argument = object->value(QLatin1String("argument")).toInt();
    out.applicable = rangeFrom(object->value(QLatin1String("applicable")).toObject());
    return out;
}

std::optional<LsQuickInfo> LanguageService::quickInfo(const QString& fileName, LsPosition position) {
    const std::optional<QJsonObject> object =
        call("__lsQuickInfo", {fileName, position.line, position.character});
    if (!object)
        return std::nullopt;
    return LsQuickInfo{
        .display = object->value(QLatin1String("display")).toString(),
        .documentation = object->value(QLatin1String("doc")).toString(),
        .range = rangeFrom(object->value(QLatin1String("range")).toObject()),
    };
}

std::optional<QList<LsLocation>> LanguageService::definition(const QString& fileName, LsPosition position) {
    const std::optional<QJsonObject> object =
        call("__lsDefinition", {fileName, position.line, position.character});
    if (!object)
        return std::nullopt;
    QList<LsLocation> out;
    for (const QJsonValue& value : object->value(QLatin1String("locations")).toArray()) {
        const QJsonObject location = value.toObject();
        out.append(LsLocation{location.value(QLatin1String("file")).toString(),
                              rangeFrom(location.value(QLatin1String("range")).toObject())});
    }
    return out;
}

std::optional<QList<LsDiagnostic>> LanguageService::diagnostics(const QString& fileName) {
    const std::optional<QJsonObject> object = call("__lsDiagnostics", {fileName});
    if (!object)
        return std::nullopt;
    return diagnosticsFrom(object->value(QLatin1String("diagnostics")).toArray());
}

std::optional<QList<LsDiagnostic>> LanguageService::sdkDiagnostics() {
    const std::optional<QJsonObject> object = call("__lsSdkDiagnostics", {});
    if (!object)
        return std::nullopt;
    QList<LsDiagnostic> out;
    for (const QJsonValue& value : object->value(QLatin1String("diagnostics")).toArray()) {
        LsDiagnostic d = diagnosticsFrom(QJsonArray{value}).first();
        d.message = value.toObject().value(QLatin1String("file")).toString() +
                    QStringLiteral(":%1:%2: ").arg(d.range.start.line + 1).arg(d.range.start.character + 1) +
                    d.message;
        out.append(d);
    }
    return out;
}

std::optional<QJsonObject> LanguageService::describeSdk() {
    return call("__lsDescribeSdk", {});
}

} // namespace botwright::typescript
