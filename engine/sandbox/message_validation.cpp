#include "engine/sandbox/message_validation.h"

#include "engine/sandbox/api_error.h"

#include <QJsonArray>
#include <QSet>

namespace botwright::sandbox {

namespace {

[[noreturn]] void tooLong(const QString& field, int max) {
    throw ApiError::invalidField(field, QStringLiteral("BASE_TYPE_MAX_LENGTH"),
                                 QStringLiteral("Must be %1 or fewer in length.").arg(max));
}

int checkedLength(const QJsonObject& o, const QString& key, int max, const QString& path) {
    const QString text = o.value(key).toString();
    if (text.size() > max)
        tooLong(path + u'.' + key, max);
    return static_cast<int>(text.size());
}

QJsonArray arrayField(const QJsonObject& body, const QString& key) {
    const QJsonValue v = body.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isArray())
        throw ApiError::invalidField(key, QStringLiteral("LIST_TYPE_CONVERT"),
                                     QStringLiteral("Must be an array."));
    return v.toArray();
}

} // namespace

QJsonArray validateEmbeds(const QJsonArray& embeds, const QString& field) {
    if (embeds.size() > 10)
        throw ApiError::invalidField(field, QStringLiteral("BASE_TYPE_MAX_LENGTH"),
                                     QStringLiteral("Must be 10 or fewer in length."));
    QJsonArray out;
    int total = 0;
    for (qsizetype i = 0; i < embeds.size(); ++i) {
        const QString path = field + u'.' + QString::number(i);
        if (!embeds[i].isObject())
            throw ApiError::invalidField(path, QStringLiteral("MODEL_TYPE_CONVERT"),
                                         QStringLiteral("Only dictionaries may be used in a ModelType"));
        QJsonObject e = embeds[i].toObject();
        total += checkedLength(e, QStringLiteral("title"), 256, path);
        total += checkedLength(e, QStringLiteral("description"), 4096, path);
        const QJsonArray fields = e.value(QStringLiteral("fields")).toArray();
        if (fields.size() > 25)
            throw ApiError::invalidField(path + QStringLiteral(".fields"),
                                         QStringLiteral("BASE_TYPE_MAX_LENGTH"),
                                         QStringLiteral("Must be 25 or fewer in length."));
        for (qsizetype f = 0; f < fields.size(); ++f) {
            const QJsonObject fo = fields[f].toObject();
            const QString fpath = path + QStringLiteral(".fields.") + QString::number(f);
            if (!fo.value(QStringLiteral("name")).isString() || !fo.value(QStringLiteral("value")).isString())
                throw ApiError::invalidField(
                    fpath + (fo.value(QStringLiteral("name")).isString() ? QStringLiteral(".value")
                                                                         : QStringLiteral(".name")),
                    QStringLiteral("BASE_TYPE_REQUIRED"), QStringLiteral("This field is required"));
            total += checkedLength(fo, QStringLiteral("name"), 256, fpath);
            total += checkedLength(fo, QStringLiteral("value"), 1024, fpath);
        }
        total += checkedLength(e.value(QStringLiteral("footer")).toObject(), QStringLiteral("text"), 2048,
                               path + QStringLiteral(".footer"));
        total += checkedLength(e.value(QStringLiteral("author")).toObject(), QStringLiteral("name"), 256,
                               path + QStringLiteral(".author"));
        e.insert(QStringLiteral("type"), QStringLiteral("rich"));
        out.append(e);
    }
    if (total > 6000)
        throw ApiError::invalidField(field, QStringLiteral("MAX_EMBED_SIZE_EXCEEDED"),
                                     QStringLiteral("Embed size exceeds maximum size of 6000"));
    return out;
}

