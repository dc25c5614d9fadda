// Script runtime figures (issue 5): end-to-end MESSAGE_CREATE/s from a zlib-stream gateway frame to a
// script handler that counts them (inflate → envelope → route → transform → IPC → VM → handler),
// beside V8's own ceiling in one process (JSON.parse + call); latency from frame arrival to handler
// start at 5,000 events/s; VM cold and warm start with 10 scripts of 200 lines; save-to-live reload; and the
// time from a runaway handler's budget to its termination.
#include "engine/core/allocator_tuning.h"
#include "engine/gateway/dispatch_batcher.h"
#include "engine/pipeline/event_pipeline.h"
#include "engine/pipeline/event_routing.h"
#include "engine/pipeline/transformer.h"
#include "engine/project/project.h"
#include "engine/protocol/frame_envelope.h"
#include "engine/protocol/zlib_stream.h"
#include "engine/runtime/js_isolate.h"
#include "engine/runtime/script_bundle.h"
#include "engine/runtime/vm_supervisor.h"
#include "tests/bench/bench_payloads.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <thread>
#include <unistd.h>
#include <unordered_map>
#include <vector>

using namespace botwright;

namespace {

constexpr quint64 kGuild = 1113768905932800000ULL;
constexpr int kPaced = 10000;      // events of the latency run
constexpr int kFramesPerRead = 16; // gateway frames per socket read (a 64 KiB read holds ~650 small ones)

// Runs the event loop until `done` or the timeout, sleeping between events (a busy loop here
// would take a core from the VM it measures).
bool wait(const std::function<bool()>& done, int ms) {
    QElapsedTimer t;
    t.start();
    QTimer tick;
    tick.start(2);
    while (!done() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    return done();
}

struct Rig {
    QTemporaryDir dir;
    runtime::ScriptBundler bundler;
    std::unique_ptr<runtime::VmSupervisor> vm;
    int loads = 0;
    double lastBuildMs = 0; // of the last startMs(): opening the project and building the bundle
    QStringList logs;
    explicit Rig(int budgetMs = 1000) {
        runtime::VmOptions o;
        o.vmPath = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("botwright-vm"));
        o.cpuBudgetMs = budgetMs;
        o.guildId = QString::number(kGuild);
        o.botUser = QJsonObject{{QStringLiteral("id"), QStringLiteral("1")},
                                {QStringLiteral("username"), QStringLiteral("b")}};
        vm = std::make_unique<runtime::VmSupervisor>(o);
        QObject::connect(vm.get(), &runtime::VmSupervisor::loaded, vm.get(),
                         [this](bool, double) { ++loads; });
        QObject::connect(vm.get(), &runtime::VmSupervisor::logged, vm.get(),
                         [this](const runtime::VmLogEntry& e) { logs << e.message; });
    }
    void write(const QString& name, const QString& source) {
        QFile f(dir.filePath(name + QStringLiteral(".ts")));
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(source.toUtf8());
    }
    double startMs() {
        QElapsedTimer t;
        t.start();
        QString error;
        const auto project = project::Project::open(dir.path(), &error);
        runtime::ScriptBundle bundle;
        bundler.build(*project, &bundle, &error);
        lastBuildMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
        const int before = loads;
        vm->start(std::move(bundle));
        wait([&] { return loads > before; }, 60000);
        return static_cast<double>(t.nsecsElapsed()) / 1e6;
    }
};

void v8Ceiling(const QByteArray& sdkJson) {
    runtime::JsIsolate isolate;
    isolate.evaluate(
        QStringLiteral("var count = 0; function onEvent(name, text) { const m = JSON.parse(text); if "
                       "(m.content) count++; }"),
        QStringLiteral("ceiling.js"));
    isolate.evaluate(QStringLiteral("var __t = decodeURIComponent(\"%1\");")
                         .arg(QString::fromLatin1(sdkJson.toPercentEncoding())),
                     QStringLiteral("payload.js"));
    constexpr int kCalls = 100000;
    QElapsedTimer t;
    t.start();
    // A fresh string per call, as each event brings its own.
    isolate.evaluate(
        QStringLiteral("for (let i = 0; i < %1; i++) onEvent('MESSAGE_CREATE', (' ' + __t).slice(1));")
            .arg(kCalls),
        QStringLiteral("loop.js"));
    std::printf("v8_ceiling_parse_and_call %.0f events/s\n",
                kCalls / (static_cast<double>(t.nsecsElapsed()) / 1e9));
}

qint64 threadCpuNs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<qint64>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// CPU time (user + system) of this process's child processes that are still running: the worker.
qint64 childrenCpuNs() {
    qint64 total = 0;
    const long tick = sysconf(_SC_CLK_TCK);
    for (const QString& task :
         QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile children(QStringLiteral("/proc/self/task/%1/children").arg(task));
        if (!children.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray& pid : children.readAll().split(' ')) {
            QFile stat(QStringLiteral("/proc/%1/stat").arg(QString::fromLatin1(pid.trimmed())));
            if (pid.trimmed().isEmpty() || !stat.open(QIODevice::ReadOnly))
                continue;
            const QByteArray line = stat.readAll();
            const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
            if (f.size() > 12) // fields 14 and 15 of stat(5), counted after the command name
                total += (f[11].toLongLong() + f[12].toLongLong()) * 1000000000 / tick;
        }
    }
    return total;
}

// The worker on its own, as fast as it can read: the Hello/Load of `bundle` and `events` copies of
// `sdkJson` in a file on its stdin, the last one marked END. Returns events per second, or -1.
double workerAlone(const runtime::VmOptions& options, const runtime::ScriptBundle& bundle,
                   const QByteArray& sdkJson, int events) {
    QTemporaryDir dir;
    const auto run = [&](int count) -> double {
        QByteArray input = runtime::VmSupervisor::startFrames(options, bundle, false);
        QByteArray plain = sdkJson;
        plain.replace("bot END\"", "bot\"");
        QByteArray last = plain;
        last.replace("bot\"", "bot END\"");
        for (int i = 0; i < count; ++i)
            runtime::appendVmEventFrame(input, i + 1, "MESSAGE_CREATE", i == count - 1 ? last : plain);
        const QString path = dir.filePath(QStringLiteral("input%1").arg(count));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(input) != input.size())
            return -1;
        file.close();
        QProcess worker;
        worker.setStandardInputFile(path);
        QElapsedTimer t;
        t.start();
        worker.start(options.vmPath, {QStringLiteral("--serve")});
        if (!worker.waitForFinished(120000))
            return -1;
        const double s = static_cast<double>(t.nsecsElapsed()) / 1e9;
        return worker.readAllStandardOutput().contains(QByteArray("count ") + QByteArray::number(count)) ? s
                                                                                                         : -1;
    };
    const double startup = run(1);
    const double all = run(events);
    return startup < 0 || all < 0 ? -1 : (events - 1) / (all - startup);
}

