#include "engine/protocol/json_writer.h"
#include "tests/support/qt_catch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using botwright::protocol::JsonWriter;

TEST_CASE("JsonWriter writes compact JSON that parses back to the same values") {
    const QString tricky =
        QStringLiteral("quote \" backslash \\ newline \n tab \t bell \x07 emoji 😀 é </script>");
    JsonWriter w;
    w.beginObject();
    w.field("text", tricky);
    w.field("number", qint64{-9007199254740991});
    w.fieldBool("yes", true);
    w.fieldNull("nothing");
    w.fieldId("id", 18446744073709551615ULL);
    w.fieldId("none", 0, true);
    w.fieldStringOrNull("empty", QString());
    w.key("list");
    w.beginArray();
    w.number(1);
    w.beginObject();
    w.endObject();
    w.beginArray();
    w.endArray();
    w.raw(QByteArrayLiteral("{\"pre\":[1,2]}"));
    w.endArray();
    w.endObject();

    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(w.bytes(), &error);
    REQUIRE(error.error == QJsonParseError::NoError);
    const QJsonObject o = doc.object();
    CHECK(o.value(QStringLiteral("text")).toString() == tricky);
    CHECK(o.value(QStringLiteral("number")).toInteger() == -9007199254740991);
    CHECK(o.value(QStringLiteral("yes")).toBool());
    CHECK(o.value(QStringLiteral("nothing")).isNull());
    CHECK(o.value(QStringLiteral("id")).toString() == QStringLiteral("18446744073709551615"));
    CHECK(o.value(QStringLiteral("none")).isNull());
    CHECK(o.value(QStringLiteral("empty")).isNull());
    const QJsonArray list = o.value(QStringLiteral("list")).toArray();
    REQUIRE(list.size() == 4);
    CHECK(list[3].toObject().value(QStringLiteral("pre")).toArray().size() == 2);
    CHECK(!w.bytes().contains('\n')); // compact, control characters escaped
    CHECK(w.bytes().contains("\\u0007"));
}
