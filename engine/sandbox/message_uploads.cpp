#include "engine/sandbox/message_uploads.h"

#include "engine/sandbox/api_error.h"
#include "engine/sandbox/attachment_media.h"
#include "engine/sandbox/world_json.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <functional>

namespace botwright::sandbox {

namespace {

constexpr int kMaxFiles = 10;         // attachments per message
constexpr int kMaxDescription = 1024; // characters of an attachment's description

ApiError tooLarge() {
    return ApiError(413, 40005, QStringLiteral("Request entity too large"));
}

// The n of a file field: files[n], file (0) or fileN (the forms Discord accepts).
std::optional<int> fileIndex(const QByteArray& name) {
    static const QRegularExpression form(QStringLiteral("^(?:files\\[(\\d{1,6})\\]|file(\\d{0,6}))$"));
    const QRegularExpressionMatch m = form.match(QString::fromLatin1(name));
    if (!m.hasMatch())
        return std::nullopt;
    const QString digits = m.hasCaptured(1) ? m.captured(1) : m.captured(2);
    return digits.isEmpty() ? 0 : digits.toInt();
}

// An `attachments` entry's id as text: 1 and "1" name files[1]; a snowflake names a kept attachment.
QString entryId(const QJsonValue& entry) {
    const QJsonValue id = entry.toObject().value(QStringLiteral("id"));
    return id.isDouble() ? QString::number(id.toInteger()) : id.toString();
}

QString baseName(QString name) {
    const qsizetype slash = std::max(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\'));
    return slash >= 0 ? name.mid(slash + 1) : name;
}

// A new attachment object for an upload, and the file the World stores for it.
QJsonObject newAttachment(RestContext& ctx, Snowflake channelId, const MultipartPart& part, QString filename,
                          const QString& description, bool ephemeral, StoredFile& file) {
    filename = baseName(filename.trimmed());
    if (filename.isEmpty())
        filename = part.filename.isEmpty() ? QStringLiteral("unknown") : part.filename;
    file.id = ctx.world.nextId();
    file.channelId = channelId;
    file.filename = filename;
    file.contentType =
        AttachmentMedia::contentType(filename, part.contentType, part.contentTypeParameters, part.data);
    file.data = part.data;
    QJsonObject a{
        {QStringLiteral("id"), json::id(file.id)},
        {QStringLiteral("filename"), filename},
        {QStringLiteral("size"), static_cast<double>(part.data.size())},
        {QStringLiteral("url"), attachmentUrl(ctx.publicBaseUrl, channelId, file.id, filename, false)},
        {QStringLiteral("proxy_url"), attachmentUrl(ctx.publicBaseUrl, channelId, file.id, filename, true)},
        {QStringLiteral("content_type"), file.contentType}};
    if (file.contentType.startsWith(QLatin1String("image/")))
        if (const std::optional<QSize> size = AttachmentMedia::imageSize(part.data)) {
            a.insert(QStringLiteral("width"), size->width());
            a.insert(QStringLiteral("height"), size->height());
        }
    if (!description.isEmpty())
        a.insert(QStringLiteral("description"), description);
    if (ephemeral)
        a.insert(QStringLiteral("ephemeral"), true);
    return a;
}

QString descriptionOf(const QJsonObject& entry, const QString& path) {
    const QJsonValue v = entry.value(QStringLiteral("description"));
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isString())
        throw ApiError::invalidField(path + QStringLiteral(".description"),
                                     QStringLiteral("BASE_TYPE_STRING"), QStringLiteral("Must be a string."));
    if (v.toString().size() > kMaxDescription)
        throw ApiError::invalidField(path + QStringLiteral(".description"),
                                     QStringLiteral("BASE_TYPE_MAX_LENGTH"),
                                     QStringLiteral("Must be %1 or fewer in length.").arg(kMaxDescription));
    return v.toString();
}

} // namespace

void readMultipart(RestRequest& request, std::map<int, MultipartPart>& uploads,
                   const SandboxOptions& options) {
    if (request.body.size() > options.maxRequestBytes)
        throw tooLarge();
    MultipartBody::Limits limits;
    limits.maxPartBytes = options.maxRequestBytes;
    MultipartBody form = MultipartBody::parse(request.header("content-type"), request.body, limits);
    if (form.error() == MultipartBody::Error::TooLarge)
        throw tooLarge();
    if (!form.ok())
        throw ApiError::invalidBody(
            QStringLiteral("Invalid multipart/form-data body: %1").arg(form.errorMessage()));
    QByteArray payload;
    bool havePayload = false;
    QJsonObject textFields;
    for (MultipartPart& part : form.parts()) {
        if (part.name == "payload_json") {
            payload = part.data;
            havePayload = true;
            continue;
        }
        const QString field = QString::fromUtf8(part.name);
        if (const std::optional<int> n = fileIndex(part.name)) {
            if (!part.hasFilename)
                throw ApiError::invalidField(field, QStringLiteral("BASE_TYPE_REQUIRED"),
                                             QStringLiteral("A file part needs a filename."));
            if (part.data.size() > options.attachmentSizeLimit)
                throw tooLarge();
            if (!uploads.emplace(*n, std::move(part)).second)
                throw ApiError::invalidField(field, QStringLiteral("BASE_TYPE_DUPLICATE"),
                                             QStringLiteral("Another part is already file %1.").arg(*n));
            continue;
        }
        if (part.hasFilename)
            throw ApiError::invalidField(
                field, QStringLiteral("UNKNOWN_FIELD"),
                QStringLiteral("Files are sent as files[n] parts (n = the attachment's id), not as \"%1\".")
                    .arg(field));
        textFields.insert(field, QString::fromUtf8(part.data));
    }
    if (uploads.size() > kMaxFiles)
        throw ApiError::invalidField(QStringLiteral("files"), QStringLiteral("BASE_TYPE_MAX_LENGTH"),
                                     QStringLiteral("Must be %1 or fewer in length.").arg(kMaxFiles));
    request.body = havePayload ? payload : QJsonDocument(textFields).toJson(QJsonDocument::Compact);
    request.headers.insert(QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json"));
}

QJsonObject withUploadEntries(const RestContext& ctx, QJsonObject fields, const QJsonArray* existing) {
    if (ctx.uploads.empty())
        return fields;
    QJsonArray entries;
    if (fields.value(QStringLiteral("attachments")).isArray()) {
        entries = fields.value(QStringLiteral("attachments")).toArray();
    } else if (existing) {
        for (const QJsonValue a : *existing)
            entries.append(QJsonObject{{QStringLiteral("id"), a.toObject().value(QStringLiteral("id"))}});
    }
    QSet<QString> named;
    for (const QJsonValue e : entries)
        named.insert(entryId(e));
    for (const auto& [n, part] : ctx.uploads)
        if (!named.contains(QString::number(n)))
            entries.append(
                QJsonObject{{QStringLiteral("id"), n}, {QStringLiteral("filename"), part.filename}});
    fields.insert(QStringLiteral("attachments"), entries);
    return fields;
}

QJsonArray buildAttachments(RestContext& ctx, Snowflake channelId, const QJsonArray& requested,
                            const QJsonArray& existing, bool ephemeral, std::vector<StoredFile>& files) {
    if (requested.size() > kMaxFiles)
        throw ApiError::invalidField(QStringLiteral("attachments"), QStringLiteral("BASE_TYPE_MAX_LENGTH"),
                                     QStringLiteral("Must be %1 or fewer in length.").arg(kMaxFiles));
    QJsonArray out;
    QSet<QString> used;
    for (qsizetype i = 0; i < requested.size(); ++i) {
        const QString path = QStringLiteral("attachments.") + QString::number(i);
        if (!requested[i].isObject())
            throw ApiError::invalidField(path, QStringLiteral("MODEL_TYPE_CONVERT"),
                                         QStringLiteral("Only dictionaries may be used in a ModelType"));
        const QJsonObject entry = requested[i].toObject();
        const QString id = entryId(entry);
        if (id.isEmpty() || used.contains(id))
            throw ApiError::invalidField(path + QStringLiteral(".id"),
                                         id.isEmpty() ? QStringLiteral("BASE_TYPE_REQUIRED")
                                                      : QStringLiteral("BASE_TYPE_DUPLICATE"),
                                         id.isEmpty() ? QStringLiteral("This field is required")
                                                      : QStringLiteral("Attachment ids must be unique."));
        used.insert(id);
        const QString description = descriptionOf(entry, path);
        const auto kept = std::find_if(existing.begin(), existing.end(), [&](const QJsonValue& a) {
            return a.toObject().value(QStringLiteral("id")).toString() == id;
        });
        if (kept != existing.end()) {
            QJsonObject keep = kept->toObject();
            if (description.isEmpty() && entry.contains(QStringLiteral("description")))
                keep.remove(QStringLiteral("description"));
            else if (!description.isEmpty())
                keep.insert(QStringLiteral("description"), description);
            out.append(keep);
            continue;
        }
        bool number = false;
        const int n = id.toInt(&number);
        const auto upload = number ? ctx.uploads.find(n) : ctx.uploads.end();
        if (upload == ctx.uploads.end())
            throw ApiError::invalidField(
                path + QStringLiteral(".id"), QStringLiteral("ATTACHMENT_NOT_FOUND"),
                QStringLiteral("Unknown attachment %1: no files[%1] part and no attachment of the message "
                               "with this id.")
                    .arg(id));
        StoredFile file;
        out.append(newAttachment(ctx, channelId, upload->second,
                                 entry.value(QStringLiteral("filename")).toString(), description, ephemeral,
                                 file));
        files.push_back(std::move(file));
    }
    return out;
}

World::MessageDraft parseCreateWithUploads(RestContext& ctx, Snowflake channelId, const QJsonObject& fields,
                                           MessageSource source) {
    World::MessageDraft draft = parseMessageCreate(withUploadEntries(ctx, fields), source);
    draft.attachments =
        buildAttachments(ctx, channelId, draft.attachments, {}, (draft.flags & (1 << 6)) != 0, draft.files);
    return draft;
}

World::MessageEdit parseEditWithUploads(RestContext& ctx, const Message& message, const QJsonObject& fields) {
    World::MessageEdit edit = parseMessageEdit(withUploadEntries(ctx, fields, &message.attachments));
    if (edit.attachments)
        edit.attachments = buildAttachments(ctx, message.channelId, *edit.attachments, message.attachments,
                                            message.ephemeralFor != 0, edit.files);
    return edit;
}

QJsonObject resolveAttachmentOptions(RestContext& ctx, Snowflake channelId, QJsonObject& data) {
    QJsonObject resolved;
    QHash<QString, QString> declaredNames; // n → filename from data.attachments
    for (const QJsonValue e : data.value(QStringLiteral("attachments")).toArray())
        declaredNames.insert(entryId(e), e.toObject().value(QStringLiteral("filename")).toString());
    data.remove(QStringLiteral("attachments"));
    std::function<QJsonArray(QJsonArray)> walk = [&](QJsonArray options) {
        for (qsizetype i = 0; i < options.size(); ++i) {
            QJsonObject option = options[i].toObject();
            const int type = option.value(QStringLiteral("type")).toInt();
            if (type == 1 || type == 2)
                option.insert(QStringLiteral("options"),
                              walk(option.value(QStringLiteral("options")).toArray()));
            if (type != 11)
                continue;
            const QString n =
                entryId(QJsonObject{{QStringLiteral("id"), option.value(QStringLiteral("value"))}});
            bool number = false;
            const auto upload = ctx.uploads.find(n.toInt(&number));
            if (!number || upload == ctx.uploads.end())
                throw ApiError::invalidField(
                    QStringLiteral("data.options"), QStringLiteral("ATTACHMENT_NOT_FOUND"),
                    QStringLiteral("The attachment option names no uploaded file (files[%1]).").arg(n));
            StoredFile file;
            const QJsonObject a =
                newAttachment(ctx, channelId, upload->second, declaredNames.value(n), {}, true, file);
            option.insert(QStringLiteral("value"), json::id(file.id));
            QJsonObject map = resolved.value(QStringLiteral("attachments")).toObject();
            map.insert(json::id(file.id), a);
            resolved.insert(QStringLiteral("attachments"), map);
            ctx.world.files().put(std::move(file));
            options[i] = option;
        }
        return options;
    };
    if (data.contains(QStringLiteral("options")))
        data.insert(QStringLiteral("options"), walk(data.value(QStringLiteral("options")).toArray()));
    return resolved;
}

QString attachmentUrl(const QString& publicBaseUrl, Snowflake channelId, Snowflake attachmentId,
                      const QString& filename, bool proxy) {
    return publicBaseUrl + (proxy ? QStringLiteral("/media/attachments/") : QStringLiteral("/attachments/")) +
           json::id(channelId) + u'/' + json::id(attachmentId) + u'/' +
           QString::fromLatin1(QUrl::toPercentEncoding(filename));
}

std::optional<RestResponse> serveAttachment(const World& world, const QByteArray& method,
                                            const QString& path) {
    static const QRegularExpression form(
        QStringLiteral("^/(?:media/)?attachments/(\\d{1,20})/(\\d{1,20})/([^/]+)$"));
    const QRegularExpressionMatch m = form.match(path);
    if (!m.hasMatch())
        return std::nullopt;
    if (method != "GET")
        return RestResponse::json(ApiError::methodNotAllowed().body(), 405);
    const StoredFile* file = world.files().find(m.captured(2).toULongLong());
    const QString name = m.captured(3);
    if (!file || file->channelId != m.captured(1).toULongLong() ||
        (name != file->filename && QUrl::fromPercentEncoding(name.toUtf8()) != file->filename))
        return RestResponse::json(ApiError::notFound().body(), 404);
    RestResponse r;
    r.body = file->data;
    r.headers.append({QByteArrayLiteral("Content-Type"), file->contentType.toUtf8()});
    r.headers.append(
        {QByteArrayLiteral("Content-Disposition"),
         QByteArrayLiteral("inline; filename*=UTF-8''") + QUrl::toPercentEncoding(file->filename)});
    r.headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("public, max-age=31536000")});
    return r;
}

} // namespace botwright::sandbox
