#include "app/studio/traffic_model.h"

#include <QColor>
#include <QDateTime>
#include <QJsonDocument>
#include <QSaveFile>

namespace botwright::studio {

namespace {
QByteArray jsonString(const QByteArray& utf8) {
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (u < 0x20) {
            out += "\\u00";
            out += QByteArray::number(u, 16).rightJustified(2, '0');
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

QByteArray nullable(qint64 value) {
    return value < 0 ? QByteArrayLiteral("null") : QByteArray::number(value);
}

} // namespace

bool exportRows(const capture::CaptureStore& store, const std::vector<quint32>& rows, const QString& path,
                QString* error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QObject::tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    const quint32 n = store.size();
    QByteArray line = QByteArrayLiteral("botwright-capture 1\n");
    file.write(line);
    for (const quint32 i : rows) {
        if (i >= n)
            continue;
        const QByteArray payload = store.payload(i);
        const QString event = store.eventName(i);
        line.clear();
        line += "{\"t_ms\":" + QByteArray::number(store.time(i));
        line += ",\"shard\":" + QByteArray::number(store.shard(i));
        line += store.direction(i) == gateway::Direction::Sent ? ",\"dir\":\"out\"" : ",\"dir\":\"in\"";
        line += ",\"op\":" + QByteArray::number(store.op(i));
        line += ",\"t\":" + (event.isEmpty() ? QByteArrayLiteral("null") : jsonString(event.toUtf8()));
        line += ",\"s\":" + nullable(store.seq(i));
        line += ",\"wire\":" + QByteArray::number(store.wireBytes(i));
        line += ",\"decoded\":" + QByteArray::number(store.decodedBytes(i));
        line += ",\"rtt\":" + nullable(store.heartbeatRtt(i));
        if (QJsonDocument::fromJson(payload).isObject()) {
            QByteArray frame = payload;
            frame.replace('\n', ' ').replace('\r', ' ');
            line += ",\"frame\":" + frame;
        } else {
            line += ",\"frame_text\":" + jsonString(payload);
        }
        line += "}\n";
        if (file.write(line) != line.size())
            break;
    }
    if (!file.commit()) {
        if (error)
            *error = QObject::tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

TrafficModel::TrafficModel(const capture::CaptureStore* store, QObject* parent)
    : QAbstractTableModel(parent)
    , m_store(store) {
    m_seen = m_store ? m_store->size() : 0;
}

int TrafficModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid())
        return 0;
    return m_filtered ? static_cast<int>(m_rows.size()) : static_cast<int>(m_seen);
}

int TrafficModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString TrafficModel::opName(int op) {
    switch (op) {
    case 0:
        return QStringLiteral("Dispatch");
    case 1:
        return QStringLiteral("Heartbeat");
    case 2:
        return QStringLiteral("Identify");
    case 3:
        return QStringLiteral("Presence Update");
    case 4:
        return QStringLiteral("Voice State");
    case 6:
        return QStringLiteral("Resume");
    case 7:
        return QStringLiteral("Reconnect");
    case 8:
        return QStringLiteral("Request Members");
    case 9:
        return QStringLiteral("Invalid Session");
    case 10:
        return QStringLiteral("Hello");
    case 11:
        return QStringLiteral("ACK");
    case 31:
        return QStringLiteral("Soundboard");
    case 43:
        return QStringLiteral("Channel Info");
    case -1:
        return QStringLiteral("undecodable");
    default:
        return QStringLiteral("?");
    }
}

bool TrafficModel::isEmptyFilter(const capture::CaptureFilter& filter) {
    return !filter.ops && !filter.eventNames && !filter.shards && !filter.direction && filter.text.isEmpty();
}

QVariant TrafficModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const quint32 i = storeRow(index.row());
    const int column = index.column();
    if (role == StoreRowRole)
        return QVariant::fromValue(i);
    if (role == Qt::TextAlignmentRole) {
        if (column == ShardColumn || column == SeqColumn || column == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        if (column == DirColumn)
            return QVariant::fromValue(Qt::AlignCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role == Qt::ForegroundRole && column == DirColumn) {
        return m_store->direction(i) == gateway::Direction::Sent ? QColor(0x2f, 0x80, 0xd0)
                                                                 : QColor(0x3a, 0xa0, 0x50);
    }
    if (role == Qt::ToolTipRole && column == DirColumn)
        return m_store->direction(i) == gateway::Direction::Sent ? tr("sent by the client")
                                                                 : tr("received from the gateway");
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(m_store->time(i)).toString(QStringLiteral("hh:mm:ss.zzz"));
    case ShardColumn:
        return m_store->shard(i);
    case DirColumn:
        return m_store->direction(i) == gateway::Direction::Sent ? QStringLiteral("↑ out")
                                                                 : QStringLiteral("↓ in");
    case OpColumn: {
        const int op = m_store->op(i);
        return QStringLiteral("%1 %2").arg(op).arg(opName(op));
    }
    case EventColumn:
        return m_store->eventName(i);
    case SeqColumn: {
        const int seq = m_store->seq(i);
        return seq < 0 ? QVariant() : QVariant(seq);
    }
    case SizeColumn: {
        const quint32 wire = m_store->wireBytes(i), decoded = m_store->decodedBytes(i);
        return wire == decoded ? QString::number(wire) : QStringLiteral("%1 / %2").arg(wire).arg(decoded);
    }
    case RttColumn: {
        const int rtt = m_store->heartbeatRtt(i);
        return rtt < 0 ? QVariant()
                       : QVariant(QStringLiteral("   %1 ms").arg(rtt)); // clear of Size's right edge;
    }
    default:
        return {};
    }
}

QVariant TrafficModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && section == RttColumn)
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && section == SizeColumn)
        return tr("Bytes on the socket / bytes decoded (one number when they are equal)");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ShardColumn:
        return tr("Shard");
    case DirColumn:
        return tr("Dir");
    case OpColumn:
        return tr("Op");
    case EventColumn:
        return tr("Event");
    case SeqColumn:
        return tr("Seq");
    case SizeColumn:
        return tr("Size");
    case RttColumn:
        return tr("RTT");
    default:
        return {};
    }
}

void TrafficModel::setFilter(const capture::CaptureFilter& filter) {
    beginResetModel();
    m_filter = filter;
    m_seen = m_store ? m_store->size() : 0;
    m_filtered = !isEmptyFilter(filter);
    if (m_filtered) {
        m_rows = m_store->filter(m_filter, 0, m_seen);
    } else {
        m_rows.clear();
        m_rows.shrink_to_fit();
    }
    endResetModel();
}

int TrafficModel::refresh() {
    if (!m_store)
        return 0;
    const quint32 n = m_store->size();
    if (n < m_seen) { // the store was cleared (or swapped): start over
        setFilter(m_filter);
        return 0;
    }
    if (n == m_seen)
        return 0;
    if (!m_filtered) {
        const quint32 before = m_seen;
        beginInsertRows({}, static_cast<int>(before), static_cast<int>(n) - 1);
        m_seen = n;
        endInsertRows();
        return static_cast<int>(n - before);
    }
    std::vector<quint32> added = m_store->filter(m_filter, m_seen, n);
    m_seen = n;
    if (added.empty())
        return 0;
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
    m_rows.insert(m_rows.end(), added.begin(), added.end());
    endInsertRows();
    return static_cast<int>(added.size());
}

} // namespace botwright::studio
