#pragma once

#include "app/studio/console_model.h"

#include <QDockWidget>

class QComboBox;
class QLabel;
class QTableView;
class QToolButton;

namespace botwright::studio {

// The "Console" dock: what the project's scripts print (and the runtime's own notes), in a
// virtualised table with time, level (warnings and errors coloured), `name.ts:line:col` and the
// message. A level filter, Clear, and follow-the-newest while scrolled to the bottom; clicking a row
// with a position asks for that script at that line and column (positionActivated).
class ConsoleDock final : public QDockWidget {
    Q_OBJECT
public:
    explicit ConsoleDock(QWidget* parent = nullptr);

    ConsoleModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QComboBox* filterBox() const { return m_filter; }
    QToolButton* clearButton() const { return m_clear; }

    void append(const runtime::VmLogEntry& entry);
    void clear();

Q_SIGNALS:
    // `script` is the name without ".ts"; line and column are 1-based (column 0: unknown).
    void positionActivated(const QString& script, int line, int column);

private:
    void onRowClicked(const QModelIndex& index);
    void updateCount();

    ConsoleModel* m_model;
    QTableView* m_table;
    QComboBox* m_filter;
    QToolButton* m_clear;
    QLabel* m_count;
};

} // namespace botwright::studio
