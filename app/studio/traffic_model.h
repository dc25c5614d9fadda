#pragma once

#include "engine/capture/capture_store.h"

#include <QAbstractTableModel>

#include <vector>

namespace botwright::studio {

// Writes `rows` of `store` to `path` as a capture file (docs/capture-format.md: the header line,
// then one JSON object per frame), atomically. Returns false with a sentence in *error on failure.
bool exportRows(const capture::CaptureStore& store, const std::vector<quint32>& rows, const QString& path,
                QString* error);

// The "Live Traffic" table over a CaptureStore, virtualised: it never copies a row. Without a
// filter row r is store row r; with one, a vector of matching store rows maps table rows to store
// rows. data() is O(1) either way, so a million frames scroll as smoothly as ten.
class TrafficModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        ShardColumn,
        DirColumn,
        OpColumn,
        EventColumn,
        SeqColumn,
        SizeColumn,
        RttColumn,
        ColumnCount
    };
    // data(index, StoreRowRole): the store row shown at that table row (quint32).
    static constexpr int StoreRowRole = Qt::UserRole + 1;

    explicit TrafficModel(const capture::CaptureStore* store, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Recomputes the shown rows for every frame stored so far (a model reset). An empty filter
    // shows every row without allocating an index vector.
    void setFilter(const capture::CaptureFilter& filter);
    const capture::CaptureFilter& filter() const { return m_filter; }
    bool isFiltered() const { return m_filtered; }

    // Picks up frames appended since the last call (inserting only the matching new rows). Returns
    // how many table rows were added. Call from the thread that owns the model.
    int refresh();

    // The store row behind table row `row` (row < rowCount()).
    quint32 storeRow(int row) const {
        return m_filtered ? m_rows[static_cast<size_t>(row)] : static_cast<quint32>(row);
    }
    // Frames in the store that the model has seen (shown or not).
    quint32 seenFrames() const { return m_seen; }

    static QString opName(int op);
    static bool isEmptyFilter(const capture::CaptureFilter& filter);

private:
    const capture::CaptureStore* m_store;
    capture::CaptureFilter m_filter;
    bool m_filtered = false;
    std::vector<quint32> m_rows; // store rows shown, ascending (only while filtered)
    quint32 m_seen = 0;          // store rows [0, m_seen) have been considered
};

} // namespace botwright::studio
