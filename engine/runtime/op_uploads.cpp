#include "engine/runtime/op_uploads.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <functional>

namespace botwright::runtime {

namespace {

const QString kData = QStringLiteral("dataB64");

// Moves the bytes of `fields.attachments` into `out.files`; false with out.error on a bad entry.
bool splitOne(QJsonObject& fields, OpUploads& out) {
    const QJsonValue list = fields.value(QStringLiteral("attachments"));
    if (!list.isArray())
        return true;
    QJsonArray entries = list.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        QJsonObject entry = entries[i].toObject();
        if (!entry.contains(kData))
            continue;
        const QString filename = entry.value(QStringLiteral("filename")).toString();
        const QJsonValue id = entry.value(QStringLiteral("id"));
        if (!id.isDouble() || id.toDouble() < 0 || id.toDouble() > 1e6 ||
            id.toDouble() != double(id.toInteger())) {
            out.error =
                QStringLiteral("attachment %1 (\"%2\"): its id must be a whole number from 0 to 1000000")
                    .arg(i)
                    .arg(filename);
            return false;
        }
        if (filename.isEmpty()) {
            out.error = QStringLiteral("attachment %1: it needs a filename").arg(i);
            return false;
        }
        const auto bytes = QByteArray::fromBase64Encoding(entry.value(kData).toString().toLatin1(),
                                                          QByteArray::AbortOnBase64DecodingErrors);
        if (!entry.value(kData).isString() || !bytes) {
            out.error = QStringLiteral("attachment %1 (\"%2\"): dataB64 is not base64").arg(i).arg(filename);
            return false;
        }
        out.files.append(rest::RestFile{static_cast<int>(id.toInteger()), filename, {}, *bytes});
        entry.remove(kData);
        if (entry.value(QStringLiteral("description")).isNull())
            entry.remove(QStringLiteral("description"));
        entries[i] = entry;
    }
    fields.insert(QStringLiteral("attachments"), entries);
    return true;
}

} // namespace

OpUploads splitUploads(const QByteArray& jsonBody) {
    OpUploads out;
    out.jsonBody = jsonBody;
    if (!jsonBody.contains("\"dataB64\""))
        return out;
    QJsonObject body = QJsonDocument::fromJson(jsonBody).object();
    if (!splitOne(body, out))
        return out;
    for (const char* nested : {"data", "message"}) {
        const QString key = QLatin1String(nested);
        if (!body.value(key).isObject())
            continue;
        QJsonObject inner = body.value(key).toObject();
        if (!splitOne(inner, out))
            return out;
        body.insert(key, inner);
    }
    out.jsonBody = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return out;
}

QByteArray argsForTrace(const QByteArray& argsJson) {
    if (argsJson.size() < 4096 || !argsJson.contains("\"dataB64\""))
        return argsJson;
    const QJsonDocument doc = QJsonDocument::fromJson(argsJson);
    std::function<QJsonValue(const QJsonValue&)> shorten = [&](const QJsonValue& v) -> QJsonValue {
        if (v.isArray()) {
            QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size(); ++i)
                a[i] = shorten(a[i]);
            return a;
        }
        if (!v.isObject())
            return v;
        QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() == kData && it.value().isString() && it.value().toString().size() > 64)
                it.value() = QStringLiteral("<%1 bytes of base64, left out of the trace>")
                                 .arg(it.value().toString().size());
            else if (it.value().isObject() || it.value().isArray())
                it.value() = shorten(it.value());
        }
        return o;
    };
    if (doc.isObject())
        return QJsonDocument(shorten(doc.object()).toObject()).toJson(QJsonDocument::Compact);
    return argsJson;
}

} // namespace botwright::runtime
