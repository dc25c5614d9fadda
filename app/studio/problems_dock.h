#pragma once

#include <QDockWidget>

class QLabel;
class QTreeView;

namespace botwright::editor {
class ProblemsModel;
}

namespace botwright::studio {

// The "Problems" dock: the TypeScript errors and warnings of the open project's scripts (from the
// language service, as you type), errors first. Activating a row asks for that file at that line and
// column.
class ProblemsDock final : public QDockWidget {
    Q_OBJECT
public:
    ProblemsDock(editor::ProblemsModel* model, QWidget* parent = nullptr);

    QTreeView* view() const { return m_view; }
    editor::ProblemsModel* model() const { return m_model; }
    QString summary() const;

Q_SIGNALS:
    // 1-based line and column (UTF-16 units, as the language service counts).
    void problemActivated(const QString& path, int line, int column);

private:
    void updateTitle();

    editor::ProblemsModel* m_model;
    QTreeView* m_view;
    QLabel* m_empty;
};

} // namespace botwright::studio
