#pragma once

#include "engine/pipeline/pipeline_trace.h"

#include <QTreeWidget>

namespace botwright::studio {

// The event stage of one trace record: the console lines the listeners wrote (with their
// `name.ts:line:column`, click to open), the ops they issued with request and response, and the
// errors they threw. A tree with one branch per kind.
class PipelineOutcomeView final : public QTreeWidget {
    Q_OBJECT
public:
    enum Column { KindColumn, TextColumn, WhereColumn, ColumnCount };
    // data(0, PositionRole) on an item with a position: QStringList{script, line, column}.
    static constexpr int PositionRole = Qt::UserRole + 1;

    explicit PipelineOutcomeView(QWidget* parent = nullptr);

    void showRecord(const pipeline::TraceRecord& record);
    void showNothing(const QString& why);

    QTreeWidgetItem* consoleBranch() const { return m_console; }
    QTreeWidgetItem* opsBranch() const { return m_ops; }
    QTreeWidgetItem* errorsBranch() const { return m_errors; }

    // Finds `name.ts:line:column` (or `name.ts:line`) in `text`; false when there is none.
    static bool findPosition(const QString& text, QString* script, int* line, int* column);

Q_SIGNALS:
    void positionActivated(const QString& script, int line, int column);

private:
    void onItemActivated(QTreeWidgetItem* item);
    QTreeWidgetItem* branch(const QString& title, int count);

    QTreeWidgetItem* m_console = nullptr;
    QTreeWidgetItem* m_ops = nullptr;
    QTreeWidgetItem* m_errors = nullptr;
};

} // namespace botwright::studio
