// The SDK declarations (resources/sdk) against the runtime SDK (engine/runtime/sdk, what botwright-vm
// loads as "botloader"): every value the runtime provides is declared, and every declared one exists.
//
// Compared: the exported functions, classes, constants and namespaces of "botloader" (recursively,
// "Discord.createMessage"), each class's methods and accessors ("Discord.Message#reply") and statics
// ("Discord.Permissions.Administrator"), and the events of EventSystem.EventTypes against the events
// the host delivers. The declared side comes from the TypeScript checker over the declarations; the
// runtime side from loading the SDK's module graph in V8 and walking what it exports.
//
// Two checked-in lists keep it honest while the runtime is being completed:
// - sdk_pending.txt: declared names the runtime does not have yet. A name on it that the runtime now
//   has fails the test (take it off: the list only shrinks).
// - sdk_runtime_internal.txt: runtime names that are deliberately not declared (helpers scripts are not
//   meant to call), each with a reason. A name on it that is gone or now declared fails the test.
// BOTWRIGHT_WRITE_SDK_PENDING=1 rewrites sdk_pending.txt with the declared names missing at runtime
// (it never adds undeclared runtime names anywhere: those need a declaration or a reason).
#include "engine/pipeline/event_routing.h"
#include "engine/runtime/js_isolate.h"
#include "engine/runtime/v8_platform.h"
#include "engine/runtime/vm_modules.h"
#include "engine/typescript/language_service.h"
#include "tests/support/qt_catch.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <memory>

using botwright::runtime::JsIsolate;
using botwright::typescript::LanguageService;

namespace {

const QString kListDir = QStringLiteral(BOTWRIGHT_SOURCE_DIR "/tests/unit/typescript");

QSet<QString> toSet(const QJsonArray& array) {
    QSet<QString> out;
    for (const QJsonValue& v : array)
        out.insert(v.toString());
    return out;
}

QStringList sorted(const QSet<QString>& set) {
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}

// A checked-in list: one name per line, then optionally " # reason"; blank lines and lines starting
// with "#" are ignored. (Names contain "#" themselves: "Discord.Message#reply".)
QSet<QString> readList(const QString& name) {
    QFile file(kListDir + QLatin1Char('/') + name);
    QSet<QString> out;
    if (!file.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray& raw : file.readAll().split('\n')) {
        QString line = QString::fromUtf8(raw).trimmed();
        if (line.startsWith(QLatin1Char('#')))
            continue;
        line = line.section(QStringLiteral(" #"), 0, 0).trimmed();
        if (!line.isEmpty())
            out.insert(line);
    }
    return out;
}

struct Declared {
    QSet<QString> names;
    QSet<QString> events;
};

Declared declared() {
    static std::unique_ptr<Declared> cached;
    if (cached)
        return *cached;
    LanguageService service;
    LanguageService::Options options;
    options.codeCacheDir = QStringLiteral("-");
    QString error;
    const bool loaded = service.load(&error, options);
    INFO(error.toStdString());
    REQUIRE(loaded);
    const auto described = service.describeSdk();
    INFO(service.lastError().toStdString());
    REQUIRE(described.has_value());
    cached = std::make_unique<Declared>(Declared{toSet(described->value(QLatin1String("names")).toArray()),
                                                 toSet(described->value(QLatin1String("events")).toArray())});
    return *cached;
}

// Loads the runtime SDK ("file:///index.js" and everything it imports) in a fresh isolate with a
// stand-in for botwright-vm's native bridge, and lists what it exports.
const char* const kDescribeRuntime = R"JS(
(function () {
    const names = [];
    const native = (f) => /\[native code\]/.test(Function.prototype.toString.call(f));
    const isClass = (v) => typeof v === "function" && /^class[\s{]/.test(Function.prototype.toString.call(v));
    function members(path, cls) {
        const seen = new Set();
        for (let p = cls.prototype; p && !native(p.constructor); p = Object.getPrototypeOf(p))
            for (const k of Object.getOwnPropertyNames(p))
                if (k !== "constructor" && !k.startsWith("_") && !seen.has(k)) { seen.add(k); names.push(path + "#" + k); }
        const statics = new Set();
        for (let c = cls; c && c !== Function.prototype && !native(c); c = Object.getPrototypeOf(c))
            for (const k of Object.getOwnPropertyNames(c))
                if (k !== "length" && k !== "name" && k !== "prototype" && !k.startsWith("_") && !statics.has(k)) {
                    statics.add(k);
                    names.push(path + "." + k);
                }
    }
    function walk(prefix, ns) {
        for (const k of Object.keys(ns)) {
            const v = ns[k];
            const path = prefix + k;
            names.push(path);
            if (isClass(v)) members(path, v);
            else if (v !== null && typeof v === "object" && v[Symbol.toStringTag] === "Module") walk(path + ".", v);
        }
    }
    walk("", globalThis.__sdk);
    return JSON.stringify(names.sort());
})()
)JS";

const char* const kNativeStandIn = R"JS(
globalThis.__botwright = new Proxy({
    info: JSON.stringify({ guildId: "100000000000000001",
                           botUser: { id: "100000000000000002", username: "bot", discriminator: "0", bot: true } }),
    settings: "{}",
}, { get: (target, key) => (key in target ? target[key] : function () { return 0; }) });
)JS";

