#pragma once

#include "engine/typescript/language_service.h"

#include <QAbstractTableModel>
#include <QHash>

namespace botwright::editor {

// Every diagnostic of the project's scripts: one row per problem, errors first, then by file and
// position. The "Problems" dock shows it; activating a row opens the file at the problem.
class ProblemsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { SeverityColumn, MessageColumn, FileColumn, PositionColumn, ColumnCount };
    enum Role { PathRole = Qt::UserRole + 1, LineRole, ColumnRole, CategoryRole };

    struct Problem {
        QString path; // absolute file path
        typescript::LsDiagnostic diagnostic;
    };

    explicit ProblemsModel(QObject* parent = nullptr);

    // Replaces the problems of one file (an empty list clears it).
    void setProblems(const QString& path, const QList<typescript::LsDiagnostic>& diagnostics);
    void clearFile(const QString& path);
    void clear();

    const Problem& problem(int row) const { return m_rows.at(row); }
    int errorCount() const;
    int warningCount() const;
    // path → number of errors (files with none are absent).
    QHash<QString, int> errorsByFile() const;
    QList<typescript::LsDiagnostic> diagnosticsFor(const QString& path) const { return m_byFile.value(path); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

Q_SIGNALS:
    void countsChanged();

private:
    void rebuild();

    QHash<QString, QList<typescript::LsDiagnostic>> m_byFile;
    QList<Problem> m_rows;
};

} // namespace botwright::editor
