// Interval timers and task buckets with a real botwright-vm: a self-reporting project passes under
// `botwright-cli test` with the clock fast-forwarded (an hourly timer, a daily cron and a task an
// hour away all fire, once, in seconds), and a task scheduled by one runtime fires once after a
// restart, from its persisted store.
#include "engine/project/task_store.h"
#include "engine/runtime/script_runtime.h"
#include "engine/runtime/script_scheduler.h"
#include "tests/support/qt_catch.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace botwright;

namespace {

void copyProject(const QString& name, const QString& to) {
    const QDir from(QStringLiteral(BOTWRIGHT_SOURCE_DIR "/tests/integration/projects/") + name);
    for (const QString& file : from.entryList({QStringLiteral("*.ts")}, QDir::Files))
        REQUIRE(QFile::copy(from.filePath(file), QDir(to).filePath(file)));
    // The self-reporting helpers are the selftest project's lib.
    REQUIRE(QFile::copy(QStringLiteral(BOTWRIGHT_SOURCE_DIR "/tests/integration/projects/selftest/lib.ts"),
                        QDir(to).filePath(QStringLiteral("lib.ts"))));
}

struct Started {
    std::unique_ptr<runtime::ScriptRuntime> rt;
    QStringList logs;
    int loads = 0;
};

void start(Started& s, const QString& path) {
    runtime::ScriptRuntimeConfig config;
    config.projectPath = path;
    config.restBase = QStringLiteral("http://127.0.0.1:9/api");
    config.vm.vmPath = QStringLiteral(BOTWRIGHT_BIN_DIR "/botwright-vm");
    s.rt = std::make_unique<runtime::ScriptRuntime>(config);
    QObject::connect(
        s.rt.get(), &runtime::ScriptRuntime::logged, s.rt.get(),
        [&s](const runtime::VmLogEntry& e) { s.logs << e.level + QLatin1Char(' ') + e.message; });
    QObject::connect(s.rt.get(), &runtime::ScriptRuntime::loaded, s.rt.get(),
                     [&s](bool, double) { ++s.loads; });
    QString error;
    REQUIRE(s.rt->open(&error));
    const QJsonObject ready{
        {QStringLiteral("user"), QJsonObject{{QStringLiteral("id"), QStringLiteral("1102565081088000000")},
                                             {QStringLiteral("username"), QStringLiteral("bot")}}},
        {QStringLiteral("guilds"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("1113768905932800000")}}}}};
    s.rt->onDispatch(0, QStringLiteral("READY"), QJsonDocument(ready).toJson(QJsonDocument::Compact), 1);
    REQUIRE(QTest::qWaitFor([&] { return s.loads > 0; }, 20000));
}

} // namespace

TEST_CASE("timers and tasks fire once with the clock fast-forwarded under botwright-cli test",
          "[runtime][timers]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    copyProject(QStringLiteral("timers"), dir.path());
    QProcess cli;
    cli.start(QStringLiteral(BOTWRIGHT_BIN_DIR "/botwright-cli"),
              {QStringLiteral("test"), dir.path(), QStringLiteral("--timeout"), QStringLiteral("60"),
               QStringLiteral("--advance-clock"), QStringLiteral("2d"), QStringLiteral("--task-rate"),
               QStringLiteral("10")}); // the premium plan's pace: tasks.ts's ops wait their turn
    REQUIRE(cli.waitForFinished(120000));
    const QString out = QString::fromUtf8(cli.readAllStandardOutput() + cli.readAllStandardError());
    INFO(out.toStdString());
    CHECK(cli.exitCode() == 0);
    CHECK(out.contains(QStringLiteral("PASSED: 4 of 4 script(s) completed")));

    // Without the fast-forward nothing is due: the run times out with the timers still waiting.
    QTemporaryDir slow;
    copyProject(QStringLiteral("timers"), slow.path());
    cli.start(QStringLiteral(BOTWRIGHT_BIN_DIR "/botwright-cli"),
              {QStringLiteral("test"), slow.path(), QStringLiteral("--timeout"), QStringLiteral("3")});
    REQUIRE(cli.waitForFinished(120000));
    CHECK(cli.exitCode() == 1);
    CHECK(QString::fromUtf8(cli.readAllStandardOutput()).contains(QStringLiteral("todo interval.ts")));

    QProcess bad;
    bad.start(
        QStringLiteral(BOTWRIGHT_BIN_DIR "/botwright-cli"),
        {QStringLiteral("test"), slow.path(), QStringLiteral("--advance-clock"), QStringLiteral("soon")});
    REQUIRE(bad.waitForFinished(60000));
    CHECK(bad.exitCode() != 0);
    CHECK(QString::fromUtf8(bad.readAllStandardError()).contains(QStringLiteral("is not a duration")));
}

