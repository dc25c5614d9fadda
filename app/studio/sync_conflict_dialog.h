#pragma once

#include "engine/exporting/sync_plan.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTabWidget;

namespace botwright::studio {

class DiffView;

// One conflict (a script changed here and on the server since the last sync): both sides next to
// each other, the diff between them and each side's changes since the last sync, and three choices:
// Keep Local, Take Server, Skip. The choice is resolution() after accept().
class SyncConflictDialog final : public QDialog {
    Q_OBJECT
public:
    SyncConflictDialog(const exporting::SyncEntry& entry, exporting::SyncDirection direction,
                       QWidget* parent = nullptr);

    exporting::Resolution resolution() const { return m_resolution; }
    void choose(exporting::Resolution resolution); // as the buttons do

    DiffView* localView() const { return m_local; }
    DiffView* serverView() const { return m_server; }
    DiffView* diffView() const { return m_diff; }
    QTabWidget* tabs() const { return m_tabs; }

private:
    exporting::Resolution m_resolution = exporting::Resolution::Unresolved;
    QTabWidget* m_tabs;
    DiffView* m_local;
    DiffView* m_server;
    DiffView* m_diff;
};

} // namespace botwright::studio
