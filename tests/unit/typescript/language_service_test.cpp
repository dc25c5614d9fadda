// The TypeScript language service over in-memory files: completions, details, signature help, quick
// info, definitions and diagnostics on project scripts against the SDK declarations; the code cache;
// and the worker thread's versioning and coalescing.
#include "engine/typescript/language_service.h"
#include "engine/typescript/language_service_thread.h"
#include "tests/support/qt_catch.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace botwright::typescript;

namespace {

LanguageService& service() {
    static LanguageService instance;
    if (!instance.isLoaded()) {
        QString error;
        LanguageService::Options options;
        options.codeCacheDir = QStringLiteral("-");
        const bool loaded = instance.load(&error, options);
        INFO(error.toStdString());
        REQUIRE(loaded);
    }
    return instance;
}

QStringList names(const LsCompletions& completions) {
    QStringList out;
    for (const LsCompletionEntry& e : completions.entries)
        out.append(e.name);
    return out;
}

// The 0-based position of the first `marker` in `text` (the marker's first character).
LsPosition positionOf(const QString& text, const QString& marker, int offsetInMarker = 0) {
    const qsizetype at = text.indexOf(marker) + offsetInMarker;
    REQUIRE(at >= offsetInMarker);
    const QStringView before = QStringView(text).left(at);
    const qsizetype lineStart = before.lastIndexOf(QLatin1Char('\n')) + 1;
    return LsPosition{static_cast<int>(before.count(QLatin1Char('\n'))), static_cast<int>(at - lineStart)};
}

const QString kMain = QStringLiteral("import { Discord } from \"botloader\";\n"
                                     "import { greet } from \"lib\";\n"
                                     "script.on(\"MESSAGE_CREATE\", async (msg) => {\n"
                                     "    await msg.reply(greet(msg.author.username));\n"
                                     "    msg.\n"
                                     "});\n");
const QString kLib = QStringLiteral("/** Says hello. */\n"
                                    "export function greet(name: string): string {\n"
                                    "    return `hello ${name}`;\n"
                                    "}\n");

} // namespace

TEST_CASE("the language service loads typescript, its lib files and the SDK declarations",
          "[typescript][ls]") {
    LanguageService& ls = service();
    CHECK(ls.version() == QStringLiteral("6.0.3"));
    CHECK(ls.loadStats().totalMs > 0);
    CHECK(ls.fileNames().contains(QStringLiteral("/sdk/index.d.ts")));
    CHECK(ls.fileNames().contains(QStringLiteral("/lib/lib.es5.d.ts")));
    const auto sdk = ls.sdkDiagnostics();
    REQUIRE(sdk.has_value());
    QStringList messages;
    for (const LsDiagnostic& d : *sdk)
        messages.append(d.message);
    INFO(messages.join(QLatin1Char('\n')).toStdString());
    CHECK(sdk->isEmpty());
}

TEST_CASE("member completions after `msg.` list Message's fields and methods", "[typescript][ls]") {
    LanguageService& ls = service();
    ls.setFile(QStringLiteral("/project/lib.ts"), kLib, 1);
    ls.setFile(QStringLiteral("/project/main.ts"), kMain, 1);
    const LsPosition after = positionOf(kMain, QStringLiteral("msg.\n"), 4);
    const auto completions = ls.completions(QStringLiteral("/project/main.ts"), after, QStringLiteral("."));
    REQUIRE(completions.has_value());
    CHECK(completions->isMemberCompletion);
    const QStringList found = names(*completions);
    for (const char* member : {"content", "reply", "author", "channelId", "hyperlink", "pin", "createThread"})
        CHECK(found.contains(QLatin1String(member)));
    CHECK_FALSE(found.contains(QStringLiteral("Discord"))); // members only

    const auto details =
        ls.completionDetails(QStringLiteral("/project/main.ts"), after, QStringLiteral("reply"));
    REQUIRE(details.has_value());
    CHECK(details->display.contains(QStringLiteral("Message.reply")));
    CHECK(details->documentation.contains(QStringLiteral("reply")));
}

