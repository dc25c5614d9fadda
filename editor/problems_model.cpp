#include "editor/problems_model.h"

#include <QApplication>
#include <QFileInfo>
#include <QStyle>

#include <algorithm>

namespace botwright::editor {

namespace {
int severityRank(const QString& category) {
    if (category == QLatin1String("error"))
        return 0;
    if (category == QLatin1String("warning"))
        return 1;
    return 2;
}
} // namespace

ProblemsModel::ProblemsModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void ProblemsModel::setProblems(const QString& path, const QList<typescript::LsDiagnostic>& diagnostics) {
    const auto existing = m_byFile.constFind(path);
    if (diagnostics.isEmpty() && existing == m_byFile.cend())
        return;
    if (diagnostics.isEmpty())
        m_byFile.remove(path);
    else
        m_byFile.insert(path, diagnostics);
    rebuild();
}

void ProblemsModel::clearFile(const QString& path) {
    if (m_byFile.remove(path) > 0)
        rebuild();
}

void ProblemsModel::clear() {
    m_byFile.clear();
    rebuild();
}

void ProblemsModel::rebuild() {
    beginResetModel();
    m_rows.clear();
    for (auto it = m_byFile.cbegin(); it != m_byFile.cend(); ++it)
        for (const typescript::LsDiagnostic& d : it.value())
            m_rows.append(Problem{it.key(), d});
    std::sort(m_rows.begin(), m_rows.end(), [](const Problem& a, const Problem& b) {
        const int ra = severityRank(a.diagnostic.category);
        const int rb = severityRank(b.diagnostic.category);
        if (ra != rb)
            return ra < rb;
        if (a.path != b.path)
            return a.path < b.path;
        const auto& pa = a.diagnostic.range.start;
        const auto& pb = b.diagnostic.range.start;
        return pa.line != pb.line ? pa.line < pb.line : pa.character < pb.character;
    });
    endResetModel();
    Q_EMIT countsChanged();
}

int ProblemsModel::errorCount() const {
    return static_cast<int>(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Problem& p) {
        return p.diagnostic.category == QLatin1String("error");
    }));
}

int ProblemsModel::warningCount() const {
    return static_cast<int>(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Problem& p) {
        return p.diagnostic.category == QLatin1String("warning");
    }));
}

QHash<QString, int> ProblemsModel::errorsByFile() const {
    QHash<QString, int> out;
    for (const Problem& p : m_rows)
        if (p.diagnostic.category == QLatin1String("error"))
            ++out[p.path];
    return out;
}

int ProblemsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ProblemsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Problem& p = m_rows.at(index.row());
    const auto& start = p.diagnostic.range.start;
    switch (role) {
    case PathRole:
        return p.path;
    case LineRole:
        return start.line + 1;
    case ColumnRole:
        return start.character + 1;
    case CategoryRole:
        return p.diagnostic.category;
    case Qt::ToolTipRole:
        return QStringLiteral("%1:%2:%3\nTS%4: %5")
            .arg(p.path)
            .arg(start.line + 1)
            .arg(start.character + 1)
            .arg(p.diagnostic.code)
            .arg(p.diagnostic.message);
    case Qt::DecorationRole:
        if (index.column() == SeverityColumn) {
            const QStyle::StandardPixmap icon =
                p.diagnostic.category == QLatin1String("error")
                    ? QStyle::SP_MessageBoxCritical
                    : (p.diagnostic.category == QLatin1String("warning") ? QStyle::SP_MessageBoxWarning
                                                                         : QStyle::SP_MessageBoxInformation);
            return QApplication::style()->standardIcon(icon);
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            return p.diagnostic.category;
        case MessageColumn:
            return QStringLiteral("%1 (TS%2)")
                .arg(p.diagnostic.message.section(QLatin1Char('\n'), 0, 0))
                .arg(p.diagnostic.code);
        case FileColumn:
            return QFileInfo(p.path).fileName();
        case PositionColumn:
            return QStringLiteral("%1:%2").arg(start.line + 1).arg(start.character + 1);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case MessageColumn:
        return tr("Problem");
    case FileColumn:
        return tr("File");
    case PositionColumn:
        return tr("Line:Col");
    default:
        return {};
    }
}

} // namespace botwright::editor
