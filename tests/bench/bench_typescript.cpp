// TypeScript compiler figures: time to load the pinned typescript.js into a fresh isolate, and
// transpile throughput for a 200-line script.
#include "engine/typescript/typescript_compiler.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QElapsedTimer timer;
    timer.start();
    botwright::typescript::TypeScriptCompiler compiler;
    QString error;
    if (!compiler.load(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::printf("typescript_load %.1f ms\n", static_cast<double>(timer.nsecsElapsed()) / 1e6);

    QString source;
    for (int i = 0; i < 20; ++i) {
        source += QStringLiteral("interface Item%1 { id: string; count: number; tags?: string[] }\n"
                                 "export async function handle%1(item: Item%1): Promise<number> {\n"
                                 "    const total: number = (item.tags ?? []).length + item.count;\n"
                                 "    if (total > 10) {\n"
                                 "        return total * 2;\n"
                                 "    }\n"
                                 "    const label = `item ${item.id} has ${total}`;\n"
                                 "    console.log(label as string);\n"
                                 "    return total;\n"
                                 "}\n")
                      .arg(i);
    }
    for (int i = 0; i < 5; ++i) { // warm-up
        compiler.transpile(QStringLiteral("warm.ts"), source);
    }
    constexpr int kRounds = 100;
    timer.restart();
    for (int i = 0; i < kRounds; ++i) {
        if (!compiler.transpile(QStringLiteral("bench.ts"), source).ok) {
            std::fprintf(stderr, "transpile failed\n");
            return 1;
        }
    }
    const double perFileMs = static_cast<double>(timer.nsecsElapsed()) / 1e6 / kRounds;
    std::printf("typescript_transpile_200_lines %.2f ms\n", perFileMs);
    std::printf("typescript_transpile_throughput %.0f lines/s\n", 200.0 * 1000.0 / perFileMs);
    return 0;
}
