// RestClient uploads over real sockets against the sandbox: multipart bodies with payload_json and
// files[n], retried after a 429 with the same bytes, refused before sending when too large, and the
// attachment URLs served by the sandbox's HTTP front.
#include "engine/rest/rest_client.h"
#include "engine/sandbox/rest_api.h"
#include "engine/sandbox/sandbox_server.h"
#include "tests/support/qt_catch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include <optional>

using namespace botwright;
using rest::HttpMethod;
using rest::RestClient;
using rest::RestClientOptions;
using rest::RestFile;
using rest::RestRequest;
using rest::RestResponse;

namespace {

const QString kMessages = QStringLiteral("/channels/1113768910127104000/messages");

RestClientOptions fastOptions() {
    RestClientOptions options;
    options.backoffBaseMs = 20;
    options.backoffMaxMs = 160;
    return options;
}

RestResponse call(RestClient& client, const RestRequest& request) {
    std::optional<RestResponse> out;
    QObject context;
    client.request(request, &context, [&](const RestResponse& r) { out = r; });
    REQUIRE(QTest::qWaitFor([&] { return out.has_value(); }, 10000));
    return *out;
}

RestRequest upload(const QList<RestFile>& files, const QByteArray& json = R"({"content":"files"})") {
    RestRequest r;
    r.method = HttpMethod::Post;
    r.path = kMessages;
    r.jsonBody = json;
    r.files = files;
    return r;
}

QByteArray download(const QString& url, QByteArray* contentType = nullptr) {
    QNetworkAccessManager network;
    QNetworkReply* reply = network.get(QNetworkRequest(QUrl(url)));
    REQUIRE(QTest::qWaitFor([&] { return reply->isFinished(); }, 10000));
    if (contentType)
        *contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    const QByteArray body =
        reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200
            ? reply->readAll()
            : QByteArray("HTTP ") + reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toByteArray();
    delete reply;
    return body;
}

} // namespace

TEST_CASE("RestClient sends files as multipart and the sandbox serves them back", "[rest][uploads]") {
    sandbox::SandboxServer server;
    REQUIRE(server.start());
    RestClient client(server.restBase(), server.world().botToken(), fastOptions());
    QByteArray binary(300000, '\0');
    for (int i = 0; i < binary.size(); ++i)
        binary[i] = static_cast<char>((i * 31) % 251);
    binary.insert(5000, "\r\n--\r\n");
    const RestResponse r = call(
        client, upload({{1, QStringLiteral("notes.txt"), {}, "line one\r\nline two"},
                        {2, QStringLiteral("blob.bin"), {}, binary}},
                       R"({"content":"files","attachments":[{"id":1,"description":"notes"},{"id":2}]})"));
    INFO(r.errorMessage.toStdString() << r.body.toStdString());
    REQUIRE(r.ok());
    const QJsonArray attachments = QJsonDocument::fromJson(r.body).object().value("attachments").toArray();
    REQUIRE(attachments.size() == 2);
    CHECK(attachments[0]["description"].toString() == QStringLiteral("notes"));
    CHECK(attachments[1]["size"].toInt() == binary.size());
    QByteArray type;
    CHECK(download(attachments[0]["url"].toString(), &type) == "line one\r\nline two");
    CHECK(type == "text/plain; charset=utf-8");
    CHECK(download(attachments[1]["url"].toString()) == binary);
    CHECK(download(attachments[1]["proxy_url"].toString()) == binary);
}

TEST_CASE("RestClient resends the same upload after a 429", "[rest][uploads]") {
    sandbox::SandboxServer server;
    REQUIRE(server.start());
    server.faults().restFailureStatus = 429;
    server.faults().restFailuresLeft = 1;
    RestClient client(server.restBase(), server.world().botToken(), fastOptions());
    const RestResponse r = call(client, upload({{1, QStringLiteral("again.txt"), {}, "same bytes"}}));
    INFO(r.errorMessage.toStdString());
    REQUIRE(r.ok());
    CHECK(r.retries == 1);
    const QJsonArray attachments = QJsonDocument::fromJson(r.body).object().value("attachments").toArray();
    REQUIRE(attachments.size() == 1);
    CHECK(download(attachments[0]["url"].toString()) == "same bytes");
}

TEST_CASE("RestClient refuses an upload over the limits before sending it", "[rest][uploads]") {
    sandbox::SandboxServer server;
    REQUIRE(server.start());
    RestClientOptions options = fastOptions();
    options.attachmentSizeLimit = 1000;
    options.maxRequestBytes = 3000;
    RestClient client(server.restBase(), server.world().botToken(), options);
    const qint64 served = server.rest().requestsServed();

    RestResponse r = call(client, upload({{1, QStringLiteral("big.bin"), {}, QByteArray(1001, 'x')}}));
    CHECK_FALSE(r.ok());
    CHECK(r.errorClass == QStringLiteral("DiscordGenericErrorResponse"));
    CHECK(r.errorMessage.startsWith(QStringLiteral("Discord.GenericError: 40005: Request entity too large")));
    CHECK(r.errorMessage.contains(QStringLiteral("\"big.bin\"")));
    CHECK(r.errorMessage.contains(QStringLiteral("not sent")));
    r = call(client, upload({{1, QStringLiteral("a"), {}, QByteArray(1000, 'a')},
                             {2, QStringLiteral("b"), {}, QByteArray(1000, 'b')},
                             {3, QStringLiteral("c"), {}, QByteArray(1000, 'c')}}));
    CHECK(r.errorMessage.contains(QStringLiteral("a request may have at most")));
    CHECK(server.rest().requestsServed() == served); // nothing reached the server

    // The sandbox's own limit answers the same way when the client's is higher.
    server.options().attachmentSizeLimit = 500;
    r = call(client, upload({{1, QStringLiteral("mid.bin"), {}, QByteArray(800, 'm')}}));
    CHECK(r.status == 413);
    CHECK(r.errorMessage == QStringLiteral("Discord.GenericError: 40005: Request entity too large"));
}
