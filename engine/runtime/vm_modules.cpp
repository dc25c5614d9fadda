#include "engine/runtime/vm_modules.h"

#include "engine/runtime/js_isolate.h"

#include <QFile>
#include <QUrl>

namespace botwright::runtime {

namespace {
const QString kSdkResourceRoot = QStringLiteral(":/sdk/runtime");
const QString kGuildScripts = QStringLiteral("file:///guild_scripts/");

void throwError(v8::Isolate* isolate, const QString& message) {
    isolate->ThrowException(v8::Exception::Error(JsIsolate::toV8(isolate, message)));
}
} // namespace

VmModules::VmModules(v8::Isolate* isolate)
    : m_isolate(isolate) {}

VmModules::~VmModules() = default;

QString VmModules::resolveSpecifier(const QString& specifier, const QString& referrerUrl) {
    const QUrl absolute(specifier, QUrl::StrictMode);
    if (absolute.isValid() && !absolute.scheme().isEmpty() && specifier.contains(QLatin1Char(':')))
        return specifier;
    const QString path = specifier == QLatin1String("botloader") ? QStringLiteral("/index") : specifier;
    return QUrl(referrerUrl).resolved(QUrl(path + QStringLiteral(".js"))).toString();
}

void VmModules::setScriptSource(const QString& url, const QString& javascript) {
    m_sources.insert(url, javascript);
}

QString VmModules::urlOf(v8::Local<v8::Module> module) const {
    const auto range = m_byIdentity.equal_range(module->GetIdentityHash());
    for (auto it = range.first; it != range.second; ++it) {
        const Entry& entry = m_entries[static_cast<std::size_t>(it.value())];
        if (entry.module.Get(m_isolate) == module)
            return entry.url;
    }
    return {};
}

v8::MaybeLocal<v8::Module> VmModules::module(v8::Local<v8::Context> context, const QString& url) {
    Q_UNUSED(context);
    if (const auto found = m_byUrl.constFind(url); found != m_byUrl.constEnd())
        return m_entries[static_cast<std::size_t>(found.value())].module.Get(m_isolate);

    QString source;
    if (url.startsWith(kGuildScripts)) {
        const auto script = m_sources.constFind(url);
        if (script == m_sources.constEnd()) {
            const QString name = url.mid(kGuildScripts.size()).chopped(3);
            throwError(
                m_isolate,
                QStringLiteral("Cannot find module \"%1\": the project has no script %2.ts").arg(url, name));
            return {};
        }
        source = script.value();
    } else {
        const QUrl parsed(url);
        QFile file(kSdkResourceRoot + parsed.path());
        if (parsed.scheme() != QLatin1String("file") || !file.open(QIODevice::ReadOnly)) {
            throwError(m_isolate, QStringLiteral("Cannot find module \"%1\"").arg(url));
            return {};
        }
        source = QString::fromUtf8(file.readAll());
    }

    v8::ScriptOrigin origin(m_isolate, JsIsolate::toV8(m_isolate, url), 0, 0, false, -1,
                            v8::Local<v8::Value>(), false, false, true);
    v8::ScriptCompiler::Source compilerSource(JsIsolate::toV8(m_isolate, source), origin);
    v8::Local<v8::Module> compiled;
    if (!v8::ScriptCompiler::CompileModule(m_isolate, &compilerSource).ToLocal(&compiled))
        return {};
    const int index = static_cast<int>(m_entries.size());
    m_entries.push_back(Entry{v8::Global<v8::Module>(m_isolate, compiled), url});
    m_byUrl.insert(url, index);
    m_byIdentity.insert(compiled->GetIdentityHash(), index);
    return compiled;
}

v8::MaybeLocal<v8::Module> VmModules::resolveCallback(v8::Local<v8::Context> context,
                                                      v8::Local<v8::String> specifier,
                                                      v8::Local<v8::FixedArray> importAssertions,
                                                      v8::Local<v8::Module> referrer) {
    Q_UNUSED(importAssertions);
    v8::Isolate* isolate = context->GetIsolate();
    auto* self = static_cast<VmModules*>(isolate->GetData(1));
    const QString url = resolveSpecifier(JsIsolate::toQString(isolate, specifier), self->urlOf(referrer));
    return self->module(context, url);
}

} // namespace botwright::runtime
