#include "engine/capture/redaction.h"
#include "tests/support/qt_catch.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace botwright::capture;

namespace {
const QString kToken =
    QStringLiteral("MTE5NjU0MzIxMDk4NzY1NDMyMQ.GhJkLm.abcdefghijklmnopqrstuvwxyz0123456789AB");
const QByteArray kTokenBytes = kToken.toUtf8();

QByteArray identify(const QString& token) {
    return QStringLiteral("{\"op\":2,\"d\":{\"token\":\"%1\",\"intents\":33281,"
                          "\"properties\":{\"os\":\"linux\",\"browser\":\"x\",\"device\":\"x\"}}}")
        .arg(token)
        .toUtf8();
}

QJsonObject parse(const QByteArray& json) {
    return QJsonDocument::fromJson(json).object();
}
} // namespace

TEST_CASE("redactFrame replaces d.token in Identify and Resume and keeps the rest as written") {
    const QByteArray out = redactFrame(identify(kToken));
    CHECK_FALSE(out.contains(kTokenBytes));
    CHECK(out == identify(QStringLiteral("[redacted]")));

    const QByteArray bot = redactFrame(identify(QStringLiteral("Bot ") + kToken));
    CHECK_FALSE(bot.contains(kTokenBytes));
    CHECK(parse(bot)["d"].toObject()["token"].toString() == QStringLiteral("[redacted]"));

    const QByteArray resume =
        QStringLiteral("{\"op\":6,\"d\":{\"token\":\"%1\",\"session_id\":\"abc\",\"seq\":1337}}")
            .arg(kToken)
            .toUtf8();
    const QByteArray resumed = redactFrame(resume);
    CHECK_FALSE(resumed.contains(kTokenBytes));
    CHECK(parse(resumed)["d"].toObject()["seq"].toInt() == 1337);
    CHECK(parse(resumed)["d"].toObject()["session_id"].toString() == QStringLiteral("abc"));

    // Whitespace, key order, escaped quotes inside the token string.
    const QByteArray pretty =
        QStringLiteral("{\n  \"d\" : {\n    \"token\" :  \"%1\\\"x\"\n  },\n  \"op\" : 2\n}")
            .arg(kToken)
            .toUtf8();
    const QByteArray prettyOut = redactFrame(pretty);
    CHECK_FALSE(prettyOut.contains(kTokenBytes));
    CHECK(parse(prettyOut)["d"].toObject()["token"].toString() == QStringLiteral("[redacted]"));
}

TEST_CASE("redactFrame catches a key spelled with escapes and unparseable frames") {
    const QByteArray escaped =
        QStringLiteral("{\"op\":2,\"d\":{\"\\u0074oken\":\"%1\",\"intents\":1}}").arg(kToken).toUtf8();
    const QByteArray out = redactFrame(escaped);
    CHECK_FALSE(out.contains(kTokenBytes));
    CHECK(parse(out)["d"].toObject()["token"].toString() == QStringLiteral("[redacted]"));

    const QByteArray broken =
        QStringLiteral("{\"op\":2,\"d\":{\"token\":\"%1\",\"intents\":").arg(kToken).toUtf8();
    CHECK_FALSE(redactFrame(broken).contains(kTokenBytes));
    const QByteArray unterminated = QStringLiteral("{\"op\":2,\"d\":{\"token\":\"%1").arg(kToken).toUtf8();
    CHECK_FALSE(redactFrame(unterminated).contains(kTokenBytes));
}

TEST_CASE("redactFrame leaves other frames alone, without copying") {
    const QByteArray heartbeat = QByteArrayLiteral("{\"op\":1,\"d\":251}");
    const QByteArray out = redactFrame(heartbeat);
    CHECK(out == heartbeat);
    CHECK(out.constData() == heartbeat.constData());
    // An interaction token is not the bot token: dispatches keep it.
    const QByteArray interaction = QByteArrayLiteral(
        "{\"op\":0,\"t\":\"INTERACTION_CREATE\",\"s\":3,\"d\":{\"token\":\"aW50ZXJhY3Rpb24\"}}");
    CHECK(redactFrame(interaction) == interaction);
}

TEST_CASE("Redactor replaces registered secrets anywhere: content, error strings, Bot prefix") {
    Redactor r;
    CHECK(r.addSecret(kToken));
    CHECK_FALSE(r.addSecret(kToken)); // known
    CHECK_FALSE(r.addSecret(QStringLiteral("short")));
    CHECK_FALSE(r.addSecret(QStringLiteral("redacted"))); // would make redaction grow each pass
    CHECK(r.secretCount() == 1);

    const QByteArray content = QStringLiteral("{\"op\":0,\"t\":\"MESSAGE_CREATE\",\"s\":7,\"d\":{\"content\":"
                                              "\"oops my token is %1 lol\",\"id\":\"1\"}}")
                                   .arg(kToken)
                                   .toUtf8();
    const QByteArray redacted = r.redact(content);
    CHECK_FALSE(redacted.contains(kTokenBytes));
    CHECK(parse(redacted)["d"].toObject()["content"].toString() ==
          QStringLiteral("oops my token is [redacted] lol"));

    const QByteArray error =
        QStringLiteral("{\"message\":\"401: Unauthorized (Authorization: Bot %1)\",\"code\":0}")
            .arg(kToken)
            .toUtf8();
    const QByteArray errorOut = r.redact(error);
    CHECK_FALSE(errorOut.contains(kTokenBytes));
    CHECK(errorOut.contains("Bot [redacted]"));

    // Identify with the prefix, twice in one frame, and already-redacted input stays stable.
    const QByteArray both = r.redact(identify(QStringLiteral("Bot ") + kToken).replace("linux", kTokenBytes));
    CHECK_FALSE(both.contains(kTokenBytes));
    CHECK(r.redact(both) == both);
    CHECK(r.redact(redacted) == redacted);

    const QByteArray clean = QByteArrayLiteral("{\"op\":11}");
    CHECK(r.redact(clean).constData() == clean.constData());
}

TEST_CASE("Redactor learns the token from an Identify and catches it later in free text") {
    Redactor r;
    CHECK_FALSE(r.redact(identify(QStringLiteral("Bot ") + kToken)).contains(kTokenBytes));
    CHECK(r.secretCount() >= 1);
    const QByteArray later =
        QStringLiteral("{\"op\":0,\"t\":\"MESSAGE_CREATE\",\"s\":2,\"d\":{\"content\":\"%1\"}}")
            .arg(kToken)
            .toUtf8();
    CHECK_FALSE(r.redact(later).contains(kTokenBytes));
    r.clearSecrets();
    CHECK(r.secretCount() == 0);
    CHECK(r.redact(later) == later);
}

TEST_CASE("Redactor also matches the JSON-escaped spelling of a secret") {
    Redactor r;
    const QString secret = QStringLiteral("abc/def\"ghi\\jkl");
    REQUIRE(r.addSecret(secret));
    const QByteArray plain = QByteArrayLiteral("{\"a\":\"abc/def\\\"ghi\\\\jkl\"}");
    const QByteArray slashed = QByteArrayLiteral("{\"a\":\"abc\\/def\\\"ghi\\\\jkl\"}");
    CHECK(r.redact(plain) == QByteArrayLiteral("{\"a\":\"[redacted]\"}"));
    CHECK(r.redact(slashed) == QByteArrayLiteral("{\"a\":\"[redacted]\"}"));
}
