#include "app/studio/console_model.h"

#include <QColor>
#include <QDateTime>

#include <algorithm>

namespace botwright::studio {

ConsoleModel::ConsoleModel(QObject* parent)
    : QAbstractTableModel(parent) {}

int ConsoleModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ConsoleModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

const runtime::VmLogEntry& ConsoleModel::entryAt(int row) const {
    return m_entries[static_cast<size_t>(m_rows[static_cast<size_t>(row)] - m_firstId)];
}

QString ConsoleModel::sourceText(const runtime::VmLogEntry& entry) {
    if (entry.script.isEmpty())
        return {};
    QString text = entry.script + QStringLiteral(".ts");
    if (entry.line > 0) {
        text += QLatin1Char(':') + QString::number(entry.line);
        if (entry.column > 0)
            text += QLatin1Char(':') + QString::number(entry.column);
    }
    return text;
}

QColor ConsoleModel::levelColor(const QString& level) {
    if (level == QLatin1String("error"))
        return QColor(0xd3, 0x2f, 0x2f);
    if (level == QLatin1String("warn"))
        return QColor(0xc7, 0x7c, 0x02);
    return {};
}

QVariant ConsoleModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const runtime::VmLogEntry& entry = entryAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(entry.timeMs).toString(QStringLiteral("HH:mm:ss.zzz"));
        case LevelColumn:
            return entry.level;
        case SourceColumn:
            return sourceText(entry);
        case MessageColumn: {
            // One line per row; the tooltip has the whole message.
            const qsizetype newline = entry.message.indexOf(QLatin1Char('\n'));
            return newline < 0 ? entry.message : entry.message.left(newline) + QStringLiteral(" …");
        }
        default:
            return {};
        }
    case Qt::ForegroundRole: {
        const QColor color = levelColor(entry.level);
        return color.isValid() ? QVariant(color) : QVariant();
    }
    case Qt::ToolTipRole:
        return index.column() == MessageColumn ? QVariant(entry.message) : QVariant();
    default:
        return {};
    }
}

QVariant ConsoleModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case LevelColumn:
        return tr("Level");
    case SourceColumn:
        return tr("Source");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

bool ConsoleModel::accepts(const runtime::VmLogEntry& entry) const {
    switch (m_filter) {
    case Filter::All:
        return true;
    case Filter::WarningsAndErrors:
        return entry.level == QLatin1String("warn") || entry.level == QLatin1String("error");
    case Filter::Errors:
        return entry.level == QLatin1String("error");
    }
    return true;
}

void ConsoleModel::append(const runtime::VmLogEntry& entry) {
    if (static_cast<int>(m_entries.size()) >= m_capacity)
        dropOldest(static_cast<int>(m_entries.size()) - m_capacity + 1);
    const qint64 id = m_firstId + static_cast<qint64>(m_entries.size());
    m_entries.push_back(entry);
    if (!accepts(entry))
        return;
    const int row = static_cast<int>(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.push_back(id);
    endInsertRows();
}

void ConsoleModel::dropOldest(int count) {
    if (count <= 0)
        return;
    const qint64 newFirst = m_firstId + count;
    const auto shownDropped =
        static_cast<int>(std::lower_bound(m_rows.begin(), m_rows.end(), newFirst) - m_rows.begin());
    if (shownDropped > 0) {
        beginRemoveRows({}, 0, shownDropped - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + shownDropped);
    }
    m_entries.erase(m_entries.begin(), m_entries.begin() + count);
    m_firstId = newFirst;
    if (shownDropped > 0)
        endRemoveRows();
}

void ConsoleModel::clear() {
    beginResetModel();
    m_firstId += static_cast<qint64>(m_entries.size());
    m_entries.clear();
    m_rows.clear();
    endResetModel();
}

void ConsoleModel::setFilter(Filter filter) {
    if (filter == m_filter)
        return;
    m_filter = filter;
    rebuildRows();
}

void ConsoleModel::setCapacity(int capacity) {
    m_capacity = std::max(1, capacity);
    if (static_cast<int>(m_entries.size()) > m_capacity)
        dropOldest(static_cast<int>(m_entries.size()) - m_capacity);
}

void ConsoleModel::rebuildRows() {
    beginResetModel();
    m_rows.clear();
    for (size_t i = 0; i < m_entries.size(); ++i)
        if (accepts(m_entries[i]))
            m_rows.push_back(m_firstId + static_cast<qint64>(i));
    endResetModel();
}

} // namespace botwright::studio
