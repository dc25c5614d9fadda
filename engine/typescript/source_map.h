#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace botwright::typescript {

// A decoded source map (v3): generated line/column → original line/column. Lines and columns are
// 1-based in the API, as editors and stack traces count them.
class SourceMap final {
public:
    struct Position {
        bool found = false;
        int source = -1; // index into sources()
        int line = 0;
        int column = 0;
    };

    // Parses the JSON of a v3 map; false (and `error`) when it is not one.
    bool parse(const QByteArray& json, QString* error = nullptr);
    bool isEmpty() const { return m_lines.empty(); }
    const QStringList& sources() const { return m_sources; }
    // The original position of generated (line, column): the closest mapping at or before it on the
    // same line.
    Position lookup(int line, int column) const;

private:
    struct Segment {
        int generatedColumn;
        int source;
        int line;
        int column;
    };
    QStringList m_sources;
    std::vector<std::vector<Segment>> m_lines; // per generated line (0-based)
};

} // namespace botwright::typescript