TEST_CASE("global completions include SDK names and the project's own imports", "[typescript][ls]") {
    LanguageService& ls = service();
    const QString text =
        QStringLiteral("import { Discord } from \"botloader\";\nimport { greet } from \"lib\";\n\n");
    ls.setFile(QStringLiteral("/project/lib.ts"), kLib, 1);
    ls.setFile(QStringLiteral("/project/other.ts"), text, 1);
    const auto global = ls.completions(QStringLiteral("/project/other.ts"), LsPosition{2, 0});
    REQUIRE(global.has_value());
    const QStringList found = names(*global);
    CHECK(found.contains(QStringLiteral("script")));
    CHECK(found.contains(QStringLiteral("Discord")));
    CHECK(found.contains(QStringLiteral("greet")));
    CHECK(found.contains(QStringLiteral("console")));

    // Inside an import of "botloader": its exports; inside a relative import: the other scripts' exports.
    const QString imports = QStringLiteral("import {  } from \"botloader\";\nimport {  } from \"./lib\";\n");
    ls.setFile(QStringLiteral("/project/other.ts"), imports, 2);
    const auto sdk = ls.completions(QStringLiteral("/project/other.ts"), LsPosition{0, 9});
    REQUIRE(sdk.has_value());
    for (const char* name :
         {"Discord", "Commands", "Storage", "Tasks", "HttpClient", "Settings", "encodeText"})
        CHECK(names(*sdk).contains(QLatin1String(name)));
    const auto lib = ls.completions(QStringLiteral("/project/other.ts"), LsPosition{1, 9});
    REQUIRE(lib.has_value());
    CHECK(names(*lib).contains(QStringLiteral("greet")));
    ls.removeFile(QStringLiteral("/project/other.ts"));
}

TEST_CASE("diagnostics report syntax and type errors, and clear when fixed", "[typescript][ls]") {
    LanguageService& ls = service();
    const QString name = QStringLiteral("/project/errors.ts");
    const QString bad =
        QStringLiteral("const count: number = \"three\";\nscript.on(\"MESSAGE_CREATE\", (m) => m.nope);\n");
    ls.setFile(name, bad, 1);
    auto diagnostics = ls.diagnostics(name);
    REQUIRE(diagnostics.has_value());
    REQUIRE(diagnostics->size() == 2);
    CHECK(diagnostics->at(0).category == QStringLiteral("error"));
    CHECK(diagnostics->at(0).code == 2322);
    CHECK(diagnostics->at(0).range.start == LsPosition{0, 6});
    CHECK(diagnostics->at(1).message.contains(QStringLiteral("nope")));
    CHECK(diagnostics->at(1).range.start == LsPosition{1, 37});

    ls.setFile(name,
               QStringLiteral("const count: number = 3;\nscript.on(\"MESSAGE_CREATE\", (m) => m.id);\n"), 2);
    diagnostics = ls.diagnostics(name);
    REQUIRE(diagnostics.has_value());
    for (const LsDiagnostic& d : *diagnostics)
        UNSCOPED_INFO(d.message.toStdString());
    CHECK(diagnostics->isEmpty());

    ls.setFile(name, QStringLiteral("const x = (;\n"), 3);
    diagnostics = ls.diagnostics(name);
    REQUIRE(diagnostics.has_value());
    REQUIRE_FALSE(diagnostics->isEmpty());
    CHECK(diagnostics->at(0).code == 1109); // Expression expected
    ls.removeFile(name);
}

TEST_CASE("signature help, quick info and definitions", "[typescript][ls]") {
    LanguageService& ls = service();
    ls.setFile(QStringLiteral("/project/lib.ts"), kLib, 1);
    ls.setFile(QStringLiteral("/project/main.ts"), kMain, 1);
    const QString main = QStringLiteral("/project/main.ts");

    const auto help =
        ls.signatureHelp(main, positionOf(kMain, QStringLiteral("reply(")), QStringLiteral("("));
    // The position is before "(": no call there yet; inside the parentheses there is one.
    const auto inside = ls.signatureHelp(main, positionOf(kMain, QStringLiteral("reply(greet"), 6));
    REQUIRE(help.has_value());
    REQUIRE(inside.has_value());
    REQUIRE_FALSE(inside->signatures.isEmpty());
    const LsSignature& signature = inside->signatures.at(inside->selected);
    CHECK(signature.label.startsWith(QStringLiteral("reply(")));
    REQUIRE(signature.parameters.size() == 1);
    CHECK(signature.label.mid(signature.parameters[0].start, 6) == QStringLiteral("fields"));
    CHECK(inside->argument == 0);

    const auto info = ls.quickInfo(main, positionOf(kMain, QStringLiteral("greet(msg")));
    REQUIRE(info.has_value());
    CHECK(info->display == QStringLiteral("(alias) greet(name: string): string\nimport greet"));
    CHECK(info->documentation == QStringLiteral("Says hello."));

    const auto toLib = ls.definition(main, positionOf(kMain, QStringLiteral("greet(msg")));
    REQUIRE(toLib.has_value());
    REQUIRE(toLib->size() == 1);
    CHECK(toLib->at(0).fileName == QStringLiteral("/project/lib.ts"));
    CHECK(toLib->at(0).range.start == LsPosition{1, 16});

    const auto toSdk = ls.definition(main, positionOf(kMain, QStringLiteral("reply(")));
    REQUIRE(toSdk.has_value());
    REQUIRE(toSdk->size() == 1);
    CHECK(toSdk->at(0).fileName == QStringLiteral("/sdk/discord_models.d.ts"));
}

