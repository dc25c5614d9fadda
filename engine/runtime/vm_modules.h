#pragma once

#include <QHash>
#include <QString>
#include <v8.h>

#include <functional>
#include <vector>

namespace botwright::runtime {

// The worker's ES modules with Botloader's rules (botloader-sdk.md §1.3): guild scripts live at
// file:///guild_scripts/<name>.js, the SDK at file:///<path>.js (read from the engine's resources);
// "botloader" means "/index"; any other specifier is resolved as `specifier + ".js"` against the
// importing module's URL.
class VmModules final {
public:
    explicit VmModules(v8::Isolate* isolate);
    ~VmModules();

    static QString scriptUrl(const QString& name) {
        return QStringLiteral("file:///guild_scripts/%1.js").arg(name);
    }
    static QString resolveSpecifier(const QString& specifier, const QString& referrerUrl);

    void setScriptSource(const QString& url, const QString& javascript);
    // Compiles (once) the module at `url`; an empty handle with a pending exception on failure.
    v8::MaybeLocal<v8::Module> module(v8::Local<v8::Context> context, const QString& url);
    QString urlOf(v8::Local<v8::Module> module) const;

    static v8::MaybeLocal<v8::Module> resolveCallback(v8::Local<v8::Context> context,
                                                      v8::Local<v8::String> specifier,
                                                      v8::Local<v8::FixedArray> importAssertions,
                                                      v8::Local<v8::Module> referrer);

private:
    struct Entry {
        v8::Global<v8::Module> module;
        QString url;
    };
    v8::Isolate* m_isolate;
    QHash<QString, QString> m_sources; // guild script URL → JavaScript
    QHash<QString, int> m_byUrl;       // URL → index in m_entries
    QMultiHash<int, int> m_byIdentity; // module identity hash → index in m_entries
    std::vector<Entry> m_entries;
};

} // namespace botwright::runtime