QSet<QString> runtimeNames() {
    botwright::runtime::V8Platform::ensureInitialized();
    std::unique_ptr<v8::ArrayBuffer::Allocator> allocator(v8::ArrayBuffer::Allocator::NewDefaultAllocator());
    v8::Isolate::CreateParams params;
    params.array_buffer_allocator = allocator.get();
    v8::Isolate* isolate = v8::Isolate::New(params);
    QSet<QString> out;
    {
        botwright::runtime::VmModules modules(isolate);
        isolate->SetData(1, &modules);
        v8::Isolate::Scope isolateScope(isolate);
        v8::HandleScope handles(isolate);
        const v8::Local<v8::Context> context = v8::Context::New(isolate);
        v8::Context::Scope contextScope(context);
        v8::TryCatch tryCatch(isolate);
        const auto run = [&](const char* source) {
            v8::Local<v8::Value> value;
            const bool ok = v8::Script::Compile(context, JsIsolate::toV8(isolate, QString::fromUtf8(source)))
                                .ToLocalChecked()
                                ->Run(context)
                                .ToLocal(&value);
            INFO(JsIsolate::toQString(isolate, tryCatch.Exception()).toStdString());
            REQUIRE(ok);
            return value;
        };
        run(kNativeStandIn);
        v8::Local<v8::Module> module;
        const bool compiled = modules.module(context, QStringLiteral("file:///index.js")).ToLocal(&module);
        INFO(JsIsolate::toQString(isolate, tryCatch.Exception()).toStdString());
        REQUIRE(compiled);
        REQUIRE(module->InstantiateModule(context, &botwright::runtime::VmModules::resolveCallback)
                    .FromMaybe(false));
        v8::Local<v8::Value> evaluated;
        REQUIRE(module->Evaluate(context).ToLocal(&evaluated));
        isolate->PerformMicrotaskCheckpoint();
        INFO(JsIsolate::toQString(isolate, tryCatch.Exception()).toStdString());
        REQUIRE(module->GetStatus() == v8::Module::kEvaluated);
        context->Global()
            ->Set(context, JsIsolate::toV8(isolate, QStringLiteral("__sdk")), module->GetModuleNamespace())
            .Check();
        const QString json = JsIsolate::toQString(isolate, run(kDescribeRuntime));
        out = toSet(QJsonDocument::fromJson(json.toUtf8()).array());
    }
    isolate->Dispose();
    return out;
}

