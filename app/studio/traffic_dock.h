#pragma once

#include "app/studio/traffic_model.h" // exportRows
#include "engine/capture/capture_store.h"
#include "engine/pipeline/pipeline_trace.h"

#include <QDockWidget>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPlainTextEdit;
class QSpinBox;
class QStringListModel;
class QTableView;
class QTimer;
class QToolButton;
class QTreeWidget;

namespace botwright::studio {

// The "Live Traffic" dock: every gateway frame of the session in a virtualised table (a million
// rows scroll smoothly), a filter bar (op, event, shard, direction, text), follow / pause, and a
// detail pane for the selected frame (JSON tree and pretty-printed text).
class TrafficDock final : public QDockWidget {
    Q_OBJECT
public:
    explicit TrafficDock(const capture::CaptureStore* store, QWidget* parent = nullptr);

    TrafficModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QTreeWidget* jsonTree() const { return m_tree; }
    QPlainTextEdit* rawText() const { return m_raw; }
    QString statusText() const;

    // The filter the bar describes, and applying it now (edits apply it after a short debounce).
    capture::CaptureFilter currentFilter() const;
    void applyFilter();
    // Picks up new frames (the dock does this every 100 ms while visible).
    void refresh();
    // Store rows of the selected table rows, ascending.
    std::vector<quint32> selectedStoreRows() const;
    bool isFollowing() const;
    void setFollowing(bool follow);
    // The table's context menu for `tableRow` (the caller owns it): for a received dispatch, break on
    // its type before a pipeline stage, or run it through the pipeline again.
    QMenu* contextMenu(int tableRow, QWidget* parent);

Q_SIGNALS:
    void breakRequested(const QString& eventType, botwright::pipeline::Stage stage);
    void replayRequested(const QByteArray& type, const QByteArray& data);

private:
    QWidget* buildFilterBar(QWidget* parent);
    QWidget* buildDetail(QWidget* parent);
    void showFrame(int tableRow);
    void updateStatus();
    void updateEventNames();
    void exportSelection();

    const capture::CaptureStore* m_store;
    TrafficModel* m_model = nullptr;
    QComboBox* m_op = nullptr;
    QLineEdit* m_event = nullptr;
    QStringListModel* m_eventNames = nullptr;
    int m_knownEventNames = 0;
    QSpinBox* m_shard = nullptr;
    QComboBox* m_direction = nullptr;
    QLineEdit* m_text = nullptr;
    QToolButton* m_follow = nullptr;
    QTableView* m_table = nullptr;
    QTreeWidget* m_tree = nullptr;
    QPlainTextEdit* m_raw = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_detailTitle = nullptr;
    QTimer* m_debounce = nullptr;
    QTimer* m_tick = nullptr;
};

} // namespace botwright::studio
