// Export and sync figures, against the local Botloader API server on its own thread over loopback:
//   push_100_scripts:  a first push of a project of 100 scripts (~2 KB each): listing guilds and
//                      scripts, validation, plan, 100 creates (4 at a time), the index and the VM
//                      reload. Median of 5 runs, each into a fresh guild.
//   push_100_updates:  the same project pushed again after editing every script (100 PATCHes,
//                      each of which reloads the server's VM).
//   pull_100_scripts:  pulling those 100 scripts into an empty folder.
//   diff_3000_lines:   a line diff of two 3,000-line sources with 30 scattered edits.
#include "engine/exporting/botloader_api_client.h"
#include "engine/exporting/line_diff.h"
#include "engine/exporting/sync_session.h"
#include "tests/support/botloader_api_server.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>
#include <vector>

using namespace botwright;
using namespace botwright::exporting;

namespace {

const QString kKey = QStringLiteral("bl-bench-key-0a1b2c3d4e5f6789");
constexpr int kScripts = 100;
constexpr int kRuns = 5;

struct ServerThread {
    ServerThread() {
        anchor.moveToThread(&thread);
        thread.start();
        QMetaObject::invokeMethod(
            &anchor,
            [this] {
                server = new testing::BotloaderApiServer;
                server->listen();
                server->addApiKey(kKey);
            },
            Qt::BlockingQueuedConnection);
    }
    ~ServerThread() {
        QMetaObject::invokeMethod(
            &anchor, [this] { delete server; }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }
    QThread thread;
    QObject anchor;
    testing::BotloaderApiServer* server = nullptr;
};

bool waitUntil(const std::function<bool()>& done, int timeoutMs = 120000) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    return done();
}

QByteArray scriptSource(int i, int revision) {
    QByteArray source = "import { Discord } from \"botloader\";\n\n";
    source += "// script " + QByteArray::number(i) + ", revision " + QByteArray::number(revision) + "\n";
    while (source.size() < 2000)
        source += "script.on(\"MESSAGE_CREATE\", async (m) => { if (m.content === \"!ping" +
                  QByteArray::number(i) + "\") await m.reply(\"pong\"); });\n";
    return source;
}

void writeProject(const QString& root, int revision) {
    QDir().mkpath(root);
    for (int i = 0; i < kScripts; ++i) {
        QFile file(root + QStringLiteral("/script_%1.ts").arg(i, 3, 10, QLatin1Char('0')));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(scriptSource(i, revision)) < 0)
            std::fprintf(stderr, "cannot write %s\n", qPrintable(file.fileName()));
    }
}

// prepare + apply; returns the milliseconds, or -1 on failure.
double sync(BotloaderApiClient& client, const QString& root, SyncDirection direction, const QString& guild,
            int expected) {
    QElapsedTimer clock;
    clock.start();
    SyncSession session(root, &client);
    std::optional<PrepareResult> prepared;
    session.prepare(direction, guild, [&](const PrepareResult& r) { prepared = r; });
    if (!waitUntil([&] { return prepared.has_value(); }) || !prepared->ok()) {
        std::fprintf(stderr, "prepare failed: %s\n", prepared ? qPrintable(prepared->error) : "timeout");
        return -1;
    }
    std::optional<SyncReport> report;
    session.apply(*prepared->plan, [&](const SyncReport& r) { report = r; });
    if (!waitUntil([&] { return report.has_value(); }) || !report->ok() || report->succeeded() != expected) {
        std::fprintf(stderr, "apply failed: %s\n", report ? qPrintable(report->summary()) : "timeout");
        return -1;
    }
    return static_cast<double>(clock.nsecsElapsed()) / 1e6;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    ServerThread st;
    BotloaderApiClient client(st.server->baseUrl(), kKey);

    std::vector<double> pushes;
    std::vector<double> updates;
    std::vector<double> pulls;
    for (int run = 0; run < kRuns; ++run) {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("project"));
        writeProject(root, 0);
        const QString guild = st.server->addGuild(QStringLiteral("Bench %1").arg(run));
        const double push = sync(client, root, SyncDirection::Push, guild, kScripts);
        writeProject(root, 1);
        const double update = sync(client, root, SyncDirection::Push, {}, kScripts);
        const double pull =
            sync(client, dir.filePath(QStringLiteral("pulled")), SyncDirection::Pull, guild, kScripts);
        if (push < 0 || update < 0 || pull < 0)
            return 1;
        pushes.push_back(push);
        updates.push_back(update);
        pulls.push_back(pull);
    }
    std::printf("push_100_scripts %.1f ms\n", median(pushes));
    std::printf("push_100_updates %.1f ms\n", median(updates));
    std::printf("pull_100_scripts %.1f ms\n", median(pulls));

    QStringList a;
    for (int i = 0; i < 3000; ++i)
        a.append(QStringLiteral("    const value%1 = compute(%1); // line %1").arg(i));
    QStringList b = a;
    for (int i = 50; i < 3000; i += 100)
        b[i] = QStringLiteral("    const edited = %1;").arg(i);
    std::vector<double> diffs;
    int changed = 0;
    for (int run = 0; run < 20; ++run) {
        QElapsedTimer clock;
        clock.start();
        changed = diffStats(diffLines(a, b)).added;
        diffs.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
    }
    if (changed != 30)
        return 1;
    std::printf("diff_3000_lines %.2f ms\n", median(diffs));
    return 0;
}
