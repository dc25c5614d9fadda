#include "engine/runtime/js_isolate.h"
#include "engine/typescript/typescript_compiler.h"
#include "tests/support/qt_catch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using botwright::typescript::TranspileResult;
using botwright::typescript::TypeScriptCompiler;

namespace {

TypeScriptCompiler& compiler() {
    static TypeScriptCompiler instance;
    if (!instance.isLoaded()) {
        QString error;
        const bool loaded = instance.load(&error);
        INFO(error.toStdString());
        REQUIRE(loaded);
    }
    return instance;
}

} // namespace

TEST_CASE("the pinned typescript.js loads into our own isolate", "[typescript]") {
    CHECK(compiler().version() == QStringLiteral("6.0.3"));
}

TEST_CASE("types are stripped and a source map is produced", "[typescript]") {
    const QString source = QStringLiteral("interface Greeting { name: string; times?: number }\n"
                                          "type Id = string;\n"
                                          "export function greet(g: Greeting): string {\n"
                                          "    const n: number = g.times ?? 1;\n"
                                          "    return `hi ${g.name}`.repeat(n as number);\n"
                                          "}\n");
    const TranspileResult result = compiler().transpile(QStringLiteral("greet.ts"), source);
    REQUIRE(result.failure.isEmpty());
    REQUIRE(result.ok);
    CHECK(result.diagnostics.isEmpty());
    CHECK(result.javascript.contains(QStringLiteral("export function greet(g) {")));
    CHECK_FALSE(result.javascript.contains(QStringLiteral("interface")));
    CHECK_FALSE(result.javascript.contains(QStringLiteral(": number")));
    CHECK(result.javascript.contains(QStringLiteral("//# sourceMappingURL=greet.js.map")));

    const QJsonObject map = QJsonDocument::fromJson(result.sourceMap.toUtf8()).object();
    CHECK(map.value(QLatin1String("version")).toInt() == 3);
    CHECK(map.value(QLatin1String("sources")).toArray().first().toString() == QStringLiteral("greet.ts"));
    CHECK(map.value(QLatin1String("sourcesContent")).toArray().first().toString() == source);
    CHECK_FALSE(map.value(QLatin1String("mappings")).toString().isEmpty());
}

TEST_CASE("the transpiled JavaScript runs in V8", "[typescript][runtime]") {
    const TranspileResult result = compiler().transpile(
        QStringLiteral("calc.ts"), QStringLiteral("enum Op { Add = 1, Mul = 2 }\n"
                                                  "function apply(op: Op, a: number, b: number): number {\n"
                                                  "    return op === Op.Add ? a + b : a * b;\n"
                                                  "}\n"
                                                  "apply(Op.Mul, 6, 7) + apply(Op.Add, 1, 2);\n"));
    REQUIRE(result.ok);
    botwright::runtime::JsIsolate isolate;
    const botwright::runtime::JsResult run = isolate.evaluate(result.javascript, QStringLiteral("calc.js"));
    REQUIRE(run.ok);
    CHECK(run.value == QStringLiteral("45"));
}

TEST_CASE("a syntax error becomes a diagnostic with its .ts position", "[typescript]") {
    const TranspileResult result =
        compiler().transpile(QStringLiteral("broken.ts"), QStringLiteral("const ok = 1;\nconst = 5;\n"));
    REQUIRE(result.failure.isEmpty());
    CHECK_FALSE(result.ok);
    REQUIRE_FALSE(result.diagnostics.isEmpty());
    CHECK(result.diagnostics.first().category == QStringLiteral("error"));
    CHECK(result.diagnostics.first().line == 2);
    CHECK(result.diagnostics.first().column == 7);
    CHECK(result.diagnostics.first().code > 1000);
    CHECK_FALSE(result.diagnostics.first().message.isEmpty());
}

TEST_CASE("a missing compiler file gives an error that says what to do", "[typescript]") {
    TypeScriptCompiler missing;
    QString error;
    CHECK_FALSE(missing.load(&error, QStringLiteral("/nonexistent/typescript.js")));
    CHECK(error.contains(QStringLiteral("/nonexistent/typescript.js")));
    CHECK(error.contains(QStringLiteral("setup.sh")));
    const TranspileResult result = missing.transpile(QStringLiteral("a.ts"), QStringLiteral("let a = 1;"));
    CHECK_FALSE(result.ok);
    CHECK_FALSE(result.failure.isEmpty());
}
