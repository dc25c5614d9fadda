// runtime::VmSupervisor with a real botwright-vm worker: limits, restarts without losing events,
// hot reload, and errors mapped back to .ts positions.
#include "engine/project/project.h"
#include "engine/runtime/script_bundle.h"
#include "engine/runtime/vm_supervisor.h"
#include "tests/support/qt_catch.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace botwright;
using runtime::VmLogEntry;

namespace {

struct Harness {
    QTemporaryDir dir;
    runtime::ScriptBundler bundler;
    std::unique_ptr<runtime::VmSupervisor> vm;
    QList<VmLogEntry> logs;
    int loads = 0;

    explicit Harness(int cpuBudgetMs = 300, int heapLimitMb = 64) {
        runtime::VmOptions options;
        options.vmPath = QStringLiteral(BOTWRIGHT_BIN_DIR "/botwright-vm");
        options.cpuBudgetMs = cpuBudgetMs;
        options.startupBudgetMs = cpuBudgetMs;
        options.heapLimitMb = heapLimitMb;
        options.guildId = QStringLiteral("1113768905932800000");
        options.botUser = QJsonObject{{QStringLiteral("id"), QStringLiteral("1102565081088000000")},
                                      {QStringLiteral("username"), QStringLiteral("bot")}};
        vm = std::make_unique<runtime::VmSupervisor>(options);
        QObject::connect(vm.get(), &runtime::VmSupervisor::logged, vm.get(),
                         [this](const VmLogEntry& e) { logs.append(e); });
        QObject::connect(vm.get(), &runtime::VmSupervisor::loaded, vm.get(),
                         [this](bool, double) { ++loads; });
    }
    void write(const QString& name, const QString& source) {
        QFile f(dir.filePath(name + QStringLiteral(".ts")));
        REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(source.toUtf8());
    }
    runtime::ScriptBundle bundle() {
        QString error;
        const auto project = project::Project::open(dir.path(), &error);
        REQUIRE(project);
        runtime::ScriptBundle b;
        REQUIRE(bundler.build(*project, &b, &error));
        return b;
    }
    void start() {
        const int before = loads;
        vm->start(bundle());
        REQUIRE(QTest::qWaitFor([&] { return loads > before; }, 20000));
    }
    void message(const QString& content) {
        const QJsonObject m{
            {QStringLiteral("id"), QStringLiteral("5")},
            {QStringLiteral("channelId"), QStringLiteral("6")},
            {QStringLiteral("content"), content},
            {QStringLiteral("author"), QJsonObject{{QStringLiteral("id"), QStringLiteral("7")},
                                                   {QStringLiteral("username"), QStringLiteral("u")}}}};
        vm->deliver("MESSAGE_CREATE", QJsonDocument(m).toJson(QJsonDocument::Compact));
    }
    QStringList messages(const QString& level = QStringLiteral("log")) const {
        QStringList out;
        for (const VmLogEntry& e : logs)
            if (e.level == level)
                out << e.message;
        return out;
    }
    bool waitForLog(const QString& text, int ms = 20000) {
        return QTest::qWaitFor([&] { return messages().contains(text); }, ms);
    }
};

const QString kEcho = QStringLiteral("script.on(\"MESSAGE_CREATE\", (m) => {\n"
                                     "    if (m.content === \"loop\") { while (true) {} }\n"
                                     "    if (m.content === \"bomb\") { const a: number[][] = []; while "
                                     "(true) a.push(new Array(100000).fill(1)); }\n"
                                     "    console.log(\"seen \" + m.content);\n"
                                     "});\n");

} // namespace

TEST_CASE("an infinite loop is stopped by the CPU budget and the next event is handled", "[runtime]") {
    Harness h(200);
    h.write(QStringLiteral("echo"), kEcho);
    h.start();
    h.message(QStringLiteral("loop"));
    h.message(QStringLiteral("after"));
    REQUIRE(h.waitForLog(QStringLiteral("seen after")));
    const QStringList errors = h.messages(QStringLiteral("error"));
    REQUIRE(errors.size() == 1);
    CHECK(errors.first().contains(QStringLiteral("CPU budget of 200 ms")));
    CHECK(h.vm->restarts() == 0); // stopped inside the worker, no restart needed
}

TEST_CASE("a memory bomb restarts the worker; events sent meanwhile arrive once, in order", "[runtime]") {
    Harness h(5000, 32);
    h.write(QStringLiteral("echo"), kEcho);
    h.start();
    h.message(QStringLiteral("bomb"));
    for (int i = 1; i <= 40; ++i)
        h.message(QString::number(i));
    REQUIRE(h.waitForLog(QStringLiteral("seen 40"), 30000));
    CHECK(h.vm->restarts() == 1);
    QStringList seen;
    for (const QString& m : h.messages())
        if (m.startsWith(QStringLiteral("seen ")))
            seen << m.mid(5);
    QStringList expected;
    for (int i = 1; i <= 40; ++i)
        expected << QString::number(i);
    CHECK(seen == expected);
    const QString errors = h.messages(QStringLiteral("error")).join(QLatin1Char('\n'));
    CHECK(errors.contains(QStringLiteral("ran out of memory")));
    CHECK(errors.contains(QStringLiteral("is not delivered again")));
}

