// Runs the HttpClient + settings test project (tests/integration/projects/sdk_http_settings)
// through the real botwright-cli and botwright-vm. Its http script talks to a real HTTP server on
// loopback started here, whose address reaches the script through the project's settings.json.
#include "tests/support/http_test_server.h"
#include "tests/support/qt_catch.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>

namespace {

const QString kProject = QStringLiteral(BOTWRIGHT_SOURCE_DIR "/tests/integration/projects/sdk_http_settings");

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs `botwright-cli test` while this thread's event loop keeps serving HTTP.
Run cliTest(const QString& project) {
    QProcess process;
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer limit;
    limit.setSingleShot(true);
    QObject::connect(&limit, &QTimer::timeout, &loop, &QEventLoop::quit);
    process.start(QStringLiteral(BOTWRIGHT_BIN_DIR "/botwright-cli"),
                  {QStringLiteral("test"), project, QStringLiteral("--timeout"), QStringLiteral("60")});
    limit.start(180000);
    loop.exec();
    REQUIRE(process.state() == QProcess::NotRunning);
    return Run{process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
               QString::fromUtf8(process.readAllStandardError())};
}

void copyScripts(const QString& to) {
    for (const QString& name : QDir(kProject).entryList({QStringLiteral("*.ts")}, QDir::Files))
        REQUIRE(QFile::copy(kProject + u'/' + name, to + u'/' + name));
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

// The project's settings.json with the http script pointed at `baseUrl` and `closedUrl`.
QByteArray settingsFor(const QString& baseUrl, const QString& closedUrl) {
    QFile file(kProject + QStringLiteral("/settings.json"));
    REQUIRE(file.open(QIODevice::ReadOnly));
    QJsonObject settings = QJsonDocument::fromJson(file.readAll()).object();
    REQUIRE(settings.contains(QStringLiteral("settings")));
    settings.insert(QStringLiteral("http"), QJsonObject{{QStringLiteral("baseUrl"), baseUrl},
                                                        {QStringLiteral("closedUrl"), closedUrl}});
    return QJsonDocument(settings).toJson();
}

// A loopback address nothing listens on: a port that was free a moment ago.
QString closedPortUrl() {
    QTcpServer probe;
    REQUIRE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    return QStringLiteral("http://127.0.0.1:%1").arg(port);
}

} // namespace

TEST_CASE("HttpClient and settings work under botwright-cli test", "[cli][runtime][sdk][http]") {
    botwright::test::HttpTestServer server;
    REQUIRE(server.listen());
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    copyScripts(dir.path());
    writeFile(dir.filePath(QStringLiteral("settings.json")), settingsFor(server.baseUrl(), closedPortUrl()));

    const Run r = cliTest(dir.path());
    INFO(r.out.toStdString() << r.err.toStdString());
    CHECK(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("PASSED: 3 of 3 script(s) completed")));
    // The list items without a required field were skipped and said so.
    CHECK(r.out.contains(QStringLiteral("missing required option [role], skipping")));

    // 9 requests reached the server before /count, and the rate limit (1 per second) spaced them:
    // the host starts one at most every 1000 ms, so arrivals are never much closer than that.
    const QList<qint64> arrivals = server.arrivals();
    REQUIRE(arrivals.size() == 9);
    for (qsizetype i = 1; i < arrivals.size(); ++i) {
        INFO("request " << i);
        CHECK(arrivals.at(i) - arrivals.at(i - 1) >= 900);
    }
}

TEST_CASE("a bad settings.json is a clear error naming the file, not a crash", "[cli][runtime][sdk]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    writeFile(dir.filePath(QStringLiteral("a.ts")),
              "const o = script.settings.addOptionString(\"x\", { defaultValue: \"d\" });\n");
    writeFile(dir.filePath(QStringLiteral("settings.json")), "{\n  \"a\": {\"x\": \"stored\",}\n}\n");
    const Run bad = cliTest(dir.path());
    INFO(bad.out.toStdString() << bad.err.toStdString());
    CHECK(bad.exitCode == 1);
    const QString file = dir.filePath(QStringLiteral("settings.json"));
    CHECK(bad.out.contains(file + QStringLiteral(": not valid JSON at line 2")));

    writeFile(file, "{\"a\": \"stored\"}");
    const Run wrongShape = cliTest(dir.path());
    INFO(wrongShape.out.toStdString() << wrongShape.err.toStdString());
    CHECK(wrongShape.exitCode == 1);
    CHECK(wrongShape.out.contains(file + QStringLiteral(": \"a\" must be an object of option values")));
}

TEST_CASE("Image.downloadFromUrl fetches an image through HttpClient", "[cli][runtime][sdk][http][imaging]") {
    botwright::test::HttpTestServer server;
    REQUIRE(server.listen());
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    REQUIRE(QFile::copy(QStringLiteral(BOTWRIGHT_SOURCE_DIR "/tests/integration/projects/sdk/lib.ts"),
                        dir.filePath(QStringLiteral("lib.ts"))));
    writeFile(dir.filePath(QStringLiteral("download.ts")),
              QStringLiteral(
                  "import { Image } from \"botloader\";\n"
                  "import { assertExpectError, assetJsonEquals, check, sendScriptCompletion } from \"lib\";\n"
                  "check(\"download\", async () => {\n"
                  "    const image = await Image.downloadFromUrl(\"%1/image.png\");\n"
                  "    assetJsonEquals({ formatName: \"png\", width: 8, height: 8 }, image.properties);\n"
                  "    const e = await assertExpectError(() => Image.downloadFromUrl(\"%1/missing\"));\n"
                  "    if (!String(e).includes(\"HTTP status 404\")) throw e;\n"
                  "    await sendScriptCompletion(script.name);\n"
                  "});\n")
                  .arg(server.baseUrl())
                  .toUtf8());
    const Run r = cliTest(dir.path());
    INFO(r.out.toStdString() << r.err.toStdString());
    CHECK(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("PASSED: 2 of 2 script(s) completed")));
    CHECK(server.arrivals().size() == 2);
}