qint64 monotonicNs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<qint64>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

} // namespace

int main(int argc, char* argv[]) {
    botwright::core::tuneAllocator();
    QCoreApplication app(argc, argv);
    // bench_runtime [EVENTS] [--e2e-only]: the second form stops after the end-to-end figure (for profiling).
    const int total = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200000;
    const bool e2eOnly = argc > 2 && qstrcmp(argv[2], "--e2e-only") == 0;

    // Frames as the gateway sends them.
    // (Made on a thread of its own, so that a profile of the main thread shows only the runtime's work.)
    std::vector<QByteArray> wire;
    std::thread([&] {
        protocol::ZlibStreamDeflater deflater;
        const int frames = std::max(total, kPaced); // the latency run below replays the first kPaced
        wire.reserve(static_cast<std::size_t>(frames));
        for (int i = 0; i < frames; ++i)
            wire.push_back(deflater.compress(botwright::bench::messageCreateFrame(i)));
    }).join();

    {
        Rig rig;
        rig.write(QStringLiteral("count"),
                  QStringLiteral("let n = 0;\nscript.on(\"MESSAGE_CREATE\", (m) => { n++; if "
                                 "(m.content.endsWith(\"END\")) console.log(\"count \" + n); });\n"));
        rig.startMs();
        // As in the studio: the gateway thread inflates each frame and reads its envelope, and hands
        // the dispatches to the runtime's thread (here the main thread) in batches; there the event
        // pipeline (state cache, routing, transformer) delivers them to the worker.
        pipeline::EventPipeline::Options options;
        options.guildId = kGuild;
        pipeline::EventPipeline events(options);
        QByteArray lastSdk;
        int delivered = 0;
        QObject::connect(&events, &pipeline::EventPipeline::deliverEvent, &events,
                         [&](qint64 traceId, const QByteArray& sdkEvent, const QByteArray& json) {
                             QByteArray out = json;
                             if (++delivered == total) {
                                 out.replace("bot\"", "bot END\"");
                                 lastSdk = out;
                             }
                             events.eventDelivered(traceId, rig.vm->deliver(sdkEvent, out));
                         });
        QThread gatewayThread;
        gatewayThread.start();
        auto* batcher = new gateway::DispatchBatcher;
        batcher->moveToThread(&gatewayThread);
        QObject::connect(batcher, &gateway::DispatchBatcher::ready, &events,
                         [&](const gateway::DispatchBatch& batch) {
                             for (const gateway::Dispatch& d : batch)
                                 events.push(d.shardId, d.type.toLatin1(), d.data, d.seq);
                         });
        QElapsedTimer t;
        t.start();
        const qint64 e2eStartNs = monotonicNs();
        const qint64 mainCpu0 = threadCpuNs();
        const qint64 workerCpu0 = childrenCpuNs();
        std::atomic<qint64> gatewayCpu{0};
        // A socket read brings several frames; the gateway thread's loop comes round between reads.
        struct Reader {
            protocol::ZlibStreamInflater inflater;
            protocol::FrameEnvelopeParser envelopes;
            int next = 0;
            qint64 cpu0 = 0;
        };
        auto reader = std::make_shared<Reader>();
        std::function<void()> read = [&, reader] {
            if (reader->next == 0)
                reader->cpu0 = threadCpuNs();
            for (int n = 0; n < kFramesPerRead && reader->next < total; ++n, ++reader->next) {
                const protocol::DecompressResult r =
                    reader->inflater.feed(wire[static_cast<std::size_t>(reader->next)]);
                const protocol::FrameEnvelope e = reader->envelopes.parse(r.payload);
                batcher->add(0, QString::fromLatin1(e.type), e.data, static_cast<int>(e.seq));
            }
            if (reader->next < total)
                QMetaObject::invokeMethod(batcher, read, Qt::QueuedConnection);
            else
                gatewayCpu = threadCpuNs() - reader->cpu0;
        };
        QMetaObject::invokeMethod(batcher, read, Qt::QueuedConnection);
        const QString want = QStringLiteral("count %1").arg(total);
        wait([&] { return rig.logs.contains(want); }, 120000);
        const double s = static_cast<double>(t.nsecsElapsed()) / 1e9;
        const qint64 mainCpu = threadCpuNs() - mainCpu0;
        const qint64 workerCpu = childrenCpuNs() - workerCpu0;
        QMetaObject::invokeMethod(
            batcher, [batcher] { delete batcher; }, Qt::BlockingQueuedConnection);
        gatewayThread.quit();
        gatewayThread.wait();
        std::printf("end_to_end_message_create %.0f events/s%s\n", total / s,
                    rig.logs.contains(want) ? "" : " (INCOMPLETE)");
        // Where the CPU went, per event: the gateway thread (inflate, envelope), the runtime thread
        // (route, transform, IPC) and the worker process (all its threads).
        const auto perEvent = [total](qint64 ns) { return static_cast<double>(ns) / 1000.0 / total; };
        std::printf("end_to_end_cpu_gateway_thread %.2f us/event\n", perEvent(gatewayCpu));
        std::printf("end_to_end_cpu_runtime_thread %.2f us/event\n", perEvent(mainCpu));
        std::printf("end_to_end_cpu_worker %.2f us/event\n", perEvent(workerCpu));
        if (e2eOnly) {
            // The timed window on CLOCK_MONOTONIC, for `perf record -k mono` + `perf report --time`.
            std::fprintf(stderr, "e2e window %.6f,%.6f\n", static_cast<double>(e2eStartNs) / 1e9,
                         static_cast<double>(monotonicNs()) / 1e9);
            return 0;
        }
        v8Ceiling(lastSdk);
        runtime::VmOptions alone;
        alone.vmPath = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("botwright-vm"));
        alone.guildId = QString::number(kGuild);
        QString error;
        runtime::ScriptBundle aloneBundle;
        rig.bundler.build(*project::Project::open(rig.dir.path(), &error), &aloneBundle, &error);
        std::printf("worker_alone_message_create %.0f events/s\n",
                    workerAlone(alone, aloneBundle, lastSdk, total));

        pipeline::TransformContext ctx;
        ctx.guildId = kGuild;
        // Latency at 5,000 events/s: from a frame's arrival (before inflating it) to its handler's
        // start in the worker, as the worker's event trace reports it (one monotonic clock).
        std::vector<double> latencies;
        std::unordered_map<qint64, qint64> arrivedNs;
        rig.vm->setTracing(true);
        QObject::connect(rig.vm.get(), &runtime::VmSupervisor::eventsTimed, rig.vm.get(),
                         [&](const QList<runtime::VmEventTiming>& timings) {
                             for (const runtime::VmEventTiming& e : timings)
                                 if (const auto it = arrivedNs.find(e.eventId); it != arrivedNs.end())
                                     latencies.push_back(static_cast<double>(e.startNs - it->second) /
                                                         1000.0);
                         });
        protocol::ZlibStreamInflater inflater;
        protocol::FrameEnvelopeParser envelopes;
        const qint64 begin = monotonicNs();
        for (int next = 0; next < kPaced;) {
            if (monotonicNs() - begin >= static_cast<qint64>(next) * 200000) { // 200 µs apart
                const qint64 arrived = monotonicNs();
                const protocol::DecompressResult r = inflater.feed(wire[static_cast<std::size_t>(next)]);
                const protocol::FrameEnvelope e = envelopes.parse(r.payload);
                const pipeline::RouteDecision route = pipeline::route(e.type, e.data, kGuild);
                const pipeline::TransformOutput out = pipeline::transformEvent(route.sdkEvent, e.data, ctx);
                arrivedNs.emplace(rig.vm->deliver(route.sdkEvent.toByteArray(), out.json), arrived);
                ++next;
            }
            QCoreApplication::processEvents(QEventLoop::AllEvents);
        }
        wait([&] { return static_cast<int>(latencies.size()) >= kPaced; }, 30000);
        std::sort(latencies.begin(), latencies.end());
        if (!latencies.empty()) {
            std::printf("latency_5k_per_s_p50 %.0f us\n", latencies[latencies.size() / 2]);
            std::printf("latency_5k_per_s_p99 %.0f us\n", latencies[latencies.size() * 99 / 100]);
        }
    }

    {
        Rig rig;
        QString body;
        for (int line = 0; line < 196; ++line)
            body += QStringLiteral("export function helper%1(a: number, b: string): string { return "
                                   "b.repeat(a % 3) + %1; }\n")
                        .arg(line);
        for (int s = 0; s < 10; ++s)
            rig.write(
                QStringLiteral("script%1").arg(s),
                body + QStringLiteral(
                           "interface Shape { n: number }\nconst shape: Shape = { n: %1 };\n"
                           "script.on(\"MESSAGE_CREATE\", () => { shape.n++; });\nconsole.log(\"ready\");\n")
                           .arg(s));
        std::printf("vm_cold_start_10x200_lines %.0f ms\n", rig.startMs());
        Rig warm;
        for (const QString& f : QDir(rig.dir.path()).entryList({QStringLiteral("*.ts")}))
            QFile::copy(rig.dir.filePath(f), warm.dir.filePath(f));
        QDir().mkpath(warm.dir.filePath(QStringLiteral(".botwright")));
        std::printf("vm_start_cached_10x200_lines %.0f ms\n", (warm.startMs(), warm.startMs()));
        rig.write(QStringLiteral("script3"), body + QStringLiteral("console.log(\"edited\");\n"));
        std::printf("save_to_live_reload %.0f ms\n", rig.startMs());
        std::printf("save_to_live_reload_build_part %.0f ms\n", rig.lastBuildMs);
    }

    {
        Rig rig(100);
        rig.write(QStringLiteral("loop"),
                  QStringLiteral("script.on(\"MESSAGE_CREATE\", () => { while (true) {} });\n"));
        rig.startMs();
        rig.vm->deliver("MESSAGE_CREATE",
                        R"({"id":"1","channelId":"2","content":"x","author":{"id":"3","username":"u"}})");
        wait([&] { return rig.logs.filter(QStringLiteral("stopped after")).size() > 0; }, 10000);
        const QRegularExpression after(QStringLiteral("stopped after ([0-9.]+) ms"));
        const auto m = after.match(rig.logs.filter(QStringLiteral("stopped after")).value(0));
        std::printf("runaway_budget_to_termination %.1f ms\n",
                    m.hasMatch() ? m.captured(1).toDouble() - 100.0 : -1.0);
    }
    return 0;
}