TEST_CASE("a script edit is live on the next event after a reload", "[runtime]") {
    Harness h;
    h.write(QStringLiteral("v"),
            QStringLiteral("script.on(\"MESSAGE_CREATE\", (m) => console.log(\"v1 \" + m.content));\n"));
    h.start();
    h.message(QStringLiteral("a"));
    REQUIRE(h.waitForLog(QStringLiteral("v1 a")));
    h.write(QStringLiteral("v"),
            QStringLiteral("script.on(\"MESSAGE_CREATE\", (m) => console.log(\"v2 \" + m.content));\n"));
    h.vm->start(h.bundle());
    for (const char* c : {"b", "c", "d"})
        h.message(QString::fromLatin1(c));
    REQUIRE(h.waitForLog(QStringLiteral("v2 d")));
    CHECK(h.messages().filter(QStringLiteral("v2 ")) == QStringList{"v2 b", "v2 c", "v2 d"});
    CHECK(h.messages(QStringLiteral("error")).isEmpty());
}

TEST_CASE("errors point at the .ts file, line and column", "[runtime]") {
    Harness h;
    h.write(QStringLiteral("lib"),
            QStringLiteral("export function twice(n: number): number {\n    return n * 2;\n}\n"));
    h.write(QStringLiteral("main"), QStringLiteral("import { twice } from \"lib\";\n"
                                                   "type Payload = { value: number };\n"
                                                   "const p: Payload = { value: twice(21) };\n"
                                                   "console.log(\"value \" + p.value);\n"
                                                   "script.on(\"MESSAGE_CREATE\", (m) => {\n"
                                                   "    const n: number = twice(2);\n"
                                                   "    throw new Error(\"bad \" + n + \" \" + m.content);\n"
                                                   "});\n"
                                                   "Promise.reject(new Error(\"nobody catches this\"));\n"));
    h.write(QStringLiteral("broken"), QStringLiteral("const x: number = ;\n"));
    h.start();
    REQUIRE(h.waitForLog(QStringLiteral("value 42")));
    const auto value = std::find_if(h.logs.begin(), h.logs.end(), [](const VmLogEntry& e) {
        return e.message == QStringLiteral("value 42");
    });
    CHECK(value->script == QStringLiteral("main"));
    CHECK(value->line == 4);
    CHECK(value->column == 9); // V8 places a call at its property name: console.[l]og
    h.message(QStringLiteral("x"));
    REQUIRE(QTest::qWaitFor([&] { return h.messages(QStringLiteral("error")).size() >= 3; }, 20000));
    const QStringList errors = h.messages(QStringLiteral("error"));
    CHECK(errors.filter(QStringLiteral("Script compilation failed for broken.ts")).size() == 1);
    CHECK(errors.filter(QStringLiteral("broken.ts:1:19")).size() == 1);
    CHECK(errors.filter(QStringLiteral("Uncaught (in promise) Error: nobody catches this")).size() == 1);
    const QStringList thrown = errors.filter(QStringLiteral("bad 4 x"));
    REQUIRE(thrown.size() == 1);
    CHECK(thrown.first().contains(QStringLiteral("main.ts:7:11"))); // the stack, mapped
}

TEST_CASE("while tracing, each event is timed and its logs and ops (also after an await) name it",
          "[runtime]") {
    Harness h;
    h.write(QStringLiteral("trace"),
            QStringLiteral("import { Discord } from \"botloader\";\n"
                           "script.on(\"MESSAGE_CREATE\", async (m) => {\n"
                           "    console.log(\"before \" + m.content);\n"
                           "    try { await Discord.getMessage(m.channelId, m.id); } catch (e) {}\n"
                           "    console.log(\"after \" + m.content);\n"
                           "});\n"
                           "script.on(\"MESSAGE_CREATE\", (m) => { if (m.content === \"b\") throw new "
                           "Error(\"boom\"); });\n"));
    QList<runtime::VmEventTiming> timings;
    QList<std::pair<qint64, qint64>> ops; // call → event
    QObject::connect(h.vm.get(), &runtime::VmSupervisor::eventsTimed, h.vm.get(),
                     [&](const QList<runtime::VmEventTiming>& t) { timings += t; });
    QObject::connect(h.vm.get(), &runtime::VmSupervisor::opIssued, h.vm.get(),
                     [&](quint64, qint64 call, qint64 event) {
                         ops.append({call, event});
                     });
    // Answer every op with an error, as a host without Discord would.
    QObject::connect(h.vm.get(), &runtime::VmSupervisor::opRequested, h.vm.get(),
                     [&](quint64 generation, qint64 call, const QString&, const QByteArray&) {
                         h.vm->replyOp(generation, call, false, {}, QStringLiteral("Error"),
                                       QStringLiteral("offline"));
                     });
    h.start();
    h.vm->setTracing(true);
    h.message(QStringLiteral("a"));
    const qint64 second = h.vm->deliver(
        "MESSAGE_CREATE", R"({"id":"5","channelId":"6","content":"b","author":{"id":"7","username":"u"}})");
    REQUIRE(h.waitForLog(QStringLiteral("after a")));
    REQUIRE(h.waitForLog(QStringLiteral("after b")));
    REQUIRE(QTest::qWaitFor([&] { return timings.size() == 2; }, 10000));
    const qint64 first = second - 1;
    CHECK(timings[0].eventId == first);
    CHECK(timings[1].eventId == second);
    CHECK(timings[0].listeners == 2);
    CHECK(timings[0].endNs >= timings[0].startNs);
    CHECK(timings[1].startNs >= timings[0].endNs);
    for (const VmLogEntry& e : h.logs) {
        if (e.message.endsWith(QStringLiteral(" a")))
            CHECK(e.eventId == first);
        if (e.message.endsWith(QStringLiteral(" b")) || e.message.contains(QStringLiteral("boom")))
            CHECK(e.eventId == second);
    }
    REQUIRE(ops.size() == 2);
    CHECK(ops[0].second == first);
    CHECK(ops[1].second == second);

    // Off again: no more timings.
    h.vm->setTracing(false);
    h.message(QStringLiteral("c"));
    REQUIRE(h.waitForLog(QStringLiteral("after c")));
    CHECK(timings.size() == 2);
}
