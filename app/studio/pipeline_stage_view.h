#pragma once

#include "engine/pipeline/pipeline_trace.h"

#include <QWidget>

class QLabel;
class QTreeView;
class QTreeWidget;

namespace botwright::studio {

class JsonTreeModel;
class PipelineOutcomeView;

// One trace record, its stages side by side: Raw dispatch | Handled | Transformed | Event outcome.
// The stage a paused event waits before is highlighted; stages it has not reached say so. The
// Transformed pane lists what the transformer renamed, converted, dropped and added (asked for
// with transformTraceWanted(), given with setTransformTrace()), and the raw tree marks those paths.
class PipelineStageView final : public QWidget {
    Q_OBJECT
public:
    explicit PipelineStageView(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    void showRecord(const pipeline::TraceRecord& record);
    void showNothing(const QString& why);
    qint64 recordId() const { return m_id; }
    // The transform trace of the shown record ([{"kind","path","before","after"}, …]).
    void setTransformTrace(qint64 recordId, const QByteArray& json);

    JsonTreeModel* rawModel() const { return m_rawModel; }
    JsonTreeModel* transformedModel() const { return m_transformedModel; }
    QTreeWidget* changes() const { return m_changes; }
    PipelineOutcomeView* outcome() const { return m_outcome; }
    QLabel* handledText() const { return m_handled; }
    // The header of stage pane 0–3 (raw, handler, transformer, event).
    QLabel* stageHeader(int pane) const { return m_headers[pane]; }

Q_SIGNALS:
    void transformTraceWanted(qint64 recordId);
    void positionActivated(const QString& script, int line, int column);

private:
    QWidget* pane(int index, const QString& title, QWidget* body);
    void setHeader(int pane, const QString& state, const QString& detail, const QString& colour);

    qint64 m_id = 0;
    QByteArray m_shownTransformed;
    QLabel* m_title;
    QLabel* m_headers[4] = {};
    QLabel* m_details[4] = {};
    JsonTreeModel* m_rawModel;
    QTreeView* m_rawTree;
    QLabel* m_handled;
    JsonTreeModel* m_transformedModel;
    QTreeView* m_transformedTree;
    QTreeWidget* m_changes;
    QLabel* m_changeSummary;
    PipelineOutcomeView* m_outcome;
    QLabel* m_outcomeSummary;
};

} // namespace botwright::studio
