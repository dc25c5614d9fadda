#pragma once

#include <QMenu>

class QActionGroup;

namespace botwright::studio {

// Scripts ▸ Clock: fast-forwards the scripts' clock (intervals and scheduled tasks fire as if the
// time had passed), sets its speed, and picks the Botloader plan whose task-operation pace applies.
// The runtime owns the clock; this menu only asks.
class ClockMenu final : public QMenu {
    Q_OBJECT
public:
    explicit ClockMenu(QWidget* parent = nullptr);

    // The menu shows the clock's state as the runtime reports it.
    void showClock(qint64 nowMs, double rate);

Q_SIGNALS:
    void advanceRequested(qint64 ms);
    void rateRequested(double rate);
    void taskRateRequested(int perSecond);

private:
    QAction* m_now;
    QActionGroup* m_rates;
    QActionGroup* m_plans;
};

} // namespace botwright::studio
