#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace botwright::pipeline {

// What the transformer did to one Discord payload, for the studio's stage view: every key it
// renamed, every value it converted, every key it dropped and every value it supplied itself.
// Paths name the Discord side with dots and [indexes], e.g. "mentions[0].member.joined_at".
class TransformTrace final {
public:
    enum class Kind {
        Renamed,   // before = Discord key, after = SDK key
        Converted, // before = Discord value (JSON text), after = SDK value (JSON text)
        Dropped,   // before = the dropped value (JSON text, shortened), after empty
        Added,     // a value the payload lacked: path = parent path + SDK key, after = value
    };
    struct Entry {
        Kind kind = Kind::Renamed;
        QString path;
        QString before;
        QString after;
    };

    void record(Kind kind, QString path, QString before, QString after);
    void clear() { m_entries.clear(); }

    const QList<Entry>& entries() const { return m_entries; }
    bool isEmpty() const { return m_entries.isEmpty(); }
    int count(Kind kind) const;
    // The first entry of `kind` at `path`, or nullptr.
    const Entry* find(Kind kind, QStringView path) const;

    // One line per entry: "renamed channel_id → channelId", "converted timestamp: "…" → 1704…".
    QString toText() const;
    // [{"kind":"renamed","path":…,"before":…,"after":…}, …] for captures and the studio.
    QByteArray toJson() const;

    static QString kindName(Kind kind);

private:
    QList<Entry> m_entries;
};

} // namespace botwright::pipeline
