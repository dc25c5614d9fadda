#include "engine/sandbox/world_file_attachments.h"

#include "engine/sandbox/world_file.h"
#include "engine/sandbox/world_json.h"

#include <QJsonObject>
#include <QSet>

namespace botwright::sandbox {

QJsonArray saveAttachmentFiles(const World& world) {
    QSet<Snowflake> listed;
    for (const auto& [channelId, channel] : world.channels())
        for (const auto& [messageId, m] : world.messagesIn(channelId))
            if (!m.ephemeralFor)
                for (const QJsonValue a : m.attachments)
                    listed.insert(a.toObject().value(QStringLiteral("id")).toString().toULongLong());
    QJsonArray out;
    for (const auto& [id, file] : world.files().files())
        if (listed.contains(id))
            out.append(
                QJsonObject{{QStringLiteral("id"), json::id(id)},
                            {QStringLiteral("channel_id"), json::id(file.channelId)},
                            {QStringLiteral("filename"), file.filename},
                            {QStringLiteral("content_type"), file.contentType},
                            {QStringLiteral("data_base64"), QString::fromLatin1(file.data.toBase64())}});
    return out;
}

void loadAttachmentFiles(World& world, const QJsonValue& section) {
    if (section.isUndefined() || section.isNull())
        return;
    if (!section.isArray())
        throw WorldFileError(QStringLiteral("world.attachment_files: must be an array"));
    const QJsonArray entries = section.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString path = QStringLiteral("world.attachment_files[%1]").arg(i);
        const QJsonObject e = entries[i].toObject();
        const auto fail = [&path](const char* field, const QString& why) {
            throw WorldFileError(QStringLiteral("%1.%2: %3").arg(path, QLatin1String(field), why));
        };
        StoredFile file;
        const auto id = protocol::parseSnowflake(e.value(QStringLiteral("id")).toString());
        const auto channelId = protocol::parseSnowflake(e.value(QStringLiteral("channel_id")).toString());
        if (!id)
            fail("id", QStringLiteral("required snowflake is missing (write ids as decimal strings)"));
        if (!channelId || !world.channel(*channelId))
            fail("channel_id", QStringLiteral("no such channel"));
        file.id = *id;
        file.channelId = *channelId;
        file.filename = e.value(QStringLiteral("filename")).toString();
        if (file.filename.isEmpty())
            fail("filename", QStringLiteral("required text is missing"));
        file.contentType =
            e.value(QStringLiteral("content_type")).toString(QStringLiteral("application/octet-stream"));
        const auto decoded =
            QByteArray::fromBase64Encoding(e.value(QStringLiteral("data_base64")).toString().toLatin1(),
                                           QByteArray::AbortOnBase64DecodingErrors);
        if (!e.value(QStringLiteral("data_base64")).isString() || !decoded)
            fail("data_base64", QStringLiteral("must be the file's bytes in base64"));
        file.data = *decoded;
        world.files().put(std::move(file));
    }
}

} // namespace botwright::sandbox
