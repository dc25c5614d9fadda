#pragma once

#include <QObject>

class QWidget;

namespace botwright::studio {

// For `botwright --measure-startup` (used by tests/bench/bench_studio): once the window has painted
// for the first time, prints `startup-shown <ms since process start>`, waits while idle, prints
// `idle-rss-kib <resident memory>`, and quits.
class StartupProbe final : public QObject {
    Q_OBJECT
public:
    static void attach(QWidget* window, int idleMilliseconds);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    StartupProbe(QWidget* window, int idleMilliseconds);
    void report();

    int m_idleMs;
    bool m_done = false;
};

} // namespace botwright::studio