TEST_CASE("a task scheduled before a restart fires once after it", "[runtime][timers]") {
    QTemporaryDir dir;
    QFile script(dir.filePath(QStringLiteral("remind.ts")));
    REQUIRE(script.open(QIODevice::WriteOnly));
    script.write("const bucket = script.createTaskBucket<string>({ name: \"later\" }, (task) => {\n"
                 "    console.log(\"fired \" + task.data);\n"
                 "});\n"
                 "script.onInterval(\"tick\", 10, () => console.log(\"tick\"));\n"
                 "if (!(globalThis as any).scheduled) {\n"
                 "    bucket.getByKey(\"k\").then((t) => t ?? bucket.schedule({ executeAt: new "
                 "Date(Date.now() + 600_000), "
                 "key: \"k\", data: \"hello\" })).then(() => console.log(\"scheduled\"));\n"
                 "}\n");
    script.close();
    {
        Started first;
        start(first, dir.path());
        // Two task ops at the free plan's pace (1/s): the second waits its turn.
        REQUIRE(QTest::qWaitFor([&] { return first.logs.contains(QStringLiteral("log scheduled")); }, 20000));
        first.rt->stop();
    }
    {
        QString error;
        auto store = project::TaskStore::open(project::TaskStore::pathForProject(dir.path()), &error);
        REQUIRE(store);
        CHECK(store->count() == 1);
        CHECK(store->lastRun(QString(), QStringLiteral("tick")).has_value());
    }
    Started second;
    start(second, dir.path());
    second.rt->scheduler()->advance(15 * 60000);
    REQUIRE(QTest::qWaitFor([&] { return second.logs.contains(QStringLiteral("log fired hello")); }, 20000));
    REQUIRE(QTest::qWaitFor([&] { return second.logs.contains(QStringLiteral("log tick")); }, 20000));
    second.rt->scheduler()->advance(1000); // nothing new is due: the task is gone, the tick was just now
    QTest::qWait(600);
    CHECK(second.logs.count(QStringLiteral("log fired hello")) == 1);
    CHECK(second.logs.count(QStringLiteral("log tick")) == 1);
    second.rt->stop();
    QString error;
    auto store = project::TaskStore::open(project::TaskStore::pathForProject(dir.path()), &error);
    CHECK(store->count() == 0);
}

