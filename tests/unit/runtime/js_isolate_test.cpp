#include "engine/runtime/js_isolate.h"
#include "engine/runtime/v8_platform.h"
#include "tests/support/qt_catch.h"

using botwright::runtime::JsIsolate;
using botwright::runtime::JsResult;

TEST_CASE("an isolate runs JavaScript and returns the completion value", "[runtime][v8]") {
    JsIsolate isolate;
    const JsResult result = isolate.evaluate(QStringLiteral("[1, 2, 3].reduce((a, b) => a + b, 0) * 7"),
                                             QStringLiteral("sum.js"));
    REQUIRE(result.ok);
    CHECK(result.value == QStringLiteral("42"));
    CHECK(QString::fromLatin1(botwright::runtime::V8Platform::version()).startsWith(QStringLiteral("10.")));
}

TEST_CASE("strings cross the boundary without loss", "[runtime][v8]") {
    JsIsolate isolate;
    const QString text = QStringLiteral("héllo wörld — 👋 ✓");
    REQUIRE(isolate
                .evaluate(QStringLiteral("function echo(s) { return s + '|' + s.length; }"),
                          QStringLiteral("e.js"))
                .ok);
    const JsResult result = isolate.callGlobal(QStringLiteral("echo"), {text});
    REQUIRE(result.ok);
    CHECK(result.value == text + QStringLiteral("|") + QString::number(text.size()));
}

TEST_CASE("a syntax error reports its position", "[runtime][v8]") {
    JsIsolate isolate;
    const JsResult result =
        isolate.evaluate(QStringLiteral("let a = 1;\nlet = = 2;\n"), QStringLiteral("broken.js"));
    REQUIRE_FALSE(result.ok);
    CHECK(result.error.contains(QStringLiteral("SyntaxError")));
    CHECK(result.resourceName == QStringLiteral("broken.js"));
    CHECK(result.line == 2);
}

TEST_CASE("a thrown error carries message, line and stack", "[runtime][v8]") {
    JsIsolate isolate;
    const JsResult result =
        isolate.evaluate(QStringLiteral("function inner() {\n  throw new Error('boom');\n}\n"
                                        "function outer() { inner(); }\nouter();"),
                         QStringLiteral("thrower.js"));
    REQUIRE_FALSE(result.ok);
    CHECK(result.error == QStringLiteral("Error: boom"));
    CHECK(result.line == 2);
    CHECK(result.column == 3);
    CHECK(result.stack.contains(QStringLiteral("at inner (thrower.js:2:9)")));
    CHECK(result.stack.contains(QStringLiteral("at outer")));
}

TEST_CASE("calling a missing function is an error, not a crash", "[runtime][v8]") {
    JsIsolate isolate;
    const JsResult result = isolate.callGlobal(QStringLiteral("nope"), {});
    REQUIRE_FALSE(result.ok);
    CHECK(result.error.contains(QStringLiteral("nope is not a function")));
}

TEST_CASE("isolates do not share globals", "[runtime][v8]") {
    JsIsolate first;
    JsIsolate second;
    REQUIRE(first.evaluate(QStringLiteral("globalThis.secret = 'first'"), QStringLiteral("a.js")).ok);
    const JsResult result =
        second.evaluate(QStringLiteral("typeof globalThis.secret"), QStringLiteral("b.js"));
    REQUIRE(result.ok);
    CHECK(result.value == QStringLiteral("undefined"));
}

TEST_CASE("ICU-backed Intl and modern syntax work", "[runtime][v8]") {
    JsIsolate isolate;
    const JsResult result = isolate.evaluate(
        QStringLiteral(
            "const n = new Intl.NumberFormat('en-US').format(1234.5);"
            "const o = { a: { b: 2 } }; `${n} ${o?.a?.b ?? 0} ${[3, 1, 2].toString()} ${2n ** 64n}`"),
        QStringLiteral("intl.js"));
    REQUIRE(result.ok);
    CHECK(result.value == QStringLiteral("1,234.5 2 3,1,2 18446744073709551616"));
}

TEST_CASE("a heap limit can be configured per isolate", "[runtime][v8]") {
    JsIsolate::Options options;
    options.maxHeapBytes = 64u * 1024u * 1024u;
    JsIsolate isolate(options);
    v8::HeapStatistics statistics;
    isolate.isolate()->GetHeapStatistics(&statistics);
    CHECK(statistics.heap_size_limit() <= 80u * 1024u * 1024u);
    CHECK(isolate.evaluate(QStringLiteral("new Array(1000).fill(1).length"), QStringLiteral("h.js")).value ==
          QStringLiteral("1000"));
}
