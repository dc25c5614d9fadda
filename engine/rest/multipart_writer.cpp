#include "engine/rest/multipart_writer.h"

#include <QRandomGenerator>

namespace botwright::rest {

namespace {

constexpr int kBoundaryLength = 32;
constexpr qint64 kPartOverhead = 256; // delimiter and headers of one part, generously

} // namespace

QByteArray MultipartWriter::randomBoundary() {
    static constexpr char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    QByteArray out = QByteArrayLiteral("botwright-");
    for (int i = 0; i < kBoundaryLength; ++i)
        out += kAlphabet[QRandomGenerator::system()->bounded(static_cast<int>(sizeof(kAlphabet) - 1))];
    return out;
}

QByteArray MultipartWriter::quotedName(const QString& name) {
    QByteArray out = name.toUtf8();
    out.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
    return '"' + out + '"';
}

qint64 MultipartWriter::sizeFor(qint64 payloadBytes, const QList<RestFile>& files) {
    qint64 total = payloadBytes + kPartOverhead * 2;
    for (const RestFile& f : files)
        total += f.data.size() + f.filename.toUtf8().size() * 3 + kPartOverhead;
    return total;
}

MultipartWriter::MultipartWriter(const QByteArray& payloadJson, const QList<RestFile>& files) {
    const auto containsBoundary = [&](const QByteArray& boundary) {
        if (payloadJson.contains(boundary))
            return true;
        for (const RestFile& f : files)
            if (f.data.contains(boundary))
                return true;
        return false;
    };
    do
        m_boundary = randomBoundary();
    while (containsBoundary(m_boundary));

    qint64 size = payloadJson.size() + 2 * kPartOverhead;
    for (const RestFile& f : files)
        size += f.data.size() + kPartOverhead;
    m_body.reserve(size);
    const QByteArray delimiter = "--" + m_boundary + "\r\n";
    m_body += delimiter;
    m_body += "Content-Disposition: form-data; name=\"payload_json\"\r\n";
    m_body += "Content-Type: application/json\r\n\r\n";
    m_body += payloadJson;
    for (const RestFile& f : files) {
        m_body += "\r\n" + delimiter;
        m_body += "Content-Disposition: form-data; name=\"files[" + QByteArray::number(f.id) +
                  "]\"; filename=" + quotedName(f.filename) + "\r\n";
        const bool plainType =
            !f.contentType.isEmpty() && !f.contentType.contains('\r') && !f.contentType.contains('\n');
        m_body +=
            "Content-Type: " + (plainType ? f.contentType : QByteArrayLiteral("application/octet-stream")) +
            "\r\n\r\n";
        m_body += f.data;
    }
    m_body += "\r\n--" + m_boundary + "--\r\n";
}

} // namespace botwright::rest