TEST_CASE("the second load consumes the V8 code cache the first one wrote", "[typescript][ls]") {
    QTemporaryDir cacheDir;
    LanguageService::Options options;
    options.codeCacheDir = cacheDir.path();
    QString error;
    {
        LanguageService first;
        REQUIRE(first.load(&error, options));
        CHECK_FALSE(first.loadStats().codeCacheUsed);
        CHECK(first.loadStats().codeCacheWritten);
        CHECK(QFileInfo::exists(first.loadStats().codeCachePath));
    }
    LanguageService second;
    REQUIRE(second.load(&error, options));
    CHECK(second.loadStats().codeCacheUsed);
    CHECK_FALSE(second.loadStats().codeCacheWritten);
    // Still a working service.
    second.setFile(QStringLiteral("/project/a.ts"), QStringLiteral("script."), 1);
    const auto completions = second.completions(QStringLiteral("/project/a.ts"), LsPosition{0, 7});
    REQUIRE(completions.has_value());
    CHECK(names(*completions).contains(QStringLiteral("createSlashCommand")));
}

TEST_CASE("the worker thread answers with versions and drops stale requests", "[typescript][ls]") {
    LanguageService::Options options;
    options.codeCacheDir = QStringLiteral("-");
    LanguageServiceThread thread(nullptr, options);
    QSignalSpy ready(&thread, &LanguageServiceThread::ready);
    QSignalSpy completions(&thread, &LanguageServiceThread::completionsReady);
    QSignalSpy diagnostics(&thread, &LanguageServiceThread::diagnosticsReady);
    thread.start();
    // Queued before the service is ready: answered once it is.
    const QString name = QStringLiteral("/project/t.ts");
    thread.setDocument(name, QStringLiteral("script."), 1);
    const quint64 stale = thread.requestCompletions(name, 1, LsPosition{0, 7}, QStringLiteral("."));
    thread.setDocument(name, QStringLiteral("script.on"), 2); // newer text: request 1 is stale
    thread.setDocument(name, QStringLiteral("const n: number = 'x';\nscript."), 3);
    const quint64 current = thread.requestCompletions(name, 3, LsPosition{1, 7}, QStringLiteral("."));
    thread.requestDiagnostics(name);
    REQUIRE(QTest::qWaitFor([&] { return ready.size() == 1; }, 120000));
    REQUIRE(QTest::qWaitFor([&] { return diagnostics.size() == 1; }, 60000));
    REQUIRE(completions.size() == 1);
    CHECK(completions.at(0).at(0).value<quint64>() == current);
    CHECK(completions.at(0).at(0).value<quint64>() != stale);
    CHECK(completions.at(0).at(2).toInt() == 3);
    CHECK(diagnostics.at(0).at(1).toInt() == 3);
    const auto list = diagnostics.at(0).at(2).value<QList<LsDiagnostic>>();
    REQUIRE(list.size() == 2); // the incomplete member access (syntax, listed first) and the type error
    CHECK(list.at(0).code == 1003);
    CHECK(list.at(1).code == 2322);

    // Coalescing: of three requests queued together, only the newest is answered.
    completions.clear();
    thread.setDocument(name, QStringLiteral("script."), 4);
    thread.requestCompletions(name, 4, LsPosition{0, 7});
    thread.requestCompletions(name, 4, LsPosition{0, 7});
    const quint64 last = thread.requestCompletions(name, 4, LsPosition{0, 7});
    REQUIRE(QTest::qWaitFor([&] { return !completions.isEmpty(); }, 60000));
    QTest::qWait(200);
    CHECK(completions.last().at(0).value<quint64>() == last);
    CHECK(completions.size() <= 2); // the first may already have been running
}
