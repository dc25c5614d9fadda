#pragma once

#include "engine/exporting/script_validation.h"
#include "engine/exporting/sync_plan.h"

#include <QDialog>

class QLabel;
class QListWidget;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace botwright::studio {

class DiffView;
class SyncConflictDialog;

// Sync ▸ Push… / Pull…: the plan before anything happens. One row per script (what will happen and
// why), the diff of the selected script, validation errors and warnings, and the conflicts, each
// resolved in a SyncConflictDialog (double-click or Resolve…). The Push/Pull button stays disabled
// while a conflict is unresolved or a validation error remains.
class SyncReviewDialog final : public QDialog {
    Q_OBJECT
public:
    SyncReviewDialog(exporting::SyncPlan plan, const QString& projectName, const QString& guildName,
                     QWidget* parent = nullptr);

    // The plan with the person's resolutions.
    const exporting::SyncPlan& plan() const { return m_plan; }
    void setIssues(const QList<exporting::ValidationIssue>& issues);
    void addNote(const QString& note);
    void setResolution(const QString& script, exporting::Resolution resolution);
    // Selects a script's row (its diff shows).
    void selectScript(const QString& script);
    // Opens the conflict dialog for a script (window-modal); its choice becomes the resolution.
    SyncConflictDialog* openConflict(const QString& script);
    bool canApply() const;

    QTreeWidget* entries() const { return m_entries; }
    DiffView* diffView() const { return m_diff; }
    QListWidget* issues() const { return m_issues; }
    QPushButton* applyButton() const { return m_apply; }

private:
    void fillEntries();
    void updateRow(QTreeWidgetItem* item);
    void showSelected();
    void refresh();

    exporting::SyncPlan m_plan;
    QList<exporting::ValidationIssue> m_validation;
    QStringList m_notes;
    QLabel* m_summary;
    QTreeWidget* m_entries;
    QLabel* m_diffCaption;
    DiffView* m_diff;
    QPushButton* m_resolve;
    QListWidget* m_issues;
    QLabel* m_blocked;
    QPushButton* m_apply;
};

} // namespace botwright::studio
