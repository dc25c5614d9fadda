#include "engine/runtime/script_bundle.h"

#include "engine/project/project.h"
#include "engine/project/settings_file.h"
#include "engine/typescript/typescript_compiler.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

namespace botwright::runtime {

namespace {

const QString kUrlPrefix = QStringLiteral("file:///guild_scripts/");

QJsonObject toJson(const QString& javascript, const QByteArray& map, const QString& error, int line,
                   int column) {
    return QJsonObject{{QStringLiteral("js"), javascript},
                       {QStringLiteral("map"), QString::fromUtf8(map)},
                       {QStringLiteral("error"), error},
                       {QStringLiteral("line"), line},
                       {QStringLiteral("column"), column}};
}

} // namespace

std::optional<ScriptPosition> ScriptBundle::map(const QString& url, int line, int column) const {
    if (!url.startsWith(kUrlPrefix))
        return std::nullopt;
    for (const CompiledScript& script : scripts) {
        if (script.url != url)
            continue;
        const typescript::SourceMap::Position p = script.sourceMap.lookup(line, column);
        if (!p.found)
            return ScriptPosition{script.name, line, column};
        const int col = p.line == 1 ? std::max(1, p.column - script.headerLength) : p.column;
        return ScriptPosition{script.name, p.line, col};
    }
    return std::nullopt;
}

QString ScriptBundle::mapText(const QString& text) const {
    if (!text.contains(kUrlPrefix))
        return text;
    static const QRegularExpression pattern(
        QStringLiteral(R"(file:///guild_scripts/([^\s:()]+)\.js:(\d+):(\d+))"));
    QString out;
    qsizetype last = 0;
    for (auto it = pattern.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        const auto mapped = map(kUrlPrefix + m.captured(1) + QStringLiteral(".js"), m.captured(2).toInt(),
                                m.captured(3).toInt());
        out += mapped
                   ? QStringLiteral("%1.ts:%2:%3").arg(mapped->script).arg(mapped->line).arg(mapped->column)
                   : m.captured(0);
        last = m.capturedEnd();
    }
    return out + text.mid(last);
}

ScriptBundler::ScriptBundler() = default;
ScriptBundler::~ScriptBundler() = default;

QString ScriptBundler::header(const QString& name, int scriptId) {
    // On the first line, so line numbers stay those of the .ts file.
    return QStringLiteral("import { Script as __BotwrightScript } from \"/script\"; const script = new "
                          "__BotwrightScript(\"%1.ts\", %2, null); ")
        .arg(name)
        .arg(scriptId);
}

bool ScriptBundler::build(const project::Project& project, ScriptBundle* bundle, QString* error) {
    *bundle = ScriptBundle{};
    const QString cacheDir = QDir(project.rootPath()).filePath(QStringLiteral(".botwright/cache"));
    const project::SettingsFile settings = project::SettingsFile::load(project.rootPath());
    if (!settings.error().isEmpty()) {
        bundle->errors.append(
            QStringLiteral("The script settings cannot be used, so every script runs with its defaults: %1")
                .arg(settings.error()));
        bundle->errorPositions.append(ScriptPosition{});
    }
    int id = 0;
    for (const QString& name : project.scriptNames()) {
        ++id;
        QString readError;
        const std::optional<QString> source = project.readScript(name, &readError);
        if (!source) {
            if (error)
                *error = readError;
            return false;
        }
        const QString head = header(name, id);
        const std::optional<Cached> compiled = compile(cacheDir, name, head + *source + footer(), error);
        if (!compiled)
            return false;
        if (!compiled->error.isEmpty()) {
            const ScriptPosition at{name, compiled->errorLine,
                                    compiled->errorLine == 1
                                        ? std::max(1, compiled->errorColumn - static_cast<int>(head.size()))
                                        : compiled->errorColumn};
            bundle->errors.append(QStringLiteral("Script compilation failed for %1.ts: %2 (%1.ts:%3:%4)")
                                      .arg(name, compiled->error)
                                      .arg(at.line)
                                      .arg(at.column));
            bundle->errorPositions.append(at);
            continue;
        }
        CompiledScript script;
        script.name = name;
        script.scriptId = id;
        script.url = kUrlPrefix + name + QStringLiteral(".js");
        script.javascript = compiled->javascript;
        script.sourceMap.parse(compiled->sourceMap);
        script.headerLength = static_cast<int>(head.size());
        script.settings = settings.valuesFor(name);
        bundle->scripts.append(std::move(script));
    }
    return true;
}

std::optional<ScriptBundler::Cached> ScriptBundler::compile(const QString& cacheDir, const QString& name,
                                                            const QString& source, QString* error) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayLiteral("ts-6.0.3/es2022/v1\n"));
    hash.addData(name.toUtf8() + '\n');
    hash.addData(source.toUtf8());
    const QByteArray key = hash.result().toHex();
    if (const auto found = m_memory.constFind(key); found != m_memory.constEnd()) {
        ++m_hits;
        return found.value();
    }
    const QString file = QDir(cacheDir).filePath(QString::fromLatin1(key) + QStringLiteral(".json"));
    if (QFile cached(file); cached.open(QIODevice::ReadOnly)) {
        const QJsonObject o = QJsonDocument::fromJson(cached.readAll()).object();
        if (o.contains(QStringLiteral("js"))) {
            Cached c{o.value(QStringLiteral("js")).toString(),
                     o.value(QStringLiteral("map")).toString().toUtf8(),
                     o.value(QStringLiteral("error")).toString(), o.value(QStringLiteral("line")).toInt(),
                     o.value(QStringLiteral("column")).toInt()};
            ++m_hits;
            m_memory.insert(key, c);
            return c;
        }
    }
    ++m_misses;
    if (!m_compiler) {
        auto compiler = std::make_unique<typescript::TypeScriptCompiler>();
        if (!compiler->load(error))
            return std::nullopt;
        m_compiler = std::move(compiler);
    }
    const typescript::TranspileResult result = m_compiler->transpile(name + QStringLiteral(".ts"), source);
    if (!result.failure.isEmpty()) {
        if (error)
            *error = result.failure;
        return std::nullopt;
    }
    Cached c{result.javascript, result.sourceMap.toUtf8(), {}, 0, 0};
    for (const typescript::TsDiagnostic& d : result.diagnostics) {
        if (d.category == QLatin1String("error")) {
            c.error = d.message;
            c.errorLine = d.line;
            c.errorColumn = d.column;
            break;
        }
    }
    m_memory.insert(key, c);
    if (QDir().mkpath(cacheDir)) {
        QSaveFile out(file);
        if (out.open(QIODevice::WriteOnly)) {
            out.write(QJsonDocument(toJson(c.javascript, c.sourceMap, c.error, c.errorLine, c.errorColumn))
                          .toJson(QJsonDocument::Compact));
            out.commit(); // a cache that cannot be written is only slower next time
        }
    }
    return c;
}

} // namespace botwright::runtime