// Every gateway dispatch Discord sends (its documentation's list); the host routes some to SDK events.
const char* const kDispatchTypes[] = {
    "READY",
    "RESUMED",
    "APPLICATION_COMMAND_PERMISSIONS_UPDATE",
    "AUTO_MODERATION_RULE_CREATE",
    "AUTO_MODERATION_RULE_UPDATE",
    "AUTO_MODERATION_RULE_DELETE",
    "AUTO_MODERATION_ACTION_EXECUTION",
    "CHANNEL_CREATE",
    "CHANNEL_UPDATE",
    "CHANNEL_DELETE",
    "CHANNEL_PINS_UPDATE",
    "THREAD_CREATE",
    "THREAD_UPDATE",
    "THREAD_DELETE",
    "THREAD_LIST_SYNC",
    "THREAD_MEMBER_UPDATE",
    "THREAD_MEMBERS_UPDATE",
    "ENTITLEMENT_CREATE",
    "ENTITLEMENT_UPDATE",
    "ENTITLEMENT_DELETE",
    "GUILD_CREATE",
    "GUILD_UPDATE",
    "GUILD_DELETE",
    "GUILD_AUDIT_LOG_ENTRY_CREATE",
    "GUILD_BAN_ADD",
    "GUILD_BAN_REMOVE",
    "GUILD_EMOJIS_UPDATE",
    "GUILD_STICKERS_UPDATE",
    "GUILD_INTEGRATIONS_UPDATE",
    "GUILD_MEMBER_ADD",
    "GUILD_MEMBER_REMOVE",
    "GUILD_MEMBER_UPDATE",
    "GUILD_MEMBERS_CHUNK",
    "GUILD_ROLE_CREATE",
    "GUILD_ROLE_UPDATE",
    "GUILD_ROLE_DELETE",
    "GUILD_SCHEDULED_EVENT_CREATE",
    "GUILD_SCHEDULED_EVENT_UPDATE",
    "GUILD_SCHEDULED_EVENT_DELETE",
    "GUILD_SCHEDULED_EVENT_USER_ADD",
    "GUILD_SCHEDULED_EVENT_USER_REMOVE",
    "GUILD_SOUNDBOARD_SOUND_CREATE",
    "GUILD_SOUNDBOARD_SOUND_UPDATE",
    "GUILD_SOUNDBOARD_SOUND_DELETE",
    "GUILD_SOUNDBOARD_SOUNDS_UPDATE",
    "SOUNDBOARD_SOUNDS",
    "INTEGRATION_CREATE",
    "INTEGRATION_UPDATE",
    "INTEGRATION_DELETE",
    "INTERACTION_CREATE",
    "INVITE_CREATE",
    "INVITE_DELETE",
    "MESSAGE_CREATE",
    "MESSAGE_UPDATE",
    "MESSAGE_DELETE",
    "MESSAGE_DELETE_BULK",
    "MESSAGE_REACTION_ADD",
    "MESSAGE_REACTION_REMOVE",
    "MESSAGE_REACTION_REMOVE_ALL",
    "MESSAGE_REACTION_REMOVE_EMOJI",
    "PRESENCE_UPDATE",
    "STAGE_INSTANCE_CREATE",
    "STAGE_INSTANCE_UPDATE",
    "STAGE_INSTANCE_DELETE",
    "SUBSCRIPTION_CREATE",
    "SUBSCRIPTION_UPDATE",
    "SUBSCRIPTION_DELETE",
    "TYPING_START",
    "USER_UPDATE",
    "VOICE_CHANNEL_EFFECT_SEND",
    "VOICE_STATE_UPDATE",
    "VOICE_SERVER_UPDATE",
    "WEBHOOKS_UPDATE",
    "MESSAGE_POLL_VOTE_ADD",
    "MESSAGE_POLL_VOTE_REMOVE",
};

} // namespace

TEST_CASE("every event the host delivers is declared in EventTypes, and only those", "[typescript][sdk]") {
    QSet<QString> delivered;
    for (const char* type : kDispatchTypes) {
        const QByteArrayView event = botwright::pipeline::sdkEventForDispatch(type);
        if (!event.isEmpty())
            delivered.insert(QString::fromLatin1(event));
    }
    const QSet<QString> events = declared().events;
    INFO("delivered, not declared: " << sorted(delivered - events).join(QStringLiteral(", ")).toStdString());
    INFO(
        "declared, never delivered: " << sorted(events - delivered).join(QStringLiteral(", ")).toStdString());
    CHECK(events == delivered);
    CHECK(events.size() == 26); // botloader-sdk.md §3.1
}

