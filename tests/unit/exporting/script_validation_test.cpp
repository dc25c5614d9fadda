// Local validation before any request: Botloader's name rule, its 100,000-byte source limit, UTF-8,
// and TypeScript syntax errors as warnings.
#include "engine/exporting/script_validation.h"
#include "engine/typescript/typescript_compiler.h"
#include "tests/support/sync_test_support.h"

#include <QTemporaryDir>

using namespace botwright::exporting;
using botwright::testing::writeFile;

TEST_CASE("checkScriptName follows ^[\\w_-]{1,32}$", "[script_validation]") {
    for (const char* good : {"a", "hello_world", "with-dash", "ABC123", "x2345678901234567890123456789012"})
        CHECK(checkScriptName(QString::fromUtf8(good)).isEmpty());
    CHECK(checkScriptName(QStringLiteral("héllo")).isEmpty()); // \w is Unicode-aware, as in Rust's regex
    CHECK(checkScriptName(QString()).contains(QStringLiteral("needs a name")));
    CHECK(
        checkScriptName(QStringLiteral("x23456789012345678901234567890123")).contains(QStringLiteral("32")));
    for (const char* bad : {"a b", "a.b", "../x", "a/b", "semi;colon"})
        CHECK_FALSE(checkScriptName(QString::fromUtf8(bad)).isEmpty());
}

TEST_CASE("checkScriptSource: at most 100,000 bytes of UTF-8", "[script_validation]") {
    CHECK(checkScriptSource(QByteArray(kMaxSourceBytes, 'a')).isEmpty());
    CHECK(checkScriptSource(QByteArray(kMaxSourceBytes + 1, 'a')).contains(QStringLiteral("100001 bytes")));
    // Bytes, not characters: 50,001 two-byte characters are too many.
    CHECK_FALSE(checkScriptSource(QString(50001, QChar(0xe9)).toUtf8()).isEmpty());
    CHECK(checkScriptSource(QByteArray("\xff\xfe bad")).contains(QStringLiteral("UTF-8")));
}

TEST_CASE("scanLocalScripts reads the project's scripts and flags the rest", "[script_validation]") {
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("good.ts")), "ok");
    writeFile(dir.filePath(QStringLiteral("util.test.ts")), "not a script name");
    writeFile(dir.filePath(QStringLiteral("types.d.ts")), "declare const x: number;");
    writeFile(dir.filePath(QStringLiteral(".hidden.ts")), "hidden");
    writeFile(dir.filePath(QStringLiteral("big.ts")), QByteArray(kMaxSourceBytes + 5, 'x'));
    writeFile(dir.filePath(QStringLiteral(".botloader/scripts/good.ts.bloader")), "ok");
    const LocalScan scan = scanLocalScripts(dir.path());
    CHECK(scan.scripts.keys() == QStringList{QStringLiteral("big"), QStringLiteral("good")});
    REQUIRE(scan.issues.size() == 1);
    CHECK_FALSE(scan.issues[0].isError());
    CHECK(scan.issues[0].script == QStringLiteral("util.test.ts"));
    CHECK_FALSE(scan.hasErrors());

    const QList<ValidationIssue> push =
        validateForPush(scan, {QStringLiteral("big"), QStringLiteral("good")});
    CHECK(hasErrors(push));
    bool bigFlagged = false;
    for (const ValidationIssue& issue : push)
        bigFlagged = bigFlagged || (issue.isError() && issue.script == QStringLiteral("big"));
    CHECK(bigFlagged);
    CHECK_FALSE(hasErrors(validateForPush(scan, {QStringLiteral("good")})));
}

TEST_CASE("TypeScript syntax errors become warnings with positions", "[script_validation]") {
    botwright::typescript::TypeScriptCompiler compiler;
    QString error;
    REQUIRE(compiler.load(&error));
    const QMap<QString, QByteArray> scripts{{QStringLiteral("fine"), "const x: number = 1;\n"},
                                            {QStringLiteral("broken"), "let a = 1;\nfunction (\n"}};
    const QList<ValidationIssue> issues =
        typeScriptWarnings(compiler, scripts, {QStringLiteral("fine"), QStringLiteral("broken")});
    REQUIRE_FALSE(issues.isEmpty());
    for (const ValidationIssue& issue : issues) {
        CHECK_FALSE(issue.isError());
        CHECK(issue.script == QStringLiteral("broken"));
    }
    CHECK(issues[0].line == 2);
    CHECK(issues[0].text().startsWith(QStringLiteral("broken.ts:2:")));
    CHECK(issues[0].text().contains(QStringLiteral("warning: TS")));
}