QJsonArray validateComponents(const QJsonArray& components, const QString& field, bool modal) {
    QSet<QString> customIds;
    int nextId = 1;
    std::function<QJsonObject(QJsonObject, const QString&, int)> check =
        [&](QJsonObject c, const QString& path, int depth) -> QJsonObject {
        const int type = c.value(QStringLiteral("type")).toInt(0);
        if (type <= 0 || depth > 3)
            throw ApiError::invalidField(path + QStringLiteral(".type"), QStringLiteral("BASE_TYPE_CHOICES"),
                                         QStringLiteral("Value must be one of the component types."));
        if (!c.contains(QStringLiteral("id")))
            c.insert(QStringLiteral("id"), nextId);
        ++nextId;
        const bool interactive = type == 3 || type == 4 || (type >= 5 && type <= 8) ||
                                 (type == 2 && c.value(QStringLiteral("style")).toInt() != 5 &&
                                  c.value(QStringLiteral("style")).toInt() != 6);
        if (interactive) {
            const QString customId = c.value(QStringLiteral("custom_id")).toString();
            if (customId.isEmpty())
                throw ApiError::invalidField(path + QStringLiteral(".custom_id"),
                                             QStringLiteral("BASE_TYPE_REQUIRED"),
                                             QStringLiteral("This field is required"));
            if (customId.size() > 100)
                tooLong(path + QStringLiteral(".custom_id"), 100);
            if (customIds.contains(customId))
                throw ApiError::invalidField(path + QStringLiteral(".custom_id"),
                                             QStringLiteral("COMPONENT_CUSTOM_ID_DUPLICATED"),
                                             QStringLiteral("Component custom id cannot be duplicated"));
            customIds.insert(customId);
        }
        if (type == 2 && c.value(QStringLiteral("style")).toInt() == 5 &&
            c.value(QStringLiteral("url")).toString().isEmpty())
            throw ApiError::invalidField(path + QStringLiteral(".url"), QStringLiteral("BASE_TYPE_REQUIRED"),
                                         QStringLiteral("This field is required"));
        if (type == 2 && checkedLength(c, QStringLiteral("label"), 80, path) == 0 &&
            !c.contains(QStringLiteral("emoji")))
            throw ApiError::invalidField(path + QStringLiteral(".label"),
                                         QStringLiteral("BASE_TYPE_REQUIRED"),
                                         QStringLiteral("A button needs a label or an emoji"));
        if (c.contains(QStringLiteral("components"))) {
            QJsonArray children = c.value(QStringLiteral("components")).toArray();
            if (type == 1) {
                int buttons = 0, selects = 0;
                for (const QJsonValue child : children) {
                    const int ct = child.toObject().value(QStringLiteral("type")).toInt();
                    buttons += ct == 2 ? 1 : 0;
                    selects += (ct == 3 || (ct >= 5 && ct <= 8) || ct == 4) ? 1 : 0;
                }
                if (buttons > 5 || selects > 1 || (buttons && selects) || children.isEmpty())
                    throw ApiError::invalidField(
                        path + QStringLiteral(".components"), QStringLiteral("BASE_TYPE_BAD_LENGTH"),
                        QStringLiteral("An action row holds 1–5 buttons or a single select"));
            }
            QJsonArray checked;
            for (qsizetype i = 0; i < children.size(); ++i)
                checked.append(check(children[i].toObject(),
                                     path + QStringLiteral(".components.") + QString::number(i), depth + 1));
            c.insert(QStringLiteral("components"), checked);
        }
        if (c.contains(QStringLiteral("component")))
            c.insert(QStringLiteral("component"), check(c.value(QStringLiteral("component")).toObject(),
                                                        path + QStringLiteral(".component"), depth + 1));
        return c;
    };
    if (components.size() > (modal ? 5 : 40))
        throw ApiError::invalidField(field, QStringLiteral("BASE_TYPE_MAX_LENGTH"),
                                     QStringLiteral("Must be %1 or fewer in length.").arg(modal ? 5 : 40));
    QJsonArray out;
    for (qsizetype i = 0; i < components.size(); ++i) {
        if (!components[i].isObject())
            throw ApiError::invalidField(field + u'.' + QString::number(i),
                                         QStringLiteral("MODEL_TYPE_CONVERT"),
                                         QStringLiteral("Only dictionaries may be used in a ModelType"));
        out.append(check(components[i].toObject(), field + u'.' + QString::number(i), 0));
    }
    return out;
}

