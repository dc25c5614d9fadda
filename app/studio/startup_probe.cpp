#include "app/studio/startup_probe.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QTimer>
#include <QWidget>

#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace botwright::studio {

namespace {

// Milliseconds since this process started, from the kernel's start time of the process.
double millisecondsSinceProcessStart() {
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(19).toDouble(); // field 22 of the whole line
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const double nowMs = static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6;
    return nowMs - startTicks * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

long residentKib() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLong();
        }
    }
    return -1;
}

} // namespace

StartupProbe::StartupProbe(QWidget* window, int idleMilliseconds)
    : QObject(window)
    , m_idleMs(idleMilliseconds) {
    window->installEventFilter(this);
}

void StartupProbe::attach(QWidget* window, int idleMilliseconds) {
    new StartupProbe(window, idleMilliseconds);
}

bool StartupProbe::eventFilter(QObject* watched, QEvent* event) {
    if (!m_done && event->type() == QEvent::Paint) {
        m_done = true;
        QTimer::singleShot(0, this, &StartupProbe::report);
    }
    return QObject::eventFilter(watched, event);
}

void StartupProbe::report() {
    std::printf("startup-shown %.1f\n", millisecondsSinceProcessStart());
    std::fflush(stdout);
    QTimer::singleShot(m_idleMs, this, [] {
        std::printf("idle-rss-kib %ld\n", residentKib());
        std::fflush(stdout);
        QCoreApplication::exit(0);
    });
}

} // namespace botwright::studio
