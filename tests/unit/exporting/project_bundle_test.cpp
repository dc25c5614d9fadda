// The portable bundle: round trip, the tar layout other tools read, and refusal of damaged or
// hostile bundles.
#include "engine/exporting/project_bundle.h"
#include "engine/exporting/workspace_state.h"
#include "tests/support/sync_test_support.h"

#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstring>
#include <zstd.h>

using namespace botwright::exporting;
using botwright::testing::readFile;
using botwright::testing::writeFile;

namespace {

QByteArray unzstd(const QByteArray& bytes) {
    const unsigned long long size =
        ZSTD_getFrameContentSize(bytes.constData(), static_cast<size_t>(bytes.size()));
    REQUIRE(size != ZSTD_CONTENTSIZE_ERROR);
    REQUIRE(size != ZSTD_CONTENTSIZE_UNKNOWN);
    QByteArray out(static_cast<qsizetype>(size), Qt::Uninitialized);
    REQUIRE(ZSTD_decompress(out.data(), static_cast<size_t>(out.size()), bytes.constData(),
                            static_cast<size_t>(bytes.size())) == size);
    return out;
}

QByteArray zstd(const QByteArray& bytes) {
    QByteArray out(static_cast<qsizetype>(ZSTD_compressBound(static_cast<size_t>(bytes.size()))),
                   Qt::Uninitialized);
    out.resize(
        static_cast<qsizetype>(ZSTD_compress(out.data(), static_cast<size_t>(out.size()), bytes.constData(),
                                             static_cast<size_t>(bytes.size()), 3)));
    return out;
}

// The offset of the tar header whose name starts with `name` (headers sit on 512-byte boundaries).
qsizetype headerOffset(const QByteArray& tar, const QByteArray& name) {
    for (qsizetype at = 0; at + 512 <= tar.size(); at += 512)
        if (tar.mid(at, name.size()) == name && tar.mid(at + 257, 5) == "ustar")
            return at;
    return -1;
}

} // namespace

TEST_CASE("a bundle round-trips a project's scripts and manifest", "[bundle]") {
    const QMap<QString, QByteArray> scripts{{QStringLiteral("hello"), "console.log('hi');\n"},
                                            {QStringLiteral("ünï"), QString::fromUtf8("// ✓\n").toUtf8()},
                                            {QStringLiteral("empty"), QByteArray()}};
    const QDateTime created = QDateTime::fromString(QStringLiteral("2025-03-01T12:00:00Z"), Qt::ISODate);
    const QByteArray bytes = bundle::build(
        QStringLiteral("demo"), scripts,
        QJsonObject{{QStringLiteral("guild"), QJsonObject{{QStringLiteral("id"), QStringLiteral("42")}}}},
        created);
    REQUIRE(bytes.startsWith(QByteArray::fromHex("28b52ffd")));
    // The same input gives the same bytes.
    CHECK(bundle::build(QStringLiteral("demo"), scripts, {}, created) ==
          bundle::build(QStringLiteral("demo"), scripts, {}, created));

    QString error;
    const std::optional<bundle::Contents> contents = bundle::read(bytes, &error);
    REQUIRE(contents);
    CHECK(contents->scripts == scripts);
    CHECK(contents->manifest.project == QStringLiteral("demo"));
    CHECK(contents->manifest.created == created);
    CHECK(contents->manifest.scripts.size() == 3);
    CHECK(
        contents->manifest.botloader.value(QStringLiteral("guild")).toObject().value(QStringLiteral("id")) ==
        QStringLiteral("42"));
    CHECK(contents->manifest.generator.startsWith(QStringLiteral("Botwright Studio")));

    // A plain (uncompressed) tar of the same entries reads too.
    CHECK(bundle::read(unzstd(bytes), &error));
}

TEST_CASE("tar can list and extract a bundle", "[bundle]") {
    const QString tar = QStandardPaths::findExecutable(QStringLiteral("tar"));
    if (tar.isEmpty()) {
        WARN("no tar on this machine; not checked");
        return;
    }
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("b.tar"));
    writeFile(file, unzstd(bundle::build(QStringLiteral("p"), {{QStringLiteral("a"), "AAA\n"}})));
    QProcess process;
    process.setWorkingDirectory(dir.path());
    process.start(tar, {QStringLiteral("-xf"), file});
    REQUIRE(process.waitForFinished(10000));
    CHECK(process.exitCode() == 0);
    CHECK(readFile(dir.filePath(QStringLiteral("scripts/a.ts"))) == "AAA\n");
    CHECK(QJsonDocument::fromJson(readFile(dir.filePath(QStringLiteral("manifest.json"))))
              .object()
              .value(QStringLiteral("format"))
              .toString() == QStringLiteral("botwright-bundle"));
}

