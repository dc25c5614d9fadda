#include "app/studio/pipeline_event_model.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>

#include <algorithm>

namespace botwright::studio {

using pipeline::TraceRecord;

namespace {
QString plural(int n, const char* one, const char* many) {
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}
} // namespace

PipelineEventModel::PipelineEventModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void PipelineEventModel::upsert(const TraceRecord& record) {
    if (const int row = rowOf(record.id); row >= 0) {
        m_records[static_cast<size_t>(row)] = record;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    // Nearly always the newest: append; otherwise insert in id order.
    const auto at = std::upper_bound(m_records.begin(), m_records.end(), record.id,
                                     [](qint64 id, const TraceRecord& r) { return id < r.id; });
    const int row = static_cast<int>(at - m_records.begin());
    beginInsertRows({}, row, row);
    m_records.insert(at, record);
    reindex(row);
    endInsertRows();
    trim();
}

void PipelineEventModel::reset(const QList<TraceRecord>& records) {
    beginResetModel();
    m_records.assign(records.begin(), records.end());
    std::sort(m_records.begin(), m_records.end(),
              [](const TraceRecord& a, const TraceRecord& b) { return a.id < b.id; });
    if (static_cast<int>(m_records.size()) > m_capacity)
        m_records.erase(m_records.begin(), m_records.end() - m_capacity);
    m_rows.clear();
    reindex(0);
    endResetModel();
}

void PipelineEventModel::clear() {
    beginResetModel();
    m_records.clear();
    m_rows.clear();
    m_pausedId = 0;
    endResetModel();
}

void PipelineEventModel::setCapacity(int records) {
    m_capacity = std::max(1, records);
    trim();
}

void PipelineEventModel::trim() {
    const int excess = static_cast<int>(m_records.size()) - m_capacity;
    if (excess <= 0)
        return;
    beginRemoveRows({}, 0, excess - 1);
    for (int i = 0; i < excess; ++i)
        m_rows.remove(m_records[static_cast<size_t>(i)].id);
    m_records.erase(m_records.begin(), m_records.begin() + excess);
    reindex(0);
    endRemoveRows();
}

void PipelineEventModel::reindex(int from) {
    for (int i = from; i < static_cast<int>(m_records.size()); ++i)
        m_rows.insert(m_records[static_cast<size_t>(i)].id, i);
}

void PipelineEventModel::setPausedId(qint64 id) {
    if (id == m_pausedId)
        return;
    const int before = rowOf(m_pausedId);
    m_pausedId = id;
    for (const int row : {before, rowOf(id)})
        if (row >= 0)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

const TraceRecord* PipelineEventModel::record(qint64 id) const {
    const int row = rowOf(id);
    return row >= 0 ? &m_records[static_cast<size_t>(row)] : nullptr;
}

int PipelineEventModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_records.size());
}

int PipelineEventModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString PipelineEventModel::eventText(const TraceRecord& r) {
    QString text = QString::fromLatin1(r.type);
    if (!r.sdkEvent.isEmpty() && r.sdkEvent != r.type)
        text += QStringLiteral(" → ") + QString::fromLatin1(r.sdkEvent);
    else if (!r.sdkEvent.isEmpty() && text.isEmpty())
        text = QString::fromLatin1(r.sdkEvent);
    if (r.replayOf > 0)
        text += QStringLiteral("  (replay of #%1)").arg(r.replayOf);
    else if (r.replayOf < 0)
        text += QStringLiteral("  (replayed dispatch)");
    return text;
}

QString PipelineEventModel::statusText(const TraceRecord& r) {
    QString text;
    switch (r.status) {
    case TraceRecord::Status::Queued:
        text = tr("queued");
        break;
    case TraceRecord::Status::Paused:
        text = tr("paused before %1").arg(pipeline::stageName(r.pausedBefore));
        break;
    case TraceRecord::Status::Stopped:
        text = r.stopReason.isEmpty() ? tr("stopped") : tr("stopped: %1").arg(r.stopReason);
        break;
    case TraceRecord::Status::Failed:
        text = r.transformError.isEmpty() ? tr("failed") : tr("failed: %1").arg(r.transformError);
        break;
    case TraceRecord::Status::Delivered:
        text = tr("running");
        break;
    case TraceRecord::Status::Done:
        text = r.errors.isEmpty() ? tr("done") : tr("error");
        break;
    case TraceRecord::Status::Dropped:
        text = tr("dropped");
        break;
    }
    if (r.edited)
        text += tr(" · edited");
    return text;
}

QString PipelineEventModel::outcomeText(const TraceRecord& r) {
    QStringList parts;
    if (!r.logs.isEmpty())
        parts << plural(static_cast<int>(r.logs.size()), "log", "logs");
    if (!r.ops.isEmpty())
        parts << plural(static_cast<int>(r.ops.size()), "op", "ops");
    if (!r.errors.isEmpty())
        parts << plural(static_cast<int>(r.errors.size()), "error", "errors");
    return parts.join(QStringLiteral(" · "));
}

QString PipelineEventModel::outcomeDifference(const TraceRecord& a, const TraceRecord& b) {
    const auto logs = [](const TraceRecord& r) {
        QStringList lines;
        for (const pipeline::LogTrace& log : r.logs)
            lines << log.level + u' ' + log.message;
        return lines;
    };
    const auto ops = [](const TraceRecord& r) {
        QStringList lines;
        for (const pipeline::OpTrace& op : r.ops)
            lines << op.op + QString::fromUtf8(op.args) + (op.ok ? u'+' : u'-');
        return lines;
    };
    QStringList parts;
    if (a.sdkEvent != b.sdkEvent || a.status != b.status)
        parts << tr("route");
    if (a.transformed != b.transformed)
        parts << tr("payload");
    if (logs(a) != logs(b))
        parts << tr("console");
    if (ops(a) != ops(b))
        parts << tr("ops");
    if (a.errors != b.errors)
        parts << tr("errors");
    return parts.join(QStringLiteral(", "));
}

double PipelineEventModel::totalMs(const TraceRecord& r) {
    return static_cast<double>(r.handlerNs + r.transformNs + r.eventNs) / 1e6;
}

QVariant PipelineEventModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const TraceRecord& r = m_records[static_cast<size_t>(index.row())];
    const bool paused = r.id == m_pausedId && m_pausedId != 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return QStringLiteral("#%1").arg(r.id);
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(r.receivedMs).toString(QStringLiteral("HH:mm:ss.zzz"));
        case EventColumn:
            return eventText(r);
        case StatusColumn:
            return statusText(r);
        case ListenersColumn:
            return r.status == TraceRecord::Status::Done ? QVariant(r.listeners) : QVariant();
        case OutcomeColumn:
            return outcomeText(r);
        case MsColumn:
            return QString::number(totalMs(r), 'f', 3);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn || index.column() == OutcomeColumn)
            return statusText(r) + (r.errors.isEmpty() ? QString() : u'\n' + r.errors.join(u'\n'));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ListenersColumn || index.column() == MsColumn || index.column() == IdColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::BackgroundRole:
        if (paused)
            return QBrush(QColor(0xFF, 0xE0, 0x82));
        return {};
    case Qt::ForegroundRole:
        if (paused)
            return QBrush(QColor(0x21, 0x21, 0x21));
        if (!r.errors.isEmpty() || r.status == TraceRecord::Status::Failed)
            return QBrush(QColor(0xC6, 0x28, 0x28));
        if (r.status == TraceRecord::Status::Stopped || r.status == TraceRecord::Status::Dropped)
            return QBrush(QColor(0x80, 0x80, 0x80));
        return {};
    case Qt::FontRole:
        if (paused) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case TraceIdRole:
        return r.id;
    default:
        return {};
    }
}

QVariant PipelineEventModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("#");
    case TimeColumn:
        return tr("Time");
    case EventColumn:
        return tr("Event (t → SDK)");
    case StatusColumn:
        return tr("Status");
    case ListenersColumn:
        return tr("Listeners");
    case OutcomeColumn:
        return tr("Outcome");
    case MsColumn:
        return tr("ms");
    default:
        return {};
    }
}

} // namespace botwright::studio
