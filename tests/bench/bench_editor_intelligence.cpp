// Editor intelligence figures (one line each: `name value unit`):
// - ls_ready_first_start / ls_ready_second_start: a fresh process loading the language service
//   (typescript.js, lib files, SDK declarations, warm-up) without and then with the V8 code cache;
// - ls_completion_p50 / _p95: member completions on a 2,000-line script after warm-up, each after an
//   edit (as when typing), measured from the request to the answer on the GUI thread;
// - ls_diagnostics_after_keystroke_p50 / _p95: an edit, then diagnostics of the edited file (the editor
//   adds its 300 ms quiet period on top);
// - gui_longest_stall_typing: the longest gap of the GUI thread's event loop while typing quickly into
//   the real editor (completion lists popping up included), with the service on its own thread.
#include "editor/code_editor.h"
#include "editor/completion_controller.h"
#include "editor/language_client.h"
#include "engine/typescript/language_service.h"
#include "engine/typescript/language_service_thread.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace botwright;
using typescript::LsPosition;

namespace {

// A 2,000-line script of handlers and helpers against the SDK; line 1004 is inside a handler.
QString bigScript() {
    QString out = QStringLiteral("import { Discord } from \"botloader\";\n\n");
    for (int i = 0; out.count(QLatin1Char('\n')) < 2000; ++i) {
        out += QStringLiteral(
                   "interface Item%1 { id: string; count: number; tags?: string[] }\n"
                   "export async function handle%1(item: Item%1, msg: Discord.Message): Promise<number> {\n"
                   "    const total: number = (item.tags ?? []).length + item.count;\n"
                   "    if (total > 10) {\n"
                   "        await msg.reply(`big ${total}`);\n"
                   "        return total * 2;\n"
                   "    }\n"
                   "    const label = `item ${item.id} has ${total}`;\n"
                   "    console.log(label);\n"
                   "    return total;\n"
                   "}\n"
                   "script.on(\"MESSAGE_CREATE\", async (msg) => {\n"
                   "    if (msg.content.startsWith(\"!h%1\")) {\n"
                   "        const n = await handle%1({ id: msg.id, count: %1 }, msg);\n"
                   "        await Discord.createMessage(msg.channelId, { content: `${n}` });\n"
                   "    }\n"
                   "});\n"
                   "\n")
                   .arg(i);
    }
    return out;
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

// Child mode: load once with the given cache directory and print the ready time.
int loadOnce(const QString& cacheDir) {
    typescript::LanguageService service;
    typescript::LanguageService::Options options;
    options.codeCacheDir = cacheDir;
    QString error;
    if (!service.load(&error, options)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::printf("%lld %d\n", static_cast<long long>(service.loadStats().totalMs),
                service.loadStats().codeCacheUsed ? 1 : 0);
    return 0;
}

bool startTimes(const QString& self) {
    QTemporaryDir cache;
    double first = -1;
    double second = -1;
    for (int run = 0; run < 2; ++run) {
        QProcess child;
        child.start(self, {QStringLiteral("--load-once"), cache.path()});
        if (!child.waitForFinished(300000) || child.exitCode() != 0) {
            std::fprintf(stderr, "load failed: %s\n", child.readAllStandardError().constData());
            return false;
        }
        const QList<QByteArray> fields = child.readAllStandardOutput().trimmed().split(' ');
        (run == 0 ? first : second) = fields.value(0).toDouble();
        if (run == 1 && fields.value(1) != "1") {
            std::fprintf(stderr, "the second start did not use the code cache\n");
            return false;
        }
    }
    std::printf("ls_ready_first_start %.0f ms\n", first);
    std::printf("ls_ready_second_start %.0f ms\n", second);
    return true;
}

bool serviceLatencies() {
    typescript::LanguageService::Options options;
    options.codeCacheDir = QStringLiteral("-");
    typescript::LanguageServiceThread service(nullptr, options);
    QEventLoop loop;
    QObject::connect(&service, &typescript::LanguageServiceThread::ready, &loop, &QEventLoop::quit);
    service.start();
    loop.exec();
    if (service.state() != typescript::LanguageServiceThread::State::Ready)
        return false;

    const QString name = QStringLiteral("/project/big.ts");
    QStringList lines = bigScript().split(QLatin1Char('\n'));
    constexpr int kLine = 1004;
    int version = 0;
    QElapsedTimer timer;
    quint64 waitingFor = 0;
    int answerSize = 0;
    QObject::connect(&service, &typescript::LanguageServiceThread::completionsReady, &loop,
                     [&](quint64 id, const QString&, int, const typescript::LsCompletions& list) {
                         if (id == waitingFor) {
                             answerSize = static_cast<int>(list.entries.size());
                             loop.quit();
                         }
                     });
    bool diagnosticsArrived = false;
    QObject::connect(&service, &typescript::LanguageServiceThread::diagnosticsReady, &loop,
                     [&](const QString&, int v, const QList<typescript::LsDiagnostic>&) {
                         if (v == version) {
                             diagnosticsArrived = true;
                             loop.quit();
                         }
                     });
    std::vector<double> completion;
    for (int i = 0; i < 65; ++i) {
        // Each round edits the handler (as typing does), then asks for `msg.` members.
        lines[kLine] = QStringLiteral("        const v%1 = %1; msg.").arg(i);
        service.setDocument(name, lines.join(QLatin1Char('\n')), ++version);
        timer.start();
        waitingFor = service.requestCompletions(
            name, version, LsPosition{kLine, static_cast<int>(lines[kLine].size())}, QStringLiteral("."));
        loop.exec();
        if (i >= 5) // warm-up
            completion.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    if (answerSize < 20) {
        std::fprintf(stderr, "unexpected completion answer (%d entries)\n", answerSize);
        return false;
    }
    std::printf("ls_completion_p50 %.1f ms\n", percentile(completion, 0.5));
    std::printf("ls_completion_p95 %.1f ms\n", percentile(completion, 0.95));

    std::vector<double> diagnostics;
    for (int i = 0; i < 23; ++i) {
        lines[kLine] = QStringLiteral("        const w%1: number = %1;").arg(i);
        service.setDocument(name, lines.join(QLatin1Char('\n')), ++version);
        timer.start();
        diagnosticsArrived = false;
        service.requestDiagnostics(name);
        loop.exec();
        if (i >= 3)
            diagnostics.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("ls_diagnostics_after_keystroke_p50 %.1f ms\n", percentile(diagnostics, 0.5));
    std::printf("ls_diagnostics_after_keystroke_p95 %.1f ms\n", percentile(diagnostics, 0.95));
    return true;
}

// Times every event the GUI thread dispatches, to name what the longest stall was.
class TimingApplication final : public QApplication {
public:
    using QApplication::QApplication;
    bool notify(QObject* receiver, QEvent* event) override {
        if (depth++ > 0) {
            const bool handled = QApplication::notify(receiver, event);
            --depth;
            return handled;
        }
        QElapsedTimer timer;
        timer.start();
        const QString what = QStringLiteral("%1 on %2")
                                 .arg(static_cast<int>(event->type()))
                                 .arg(QString::fromLatin1(receiver->metaObject()->className()));
        const bool handled = QApplication::notify(receiver, event);
        const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        if (recording && ms > slowest) {
            slowest = ms;
            slowestEvent = what;
        }
        --depth;
        return handled;
    }
    bool recording = false;
    double slowest = 0;
    QString slowestEvent;

private:
    int depth = 0;
};

// Types into the real editor (attached to the service) at 25 keys/s (a fast typist; answers arrive
// between keys, so completion lists pop up and are filtered) and measures the event loop's longest
// gap with a 1 ms probe timer. The time spent in the key presses themselves (Scintilla inserting,
// restyling, our handlers) is reported apart.
bool typingStall() {
    QTemporaryDir project;
    {
        QFile file(project.filePath(QStringLiteral("big.ts")));
        if (!file.open(QIODevice::WriteOnly))
            return false;
        file.write(bigScript().toUtf8());
    }
    typescript::LanguageService::Options options;
    options.codeCacheDir = QStringLiteral("-");
    editor::LanguageClient client(nullptr, options);
    client.setProject(project.path());
    QEventLoop loop;
    QObject::connect(&client, &editor::LanguageClient::ready, &loop, &QEventLoop::quit);
    loop.exec();

    editor::CodeEditor editor;
    editor.resize(1000, 700);
    QFile file(project.filePath(QStringLiteral("big.ts")));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    editor.setText(QString::fromUtf8(file.readAll()));
    editor.show();
    if (!QTest::qWaitForWindowExposed(&editor))
        return false;
    editor::LanguageDocument* document =
        qEnvironmentVariableIsSet("BENCH_BASELINE")
            ? nullptr
            : client.attach(&editor, project.filePath(QStringLiteral("big.ts")));
    editor.setFocus();
    editor.setCursorPosition(1004, 0);
    QTest::qWait(1500); // first diagnostics of the whole file

    const QString text =
        QStringLiteral("        const reply = msg.content.trim(); await msg.reply(reply); msg.author.id;\n");
    QElapsedTimer probe;
    probe.start();
    qint64 last = probe.nsecsElapsed();
    double longest = 0;
    std::vector<double> gaps;
    QTimer tick;
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, &tick, [&] {
        const qint64 now = probe.nsecsElapsed();
        const double gap = static_cast<double>(now - last) / 1e6;
        gaps.push_back(gap);
        longest = std::max(longest, gap);
        last = now;
    });
    int typed = 0;
    int listsShown = 0;
    double longestKey = 0;
    QTimer typist;
    typist.setInterval(40);
    QObject::connect(&typist, &QTimer::timeout, &typist, [&] {
        if (typed >= 4 * text.size()) {
            typist.stop();
            QTimer::singleShot(500, &loop, &QEventLoop::quit); // let the last answers arrive
            return;
        }
        const QChar c = text.at(typed % text.size());
        QElapsedTimer key;
        key.start();
        if (c == QLatin1Char('\n'))
            QTest::keyClick(&editor, Qt::Key_Return);
        else
            QTest::keyClick(&editor, c.toLatin1());
        longestKey = std::max(longestKey, static_cast<double>(key.nsecsElapsed()) / 1e6);
        listsShown += document != nullptr && document->completion()->isActive() ? 1 : 0;
        ++typed;
    });
    auto* timing = static_cast<TimingApplication*>(QCoreApplication::instance());
    timing->recording = true;
    tick.start();
    typist.start();
    loop.exec();
    tick.stop();
    timing->recording = false;
    std::printf("gui_slowest_event %.1f ms (event type %s)\n", timing->slowest,
                qPrintable(timing->slowestEvent));
    std::printf("gui_longest_stall_typing %.1f ms\n", longest);
    std::printf("gui_stall_typing_p99 %.1f ms\n", percentile(gaps, 0.99));
    std::printf("gui_longest_key_press %.1f ms\n", longestKey);
    std::printf("gui_typing_keys %d keys (%d with a completion list open)\n", typed, listsShown);
    return true;
}

// --profile: the service without the thread, setFile and completions timed apart (a developer aid).
int profile() {
    typescript::LanguageService service;
    typescript::LanguageService::Options options;
    options.codeCacheDir = QStringLiteral("-");
    QString error;
    if (!service.load(&error, options))
        return 1;
    QStringList lines = bigScript().split(QLatin1Char('\n'));
    const QString name = QStringLiteral("/project/big.ts");
    QElapsedTimer timer;
    for (int i = 0; i < 40; ++i) {
        lines[1004] = QStringLiteral("        const v%1 = %1; msg.").arg(i);
        const QString text = lines.join(QLatin1Char('\n'));
        timer.start();
        service.setFile(name, text, i + 1);
        const double set = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        const LsPosition at{1004, static_cast<int>(lines[1004].size())};
        timer.start();
        service.completions(name, at, QStringLiteral("."));
        const double first = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        timer.start();
        service.completions(name, at, QStringLiteral("."));
        const double again = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        std::printf("setFile %.1f ms, completions after the edit %.1f ms, again %.1f ms\n", set, first,
                    again);
    }
    return 0;
}

} // namespace

int main(int argc, char* argv[]) {
    if (argc == 2 && qstrcmp(argv[1], "--profile") == 0) {
        QCoreApplication app(argc, argv);
        return profile();
    }
    if (argc == 3 && qstrcmp(argv[1], "--load-once") == 0) {
        QCoreApplication app(argc, argv);
        return loadOnce(QString::fromLocal8Bit(argv[2]));
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimingApplication app(argc, argv);
    if (argc == 2 && qstrcmp(argv[1], "--typing") == 0) // only the GUI figure (for a profiler)
        return typingStall() ? 0 : 1;
    if (!startTimes(QCoreApplication::applicationFilePath()))
        return 1;
    if (!serviceLatencies())
        return 1;
    if (!typingStall())
        return 1;
    return 0;
}
