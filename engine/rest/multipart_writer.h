#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace botwright::rest {

// One file of an upload: sent as the part `files[<id>]`, referred to by `attachments[].id` in the
// JSON payload (discord-protocol.md §3.1).
struct RestFile {
    int id = 0;
    QString filename;
    QByteArray contentType; // empty: application/octet-stream
    QByteArray data;
};

// A multipart/form-data body as Discord takes uploads: a `payload_json` part with the request's JSON,
// then one `files[n]` part per file. The boundary is 32 random characters from the system's
// generator, chosen again in the (astronomically unlikely) case that a part contains it. File names
// are written as browsers do (WHATWG): UTF-8, with `"`, CR and LF percent-encoded.
class MultipartWriter final {
public:
    MultipartWriter(const QByteArray& payloadJson, const QList<RestFile>& files);

    const QByteArray& body() const { return m_body; }
    const QByteArray& boundary() const { return m_boundary; }
    QByteArray contentType() const {
        return QByteArrayLiteral("multipart/form-data; boundary=") + m_boundary;
    }

    // The bytes a body for this payload and these files takes, without building it.
    static qint64 sizeFor(qint64 payloadBytes, const QList<RestFile>& files);

private:
    static QByteArray randomBoundary();
    static QByteArray quotedName(const QString& name);

    QByteArray m_boundary;
    QByteArray m_body;
};

} // namespace botwright::rest