TEST_CASE("the runtime SDK and the declarations provide the same values", "[typescript][sdk]") {
    const QSet<QString> declaredNames = declared().names;
    const QSet<QString> runtime = runtimeNames();
    REQUIRE(runtime.contains(QStringLiteral("Script")));
    REQUIRE(declaredNames.contains(QStringLiteral("Script")));
    const QSet<QString> pending = readList(QStringLiteral("sdk_pending.txt"));
    const QSet<QString> internal = readList(QStringLiteral("sdk_runtime_internal.txt"));

    const QSet<QString> missingAtRuntime = declaredNames - runtime;
    if (qEnvironmentVariableIntValue("BOTWRIGHT_WRITE_SDK_PENDING") == 1) {
        QFile file(kListDir + QStringLiteral("/sdk_pending.txt"));
        REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("# Declared in resources/sdk but not provided by the runtime SDK yet (see "
                   "sdk_declarations_test.cpp).\n"
                   "# The list only shrinks: a name the runtime provides must be taken off.\n");
        for (const QString& name : sorted(missingAtRuntime))
            file.write(name.toUtf8() + '\n');
    }

    // Declared, missing at runtime, not known to be pending: the runtime lost something (or the
    // declarations promise what nobody implements).
    const QStringList unexpectedMissing = sorted(missingAtRuntime - pending);
    INFO("declared but missing at runtime (implement, or add to sdk_pending.txt): "
         << unexpectedMissing.join(QStringLiteral(", ")).toStdString());
    CHECK(unexpectedMissing.isEmpty());

    // Pending names the runtime now has: take them off the list.
    const QStringList nowImplemented = sorted(pending & runtime);
    INFO("on sdk_pending.txt but now provided by the runtime (remove them): "
         << nowImplemented.join(QStringLiteral(", ")).toStdString());
    CHECK(nowImplemented.isEmpty());
    const QStringList pendingUndeclared = sorted(pending - declaredNames);
    INFO("on sdk_pending.txt but not declared: "
         << pendingUndeclared.join(QStringLiteral(", ")).toStdString());
    CHECK(pendingUndeclared.isEmpty());

    // At runtime, not declared: completion would never offer it.
    const QStringList undeclared = sorted(runtime - declaredNames - internal);
    INFO("provided by the runtime but not declared (declare it in resources/sdk, or explain it in "
         "sdk_runtime_internal.txt): "
         << undeclared.join(QStringLiteral(", ")).toStdString());
    CHECK(undeclared.isEmpty());
    const QStringList staleInternal = sorted(internal - (runtime - declaredNames));
    INFO("on sdk_runtime_internal.txt but gone from the runtime or declared now (remove them): "
         << staleInternal.join(QStringLiteral(", ")).toStdString());
    CHECK(staleInternal.isEmpty());
}

TEST_CASE("the declarations compile without errors and cover the SDK's surface", "[typescript][sdk]") {
    const QSet<QString> names = declared().names;
    for (const char* name : {"Script",
                             "Script#on",
                             "Script#createSlashCommand",
                             "Script#createStorageJson",
                             "Script#onInterval",
                             "Script#createTaskBucket",
                             "Script#onInteractionButton",
                             "Script#onInteractionModalSubmit",
                             "Commands",
                             "Commands.slashCommand",
                             "Commands.Group",
                             "Commands.SlashCommandBuilder#addOptionString",
                             "Commands.ExecutedCommandContext",
                             "EventSystem",
                             "Storage.JsonBucket",
                             "Storage.NumberBucket#incr",
                             "Storage.NumberVar#incr",
                             "Tasks.TaskBucket#schedule",
                             "Tasks.schedule",
                             "HttpClient.get",
                             "HttpClient.Request#sendJson",
                             "HttpClient.Response#json",
                             "HttpClient.Uint8ArrayBody",
                             "Settings",
                             "Settings.SettingsManager#addOptionString",
                             "Settings.SysDefaultValues",
                             "Discord.createMessage",
                             "Discord.Message#reply",
                             "Discord.Message#createThread",
                             "Discord.User#avatarUrl",
                             "Discord.Member#name",
                             "Discord.TextChannel#createForumThread",
                             "Discord.Thread#archive",
                             "Discord.Webhook#execute",
                             "Discord.Permissions.Administrator",
                             "Discord.Permissions#hasAll",
                             "Discord.PermissionOverwrite.everyone",
                             "Discord.CustomButton#setStyle",
                             "Discord.ActionRow",
                             "Discord.ModalSubmitInteraction#getTextInputValue",
                             "Discord.NotFoundError",
                             "Discord.encodeInteractionCustomId",
                             "Discord.snowflakeTimestamp",
                             "Image",
                             "Image.downloadFromUrl",
                             "AsyncLock#withLocked",
                             "console",
                             "encodeText",
                             "base64Decode",
                             "Unstable"})
        CHECK(names.contains(QLatin1String(name)));
    // Not exported by name (botloader-sdk.md §1.1), though scripts receive instances.
    for (const char* hidden : {"Discord.Invite", "Discord.CustomEmoji", "Discord.MessageSnapshot"})
        CHECK_FALSE(names.contains(QLatin1String(hidden)));

    LanguageService service;
    LanguageService::Options options;
    options.codeCacheDir = QStringLiteral("-");
    QString error;
    REQUIRE(service.load(&error, options));
    const auto diagnostics = service.sdkDiagnostics();
    REQUIRE(diagnostics.has_value());
    QStringList messages;
    for (const auto& d : *diagnostics)
        messages.append(d.message);
    INFO(messages.join(QLatin1Char('\n')).toStdString());
    CHECK(diagnostics->isEmpty());
}
