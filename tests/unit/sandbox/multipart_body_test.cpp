// The sandbox's multipart/form-data reader: well-formed bodies as clients send them, binary data with
// CRLF and boundary look-alikes inside, and every kind of malformed body it must refuse.
#include "engine/rest/multipart_writer.h"
#include "engine/sandbox/multipart_body.h"
#include "tests/support/qt_catch.h"

using botwright::rest::MultipartWriter;
using botwright::rest::RestFile;
using botwright::sandbox::MultipartBody;

namespace {

const QByteArray kType = "multipart/form-data; boundary=XyZ";

QByteArray crlf(QByteArray text) {
    return text.replace("\n", "\r\n");
}

QByteArray twoParts() {
    return crlf("--XyZ\n"
                "Content-Disposition: form-data; name=\"payload_json\"\n"
                "Content-Type: application/json\n"
                "\n"
                "{\"content\":\"hi\"}\n"
                "--XyZ\n"
                "Content-Disposition: form-data; name=\"files[0]\"; filename=\"a.txt\"\n"
                "Content-Type: text/plain\n"
                "\n"
                "hello\n"
                "--XyZ--\n");
}

} // namespace

TEST_CASE("multipart: the boundary comes from the Content-Type", "[sandbox][multipart]") {
    QString error;
    CHECK(MultipartBody::boundaryOf("multipart/form-data; boundary=abc", &error) == "abc");
    CHECK(MultipartBody::boundaryOf("Multipart/Form-Data;boundary=\"a b'c\"", &error) == "a b'c");
    CHECK(MultipartBody::boundaryOf("multipart/form-data; charset=utf-8; boundary=----x", &error) == "----x");
    CHECK(MultipartBody::boundaryOf("multipart/form-data", &error).isEmpty());
    CHECK(error.contains(QStringLiteral("no boundary")));
    CHECK(MultipartBody::boundaryOf("multipart/form-data; boundary=", &error).isEmpty());
    CHECK(MultipartBody::boundaryOf("multipart/form-data; boundary=\"unterminated", &error).isEmpty());
    CHECK(
        MultipartBody::boundaryOf("multipart/form-data; boundary=" + QByteArray(71, 'a'), &error).isEmpty());
    CHECK(MultipartBody::boundaryOf("multipart/form-data; boundary=a\x01b", &error).isEmpty());
    CHECK(MultipartBody::boundaryOf("multipart/form-data; boundary=a; boundary=b", &error).isEmpty());
    CHECK(error.contains(QStringLiteral("twice")));
    CHECK(MultipartBody::boundaryOf("application/json", &error).isEmpty());
    CHECK(error.contains(QStringLiteral("not multipart/form-data")));
}

TEST_CASE("multipart: fields, files, names and types are read", "[sandbox][multipart]") {
    const MultipartBody body = MultipartBody::parse(kType, twoParts());
    INFO(body.errorMessage().toStdString());
    REQUIRE(body.ok());
    REQUIRE(body.parts().size() == 2);
    const auto* payload = body.part("payload_json");
    REQUIRE(payload);
    CHECK(payload->data == "{\"content\":\"hi\"}");
    CHECK_FALSE(payload->hasFilename);
    CHECK(payload->contentType == "application/json");
    const auto* file = body.part("files[0]");
    REQUIRE(file);
    CHECK(file->hasFilename);
    CHECK(file->filename == QStringLiteral("a.txt"));
    CHECK(file->contentType == "text/plain");
    CHECK(file->data == "hello");
    CHECK(body.part("files[1]") == nullptr);
}

TEST_CASE("multipart: preamble, epilogue, transport padding and parts without a type",
          "[sandbox][multipart]") {
    const QByteArray text = crlf("This is a preamble.\n"
                                 "--XyZ  \t\n"
                                 "content-disposition: form-data; name=content\n"
                                 "\n"
                                 "plain text\n"
                                 "--XyZ--\n"
                                 "an epilogue, ignored\n");
    const MultipartBody body = MultipartBody::parse(kType, text);
    INFO(body.errorMessage().toStdString());
    REQUIRE(body.ok());
    REQUIRE(body.parts().size() == 1);
    CHECK(body.parts()[0].name == "content");
    CHECK(body.parts()[0].data == "plain text");
    CHECK(body.parts()[0].contentType.isEmpty());
}

