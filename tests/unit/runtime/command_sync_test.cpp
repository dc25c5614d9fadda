// ScriptMeta commands and groups → Discord's application-command JSON (botloader-sdk.md §4.1, §9.1).
#include "engine/runtime/command_sync.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <catch2/catch.hpp>

using botwright::runtime::CommandSync;

namespace {
QJsonArray parse(const char* json) {
    return QJsonDocument::fromJson(json).array();
}
QJsonObject byName(const QJsonArray& list, const QString& name) {
    for (const QJsonValue v : list)
        if (v.toObject().value(QStringLiteral("name")).toString() == name)
            return v.toObject();
    return {};
}
} // namespace

TEST_CASE("slash commands keep their options with Discord's types and limits", "[runtime][commands]") {
    const QJsonArray out =
        CommandSync::toDiscord(parse(R"([{"name": "echo", "description": "Echo", "kind": "Chat",
        "defaultMemberPermissions": "8",
        "options": [
          {"name": "text", "description": "t", "kind": "String", "required": true,
           "extraOptions": {"choices": [{"name": "a", "value": "a"}]}, "autocompleteEnabled": false},
          {"name": "n", "description": "n", "kind": "Integer", "required": false,
           "extraOptions": {"minValue": 1, "maxValue": 5}, "autocompleteEnabled": true},
          {"name": "where", "description": "w", "kind": "Channel", "required": true,
           "extraOptions": {"channelTypes": ["Text", "Forum"]}, "autocompleteEnabled": false}]}])"),
                               {});
    REQUIRE(out.size() == 1);
    const QJsonObject echo = out.first().toObject();
    CHECK(echo.value(QStringLiteral("type")).toInt() == 1);
    CHECK(echo.value(QStringLiteral("default_member_permissions")).toString() == QStringLiteral("8"));
    const QJsonArray options = echo.value(QStringLiteral("options")).toArray();
    REQUIRE(options.size() == 3);
    CHECK(options[0].toObject().value(QStringLiteral("type")).toInt() == 3);
    CHECK(options[0].toObject().value(QStringLiteral("choices")).toArray().size() == 1);
    CHECK(options[1].toObject().value(QStringLiteral("type")).toInt() == 4);
    CHECK(options[1].toObject().value(QStringLiteral("required")).toBool() == false);
    CHECK(options[1].toObject().value(QStringLiteral("min_value")).toInt() == 1);
    CHECK(options[1].toObject().value(QStringLiteral("autocomplete")).toBool());
    CHECK(options[2].toObject().value(QStringLiteral("channel_types")).toArray() == QJsonArray{0, 15});
}

TEST_CASE("groups become sub-command groups, merged across scripts; context commands have no description",
          "[runtime][commands]") {
    const QJsonArray commands = parse(R"([
        {"name": "warn", "description": "Warn", "kind": "Chat", "options": [], "group": "mod", "subGroup": "user"},
        {"name": "purge", "description": "Purge", "kind": "Chat", "options": [], "group": "mod"},
        {"name": "ban", "description": "Ban", "kind": "Chat", "options": [], "group": "mod", "subGroup": "user"},
        {"name": "Inspect", "description": "", "kind": "User", "options": []},
        {"name": "Quote", "description": "", "kind": "Message", "options": []}])");
    const QJsonArray groups = parse(R"([
        {"name": "mod", "description": "Moderation", "subGroups": [{"name": "user", "description": "Users"}],
         "defaultMemberPermissions": "4"},
        {"name": "mod", "description": "Other script", "subGroups": []}])");
    const QJsonArray out = CommandSync::toDiscord(commands, groups);
    REQUIRE(out.size() == 3);
    const QJsonObject mod = byName(out, QStringLiteral("mod"));
    CHECK(mod.value(QStringLiteral("description")).toString() == QStringLiteral("Moderation"));
    CHECK(mod.value(QStringLiteral("default_member_permissions")).toString() == QStringLiteral("4"));
    const QJsonArray children = mod.value(QStringLiteral("options")).toArray();
    const QJsonObject user = byName(children, QStringLiteral("user"));
    CHECK(user.value(QStringLiteral("type")).toInt() == 2);
    CHECK(user.value(QStringLiteral("options")).toArray().size() == 2);
    CHECK(byName(children, QStringLiteral("purge")).value(QStringLiteral("type")).toInt() == 1);
    const QJsonObject inspect = byName(out, QStringLiteral("Inspect"));
    CHECK(inspect.value(QStringLiteral("type")).toInt() == 2);
    CHECK_FALSE(inspect.contains(QStringLiteral("description")));
    CHECK(byName(out, QStringLiteral("Quote")).value(QStringLiteral("type")).toInt() == 3);
}
