// Message and modal components → IComponent (botloader-sdk.md §4.7): `type` numbers become `kind`
// names (every select menu is "SelectMenu", told apart by `selectType`), styles become names.
#include "engine/pipeline/transform_parts.h"

namespace botwright::pipeline::detail {

namespace {

void writeMedia(TransformWriter& t, Element media) { // UnfurledMediaItem
    enum { kUrl, kProxyUrl, kHeight, kWidth, kContentType };
    static const FieldTable table{"url", "proxy_url", "height", "width", "content_type"};
    ObjectReader r(t, media, table);
    t.beginObject();
    r.writeStringOr(kUrl, "url", {});
    r.writeString(kProxyUrl, "proxyUrl", Absent::Omit);
    r.writeNumber(kHeight, "height", Absent::Omit);
    r.writeNumber(kWidth, "width", Absent::Omit);
    r.writeString(kContentType, "contentType", Absent::Omit);
    t.endObject();
}

void writeGalleryItem(TransformWriter& t, Element item) {
    enum { kMedia, kDescription, kSpoiler };
    static const FieldTable table{"media", "description", "spoiler"};
    ObjectReader r(t, item, table);
    t.beginObject();
    r.writeObject(kMedia, "media", writeMedia, Absent::Required);
    r.writeString(kDescription, "description", Absent::Omit);
    r.writeBool(kSpoiler, "spoiler", Absent::Omit);
    t.endObject();
}

void writeSelectOption(TransformWriter& t, Element option) {
    enum { kLabel, kValue, kDefault, kDescription, kEmoji };
    static const FieldTable table{"label", "value", "default", "description", "emoji"};
    ObjectReader r(t, option, table);
    t.beginObject();
    r.writeStringOr(kLabel, "label", {});
    r.writeStringOr(kValue, "value", {});
    r.writeBool(kDefault, "default", false);
    r.writeString(kDescription, "description", Absent::Omit);
    r.writeObject(kEmoji, "emoji", writeReactionType, Absent::Omit);
    t.endObject();
}

void writeCheckboxOption(TransformWriter& t, Element option) {
    enum { kLabel, kValue, kDefault, kDescription };
    static const FieldTable table{"label", "value", "default", "description"};
    ObjectReader r(t, option, table);
    t.beginObject();
    r.writeStringOr(kLabel, "label", {});
    r.writeStringOr(kValue, "value", {});
    r.writeBool(kDefault, "default", Absent::Omit);
    r.writeString(kDescription, "description", Absent::Omit);
    t.endObject();
}

void writeDefaultValue(TransformWriter& t, Element value) {
    enum { kId, kType };
    static const FieldTable table{"id", "type"};
    ObjectReader r(t, value, table);
    t.beginObject();
    const std::string_view type = r.string(kType).value_or(std::string_view());
    const char* kind = componentDefaultValueKind(type.data(), type.size());
    r.key(kType, "kind");
    if (kind)
        t.string(kind);
    else
        t.string(type);
    if (t.tracing() && kind)
        t.traceConverted("type", r[kType], QLatin1Char('"') + QLatin1StringView(kind) + u'"');
    r.writeId(kId, "value", Absent::Required);
    t.endObject();
}

void writeChannelTypeName(TransformWriter& t, Element type) {
    int64_t value = 0;
    if (type.get_int64().get(value))
        t.failType({}, "a channel type number", type);
    if (const char* name = names::channelType.nameOf(value))
        t.string(name);
    else
        t.integer(value);
}

enum ComponentField {
    kType,
    kId,
    kComponents,
    kStyle,
    kCustomId,
    kLabel,
    kEmoji,
    kUrl,
    kDisabled,
    kOptions,
    kPlaceholder,
    kMinValues,
    kMaxValues,
    kChannelTypes,
    kDefaultValues,
    kRequired,
    kMinLength,
    kMaxLength,
    kValue,
    kAccessory,
    kContent,
    kMedia,
    kDescription,
    kSpoiler,
    kItems,
    kFile,
    kDivider,
    kSpacing,
    kAccentColor,
    kComponent,
    kDefault,
};

// A component this SDK does not know: `type` becomes `kind` (the number), every other field is
// kept with its key in camelCase.
void writeUnknownComponent(TransformWriter& t, Element component, qint64 type) {
    t.beginObject();
    t.field("kind", type);
    for (const simdjson::dom::key_value_pair field : objectOf(component)) {
        if (field.key == "type")
            continue;
        const std::string sdkKey = TransformWriter::camelCase(field.key);
        t.dynamicKey(sdkKey);
        if (t.tracing() && sdkKey != field.key)
            t.traceRenamed(field.key, sdkKey);
        t.copy(field.value, true);
    }
    t.endObject();
    if (t.tracing())
        t.traceConverted("type", component["type"].value_unsafe(),
                         QStringLiteral("%1 (kept: no ComponentType has this value)").arg(type));
}

void writeValueLimits(ObjectReader& r) {
    r.writeNumber(kMinValues, "minValues", Absent::Omit);
    r.writeNumber(kMaxValues, "maxValues", Absent::Omit);
}

} // namespace

void writeComponent(TransformWriter& t, Element component) {
    static const FieldTable table{
        "type",        "id",         "components",  "style",         "custom_id",
        "label",       "emoji",      "url",         "disabled",      "options",
        "placeholder", "min_values", "max_values",  "channel_types", "default_values",
        "required",    "min_length", "max_length",  "value",         "accessory",
        "content",     "media",      "description", "spoiler",       "items",
        "file",        "divider",    "spacing",     "accent_color",  "component",
        "default"};
    int64_t number = 0;
    if (component.type() == simdjson::dom::element_type::OBJECT &&
        !component["type"].get_int64().get(number) && !names::componentKind.nameOf(number)) {
        writeUnknownComponent(t, component, number);
        return;
    }
    ObjectReader r(t, component, table);
    const auto type = r.integer(kType);
    if (!type)
        t.fail("type", QStringLiteral("is missing"));
    t.beginObject();
    r.writeEnum(kType, "kind", names::componentKind, Absent::Required);
    r.writeNumber(kId, "id", Absent::Omit);
    switch (*type) {
    case 1: // ActionRow
        r.writeArray(kComponents, "components", writeComponent);
        break;
    case 2: // Button
        r.writeEnum(kStyle, "style", names::buttonStyle, Absent::Null);
        r.writeString(kCustomId, "customId", Absent::Omit);
        r.writeString(kLabel, "label", Absent::Omit);
        r.writeObject(kEmoji, "emoji", writeReactionType, Absent::Omit);
        r.writeString(kUrl, "url", Absent::Omit);
        r.writeBool(kDisabled, "disabled", Absent::Omit);
        break;
    case 3: // string select
    case 5: // user select
    case 6: // role select
    case 7: // mentionable select
    case 8: // channel select
        t.key("selectType");
        t.string(names::selectType.nameOf(*type));
        if (t.tracing())
            t.traceAdded("selectType", QStringLiteral("\"%1\" (from type %2)")
                                           .arg(QLatin1StringView(names::selectType.nameOf(*type)))
                                           .arg(*type));
        r.writeStringOr(kCustomId, "customId", {});
        r.writeBool(kDisabled, "disabled", false);
        writeValueLimits(r);
        r.writeArray(kOptions, "options", writeSelectOption);
        r.writeString(kPlaceholder, "placeholder", Absent::Omit);
        r.writeArray(kChannelTypes, "channelTypes", writeChannelTypeName, Absent::Omit);
        r.writeArray(kDefaultValues, "defaultValues", writeDefaultValue, Absent::Omit);
        r.writeBool(kRequired, "required", Absent::Omit);
        break;
    case 4: // TextInput
        r.writeStringOr(kCustomId, "customId", {});
        r.writeEnum(kStyle, "style", names::textInputStyle, Absent::Null);
        r.writeString(kLabel, "label", Absent::Omit);
        r.writeNumber(kMinLength, "minLength", Absent::Omit);
        r.writeNumber(kMaxLength, "maxLength", Absent::Omit);
        r.writeString(kPlaceholder, "placeholder", Absent::Omit);
        r.writeBool(kRequired, "required", Absent::Omit);
        r.writeString(kValue, "value", Absent::Omit);
        break;
    case 9: // Section
        r.writeArray(kComponents, "components", writeComponent);
        r.writeObject(kAccessory, "accessory", writeComponent, Absent::Null);
        break;
    case 10: // TextDisplay
        r.writeStringOr(kContent, "content", {});
        break;
    case 11: // Thumbnail
        r.writeObject(kMedia, "media", writeMedia, Absent::Required);
        r.writeString(kDescription, "description", Absent::Omit);
        r.writeBool(kSpoiler, "spoiler", Absent::Omit);
        break;
    case 12: // MediaGallery
        r.writeArray(kItems, "items", writeGalleryItem);
        break;
    case 13: // File
        r.writeObject(kFile, "file", writeMedia, Absent::Required);
        r.writeBool(kSpoiler, "spoiler", Absent::Omit);
        break;
    case 14: // Separator
        r.writeBool(kDivider, "divider", Absent::Omit);
        r.writeEnum(kSpacing, "spacing", names::separatorSpacing, Absent::Omit);
        break;
    case 17: // Container
        r.writeNumber(kAccentColor, "accentColor", Absent::Omit);
        r.writeBool(kSpoiler, "spoiler", Absent::Omit);
        r.writeArray(kComponents, "components", writeComponent);
        break;
    case 18: // Label
        r.writeStringOr(kLabel, "label", {});
        r.writeString(kDescription, "description", Absent::Omit);
        r.writeObject(kComponent, "component", writeComponent, Absent::Required);
        break;
    case 19: // FileUpload
        r.writeStringOr(kCustomId, "customId", {});
        writeValueLimits(r);
        r.writeBool(kRequired, "required", Absent::Omit);
        break;
    case 22: // CheckboxGroup
        r.writeStringOr(kCustomId, "customId", {});
        writeValueLimits(r);
        r.writeBool(kRequired, "required", Absent::Omit);
        r.writeArray(kOptions, "options", writeCheckboxOption);
        break;
    case 23: // Checkbox
        r.writeStringOr(kCustomId, "customId", {});
        r.writeBool(kDefault, "default", Absent::Omit);
        break;
    default:
        break;
    }
    t.endObject();
}

} // namespace botwright::pipeline::detail
