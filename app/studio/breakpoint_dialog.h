#pragma once

#include "engine/pipeline/breakpoint.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace botwright::studio {

// Pipeline ▸ Breakpoints…: the list of breakpoints (on/off, event type, stage, condition, hits)
// with an editor to add one or change the selected one. A condition is checked as it is typed
// (BreakpointCondition::parse) and a wrong one cannot be added.
class BreakpointDialog final : public QDialog {
    Q_OBJECT
public:
    explicit BreakpointDialog(const QList<pipeline::Breakpoint>& breakpoints, QWidget* parent = nullptr);

    QList<pipeline::Breakpoint> breakpoints() const { return m_breakpoints; }

    QTableWidget* table() const { return m_table; }
    QComboBox* eventTypeBox() const { return m_type; }
    QComboBox* stageBox() const { return m_stage; }
    QLineEdit* conditionEdit() const { return m_condition; }
    QLabel* conditionError() const { return m_error; }
    QPushButton* addButton() const { return m_add; }
    QPushButton* replaceButton() const { return m_replace; }
    QPushButton* removeButton() const { return m_remove; }

    // The Discord dispatch types offered in the event type box (any other text is accepted too).
    static QStringList commonEventTypes();

private:
    void fillTable();
    void validate();
    bool editorBreakpoint(pipeline::Breakpoint* out) const;
    void loadSelected();

    QList<pipeline::Breakpoint> m_breakpoints;
    QTableWidget* m_table;
    QComboBox* m_type;
    QComboBox* m_stage;
    QLineEdit* m_condition;
    QLabel* m_error;
    QPushButton* m_add;
    QPushButton* m_replace;
    QPushButton* m_remove;
    QDialogButtonBox* m_buttons;
    bool m_filling = false;
};

} // namespace botwright::studio
