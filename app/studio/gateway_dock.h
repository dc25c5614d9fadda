#pragma once

#include "engine/gateway/gateway_host.h"

#include <QDockWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QTimer;

namespace botwright::studio {

class TimeChart; // a small QPainter line chart over a sliding time window (gateway_dock.cpp)

// The "Gateway" dock: the studio's own bot connection shard by shard — state, session, sequence,
// heartbeat RTT and interval, why a shard stopped — with a heartbeat RTT chart (last 5 minutes, one
// line per shard), an events-per-second chart (last 2 minutes) and buttons that reconnect the
// selected shard (resuming or with a new session) or close it with a chosen code.
class GatewayDock final : public QDockWidget {
    Q_OBJECT
public:
    explicit GatewayDock(gateway::GatewayHost* host, QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }
    // Points currently held in shard `shardId`'s RTT line (0 when it has none yet).
    int rttPointCount(int shardId) const;
    // Points currently held in the events-per-second line.
    int eventRatePointCount() const;
    QString statusText() const;
    // The shard of the selected table row, or -1.
    int selectedShard() const;

    static constexpr int kRttWindowMs = 5 * 60 * 1000;
    static constexpr int kRateWindowMs = 2 * 60 * 1000;

Q_SIGNALS:
    // After every table refresh (a statusReady answer).
    void refreshed();

private:
    void showStatus(const QList<gateway::ShardStatus>& shards);
    void addRtt(int shardId, int rttMs);
    void tickRate();
    void updateButtons();
    void setStatus(const QString& text, bool error = false);

    gateway::GatewayHost* m_host;
    QTableWidget* m_table = nullptr;
    QPushButton* m_resume = nullptr;
    QPushButton* m_fresh = nullptr;
    QPushButton* m_close = nullptr;
    QComboBox* m_closeCode = nullptr;
    QLabel* m_status = nullptr;
    QTimer* m_poll = nullptr;

    TimeChart* m_rttChart = nullptr;
    TimeChart* m_rateChart = nullptr;
    int m_eventsThisSecond = 0;
};

} // namespace botwright::studio
