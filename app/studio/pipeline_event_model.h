#pragma once

#include "engine/pipeline/pipeline_trace.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

namespace botwright::studio {

// The Pipeline dock's list of recent events: one row per trace record, ordered by id, updated in
// place as the record moves through the stages (queued → paused → done). Keeps the newest
// `capacity` records, like the pipeline's own trace ring.
class PipelineEventModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        TimeColumn,
        EventColumn,
        StatusColumn,
        ListenersColumn,
        OutcomeColumn,
        MsColumn,
        ColumnCount
    };
    // data(index, TraceIdRole): the record's id (qint64).
    static constexpr int TraceIdRole = Qt::UserRole + 1;

    explicit PipelineEventModel(QObject* parent = nullptr);

    // Adds the record, or replaces the one with its id.
    void upsert(const pipeline::TraceRecord& record);
    // Replaces everything (a snapshot of the pipeline's ring).
    void reset(const QList<pipeline::TraceRecord>& records);
    void clear();
    void setCapacity(int records);
    int capacity() const { return m_capacity; }

    // The paused event's row is highlighted; 0: none.
    void setPausedId(qint64 id);
    qint64 pausedId() const { return m_pausedId; }

    int rowOf(qint64 id) const { return m_rows.value(id, -1); }
    const pipeline::TraceRecord& recordAt(int row) const { return m_records[static_cast<size_t>(row)]; }
    const pipeline::TraceRecord* record(qint64 id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "MESSAGE_CREATE → MESSAGE_CREATE", "TYPING_START", "… (replay of #4)".
    static QString eventText(const pipeline::TraceRecord& record);
    // "done", "paused before transformer", "stopped: nobody listens", "failed: …", "dropped".
    static QString statusText(const pipeline::TraceRecord& record);
    // "2 logs · 1 op · 1 error"; empty when the listeners printed and called nothing.
    static QString outcomeText(const pipeline::TraceRecord& record);
    // What differs between two records' outcomes (a replay and its original): "console, ops", or
    // empty when they match (route, payload, console lines, ops, errors).
    static QString outcomeDifference(const pipeline::TraceRecord& a, const pipeline::TraceRecord& b);
    // Handler + transformer + listeners, in ms.

    static double totalMs(const pipeline::TraceRecord& record);

private:
    void trim();
    void reindex(int from);

    std::vector<pipeline::TraceRecord> m_records; // ascending id
    QHash<qint64, int> m_rows;                    // id → row
    qint64 m_pausedId = 0;
    int m_capacity = 1000;
};

} // namespace botwright::studio
