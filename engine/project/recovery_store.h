#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace botwright::project {

struct RecoveredEdit {
    QString path; // the script the text belongs to
    QString text; // its unsaved text
    QDateTime savedAt;
};

// Keeps copies of unsaved editor text so a crash or a killed process never loses an edit: one JSON
// file per script in a private folder, written atomically, removed once the script is saved or the
// edit is deliberately discarded.
class RecoveryStore final {
public:
    explicit RecoveryStore(QString directory = defaultDirectory());

    static QString defaultDirectory(); // <app data>/recovery

    bool store(const QString& path, const QString& text, QString* error) const;
    void discard(const QString& path) const;
    QList<RecoveredEdit> entries() const; // oldest first

private:
    QString fileFor(const QString& path) const;
    QString m_directory;
};

} // namespace botwright::project
