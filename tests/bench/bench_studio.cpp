// Start-up figures of the studio: launches `botwright --measure-startup` five times in a private home
// and prints the median time to the first painted window, and idle memory. Two clocks: the
// kernel start time of the process (10 ms granularity) and the launcher's wall clock around it.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    constexpr int kRuns = 5;
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QStringLiteral("/.config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.path() + QStringLiteral("/.local/share"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.path() + QStringLiteral("/.cache"));
    if (!env.contains(QStringLiteral("DISPLAY")) && !env.contains(QStringLiteral("QT_QPA_PLATFORM"))) {
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    }

    std::vector<double> shown;
    std::vector<double> wall;
    std::vector<double> rss;
    for (int run = 0; run <= kRuns;
         ++run) { // run 0 is the first start ever (copies the example): not counted
        QProcess studio;
        studio.setProcessEnvironment(env);
        QElapsedTimer timer;
        timer.start();
        studio.start(QStringLiteral(BOTWRIGHT_BIN_DIR "/botwright"), {QStringLiteral("--measure-startup")});
        double shownMs = -1;
        double wallMs = -1;
        while (studio.waitForReadyRead(30000) || studio.canReadLine()) {
            while (studio.canReadLine()) {
                const QList<QByteArray> fields = studio.readLine().trimmed().split(' ');
                if (fields.value(0) == "startup-shown") {
                    shownMs = fields.value(1).toDouble();
                    wallMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
                } else if (fields.value(0) == "idle-rss-kib" && run > 0) {
                    rss.push_back(fields.value(1).toDouble() / 1024.0);
                }
            }
            if (studio.state() == QProcess::NotRunning) {
                break;
            }
        }
        studio.waitForFinished(30000);
        if (shownMs < 0) {
            std::fprintf(stderr, "botwright did not report start-up: %s\n",
                         studio.readAllStandardError().constData());
            return 1;
        }
        if (run > 0) {
            shown.push_back(shownMs);
            wall.push_back(wallMs);
        }
    }
    std::printf("studio_cold_start_to_shown_median %.1f ms\n", median(shown));
    std::printf("studio_cold_start_to_shown_min %.1f ms\n", *std::min_element(shown.begin(), shown.end()));
    std::printf("studio_launch_to_shown_wall_median %.1f ms\n", median(wall));
    std::printf("studio_start_runs %d count\n", kRuns);
    std::printf("studio_idle_rss_median %.1f MiB\n", median(rss));
    return 0;
}
