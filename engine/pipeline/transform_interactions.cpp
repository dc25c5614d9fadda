// INTERACTION_CREATE → the SDK's internal interaction payloads (botloader-sdk.md §9.3):
// CommandInteraction, MessageComponentInteraction and IModalInteraction.
#include "engine/pipeline/transform_parts.h"

namespace botwright::pipeline::detail {

namespace {

enum InteractionField {
    kId,
    kToken,
    kType,
    kData,
    kChannelId,
    kMember,
    kMessage,
    kLocale,
    kGuildLocale,
};

const FieldTable& interactionTable() {
    static const FieldTable table{"id",     "token",   "type",   "data",        "channel_id",
                                  "member", "message", "locale", "guild_locale"};
    return table;
}

void writeEnvelope(ObjectReader& r) {
    r.writeId(kId, "id", Absent::Required);
    r.writeString(kToken, "token", Absent::Required);
    r.writeId(kChannelId, "channelId", Absent::Required);
    r.writeObject(kMember, "member", writeMember, Absent::Null);
}

// ---- resolved data → dataMap ----
void writeInteractionChannel(TransformWriter& t, Element channel) {
    enum { kChId, kChType, kChName, kParentId, kPermissions, kThreadMetadata };
    static const FieldTable table{"id", "type", "name", "parent_id", "permissions", "thread_metadata"};
    ObjectReader r(t, channel, table);
    t.beginObject();
    r.writeId(kChId, "id", Absent::Required);
    r.writeEnum(kChType, "kind", names::channelType, Absent::Null);
    r.writeStringOr(kChName, "name", {});
    r.writeId(kParentId, "parentId", Absent::Omit);
    r.writeStringOr(kPermissions, "permissionsRaw", "0");
    r.writeCopy(kThreadMetadata, "threadMetadata", Absent::Omit, true);
    t.endObject();
}

void writeInteractionMember(TransformWriter& t, Element member) {
    enum { kJoinedAt, kNick, kPremiumSince, kRoles };
    static const FieldTable table{"joined_at", "nick", "premium_since", "roles"};
    ObjectReader r(t, member, table);
    t.beginObject();
    r.writeTime(kJoinedAt, "joinedAt", Absent::Null);
    r.writeString(kNick, "nick", Absent::Null);
    r.writeTime(kPremiumSince, "premiumSince", Absent::Omit);
    r.writeStringArray(kRoles, "roles");
    t.endObject();
}

// {id: value, …} with each value written by `fn`; absent → {}.
void writeRecord(ObjectReader& r, int i, SdkKey sdkKey, WriteFn fn) {
    TransformWriter& t = r.writer();
    r.key(i, sdkKey);
    t.beginObject();
    if (r.hasValue(i)) {
        if (r[i].type() != simdjson::dom::element_type::OBJECT)
            t.failType(r.discordKey(i), "an object", r[i]);
        TransformWriter::Enter enter(t, r.discordKey(i));
        for (const simdjson::dom::key_value_pair entry : objectOf(r[i])) {
            t.dynamicKey(entry.key);
            TransformWriter::Enter item(t, entry.key);
            fn(t, entry.value);
        }
    }
    t.endObject();
}

void writeDataMap(TransformWriter& t, Element resolved) {
    enum { kChannels, kMembers, kMessages, kRoles, kUsers, kAttachments };
    static const FieldTable table{"channels", "members", "messages", "roles", "users", "attachments"};
    ObjectReader r(t, resolved, table);
    t.beginObject();
    writeRecord(r, kChannels, "channels", writeInteractionChannel);
    writeRecord(r, kMembers, "members", writeInteractionMember);
    writeRecord(r, kMessages, "messages", writeMessage);
    writeRecord(r, kRoles, "roles", writeRole);
    writeRecord(r, kUsers, "users", writeUser);
    writeRecord(r, kAttachments, "attachments", writeAttachment);
    t.endObject();
}

// ---- command data ----
enum OptionField { kOptName, kOptType, kOptValue, kOptOptions, kOptFocused };
const FieldTable& optionTable() {
    static const FieldTable table{"name", "type", "value", "options", "focused"};
    return table;
}

void writeOption(TransformWriter& t, Element option) {
    ObjectReader r(t, option, optionTable());
    t.beginObject();
    r.writeStringOr(kOptName, "name", {});
    const qint64 type = r.integer(kOptType).value_or(0);
    const char* kind = names::optionKind.nameOf(type);
    // {name, type, value} becomes {name, value: {kind, value}}.
    t.key("value");
    r.consume(kOptType);
    if (t.tracing() && r.has(kOptType))
        t.traceConverted("type", r[kOptType], QStringLiteral("value.kind"));
    t.beginObject();
    if (r.boolean(kOptFocused).value_or(false)) {
        // Autocomplete: the text typed so far, whatever the option's type.
        r.consume(kOptFocused);
        t.field("kind", "focused");
        t.key("value");
        std::string_view text;
        if (r.hasValue(kOptValue) && !r[kOptValue].get_string().get(text))
            t.string(text);
        else if (r.hasValue(kOptValue))
            t.string(simdjson::minify(r[kOptValue]));
        else
            t.string({});
        t.key("option_kind");
        if (kind)
            t.string(kind);
        else
            t.integer(type);
    } else {
        t.key("kind");
        if (kind)
            t.string(kind);
        else
            t.integer(type);
        t.key("value");
        if (r.hasValue(kOptValue))
            t.copy(r[kOptValue], false);
        else
            t.null();
    }
    r.consume(kOptValue);
    t.endObject();
    t.endObject();
}

void writeCommandData(TransformWriter& t, ObjectReader& interaction, Element data) {
    enum { kDataName, kDataType, kDataOptions, kDataResolved, kDataTargetId };
    static const FieldTable table{"name", "type", "options", "resolved", "target_id"};
    TransformWriter::Enter enter(t, "data");
    ObjectReader r(t, data, table);
    // Subcommands and groups are the first option (types 1 and 2): the executed command is the
    // innermost one, its parents become parentName / parentParentName.
    std::string_view path[3] = {r.string(kDataName).value_or(std::string_view()), {}, {}};
    int depth = 1;
    Element options;
    bool hasOptions = false;
    if (r.hasValue(kDataOptions)) {
        options = r[kDataOptions];
        hasOptions = true;
    }
    while (hasOptions && depth < 3) {
        simdjson::dom::array list;
        if (options.get_array().get(list))
            t.failType("options", "an array", options);
        if (list.size() != 1)
            break;
        const Element first = list.at(0).value_unsafe();
        int64_t type = 0;
        if (first.type() != simdjson::dom::element_type::OBJECT || first["type"].get_int64().get(type) ||
            (type != 1 && type != 2))
            break;
        std::string_view name;
        if (first["name"].get_string().get(name))
            name = {};
        path[depth++] = name;
        hasOptions = !first["options"].get(options) && !options.is_null();
    }
    t.key("name");
    t.string(path[depth - 1]);
    t.key("parentName");
    t.stringOrNull(depth >= 2 ? path[depth - 2] : std::string_view());
    t.key("parentParentName");
    t.stringOrNull(depth >= 3 ? path[0] : std::string_view());
    r.consume(kDataName);
    if (t.tracing() && depth > 1)
        t.traceConverted("name", r[kDataName],
                         QStringLiteral("name \"%1\" with its parents (a subcommand path of %2)")
                             .arg(QString::fromUtf8(path[depth - 1].data(),
                                                    static_cast<qsizetype>(path[depth - 1].size())))
                             .arg(depth));
    r.writeEnum(kDataType, "kind", names::commandKind, Absent::Null);
    r.writeId(kDataTargetId, "targetId", Absent::Null);
    t.key("isAutocomplete");
    t.boolean(interaction.integer(kType).value_or(0) == 4);
    t.key("options");
    r.consume(kDataOptions);
    if (hasOptions) {
        TransformWriter::Enter at(t, "options");
        writeEach(t, options, writeOption);
    } else {
        t.beginArray();
        t.endArray();
    }
    t.key("dataMap");
    if (r.hasValue(kDataResolved)) {
        r.consume(kDataResolved);
        TransformWriter::Enter at(t, "resolved");
        writeDataMap(t, r[kDataResolved]);
    } else {
        static const QByteArray empty = QByteArrayLiteral(
            R"({"channels":{},"members":{},"messages":{},"roles":{},"users":{},"attachments":{}})");
        t.raw(empty);
    }
}

// ---- modal values ----
void writeModalComponent(TransformWriter& t, Element component) {
    enum { kCType, kCId, kCustomId, kValue, kValues, kComponents, kComponent };
    static const FieldTable table{"type", "id", "custom_id", "value", "values", "components", "component"};
    ObjectReader r(t, component, table);
    const qint64 type = r.integer(kCType).value_or(0);
    t.beginObject();
    r.writeEnum(kCType, "kind", names::componentType, Absent::Null);
    r.writeNumber(kCId, "id", Absent::Omit);
    r.writeString(kCustomId, "customId", Absent::Omit);
    if (type == 1) {
        r.writeArray(kComponents, "components", writeModalComponent);
    } else if (type == 18) {
        r.writeObject(kComponent, "component", writeModalComponent, Absent::Null);
    } else if (type == 23) {
        r.writeBool(kValue, "value", false);
    } else if (r.has(kValues)) {
        r.writeStringArray(kValues, "values");
    } else {
        r.writeCopy(kValue, "value", Absent::Omit);
    }
    t.endObject();
}

} // namespace

void writeCommandInteraction(TransformWriter& t, Element interaction) {
    ObjectReader r(t, interaction, interactionTable());
    if (!r.hasValue(kData))
        t.fail("data", QStringLiteral("is missing"));
    t.beginObject();
    writeEnvelope(r);
    r.consume(kData);
    r.consume(kType);
    writeCommandData(t, r, r[kData]);
    t.endObject();
}

void writeComponentInteraction(TransformWriter& t, Element interaction) {
    enum { kCustomId, kComponentType, kValues, kResolved };
    static const FieldTable dataTable{"custom_id", "component_type", "values", "resolved"};
    ObjectReader r(t, interaction, interactionTable());
    if (!r.hasValue(kData))
        t.fail("data", QStringLiteral("is missing"));
    t.beginObject();
    writeEnvelope(r);
    r.writeString(kGuildLocale, "guildLocale", Absent::Null);
    r.writeString(kLocale, "locale", Absent::Null);
    r.writeObject(kMessage, "message", writeMessage, Absent::Null);
    r.consume(kData);
    {
        TransformWriter::Enter enter(t, "data");
        ObjectReader d(t, r[kData], dataTable);
        d.writeObject(kResolved, "resolved", writeDataMap, Absent::Null);
        d.writeString(kCustomId, "customId", Absent::Required);
        d.writeEnum(kComponentType, "componentType", names::componentType, Absent::Null);
        d.writeStringArray(kValues, "values");
    }
    t.endObject();
}

void writeModalInteraction(TransformWriter& t, Element interaction) {
    enum { kCustomId, kComponents, kResolved };
    static const FieldTable dataTable{"custom_id", "components", "resolved"};
    ObjectReader r(t, interaction, interactionTable());
    if (!r.hasValue(kData))
        t.fail("data", QStringLiteral("is missing"));
    t.beginObject();
    writeEnvelope(r);
    r.writeString(kGuildLocale, "guildLocale", Absent::Null);
    r.writeString(kLocale, "locale", Absent::Null);
    r.writeObject(kMessage, "message", writeMessage, Absent::Null);
    r.consume(kData);
    {
        TransformWriter::Enter enter(t, "data");
        ObjectReader d(t, r[kData], dataTable);
        d.writeObject(kResolved, "resolved", writeDataMap, Absent::Null);
        d.writeString(kCustomId, "customId", Absent::Required);
        d.writeArray(kComponents, "values", writeModalComponent);
    }
    t.endObject();
}

} // namespace botwright::pipeline::detail
