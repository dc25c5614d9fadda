#pragma once

#include "engine/pipeline/breakpoint.h"
#include "engine/pipeline/pipeline_trace.h"

#include <QDockWidget>
#include <QHash>
#include <QPointer>

#include <functional>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;
class QTimer;
class QToolButton;
class QVBoxLayout;

namespace botwright::studio {

class PayloadEditDialog;
class PipelineEventModel;
class PipelineStageView;
class ScriptRuntimeHost;

// The "Pipeline" dock: recent events as they pass the handler → transformer → event stages, the
// selected one's stages side by side (PipelineStageView), and the controls of the pipeline's
// debugger: Step (F10), Continue (F5), Drop, Edit payload…, Replay from a stage, Breakpoints….
// A paused event is selected and highlighted, and the dock shows itself; "N waiting" counts the
// events queued behind it. Everything goes through the ScriptRuntimeHost (the pipeline lives on
// the runtime's thread). Hidden, the dock takes no trace updates; shown, it fetches the ring.
class PipelineDock final : public QDockWidget {
    Q_OBJECT
public:
    explicit PipelineDock(ScriptRuntimeHost* host, QWidget* parent = nullptr);

    PipelineEventModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QLineEdit* filterEdit() const { return m_filter; }
    PipelineStageView* stageView() const { return m_stages; }
    PipelineStageView* originalView() const { return m_original; }
    QLabel* waitingLabel() const { return m_waitingLabel; }
    QLabel* messageLabel() const { return m_message; }
    QAction* stepAction() const { return m_step; }
    QAction* continueAction() const { return m_continue; }
    QAction* dropAction() const { return m_drop; }
    QAction* editAction() const { return m_edit; }
    QAction* compareAction() const { return m_compare; }
    QAction* breakpointsAction() const { return m_breakpointsAction; }
    QToolButton* replayButton() const { return m_replay; }
    // The open Edit payload dialog, or null.
    PayloadEditDialog* payloadDialog() const;

    qint64 pausedId() const { return m_pausedId; }
    int waiting() const { return m_waiting; }
    qint64 selectedId() const;
    void selectRecord(qint64 id);

    QList<pipeline::Breakpoint> breakpoints() const { return m_breakpoints; }
    void setBreakpoints(const QList<pipeline::Breakpoint>& breakpoints);
    // Adds a breakpoint; false with `error` when the condition does not parse.
    bool addBreakpoint(const QString& eventType, pipeline::Stage stage, const QString& condition = {},
                       QString* error = nullptr);
    // Runs a dispatch (Discord `t` and `d`) through the pipeline again and selects its record.
    void replayDispatch(const QByteArray& type, const QByteArray& payload, pipeline::Stage from);
    // Replays the selected event from `from`; the new record is compared with the original.
    void replaySelected(pipeline::Stage from);
    void openBreakpoints();
    void editPayload();

Q_SIGNALS:
    void positionActivated(const QString& script, int line, int column);

private:
    void buildToolBar(QWidget* parent, QVBoxLayout* layout);
    void onTraced(const pipeline::TraceRecord& record);
    void onPaused(const pipeline::TraceRecord& record);
    void onUnpaused();
    void onSnapshot(const QList<pipeline::TraceRecord>& records, qint64 pausedId, int waiting);
    void onReplayStarted(qint64 newId, qint64 originalId, const QString& error);
    void flush();
    void showSelected();
    void updateControls();
    void setMessage(const QString& text, bool warn = false);
    void onContextMenu(const QPoint& pos);
    void fillStageMenu(QMenu* menu, const QString& text, const std::function<void(pipeline::Stage)>& fn);

    ScriptRuntimeHost* m_host;
    PipelineEventModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table;
    QLineEdit* m_filter = nullptr;
    QSplitter* m_compareSplit;
    PipelineStageView* m_stages;
    PipelineStageView* m_original;
    QLabel* m_waitingLabel = nullptr;
    QLabel* m_message = nullptr;
    QAction* m_step = nullptr;
    QAction* m_continue = nullptr;
    QAction* m_drop = nullptr;
    QAction* m_edit = nullptr;
    QAction* m_compare = nullptr;
    QAction* m_breakpointsAction = nullptr;
    QToolButton* m_replay = nullptr;
    QTimer* m_flushTimer;
    QHash<qint64, pipeline::TraceRecord> m_pending; // traced, not yet in the model
    QList<pipeline::Breakpoint> m_breakpoints;
    QPointer<PayloadEditDialog> m_editDialog;
    qint64 m_pausedId = 0;
    int m_waiting = 0;
    qint64 m_selectWhenSeen = 0; // a replay's record, selected when it arrives
    bool m_watching = false;
};

} // namespace botwright::studio
