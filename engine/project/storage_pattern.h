#pragma once

#include <QString>

#include <optional>

namespace botwright::project {

// Storage key patterns (`deleteAll`, `count`, `list({keyPattern})`) follow PostgreSQL's ILIKE, as
// Botloader keeps buckets in Postgres: case-insensitive; `%` matches any sequence (the empty one too);
// `_` matches exactly one character; `\` makes the next character literal (`\%`, `\_`, `\\`), and a
// pattern may not end in a lone `\`.
//
// How the SQLite database does it: SQLite's LIKE folds ASCII letters only, so each key is stored a
// second time, case-folded here in C++ (Unicode simple case folding, QString::toCaseFolded), in the
// `key_folded` column. A pattern is folded the same way and matched with
// `key_folded LIKE :pattern ESCAPE '\'`. SQLite's LIKE steps through UTF-8 characters, so `_` is one
// code point as in PostgreSQL, and its own ASCII folding changes nothing on folded text. Folding
// (rather than lower-casing) also equates forms such as `ς`/`σ`/`Σ`. The fold follows Qt's Unicode
// tables: the database records foldVersion() and re-folds stored keys when it changes.
class StoragePattern final {
public:
    static constexpr int maxPatternBytes = 50000; // SQLite's LIKE pattern limit (UTF-8 bytes)

    static QString fold(const QString& text);
    // The folded pattern for `LIKE … ESCAPE '\'`, or nullopt and an error for a pattern that
    // PostgreSQL would refuse (a trailing lone `\`) or that is longer than SQLite accepts.
    static std::optional<QString> toSqlLike(const QString& pattern, QString* error);
    // The same matching in C++ (a reference for tests; the database matches in SQL).
    static bool matches(const QString& pattern, const QString& key);
    // Changes whenever fold() may fold differently (Qt's Unicode version, or this algorithm).
    static int foldVersion();
};

} // namespace botwright::project
