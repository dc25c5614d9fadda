#pragma once

#include <QByteArray>
#include <QByteArrayMatcher>
#include <QString>

#include <vector>

namespace botwright::capture {

// What every secret is replaced with.
inline constexpr char kRedacted[] = "[redacted]";

// Replaces `d.token` in Identify (op 2) and Resume (op 6) frames with "[redacted]", keeping the
// rest of the bytes as they were. A frame that mentions a "token" key but cannot be parsed has
// every "token" string value redacted (it might be an Identify). Other frames come back as they
// are (no copy). Interaction tokens (INTERACTION_CREATE d.token) are not gateway secrets and stay.
QByteArray redactFrame(const QByteArray& json);

// Replaces secrets in frame bytes before capture stores them:
//  - `d.token` in Identify and Resume frames (redactFrame), and
//  - every occurrence of a registered secret anywhere in the bytes (plain substring replacement:
//    fast, and it also catches a token pasted into message content, an error string or after a
//    "Bot " prefix). Secrets shorter than 8 characters are ignored.
// A token seen in an Identify or Resume frame is registered as a secret automatically (without
// its "Bot " prefix), so a token that later shows up in free text is caught even when nobody
// called addSecret for it. Not thread-safe: one Redactor per appending thread.
class Redactor final {
public:
    static constexpr qsizetype kMinSecretLength = 8;

    // Returns false when the secret is ignored (too short, already known, or part of "[redacted]").
    bool addSecret(const QString& secret);
    void clearSecrets();
    int secretCount() const { return static_cast<int>(m_secrets.size()); }

    // Redacted copy of `json` (the same shared bytes, no copy, when nothing had to change).
    QByteArray redact(const QByteArray& json);
    // Secret replacement only (for text that is not a frame, such as an event name).
    QByteArray redactSecrets(const QByteArray& bytes) const;

private:
    struct Pattern {
        QByteArray bytes;
        QByteArrayMatcher matcher;
    };
    void rebuildPatterns();
    std::vector<QString> m_secrets;
    std::vector<Pattern> m_patterns; // longest first, raw and JSON-escaped spellings
};

} // namespace botwright::capture
