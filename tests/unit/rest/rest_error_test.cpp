// RestError: Discord responses as Botloader host error classes and messages (botloader-sdk.md §12).
#include "engine/rest/rest_error.h"
#include "tests/support/qt_catch.h"

using botwright::rest::RestError;

TEST_CASE("2xx is not an error") {
    CHECK_FALSE(RestError::fromResponse(200, "{}").isError());
    CHECK_FALSE(RestError::fromResponse(204, {}).isError());
}

TEST_CASE("Discord error bodies map to the Botloader classes and messages") {
    struct Case {
        int status;
        const char* body;
        const char* errorClass;
        const char* message;
    };
    const Case cases[] = {
        {404, R"({"message":"Unknown Message","code":10008})", "DiscordNotFoundError",
         "Discord.NotFoundError: 10008: Unknown Message"},
        {404, R"({"message":"404: Not Found","code":0})", "DiscordNotFoundError",
         "Discord.NotFoundError: 0: 404: Not Found"},
        {403, R"({"message":"Missing Permissions","code":50013})", "DiscordPermissionsError",
         "Discord.PermissionsError: 50013: Missing Permissions"},
        {400, R"j({"message":"Maximum number of pins reached (250)","code":30003})j",
         "DiscordLimitReachedError",
         "Discord.LimitReachedError: 30003: Maximum number of pins reached (250)"},
        {400, R"({"message":"edge","code":40000})", "DiscordLimitReachedError",
         "Discord.LimitReachedError: 40000: edge"},
        {400, R"({"message":"Interaction has already been acknowledged.","code":40060})",
         "DiscordGenericErrorResponse",
         "Discord.GenericError: 40060: Interaction has already been acknowledged."},
        {400,
         R"({"code":50035,"message":"Invalid Form Body","errors":{"content":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 2000 or fewer in length."}]}}})",
         "DiscordFormError",
         R"(Discord.FormError: 50035: Invalid Form Body - {"content":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 2000 or fewer in length."}]}})"},
        {400, R"({"code":50035,"message":"Invalid Form Body"})", "DiscordGenericErrorResponse",
         "Discord.GenericError: 50035: Invalid Form Body"},
        {401, R"({"message":"401: Unauthorized","code":0})", "DiscordGenericErrorResponse",
         "Discord.GenericError: 0: 401: Unauthorized"},
        {429, R"({"message":"You are being rate limited.","retry_after":1.5,"global":false})",
         "DiscordGenericErrorResponse", "Discord.GenericError: 0: You are being rate limited."},
        {502, R"({"message":"Bad Gateway","code":0})", "DiscordServerErrorResponse",
         "Discord.ServerError: Discord failed handling the request (5xx response), http status: 502, code: "
         "0, "
         "message: Bad Gateway"},
        {503, "<html>upstream down</html>", "DiscordServerErrorResponse",
         "Discord.ServerError: Discord failed handling the request (5xx response), http status: 503, code: "
         "0, "
         "message: <html>upstream down</html>"},
        {302, "", "DiscordGenericErrorResponse",
         "Discord.GenericError: An error occurred with the discord API, http status: 302, code: 0, "
         "message: "},
    };
    for (const Case& c : cases) {
        INFO(c.status << " " << c.body);
        const RestError error = RestError::fromResponse(c.status, QByteArray(c.body));
        CHECK(error.errorClass == QLatin1String(c.errorClass));
        CHECK(error.message == QString::fromUtf8(c.message));
    }
}

TEST_CASE("a request without a response is a plain Error that says what failed") {
    const RestError error =
        RestError::network(QStringLiteral("Connection refused"), QStringLiteral("GET /channels/1"));
    CHECK(error.errorClass == QStringLiteral("Error"));
    CHECK(error.message.contains(QStringLiteral("GET /channels/1")));
    CHECK(error.message.contains(QStringLiteral("Connection refused")));
}
