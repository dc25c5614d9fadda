#include "app/studio/gateway_dock.h"

#include "engine/protocol/gateway_constants.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMetaEnum>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <utility>

namespace botwright::studio {

namespace {
enum Column { ColId, ColState, ColSession, ColSeq, ColRtt, ColInterval, ColStop, ColumnCount };
constexpr std::size_t kMaxRttPoints = 2000; // a 300 ms heartbeat over 5 minutes is 1000
constexpr int kRateTickMs = 1000;

QPushButton* button(const QString& text, QWidget* parent) {
    auto* b = new QPushButton(text, parent);
    b->setAutoDefault(false);
    return b;
}

QString stateName(gateway::Shard::State state) {
    const char* key = QMetaEnum::fromType<gateway::Shard::State>().valueToKey(static_cast<int>(state));
    return key ? QString::fromLatin1(key) : QStringLiteral("?");
}

QString millis(int ms, int none) {
    return ms == none ? QStringLiteral("—") : QStringLiteral("%1 ms").arg(ms);
}

} // namespace

// A line chart of (time, value) points over the last `windowMs`, one line per key, drawn with
// QPainter: y from 0 to a round number above the highest point, x from "-window" to "now".
class TimeChart final : public QWidget {
public:
    TimeChart(const QString& title, const QString& unit, int windowMs, QWidget* parent)
        : QWidget(parent)
        , m_title(title)
        , m_unit(unit)
        , m_windowMs(windowMs) {
        setMinimumSize(240, 150);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    }

    void add(int key, const QString& name, double value, std::size_t maxPoints) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        Line& line = m_lines[key];
        line.name = name;
        line.points.emplace_back(now, value);
        while (!line.points.empty() &&
               (line.points.front().first < now - m_windowMs || line.points.size() > maxPoints))
            line.points.pop_front();
        update();
    }
    int count(int key) const {
        const auto it = m_lines.find(key);
        return it == m_lines.end() ? 0 : static_cast<int>(it->second.points.size());
    }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QPalette pal = palette();
        p.fillRect(rect(), pal.color(QPalette::Base));
        const QFontMetrics fm(font());
        const int lineH = fm.height();
        double top = 0;
        for (const auto& [key, line] : m_lines)
            for (const auto& point : line.points)
                top = std::max(top, point.second);
        // Four grid steps of a round size (1, 2, 5 × 10^n) above the highest point.
        double step = 1;
        for (int i = 0; step * 4 < top * 1.15; ++i)
            step *= i % 3 == 1 ? 2.5 : 2; // 1, 2, 5, 10, 20, 50 …
        top = step * 4;
        const int labelW = fm.horizontalAdvance(QString::number(top, 'f', 0)) + 6;
        const int tail = fm.horizontalAdvance(tr("now")) / 2 + 4;
        const QRect plot = rect().adjusted(labelW + 4, lineH + 8, -tail, -(lineH + 6));
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(4, 2, width() - 8, lineH + 2), Qt::AlignLeft | Qt::AlignVCenter,
                   QStringLiteral("%1 (%2)").arg(m_title, m_unit));
        if (plot.width() < 20 || plot.height() < 20)
            return;
        // Grid and labels.
        const QColor grid = pal.color(QPalette::Mid);
        for (int i = 0; i <= 4; ++i) {
            const int y = plot.bottom() - plot.height() * i / 4;
            p.setPen(QPen(grid, 1, i == 0 ? Qt::SolidLine : Qt::DotLine));
            p.drawLine(plot.left(), y, plot.right(), y);
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QRect(0, y - lineH / 2, labelW, lineH), Qt::AlignRight | Qt::AlignVCenter,
                       QString::number(top * i / 4, 'f', 0));
        }
        const int minutes = m_windowMs / 60000;
        for (int i = 0; i <= minutes; ++i) {
            const int x = plot.left() + plot.width() * i / minutes;
            const QString text = i == minutes ? tr("now") : QStringLiteral("-%1m").arg(minutes - i);
            p.drawText(QRect(x - 30, plot.bottom() + 3, 60, lineH), Qt::AlignHCenter | Qt::AlignTop, text);
        }
        // Lines.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        auto at = [&](const std::pair<qint64, double>& point) {
            const double fx = 1.0 - static_cast<double>(now - point.first) / m_windowMs;
            return QPointF(plot.left() + std::clamp(fx, 0.0, 1.0) * plot.width(),
                           plot.bottom() - point.second / top * plot.height());
        };
        int index = 0, legendX = plot.right();
        for (const auto& [key, line] : m_lines) {
            const QColor color = kColors[index++ % std::size(kColors)];
            QPainterPath path;
            for (std::size_t i = 0; i < line.points.size(); ++i)
                i == 0 ? path.moveTo(at(line.points[i])) : path.lineTo(at(line.points[i]));
            p.setPen(QPen(color, 1.5));
            p.setBrush(Qt::NoBrush);
            p.drawPath(path);
            if (line.points.size() < 200) // dots while they can be told apart
                for (const auto& point : line.points)
                    p.drawEllipse(at(point), 1.8, 1.8);
            if (m_lines.size() > 1) {
                legendX -= fm.horizontalAdvance(line.name) + 18;
                p.fillRect(QRect(legendX, 6, 10, lineH - 6), color);
                p.setPen(pal.color(QPalette::Text));
                p.drawText(legendX + 13, 2 + fm.ascent(), line.name);
            }
        }
    }