TEST_CASE("damaged and hostile bundles are refused with a reason", "[bundle]") {
    QString error;
    const QByteArray good = unzstd(bundle::build(QStringLiteral("p"), {{QStringLiteral("a"), "AAA\n"}}));

    CHECK_FALSE(bundle::read(QByteArray("not a bundle at all"), &error));
    CHECK_FALSE(error.isEmpty());

    // A changed script byte: the sha256 in the manifest no longer matches.
    QByteArray tampered = good;
    const qsizetype at = tampered.indexOf("AAA\n");
    REQUIRE(at > 0);
    tampered[at] = 'B';
    error.clear();
    CHECK_FALSE(bundle::read(tampered, &error));
    CHECK(error.contains(QStringLiteral("does not match")));

    // A broken header checksum.
    QByteArray broken = good;
    broken[10] = 'X';
    CHECK_FALSE(bundle::read(broken, &error));
    CHECK(error.contains(QStringLiteral("damaged")));

    // Truncated zstd.
    const QByteArray compressed = zstd(good);
    CHECK_FALSE(bundle::read(compressed.left(compressed.size() / 2), &error));

    // A path outside scripts/ with ".." is not a script; a symlink entry is refused.
    QByteArray escape = good;
    const qsizetype name = headerOffset(escape, "scripts/a.ts");
    REQUIRE(name > 0);
    // Rebuild the header as "scripts/../../x.ts", with a correct checksum.
    QByteArray entry = escape.mid(name, 512);
    std::memset(entry.data(), 0, 100);
    std::memcpy(entry.data(), "scripts/../../x.ts", 18);
    std::memset(entry.data() + 148, ' ', 8);
    unsigned sum = 0;
    for (const char c : entry)
        sum += static_cast<unsigned char>(c);
    const QByteArray checksum = QByteArray::number(sum, 8).rightJustified(6, '0');
    std::memcpy(entry.data() + 148, checksum.constData(), 6);
    entry[154] = '\0';
    escape.replace(name, 512, entry);
    CHECK_FALSE(bundle::read(escape, &error));
    CHECK(error.contains(QStringLiteral("not a script file")));

    QByteArray link = good;
    QByteArray linkHeader = link.mid(name, 512);
    linkHeader[156] = '2';
    std::memset(linkHeader.data() + 148, ' ', 8);
    sum = 0;
    for (const char c : linkHeader)
        sum += static_cast<unsigned char>(c);
    std::memcpy(linkHeader.data() + 148, QByteArray::number(sum, 8).rightJustified(6, '0').constData(), 6);
    linkHeader[154] = '\0';
    link.replace(name, 512, linkHeader);
    CHECK_FALSE(bundle::read(link, &error));
    CHECK(error.contains(QStringLiteral("not a plain file")));

    // A zstd bomb: more than the limit once unpacked.
    const QByteArray bomb = zstd(QByteArray(bundle::kMaxUncompressedBytes + 1024, '\0'));
    CHECK(bomb.size() < 1024 * 1024);
    CHECK_FALSE(bundle::read(bomb, &error));
    CHECK(error.contains(QStringLiteral("refused")));
}

TEST_CASE("exportProject and importBundle move a project between folders", "[bundle]") {
    QTemporaryDir dir;
    const QString source = dir.filePath(QStringLiteral("src"));
    writeFile(source + QStringLiteral("/one.ts"), "1\n");
    writeFile(source + QStringLiteral("/two.ts"), "2\n");
    writeFile(source + QStringLiteral("/notes.txt"), "not a script");
    WorkspaceState state =
        WorkspaceState::create(source, QJsonObject{{QStringLiteral("id"), QStringLiteral("77")},
                                                   {QStringLiteral("name"), QStringLiteral("G")}});
    QString error;
    REQUIRE(state.save(&error));
    const QString file = dir.filePath(QStringLiteral("out/src.botwright.tar.zst"));
    QDir().mkpath(dir.filePath(QStringLiteral("out")));
    int count = 0;
    REQUIRE(bundle::exportProject(source, file, &error, &count));
    CHECK(count == 2);

    const QString target = dir.filePath(QStringLiteral("dst"));
    std::optional<bundle::ImportResult> imported = bundle::importBundle(file, target, false, &error);
    REQUIRE(imported);
    CHECK(imported->written == QStringList{QStringLiteral("one"), QStringLiteral("two")});
    CHECK(imported->manifest.botloader.value(QStringLiteral("guild"))
              .toObject()
              .value(QStringLiteral("name")) == QStringLiteral("G"));
    CHECK(readFile(target + QStringLiteral("/one.ts")) == "1\n");
    CHECK_FALSE(QFile::exists(target + QStringLiteral("/.botloader"))); // a link belongs to a folder

    // Again: identical scripts are left alone.
    imported = bundle::importBundle(file, target, false, &error);
    REQUIRE(imported);
    CHECK(imported->identical.size() == 2);
    CHECK(imported->written.isEmpty());

    // A local edit stops the import unless overwrite, which backs it up first.
    writeFile(target + QStringLiteral("/two.ts"), "edited\n");
    CHECK_FALSE(bundle::importBundle(file, target, false, &error));
    CHECK(error.contains(QStringLiteral("two")));
    CHECK(readFile(target + QStringLiteral("/two.ts")) == "edited\n");
    imported = bundle::importBundle(file, target, true, &error);
    REQUIRE(imported);
    CHECK(imported->replaced == QStringList{QStringLiteral("two")});
    REQUIRE(imported->backups.size() == 1);
    CHECK(readFile(imported->backups[0]) == "edited\n");
    CHECK(readFile(target + QStringLiteral("/two.ts")) == "2\n");
}
