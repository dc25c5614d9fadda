#include "engine/typescript/typescript_compiler.h"

#include "engine/core/resource_locator.h"
#include "engine/project/file_io.h"
#include "engine/runtime/js_isolate.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace botwright::typescript {

namespace {

bool readText(const QString& path, QString* text, QString* error) {
    const std::optional<QByteArray> bytes = project::readWholeFile(path, error);
    if (bytes) {
        *text = QString::fromUtf8(*bytes);
    }
    return bytes.has_value();
}

QString describe(const runtime::JsResult& result) {
    if (result.line > 0) {
        return QStringLiteral("%1 (%2:%3:%4)")
            .arg(result.error, result.resourceName)
            .arg(result.line)
            .arg(result.column);
    }
    return result.error;
}

} // namespace

TypeScriptCompiler::TypeScriptCompiler() = default;
TypeScriptCompiler::~TypeScriptCompiler() = default;

bool TypeScriptCompiler::load(QString* error, const QString& path) {
    QElapsedTimer timer;
    timer.start();
    const QString compilerPath = path.isEmpty() ? core::ResourceLocator::typescriptCompilerPath() : path;
    QString compilerSource;
    QString glueSource;
    if (!readText(compilerPath, &compilerSource, error)) {
        error->append(QStringLiteral(" — the TypeScript compiler ships with the studio; reinstall it or run "
                                     "scripts/setup.sh in a source checkout"));
        return false;
    }
    if (!readText(QStringLiteral(":/engine/transpile_glue.js"), &glueSource, error)) {
        return false;
    }

    m_isolate = std::make_unique<runtime::JsIsolate>();
    const runtime::JsResult loaded = m_isolate->evaluate(compilerSource, compilerPath);
    if (!loaded.ok) {
        *error = QStringLiteral("typescript.js failed to load: %1").arg(describe(loaded));
        m_isolate.reset();
        return false;
    }
    const runtime::JsResult glued = m_isolate->evaluate(glueSource, QStringLiteral("transpile_glue.js"));
    if (!glued.ok) {
        *error = QStringLiteral("TypeScript bridge failed: %1").arg(describe(glued));
        m_isolate.reset();
        return false;
    }
    m_version = glued.value;
    m_loaded = true;
    m_loadMs = timer.elapsed();
    return true;
}

TranspileResult TypeScriptCompiler::transpile(const QString& fileName, const QString& source) {
    TranspileResult result;
    if (!m_loaded) {
        result.failure = QStringLiteral("the TypeScript compiler is not loaded");
        return result;
    }
    const runtime::JsResult called =
        m_isolate->callGlobal(QStringLiteral("__botwrightTranspile"), {fileName, source});
    if (!called.ok) {
        result.failure = QStringLiteral("TypeScript failed on %1: %2").arg(fileName, describe(called));
        return result;
    }
    const QJsonObject object = QJsonDocument::fromJson(called.value.toUtf8()).object();
    result.javascript = object.value(QLatin1String("javascript")).toString();
    result.sourceMap = object.value(QLatin1String("sourceMap")).toString();
    bool hasError = false;
    for (const QJsonValue& value : object.value(QLatin1String("diagnostics")).toArray()) {
        const QJsonObject d = value.toObject();
        TsDiagnostic diagnostic{
            .code = d.value(QLatin1String("code")).toInt(),
            .category = d.value(QLatin1String("category")).toString(),
            .message = d.value(QLatin1String("message")).toString(),
            .line = d.value(QLatin1String("line")).toInt(),
            .column = d.value(QLatin1String("column")).toInt(),
        };
        hasError = hasError || diagnostic.category == QLatin1String("error");
        result.diagnostics.append(diagnostic);
    }
    result.ok = !hasError;
    return result;
}

} // namespace botwright::typescript
