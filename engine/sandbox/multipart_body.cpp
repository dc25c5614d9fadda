#include "engine/sandbox/multipart_body.h"

#include <QUrl>

#include <utility>

namespace botwright::sandbox {

namespace {

constexpr QByteArrayView kCrlf("\r\n");

bool isTokenChar(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 32 || u >= 127)
        return false;
    return !QByteArrayView("()<>@,;:\\\"/[]?={}").contains(c);
}

bool isBoundaryChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           QByteArrayView("'()+_,-./:=? ").contains(c);
}

QByteArrayView trimmed(QByteArrayView v) {
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

// A header value of the form `type; name=value; name="quoted \" value"` (RFC 9110 §5.6.6).
struct HeaderValue {
    QByteArray type;                                       // lower case
    std::vector<std::pair<QByteArray, QByteArray>> params; // names lower case
    QByteArray rawParams;
    QString error;

    const QByteArray* param(QByteArrayView name) const {
        for (const auto& [key, value] : params)
            if (key == name)
                return &value;
        return nullptr;
    }
};

HeaderValue parseHeaderValue(QByteArrayView text) {
    HeaderValue out;
    const qsizetype semicolon = text.indexOf(';');
    out.type = trimmed(semicolon < 0 ? text : text.first(semicolon)).toByteArray().toLower();
    if (semicolon < 0)
        return out;
    qsizetype i = semicolon + 1;
    out.rawParams = trimmed(text.sliced(i)).toByteArray();
    const qsizetype n = text.size();
    while (i < n) {
        while (i < n && (text[i] == ' ' || text[i] == '\t'))
            ++i;
        if (i == n)
            break;
        qsizetype start = i;
        while (i < n && isTokenChar(text[i]))
            ++i;
        const QByteArray name = text.sliced(start, i - start).toByteArray().toLower();
        while (i < n && (text[i] == ' ' || text[i] == '\t'))
            ++i;
        if (name.isEmpty() || i == n || text[i] != '=') {
            out.error = QStringLiteral("a parameter without a value");
            return out;
        }
        ++i;
        while (i < n && (text[i] == ' ' || text[i] == '\t'))
            ++i;
        QByteArray value;
        if (i < n && text[i] == '"') {
            ++i;
            bool closed = false;
            while (i < n) {
                const char c = text[i++];
                if (c == '"') {
                    closed = true;
                    break;
                }
                if (c == '\\' && i < n)
                    value += text[i++];
                else
                    value += c;
            }
            if (!closed) {
                out.error = QStringLiteral("an unterminated quoted string");
                return out;
            }
        } else {
            start = i;
            while (i < n && text[i] != ';' && text[i] != ' ' && text[i] != '\t')
                ++i;
            value = text.sliced(start, i - start).toByteArray();
        }
        while (i < n && (text[i] == ' ' || text[i] == '\t'))
            ++i;
        if (i < n && text[i] != ';') {
            out.error = QStringLiteral("text after the parameter %1").arg(QString::fromLatin1(name));
            return out;
        }
        ++i;
        if (out.param(name)) {
            out.error = QStringLiteral("the parameter %1 appears twice").arg(QString::fromLatin1(name));
            return out;
        }
        out.params.emplace_back(name, value);
    }
    return out;
}

// RFC 5987 ext-value: charset'language'percent-encoded. Empty when unreadable.
std::optional<QString> extendedValue(const QByteArray& text) {
    const qsizetype first = text.indexOf('\'');
    const qsizetype second = first < 0 ? -1 : text.indexOf('\'', first + 1);
    if (second < 0)
        return std::nullopt;
    const QByteArray charset = text.left(first).toLower();
    const QByteArray bytes = QByteArray::fromPercentEncoding(text.mid(second + 1));
    if (charset == "utf-8")
        return QString::fromUtf8(bytes);
    if (charset == "iso-8859-1")
        return QString::fromLatin1(bytes);
    return std::nullopt;
}

// A file name without directories (some clients send C:\path\name) or control characters.
QString baseName(QString name) {
    const qsizetype slash = std::max(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\'));
    if (slash >= 0)
        name = name.mid(slash + 1);
    name.removeIf([](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
    return name;
}

QString printable(QByteArrayView name) {
    return QString::fromUtf8(name.first(std::min<qsizetype>(name.size(), 64)));
}

} // namespace

QByteArray MultipartBody::boundaryOf(QByteArrayView contentType, QString* error) {
    const HeaderValue value = parseHeaderValue(contentType);
    const auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return QByteArray();
    };
    if (value.type != "multipart/form-data")
        return fail(
            QStringLiteral("the Content-Type is %1, not multipart/form-data")
                .arg(value.type.isEmpty() ? QStringLiteral("missing") : QString::fromLatin1(value.type)));
    if (!value.error.isEmpty())
        return fail(QStringLiteral("the Content-Type header has %1").arg(value.error));
    const QByteArray* boundary = value.param("boundary");
    if (!boundary || boundary->isEmpty())
        return fail(QStringLiteral("the Content-Type header has no boundary parameter"));
    if (boundary->size() > 70 || boundary->endsWith(' '))
        return fail(
            QStringLiteral("the multipart boundary must be 1 to 70 characters, not ending in a space"));
    for (const char c : *boundary)
        if (!isBoundaryChar(c))
            return fail(
                QStringLiteral("the multipart boundary contains a character RFC 2046 does not allow"));
    return *boundary;
}

bool MultipartBody::fail(Error error, const QString& message) {
    m_error = error;
    m_message = message;
    m_parts.clear();
    return false;
}

const MultipartPart* MultipartBody::part(QByteArrayView name) const {
    for (const MultipartPart& p : m_parts)
        if (p.name == name)
            return &p;
    return nullptr;
}

bool MultipartBody::readHeaders(QByteArrayView block, MultipartPart& part) {
    bool haveDisposition = false;
    const int index = static_cast<int>(m_parts.size());
    if (block.contains("\r\n ") || block.contains("\r\n\t") || block.startsWith(' ') ||
        block.startsWith('\t'))
        return fail(Error::Malformed,
                    QStringLiteral("part %1: folded header lines are not accepted").arg(index));
    qsizetype pos = 0;
    while (pos < block.size()) {
        qsizetype end = block.indexOf(kCrlf, pos);
        if (end < 0)
            end = block.size();
        const QByteArrayView line = block.sliced(pos, end - pos);
        pos = end + 2;
        if (line.contains('\n') || line.contains('\r'))
            return fail(Error::Malformed,
                        QStringLiteral("part %1: a header line must end in CRLF").arg(index));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(Error::Malformed, QStringLiteral("part %1: a header line has no name").arg(index));
        const QByteArray name = line.first(colon).toByteArray().toLower();
        for (const char c : name)
            if (!isTokenChar(c))
                return fail(Error::Malformed,
                            QStringLiteral("part %1: a header name is not a token").arg(index));
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        if (name == "content-disposition") {
            if (haveDisposition)
                return fail(Error::Malformed,
                            QStringLiteral("part %1: Content-Disposition appears twice").arg(index));
            haveDisposition = true;
            const HeaderValue d = parseHeaderValue(value);
            if (!d.error.isEmpty())
                return fail(Error::Malformed,
                            QStringLiteral("part %1: Content-Disposition has %2").arg(index).arg(d.error));
            if (d.type != "form-data")
                return fail(Error::Malformed,
                            QStringLiteral("part %1: Content-Disposition must be form-data").arg(index));
            const QByteArray* fieldName = d.param("name");
            if (!fieldName || fieldName->isEmpty())
                return fail(Error::Malformed,
                            QStringLiteral("part %1: Content-Disposition has no name").arg(index));
            part.name = *fieldName;
            if (const QByteArray* extended = d.param("filename*")) {
                const std::optional<QString> decoded = extendedValue(*extended);
                if (!decoded)
                    return fail(
                        Error::Malformed,
                        QStringLiteral("part %1: filename* is not charset''value in UTF-8").arg(index));
                part.filename = baseName(*decoded);
                part.hasFilename = true;
            } else if (const QByteArray* plain = d.param("filename")) {
                part.filename = baseName(QString::fromUtf8(*plain));
                part.hasFilename = true;
            }
        } else if (name == "content-type") {
            const HeaderValue t = parseHeaderValue(value);
            if (!t.error.isEmpty() || !t.type.contains('/'))
                return fail(Error::Malformed,
                            QStringLiteral("part %1: Content-Type is not a media type").arg(index));
            part.contentType = t.type;
            part.contentTypeParameters = t.rawParams;
        } else if (name == "content-transfer-encoding") {
            const QByteArray encoding = value.toByteArray().toLower();
            if (encoding != "binary" && encoding != "8bit" && encoding != "7bit")
                return fail(Error::Malformed,
                            QStringLiteral("part %1: Content-Transfer-Encoding %2 is not supported")
                                .arg(index)
                                .arg(QString::fromLatin1(encoding)));
        }
    }
    if (!haveDisposition)
        return fail(Error::Malformed, QStringLiteral("part %1 has no Content-Disposition header").arg(index));
    return true;
}

MultipartBody MultipartBody::parse(QByteArrayView contentType, const QByteArray& body, const Limits& limits) {
    MultipartBody out;
    QString error;
    const QByteArray boundary = boundaryOf(contentType, &error);
    if (boundary.isEmpty()) {
        out.fail(Error::Malformed, error);
        return out;
    }
    const QByteArray delimiter = "--" + boundary;
    const QByteArray lineDelimiter = "\r\n" + delimiter;
    const QByteArrayView all(body);
    qsizetype pos = 0;
    if (!all.startsWith(delimiter)) {
        const qsizetype first = all.indexOf(lineDelimiter); // after a preamble
        if (first < 0) {
            out.fail(Error::Malformed, QStringLiteral("the body does not contain the boundary"));
            return out;
        }
        pos = first + 2;
    }
    pos += delimiter.size();
    while (true) {
        if (all.sliced(pos).startsWith("--"))
            return out; // the close delimiter; anything after it is an epilogue
        while (pos < all.size() && (all[pos] == ' ' || all[pos] == '\t'))
            ++pos;
        if (!all.sliced(pos).startsWith(kCrlf)) {
            out.fail(Error::Malformed, pos >= all.size()
                                           ? QStringLiteral("the body ends without the closing boundary")
                                           : QStringLiteral("a boundary must be followed by CRLF or --"));
            return out;
        }
        pos += 2;
        if (static_cast<int>(out.m_parts.size()) >= limits.maxParts) {
            out.fail(Error::Malformed,
                     QStringLiteral("the body has more than %1 parts").arg(limits.maxParts));
            return out;
        }
        qsizetype dataStart = 0;
        QByteArrayView headers;
        if (all.sliced(pos).startsWith(kCrlf)) {
            dataStart = pos + 2;
        } else {
            const QByteArrayView window =
                all.sliced(pos, std::min<qsizetype>(all.size() - pos, limits.maxHeaderBytes + 4));
            const qsizetype end = window.indexOf("\r\n\r\n");
            if (end < 0) {
                out.fail(Error::Malformed,
                         window.size() > limits.maxHeaderBytes
                             ? QStringLiteral("part %1: its headers are longer than %2 bytes")
                                   .arg(out.m_parts.size())
                                   .arg(limits.maxHeaderBytes)
                             : QStringLiteral("part %1: its headers do not end in an empty line")
                                   .arg(out.m_parts.size()));
                return out;
            }
            headers = window.first(end);
            dataStart = pos + end + 4;
        }
        MultipartPart part;
        if (!out.readHeaders(headers, part))
            return out;
        const qsizetype next = all.indexOf(lineDelimiter, dataStart);
        if (next < 0) {
            out.fail(Error::Malformed, QStringLiteral("part %1 (%2) is not followed by a boundary")
                                           .arg(out.m_parts.size())
                                           .arg(printable(part.name)));
            return out;
        }
        if (next - dataStart > limits.maxPartBytes) {
            out.fail(Error::TooLarge, QStringLiteral("part %1 (%2) is %3 bytes; the limit is %4")
                                          .arg(out.m_parts.size())
                                          .arg(printable(part.name))
                                          .arg(next - dataStart)
                                          .arg(limits.maxPartBytes));
            return out;
        }
        if (out.part(part.name)) {
            out.fail(Error::Malformed,
                     QStringLiteral("the field %1 appears twice").arg(printable(part.name)));
            return out;
        }
        part.data = body.mid(dataStart, next - dataStart);
        out.m_parts.push_back(std::move(part));
        pos = next + lineDelimiter.size();
    }
}

} // namespace botwright::sandbox