TEST_CASE("multipart: file names, quoted, escaped, RFC 5987 and with directories", "[sandbox][multipart]") {
    const auto nameOf = [](const QByteArray& disposition) {
        const QByteArray text = crlf("--XyZ\nContent-Disposition: " + disposition + "\n\nx\n--XyZ--\n");
        const MultipartBody body = MultipartBody::parse(kType, text);
        INFO(body.errorMessage().toStdString());
        REQUIRE(body.ok());
        return body.parts().at(0).filename;
    };
    CHECK(nameOf("form-data; name=\"f\"; filename=\"semi;colon.txt\"") == QStringLiteral("semi;colon.txt"));
    CHECK(nameOf("form-data; name=\"f\"; filename=\"a \\\"quoted\\\" name.txt\"") ==
          QStringLiteral("a \"quoted\" name.txt"));
    CHECK(nameOf("form-data; name=\"f\"; filename=\"C:\\\\Users\\\\me\\\\photo.png\"") ==
          QStringLiteral("photo.png"));
    CHECK(nameOf("form-data; name=\"f\"; filename=\"../../etc/passwd\"") == QStringLiteral("passwd"));
    CHECK(nameOf("form-data; name=\"f\"; filename=\"plain\"; filename*=UTF-8''%C3%A9t%C3%A9.txt") ==
          QStringLiteral("été.txt"));
    CHECK(nameOf(QStringLiteral("form-data; name=\"f\"; filename=\"grüße.txt\"").toUtf8()) ==
          QStringLiteral("grüße.txt"));
}

TEST_CASE("multipart: binary data with CRLF and boundary look-alikes inside stays intact",
          "[sandbox][multipart]") {
    QByteArray data;
    for (int i = 0; i < 256; ++i)
        data += static_cast<char>(i);
    data += "\r\na--XyZ is no delimiter: it does not start a line\r\n";
    data += "\r\n--Xy\r\n\r\n-XyZ\r\n--\r\n"; // boundary-like runs that are not the delimiter
    data += QByteArray("\0\0\r\n\r\n", 6);
    const QByteArray text =
        "--XyZ\r\nContent-Disposition: form-data; name=\"files[3]\"; filename=\"b.bin\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\n" +
        data + "\r\n--XyZ--\r\n";
    const MultipartBody body = MultipartBody::parse(kType, text);
    INFO(body.errorMessage().toStdString());
    REQUIRE(body.ok());
    REQUIRE(body.parts().size() == 1);
    CHECK(body.parts()[0].data == data);
    CHECK(body.parts()[0].data.size() == data.size());
}

TEST_CASE("multipart: what MultipartWriter sends reads back byte for byte", "[sandbox][multipart][rest]") {
    QByteArray binary(70000, '\0');
    for (int i = 0; i < binary.size(); ++i)
        binary[i] = static_cast<char>((i * 7919) & 0xff);
    binary.insert(100, "\r\n--\r\n\r\n");
    const QList<RestFile> files{{1, QStringLiteral("one.txt"), "text/plain", "first file"},
                                {2, QStringLiteral("two \"2\".bin"), {}, binary},
                                {7, QStringLiteral("empty"), {}, {}}};
    const QByteArray payload = "{\"content\":\"x\",\"attachments\":[]}";
    const MultipartWriter writer(payload, files);
    CHECK(writer.boundary().size() >= 32);
    CHECK(MultipartWriter("{}", files).boundary() != writer.boundary()); // random each time
    const MultipartBody body = MultipartBody::parse(writer.contentType(), writer.body());
    INFO(body.errorMessage().toStdString());
    REQUIRE(body.ok());
    REQUIRE(body.parts().size() == 4);
    CHECK(body.part("payload_json")->data == "{\"content\":\"x\",\"attachments\":[]}");
    CHECK(body.part("files[1]")->data == "first file");
    CHECK(body.part("files[1]")->contentType == "text/plain");
    CHECK(body.part("files[2]")->data == binary);
    CHECK(body.part("files[2]")->filename == QStringLiteral("two %222%22.bin")); // WHATWG: quotes as %22
    CHECK(body.part("files[2]")->contentType == "application/octet-stream");
    CHECK(body.part("files[7]")->data.isEmpty());
    CHECK(MultipartWriter::sizeFor(payload.size(), files) >= writer.body().size());
}

