#pragma once

#include "engine/runtime/vm_supervisor.h"

#include <QAbstractTableModel>

#include <deque>
#include <vector>

namespace botwright::studio {

// The Console's rows: script output (VmLogEntry), the newest `capacity` kept (oldest dropped), shown
// through a level filter. Rows are indices into the kept entries, so a filter change is one pass
// and appending is cheap at any size.
class ConsoleModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, LevelColumn, SourceColumn, MessageColumn, ColumnCount };
    enum class Filter { All, WarningsAndErrors, Errors };
    static constexpr int kDefaultCapacity = 50000;

    explicit ConsoleModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void append(const runtime::VmLogEntry& entry);
    void clear();
    void setFilter(Filter filter);
    Filter filter() const { return m_filter; }
    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }
    int totalCount() const { return static_cast<int>(m_entries.size()); }

    // The entry shown at `row` (valid rows only).
    const runtime::VmLogEntry& entryAt(int row) const;
    // "name.ts:line:col" (or "name.ts:line", "name.ts"), empty without a script.
    static QString sourceText(const runtime::VmLogEntry& entry);
    // Colour for warn/error levels (invalid for the others).
    static QColor levelColor(const QString& level);

private:
    bool accepts(const runtime::VmLogEntry& entry) const;
    void dropOldest(int count);
    void rebuildRows();

    std::deque<runtime::VmLogEntry> m_entries;
    qint64 m_firstId = 0;      // the id (append counter) of m_entries.front()
    std::deque<qint64> m_rows; // ids of the shown entries, ascending
    Filter m_filter = Filter::All;
    int m_capacity = kDefaultCapacity;
};

} // namespace botwright::studio
