#include "engine/project/storage_pattern.h"

#include <QChar>
#include <QList>

namespace botwright::project {

namespace {

constexpr char32_t kEscape = U'\\';
constexpr int kAlgorithmVersion = 1; // bump when fold() changes

// Matches code points with `%`, `_` and `\` escapes; `%` runs are handled by backtracking to the
// last `%` only, which is enough for LIKE (no other construct can make an earlier choice matter).
bool matchFolded(const QList<uint>& pattern, const QList<uint>& text) {
    qsizetype p = 0;
    qsizetype t = 0;
    qsizetype starP = -1;
    qsizetype starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == U'%') {
            starP = ++p;
            starT = t;
            continue;
        }
        if (p < pattern.size()) {
            uint want = pattern[p];
            qsizetype width = 1;
            const bool escaped = want == kEscape && p + 1 < pattern.size();
            if (escaped) {
                want = pattern[p + 1];
                width = 2;
            }
            if ((!escaped && want == U'_') || want == text[t]) {
                p += width;
                ++t;
                continue;
            }
        }
        if (starP < 0) {
            return false;
        }
        p = starP;
        t = ++starT;
    }
    while (p < pattern.size() && pattern[p] == U'%') {
        ++p;
    }
    return p == pattern.size();
}

} // namespace

QString StoragePattern::fold(const QString& text) {
    return text.toCaseFolded();
}

std::optional<QString> StoragePattern::toSqlLike(const QString& pattern, QString* error) {
    if (pattern.toUtf8().size() > maxPatternBytes) {
        *error = QStringLiteral("key pattern too long (max %1 bytes)").arg(maxPatternBytes);
        return std::nullopt;
    }
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == QLatin1Char('\\')) {
            if (i + 1 == pattern.size()) {
                *error = QStringLiteral("LIKE pattern must not end with escape character");
                return std::nullopt;
            }
            ++i;
        }
    }
    return fold(pattern);
}

bool StoragePattern::matches(const QString& pattern, const QString& key) {
    QString ignored;
    const std::optional<QString> like = toSqlLike(pattern, &ignored);
    return like && matchFolded(like->toUcs4(), fold(key).toUcs4());
}

int StoragePattern::foldVersion() {
    return kAlgorithmVersion * 1000 + static_cast<int>(QChar::currentUnicodeVersion());
}

} // namespace botwright::project