TEST_CASE("multipart: malformed bodies are refused with a reason", "[sandbox][multipart]") {
    const auto refused = [](const QByteArray& contentType, const QByteArray& text, const char* reason) {
        const MultipartBody body = MultipartBody::parse(contentType, text);
        INFO(text.toStdString());
        CHECK_FALSE(body.ok());
        CHECK(body.error() == MultipartBody::Error::Malformed);
        CHECK(body.errorMessage().contains(QLatin1String(reason)));
        CHECK(body.parts().empty());
    };
    const QByteArray good = twoParts();
    refused("multipart/form-data", good, "no boundary");
    refused("multipart/form-data; boundary=Other", good, "does not contain the boundary");
    refused(kType, "", "does not contain the boundary");
    refused(kType, QByteArray(good).replace("\r\n", "\n"), "");               // bare LF everywhere
    refused(kType, good.left(good.size() - 9), "not followed by a boundary"); // no closing delimiter
    refused(kType, QByteArray(good).replace("--XyZ--\r\n", "--XyZ"), "closing boundary");
    refused(kType,
            QByteArray(good).replace("--XyZ\r\nContent-Disposition: form-data; name=\"files",
                                     "--XyZjunk\r\nContent-Disposition: form-data; name=\"files"),
            "followed by CRLF");
    refused(kType, crlf("--XyZ\nContent-Type: text/plain\n\nx\n--XyZ--\n"), "no Content-Disposition");
    refused(kType, crlf("--XyZ\nContent-Disposition: attachment; name=\"a\"\n\nx\n--XyZ--\n"), "form-data");
    refused(kType, crlf("--XyZ\nContent-Disposition: form-data; filename=\"a\"\n\nx\n--XyZ--\n"), "no name");
    refused(kType, crlf("--XyZ\nContent-Disposition: form-data; name=\"a\n\nx\n--XyZ--\n"), "unterminated");
    refused(kType, crlf("--XyZ\nContent-Disposition: form-data;\n name=\"a\"\n\nx\n--XyZ--\n"), "folded");
    refused(kType, crlf("--XyZ\nContent-Disposition: form-data; name=a\nno colon here\n\nx\n--XyZ--\n"),
            "no name");
    refused(kType, crlf("--XyZ\nContent-Disposition: form-data; name=a\n"), "do not end");
    refused(kType,
            crlf("--XyZ\nContent-Disposition: form-data; name=a\nContent-Transfer-Encoding: "
                 "base64\n\nx\n--XyZ--\n"),
            "base64");
    refused(kType,
            crlf("--XyZ\nContent-Disposition: form-data; name=a\n\n1\n--XyZ\n"
                 "Content-Disposition: form-data; name=a\n\n2\n--XyZ--\n"),
            "appears twice");
    refused(
        kType,
        crlf("--XyZ\nContent-Disposition: form-data; name=a\nContent-Disposition: form-data; name=b\n\nx\n"
             "--XyZ--\n"),
        "appears twice");
    refused(kType, crlf("--XyZ\nContent-Disposition: form-data; name=a; filename*=latin9''x\n\nx\n--XyZ--\n"),
            "filename*");
    refused(kType,
            crlf("--XyZ\nContent-Disposition: form-data; name=a\nContent-Type: nonsense\n\nx\n--XyZ--\n"),
            "media type");
}

TEST_CASE("multipart: limits on parts, headers and part sizes", "[sandbox][multipart]") {
    MultipartBody::Limits limits;
    limits.maxParts = 2;
    QByteArray three;
    for (int i = 0; i < 3; ++i)
        three +=
            crlf("--XyZ\nContent-Disposition: form-data; name=\"f" + QByteArray::number(i) + "\"\n\nx\n");
    three += "--XyZ--\r\n";
    MultipartBody body = MultipartBody::parse(kType, three, limits);
    CHECK(body.error() == MultipartBody::Error::Malformed);
    CHECK(body.errorMessage().contains(QStringLiteral("more than 2 parts")));

    limits = {};
    limits.maxHeaderBytes = 64;
    body = MultipartBody::parse(
        kType,
        crlf("--XyZ\nContent-Disposition: form-data; name=\"" + QByteArray(200, 'n') + "\"\n\nx\n--XyZ--\n"),
        limits);
    CHECK(body.errorMessage().contains(QStringLiteral("longer than 64 bytes")));

    // A huge part: found with one forward search and refused as too large, not as malformed.
    limits = {};
    limits.maxPartBytes = 4 * 1024 * 1024;
    const QByteArray big(5 * 1024 * 1024, 'z');
    const QByteArray huge =
        "--XyZ\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"big\"\r\n\r\n" + big +
        "\r\n--XyZ--\r\n";
    body = MultipartBody::parse(kType, huge, limits);
    CHECK(body.error() == MultipartBody::Error::TooLarge);
    CHECK(body.errorMessage().contains(QStringLiteral("5242880 bytes")));
    limits.maxPartBytes = 6 * 1024 * 1024;
    body = MultipartBody::parse(kType, huge, limits);
    REQUIRE(body.ok());
    CHECK(body.parts()[0].data.size() == big.size());
}
