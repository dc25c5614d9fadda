#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <vector>

namespace botwright::sandbox {

// One part of a multipart/form-data body (RFC 7578): its field name, the file name when it carries
// one, its declared media type (lower case, parameters dropped; empty when absent) and its bytes.
struct MultipartPart {
    QByteArray name;
    QString filename; // without any directory a client left in it
    bool hasFilename = false;
    QByteArray contentType;           // "image/png"
    QByteArray contentTypeParameters; // "charset=utf-8" (as sent, trimmed)
    QByteArray data;
};

// A strict reader of multipart/form-data request bodies (RFC 2046 §5.1, RFC 7578), for what Discord's
// REST API accepts: the boundary from the Content-Type header, CRLF line ends, a Content-Disposition of
// `form-data` with a name (and optionally `filename` / RFC 5987 `filename*`) and an optional
// Content-Type per part. Anything else (no boundary, bare LF, a missing or unterminated delimiter,
// unknown dispositions, folded or oversized headers, a repeated field name) is an error, never a
// guess. Parts are found with one forward search each, so the cost is linear in the body's size.
class MultipartBody final {
public:
    struct Limits {
        int maxParts = 64;
        qint64 maxPartBytes = 25ll * 1024 * 1024; // one part's data
        int maxHeaderBytes = 8192;                // one part's header block
    };
    enum class Error { None, Malformed, TooLarge };

    // The boundary parameter of a `multipart/form-data` Content-Type value; empty with `error` set
    // when the media type is another, or the boundary is missing, empty, longer than 70 characters
    // or uses characters RFC 2046 does not allow.
    static QByteArray boundaryOf(QByteArrayView contentType, QString* error);

    static MultipartBody parse(QByteArrayView contentType, const QByteArray& body, const Limits& limits);
    static MultipartBody parse(QByteArrayView contentType, const QByteArray& body) {
        return parse(contentType, body, Limits{});
    }

    bool ok() const { return m_error == Error::None; }
    Error error() const { return m_error; }
    QString errorMessage() const { return m_message; }
    const std::vector<MultipartPart>& parts() const { return m_parts; }
    std::vector<MultipartPart>& parts() { return m_parts; }
    // The part with this field name, or nullptr.
    const MultipartPart* part(QByteArrayView name) const;

private:
    bool fail(Error error, const QString& message);
    bool readHeaders(QByteArrayView block, MultipartPart& part);

    Error m_error = Error::None;
    QString m_message;
    std::vector<MultipartPart> m_parts;
};

} // namespace botwright::sandbox