private:
    static constexpr QRgb kColors[] = {0x1e88e5, 0xe53935, 0x43a047, 0xfb8c00, 0x8e24aa, 0x00897b};
    struct Line {
        QString name;
        std::deque<std::pair<qint64, double>> points;
    };
    QString m_title, m_unit;
    int m_windowMs;
    std::map<int, Line> m_lines;
};

GatewayDock::GatewayDock(gateway::GatewayHost* host, QWidget* parent)
    : QDockWidget(tr("Gateway"), parent)
    , m_host(host) {
    setObjectName(QStringLiteral("gatewayDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);

    m_table = new QTableWidget(0, ColumnCount, body);
    m_table->setObjectName(QStringLiteral("shardTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Shard"), tr("State"), tr("Session"), tr("Seq"), tr("RTT"), tr("Heartbeat"), tr("Stop reason")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ColStop, QHeaderView::Stretch);

    auto* buttons = new QHBoxLayout;
    m_resume = button(tr("Reconnect (resume)"), body);
    m_fresh = button(tr("Reconnect (new session)"), body);
    m_closeCode = new QComboBox(body);
    for (int code : {4000, 4001, 4002, 4003, 4005, 4007, 4008, 4009, 1000, 1001})
        m_closeCode->addItem(QStringLiteral("%1 — %2").arg(code).arg(protocol::closeCodeReason(code)), code);
    m_closeCode->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_closeCode->setMinimumContentsLength(16);
    m_close = button(tr("Close with code"), body);
    buttons->addWidget(m_resume);
    buttons->addWidget(m_fresh);
    buttons->addStretch(1);
    buttons->addWidget(m_closeCode, 2);
    buttons->addWidget(m_close);

    m_status = new QLabel(tr("Not connected."), body);
    m_status->setObjectName(QStringLiteral("gatewayStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* split = new QSplitter(Qt::Vertical, body);
    split->addWidget(m_table);
    auto* charts = new QWidget(split);
    auto* chartRow = new QHBoxLayout(charts);
    chartRow->setContentsMargins(0, 0, 0, 0);
    m_rttChart = new TimeChart(tr("Heartbeat RTT"), tr("ms"), kRttWindowMs, charts);
    m_rttChart->setObjectName(QStringLiteral("rttChart"));
    m_rateChart = new TimeChart(tr("Events per second"), tr("dispatch/s"), kRateWindowMs, charts);
    m_rateChart->setObjectName(QStringLiteral("rateChart"));
    chartRow->addWidget(m_rttChart, 1);
    chartRow->addWidget(m_rateChart, 1);
    split->addWidget(charts);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setSizes({110, 330});
    layout->addWidget(split, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    setWidget(body);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, &GatewayDock::updateButtons);
    connect(m_resume, &QPushButton::clicked, this, [this] {
        if (const int shard = selectedShard(); shard >= 0) {
            m_host->reconnect(shard, true);
            setStatus(tr("Asked shard %1 to reconnect and resume.").arg(shard));
        }
    });
    connect(m_fresh, &QPushButton::clicked, this, [this] {
        if (const int shard = selectedShard(); shard >= 0) {
            m_host->reconnect(shard, false);
            setStatus(tr("Asked shard %1 to reconnect with a new session.").arg(shard));
        }
    });
    connect(m_close, &QPushButton::clicked, this, [this] {
        const int shard = selectedShard(), code = m_closeCode->currentData().toInt();
        if (shard < 0)
            return;
        m_host->closeShard(shard, code);
        setStatus(
            tr("Closed shard %1 with %2 (%3).").arg(shard).arg(code).arg(protocol::closeCodeReason(code)));
    });

    connect(m_host, &gateway::GatewayHost::statusReady, this, &GatewayDock::showStatus);
    connect(m_host, &gateway::GatewayHost::heartbeatAcked, this, &GatewayDock::addRtt);
    connect(m_host, &gateway::GatewayHost::dispatches, this, [this](const gateway::DispatchBatch& batch) {
        m_eventsThisSecond += static_cast<int>(batch.size());
    });
    connect(m_host, &gateway::GatewayHost::started, this, [this](int shards, int concurrency) {
        setStatus(tr("Connected: %n shard(s), max concurrency %1.", nullptr, shards).arg(concurrency));
        m_host->requestStatus();
    });
    connect(m_host, &gateway::GatewayHost::failed, this,
            [this](const QString& reason) { setStatus(tr("Gateway failed: %1").arg(reason), true); });
    connect(m_host, &gateway::GatewayHost::shardStateChanged, this, [this] {
        if (isVisible())
            m_host->requestStatus();
    });

    m_poll = new QTimer(this);
    m_poll->setInterval(500);
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (isVisible())
            m_host->requestStatus();
    });
    m_poll->start();
    auto* rate = new QTimer(this);
    rate->setInterval(kRateTickMs);
    connect(rate, &QTimer::timeout, this, &GatewayDock::tickRate);
    rate->start();
    updateButtons();
}

int GatewayDock::rttPointCount(int shardId) const {
    return m_rttChart->count(shardId);
}

int GatewayDock::eventRatePointCount() const {
    return m_rateChart->count(0);
}

QString GatewayDock::statusText() const {
    return m_status->text();
}

int GatewayDock::selectedShard() const {
    const QList<QTableWidgetItem*> items = m_table->selectedItems();
    if (items.isEmpty())
        return -1;
    const QTableWidgetItem* id = m_table->item(items.first()->row(), ColId);
    return id ? id->data(Qt::UserRole).toInt() : -1;
}

void GatewayDock::showStatus(const QList<gateway::ShardStatus>& shards) {
    const int selected = selectedShard();
    const QSignalBlocker block(m_table);
    m_table->setRowCount(static_cast<int>(shards.size()));
    int row = 0;
    for (const gateway::ShardStatus& s : shards) {
        auto set = [this, row](int column, const QString& text, const QVariant& value = {}) {
            QTableWidgetItem* item = m_table->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_table->setItem(row, column, item);
            }
            item->setText(text);
            item->setData(Qt::UserRole, value);
            return item;
        };
        set(ColId, QStringLiteral("%1 / %2").arg(s.shardId).arg(s.shardCount), s.shardId);
        set(ColState, stateName(s.state))
            ->setForeground(s.state == gateway::Shard::State::Ready     ? QColor(0x2e, 0x7d, 0x32)
                            : s.state == gateway::Shard::State::Stopped ? QColor(0xc6, 0x28, 0x28)
                                                                        : palette().color(QPalette::Text));
        const QString shortId =
            s.sessionId.size() > 10 ? s.sessionId.left(8) + QStringLiteral("…") : s.sessionId;
        set(ColSession, s.sessionId.isEmpty() ? QStringLiteral("—") : shortId, s.sessionId)
            ->setToolTip(s.sessionId);
        set(ColSeq, QString::number(s.seq), s.seq);
        set(ColRtt, millis(s.lastRttMs, -1), s.lastRttMs);
        set(ColInterval, millis(s.heartbeatIntervalMs, 0), s.heartbeatIntervalMs);
        set(ColStop, s.stopReason)->setToolTip(s.stopReason);
        if (s.shardId == selected)
            m_table->selectRow(row);
        ++row;
    }
    // The one shard of a small bot is selected without a click.
    if (selected < 0 && m_table->rowCount() == 1)
        m_table->selectRow(0);
    updateButtons();
    Q_EMIT refreshed();
}

void GatewayDock::addRtt(int shardId, int rttMs) {
    m_rttChart->add(shardId, tr("Shard %1").arg(shardId), rttMs, kMaxRttPoints);
}

void GatewayDock::tickRate() {
    m_rateChart->add(0, tr("dispatch"), std::exchange(m_eventsThisSecond, 0),
                     kRateWindowMs / kRateTickMs + 1);
}

void GatewayDock::updateButtons() {
    const bool any = selectedShard() >= 0;
    for (QWidget* w : {static_cast<QWidget*>(m_resume), static_cast<QWidget*>(m_fresh),
                       static_cast<QWidget*>(m_close), static_cast<QWidget*>(m_closeCode)})
        w->setEnabled(any);
}

void GatewayDock::setStatus(const QString& text, bool error) {
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
}

} // namespace botwright::studio