World::MessageDraft parseMessageCreate(const QJsonObject& body, MessageSource source) {
    World::MessageDraft d;
    const QJsonValue content = body.value(QStringLiteral("content"));
    if (!content.isUndefined() && !content.isNull() && !content.isString())
        throw ApiError::invalidField(QStringLiteral("content"), QStringLiteral("BASE_TYPE_STRING"),
                                     QStringLiteral("Must be a string."));
    d.content = content.toString();
    if (d.content.size() > 2000)
        tooLong(QStringLiteral("content"), 2000);
    d.tts = body.value(QStringLiteral("tts")).toBool(false);
    d.embeds = validateEmbeds(arrayField(body, QStringLiteral("embeds")), QStringLiteral("embeds"));
    if (body.value(QStringLiteral("embed")).isObject()) // legacy single embed
        d.embeds = validateEmbeds(QJsonArray{body.value(QStringLiteral("embed"))}, QStringLiteral("embed"));
    d.components = validateComponents(arrayField(body, QStringLiteral("components")),
                                      QStringLiteral("components"), false);
    d.attachments = arrayField(body, QStringLiteral("attachments"));
    const int flags = body.value(QStringLiteral("flags")).toInt(0);
    const int settable =
        (1 << 2) | (1 << 12) | (1 << 15) | (source == MessageSource::Interaction ? (1 << 6) : 0);
    if (flags & ~settable)
        throw ApiError::invalidField(QStringLiteral("flags"), QStringLiteral("MESSAGE_FLAGS_INVALID"),
                                     QStringLiteral("Some of the flags cannot be set"));
    d.flags = flags;
    if (body.value(QStringLiteral("message_reference")).isObject())
        d.messageReference = body.value(QStringLiteral("message_reference")).toObject();
    if (body.value(QStringLiteral("allowed_mentions")).isObject()) {
        d.allowedMentions = body.value(QStringLiteral("allowed_mentions")).toObject();
        d.hasAllowedMentions = true;
    } else if (source != MessageSource::Channel) {
        d.allowedMentions = QJsonObject{{QStringLiteral("parse"), QJsonArray{QStringLiteral("users")}}};
        d.hasAllowedMentions = true;
    }
    const QJsonValue nonce = body.value(QStringLiteral("nonce"));
    if (nonce.isString()) {
        if (nonce.toString().size() > 25)
            tooLong(QStringLiteral("nonce"), 25);
        d.nonce = nonce.toString();
    } else if (nonce.isDouble()) {
        d.nonce = QString::number(nonce.toInteger());
    }
    const bool componentsV2 = flags & (1 << 15);
    if (componentsV2 && (!d.content.isEmpty() || !d.embeds.isEmpty()))
        throw ApiError::invalidField(
            QStringLiteral("content"), QStringLiteral("MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2"),
            QStringLiteral(
                "The 'content' and 'embeds' fields cannot be used when using MessageFlags.IS_COMPONENTS_V2"));
    const bool hasSomething = !d.content.isEmpty() || !d.embeds.isEmpty() || !d.components.isEmpty() ||
                              !d.attachments.isEmpty() || body.contains(QStringLiteral("sticker_ids")) ||
                              body.contains(QStringLiteral("poll")) ||
                              d.messageReference.value(QStringLiteral("type")).toInt() == 1; // a forward
    if (!hasSomething)
        throw ApiError(400, 50006, QStringLiteral("Cannot send an empty message"));
    return d;
}

World::MessageEdit parseMessageEdit(const QJsonObject& body) {
    World::MessageEdit e;
    if (body.contains(QStringLiteral("content"))) {
        e.content = body.value(QStringLiteral("content")).toString();
        if (e.content->size() > 2000)
            tooLong(QStringLiteral("content"), 2000);
    }
    if (body.contains(QStringLiteral("embeds")))
        e.embeds = validateEmbeds(arrayField(body, QStringLiteral("embeds")), QStringLiteral("embeds"));
    if (body.contains(QStringLiteral("components")))
        e.components = validateComponents(arrayField(body, QStringLiteral("components")),
                                          QStringLiteral("components"), false);
    if (body.contains(QStringLiteral("attachments")))
        e.attachments = arrayField(body, QStringLiteral("attachments"));
    if (body.contains(QStringLiteral("flags")))
        e.flags = body.value(QStringLiteral("flags")).toInt();
    return e;
}

Reaction parseEmojiParam(const World& world, const QString& text) {
    Reaction r;
    const QStringList parts = text.split(u':');
    if (parts.size() >= 2) {
        const auto id = protocol::parseSnowflake(parts.last());
        if (!id)
            throw ApiError::unknown(10014, QStringLiteral("Emoji"));
        bool found = false;
        for (const auto& [gid, g] : world.guilds())
            if (auto it = g.emojis.find(*id); it != g.emojis.end()) {
                r.emojiName = it->second.name;
                r.animated = it->second.animated;
                found = true;
            }
        if (!found)
            throw ApiError::unknown(10014, QStringLiteral("Emoji"));
        r.emojiId = *id;
        return r;
    }
    // A unicode emoji: short, no ASCII letters or digits (a plain word is not an emoji).
    bool plausible = !text.isEmpty() && text.size() <= 16;
    for (const QChar c : text)
        if (c.unicode() < 0x80 && c != u'#' && c != u'*' && !(c >= u'0' && c <= u'9'))
            plausible = false;
    if (!plausible)
        throw ApiError::unknown(10014, QStringLiteral("Emoji"));
    r.emojiName = text;
    return r;
}

} // namespace botwright::sandbox
