#include "engine/capture/redaction.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstring>

namespace botwright::capture {

namespace {

constexpr int kOpIdentify = 2;
constexpr int kOpResume = 6;
const QByteArray kTokenKey = QByteArrayLiteral("\"token\"");
const QByteArray kQuotedRedacted = QByteArrayLiteral("\"[redacted]\"");

bool isJsonSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Replaces the string value of every "token" key with "[redacted]", byte by byte, so the rest of
// the frame keeps its exact spelling. Works on broken JSON too (an unterminated value is redacted
// to the end). Returns the number of values replaced.
int replaceTokenValues(QByteArray& json) {
    static const QByteArrayMatcher matcher(kTokenKey);
    int replaced = 0;
    qsizetype pos = 0;
    while (true) {
        const qsizetype key = matcher.indexIn(json, pos);
        if (key < 0)
            break;
        const qsizetype n = json.size();
        qsizetype j = key + kTokenKey.size();
        while (j < n && isJsonSpace(json[j]))
            ++j;
        if (j >= n || json[j] != ':') {
            pos = key + 1;
            continue;
        }
        ++j;
        while (j < n && isJsonSpace(json[j]))
            ++j;
        if (j >= n || json[j] != '"') {
            pos = j;
            continue;
        }
        qsizetype k = j + 1;
        while (k < n && json[k] != '"')
            k += json[k] == '\\' ? 2 : 1;
        const qsizetype end = std::min(k, n - 1); // the closing quote, or the last byte
        json.replace(j, end - j + 1, kQuotedRedacted);
        pos = j + kQuotedRedacted.size();
        ++replaced;
    }
    return replaced;
}

// The `d.token` string of an Identify/Resume object, or a null string.
QString identifyToken(const QJsonObject& frame) {
    const int op = frame.value(QLatin1String("op")).toInt(-1);
    if (op != kOpIdentify && op != kOpResume)
        return {};
    const QJsonValue token = frame.value(QLatin1String("d")).toObject().value(QLatin1String("token"));
    return token.isString() ? token.toString() : QString();
}

bool hasUnicodeEscape(const QByteArray& json) {
    const char* p = json.constData();
    const char* end = p + json.size();
    while ((p = static_cast<const char*>(std::memchr(p, '\\', static_cast<size_t>(end - p))))) {
        if (p + 1 < end && p[1] == 'u')
            return true;
        p += 2; // skip the escaped character
        if (p >= end)
            break;
    }
    return false;
}

QByteArray redactImpl(const QByteArray& json, QString* foundToken) {
    static const QByteArrayMatcher tokenKey(kTokenKey);
    const bool mentionsToken = tokenKey.indexIn(json, 0) >= 0;
    // A key spelled with \u escapes could hide "token" from the byte check: parse those too.
    if (!mentionsToken && !hasUnicodeEscape(json))
        return json;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        if (!mentionsToken)
            return json;
        QByteArray out = json; // unparseable: it might be an Identify, so redact every token value
        replaceTokenValues(out);
        return out;
    }
    const QString token = identifyToken(doc.object());
    if (token.isNull() || token == QLatin1String(kRedacted))
        return json;
    if (foundToken)
        *foundToken = token;
    QByteArray out = json;
    replaceTokenValues(out);
    // Verify: a key written with escapes ("\u0074oken") escapes the byte pass; rebuild then.
    if (identifyToken(QJsonDocument::fromJson(out).object()) != QLatin1String(kRedacted)) {
        QJsonObject frame = doc.object();
        QJsonObject d = frame.value(QLatin1String("d")).toObject();
        d.insert(QLatin1String("token"), QLatin1String(kRedacted));
        frame.insert(QLatin1String("d"), d);
        out = QJsonDocument(frame).toJson(QJsonDocument::Compact);
    }
    return out;
}

QByteArray jsonEscaped(const QByteArray& raw, bool escapeSlash) {
    QByteArray out;
    out.reserve(raw.size() + 8);
    for (const char c : raw) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\' || (escapeSlash && c == '/')) {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            out += QByteArrayLiteral("\\u00");
            out += QByteArray::number(u, 16).rightJustified(2, '0');
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

QByteArray redactFrame(const QByteArray& json) {
    return redactImpl(json, nullptr);
}

bool Redactor::addSecret(const QString& secret) {
    if (secret.size() < kMinSecretLength || QLatin1String(kRedacted).contains(secret) ||
        std::find(m_secrets.begin(), m_secrets.end(), secret) != m_secrets.end())
        return false;
    m_secrets.push_back(secret);
    // "Bot <token>": the bare token must be caught on its own as well.
    if (secret.startsWith(QLatin1String("Bot "), Qt::CaseInsensitive))
        addSecret(secret.mid(4).trimmed());
    rebuildPatterns();
    return true;
}

void Redactor::rebuildPatterns() {
    m_patterns.clear();
    for (const QString& secret : m_secrets) {
        // A secret that contains another one is already covered by replacing the shorter one.
        const bool covered = std::any_of(m_secrets.begin(), m_secrets.end(), [&](const QString& other) {
            return other.size() < secret.size() && secret.contains(other);
        });
        if (covered)
            continue;
        const QByteArray raw = secret.toUtf8();
        for (const QByteArray& spelling : {raw, jsonEscaped(raw, false), jsonEscaped(raw, true)}) {
            const bool known = std::any_of(m_patterns.begin(), m_patterns.end(),
                                           [&](const Pattern& p) { return p.bytes == spelling; });
            if (!known)
                m_patterns.push_back(Pattern{spelling, QByteArrayMatcher(spelling)});
        }
    }
    // Longest first, so overlapping spellings are replaced whole.
    std::stable_sort(m_patterns.begin(), m_patterns.end(),
                     [](const Pattern& a, const Pattern& b) { return a.bytes.size() > b.bytes.size(); });
}

void Redactor::clearSecrets() {
    m_secrets.clear();
    m_patterns.clear();
}

QByteArray Redactor::redactSecrets(const QByteArray& bytes) const {
    QByteArray current = bytes;
    for (const Pattern& p : m_patterns) {
        qsizetype hit = p.matcher.indexIn(current, 0);
        if (hit < 0)
            continue;
        QByteArray out;
        out.reserve(current.size());
        qsizetype from = 0;
        while (hit >= 0) {
            out.append(current.constData() + from, hit - from);
            out.append(kRedacted);
            from = hit + p.bytes.size();
            hit = p.matcher.indexIn(current, from);
        }
        out.append(current.constData() + from, current.size() - from);
        current = std::move(out);
    }
    return current;
}

QByteArray Redactor::redact(const QByteArray& json) {
    QString token;
    QByteArray out = redactImpl(json, &token);
    if (!token.isEmpty())
        addSecret(token); // "Bot <token>" also registers the bare token
    return redactSecrets(out);
}

} // namespace botwright::capture