TEST_CASE("scripts' Date.now() and new Date() follow the fast-forwarded sandbox clock", "[runtime][timers]") {
    QTemporaryDir dir;
    QFile script(dir.filePath(QStringLiteral("clock.ts")));
    REQUIRE(script.open(QIODevice::WriteOnly));
    script.write("script.onInterval(\"clock\", 60, () => {\n"
                 "    console.log(`clock ${Date.now()} ${new Date().getTime()}`);\n"
                 "});\n");
    script.close();
    Started s;
    start(s, dir.path());
    const qint64 realBefore = QDateTime::currentMSecsSinceEpoch();
    constexpr qint64 kTwoHours = 2 * 3600 * 1000;
    s.rt->scheduler()->advance(kTwoHours);
    // A fire after the jump reads the script clock: two hours ahead of the real one (give or take the
    // seconds the run takes), in both spellings.
    qint64 seen = 0, seenDate = 0;
    const bool followed = QTest::qWaitFor(
        [&] {
            for (const QString& line : s.logs) {
                const QStringList parts = line.split(u' ');
                // The worker anchors the clock when the frame reaches it, so it may trail by that delay.
                if (parts.size() == 4 && parts[1] == QLatin1String("clock") &&
                    parts[2].toLongLong() >= realBefore + kTwoHours - 5000) {
                    seen = parts[2].toLongLong();
                    seenDate = parts[3].toLongLong();
                }
            }
            return seen != 0;
        },
        20000);
    INFO(s.logs.join(u'\n').toStdString());
    REQUIRE(followed);
    CHECK(seen < realBefore + kTwoHours + 10 * 60000);
    CHECK(seenDate >= seen);
    CHECK(seenDate < seen + 60000);
    s.rt->stop();
}

TEST_CASE("cron schedules parse Botloader's fields and find the next fire in UTC", "[timers]") {
    runtime::CronSchedule c;
    QString error;
    REQUIRE(runtime::CronSchedule::parse(QStringLiteral("30 12 * * *"), &c, &error));
    const QDateTime at(QDate(2026, 11, 22), QTime(8, 0), Qt::UTC);
    CHECK(c.next(at) == QDateTime(QDate(2026, 11, 22), QTime(12, 30), Qt::UTC));
    CHECK(c.next(QDateTime(QDate(2026, 11, 22), QTime(12, 30), Qt::UTC)) ==
          QDateTime(QDate(2026, 11, 23), QTime(12, 30), Qt::UTC));
    REQUIRE(runtime::CronSchedule::parse(QStringLiteral("0 9 * * 2"), &c, &error)); // 2 = Monday
    CHECK(c.next(at) == QDateTime(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC));      // 22 Nov 2026 is a Sunday
    REQUIRE(runtime::CronSchedule::parse(QStringLiteral("0 0 * * SUN"), &c, &error));
    CHECK(c.next(at) == QDateTime(QDate(2026, 11, 29), QTime(0, 0), Qt::UTC));
    REQUIRE(runtime::CronSchedule::parse(QStringLiteral("*/15 * * * *"), &c, &error));
    CHECK(c.next(at) == QDateTime(QDate(2026, 11, 22), QTime(8, 15), Qt::UTC));
    REQUIRE(runtime::CronSchedule::parse(QStringLiteral("0 0 1 JAN-MAR *"), &c, &error));
    CHECK(c.next(at) == QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC));
    REQUIRE(runtime::CronSchedule::parse(QStringLiteral("0 0 1 * * 2025"), &c, &error));
    CHECK_FALSE(c.next(at).has_value());

    CHECK_FALSE(runtime::CronSchedule::parse(QStringLiteral("0 12 * *"), &c, &error));
    CHECK(error.contains(QStringLiteral("5 fields")));
    CHECK_FALSE(runtime::CronSchedule::parse(QStringLiteral("61 * * * *"), &c, &error));
    CHECK(error.contains(QStringLiteral("minute")));
    CHECK_FALSE(runtime::CronSchedule::parse(QStringLiteral("0 0 * * 8"), &c, &error));
    CHECK(error.contains(QStringLiteral("day of week")));

    qint64 ms = 0;
    CHECK(runtime::ScriptScheduler::parseDuration(QStringLiteral("90m"), &ms, &error));
    CHECK(ms == 90 * 60000);
    CHECK(runtime::ScriptScheduler::parseDuration(QStringLiteral("1d"), &ms, &error));
    CHECK(ms == 86400000);
    CHECK_FALSE(runtime::ScriptScheduler::parseDuration(QStringLiteral("soon"), &ms, &error));
}
