#include "app/studio/clock_menu.h"

#include <QActionGroup>
#include <QDateTime>

namespace botwright::studio {

ClockMenu::ClockMenu(QWidget* parent)
    : QMenu(tr("&Clock"), parent)
    , m_now(addAction(tr("Scripts' clock: real time")))
    , m_rates(new QActionGroup(this))
    , m_plans(new QActionGroup(this)) {
    setObjectName(QStringLiteral("clockMenu"));
    m_now->setEnabled(false);
    addSeparator();
    struct Step {
        const char* text;
        qint64 ms;
        const char* name;
    };
    const Step steps[] = {{QT_TR_NOOP("Fast-forward 1 &minute"), 60000, "clock.advance.minute"},
                          {QT_TR_NOOP("Fast-forward 10 m&inutes"), 600000, "clock.advance.tenMinutes"},
                          {QT_TR_NOOP("Fast-forward 1 &hour"), 3600000, "clock.advance.hour"},
                          {QT_TR_NOOP("Fast-forward 1 &day"), 86400000, "clock.advance.day"}};
    for (const Step& step : steps) {
        QAction* a = addAction(tr(step.text));
        a->setObjectName(QLatin1String(step.name));
        connect(a, &QAction::triggered, this, [this, ms = step.ms] { Q_EMIT advanceRequested(ms); });
    }
    addSeparator();
    struct Rate {
        const char* text;
        double rate;
        const char* name;
    };
    const Rate rates[] = {{QT_TR_NOOP("&Real time"), 1.0, "clock.rate.real"},
                          {QT_TR_NOOP("A minute per second (60×)"), 60.0, "clock.rate.minute"},
                          {QT_TR_NOOP("An hour per second (3600×)"), 3600.0, "clock.rate.hour"}};
    for (const Rate& r : rates) {
        QAction* a = addAction(tr(r.text));
        a->setObjectName(QLatin1String(r.name));
        a->setCheckable(true);
        a->setChecked(r.rate == 1.0);
        a->setData(r.rate);
        m_rates->addAction(a);
        connect(a, &QAction::triggered, this, [this, rate = r.rate] { Q_EMIT rateRequested(rate); });
    }
    addSeparator();
    addAction(tr("Task operations (Botloader plan):"))->setEnabled(false);
    struct Plan {
        const char* text;
        int perSecond;
        const char* name;
    };
    const Plan plans[] = {{QT_TR_NOOP("&Free: 1 per second"), 1, "tasks.rate.free"},
                          {QT_TR_NOOP("&Lite: 2 per second"), 2, "tasks.rate.lite"},
                          {QT_TR_NOOP("&Premium: 10 per second"), 10, "tasks.rate.premium"},
                          {QT_TR_NOOP("&No limit"), 0, "tasks.rate.none"}};
    for (const Plan& p : plans) {
        QAction* a = addAction(tr(p.text));
        a->setObjectName(QLatin1String(p.name));
        a->setCheckable(true);
        a->setChecked(p.perSecond == 1);
        m_plans->addAction(a);
        connect(a, &QAction::triggered, this, [this, n = p.perSecond] { Q_EMIT taskRateRequested(n); });
    }
}

void ClockMenu::showClock(qint64 nowMs, double rate) {
    const QString when =
        QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    const qint64 ahead = nowMs - QDateTime::currentMSecsSinceEpoch();
    m_now->setText(
        ahead > 1000
            ? tr("Scripts' clock: %1 (%2 ahead)").arg(when, QStringLiteral("%1 min").arg(ahead / 60000))
            : tr("Scripts' clock: %1").arg(when));
    for (QAction* a : m_rates->actions())
        a->setChecked(a->data().toDouble() == rate);
}

} // namespace botwright::studio
